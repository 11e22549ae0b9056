//! `{{#toolchain-drift}}`: the "Toolchain drift" appendix, from the reports in
//! `src/measured/drift/<toolchain>.json` (format in `proof::drift`, written by `ci/drift.sh <toolchain>`).
//! Each report gets a heading (the toolchain, its `rustc -V`, the day of the run, the pinned release it is
//! compared with), a summary, a table of every claim in the report's order (flips first) and the compiler
//! output that changed. A claim whose line is news also gets a line in its box ([`box_line`]).

use crate::html::{Citation, claim_link, esc, prose};
use proof::drift::{ClaimDrift, DriftReport, Moved, There};
use proof::evidence::Evidence;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Why claims flip under some toolchains, from evidence: one `[[flip]]` of `src/appendix/drift-explained.toml`.
/// Every flip of every report that is not expected (a claim about the stable channel on a nightly) must
/// have one, and every one must match a flip: the book build fails otherwise ([`check_explained`]).
#[derive(serde::Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Explained {
    /// Report names (`debian-1.96`, `nightly`).
    pub toolchains: Vec<String>,
    /// Claim IDs.
    pub claims: Vec<String>,
    /// The cause, and the evidence that shows it (a figure of another claim, a compiler's target
    /// specification, an upstream change).
    pub why: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ExplainedFile {
    #[serde(default)]
    flip: Vec<Explained>,
}

/// `src/appendix/drift-explained.toml`, relative to the book root.
pub fn explained_path(src: &Path) -> PathBuf {
    src.join("appendix").join("drift-explained.toml")
}

/// The explanations (none when the file does not exist).
pub fn load_explained(root: &Path, src: &Path) -> Result<Vec<Explained>, String> {
    let path = explained_path(src);
    let Ok(text) = std::fs::read_to_string(root.join(&path)) else { return Ok(Vec::new()) };
    toml::from_str::<ExplainedFile>(&text).map(|f| f.flip).map_err(|e| format!("{}: {e}", path.display()))
}

/// The explanation of `id`'s flip on `toolchain`, if any.
pub fn explanation<'a>(all: &'a [Explained], toolchain: &str, id: &str) -> Option<&'a Explained> {
    all.iter().find(|e| e.toolchains.iter().any(|t| t == toolchain) && e.claims.iter().any(|c| c == id))
}

/// Problems: a flip that needs reading and has no explanation, and an explanation naming a (toolchain,
/// claim) pair that does not flip in any report.
pub fn check_explained(reports: &[DriftReport], evidence: &BTreeMap<String, Evidence>, explained: &[Explained], file: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for r in reports {
        for c in r.claims.iter().filter(|c| c.flipped && !expected_flip(c, evidence.get(&c.id))) {
            if explanation(explained, &r.toolchain, &c.id).is_none() {
                problems.push(format!(
                    "{}: claim `{}` flips on `{}` and no [[flip]] explains why: find the cause in the evidence and add one, or fix the harness",
                    file.display(),
                    c.id,
                    r.toolchain
                ));
            }
        }
    }
    for e in explained {
        for t in &e.toolchains {
            for id in &e.claims {
                let flips = reports.iter().any(|r| &r.toolchain == t && r.claim(id).is_some_and(|c| c.flipped));
                if !flips {
                    problems.push(format!("{}: explains `{id}` on `{t}`, which does not flip there (or has no report): remove it", file.display()));
                }
            }
        }
    }
    problems
}

/// The HTML id of a report's section (its first citation): `drift-` and the toolchain name.
pub fn anchor_id(toolchain: &str) -> String {
    let name: String = toolchain.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' }).collect();
    format!("drift-{name}")
}

/// What a claim did there, in words, and its CSS class (next to `holds` and `fails`).
fn there_str(t: There) -> (&'static str, &'static str) {
    match t {
        There::Holds => ("holds", "holds"),
        There::Fails => ("fails", "fails"),
        There::NotMeasured => ("not measured", "not-measured"),
        There::NotJudged => ("not judged", "not-judged"),
    }
}

/// A figure of a report line: `figures.<name>` is the subject's, `control.figures.<name>` the control's.
fn figure_label(field: &str) -> String {
    if let Some(name) = field.strip_prefix("control.figures.") {
        format!("{name} (control)")
    } else {
        field.strip_prefix("figures.").unwrap_or(field).to_string()
    }
}

/// `name: pinned → there`, escaped, with the change in percent for numbers.
fn moved_html(m: &Moved) -> String {
    let pct = relative_move(m).map_or(String::new(), |p| format!(" ({p:+.1}%)"));
    esc(&format!("{}: {} → {}{pct}", figure_label(&m.figure), crate::prose::format_figure(&m.pinned), crate::prose::format_figure(&m.there)))
}

