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

mod chapter;
pub mod chart;
pub mod directive;
pub mod drift;
pub mod falsification;
pub mod glossary;
pub mod html;
pub mod ledger;
pub mod matrix;
mod plan;
pub mod plot;
pub mod prose;
pub mod render;
pub mod shown;
pub mod source;
pub mod sources_page;
pub mod texts;
pub mod untestable;

use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::errors::{Error, Result};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use proof::drift::DriftReport;
use proof::evidence::Evidence;
use render::RenderContext;
use std::collections::{BTreeMap, BTreeSet};
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

    let plan::Plan { steps, citations, plot_cites, shown_cites, drift_pages, sources_page, glossary_page } =
        plan::plan(s, &book, &evidence, &shown_dir)?;
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

    let mut warnings = Vec::new();
    let inputs = chapter::Inputs {
        evidence: &evidence,
        untestable: &untestable,
        citations: &citations,
        cx: &cx,
        terms: &terms,
        glossary_page: &glossary_page,
        pinned: &pinned,
    };
    book.for_each_chapter_mut(|ch| chapter::fill(ch, &steps, &inputs, &mut warnings));

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
