//! The compiler pipeline's compile-fail cases (src/pipeline/errors.md): trybuild compiles every
//! `cases/pipeline_*.rs` in the one run of every case ([`crate::run_cases`]) and compares rustc's output
//! with the case's `.stderr` file. The run has cases that must compile, so trybuild runs `cargo build`,
//! not `cargo check`: an error found only when a generic function is instantiated needs a build. (A link error is measured in tests/claims/pipeline/errors.rs
//! instead: trybuild would show the linker's command line, full of this machine's paths.)

use proof::margin::{self, Op};
use proof::{FiguresExt, Kind, Measured, ProfileRecord, claim, figures};
use std::path::Path;

/// Cases that must fail to compile, each with its `.stderr`.
pub const FAIL: &[&str] = &[
    "pipeline_lex",
    "pipeline_parse",
    "pipeline_macro",
    "pipeline_resolve",
    "pipeline_types",
    "pipeline_borrow",
    "pipeline_lifetime",
    "pipeline_unsafe",
    "pipeline_collect_infer",
    "pipeline_post_mono",
    "pipeline_order_same_fn",
    "pipeline_order_two_fns",
    "pipeline_order_parse_type",
    "pipeline_order_resolve_type",
    "pipeline_order_macro_type",
    "pipeline_order_type_post_mono",
    "pipeline_orphan_foreign",
    "pipeline_race_unsynchronized",
    "pipeline_conservative_get_default",
];

/// Cases that must compile and run.
pub const PASS: &[&str] =
    &["pipeline_nll", "pipeline_collect_annotated", "pipeline_orphan_local", "pipeline_race_mutex", "pipeline_conservative_contains_key"];

/// The outcome of one case as trybuild saw it: whether it compiled, and the error codes and messages of
/// its `.stderr`. trybuild has run every case when `run_cases` returns (it panics on any other outcome
/// than the expected one), so a case of PASS compiled and ran, and a case of FAIL failed with its `.stderr`.
fn case(name: &str) -> Measured {
    crate::run_cases();
    let stderr = std::fs::read_to_string(Path::new("cases").join(format!("{name}.stderr"))).unwrap_or_default();
    let (errors, codes) = proof::compile_fail::errors(&stderr);
    let by = format!("trybuild {}, `cargo build` of a project with one passing case", proof::compile_fail::trybuild_version());
    let profile = ProfileRecord::named("trybuild (cargo build)", &[("edition", "2024".into()), ("rustc run by", by.into())]);
    Measured::new(
        profile,
        figures! {
            "case" => name,
            "compiles" => PASS.contains(&name),
            "errors reported" => errors.len(),
            "error codes" => if codes.is_empty() { "none".to_string() } else { codes.join(", ") },
            "errors" => if errors.is_empty() { "none".to_string() } else { errors.join(" | ") },
        },
    )
}

fn has_code(f: &proof::Figures, code: &str) -> bool {
    f.str("error codes").split(", ").any(|c| c == code)
}

#[test]
fn borrow_ends_at_last_use() {
    claim("pipeline.errors.nll-borrow-ends-at-last-use")
        .kind(Kind::CompileFail)
        .statement("A shared borrow ends at its last use: pushing to a vector after the borrow's last use compiles; using the borrow after the push does not.")
        .judges("003", "Stage 3: Borrow Checking", "With non-lexical lifetimes a borrow lasts until its last use, so a vector can be pushed to after the last use of a reference into it.", "confirmed")
        .predicate("the program compiles", |f| f.bool("compiles"))
        .subject("let first = &values[0]; print first; values.push(4)", || case("pipeline_nll"))
        .control("the same lines with the print after the push", || case("pipeline_borrow"))
        .check();
}

#[test]
fn type_error_hides_borrow_error_of_its_function() {
    claim("pipeline.order.type-error-hides-borrow-error-in-same-function")
        .kind(Kind::CompileFail)
        .statement("A function with a type error is not borrow-checked: with both errors in one function, only the type error (E0308) is reported; in two, both are.")
        .predicate("no borrow error (E0502) is reported", |f| !has_code(f, "E0502") && has_code(f, "E0308"))
        .subject("a type error and a borrow error in main", || case("pipeline_order_same_fn"))
        .control("a borrow error in grow(), a type error in count()", || case("pipeline_order_two_fns"))
        .check();
}

#[test]
fn parse_recovery_lets_type_checking_run() {
    claim("pipeline.order.parse-error-recovered-type-checked")
        .kind(Kind::CompileFail)
        .statement("rustc recovers from a missing `;` and still reports another function's type error (E0308); after a failed macro call, it reports no type error.")
        .predicate("a type error (E0308) is reported besides the earlier stage's error", |f| has_code(f, "E0308") && margin::against(f, "errors reported", Op::Ge, 2.0))
        .subject("a missing `;` in width(), a type error in height()", || case("pipeline_order_parse_type"))
        .control("a macro call no rule matches in area(), a type error in label()", || case("pipeline_order_macro_type"))
        .check();
}

