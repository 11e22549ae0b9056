//! LTO claims, measured on labs/crosscrate (two tiny crates), labs/workload (three library crates
//! doing real work and one binary), labs/siblings (two sibling crates sharing a third; one checksum in a
//! plain, a generic and an `#[inline(never)]` version) and labs/deps (libraries with profiles of their own).

use proof::inspect::Artifact;
use proof::lab;
use proof::margin::{self, Op};
use proof::profile::{Base, Profile};
use proof::{FiguresExt, Kind, Measured, claim, figures};

/// The gap, in percent, that a size or an instruction count must clear to count as smaller, and within
/// which two count as the same: twice the cross-machine tolerance (`proof::policy::TOLERANCE_PERCENT`).
const GAP_PERCENT: f64 = 2.0;

fn release_with_lto(name: &str, lto: &str) -> Profile {
    Profile::custom(name, Base::Release).lto(lto)
}
fn fat() -> Profile {
    release_with_lto("release-fat", "fat")
}
fn thin() -> Profile {
    release_with_lto("release-thin", "thin")
}
fn lto_off() -> Profile {
    release_with_lto("release-lto-off", "off")
}

/// Size of the `app` binary of `lab` under `profile`, next to its size under Cargo's plain release profile.
fn app_size(lab: &str, profile: &Profile) -> Measured {
    let size = lab::build(lab, profile).size("app");
    let baseline = lab::build(lab, &Profile::release()).size("app");
    Measured::new(profile.record(), figures! { "app binary (bytes)" => size, "release default (bytes)" => baseline })
}

#[test]
fn fat_lto_shrinks_the_binary() {
    claim("lto.size.fat-smaller-than-default")
        .kind(Kind::Size)
        .statement(
            "With `lto = \"fat\"` the release binary is over 2% smaller than with Cargo's default `lto = false`; with `lto = \"off\"` it is not.",
        )
        .judges(
            "001",
            "A minimal cross-crate example",
            "With LTO the unused and inlined functions are dropped and the binary shrinks.",
            "partly true: the binary shrinks; which functions go is not shown by this box",
        )
        .judges(
            "001",
            "When crate boundaries hide inefficiencies",
            "Turning lto on took a command-line tool from eleven megabytes to four.",
            "partly true: the binary shrinks, by far less than the source's 11 MB to 4 MB",
        )
        .predicate("the binary is over 2% smaller than under the default release profile", |f| {
            margin::ratio(f, "app binary (bytes)", "release default (bytes)", Op::Lt, 1.0 - GAP_PERCENT / 100.0)
        })
        .subject("release with lto = \"fat\"", || app_size("crosscrate", &fat()))
        .control("release with lto = \"off\"", || app_size("crosscrate", &lto_off()))
        .check();
}

#[test]
fn thin_lto_shrinks_the_workload() {
    claim("lto.size.thin-smaller-than-default")
        .kind(Kind::Size)
        .statement("`lto = \"thin\"` also gives a release binary over 2% smaller than the default's; `lto = \"off\"` does not.")
        .judges(
            "000",
            "Real benchmark",
            "ThinLTO shrinks the binary compared with no LTO (6.8 MB to 6.4 MB on the article's service).",
            "confirmed: the lab's binary shrinks too; by how much depends on the program",
        )
        .judges("002", "Build configuration: LTO", "lto = \"thin\" is likely to reduce binary size.", "confirmed")
        .judges(
            "002",
            "Build configuration: LTO",
            "lto = \"off\" will likely increase binary size.",
            "partly true: the figures show it larger than the default's, by less than sizes may move between machines",
        )
        .predicate("the binary is over 2% smaller than under the default release profile", |f| {
            margin::ratio(f, "app binary (bytes)", "release default (bytes)", Op::Lt, 1.0 - GAP_PERCENT / 100.0)
        })
        .subject("release with lto = \"thin\"", || app_size("workload", &thin()))
        .control("release with lto = \"off\"", || app_size("workload", &lto_off()))
        .check();
}

/// How many functions of the `app` binary under `profile` differ (by demangled name and size) from the
/// same binary under `reference`.
fn shape_difference(lab: &str, profile: &Profile, reference: &Profile) -> Measured {
    let shape = |p: &Profile| lab::build(lab, p).artifact("app").code_shape();
    let (a, b) = (shape(profile), shape(reference));
    let differing = a.iter().filter(|f| !b.contains(f)).count() + b.iter().filter(|f| !a.contains(f)).count();
    Measured::new(
        profile.record(),
        figures! {
            "compared with" => format!("profile {}", reference.name()),
            "functions in the binary" => a.len(),
            "functions in the binary compared with" => b.len(),
            "functions that differ (name or size)" => differing,
        },
    )
}

#[test]
fn lto_true_is_fat() {
    claim("lto.settings.true-is-fat")
        .kind(Kind::Calls)
        .statement("`lto = true` is fat LTO: it gives exactly the functions, of exactly the sizes, that `lto = \"fat\"` gives.")
        .judges(
            "001",
            "What actually happens under the hood",
            "lto = true enables thin LTO by default in modern Cargo.",
            "refuted: lto = true builds exactly what lto = \"fat\" builds",
        )
        .judges("000", "Enabling LTO and ThinLTO", "`lto = true` enables full LTO.", "confirmed")
        .judges(
            "001",
            "Choosing your optimization strategy",
            "lto = true is the balanced choice, between lto = \"thin\" and the slower lto = \"fat\".",
            "refuted: lto = true is lto = \"fat\"",
        )
        .predicate("the same functions with the same sizes as under lto = \"fat\"", |f| f.u64("functions that differ (name or size)") == 0)
        .subject("release with lto = true", || shape_difference("workload", &release_with_lto("release-lto-true", "true"), &fat()))
        .control("release with lto = \"thin\"", || shape_difference("workload", &thin(), &fat()))
        .check();
}

#[test]
fn lto_false_is_not_off() {
    // With one codegen unit per crate there is nothing for the default's thin *local* LTO to do.
    let one_cgu = |name: &str, lto: &str| Profile::custom(name, Base::Release).lto(lto).codegen_units(1);
    claim("lto.settings.false-is-not-off")
        .kind(Kind::Calls)
        .statement("`lto = false`, the default, is not `lto = \"off\"`: it still runs a thin LTO between each crate's codegen units, and the binaries differ.")
        .judges("002", "Build configuration: LTO", "lto = false keeps thin local LTO, so it differs from lto = \"off\", which disables LTO completely.", "confirmed: the difference shows when a crate has several codegen units, as by default")
        .predicate("lto = false and lto = \"off\" produce different functions", |f| margin::against(f, "functions that differ (name or size)", Op::Gt, 0.0))
        .subject("16 codegen units (the release default): lto = false against lto = \"off\"", || shape_difference("workload", &Profile::release(), &lto_off()))
        .control("codegen-units = 1: lto = false against lto = \"off\"", || {
            shape_difference("workload", &one_cgu("release-cgu1", "false"), &one_cgu("release-cgu1-lto-off", "off"))
        })
        .check();
}

/// How often `app::call_checksum` of the crosscrate lab calls `mathlib::checksum` under `profile`.
fn checksum_calls(profile: &Profile) -> Measured {
    let app = lab::build("crosscrate", profile).artifact("app");
    let f = app.function("app::call_checksum");
    Measured::new(profile.record(), figures! { "calls from app::call_checksum to mathlib::checksum" => app.calls_to(&f, "mathlib::checksum") })
        .machine_code(&app, &f)
}

#[test]
fn fat_lto_inlines_across_crates() {
    claim("lto.inlining.fat-crosses-crates")
        .kind(Kind::Calls)
        .statement("`lto = \"fat\"` inlines `mathlib::checksum`, too big for rustc's automatic cross-crate inlining, into its caller; without LTO it stays a call.")
        .judges("001", "A minimal cross-crate example", "With LTO the optimizer sees the whole program and inlines a library function into its caller in another crate.", "confirmed")
        .judges("000", "A real example", "Without LTO every call into another crate is a real function call; with LTO it is inlined.", "partly true: true of this function; smaller or #[inline] ones cross crates without LTO")
        .judges("000", "First, what even is LTO?", "LTO lets the compiler optimize all crates together, as if they were one program.", "confirmed: a function of one crate is inlined into another")
        .judges("004", "Inlining in Rust", "LTO makes the bodies of all functions available across crates.", "confirmed")
        .judges("004", "Inlining in practice", "When compile times do not matter, lto = true is a better tool than #[inline] everywhere.", "partly true: fat LTO inlines an unmarked function across crates; compile time is not asserted")
        .predicate("app::call_checksum makes no call to mathlib::checksum", |f| f.u64("calls from app::call_checksum to mathlib::checksum") == 0)
        .subject("release with lto = \"fat\"", || checksum_calls(&fat()))
        .control("release (lto = false)", || checksum_calls(&Profile::release()))
        .check();
}

#[test]
fn thin_lto_inlines_across_crates() {
    claim("lto.inlining.thin-crosses-crates")
        .kind(Kind::Calls)
        .statement(
            "`lto = \"thin\"` inlines across crates too: `mathlib::checksum` is inlined into its caller; with `lto = \"off\"` it stays a call.",
        )
        .judges(
            "000",
            "But ThinLTO changes everything",
            "ThinLTO uses per-module summaries to import and inline functions across modules without merging everything.",
            "partly true: it inlines across crates; the summaries themselves are not observed",
        )
        .judges("000", "Enabling LTO and ThinLTO", "lto = \"thin\" enables ThinLTO.", "confirmed: it inlines across crates")
        .predicate("app::call_checksum makes no call to mathlib::checksum", |f| f.u64("calls from app::call_checksum to mathlib::checksum") == 0)
        .subject("release with lto = \"thin\"", || checksum_calls(&thin()))
        .control("release with lto = \"off\"", || checksum_calls(&lto_off()))
        .check();
}

/// What a count of the workload program covers, added to its profile's record.
fn counted(record: proof::ProfileRecord) -> proof::ProfileRecord {
    record
        .with("counted", "app::measured only (not the loader, start-up or exit)")
        .with("C library", "baseline x86-64 string functions (GLIBC_TUNABLES pinned)")
}

