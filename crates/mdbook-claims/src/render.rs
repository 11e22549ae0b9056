//! HTML for claim boxes, the claims ledger and the sources table (plots: `plot.rs`; wall-clock boxes:
//! `shown.rs`; the toolchain drift appendix: `drift.rs`).
//!
//! Every fragment is a single line of balanced HTML: mdBook 0.5 parses raw HTML with a tokenizer that
//! does not close tags implicitly, and a markdown HTML block ends at the first blank line, so newlines
//! (in code) are written as `&#10;`.

use crate::untestable::Untestable;
use crate::{drift, source};
use proof::drift::DriftReport;
use proof::evidence::{Evidence, SourceVerdict, Verdict};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Component, Path, PathBuf};

/// What a box needs besides its evidence.
#[derive(Debug, Clone)]
pub struct RenderContext {
    /// The book root (the repository root): check paths are relative to it.
    pub root: PathBuf,
    /// The toolchain pinned by `rust-toolchain.toml`.
    pub pinned: String,
    /// `[preprocessor.claims] repository-url`, without a trailing slash.
    pub repository_url: Option<String>,
    /// The toolchain drift reports (`src/measured/drift/<toolchain>.json`), by toolchain.
    pub drift: Vec<DriftReport>,
    /// The chapter that shows them (`{{#toolchain-drift}}`), which a box's drift line links to.
    pub drift_page: Option<PathBuf>,
}

/// Where a claim is cited: a chapter (path relative to the book's src dir) and the box's HTML id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub chapter_path: PathBuf,
    pub chapter_name: String,
    pub anchor: String,
}

/// The HTML id of the first box of a claim: `claim-` and the ID with dots turned into dashes.
pub fn anchor_id(id: &str) -> String {
    format!("claim-{}", id.replace('.', "-"))
}

/// Evidence measured on another toolchain than the pinned one.
pub fn is_stale(ev: &Evidence, pinned: &str) -> bool {
    ev.rustc.trim() != pinned.trim()
}

pub fn stale_message(ev: &Evidence, pinned: &str) -> String {
    format!(
        "Measured on rustc {}; the book pins {}: these figures are stale until `BLESS=1 cargo test` re-measures them",
        ev.rustc, pinned
    )
}

/// HTML-escapes text; newlines become `&#10;` so a fragment stays on one line.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes prose and renders its `code spans` (evidence text is written in markdown's inline style).
pub fn prose(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return esc(s);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", esc(p))
            } else {
                esc(p)
            }
        })
        .collect()
}

/// A figure as written in the evidence file: numbers and bools exactly as in the JSON, strings unquoted.
pub fn figure_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A profile setting in Cargo's spelling: `lto = "fat"`, `opt-level = 3`.
pub fn setting_text(key: &str, v: &Value) -> String {
    format!("{key} = {v}")
}

/// A profile: its name, then its settings in Cargo's spelling.
pub fn profile_html(p: &proof::evidence::ProfileRecord) -> String {
    let mut out = format!("<code>{}</code>", esc(&p.name));
    if !p.settings.is_empty() {
        out.push_str(": ");
        let settings: Vec<String> = p
            .settings
            .iter()
            .map(|(k, v)| format!("<code>{}</code>", esc(&setting_text(k, v))))
            .collect();
        out.push_str(&settings.join(", "));
    }
    out
}

fn verdict_str(v: Verdict) -> &'static str {
    match v {
        Verdict::Holds => "holds",
        Verdict::Fails => "fails",
    }
}

/// The CSS class of a seed verdict: confirmed, refuted, outdated, or qualified ("holds only when …").
pub fn source_verdict_class(verdict: &str) -> &'static str {
    let v = verdict.trim().to_ascii_lowercase();
    if v.starts_with("confirmed") {
        "confirmed"
    } else if v.starts_with("refuted") {
        "refuted"
    } else if v.starts_with("outdated") {
        "outdated"
    } else {
        "qualified"
    }
}

fn source_verdict_html(s: &SourceVerdict) -> String {
    format!(
        "<span class=\"source-verdict {}\">{}</span>",
        source_verdict_class(&s.verdict),
        prose(&s.verdict)
    )
}