#[test]
fn resolution_error_lets_type_checking_run() {
    claim("pipeline.order.resolution-error-type-checked")
        .kind(Kind::CompileFail)
        .statement("An unresolved name does not stop compilation: rustc reports it (E0425) and also the type error of another function (E0308).")
        .predicate("both E0425 and E0308 are reported", |f| has_code(f, "E0425") && has_code(f, "E0308"))
        .subject("an unresolved name in width(), a type error in height()", || case("pipeline_order_resolve_type"))
        .control("a macro call no rule matches in area(), a type error in label()", || case("pipeline_order_macro_type"))
        .check();
}

#[test]
fn no_monomorphization_after_an_error() {
    claim("pipeline.order.no-post-mono-error-after-type-error")
        .kind(Kind::CompileFail)
        .statement(
            "Per-instance errors come last: with a type error elsewhere in the crate, a generic function's failing constant (E0080) is not reported.",
        )
        .predicate("no const-evaluation error (E0080) is reported", |f| !has_code(f, "E0080"))
        .subject("store::<()> with a failing constant, and a type error in label()", || case("pipeline_order_type_post_mono"))
        .control("store::<()> with a failing constant, and no other error", || case("pipeline_post_mono"))
        .check();
}

#[test]
fn collect_needs_a_target_type() {
    claim("pipeline.typeck.collect-needs-annotation")
        .kind(Kind::CompileFail)
        .statement("`let doubled = numbers.iter().map(|n| n * 2).collect();` is error E0283, \"type annotations needed\"; `let doubled: Vec<i32> = …` compiles.")
        .judges("003", "Stage 3: Type Inference", "In `let y = x.iter().map(|n| n * 2).collect();` the type of y is inferred as Vec<i32>.", "refuted: rustc cannot infer the collection and asks for an annotation (E0283)")
        .judges("003", "Stage 3: Type Inference", "When the constraints do not determine a type, rustc reports \"type annotations needed\".", "confirmed")
        .predicate("rustc asks for a type annotation (E0283)", |f| has_code(f, "E0283"))
        .subject("let doubled = ….collect();", || case("pipeline_collect_infer"))
        .control("let doubled: Vec<i32> = ….collect();", || case("pipeline_collect_annotated"))
        .check();
}

#[test]
fn orphan_rule_refuses_a_foreign_impl() {
    claim("pipeline.traits.orphan-rule")
        .kind(Kind::CompileFail)
        .statement("Coherence is enforced: implementing std's `Display` for std's `Vec<u8>` is error E0117 (the orphan rule); the same impl for a local wrapper compiles.")
        .judges("003", "Stage 3: Trait Resolution", "Trait resolution enforces coherence through the orphan rules.", "confirmed: an impl of a foreign trait for a foreign type is rejected (E0117)")
        .predicate("rustc rejects the impl with the orphan rule's error (E0117)", |f| has_code(f, "E0117"))
        .subject("impl fmt::Display for Vec<u8>", || case("pipeline_orphan_foreign"))
        .control("impl fmt::Display for Bytes, a local struct around Vec<u8>", || case("pipeline_orphan_local"))
        .check();
}

#[test]
fn unsynchronized_threads_are_rejected() {
    claim("pipeline.borrowck.data-race-rejected")
        .kind(Kind::CompileFail)
        .statement("Two scoped threads pushing to one `Vec` without a lock do not compile (E0499, two mutable borrows at once); with the `Vec` in a `Mutex`, they do.")
        .judges("003", "Stage 3: Borrow Checking", "The ownership rules forbid data races through shared mutable state.", "confirmed: two threads may not both hold the vector mutably; behind a Mutex they compile")
        .predicate("rustc rejects two mutable borrows at once (E0499)", |f| has_code(f, "E0499"))
        .subject("s.spawn(|| log.push(1)); s.spawn(|| log.push(2)) on a Vec", || case("pipeline_race_unsynchronized"))
        .control("the same pushes through log.lock() on a Mutex<Vec<_>>", || case("pipeline_race_mutex"))
        .check();
}

#[test]
fn borrow_checker_rejects_a_safe_function() {
    claim("pipeline.borrowck.rejects-safe-get-or-insert")
        .kind(Kind::CompileFail)
        .statement("The borrow checker rejects a safe get-or-insert that returns `get_mut`'s borrow on one path and inserts on the other (E0499); checking `contains_key` first compiles.")
        .judges("003", "The Pipeline as Design Philosophy", "The borrow checker is conservative: it rejects code it cannot prove safe, accepting false positives.", "confirmed: a safe function that returns a borrow on one path and reborrows on the other is rejected")
        .predicate("rustc rejects it with E0499", |f| has_code(f, "E0499"))
        .subject("match map.get_mut(&key) { Some(v) => v, None => { map.insert(…); … } }", || case("pipeline_conservative_get_default"))
        .control("if !map.contains_key(&key) { map.insert(…) } then map.get_mut(&key)", || case("pipeline_conservative_contains_key"))
        .check();
}
