//! Extracting the Rust function that encloses a line, for the "The check" part of a claim box.

/// At most this many lines of a check are shown.
pub const MAX_LINES: usize = 80;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// 1-based first line shown (an attribute or doc comment above the `fn`, if any).
    pub first: usize,
    /// 1-based last line of the function (the closing brace).
    pub last: usize,
    /// The lines shown, common indentation removed, at most [`MAX_LINES`].
    pub text: String,
    /// Lines of the function left out by the cap.
    pub omitted: usize,
}

/// Splits a check location `path:line`.
pub fn parse_location(check: &str) -> Option<(&str, usize)> {
    let (path, line) = check.rsplit_once(':')?;
    let line: usize = line.trim().parse().ok()?;
    (!path.is_empty() && line > 0).then_some((path, line))
}

/// Whether a line starts a function: indentation, optional qualifiers (`pub`, `pub(crate)`, `async`,
/// `const`, `unsafe`, `extern "C"`), then `fn `.
pub fn is_fn_line(line: &str) -> bool {
    let mut rest = line.trim_start();
    loop {
        if rest.starts_with("fn ") {
            return true;
        }
        if let Some(r) = rest.strip_prefix("pub(") {
            match r.find(')') {
                Some(i) => rest = r[i + 1..].trim_start(),
                None => return false,
            }
            continue;
        }
        let mut stripped = false;
        for q in ["pub ", "async ", "const ", "unsafe ", "default ", "extern "] {
            if let Some(r) = rest.strip_prefix(q) {
                rest = r.trim_start();
                if q == "extern " && rest.starts_with('"') {
                    // extern "ABI"
                    match rest[1..].find('"') {
                        Some(i) => rest = rest[i + 2..].trim_start(),
                        None => return false,
                    }
                }
                stripped = true;
                break;
            }
        }
        if !stripped {
            return false;
        }
    }
}

