//! Build configuration claims, measured on labs/buildcfg (a few kernels, one program, two small programs
//! that panic or overflow): opt-level, panic strategy, target CPU level, overflow checks, incremental
//! compilation in release, the linker. LTO, codegen-units, debug info and strip are the LTO part's
//! (tests/lto.rs); allocators are the Heap part's (tests/heap_cost.rs).

use proof::inspect::Artifact;
use proof::lab;
use proof::profile::{Base, Profile};
use proof::margin::{self, Op};
use proof::{claim, figures, FiguresExt, Kind, Measured};
use std::process::Command;

const LAB: &str = "buildcfg";

/// The release profile with `opt-level` = `level` (Cargo's own `release` for "3").
fn opt(level: &str) -> Profile {
    if level == "3" { Profile::release() } else { Profile::custom(&format!("bc-o{level}"), Base::Release).opt_level(level) }
}
fn abort() -> Profile {
    Profile::custom("bc-abort", Base::Release).panic("abort")
}
fn incremental() -> Profile {
    Profile::custom("bc-incremental", Base::Release).incremental(true)
}
fn cpu(level: &str) -> Profile {
    Profile::custom(&format!("bc-{level}"), Base::Release).rustflags(&[&format!("-Ctarget-cpu=x86-64-{level}")])
}

/// The bench id of `benches/build_config.rs` that runs the program built under `profile`.
fn bench_id(profile: &Profile) -> String {
    match profile.name() {
        "dev" => "dev".into(),
        "release" => "o3".into(),
        name => name.trim_start_matches("bc-").into(),
    }
}

/// Instructions executed by the lab's program (its `measured` region, 4,000 elements) under `profile`.
fn instructions(profile: &Profile) -> u64 {
    proof::gungraun::lab_instructions(LAB, profile, "app", "build_config", "buildcfg", "buildcfg_app", &bench_id(profile))
}

fn counted(profile: &Profile) -> proof::ProfileRecord {
    profile.record().with("counted", "app::measured only, 4,000 elements").with("C library", "baseline x86-64 string functions (GLIBC_TUNABLES pinned)")
}

const LEVELS: [&str; 6] = ["0", "1", "2", "3", "s", "z"];

/// Instructions under `profile`, next to those of the dev build.
fn against_dev(profile: &Profile) -> Measured {
    let n = instructions(profile);
    let dev = instructions(&Profile::dev());
    Measured::new(counted(profile), figures! { "instructions (this build)" => n, "instructions (dev build)" => dev, "dev, times this build" => dev / n })
}

#[test]
fn release_is_ten_times_dev() {
    claim("build.release.ten-times-fewer-instructions-than-dev")
        .kind(Kind::Instructions)
        .statement("A `cargo build --release` program executes at least ten times fewer instructions than the same program from a plain `cargo build`.")
        .judges("002", "Build configuration: release builds", "Release builds are often 10 to 100 times faster than dev builds.", "partly true: at least ten times fewer instructions executed; wall-clock time is not measured")
        .judges("002", "Build configuration: release builds", "The most important choice is to use a release build, not the default dev build, when speed matters.", "partly true: at least ten times fewer instructions; other settings are measured by their own claims")
        .predicate("the dev build executes at least 10 times as many instructions", |f| margin::ratio(f, "instructions (dev build)", "instructions (this build)", Op::Ge, 10.0))
        .subject("release (cargo build --release)", || against_dev(&Profile::release()))
        .control("release with opt-level = 0 (the release profile unoptimized)", || against_dev(&opt("0")))
        .check();
}

/// Instructions of every opt-level, with `level` as the one compared against opt-level 3.
fn by_level(level: &str) -> Measured {
    let mut f = proof::Figures::new();
    for l in LEVELS {
        f.insert(format!("instructions (opt-level {l})"), instructions(&opt(l)).into());
    }
    let this = f.u64(&format!("instructions (opt-level {level})"));
    f.insert("instructions (this level)".into(), this.into());
    f.insert("percent of opt-level 3".into(), (this * 100 / f.u64("instructions (opt-level 3)")).into());
    f.insert("level ranked".into(), level.into());
    Measured::new(counted(&opt(level)).with("compared", "all six opt-levels, release profile otherwise"), f)
}

