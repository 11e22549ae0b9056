//! Numbers in the book's prose.
//!
//! A measured number never appears typed in a chapter: `{{#figure <claim-id> <figure>}}` puts one figure
//! of one claim into a sentence, formatted, taken from the blessed evidence and linked to the claim's
//! box (`{{#figure <id> control: <figure>}}` reads the control side). A number that is not a measurement
//! is marked as what it is: `{{#input 20,000}}` for an input a check chose (a count of records, a block
//! size), `{{#cited 35 s}}` for a figure quoted from a source text. [`typed_numbers`] finds what is left:
//! numbers that look measured (a thousands separator, a percentage, a number followed by a unit) outside
//! code and outside these directives; `tests/claims/book.rs` fails on any.

use crate::directive::{code_ranges, find_directives};
use serde_json::Value;
use std::sync::OnceLock;

/// A number as a sentence shows it: integers with thousands separators (`85,311,655`), other numbers as
/// the evidence has them (`22.4`), booleans as yes/no, strings as they are.
pub fn format_figure(v: &Value) -> String {
    match v {
        Value::Number(n) if n.is_u64() || n.is_i64() => {
            let text = n.to_string();
            let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |d| ("-", d));
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(c);
            }
            format!("{sign}{out}")
        }
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn looks_measured() -> &'static regex::Regex {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(concat!(
            r"(?:^|[^\w.#/-])(",
            // a thousands separator: 20,000
            r"\d{1,3}(?:,\d{3})+(?:\.\d+)?",
            // or a number, in digits or in words, with a unit of measure
            r"|(?:\d+(?:\.\d+)?|(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million)\b)",
            r"\s?(?:%|×|x\b|percent\b|bits?\b|bytes?\b|B\b|KiB\b|MiB\b|GiB\b|KB\b|MB\b|GB\b|instructions\b|Ir\b|blocks?\b|allocations?\b|calls?\b|call sites?\b|cycles?\b|ns\b|µs\b|us\b|ms\b|s\b|seconds?\b|minutes?\b|times\b)",
            r")"
        ))
        .expect("the pattern compiles")
    })
}

