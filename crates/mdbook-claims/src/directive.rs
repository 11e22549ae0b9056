//! Finding `{{#claim <id>}}`, `{{#see <id>}}`, `{{#summary}}`, `{{#plot <name>}}`, `{{#shown <group>}}`,
//! `{{#claims-ledger}}`, `{{#sources-checked}}`, `{{#popular-advice}}`, `{{#glossary}}`,
//! `{{#toolchain-drift}}`, and the inline `{{#figure}}`, `{{#input}}` and `{{#cited}}` in a chapter.
//!
//! Directives inside code spans and code blocks (fenced or indented) are left alone, so prose can show
//! the syntax itself.

use pulldown_cmark::{Event, Options, Parser, Tag};
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `{{#claim <id>}}`: the argument as written (validated later).
    Claim(String),
    /// `{{#plot <name>}}`: a chart described by `src/plots/<name>.toml` (validated later).
    Plot(String),
    /// `{{#shown <group>}}`: wall-clock estimates from `src/measured/shown/<group>.json` (validated later).
    Shown(String),
    /// `{{#claims-ledger}}`
    Ledger,
    /// `{{#sources-checked}}`
    SourcesChecked,
    /// `{{#toolchain-drift}}`
    ToolchainDrift,
    /// `{{#see <id>}}`: a one-line link to a claim whose box is on another page.
    See(String),
    /// `{{#example-box <id>}}`: a claim's box shown as an example (on "Reading a claim box"); the claim's
    /// home stays where its `{{#claim}}` is.
    ExampleBox(String),
    /// `{{#summary}}`: where the page's generated summary goes (by default: after its first heading).
    Summary,
    /// `{{#popular-advice}}`: every source statement the book corrects, by part.
    PopularAdvice,
    /// `{{#glossary}}`: the glossary's entries (`src/appendix/glossary.toml`).
    Glossary,
    /// `{{#falsification}}`: every claim's control kind and margins (see `falsification`).
    Falsification,
    /// `{{#figure <claim-id> [control:] <figure name>}}`: one figure in a sentence (see [`crate::prose`]).
    Figure(String),
    /// `{{#input <text>}}`: a number that is an input of a check, shown as written.
    Input(String),
    /// `{{#cited <text>}}`: a number quoted from a source text, shown as written.
    Cited(String),
}

impl DirectiveKind {
    /// Whether the directive is replaced inside a sentence (the others become HTML blocks).
    pub fn is_inline(&self) -> bool {
        matches!(self, DirectiveKind::Figure(_) | DirectiveKind::Input(_) | DirectiveKind::Cited(_))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// Byte range of the whole directive, braces included.
    pub range: Range<usize>,
    /// 1-based line of the directive in the text it was found in.
    pub line: usize,
    /// Arguments given to a directive that takes none (an error, reported by the caller).
    pub stray_args: Option<String>,
}

impl Directive {
    pub fn text<'a>(&self, content: &'a str) -> &'a str {
        &content[self.range.clone()]
    }
}

/// Byte ranges of code (code spans and code blocks) in a markdown text.
pub fn code_ranges(content: &str) -> Vec<Range<usize>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    Parser::new_ext(content, options)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            // The range of a Start event spans the whole element.
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => Some(range),
            _ => None,
        })
        .collect()
}

/// Every directive of ours in `content`, in order, skipping those inside code.
pub fn find_directives(content: &str) -> Vec<Directive> {
    let code = code_ranges(content);
    let in_code = |pos: usize| code.iter().any(|r| r.contains(&pos));
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = content[from..].find("{{") {
        let start = from + rel;
        from = start + 2;
        let Some((kind, stray_args, end)) = parse_at(content, start) else {
            continue;
        };
        if in_code(start) {
            from = end;
            continue;
        }
        let line = 1 + content[..start].bytes().filter(|&b| b == b'\n').count();
        out.push(Directive { kind, range: start..end, line, stray_args });
        from = end;
    }
    out
}

/// Parses `{{ #name args }}` at `start` (which points at `{{`); `None` if it is not one of ours.
fn parse_at(content: &str, start: usize) -> Option<(DirectiveKind, Option<String>, usize)> {
    let rest = &content[start + 2..];
    let close = rest.find("}}")?;
    let inner = &rest[..close];
    if inner.contains('\n') {
        return None;
    }
    let inner = inner.trim_start().strip_prefix('#')?;
    let name_len = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(inner.len());
    let (name, args) = inner.split_at(name_len);
    if !args.is_empty() && !args.starts_with(char::is_whitespace) {
        return None;
    }
    let args = args.trim();
    let end = start + 2 + close + 2;
    let stray = (!args.is_empty()).then(|| args.to_string());
    match name {
        "claim" => Some((DirectiveKind::Claim(args.to_string()), None, end)),
        "plot" => Some((DirectiveKind::Plot(args.to_string()), None, end)),
        "shown" => Some((DirectiveKind::Shown(args.to_string()), None, end)),
        "claims-ledger" => Some((DirectiveKind::Ledger, stray, end)),
        "sources-checked" => Some((DirectiveKind::SourcesChecked, stray, end)),
        "toolchain-drift" => Some((DirectiveKind::ToolchainDrift, stray, end)),
        "see" => Some((DirectiveKind::See(args.to_string()), None, end)),
        "example-box" => Some((DirectiveKind::ExampleBox(args.to_string()), None, end)),
        "summary" => Some((DirectiveKind::Summary, stray, end)),
        "popular-advice" => Some((DirectiveKind::PopularAdvice, stray, end)),
        "glossary" => Some((DirectiveKind::Glossary, stray, end)),
        "falsification" => Some((DirectiveKind::Falsification, stray, end)),
        "figure" => Some((DirectiveKind::Figure(args.to_string()), None, end)),
        "input" => Some((DirectiveKind::Input(args.to_string()), None, end)),
        "cited" => Some((DirectiveKind::Cited(args.to_string()), None, end)),
        _ => None,
    }
}