#[test]
fn level_three_executes_fewest() {
    claim("build.opt-level.3-fewest-instructions")
        .kind(Kind::Instructions)
        .statement("Of the six opt-levels, 3 (the release default) makes the lab's program execute the fewest instructions.")
        .judges("002", "Build configuration: minimizing size", "opt-level = \"z\" may also reduce runtime speed.", "partly true: z executes more instructions than opt-level 3; time is not measured")
        .judges("002", "Build configuration: custom profiles", "Cargo supports custom profiles besides dev and release, e.g. one between the two.", "confirmed: each opt-level here is a custom profile that inherits from release")
        .null_control("a ranking: the control asks the same of opt-level \"z\" among the same six builds")
        .predicate("executes fewer instructions than every other opt-level", |f| {
            let level = f.str("level ranked").to_string();
            // Every comparison is made (no short cut), so that each one's margin is recorded.
            LEVELS.iter().filter(|l| **l != level).map(|l| margin::lt(f, "instructions (this level)", &format!("instructions (opt-level {l})"))).fold(true, |all, holds| all && holds)
        })
        .subject("release (opt-level = 3)", || by_level("3"))
        .control("release with opt-level = \"z\"", || by_level("z"))
        .check();
}

/// The `app` binary's file size and machine code (the sum of its functions' sizes) at opt-level 3 and at
/// each of `levels`.
fn sizes(levels: &[&str]) -> Measured {
    let mut f = proof::Figures::new();
    for l in LEVELS.iter().filter(|l| **l == "3" || levels.contains(l)) {
        let build = lab::build(LAB, &opt(l));
        let code: u64 = Artifact::open(&build.bin("app")).code_shape().iter().map(|(_, size)| size).sum();
        f.insert(format!("app binary, opt-level {l} (bytes)"), build.size("app").into());
        f.insert(format!("machine code, opt-level {l} (bytes)"), code.into());
    }
    let compared = format!("opt-level {} against opt-level 3 (custom profiles inheriting from release)", levels.join(", "));
    Measured::new(
        Profile::release().record().with("compared", compared).with("machine code", "the sum of the sizes of the binary's functions (symbol table)"),
        f,
    )
}

#[test]
fn optimizing_levels_give_the_same_size() {
    claim("build.opt-level.sizes-within-3-percent")
        .kind(Kind::Size)
        .statement("Past opt-level 0, every opt-level (1, 2, `\"s\"`, `\"z\"`) gives the lab's program a binary file and machine code within 3% of opt-level 3's; opt-level 0 does not.")
        .judges("002", "Build configuration: summary", "To minimize binary size, consider opt-level = \"z\" (with other settings).", "not reproduced: z's file is within 3% of opt-level 3's on this lab")
        .judges("002", "Build configuration: minimizing size", "opt-level = \"z\" minimizes binary size.", "not reproduced: within 3% of opt-level 3's file; the prebuilt standard library is most of this binary")
        .judges("002", "Build configuration: minimizing size", "opt-level = \"s\" also targets a small binary, a little less aggressively than \"z\".", "not reproduced: s's file is within 3% of opt-level 3's on this lab")
        .predicate("file and machine code within 3% of opt-level 3's (either way), at each level compared", |f| {
            // Every comparison is made (no short cut), so that each one's margin is recorded.
            let mut all = true;
            for l in LEVELS.iter().filter(|l| **l != "3" && f.contains_key(&format!("app binary, opt-level {l} (bytes)"))) {
                all &= margin::within(f, &format!("app binary, opt-level {l} (bytes)"), "app binary, opt-level 3 (bytes)", 3.0);
                all &= margin::within(f, &format!("machine code, opt-level {l} (bytes)"), "machine code, opt-level 3 (bytes)", 3.0);
            }
            all
        })
        .subject("release with opt-level = 1, 2, \"s\" or \"z\", each against opt-level 3", || sizes(&["1", "2", "s", "z"]))
        .control("release with opt-level = 0, against opt-level 3", || sizes(&["0"]))
        .check();
}

/// How many instructions of `function` in the `app` binary under `profile` use a vector register.
fn vector_instructions(profile: &Profile, function: &str) -> (u64, u64, Artifact) {
    let app = Artifact::open(&lab::build(LAB, profile).bin("app"));
    let f = app.function(function);
    let text = app.disassembly(&f);
    let xmm = text.lines().filter(|l| l.contains("xmm")).count() as u64;
    let ymm = text.lines().filter(|l| l.contains("ymm")).count() as u64;
    (xmm, ymm, app)
}

