//! The mdBook preprocessor of Measured Rust.
//!
//! * `{{#claim <id>}}` becomes a claim box rendered from `src/measured/<id>.json`: statement, verdict,
//!   predicate, figures of the subject and the control, profiles, toolchain, target, the seeds'
//!   statements it judges, and the check's source.
//! * `{{#claims-ledger}}` becomes a table of every evidence file and where it is cited.
//! * `{{#sources-checked}}` becomes a table of every seed statement judged by a claim, and of those that
//!   cannot be tested here, listed with the reason in `src/sources/untestable/<part>.toml` (see [`untestable`]).
//! * `{{#plot <name>}}` becomes an inline SVG bar chart of figures from blessed evidence, described by
//!   `src/plots/<name>.toml` (see [`plot`]).
//! * `{{#shown <group>}}` becomes a box of wall-clock estimates, or of other measured figures (build time,
//!   memory), from `src/measured/shown/<group>.json`: shown, never asserted (see [`shown`] and
//!   `proof::wallclock`).
//! * `{{#toolchain-drift}}` becomes the "Toolchain drift" appendix: every report in
//!   `src/measured/drift/<toolchain>.json` (written by `ci/drift.sh <toolchain>`, format in
//!   `proof::drift`), each with a summary, a table of its claims (flips first) and the compiler output that
//!   changed (see [`drift`]). The box of a claim that flips, or whose figures or compiler output move, under
//!   such a toolchain gets a line saying so, linked to the appendix.
//!
//! An unknown or malformed ID, plot or group, a malformed `src/sources/untestable/<part>.toml` entry, a plot whose claim or figure is missing or not a number, a
//! drift report naming an unknown claim, or a file that does not parse, fails the build, naming the
//! chapter and line or the file. Stale evidence, timings or drift reports (measured on, or compared with,
//! another rustc than the pinned one), and evidence, plot files, shown files and drift reports no chapter
//! cites, are reported as warnings. Directives inside code spans and code blocks are left alone.

pub mod chart;
pub mod directive;
pub mod drift;
pub mod falsification;
pub mod glossary;
pub mod html;
pub mod ledger;
pub mod matrix;
pub mod plot;
pub mod prose;
pub mod render;
pub mod shown;
pub mod source;
pub mod sources_page;
pub mod texts;
pub mod untestable;

use directive::{Directive, DirectiveKind};
use html::Citation;
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::{Error, Result};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use proof::drift::DriftReport;
use proof::evidence::{Evidence, valid_id};
use proof::shown::Shown;
use render::RenderContext;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

pub const NAME: &str = "claims";

/// Renderers whose output keeps the generated HTML.
pub fn supports(renderer: &str) -> bool {
    matches!(renderer, "html" | "markdown")
}

/// What [`process`] needs from the book's configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The book root (also the repository root).
    pub root: PathBuf,
    /// The src dir, relative to the root (`src`).
    pub src: PathBuf,
    /// `[preprocessor.claims] repository-url`.
    pub repository_url: Option<String>,
}

/// The output of a successful run.
#[derive(Debug)]
pub struct Processed {
    pub book: Book,
    pub warnings: Vec<String>,
}

/// `src/measured` relative to the root.
fn measured_dir(s: &Settings) -> PathBuf {
    s.src.join("measured")
}

/// `src/measured/drift` relative to the root: the toolchain drift reports.
fn drift_dir(s: &Settings) -> PathBuf {
    measured_dir(s).join("drift")
}

/// Makes paths in a message relative to the book root.
fn relative_message(root: &Path, msg: &str) -> String {
    let prefix = format!("{}/", root.display());
    msg.replace(&prefix, "")
}

/// Reads every evidence file, keyed by ID; errors name the file.
pub fn load_evidence(s: &Settings) -> std::result::Result<BTreeMap<String, Evidence>, String> {
    let all = proof::evidence::read_all(&s.root.join(measured_dir(s))).map_err(|e| relative_message(&s.root, &e))?;
    Ok(all.into_iter().map(|e| (e.id.clone(), e)).collect())
}

