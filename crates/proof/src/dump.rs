//! Generated dumps: text the compiler writes (expanded source, HIR, THIR, MIR, LLVM IR, assembly, error
//! messages) that a chapter shows from a committed file, and that a check regenerates and compares.
//!
//! A check runs rustc with [`rustc`] (once per process for a given key), cuts what the chapter shows
//! out of the output, [`normalize`]s it, and hands it to [`check`] with the committed file's path:
//!
//! - `BLESS=1` writes the file when it differs;
//! - otherwise a missing file fails; a file that differs fails in strict mode (`CI` or
//!   `MEASURED_STRICT=1`), naming the file and showing a short diff, and is a warning without it;
//! - in a drift run (`MEASURED_DRIFT` set, see [`crate::claim::drift_run`]) nothing is written or
//!   compared: a drift run measures under another toolchain, whose dumps differ by design.
//!
//! Whatever the mode, a dump that still holds the repository's path, the target directory's path or the
//! home directory fails: the committed files are compared on other machines, at other paths.

use crate::workspace;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// What one rustc run printed and whether it succeeded.
#[derive(Clone, Debug)]
pub struct Output {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
    /// The directory the run worked in (its output files are there).
    pub dir: PathBuf,
}

impl Output {
    /// The text of a file the run wrote into its directory (`pipeline.mir`), panicking if it is missing.
    pub fn file(&self, name: &str) -> String {
        let path = self.dir.join(name);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("proof: rustc wrote no {}: {e}", path.display()))
    }
}

/// `<target>/dumps/<key>`: the working directory of the rustc run named `key`.
pub fn work_dir(key: &str) -> PathBuf {
    workspace::target_dir().join("dumps").join(key)
}

/// Runs `rustc <args>` once per process for `key`, in `work_dir(key)`, after copying each `(name,
/// text)` of `inputs` there: the compiler sees relative paths only, so nothing it prints or writes holds
/// the repository's path. `RUSTC_BOOTSTRAP=1` is set only when an argument is a `-Z` flag; the variables
/// that would add flags behind the check's back (RUSTFLAGS and wrappers) are removed. Concurrent callers
/// of the same key wait for the one run; different keys run concurrently. A later process reuses the
/// run (its printed output is kept in `work_dir(key)/.rustc/`) while the toolchain, the arguments, the
/// environment given and the inputs' contents are those it ran with ([`crate::stamp`]).
pub fn rustc(key: &str, inputs: &[(&str, &str)], args: &[&str]) -> &'static Output {
    rustc_env(key, inputs, args, &[])
}

