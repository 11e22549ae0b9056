//! Inlining claims, read from the machine code of labs/crosscrate and labs/inlining (x86_64 Linux).
//!
//! labs/inlining is built under eight profiles, each once per process: `release`, `dev`,
//! `release-opt0` and `release-opt1` (release with opt-level 0 or 1), `release-incremental`, and three
//! with `-Zcross-crate-inline-threshold` (`always`, `never`, 150), which need `RUSTC_BOOTSTRAP=1`.

use proof::inspect::Artifact;
use proof::lab::{self, Emit};
use proof::margin::{self, Op};
use proof::profile::{Base, Profile};
use proof::{Figures, FiguresExt, Kind, Measured, claim, figures};
use std::sync::OnceLock;

/// How often `caller` in the `app` binary built under `profile` calls `callee`.
fn calls_in_app(profile: &Profile, caller: &str, callee: &str) -> Measured {
    let app = lab::build("crosscrate", profile).artifact("app");
    let f = app.function(caller);
    Measured::new(
        profile.record(),
        figures! { format!("calls from {caller} to {callee}") => app.calls_to(&f, callee), format!("size of {caller} (bytes)") => f.size },
    )
    .machine_code(&app, &f)
}

#[test]
fn tiny_function_is_inlined_across_crates_without_lto() {
    let callee = "mathlib::square";
    claim("inlining.cross-crate.tiny-fn-without-lto")
        .kind(Kind::Calls)
        .statement(
            "Without LTO or `#[inline]`, a release build inlines a tiny non-generic function of another crate, unless incremental compilation is on.",
        )
        .judges(
            "004",
            "Inlining in Rust",
            "Without #[inline], even the most trivial function cannot be inlined across a crate boundary.",
            "outdated: since rustc 1.75 a tiny one is inlined, unless the build is incremental",
        )
        .judges(
            "001",
            "A minimal cross-crate example",
            "Without LTO, a call to a small function in another crate is compiled as a real function call.",
            "partly true: only in the incremental build; a release build inlines it",
        )
        .judges(
            "000",
            "First, what even is LTO?",
            "The compiler cannot see across crate boundaries: it cannot know that a function of one crate could be inlined into another.",
            "outdated: rustc inlines a tiny function across crates without LTO, unless incremental",
        )
        .judges(
            "000",
            "A real example",
            "Without LTO every call to a tiny square() of another crate is a real function call.",
            "refuted: Cargo's default release build inlines it; an incremental one keeps the call",
        )
        .judges(
            "001",
            "The house contractor analogy",
            "Each crate is optimized in isolation: the optimizer cannot see across crates.",
            "partly true: rustc ships a tiny body across crates unless the build is incremental",
        )
        .judges(
            "004",
            "Inlining in Rust",
            "A downstream crate sees only the signature of an upstream function, so calls to it cannot be inlined.",
            "outdated: a tiny function's body is shipped too, unless the build is incremental",
        )
        .judges(
            "000",
            "The real reason Rust uses LLVM's LTO",
            "Rust has no optimizer of its own for cross-crate optimization and relies entirely on LLVM's LTO.",
            "refuted: without LTO, rustc's automatic cross-crate inlining lets a tiny function of another crate be inlined",
        )
        .predicate("app::call_square makes no call to mathlib::square", |f| f.u64("calls from app::call_square to mathlib::square") == 0)
        .subject("cargo's release profile (lto = false, incremental off)", || calls_in_app(&Profile::release(), "app::call_square", callee))
        .control("the same release profile with incremental = true", || {
            calls_in_app(&Profile::custom("release-incremental", Base::Release).incremental(true), "app::call_square", callee)
        })
        .check();
}

#[test]
fn function_that_calls_others_is_not_inlined_without_lto() {
    let fat = Profile::custom("release-fat", Base::Release).lto("fat");
    claim("inlining.cross-crate.caller-of-others-needs-lto")
        .kind(Kind::Calls)
        .statement("Without LTO, a small function that calls another function of its crate stays a call from another crate in a release build; fat LTO inlines it.")
        .predicate("app::call_mean makes no call to mathlib::mean", |f| f.u64("calls from app::call_mean to mathlib::mean") == 0)
        .subject("release with lto = \"fat\"", || calls_in_app(&fat, "app::call_mean", "mathlib::mean"))
        .control("release (lto = false)", || calls_in_app(&Profile::release(), "app::call_mean", "mathlib::mean"))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// labs/inlining: the lab, its profiles and what is read from its binary.

const LAB: &str = "inlining";

/// Cargo's `release` profile with opt-level 0: only the optimization level differs from `release`.
fn opt0() -> Profile {
    Profile::custom("release-opt0", Base::Release).opt_level("0")
}

/// Cargo's `release` profile with opt-level 1.
fn opt1() -> Profile {
    Profile::custom("release-opt1", Base::Release).opt_level("1")
}

/// `release` with incremental compilation (the same profile as the crosscrate claim's control).
fn incremental() -> Profile {
    Profile::custom("release-incremental", Base::Release).incremental(true)
}

/// `release` with `-Zcross-crate-inline-threshold=<value>`.
fn threshold(value: &str) -> Profile {
    Profile::custom(&format!("release-xcrate-{value}"), Base::Release).rustflags(&[&format!("-Zcross-crate-inline-threshold={value}")])
}

/// The lab's `app` binary under `profile`, built once per process (the harness sets RUSTC_BOOTSTRAP=1
/// for a profile with a `-Z` flag) and opened once.
fn app(profile: &Profile) -> &'static Artifact {
    lab::build(LAB, profile).opened("app")
}

/// Calls from `caller` to `callee` in `a`, counting the instances `callee::<…>` of a generic callee.
fn calls(a: &Artifact, caller: &str, callee: &str) -> u64 {
    let f = a.function(caller);
    a.calls(&f).iter().filter(|c| c.reaches(callee)).count() as u64
}

/// One caller and one callee: the figures have the same names whichever pair is measured, so that a
/// claim's control can be another pair.
fn one_call(profile: &Profile, caller: &str, callee: &str) -> Measured {
    let a = app(profile);
    Measured::new(
        profile.record(),
        figures! {
            "caller" => caller,
            "callee" => callee,
            "calls from the caller to the callee" => calls(a, caller, callee),
            "size of the caller (bytes)" => a.function(caller).size,
        },
    )
    .machine_code(a, &a.function(caller))
}

/// Several (caller, callee) pairs, each as `calls from <caller> to <callee>`.
fn pairs(profile: &Profile, pairs: &[(&str, &str)]) -> Measured {
    let a = app(profile);
    let mut f = Figures::new();
    for (caller, callee) in pairs {
        f.insert(format!("calls from {caller} to {callee}"), calls(a, caller, callee).into());
    }
    let first = pairs.first().expect("at least one pair").0;
    Measured::new(profile.record(), f).machine_code(a, &a.function(first))
}

/// The generated series, `upstream::steps_02` …, in order of size, from the generator's own list.
fn series() -> Vec<String> {
    let build_rs = std::fs::read_to_string(lab::lab_dir(LAB).join("upstream/build.rs")).expect("upstream/build.rs");
    let start = build_rs.find("const STEPS: &[u32] = &[").expect("the STEPS list in upstream/build.rs") + "const STEPS: &[u32] = &[".len();
    let list = &build_rs[start..start + build_rs[start..].find("];").expect("the end of the STEPS list")];
    list.split(',').map(str::trim).filter(|n| !n.is_empty()).map(|n| format!("steps_{:02}", n.parse::<u32>().expect("a step count"))).collect()
}

/// MIR statements of a function as rustc's automatic cross-crate inlining counts them: every statement of
/// every basic block except `StorageLive`, `StorageDead` and `nop`, and every terminator except `return`.
fn mir_statements(mir: &str) -> u64 {
    let mut in_block = false;
    let mut n = 0;
    for line in mir.lines() {
        let t = line.trim();
        if t.starts_with("bb") && t.ends_with(": {") {
            in_block = true;
        } else if t == "}" {
            in_block = false;
        } else if in_block && !(t.starts_with("StorageLive(") || t.starts_with("StorageDead(") || t == "nop;" || t == "return;") {
            n += 1;
        }
    }
    n
}

/// The MIR statements of every function of the series, from the release MIR of `upstream` (the MIR
/// does not depend on the cross-crate threshold, and the series has no call for opt-level to change).
fn series_sizes() -> Vec<(String, u64)> {
    let mir = lab::Functions::new(lab::emit(LAB, "upstream", &Profile::release(), Emit::Mir), Emit::Mir);
    series()
        .into_iter()
        .map(|name| {
            let text = mir.text(&format!("upstream::{name}")).unwrap_or_else(|| panic!("no MIR for upstream::{name}"));
            let n = mir_statements(&text);
            (name, n)
        })
        .collect()
}

