//! Inlining claims, read from the machine code of labs/crosscrate (x86_64 Linux).

use proof::inspect::Artifact;
use proof::lab;
use proof::profile::{Base, Profile};
use proof::{claim, figures, FiguresExt, Kind, Measured};

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
