//! The glossary: `src/appendix/glossary.toml`, shown by `{{#glossary}}`, and linked from the first use of
//! each term on every other page, with its definition as a hover title.
//!
//! ```toml
//! [[term]]
//! name = "GOT"                              # the entry's heading
//! matches = ["GOT", "global offset table"]  # spellings linked in prose, matched as whole words, case as written
//! definition = "…"                          # one or two sentences, markdown code spans allowed
//! ```
//!
//! Only prose is linked: not headings, code, links, HTML or our directives.

use crate::html::{esc, prose};
use serde::Deserialize;
use std::ops::Range;
use std::path::Path;

#[derive(Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub name: String,
    pub matches: Vec<String>,
    pub definition: String,
}

impl Term {
    pub fn anchor(&self) -> String {
        let slug: String = self.name.to_ascii_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        format!("term-{}", slug.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-"))
    }

    /// The definition as a hover title: plain text, code spans without their backticks.
    fn title(&self) -> String {
        self.definition.replace('`', "")
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(rename = "term", default)]
    terms: Vec<Term>,
}

/// `src/appendix/glossary.toml`, relative to the book root.
pub fn file(src: &Path) -> std::path::PathBuf {
    src.join("appendix").join("glossary.toml")
}

pub fn parse(text: &str) -> Result<Vec<Term>, String> {
    let f: File = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
    for (i, t) in f.terms.iter().enumerate() {
        if t.name.trim().is_empty() || t.definition.trim().is_empty() || t.matches.iter().any(|m| m.trim().is_empty()) {
            return Err(format!("term {} (`{}`): name, definition and every match must be non-empty", i + 1, t.name));
        }
    }
    Ok(f.terms)
}

/// The terms, or none when the book has no glossary file.
pub fn load(root: &Path, src: &Path) -> Result<Vec<Term>, String> {
    let path = file(src);
    match std::fs::read_to_string(root.join(&path)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
        Ok(text) => parse(&text).map_err(|e| format!("{}: {e}", path.display())),
    }
}

/// The glossary page's body: one entry per term, in file order.
pub fn html(terms: &[Term]) -> String {
    let mut h = String::from("<dl class=\"glossary\">");
    for t in terms {
        h.push_str(&format!("<dt id=\"{}\">{}</dt><dd>{}</dd>", t.anchor(), esc(&t.name), prose(&t.definition)));
    }
    h.push_str("</dl>");
    h
}

/// Whether `b` can border a word (so `GOT` does not match inside `GOTO`).
fn boundary(b: Option<char>) -> bool {
    b.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-'))
}

/// Links the first use of each term not yet in `seen` inside `text` (a stretch of a chapter's markdown
/// that starts at byte `base` of it). `skip` are byte ranges of the whole chapter that are not prose
/// (code, links, HTML, directives). `href` gives the link to a term's entry.
pub fn link_first_uses(
    text: &str,
    base: usize,
    skip: &[Range<usize>],
    terms: &[Term],
    seen: &mut Vec<String>,
    href: &dyn Fn(&Term) -> String,
) -> String {
    // (start, end, term index) of the chosen first uses in `text`.
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    let heading_lines: Vec<Range<usize>> = {
        let mut out = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let t = line.trim_start();
            if t.starts_with('#') || t.starts_with('|') && t.contains("---") {
                out.push(at..at + line.len());
            }
            at += line.len();
        }
        out
    };
    for (i, term) in terms.iter().enumerate() {
        if seen.contains(&term.name) {
            continue;
        }
        let mut best: Option<(usize, usize)> = None;
        for m in &term.matches {
            let mut from = 0;
            while let Some(rel) = text[from..].find(m.as_str()) {
                let start = from + rel;
                let end = start + m.len();
                from = start + 1;
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                let abs = base + start;
                let blocked = !boundary(before)
                    || !boundary(after)
                    || skip.iter().any(|r| r.start <= abs && abs < r.end)
                    || heading_lines.iter().any(|r| r.contains(&start))
                    || hits.iter().any(|&(s, e, _)| start < e && s < end);
                if !blocked {
                    if best.is_none_or(|(s, _)| start < s) {
                        best = Some((start, end));
                    }
                    break;
                }
            }
        }
        if let Some((s, e)) = best {
            hits.push((s, e, i));
            seen.push(term.name.clone());
        }
    }
    hits.sort();
    let mut out = String::with_capacity(text.len() + hits.len() * 120);
    let mut last = 0;
    for (s, e, i) in hits {
        let t = &terms[i];
        out.push_str(&text[last..s]);
        out.push_str(&format!("<a class=\"term\" href=\"{}\" title=\"{}\">{}</a>", esc(&href(t)), esc(&t.title()), &text[s..e]));
        last = e;
    }
    out.push_str(&text[last..]);
    out
}

/// Byte ranges of a chapter's markdown that are not prose: code, links and images (their whole text),
/// inline and block HTML.
pub fn non_prose_ranges(content: &str) -> Vec<Range<usize>> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    Parser::new_ext(content, options)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::CodeBlock(_) | Tag::Link { .. } | Tag::Image { .. } | Tag::Heading { .. } | Tag::HtmlBlock)
            | Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_) => Some(range),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> Vec<Term> {
        parse("[[term]]\nname = \"GOT\"\nmatches = [\"GOT\"]\ndefinition = \"The `global` offset table.\"\n").unwrap()
    }

    fn link(text: &str, seen: &mut Vec<String>) -> String {
        let skip = non_prose_ranges(text);
        link_first_uses(text, 0, &skip, &terms(), seen, &|t| format!("g.html#{}", t.anchor()))
    }

    #[test]
    fn only_the_first_use_in_prose_is_linked() {
        let mut seen = Vec::new();
        let out = link("# GOT\n\nA `GOT` entry, a GOTO, then the GOT and the GOT.\n", &mut seen);
        assert_eq!(
            out,
            "# GOT\n\nA `GOT` entry, a GOTO, then the <a class=\"term\" href=\"g.html#term-got\" title=\"The global offset table.\">GOT</a> and the GOT.\n"
        );
        assert_eq!(link("The GOT again.", &mut seen), "The GOT again.", "once per page");
    }

    #[test]
    fn links_and_html_are_left_alone() {
        let mut seen = Vec::new();
        assert_eq!(link("[the GOT](x.html) and <b title=\"GOT\">x</b>", &mut seen), "[the GOT](x.html) and <b title=\"GOT\">x</b>");
    }
}