/// The environment key and the comparison rule of the claim's kind, folded.
fn environment_html(ev: &Evidence) -> String {
    let rule = match proof::policy::rule(ev.kind) {
        proof::policy::Rule::Exact => "figures must be identical on every machine with this toolchain".to_string(),
        proof::policy::Rule::ExactOnSameMachine => format!(
            "figures are exact on a machine with the same CPU model and level, C library and C compiler; elsewhere numbers may move by {}%",
            proof::policy::TOLERANCE_PERCENT
        ),
    };
    if ev.environment.is_empty() {
        return format!("<dt>Compared</dt><dd>{}</dd>", esc(&rule));
    }
    let items: String = ev.environment.iter().map(|(k, v)| format!("<li>{}: <code>{}</code></li>", esc(k), esc(&figure_text(v)))).collect();
    format!(
        "<dt>Environment</dt><dd><details class=\"claim-environment\"><summary>{} keys; {}</summary><ul>{items}</ul></details></dd>",
        ev.environment.len(),
        esc(&rule)
    )
}

/// The code the subject and the control were measured on, side by side (stacked on a narrow screen),
/// folded; empty when the check kept no excerpt.
fn code_html(ev: &Evidence) -> String {
    let sides = [("claim-subject", "Subject", &ev.setting, &ev.code), ("claim-control", "Control", &ev.control.setting, &ev.control.code)];
    if sides.iter().all(|s| s.3.is_none()) {
        return String::new();
    }
    let mut h = String::from("<details class=\"claim-code\"><summary>The code measured: subject and control</summary><div class=\"claim-code-pair\">");
    for (class, label, setting, code) in sides {
        let Some(code) = code else { continue };
        let mut text = code.text.clone();
        if code.omitted > 0 {
            let _ = write!(text, "\n… {} more lines", code.omitted);
        }
        let _ = write!(
            h,
            "<figure class=\"{class}\"><figcaption><span class=\"claim-label\">{label}</span> ({}): {}</figcaption>\
             <pre><code class=\"language-{}\">{}</code></pre></figure>",
            prose(setting),
            esc(&code.title),
            // mdBook's highlight.js knows x86asm but not LLVM IR or MIR: those stay plain.
            if code.lang == "x86asm" { "x86asm" } else { "plaintext" },
            esc(&text)
        );
    }
    h.push_str("</div></details>");
    h
}

