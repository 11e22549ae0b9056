//! Where the MIR chapter's findings stop: labs/pipeline/levels.rs at every opt-level, with and without
//! incremental compilation, and labs/pipeline/edition.rs under two editions. Each run is a few
//! hundredths of a second (a file of a few functions), kept across processes by proof::dump.

use super::*;

/// The opt-levels of the series, in the order the book lists them.
pub(super) const OPT_LEVELS: [&str; 6] = ["0", "1", "2", "3", "s", "z"];

pub(super) fn levels_source() -> String {
    let path = lab::lab_dir("pipeline").join("levels.rs");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The MIR (and, without incremental compilation, the LLVM IR) of levels.rs at `opt`.
pub(super) fn levels_run(opt: &str, incremental: bool) -> &'static Output {
    let src = levels_source();
    let key = format!("pipeline-levels-opt{opt}{}", if incremental { "-incremental" } else { "" });
    let o = format!("-Copt-level={opt}");
    let mut args = vec!["--edition", "2024", "--crate-type", "lib", "--crate-name", "levels", "-Ctarget-cpu=x86-64", "-Ccodegen-units=1", o.as_str()];
    if incremental {
        args.extend(["-Cincremental=incremental", "--emit=mir"]);
    } else {
        args.push("--emit=mir,llvm-ir");
    }
    args.push("levels.rs");
    let out = dump::rustc(&key, &[("levels.rs", src.as_str())], &args);
    assert!(out.success, "rustc failed on levels.rs ({key}):\n{}", out.stderr);
    out
}

pub(super) fn levels_profile(what: &str, incremental: bool) -> ProfileRecord {
    ProfileRecord::named(
        &format!(
            "rustc --emit={what} on labs/pipeline/levels.rs at each opt-level{}",
            if incremental { ", incremental (-Cincremental)" } else { "" }
        ),
        &[
            ("opt-level", OPT_LEVELS.join(", ").into()),
            ("incremental", incremental.into()),
            ("codegen-units", 1.into()),
            ("target-cpu", "x86-64".into()),
            ("edition", "2024".into()),
            ("crate-type", "lib".into()),
        ],
    )
}

/// For every opt-level: the calls `call_twice` still makes to `twice` in its MIR.
pub(super) fn inliner_series(incremental: bool) -> Measured {
    let mut f = Figures::new();
    let mut inlined = Vec::new();
    for opt in OPT_LEVELS {
        let mir = levels_run(opt, incremental).file("levels.mir");
        let body = lab::function_text(&mir, Emit::Mir, "levels::call_twice").unwrap_or_else(|| panic!("no MIR for call_twice at opt-level {opt}"));
        let left = body.lines().filter(|l| l.contains("= twice(")).count() as u64;
        if left == 0 {
            inlined.push(opt);
        }
        f.insert(format!("opt-level {opt}: calls from call_twice to twice"), left.into());
    }
    f.insert("opt-levels at which twice is inlined in MIR".into(), (if inlined.is_empty() { "none".to_string() } else { inlined.join(", ") }).into());
    let shown = dump::normalize(&lab::function_text(&levels_run("1", incremental).file("levels.mir"), Emit::Mir, "levels::call_twice").unwrap());
    Measured::new(levels_profile("mir", incremental), f).code("rust", "levels::call_twice, MIR at opt-level 1", &shown)
}

#[test]
fn mir_inliner_runs_at_opt_level_2_and_3_only() {
    claim("pipeline.mir.inliner-opt-levels")
        .kind(Kind::Mir)
        .statement("rustc's MIR inliner runs at opt-level 2 and 3 only: at 0, 1, `s` and `z` the MIR of `call_twice` still calls the small `#[inline]` `twice()`.")
        .predicate("twice is inlined in MIR at opt-levels 2 and 3 and at no other", |f| f.str("opt-levels at which twice is inlined in MIR") == "2, 3")
        .subject("levels.rs at each opt-level, not incremental", || inliner_series(false))
        .control("the same runs with incremental compilation (-Cincremental)", || inliner_series(true))
        .check();
}