/// Reads every toolchain drift report, by toolchain; errors (a report that does not parse, a line naming
/// a claim with no evidence file) name the file.
pub fn load_drift(s: &Settings, evidence: &BTreeMap<String, Evidence>) -> std::result::Result<Vec<DriftReport>, String> {
    let reports = proof::drift::read_all(&s.root.join(drift_dir(s))).map_err(|e| relative_message(&s.root, &e))?;
    let unknown: Vec<String> = reports
        .iter()
        .flat_map(|r| {
            r.claims.iter().filter(|c| !evidence.contains_key(&c.id)).map(move |c| {
                format!(
                    "{}: unknown claim ID `{}`: no {} (run `ci/drift.sh {}` again)",
                    drift_dir(s).join(format!("{}.json", r.toolchain)).display(),
                    c.id,
                    measured_dir(s).join(format!("{}.json", c.id)).display(),
                    r.toolchain
                )
            })
        })
        .collect();
    if unknown.is_empty() { Ok(reports) } else { Err(unknown.join("\n")) }
}

/// The line of a directive for messages: the line in the chapter's own file when the directive is
/// written there (it may come from an `{{#include}}`, which shifts lines), else its line in the text.
fn source_line(s: &Settings, chapter_source: &Path, content: &str, d: &Directive) -> (usize, bool) {
    let text = d.text(content);
    if let Ok(raw) = std::fs::read_to_string(s.root.join(&s.src).join(chapter_source)) {
        let lines: Vec<&str> = raw.lines().collect();
        if lines.get(d.line - 1).is_some_and(|l| l.contains(text)) {
            return (d.line, true);
        }
        if let Some(i) = lines.iter().position(|l| l.contains(text)) {
            return (i + 1, true);
        }
        return (d.line, false);
    }
    (d.line, true)
}