fn vectorized(profile: &Profile) -> Measured {
    let (xmm, ymm, app) = vector_instructions(profile, "buildcfg::scaled_sum");
    let f = app.function("buildcfg::scaled_sum");
    Measured::new(
        profile.record(),
        figures! { "instructions on xmm registers in scaled_sum" => xmm, "instructions on ymm registers in scaled_sum" => ymm, "scaled_sum size (bytes)" => f.size },
    )
    .machine_code(&app, &f)
}

#[test]
fn s_does_not_vectorize() {
    claim("build.opt-level.s-does-not-vectorize")
        .kind(Kind::Asm)
        .statement("At `opt-level = \"s\"` the loop of `scaled_sum` is not vectorized: it uses no SIMD register, where at opt-level 3 it does.")
        .judges("002", "Build configuration: minimizing size", "Unlike \"z\", opt-level = \"s\" still allows loops to be vectorized.", "refuted: at s the loop of scaled_sum uses no SIMD register (rustc 1.95)")
        .predicate("scaled_sum uses no SIMD register", |f| f.u64("instructions on xmm registers in scaled_sum") + f.u64("instructions on ymm registers in scaled_sum") == 0)
        .subject("release with opt-level = \"s\"", || vectorized(&opt("s")))
        .control("release (opt-level = 3)", || vectorized(&Profile::release()))
        .check();
}

#[test]
fn level_one_does_not_vectorize() {
    claim("build.opt-level.vectorized-at-2-and-3")
        .kind(Kind::Asm)
        .statement("opt-level 2 vectorizes the loop of `scaled_sum` (it uses SIMD registers); opt-level 1 leaves it a scalar loop.")
        .predicate("scaled_sum uses SIMD registers", |f| {
            let simd = f.u64("instructions on xmm registers in scaled_sum") + f.u64("instructions on ymm registers in scaled_sum");
            margin::compare("xmm + ymm instructions in scaled_sum > 0", simd as f64, Op::Gt, 0.0)
        })
        .subject("release with opt-level = 2", || vectorized(&opt("2")))
        .control("release with opt-level = 1", || vectorized(&opt("1")))
        .check();
}

#[test]
fn v3_uses_wider_vectors() {
    claim("build.target-cpu.v3-uses-256-bit-vectors")
        .kind(Kind::Asm)
        .statement("With `-Ctarget-cpu=x86-64-v3` (AVX2) the vectorized loop of `scaled_sum` uses 256-bit `ymm` registers; with `x86-64-v2` it uses none.")
        .judges("002", "Build configuration: CPU specific instructions", "Targeting a newer CPU lets the compiler use instructions such as AVX SIMD.", "confirmed: with x86-64-v3 the loop uses 256-bit AVX registers (native is not used)")
        .predicate("scaled_sum uses ymm registers", |f| margin::against(f, "instructions on ymm registers in scaled_sum", Op::Gt, 0.0))
        .subject("release, -Ctarget-cpu=x86-64-v3", || vectorized(&cpu("v3")))
        .control("release, -Ctarget-cpu=x86-64-v2", || vectorized(&cpu("v2")))
        .check();
}

/// Instructions under `this`, next to those under `other` (another target CPU level).
fn cpu_levels(this: &Profile, other: &Profile) -> Measured {
    let n = instructions(this);
    let o = instructions(other);
    Measured::new(counted(this), figures! { "instructions (this build)" => n, "instructions (other CPU level)" => o })
}

#[test]
fn v3_executes_fewer_instructions() {
    claim("build.target-cpu.v3-fewer-instructions")
        .kind(Kind::Instructions)
        .statement("Built with `-Ctarget-cpu=x86-64-v3`, the lab's program executes fewer instructions than built for the baseline x86-64 CPU.")
        .judges("002", "Build configuration: CPU specific instructions", "Targeting the CPU can improve runtime speed, especially where the compiler finds vectorization opportunities.", "partly true: fewer instructions executed with x86-64-v3; time is not measured")
        .judges("002", "Build configuration: summary", "Consider -C target-cpu=native when broad CPU support is not needed.", "partly true: fewer instructions with the named level x86-64-v3; native is not measured")
        .null_control("the control asks the same of the baseline x86-64 build against x86-64-v3: the same two builds, the other way round")
        .predicate("executes fewer instructions than the other CPU level", |f| margin::lt(f, "instructions (this build)", "instructions (other CPU level)"))
        .subject("release, -Ctarget-cpu=x86-64-v3, against x86-64", || cpu_levels(&cpu("v3"), &Profile::release()))
        .control("release (x86-64), against -Ctarget-cpu=x86-64-v3", || cpu_levels(&Profile::release(), &cpu("v3")))
        .check();
}

