//! The HTML helpers every renderer of the preprocessor shares: escaping, inline code in prose, links
//! between chapters and to a claim's box, profiles, verdict words. They depend on nothing else of the
//! crate's, so any page's renderer may use them (`render.rs`, `drift.rs`, `ledger.rs`, `plot.rs`, …).

use proof::evidence::{Evidence, Judgement, SourceVerdict, Verdict};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

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
    format!("Measured on rustc {}; the book pins {}: these figures are stale until `BLESS=1 cargo test` re-measures them", ev.rustc, pinned)
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
    parts.iter().enumerate().map(|(i, p)| if i % 2 == 1 { format!("<code>{}</code>", esc(p)) } else { esc(p) }).collect()
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
        let settings: Vec<String> = p.settings.iter().map(|(k, v)| format!("<code>{}</code>", esc(&setting_text(k, v)))).collect();
        out.push_str(&settings.join(", "));
    }
    out
}

pub(crate) fn verdict_str(v: Verdict) -> &'static str {
    match v {
        Verdict::Holds => "holds",
        Verdict::Fails => "fails",
    }
}

/// A source verdict: its word, coloured by class (one colour for both kinds of refutation), then the
/// nuance in plain text. A verdict outside the vocabulary is shown whole, uncoloured (the book test and
/// the harness refuse it).
pub fn source_verdict_html(s: &SourceVerdict) -> String {
    verdict_html(&s.verdict)
}

pub fn verdict_html(verdict: &str) -> String {
    match Judgement::parse(verdict) {
        Ok((j, "")) => format!("<span class=\"source-verdict {}\">{}</span>", j.class(), j.word()),
        Ok((j, nuance)) => {
            format!("<span class=\"source-verdict {}\">{}</span><span class=\"source-nuance\">: {}</span>", j.class(), j.word(), prose(nuance))
        }
        Err(_) => format!("<span class=\"source-verdict\">{}</span>", prose(verdict)),
    }
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
    let common = from_dir.iter().zip(&target).take_while(|(a, b)| a == b).count();
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
        Some(c) => format!("<a href=\"{}\"><code>{}</code></a>", esc(&relative_link(here, &c.chapter_path, Some(&c.anchor))), esc(id)),
        None => format!("<code>{}</code> <span class=\"claims-not-cited\">not cited</span>", esc(id)),
    }
}

/// A fraction as a percentage for a reader: `0.041` is "4.1%".
pub fn percent(x: f64) -> String {
    let p = x * 100.0;
    if p.abs() >= 10.0 { format!("{p:.0}%") } else { format!("{p:.1}%") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_between_chapters() {
        let p = Path::new;
        assert_eq!(relative_link(p("appendix/ledger.md"), p("heap/vec.md"), Some("claim-a-b")), "../heap/vec.html#claim-a-b");
        assert_eq!(relative_link(p("ledger.md"), p("heap/vec.md"), None), "heap/vec.html");
        assert_eq!(relative_link(p("a/b/ledger.md"), p("a/c/x.md"), None), "../c/x.html");
        assert_eq!(relative_link(p("a/ledger.md"), p("a/x.md"), Some("claim-x")), "x.html#claim-x");
        assert_eq!(relative_link(p("a/b/ledger.md"), p("top.md"), None), "../../top.html");
        assert_eq!(relative_link(p("a/ledger.md"), p("a/index.md"), None), "index.html");
    }

    #[test]
    fn escaping_and_prose() {
        assert_eq!(esc("a<b>&\"'\nc"), "a&lt;b&gt;&amp;&quot;&#39;&#10;c");
        assert_eq!(prose("`Vec::new()` then <20> pushes"), "<code>Vec::new()</code> then &lt;20&gt; pushes");
        assert_eq!(prose("odd ` tick"), "odd ` tick");
    }

    #[test]
    fn figures_print_as_in_json() {
        assert_eq!(figure_text(&serde_json::json!(1234567)), "1234567");
        assert_eq!(figure_text(&serde_json::json!(0.25)), "0.25");
        assert_eq!(figure_text(&serde_json::json!(true)), "true");
        assert_eq!(figure_text(&serde_json::json!("fat")), "fat");
        assert_eq!(setting_text("lto", &serde_json::json!("fat")), "lto = \"fat\"");
        assert_eq!(setting_text("opt-level", &serde_json::json!(3)), "opt-level = 3");
    }

    #[test]
    fn verdicts_are_a_word_and_a_nuance() {
        assert_eq!(verdict_html("confirmed"), "<span class=\"source-verdict confirmed\">confirmed</span>");
        assert_eq!(
            verdict_html("not reproduced: `x` stays"),
            "<span class=\"source-verdict refuted\">not reproduced</span><span class=\"source-nuance\">: <code>x</code> stays</span>"
        );
        assert_eq!(verdict_html("holds sometimes"), "<span class=\"source-verdict\">holds sometimes</span>");
    }
}
