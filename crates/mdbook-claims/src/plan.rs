//! The first pass over the book: every directive found, checked and turned into a [`Step`], and where
//! each claim, plot and shown group is cited. Every error of the book is found here, before anything is
//! rendered ([`crate::chapter`] renders the steps).

use crate::directive::{self, Directive, DirectiveKind};
use crate::html::{self, Citation};
use crate::{Settings, measured_dir, nth_anchor, plot, prose, relative_message, shown};
use mdbook_preprocessor::book::{Book, BookItem};
use proof::evidence::{Evidence, valid_id};
use proof::shown::Shown;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// What a directive becomes, decided in the first pass (where every error is found).
pub(crate) enum Step {
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

/// The book's directives, by chapter, and where things are cited.
#[derive(Default)]
pub(crate) struct Plan {
    /// Per chapter (by path): its directives and what each becomes.
    pub steps: HashMap<PathBuf, Vec<(Directive, Step)>>,
    /// Where each claim has its box (the first is its home).
    pub citations: BTreeMap<String, Vec<Citation>>,
    pub plot_cites: BTreeMap<String, usize>,
    pub shown_cites: BTreeMap<String, usize>,
    /// Chapters with `{{#toolchain-drift}}`, in order: a box's drift line links to the first.
    pub drift_pages: Vec<PathBuf>,
    pub sources_page: Option<PathBuf>,
    pub glossary_page: Option<PathBuf>,
}

/// Finds and checks every directive of `book`; all errors at once.
pub(crate) fn plan(s: &Settings, book: &Book, evidence: &BTreeMap<String, Evidence>, shown_dir: &Path) -> Result<Plan, String> {
    let mut errors = Vec::new();
    let mut p = Plan::default();
    let mut example_cites = 0usize;
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
                DirectiveKind::Claim(id) if p.citations.contains_key(id) => {
                    let home = &p.citations[id][0];
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
                    p.glossary_page = Some(path.clone());
                    Step::Glossary
                }
                DirectiveKind::Claim(id) => {
                    let cites = p.citations.entry(id.clone()).or_default();
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
                    let resolved = spec.map_err(|e| vec![e]).and_then(|spec| plot::resolve(name, &spec, evidence, &measured_dir(s)));
                    match resolved {
                        Ok(r) => {
                            let n = p.plot_cites.entry(name.clone()).or_default();
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
                            let n = p.shown_cites.entry(group.clone()).or_default();
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
                DirectiveKind::Figure(args) => match figure_of(args, evidence) {
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
                    p.sources_page = Some(path.clone());
                    Step::SourcesChecked
                }
                DirectiveKind::ToolchainDrift => {
                    p.drift_pages.push(path.clone());
                    Step::ToolchainDrift(p.drift_pages.len() - 1)
                }
            };
            steps.push((d, step));
        }
        p.steps.insert(path.clone(), steps);
    }
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    Ok(p)
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
