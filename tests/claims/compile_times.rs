//! Compile-time claims on deterministic proxies, never on a time: what cargo builds (units, artifacts)
//! for each command and each way of organizing code, what it rebuilds after a change, and how much LLVM
//! IR a generic function costs. Measured on labs/compiletime (tiny crates, no outside dependencies).
//! Build times are shown by ci/compile-timings.sh, not asserted here.

use proof::build_cost::{self, Resource};
use proof::lab::{self, Emit};
use proof::margin::{self, Op};
use proof::profile::Profile;
use proof::{FiguresExt, Kind, Measured, claim, figures};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const LAB: &str = "compiletime";

/// Cargo's JSON messages for `cargo <args> --message-format=json` in the lab, under `profile`.
fn messages(args: &[&str], profile: &Profile) -> Vec<Value> {
    let mut all: Vec<&str> = args.to_vec();
    all.push("--message-format=json");
    let out = lab::cargo_output(LAB, &all, profile, &[]);
    assert!(out.status.success(), "cargo {args:?} failed in labs/{LAB}:\n{}", String::from_utf8_lossy(&out.stderr));
    parse(&out.stdout)
}

fn parse(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout).lines().filter_map(|l| serde_json::from_str(l).ok()).collect()
}

/// The compiler-artifact messages: one per unit cargo compiled (or found fresh).
fn artifacts(msgs: &[Value]) -> Vec<&Value> {
    msgs.iter().filter(|m| m["reason"] == "compiler-artifact").collect()
}

/// The package names of the units, sorted, as one string ("base, unused, app-unused").
fn unit_names(msgs: &[Value]) -> String {
    let mut names: Vec<String> = artifacts(msgs)
        .iter()
        .map(|m| format!("{} ({})", m["target"]["name"].as_str().unwrap_or("?"), m["target"]["kind"][0].as_str().unwrap_or("?")))
        .collect();
    names.sort();
    names.join(", ")
}

/// How many of the files cargo reports end with `ext`, and how many executables it reports.
fn files_ending(msgs: &[Value], ext: &str) -> usize {
    artifacts(msgs)
        .iter()
        .flat_map(|m| m["filenames"].as_array().cloned().unwrap_or_default())
        .filter(|f| f.as_str().is_some_and(|f| f.ends_with(ext)))
        .count()
}
fn executables(msgs: &[Value]) -> usize {
    artifacts(msgs).iter().filter(|m| m["executable"].is_string()).count()
}

fn command_record(command: &str) -> proof::ProfileRecord {
    Profile::dev().record().with("command", command)
}

fn outputs(command: &str) -> Measured {
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let msgs = messages(&args, &Profile::dev());
    Measured::new(
        command_record(&format!("{command} (labs/compiletime)")),
        figures! {
            "units" => artifacts(&msgs).len(),
            ".rmeta files" => files_ending(&msgs, ".rmeta"),
            ".rlib files" => files_ending(&msgs, ".rlib"),
            "executables" => executables(&msgs),
        },
    )
}

#[test]
fn check_writes_metadata_only() {
    claim("compile-times.check.metadata-only")
        .kind(Kind::Behaviour)
        .statement("On crates without build scripts or proc macros, `cargo check` writes no `.rlib` and no executable, where `cargo build` does.")
        .judges(
            "002",
            "Compile times: cargo check",
            "Use cargo check instead of cargo build when possible: it checks the code without producing an executable.",
            "confirmed: no executable and no .rlib are written (the time saved is shown, not asserted)",
        )
        .predicate("no .rlib and no executable", |f| f.u64(".rlib files") == 0 && f.u64("executables") == 0)
        .subject("cargo check -p app-lean", || outputs("cargo check -p app-lean"))
        .control("cargo build -p app-lean", || outputs("cargo build -p app-lean"))
        .check();
}

fn units_of(command: &str) -> Measured {
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let msgs = messages(&args, &Profile::dev());
    Measured::new(
        command_record(&format!("{command} (labs/compiletime)")),
        figures! { "units built" => artifacts(&msgs).len(), "units" => unit_names(&msgs) },
    )
}

#[test]
fn unused_dependency_is_still_built() {
    claim("compile-times.deps.unused-dependency-built")
        .kind(Kind::Behaviour)
        .statement("A dependency declared in `Cargo.toml` and never used in the code is still compiled with the program.")
        .judges(
            "002",
            "Compile times: remove unused dependencies",
            "Removing unused dependencies helps: they are still compiled.",
            "confirmed: the unused crate is built, as a unit of its own",
        )
        .predicate("the unused crate is among the units built", |f| f.str("units").contains("unused (lib)"))
        .subject("cargo build -p app-unused (declares `unused`)", || units_of("cargo build -p app-unused"))
        .control("cargo build -p app-lean (the same program without it)", || units_of("cargo build -p app-lean"))
        .check();
}

#[test]
fn feature_pulls_in_a_crate() {
    claim("compile-times.features.optional-dependency-only-with-feature")
        .kind(Kind::Behaviour)
        .statement("An optional dependency behind a Cargo feature is compiled only when the feature is on.")
        .judges(
            "002",
            "Compile times: features",
            "Disabling unused features of dependencies can slim down the dependency tree.",
            "confirmed: without its feature, the optional crate is not built",
        )
        .judges(
            "002",
            "Compile times: features",
            "Cargo features can split your own code so that only what is needed is compiled.",
            "partly true: shown for an optional dependency, not for code inside a crate",
        )
        .judges(
            "002",
            "Compile times: procedural macros",
            "Making serde an optional feature of a shared crate keeps the whole project from waiting for serde to compile.",
            "partly true: a dependency behind a feature that is off is not built at all (a lab crate stands in for serde; the waiting is not timed)",
        )
        .predicate("heavy is among the units built", |f| f.str("units").contains("heavy (lib)"))
        .subject("cargo build -p featured --features extra", || units_of("cargo build -p featured --features extra"))
        .control("cargo build -p featured", || units_of("cargo build -p featured"))
        .check();
}

fn proc_macro_units(command: &str) -> Measured {
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let msgs = messages(&args, &Profile::dev());
    let proc_macros = artifacts(&msgs).iter().filter(|m| m["target"]["kind"][0] == "proc-macro").count();
    Measured::new(
        command_record(&format!("{command} (labs/compiletime)")),
        figures! { "units built" => artifacts(&msgs).len(), "proc-macro units" => proc_macros, "shared libraries (.so) built" => files_ending(&msgs, ".so"), "units" => unit_names(&msgs) },
    )
}

#[test]
fn proc_macro_is_a_host_library() {
    claim("compile-times.proc-macro.extra-host-library")
        .kind(Kind::Behaviour)
        .statement("Using a derive macro adds a unit to the build: the macro crate, compiled as a shared library for rustc to load.")
        .judges(
            "002",
            "Compile times: procedural macros",
            "Crates that depend on a procedural macro must wait for it to be compiled first.",
            "partly true: the macro is a unit of its own, a shared library; the build order is not measured",
        )
        .predicate("a proc-macro shared library is among the units built", |f| {
            margin::against(f, "proc-macro units", Op::Gt, 0.0) && margin::against(f, "shared libraries (.so) built", Op::Gt, 0.0)
        })
        .subject("cargo build -p uses-macro", || proc_macro_units("cargo build -p uses-macro"))
        .control("cargo build -p base", || proc_macro_units("cargo build -p base"))
        .check();
}

fn build_script_steps(command: &str) -> Measured {
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let msgs = messages(&args, &Profile::dev());
    let scripts = artifacts(&msgs).iter().filter(|m| m["target"]["kind"][0] == "custom-build").count();
    let runs = msgs.iter().filter(|m| m["reason"] == "build-script-executed").count();
    Measured::new(
        command_record(&format!("{command} (labs/compiletime)")),
        figures! { "units built" => artifacts(&msgs).len(), "build scripts compiled" => scripts, "build scripts run" => runs },
    )
}

#[test]
fn build_script_adds_two_steps() {
    claim("compile-times.build-script.compiled-and-run")
        .kind(Kind::Behaviour)
        .statement("A build script adds two steps to its crate's build: cargo compiles the script and runs it.")
        .judges(
            "002",
            "Compile times: procedural macros",
            "Build scripts and procedural macros are compiled and also executed during a normal build.",
            "partly true: a build script is compiled and run; proc macros are not measured here",
        )
        .predicate("a build script is compiled and run", |f| f.u64("build scripts compiled") == 1 && f.u64("build scripts run") == 1)
        .subject("cargo build -p scripted", || build_script_steps("cargo build -p scripted"))
        .control("cargo build -p base", || build_script_steps("cargo build -p base"))
        .check();
}

/// The optimization level cargo reports for each unit of `cargo build -p uses-macro` under `extra` settings.
fn optimization_of_units(extra: &[&str], setting: &str) -> Measured {
    let mut args = vec!["build", "-p", "uses-macro"];
    args.extend_from_slice(extra);
    let msgs = messages(&args, &Profile::dev());
    let level = |kind: &str| {
        artifacts(&msgs)
            .iter()
            .find(|m| m["target"]["kind"][0] == kind)
            .and_then(|m| m["profile"]["opt_level"].as_str().map(String::from))
            .unwrap_or_else(|| "none".into())
    };
    Measured::new(
        command_record(&format!("cargo build -p uses-macro {}", extra.join(" "))).with("build-override", setting),
        figures! { "opt-level of the proc-macro unit" => level("proc-macro"), "opt-level of the library using it" => level("lib") },
    )
}