fn popcnt(profile: &Profile) -> Measured {
    let app = Artifact::open(&lab::build(LAB, profile).bin("app"));
    let f = app.function("buildcfg::bit_count");
    let text = app.disassembly(&f);
    let n = text.lines().filter(|l| l.split_whitespace().nth(1) == Some("popcnt")).count();
    Measured::new(profile.record(), figures! { "popcnt instructions in bit_count" => n, "bit_count size (bytes)" => f.size }).machine_code(&app, &f)
}

#[test]
fn v2_counts_bits_in_one_instruction() {
    claim("build.target-cpu.v2-uses-popcnt")
        .kind(Kind::Asm)
        .statement("`u64::count_ones` compiles to the `popcnt` instruction with `-Ctarget-cpu=x86-64-v2`, and to no `popcnt` for the default x86-64 CPU.")
        .judges("002", "Build configuration: CPU specific instructions", "A newer target CPU can improve speed even without vectorization opportunities.", "partly true: x86-64-v2 gives a popcnt instruction; speed is not measured")
        .predicate("bit_count uses popcnt", |f| margin::against(f, "popcnt instructions in bit_count", Op::Gt, 0.0))
        .subject("release, -Ctarget-cpu=x86-64-v2", || popcnt(&cpu("v2")))
        .control("release (default target CPU x86-64)", || popcnt(&Profile::release()))
        .check();
}

/// `rustc --print cfg` with `flags`: the target features it reports.
fn features(flags: &[&str]) -> Measured {
    let out = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into())).args(["--print", "cfg"]).args(flags).output().expect("rustc runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let feats: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("target_feature=\"")).map(|l| l.trim_end_matches('"')).collect();
    Measured::new(
        proof::ProfileRecord::named("rustc --print cfg", &[("flags", flags.join(" ").into())]),
        figures! { "target features" => feats.len(), "avx2 enabled" => feats.contains(&"avx2"), "features" => feats.join(" ") },
    )
}

#[test]
fn print_cfg_shows_the_features() {
    claim("build.target-cpu.print-cfg-lists-features")
        .kind(Kind::Behaviour)
        .statement("`rustc --print cfg` shows what a `-Ctarget-cpu` enables: with `x86-64-v3` it lists `avx2`, without the flag it does not.")
        .judges("002", "Build configuration: CPU specific instructions", "Compare rustc --print cfg with and without -C target-cpu to see which CPU features are enabled.", "confirmed: avx2 is listed only with the flag (x86-64-v3 in place of native)")
        .predicate("avx2 is among the enabled target features", |f| f.bool("avx2 enabled"))
        .subject("-Ctarget-cpu=x86-64-v3", || features(&["-Ctarget-cpu=x86-64-v3"]))
        .control("no -Ctarget-cpu (x86-64)", || features(&[]))
        .check();
}

/// Runs a lab program with an empty environment (plus `env`) and describes how it ended.
fn run(profile: &Profile, bin: &str, env: &[(&str, &str)]) -> (String, String, Option<i32>, Option<i32>) {
    let path = lab::build(LAB, profile).bin(bin);
    let out = Command::new(&path).env_clear().envs(env.iter().copied()).output().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    #[cfg(unix)]
    let signal = std::os::unix::process::ExitStatusExt::signal(&out.status);
    #[cfg(not(unix))]
    let signal = None;
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned(), out.status.code(), signal)
}

fn panicking(profile: &Profile) -> Measured {
    let (stdout, stderr, code, signal) = run(profile, "panics", &[("RUST_BACKTRACE", "1")]);
    Measured::new(
        profile.record().with("RUST_BACKTRACE", "1"),
        figures! {
            "recovered (stdout)" => stdout.contains("recovered"),
            "panic message on stderr" => stderr.contains("panicked at") && stderr.contains("index out of bounds"),
            "backtrace on stderr" => stderr.contains("stack backtrace:"),
            "exit code" => code.map(|c| c.to_string()).unwrap_or_else(|| "none".into()),
            "killed by signal" => signal.map(|s| if s == 6 { "SIGABRT".to_string() } else { s.to_string() }).unwrap_or_else(|| "none".into()),
        },
    )
}

