//! Build time, by the rule of Methodology: a wide ordering of the CPU time of cold builds of a small lab
//! (proof::build_cost). The figures are shown; only the verdict is compared.

use super::*;

/// The predicate of an ordering that is not wide: the slower setting's fastest run costs less than
/// twice the faster setting's slowest.
pub(super) fn within_twice(f: &Figures) -> bool {
    margin::ratio(f, build_cost::SLOWER_BEST, build_cost::FASTER_WORST, Op::Lt, build_cost::WIDE)
}

/// Fat LTO against the default release build of the siblings lab (the LTO part's builds, one stamp each):
/// an ordering that is wide, the control of the orderings below that are not.
pub(super) fn fat_lto_against_default() -> Measured {
    let fat = ColdBuild::new("lto = \"fat\"", &["build", "--locked"], Some(Profile::custom("release-fat", Base::Release).lto("fat")));
    let default = ColdBuild::new("default", &["build", "--locked"], Some(Profile::release()));
    build_cost::ordering("siblings", &fat, &default, Resource::Cpu)
}

#[test]
fn checking_is_under_half_of_a_build() {
    let build = ColdBuild::new("cargo build", &["build", "--locked"], Some(Profile::dev()));
    let check = ColdBuild::new("cargo check", &["check", "--locked"], Some(Profile::dev()));
    let check_release = ColdBuild::new("cargo check --release", &["check", "--locked"], Some(Profile::release()));
    claim("pipeline.build-cost.checking-under-half")
        .kind(Kind::BuildCost)
        .statement("Cold, on the workload lab (dev profile), `cargo build` costs at least twice the CPU time of `cargo check`, which runs every stage up to borrow checking, by the rule.")
        .judges("003", "Stage 3: Type Checking and Borrow Checking", "Type checking and borrow checking are where most of Rust's compile time is spent.", "refuted: the stages up to borrow checking (cargo check) cost under half of a build's CPU time on a small lab")
        .judges("003", "Why Rust Is Slow to Compile", "Macro expansion (derive especially), type inference, borrow checking, monomorphization and LLVM optimization each add significant compile time, monomorphization and LLVM the most.", "partly true: what follows cargo check's stages costs more than all of them together; each stage's own share is not measured")
        .judges("003", "Stage 3: Trait Resolution", "Trait resolution, with coherence, specialization, where clauses, higher-ranked bounds and auto traits, is a major source of compile time.", "not reproduced: all the stages up to borrow checking, trait resolution among them, cost under half of a build on a small lab; its own share is not measured")
        .predicate("the slower build's fastest run costs at least 2× the faster build's slowest", build_cost::is_wide)
        .subject("cargo build against cargo check", || build_cost::ordering("workload", &build, &check, Resource::Cpu))
        .control("cargo check --release against cargo check", || build_cost::ordering("workload", &check_release, &check, Resource::Cpu))
        .check();
}

#[test]
fn release_build_within_twice_of_dev() {
    let release = ColdBuild::new("release", &["build", "--locked"], Some(Profile::release()));
    let dev = ColdBuild::new("dev", &["build", "--locked"], Some(Profile::dev()));
    claim("pipeline.build-cost.release-within-2x-of-dev")
        .kind(Kind::BuildCost)
        .statement("Cold, a release build of the four-crate siblings lab costs less than twice the CPU time of a dev build, by the rule: release's fastest of 3 runs against dev's slowest.")
        .judges("003", "Why Rust Is Slow to Compile", "Debug builds compile faster than release builds, because LLVM optimizes less.", "not reproduced: within the rule's 2× on a small lab (the ratio is shown)")
        .predicate("the slower build's fastest run costs less than 2× the faster build's slowest", within_twice)
        .subject("CPU time: release against dev (siblings lab)", || build_cost::ordering("siblings", &release, &dev, Resource::Cpu))
        .control("CPU time: fat LTO against the default release build (siblings lab)", fat_lto_against_default)
        .check();
}

#[test]
fn more_generic_code_within_twice() {
    let generic = ColdBuild::new("generics: the whole body generic", &["build", "--locked", "-p", "generics"], Some(Profile::dev()));
    let inner = ColdBuild::new("generics-inner: a non-generic inner function", &["build", "--locked", "-p", "generics-inner"], Some(Profile::dev()));
    claim("pipeline.build-cost.generics-within-2x")
        .kind(Kind::BuildCost)
        .statement("Cold, a crate whose generic function is copied for four types costs less than twice the CPU time of one with a non-generic inner function, by the rule.")
        .judges("003", "Why Rust Is Slow to Compile", "Adding more generics increases compile time, through more monomorphization.", "not reproduced: within the rule's 2× on a small crate, though the copies are there (the ratio is shown)")
        .predicate("the slower build's fastest run costs less than 2× the faster build's slowest", within_twice)
        .subject("CPU time: generics against generics-inner (compiletime lab, dev)", || build_cost::ordering("compiletime", &generic, &inner, Resource::Cpu))
        .control("CPU time: fat LTO against the default release build (siblings lab)", fat_lto_against_default)
        .check();
}

#[test]
fn dyn_build_within_twice_of_generic() {
    // The cfgs through build.rustflags (the harness puts --target-dir after cargo's arguments, so no `--`).
    let build = |label: &str, rustflags: &str| ColdBuild::new(label, &["build", "--locked", "--example", "dispatch", "--config", rustflags], None);
    let generic = build("describe generic, four shape types", r#"build.rustflags=["--cfg", "generic", "--cfg", "four"]"#);
    let dynamic = build("describe taking &dyn Shape, four shape types", r#"build.rustflags=["--cfg", "four"]"#);
    claim("pipeline.build-cost.dyn-within-2x")
        .kind(Kind::BuildCost)
        .statement("Cold, the generic version of labs/pipeline's dispatch example costs less than twice the CPU time of its `&dyn Shape` version to build, by the rule (dev profile).")
        .judges("003", "Why Rust Is Slow to Compile", "dyn Trait speeds up compilation because nothing is monomorphized.", "not reproduced: within the rule's 2× on a small example, though the dyn version emits less IR (the ratio is shown)")
        .predicate("the slower build's fastest run costs less than 2× the faster build's slowest", within_twice)
        .subject("CPU time: generic against dyn Shape (cargo build --example dispatch, dev)", || build_cost::ordering("pipeline", &generic, &dynamic, Resource::Cpu))
        .control("CPU time: fat LTO against the default release build (siblings lab)", fat_lto_against_default)
        .check();
}