#[test]
fn build_override_optimizes_macros_only() {
    claim("compile-times.build-override.optimizes-macros-only")
        .kind(Kind::Behaviour)
        .statement("`[profile.dev.build-override] opt-level = 3` compiles a procedural macro with optimizations while the crate using it stays at opt-level 0.")
        .judges("002", "Compile times: procedural macros", "[profile.dev.build-override] opt-level = 3 applies only to build scripts and procedural macros.", "partly true: opt-level 3 for the macro, 0 for its user; build scripts are not checked")
        .predicate("the macro is optimized and the library is not", |f| f.str("opt-level of the proc-macro unit") == "3" && f.str("opt-level of the library using it") == "0")
        .subject("dev with build-override opt-level = 3", || optimization_of_units(&["--config", "profile.dev.build-override.opt-level=3"], "opt-level = 3"))
        .control("dev (no build-override)", || optimization_of_units(&[], "none"))
        .check();
}

fn test_binaries(package: &str) -> Measured {
    let msgs = messages(&["test", "--no-run", "-p", package], &Profile::dev());
    let tests = artifacts(&msgs).iter().filter(|m| m["executable"].is_string() && m["profile"]["test"] == true).count();
    Measured::new(
        command_record(&format!("cargo test --no-run -p {package} (labs/compiletime)")),
        figures! { "test executables linked" => tests, "files in tests/" => 3 },
    )
}

#[test]
fn each_integration_test_is_a_binary() {
    claim("compile-times.tests.binary-per-test-file")
        .kind(Kind::Behaviour)
        .statement(
            "Each file directly in `tests/` becomes a test executable of its own; the same tests as modules of one `tests/all/main.rs` make one.",
        )
        .judges(
            "002",
            "Compile times: integration tests",
            "The compiler creates and links a separate binary for every integration test file; putting them in one crate links one binary.",
            "confirmed: one executable per test file, one for the single test crate",
        )
        .predicate("more than two test executables", |f| margin::against(f, "test executables linked", Op::Gt, 2.0))
        .subject("tests/one.rs, tests/two.rs, tests/three.rs", || test_binaries("tested"))
        .control("tests/all/main.rs with three modules", || test_binaries("tested-one"))
        .check();
}

/// The dev build's LLVM IR of `package`, as (`define` line, lines of the function) pairs.
fn defines(package: &str) -> Vec<(String, usize)> {
    let ir = lab::emit(LAB, package, &Profile::dev(), Emit::LlvmIr);
    let lines: Vec<&str> = ir.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].starts_with("define ") {
            let start = i;
            while i < lines.len() && lines[i] != "}" {
                i += 1;
            }
            out.push((lines[start].to_string(), i - start + 1));
        }
        i += 1;
    }
    out
}

/// The crate's IR: how many functions hold the loop (the function `loop_fn` or one of its instances,
/// found by demangled path whatever the symbol mangling), and the functions and IR lines of the whole
/// crate (every function it defines, its std instances included).
fn generic_cost(package: &str, loop_fn: &str) -> Measured {
    let d = defines(package);
    let loops = copies(&d, loop_fn);
    Measured::new(
        Profile::dev().record().with("emitted", format!("LLVM IR of the {package} crate (cargo rustc --emit=llvm-ir)")).with("types used", 4),
        figures! {
            "copies of the function holding the loop" => loops,
            "functions defined in the crate's IR" => d.len(),
            "IR lines of the crate's functions" => d.iter().map(|(_, n)| n).sum::<usize>(),
        },
    )
}

/// How many of the `define` lines define `path` or an instance of it.
fn copies(defines: &[(String, usize)], path: &str) -> usize {
    defines.iter().filter(|(l, _)| proof::symbols::ir_defines(l, path)).count()
}

fn fully_generic() -> Measured {
    generic_cost("generics", "generics::checksum")
}
fn with_inner() -> Measured {
    generic_cost("generics-inner", "generics_inner::inner")
}

/// The copies are counted the same under the default (legacy) and the v0 symbol mangling: rustc 1.95.0's
/// `define` lines for two instances of `t::larger` and one non-generic function, in each mangling.
#[test]
fn copies_are_counted_the_same_under_both_manglings() {
    let lines = |symbols: [&str; 3]| symbols.map(|s| (format!("define noundef i8 @{s}(i8 noundef %0) unnamed_addr #0 {{"), 3)).to_vec();
    let legacy = lines(["_ZN1t6larger17h5a3b0229c892282cE", "_ZN1t6larger17hf9f2699ee0ee18a6E", "_ZN1t8scale_by17h244b13e922c95428E"]);
    let v0 = lines(["_RINvCsciGn5CcqV8B_1t6largerhEB2_", "_RINvCsciGn5CcqV8B_1t6largermEB2_", "_RNvCsciGn5CcqV8B_1t8scale_by"]);
    for path in ["t::larger", "t::scale_by", "t::scale"] {
        assert_eq!(copies(&v0, path), copies(&legacy, path), "{path}");
    }
    assert_eq!((copies(&legacy, "t::larger"), copies(&legacy, "t::scale_by")), (2, 1));
}

#[test]
fn generic_function_copied_per_type() {
    claim("compile-times.generics.copy-per-type")
        .kind(Kind::Ir)
        .statement("Used with four types, a generic function's body is compiled four times, one copy per type in the LLVM IR; in a non-generic inner function it is not.")
        .judges("002", "Compile times: generics", "A generic function is compiled for every type it is used with.", "confirmed: one copy per type in the LLVM IR")
        .judges("002", "Compile times: generics", "A non-generic inner function is compiled only once.", "confirmed: the loop in the inner function is not copied per type")
        .judges("002", "Compile times: cargo llvm-lines", "cargo-llvm-lines counts the LLVM IR lines and the copies of each generic function.", "partly true: the copies are counted from --emit=llvm-ir; cargo-llvm-lines itself is not run")
        .predicate("the loop is compiled once per type (4 copies)", |f| f.u64("copies of the function holding the loop") == 4)
        .subject("generics: checksum::<T>, used with 4 types", fully_generic)
        .control("generics-inner: checksum::<T> calling a non-generic inner, same 4 types", with_inner)
        .check();
}

/// `this` crate's IR, with the IR lines of `other`, the same work in the other shape, beside it.
fn against_other_shape(this: Measured, other: Measured) -> Measured {
    let mut m = this;
    let lines = other.figures.u64("IR lines of the crate's functions");
    m.figures.insert("IR lines of the other shape's crate".into(), lines.into());
    m
}

#[test]
fn inner_function_emits_less_ir() {
    claim("compile-times.generics.inner-function-less-ir")
        .kind(Kind::Ir)
        .statement("With four types, a thin generic wrapper around a non-generic inner function gives the crate fewer lines of LLVM IR than a fully generic function.")
        .judges("002", "Compile times: generics", "Using an inner non-generic function reduces what is compiled for generic code.", "confirmed: fewer LLVM IR lines in all, at four types, in a dev build")
        .null_control("the control asks the same of the fully generic crate against the thin wrapper: the same two crates, the other way round")
        .predicate("fewer IR lines than the crate of the other shape", |f| margin::lt(f, "IR lines of the crate's functions", "IR lines of the other shape's crate"))
        .subject("generics-inner (thin wrapper + inner), against generics", || against_other_shape(with_inner(), fully_generic()))
        .control("generics (fully generic), against generics-inner", || against_other_shape(fully_generic(), with_inner()))
        .check();
}

/// The messages of the last build of a scratch-copy experiment (`steps`, in words, is part of the key),
/// reused by a later test process while the toolchain and the lab's files are unchanged
/// (proof::stamp::memo): the experiment builds the lab from nothing twice, which a no-change re-run of
/// the suite need not repeat.
fn scratch_messages(case: &str, steps: &str, run: impl FnOnce() -> Vec<Value>) -> Vec<Value> {
    let key = format!("{}\nlab {}\nsteps {steps}\n", proof::environment::key_line(&proof::environment::toolchain_key()), lab::source_digest(LAB));
    let text = proof::stamp::memo("compile-times", case, &key, || serde_json::to_string(&run()).expect("messages serialize"));
    serde_json::from_str(&text).expect("kept messages parse")
}

/// A private copy of the lab under the workspace's target directory, for checks that edit its sources.
fn scratch_copy(name: &str) -> PathBuf {
    let dest = proof::workspace::target_dir().join("compile-times").join(name);
    let _ = std::fs::remove_dir_all(&dest);
    copy_dir(&lab::lab_dir(LAB), &dest);
    dest
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.file_name().is_some_and(|n| n == "target") {
            continue;
        }
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// `cargo build -p <package> --message-format=json` in `dir` with a clean environment.
fn build_in(dir: &Path, package: &str) -> Vec<Value> {
    build_in_with(dir, package, &[])
}

fn build_in_with(dir: &Path, package: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["build", "--locked", "-p", package, "--message-format=json"];
    args.extend_from_slice(extra);
    let out = cargo_in(dir, &args, &[]);
    assert!(out.status.success(), "cargo build -p {package} failed in {}:\n{}", dir.display(), String::from_utf8_lossy(&out.stderr));
    parse(&out.stdout)
}

/// `cargo <args>` in `dir`, building into `dir/target`, with a clean environment plus `env`; the output
/// whatever the outcome.
fn cargo_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(dir).args(args);
    for (k, _) in std::env::vars() {
        if k.starts_with("CARGO_") && k != "CARGO_HOME" || k.contains("RUSTFLAGS") || k.starts_with("RUSTC_") || k == "RUSTC_WRAPPER" {
            cmd.env_remove(&k);
        }
    }
    cmd.env("CARGO_TARGET_DIR", dir.join("target")).envs(env.iter().copied());
    cmd.output().expect("cargo runs")
}

/// Edits `file` (relative to `dir`): replaces `from` with `to`, and dates the file a few seconds ahead so
/// that cargo's modification-time check sees the change however fast the edit follows the build.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(later).unwrap();
}