/// What a directive becomes, decided in the first pass (where every error is found).
enum Step {
    /// A claim box with its HTML id.
    Claim(String, String),
    /// A plot, resolved, with its HTML id.
    Plot(Box<plot::Resolved>, String),
    /// A shown box (wall-clock or measured figures): the file, its charts, its HTML id.
    Shown(Box<Shown>, Vec<String>, String),
    /// A one-line link to a claim's box on another page.
    See(String),
    /// A claim's box shown as an example, with its HTML id.
    Example(String, String),
    /// The page's summary, placed here instead of after the first heading.
    Summary,
    PopularAdvice,
    Glossary,
    Falsification,
    Ledger,
    SourcesChecked,
    /// The drift reports; the number of earlier citations (for their HTML ids).
    ToolchainDrift(usize),
    /// One figure in a sentence: the claim, the value, and what it is in words.
    Figure(String, serde_json::Value, String),
    /// A number marked as an input or a quotation, and why it is not a measurement.
    Text(String, &'static str),
}

/// Resolves `{{#figure <claim-id> [control:] <figure name>}}`: the claim, the value, and the figure in
/// words. Errors name what is missing and what exists.
fn figure_of(args: &str, evidence: &BTreeMap<String, Evidence>) -> std::result::Result<(String, serde_json::Value, String), String> {
    let (id, rest) = args.split_once(char::is_whitespace).ok_or("give a claim ID and a figure name: `{{#figure <id> <figure>}}`")?;
    let ev = evidence.get(id).ok_or_else(|| format!("unknown claim ID `{id}`"))?;
    let rest = rest.trim();
    let (figures, name, side) = match rest.strip_prefix("control:") {
        Some(name) => (&ev.control.figures, name.trim(), "control"),
        None => (&ev.figures, rest, "subject"),
    };
    let value = figures.get(name).ok_or_else(|| {
        let known: Vec<&str> = figures.keys().map(String::as_str).collect();
        format!("claim `{id}` has no {side} figure `{name}` (its {side} figures: {})", known.join("; "))
    })?;
    if value.is_null() || value.is_object() || value.is_array() {
        return Err(format!("figure `{name}` of claim `{id}` is not a number, a string or a bool"));
    }
    let words = if side == "control" { format!("{name} (control: {})", ev.control.setting) } else { format!("{name} ({})", ev.setting) };
    Ok((id.to_string(), value.clone(), words))
}

/// The HTML id of the `n`-th citation (from 0) of something whose first citation has id `base`.
pub(crate) fn nth_anchor(base: String, n: usize) -> String {
    if n == 0 { base } else { format!("{base}-{}", n + 1) }
}

/// The byte just after the first level-1 heading's line of a chapter (outside code), where the page's
/// summary goes; `None` when the page has no such heading.
fn first_heading_end(content: &str) -> Option<usize> {
    let code = directive::code_ranges(content);
    let mut at = 0;
    for line in content.split_inclusive('\n') {
        if line.starts_with("# ") && !code.iter().any(|r| r.contains(&at)) {
            return Some(at + line.len());
        }
        at += line.len();
    }
    None
}

/// Runs the preprocessor over a book.
pub fn process(s: &Settings, mut book: Book) -> std::result::Result<Processed, String> {
    let evidence = load_evidence(s)?;
    let untestable = untestable::load(&s.root, &s.src)?;
    let judged: Vec<String> = untestable
        .iter()
        .filter(|u| evidence.values().flat_map(|e| &e.sources).any(|j| j.seed == u.seed && j.location == u.location && j.says == u.says))
        .map(|u| format!("{}: seed {} ({}) \"{}\" is judged by a claim: remove it from this file", u.file.display(), u.seed, u.location, u.says))
        .collect();
    if !judged.is_empty() {
        return Err(judged.join("\n"));
    }
    let drift = load_drift(s, &evidence)?;
    let explained = drift::load_explained(&s.root, &s.src)?;
    let unexplained = drift::check_explained(&drift, &evidence, &explained, &drift::explained_path(&s.src));
    if !unexplained.is_empty() {
        return Err(unexplained.join("\n"));
    }
    let texts = texts::Texts::load(&s.root, &s.src)?;
    // Every statement's text has a name: a reader never meets a file number.
    let unnamed: BTreeSet<String> = evidence
        .values()
        .flat_map(|e| e.sources.iter().map(|j| (j.seed.as_str(), j.location.as_str())))
        .chain(untestable.iter().map(|u| (u.seed.as_str(), u.location.as_str())))
        .filter(|(seed, location)| texts.of(seed, location).is_none())
        .map(|(seed, location)| format!("seed {seed} (section \"{location}\")"))
        .collect();
    if !unnamed.is_empty() {
        return Err(format!(
            "{}: no [[text]] names the source of {}: add one (title, short name, author, what it is)",
            s.src.join("sources").join("texts.toml").display(),
            unnamed.into_iter().collect::<Vec<_>>().join(", ")
        ));
    }
    let terms = glossary::load(&s.root, &s.src)?;
    let pinned = proof::evidence::pinned_toolchain(&s.root).map_err(|e| relative_message(&s.root, &e))?;
    let plots_dir = s.src.join("plots");
    let shown_dir = measured_dir(s).join("shown");

    // Pass 1: find every directive, check IDs, plots and groups, record where each claim is cited.
    let mut errors = Vec::new();
    let mut citations: BTreeMap<String, Vec<Citation>> = BTreeMap::new();
    let mut plot_cites: BTreeMap<String, usize> = BTreeMap::new();
    let mut shown_cites: BTreeMap<String, usize> = BTreeMap::new();
    // Chapters with `{{#toolchain-drift}}`, in order: a box's drift line links to the first.
    let mut drift_pages: Vec<PathBuf> = Vec::new();
    let mut sources_page: Option<PathBuf> = None;
    let mut glossary_page: Option<PathBuf> = None;
    let mut example_cites = 0usize;
    // Per chapter (by path): its directives and what each becomes.
    let mut plan: HashMap<PathBuf, Vec<(Directive, Step)>> = HashMap::new();
    for item in book.iter() {
        let BookItem::Chapter(ch) = item else {
            continue;
        };
        let Some(path) = &ch.path else { continue };
        let found = directive::find_directives(&ch.content);
        if found.is_empty() {
            continue;
        }
        let source = ch.source_path.clone().unwrap_or_else(|| path.clone());
        let mut steps = Vec::new();
        for d in found {
            let at = || {
                let (line, own) = source_line(s, &source, &ch.content, &d);
                let file = s.src.join(&source);
                if own { format!("{}:{line}", file.display()) } else { format!("{}:{line} (after {{{{#include}}}} expansion)", file.display()) }
            };
            if let Some(args) = &d.stray_args {
                errors.push(format!("{}: `{}` takes no argument (got `{args}`)", at(), d.text(&ch.content)));
                continue;
            }
            let step = match &d.kind {
                DirectiveKind::Claim(id) if !valid_id(id) => {
                    errors.push(format!(
                        "{}: malformed claim ID `{id}`: IDs are dotted, lowercase, general to specific \
                         (`heap.vec.with-capacity-single-block`)",
                        at()
                    ));
                    continue;
                }
                DirectiveKind::Claim(id) if !evidence.contains_key(id) => {
                    errors.push(format!("{}: unknown claim ID `{id}`: no {}", at(), measured_dir(s).join(format!("{id}.json")).display()));
                    continue;
                }
                DirectiveKind::Claim(id) if citations.contains_key(id) => {
                    let home = &citations[id][0];
                    errors.push(format!(
                        "{}: claim `{id}` already has its box in {} (a claim lives in one place): write `{{{{#see {id}}}}}` here",
                        at(),
                        home.chapter_path.display()
                    ));
                    continue;
                }
                DirectiveKind::See(id) | DirectiveKind::ExampleBox(id) if !evidence.contains_key(id) => {
                    errors.push(format!("{}: unknown claim ID `{id}` in `{}`", at(), d.text(&ch.content)));
                    continue;
                }
                DirectiveKind::See(id) => Step::See(id.clone()),
                DirectiveKind::ExampleBox(id) => {
                    example_cites += 1;
                    Step::Example(id.clone(), nth_anchor(format!("example-{}", html::anchor_id(id)), example_cites - 1))
                }
                DirectiveKind::Summary => Step::Summary,
                DirectiveKind::PopularAdvice => Step::PopularAdvice,
                DirectiveKind::Falsification => Step::Falsification,
                DirectiveKind::Glossary => {
                    glossary_page = Some(path.clone());
                    Step::Glossary
                }
                DirectiveKind::Claim(id) => {
                    let cites = citations.entry(id.clone()).or_default();
                    let anchor = nth_anchor(html::anchor_id(id), cites.len());
                    cites.push(Citation { chapter_path: path.clone(), chapter_name: ch.name.clone(), anchor: anchor.clone() });
                    Step::Claim(id.clone(), anchor)
                }
                DirectiveKind::Plot(name) | DirectiveKind::Shown(name) if !directive::valid_name(name) => {
                    errors.push(format!(
                        "{}: malformed name `{name}` in `{}`: use lowercase ASCII letters, digits, `_`, `-` and `.`",
                        at(),
                        d.text(&ch.content)
                    ));
                    continue;
                }
                DirectiveKind::Plot(name) => {
                    let file = plot::plot_file(&s.src, name);
                    let spec = match std::fs::read_to_string(s.root.join(&file)) {
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                            errors.push(format!("{}: unknown plot `{name}`: no {}", at(), file.display()));
                            continue;
                        }
                        Err(e) => Err(e.to_string()),
                        Ok(text) => plot::parse(&text),
                    };
                    let resolved = spec.map_err(|e| vec![e]).and_then(|spec| plot::resolve(name, &spec, &evidence, &measured_dir(s)));
                    match resolved {
                        Ok(r) => {
                            let n = plot_cites.entry(name.clone()).or_default();
                            let anchor = nth_anchor(plot::anchor_id(name), *n);
                            *n += 1;
                            Step::Plot(Box::new(r), anchor)
                        }
                        Err(problems) => {
                            let at = at();
                            errors.extend(problems.iter().map(|p| format!("{at}: plot `{name}` ({}): {p}", file.display())));
                            continue;
                        }
                    }
                }
                DirectiveKind::Shown(group) => {
                    let file = shown_dir.join(format!("{group}.json"));
                    if !s.root.join(&file).is_file() {
                        errors.push(format!("{}: unknown wall-clock group `{group}`: no {} (run `ci/wallclock.sh {group}`)", at(), file.display()));
                        continue;
                    }
                    let read = Shown::read(&s.root.join(&file))
                        .map_err(|e| relative_message(&s.root, &e))
                        .and_then(|shown| shown::svg(&shown).map(|svg| (shown, svg)).map_err(|e| format!("{}: {e}", file.display())));
                    match read {
                        Ok((shown, svg)) => {
                            let n = shown_cites.entry(group.clone()).or_default();
                            let anchor = nth_anchor(shown::anchor_id(group), *n);
                            *n += 1;
                            Step::Shown(Box::new(shown), svg, anchor)
                        }
                        Err(e) => {
                            errors.push(format!("{}: {e}", at()));
                            continue;
                        }
                    }
                }
                DirectiveKind::Figure(args) => match figure_of(args, &evidence) {
                    Ok((id, value, words)) => Step::Figure(id, value, words),
                    Err(e) => {
                        errors.push(format!("{}: `{}`: {e}", at(), d.text(&ch.content)));
                        continue;
                    }
                },
                DirectiveKind::Input(text) | DirectiveKind::Cited(text) if text.is_empty() => {
                    errors.push(format!("{}: `{}` needs the text to show", at(), d.text(&ch.content)));
                    continue;
                }
                DirectiveKind::Input(text) => match prose::input_text(&s.root, text) {
                    Ok(shown) => Step::Text(shown, "an input or a setting of the checks, not a measurement"),
                    Err(e) => {
                        errors.push(format!("{}: `{}`: {e}", at(), d.text(&ch.content)));
                        continue;
                    }
                },
                DirectiveKind::Cited(text) => Step::Text(text.clone(), "quoted from a source text, not measured here"),
                DirectiveKind::Ledger => Step::Ledger,
                DirectiveKind::SourcesChecked => {
                    sources_page = Some(path.clone());
                    Step::SourcesChecked
                }
                DirectiveKind::ToolchainDrift => {
                    drift_pages.push(path.clone());
                    Step::ToolchainDrift(drift_pages.len() - 1)
                }
            };
            steps.push((d, step));
        }
        plan.insert(path.clone(), steps);
    }
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    let cx = RenderContext {
        root: s.root.clone(),
        pinned: pinned.clone(),
        repository_url: s.repository_url.clone(),
        drift,
        drift_explained: explained,
        drift_page: drift_pages.first().cloned(),
        texts,
        sources_page,
    };
    // A page without a glossary entry of its own links no terms.
    let terms: Vec<glossary::Term> = if glossary_page.is_some() { terms } else { Vec::new() };