#[test]
fn mir_inliner_is_off_in_incremental_builds() {
    let at_3 = |incremental: bool| {
        let mut m = inliner_series(incremental);
        let left = m.figures.u64("opt-level 3: calls from call_twice to twice");
        m.figures.insert("calls from call_twice to twice at opt-level 3".into(), left.into());
        m
    };
    claim("pipeline.mir.inliner-off-when-incremental")
        .kind(Kind::Mir)
        .statement("With incremental compilation, rustc's MIR inliner is off even at opt-level 3: the MIR of `call_twice` still calls `twice()`; without it, the call is gone.")
        .predicate("call_twice still calls twice in MIR at opt-level 3", |f| margin::against(f, "calls from call_twice to twice at opt-level 3", Op::Ge, 1.0))
        .subject("levels.rs with -Cincremental", || at_3(true))
        .control("levels.rs without incremental compilation", || at_3(false))
        .check();
}

/// `define`s and `alias`es of `path` (every instance) in IR.
pub(super) fn defines_and_aliases(ir: &str, path: &str) -> (u64, u64) {
    let aliases = ir
        .lines()
        .filter(|l| l.starts_with('@') && l.contains(" alias "))
        .filter(|l| proof::symbols::ir_globals(l).first().is_some_and(|s| proof::symbols::names(s, path)))
        .count() as u64;
    (defines(ir, path), aliases)
}

/// For every opt-level: the functions and aliases the optimized IR has for the instances of `name`
/// (`tag` or `width`, each used with eight types).
pub(super) fn merge_series(name: &str) -> Measured {
    let path = format!("levels::{name}");
    // What is read is every instance of this function: the control reads another function of the same runs.
    proof::provenance::note(format!("the instances of {path} in the IR of levels.rs"));
    let mut f = figures! { "generic function" => name, "types it is used with" => 8 };
    let mut merged = Vec::new();
    for opt in OPT_LEVELS {
        let ir = levels_run(opt, false).file("levels.ll");
        let (functions, aliases) = defines_and_aliases(&ir, &path);
        if functions == 1 {
            merged.push(opt);
        }
        f.insert(format!("opt-level {opt}: functions defined"), functions.into());
        f.insert(format!("opt-level {opt}: aliases to another instance"), aliases.into());
    }
    f.insert(
        "opt-levels with a single function for the eight instances".into(),
        (if merged.is_empty() { "none".to_string() } else { merged.join(", ") }).into(),
    );
    let ir3 = levels_run("3", false).file("levels.ll");
    let lines: Vec<String> = ir3
        .lines()
        .filter(|l| {
            proof::symbols::ir_defines(l, &path)
                || (l.starts_with('@')
                    && l.contains(" alias ")
                    && proof::symbols::ir_globals(l).first().is_some_and(|s| proof::symbols::names(s, &path)))
        })
        .map(|l| lab::excerpt(l, Emit::LlvmIr))
        .collect();
    Measured::new(levels_profile("llvm-ir", false), f).code(
        "llvm",
        &format!("the instances of levels::{name} at opt-level 3"),
        &dump::normalize(&lines.join("\n")),
    )
}

#[test]
fn identical_instances_are_merged_from_opt_level_2() {
    claim("pipeline.mono.identical-instances-merged")
        .kind(Kind::Ir)
        .statement("From opt-level 2 (and at `s`, `z`), eight instances of a generic whose body ignores `T` leave one function and seven aliases; at 0 and 1, eight functions.")
        .predicate("a single function at opt-levels 2, 3, s and z, eight at 0 and 1", |f| {
            f.str("opt-levels with a single function for the eight instances") == "2, 3, s, z" && f.u64("opt-level 0: functions defined") == 8 && f.u64("opt-level 1: functions defined") == 8
        })
        .subject("tag::<T>, which returns 7 whatever T", || merge_series("tag"))
        .control("width::<T>, which returns size_of::<T>()", || merge_series("width"))
        .check();
}