/// For every function of the series: the calls its caller still makes to it and its MIR statements; and
/// how many are inlined. `extra` adds `calls from <caller> to <callee>` figures.
fn series_figures(profile: &Profile, extra: &[(&str, &str)]) -> Measured {
    let a = app(profile);
    let sizes = series_sizes();
    let mut f = Figures::new();
    let mut inlined = 0u64;
    for (name, statements) in &sizes {
        let left = calls(a, &format!("app::{name}::call"), &format!("upstream::{name}"));
        inlined += u64::from(left == 0);
        f.insert(format!("{name}: calls left"), left.into());
        f.insert(format!("{name}: MIR statements"), (*statements).into());
    }
    f.insert("functions of the series".into(), (sizes.len() as u64).into());
    f.insert("functions of the series inlined".into(), inlined.into());
    let largest_inlined = sizes.iter().filter(|(n, _)| f.u64(&format!("{n}: calls left")) == 0).map(|(_, s)| *s).max();
    let smallest_called = sizes.iter().filter(|(n, _)| f.u64(&format!("{n}: calls left")) > 0).map(|(_, s)| *s).min();
    f.insert("largest inlined (MIR statements)".into(), largest_inlined.into());
    f.insert("smallest still called (MIR statements)".into(), smallest_called.into());
    for (caller, callee) in extra {
        f.insert(format!("calls from {caller} to {callee}"), calls(a, caller, callee).into());
    }
    Measured::new(profile.record().with("MIR statements counted in", "the release MIR of upstream"), f)
}

/// (MIR statements, calls left) of every function of the series, in order, from series figures.
fn series_rows(f: &Figures) -> Vec<(u64, u64)> {
    let n = f.u64("functions of the series") as usize;
    let rows: Vec<(u64, u64)> =
        series().iter().map(|name| (f.u64(&format!("{name}: MIR statements")), f.u64(&format!("{name}: calls left")))).collect();
    assert_eq!(rows.len(), n);
    rows
}

// --- Within a crate --------------------------------------------------------------------------------