/// Builds `package` in a fresh copy, edits one file, builds again: which units were rebuilt.
fn rebuilt_after(case: &str, package: &str, file: &str, from: &str, to: &str) -> Measured {
    let msgs = scratch_messages(case, &format!("build {package}; edit {file}: {from} -> {to}; build {package}"), || {
        let dir = scratch_copy(case);
        build_in(&dir, package);
        edit(&dir, file, from, to);
        build_in(&dir, package)
    });
    let mut rebuilt: Vec<String> =
        artifacts(&msgs).iter().filter(|m| m["fresh"] == false).map(|m| m["target"]["name"].as_str().unwrap_or("?").to_string()).collect();
    let mut fresh: Vec<String> =
        artifacts(&msgs).iter().filter(|m| m["fresh"] == true).map(|m| m["target"]["name"].as_str().unwrap_or("?").to_string()).collect();
    rebuilt.sort();
    fresh.sort();
    Measured::new(
        Profile::dev().record().with("command", format!("cargo build -p {package}, an edit to {file}, cargo build -p {package} again")),
        figures! { "units rebuilt" => rebuilt.len(), "units reused (fresh)" => fresh.len(), "rebuilt" => rebuilt.join(", "), "reused" => fresh.join(", ") },
    )
}

#[test]
fn leaf_change_rebuilds_one_unit() {
    claim("compile-times.incremental.leaf-edit-rebuilds-one-crate")
        .kind(Kind::Behaviour)
        .statement("After an edit to the program's own crate, cargo rebuilds that one crate; after an edit to its dependency, it rebuilds more.")
        .judges(
            "002",
            "Compile times: workspaces",
            "Only the crates with changes (and those that depend on them) have to be recompiled.",
            "confirmed: an edit to the program rebuilds one crate of two",
        )
        .predicate("exactly one unit is rebuilt", |f| f.u64("units rebuilt") == 1)
        .subject("an edit to app-lean/src/main.rs", || {
            rebuilt_after("leaf-edit", "app-lean", "app-lean/src/main.rs", "const TIMES: usize = 1;", "const TIMES: usize = 2;")
        })
        .control("an edit to base/src/lib.rs", || rebuilt_after("base-edit", "app-lean", "base/src/lib.rs", "\"hello\"", "\"hi\""))
        .check();
}

/// Builds `app-lean` in a fresh copy, then again with `second` extra arguments: which units were rebuilt.
fn rebuilt_with(case: &str, second: &[&str], what: &str) -> Measured {
    let msgs = scratch_messages(case, &format!("build app-lean; build app-lean {second:?}"), || {
        let dir = scratch_copy(case);
        build_in_with(&dir, "app-lean", &[]);
        build_in_with(&dir, "app-lean", second)
    });
    let rebuilt = artifacts(&msgs).iter().filter(|m| m["fresh"] == false).count();
    Measured::new(
        Profile::dev()
            .record()
            .with("command", format!("cargo build -p app-lean, then cargo build -p app-lean {}", second.join(" ")))
            .with("second build", what),
        figures! { "units" => artifacts(&msgs).len(), "units rebuilt" => rebuilt },
    )
}

#[test]
fn profile_change_rebuilds_everything() {
    claim("compile-times.rebuild.profile-change-rebuilds-all")
        .kind(Kind::Behaviour)
        .statement("Changing a profile setting between two builds (here `debug = 0`) makes cargo rebuild every crate, with no source changed; the same settings do not.")
        .judges("002", "Compile times: debug info", "Changing the debug or strip options can trigger a full rebuild.", "partly true: changing debug rebuilds every unit; strip is not tested")
        .judges("002", "Compile times: unnecessary rebuilds", "Builds with different settings (profiles, features, environment) between tools cause crates to be rebuilt.", "partly true: shown for a profile setting; features and environment are not tested")
        .predicate("every unit is rebuilt", |f| f.u64("units rebuilt") == f.u64("units") && margin::against(f, "units", Op::Gt, 0.0))
        .subject("second build with --config profile.dev.debug=0", || rebuilt_with("profile-change", &["--config", "profile.dev.debug=0"], "debug = 0"))
        .control("second build with the same settings", || rebuilt_with("same-settings", &[], "unchanged"))
        .check();
}

#[test]
fn split_crate_keeps_the_other_half() {
    claim("compile-times.split.unchanged-half-reused")
        .kind(Kind::Behaviour)
        .statement("With a library split into two crates, an edit to one half reuses the other half's crate instead of recompiling it.")
        .judges(
            "002",
            "Compile times: workspaces",
            "Splitting a big crate into several smaller ones in a workspace avoids recompiling the parts that did not change.",
            "confirmed: the unchanged half's crate is reused",
        )
        .predicate("the crate holding the unchanged half is reused", |f| f.str("reused").split(", ").any(|u| u == "part_a"))
        .subject("part-a and part-b crates; edit part-b", || {
            rebuilt_after("split-edit", "split-app", "part-b/src/lib.rs", "SCALE: u32 = 2", "SCALE: u32 = 3")
        })
        .control("one crate `mono` with modules a and b; edit b", || {
            rebuilt_after("mono-edit", "mono-app", "mono/src/lib.rs", "SCALE: u32 = 2", "SCALE: u32 = 3")
        })
        .check();
}

/// The size of a binary in MiB, to one decimal. A dev binary's debug info holds the paths of its sources,
/// so its exact size depends on where the repository is cloned; rounded, it does not.
fn mib(bytes: u64) -> f64 {
    (bytes as f64 / 1048576.0 * 10.0).round() / 10.0
}

/// The dev profile with `debug = 0`: the binary the others are compared with.
fn no_debug() -> Profile {
    Profile::custom("dev-no-debug", proof::profile::Base::Dev).debug("0")
}

/// The `app-lean` binary under `profile`, next to the one built with `debug = 0`.
fn dev_binary(profile: &Profile) -> Measured {
    let size = lab::build(LAB, profile).size("app-lean");
    let no_debug = lab::build(LAB, &no_debug()).size("app-lean");
    Measured::new(
        profile.record().with("size", "MiB, rounded to 0.1 (the exact size depends on the clone's path, which the debug info records)"),
        figures! {
            "app-lean binary (MiB)" => mib(size),
            "debug = 0 binary (MiB)" => mib(no_debug),
            "times the debug = 0 binary" => (size as f64 / no_debug as f64).round(),
        },
    )
}

#[test]
fn debuginfo_makes_dev_artifacts_larger() {
    claim("compile-times.debuginfo.dev-writes-more")
        .kind(Kind::Size)
        .statement("The dev binary, with full debug info, is at least twice as large as the same dev build with `debug = 0`, under which Cargo also strips debug info by default.")
        .judges("002", "Build configuration: compile times", "Disabling debug info in dev builds can improve build times significantly.", "partly true: far less is written without it; build time is shown, not asserted")
        .judges("002", "Compile times: debug info", "Avoid generating or linking debug info when you rarely use a debugger.", "partly true: debug info at least doubles the dev binary; time is not measured")
        .predicate("at least twice the size of the binary built with debug = 0", |f| margin::against(f, "times the debug = 0 binary", Op::Ge, 2.0))
        .subject("dev (debug = full)", || dev_binary(&Profile::dev()))
        .control("dev with strip = \"debuginfo\" (debug info generated, not linked)", || dev_binary(&dev_strip()))
        .check();
}

/// The nightly-only flags of the article's tips.
const Z_FLAGS: [&str; 5] = ["-Zthreads=8", "-Zself-profile", "-Ztime-passes", "-Zprint-mono-items=yes", "-Zmacro-stats"];

/// `rustc <flag> --print cfg` for each of [`Z_FLAGS`], with RUSTC_BOOTSTRAP set to `bootstrap` or removed.
fn z_flags(bootstrap: Option<&str>) -> Measured {
    // -Zself-profile, when accepted, writes its profile into the working directory: a scratch one.
    let scratch = proof::workspace::target_dir().join("compile-times").join("z-flags");
    std::fs::create_dir_all(&scratch).unwrap();
    let mut rejected = Vec::new();
    for flag in Z_FLAGS {
        let mut cmd = Command::new(proof::toolchain::rustc_path());
        cmd.args([flag, "--print", "cfg"]).env_remove("RUSTC_BOOTSTRAP").current_dir(&scratch);
        if let Some(v) = bootstrap {
            cmd.env("RUSTC_BOOTSTRAP", v);
        }
        let out = cmd.output().expect("rustc runs");
        if !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("only accepted on the nightly compiler") {
            rejected.push(flag);
        }
    }
    Measured::new(
        proof::ProfileRecord::named(
            "rustc <flag> --print cfg",
            &[("RUSTC_BOOTSTRAP", bootstrap.unwrap_or("unset").into()), ("flags", Z_FLAGS.join(" ").into())],
        ),
        figures! { "flags tried" => Z_FLAGS.len(), "rejected as nightly-only" => rejected.len(), "rejected" => rejected.join(" ") },
    )
}

#[test]
fn nightly_flags_rejected_on_stable() {
    claim("compile-times.nightly.parallel-front-end-flag-rejected")
        .stable_only()
        .kind(Kind::Behaviour)
        .statement("Stable rustc rejects as nightly-only the `-Z` flags of the tips: `-Zthreads`, `-Zself-profile`, `-Ztime-passes`, `-Zprint-mono-items`, `-Zmacro-stats`.")
        .judges("002", "Build configuration: compile times", "The parallel front end is enabled with -Zthreads=N on nightly Rust.", "partly true: stable rustc rejects -Zthreads as nightly-only; its effect is not tested")
        .judges("002", "Compile times: parallel front end", "On nightly, -Z threads=8 enables the parallel compiler front end.", "partly true: stable rustc rejects -Zthreads as nightly-only; its effect is not tested")
        .judges("002", "Compile times: profiling", "rustc can be profiled with -Zself-profile (through cargo rustc).", "partly true: stable rustc rejects -Zself-profile as nightly-only; profiling is not tested")
        .judges("002", "Compile times: linker", "cargo +nightly rustc -- -Z time-passes shows how long linking takes.", "partly true: stable rustc rejects -Ztime-passes as nightly-only; its output is not checked")
        .judges("002", "Compile times: codegen units", "-Zprint-mono-items=yes prints the monomorphized items of each codegen unit.", "partly true: stable rustc rejects the flag as nightly-only; its output is not checked")
        .judges("002", "Compile times: macros", "-Zmacro-stats shows which procedural macros generate a lot of code.", "partly true: stable rustc rejects the flag as nightly-only; its output is not checked")
        .predicate("every flag is rejected as nightly-only", |f| f.u64("rejected as nightly-only") == f.u64("flags tried"))
        .subject("rustc 1.95.0 (stable)", || z_flags(None))
        .control("rustc 1.95.0 with RUSTC_BOOTSTRAP=1", || z_flags(Some("1")))
        .check();
}