pub(super) fn const_figures(opt: &str, name: &str) -> Measured {
    let ir = levels_run(opt, false).file("levels.ll");
    let body = lab::function_text(&ir, Emit::LlvmIr, &format!("levels::{name}")).unwrap_or_else(|| panic!("no IR for {name} at opt-level {opt}"));
    let calls =
        body.lines().filter(|l| (l.contains("call ") || l.contains("invoke ")) && proof::symbols::ir_refers_to(l, "levels::cube")).count() as u64;
    let profile = ProfileRecord::named(
        &format!("rustc --emit=llvm-ir -Copt-level={opt} on labs/pipeline/levels.rs"),
        &[
            ("opt-level", opt.into()),
            ("codegen-units", 1.into()),
            ("target-cpu", "x86-64".into()),
            ("edition", "2024".into()),
            ("crate-type", "lib".into()),
        ],
    );
    Measured::new(profile, figures! { "function" => name, "calls to cube" => calls, "returns the constant 1728" => body.contains("ret i64 1728") })
        .code("llvm", &format!("levels::{name}, LLVM IR at opt-level {opt}"), &dump::normalize(&lab::excerpt(&body, Emit::LlvmIr)))
}

#[test]
fn const_fn_runs_at_compile_time_only_in_a_const_context() {
    claim("pipeline.const.const-fn-needs-const-context")
        .kind(Kind::Ir)
        .statement("At opt-level 0, a `const fn` called to initialize a `const` is evaluated by the compiler; called in an ordinary expression, with a constant argument, it is a call.")
        .predicate("the function returns 1728 and makes no call to cube", |f| f.bool("returns the constant 1728") && f.u64("calls to cube") == 0)
        .subject("cube_in_const at opt-level 0: const CUBE: u64 = cube(12)", || const_figures("0", "cube_in_const"))
        .control("cube_at_run_time at opt-level 0: cube(12)", || const_figures("0", "cube_at_run_time"))
        .check();
}

/// labs/pipeline/edition.rs checked (`--emit=metadata`) under `edition`.
pub(super) fn edition_figures(edition: &str) -> Measured {
    let path = lab::lab_dir("pipeline").join("edition.rs");
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let key = format!("pipeline-edition-{edition}");
    let args = ["--edition", edition, "--crate-type", "lib", "--crate-name", "edition", "--emit=metadata", "edition.rs"];
    let out = dump::rustc(&key, &[("edition.rs", src.as_str())], &args);
    let first_error = out.stderr.lines().find(|l| l.starts_with("error")).map_or("(none)".to_string(), |l| dump::normalize(l).trim_end().to_string());
    let profile = ProfileRecord::named(
        &format!("rustc --edition {edition} --emit=metadata on labs/pipeline/edition.rs"),
        &[("edition", edition.into()), ("crate-type", "lib".into()), ("stops after", "type and borrow checking (--emit=metadata)".into())],
    );
    let m = Measured::new(
        profile,
        figures! { "compiles" => out.success, "first error" => first_error, "E0597 (does not live long enough)" => out.stderr.contains("E0597") },
    );
    if out.success { m } else { m.code("text", &format!("rustc's error, edition {edition}"), &dump::normalize(out.stderr.trim_end())) }
}

#[test]
fn tail_expression_temporaries_depend_on_the_edition() {
    claim("pipeline.edition.tail-temporary-dropped-first")
        .kind(Kind::CompileFail)
        .statement("`name.borrow().len()` as a block's last expression, `name` a local `RefCell`, compiles in edition 2024; edition 2021's borrow checker rejects it (E0597).")
        .predicate("the file compiles", |f| f.bool("compiles"))
        .subject("edition 2024", || edition_figures("2024"))
        .control("edition 2021", || edition_figures("2021"))
        .check();
}
