//! The claim box, the page summary ("What this page found") and `{{#see}}` lines. The HTML helpers they
//! share with the other pages' renderers are in `html.rs`; the ledger: `ledger.rs`; the sources and
//! advice pages: `sources_page.rs`; plots: `plot.rs`; wall-clock boxes: `shown.rs`; the toolchain drift
//! appendix: `drift.rs`.
//!
//! Every fragment is a single line of balanced HTML: mdBook 0.5 parses raw HTML with a tokenizer that
//! does not close tags implicitly, and a markdown HTML block ends at the first blank line, so newlines
//! (in code) are written as `&#10;`.

use crate::html::{
    Citation, esc, figure_text, is_stale, percent, profile_html, prose, relative_link, source_verdict_html, stale_message, verdict_str,
};
use crate::source;
use crate::texts::Texts;
use proof::drift::DriftReport;
use proof::evidence::{Evidence, Judgement, Verdict};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

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
    /// Why claims flip (`src/appendix/drift-explained.toml`).
    pub drift_explained: Vec<crate::drift::Explained>,
    /// The chapter that shows them (`{{#toolchain-drift}}`), which a box's drift line links to.
    pub drift_page: Option<PathBuf>,
    /// The source texts' names (`src/sources/texts.toml`).
    pub texts: Texts,
    /// The chapter with `{{#sources-checked}}`, which a box's source names link to.
    pub sources_page: Option<PathBuf>,
}

/// The badge of a claim: what its evidence says about the source statements it judges (the most
/// corrective of their verdicts: a refutation is the news), or "finding" for the book's own finding.
pub fn badge(ev: &Evidence) -> (&'static str, &'static str, String) {
    let worst = ev.sources.iter().filter_map(|s| s.judgement().ok()).map(|(j, _)| j).max_by_key(|j| severity(*j));
    match worst {
        Some(j) => {
            let labels: Vec<String> = ev.sources.iter().map(|s| s.verdict.clone()).collect();
            (j.word(), j.class(), format!("What the evidence says about the source's statement: {}", labels.join("; ")))
        }
        None => ("finding", "finding", "The book's own finding: no source text makes this statement".to_string()),
    }
}

fn severity(j: Judgement) -> u8 {
    match j {
        Judgement::Confirmed => 0,
        Judgement::Untestable => 1,
        Judgement::PartlyTrue => 2,
        Judgement::Outdated => 3,
        Judgement::NotReproduced => 4,
        Judgement::Refuted => 5,
    }
}

fn badge_html(ev: &Evidence) -> String {
    let (word, class, title) = badge(ev);
    format!("<span class=\"claim-badge {class}\" title=\"{}\">{}</span>", esc(&title), esc(word))
}

/// A figure for a reader: integers with thousands separators, bools as yes/no, strings as written.
pub fn figure_shown(v: &Value) -> String {
    crate::prose::format_figure(v)
}

/// Figures longer than this (an error message, a list) get a row of their own, full width.
const LONG_VALUE: usize = 36;

/// More rows than this and the box shows the deciding ones, with all of them folded below.
const FIGURE_ROWS_SHOWN: usize = 6;

/// The deciding figures of a claim: those its predicate read; for evidence without the record, the first.
pub fn deciding(ev: &Evidence) -> Vec<&str> {
    if ev.deciding.is_empty() { ev.figures.keys().take(1).map(String::as_str).collect() } else { ev.deciding.iter().map(String::as_str).collect() }
}

/// One figure's row: its name, the subject's value, the control's; a long value gets a full-width row,
/// and on a phone every row becomes a labelled card (the cells carry `data-label`).
fn figure_row(ev: &Evidence, name: &str, marked: bool) -> String {
    let cell = |v: Option<&Value>| v.map_or_else(|| "—".to_string(), |v| esc(&figure_shown(v)));
    let (s, c) = (ev.figures.get(name), ev.control.figures.get(name));
    let long = [s, c].iter().flatten().any(|v| figure_shown(v).chars().count() > LONG_VALUE);
    let class = if marked { " class=\"deciding\"" } else { "" };
    let mark = if marked { "<span class=\"deciding-mark\" title=\"the check's predicate reads this figure\">▸</span> " } else { "" };
    if long {
        format!(
            "<tr{class}><td colspan=\"3\" class=\"claim-figure-long\"><span class=\"claim-figure-name\">{mark}{}</span>\
             <span class=\"claim-figure-side\"><span class=\"claim-label\">Subject</span> {}</span>\
             <span class=\"claim-figure-side\"><span class=\"claim-label\">Control</span> {}</span></td></tr>",
            esc(name),
            cell(s),
            cell(c)
        )
    } else {
        format!(
            "<tr{class}><td class=\"claim-figure-name\">{mark}{}</td><td class=\"claim-figure\" data-label=\"Subject\">{}</td>\
             <td class=\"claim-figure\" data-label=\"Control\">{}</td></tr>",
            esc(name),
            cell(s),
            cell(c)
        )
    }
}