    // Pass 2: replace the directives.
    let mut warnings = Vec::new();
    let no_steps = Vec::new();
    book.for_each_chapter_mut(|ch| {
        let Some(path) = ch.path.clone() else { return };
        let steps = plan.get(&path).unwrap_or(&no_steps);
        let content = &ch.content;
        // The page's summary: its boxes in order, after the first heading unless `{{#summary}}` places it.
        let page_claims: Vec<(&Evidence, &str)> =
            steps.iter().filter_map(|(_, st)| if let Step::Claim(id, anchor) = st { Some((&evidence[id], anchor.as_str())) } else { None }).collect();
        let summary = (!page_claims.is_empty()).then(|| render::page_summary(&page_claims, &cx));
        let placed = steps.iter().any(|(_, st)| matches!(st, Step::Summary));
        let summary_at = if placed { None } else { summary.as_ref().and_then(|_| first_heading_end(content)) };
        // Glossary terms: the first use of each on the page, in prose, linked (not on the glossary itself).
        let link_terms = glossary_page.as_ref().is_some_and(|g| *g != path) && !terms.is_empty();
        let skip = if link_terms { glossary::non_prose_ranges(content) } else { Vec::new() };
        let mut seen_terms: Vec<String> = Vec::new();
        let mut out = String::with_capacity(content.len() * 2);
        let mut copy = |out: &mut String, from: usize, to: usize| {
            let mut pieces = vec![(from, to)];
            if let Some(at) = summary_at.filter(|at| (from..to).contains(at)) {
                pieces = vec![(from, at), (at, to)];
            }
            for (i, (a, b)) in pieces.into_iter().enumerate() {
                if i == 1 {
                    out.push('\n');
                    out.push_str(summary.as_deref().unwrap_or(""));
                    out.push_str("\n\n");
                }
                if link_terms {
                    let g = glossary_page.as_ref().expect("checked above");
                    out.push_str(&glossary::link_first_uses(&content[a..b], a, &skip, &terms, &mut seen_terms, &|t| {
                        html::relative_link(&path, g, Some(&t.anchor()))
                    }));
                } else {
                    out.push_str(&content[a..b]);
                }
            }
        };
        if steps.is_empty() && !link_terms {
            return;
        }
        let mut last = 0;
        for (d, step) in steps {
            copy(&mut out, last, d.range.start);
            let html = match step {
                Step::See(id) => render::see_line(&evidence[id], &citations, &path),
                Step::Example(id, anchor) => {
                    let (html, w) = render::claim_box(&evidence[id], anchor, &path, &cx);
                    warnings.extend(w);
                    html
                }
                Step::Summary => summary.clone().unwrap_or_default(),
                Step::PopularAdvice => sources_page::popular_advice(&evidence, &cx.texts, &citations, &path),
                Step::Glossary => glossary::html(&terms),
                Step::Falsification => falsification::html(&evidence, &citations, &path),
                Step::Claim(id, anchor) => {
                    let (html, w) = render::claim_box(&evidence[id], anchor, &path, &cx);
                    warnings.extend(w);
                    html
                }
                Step::Plot(r, anchor) => {
                    let (html, w) = plot::html(r, anchor, &evidence, &citations, &path, &pinned);
                    warnings.extend(w);
                    html
                }
                Step::Shown(shown, svgs, anchor) => {
                    let (html, w) = shown::html(shown, svgs, anchor, &pinned);
                    warnings.extend(w);
                    html
                }
                Step::Ledger => ledger::ledger(&evidence, &citations, &path, &pinned, &cx.drift),
                Step::SourcesChecked => sources_page::sources_checked(&evidence, &untestable, &cx.texts, &citations, &path),
                Step::ToolchainDrift(n) => {
                    let (html, w) = drift::html(&cx.drift, &cx.drift_explained, *n, &evidence, &citations, &path, &pinned);
                    warnings.extend(w);
                    html
                }
                Step::Figure(id, value, words) => {
                    // The box in this chapter if there is one, else the first box of the claim.
                    let href = citations
                        .get(id)
                        .and_then(|c| c.iter().find(|c| c.chapter_path == path).or(c.first()))
                        .map(|c| html::relative_link(&path, &c.chapter_path, Some(&c.anchor)));
                    let shown = html::esc(&prose::format_figure(value));
                    let title = html::esc(&format!("{words}, from claim {id} ({})", evidence[id].toolchain));
                    match href {
                        Some(href) => format!("<a class=\"claim-figure\" href=\"{href}\" title=\"{title}\">{shown}</a>"),
                        None => format!("<span class=\"claim-figure\" title=\"{title}\">{shown}</span>"),
                    }
                }
                Step::Text(text, why) => {
                    format!("<span class=\"prose-number\" title=\"{why}\">{}</span>", html::esc(text))
                }
            };
            if d.kind.is_inline() {
                out.push_str(&html);
                last = d.range.end;
                continue;
            }
            // An HTML block must start a line; a blank line after it ends it.
            if !directive::starts_block(content, d.range.start) {
                out.push_str("\n\n");
            }
            out.push_str(&html);
            out.push('\n');
            last = d.range.end;
        }
        copy(&mut out, last, content.len());
        ch.content = out;
    });