/// The incremental-compilation cache of the lab's build under `profile`: whether the `base` crate has
/// one. (Cargo creates the `incremental` directory either way; a count of the crates in it would depend
/// on which other checks of this file had built in the same target directory first.)
fn incremental_cache(profile: &Profile) -> Measured {
    let build = lab::build(LAB, profile);
    let dir = build.out_dir.join("incremental");
    let base = std::fs::read_dir(&dir).map(|d| d.flatten().any(|e| e.file_name().to_string_lossy().starts_with("base-"))).unwrap_or(false);
    Measured::new(profile.record(), figures! { "cache for the base crate" => base })
}

#[test]
fn incremental_off_writes_no_cache() {
    claim("compile-times.incremental.off-writes-no-cache")
        .kind(Kind::Behaviour)
        .statement("With `incremental = false` in the dev profile, a build writes no incremental cache for a crate; with Cargo's dev default, it writes one.")
        .judges("002", "Compile times: CI", "On CI, disable incremental compilation (CARGO_INCREMENTAL=0): it adds dependency tracking and I/O that a from-scratch build does not use.", "partly true: incremental = false writes no cache; CARGO_INCREMENTAL=0 and time are not tested")
        .predicate("no incremental cache is written for base", |f| !f.bool("cache for the base crate"))
        .subject("dev with incremental = false", || incremental_cache(&Profile::custom("dev-no-incremental", proof::profile::Base::Dev).incremental(false)))
        .control("dev (incremental on)", || incremental_cache(&Profile::dev()))
        .check();
}

fn dev_strip() -> Profile {
    Profile::custom("dev-strip", proof::profile::Base::Dev).strip("debuginfo")
}

fn debug_sections(profile: &Profile) -> Measured {
    let app = lab::build(LAB, profile).artifact("app-lean");
    // .debug_str holds the names the debug info refers to: present exactly when debug info is.
    let debug_strings = app.section_strings(".debug_str").len();
    Measured::new(profile.record(), figures! { "has debug info (.debug_str)" => debug_strings > 0 })
}

#[test]
fn strip_debuginfo_keeps_it_out_of_the_binary() {
    claim("compile-times.debuginfo.strip-keeps-it-out-of-the-binary")
        .kind(Kind::Size)
        .statement("`strip = \"debuginfo\"` in the dev profile leaves the program's binary without debug info (no `.debug_str` section); the plain dev binary has it.")
        .judges("002", "Compile times: debug info", "strip = \"debuginfo\" avoids linking debug info into the binary.", "confirmed: the dev binary carries no debug info (on Linux)")
        .predicate("no debug info in the binary", |f| proof::margin::holds("no .debug_str section", !f.bool("has debug info (.debug_str)")))
        .subject("dev with strip = \"debuginfo\"", || debug_sections(&dev_strip()))
        .control("dev", || debug_sections(&Profile::dev()))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// The second workspace of the lab, labs/compiletime/nested: registry crates served from vendor/ (a
// directory source standing in for crates.io, offline), a dependency with two features, a dylib.

/// The nested workspace's directory in the lab.
fn nested_dir() -> PathBuf {
    lab::lab_dir(LAB).join("nested")
}

/// A private copy of the nested workspace, with no build in it yet.
fn scratch_nested(case: &str) -> PathBuf {
    let dest = proof::workspace::target_dir().join("compile-times").join(case);
    let _ = std::fs::remove_dir_all(&dest);
    copy_dir(&nested_dir(), &dest);
    dest
}

/// Figures measured by builds in a scratch copy (`steps`, in words, is part of the key), reused by a
/// later test process while the toolchain and the lab's files are unchanged (proof::stamp::memo).
fn scratch_figures(case: &str, steps: &str, run: impl FnOnce() -> proof::Figures) -> proof::Figures {
    let key = format!("{}\nlab {}\nsteps {steps}\n", proof::environment::key_line(&proof::environment::toolchain_key()), lab::source_digest(LAB));
    let text = proof::stamp::memo("compile-times", case, &key, || serde_json::to_string(&run()).expect("figures serialize"));
    serde_json::from_str(&text).expect("kept figures parse")
}

/// The crates `cargo tree --duplicates -p <package>` lists, and how many of them come in more than one
/// version.
fn duplicates(package: &str) -> Measured {
    let out = cargo_in(&nested_dir(), &["tree", "--duplicates", "--locked", "--offline", "-p", package], &[]);
    assert!(out.status.success(), "cargo tree failed:\n{}", String::from_utf8_lossy(&out.stderr));
    // The tree's roots: one line per crate and version, without indentation.
    let listed: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty() && l.chars().next().is_some_and(char::is_alphanumeric))
        .map(String::from)
        .collect();
    let mut names: Vec<&str> = listed.iter().filter_map(|l| l.split_whitespace().next()).collect();
    names.sort();
    let several = names.iter().enumerate().filter(|&(i, n)| i > 0 && names[i - 1] == *n && (i < 2 || names[i - 2] != *n)).count();
    Measured::new(
        command_record(&format!("cargo tree --duplicates -p {package} (labs/compiletime/nested)")),
        figures! { "crates in more than one version" => several, "listed" => if listed.is_empty() { "nothing".to_string() } else { listed.join(", ") } },
    )
}

#[test]
fn tree_duplicates_lists_two_versions() {
    claim("compile-times.deps.tree-duplicates")
        .kind(Kind::Behaviour)
        .statement("`cargo tree --duplicates` lists a registry crate that the build uses at two versions (0.1 directly, 0.2 through a dependency); with one version it lists nothing.")
        .judges("002", "Compile times: update dependencies", "cargo tree --duplicate finds dependencies that come in several versions, which updates can consolidate.", "confirmed: the crate is listed with both of its versions; cargo update, cargo outdated and cargo audit are not run")
        .predicate("one crate is listed in two versions", |f| f.u64("crates in more than one version") == 1)
        .subject("two-versions: dupe 0.1 and, through mid, dupe 0.2", || duplicates("two-versions"))
        .control("one-version: dupe 0.2, directly and through mid", || duplicates("one-version"))
        .check();
}

/// `RUSTFLAGS="-D warnings" cargo build -v -p <package>` in a scratch copy: whether it succeeded, and
/// whether rustc was given `--cap-lints allow` for the crate holding the warning (`warned`).
fn deny_warnings(package: &str, warned: &str) -> Measured {
    let f = scratch_figures(&format!("deny-warnings-{package}"), &format!("RUSTFLAGS=-D warnings cargo build -v -p {package}"), || {
        let dir = scratch_nested(&format!("deny-warnings-{package}"));
        let out = cargo_in(&dir, &["build", "-v", "--locked", "--offline", "-p", package], &[("RUSTFLAGS", "-D warnings")]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let rustc_line = stderr
            .lines()
            .find(|l| l.contains("Running `") && l.contains(&format!("--crate-name {warned} ")))
            .unwrap_or_else(|| panic!("no rustc command for {warned}:\n{stderr}"));
        figures! {
            "build succeeded" => out.status.success(),
            "--cap-lints allow on the dependency's rustc command" => rustc_line.contains("--cap-lints allow"),
            "errors from the dependency" => stderr.lines().filter(|l| l.starts_with("error: could not compile") && l.contains(&format!("`{}`", warned.replace('_', "-")))).count(),
        }
    });
    Measured::new(
        command_record(&format!("RUSTFLAGS=\"-D warnings\" cargo build -v -p {package} (labs/compiletime/nested)"))
            .with("dependency with an unused variable", warned),
        f,
    )
}

#[test]
fn deny_warnings_spares_registry_crates() {
    claim("compile-times.warnings.registry-lints-capped")
        .kind(Kind::Behaviour)
        .statement("With `RUSTFLAGS=\"-D warnings\"`, an unused variable in a registry dependency does not fail the build (cargo passes it `--cap-lints allow`); the same code as a path crate does.")
        .judges("002", "Compile times: warnings", "Prefer -D warnings in CI's RUSTFLAGS to #![deny(warnings)] in the code: it denies warnings in all crates.", "partly true: it denies the warnings of every path crate of the build; registry crates' lints are capped by cargo, so theirs never fail it")
        .predicate("the build succeeds, the dependency's lints capped", |f| f.bool("build succeeded") && f.bool("--cap-lints allow on the dependency's rustc command"))
        .subject("on-registry: uses noisy, a registry crate (vendored)", || deny_warnings("on-registry", "noisy"))
        .control("on-path: uses noisy-local, the same code as a path crate", || deny_warnings("on-path", "noisy_local"))
        .check();
}

/// A cold `cargo build -p two-versions` in a scratch copy, with `--timings` or without: the HTML reports
/// cargo writes, the units its report lists (against the units built), the legend of its concurrency
/// graph, and whether a unit was counted as waiting for its dependencies.
fn timings_report(timings: bool) -> Measured {
    let case = if timings { "timings" } else { "no-timings" };
    let command = format!("cargo build -p two-versions{}", if timings { " --timings" } else { "" });
    let f = scratch_figures(case, &command, || {
        let dir = scratch_nested(case);
        let mut args = vec!["build", "--locked", "--offline", "-p", "two-versions", "--message-format=json"];
        if timings {
            args.push("--timings");
        }
        let out = cargo_in(&dir, &args, &[]);
        assert!(out.status.success(), "{command} failed:\n{}", String::from_utf8_lossy(&out.stderr));
        let built = artifacts(&parse(&out.stdout)).len();
        let reports: Vec<PathBuf> = std::fs::read_dir(dir.join("target").join("cargo-timings"))
            .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "html")).collect())
            .unwrap_or_default();
        let html = reports
            .iter()
            .find(|p| p.file_name().is_some_and(|n| n == "cargo-timing.html"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .unwrap_or_default();
        // The report's data: `const UNIT_DATA = [ {"i": 0, …}, … ];` and `const CONCURRENCY_DATA = […];`.
        let data = |name: &str| -> Vec<Value> {
            let Some(start) = html.find(&format!("const {name} = ")) else { return Vec::new() };
            let rest = &html[start + name.len() + 9..];
            serde_json::from_str(&rest[..rest.find("];").map(|e| e + 1).unwrap_or(0)]).unwrap_or_default()
        };
        let units = data("UNIT_DATA");
        let waited = data("CONCURRENCY_DATA").iter().any(|c| c["inactive"].as_u64().unwrap_or(0) > 0);
        // The legend of the concurrency graph: `name: "Waiting", color: "red"`, ….
        let legend: Vec<String> = ["Waiting", "Inactive", "Active"]
            .iter()
            .filter_map(|n| {
                let at = html.find(&format!("name: \"{n}\""))?;
                let color = html[at..].split("color: \"").nth(1)?.split('"').next()?;
                Some(format!("{n} {color}"))
            })
            .collect();
        figures! {
            "HTML reports written" => reports.len(),
            "units built" => built,
            "units in the report" => units.len(),
            "units with a time in the report" => units.iter().filter(|u| u["duration"].is_number()).count(),
            "a unit counted as waiting for its dependencies" => waited,
            "legend of the concurrency graph" => if legend.is_empty() { "none".to_string() } else { legend.join(", ") },
        }
    });
    Measured::new(command_record(&format!("{command} (labs/compiletime/nested), cold")), f)
}