/// The claim box, in the chapter at `here`. Returns the HTML and warnings (stale evidence, a check whose
/// source cannot be shown).
pub fn claim_box(
    ev: &Evidence,
    anchor: &str,
    here: &Path,
    cx: &RenderContext,
) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let verdict = verdict_str(ev.verdict);
    let stale = is_stale(ev, &cx.pinned);
    let mut h = String::new();
    let _ = write!(
        h,
        "<div class=\"claim {verdict}{}\" id=\"{}\">",
        if stale { " stale" } else { "" },
        esc(anchor)
    );
    if stale {
        warnings.push(format!(
            "claim `{}`: {}",
            ev.id,
            stale_message(ev, &cx.pinned)
        ));
        let _ = write!(
            h,
            "<p class=\"claim-stale-banner\">{}</p>",
            prose(&stale_message(ev, &cx.pinned))
        );
    }
    let _ = write!(
        h,
        "<p class=\"claim-head\"><span class=\"claim-verdict {verdict}\">{verdict}</span> \
         <span class=\"claim-kind\">{}</span> <a class=\"claim-id\" href=\"#{}\"><code>{}</code></a></p>",
        ev.kind.as_str(),
        esc(anchor),
        esc(&ev.id)
    );
    let _ = write!(
        h,
        "<p class=\"claim-statement\">{}</p>",
        prose(&ev.statement)
    );
    let _ = write!(
        h,
        "<p class=\"claim-predicate\"><span class=\"claim-label\">What the check asserts:</span> {}</p>",
        prose(&ev.predicate)
    );
    if let Some(failure) = &ev.failure {
        let _ = write!(
            h,
            "<p class=\"claim-failure\"><span class=\"claim-label\">Why it fails:</span> {}</p>",
            prose(failure)
        );
    }
    // What another toolchain changes, when it changes something.
    for report in &cx.drift {
        if let Some(line) = report.claim(&ev.id).filter(|c| c.is_news()) {
            let href = cx
                .drift_page
                .as_ref()
                .map(|page| relative_link(here, page, Some(&drift::anchor_id(&report.toolchain))));
            h.push_str(&drift::box_line(report, line, href.as_deref()));
        }
    }

    // Figures: one row per name, subject then control.
    let mut names: Vec<&String> = ev.figures.keys().collect();
    names.extend(
        ev.control
            .figures
            .keys()
            .filter(|k| !ev.figures.contains_key(*k)),
    );
    let _ = write!(
        h,
        "<div class=\"table-wrapper\"><table class=\"claim-figures\"><thead><tr><th>Figure</th>\
         <th class=\"claim-subject\">{}</th><th class=\"claim-control\">Control: {}</th></tr></thead><tbody>",
        prose(&ev.setting),
        prose(&ev.control.setting)
    );
    for name in names {
        let cell = |v: Option<&Value>| v.map_or_else(|| "—".to_string(), |v| esc(&figure_text(v)));
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"claim-figure\">{}</td><td class=\"claim-figure\">{}</td></tr>",
            esc(name),
            cell(ev.figures.get(name)),
            cell(ev.control.figures.get(name))
        );
    }
    h.push_str("</tbody></table></div>");
    h.push_str(&code_html(ev));

    let _ = write!(
        h,
        "<dl class=\"claim-meta\"><dt>Profile</dt><dd>{}</dd><dt>Control profile</dt><dd>{}</dd>\
         <dt>Toolchain</dt><dd>{}</dd><dt>Target</dt><dd><code>{}</code></dd>{}</dl>",
        profile_html(&ev.profile),
        if ev.control.profile == ev.profile { "the same as the subject's".to_string() } else { profile_html(&ev.control.profile) },
        esc(&ev.toolchain),
        esc(&ev.target),
        environment_html(ev)
    );

    if !ev.sources.is_empty() {
        h.push_str("<ul class=\"claim-sources\">");
        for s in &ev.sources {
            let _ = write!(
                h,
                "<li>Seed {} ({}) says: {} — {}</li>",
                esc(&s.seed),
                prose(&s.location),
                prose(&s.says),
                source_verdict_html(s)
            );
        }
        h.push_str("</ul>");
    }

    if !ev.rerun.is_empty() {
        let _ = write!(
            h,
            "<p class=\"claim-rerun\"><span class=\"claim-label\">Re-run this check alone</span> (from the repository's root, after \
             <code>ci/install-tools.sh</code>): <code>{}</code></p>",
            esc(&ev.rerun)
        );
    }
    let _ = write!(
        h,
        "<details class=\"claim-check\"><summary>The check: <code>{}</code></summary>",
        esc(&ev.check)
    );
    match source::parse_location(&ev.check) {
        None => {
            warnings.push(format!(
                "claim `{}`: check `{}` is not of the form `path:line`",
                ev.id, ev.check
            ));
            h.push_str("<p class=\"claim-check-missing\">The check's location is not of the form <code>path:line</code>.</p>");
        }
        Some((file, line)) => {
            if let Some(url) = &cx.repository_url {
                let _ = write!(
                    h,
                    "<p class=\"claim-check-link\"><a href=\"{}/blob/main/{}#L{line}\">{}:{line} in the repository</a></p>",
                    esc(url.trim_end_matches('/')),
                    esc(file),
                    esc(file)
                );
            }
            let snippet = std::fs::read_to_string(cx.root.join(file))
                .map_err(|e| format!("cannot read {file}: {e}"))
                .and_then(|text| {
                    source::enclosing_fn(&text, line)
                        .ok_or_else(|| format!("no function in {file} encloses line {line}"))
                });
            match snippet {
                Ok(s) => {
                    let mut code = s.text.clone();
                    if s.omitted > 0 {
                        let _ = write!(code, "\n// … {} more lines", s.omitted);
                    }
                    let _ = write!(
                        h,
                        "<pre><code class=\"language-rust noplayground\">{}</code></pre>",
                        esc(&code)
                    );
                }
                Err(e) => {
                    warnings.push(format!("claim `{}`: check `{}`: {e}", ev.id, ev.check));
                    let _ = write!(h, "<p class=\"claim-check-missing\">{}</p>", esc(&e));
                }
            }
        }
    }
    h.push_str("</details></div>");
    (h, warnings)
}

