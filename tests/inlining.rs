//! Inlining claims, read from the machine code of labs/crosscrate and labs/inlining (x86_64 Linux).
//!
//! labs/inlining is built under eight profiles, each once per process: `release`, `dev`,
//! `release-opt0` and `release-opt1` (release with opt-level 0 or 1), `release-incremental`, and three
//! with `-Zcross-crate-inline-threshold` (`always`, `never`, 150), which need `RUSTC_BOOTSTRAP=1`.

use proof::inspect::Artifact;
use proof::lab::{self, Emit};
use proof::profile::{Base, Profile};
use proof::{claim, figures, Figures, FiguresExt, Kind, Measured};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

/// How often `caller` in the `app` binary built under `profile` calls `callee`.
fn calls_in_app(profile: &Profile, caller: &str, callee: &str) -> Measured {
    let app = Artifact::open(&lab::build("crosscrate", profile).bin("app"));
    let f = app.function(caller);
    Measured::new(
        profile.record(),
        figures! { format!("calls from {caller} to {callee}") => app.calls_to(&f, callee), format!("size of {caller} (bytes)") => f.size },
    )
}

#[test]
fn tiny_function_is_inlined_across_crates_without_lto() {
    let callee = "mathlib::square";
    claim("inlining.cross-crate.tiny-fn-without-lto")
        .kind(Kind::Calls)
        .statement("In a release build without LTO, rustc inlines a tiny non-generic function from another crate even though it has no #[inline] attribute, unless incremental compilation is on.")
        .judges("004", "Inlining in Rust", "Without #[inline], even the most trivial function cannot be inlined across a crate boundary.", "outdated: since automatic cross-crate inlining (rustc 1.75), it holds only with incremental compilation or at opt-level 0")
        .judges("001", "A minimal cross-crate example", "Without LTO, a call to a small function in another crate is compiled as a real function call.", "holds only when the build is incremental or unoptimized")
        .judges("000", "First, what even is LTO?", "The compiler cannot see across crate boundaries: it cannot know that a function of one crate could be inlined into another.", "outdated: rustc inlines small functions across crates without LTO, unless the build is incremental")
        .judges("000", "A real example", "Without LTO every call to a tiny square() of another crate is a real function call.", "refuted for a function this small, in a release build that is not incremental")
        .judges("001", "The house contractor analogy", "Each crate is optimized in isolation: the optimizer cannot see across crates.", "holds only for functions rustc does not inline across crates on its own")
        .judges("004", "Inlining in Rust", "A downstream crate sees only the signature of an upstream function, so calls to it cannot be inlined.", "outdated: small functions are inlined across crates since rustc 1.75, unless the build is incremental")
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
        .statement("A small function that calls another function of its crate (mathlib::mean calls mathlib::sum) is not inlined into another crate by a release build without LTO: rustc's automatic cross-crate inlining leaves it a call. Fat LTO inlines it.")
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
    static ARTIFACTS: OnceLock<Mutex<HashMap<String, &'static OnceLock<Artifact>>>> = OnceLock::new();
    let path: PathBuf = lab::build(LAB, profile).bin("app");
    let cell = {
        let mut map = ARTIFACTS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
        *map.entry(profile.name().to_string()).or_insert_with(|| Box::leak(Box::new(OnceLock::new())))
    };
    cell.get_or_init(|| Artifact::open(&path))
}

/// Calls from `caller` to `callee` in `a`, counting the instances `callee::<…>` of a generic callee.
fn calls(a: &Artifact, caller: &str, callee: &str) -> u64 {
    let instance = format!("{callee}::<");
    let f = a.function(caller);
    a.calls(&f).iter().filter(|c| c.names.iter().any(|n| n == callee || n.starts_with(&instance))).count() as u64
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
}