    for id in evidence.keys().filter(|id| !citations.contains_key(*id)) {
        warnings.push(format!("{}: claim `{id}` is not cited by any chapter", measured_dir(s).join(format!("{id}.json")).display()));
    }
    let uncited =
        |names: Vec<String>, cited: &BTreeMap<String, usize>| -> BTreeSet<String> { names.into_iter().filter(|n| !cited.contains_key(n)).collect() };
    let plots = plot::list(&s.root.join(&plots_dir)).map_err(|e| relative_message(&s.root, &e))?;
    for name in uncited(plots, &plot_cites) {
        warnings.push(format!("{}: plot `{name}` is not cited by any chapter (with {{{{#plot {name}}}}})", plot::plot_file(&s.src, &name).display()));
    }
    let groups = proof::shown::list(&s.root.join(&shown_dir)).map_err(|e| relative_message(&s.root, &e))?;
    for group in uncited(groups, &shown_cites) {
        warnings.push(format!(
            "{}: wall-clock group `{group}` is not cited by any chapter (with {{{{#shown {group}}}}})",
            shown_dir.join(format!("{group}.json")).display()
        ));
    }
    if drift_pages.is_empty() {
        for r in &cx.drift {
            warnings.push(format!(
                "{}: drift report `{}` is not shown by any chapter (with {{{{#toolchain-drift}}}})",
                drift_dir(s).join(format!("{}.json", r.toolchain)).display(),
                r.toolchain
            ));
        }
    }
    Ok(Processed { book, warnings })
}

/// The preprocessor, for mdBook's protocol.
pub struct Claims;

impl Preprocessor for Claims {
    fn name(&self) -> &str {
        NAME
    }

    fn run(&self, ctx: &PreprocessorContext, book: Book) -> Result<Book> {
        if ctx.mdbook_version != mdbook_preprocessor::MDBOOK_VERSION {
            eprintln!(
                "warning: mdbook-claims was built against mdbook {} but is called by mdbook {}",
                mdbook_preprocessor::MDBOOK_VERSION,
                ctx.mdbook_version
            );
        }
        let repository_url: Option<String> = ctx.config.get("preprocessor.claims.repository-url")?;
        let settings = Settings { root: ctx.root.clone(), src: ctx.config.book.src.clone(), repository_url };
        let processed = process(&settings, book).map_err(Error::msg)?;
        for w in &processed.warnings {
            eprintln!("warning: {w}");
        }
        Ok(processed.book)
    }

    fn supports_renderer(&self, renderer: &str) -> Result<bool> {
        Ok(supports(renderer))
    }
}

#[cfg(test)]
mod tests;