#[test]
fn timings_writes_a_report_per_unit() {
    claim("compile-times.timings.report-per-unit")
        .kind(Kind::Behaviour)
        .statement("`cargo build --timings` writes an HTML report with a time for every unit built and a concurrency graph whose legend reads Waiting red, Inactive blue, Active green.")
        .judges("002", "Compile times: timings", "cargo build --timings shows how long each crate takes and how many wait for another.", "confirmed: every unit built has a time in the report, and units whose dependencies are unfinished are counted apart (the times are not asserted)")
        .judges("002", "Compile times: timings", "In the timings graph, red counts units waiting for a CPU slot, blue units waiting for their dependencies, green units being compiled.", "partly true: the legend pairs the three names with these colours, and a unit whose dependencies are unfinished is counted as inactive; the CPU-slot meaning of waiting is cargo's documentation, not measured")
        .predicate("a report lists every unit built, with the legend", |f| {
            margin::against(f, "HTML reports written", Op::Gt, 0.0)
                && margin::equal(f, "units with a time in the report", "units built")
                && f.str("legend of the concurrency graph") == "Waiting red, Inactive blue, Active green"
                && f.bool("a unit counted as waiting for its dependencies")
        })
        .subject("cargo build --timings", || timings_report(true))
        .control("cargo build (no --timings)", || timings_report(false))
        .check();
}

/// Builds `first`, then `second`, in one scratch copy: how many times the `shared` dependency was
/// compiled, and with which features.
fn shared_builds(case: &str, first: &str, second: &str) -> Measured {
    let steps = format!("cargo build -p {first}; cargo build -p {second}");
    let f = scratch_figures(case, &steps, || {
        let dir = scratch_nested(case);
        let mut compiled = Vec::new();
        for package in [first, second] {
            let out = cargo_in(&dir, &["build", "--locked", "--offline", "-p", package, "--message-format=json"], &[]);
            assert!(out.status.success(), "cargo build -p {package} failed:\n{}", String::from_utf8_lossy(&out.stderr));
            for m in artifacts(&parse(&out.stdout)) {
                if m["target"]["name"] == "shared" && m["fresh"] == false {
                    let features: Vec<&str> = m["features"].as_array().map(|a| a.iter().filter_map(|v| v.as_str()).collect()).unwrap_or_default();
                    compiled.push(format!("[{}] for {package}", features.join(", ")));
                }
            }
        }
        figures! { "times shared was compiled" => compiled.len(), "compiled" => compiled.join("; ") }
    });
    Measured::new(command_record(&format!("{steps} (labs/compiletime/nested, one target directory)")), f)
}

#[test]
fn different_features_build_a_dependency_twice() {
    claim("compile-times.features.built-once-per-feature-set")
        .kind(Kind::Behaviour)
        .statement("Built one after the other, two workspace crates asking a shared dependency for different features compile it twice, once per feature set; asking for the same features, once.")
        .judges("002", "Compile times: workspaces", "A dependency used by several crates of a workspace with different feature sets is built several times, depending on which crate is built.", "confirmed: the dependency is compiled once per feature set")
        .judges("002", "Compile times: workspaces", "cargo-hakari's workspace-hack crate can cut consecutive build times by up to 50%.", "partly true: when the crates ask for the same features, as a workspace-hack crate arranges, the second build reuses the dependency; cargo-hakari is not run and the 50% is another project's time")
        .predicate("shared is compiled more than once", |f| margin::against(f, "times shared was compiled", Op::Gt, 1.0))
        .subject("wants-a (feature a), then wants-b (feature b)", || shared_builds("features-a-b", "wants-a", "wants-b"))
        .control("wants-a, then wants-a-too (both feature a)", || shared_builds("features-a-a", "wants-a", "wants-a-too"))
        .check();
}

/// Builds `program` (which calls `dep_fn` of its dependency `dep`), edits the program, builds again, in
/// a scratch copy: which units were rebuilt, and how many functions of the dependency the relinked
/// program holds. Both builds pass `-C prefer-dynamic`, which a dylib dependency needs (the program
/// must link the standard library dynamically too).
fn relinked(program: &str, dep: &str, dep_fn: &str) -> Measured {
    let steps = format!("build {program}; edit {program}/src/main.rs; build {program} (prefer-dynamic)");
    let f = scratch_figures(&format!("relink-{program}"), &steps, || {
        let dir = scratch_nested(&format!("relink-{program}"));
        let build = || {
            let out = cargo_in(
                &dir,
                &[
                    "build",
                    "--locked",
                    "--offline",
                    "-p",
                    program,
                    "--message-format=json",
                    "--config",
                    "build.rustflags=[\"-C\", \"prefer-dynamic\"]",
                ],
                &[],
            );
            assert!(out.status.success(), "cargo build -p {program} failed:\n{}", String::from_utf8_lossy(&out.stderr));
            parse(&out.stdout)
        };
        build();
        edit(&dir, &format!("{program}/src/main.rs"), "const N: u64 = 10;", "const N: u64 = 11;");
        let msgs = build();
        let mut rebuilt: Vec<String> =
            artifacts(&msgs).iter().filter(|m| m["fresh"] == false).map(|m| m["target"]["name"].as_str().unwrap_or("?").to_string()).collect();
        rebuilt.sort();
        let binary = dir.join("target").join("debug").join(program);
        let in_binary = proof::inspect::Artifact::open(&binary).functions_named(&format!("{dep}::{dep_fn}")).len();
        figures! {
            "units rebuilt after the edit" => rebuilt.join(", "),
            "dependency rebuilt" => rebuilt.iter().any(|u| u == dep),
            "the dependency's function defined in the relinked program" => in_binary,
        }
    });
    Measured::new(
        Profile::dev()
            .record()
            .with("command", format!("cargo build -p {program}, an edit to {program}/src/main.rs, cargo build -p {program} again"))
            .with("rustflags", "-C prefer-dynamic"),
        f,
    )
}

#[test]
fn dylib_dependency_is_not_linked_again() {
    claim("compile-times.dylib.not-relinked")
        .kind(Kind::Behaviour)
        .statement("After an edit to the program, a dylib dependency is neither rebuilt nor linked into the program again: its code stays in its own `.so`. An rlib dependency's code is linked in again.")
        .judges("002", "Compile times: dynamic linking", "cargo-add-dynamic wraps a dependency as a dylib so that changes to your own code do not relink it.", "partly true: a dylib dependency (declared by hand, with -C prefer-dynamic) is not linked into the program again; cargo-add-dynamic is not run and the link time saved is not measured")
        .predicate("the dependency is not rebuilt and none of its code is in the program", |f| !f.bool("dependency rebuilt") && f.u64("the dependency's function defined in the relinked program") == 0)
        .subject("on-dylib: its dependency `dynamic` is crate-type = [\"dylib\"]", || relinked("on-dylib", "dynamic", "dynamic_sum"))
        .control("on-plain: its dependency `plain` is an rlib (the default)", || relinked("on-plain", "plain", "plain_sum"))
        .check();
}