#[test]
fn abort_cannot_be_caught() {
    claim("build.panic.abort-cannot-recover")
        .kind(Kind::Behaviour)
        .statement("With `panic = \"abort\"`, `catch_unwind` cannot stop a panic: the process ends after printing the message and backtrace; with unwinding it recovers.")
        .judges("002", "Build configuration: abort on panic", "With panic = \"abort\" a panicking program still prints a backtrace.", "confirmed: with RUST_BACKTRACE=1 the backtrace is printed before the abort")
        .judges("002", "Build configuration: abort on panic", "Abort on panic is an option if the program does not use catch_unwind.", "confirmed: under abort, catch_unwind does not recover from the panic")
        .predicate("the program does not recover from the panic", |f| !f.bool("recovered (stdout)") && f.bool("panic message on stderr") && f.bool("backtrace on stderr"))
        .subject("release with panic = \"abort\"", || panicking(&abort()))
        .control("release (panic = \"unwind\")", || panicking(&Profile::release()))
        .check();
}

/// The machine code of the lab's own functions (those of its crates `buildcfg` and `app`, by demangled
/// path) in the `app` binary built under `profile`.
fn own_code(profile: &Profile) -> (u64, u64) {
    let build = lab::build(LAB, profile);
    let own = Artifact::open(&build.bin("app"))
        .code_shape()
        .iter()
        .filter(|(name, _)| name.starts_with("buildcfg::") || name.starts_with("app::"))
        .map(|(_, size)| size)
        .sum();
    (own, build.size("app"))
}

/// The lab's own machine code and the file under the panic strategy of `this`, next to those under `other`.
fn strategy_sizes(this: &Profile, other: &Profile) -> Measured {
    let (own, file) = own_code(this);
    let (other_own, other_file) = own_code(other);
    Measured::new(
        this.record().with("own functions", "those of the lab's crates buildcfg and app (symbol table)"),
        figures! {
            "lab's own functions (bytes)" => own,
            "lab's own functions, other strategy (bytes)" => other_own,
            "app binary (bytes)" => file,
            "app binary, other strategy (bytes)" => other_file,
        },
    )
}

#[test]
fn abort_shrinks_the_binary() {
    claim("build.panic.abort-smaller-binary")
        .kind(Kind::Size)
        .statement("With `panic = \"abort\"` the lab's own functions in the release binary have less machine code than with the default `panic = \"unwind\"`.")
        .judges("002", "Build configuration: abort on panic", "panic = \"abort\" might reduce binary size.", "partly true: the lab's own functions shrink; the file's size is shown, not asserted")
        .judges("002", "Build configuration: summary", "To minimize binary size, consider panic = \"abort\" (with other settings).", "partly true: the lab's own functions shrink; the file's size is shown, not asserted")
        .null_control("the control asks the same of panic = \"unwind\" against \"abort\": the same two builds, the other way round")
        .predicate("less machine code in the lab's own functions than under the other strategy", |f| margin::lt(f, "lab's own functions (bytes)", "lab's own functions, other strategy (bytes)"))
        .subject("release with panic = \"abort\", against panic = \"unwind\"", || strategy_sizes(&abort(), &Profile::release()))
        .control("release (panic = \"unwind\"), against panic = \"abort\"", || strategy_sizes(&Profile::release(), &abort()))
        .check();
}

fn against_release(profile: &Profile) -> Measured {
    let n = instructions(profile);
    let release = instructions(&Profile::release());
    Measured::new(counted(profile), figures! { "instructions (this build)" => n, "instructions (release default)" => release })
}

#[test]
fn incremental_release_executes_the_same() {
    claim("build.incremental.release-within-3-percent")
        .kind(Kind::Instructions)
        .statement("With `incremental = true` in the release profile, the lab's program executes within 3% of the release default's instruction count; built for x86-64-v3 it does not.")
        .predicate("executes within 3% of the release default's instructions (either way)", |f| margin::within(f, "instructions (this build)", "instructions (release default)", 3.0))
        .subject("release with incremental = true", || against_release(&incremental()))
        .control("release, -Ctarget-cpu=x86-64-v3", || against_release(&cpu("v3")))
        .check();
}