/// Several (caller, callee) pairs, each as `calls from <caller> to <callee>`.
fn pairs(profile: &Profile, pairs: &[(&str, &str)]) -> Measured {
    let a = app(profile);
    let mut f = Figures::new();
    for (caller, callee) in pairs {
        f.insert(format!("calls from {caller} to {callee}"), calls(a, caller, callee).into());
    }
    Measured::new(profile.record(), f)
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
    let mir = lab::emit(LAB, "upstream", &Profile::release(), Emit::Mir);
    series()
        .into_iter()
        .map(|name| {
            let text = lab::function_text(mir, Emit::Mir, &format!("upstream::{name}")).unwrap_or_else(|| panic!("no MIR for upstream::{name}"));
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
    let rows: Vec<(u64, u64)> = series().iter().map(|name| (f.u64(&format!("{name}: MIR statements")), f.u64(&format!("{name}: calls left")))).collect();
    assert_eq!(rows.len(), n);
    rows
}

// --- Within a crate --------------------------------------------------------------------------------

#[test]
fn optimizer_inlines_unattributed_local_function() {
    claim("inlining.local.optimizer-inlines-unattributed")
        .kind(Kind::Calls)
        .statement("Within one crate, from opt-level 1 on, LLVM inlines a small function that has no inline attribute into its caller; at opt-level 0 the call stays.")
        .judges("004", "Inlining in Rust", "Calls to a function from within its own crate can be inlined, because the compiler sees its body.", "confirmed in optimized builds (opt-level 1 and above); at opt-level 0 only #[inline(always)] is inlined")
        .judges("004", "Inlining in practice", "Private functions rarely need #[inline]: within a crate the compiler makes good inlining decisions on its own.", "confirmed for a small function in an optimized build; an unoptimized (dev) build inlines nothing without #[inline(always)]")
        .judges("002", "Inlining", "Very small functions are among the best candidates for inlining, and the compiler often inlines them without an attribute.", "confirmed from opt-level 1 on")
        .predicate("app::call_local_small makes no call to app::local_small", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("release with opt-level = 1", || one_call(&opt1(), "app::call_local_small", "app::local_small"))
        .control("release with opt-level = 0 (nothing else changed)", || one_call(&opt0(), "app::call_local_small", "app::local_small"))
        .check();
}

#[test]
fn inline_hint_changes_nothing_at_opt_level_0() {
    claim("inlining.local.hint-ignored-at-opt-level-0")
        .kind(Kind::Calls)
        .statement("In a dev build (opt-level 0), #[inline] on a small function of the same crate does not get it inlined: its caller still calls it, as with no attribute at all.")
        .judges("002", "Inlining", "#[inline] suggests that the function be inlined.", "holds only when optimizing: at opt-level 0 the suggestion changes nothing")
        .predicate("app::call_local_hinted still calls app::local_hinted", |f| f.u64("calls from the caller to the callee") >= 1)
        .subject("dev (opt-level 0)", || one_call(&Profile::dev(), "app::call_local_hinted", "app::local_hinted"))
        .control("release with opt-level = 1", || one_call(&opt1(), "app::call_local_hinted", "app::local_hinted"))
        .check();
}

#[test]
fn inline_always_inlines_at_opt_level_0() {
    claim("inlining.local.always-at-opt-level-0")
        .kind(Kind::Calls)
        .statement("#[inline(always)] gets a small function inlined even in a dev build (opt-level 0), where the same body without it, or with #[inline], stays a call.")
        .judges("002", "Inlining", "#[inline(always)] strongly suggests inlining, and in practice inlines in all but exceptional cases.", "confirmed, even at opt-level 0")
        .predicate("the caller makes no call to the callee", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("dev: app::call_local_always calls the #[inline(always)] app::local_always", || one_call(&Profile::dev(), "app::call_local_always", "app::local_always"))
        .control("dev: app::call_local_small calls the same body without attribute", || one_call(&Profile::dev(), "app::call_local_small", "app::local_small"))
        .check();
}

#[test]
fn inline_never_keeps_the_call() {
    claim("inlining.local.never-keeps-call")
        .kind(Kind::Calls)
        .statement("#[inline(never)] keeps a one-line function of the same crate a real call in a release build, where the same body without it is inlined.")
        .judges("002", "Inlining", "#[inline(never)] strongly suggests that the function not be inlined.", "confirmed")
        .predicate("the caller still calls the callee", |f| f.u64("calls from the caller to the callee") >= 1)
        .subject("release: app::call_local_never calls the #[inline(never)] app::local_never", || one_call(&Profile::release(), "app::call_local_never", "app::local_never"))
        .control("release: app::call_local_small calls the same body without attribute", || one_call(&Profile::release(), "app::call_local_small", "app::local_small"))
        .check();
}

// --- Across crates ---------------------------------------------------------------------------------

#[test]
fn generic_function_inlined_across_crates() {
    let never = threshold("never");
    claim("inlining.cross-crate.generic-without-attribute")
        .kind(Kind::Calls)
        .statement("A generic function of another crate, with no attribute and far too big for rustc's automatic cross-crate inlining, is instantiated in the caller's crate and inlined there, even with that automatic inlining switched off; the same body, not generic, stays a call.")
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
        .statement("A non-generic function of another crate that is too big for rustc's automatic cross-crate inlining is inlined by a release build without LTO only when it is marked #[inline].")
        .judges("004", "Inlining in Rust", "Only #[inline], generics or LTO let a non-generic function be inlined into another crate.", "holds only for functions above rustc's automatic cross-crate limit (see inlining.auto.boundary); smaller ones cross on their own in optimized builds that are not incremental")
        .judges("004", "Inlining in practice", "Libraries should add #[inline] to their small non-generic functions in advance.", "needed for functions above rustc's automatic limit, and for users who build incrementally or at opt-level 0; tiny functions already cross on their own in non-incremental optimized builds")
        .predicate("the caller makes no call to the callee", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("release: the #[inline] upstream::wide_hinted", || one_call(&Profile::release(), "app::call_wide_hinted", "upstream::wide_hinted"))
        .control("release: upstream::wide_plain, the same size without attribute", || one_call(&Profile::release(), "app::call_wide_plain", "upstream::wide_plain"))
        .check();
}

// --- rustc's automatic cross-crate inlining ----------------------------------------------------------

#[test]
fn automatic_inlining_has_a_size_boundary() {
    claim("inlining.auto.boundary")
        .kind(Kind::Calls)
        .statement("In a release build, rustc's automatic cross-crate inlining takes the smaller functions of a generated series of unattributed, non-generic functions and leaves the larger ones as calls, with a single boundary in MIR statements; with incremental compilation it takes none.")
        .judges("002", "Inlining", "Without an attribute the compiler decides by itself, by optimization level, size, genericity and whether the call crosses a crate boundary.", "confirmed: each of these factors is measured in this part")
        .predicate("some functions of the series are inlined and some are not, and every inlined one has fewer MIR statements than every one still called", |f| {
            let rows = series_rows(f);
            let largest_in = rows.iter().filter(|r| r.1 == 0).map(|r| r.0).max();
            let smallest_out = rows.iter().filter(|r| r.1 > 0).map(|r| r.0).min();
            matches!((largest_in, smallest_out), (Some(a), Some(b)) if a < b)
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
        .statement("-Zcross-crate-inline-threshold=150 moves the boundary of rustc's automatic cross-crate inlining: exactly the functions of the series with at most 150 MIR statements (StorageLive and StorageDead not counted) are inlined, which is not the case with the default threshold.")
        .predicate("a function of the series is inlined if and only if it has at most 150 MIR statements", |f| series_rows(f).iter().all(|&(statements, left)| (left == 0) == (statements <= 150)))
        .subject("release with -Zcross-crate-inline-threshold=150", || series_figures(&at_150, &[]))
        .control("release (the default threshold)", || series_figures(&Profile::release(), &[]))
        .check();
}

#[test]
fn automatic_inlining_refuses_a_body_that_calls() {
    claim("inlining.auto.refuses-calls")
        .kind(Kind::Calls)
        .statement("rustc's automatic cross-crate inlining refuses a one-line function whose body calls another function that stays a call; -Zcross-crate-inline-threshold=always, which lifts the rules, gets it inlined.")
        .predicate("app::call_calls_other still calls upstream::calls_other", |f| f.u64("calls from app::call_calls_other to upstream::calls_other") >= 1)
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
        .statement("rustc's automatic cross-crate inlining refuses a one-line function that drops a value with drop glue (a Vec taken by value); the same body on a borrowed Vec is inlined.")
        .predicate("the caller still calls the callee", |f| f.u64("calls from the caller to the callee") >= 1)
        .subject("release: upstream::len_owned(v: Vec<u64>)", || one_call(&Profile::release(), "app::call_len_owned", "upstream::len_owned"))
        .control("release: upstream::len_borrowed(v: &Vec<u64>)", || one_call(&Profile::release(), "app::call_len_borrowed", "upstream::len_borrowed"))
        .check();
}

#[test]
fn automatic_inlining_accepts_a_panic_path() {
    let pair = [("app::call_first", "upstream::first"), ("app::call_first", "core::panicking::panic_bounds_check")];
    claim("inlining.auto.accepts-panic-path")
        .kind(Kind::Calls)
        .statement("A bounds check that can panic does not keep a small function out of rustc's automatic cross-crate inlining: in a release build the caller inlines upstream::first and calls the panic routine itself; with the automatic inlining switched off, it calls upstream::first.")
        .predicate("app::call_first makes no call to upstream::first", |f| f.u64("calls from app::call_first to upstream::first") == 0)
        .subject("release", || pairs(&Profile::release(), &pair))
        .control("release with -Zcross-crate-inline-threshold=never", || pairs(&threshold("never"), &pair))
        .check();
}

#[test]
fn automatic_inlining_off_at_opt_level_0() {
    claim("inlining.auto.off-at-opt-level-0")
        .kind(Kind::Calls)
        .statement("At opt-level 0, rustc's automatic cross-crate inlining is off even without incremental compilation: a one-line multiplication of another crate stays a call.")
        .predicate("app::call_square_op still calls upstream::square_op", |f| f.u64("calls from the caller to the callee") >= 1)
        .subject("release with opt-level = 0 (incremental off)", || one_call(&opt0(), "app::call_square_op", "upstream::square_op"))
        .control("release", || one_call(&Profile::release(), "app::call_square_op", "upstream::square_op"))
        .check();
}

#[test]
fn automatic_inlining_at_opt_level_1() {
    let both = [("app::call_square_op", "upstream::square_op"), ("app::call_square", "upstream::square")];
    claim("inlining.auto.opt-level-1-plain-bodies-only")
        .kind(Kind::Calls)
        .statement("At opt-level 1, rustc's automatic cross-crate inlining is on, but MIR inlining is not, so a body that calls even a trivial standard-library method (wrapping_mul) stays a call while the same product written with * is inlined; at opt-level 3 both are inlined.")
        .predicate("upstream::square_op is inlined and upstream::square is still called", |f| {
            f.u64("calls from app::call_square_op to upstream::square_op") == 0 && f.u64("calls from app::call_square to upstream::square") >= 1
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
        .statement("-Zcross-crate-inline-threshold=never switches rustc's automatic cross-crate inlining off in a release build: no function of the series is inlined, not even the smallest.")
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
        .statement("-Zcross-crate-inline-threshold=always makes every function inlinable into other crates: the whole series is inlined, and so are the functions that call another or drop a value.")
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
        .statement("#[inline] on a public function does not carry over to the private helper it calls: when the helper is too big for rustc's automatic cross-crate inlining, a caller in another crate inlines the outer function and still calls the helper; marking the helper #[inline] too removes that call.")
        .judges("004", "Inlining in practice", "#[inline] is not transitive: a trivial public function calling a trivial private one needs #[inline] on both.", "holds only for a helper too big for rustc's automatic cross-crate inlining; see inlining.transitive.small-helper-follows for a trivial one")
        .judges("002", "Inlining", "Inlining is not transitive: for f and the g it calls to be inlined together at a call of f, both need an inline attribute.", "holds across crates only for a helper that rustc does not inline on its own")
        .predicate("the caller still calls the helper", |f| f.u64("calls from the caller to the callee") >= 1)
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
        .statement("When the private helper is small enough for rustc's automatic cross-crate inlining, #[inline] on the outer function alone is enough in a release build: the caller in another crate calls neither; with the automatic inlining switched off, it calls the helper.")
        .judges("004", "Inlining in practice", "#[inline] is not transitive: a trivial public function calling a trivial private one needs #[inline] on both.", "outdated for a trivial helper in an optimized, non-incremental build: rustc ships it on its own")
        .judges("002", "Inlining", "Inlining is not transitive: for f and the g it calls to be inlined together at a call of f, both need an inline attribute.", "refuted for a small g in an optimized, non-incremental build")
        .predicate("app::call_outer_tiny calls neither upstream::outer_tiny nor upstream::tiny_helper", |f| {
            f.u64("calls from app::call_outer_tiny to upstream::outer_tiny") == 0 && f.u64("calls from app::call_outer_tiny to upstream::tiny_helper") == 0
        })
        .subject("release", || pairs(&Profile::release(), &pair))
        .control("release with -Zcross-crate-inline-threshold=never", || pairs(&threshold("never"), &pair))
        .check();
}