/// Instructions executed by the workload program (20,000 records) built under `profile`, next to the
/// plain release build's count.
fn workload_instructions(profile: &Profile, id: &str) -> Measured {
    let count = |p: &Profile, id: &str| proof::gungraun::lab_instructions("workload", p, "app", "labs", "workload", "workload_app", id);
    let ir = count(profile, id);
    let baseline = count(&Profile::release(), "release");
    Measured::new(
        counted(profile.record().with("workload", "app 20000")),
        figures! { "instructions" => ir, "release default (instructions)" => baseline, "percent of default" => ir * 100 / baseline },
    )
}

#[test]
fn fat_lto_executes_fewer_instructions() {
    claim("lto.instructions.fat-fewer-than-default")
        .kind(Kind::Instructions)
        .statement("The `lto = \"fat\"` build executes fewer instructions than the default release build; the `lto = \"off\"` build does not.")
        .judges(
            "000",
            "Real benchmark",
            "Full LTO makes the program about 9% faster than no LTO.",
            "partly true: it executes fewer instructions; how many fewer depends on the program",
        )
        .judges(
            "002",
            "Build configuration: LTO",
            "LTO can improve runtime speed by 10-20% or more.",
            "not reproduced: the instruction count drops by far less here (see the figures)",
        )
        .judges(
            "002",
            "Build configuration: LTO",
            "lto = \"off\" will likely worsen runtime speed.",
            "partly true: the lto = \"off\" build executes more instructions than the default; time is not measured",
        )
        .judges(
            "000",
            "Why it matters in the real world",
            "Inlining across crates speeds up the hot paths.",
            "partly true: fat LTO executes fewer instructions; which inlining saves them is not isolated",
        )
        .judges(
            "004",
            "Inlining in practice",
            "For an application, consider LTO for release builds.",
            "confirmed: fat LTO executes fewer instructions",
        )
        .predicate("executes fewer instructions than the default release build", |f| margin::lt(f, "instructions", "release default (instructions)"))
        .subject("release with lto = \"fat\"", || workload_instructions(&fat(), "release_fat"))
        .control("release with lto = \"off\"", || workload_instructions(&lto_off(), "release_lto_off"))
        .check();
}

#[test]
fn thin_lto_executes_fewer_instructions() {
    claim("lto.instructions.thin-fewer-than-default")
        .kind(Kind::Instructions)
        .statement("The `lto = \"thin\"` build also executes fewer instructions than the default release build; the `lto = \"off\"` build does not.")
        .judges(
            "000",
            "Real benchmark",
            "ThinLTO gives most of full LTO's speed gain (about 8% against full LTO's 9%).",
            "partly true: thin executes fewer instructions; this box does not compare it with fat",
        )
        .judges(
            "002",
            "Build configuration: LTO",
            "lto = \"thin\" is likely to improve runtime speed.",
            "partly true: it executes fewer instructions than the default; time is not measured",
        )
        .judges(
            "000",
            "But ThinLTO changes everything",
            "In practice ThinLTO gives most of LTO's performance for much less compile time.",
            "partly true: thin executes fewer instructions; fat and build time are not compared here",
        )
        .predicate("executes fewer instructions than the default release build", |f| margin::lt(f, "instructions", "release default (instructions)"))
        .subject("release with lto = \"thin\"", || workload_instructions(&thin(), "release_thin"))
        .control("release with lto = \"off\"", || workload_instructions(&lto_off(), "release_lto_off"))
        .check();
}

/// Who linked the workload binary under `profile`: the linker signatures in its `.comment` section.
fn linker_signature(profile: &Profile) -> Measured {
    let app = lab::build("workload", profile).artifact("app");
    let comments = app.section_strings(".comment");
    let lld = comments.iter().find(|c| c.starts_with("Linker: LLD")).cloned();
    Measured::new(
        profile.record(),
        figures! { "signed by LLD" => lld.is_some(), "linker signature" => lld.map(|s| s.split(" (").next().unwrap_or_default().to_string()).unwrap_or_else(|| "none".into()) },
    )
}

#[test]
fn default_linker_is_rust_lld() {
    claim("lto.link.default-linker-is-lld")
        .kind(Kind::Calls)
        .statement(
            "On `x86_64-unknown-linux-gnu`, rustc links with the toolchain's own LLD by default; asking for GNU ld gives a binary LLD did not sign.",
        )
        .judges(
            "001",
            "What actually happens under the hood",
            "The linker is the system's linker, which collects the crates' files.",
            "outdated: the toolchain's own LLD links by default on this target",
        )
        .judges(
            "002",
            "Build configuration: linking",
            "lld has been the default linker on Linux since Rust 1.90.",
            "confirmed: on x86_64-unknown-linux-gnu",
        )
        .judges(
            "002",
            "Build configuration: linking",
            "Pass -C link-arg=-fuse-ld=lld to link with lld.",
            "partly true: LLD already links by default here; the flag itself was not tried",
        )
        .predicate("the binary's .comment section carries LLD's signature", |f| f.bool("signed by LLD"))
        .subject("release (no linker settings)", || linker_signature(&Profile::release()))
        .control("release with -Clink-arg=-fuse-ld=bfd (GNU ld)", || {
            linker_signature(&Profile::custom("release-gnu-ld", Base::Release).rustflags(&["-Clink-arg=-fuse-ld=bfd"]))
        })
        .check();
}

/// The lines of a link record (`<kind> <file name>`) that are the program's own objects: all but
/// `symbols.o`, the object rustc adds to keep exported symbols alive, which holds no code (rustc 1.85
/// still passed it beside a fat-LTO module; the pinned release does not).
fn program_objects(record: &str) -> Vec<&str> {
    record.lines().filter(|l| l.split(' ').nth(1) != Some("symbols.o")).collect()
}

#[test]
fn symbols_o_is_not_an_object_of_the_program() {
    assert_eq!(program_objects("elf symbols.o\nelf app-1.app.2-cgu.1.rcgu.o\n"), ["elf app-1.app.2-cgu.1.rcgu.o"]);
    assert_eq!(program_objects("bitcode a.o\nelf b.o").len(), 2);
}

/// The objects rustc handed to the linker for the workload binary under `profile`, as recorded by the
/// labs' linker wrapper (labs/tools/record-link.sh): how many are machine code and how many LLVM bitcode.
fn linker_inputs(profile: &Profile) -> Measured {
    let text = link_record(profile, "link-inputs");
    let objects = program_objects(&text);
    let count = |kind: &str| objects.iter().filter(|l| l.split(' ').next() == Some(kind)).count();
    Measured::new(
        profile.record(),
        figures! {
            "object files given to the linker" => objects.len(),
            "machine-code (ELF) objects" => count("elf"),
            "LLVM bitcode objects" => count("bitcode"),
        },
    )
}

#[test]
fn rustc_performs_the_lto() {
    let wrapped = |name: &str, extra: &[&str]| {
        let mut flags = vec!["-Clinker=../tools/record-link.sh"];
        flags.extend_from_slice(extra);
        Profile::custom(name, Base::Release).lto("fat").rustflags(&flags)
    };
    claim("lto.link.rustc-performs-lto")
        .kind(Kind::Calls)
        .statement("With `lto = \"fat\"`, rustc runs the link-time optimization itself: the linker gets machine code, and bitcode only with `-Clinker-plugin-lto`.")
        .judges("001", "What actually happens under the hood", "With LTO enabled, rustc emits LLVM IR for each crate and the linker collects it and runs LLVM's optimizer over the whole program.", "refuted: rustc does the LTO; the linker gets machine code unless -Clinker-plugin-lto is set")
        .judges("000", "Under the hood", "During LTO builds rustc passes LLVM bitcode, not code, to the linker.", "refuted: with lto = \"fat\" the linker gets machine code; bitcode only with -Clinker-plugin-lto")
        .judges("001", "Where LTO bites back", "Cross-compilation can break with LTO if the target's linker does not understand LLVM bitcode.", "partly true: only with -Clinker-plugin-lto; with lto = \"fat\" the linker gets no bitcode")
        .judges("001", "The house contractor analogy", "The inspector who optimizes across crates is the linker, given the intermediate representation of every crate.", "refuted: rustc does the LTO and hands the linker machine code")
        .judges("001", "A minimal cross-crate example", "lto = true tells Cargo to pass LTO flags to the linker.", "refuted: the LTO is rustc's; the linker receives machine code")
        .judges("000", "Under the hood", "At the very end, LLVM re-runs its optimizations over all modules together before the executable is emitted.", "confirmed: inside rustc, before the linker runs")
        .judges("001", "Choosing your optimization strategy", "Skip LTO when cross-compiling to a target whose linker support is limited.", "refuted: with lto = \"fat\" the linker receives machine code, no bitcode")
        .judges("001", "Real-world impact on larger projects", "LTO moves work from compiling to linking; memory use spikes and the final link can take longer than all the rest of the build.", "partly true: the LTO work is rustc's, done before the linker runs; the memory half is judged by the build-cost box")
        .predicate("the linker receives no LLVM bitcode", |f| f.u64("LLVM bitcode objects") == 0 && margin::against(f, "machine-code (ELF) objects", Op::Gt, 0.0))
        .subject("release, lto = \"fat\", linking through the recording wrapper", || linker_inputs(&wrapped("release-fat-recorded", &[])))
        .control("the same with -Clinker-plugin-lto", || linker_inputs(&wrapped("release-fat-linker-plugin", &["-Clinker-plugin-lto"])))
        .check();
}

fn one_codegen_unit() -> Profile {
    Profile::custom("release-cgu1", Base::Release).lto("false").codegen_units(1)
}

#[test]
fn one_codegen_unit_shrinks_the_workload() {
    claim("lto.codegen-units.one-unit-smaller")
        .kind(Kind::Size)
        .statement(
            "`codegen-units = 1` without LTO gives a release binary within 2% of the default's size (16 codegen units); `lto = \"fat\"` does not.",
        )
        .judges(
            "002",
            "Build configuration: codegen units",
            "codegen-units = 1 can reduce binary size, at the cost of parallelism in the build.",
            "not reproduced: the size stays within 2% of the default's (the build's parallelism is not measured)",
        )
        .judges(
            "002",
            "Build configuration: summary",
            "To minimize binary size, consider codegen-units = 1 (with other settings).",
            "not reproduced: alone, it leaves the size within 2% of the default's; fat LTO does not",
        )
        .predicate("the binary's size is within 2% of its size under the default release profile", |f| {
            margin::within(f, "app binary (bytes)", "release default (bytes)", GAP_PERCENT)
        })
        .subject("release with codegen-units = 1", || app_size("workload", &one_codegen_unit()))
        .control("release with lto = \"fat\"", || app_size("workload", &fat()))
        .check();
}