/// `cargo test <extra> -p tested` in the lab: the test executables cargo built, and how many it ran
/// (cargo's `Running` lines).
fn test_steps(no_run: bool) -> Measured {
    let mut args = vec!["test", "--locked", "-p", "tested", "--message-format=json"];
    if no_run {
        args.push("--no-run");
    }
    let out = lab::cargo_output(LAB, &args, &Profile::dev(), &[]);
    assert!(out.status.success(), "cargo {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let msgs = parse(&out.stdout);
    let built = artifacts(&msgs).iter().filter(|m| m["executable"].is_string() && m["profile"]["test"] == true).count();
    let ran = String::from_utf8_lossy(&out.stderr).lines().filter(|l| l.trim_start().starts_with("Running ")).count();
    Measured::new(
        command_record(&format!("cargo test{} -p tested (labs/compiletime)", if no_run { " --no-run" } else { "" })),
        figures! { "test executables built" => built, "test executables run" => ran },
    )
}

#[test]
fn test_no_run_builds_without_running() {
    claim("compile-times.tests.no-run-builds-only")
        .kind(Kind::Behaviour)
        .statement("`cargo test --no-run` builds every test executable of the package and runs none; `cargo test` runs each.")
        .judges(
            "002",
            "Compile times: CI",
            "cargo test --no-run compiles the tests without running them, so compiling and testing can be separate CI steps.",
            "confirmed: the test executables are built and none is run",
        )
        .predicate("test executables are built and none is run", |f| {
            margin::against(f, "test executables built", Op::Gt, 0.0) && f.u64("test executables run") == 0
        })
        .subject("cargo test --no-run -p tested", || test_steps(true))
        .control("cargo test -p tested", || test_steps(false))
        .check();
}

/// The line cargo closes a build of `app-lean` with, under `profile`, without its duration.
fn finished_line(profile: &Profile) -> Measured {
    let out = lab::cargo_output(LAB, &["build", "--locked", "-p", "app-lean"], profile, &[]);
    assert!(out.status.success(), "cargo build failed:\n{}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr.lines().map(str::trim).find(|l| l.starts_with("Finished ")).unwrap_or("none");
    let line = line.split(" in ").next().unwrap_or(line).to_string();
    Measured::new(
        profile.record().with("command", "cargo build -p app-lean (labs/compiletime)"),
        figures! { "closing line (without the duration)" => line },
    )
}

#[test]
fn finished_line_names_the_profile() {
    claim("compile-times.cargo.finished-line-wording")
        .kind(Kind::Behaviour)
        .statement("Cargo closes a dev build with ``Finished `dev` profile [unoptimized + debuginfo] target(s)``; the older wording `Finished dev [unoptimized + debuginfo]` is gone.")
        .judges("002", "Compile times: linker", "A dev build ends with the line \"Finished dev [unoptimized + debuginfo] target(s) in …\".", "outdated: the line now says `dev` profile before the bracket (the box shows today's line)")
        .predicate("the line names the `dev` profile, in today's wording", |f| {
            let l = f.str("closing line (without the duration)");
            l.contains("`dev` profile [unoptimized + debuginfo]") && !l.contains("Finished dev [")
        })
        .subject("dev", || finished_line(&Profile::dev()))
        .control("release", || finished_line(&Profile::release()))
        .check();
}

/// Builds `app-lean` in a scratch copy of the lab, edits its main.rs (or not), builds again with cargo's
/// fingerprint log on (`CARGO_LOG=cargo::core::compiler::fingerprint=info`, `-v`): the reasons it gives.
fn fingerprint_log(edited: bool) -> Measured {
    let case = if edited { "fingerprint-edit" } else { "fingerprint-no-change" };
    let steps = format!("build app-lean; {}build app-lean -v with the fingerprint log", if edited { "edit app-lean/src/main.rs; " } else { "" });
    let f = scratch_figures(case, &steps, || {
        let dir = scratch_copy(case);
        build_in(&dir, "app-lean");
        if edited {
            edit(&dir, "app-lean/src/main.rs", "const TIMES: usize = 1;", "const TIMES: usize = 2;");
        }
        let out = cargo_in(&dir, &["build", "--locked", "-v", "-p", "app-lean"], &[("CARGO_LOG", "cargo::core::compiler::fingerprint=info")]);
        assert!(out.status.success(), "cargo build failed:\n{}", String::from_utf8_lossy(&out.stderr));
        let stderr = String::from_utf8_lossy(&out.stderr);
        let reasons = stderr.lines().filter(|l| l.contains("dirty: ")).count();
        // cargo's status line: `Dirty app-lean v0.1.0 (<path>): the file `app-lean/src/main.rs` has changed (…)`.
        let dirty: Vec<String> = stderr
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("Dirty "))
            .map(|l| {
                let package = l.split(" (").next().unwrap_or(l);
                let why = l.split("): ").nth(1).unwrap_or("").split(" (").next().unwrap_or("");
                format!("{package}: {why}")
            })
            .collect();
        figures! {
            "dirty reasons in the fingerprint log" => reasons,
            "Dirty lines" => if dirty.is_empty() { "none".to_string() } else { dirty.join("; ") },
            "a reason names the edited file" => stderr.lines().any(|l| l.contains("dirty: ") && l.contains("app-lean/src/main.rs")),
        }
    });
    Measured::new(
        Profile::dev().record().with(
            "command",
            format!(
                "cargo build -p app-lean; {}CARGO_LOG=cargo::core::compiler::fingerprint=info cargo build -v -p app-lean",
                if edited { "an edit to app-lean/src/main.rs; " } else { "" }
            ),
        ),
        f,
    )
}

#[test]
fn fingerprint_log_names_the_changed_file() {
    claim("compile-times.rebuild.fingerprint-log-names-cause")
        .kind(Kind::Behaviour)
        .statement("With `CARGO_LOG=cargo::core::compiler::fingerprint=info`, a rebuild after an edit logs why the crate is dirty, naming the edited file; a rebuild with no change logs no reason.")
        .judges("002", "Compile times: unnecessary rebuilds", "Cargo's fingerprint log (CARGO_LOG=cargo::core::compiler::fingerprint=info) shows why a crate is rebuilt.", "confirmed: the log names the changed file, and cargo -v prints a Dirty line with the reason")
        .predicate("a dirty reason names the edited file", |f| f.bool("a reason names the edited file") && margin::against(f, "dirty reasons in the fingerprint log", Op::Gt, 0.0))
        .subject("an edit to app-lean/src/main.rs before the logged build", || fingerprint_log(true))
        .control("no change before the logged build", || fingerprint_log(false))
        .check();
}

/// A cold build of the workload lab, as cargo `args` under `profile`.
fn workload_build(label: &str, args: &[&str], profile: Profile) -> build_cost::Build {
    build_cost::Build::new(label, args, Some(profile))
}

/// CPU time of cold builds: `cargo build` against `cargo check` of the workload lab (dev profile).
fn build_against_check() -> Measured {
    let build = workload_build("cargo build", &["build", "--locked"], Profile::dev());
    let check = workload_build("cargo check", &["check", "--locked"], Profile::dev());
    build_cost::ordering("workload", &build, &check, Resource::Cpu)
}

#[test]
fn check_costs_less_than_build() {
    let check = workload_build("cargo check", &["check", "--locked"], Profile::dev());
    let check_release = workload_build("cargo check --release", &["check", "--locked"], Profile::release());
    claim("compile-times.check.build-costs-twice-check")
        .kind(Kind::BuildCost)
        .statement("Cold, on the workload lab (dev profile), `cargo build` costs at least twice the CPU time of `cargo check`, by the rule: build's fastest of 3 runs against check's slowest.")
        .judges("002", "Compile times: cargo check", "cargo check is two to three times faster than cargo build.", "partly true: on the workload lab a cold build takes at least twice check's CPU time (the ratio is shown, not asserted)")
        .predicate("the slower build's fastest run costs at least 2× the faster build's slowest", build_cost::is_wide)
        .subject("cargo build against cargo check", build_against_check)
        .control("cargo check --release against cargo check", || build_cost::ordering("workload", &check_release, &check, Resource::Cpu))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Where the rules above stop: the same findings at other values of the variable that decides them (a
// type count, an opt-level, a debug level, a codegen-units count, the depth of an edit, whose package).

/// `rustc <args> <file>` with its output in a fresh scratch directory, `<target>/compile-times/<case>`,
/// which it returns (panics with rustc's message if rustc fails). Only inside [`scratch_figures`].
fn rustc_scratch(case: &str, file: &Path, args: &[&str]) -> PathBuf {
    let dir = proof::workspace::target_dir().join("compile-times").join(case);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let out = Command::new(proof::toolchain::rustc_path())
        .args(args)
        .arg("--out-dir")
        .arg(&dir)
        .arg(file)
        .env_remove("RUSTC_BOOTSTRAP")
        .output()
        .expect("rustc runs");
    assert!(out.status.success(), "rustc {args:?} {} failed:\n{}", file.display(), String::from_utf8_lossy(&out.stderr));
    dir
}

/// The rustc flags of Cargo's dev profile for a library, as `cargo build -v` shows them, without the
/// incremental directory and the metadata hashes.
const DEV_LIB_FLAGS: [&str; 8] =
    ["--edition=2024", "--crate-type", "lib", "--emit=dep-info,metadata,link", "-C", "embed-bitcode=no", "-C", "debuginfo=2"];

/// The series file of both generic shapes, `labs/compiletime/series/generic_types.rs`.
fn generic_series_file() -> PathBuf {
    lab::lab_dir(LAB).join("series").join("generic_types.rs")
}

/// The types of the generic series, in the order the modules add them (`generic_k` and `inner_k` use
/// the first k).
const SERIES_TYPES: [&str; 8] = ["&str", "[u8; 4]", "&[u8]", "String", "Vec<u8>", "Box<[u8]>", "Rc<[u8]>", "Arc<[u8]>"];

/// The series file's LLVM IR at `opt_level` (dev flags otherwise, one codegen unit): for each type count
/// k, the IR lines of the functions of module `generic_k` and of module `inner_k`, and the copies of
/// each module's `checksum`.
fn generic_series(opt_level: &str) -> proof::Figures {
    let steps = format!("rustc --emit=llvm-ir -C opt-level={opt_level} -C debuginfo=2 -C codegen-units=1 series/generic_types.rs");
    scratch_figures(&format!("generic-series-o{opt_level}"), &steps, || {
        let level = format!("opt-level={opt_level}");
        let dir = rustc_scratch(
            &format!("generic-series-o{opt_level}"),
            &generic_series_file(),
            &[
                "--edition=2024",
                "--crate-type",
                "lib",
                "--crate-name",
                "generics_series",
                "--emit=llvm-ir",
                "-C",
                &level,
                "-C",
                "debuginfo=2",
                "-C",
                "codegen-units=1",
            ],
        );
        let ir = std::fs::read_to_string(dir.join("generics_series.ll")).expect("the series' IR");
        let lines: Vec<&str> = ir.lines().collect();
        let mut defs: Vec<(String, usize)> = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            if lines[i].starts_with("define ") {
                let start = i;
                while i < lines.len() && lines[i] != "}" {
                    i += 1;
                }
                let name = proof::symbols::ir_defined_symbol(lines[start]).map(proof::symbols::demangle).unwrap_or_default();
                defs.push((name, i - start + 1));
            }
            i += 1;
        }
        let mut f = proof::Figures::new();
        for k in 1..=SERIES_TYPES.len() {
            for (shape, label) in [("generic", "fully generic"), ("inner", "wrapper + inner")] {
                let module = format!("generics_series::{shape}_{k}::");
                let own: Vec<&(String, usize)> = defs.iter().filter(|(n, _)| n.starts_with(&module)).collect();
                let copies = own.iter().filter(|(n, _)| proof::symbols::path_matches(n, &format!("generics_series::{shape}_{k}::checksum"))).count();
                f.insert(format!("{}: {label} (IR lines)", types(k)), own.iter().map(|(_, n)| n).sum::<usize>().into());
                f.insert(format!("{}: {label} (copies of checksum)", types(k)), copies.into());
            }
        }
        f
    })
}

/// "1 type", "2 types", …: the prefix of the series' figures.
fn types(k: usize) -> String {
    if k == 1 { "1 type".into() } else { format!("{k} types") }
}

/// The generic series at `opt_level`: every type count's figures, and whether the wrapper + inner shape
/// emits fewer IR lines than the fully generic one at each count.
fn generic_series_at(opt_level: &str) -> Measured {
    proof::provenance::note(format!("series/generic_types.rs emitted as LLVM IR at opt-level {opt_level}"));
    let mut f = generic_series(opt_level);
    let n = SERIES_TYPES.len();
    let lines = |k: usize, shape: &str| f.u64(&format!("{}: {shape} (IR lines)", types(k)));
    let fewer = (1..=n).filter(|&k| lines(k, "wrapper + inner") < lines(k, "fully generic")).count();
    // The count where the two shapes are closest, as a fraction: the predicate's margin.
    let closest = (1..=n).map(|k| lines(k, "wrapper + inner") as f64 / lines(k, "fully generic") as f64).fold(f64::MIN, f64::max);
    f.insert("type counts measured".into(), (n as u64).into());
    f.insert("type counts where wrapper + inner emits fewer lines".into(), (fewer as u64).into());
    f.insert("largest ratio, wrapper + inner to fully generic".into(), ((closest * 1000.0).round() / 1000.0).into());
    let record = proof::ProfileRecord::named(
        &format!("rustc -C opt-level={opt_level}"),
        &[
            (
                "command",
                format!("rustc --emit=llvm-ir -C opt-level={opt_level} -C debuginfo=2 -C codegen-units=1 labs/compiletime/series/generic_types.rs")
                    .into(),
            ),
            ("opt-level", opt_level.into()),
            ("types, in the order added", SERIES_TYPES.join(", ").into()),
            ("counted", "IR lines of the functions of each module (its checksum copies, inner, uses)".into()),
        ],
    );
    Measured::new(record, f).code("rust", "labs/compiletime/series/generic_types.rs (the two shapes)", &lab_excerpt(&generic_series_file(), "shapes"))
}

/// The text between `// ANCHOR: name` and `// ANCHOR_END: name` of a lab file.
fn lab_excerpt(file: &Path, name: &str) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let start = text.find(&format!("// ANCHOR: {name}\n")).map(|s| s + name.len() + 12).expect("anchor");
    let end = text.find(&format!("// ANCHOR_END: {name}")).expect("anchor end");
    text[start..end].to_string()
}

#[test]
fn inner_function_saving_by_type_count_and_opt_level() {
    claim("compile-times.generics.inner-saves-at-every-type-count")
        .kind(Kind::Ir)
        .statement("At opt-level 0, the wrapper + inner shape emits fewer LLVM IR lines than the fully generic function at every count from 1 to 8 types; at opt-level 1 it does not.")
        .predicate("fewer IR lines at every type count, 1 to 8", |f| {
            // Both comparisons are recorded (`&`, not `&&`): the control's margin is the ratio's.
            margin::equal(f, "type counts where wrapper + inner emits fewer lines", "type counts measured") & margin::against(f, "largest ratio, wrapper + inner to fully generic", Op::Lt, 1.0)
        })
        .subject("opt-level 0 (the dev profile's)", || generic_series_at("0"))
        .control("opt-level 1", || generic_series_at("1"))
        .check();
}

/// The object files of an rlib (its `.o` members): rustc writes one per codegen unit. An rlib is an `ar`
/// archive; member names longer than 15 bytes are kept in the GNU name table (`//`) and referred to as
/// `/<offset>`.
fn rlib_objects(path: &Path) -> usize {
    let data = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(data.starts_with(b"!<arch>\n"), "{} is not an ar archive", path.display());
    let (mut at, mut names, mut objects) = (8usize, Vec::new(), 0);
    while at + 60 <= data.len() {
        let header = &data[at..at + 60];
        let name = String::from_utf8_lossy(&header[..16]).trim_end().to_string();
        let size: usize = String::from_utf8_lossy(&header[48..58]).trim().parse().expect("member size");
        let body = &data[at + 60..at + 60 + size];
        let full = if name == "//" {
            names = body.to_vec();
            String::new()
        } else if let Some(offset) = name.strip_prefix('/').and_then(|o| o.parse::<usize>().ok()) {
            let rest = &names[offset..];
            String::from_utf8_lossy(&rest[..rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len())]).trim_end_matches('/').to_string()
        } else {
            name.trim_end_matches('/').to_string()
        };
        if full.ends_with(".o") {
            objects += 1;
        }
        at += 60 + size + size % 2;
    }
    objects
}

