//! What Clippy says about the lint lab (labs/lint): one `cargo clippy --message-format=json` over its
//! packages, its warnings counted by lint name and by the file and package they point at. Clippy's output
//! is deterministic given the toolchain and the lab's files, so the run is kept across processes
//! (proof::stamp::memo) under a key naming both.

use proof::profile::Profile;
use proof::{FiguresExt, Kind, Measured, claim, figures};
use serde_json::Value;

/// One warning: the lint (`clippy::ptr_arg`), the package's library it was found in, the file of its
/// primary span (relative to the lab) and the suggested replacement, if it offers one.
#[derive(Clone, Debug)]
struct Warning {
    lint: String,
    target: String,
    file: String,
    suggestion: String,
}

/// `cargo clippy --workspace --message-format=json --locked` over the lint lab, through the harness's
/// clean cargo (proof::lab::cargo_output), reduced to the warnings; kept by proof::stamp::memo.
fn warnings() -> &'static [Warning] {
    static ALL: std::sync::OnceLock<Vec<Warning>> = std::sync::OnceLock::new();
    let args = ["clippy", "--workspace", "--message-format=json", "--locked"];
    let key =
        format!("{}\n{}\n{}", proof::environment::key_line(&proof::environment::toolchain_key()), proof::lab::source_digest("lint"), args.join(" "));
    let all = ALL.get_or_init(|| {
        let text = proof::stamp::memo("clippy", "lint", &key, || {
            let out = proof::lab::cargo_output("lint", &args, &Profile::dev(), &[]);
            assert!(out.status.success(), "cargo clippy on the lint lab failed:\n{}", String::from_utf8_lossy(&out.stderr));
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                .filter(|m| m["reason"] == "compiler-message" && m["message"]["level"] == "warning")
                .map(|m| {
                    let d = &m["message"];
                    let primary = d["spans"].as_array().and_then(|s| s.iter().find(|s| s["is_primary"] == true)).cloned().unwrap_or_default();
                    let suggestion = d["children"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .flat_map(|c| c["spans"].as_array().cloned().unwrap_or_default())
                        .find_map(|s| s["suggested_replacement"].as_str().map(str::to_string))
                        .unwrap_or_default();
                    serde_json::json!({
                        "lint": d["code"]["code"].as_str().unwrap_or(""),
                        "target": m["target"]["name"].as_str().unwrap_or(""),
                        "file": primary["file_name"].as_str().unwrap_or(""),
                        "suggestion": suggestion,
                    })
                    .to_string()
                })
                .collect::<Vec<_>>()
                .join("\n")
        });
        text.lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let v: Value = serde_json::from_str(l).expect("a kept warning");
                let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
                Warning { lint: s("lint"), target: s("target"), file: s("file"), suggestion: s("suggestion") }
            })
            .collect()
    });
    // Every claim reading the warnings, on whichever test thread, notes what the clippy run noted (its
    // lab's lock file, the C library): the kept run notes them again.
    proof::stamp::memo("clippy", "lint", &key, || unreachable!("kept by the first call"));
    all
}

/// The warnings of lint `lint` whose primary span is in `file` of the library `target`. Each side of a
/// claim reads its own file of the one Clippy run, and notes it (its provenance).
fn found(lint: &str, target: &str, file: &str) -> Vec<&'static Warning> {
    proof::provenance::note(format!("clippy's {lint} warnings in {target}: {file}"));
    warnings().iter().filter(|w| w.lint == lint && w.target == target && w.file == file).collect()
}

/// The profile record of a Clippy run: no build, only the lints of the pinned toolchain's Clippy.
fn record(settings: &str) -> proof::ProfileRecord {
    Profile::dev().record().with("command", "cargo clippy --workspace --message-format=json --locked").with("lints", settings)
}

/// Clippy's warnings for one file of the `perf` package, which enables the perf group and nothing else.
fn perf_warnings(file: &str) -> Measured {
    proof::provenance::note(format!("clippy's warnings in perf: {file}"));
    let all: Vec<&Warning> = warnings().iter().filter(|w| w.target == "perf" && w.file == file).collect();
    let named = |lint: &str| all.iter().filter(|w| w.lint == lint).count() as u64;
    Measured::new(
        record("the perf group only ([lints.clippy] all = allow, perf = warn)"),
        figures! {
            "file" => file,
            "warnings (any lint)" => all.len() as u64,
            "clippy::slow_vector_initialization warnings" => named("clippy::slow_vector_initialization"),
            "suggestion" => all.first().map(|w| w.suggestion.clone()).unwrap_or_else(|| "none".into()),
        },
    )
}