#[test]
fn one_codegen_unit_does_not_cut_instructions() {
    claim("lto.codegen-units.one-unit-no-fewer-instructions")
        .kind(Kind::Instructions)
        .statement("`codegen-units = 1` without LTO executes the same instructions as the default within 2%; `lto = \"fat\"` does not.")
        .judges(
            "002",
            "Build configuration: codegen units",
            "codegen-units = 1 may improve runtime speed, because splitting a crate can hide optimization opportunities.",
            "not reproduced: it executes the same instructions as the default within 2% here",
        )
        .judges(
            "000",
            "Enabling LTO and ThinLTO",
            "codegen-units = 1 helps the optimizer.",
            "not reproduced: it executes the same instructions as the default within 2% here",
        )
        .judges(
            "002",
            "Build configuration: summary",
            "To maximize runtime speed, consider codegen-units = 1 (with other settings).",
            "not reproduced: it executes the same instructions as the default within 2% here",
        )
        .predicate("executes the same instructions as the default release build within 2%", |f| {
            margin::within(f, "instructions", "release default (instructions)", GAP_PERCENT)
        })
        .subject("release with codegen-units = 1", || workload_instructions(&one_codegen_unit(), "release_cgu1"))
        .control("release with lto = \"fat\"", || workload_instructions(&fat(), "release_fat"))
        .check();
}

/// How many functions named `path` the crosscrate `app` binary under `profile` defines.
fn symbols_named(profile: &Profile, path: &str) -> Measured {
    let app = lab::build("crosscrate", profile).artifact("app");
    Measured::new(profile.record(), figures! { format!("functions named {path}") => app.functions_named(path).len() })
}

#[test]
fn fat_lto_drops_the_inlined_function() {
    claim("lto.symbols.fat-drops-inlined-library-function")
        .kind(Kind::Calls)
        .statement(
            "Once fat LTO has inlined `mathlib::checksum` into its only caller, the binary has no `mathlib::checksum` left; without LTO it has one.",
        )
        .judges("001", "A minimal cross-crate example", "With LTO the inlined library function is dropped from the binary entirely.", "confirmed")
        .predicate("the binary defines no mathlib::checksum", |f| f.u64("functions named mathlib::checksum") == 0)
        .subject("release with lto = \"fat\"", || symbols_named(&fat(), "mathlib::checksum"))
        .control("release (lto = false)", || symbols_named(&Profile::release(), "mathlib::checksum"))
        .check();
}

/// Runs the workload's `crash` program (a panic inside `stats::histogram`) built under `profile` with
/// RUST_BACKTRACE=1, and reads the backtrace it prints.
fn crash_backtrace(profile: &Profile) -> Measured {
    let bin = lab::build_package("workload", profile, "crash").bin("crash");
    let out = std::process::Command::new(&bin).env_clear().env("RUST_BACKTRACE", "1").output().expect("run crash");
    assert!(!out.status.success(), "the crash program must panic");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let frames: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.trim_start().split_once(": ").filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit())).map(|(_, name)| name))
        .collect();
    let named = frames.iter().any(|f| *f == "histogram" || f.ends_with("::histogram"));
    Measured::new(profile.record(), figures! { "frames in the backtrace" => frames.len(), "a frame names stats' histogram" => named })
}

#[test]
fn backtraces_after_lto_keep_inlined_frames_with_line_tables() {
    let fat_with_debug = |name: &str, debug: &str| Profile::custom(name, Base::Release).lto("fat").debug(debug);
    claim("lto.debug.backtrace-names-inlined-frames")
        .kind(Kind::Behaviour)
        .statement("With line tables, a panic's backtrace still names `stats::histogram` after fat LTO inlined it into `main`; without debug info it does not.")
        .judges("001", "Where LTO bites back", "When LTO inlines functions across crates, stack traces lose the original function names.", "partly true: only without debug info; line tables bring the inlined frames back")
        .judges("001", "Where LTO bites back", "Keep debug = true in the release profile, but expect flattened call stacks.", "refuted: line tables alone bring the inlined frames back")
        .judges("001", "Choosing your optimization strategy", "Skip LTO when debugging needs intact stack frames.", "partly true: needed only without debug info; line tables bring the frames back")
        .predicate("the backtrace has a frame for stats' histogram function", |f| f.bool("a frame names stats' histogram"))
        .subject("release, lto = \"fat\", debug = \"line-tables-only\"", || crash_backtrace(&fat_with_debug("release-fat-line-tables", "line-tables-only")))
        .control("release, lto = \"fat\", no debug info (the release default)", || crash_backtrace(&fat()))
        .check();
}

#[test]
fn line_tables_do_not_change_the_code() {
    claim("lto.debug.line-tables-same-code")
        .kind(Kind::Calls)
        .statement(
            "Adding `debug = \"line-tables-only\"` to a fat-LTO build leaves its machine code unchanged: the same functions, of the same sizes.",
        )
        .predicate("the same functions with the same sizes as under lto = \"fat\" without debug info", |f| {
            f.u64("functions that differ (name or size)") == 0
        })
        .subject("release, lto = \"fat\", debug = \"line-tables-only\"", || {
            shape_difference("workload", &Profile::custom("release-fat-line-tables", Base::Release).lto("fat").debug("line-tables-only"), &fat())
        })
        .control("release, lto = \"thin\", no debug info", || shape_difference("workload", &thin(), &fat()))
        .check();
}

/// The workload's five release variants: (label, profile, Gungraun bench id).
fn workload_variants() -> Vec<(&'static str, Profile, &'static str)> {
    vec![
        ("lto = false (default)", Profile::release(), "release"),
        ("lto = \"off\"", lto_off(), "release_lto_off"),
        ("lto = \"thin\"", thin(), "release_thin"),
        ("lto = \"fat\"", fat(), "release_fat"),
        ("codegen-units = 1", one_codegen_unit(), "release_cgu1"),
    ]
}

/// Every variant's figure (`size` or `instructions`), plus which variant is under test and whether it has
/// the smallest figure of all.
fn workload_ranking(what: &str, under_test: &str) -> Measured {
    let mut f = proof::Figures::new();
    f.insert("setting under test".into(), under_test.into());
    let mut best = (u64::MAX, "");
    for (label, profile, id) in workload_variants() {
        let value = match what {
            "size" => lab::build("workload", &profile).size("app"),
            _ => proof::gungraun::lab_instructions("workload", &profile, "app", "labs", "workload", "workload_app", id),
        };
        f.insert(format!("{what}: {label}"), value.into());
        if value < best.0 {
            best = (value, label);
        }
    }
    f.insert(format!("smallest {what}"), best.1.into());
    let profile = workload_variants().into_iter().find(|(l, _, _)| *l == under_test).expect("a known variant").1;
    let record = match what {
        "size" => profile.record(),
        _ => counted(profile.record()),
    };
    Measured::new(record, f)
}

/// Whether the setting under test has a smaller figure (`size` or `instructions`) than each other variant,
/// every comparison recorded with its margin.
fn smallest_of_five(f: &proof::Figures, what: &str) -> bool {
    let under_test = format!("{what}: {}", f.str("setting under test"));
    let each: Vec<bool> = workload_variants()
        .into_iter()
        .map(|(label, _, _)| format!("{what}: {label}"))
        .filter(|other| *other != under_test)
        .map(|other| margin::lt(f, &under_test, &other))
        .collect();
    each.len() == 4 && each.iter().all(|holds| *holds)
}

#[test]
fn fat_lto_gives_the_smallest_workload_binary() {
    claim("lto.size.fat-smallest-of-five")
        .kind(Kind::Size)
        .statement("Of the five release settings compared, `lto = \"fat\"` gives the smallest binary.")
        .judges("000", "Real benchmark", "Full LTO gives the smallest binary, ThinLTO the next, no LTO the largest.", "confirmed")
        .judges("002", "Build configuration: LTO", "lto = \"fat\" may reduce binary size further than thin LTO.", "confirmed")
        .judges("002", "Build configuration: summary", "To minimize binary size, consider lto = \"fat\" (with other settings).", "confirmed")
        .judges(
            "000",
            "Why it matters in the real world",
            "With LTO the binary size drops dramatically.",
            "partly true: the binary shrinks; by how much depends on the program (see the figures)",
        )
        .judges(
            "001",
            "Where LTO bites back",
            "Aggressive inlining with LTO can bloat the binary.",
            "not reproduced: fat LTO gives the smallest binary here",
        )
        .predicate("the setting under test has a smaller binary than each of the other four", |f| smallest_of_five(f, "size"))
        .subject("lto = \"fat\"", || workload_ranking("size", "lto = \"fat\""))
        .control("lto = \"off\"", || workload_ranking("size", "lto = \"off\""))
        .null_control("the control ranks another setting, lto = \"off\", among the same five builds: the ranking is the comparison")
        .check();
}

