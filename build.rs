//! Hands the book's chapters to skeptic, which turns every ```rust block into a test that compiles and
//! runs it under `cargo test`.
//!
//! skeptic does not expand mdBook's `{{#include}}`: a block whose body is only include directives shows
//! code that cargo already compiles elsewhere (an example, a lab, a test), so the copy given to skeptic
//! marks that block `text`. Every other line is copied as it is, so skeptic's test names carry the
//! chapter's path and the block's line: `lto__index_md_line_42`. `tests/claims/book.rs` checks that every
//! rust block is one or the other.

use std::path::{Path, PathBuf};

fn chapters(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("src/ exists").map(|e| e.unwrap().path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "measured") {
                chapters(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
}

/// True for a line that only pulls code in from a file.
fn is_include(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with("{{#include ") || t.starts_with("{{#rustdoc_include ")) && t.ends_with("}}")
}

/// The chapter with include-only rust blocks re-fenced as `text` (line count unchanged).
fn for_skeptic(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim_start();
        if let Some(info) = t.strip_prefix("```") {
            let fence_end = (i + 1..lines.len()).find(|&j| lines[j].trim_start().starts_with("```"));
            let Some(end) = fence_end else { break };
            let is_rust = info.split(|c: char| c == ',' || c.is_whitespace()).any(|tok| tok == "rust");
            let body = &lines[i + 1..end];
            if is_rust && !body.is_empty() && body.iter().all(|l| is_include(l) || l.trim().is_empty()) {
                out[i] = "```text".to_string();
            }
            i = end + 1;
        } else {
            i += 1;
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let src = root.join("src");
    // Watch the chapters, not src/measured/: blessing evidence must not rebuild the package.
    for entry in std::fs::read_dir(&src).unwrap() {
        let p = entry.unwrap().path();
        if p.file_name().is_some_and(|n| n != "measured") {
            println!("cargo:rerun-if-changed={}", p.display());
        }
    }
    let mut files = Vec::new();
    chapters(&src, &mut files);
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("skeptic-src");
    std::fs::create_dir_all(&out).unwrap();
    let mut copies = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap().to_string_lossy().replace(['/', '\\'], "__");
        let copy = out.join(rel);
        let text = for_skeptic(&std::fs::read_to_string(f).unwrap());
        // Rewrite a copy only when it changed: skeptic watches the copies, and a new mtime would
        // make cargo rebuild the package on every run.
        if std::fs::read_to_string(&copy).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&copy, text).unwrap();
            // Dated as its chapter, not now: skeptic asks cargo to watch the copy, and cargo reruns a
            // build script when a watched file is newer than the script's last start, which a copy
            // written by that run always is. Without this the first `cargo test` after a cold one
            // rebuilt the package.
            let modified = std::fs::metadata(f).and_then(|m| m.modified()).unwrap();
            std::fs::File::options().write(true).open(&copy).and_then(|c| c.set_modified(modified)).unwrap();
        }
        copies.push(copy);
    }
    // Copies of chapters that no longer exist would still be compiled: remove them.
    for entry in std::fs::read_dir(&out).unwrap() {
        let p = entry.unwrap().path();
        if !copies.contains(&p) {
            std::fs::remove_file(p).unwrap();
        }
    }
    skeptic::generate_doc_tests(&copies);
}