/// Plot names and wall-clock groups name files: lowercase ASCII letters, digits, `_`, `-` and `.`,
/// starting with a letter or digit.
pub fn valid_name(name: &str) -> bool {
    proof::shown::valid_group(name)
}

/// Whether only whitespace and container markers (`>`, list bullets and numbers) precede `pos` on its line,
/// i.e. whether an HTML block can start there.
pub fn starts_block(content: &str, pos: usize) -> bool {
    let line_start = content[..pos].rfind('\n').map_or(0, |i| i + 1);
    content[line_start..pos].chars().all(|c| c.is_whitespace() || matches!(c, '>' | '-' | '*' | '+' | '.' | ')') || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(content: &str) -> Vec<DirectiveKind> {
        find_directives(content).into_iter().map(|d| d.kind).collect()
    }

    #[test]
    fn finds_claims_and_generated_tables() {
        let text = "# T\n\nProse.\n\n{{#claim heap.vec.one-block}}\n\n{{#claims-ledger}}\n{{ #sources-checked }}\n{{#toolchain-drift}}\n";
        let found = find_directives(text);
        assert_eq!(
            found.iter().map(|d| d.kind.clone()).collect::<Vec<_>>(),
            [DirectiveKind::Claim("heap.vec.one-block".into()), DirectiveKind::Ledger, DirectiveKind::SourcesChecked, DirectiveKind::ToolchainDrift]
        );
        assert_eq!(found.iter().map(|d| d.line).collect::<Vec<_>>(), [5, 7, 8, 9]);
        assert_eq!(found[0].text(text), "{{#claim heap.vec.one-block}}");
        assert!(found.iter().all(|d| d.stray_args.is_none()));
    }

    #[test]
    fn skips_inline_code_and_code_blocks() {
        let text = "Write `{{#claim a.b}}` where the proof goes.\n\n\
                    ```markdown\n{{#claim c.d}}\n```\n\n\
                    ~~~\n{{#claims-ledger}}\n~~~\n\n    {{#claim indented.code}}\n\n\
                    Real: {{#claim e.f}}\n";
        assert_eq!(kinds(text), [DirectiveKind::Claim("e.f".into())]);
        // A fence inside a list item is still code.
        let listed = "- item\n\n  ```\n  {{#claim g.h}}\n  ```\n";
        assert!(kinds(listed).is_empty());
        // Double backticks too.
        assert!(kinds("See ``{{#claim i.j}}``.").is_empty());
    }

    #[test]
    fn ignores_other_directives_and_keeps_malformed_ids_for_the_caller() {
        assert!(kinds("{{#include x.rs}} {{#claimsx a.b}} {{#claim\na.b}}").is_empty());
        assert_eq!(kinds("{{#claim Not_Valid}}"), [DirectiveKind::Claim("Not_Valid".into())]);
        assert_eq!(kinds("{{#claim}}"), [DirectiveKind::Claim(String::new())]);
        let d = &find_directives("{{#claims-ledger extra}}")[0];
        assert_eq!(d.stray_args.as_deref(), Some("extra"));
    }

    #[test]
    fn finds_plots_and_shown_groups() {
        assert_eq!(
            kinds("{{#plot hashing-instructions}}\n`{{#plot in.code}}`\n{{#shown hashing_wallclock}}\n{{#plotx a}}"),
            [DirectiveKind::Plot("hashing-instructions".into()), DirectiveKind::Shown("hashing_wallclock".into())]
        );
        assert!(valid_name("hashing_wallclock") && valid_name("lto-size") && !valid_name("../x") && !valid_name("A"));
    }

    #[test]
    fn block_start_detection() {
        let t = "text {{#claim a.b}}\n- {{#claim a.b}}\n  {{#claim a.b}}\n> {{#claim a.b}}";
        let starts: Vec<bool> = find_directives(t).iter().map(|d| starts_block(t, d.range.start)).collect();
        assert_eq!(starts, [false, true, true, true]);
    }
}