/// The 0-based line holding the brace that closes the body of the item starting at line `start`
/// (0-based); `None` for a declaration without a body or an unbalanced file. Skips braces in comments,
/// strings, raw strings and char literals.
pub fn closing_line(lines: &[&str], start: usize) -> Option<usize> {
    let text = lines[start..].join("\n");
    let b = text.as_bytes();
    let mut i = 0;
    let mut line = start;
    let mut depth = 0usize;
    let mut opened = false;
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => line += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut nest = 1;
                i += 2;
                while i < b.len() && nest > 0 {
                    if b[i] == b'\n' {
                        line += 1;
                    }
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        nest += 1;
                        i += 1;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        nest -= 1;
                        i += 1;
                    }
                    i += 1;
                }
                continue;
            }
            b'r' if (i == 0 || !ident(b[i - 1]) || (b[i - 1] == b'b' && (i < 2 || !ident(b[i - 2])))) => {
                // Raw string r"…", r#"…"#, br"…".
                let mut j = i + 1;
                while j < b.len() && b[j] == b'#' {
                    j += 1;
                }
                if b.get(j) == Some(&b'"') {
                    let hashes = j - i - 1;
                    j += 1;
                    loop {
                        if j >= b.len() {
                            return None;
                        }
                        if b[j] == b'\n' {
                            line += 1;
                        }
                        if b[j] == b'"' && b[j + 1..].iter().take(hashes).filter(|&&h| h == b'#').count() == hashes {
                            j += 1 + hashes;
                            break;
                        }
                        j += 1;
                    }
                    i = j;
                    continue;
                }
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    if i < b.len() && b[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
            b'\'' => {
                // A char literal ('{', '\n', '\u{7b}') or a lifetime ('a).
                if b.get(i + 1) == Some(&b'\\') {
                    let mut j = i + 2;
                    while j < b.len() && b[j] != b'\'' && b[j] != b'\n' {
                        j += 1;
                    }
                    i = j;
                } else if let Some(ch) = text[i + 1..].chars().next() {
                    let after = i + 1 + ch.len_utf8();
                    if b.get(after) == Some(&b'\'') {
                        i = after;
                    }
                }
            }
            b'{' => {
                depth += 1;
                opened = true;
            }
            b'}' => {
                depth = depth.checked_sub(1)?;
                if opened && depth == 0 {
                    return Some(line);
                }
            }
            b';' if !opened => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The function enclosing 1-based `line` of `source`, with the attributes and doc comment right above it.
pub fn enclosing_fn(source: &str, line: usize) -> Option<Snippet> {
    let lines: Vec<&str> = source.lines().collect();
    let target = line.checked_sub(1)?;
    if target >= lines.len() {
        return None;
    }
    for cand in (0..=target).rev() {
        if !is_fn_line(lines[cand]) {
            continue;
        }
        let Some(end) = closing_line(&lines, cand) else {
            continue;
        };
        if end < target {
            // A function that ends before the line (an earlier or nested one): keep looking up.
            continue;
        }
        let mut first = cand;
        while first > 0 {
            let above = lines[first - 1].trim_start();
            if above.starts_with("#[") || above.starts_with("///") {
                first -= 1;
            } else {
                break;
            }
        }
        let total = end - first + 1;
        let shown = &lines[first..first + total.min(MAX_LINES)];
        return Some(Snippet { first: first + 1, last: end + 1, text: dedent(shown), omitted: total.saturating_sub(MAX_LINES) });
    }
    None
}

fn dedent(lines: &[&str]) -> String {
    let indent = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    lines.iter().map(|l| l.get(indent..).unwrap_or_else(|| l.trim_start())).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r##"use proof::Claim;

fn helper() -> u32 {
    1
}

/// Exactly one block.
#[test]
fn with_capacity_is_one_block() {
    let s = "}}} not a brace";
    let c = '}';
    let r = r#"{ raw "# ;
    // a comment with }
    /* and { another */
    fn inner<'a>(x: &'a str) -> &'a str { x }
    Claim::new("heap.vec.one-block")
        .check(line!());
}

mod tests {
    pub(crate) async fn indented() {
        if true {
            todo!()
        }
    }
}
"##;

    #[test]
    fn recognises_function_lines() {
        for yes in ["fn a() {", "    pub fn a()", "pub(crate) async fn a", "const unsafe fn x", "extern \"C\" fn f()"] {
            assert!(is_fn_line(yes), "{yes}");
        }
        for no in ["let f = fn_ptr;", "// fn a()", "impl Fn for X", "fnord()", "pub struct S;"] {
            assert!(!is_fn_line(no), "{no}");
        }
    }

    #[test]
    fn extracts_the_enclosing_function_with_its_attributes() {
        // Line 16 is `Claim::new(...)`.
        let s = enclosing_fn(SOURCE, 16).unwrap();
        assert_eq!((s.first, s.last, s.omitted), (7, 18, 0));
        assert!(s.text.starts_with("/// Exactly one block.\n#[test]\nfn with_capacity_is_one_block() {"));
        assert!(s.text.ends_with("        .check(line!());\n}"));
        // The line of the nested fn belongs to the nested fn.
        assert_eq!(enclosing_fn(SOURCE, 15).unwrap().text, "    fn inner<'a>(x: &'a str) -> &'a str { x }".trim_start());
        // Inside `helper`.
        assert_eq!(enclosing_fn(SOURCE, 4).unwrap().text, "fn helper() -> u32 {\n    1\n}");
    }

    #[test]
    fn dedents_and_handles_lines_outside_functions() {
        let s = enclosing_fn(SOURCE, 23).unwrap();
        assert_eq!((s.first, s.last), (21, 25));
        assert!(s.text.starts_with("pub(crate) async fn indented() {\n    if true {"));
        assert_eq!(enclosing_fn(SOURCE, 1), None);
        assert_eq!(enclosing_fn(SOURCE, 20), None);
        assert_eq!(enclosing_fn(SOURCE, 999), None);
    }

    #[test]
    fn caps_long_functions() {
        let body: String = (0..200).map(|i| format!("    let x{i} = {i};\n")).collect();
        let src = format!("fn long() {{\n{body}}}\n");
        let s = enclosing_fn(&src, 150).unwrap();
        assert_eq!(s.text.lines().count(), MAX_LINES);
        assert_eq!((s.first, s.last, s.omitted), (1, 202, 202 - MAX_LINES));
    }

    #[test]
    fn parses_check_locations() {
        assert_eq!(parse_location("tests/heap.rs:42"), Some(("tests/heap.rs", 42)));
        assert_eq!(parse_location("tests/heap.rs"), None);
        assert_eq!(parse_location("tests/heap.rs:0"), None);
    }
}