#[test]
fn fat_lto_executes_the_fewest_instructions() {
    claim("lto.instructions.fat-fewest-of-five")
        .kind(Kind::Instructions)
        .statement("Of the five release settings compared, the `lto = \"fat\"` build executes the fewest instructions.")
        .judges(
            "000",
            "Real benchmark",
            "Full LTO is the fastest of no LTO, ThinLTO and full LTO.",
            "partly true: it executes the fewest instructions; time is not measured",
        )
        .judges(
            "002",
            "Build configuration: LTO",
            "lto = \"fat\" may improve runtime speed further than thin LTO.",
            "partly true: it executes the fewest instructions; time is not measured",
        )
        .judges(
            "002",
            "Build configuration: summary",
            "To maximize runtime speed, consider lto = \"fat\" (with other settings).",
            "partly true: it executes the fewest instructions; time is not measured",
        )
        .judges(
            "000",
            "Real benchmark",
            "ThinLTO gets 80-90% of full LTO's gain for half the pain; full LTO still wins.",
            "partly true: fat wins, but thin saves about half as many instructions as fat, not 80-90%",
        )
        .judges(
            "001",
            "When crate boundaries hide inefficiencies",
            "With lto on, the tool executes noticeably faster.",
            "partly true: it executes fewer instructions, by a few percent here",
        )
        .predicate("the setting under test executes fewer instructions than each of the other four", |f| smallest_of_five(f, "instructions"))
        .subject("lto = \"fat\"", || workload_ranking("instructions", "lto = \"fat\""))
        .control("lto = \"off\"", || workload_ranking("instructions", "lto = \"off\""))
        .null_control("the control ranks another setting, lto = \"off\", among the same five builds: the ranking is the comparison")
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Settings given the wrong way, and what Cargo does with them.

/// Builds the workload under `profile` (once per process) and reports whether cargo succeeded and the
/// first error rustc printed.
fn build_outcome(profile: &Profile) -> Measured {
    static OUTCOMES: std::sync::Mutex<Vec<(String, bool, String)>> = std::sync::Mutex::new(Vec::new());
    let mut done = OUTCOMES.lock().unwrap_or_else(|e| e.into_inner());
    let (ok, error) = match done.iter().find(|(name, _, _)| name == profile.name()) {
        Some((_, ok, error)) => (*ok, error.clone()),
        None => {
            let out = lab::cargo_output("workload", &["build", "--locked"], profile, &[]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let error = stderr.lines().find(|l| l.starts_with("error")).unwrap_or("none").to_string();
            done.push((profile.name().to_string(), out.status.success(), error.clone()));
            (out.status.success(), error)
        }
    };
    Measured::new(profile.record(), figures! { "the build succeeds" => ok, "first error" => error })
}

#[test]
fn rustflags_lto_breaks_the_build() {
    claim("lto.settings.rustflags-lto-breaks-the-build")
        .kind(Kind::Behaviour)
        .statement(
            "Asking for LTO with `RUSTFLAGS=\"-Clto=thin\"` instead of the profile's `lto` setting makes the build fail; `lto = \"thin\"` builds.",
        )
        .judges(
            "000",
            "Enabling LTO and ThinLTO",
            "RUSTFLAGS=\"-Clto=thin\" cargo build --release mixes and matches LTO for projects with many crates.",
            "refuted: the build fails; use the profile's lto setting",
        )
        .predicate("the build fails", |f| !f.bool("the build succeeds"))
        .subject("release with -Clto=thin in build.rustflags (what RUSTFLAGS sets)", || {
            build_outcome(&Profile::custom("release-rustflags-lto-thin", Base::Release).rustflags(&["-Clto=thin"]))
        })
        .control("release with lto = \"thin\" (Cargo's setting)", || {
            lab::build("workload", &thin());
            build_outcome(&thin())
        })
        .check();
}

#[test]
fn lto_false_is_off_at_opt_level_0() {
    claim("lto.settings.false-is-off-at-opt-level-0")
        .kind(Kind::Calls)
        .statement("At opt-level 0 (`dev`), `lto = false` builds the same functions, of the same sizes, as `lto = \"off\"`: the local LTO runs only in optimized builds.")
        .judges("002", "Build configuration: LTO", "Thin local LTO is what the compiler uses by default for any build with a non-zero optimization level, release builds included.", "confirmed: it runs at opt-level 3 and not at 0 (other levels not measured)")
        .predicate("lto = false and lto = \"off\" produce the same functions", |f| f.u64("functions that differ (name or size)") == 0)
        .subject("dev (opt-level 0): lto = false against lto = \"off\"", || {
            shape_difference("workload", &Profile::dev(), &Profile::custom("dev-lto-off", Base::Dev).lto("off"))
        })
        .control("release (opt-level 3): lto = false against lto = \"off\"", || shape_difference("workload", &Profile::release(), &lto_off()))
        .check();
}

/// Calls from `app::<caller>` to the dependency's checksum in the deps lab under `profile`, and what cargo
/// says about the profile sections of the lab's library manifests.
fn dependency_calls(profile: &Profile) -> Measured {
    let app = lab::build("deps", profile).artifact("app");
    let calls = |caller: &str, callee: &str| app.calls_to(&app.function(caller), callee);
    // The harness keeps no output of a successful build: a second, no-op build shows cargo's warnings.
    let out = lab::cargo_output("deps", &["build", "--workspace", "--locked"], profile, &[]);
    assert!(out.status.success(), "the deps lab builds: {}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warned = stderr.contains("profiles for the non root package will be ignored");
    // The warning names each ignored manifest on a `package:` line.
    let named = |package: &str| {
        let manifest = format!("{package}/Cargo.toml");
        warned && stderr.lines().any(|l| l.starts_with("package:") && l.trim_end().ends_with(&manifest))
    };
    Measured::new(
        profile.record(),
        figures! {
            "calls from app::call_member_checksum to member::checksum" => calls("app::call_member_checksum", "member::checksum"),
            "calls from app::call_outside_checksum to outside::checksum" => calls("app::call_outside_checksum", "outside::checksum"),
            "cargo warns that member's profile is ignored" => named("member"),
            "cargo warns that outside's profile is ignored" => named("outside"),
        },
    )
    .machine_code(&app, &app.function("app::call_member_checksum"))
}

#[test]
fn profiles_of_dependencies_are_ignored() {
    claim("lto.manifest.dependency-profile-ignored")
        .kind(Kind::Calls)
        .statement(
            "A library cannot choose its users' LTO: Cargo ignores `lto = \"fat\"` in a dependency's own manifest, and its functions stay calls.",
        )
        .judges(
            "002",
            "Build configuration",
            "Cargo only reads profile settings from the workspace root's Cargo.toml; profile settings of dependencies are ignored.",
            "confirmed: Cargo warns only for workspace members",
        )
        .judges(
            "001",
            "What actually happens under the hood",
            "Library crates should not enable LTO in their own Cargo.toml; downstream users apply their own settings for the final link.",
            "confirmed: a library's own setting is ignored anyway",
        )
        .judges(
            "001",
            "Choosing your optimization strategy",
            "Skip LTO when compiling a library crate: the users' settings decide at their final link.",
            "confirmed: only the workspace that builds the binary decides",
        )
        .predicate("both dependencies' functions stay calls", |f| {
            margin::against(f, "calls from app::call_member_checksum to member::checksum", Op::Gt, 0.0)
                & margin::against(f, "calls from app::call_outside_checksum to outside::checksum", Op::Gt, 0.0)
        })
        .subject("release; member and outside each declare [profile.release] lto = \"fat\"", || dependency_calls(&Profile::release()))
        .control("release with lto = \"fat\" for the workspace being built", || dependency_calls(&fat()))
        .check();
}

/// How many functions named `path` the deps lab's binary under `profile` defines.
fn deps_functions_named(profile: &Profile, path: &str) -> Measured {
    let app = lab::build("deps", profile).artifact("app");
    Measured::new(profile.record(), figures! { format!("functions named {path}") => app.functions_named(path).len() })
}

#[test]
fn the_linker_drops_unused_functions_without_lto() {
    claim("lto.link.unused-function-dropped-without-lto")
        .kind(Kind::Calls)
        .statement("Without LTO, a public library function that nothing calls is not in the release binary; only `-C link-dead-code` keeps it.")
        .judges(
            "001",
            "Real-world impact on larger projects",
            "Without LTO, the unused parts of dependencies are compiled into the binary as dead code.",
            "refuted: unreferenced functions are dropped without LTO",
        )
        .judges(
            "001",
            "Real-world impact on larger projects",
            "LTO strips away the unused serialization formats you never enabled.",
            "partly true: unused code is dropped without LTO too",
        )
        .predicate("the binary defines no member::unused_table", |f| f.u64("functions named member::unused_table") == 0)
        .subject("release (no LTO across crates)", || deps_functions_named(&Profile::release(), "member::unused_table"))
        .control("release with -C link-dead-code", || {
            deps_functions_named(&Profile::custom("release-link-dead-code", Base::Release).rustflags(&["-Clink-dead-code"]), "member::unused_table")
        })
        .check();
}

/// How many times the unoptimized LLVM IR of the deps lab's `member` library defines `member::spread`
/// (found by its demangled path, whatever the symbol mangling), and how many modules (codegen units) the
/// IR has.
fn spread_definitions(profile: &Profile) -> Measured {
    let ir = lab::emit("deps", "member", profile, lab::Emit::LlvmIr);
    let defines = definitions(ir, "member::spread");
    let modules = ir.lines().filter(|l| l.starts_with("; ModuleID = ")).count();
    Measured::new(profile.record(), figures! { "codegen units (IR modules)" => modules, "definitions of member::spread" => defines })
}

/// How many `define` lines of LLVM IR define the function `path` (any instance, either mangling).
fn definitions(ir: &str, path: &str) -> usize {
    ir.lines().filter(|l| proof::symbols::ir_defines(l, path)).count()
}

/// The same IR under the default (legacy) and the v0 symbol mangling gives the same count: two `define`s
/// of `t::larger` (rustc 1.95.0's symbols for two instances of one function) and none of `t::large`.
#[test]
fn definitions_are_counted_the_same_under_both_manglings() {
    let ir = |a: &str, b: &str, other: &str| {
        format!(
            "; ModuleID = 't.0'\ndefine noundef i8 @{a}(i8 noundef %0) unnamed_addr #2 {{\n  ret i8 %0\n}}\ndefine noundef i32 @{b}(i32 noundef %0) unnamed_addr #2 {{\n  ret i32 %0\n}}\ndefine void @{other}() {{\n  call void @{a}(i8 1)\n}}\n"
        )
    };
    let legacy = ir("_ZN1t6larger17h5a3b0229c892282cE", "_ZN1t6larger17hf9f2699ee0ee18a6E", "_ZN1t10use_larger17hf38990cd8de0e4e1E");
    let v0 = ir("_RINvCsciGn5CcqV8B_1t6largerhEB2_", "_RINvCsciGn5CcqV8B_1t6largermEB2_", "_RNvCsciGn5CcqV8B_1t10use_larger");
    for path in ["t::larger", "t::large", "t::use_larger"] {
        assert_eq!(definitions(&v0, path), definitions(&legacy, path), "{path}");
    }
    assert_eq!(definitions(&legacy, "t::larger"), 2);
}

#[test]
fn inline_functions_are_compiled_per_codegen_unit() {
    // rustc falls back to one codegen unit when asked to write IR unless the count is given: give it.
    let unoptimized = |name: &str, units: u32| Profile::custom(name, Base::Release).codegen_units(units).rustflags(&["-Cno-prepopulate-passes"]);
    claim("lto.codegen-units.inline-fn-copied-per-unit")
        .kind(Kind::Ir)
        .statement("An `#[inline]` function is compiled into every codegen unit that uses it: `member::spread`, used from two of its crate's units, is defined twice.")
        .judges("004", "Notes", "#[inline] functions are compiled once per codegen unit that uses them, not once per crate.", "confirmed")
        .predicate("member::spread is defined more than once", |f| margin::against(f, "definitions of member::spread", Op::Gt, 1.0))
        .subject("release with codegen-units = 16, IR before optimization", || spread_definitions(&unoptimized("release-ir-unoptimized", 16)))
        .control("release with codegen-units = 1, IR before optimization", || spread_definitions(&unoptimized("release-ir-unoptimized-cgu1", 1)))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Without LTO, across the crosscrate lab's boundary.

fn release_incremental() -> Profile {
    Profile::custom("release-incremental", Base::Release).incremental(true)
}

/// How often `caller` calls `callee` in the crosscrate binary under `profile`.
fn crosscrate_calls(profile: &Profile, caller: &str, callee: &str) -> Measured {
    let app = lab::build("crosscrate", profile).artifact("app");
    Measured::new(
        profile.record(),
        figures! { "caller" => caller, "callee" => callee, "calls from the caller to the callee" => app.calls_to(&app.function(caller), callee) },
    )
    .machine_code(&app, &app.function(caller))
}

#[test]
fn inline_attribute_crosses_crates_without_lto() {
    claim("lto.inlining.inline-attribute-without-lto")
        .kind(Kind::Calls)
        .statement("Without LTO, `#[inline]` lets another crate inline a function: `mathlib::cube` is inlined, unmarked `mathlib::square` is not (automatic inlining off).")
        .judges("000", "First, what even is LTO?", "Without LTO, the #[inline(always)] add of another crate is an external function call; LTO removes the boundary.", "refuted: even plain #[inline] is inlined across crates without LTO")
        .judges("004", "Inlining in Rust", "#[inline] is what enables cross-crate inlining.", "confirmed")
        .predicate("the caller makes no call to the callee", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("release with incremental = true: app::call_cube → mathlib::cube (#[inline])", || {
            crosscrate_calls(&release_incremental(), "app::call_cube", "mathlib::cube")
        })
        .control("the same build: app::call_square → mathlib::square (no attribute)", || {
            crosscrate_calls(&release_incremental(), "app::call_square", "mathlib::square")
        })
        .check();
}

#[test]
fn tiny_function_leaves_no_copy_without_lto() {
    claim("lto.symbols.tiny-fn-gone-without-lto")
        .kind(Kind::Calls)
        .statement("Without LTO, `mathlib::square`, which rustc inlines into its only caller in another crate by itself, leaves no copy in the release binary.")
        .judges("001", "A minimal cross-crate example", "Without LTO the library function stays in the binary even if it is called only once.", "partly true: not for a function rustc inlines across crates by itself")
        .predicate("the binary defines no mathlib::square", |f| f.u64("functions named mathlib::square") == 0)
        .subject("release (lto = false)", || symbols_named(&Profile::release(), "mathlib::square"))
        .control("release with incremental = true", || symbols_named(&release_incremental(), "mathlib::square"))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// What reaches the linker.

fn recorded(name: &str, lto: &str) -> Profile {
    Profile::custom(name, Base::Release).lto(lto).rustflags(&["-Clinker=../tools/record-link.sh"])
}

/// The newest record `app-*.<ext>` the linker wrapper left for the workload under `profile`.
fn link_record(profile: &Profile, ext: &str) -> String {
    let deps = lab::build("workload", profile).out_dir.join("deps");
    let record = std::fs::read_dir(&deps)
        .unwrap_or_else(|e| panic!("{}: {e}", deps.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("app-") && n.ends_with(&format!(".{ext}"))))
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
        .unwrap_or_else(|| panic!("no .{ext} record in {}: did labs/tools/record-link.sh run? (a binary linked by an older wrapper has no .link-archives: remove that profile's directory and re-run)", deps.display()));
    std::fs::read_to_string(&record).unwrap()
}

/// What the linker received for the workload binary: objects (machine code or bitcode) and libraries.
fn linker_receives(profile: &Profile) -> Measured {
    let record = link_record(profile, "link-inputs");
    let objects = program_objects(&record);
    let archives = link_record(profile, "link-archives");
    let kind = |k: &str| objects.iter().filter(|l| l.split(' ').next() == Some(k)).count();
    let lab_crates: Vec<&str> = ["records", "digest", "stats"]
        .into_iter()
        .filter(|c| archives.lines().any(|a| a.starts_with(&format!("lib{c}-")) && a.ends_with(".rlib")))
        .collect();
    Measured::new(
        profile.record(),
        figures! {
            "object files given to the linker" => objects.len(),
            "LLVM bitcode objects" => kind("bitcode"),
            "Rust libraries (.rlib) given to the linker" => archives.lines().filter(|a| a.ends_with(".rlib")).count(),
            "the workload's library crates among them" => lab_crates.len(),
        },
    )
}

#[test]
fn without_lto_each_crate_reaches_the_linker() {
    claim("lto.link.default-links-crates-separately")
        .kind(Kind::Calls)
        .statement("Without LTO, each crate reaches the linker as its own library of machine code; with thin LTO, rustc has already combined the workload's crates.")
        .judges("000", "First, what even is LTO?", "Each crate is compiled separately into object files, which are combined into the binary at the end.", "confirmed")
        .judges("000", "Under the hood", "In a normal build rustc hands the linker machine code.", "confirmed: no bitcode reaches the linker")
        .judges("000", "Introduction", "A long cargo build --release is spent on link-time optimization.", "refuted: Cargo's default release profile does no LTO across crates")
        .judges("001", "What actually happens under the hood", "In a normal build each crate becomes object files of machine code, which the linker only stitches together.", "confirmed")
        .predicate("the workload's three library crates reach the linker as libraries", |f| f.u64("the workload's library crates among them") == 3)
        .subject("release (lto = false), linking through the recording wrapper", || linker_receives(&recorded("release-recorded", "false")))
        .control("release with lto = \"thin\", linking through the recording wrapper", || linker_receives(&recorded("release-thin-recorded", "thin")))
        .check();
}

#[test]
fn thin_lto_hands_the_linker_many_objects() {
    claim("lto.link.thin-links-many-objects")
        .kind(Kind::Calls)
        .statement(
            "With `lto = \"thin\"` the linker receives many objects of machine code, one per separately compiled module; with `lto = \"fat\"`, one.",
        )
        .judges(
            "001",
            "What actually happens under the hood",
            "Thin LTO splits the work across several threads; lto = \"fat\" forces a single-threaded step.",
            "partly true: thin compiles many modules, fat one; threads and time are not measured",
        )
        .judges(
            "001",
            "Real-world impact on larger projects",
            "LTO merges the codegen units back into a single graph at link time.",
            "partly true: only fat LTO merges them; thin keeps many modules",
        )
        .judges(
            "001",
            "What actually happens under the hood",
            "After the cross-crate optimization, LLVM compiles everything to machine code in a single pass.",
            "partly true: only with fat LTO",
        )
        .judges(
            "001",
            "Choosing your optimization strategy",
            "Use lto = \"thin\" for multi-threaded linking; lto = \"fat\" is a single-threaded link step.",
            "partly true: thin keeps many modules, fat one; the work is rustc's, not the linker's",
        )
        .judges(
            "000",
            "But ThinLTO changes everything",
            "With ThinLTO, the linker uses the per-crate summaries to make targeted cross-module optimizations.",
            "refuted: the linker receives finished machine code; rustc runs ThinLTO",
        )
        .judges(
            "001",
            "Where LTO bites back",
            "If the target's linker cannot read LLVM bitcode, switch to lto = \"thin\".",
            "refuted: neither thin nor fat hands the linker bitcode",
        )
        .predicate("several objects of machine code, and no bitcode, reach the linker", |f| {
            margin::against(f, "object files given to the linker", Op::Gt, 1.0) && f.u64("LLVM bitcode objects") == 0
        })
        .subject("release with lto = \"thin\", linking through the recording wrapper", || linker_receives(&recorded("release-thin-recorded", "thin")))
        .control("release with lto = \"fat\", linking through the recording wrapper", || linker_receives(&recorded("release-fat-recorded", "fat")))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Symbols, stripping and debug info.

/// Functions in the workload binary under `profile` (one per address), next to the default's.
fn function_count(profile: &Profile) -> Measured {
    let count = |p: &Profile| lab::build("workload", p).artifact("app").code_shape().len();
    Measured::new(
        profile.record(),
        figures! { "functions in the binary" => count(profile), "release default (functions)" => count(&Profile::release()) },
    )
}

#[test]
fn fat_lto_leaves_fewer_functions() {
    claim("lto.symbols.fat-fewer-functions")
        .kind(Kind::Calls)
        .statement("With `lto = \"fat\"` the binary defines fewer functions than with the default; with `lto = \"off\"` it does not.")
        .judges(
            "000",
            "Why it matters in the real world",
            "With LTO, symbol visibility is cleaner: fewer internals are exposed.",
            "partly true: fewer functions remain; symbol visibility itself is not measured",
        )
        .predicate("fewer functions than the default release binary", |f| margin::lt(f, "functions in the binary", "release default (functions)"))
        .subject("release with lto = \"fat\"", || function_count(&fat()))
        .control("release with lto = \"off\"", || function_count(&lto_off()))
        .check();
}

fn strip_symbols() -> Profile {
    Profile::custom("release-strip-symbols", Base::Release).strip("symbols")
}
fn strip_none() -> Profile {
    Profile::custom("release-strip-none", Base::Release).strip("none")
}

/// The sections of an ELF64 little-endian file: (name, size in bytes). Read by hand because
/// `proof::inspect::Artifact` wants a symbol table, which a stripped file no longer has.
fn elf_sections(path: &std::path::Path) -> Vec<(String, u64)> {
    let d = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(d.len() > 64 && &d[..4] == b"\x7fELF" && d[4] == 2 && d[5] == 1, "{}: not an ELF64 little-endian file", path.display());
    let u16_at = |o: usize| u16::from_le_bytes(d[o..o + 2].try_into().unwrap()) as usize;
    let u32_at = |o: usize| u32::from_le_bytes(d[o..o + 4].try_into().unwrap()) as usize;
    let u64_at = |o: usize| u64::from_le_bytes(d[o..o + 8].try_into().unwrap());
    let (shoff, shentsize, shnum, shstrndx) = (u64_at(0x28) as usize, u16_at(0x3a), u16_at(0x3c), u16_at(0x3e));
    let header = |i: usize| shoff + i * shentsize;
    let names_at = u64_at(header(shstrndx) + 24) as usize;
    (0..shnum)
        .map(|i| {
            let h = header(i);
            let name_start = names_at + u32_at(h);
            let name_end = name_start + d[name_start..].iter().position(|&b| b == 0).unwrap();
            (String::from_utf8_lossy(&d[name_start..name_end]).into_owned(), u64_at(h + 32))
        })
        .collect()
}

/// File size, code size and what else the workload binary under `profile` carries.
fn sections_of(profile: &Profile) -> Measured {
    let facts = |p: &Profile| {
        let bin = lab::build("workload", p).bin("app");
        let sections = elf_sections(&bin);
        let size_of = |name: &str| sections.iter().filter(|(n, _)| n == name).map(|(_, s)| *s).sum::<u64>();
        let debug: Vec<&(String, u64)> = sections.iter().filter(|(n, _)| n.starts_with(".debug_")).collect();
        (std::fs::metadata(&bin).unwrap().len(), size_of(".text"), size_of(".symtab"), debug.len(), debug.iter().map(|(_, s)| s).sum::<u64>())
    };
    let (file, text, symtab, debug_sections, debug_bytes) = facts(profile);
    let (default_file, default_text, _, _, _) = facts(&Profile::release());
    Measured::new(
        profile.record(),
        figures! {
            "file size (bytes)" => file,
            "release default file size (bytes)" => default_file,
            "machine code, .text (bytes)" => text,
            "release default .text (bytes)" => default_text,
            "symbol table, .symtab (bytes)" => symtab,
            "debug sections (.debug_*)" => debug_sections,
            "bytes in debug sections" => debug_bytes,
        },
    )
}

#[test]
fn strip_symbols_keeps_the_code() {
    claim("lto.strip.symbols-same-code")
        .kind(Kind::Size)
        .statement("`strip = \"symbols\"` makes the binary file smaller but leaves its machine code (`.text`) exactly as it was.")
        .judges(
            "002",
            "Build configuration: strip",
            "strip = \"symbols\" reduces the size of a release binary.",
            "confirmed: the file shrinks; the machine code stays the same",
        )
        .judges(
            "001",
            "Where LTO bites back",
            "If LTO's inlining bloats the binary, strip = \"symbols\" mitigates it by removing debug metadata after linking.",
            "partly true: the file shrinks, but the machine code that inlining grows is untouched",
        )
        .predicate("a smaller file than the release default, with the same .text", |f| {
            margin::lt(f, "file size (bytes)", "release default file size (bytes)")
                && margin::equal(f, "machine code, .text (bytes)", "release default .text (bytes)")
        })
        .subject("release with strip = \"symbols\"", || sections_of(&strip_symbols()))
        .control("release with strip = \"none\"", || sections_of(&strip_none()))
        .check();
}

#[test]
fn release_builds_strip_the_standard_librarys_debug_info() {
    claim("lto.strip.release-drops-std-debuginfo")
        .kind(Kind::Size)
        .statement("A release binary has no debug sections, not even the standard library's: Cargo strips them by default; `strip = \"none\"` keeps them.")
        .judges("002", "Build configuration: strip", "Local release builds generate no debug info by default, and since Rust 1.77 the standard library's debug info is stripped from release builds automatically.", "confirmed")
        .predicate("the binary has no debug sections", |f| margin::exactly(f, "debug sections (.debug_*)", 0.0))
        .subject("release (strip = \"debuginfo\" by default)", || sections_of(&Profile::release()))
        .control("release with strip = \"none\"", || sections_of(&strip_none()))
        .check();
}

#[test]
fn strip_symbols_empties_backtraces() {
    claim("lto.strip.symbols-empties-backtraces")
        .kind(Kind::Behaviour)
        .statement("After `strip = \"symbols\"`, a panic's backtrace shows no frame at all; the default release build names the panicking function.")
        .judges("002", "Build configuration: strip", "A stripped program's backtrace may contain less useful information.", "confirmed: it is empty")
        .predicate("the backtrace shows no frame", |f| f.u64("frames in the backtrace") == 0)
        .subject("release with strip = \"symbols\"", || crash_backtrace(&strip_symbols()))
        .control("release (strip = \"debuginfo\": the symbol table stays)", || crash_backtrace(&Profile::release()))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Copies across sibling crates (labs/siblings): one generic instance and one constant table, used by two
// crates that do not depend on each other.

/// Copies of `shared::mix_all` (functions at distinct addresses, either mangling) and of `shared::TABLE`'s
/// 128 bytes in the siblings lab's binary under `profile`.
fn sibling_copies(profile: &Profile) -> Measured {
    let bin = lab::build("siblings", profile).bin("app");
    let app = Artifact::open(&bin);
    // shared::TABLE, as the lab's source writes it: the bytes each copy of the table holds.
    const TABLE: [u64; 16] = [
        0x6d65_6173_7572_6564,
        0x0123_4567_89ab_cdef,
        0xfedc_ba98_7654_3210,
        0x1357_9bdf_0246_8ace,
        0x0f1e_2d3c_4b5a_6978,
        0x8796_a5b4_c3d2_e1f0,
        0x1111_2222_3333_4444,
        0x5555_6666_7777_8888,
        0x9999_aaaa_bbbb_cccc,
        0xdddd_eeee_ffff_0000,
        0x0246_8ace_1357_9bdf,
        0xa5a5_5a5a_c3c3_3c3c,
        0x7e57_ab1e_c0de_f00d,
        0x0bad_cafe_dead_beef,
        0x1234_5678_9abc_def0,
        0x7273_7275_6475_7374,
    ];
    let table: Vec<u8> = TABLE.iter().flat_map(|w| w.to_le_bytes()).collect();
    let file = std::fs::read(&bin).unwrap_or_else(|e| panic!("{}: {e}", bin.display()));
    let table_copies = file.windows(table.len()).filter(|w| *w == table.as_slice()).count();
    Measured::new(
        profile.record(),
        figures! {
            "copies of shared::mix_all (functions)" => app.functions_named("shared::mix_all").len(),
            "copies of shared::TABLE (128 bytes each)" => table_copies,
        },
    )
}

#[test]
fn fat_lto_merges_the_siblings_generic_copies() {
    claim("lto.symbols.fat-merges-sibling-generic-copies")
        .kind(Kind::Calls)
        .statement("Two sibling crates that each call `shared::mix_all::<u32>` leave two copies of it in the release binary; with `lto = \"fat\"` one remains.")
        .judges("000", "First, what even is LTO?", "Without LTO the compiler cannot tell that two copies of the same generic instantiation in different crates could be merged.", "confirmed: two sibling crates' instances of one generic stay two copies without LTO")
        .judges("000", "Why it matters in the real world", "LTO's deduplication trims redundant copies of generic code.", "confirmed: fat LTO leaves one copy of an instance two crates compiled")
        .judges("001", "Real-world impact on larger projects", "Without LTO, common utility functions of the dependencies end up duplicated.", "partly true: shown for a generic function that two crates instantiate; fat LTO leaves one copy")
        .predicate("one copy of shared::mix_all", |f| margin::exactly(f, "copies of shared::mix_all (functions)", 1.0))
        .subject("release with lto = \"fat\"", || sibling_copies(&fat()))
        .control("release (lto = false)", || sibling_copies(&Profile::release()))
        .check();
}

#[test]
fn fat_lto_merges_the_siblings_constant_tables() {
    claim("lto.constants.fat-merges-sibling-tables")
        .kind(Kind::Calls)
        .statement("A 128-byte `const` table that two sibling crates read is stored twice in the release binary; with `lto = \"fat\"`, once.")
        .judges(
            "001",
            "What actually happens under the hood",
            "With LTO the optimizer merges identical constants across crates.",
            "confirmed: a table two crates use is stored once with fat LTO, twice without",
        )
        .predicate("the table's bytes occur once in the binary", |f| margin::exactly(f, "copies of shared::TABLE (128 bytes each)", 1.0))
        .subject("release with lto = \"fat\"", || sibling_copies(&fat()))
        .control("release (lto = false)", || sibling_copies(&Profile::release()))
        .check();
}

#[test]
fn thin_lto_keeps_the_siblings_copies() {
    claim("lto.symbols.thin-keeps-sibling-generic-copies")
        .kind(Kind::Calls)
        .statement("`lto = \"thin\"` does not merge the sibling crates' copies: `shared::mix_all::<u32>` and the 128-byte table each stay twice in the binary; with `\"fat\"`, once.")
        .predicate("two copies of shared::mix_all and two of the table", |f| {
            margin::exactly(f, "copies of shared::mix_all (functions)", 2.0) && margin::exactly(f, "copies of shared::TABLE (128 bytes each)", 2.0)
        })
        .subject("release with lto = \"thin\"", || sibling_copies(&thin()))
        .control("release with lto = \"fat\"", || sibling_copies(&fat()))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// One checksum in three versions (labs/siblings: shared::checksum, checksum_generic, checksum_never, the
// same body), each called from a caller of its own in app: what crosses the crate boundary, and when.

/// How often `app::<caller>` of the siblings lab calls `shared::<callee>` under `profile`.
fn checksum_version_calls(profile: &Profile, caller: &str, callee: &str) -> Measured {
    let app = lab::build("siblings", profile).artifact("app");
    let (caller, callee) = (format!("app::{caller}"), format!("shared::{callee}"));
    let f = app.function(&caller);
    Measured::new(
        profile.record(),
        figures! { "caller" => caller.clone(), "callee" => callee.clone(), "calls from the caller to the callee" => app.calls_to(&f, &callee) },
    )
    .machine_code(&app, &f)
}

#[test]
fn generic_function_is_inlined_across_crates_without_lto() {
    claim("lto.inlining.generic-crosses-without-lto")
        .kind(Kind::Calls)
        .statement("Without LTO, a generic library function is inlined into its caller in another crate; the same body, not generic, stays a call.")
        .predicate("the caller makes no call to the callee", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("release (lto = false): app::call_checksum_generic → shared::checksum_generic::<&[u8]>", || {
            checksum_version_calls(&Profile::release(), "call_checksum_generic", "checksum_generic")
        })
        .control("the same build: app::call_checksum → shared::checksum (not generic)", || {
            checksum_version_calls(&Profile::release(), "call_checksum", "checksum")
        })
        .check();
}

#[test]
fn inline_never_holds_under_fat_lto() {
    claim("lto.inlining.inline-never-holds-under-fat")
        .kind(Kind::Calls)
        .statement("`#[inline(never)]` holds across crates under `lto = \"fat\"`: `shared::checksum_never` stays a call; the same loop without it, `shared::checksum`, is inlined.")
        .predicate("the caller still calls the callee", |f| margin::against(f, "calls from the caller to the callee", Op::Gt, 0.0))
        .subject("release with lto = \"fat\": app::call_checksum_never → shared::checksum_never (#[inline(never)])", || {
            checksum_version_calls(&fat(), "call_checksum_never", "checksum_never")
        })
        .control("the same build: app::call_checksum → shared::checksum (no attribute)", || checksum_version_calls(&fat(), "call_checksum", "checksum"))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// The article's summing loop over a library's `square` (labs/siblings: app::heavy_compute): what
// inlining, LTO and constant folding each do to it.

/// Packed (SIMD) arithmetic, as tests/claims/bounds.rs counts it: integer adds, subtractions, multiplies,
/// minimums and maximums and packed float operations, with or without the AVX `v` prefix.
fn is_packed_arithmetic(mnemonic: &str) -> bool {
    let m = mnemonic.strip_prefix('v').unwrap_or(mnemonic);
    ["padd", "psub", "pmul", "pmax", "pmin"].iter().any(|p| m.starts_with(p))
        || ["add", "sub", "mul", "div"].iter().any(|op| m == format!("{op}pd") || m == format!("{op}ps"))
}

/// What the machine code of `app::<function>` (the siblings lab) under `profile` does with the squares:
/// packed arithmetic, multiplies of any kind, call instructions (a call to `shared::square` goes through
/// a register loaded from its GOT slot, which the disassembly names), and references to `shared::square`.
fn squares_code(profile: &Profile, function: &str) -> Measured {
    let app = lab::build("siblings", profile).artifact("app");
    let f = app.function(&format!("app::{function}"));
    let code = app.disassembly(&f);
    let mnemonics: Vec<&str> = code.lines().filter_map(|l| l.split_whitespace().nth(1)).collect();
    let is_multiply = |m: &str| m.starts_with("imul") || m.starts_with("mul") || m.trim_start_matches('v').starts_with("pmul");
    Measured::new(
        profile.record(),
        figures! {
            "function" => format!("app::{function}"),
            "packed arithmetic instructions" => mnemonics.iter().filter(|m| is_packed_arithmetic(m)).count(),
            "multiply instructions (scalar or packed)" => mnemonics.iter().filter(|m| is_multiply(m)).count(),
            "call instructions" => mnemonics.iter().filter(|m| **m == "call").count(),
            "references to shared::square" => code.lines().filter(|l| l.contains("shared::square")).count(),
        },
    )
    .machine_code(&app, &f)
}

fn release_incremental_fat() -> Profile {
    Profile::custom("release-incremental-fat", Base::Release).incremental(true).lto("fat")
}

#[test]
fn square_loop_vectorizes_without_lto() {
    claim("lto.vectorize.square-loop-without-lto")
        .kind(Kind::Calls)
        .statement("Without LTO, a release build inlines the library's `square` into the summing loop and vectorizes it; with automatic inlining off (incremental), each element is a call.")
        .judges("000", "A real example", "Once LTO inlines square() into the loop, LLVM vectorizes it: twenty-odd instructions become one SIMD loop.", "partly true: inlined, the loop is vectorized, but rustc inlines square across crates without LTO")
        .predicate("packed arithmetic in the loop, and no call", |f| {
            margin::against(f, "packed arithmetic instructions", Op::Gt, 0.0) && margin::exactly(f, "call instructions", 0.0)
        })
        .subject("release (lto = false): app::opaque_input", || squares_code(&Profile::release(), "opaque_input"))
        .control("release with incremental = true (no automatic cross-crate inlining): app::opaque_input", || squares_code(&release_incremental(), "opaque_input"))
        .check();
}

#[test]
fn fat_lto_vectorizes_the_square_loop() {
    claim("lto.vectorize.fat-inlines-then-vectorizes")
        .kind(Kind::Calls)
        .statement("Where rustc does not inline `square` across crates (incremental release), `lto = \"fat\"` does, and the loop is vectorized; without LTO each element is a call.")
        .predicate("packed arithmetic in the loop, and no call", |f| {
            margin::against(f, "packed arithmetic instructions", Op::Gt, 0.0) && margin::exactly(f, "call instructions", 0.0)
        })
        .subject("release, incremental = true, lto = \"fat\": app::opaque_input", || squares_code(&release_incremental_fat(), "opaque_input"))
        .control("release, incremental = true, no LTO: app::opaque_input", || squares_code(&release_incremental(), "opaque_input"))
        .check();
}

#[test]
fn constant_input_is_folded_without_lto() {
    claim("lto.vectorize.constant-input-folded")
        .kind(Kind::Calls)
        .statement("On the constant `[1, 2, 3, 4, 5]`, a release build without LTO computes the sum while compiling: no call or multiply is left; a hidden slice keeps its loop.")
        .judges("000", "A real example", "Once LTO inlines square() into the loop, LLVM vectorizes it: twenty-odd instructions become one SIMD loop.", "partly true: on the example's constant input no loop is left at all: the sum is computed while compiling, without LTO")
        .predicate("no multiply and no call: the result is a constant", |f| {
            margin::exactly(f, "multiply instructions (scalar or packed)", 0.0) && margin::exactly(f, "call instructions", 0.0)
        })
        .subject("release (lto = false): app::constant_input", || squares_code(&Profile::release(), "constant_input"))
        .control("the same build: app::opaque_input (the slice behind black_box)", || squares_code(&Profile::release(), "opaque_input"))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Simulated caches (callgrind's cache simulation) of the workload's measured region.

/// Callgrind's simulated cache misses of the workload program (20,000 records) under `profile`, next to
/// the default release build's.
fn workload_cache_misses(profile: &Profile) -> Measured {
    let sim = |p: &Profile| proof::gungraun::lab_cache_simulation("workload", p, "app", &["20000"]);
    let (s, d) = (sim(profile), sim(&Profile::release()));
    let data = |m: &std::collections::BTreeMap<String, u64>| m["D1mr"] + m["D1mw"];
    let caches: Vec<String> = proof::gungraun::SIMULATED_CACHES.iter().map(|(c, g)| format!("{c} {g}")).collect();
    Measured::new(
        counted(profile.record().with("workload", "app 20000").with("simulated caches (bytes, ways, line)", caches.join("; "))),
        figures! {
            "instructions" => s["Ir"],
            "release default (instructions)" => d["Ir"],
            "instruction-cache (I1) misses" => s["I1mr"],
            "release default (I1 misses)" => d["I1mr"],
            "last-level misses for instructions" => s["ILmr"],
            "release default (last-level misses for instructions)" => d["ILmr"],
            "data-cache (D1) misses" => data(&s),
            "release default (D1 misses)" => data(&d),
            "last-level misses for data" => s["DLmr"] + s["DLmw"],
            "release default (last-level misses for data)" => d["DLmr"] + d["DLmw"],
        },
    )
}

#[test]
fn fat_lto_misses_the_instruction_cache_less() {
    claim("lto.cache.fat-fewer-instruction-misses")
        .kind(Kind::Instructions)
        .statement("In callgrind's simulated caches the `lto = \"fat\"` workload misses the instruction cache over 2% less than the default, D1 within 2%; `lto = \"off\"` does not.")
        .judges("001", "Real-world impact on larger projects", "With LTO, a web server's hot paths are inlined into its request handlers, for fewer cache misses and less instruction fetching.", "partly true: fewer instructions fetched and fewer instruction-cache misses; the data-cache misses, most of all misses, stay the same")
        .predicate("over 2% fewer I1 misses than the default, and D1 misses within 2% of the default's", |f| {
            margin::ratio(f, "instruction-cache (I1) misses", "release default (I1 misses)", Op::Lt, 1.0 - GAP_PERCENT / 100.0)
                && margin::within(f, "data-cache (D1) misses", "release default (D1 misses)", GAP_PERCENT)
        })
        .subject("release with lto = \"fat\"", || workload_cache_misses(&fat()))
        .control("release with lto = \"off\"", || workload_cache_misses(&lto_off()))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// What a build costs, by the rule of Methodology: a wide ordering (2×) of cold builds, or none.

fn cold_build(label: &str, profile: Profile) -> proof::build_cost::Build {
    proof::build_cost::Build::new(label, &["build", "--locked"], Some(profile))
}

/// The three cold builds of the siblings lab the cost claims compare.
fn cost_builds() -> [proof::build_cost::Build; 3] {
    [cold_build("lto = \"fat\"", fat()), cold_build("default", Profile::release()), cold_build("lto = \"thin\"", thin())]
}

/// The rule's negation: the ordering is narrower than 2× (the slower build's fastest run costs less than
/// twice the faster build's slowest).
fn is_narrow(f: &proof::Figures) -> bool {
    use proof::build_cost::{FASTER_WORST, SLOWER_BEST, WIDE};
    margin::ratio(f, SLOWER_BEST, FASTER_WORST, Op::Lt, WIDE)
}

#[test]
fn fat_lto_build_costs_a_wide_ordering_more_cpu() {
    use proof::build_cost::{self, Resource};
    let [fat_build, default_build, thin_build] = cost_builds();
    claim("lto.cost.fat-build-cpu-wide")
        .kind(Kind::BuildCost)
        .statement("Cold builds of the siblings lab: `lto = \"fat\"` costs at least 2× the CPU time of the default build; against `lto = \"thin\"` the ordering is not that wide.")
        .judges("000", "But ThinLTO changes everything", "Full LTO is painfully slow when hundreds of crates full of generics are optimized together.", "partly true: fat LTO costs over 2× the default build's CPU even on a lab of four small crates; hundreds were not tried")
        .judges("000", "Real benchmark", "On a microservice, a release build takes 35 s without LTO, 52 s with ThinLTO and 98 s with full LTO.", "partly true: fat LTO costs over 2× the default's CPU here too; fat against thin is within 2×, as 98 s against 52 s is")
        .judges("001", "The house contractor analogy", "Compiling crates in isolation is what makes Rust builds fast and parallel.", "partly true: optimizing the crates together (fat LTO) costs over 2× the CPU time; parallelism is not measured")
        .judges("001", "Choosing your optimization strategy", "With lto = \"fat\" the single-threaded link step can take several minutes.", "partly true: fat LTO's build costs over 2× the default's CPU; minutes need a larger program than a lab")
        .predicate("the slower build's fastest run costs at least 2× the faster build's slowest", build_cost::is_wide)
        .subject("CPU time: fat LTO against the default", || build_cost::ordering("siblings", &fat_build, &default_build, Resource::Cpu))
        .control("CPU time: fat LTO against thin LTO", || build_cost::ordering("siblings", &fat_build, &thin_build, Resource::Cpu))
        .check();
}

#[test]
fn fat_lto_peak_memory_is_no_wide_spike() {
    use proof::build_cost::{self, Resource};
    let [fat_build, default_build, thin_build] = cost_builds();
    claim("lto.cost.fat-peak-memory-within-2x")
        .kind(Kind::BuildCost)
        .statement("Cold builds of the siblings lab: fat LTO's peak memory (the largest process) stays within 2× of the default build's; thin LTO's CPU time does not.")
        .judges("001", "Real-world impact on larger projects", "LTO moves work from compiling to linking; memory use spikes and the final link can take longer than all the rest of the build.", "partly true: LTO's CPU time is over 2× the default build's (the control), but peak memory stays within the rule's 2× on a small lab")
        .judges("001", "Where LTO bites back", "Linking with LTO loads the whole program's IR into memory; large monorepos can be killed for lack of memory during the link.", "not reproduced: on a small lab fat LTO's peak memory stays within the rule's 2× of the default's; no monorepo was tried")
        .predicate("the slower build's fastest run costs less than 2× the faster build's slowest", is_narrow)
        .subject("peak memory: fat LTO against the default", || build_cost::ordering("siblings", &fat_build, &default_build, Resource::Memory))
        .control("CPU time: thin LTO against the default", || build_cost::ordering("siblings", &thin_build, &default_build, Resource::Cpu))
        .check();
}

#[test]
fn thin_lto_saves_no_wide_margin_of_memory() {
    use proof::build_cost::{self, Resource};
    let [fat_build, default_build, thin_build] = cost_builds();
    claim("lto.cost.thin-peak-memory-not-far-below-fat")
        .kind(Kind::BuildCost)
        .statement("Cold builds of the siblings lab: thin LTO does not halve fat LTO's peak memory (within 2×); fat's CPU time against the default's is a wide ordering.")
        .judges("001", "Where LTO bites back", "If the link step runs out of memory, fall back to thin LTO or give the build runner more memory.", "not reproduced: on a small lab thin LTO's peak memory is not below half of fat's; more memory for the runner is not tested")
        .predicate("the slower build's fastest run costs less than 2× the faster build's slowest", is_narrow)
        .subject("peak memory: fat LTO against thin LTO", || build_cost::ordering("siblings", &fat_build, &thin_build, Resource::Memory))
        .control("CPU time: fat LTO against the default", || build_cost::ordering("siblings", &fat_build, &default_build, Resource::Cpu))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Codegen units, counted in the library a build writes.

/// The member names of a GNU `ar` archive (an `.rlib`), long names resolved through the `//` table.
fn archive_members(path: &std::path::Path) -> Vec<String> {
    let d = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(d.starts_with(b"!<arch>\n"), "{}: not an ar archive", path.display());
    let (mut at, mut long_names, mut names) = (8, Vec::new(), Vec::new());
    while at + 60 <= d.len() {
        let field = |from: usize, to: usize| String::from_utf8_lossy(&d[at + from..at + to]).trim_end().to_string();
        let (name, size) = (field(0, 16), field(48, 58).parse::<usize>().unwrap_or_else(|_| panic!("{}: a bad member size", path.display())));
        let data = &d[at + 60..at + 60 + size];
        if name == "//" {
            long_names = data.to_vec();
        } else if let Some(offset) = name.strip_prefix('/').and_then(|n| n.parse::<usize>().ok()) {
            let rest = &long_names[offset..];
            let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            names.push(String::from_utf8_lossy(&rest[..end]).trim_end_matches('/').to_string());
        } else if name != "/" {
            names.push(name.trim_end_matches('/').to_string());
        }
        at += 60 + size + size % 2;
    }
    names
}

/// The codegen units of the workload's `records` crate under `profile`: the object files (`*.rcgu.o`,
/// one per unit) in the newest `librecords-*.rlib` the build wrote.
fn records_units(profile: &Profile) -> Measured {
    let deps = lab::build("workload", profile).out_dir.join("deps");
    let rlib = std::fs::read_dir(&deps)
        .unwrap_or_else(|e| panic!("{}: {e}", deps.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("librecords-") && n.ends_with(".rlib")))
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
        .unwrap_or_else(|| panic!("no librecords-*.rlib in {}", deps.display()));
    let members = archive_members(&rlib);
    Measured::new(
        profile.record(),
        figures! {
            "codegen units of records (object files in its .rlib)" => members.iter().filter(|m| m.ends_with(".rcgu.o")).count(),
            "members of the .rlib" => members.len(),
        },
    )
}

#[test]
fn default_release_splits_a_crate_into_units() {
    claim("lto.codegen-units.default-splits-crate")
        .kind(Kind::Calls)
        .statement("A default release build compiles the workload's `records` crate as several codegen units, one object file each; with `codegen-units = 1`, as one.")
        .judges("001", "Real-world impact on larger projects", "By default, Cargo splits a crate into several codegen units.", "confirmed: how many depends on the crate (the figures show this one's)")
        .predicate("more than one codegen unit", |f| margin::against(f, "codegen units of records (object files in its .rlib)", Op::Gt, 1.0))
        .subject("release (codegen-units = 16 by default)", || records_units(&Profile::release()))
        .control("release with codegen-units = 1", || records_units(&one_codegen_unit()))
        .check();
}

/// Functions in the workload binary (one per address) with 16 codegen units per crate (the release
/// default) and with one, both under `lto`.
fn functions_by_units(lto: &str, sixteen: &Profile, one: &Profile) -> Measured {
    let count = |p: &Profile| lab::build("workload", p).artifact("app").code_shape().len();
    Measured::new(
        sixteen.record().with("compared with", format!("profile {} (codegen-units = 1, lto = {lto})", one.name())),
        figures! { "functions, 16 codegen units" => count(sixteen), "functions, 1 codegen unit" => count(one) },
    )
}

#[test]
fn codegen_units_cost_functions_only_without_local_lto() {
    claim("lto.codegen-units.split-leaves-more-functions-without-local-lto")
        .kind(Kind::Calls)
        .statement("With `lto = \"off\"`, 16 codegen units per crate leave over 2% more functions in the workload binary than one; with the default `lto = false`, under 2% more.")
        .predicate("over 2% more functions with 16 codegen units than with 1", |f| {
            margin::ratio(f, "functions, 16 codegen units", "functions, 1 codegen unit", Op::Gt, 1.0 + GAP_PERCENT / 100.0)
        })
        .subject("lto = \"off\": 16 codegen units against 1", || {
            functions_by_units("\"off\"", &lto_off(), &Profile::custom("release-cgu1-lto-off", Base::Release).lto("off").codegen_units(1))
        })
        .control("lto = false (the default's local thin LTO): 16 codegen units against 1", || functions_by_units("false", &Profile::release(), &one_codegen_unit()))
        .check();
}

/// Whether a demangled function name belongs to one of the workload's three library crates (a path in
/// it, or a trait impl for one of its types).
fn in_workload_library(name: &str) -> bool {
    let name = proof::symbols::canonical(name);
    ["records::", "digest::", "stats::"].iter().any(|c| name.starts_with(c) || name.starts_with(&format!("<{c}")))
}

/// How many functions of the workload's three library crates (one per address) the binary under
/// `profile` still defines, next to the default release build's count.
fn library_functions_left(profile: &Profile) -> Measured {
    let left = |p: &Profile| lab::build("workload", p).artifact("app").code_shape().iter().filter(|(name, _)| in_workload_library(name)).count();
    Measured::new(
        profile.record(),
        figures! { "library functions left" => left(profile), "release default (library functions left)" => left(&Profile::release()) },
    )
}

#[test]
fn fat_lto_inlines_more_library_functions_than_thin() {
    claim("lto.inlining.fat-leaves-fewer-library-functions-than-thin")
        .kind(Kind::Calls)
        .statement("Of the workload's library functions the default build keeps, fat LTO leaves fewer than half in the binary; thin LTO leaves at least half.")
        .predicate("fewer than half as many library functions left as under the default release profile", |f| {
            margin::ratio(f, "library functions left", "release default (library functions left)", Op::Lt, 0.5)
        })
        .subject("release with lto = \"fat\"", || library_functions_left(&fat()))
        .control("release with lto = \"thin\"", || library_functions_left(&thin()))
        .check();
}
