//! The lab harness and artifact inspection, tested on `labs/crosscrate` (run with `--nocapture` to see
//! every observed call).

use proof::inspect::{Artifact, Via};
use proof::lab::{self, Emit};
use proof::profile::{Base, Profile};

const CALLERS: [(&str, &str); 5] = [
    ("app::call_square", "mathlib::square"),
    ("app::call_cube", "mathlib::cube"),
    ("app::call_fnv1a", "mathlib::fnv1a"),
    ("app::call_checksum", "mathlib::checksum"),
    ("app::call_mean", "mathlib::mean"),
];

fn fat() -> Profile {
    Profile::custom("release-fat", Base::Release).lto("fat")
}

/// Per caller: what it calls (the names at the target, or the target address) and how.
type Observed = Vec<(String, Vec<(String, Via)>)>;

/// The app binary of crosscrate under `profile`, and what each caller calls (printed).
fn observe(profile: &Profile) -> (Artifact, Observed) {
    let build = lab::build("crosscrate", profile);
    let app = build.artifact("app");
    let mut seen = Vec::new();
    for (caller, _) in CALLERS {
        let f = app.function(caller);
        let calls: Vec<(String, Via)> =
            app.calls(&f).into_iter().map(|c| (if c.names.is_empty() { format!("{:?}", c.target) } else { c.names.join("|") }, c.via)).collect();
        println!("{:<12} {caller:<20} size {:>4}: {calls:?}", profile.name(), f.size);
        seen.push((caller.to_string(), calls));
    }
    (app, seen)
}

fn calls(app: &Artifact, caller: &str, callee: &str) -> usize {
    app.calls_to(&app.function(caller), callee)
}

#[test]
fn dev_calls_every_mathlib_function() {
    if !proof::toolchain::is_x86_64_linux() {
        return;
    }
    let (app, _) = observe(&Profile::dev());
    for (caller, callee) in CALLERS {
        assert_eq!(calls(&app, caller, callee), 1, "dev: {caller} calls {callee}");
    }
}

#[test]
fn release_inlines_small_call_free_functions_across_crates() {
    if !proof::toolchain::is_x86_64_linux() {
        return;
    }
    let (app, _) = observe(&Profile::release());
    // Automatic cross-crate inlining (rustc >= 1.75, opt-level > 0, not incremental): square and the byte
    // loop fnv1a have call-free MIR, so their bodies are available to app and inlined.
    assert_eq!(calls(&app, "app::call_square", "mathlib::square"), 0);
    assert_eq!(calls(&app, "app::call_fnv1a", "mathlib::fnv1a"), 0);
    assert_eq!(calls(&app, "app::call_cube", "mathlib::cube"), 0);
    // checksum and mean still contain calls after MIR optimization: without LTO they stay calls, through the GOT.
    for (caller, callee) in [("app::call_checksum", "mathlib::checksum"), ("app::call_mean", "mathlib::mean")] {
        let f = app.function(caller);
        let to: Vec<_> = app.calls(&f).into_iter().filter(|c| c.names.iter().any(|n| n == callee)).collect();
        assert_eq!(to.len(), 1, "release: {caller} calls {callee}");
        assert_eq!(to[0].via, Via::Got, "release: {caller} calls {callee} through the GOT");
        assert_eq!(to[0].target, Some(app.function(callee).address));
    }
}

#[test]
fn fat_lto_inlines_what_release_calls() {
    if !proof::toolchain::is_x86_64_linux() {
        return;
    }
    let (app, seen) = observe(&fat());
    for (caller, calls) in &seen {
        assert!(calls.is_empty(), "release-fat: {caller} calls nothing, saw {calls:?}");
    }
    assert_eq!(calls(&app, "app::call_checksum", "mathlib::checksum"), 0);
    assert!(app.functions_named("mathlib::checksum").is_empty(), "release-fat: no copy of checksum is left");
}

#[test]
fn sizes_of_release_and_fat() {
    if !proof::toolchain::is_x86_64_linux() {
        return;
    }
    let release = lab::build("crosscrate", &Profile::release());
    let fat = lab::build("crosscrate", &fat());
    let (r, f) = (release.size("app"), fat.size("app"));
    println!("size release {r} bytes, release-fat {f} bytes");
    assert_eq!(release.artifact("app").size(), r);
    assert!(f < r, "fat LTO gives the smaller binary here: {f} vs {r}");
}

#[test]
fn function_text_of_emitted_asm_ir_and_mir() {
    if !proof::toolchain::is_x86_64_linux() {
        return;
    }
    let release = Profile::release();
    let asm = lab::emit("crosscrate", "mathlib", &release, Emit::Asm);
    let f = lab::function_text(asm, Emit::Asm, "mathlib::checksum").expect("checksum in the asm");
    assert!(f.starts_with("_ZN7mathlib8checksum") && f.contains("imulq") && f.lines().last().unwrap().starts_with(".Lfunc_end"), "{f}");
    // Call-free small functions are cross-crate-inlinable: release codegens them only where they are used.
    assert!(lab::function_text(asm, Emit::Asm, "mathlib::square").is_none());

    let ir = lab::emit("crosscrate", "mathlib", &release, Emit::LlvmIr);
    let f = lab::function_text(ir, Emit::LlvmIr, "mathlib::checksum").expect("checksum in the IR");
    assert!(f.starts_with("define ") && f.contains("mul i64") && f.ends_with('}'), "{f}");

    let mir = lab::emit("crosscrate", "mathlib", &release, Emit::Mir);
    let f = lab::function_text(mir, Emit::Mir, "mathlib::checksum").expect("checksum in the MIR");
    assert!(f.starts_with("fn checksum(_1: &[u8]) -> u64 {") && f.ends_with('}'), "{f}");
    let sq = lab::function_text(mir, Emit::Mir, "mathlib::square").expect("square in the MIR");
    assert!(sq.contains("Mul(") && !sq.contains("fn cube"), "{sq}");

    // Under dev, every function is in the library's asm.
    let dev_asm = lab::emit("crosscrate", "mathlib", &Profile::dev(), Emit::Asm);
    assert!(lab::function_text(dev_asm, Emit::Asm, "mathlib::square").is_some());
}

#[test]
#[should_panic(expected = "no symbol table: build with strip = none")]
fn stripped_binary_is_refused() {
    if !proof::toolchain::is_x86_64_linux() {
        panic!("no symbol table: build with strip = none (skipped: not x86_64 Linux)");
    }
    let stripped = lab::build("crosscrate", &Profile::custom("release-stripped", Base::Release).strip("symbols"));
    stripped.artifact("app");
}