#[test]
fn optimizer_inlines_unattributed_local_function() {
    claim("inlining.local.optimizer-inlines-unattributed")
        .kind(Kind::Calls)
        .statement(
            "Within one crate, a small function with no inline attribute is inlined into its caller at opt-level 1; at opt-level 0 the call stays.",
        )
        .judges(
            "004",
            "Inlining in Rust",
            "Calls to a function from within its own crate can be inlined, because the compiler sees its body.",
            "confirmed: in an optimized build; at opt-level 0 the call stays",
        )
        .judges(
            "004",
            "Inlining in practice",
            "Private functions rarely need #[inline]: within a crate the compiler makes good inlining decisions on its own.",
            "confirmed: an optimized build inlines a small function without it",
        )
        .judges(
            "002",
            "Inlining",
            "Very small functions are among the best candidates for inlining, and the compiler often inlines them without an attribute.",
            "confirmed: from opt-level 1",
        )
        .predicate("app::call_local_small makes no call to app::local_small", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("release with opt-level = 1", || one_call(&opt1(), "app::call_local_small", "app::local_small"))
        .control("release with opt-level = 0 (nothing else changed)", || one_call(&opt0(), "app::call_local_small", "app::local_small"))
        .check();
}

#[test]
fn inline_hint_changes_nothing_at_opt_level_0() {
    claim("inlining.local.hint-ignored-at-opt-level-0")
        .kind(Kind::Calls)
        .statement(
            "At opt-level 0 (a `dev` build), `#[inline]` does not get a small function of the same crate inlined; at opt-level 1 the call goes.",
        )
        .judges("002", "Inlining", "#[inline] suggests that the function be inlined.", "partly true: at opt-level 0 the suggestion changes nothing")
        .judges(
            "002",
            "Inlining",
            "After adding inline attributes, measure again: the effect can be nothing, or even a slowdown, because other inlining decisions change.",
            "partly true: at opt-level 0 an added #[inline] changes nothing; a slowdown is not shown",
        )
        .predicate("app::call_local_hinted still calls app::local_hinted", |f| margin::against(f, "calls from the caller to the callee", Op::Gt, 0.0))
        .subject("dev (opt-level 0)", || one_call(&Profile::dev(), "app::call_local_hinted", "app::local_hinted"))
        .control("release with opt-level = 1", || one_call(&opt1(), "app::call_local_hinted", "app::local_hinted"))
        .check();
}

#[test]
fn inline_always_inlines_at_opt_level_0() {
    claim("inlining.local.always-at-opt-level-0")
        .kind(Kind::Calls)
        .statement("`#[inline(always)]` gets a small function inlined even at opt-level 0 (a `dev` build), where the same body without an attribute stays a call.")
        .judges("002", "Inlining", "#[inline(always)] strongly suggests inlining, and in practice inlines in all but exceptional cases.", "confirmed: even at opt-level 0")
        .predicate("the caller makes no call to the callee", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("dev: app::call_local_always calls the #[inline(always)] app::local_always", || one_call(&Profile::dev(), "app::call_local_always", "app::local_always"))
        .control("dev: app::call_local_small calls the same body without attribute", || one_call(&Profile::dev(), "app::call_local_small", "app::local_small"))
        .check();
}

#[test]
fn inline_never_keeps_the_call() {
    claim("inlining.local.never-keeps-call")
        .kind(Kind::Calls)
        .statement(
            "`#[inline(never)]` keeps a one-line function of the same crate a call in a release build, where the same body without it is inlined.",
        )
        .judges("002", "Inlining", "#[inline(never)] strongly suggests that the function not be inlined.", "confirmed")
        .predicate("the caller still calls the callee", |f| margin::against(f, "calls from the caller to the callee", Op::Gt, 0.0))
        .subject("release: app::call_local_never calls the #[inline(never)] app::local_never", || {
            one_call(&Profile::release(), "app::call_local_never", "app::local_never")
        })
        .control("release: app::call_local_small calls the same body without attribute", || {
            one_call(&Profile::release(), "app::call_local_small", "app::local_small")
        })
        .check();
}

// --- Across crates ---------------------------------------------------------------------------------

#[test]
fn generic_function_inlined_across_crates() {
    let never = threshold("never");
    claim("inlining.cross-crate.generic-without-attribute")
        .kind(Kind::Calls)
        .statement("With automatic cross-crate inlining off, an unattributed generic function of another crate is still inlined; the same body, not generic, stays a call.")
        .judges("004", "Inlining in Rust", "Generic functions are implicitly inlinable: their bodies must be available to the crate that instantiates them.", "confirmed")
        .predicate("the caller makes no call to the callee", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("release with -Zcross-crate-inline-threshold=never: upstream::wide_generic::<u32>", || one_call(&never, "app::call_wide_generic", "upstream::wide_generic"))
        .control("the same build: upstream::wide_plain, the same body, not generic", || one_call(&never, "app::call_wide_plain", "upstream::wide_plain"))
        .check();
}

#[test]
fn inline_attribute_needed_above_the_automatic_limit() {
    claim("inlining.cross-crate.inline-attribute-needed")
        .kind(Kind::Calls)
        .statement(
            "Without LTO, a non-generic function of another crate too big for automatic cross-crate inlining is inlined only if marked `#[inline]`.",
        )
        .judges(
            "004",
            "Inlining in Rust",
            "Only #[inline], generics or LTO let a non-generic function be inlined into another crate.",
            "partly true: holds above rustc's automatic cross-crate limit, the size measured here",
        )
        .judges(
            "004",
            "Inlining in practice",
            "Libraries should add #[inline] to their small non-generic functions in advance.",
            "partly true: needed above rustc's automatic cross-crate limit, the size measured here",
        )
        .judges(
            "002",
            "Inlining",
            "The compiler cannot always make the best choices, so inline attributes are sometimes needed.",
            "partly true: across crates, above rustc's automatic limit, a function is inlined only with #[inline]",
        )
        .predicate("the caller makes no call to the callee", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("release: the #[inline] upstream::wide_hinted", || one_call(&Profile::release(), "app::call_wide_hinted", "upstream::wide_hinted"))
        .control("release: upstream::wide_plain, the same size without attribute", || {
            one_call(&Profile::release(), "app::call_wide_plain", "upstream::wide_plain")
        })
        .check();
}

// --- rustc's automatic cross-crate inlining ----------------------------------------------------------

#[test]
fn automatic_inlining_has_a_size_boundary() {
    claim("inlining.auto.boundary")
        .kind(Kind::Calls)
        .statement("In a release build, automatic cross-crate inlining takes the smaller functions of a series and leaves the larger ones calls, split at one size.")
        .judges("002", "Inlining", "Without an attribute the compiler decides by itself, by optimization level, size, genericity and whether the call crosses a crate boundary.", "partly true: size is shown here; opt-level and genericity in other boxes of this part")
        .predicate("some functions of the series are inlined and some are not, and every inlined one has fewer MIR statements than every one still called", |f| {
            let rows = series_rows(f);
            let largest_in = rows.iter().filter(|r| r.1 == 0).map(|r| r.0).max();
            let smallest_out = rows.iter().filter(|r| r.1 > 0).map(|r| r.0).min();
            matches!((largest_in, smallest_out), (Some(a), Some(b)) if margin::compare("largest inlined < smallest still called (MIR statements)", a as f64, Op::Lt, b as f64))
        })
        .subject("release", || series_figures(&Profile::release(), &[]))
        .control("release with incremental = true", || series_figures(&incremental(), &[]))
        .check();
}

#[test]
fn threshold_flag_moves_the_boundary() {
    let at_150 = threshold("150");
    claim("inlining.auto.threshold-moves-boundary")
        .kind(Kind::Calls)
        .statement("With `-Zcross-crate-inline-threshold=150`, exactly the functions of the series with at most 150 MIR statements are inlined across crates.")
        .predicate("a function of the series is inlined if and only if it has at most 150 MIR statements", |f| series_rows(f).iter().all(|&(statements, left)| (left == 0) == (statements <= 150)))
        .subject("release with -Zcross-crate-inline-threshold=150", || series_figures(&at_150, &[]))
        .control("release (the default threshold)", || series_figures(&Profile::release(), &[]))
        .check();
}

#[test]
fn automatic_inlining_refuses_a_body_that_calls() {
    claim("inlining.auto.refuses-calls")
        .kind(Kind::Calls)
        .statement("Automatic cross-crate inlining refuses a tiny function that calls an `#[inline(never)]` one; `-Zcross-crate-inline-threshold=always` takes it.")
        .predicate("app::call_calls_other still calls upstream::calls_other", |f| margin::against(f, "calls from app::call_calls_other to upstream::calls_other", Op::Gt, 0.0))
        .subject("release", || pairs(&Profile::release(), &[("app::call_calls_other", "upstream::calls_other"), ("app::call_calls_other", "upstream::double")]))
        .control("release with -Zcross-crate-inline-threshold=always", || {
            pairs(&threshold("always"), &[("app::call_calls_other", "upstream::calls_other"), ("app::call_calls_other", "upstream::double")])
        })
        .check();
}

#[test]
fn automatic_inlining_refuses_drop_glue() {
    claim("inlining.auto.refuses-drop")
        .kind(Kind::Calls)
        .statement("Automatic cross-crate inlining refuses a one-line function that drops a `Vec` taken by value; the same body on a borrowed `Vec` is inlined.")
        .predicate("the caller still calls the callee", |f| margin::against(f, "calls from the caller to the callee", Op::Gt, 0.0))
        .subject("release: upstream::len_owned(v: Vec<u64>)", || one_call(&Profile::release(), "app::call_len_owned", "upstream::len_owned"))
        .control("release: upstream::len_borrowed(v: &Vec<u64>)", || one_call(&Profile::release(), "app::call_len_borrowed", "upstream::len_borrowed"))
        .check();
}

#[test]
fn automatic_inlining_accepts_a_panic_path() {
    let pair = [("app::call_first", "upstream::first"), ("app::call_first", "core::panicking::panic_bounds_check")];
    claim("inlining.auto.accepts-panic-path")
        .kind(Kind::Calls)
        .statement("A bounds check that can panic does not keep a small function out of automatic cross-crate inlining; with that inlining off, it stays a call.")
        .predicate("app::call_first makes no call to upstream::first", |f| f.u64("calls from app::call_first to upstream::first") == 0)
        .subject("release", || pairs(&Profile::release(), &pair))
        .control("release with -Zcross-crate-inline-threshold=never", || pairs(&threshold("never"), &pair))
        .check();
}

#[test]
fn automatic_inlining_off_at_opt_level_0() {
    claim("inlining.auto.off-at-opt-level-0")
        .kind(Kind::Calls)
        .statement("At opt-level 0, automatic cross-crate inlining is off even without incremental compilation: a one-line multiplication of another crate stays a call.")
        .predicate("app::call_square_op still calls upstream::square_op", |f| margin::against(f, "calls from the caller to the callee", Op::Gt, 0.0))
        .subject("release with opt-level = 0 (incremental off)", || one_call(&opt0(), "app::call_square_op", "upstream::square_op"))
        .control("release", || one_call(&Profile::release(), "app::call_square_op", "upstream::square_op"))
        .check();
}

#[test]
fn automatic_inlining_at_opt_level_1() {
    let both = [("app::call_square_op", "upstream::square_op"), ("app::call_square", "upstream::square")];
    claim("inlining.auto.opt-level-1-plain-bodies-only")
        .kind(Kind::Calls)
        .statement("At opt-level 1, a function of another crate calling `wrapping_mul` stays a call while the same product with `*` is inlined; opt-level 3 inlines both.")
        .predicate("upstream::square_op is inlined and upstream::square is still called", |f| {
            f.u64("calls from app::call_square_op to upstream::square_op") == 0 && margin::against(f, "calls from app::call_square to upstream::square", Op::Gt, 0.0)
        })
        .subject("release with opt-level = 1", || pairs(&opt1(), &both))
        .control("release (opt-level 3)", || pairs(&Profile::release(), &both))
        .check();
}

#[test]
fn incremental_switches_automatic_inlining_off() {
    claim("inlining.auto.off-with-incremental")
        .kind(Kind::Calls)
        .statement("With incremental compilation, rustc's automatic cross-crate inlining takes no function of the series, however small.")
        .predicate("no function of the series is inlined", |f| f.u64("functions of the series inlined") == 0)
        .subject("release with incremental = true", || series_figures(&incremental(), &[]))
        .control("release", || series_figures(&Profile::release(), &[]))
        .check();
}

#[test]
fn threshold_never_switches_automatic_inlining_off() {
    claim("inlining.auto.threshold-never")
        .kind(Kind::Calls)
        .statement("`-Zcross-crate-inline-threshold=never` switches automatic cross-crate inlining off: no function of the series is inlined, not even the smallest.")
        .predicate("no function of the series is inlined", |f| f.u64("functions of the series inlined") == 0)
        .subject("release with -Zcross-crate-inline-threshold=never", || series_figures(&threshold("never"), &[]))
        .control("release", || series_figures(&Profile::release(), &[]))
        .check();
}

#[test]
fn threshold_always_takes_everything() {
    let extra = [("app::call_calls_other", "upstream::calls_other"), ("app::call_len_owned", "upstream::len_owned")];
    claim("inlining.auto.threshold-always")
        .kind(Kind::Calls)
        .statement(
            "`-Zcross-crate-inline-threshold=always` inlines across crates the whole series and the functions that call another or drop a `Vec`.",
        )
        .predicate("every function of the series, upstream::calls_other and upstream::len_owned are inlined", |f| {
            f.u64("functions of the series inlined") == f.u64("functions of the series")
                && f.u64("calls from app::call_calls_other to upstream::calls_other") == 0
                && f.u64("calls from app::call_len_owned to upstream::len_owned") == 0
        })
        .subject("release with -Zcross-crate-inline-threshold=always", || series_figures(&threshold("always"), &extra))
        .control("release", || series_figures(&Profile::release(), &extra))
        .check();
}

// --- Transitivity ----------------------------------------------------------------------------------

#[test]
fn inline_on_the_outer_function_is_not_enough() {
    claim("inlining.transitive.outer-hint-not-enough")
        .kind(Kind::Calls)
        .statement("`#[inline]` on a public function does not reach its private helper: a caller in another crate still calls a large helper unless it is `#[inline]` too.")
        .judges("004", "Inlining in practice", "#[inline] is not transitive: a trivial public function calling a trivial private one needs #[inline] on both.", "partly true: for a helper too big for automatic inlining; a small one follows (next box)")
        .judges("002", "Inlining", "Inlining is not transitive: for f and the g it calls to be inlined together at a call of f, both need an inline attribute.", "partly true: across crates, for a g too big for rustc's automatic inlining")
        .predicate("the caller still calls the helper", |f| margin::against(f, "calls from the caller to the callee", Op::Gt, 0.0))
        .subject("release: upstream::outer_wide (#[inline]) calls the unattributed upstream::wide_helper", || one_call(&Profile::release(), "app::call_outer_wide", "upstream::wide_helper"))
        .control("release: upstream::outer_wide_hinted calls upstream::wide_helper_hinted, both #[inline]", || {
            one_call(&Profile::release(), "app::call_outer_wide_hinted", "upstream::wide_helper_hinted")
        })
        .check();
}

#[test]
fn small_helper_follows_the_outer_function() {
    let pair = [("app::call_outer_tiny", "upstream::outer_tiny"), ("app::call_outer_tiny", "upstream::tiny_helper")];
    claim("inlining.transitive.small-helper-follows")
        .kind(Kind::Calls)
        .statement("With `#[inline]` on the outer function only, another crate's caller inlines it and its small helper; with automatic inlining off, it calls the helper.")
        .judges("004", "Inlining in practice", "#[inline] is not transitive: a trivial public function calling a trivial private one needs #[inline] on both.", "partly true: a trivial helper follows unaided in an optimized build that is not incremental")
        .judges("002", "Inlining", "Inlining is not transitive: for f and the g it calls to be inlined together at a call of f, both need an inline attribute.", "partly true: a small g needs none in an optimized build that is not incremental")
        .predicate("app::call_outer_tiny calls neither upstream::outer_tiny nor upstream::tiny_helper", |f| {
            f.u64("calls from app::call_outer_tiny to upstream::outer_tiny") == 0 && f.u64("calls from app::call_outer_tiny to upstream::tiny_helper") == 0
        })
        .subject("release", || pairs(&Profile::release(), &pair))
        .control("release with -Zcross-crate-inline-threshold=never", || pairs(&threshold("never"), &pair))
        .check();
}

// --- Where the rules stop: opt-level 0 and 1, recursion, shared generics -------------------------------

#[test]
fn inline_always_crosses_crates_at_opt_level_0() {
    claim("inlining.cross-crate.always-at-opt-level-0")
        .kind(Kind::Calls)
        .statement("In a `dev` build (opt-level 0), a one-line function of another crate marked `#[inline(always)]` is inlined; the same body marked `#[inline]` stays a call.")
        .predicate("the caller makes no call to the callee", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("dev: app::call_mix_always calls the #[inline(always)] upstream::mix_always", || one_call(&Profile::dev(), "app::call_mix_always", "upstream::mix_always"))
        .control("dev: app::call_mix_hinted calls the same body, #[inline]", || one_call(&Profile::dev(), "app::call_mix_hinted", "upstream::mix_hinted"))
        .check();
}

#[test]
fn inline_hint_works_incremental_but_not_at_opt_level_0() {
    claim("inlining.cross-crate.hint-incremental-not-opt-level-0")
        .kind(Kind::Calls)
        .statement("A wide `#[inline]` function of another crate is inlined in an incremental release build too; in a `dev` build (opt-level 0) it stays a call.")
        .predicate("app::call_wide_hinted makes no call to upstream::wide_hinted", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("release with incremental = true", || one_call(&incremental(), "app::call_wide_hinted", "upstream::wide_hinted"))
        .control("dev (opt-level 0, incremental)", || one_call(&Profile::dev(), "app::call_wide_hinted", "upstream::wide_hinted"))
        .check();
}

#[test]
fn recursive_inline_always_keeps_its_call() {
    claim("inlining.local.always-recursive-keeps-call")
        .kind(Kind::Calls)
        .statement("`#[inline(always)]` does not remove the call to a function that calls itself twice: in a release build its caller still calls it; a non-recursive one is gone.")
        .predicate("the caller still calls the callee", |f| margin::against(f, "calls from the caller to the callee", Op::Gt, 0.0))
        .subject("release: app::call_local_always_recursive calls the recursive #[inline(always)] app::local_always_recursive", || {
            one_call(&Profile::release(), "app::call_local_always_recursive", "app::local_always_recursive")
        })
        .control("release: app::call_local_always calls the one-line #[inline(always)] app::local_always", || one_call(&Profile::release(), "app::call_local_always", "app::local_always"))
        .check();
}

#[test]
fn generic_instance_of_the_other_crate_is_shared_at_opt_level_1() {
    let both = [("app::call_scaled_u32", "upstream::scaled"), ("app::call_scaled_u16", "upstream::scaled")];
    claim("inlining.cross-crate.shared-generic-at-opt-level-1")
        .kind(Kind::Calls)
        .statement("At opt-level 1, a small generic function of another crate stays a call for `u32`, a type that crate uses it with itself; for `u16`, or at opt-level 3, it is inlined.")
        .predicate("app::call_scaled_u32 still calls upstream::scaled::<u32> and app::call_scaled_u16 calls no upstream::scaled", |f| {
            margin::against(f, "calls from app::call_scaled_u32 to upstream::scaled", Op::Gt, 0.0) && f.u64("calls from app::call_scaled_u16 to upstream::scaled") == 0
        })
        .subject("release with opt-level = 1", || pairs(&opt1(), &both))
        .control("release (opt-level 3)", || pairs(&Profile::release(), &both))
        .check();
}

#[test]
fn automatic_inlining_splits_the_series_at_opt_level_1() {
    claim("inlining.auto.boundary-at-opt-level-1")
        .kind(Kind::Calls)
        .statement("At opt-level 1 too, automatic cross-crate inlining takes the smaller functions of the series and leaves the larger ones calls; at opt-level 0 it takes none.")
        .predicate("some functions of the series are inlined and some are not, and every inlined one has fewer MIR statements than every one still called", |f| {
            let rows = series_rows(f);
            let largest_in = rows.iter().filter(|r| r.1 == 0).map(|r| r.0).max();
            let smallest_out = rows.iter().filter(|r| r.1 > 0).map(|r| r.0).min();
            matches!((largest_in, smallest_out), (Some(a), Some(b)) if margin::compare("largest inlined < smallest still called (MIR statements)", a as f64, Op::Lt, b as f64))
        })
        .subject("release with opt-level = 1", || series_figures(&opt1(), &[]))
        .control("release with opt-level = 0", || series_figures(&opt0(), &[]))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// labs/inlining's `tradeoffs` package: a library and its `driver` binary (another crate), built with the
// rest of the lab, so under the same profiles; the claims below read the release build only, plus the
// incremental one for a Deref impl, and the library's release assembly and LLVM IR.

/// The lab's `driver` binary under `profile`, opened once per profile.
fn driver(profile: &Profile) -> &'static Artifact {
    lab::build(LAB, profile).opened("driver")
}

/// Indirect calls (`call *…` through a register or a vtable slot) in the function `name` of `a`.
fn indirect_calls(a: &Artifact, name: &str) -> u64 {
    a.calls(&a.function(name)).iter().filter(|c| c.via == proof::inspect::Via::Indirect).count() as u64
}

/// One caller of the driver binary: its calls to `callee`, its indirect calls and its size.
fn driver_call(profile: &Profile, caller: &str, callee: &str) -> Measured {
    let a = driver(profile);
    Measured::new(
        profile.record(),
        figures! {
            "caller" => caller,
            "callee" => callee,
            "calls from the caller to the callee" => calls(a, caller, callee),
            "indirect calls in the caller" => indirect_calls(a, caller),
            "size of the caller (bytes)" => a.function(caller).size,
        },
    )
    .machine_code(a, &a.function(caller))
}

/// Instructions executed by the driver program's `measured` for one workload (benches/labs.rs, group
/// `inlining`), release build.
fn driver_instructions(id: &str) -> u64 {
    proof::gungraun::lab_instructions(LAB, &Profile::release(), "driver", "labs", "inlining", "inlining_driver", id)
}

/// What a count of the driver program covers, added to its profile's record.
fn counted(record: proof::ProfileRecord, workload: &str) -> proof::ProfileRecord {
    record
        .with("counted", "driver::measured only (not the loader, start-up or exit)")
        .with("C library", "baseline x86-64 string functions (GLIBC_TUNABLES pinned)")
        .with("workload", workload)
}

// --- Hot and cold paths ----------------------------------------------------------------------------

/// The size of a hot function, next to that of the rare path compiled on its own (`tradeoffs::rare_path`).
fn hot_size(hot: &str) -> Measured {
    let a = driver(&Profile::release());
    Measured::new(
        Profile::release().record(),
        figures! {
            "hot function" => hot,
            "size of the hot function (bytes)" => a.function(hot).size,
            "size of the rare path on its own (bytes)" => a.function("tradeoffs::rare_path").size,
        },
    )
}

#[test]
fn outlining_shrinks_the_hot_function() {
    claim("inlining.cold.outlining-shrinks-hot-fn")
        .kind(Kind::Size)
        .statement("Moving a rare, large path into a `#[cold]` `#[inline(never)]` function leaves the hot function smaller than that path alone; inline, it is larger.")
        .judges("002", "Inlining", "Outlining, moving rarely executed code into a separate function marked #[cold], can give better code for the hot path.", "partly true: the hot function gets smaller; it runs no fewer instructions (other box)")
        .predicate("the hot function is smaller than the rare path compiled on its own", |f| margin::lt(f, "size of the hot function (bytes)", "size of the rare path on its own (bytes)"))
        .subject("release: tradeoffs::hot_outlined, rare path in a #[cold] #[inline(never)] function", || hot_size("tradeoffs::hot_outlined"))
        .control("release: tradeoffs::hot_inline, the same rare path written inline", || hot_size("tradeoffs::hot_inline"))
        .check();
}

#[test]
fn cold_attribute_alone_keeps_the_path_out() {
    claim("inlining.cold.attribute-alone-keeps-path-out")
        .kind(Kind::Calls)
        .statement("A rare path split into a function of its own is inlined back at its single call site; marked `#[cold]`, and nothing else, it stays a call.")
        .judges("002", "Inlining", "#[cold] tells the compiler that a function is rarely called.", "confirmed: LLVM does not inline a #[cold] function, even at its only call site")
        .predicate("the hot function still calls the rare path", |f| margin::against(f, "calls from the caller to the callee", Op::Gt, 0.0))
        .subject("release: tradeoffs::hot_cold_only calls the #[cold] tradeoffs::rare_cold_only", || driver_call(&Profile::release(), "tradeoffs::hot_cold_only", "tradeoffs::rare_cold_only"))
        .control("release: tradeoffs::hot_split_plain calls the unattributed tradeoffs::rare_plain", || driver_call(&Profile::release(), "tradeoffs::hot_split_plain", "tradeoffs::rare_plain"))
        .check();
}

#[test]
fn common_case_executes_the_same_instructions() {
    claim("inlining.cold.common-case-same-instructions")
        .kind(Kind::Instructions)
        .statement("On its common path, a hot function executes the same instructions within 2% whether its rare path is inline or outlined; a helper inlined at 128 sites does not.")
        .judges("002", "Inlining", "Outlining with #[cold] can give better code for the hot path.", "partly true: the common path's instructions stay within 2%; the gain is in size (other box)")
        .predicate("the inlined and the called version execute the same instructions within 2%", |f| {
            margin::within(f, "instructions (inlined version)", "instructions (called version)", GAP_PERCENT)
        })
        .subject("release: hot_inline against hot_outlined, 100,000 calls all on the common path", || {
            inlined_and_called("driver inline / driver outlined (100,000 even inputs)", "inline", "outlined")
        })
        .control("release: sites_always_128 (helper inlined) against sites_never_128 (helper called)", helper_at_128_sites)
        .check();
}

// --- Dynamic dispatch ------------------------------------------------------------------------------

#[test]
fn dyn_call_devirtualized_when_type_is_visible() {
    claim("inlining.dyn.devirtualized-when-type-visible")
        .kind(Kind::Calls)
        .statement("A `&dyn Shape` call leaves no indirect call when the caller creates the value itself (devirtualized); given only the trait object, it stays indirect.")
        .predicate("the caller makes no indirect call", |f| f.u64("indirect calls in the caller") == 0)
        .subject("release: tradeoffs::dyn_visible builds a Square and calls area through &dyn Shape", || {
            driver_call(&Profile::release(), "tradeoffs::dyn_visible", "<tradeoffs::Square as tradeoffs::Shape>::area")
        })
        .control("release: tradeoffs::dyn_opaque(shape: &dyn Shape, …)", || driver_call(&Profile::release(), "tradeoffs::dyn_opaque", "<tradeoffs::Square as tradeoffs::Shape>::area"))
        .check();
}

#[test]
fn boxed_trait_objects_stay_indirect() {
    claim("inlining.dyn.boxed-slice-indirect-generic-inlined")
        .kind(Kind::Calls)
        .statement("A loop over `&[Box<dyn Shape>]` calls `area` indirectly; the same loop over one concrete type, through a generic parameter, has no indirect call left.")
        .predicate("the loop makes no indirect call", |f| f.u64("indirect calls in the caller") == 0)
        .subject("release: tradeoffs::total_generic::<Square>", || driver_call(&Profile::release(), "tradeoffs::total_generic", "<tradeoffs::Square as tradeoffs::Shape>::area"))
        .control("release: tradeoffs::total_boxed over &[Box<dyn Shape>]", || driver_call(&Profile::release(), "tradeoffs::total_boxed", "<tradeoffs::Square as tradeoffs::Shape>::area"))
        .check();
}

#[test]
fn generic_closure_inlined_dyn_fn_called() {
    claim("inlining.dyn.closure-generic-vs-dyn-fn")
        .kind(Kind::Calls)
        .statement("A closure passed as `F: Fn(u64) -> u64` leaves no indirect call in the function applying it; passed as `&dyn Fn`, it is called indirectly.")
        .predicate("the function that applies the closure makes no indirect call", |f| f.u64("indirect calls in the caller") == 0)
        .subject("release: tradeoffs::apply_generic::<{closure}>", || driver_call(&Profile::release(), "tradeoffs::apply_generic", "driver::everything::{closure#0}"))
        .control("release: tradeoffs::apply_dyn(&dyn Fn(u64) -> u64, …)", || driver_call(&Profile::release(), "tradeoffs::apply_dyn", "driver::everything::{closure#0}"))
        .check();
}

// --- What inlining costs ---------------------------------------------------------------------------

/// The call-site counts of the generated callers: many, for the cost claims' subjects, and one, for their
/// controls.
const MANY_SITES: [u32; 3] = [8, 32, 128];
const ONE_SITE: [u32; 1] = [1];

/// The gap, in percent, that instruction counts must clear to count as "fewer", and within which they
/// count as "the same": twice the cross-machine tolerance (`proof::policy::TOLERANCE_PERCENT`).
const GAP_PERCENT: f64 = 2.0;

/// Lines of the LLVM IR definition of `path` in the release IR of `tradeoffs` (optimized: rustc emits
/// the IR after LLVM's passes); 0 if the IR does not define it.
fn ir_lines(path: &str) -> u64 {
    let ir = lab::emit(LAB, "tradeoffs", &Profile::release(), Emit::LlvmIr);
    lab::function_text(ir, Emit::LlvmIr, path).map_or(0, |t| t.lines().count() as u64)
}

/// For each call-site count in `sites`, the size (`what` = "bytes") or optimized IR lines ("IR lines") of
/// the caller of the `#[inline(always)]` helper and of the caller of the `#[inline(never)]` one, the
/// latter also with the helper's own copy, which every caller of it shares; and the copies the
/// always-inlined helper keeps of its own (none, if inlining left it nothing to do).
fn sites_figures(sites: &[u32], what: &str) -> Measured {
    let a = driver(&Profile::release());
    let measure = |name: &str| match what {
        "bytes" => a.function(name).size,
        _ => {
            let n = ir_lines(name);
            assert!(n > 0, "no IR for {name}");
            n
        }
    };
    let helper = measure("tradeoffs::mix_never");
    let always_copies = match what {
        "bytes" => a.functions_named("tradeoffs::mix_always").len() as u64,
        _ => u64::from(ir_lines("tradeoffs::mix_always") > 0),
    };
    let mut f = Figures::new();
    for n in sites {
        let (always, never) = (measure(&format!("tradeoffs::sites_always_{n:03}")), measure(&format!("tradeoffs::sites_never_{n:03}")));
        f.insert(format!("{n} call sites: {what} (#[inline(always)])"), always.into());
        f.insert(format!("{n} call sites: {what} (#[inline(never)])"), never.into());
        f.insert(format!("{n} call sites: {what} (#[inline(never)], with the helper's own copy)"), (never + helper).into());
    }
    f.insert(format!("helper compiled on its own ({what})"), helper.into());
    f.insert("copies of the #[inline(always)] helper of its own".into(), always_copies.into());
    let record = Profile::release().record().with("call sites", sites.iter().map(|n| n.to_string()).collect::<Vec<_>>().join(", "));
    Measured::new(if what == "bytes" { record } else { record.with("IR", "rustc --emit=llvm-ir, after LLVM's optimizations") }, f)
}

/// Whether the always-inlined helper has no copy of its own and, at every call-site count of the side,
/// its caller has more `what` than the never-inlined helper's caller with the helper's own copy.
fn inlining_costs_more(f: &Figures, what: &str) -> bool {
    let each: Vec<bool> = MANY_SITES
        .iter()
        .chain(&ONE_SITE)
        .filter(|n| f.contains_key(&format!("{n} call sites: {what} (#[inline(always)])")))
        .map(|n| {
            margin::gt(
                f,
                &format!("{n} call sites: {what} (#[inline(always)])"),
                &format!("{n} call sites: {what} (#[inline(never)], with the helper's own copy)"),
            )
        })
        .collect();
    f.u64("copies of the #[inline(always)] helper of its own") == 0 && !each.is_empty() && each.iter().all(|holds| *holds)
}

#[test]
fn inline_always_code_grows_with_call_sites() {
    claim("inlining.cost.size-grows-with-call-sites")
        .kind(Kind::Size)
        .statement("At 8, 32 and 128 call sites, an `#[inline(always)]` helper's caller is larger than an `#[inline(never)]` one's plus that helper; at one call site it is not.")
        .judges("002", "Inlining", "Inlining a large function at many call sites bloats the code; inline the hot site only.", "confirmed: even a small helper inlined at 8 or more sites makes more code than calling it")
        .predicate("at each call-site count, the always-inlined helper's caller is larger than the never-inlined helper's caller and the helper together", |f| inlining_costs_more(f, "bytes"))
        .subject("release: callers with 8, 32 and 128 call sites", || sites_figures(&MANY_SITES, "bytes"))
        .control("release: callers with a single call site", || sites_figures(&ONE_SITE, "bytes"))
        .check();
}

#[test]
fn inline_always_ir_grows_with_call_sites() {
    claim("inlining.cost.ir-grows-with-call-sites")
        .kind(Kind::Ir)
        .statement("At 8, 32 and 128 call sites, an `#[inline(always)]` helper's caller has more optimized IR lines than an `#[inline(never)]` one's plus that helper; at one site, not.")
        .judges("002", "Inlining", "Inlining can affect compile times.", "partly true: the IR LLVM processes grows; compile time itself is not measured")
        .judges("004", "Inlining in practice", "Applying #[inline] indiscriminately makes compile times worse.", "partly true: inlined copies add IR for LLVM; compile time itself is not measured")
        .predicate("at each call-site count, the always-inlined helper's caller has more IR lines than the never-inlined helper's caller and the helper together", |f| inlining_costs_more(f, "IR lines"))
        .subject("release IR of tradeoffs: callers with 8, 32 and 128 call sites", || sites_figures(&MANY_SITES, "IR lines"))
        .control("release IR of tradeoffs: callers with a single call site", || sites_figures(&ONE_SITE, "IR lines"))
        .check();
}

/// Instructions of two versions of the same work, counted on the driver's workloads `inlined` (the code
/// inlined) and `called` (the same code in a function called from there).
fn inlined_and_called(workload: &str, inlined: &str, called: &str) -> Measured {
    let (i, c) = (driver_instructions(inlined), driver_instructions(called));
    Measured::new(
        counted(Profile::release().record(), workload),
        figures! { "instructions (inlined version)" => i, "instructions (called version)" => c, "difference (inlined minus called)" => i as i64 - c as i64 },
    )
}

/// The 128-call-site callers, 1,000 calls each: `sites_always_128` (helper inlined), `sites_never_128`.
fn helper_at_128_sites() -> Measured {
    inlined_and_called("driver always / driver never (1,000 calls of the callers with 128 call sites)", "always", "never")
}

#[test]
fn inline_always_saves_instructions() {
    claim("inlining.cost.instructions-saved")
        .kind(Kind::Instructions)
        .statement("At 128 call sites, an `#[inline(always)]` helper's caller executes over 2% fewer instructions than an `#[inline(never)]` one's; an inlined rare path does not.")
        .judges("002", "Inlining", "Entering and leaving hot functions that are not inlined costs time; inlining removes it.", "partly true: inlining a hot helper executes fewer instructions; time itself is not measured")
        .judges("004", "Why inlining matters", "Inlining removes the overhead of the function call.", "confirmed: the inlined caller executes fewer instructions")
        .predicate("the inlined version executes over 2% fewer instructions than the called one", |f| {
            margin::ratio(f, "instructions (inlined version)", "instructions (called version)", Op::Lt, 1.0 - GAP_PERCENT / 100.0)
        })
        .subject("release: sites_always_128 (helper inlined) against sites_never_128 (helper called)", helper_at_128_sites)
        .control("release: hot_inline against hot_outlined, 10,000 calls all on the rare path", || {
            inlined_and_called("driver inline-rare / driver outlined-rare (10,000 inputs 1024k + 1023)", "inline_rare", "outlined_rare")
        })
        .check();
}

// --- Rules of thumb --------------------------------------------------------------------------------

#[test]
fn single_call_site_is_inlined() {
    claim("inlining.rules.single-call-site-inlined")
        .kind(Kind::Calls)
        .statement("A private function far above LLVM's usual inlining threshold is inlined at its single call site; the same body with two call sites stays a call.")
        .judges("002", "Inlining", "Functions with a single call site are among the best candidates for inlining, and the compiler often inlines them without an attribute.", "confirmed: even a large body is inlined at its only call site")
        .judges("004", "Inlining in practice", "LLVM's inlining heuristic, jokingly, is \"yes\".", "partly true: a large body is inlined at one call site, not at two")
        .predicate("the caller makes no call to the large function", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("release: tradeoffs::call_big_once, the only caller of tradeoffs::big_once", || driver_call(&Profile::release(), "tradeoffs::call_big_once", "tradeoffs::big_once"))
        .control("release: tradeoffs::call_big_twice_a, one of two callers of tradeoffs::big_twice", || driver_call(&Profile::release(), "tradeoffs::call_big_twice_a", "tradeoffs::big_twice"))
        .check();
}

/// The hot caller of a large function and the cold ones: their calls to it (`callees`: the names of the
/// large function's variants).
fn split_figures(hot: &str, cold: &[&str], callees: &[&str]) -> Measured {
    let a = driver(&Profile::release());
    let count = |caller: &str| callees.iter().map(|c| calls(a, caller, c)).sum::<u64>();
    let mut f = Figures::new();
    f.insert("calls from the hot caller to the large function".into(), count(hot).into());
    f.insert("calls from the cold callers to the large function".into(), cold.iter().map(|c| count(c)).sum::<u64>().into());
    Measured::new(Profile::release().record().with("hot caller", hot).with("large function", callees.join(", ")), f)
}

#[test]
fn split_variants_inline_the_hot_site_only() {
    claim("inlining.rules.split-hot-site-inlined")
        .kind(Kind::Calls)
        .statement("Split into an `#[inline(always)]` body and `#[inline(never)]` wrapper, a large function is inlined at its hot site only; unsplit, it is called there.")
        .judges("002", "Inlining", "To inline a large function at its one hot call site only, split it into an always-inlined variant and a never-inlined one that calls it.", "confirmed")
        .predicate("the hot caller makes no call to the large function and the cold callers still call it", |f| {
            f.u64("calls from the hot caller to the large function") == 0 && margin::against(f, "calls from the cold callers to the large function", Op::Gt, 0.0)
        })
        .subject("release: tradeoffs::hot_site uses work_inlined; cold_site_a and cold_site_b use work_uninlined", || {
            split_figures("tradeoffs::hot_site", &["tradeoffs::cold_site_a", "tradeoffs::cold_site_b"], &["tradeoffs::work_inlined", "tradeoffs::work_uninlined"])
        })
        .control("release: tradeoffs::call_big_twice_a as the hot caller of the unsplit tradeoffs::big_twice", || {
            split_figures("tradeoffs::call_big_twice_a", &["tradeoffs::call_big_twice_b"], &["tradeoffs::big_twice"])
        })
        .check();
}

/// Multiplications and calls in the release assembly of `caller`.
fn fold_figures(caller: &str) -> Measured {
    let asm = lab::emit(LAB, "tradeoffs", &Profile::release(), Emit::Asm);
    let text = lab::function_text(asm, Emit::Asm, caller).unwrap_or_else(|| panic!("no assembly for {caller}"));
    let count = |prefix: &str| text.lines().filter(|l| l.trim_start().starts_with(prefix)).count() as u64;
    Measured::new(
        Profile::release().record(),
        figures! {
            "caller" => caller,
            "multiplications in the caller (imul, mul)" => count("imul") + count("mul"),
            "calls in the caller" => asm_calls(&text),
            "assembly instructions" => text.lines().filter(|l| l.starts_with('\t') && !l.trim_start().starts_with('.')).count(),
        },
    )
}

/// Calls in a function's assembly, and tail jumps to a Rust function (`jmpq *_ZN…@GOTPCREL(%rip)` or
/// `jmpq *_RNv…@GOTPCREL(%rip)`, whatever the symbol mangling), not jumps to a local label.
fn asm_calls(text: &str) -> u64 {
    let count = |prefix: &str| text.lines().filter(|l| l.trim_start().starts_with(prefix)).count() as u64;
    count("call") + text.lines().filter(|l| l.trim_start().starts_with("jmp") && proof::symbols::mentions_rust_symbol(l)).count() as u64
}

/// The detectors read symbols in either mangling: a tail jump of `t::times_two` to `t::scale_by` and the
/// calls of `t::use_larger` to two instances of `t::larger`, as rustc 1.95.0 emits them with the default
/// (legacy) and the v0 symbol mangling, are counted the same.
#[test]
fn detectors_count_the_same_under_both_manglings() {
    let legacy = ["_ZN1t8scale_by17h244b13e922c95428E", "_ZN1t6larger17h5a3b0229c892282cE", "_ZN1t6larger17hf9f2699ee0ee18a6E"];
    let v0 = ["_RNvCsciGn5CcqV8B_1t8scale_by", "_RINvCsciGn5CcqV8B_1t6largerhEB2_", "_RINvCsciGn5CcqV8B_1t6largermEB2_"];
    let counts = |[scale_by, larger_u8, larger_u32]: [&str; 3]| {
        let tail = format!("_ZN1t9times_two:\n\tmovl\t$2, %esi\n\tjmpq\t*{scale_by}@GOTPCREL(%rip)\n\tjmp\t.LBB0_1\n.Lfunc_end0:");
        let to = |symbol: &str| proof::inspect::Call {
            at: 0,
            target: Some(1),
            names: vec![proof::symbols::demangle(symbol)],
            via: proof::inspect::Via::Got,
        };
        let use_larger = [to(larger_u8), to(larger_u32)];
        (
            asm_calls(&tail),
            use_larger.iter().filter(|c| c.reaches("t::larger")).count(),
            use_larger.iter().filter(|c| c.reaches("t::scale_by")).count(),
        )
    };
    assert_eq!(counts(legacy), (1, 2, 0));
    assert_eq!(counts(v0), counts(legacy));
}

#[test]
fn constant_argument_folded_after_inlining() {
    claim("inlining.rules.constant-folded-after-inlining")
        .kind(Kind::Asm)
        .statement("Once a helper called with the constant 2 is inlined, its caller's assembly has no call; kept `#[inline(never)]`, the caller passes 2 and jumps to it.")
        .judges("004", "Why inlining matters", "Inlining lets caller and callee be optimized together: constant arguments are folded into the body.", "partly true: only the call's removal is asserted; the figures show the fold")
        .predicate("the caller's assembly has no call", |f| {
            f.u64("multiplications in the caller (imul, mul)") == 0 && f.u64("calls in the caller") == 0
        })
        .subject("release: tradeoffs::times_two_inlined calls the private scale_by(w, 2)", || fold_figures("tradeoffs::times_two_inlined"))
        .control("release: tradeoffs::times_two_called calls the public #[inline(never)] scale_by_called(w, 2)", || fold_figures("tradeoffs::times_two_called"))
        .check();
}

/// The machine code that holds a generic checksum: the driver's four callers, every instance of the
/// generic function, and its non-generic helper if any.
fn generic_copies(generic: &str, callers: &[&str], helper: Option<&str>) -> Measured {
    let a = driver(&Profile::release());
    let instances = a.functions_named(generic);
    let mut sizes: Vec<u64> = instances.iter().map(|f| f.size).collect();
    for c in callers {
        sizes.extend(a.functions_named(c).iter().map(|f| f.size));
    }
    if let Some(h) = helper {
        sizes.push(a.function(h).size);
    }
    Measured::new(
        Profile::release().record().with("instantiated with", "&str, String, Vec<u8>, [u8; 4]"),
        figures! {
            "instances of the generic function" => instances.len(),
            "total bytes (callers, instances, helper)" => sizes.iter().sum::<u64>(),
            "largest function (bytes)" => sizes.iter().copied().max().unwrap_or(0),
        },
    )
}

#[test]
fn generic_wrapper_keeps_one_copy() {
    claim("inlining.rules.generic-delegates-one-copy")
        .kind(Kind::Size)
        .statement("Used with four types, a generic shell over a non-generic function keeps one copy of the body: all its code is under twice its largest function.")
        .judges("004", "Inlining in practice", "Generic functions are implicitly inline and often cause code bloat; delegate at once to a non-generic private function.", "confirmed: delegating keeps one copy of the body")
        .predicate("the code is less than twice the largest function (the body exists once)", |f| margin::ratio(f, "total bytes (callers, instances, helper)", "largest function (bytes)", Op::Lt, 2.0))
        .subject("release: tradeoffs::checksum_thin delegates to checksum_inner(&[u8])", || {
            generic_copies("tradeoffs::checksum_thin", &["driver::thin_str", "driver::thin_string", "driver::thin_vec", "driver::thin_array"], Some("tradeoffs::checksum_inner"))
        })
        .control("release: tradeoffs::checksum_bloat holds the body itself", || {
            generic_copies("tradeoffs::checksum_bloat", &["driver::bloat_str", "driver::bloat_string", "driver::bloat_vec", "driver::bloat_array"], None)
        })
        .check();
}

#[test]
fn deref_impl_crosses_crates_on_its_own() {
    let deref = "<tradeoffs::Samples as core::ops::deref::Deref>::deref";
    claim("inlining.rules.deref-impl-without-attribute")
        .kind(Kind::Calls)
        .statement("A one-line `Deref` impl of another crate, without `#[inline]`, is inlined by a release build that is not incremental; an incremental one calls it.")
        .judges("004", "Inlining in practice", "Trivial impls such as Deref and AsRef benefit from #[inline] in a library.", "partly true: a release build that is not incremental inlines it without the attribute")
        .judges("004", "Inlining in practice", "In an application, it can make sense to mark trivial public functions #[inline] in advance.", "partly true: not needed in a release build that is not incremental, Cargo's default")
        .predicate("driver::samples_sum makes no call to the Deref impl", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("release", || driver_call(&Profile::release(), "driver::samples_sum", deref))
        .control("release with incremental = true", || driver_call(&incremental(), "driver::samples_sum", deref))
        .check();
}

// --- What a profiler shows of an inlined function -------------------------------------------------

/// A program with the same small function twice, once `#[inline(always)]` and once `#[inline(never)]`,
/// each called 1,000 times from `main`; built at opt-level 3 with debug info and run under Cachegrind.
const ANNOTATED: &str = r#"#[inline(always)]
fn inlined(x: u64, y: u64) -> u64 {
    let s = x.wrapping_mul(31) ^ y;
    s.rotate_left(7).wrapping_add(y)
}

#[inline(never)]
fn not_inlined(x: u64, y: u64) -> u64 {
    let s = x.wrapping_mul(31) ^ y;
    s.rotate_left(7).wrapping_add(y)
}

fn main() {
    let n: u64 = std::hint::black_box(1000);
    let mut a = 0u64;
    let mut b = 0u64;
    for i in 0..n {
        a = inlined(std::hint::black_box(a), i);
        b = not_inlined(std::hint::black_box(b), i);
    }
    println!("{a} {b}");
}
"#;

/// cg_annotate's annotation of `annotated.rs` (the lines of that file only, as `(count, source line)`,
/// `None` for a line without events), from a Cachegrind run (`--cache-sim=no`: instructions only) of the
/// program built with `rustc -Copt-level=3 -g`. Kept across processes (proof::stamp::memo) while the
/// toolchain, valgrind and the program are unchanged.
fn annotated_lines() -> &'static Vec<(Option<u64>, String)> {
    static LINES: OnceLock<Vec<(Option<u64>, String)>> = OnceLock::new();
    LINES.get_or_init(|| {
        let out = proof::dump::rustc(
            "inlining-cachegrind",
            &[("annotated.rs", ANNOTATED)],
            &[
                "--edition",
                "2024",
                "--crate-type",
                "bin",
                "--crate-name",
                "annotated",
                "-Copt-level=3",
                "-g",
                "-Ccodegen-units=1",
                "-o",
                "annotated",
                "annotated.rs",
            ],
        );
        assert!(out.success, "rustc failed on the Cachegrind example:\n{}", out.stderr);
        let dir = out.dir.clone();
        let key = format!(
            "{}\nvalgrind {}\nprogram {}\n",
            proof::environment::key_line(&proof::environment::toolchain_key()),
            proof::environment::valgrind_version(),
            proof::environment::digest_of_text(ANNOTATED)
        );
        let text = proof::stamp::memo("inlining", "cachegrind-annotation", &key, || {
            let run = std::process::Command::new("valgrind")
                .current_dir(&dir)
                .args(["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=cachegrind.out", "./annotated"])
                .output()
                .expect("valgrind runs (ci/install-tools.sh installs it)");
            assert!(run.status.success(), "cachegrind failed:\n{}", String::from_utf8_lossy(&run.stderr));
            let ann = std::process::Command::new("cg_annotate").current_dir(&dir).arg("cachegrind.out").output().expect("cg_annotate runs");
            assert!(ann.status.success(), "cg_annotate failed:\n{}", String::from_utf8_lossy(&ann.stderr));
            let all = String::from_utf8_lossy(&ann.stdout).into_owned();
            // The annotated source of annotated.rs: after its header and the column title, up to the blank
            // line before the counts of unidentified lines.
            let start = all
                .lines()
                .position(|l| l.starts_with("-- Auto-annotated source:") && l.ends_with("annotated.rs"))
                .expect("cg_annotate annotated annotated.rs");
            all.lines().skip(start + 3).take_while(|l| !l.contains("<counts for unidentified lines")).collect::<Vec<_>>().join("\n")
        });
        proof::provenance::note(format!("cachegrind annotation {}", proof::environment::digest_of_text(&text)));
        text.lines()
            .skip_while(|l| l.trim().is_empty())
            .map(|l| {
                // "1,000 ( 0.31%)      let s = …" or "    .           }": the count, then the source line.
                let t = l.trim_start();
                let count = t.split_whitespace().next().unwrap_or(".");
                let source = match t.find(')') {
                    Some(i) if count != "." => &t[i + 1..],
                    _ => t.get(1..).unwrap_or(""),
                };
                (count.replace(',', "").parse::<u64>().ok(), source.trim_start().to_string())
            })
            .collect()
    })
}

/// The events cg_annotate puts on the first line (`fn name(`) and on the closing line of `name`, and on
/// the lines between.
fn annotation_figures(name: &str) -> Measured {
    let lines = annotated_lines();
    let first = lines.iter().position(|(_, s)| s.starts_with(&format!("fn {name}("))).unwrap_or_else(|| panic!("no `fn {name}(` in the annotation"));
    let last = (first..lines.len()).find(|&i| lines[i].1 == "}").expect("the closing line");
    let events = |i: usize| lines[i].0.unwrap_or(0);
    let excerpt: Vec<String> =
        lines[first.saturating_sub(1)..=last].iter().map(|(c, s)| format!("{:>7}  {s}", c.map_or(".".to_string(), |c| c.to_string()))).collect();
    Measured::new(
        proof::ProfileRecord::named(
            "rustc -Copt-level=3 -g -Ccodegen-units=1, run under Cachegrind",
            &[
                ("opt-level", 3.into()),
                ("debuginfo", 2.into()),
                ("codegen-units", 1.into()),
                ("counted with", "valgrind --tool=cachegrind --cache-sim=no, then cg_annotate".into()),
                ("calls", "1,000 of each function from main".into()),
            ],
        ),
        figures! {
            "function" => name,
            "events on the first line (fn …)" => events(first),
            "events on the closing line" => events(last),
            "events on the lines between" => (first + 1..last).map(events).sum::<u64>(),
        },
    )
    .code("text", &format!("cg_annotate's annotation of {name} (instructions executed per line)"), &excerpt.join("\n"))
}

#[test]
fn cachegrind_shows_inlining_on_the_first_and_last_lines() {
    claim("inlining.profile.cachegrind-first-last-lines")
        .kind(Kind::Instructions)
        .statement("In a Cachegrind annotation of a release build with debug info, an inlined function's first and closing lines have no counts; a called one's closing line has.")
        .judges("002", "Inlining", "In Cachegrind's annotated output, a function was inlined exactly when its first and last source lines carry no event counts.", "confirmed: though the called function's first line has no count either here (no prologue at opt-level 3); its closing line has")
        .predicate("no events on the first line and none on the closing line", |f| {
            margin::exactly(f, "events on the first line (fn …)", 0.0) && margin::exactly(f, "events on the closing line", 0.0)
        })
        .subject("#[inline(always)] fn inlined", || annotation_figures("inlined"))
        .control("#[inline(never)] fn not_inlined, the same body", || annotation_figures("not_inlined"))
        .check();
}

// --- What inlining and LTO cost to build (the rule of Methodology: a wide ordering of cold builds) ----

/// A cold build of `lab`'s workspace under `profile`; `RUSTC_BOOTSTRAP=1` reaches rustc through cargo's
/// `[env]` when the profile passes a `-Z` flag.
fn cold_build(label: &str, profile: Profile, bootstrap: bool) -> proof::build_cost::Build {
    let args: &[&str] = if bootstrap { &["build", "--locked", "--config", "env.RUSTC_BOOTSTRAP=\"1\""] } else { &["build", "--locked"] };
    proof::build_cost::Build::new(label, args, Some(profile))
}

/// Fat LTO against the default release build, on the LTO part's two-sibling lab (the same cold builds
/// as the LTO part's, kept by one stamp).
fn fat_against_default() -> Measured {
    use proof::build_cost::{self, Resource};
    let fat = cold_build("lto = \"fat\"", Profile::custom("release-fat", Base::Release).lto("fat"), false);
    let default = cold_build("default", Profile::release(), false);
    build_cost::ordering("siblings", &fat, &default, Resource::Cpu)
}

/// Every function inlinable across crates (`-Zcross-crate-inline-threshold=always`, what `#[inline]` on
/// every function asks for) against the default release build, on the siblings lab.
fn inline_everything_against_default() -> Measured {
    use proof::build_cost::{self, Resource};
    let always = cold_build("every function inlinable across crates", threshold("always"), true);
    let default = cold_build("default", Profile::release(), false);
    build_cost::ordering("siblings", &always, &default, Resource::Cpu)
}

#[test]
fn fat_lto_build_costs_twice_the_cpu() {
    use proof::build_cost;
    claim("inlining.build-cost.fat-lto-wide")
        .kind(Kind::BuildCost)
        .statement("Cold, the four-crate siblings lab costs at least twice the CPU time to build with fat LTO as without, by the rule: fat's fastest of 3 runs against the default's slowest.")
        .judges("004", "Inlining in Rust", "LTO makes compilation much slower.", "confirmed: by the rule, at least twice the CPU time of a cold build on a small lab (the ratio is shown)")
        .predicate("the slower build's fastest run costs at least 2× the faster build's slowest", build_cost::is_wide)
        .subject("CPU time: fat LTO against the default (siblings lab)", fat_against_default)
        .control("CPU time: every function inlinable across crates against the default (siblings lab)", inline_everything_against_default)
        .check();
}

#[test]
fn inline_everything_build_within_twice() {
    use proof::build_cost;
    claim("inlining.build-cost.inline-everything-within-2x")
        .kind(Kind::BuildCost)
        .statement("Cold, making every function of the four-crate siblings lab inlinable across crates costs less than twice the CPU time of the default build, by the rule.")
        .judges("004", "Inlining in Rust", "Compiling a copy of every #[inline] function in each crate that uses it increases compile times significantly.", "not reproduced: within the rule's 2× on a small lab with every function inlinable across crates (the ratio is shown)")
        .predicate("the slower build's fastest run costs less than 2× the faster build's slowest", |f| {
            margin::ratio(f, build_cost::SLOWER_BEST, build_cost::FASTER_WORST, Op::Lt, build_cost::WIDE)
        })
        .subject("CPU time: -Zcross-crate-inline-threshold=always against the default (siblings lab)", inline_everything_against_default)
        .control("CPU time: fat LTO against the default (siblings lab)", fat_against_default)
        .check();
}
