//! The mdBook preprocessor of Measured Rust.
//!
//! * `{{#claim <id>}}` becomes a claim box rendered from `src/measured/<id>.json`: statement, verdict,
//!   predicate, figures of the subject and the control, profiles, toolchain, target, the seeds'
//!   statements it judges, and the check's source.
//! * `{{#claims-ledger}}` becomes a table of every evidence file and where it is cited.
//! * `{{#sources-checked}}` becomes a table of every seed statement judged by a claim.
//!
//! An unknown or malformed ID, or an evidence file that does not parse, fails the build. Stale evidence
//! (measured on another rustc than the pinned one) and evidence no chapter cites are reported as warnings.
//! Directives inside code spans and code blocks are left alone.

pub mod chart;
pub mod directive;
pub mod render;
pub mod source;

use directive::{Directive, DirectiveKind};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::{Error, Result};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use proof::evidence::{Evidence, valid_id};
use render::{Citation, RenderContext};
use std::collections::{BTreeMap, HashMap};
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

/// Makes paths in a message relative to the book root.
fn relative_message(root: &Path, msg: &str) -> String {
    let prefix = format!("{}/", root.display());
    msg.replace(&prefix, "")
}

/// Reads every evidence file, keyed by ID; errors name the file.
pub fn load_evidence(s: &Settings) -> std::result::Result<BTreeMap<String, Evidence>, String> {
    let all = proof::evidence::read_all(&s.root.join(measured_dir(s)))
        .map_err(|e| relative_message(&s.root, &e))?;
    Ok(all.into_iter().map(|e| (e.id.clone(), e)).collect())
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

/// Runs the preprocessor over a book.
pub fn process(s: &Settings, mut book: Book) -> std::result::Result<Processed, String> {
    let evidence = load_evidence(s)?;
    let pinned =
        proof::evidence::pinned_toolchain(&s.root).map_err(|e| relative_message(&s.root, &e))?;
    let cx = RenderContext {
        root: s.root.clone(),
        pinned: pinned.clone(),
        repository_url: s.repository_url.clone(),
    };

    // Pass 1: find every directive, check IDs, record where each claim is cited.
    let mut errors = Vec::new();
    let mut citations: BTreeMap<String, Vec<Citation>> = BTreeMap::new();
    // Per chapter (by path): its directives and, for claims, the box's HTML id.
    let mut plan: HashMap<PathBuf, Vec<(Directive, Option<String>)>> = HashMap::new();
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
                if own {
                    format!("{}:{line}", file.display())
                } else {
                    format!(
                        "{}:{line} (after {{{{#include}}}} expansion)",
                        file.display()
                    )
                }
            };
            if let Some(args) = &d.stray_args {
                errors.push(format!(
                    "{}: `{}` takes no argument (got `{args}`)",
                    at(),
                    d.text(&ch.content)
                ));
                continue;
            }
            let anchor = match &d.kind {
                DirectiveKind::Claim(id) if !valid_id(id) => {
                    errors.push(format!(
                        "{}: malformed claim ID `{id}`: IDs are dotted, lowercase, general to specific \
                         (`heap.vec.with-capacity-single-block`)",
                        at()
                    ));
                    continue;
                }
                DirectiveKind::Claim(id) if !evidence.contains_key(id) => {
                    errors.push(format!(
                        "{}: unknown claim ID `{id}`: no {}",
                        at(),
                        measured_dir(s).join(format!("{id}.json")).display()
                    ));
                    continue;
                }
                DirectiveKind::Claim(id) => {
                    let cites = citations.entry(id.clone()).or_default();
                    let base = render::anchor_id(id);
                    let anchor = if cites.is_empty() {
                        base
                    } else {
                        format!("{base}-{}", cites.len() + 1)
                    };
                    cites.push(Citation {
                        chapter_path: path.clone(),
                        chapter_name: ch.name.clone(),
                        anchor: anchor.clone(),
                    });
                    Some(anchor)
                }
                DirectiveKind::Ledger | DirectiveKind::SourcesChecked => None,
            };
            steps.push((d, anchor));
        }
        plan.insert(path.clone(), steps);
    }
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }

    // Pass 2: replace the directives.
    let mut warnings = Vec::new();
    book.for_each_chapter_mut(|ch| {
        let Some(path) = ch.path.clone() else { return };
        let Some(steps) = plan.get(&path) else { return };
        let content = &ch.content;
        let mut out = String::with_capacity(content.len() * 2);
        let mut last = 0;
        for (d, anchor) in steps {
            out.push_str(&content[last..d.range.start]);
            let html = match (&d.kind, anchor) {
                (DirectiveKind::Claim(id), Some(anchor)) => {
                    let (html, w) = render::claim_box(&evidence[id], anchor, &cx);
                    warnings.extend(w);
                    html
                }
                (DirectiveKind::Ledger, _) => render::ledger(&evidence, &citations, &path, &pinned),
                (DirectiveKind::SourcesChecked, _) => {
                    render::sources_checked(&evidence, &citations, &path)
                }
                (DirectiveKind::Claim(_), None) => {
                    unreachable!("claims without an anchor were rejected")
                }
            };
            // An HTML block must start a line; a blank line after it ends it.
            if !directive::starts_block(content, d.range.start) {
                out.push_str("\n\n");
            }
            out.push_str(&html);
            out.push('\n');
            last = d.range.end;
        }
        out.push_str(&content[last..]);
        ch.content = out;
    });

    for id in evidence.keys().filter(|id| !citations.contains_key(*id)) {
        warnings.push(format!(
            "{}: claim `{id}` is not cited by any chapter",
            measured_dir(s).join(format!("{id}.json")).display()
        ));
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
        let repository_url: Option<String> =
            ctx.config.get("preprocessor.claims.repository-url")?;
        let settings = Settings {
            root: ctx.root.clone(),
            src: ctx.config.book.src.clone(),
            repository_url,
        };
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