#[test]
fn perf_group_flags_a_slow_zero_fill() {
    claim("heap.lint.perf-flags-slow-zero-fill")
        .kind(Kind::Behaviour)
        .statement("With only Clippy's perf group enabled, `Vec::with_capacity(n)` then `resize(n, 0)` draws one `slow_vector_initialization` warning; `vec![0; n]` draws none.")
        .judges("002", "Linting", "Clippy's perf group of lints flags code patterns that can be slow.", "confirmed: on a zero-filled vector, with vec![0; n] suggested")
        .predicate("exactly one warning, from clippy::slow_vector_initialization", |f| {
            proof::margin::exactly(f, "clippy::slow_vector_initialization warnings", 1.0) && proof::margin::exactly(f, "warnings (any lint)", 1.0)
        })
        .subject("perf/src/slow.rs: with_capacity, then resize with zeros", || perf_warnings("perf/src/slow.rs"))
        .control("perf/src/fast.rs: vec![0; n]", || perf_warnings("perf/src/fast.rs"))
        .check();
}

/// Clippy's `ptr_arg` warnings for one file of the `args` package (Clippy's default lints).
fn ptr_arg_warnings(file: &str) -> Measured {
    let hits = found("clippy::ptr_arg", "args", file);
    Measured::new(
        record("Clippy's defaults"),
        figures! {
            "file" => file,
            "clippy::ptr_arg warnings" => hits.len() as u64,
            "suggested parameter type" => hits.first().map(|w| w.suggestion.clone()).unwrap_or_else(|| "none".into()),
        },
    )
}

#[test]
fn ptr_arg_suggests_a_mutable_slice() {
    claim("heap.lint.ptr-arg-mut-vec")
        .kind(Kind::Behaviour)
        .statement("Clippy's default `ptr_arg` lint flags a `&mut Vec<u64>` parameter that is only iterated and suggests `&mut [u64]`; it leaves alone one that is pushed to.")
        .judges("002", "Linting", "The ptr_arg lint suggests replacing container arguments such as &mut Vec<T> with slices such as &mut [T].", "confirmed: for a &mut Vec that is used only as a slice; whether the slice is faster is not measured")
        .predicate("one ptr_arg warning, suggesting `&mut [u64]`", |f| {
            proof::margin::exactly(f, "clippy::ptr_arg warnings", 1.0) && proof::margin::holds("the suggestion is &mut [u64]", f.str("suggested parameter type") == "&mut [u64]")
        })
        .subject("args/src/writes.rs: values: &mut Vec<u64>, iterated with iter_mut", || ptr_arg_warnings("args/src/writes.rs"))
        .control("args/src/grows.rs: values: &mut Vec<u64>, pushed to", || ptr_arg_warnings("args/src/grows.rs"))
        .check();
}

/// Clippy's `disallowed_types` warnings for the shared source file, linted as the library `target`.
fn disallowed_warnings(target: &str, config: &str) -> Measured {
    let hits = found("clippy::disallowed_types", target, "tables/src/lib.rs");
    Measured::new(
        record("Clippy's defaults").with("clippy.toml", config),
        figures! {
            "package" => target,
            "clippy::disallowed_types warnings" => hits.len() as u64,
        },
    )
}

#[test]
fn disallowed_types_keeps_hash_tables_out() {
    claim("heap.lint.disallowed-types-hash-tables")
        .kind(Kind::Behaviour)
        .statement("With `disallowed-types` naming `HashMap` and `HashSet` in clippy.toml, Clippy warns at each use of `HashMap` in a file; without it, none.")
        .judges("002", "Hashing", "Clippy's disallowed_types lint can keep HashMap and HashSet from being used by accident.", "confirmed: a warning at each of its uses")
        .judges("002", "Linting", "Clippy's disallowed_types lint, configured in clippy.toml, can keep chosen standard library types out of a code base.", "confirmed: a warning at each use of a type it names")
        .predicate("at least one disallowed_types warning", |f| proof::margin::against(f, "clippy::disallowed_types warnings", proof::margin::Op::Ge, 1.0))
        .subject("tables: clippy.toml disallows std::collections::HashMap and HashSet", || disallowed_warnings("tables", "disallowed-types = [HashMap, HashSet]"))
        .control("tables-unconfigured: the same file, no clippy.toml", || disallowed_warnings("tables_unconfigured", "none"))
        .check();
}
