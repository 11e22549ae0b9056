//! The second pass: each chapter's directives replaced by what their [`Step`]s render to, the page's
//! summary placed, and the first use of each glossary term linked.

use crate::html::{self, Citation};
use crate::plan::Step;
use crate::render::{self, RenderContext};
use crate::untestable::Untestable;
use crate::{directive, drift, falsification, first_heading_end, glossary, ledger, plot, prose, shown, sources_page};
use mdbook_preprocessor::book::Chapter;
use proof::evidence::Evidence;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// What every chapter's rendering reads.
pub(crate) struct Inputs<'a> {
    pub evidence: &'a BTreeMap<String, Evidence>,
    pub untestable: &'a [Untestable],
    pub citations: &'a BTreeMap<String, Vec<Citation>>,
    pub cx: &'a RenderContext,
    /// Glossary terms to link (none when the book has no glossary page).
    pub terms: &'a [glossary::Term],
    pub glossary_page: &'a Option<PathBuf>,
    pub pinned: &'a str,
}

/// Replaces the directives of `ch` (its `steps`, by chapter path); the warnings go to `warnings`.
pub(crate) fn fill(
    ch: &mut Chapter,
    steps: &HashMap<PathBuf, Vec<(crate::directive::Directive, Step)>>,
    inputs: &Inputs,
    warnings: &mut Vec<String>,
) {
    let Inputs { evidence, untestable, citations, cx, terms, glossary_page, pinned } = *inputs;
    let Some(path) = ch.path.clone() else { return };
    let steps = steps.get(&path).map(Vec::as_slice).unwrap_or(&[]);
    let content = &ch.content;
    // The page's summary: its boxes in order, after the first heading unless `{{#summary}}` places it.
    let page_claims: Vec<(&Evidence, &str)> =
        steps.iter().filter_map(|(_, st)| if let Step::Claim(id, anchor) = st { Some((&evidence[id], anchor.as_str())) } else { None }).collect();
    let summary = (!page_claims.is_empty()).then(|| render::page_summary(&page_claims, cx));
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
                out.push_str(&glossary::link_first_uses(&content[a..b], a, &skip, terms, &mut seen_terms, &|t| {
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
            Step::See(id) => render::see_line(&evidence[id], citations, &path),
            Step::Example(id, anchor) => {
                let (html, w) = render::claim_box(&evidence[id], anchor, &path, cx);
                warnings.extend(w);
                html
            }
            Step::Summary => summary.clone().unwrap_or_default(),
            Step::PopularAdvice => sources_page::popular_advice(evidence, &cx.texts, citations, &path),
            Step::Glossary => glossary::html(terms),
            Step::Falsification => falsification::html(evidence, citations, &path),
            Step::Claim(id, anchor) => {
                let (html, w) = render::claim_box(&evidence[id], anchor, &path, cx);
                warnings.extend(w);
                html
            }
            Step::Plot(r, anchor) => {
                let (html, w) = plot::html(r, anchor, evidence, citations, &path, pinned);
                warnings.extend(w);
                html
            }
            Step::Shown(shown, svgs, anchor) => {
                let (html, w) = shown::html(shown, svgs, anchor, pinned);
                warnings.extend(w);
                html
            }
            Step::Ledger => ledger::ledger(evidence, citations, &path, pinned, &cx.drift),
            Step::SourcesChecked => sources_page::sources_checked(evidence, untestable, &cx.texts, citations, &path),
            Step::ToolchainDrift(n) => {
                let (html, w) = drift::html(&cx.drift, &cx.drift_explained, *n, evidence, citations, &path, pinned);
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
}