/// Every number in `content` that looks measured but is typed, with its 1-based line: outside code
/// spans and blocks, outside `{{#figure}}`, `{{#input}}` and `{{#cited}}` (and every other directive of
/// ours), and outside HTML comments.
pub fn typed_numbers(content: &str) -> Vec<(usize, String)> {
    let mut hidden: Vec<std::ops::Range<usize>> = code_ranges(content);
    hidden.extend(find_directives(content).into_iter().map(|d| d.range));
    let mut from = 0;
    while let Some(start) = content[from..].find("<!--").map(|i| i + from) {
        let end = content[start..].find("-->").map_or(content.len(), |i| start + i + 3);
        hidden.push(start..end);
        from = end;
    }
    // Blank out what is hidden, keeping line breaks, so that positions and lines stay true.
    let mut visible: Vec<u8> = content.as_bytes().to_vec();
    for r in &hidden {
        for b in &mut visible[r.clone()] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    let visible = String::from_utf8_lossy(&visible).into_owned();
    let mut out = Vec::new();
    for (i, line) in visible.lines().enumerate() {
        for m in looks_measured().captures_iter(line) {
            out.push((i + 1, m[1].to_string()));
        }
    }
    out
}

/// An input's text and, when it names one, the constant it shows: `{{#input 60 s | tests/claims/actors.rs
/// RENDEZVOUS_PATIENCE}}` shows "60 s", and the build fails unless the definition of
/// `RENDEZVOUS_PATIENCE` in that file (its `const` or `static` line) holds every number of "60 s". So a
/// sentence cannot keep saying 60 after the code changes to 30.
pub fn input_text(root: &std::path::Path, args: &str) -> Result<String, String> {
    let Some((shown, source)) = args.split_once(" | ") else { return Ok(args.to_string()) };
    let shown = shown.trim();
    let (file, name) =
        source.trim().split_once(char::is_whitespace).ok_or_else(|| format!("`| {source}`: name a file and a constant: `| tests/x.rs NAME`"))?;
    let name = name.trim();
    let text = std::fs::read_to_string(root.join(file)).map_err(|e| format!("cannot read {file}: {e}"))?;
    let definition = text
        .lines()
        .find(|l| {
            let l = l.trim_start().trim_start_matches("pub ").trim_start_matches("pub(crate) ");
            (l.starts_with("const ") || l.starts_with("static ")) && l.split(|c: char| !(c.is_alphanumeric() || c == '_')).nth(1) == Some(name)
        })
        .ok_or_else(|| format!("{file} defines no `const {name}` or `static {name}`"))?;
    let digits = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_ascii_digit() && c != ',' && c != '.')
            .map(|n| n.trim_matches(|c| c == ',' || c == '.').replace([',', '_'], ""))
            .filter(|n| !n.is_empty())
            .collect()
    };
    let code = definition.split_once('=').map_or(definition, |(_, v)| v).replace('_', "");
    let in_code = digits(&code);
    // Compared as numbers where both parse, so "2×" matches `2.0`.
    let same = |a: &String, b: &String| a == b || matches!((a.parse::<f64>(), b.parse::<f64>()), (Ok(x), Ok(y)) if x == y);
    for n in digits(shown) {
        if !in_code.iter().any(|c| same(c, &n)) {
            return Err(format!("`{shown}` does not match `{}` in {file}: the sentence says {n}", definition.trim()));
        }
    }
    Ok(shown.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn figures_are_formatted_for_a_sentence() {
        assert_eq!(format_figure(&json!(85311655)), "85,311,655");
        assert_eq!(format_figure(&json!(999)), "999");
        assert_eq!(format_figure(&json!(1000)), "1,000");
        assert_eq!(format_figure(&json!(22.4)), "22.4");
        assert_eq!(format_figure(&json!(true)), "yes");
        assert_eq!(format_figure(&json!("1 MiB")), "1 MiB");
    }

    #[test]
    fn typed_measurements_are_found_and_marked_numbers_are_not() {
        let text = "Fat LTO cut it to 401,096 bytes, a 9% gain.\n\
                    It took {{#figure lto.size.fat x}} bytes on {{#input 20,000}} records; the article says {{#cited 35 s}}.\n\
                    `1,000 bytes` in code, rustc 1.95.0, 16 codegen units, edition 2024.\n\
                    <!-- 12 blocks -->\n\
                    ```text\n3 blocks\n```\n\
                    Each costs 157 instructions.\n\
                    It waits five seconds, makes two calls, 3× the bits and 40 ns.\n";
        let found = typed_numbers(text);
        assert_eq!(
            found,
            vec![
                (1, "401,096".to_string()),
                (1, "9%".to_string()),
                (8, "157 instructions".to_string()),
                (9, "five seconds".to_string()),
                (9, "two calls".to_string()),
                (9, "3×".to_string()),
                (9, "40 ns".to_string()),
            ],
        );
    }

    #[test]
    fn an_input_can_be_tied_to_its_constant() {
        let dir = std::env::temp_dir().join(format!("measured-input-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("tests")).unwrap();
        std::fs::write(dir.join("tests/x.rs"), "const PATIENCE: Duration = Duration::from_secs(60);\nstatic N: usize = 10_000;\n").unwrap();
        assert_eq!(input_text(&dir, "60 s | tests/x.rs PATIENCE").unwrap(), "60 s");
        assert_eq!(input_text(&dir, "10,000 | tests/x.rs N").unwrap(), "10,000");
        assert!(input_text(&dir, "5 s | tests/x.rs PATIENCE").unwrap_err().contains("the sentence says 5"));
        assert!(input_text(&dir, "5 s | tests/x.rs MISSING").is_err());
        assert_eq!(input_text(&dir, "20").unwrap(), "20");
    }
}