/// [`rustc`] with more environment variables for the compiler (`RUST_BACKTRACE`).
pub fn rustc_env(key: &str, inputs: &[(&str, &str)], args: &[&str], env: &[(&str, &str)]) -> &'static Output {
    crate::provenance::note(format!("rustc {key} {} {env:?}", args.join(" ")));
    // A symbol mangling asked for with MEASURED_SYMBOL_MANGLING applies to these runs too (and is part
    // of the stamp's key, with the other arguments).
    let mangling = crate::claim::mangling_flags();
    let args: Vec<&str> = args.iter().copied().chain(mangling.iter().map(String::as_str)).collect();
    let args = args.as_slice();
    static RUNS: OnceLock<Mutex<HashMap<String, &'static OnceLock<Output>>>> = OnceLock::new();
    let cell: &'static OnceLock<Output> = {
        let mut map = RUNS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
        map.entry(key.to_string()).or_insert_with(|| Box::leak(Box::new(OnceLock::new())))
    };
    cell.get_or_init(|| {
        let dir = work_dir(key);
        // A later test process reuses the run while the compiler, the arguments, the environment given
        // and the inputs are the same (proof::stamp): what it printed is kept beside its output files.
        let mut stamp_key = crate::environment::key_line(&crate::environment::toolchain_key());
        stamp_key.push_str(&format!("\nargs {args:?}\nenv {env:?}\n"));
        for (name, text) in inputs {
            stamp_key.push_str(&format!("{name} {}\n", crate::environment::digest_of_text(text)));
        }
        let saved = |name: &str| std::fs::read_to_string(dir.join(".rustc").join(name));
        let output = std::cell::RefCell::new(None);
        crate::stamp::run_unless_current(
            "dumps",
            key,
            &stamp_key,
            || {
                let kept = match (saved("status"), saved("stdout"), saved("stderr")) {
                    (Ok(status), Ok(stdout), Ok(stderr)) => Some(Output { success: status == "ok", stdout, stderr, dir: dir.clone() }),
                    _ => None,
                };
                let found = kept.is_some();
                *output.borrow_mut() = kept;
                found
            },
            || {
                let out = run_rustc(&dir, key, inputs, args, env);
                let keep = dir.join(".rustc");
                std::fs::create_dir_all(&keep)
                    .and_then(|_| std::fs::write(keep.join("status"), if out.success { "ok" } else { "failed" }))
                    .and_then(|_| std::fs::write(keep.join("stdout"), &out.stdout))
                    .and_then(|_| std::fs::write(keep.join("stderr"), &out.stderr))
                    .unwrap_or_else(|e| panic!("proof: cannot keep rustc's output in {}: {e}", keep.display()));
                *output.borrow_mut() = Some(out);
            },
        );
        output.into_inner().expect("the run or its kept output")
    })
}

/// One rustc run in a fresh `dir`, as [`rustc_env`] describes.
fn run_rustc(dir: &Path, key: &str, inputs: &[(&str, &str)], args: &[&str], env: &[(&str, &str)]) -> Output {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("proof: cannot create {}: {e}", dir.display()));
    for (name, text) in inputs {
        std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("proof: cannot write {}: {e}", dir.join(name).display()));
    }
    let mut cmd = Command::new(crate::toolchain::rustc_path());
    cmd.current_dir(dir).args(args);
    for var in ["RUSTFLAGS", "RUSTC_WRAPPER", "RUSTC_WORKSPACE_WRAPPER", "RUSTC_BOOTSTRAP", "CARGO_ENCODED_RUSTFLAGS", "RUSTC_LOG"] {
        cmd.env_remove(var);
    }
    if args.iter().any(|a| a.starts_with("-Z")) {
        cmd.env("RUSTC_BOOTSTRAP", "1");
    }
    // An internal compiler error (which `-Ztreat-err-as-bug` provokes on purpose) writes no report file.
    cmd.env("RUSTC_ICE", "0");
    cmd.envs(env.iter().copied());
    let out = cmd.output().unwrap_or_else(|e| panic!("proof: cannot run rustc for `{key}`: {e}"));
    Output {
        success: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        dir: dir.to_path_buf(),
    }
}