/// The explicit codegen-units counts of the series.
const CODEGEN_UNITS: [u32; 4] = [4, 16, 32, 256];

/// The object files rustc writes for the lab's `mono` crate with `-C codegen-units=N` set, for each N of
/// [`CODEGEN_UNITS`] (Cargo's dev flags otherwise, not incremental).
fn codegen_unit_series() -> proof::Figures {
    let steps = format!("rustc {} -C codegen-units=N mono/src/lib.rs for N in {CODEGEN_UNITS:?}", DEV_LIB_FLAGS.join(" "));
    scratch_figures("codegen-units-series", &steps, || {
        let source = lab::lab_dir(LAB).join("mono").join("src").join("lib.rs");
        let mut f = proof::Figures::new();
        for n in CODEGEN_UNITS {
            let units = format!("codegen-units={n}");
            let mut args: Vec<&str> = DEV_LIB_FLAGS.to_vec();
            args.extend(["--crate-name", "mono", "-C", &units]);
            let dir = rustc_scratch(&format!("codegen-units-{n}"), &source, &args);
            f.insert(format!("codegen-units = {n}: object files"), rlib_objects(&dir.join("libmono.rlib")).into());
        }
        f
    })
}

/// The object files of `mono` under one setting, beside the whole series: with codegen-units unset,
/// from the lab's own build under `profile`; with a count, from the series.
fn mono_objects(setting: Option<u32>) -> Measured {
    proof::provenance::note(format!("object files of mono, codegen-units {}", setting.map_or("unset".to_string(), |n| n.to_string())));
    let mut f = codegen_unit_series();
    let dev = rlib_objects(&lab::build(LAB, &Profile::dev()).out_dir.join("libmono.rlib"));
    let not_incremental = no_incremental();
    let unset = rlib_objects(&lab::build(LAB, &not_incremental).out_dir.join("libmono.rlib"));
    f.insert("unset, incremental (dev): object files".into(), dev.into());
    f.insert("unset, not incremental: object files".into(), unset.into());
    let (record, this) = match setting {
        None => (
            not_incremental.record().with("codegen-units", "unset (rustc's default)").with("crate", "mono (labs/compiletime), from the lab's build"),
            unset as u64,
        ),
        Some(n) => (
            proof::ProfileRecord::named(
                &format!("rustc -C codegen-units={n}"),
                &[
                    (
                        "command",
                        format!("rustc {} --crate-name mono -C codegen-units={n} labs/compiletime/mono/src/lib.rs", DEV_LIB_FLAGS.join(" ")).into(),
                    ),
                    ("opt-level", 0.into()),
                    ("incremental", false.into()),
                    ("codegen-units", n.into()),
                ],
            ),
            f.u64(&format!("codegen-units = {n}: object files")),
        ),
    };
    f.insert("object files (this setting)".into(), this.into());
    Measured::new(record, f)
}

/// The dev profile with `incremental = false` (the profile of compile-times.incremental.off-writes-no-cache).
fn no_incremental() -> Profile {
    Profile::custom("dev-no-incremental", proof::profile::Base::Dev).incremental(false)
}