/// A link from the chapter at `from` to the chapter at `to` (both relative to the src dir, `.md`),
/// to the rendered `.html` page, with an optional `#anchor`.
pub fn relative_link(from: &Path, to: &Path, anchor: Option<&str>) -> String {
    let norm = |p: &Path| -> Vec<String> {
        p.components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    };
    let from_dir = {
        let mut f = norm(from);
        f.pop();
        f
    };
    let mut target = norm(&to.with_extension("html"));
    let common = from_dir
        .iter()
        .zip(&target)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = vec!["..".to_string(); from_dir.len() - common];
    parts.extend(target.drain(common..));
    let mut link = parts.join("/");
    if let Some(a) = anchor {
        link.push('#');
        link.push_str(a);
    }
    link
}

/// A claim's ID linked to its first box (from the chapter at `here`), or marked as not cited.
pub fn claim_link(id: &str, citations: &BTreeMap<String, Vec<Citation>>, here: &Path) -> String {
    match citations.get(id).and_then(|c| c.first()) {
        Some(c) => format!(
            "<a href=\"{}\"><code>{}</code></a>",
            esc(&relative_link(here, &c.chapter_path, Some(&c.anchor))),
            esc(id)
        ),
        None => format!(
            "<code>{}</code> <span class=\"claims-not-cited\">not cited</span>",
            esc(id)
        ),
    }
}

/// What a drift report says of one claim, for the ledger: a short word and the row's filter value.
fn drift_cell(report: &proof::drift::DriftReport, id: &str) -> (&'static str, &'static str) {
    match report.claim(id) {
        None => ("—", "absent"),
        Some(c) if c.flipped => ("flips", "flips"),
        Some(c) if !c.moved.is_empty() || c.compiler_output_changed == Some(true) => ("moved", "moved"),
        Some(_) => ("same", "same"),
    }
}