fn figures_table(ev: &Evidence, names: &[&String], deciding: &[&str]) -> String {
    let mut h = String::from(
        "<table class=\"claim-figures\"><thead><tr><th>Figure</th><th class=\"claim-subject\">Subject</th>\
         <th class=\"claim-control\">Control</th></tr></thead><tbody>",
    );
    for name in names {
        h.push_str(&figure_row(ev, name, deciding.contains(&name.as_str())));
    }
    h.push_str("</tbody></table>");
    h
}

/// The figures: the two settings in words, then the deciding rows (marked); when there are many rows,
/// all of them folded below.
fn figures_html(ev: &Evidence) -> String {
    let mut names: Vec<&String> = ev.figures.keys().collect();
    names.extend(ev.control.figures.keys().filter(|k| !ev.figures.contains_key(*k)));
    let deciding = deciding(ev);
    let mut h = format!(
        "<p class=\"claim-sides\"><span class=\"claim-side\"><span class=\"claim-label\">Subject:</span> {}.</span> \
         <span class=\"claim-side\"><span class=\"claim-label\">Control:</span> {}.</span> \
         <span class=\"claim-side claim-predicate\"><span class=\"claim-label\">The check asserts</span> {}.</span>{}</p>",
        prose(ev.setting.trim_end_matches('.')),
        prose(ev.control.setting.trim_end_matches('.')),
        prose(ev.predicate.trim_end_matches('.')),
        margin_html(ev)
    );
    h.push_str(&null_control_html(ev));
    if names.len() <= FIGURE_ROWS_SHOWN {
        h.push_str(&figures_table(ev, &names, &deciding));
        return h;
    }
    let shown: Vec<&String> = names.iter().copied().filter(|n| deciding.contains(&n.as_str())).take(FIGURE_ROWS_SHOWN).collect();
    let shown = if shown.is_empty() { names[..FIGURE_ROWS_SHOWN].to_vec() } else { shown };
    h.push_str(&figures_table(ev, &shown, &deciding));
    let _ = write!(
        h,
        "<details class=\"claim-all-figures\"><summary>All {} figures</summary>{}</details>",
        names.len(),
        figures_table(ev, &names, &deciding)
    );
    h
}

/// How hard the claim was tested, inside the line of settings: how far the subject passes and the
/// control fails the predicate's comparisons (nothing when every comparison is exact).
fn margin_html(ev: &Evidence) -> String {
    let mut parts = Vec::new();
    if let Some(m) = &ev.margins {
        if let Some(s) = m.subject_passes_by() {
            parts.push(format!("the subject passes by {}", percent(s)));
        }
        if let Some(c) = m.control_fails_by() {
            parts.push(format!("the control fails by {}", percent(c)));
        }
    }
    if parts.is_empty() {
        return String::new();
    }
    format!(
        " <span class=\"claim-side claim-margin\" title=\"of the threshold; another machine may move instruction counts and sizes by up to {}%\"><span class=\"claim-label\">Margin:</span> {}.</span>",
        proof::policy::TOLERANCE_PERCENT,
        esc(&parts.join(", "))
    )
}

/// A declared null control, said plainly under the settings.
fn null_control_html(ev: &Evidence) -> String {
    ev.null_control.as_ref().map_or(String::new(), |why| {
        format!(
            "<p class=\"claim-null-control\"><span class=\"claim-label\">Null control:</span> the control measures nothing the subject does not; {}</p>",
            prose(why)
        )
    })
}