/// How far a number moved, in percent of the pinned value.
fn relative_move(m: &Moved) -> Option<f64> {
    let (a, b) = (m.pinned.as_f64()?, m.there.as_f64()?);
    (a != 0.0).then(|| (b - a) / a * 100.0)
}

/// Whether a report was made against another release than the one the book pins now.
pub fn is_stale(r: &DriftReport, pinned: &str) -> bool {
    r.pinned.trim() != pinned.trim()
}

pub fn stale_message(r: &DriftReport, pinned: &str) -> String {
    format!(
        "This report compares with the evidence of rustc {}; the book pins {}: it is stale until `ci/drift.sh {}` runs again",
        r.pinned, pinned, r.toolchain
    )
}

/// The HTML id of a claim's entry in one report's list (the matrix row is [`crate::matrix::row_anchor`]).
fn entry_anchor(toolchain: &str, id: &str) -> String {
    format!("{}-claim-{}", anchor_id(toolchain), id.replace('.', "-"))
}

/// Whether a flip is expected: the claim is about the stable channel itself, which the other toolchain
/// (a nightly) cannot judge.
fn expected_flip(c: &ClaimDrift, ev: Option<&Evidence>) -> bool {
    c.flipped && ev.is_some_and(|e| e.stable_only)
}

/// The `{{#toolchain-drift}}` section of every report, for its `n`-th citation (from 0, which gives the
/// HTML ids) in the chapter at `here`: a summary written from the report (the flips, expected ones apart,
/// and the largest moves), then every claim's line, folded. Returns the HTML and warnings (a report made
/// against another pinned release).
pub fn html(
    reports: &[DriftReport],
    explained: &[Explained],
    n: usize,
    evidence: &BTreeMap<String, Evidence>,
    citations: &BTreeMap<String, Vec<Citation>>,
    here: &Path,
    pinned: &str,
) -> (String, Vec<String>) {
    if reports.is_empty() {
        return (
            "<p class=\"drift-none\">No drift report has been made yet. <code>ci/drift.sh nightly</code> makes one \
             for the nightly toolchain (or <code>ci/drift.sh beta</code>, or any other installed toolchain); \
             the next build of the book shows it here.</p>"
                .to_string(),
            Vec::new(),
        );
    }
    let mut warnings = Vec::new();
    let mut h = crate::matrix::html(reports, evidence, citations, here, pinned);
    for r in reports {
        let id = crate::nth_anchor(anchor_id(&r.toolchain), n);
        let stale = is_stale(r, pinned);
        let _ = write!(
            h,
            "<div class=\"drift-report{}\"><h2 id=\"{id}\"><a class=\"header\" href=\"#{id}\">On <code>{}</code></a></h2>",
            if stale { " stale" } else { "" },
            esc(&r.toolchain),
            id = esc(&id)
        );
        if stale {
            let message = stale_message(r, pinned);
            let _ = write!(h, "<p class=\"claim-stale-banner\">{}</p>", prose(&message));
            warnings.push(format!("drift report `{}`: {message}", r.toolchain));
        }
        let _ = write!(
            h,
            "<p class=\"drift-meta\">{}; run on {}, against the blessed evidence of rustc {}.</p>",
            esc(&r.describe),
            esc(&r.date),
            esc(&r.pinned)
        );
        let ev = |c: &ClaimDrift| evidence.get(&c.id);
        let expected: Vec<&ClaimDrift> = r.claims.iter().filter(|c| expected_flip(c, ev(c))).collect();
        let real: Vec<&ClaimDrift> = r.claims.iter().filter(|c| c.flipped && !expected_flip(c, ev(c))).collect();
        let not_judged: Vec<&ClaimDrift> = r.claims.iter().filter(|c| c.there == There::NotJudged).collect();
        let moved: Vec<&ClaimDrift> = r.claims.iter().filter(|c| !c.flipped && c.there != There::NotJudged && c.is_news()).collect();
        let same = r.claims.len() - expected.len() - real.len() - moved.len() - not_judged.len();
        let _ = write!(
            h,
            "<p class=\"drift-summary\">Of {} claims, {same} hold there with the same figures and {} hold with figures that moved. \
             {} flip: {} that need reading, and {} expected (claims about the stable channel, which this toolchain cannot judge).{}</p>",
            r.claims.len(),
            moved.len(),
            real.len() + expected.len(),
            real.len(),
            expected.len(),
            if not_judged.is_empty() { String::new() } else { format!(" {} could not be judged there (see each reason below).", not_judged.len()) }
        );
        let statement = |c: &ClaimDrift| ev(c).map_or(String::new(), |e| format!(" {}", prose(&e.statement)));
        let first_line = |f: &str| {
            let line = f.lines().next().unwrap_or("");
            let cut: String = line.chars().take(220).collect();
            if cut.len() < line.len() { format!("{cut}…") } else { cut }
        };
        if !real.is_empty() {
            h.push_str("<h3>Flips to read</h3><ul class=\"drift-flips\">");
            for c in &real {
                let why = c.failure.as_deref().map_or(String::new(), |f| format!("<br><span class=\"drift-why\">{}</span>", esc(&first_line(f))));
                let cause = explanation(explained, &r.toolchain, &c.id)
                    .map_or(String::new(), |e| format!("<br><span class=\"drift-explained\"><strong>Why:</strong> {}</span>", prose(&e.why)));
                let _ = write!(h, "<li>{}{}{why}{cause}</li>", claim_link(&c.id, citations, here), statement(c));
            }
            h.push_str("</ul>");
        }
        if !not_judged.is_empty() {
            h.push_str("<h3>Not judged there</h3><ul class=\"drift-flips not-judged\">");
            for c in &not_judged {
                let why = c.failure.as_deref().map_or(String::new(), |f| format!("<br><span class=\"drift-why\">{}</span>", esc(&first_line(f))));
                let _ = write!(h, "<li>{}{}{why}</li>", claim_link(&c.id, citations, here), statement(c));
            }
            h.push_str("</ul>");
        }
        if !expected.is_empty() {
            h.push_str("<h3>Expected flips</h3><ul class=\"drift-flips expected\">");
            for c in &expected {
                let _ = write!(h, "<li>{}{}</li>", claim_link(&c.id, citations, here), statement(c));
            }
            h.push_str("</ul>");
        }
        let mut moves: Vec<(&ClaimDrift, &Moved, f64)> =
            r.claims.iter().flat_map(|c| c.moved.iter().filter_map(move |m| relative_move(m).map(|p| (c, m, p)))).collect();
        moves.sort_by(|a, b| b.2.abs().total_cmp(&a.2.abs()));
        if !moves.is_empty() {
            h.push_str("<h3>The largest moves</h3><ul class=\"drift-moves\">");
            for (c, m, _) in moves.iter().take(8) {
                let _ = write!(h, "<li>{}: {}</li>", claim_link(&c.id, citations, here), moved_html(m));
            }
            h.push_str("</ul>");
        }
        let _ = write!(
            h,
            "<details class=\"drift-all\"><summary>Every claim on {} ({})</summary><ul class=\"drift-claims\">",
            esc(&r.toolchain),
            r.claims.len()
        );
        for c in &r.claims {
            let (there, there_class) = there_str(c.there);
            let mut parts = vec![format!("<span class=\"claim-verdict {there_class}\">{there}</span>")];
            if c.flipped {
                parts.push(if expected_flip(c, ev(c)) {
                    "flipped, as expected".into()
                } else {
                    "<span class=\"drift-flipped\">flipped</span>".into()
                });
            }
            if c.compiler_output_changed == Some(true) {
                parts.push("compiler output changed".into());
            }
            let moved = if c.moved.is_empty() {
                String::new()
            } else {
                format!("<ul>{}</ul>", c.moved.iter().map(|m| format!("<li>{}</li>", moved_html(m))).collect::<String>())
            };
            let failure = c
                .failure
                .as_ref()
                .map_or(String::new(), |f| format!("<details class=\"drift-failure\"><summary>Message</summary><pre>{}</pre></details>", esc(f)));
            let _ = write!(
                h,
                "<li id=\"{}\">{} ({}): {}{moved}{failure}</li>",
                esc(&entry_anchor(&r.toolchain, &c.id)),
                claim_link(&c.id, citations, here),
                c.kind.as_str(),
                parts.join(", ")
            );
        }
        h.push_str("</ul></details>");
        if !r.compiler_output.is_empty() {
            h.push_str("<p class=\"drift-label\">Compiler output that changed (<code>tests/ui/cases/</code>):</p>");
            for (case, diff) in &r.compiler_output {
                let _ = write!(
                    h,
                    "<details class=\"drift-diff\"><summary>Case <code>{}</code></summary><pre><code class=\"language-diff\">{}</code></pre></details>",
                    esc(case),
                    esc(diff)
                );
            }
        }
        h.push_str("</div>");
    }
    (h, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_and_figure_labels() {
        assert_eq!(anchor_id("nightly"), "drift-nightly");
        assert_eq!(anchor_id("1.97.0"), "drift-1-97-0");
        assert_eq!(figure_label("figures.instructions"), "instructions");
        assert_eq!(figure_label("control.figures.size"), "size (control)");
    }
}