/// The `{{#claims-ledger}}` table: every evidence file, where it is cited, its status, and what each
/// toolchain drift report says of it. Above it, filters by part (the ID's first word), kind, verdict and
/// drift: the rows carry the values as `data-*` attributes, and `theme/ledger.js` shows the filters
/// (hidden without JavaScript, so a reader without it sees the whole table and no dead controls).
pub fn ledger(
    evidence: &BTreeMap<String, Evidence>,
    citations: &BTreeMap<String, Vec<Citation>>,
    here: &Path,
    pinned: &str,
    drift: &[proof::drift::DriftReport],
) -> String {
    let count = |f: &dyn Fn(&Evidence) -> bool| evidence.values().filter(|e| f(e)).count();
    let holds = count(&|e| e.verdict == Verdict::Holds);
    let stale = count(&|e| is_stale(e, pinned));
    let uncited = count(&|e| !citations.contains_key(&e.id));
    let mut h = format!(
        "<p class=\"claims-ledger-summary\">{} claims: {holds} hold, {} fail, {stale} stale, {uncited} not cited. \
         The book pins rustc {}.</p>",
        evidence.len(),
        evidence.len() - holds,
        esc(pinned)
    );
    let part_of = |id: &str| id.split('.').next().unwrap_or(id).to_string();
    let options = |values: BTreeSet<String>| values.iter().map(|v| format!("<option value=\"{}\">{}</option>", esc(v), esc(v))).collect::<String>();
    let parts: BTreeSet<String> = evidence.keys().map(|id| part_of(id)).collect();
    let kinds: BTreeSet<String> = evidence.values().map(|e| e.kind.as_str().to_string()).collect();
    let verdicts: BTreeSet<String> = evidence.values().map(|e| verdict_str(e.verdict).to_string()).collect();
    let _ = write!(
        h,
        "<form class=\"claims-ledger-filters\" hidden>\
         <label>Part <select data-filter=\"part\"><option value=\"\">all</option>{}</select></label> \
         <label>Kind <select data-filter=\"kind\"><option value=\"\">all</option>{}</select></label> \
         <label>Verdict <select data-filter=\"verdict\"><option value=\"\">all</option>{}</select></label>",
        options(parts),
        options(kinds),
        options(verdicts)
    );
    for (i, r) in drift.iter().enumerate() {
        let _ = write!(
            h,
            " <label>On {} <select data-filter=\"drift-{i}\"><option value=\"\">all</option><option value=\"flips\">flips</option>\
             <option value=\"moved\">figures moved</option><option value=\"same\">the same</option></select></label>",
            esc(&r.toolchain)
        );
    }
    h.push_str(" <output class=\"claims-ledger-shown\"></output></form>");
    h.push_str(
        "<div class=\"table-wrapper\"><table class=\"claims-ledger\"><thead><tr><th>Claim</th><th>Kind</th>\
         <th>Verdict</th><th>rustc</th>",
    );
    for r in drift {
        let _ = write!(h, "<th>On {}</th>", esc(&r.toolchain));
    }
    h.push_str("<th>Chapter</th></tr></thead><tbody>");
    for ev in evidence.values() {
        let cites = citations.get(&ev.id).map(Vec::as_slice).unwrap_or_default();
        let verdict = verdict_str(ev.verdict);
        let stale = is_stale(ev, pinned);
        let id_cell = claim_link(&ev.id, citations, here);
        let rustc_cell = if stale {
            format!(
                "{} <span class=\"claims-stale-mark\">stale</span>",
                esc(&ev.rustc)
            )
        } else {
            esc(&ev.rustc)
        };
        // Each citing chapter once, linked to its first box of the claim.
        let mut seen = Vec::new();
        let chapters: Vec<String> = cites
            .iter()
            .filter(|c| {
                let first = !seen.contains(&&c.chapter_path);
                seen.push(&c.chapter_path);
                first
            })
            .map(|c| {
                format!(
                    "<a href=\"{}\">{}</a>",
                    esc(&relative_link(here, &c.chapter_path, Some(&c.anchor))),
                    esc(&c.chapter_name)
                )
            })
            .collect();
        let chapter_cell = if chapters.is_empty() {
            "—".to_string()
        } else {
            chapters.join(", ")
        };
        let mut drift_attrs = String::new();
        let mut drift_cells = String::new();
        for (i, r) in drift.iter().enumerate() {
            let (word, value) = drift_cell(r, &ev.id);
            let _ = write!(drift_attrs, " data-drift-{i}=\"{value}\"");
            let _ = write!(drift_cells, "<td class=\"claims-drift {value}\">{word}</td>");
        }
        let _ = write!(
            h,
            "<tr class=\"{verdict}{}\" data-part=\"{}\" data-kind=\"{}\" data-verdict=\"{verdict}\"{drift_attrs}><td>{id_cell}</td><td>{}</td>\
             <td><span class=\"claim-verdict {verdict}\">{verdict}</span></td><td>{rustc_cell}</td>{drift_cells}<td>{chapter_cell}</td></tr>",
            if stale { " stale" } else { "" },
            esc(&part_of(&ev.id)),
            ev.kind.as_str(),
            ev.kind.as_str()
        );
    }
    h.push_str("</tbody></table></div>");
    h
}

/// One row of the sources table: a statement judged by a claim, or one that cannot be tested here.
enum SourceRow<'a> {
    Judged(&'a SourceVerdict, &'a Evidence),
    Untestable(&'a Untestable),
}