/// Words that name what a code excerpt is searched for: the deciding figures' words that look like an
/// instruction, a register class or a symbol (`memcpy`, `ymm`, `square`).
fn highlight_words(ev: &Evidence) -> Vec<String> {
    const COMMON: [&str; 24] = [
        "the",
        "and",
        "calls",
        "call",
        "instructions",
        "instruction",
        "function",
        "functions",
        "bytes",
        "binary",
        "lines",
        "count",
        "number",
        "with",
        "from",
        "into",
        "code",
        "size",
        "file",
        "copies",
        "copy",
        "defined",
        "instances",
        "total",
    ];
    let mut words: Vec<String> = deciding(ev)
        .iter()
        .flat_map(|n| n.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')))
        .filter(|w| w.len() >= 3 && !COMMON.contains(&w.to_ascii_lowercase().as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// An excerpt's lines, each marked when it is a call (for a calls claim) or names a highlighted word.
fn code_lines_html(text: &str, kind: proof::evidence::Kind, words: &[String]) -> String {
    let mut h = String::new();
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            h.push_str("&#10;");
        }
        let t = line.trim_start();
        let is_call = t.starts_with("call ") || t.starts_with("call\t") || t.starts_with("jmp ") && !t.contains('+') || t.contains(" call ");
        let mentions = words.iter().any(|w| line.contains(w.as_str()));
        if (kind == proof::evidence::Kind::Calls && is_call) || mentions {
            let _ = write!(h, "<mark>{}</mark>", esc(line));
        } else {
            h.push_str(&esc(line));
        }
    }
    h
}

/// The code the subject and the control were measured on, side by side (stacked on a narrow screen).
/// Open for calls, asm and IR claims, whose code is the evidence, with the counted lines marked.
fn code_html(ev: &Evidence) -> String {
    use proof::evidence::Kind;
    let sides = [("claim-subject", "Subject", &ev.code), ("claim-control", "Control", &ev.control.code)];
    if sides.iter().all(|s| s.2.is_none()) {
        return String::new();
    }
    let open = matches!(ev.kind, Kind::Calls | Kind::Asm | Kind::Ir);
    let words = highlight_words(ev);
    let mut h = format!(
        "<details class=\"claim-code\"{}><summary>The code measured</summary><div class=\"claim-code-pair\">",
        if open { " open" } else { "" }
    );
    for (class, label, code) in sides {
        let Some(code) = code else { continue };
        let mut text = code.text.clone();
        if code.omitted > 0 {
            let _ = write!(text, "\n… {} more lines", code.omitted);
        }
        let _ = write!(
            h,
            "<figure class=\"{class}\"><figcaption><span class=\"claim-label\">{label}</span> {}</figcaption>\
             <pre><code class=\"nohighlight\">{}</code></pre></figure>",
            esc(&code.title),
            code_lines_html(&text, ev.kind, &words)
        );
    }
    h.push_str("</div></details>");
    h
}

/// The environment key and the comparison rule of the claim's kind.
fn environment_html(ev: &Evidence) -> String {
    let rule = match proof::policy::rule(ev.kind) {
        proof::policy::Rule::Exact => "figures must be identical on every machine with this toolchain".to_string(),
        proof::policy::Rule::ExactOnSameMachine => format!(
            "figures are exact on a machine with the same CPU model and level, C library and C compiler; elsewhere numbers may move by {}%",
            proof::policy::TOLERANCE_PERCENT
        ),
        proof::policy::Rule::Shown => format!(
            "the verdict only: build times and memory move from run to run, so the figures are shown and never compared; the ordering must hold by {}× (Methodology, build-time statements)",
            proof::policy::WIDE_ORDERING
        ),
    };
    if ev.environment.is_empty() {
        return format!("<dt>Compared</dt><dd>{}</dd>", esc(&rule));
    }
    let items: String = ev.environment.iter().map(|(k, v)| format!("<li>{}: <code>{}</code></li>", esc(k), esc(&figure_text(v)))).collect();
    format!("<dt>Compared</dt><dd>{}</dd><dt>Environment key</dt><dd><ul class=\"claim-environment\">{items}</ul></dd>", esc(&rule))
}

/// The test function named in a re-run command (`… -- --exact <name>`).
fn test_name(rerun: &str) -> Option<&str> {
    rerun.split_once("--exact ").map(|(_, n)| n.trim()).filter(|n| !n.is_empty())
}

/// Where the check is now: the line of its test function, found by the test's name (evidence records a
/// line, which an edit elsewhere in the file moves), else the recorded line.
fn check_location(ev: &Evidence, text: &str, recorded: usize) -> usize {
    let Some(name) = test_name(&ev.rerun) else { return recorded };
    let needle = format!("fn {name}(");
    text.lines().position(|l| l.contains(&needle)).map_or(recorded, |i| i + 1)
}

/// "How this was measured": profiles, the comparison rule and environment key, the re-run command and
/// the check's source. Folded: the box leads with the finding.
fn how_html(ev: &Evidence, cx: &RenderContext, warnings: &mut Vec<String>) -> String {
    let mut h = String::from("<details class=\"claim-how\"><summary>How this was measured</summary>");
    let _ = write!(
        h,
        "<dl class=\"claim-meta\"><dt>Kind of evidence</dt><dd>{}</dd><dt>Profile</dt><dd>{}</dd><dt>Control profile</dt><dd>{}</dd>\
         <dt>Toolchain</dt><dd>{}</dd><dt>Target</dt><dd><code>{}</code></dd>{}</dl>",
        ev.kind.as_str(),
        profile_html(&ev.profile),
        if ev.control.profile == ev.profile { "the same as the subject's".to_string() } else { profile_html(&ev.control.profile) },
        esc(&ev.toolchain),
        esc(&ev.target),
        environment_html(ev)
    );
    if !ev.rerun.is_empty() {
        let _ = write!(
            h,
            "<p class=\"claim-rerun\"><span class=\"claim-label\">Re-run this check alone</span> in a clone of the book's repository, \
             after <code>ci/install-tools.sh</code>: <code>{}</code></p>",
            esc(&ev.rerun)
        );
    }
    match source::parse_location(&ev.check) {
        None => {
            warnings.push(format!("claim `{}`: check `{}` is not of the form `path:line`", ev.id, ev.check));
            h.push_str("<p class=\"claim-check-missing\">The check's location is not of the form <code>path:line</code>.</p>");
        }
        Some((file, recorded)) => {
            let read = std::fs::read_to_string(cx.root.join(file)).map_err(|e| format!("cannot read {file}: {e}"));
            let line = read.as_ref().map_or(recorded, |text| check_location(ev, text, recorded));
            let _ = write!(h, "<p class=\"claim-check-link\"><span class=\"claim-label\">The check</span> ");
            match &cx.repository_url {
                Some(url) => {
                    let _ = write!(
                        h,
                        "<a href=\"{}/blob/main/{}#L{line}\"><code>{}:{line}</code></a>",
                        esc(url.trim_end_matches('/')),
                        esc(file),
                        esc(file)
                    );
                }
                None => {
                    let _ = write!(h, "<code>{}:{line}</code>", esc(file));
                }
            }
            h.push_str("</p>");
            let snippet =
                read.and_then(|text| source::enclosing_fn(&text, line).ok_or_else(|| format!("no function in {file} encloses line {line}")));
            match snippet {
                Ok(s) => {
                    let mut code = s.text.clone();
                    if s.omitted > 0 {
                        let _ = write!(code, "\n// … {} more lines", s.omitted);
                    }
                    let _ = write!(h, "<pre><code class=\"language-rust noplayground\">{}</code></pre>", esc(&code));
                }
                Err(e) => {
                    warnings.push(format!("claim `{}`: check `{}`: {e}", ev.id, ev.check));
                    let _ = write!(h, "<p class=\"claim-check-missing\">{}</p>", esc(&e));
                }
            }
        }
    }
    h.push_str("</details>");
    h
}

/// The source statements a claim judges: the text's name, what it says, the verdict word (coloured)
/// and its nuance.
fn sources_html(ev: &Evidence, cx: &RenderContext, here: &Path) -> String {
    if ev.sources.is_empty() {
        return String::new();
    }
    let mut h = String::from("<ul class=\"claim-sources\">");
    for s in &ev.sources {
        let name = cx.texts.label(&s.seed, &s.location);
        let name = match (&cx.sources_page, cx.texts.of(&s.seed, &s.location)) {
            (Some(page), Some(t)) => format!("<a href=\"{}\">{}</a>", esc(&relative_link(here, page, Some(&t.anchor()))), esc(&name)),
            _ => esc(&name),
        };
        let _ = write!(h, "<li><span class=\"claim-source-name\">{name}</span>: {} {}</li>", prose(&s.says), source_verdict_html(s));
    }
    h.push_str("</ul>");
    h
}

/// The drift line of a box: on how many other toolchains the claim holds, linked to its row.
fn drift_html(ev: &Evidence, here: &Path, cx: &RenderContext) -> String {
    let href = cx.drift_page.as_ref().map(|page| relative_link(here, page, Some(&crate::matrix::row_anchor(&ev.id))));
    crate::matrix::box_line(&cx.drift, ev, href.as_deref())
}

/// The claim box, in the chapter at `here`: the verdict badge, the statement, the figures with the
/// deciding rows marked, what the sources say, the drift line, the code (open for calls, asm and IR
/// claims) and, folded, how it was measured. Returns the HTML and warnings (stale evidence, a check
/// whose source cannot be shown).
pub fn claim_box(ev: &Evidence, anchor: &str, here: &Path, cx: &RenderContext) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let verdict = verdict_str(ev.verdict);
    let stale = is_stale(ev, &cx.pinned);
    let mut h = String::new();
    let _ = write!(h, "<div class=\"claim {verdict}{}\" id=\"{}\">", if stale { " stale" } else { "" }, esc(anchor));
    if stale {
        warnings.push(format!("claim `{}`: {}", ev.id, stale_message(ev, &cx.pinned)));
        let _ = write!(h, "<p class=\"claim-stale-banner\">{}</p>", prose(&stale_message(ev, &cx.pinned)));
    }
    let failing = if ev.verdict == Verdict::Fails { "<span class=\"claim-verdict fails\">the check fails</span> " } else { "" };
    let _ = write!(
        h,
        "<p class=\"claim-head\">{failing}{} <span class=\"claim-kind\">{}</span> <a class=\"claim-id\" href=\"#{}\"><code>{}</code></a></p>",
        badge_html(ev),
        ev.kind.as_str(),
        esc(anchor),
        esc(&ev.id)
    );
    let _ = write!(h, "<p class=\"claim-statement\">{}</p>", prose(&ev.statement));
    if let Some(failure) = &ev.failure {
        let _ = write!(h, "<p class=\"claim-failure\"><span class=\"claim-label\">Why it fails:</span> {}</p>", prose(failure));
    }
    h.push_str(&figures_html(ev));
    h.push_str(&sources_html(ev, cx, here));
    h.push_str(&code_html(ev));
    // The foot: what other toolchains say, and how it was measured (folded), on one line where they fit.
    let _ = write!(h, "<div class=\"claim-foot\">{}{}</div>", drift_html(ev, here, cx), how_html(ev, cx, &mut warnings));
    h.push_str("</div>");
    (h, warnings)
}

/// A deciding figure in words, for the page summary: `name: subject against control`.
fn deciding_text(ev: &Evidence) -> String {
    // The deciding figure that tells the two sides apart (a figure equal on both sides decides nothing).
    let names = deciding(ev);
    let differs = |n: &&&str| ev.figures.get(**n) != ev.control.figures.get(**n);
    let Some(name) = names.iter().find(differs).or(names.first()).copied() else { return String::new() };
    let s = ev.figures.get(name).map(figure_shown);
    let c = ev.control.figures.get(name).map(figure_shown);
    match (s, c) {
        (Some(s), Some(c)) if s.chars().count() <= LONG_VALUE && c.chars().count() <= LONG_VALUE => format!("{name}: {s}, control {c}"),
        (Some(s), _) if s.chars().count() <= LONG_VALUE => format!("{name}: {s}"),
        _ => String::new(),
    }
}

/// "What this page found": one line per claim box of the page, in page order (the statement, linked to
/// its box; its badge; its deciding figure), then the toolchain and target, once for the page.
pub fn page_summary(claims: &[(&Evidence, &str)], cx: &RenderContext) -> String {
    let mut h = String::from("<div class=\"page-summary\"><p class=\"page-summary-title\">What this page found</p><ul class=\"page-summary-list\">");
    for (ev, anchor) in claims {
        let figure = deciding_text(ev);
        let _ = write!(
            h,
            "<li>{} <a href=\"#{}\">{}</a>{}</li>",
            badge_html(ev),
            esc(anchor),
            prose(&ev.statement),
            if figure.is_empty() { String::new() } else { format!(" <span class=\"page-summary-figure\">{}</span>", esc(&figure)) }
        );
    }
    h.push_str("</ul>");
    let toolchains: BTreeSet<(&str, &str)> = claims.iter().map(|(e, _)| (e.toolchain.as_str(), e.target.as_str())).collect();
    let measured = toolchains.iter().map(|(t, target)| format!("{} on <code>{}</code>", esc(t), esc(target))).collect::<Vec<_>>().join("; ");
    let _ = write!(
        h,
        "<p class=\"page-summary-foot\">Every line links to its evidence box. Measured with {measured}. Badges: what the evidence says about a \
         source's statement; <span class=\"claim-badge finding\">finding</span> marks the book's own.</p></div>"
    );
    let _ = cx;
    h
}

/// `{{#see <id>}}`: a one-line reference to a claim whose box lives on another page.
pub fn see_line(ev: &Evidence, citations: &BTreeMap<String, Vec<Citation>>, here: &Path) -> String {
    let link = citations.get(&ev.id).and_then(|c| c.first()).map(|c| (relative_link(here, &c.chapter_path, Some(&c.anchor)), c.chapter_name.clone()));
    match link {
        Some((href, chapter)) => format!(
            "<p class=\"claim-see\">{} <a href=\"{}\">{}</a> <span class=\"claim-see-where\">(evidence in “{}”)</span></p>",
            badge_html(ev),
            esc(&href),
            prose(&ev.statement),
            esc(&chapter)
        ),
        None => format!("<p class=\"claim-see\">{} {}</p>", badge_html(ev), prose(&ev.statement)),
    }
}
