//! The compile-fail lessons: every case of `tests/ui/cases/` compiled by trybuild in one run, which
//! compares rustc's output with the case's `.stderr` (regenerate with
//! `TRYBUILD=overwrite cargo test -p measured-ui --test ui`). One run builds trybuild's project and its
//! dependencies once for all cases; the claims of each module read their cases' outcomes.

mod compile_fail;
mod pipeline;

use std::sync::OnceLock;

/// Runs every case once per process through trybuild; a later `cargo test` skips the run when the
/// compiler, the cases, their expected output and the lock file are those it last passed with.
fn run_cases() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        let pass: Vec<&str> = compile_fail::PASS.iter().chain(pipeline::PASS).copied().collect();
        let fail: Vec<&str> = compile_fail::FAIL.iter().chain(pipeline::FAIL).copied().collect();
        proof::compile_fail::run("cases", &pass, &fail, || {
            let t = trybuild::TestCases::new();
            for case in &pass {
                t.pass(format!("cases/{case}.rs"));
            }
            for case in &fail {
                t.compile_fail(format!("cases/{case}.rs"));
            }
        }); // trybuild runs the cases when `t` drops, and panics if rustc's verdict or output differs
    });
}

#[test]
fn every_case_is_run() {
    // A case file that neither list names would never be compiled.
    let listed: Vec<&str> = [compile_fail::PASS, compile_fail::FAIL, pipeline::PASS, pipeline::FAIL].concat();
    let mut unlisted = Vec::new();
    for entry in std::fs::read_dir("cases").expect("tests/ui/cases") {
        let path = entry.expect("a directory entry").path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else { continue };
        // pipeline_link is compiled by tests/claims/pipeline/errors.rs (its error is the linker's).
        if path.extension().is_some_and(|e| e == "rs") && stem != "pipeline_link" && !listed.contains(&stem) {
            unlisted.push(stem.to_string());
        }
    }
    assert!(unlisted.is_empty(), "cases no list names: {unlisted:?}");
}