/// Removes from compiler output what differs between machines, clones and runs of the same compiler:
/// - the paths of the repository, of the target directory and of the home directory (`<repo>`,
///   `<target>`, `<home>`), and rustc's temporary directories (`rustcXXXXXX` becomes `rustc<tmp>`);
/// - legacy symbol hashes (`17h0123456789abcdefE` becomes `17h<hash>E`), crate disambiguators in
///   paths (`pipeline[8f8b]` becomes `pipeline[<id>]`), codegen-unit hashes (`.8f8bff7b7ce25ff3-cgu`
///   becomes `.<hash>-cgu`), content-hashed constant names (`alloc_<hash>`), the commit in the
///   standard library's paths (`/rustc/<commit>/`) and rustc's thread ids (`'rustc' (<id>)`);
/// - trailing spaces, and blank lines at the end.
pub fn normalize(text: &str) -> String {
    let mut t = text.to_string();
    let mut paths: Vec<(String, &str)> =
        vec![(workspace::target_dir().display().to_string(), "<target>"), (workspace::root().display().to_string(), "<repo>")];
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from).filter(|h| h.components().count() > 1) {
        paths.push((home.display().to_string(), "<home>"));
    }
    for (path, with) in paths {
        if !path.is_empty() {
            t = t.replace(&path, with);
        }
    }
    t = mask(&t, "rustc", Run::Exactly(6, Chars::Alnum), "/", "rustc<tmp>/");
    t = mask(&t, "17h", Run::Exactly(16, Chars::Hex), "E", "17h<hash>E");
    t = mask(&t, "[", Run::Exactly(4, Chars::Hex), "]::", "[<id>]::");
    t = mask(&t, "[", Run::Exactly(4, Chars::Hex), "])", "[<id>])");
    t = mask(&t, ".", Run::Exactly(16, Chars::Hex), "-cgu", ".<hash>-cgu");
    t = mask(&t, "alloc_", Run::AtLeast(16, Chars::Hex), "", "alloc_<hash>");
    t = mask(&t, "/rustc/", Run::Exactly(40, Chars::Hex), "/", "/rustc/<commit>/");
    t = mask(&t, "'rustc' (", Run::AtLeast(1, Chars::Digit), ")", "'rustc' (<id>)");
    let mut out: String = t.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    while out.ends_with('\n') {
        out.pop();
    }
    out.push('\n');
    out
}

#[derive(Clone, Copy)]
enum Chars {
    Hex,
    Alnum,
    Digit,
}

#[derive(Clone, Copy)]
enum Run {
    Exactly(usize, Chars),
    AtLeast(usize, Chars),
}

/// Replaces every `before` + a run of characters + `after` with `with`. A run must not continue past
/// its length (an `Exactly` run followed by one more character of its class is left alone).
fn mask(text: &str, before: &str, run: Run, after: &str, with: &str) -> String {
    let (min, exact, class) = match run {
        Run::Exactly(n, c) => (n, true, c),
        Run::AtLeast(n, c) => (n, false, c),
    };
    let is = |c: char| match class {
        Chars::Hex => c.is_ascii_digit() || ('a'..='f').contains(&c),
        Chars::Alnum => c.is_ascii_alphanumeric(),
        Chars::Digit => c.is_ascii_digit(),
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(before) {
        let (head, tail) = rest.split_at(at);
        out.push_str(head);
        let body = &tail[before.len()..];
        let len = body.char_indices().find(|&(_, c)| !is(c)).map_or(body.len(), |(i, _)| i);
        let fits = if exact { len == min } else { len >= min };
        if fits && body[len..].starts_with(after) {
            out.push_str(with);
            rest = &body[len + after.len()..];
        } else {
            out.push_str(before);
            rest = body;
        }
    }
    out.push_str(rest);
    out
}

/// What [`check`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The committed file holds this text.
    Same,
    /// `BLESS=1`: the file was written.
    Blessed,
    /// The file differs (a warning was printed: not strict mode).
    Drifted,
    /// A drift run: nothing written or compared.
    NotCompared,
}

/// Compares `text` with the committed file `file` (relative to the repository root, e.g.
/// `src/pipeline/generated/loops.hir`), as the module documentation describes. Panics naming the file
/// when the text holds a path of this machine, when the file is missing (outside `BLESS=1`), or when it
/// differs in strict mode.
pub fn check(file: &str, text: &str) -> Outcome {
    for (path, what) in [
        (workspace::root().display().to_string(), "the repository's path"),
        (workspace::target_dir().display().to_string(), "the target directory's path"),
    ] {
        assert!(!text.contains(&path), "proof: the dump for {file} holds {what} ({path}): normalize it (proof::dump::normalize)");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from).filter(|h| h.components().count() > 1) {
        let home = home.display().to_string();
        assert!(!text.contains(&home), "proof: the dump for {file} holds the home directory ({home}): normalize it");
    }
    if crate::claim::drift_run() {
        return Outcome::NotCompared;
    }
    let path = workspace::root().join(file);
    let old = std::fs::read_to_string(&path).ok();
    if workspace::env_flag("BLESS") {
        if old.as_deref() == Some(text) {
            return Outcome::Same;
        }
        std::fs::create_dir_all(path.parent().expect("a dump lives in a directory")).ok();
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("proof: cannot write {}: {e}", path.display()));
        eprintln!("dump {file}: blessed");
        return Outcome::Blessed;
    }
    let Some(old) = old else {
        panic!("proof: the generated dump {file} is missing: run `BLESS=1 cargo test` and commit it");
    };
    if old == text {
        return Outcome::Same;
    }
    let diff = short_diff(&old, text, 12);
    if workspace::env_flag("CI") || workspace::env_flag("MEASURED_STRICT") {
        panic!(
            "proof: the generated dump {file} differs from what the compiler writes now (strict mode: CI or MEASURED_STRICT=1):\n{diff}\nre-bless with `BLESS=1 cargo test` if the change is expected"
        );
    }
    eprintln!("warning: the generated dump {file} differs from what the compiler writes now:\n{diff}");
    Outcome::Drifted
}