#[test]
fn default_codegen_units_merge_a_small_crate() {
    claim("compile-times.codegen-units.default-merges-small-crate")
        .kind(Kind::Behaviour)
        .statement("Not incremental, at opt-level 0, with codegen-units unset, rustc compiles the small `mono` crate into one object file; with `codegen-units = 16` written out, it does not.")
        .predicate("one object file", |f| margin::exactly(f, "object files (this setting)", 1.0))
        .subject("dev with incremental = false, codegen-units unset", || mono_objects(None))
        .control("the same flags with -C codegen-units=16", || mono_objects(Some(16)))
        .check();
}

/// The `app-lean` binary's size under `profile`, built alone (`cargo build -p app-lean`) in the lab's
/// target directory; kept by proof::stamp::memo while the toolchain, the lab and the profile are the same.
fn app_lean_alone(profile: &Profile) -> u64 {
    let f = scratch_figures(&format!("app-lean-size-{}", profile.name()), &format!("cargo build -p app-lean {:?}", profile.cargo_args()), || {
        let out = lab::cargo_output(LAB, &["build", "--locked", "-p", "app-lean"], profile, &[]);
        assert!(out.status.success(), "cargo build -p app-lean failed:\n{}", String::from_utf8_lossy(&out.stderr));
        let size = std::fs::metadata(lab::target_dir(LAB).join(profile.dir_name()).join("app-lean")).expect("the binary").len();
        figures! { "bytes" => size }
    });
    f.u64("bytes")
}

/// The dev profile with `debug = 0` and `strip = "none"`: no debug info generated, none stripped.
fn no_debug_no_strip() -> Profile {
    Profile::custom("dev-no-debug-no-strip", proof::profile::Base::Dev).debug("0").strip("none")
}

/// The `app-lean` binary under four debug settings, each as MiB and as a share of the full-debug binary
/// (both rounded: the exact size depends on the clone's path), and `profile`'s share.
fn debug_levels(profile: &Profile) -> Measured {
    proof::provenance::note(format!("app-lean binary size under profile {}", profile.name()));
    let full = lab::build(LAB, &Profile::dev()).size("app-lean");
    let lines = app_lean_alone(&Profile::custom("dev-line-tables", proof::profile::Base::Dev).debug("line-tables-only"));
    let unstripped = app_lean_alone(&no_debug_no_strip());
    let stripped = lab::build(LAB, &no_debug()).size("app-lean");
    let share = |bytes: u64| ((bytes as f64 / full as f64) * 10.0).round() / 10.0;
    let mut f = proof::Figures::new();
    for (label, bytes) in [
        ("debug = full (dev)", full),
        ("debug = line-tables-only", lines),
        ("debug = 0, strip = none", unstripped),
        ("debug = 0 (Cargo strips)", stripped),
    ] {
        f.insert(format!("{label}: binary (MiB)"), mib(bytes).into());
        f.insert(format!("{label}: share of the full-debug binary"), share(bytes).into());
    }
    let this = if profile.name() == no_debug().name() { stripped } else { unstripped };
    f.insert("share of the full-debug binary (this profile)".into(), share(this).into());
    Measured::new(
        profile.record().with("size", "MiB and shares rounded to 0.1 (the exact size depends on the clone's path, which the debug info records)"),
        f,
    )
}

#[test]
fn strip_not_debug_level_shrinks_the_binary() {
    claim("compile-times.debuginfo.strip-not-level-shrinks")
        .kind(Kind::Size)
        .statement("A dev binary built with `debug = 0` but `strip = \"none\"` is at least nine tenths the size of the full-debug one; with Cargo's default strip for `debug = 0`, it is not.")
        .predicate("at least 0.9 of the full-debug binary", |f| margin::against(f, "share of the full-debug binary (this profile)", Op::Ge, 0.9))
        .subject("dev with debug = 0, strip = \"none\"", || debug_levels(&no_debug_no_strip()))
        .control("dev with debug = 0 (Cargo then strips debuginfo)", || debug_levels(&no_debug()))
        .check();
}

/// Builds `chain-3` in a scratch copy of the nested workspace, then edits each crate of the chain in turn,
/// from the top (chain-3) to the bottom (chain-0), building after each edit: the units rebuilt and reused.
fn chain_edits() -> proof::Figures {
    let steps = "build chain-3; for chain-3, chain-2, chain-1, chain-0: edit STEP in its lib.rs, build chain-3";
    scratch_figures("chain-edits", steps, || {
        let dir = scratch_nested("chain-edits");
        let build = || {
            let out = cargo_in(&dir, &["build", "--locked", "--offline", "-p", "chain-3", "--message-format=json"], &[]);
            assert!(out.status.success(), "cargo build -p chain-3 failed:\n{}", String::from_utf8_lossy(&out.stderr));
            parse(&out.stdout)
        };
        build();
        let mut f = proof::Figures::new();
        for k in (0..4).rev() {
            edit(&dir, &format!("chain-{k}/src/lib.rs"), "pub const STEP: u64 = 1;", "pub const STEP: u64 = 2;");
            let msgs = build();
            let rebuilt = artifacts(&msgs).iter().filter(|m| m["fresh"] == false).count();
            f.insert(format!("edit chain-{k}: units rebuilt"), rebuilt.into());
            f.insert(format!("edit chain-{k}: units reused"), (artifacts(&msgs).len() - rebuilt).into());
        }
        f
    })
}

/// The chain's figures, with the edit to `chain-<k>` as this side's.
fn chain_edit(k: u32) -> Measured {
    proof::provenance::note(format!("units rebuilt after an edit to chain-{k}"));
    let mut f = chain_edits();
    let rebuilt = f.u64(&format!("edit chain-{k}: units rebuilt"));
    f.insert("crates in the chain".into(), 4.into());
    f.insert("units rebuilt (this edit)".into(), rebuilt.into());
    Measured::new(
        Profile::dev()
            .record()
            .with("command", "cargo build -p chain-3; for each crate from chain-3 down to chain-0: an edit to its lib.rs, cargo build -p chain-3")
            .with("edited", format!("chain-{k}/src/lib.rs ({} crates below chain-3)", 3 - k)),
        f,
    )
}

#[test]
fn edit_depth_sets_what_is_rebuilt() {
    claim("compile-times.rebuild.depth-of-edit")
        .kind(Kind::Behaviour)
        .statement("In a chain of four library crates, each using the one below, an edit to the bottom crate rebuilds all four; an edit to the top crate does not.")
        .predicate("every crate of the chain is rebuilt", |f| margin::equal(f, "units rebuilt (this edit)", "crates in the chain"))
        .subject("an edit to chain-0, the bottom crate", || chain_edit(0))
        .control("an edit to chain-3, the top crate", || chain_edit(3))
        .check();
}

/// Builds on-registry and on-path in a scratch copy of the nested workspace with
/// `[profile.dev.package."*"] opt-level = 3`, then again with noisy-local named as well: the opt-level
/// cargo reports for the registry crate `noisy` and for the workspace member `noisy-local` each time.
fn star_override() -> proof::Figures {
    let star = "profile.dev.package.\"*\".opt-level=3";
    let named = "profile.dev.package.noisy-local.opt-level=3";
    scratch_figures("star-opt-level", &format!("cargo build -p on-registry -p on-path --config {star}; again with --config {named}"), || {
        let dir = scratch_nested("star-opt-level");
        let mut f = proof::Figures::new();
        for (label, configs) in [("\"*\"", vec![star]), ("\"*\" and noisy-local", vec![star, named])] {
            let mut args = vec!["build", "--locked", "--offline", "-p", "on-registry", "-p", "on-path", "--message-format=json"];
            for c in &configs {
                args.extend(["--config", c]);
            }
            let out = cargo_in(&dir, &args, &[]);
            assert!(out.status.success(), "cargo {args:?} failed:\n{}", String::from_utf8_lossy(&out.stderr));
            let msgs = parse(&out.stdout);
            let level = |name: &str| {
                artifacts(&msgs)
                    .iter()
                    .find(|m| m["target"]["name"] == name)
                    .and_then(|m| m["profile"]["opt_level"].as_str().map(String::from))
                    .unwrap_or_else(|| "none".into())
            };
            f.insert(format!("{label}: opt-level of noisy (registry)"), level("noisy").into());
            f.insert(format!("{label}: opt-level of noisy-local (workspace member)"), level("noisy_local").into());
        }
        f
    })
}

/// The override's figures, with `label`'s as this side's.
fn star_side(label: &str, config: &str) -> Measured {
    proof::provenance::note(format!("opt-levels with the override {config}"));
    let mut f = star_override();
    let registry = f.str(&format!("{label}: opt-level of noisy (registry)")).to_string();
    let member = f.str(&format!("{label}: opt-level of noisy-local (workspace member)")).to_string();
    f.insert("opt-level of the registry crate".into(), registry.into());
    f.insert("opt-level of the workspace member".into(), member.into());
    Measured::new(command_record("cargo build -p on-registry -p on-path (labs/compiletime/nested)").with("override", config), f)
}

#[test]
fn star_override_skips_workspace_members() {
    claim("compile-times.profile.star-skips-workspace-members")
        .kind(Kind::Behaviour)
        .statement("`[profile.dev.package.\"*\"] opt-level = 3` compiles a registry dependency at opt-level 3 but leaves a dependency that is a workspace member at 0; naming the member optimizes it too.")
        .predicate("the registry crate at 3, the workspace member at 0", |f| {
            margin::holds("registry crate at opt-level 3", f.str("opt-level of the registry crate") == "3") && margin::holds("workspace member at opt-level 0", f.str("opt-level of the workspace member") == "0")
        })
        .subject("[profile.dev.package.\"*\"] opt-level = 3", || star_side("\"*\"", "[profile.dev.package.\"*\"] opt-level = 3"))
        .control("the same, and [profile.dev.package.noisy-local] opt-level = 3", || star_side("\"*\" and noisy-local", "[profile.dev.package.\"*\"] and [profile.dev.package.noisy-local] opt-level = 3"))
        .check();
}