#[test]
fn abort_executes_the_same() {
    claim("build.panic.abort-same-instructions")
        .kind(Kind::Instructions)
        .statement("With `panic = \"abort\"` the lab's program executes exactly as many instructions as with the default `panic = \"unwind\"`.")
        .judges("002", "Build configuration: abort on panic", "panic = \"abort\" might increase runtime speed slightly.", "not reproduced: the same number of instructions is executed on this lab")
        .judges("002", "Build configuration: summary", "To maximize runtime speed, consider panic = \"abort\" (with other settings).", "not reproduced: no change in instructions executed on this lab")
        .predicate("executes exactly as many instructions as the release default", |f| proof::margin::equal(f, "instructions (this build)", "instructions (release default)"))
        .subject("release with panic = \"abort\"", || against_release(&abort()))
        .control("release, -Ctarget-cpu=x86-64-v3", || against_release(&cpu("v3")))
        .check();
}

fn overflow(profile: &Profile) -> Measured {
    let (stdout, stderr, code, _) = run(profile, "overflow", &[]);
    Measured::new(
        profile.record(),
        figures! {
            "printed" => stdout.trim().to_string(),
            "panicked with 'attempt to add with overflow'" => stderr.contains("attempt to add with overflow"),
            "exit code" => code.map(|c| c.to_string()).unwrap_or_else(|| "none".into()),
        },
    )
}

#[test]
fn release_wraps_on_overflow() {
    claim("build.overflow-checks.release-wraps")
        .kind(Kind::Behaviour)
        .statement("A release build wraps `200u8 + 100u8` around to 44 and goes on; with `overflow-checks = true` it does not.")
        .judges("002", "Build configuration: release builds", "Release builds omit debug assertions and integer overflow checks.", "partly true: overflow checks are omitted; debug assertions are not tested")
        .predicate("the sum wraps and the program goes on", |f| f.str("printed") == "sum 44")
        .subject("release", || overflow(&Profile::release()))
        .control("release with -Coverflow-checks=on (overflow-checks = true)", || overflow(&Profile::custom("bc-overflow", Base::Release).rustflags(&["-Coverflow-checks=on"])))
        .check();
}

/// The linker that signed the lab's `app` binary under `profile`, from its .comment section.
fn linker(profile: &Profile) -> Measured {
    let app = Artifact::open(&lab::build(LAB, profile).bin("app"));
    let comments = app.section_strings(".comment");
    let signed = |prefix: &str| comments.iter().find(|c| c.starts_with(prefix)).map(|c| c.split(" (").next().unwrap_or_default().to_string());
    Measured::new(
        profile.record(),
        figures! {
            "signed by LLD" => signed("Linker: LLD").is_some(),
            "signed by mold" => signed("mold").is_some(),
            "linker signature" => signed("Linker: LLD").or_else(|| signed("mold")).unwrap_or_else(|| "none".into()),
        },
    )
}

fn mold() -> Profile {
    // strip = "none": with the release default (strip = "debuginfo") the mold-linked binary had no symbol table left.
    Profile::custom("bc-mold", Base::Release).strip("none").rustflags(&["-Clink-arg=-fuse-ld=mold"])
}
fn gnu_ld() -> Profile {
    Profile::custom("bc-gnu-ld", Base::Release).rustflags(&["-Clinker-features=-lld"])
}

#[test]
fn mold_links_when_asked() {
    claim("build.linker.mold-when-asked")
        .kind(Kind::Calls)
        .statement("`-Clink-arg=-fuse-ld=mold` makes mold link the program, as its signature in the binary's `.comment` section shows; without the flag, mold does not.")
        .judges("002", "Build configuration: linking", "To use mold, substitute mold for lld in -C link-arg=-fuse-ld=….", "confirmed: the binary carries mold's signature")
        .predicate("the binary carries mold's signature", |f| f.bool("signed by mold"))
        .subject("release, -Clink-arg=-fuse-ld=mold", || linker(&mold()))
        .control("release (default linker)", || linker(&Profile::release()))
        .check();
}

#[test]
fn linker_features_opt_out_of_lld() {
    claim("build.linker.opt-out-of-lld")
        .kind(Kind::Calls)
        .statement("`-Clinker-features=-lld` makes rustc link without LLD: the binary carries no LLD signature, while the default build's does.")
        .judges("002", "Build configuration: linking", "lld has been the default linker on Linux since Rust 1.90.", "confirmed: on x86_64-unknown-linux-gnu")
        .predicate("the binary carries no LLD signature", |f| !f.bool("signed by LLD"))
        .subject("release, -Clinker-features=-lld", || linker(&gnu_ld()))
        .control("release (default linker)", || linker(&Profile::release()))
        .check();
}