/// A unified diff of `old` (committed) and `new` (generated), at most `max` changed lines.
pub fn short_diff(old: &str, new: &str, max: usize) -> String {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    let mut shown = 0;
    for change in diff.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Equal => continue,
            similar::ChangeTag::Delete => "-",
            similar::ChangeTag::Insert => "+",
        };
        if shown == max {
            out.push("  … (more lines differ)".to_string());
            break;
        }
        out.push(format!("  {sign} {}", change.value().trim_end_matches('\n')));
        shown += 1;
    }
    out.join("\n")
}

/// `text`'s size as a dump-size table shows it: (lines, bytes).
pub fn size(text: &str) -> (usize, usize) {
    (text.lines().count(), text.len())
}

/// The path of `file` relative to the repository root (for messages).
pub fn relative(file: &Path) -> String {
    file.strip_prefix(workspace::root()).unwrap_or(file).display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_masks_hashes_and_ids() {
        let text = "call @_ZN8pipeline6larger17h7c89a95af3343ae6E(i32 1)   \nDefId(0:11 ~ pipeline[8f8b]::length)\nty: FnDef(DefId(3:8611 ~ alloc[fdfd]::vec::{impl#1}::len), [])\n.file \"pipeline.8f8bff7b7ce25ff3-cgu.0\"\n@alloc_0123456789abcdef0123456789abcdef = private\n/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core\n/tmp/rustc6vDPFw/symbols.o\nthread 'rustc' (25760) panicked\n[abcd] stays\n\n\n";
        let n = normalize(text);
        assert_eq!(
            n,
            "call @_ZN8pipeline6larger17h<hash>E(i32 1)\nDefId(0:11 ~ pipeline[<id>]::length)\nty: FnDef(DefId(3:8611 ~ alloc[<id>]::vec::{impl#1}::len), [])\n.file \"pipeline.<hash>-cgu.0\"\n@alloc_<hash> = private\n/rustc/<commit>/library/core\n/tmp/rustc<tmp>/symbols.o\nthread 'rustc' (<id>) panicked\n[abcd] stays\n"
        );
        assert_eq!(normalize(&n), n, "normalizing twice changes nothing");
    }

    #[test]
    fn mask_leaves_longer_runs_alone() {
        assert_eq!(mask("17h0123456789abcdef0E", "17h", Run::Exactly(16, Chars::Hex), "E", "X"), "17h0123456789abcdef0E");
        assert_eq!(mask("a 17h0123456789abcdefE b", "17h", Run::Exactly(16, Chars::Hex), "E", "X"), "a X b");
    }

    #[test]
    fn short_diff_shows_changed_lines() {
        let d = short_diff("a\nb\nc\n", "a\nB\nc\n", 12);
        assert_eq!(d, "  - b\n  + B");
        let many = short_diff("1\n2\n3\n", "4\n5\n6\n", 2);
        assert!(many.ends_with("(more lines differ)"), "{many}");
    }
}