/// The `{{#sources-checked}}` table: every seed statement judged by a claim, and every one listed as not
/// testable here, by seed then location (within a location: judged rows first, then the others, each in
/// their own order).
pub fn sources_checked(
    evidence: &BTreeMap<String, Evidence>,
    untestable: &[Untestable],
    citations: &BTreeMap<String, Vec<Citation>>,
    here: &Path,
) -> String {
    type Rows<'a> = BTreeMap<&'a str, BTreeMap<&'a str, Vec<SourceRow<'a>>>>;
    let mut grouped: Rows<'_> = BTreeMap::new();
    for ev in evidence.values() {
        for s in &ev.sources {
            grouped
                .entry(&s.seed)
                .or_default()
                .entry(&s.location)
                .or_default()
                .push(SourceRow::Judged(s, ev));
        }
    }
    for u in untestable {
        grouped
            .entry(&u.seed)
            .or_default()
            .entry(&u.location)
            .or_default()
            .push(SourceRow::Untestable(u));
    }
    if grouped.is_empty() {
        return "<p class=\"sources-checked-empty\">No evidence file records a seed statement yet.</p>".to_string();
    }
    let mut h = String::new();
    h.push_str(
        "<div class=\"table-wrapper\"><table class=\"sources-checked\"><thead><tr><th>Seed</th><th>Where</th>\
         <th>What it says</th><th>Verdict</th><th>Claim</th></tr></thead><tbody>",
    );
    for (seed, locations) in &grouped {
        let seed_rows: usize = locations.values().map(Vec::len).sum();
        let mut first_of_seed = true;
        for (location, rows) in locations {
            let mut first_of_location = true;
            for row in rows {
                h.push_str("<tr>");
                if first_of_seed {
                    let _ = write!(
                        h,
                        "<td rowspan=\"{seed_rows}\" class=\"sources-seed\">{}</td>",
                        esc(seed)
                    );
                    first_of_seed = false;
                }
                if first_of_location {
                    let _ = write!(h, "<td rowspan=\"{}\">{}</td>", rows.len(), prose(location));
                    first_of_location = false;
                }
                match row {
                    SourceRow::Judged(s, ev) => {
                        let claim = claim_link(&ev.id, citations, here);
                        let _ = write!(
                            h,
                            "<td>{}</td><td>{}</td><td>{claim}</td></tr>",
                            prose(&s.says),
                            source_verdict_html(s)
                        );
                    }
                    SourceRow::Untestable(u) => {
                        let _ = write!(
                            h,
                            "<td>{}</td><td><span class=\"source-verdict untestable\">{}</span></td>\
                             <td class=\"sources-no-claim\">—</td></tr>",
                            prose(&u.says),
                            prose(&u.verdict())
                        );
                    }
                }
            }
        }
    }
    h.push_str("</tbody></table></div>");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_between_chapters() {
        let p = Path::new;
        assert_eq!(
            relative_link(p("appendix/ledger.md"), p("heap/vec.md"), Some("claim-a-b")),
            "../heap/vec.html#claim-a-b"
        );
        assert_eq!(
            relative_link(p("ledger.md"), p("heap/vec.md"), None),
            "heap/vec.html"
        );
        assert_eq!(
            relative_link(p("a/b/ledger.md"), p("a/c/x.md"), None),
            "../c/x.html"
        );
        assert_eq!(
            relative_link(p("a/ledger.md"), p("a/x.md"), Some("claim-x")),
            "x.html#claim-x"
        );
        assert_eq!(
            relative_link(p("a/b/ledger.md"), p("top.md"), None),
            "../../top.html"
        );
        assert_eq!(
            relative_link(p("a/ledger.md"), p("a/index.md"), None),
            "index.html"
        );
    }

    #[test]
    fn escaping_and_prose() {
        assert_eq!(esc("a<b>&\"'\nc"), "a&lt;b&gt;&amp;&quot;&#39;&#10;c");
        assert_eq!(
            prose("`Vec::new()` then <20> pushes"),
            "<code>Vec::new()</code> then &lt;20&gt; pushes"
        );
        assert_eq!(prose("odd ` tick"), "odd ` tick");
    }

    #[test]
    fn figures_print_as_in_json() {
        assert_eq!(figure_text(&serde_json::json!(1234567)), "1234567");
        assert_eq!(figure_text(&serde_json::json!(0.25)), "0.25");
        assert_eq!(figure_text(&serde_json::json!(true)), "true");
        assert_eq!(figure_text(&serde_json::json!("fat")), "fat");
        assert_eq!(
            setting_text("lto", &serde_json::json!("fat")),
            "lto = \"fat\""
        );
        assert_eq!(
            setting_text("opt-level", &serde_json::json!(3)),
            "opt-level = 3"
        );
    }

    #[test]
    fn source_verdict_classes() {
        assert_eq!(source_verdict_class("confirmed"), "confirmed");
        assert_eq!(source_verdict_class("Refuted: two blocks"), "refuted");
        assert_eq!(source_verdict_class("outdated"), "outdated");
        assert_eq!(
            source_verdict_class("holds only when incremental = false"),
            "qualified"
        );
    }
}
