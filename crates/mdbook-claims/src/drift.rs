//! `{{#toolchain-drift}}`: the "Toolchain drift" appendix, from the reports in
//! `src/measured/drift/<toolchain>.json` (format in `proof::drift`, written by `ci/drift.sh <toolchain>`).
//! Each report gets a heading (the toolchain, its `rustc -V`, the day of the run, the pinned release it is
//! compared with), a summary, a table of every claim in the report's order (flips first) and the compiler
//! output that changed. A claim whose line is news also gets a line in its box ([`box_line`]).

use crate::render::{Citation, claim_link, esc, figure_text, prose};
use proof::drift::{ClaimDrift, DriftReport, Moved, There};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// The HTML id of a report's section (its first citation): `drift-` and the toolchain name.
pub fn anchor_id(toolchain: &str) -> String {
    let name: String = toolchain
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("drift-{name}")
}

/// What a claim did there, in words, and its CSS class (next to `holds` and `fails`).
fn there_str(t: There) -> (&'static str, &'static str) {
    match t {
        There::Holds => ("holds", "holds"),
        There::Fails => ("fails", "fails"),
        There::NotMeasured => ("not measured", "not-measured"),
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

/// `name: pinned → there`, escaped.
fn moved_html(m: &Moved) -> String {
    esc(&format!(
        "{}: {} → {}",
        figure_label(&m.figure),
        figure_text(&m.pinned),
        figure_text(&m.there)
    ))
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

/// The line in a claim's box for a report line that is news (see `ClaimDrift::is_news`), linked to the
/// report's section when `href` is given.
pub fn box_line(r: &DriftReport, c: &ClaimDrift, href: Option<&str>) -> String {
    let toolchain = match href {
        Some(href) => format!("<a href=\"{}\">{}</a>", esc(href), esc(&r.toolchain)),
        None => esc(&r.toolchain),
    };
    let mut news = Vec::new();
    if c.flipped {
        news.push(format!("this claim flips: {} there", there_str(c.there).0));
    }
    if !c.moved.is_empty() {
        let moved: Vec<String> = c.moved.iter().map(moved_html).collect();
        news.push(format!("figures moved ({})", moved.join(", ")));
    }
    if c.compiler_output_changed == Some(true) {
        news.push("the compiler's output changed".to_string());
    }
    format!(
        "<p class=\"claim-drift{}\"><span class=\"claim-label\">On {toolchain}</span> ({}): {}</p>",
        if c.flipped { " flipped" } else { "" },
        esc(&r.describe),
        news.join("; ")
    )
}

/// The `{{#toolchain-drift}}` section of every report, for its `n`-th citation (from 0, which gives the
/// HTML ids) in the chapter at `here`. Returns the HTML and warnings (a report made against another
/// pinned release).
pub fn html(
    reports: &[DriftReport],
    n: usize,
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
    let mut h = String::new();
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
        // The report's own groups: flips, then other news (moved figures, changed compiler output).
        let flipped = r.claims.iter().filter(|c| c.flipped).count();
        let moved = r
            .claims
            .iter()
            .filter(|c| !c.flipped && c.is_news())
            .count();
        let _ = write!(
            h,
            "<p class=\"drift-summary\">{} claims: {flipped} flipped, {moved} moved, {} unchanged.</p>",
            r.claims.len(),
            r.claims.len() - flipped - moved
        );
        h.push_str(
            "<div class=\"table-wrapper\"><table class=\"drift-claims\"><thead><tr><th>Claim</th><th>Kind</th>\
             <th>There</th><th>Flipped</th><th>Figures that moved</th><th>Compiler output</th><th>Failure</th>\
             </tr></thead><tbody>",
        );
        for c in &r.claims {
            let (there, there_class) = there_str(c.there);
            let flipped_cell = if c.flipped {
                "<span class=\"drift-flipped\">flipped</span>"
            } else {
                "—"
            };
            let moved_cell = if c.moved.is_empty() {
                "—".to_string()
            } else {
                c.moved
                    .iter()
                    .map(moved_html)
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            let output_cell = match c.compiler_output_changed {
                Some(true) => "<span class=\"drift-changed\">changed</span>",
                Some(false) => "unchanged",
                None => "—",
            };
            let failure_cell = c.failure.as_ref().map_or_else(
                || "—".to_string(),
                |f| {
                    format!(
                        "<details class=\"drift-failure\"><summary>Message</summary><pre>{}</pre></details>",
                        esc(f)
                    )
                },
            );
            let _ = write!(
                h,
                "<tr{}><td>{}</td><td>{}</td><td><span class=\"claim-verdict {there_class}\">{there}</span></td>\
                 <td>{flipped_cell}</td><td class=\"drift-moved\">{moved_cell}</td><td>{output_cell}</td>\
                 <td>{failure_cell}</td></tr>",
                if c.flipped { " class=\"flipped\"" } else { "" },
                claim_link(&c.id, citations, here),
                c.kind.as_str()
            );
        }
        h.push_str("</tbody></table></div>");
        if !r.compiler_output.is_empty() {
            h.push_str(
                "<p class=\"drift-label\">Compiler output that changed (<code>tests/ui/cases/</code>):</p>",
            );
            for (case, diff) in &r.compiler_output {
                let _ = write!(
                    h,
                    "<details class=\"drift-diff\"><summary>Case <code>{}</code></summary>\
                     <pre><code class=\"language-diff\">{}</code></pre></details>",
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
