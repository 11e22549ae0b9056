//! LTO claims, measured on labs/crosscrate (two tiny crates) and labs/workload (three library crates
//! doing real work and one binary).

use proof::inspect::Artifact;
use proof::lab;
use proof::profile::{Base, Profile};
use proof::{claim, figures, FiguresExt, Kind, Measured};

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
        .statement("On the crosscrate lab, lto = \"fat\" produces a smaller release binary than Cargo's default (lto = false); lto = \"off\" does not.")
        .judges("001", "Enabling LTO", "With LTO the unused and inlined functions are dropped and the binary shrinks.", "confirmed on this lab")
        .predicate("the binary is smaller than under the default release profile", |f| {
            f.u64("app binary (bytes)") < f.u64("release default (bytes)")
        })
        .subject("release with lto = \"fat\"", || app_size("crosscrate", &fat()))
        .control("release with lto = \"off\"", || app_size("crosscrate", &lto_off()))
        .check();
}

#[test]
fn thin_lto_shrinks_the_workload() {
    claim("lto.size.thin-smaller-than-default")
        .kind(Kind::Size)
        .statement("On the workload lab, lto = \"thin\" also produces a smaller release binary than the default; lto = \"off\" produces a larger one.")
        .judges("000", "Benchmark table", "ThinLTO shrinks the binary compared with no LTO (6.8 MB to 6.4 MB on the article's service).", "confirmed on this lab (the size depends on the program)")
        .predicate("the binary is smaller than under the default release profile", |f| {
            f.u64("app binary (bytes)") < f.u64("release default (bytes)")
        })
        .subject("release with lto = \"thin\"", || app_size("workload", &thin()))
        .control("release with lto = \"off\"", || app_size("workload", &lto_off()))
        .check();
}

/// How many functions of the `app` binary under `profile` differ (by demangled name and size) from the
/// same binary under `reference`.
fn shape_difference(lab: &str, profile: &Profile, reference: &Profile) -> Measured {
    let shape = |p: &Profile| Artifact::open(&lab::build(lab, p).bin("app")).code_shape();
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
        .statement("lto = true selects fat LTO: the workload binary has exactly the functions, of exactly the sizes, that lto = \"fat\" gives; lto = \"thin\" gives different ones.")
        .judges("001", "Community conventions", "lto = true enables thin LTO by default in modern Cargo.", "refuted: true is fat")
        .judges("000", "Enabling LTO", "`lto = true` enables full LTO.", "confirmed")
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
        .statement("lto = false, Cargo's default, is not the same as lto = \"off\": with the default 16 codegen units the two workload binaries differ, because false still runs thin LTO between the codegen units of each crate; with codegen-units = 1 they are identical.")
        .judges("002", "Build configuration: LTO", "lto = false keeps thin local LTO, so it differs from lto = \"off\", which disables LTO completely.", "holds only when a crate has several codegen units")
        .predicate("lto = false and lto = \"off\" produce different functions", |f| f.u64("functions that differ (name or size)") > 0)
        .subject("16 codegen units (the release default): lto = false against lto = \"off\"", || shape_difference("workload", &Profile::release(), &lto_off()))
        .control("codegen-units = 1: lto = false against lto = \"off\"", || {
            shape_difference("workload", &one_cgu("release-cgu1", "false"), &one_cgu("release-cgu1-lto-off", "off"))
        })
        .check();
}

/// How often `app::call_checksum` of the crosscrate lab calls `mathlib::checksum` under `profile`.
fn checksum_calls(profile: &Profile) -> Measured {
    let app = Artifact::open(&lab::build("crosscrate", profile).bin("app"));
    let f = app.function("app::call_checksum");
    Measured::new(profile.record(), figures! { "calls from app::call_checksum to mathlib::checksum" => app.calls_to(&f, "mathlib::checksum") })
}

#[test]
fn fat_lto_inlines_across_crates() {
    claim("lto.inlining.fat-crosses-crates")
        .kind(Kind::Calls)
        .statement("A function too big for rustc's automatic cross-crate inlining (mathlib::checksum) stays a call in a release build without LTO, and is inlined into its caller in another crate with lto = \"fat\".")
        .judges("001", "A minimal cross-crate example", "With LTO the optimizer sees the whole program and inlines a library function into its caller in another crate.", "confirmed")
        .judges("000", "A real example", "Without LTO every call into another crate is a real function call; with LTO it is inlined.", "holds only for functions rustc does not already inline across crates by itself (see inlining.cross-crate.tiny-fn-without-lto)")
        .predicate("app::call_checksum makes no call to mathlib::checksum", |f| f.u64("calls from app::call_checksum to mathlib::checksum") == 0)
        .subject("release with lto = \"fat\"", || checksum_calls(&fat()))
        .control("release (lto = false)", || checksum_calls(&Profile::release()))
        .check();
}

#[test]
fn thin_lto_inlines_across_crates() {
    claim("lto.inlining.thin-crosses-crates")
        .kind(Kind::Calls)
        .statement("Thin LTO inlines across crates too: with lto = \"thin\", mathlib::checksum is inlined into app::call_checksum; with lto = \"off\" it stays a call.")
        .judges("000", "ThinLTO", "ThinLTO uses per-module summaries to import and inline functions across modules without merging everything.", "confirmed for this call")
        .predicate("app::call_checksum makes no call to mathlib::checksum", |f| f.u64("calls from app::call_checksum to mathlib::checksum") == 0)
        .subject("release with lto = \"thin\"", || checksum_calls(&thin()))
        .control("release with lto = \"off\"", || checksum_calls(&lto_off()))
        .check();
}

/// Instructions executed by the workload program (20,000 records) built under `profile`, next to the
/// plain release build's count.
fn workload_instructions(profile: &Profile, id: &str) -> Measured {
    let count = |p: &Profile, id: &str| proof::gungraun::lab_instructions("workload", p, "app", "labs", "workload", "workload_app", id);
    let ir = count(profile, id);
    let baseline = count(&Profile::release(), "release");
    Measured::new(
        profile.record().with("workload", "app 20000 (whole process, callgrind)"),
        figures! { "instructions" => ir, "release default (instructions)" => baseline, "percent of default" => ir * 100 / baseline },
    )
}

#[test]
fn fat_lto_executes_fewer_instructions() {
    claim("lto.instructions.fat-fewer-than-default")
        .kind(Kind::Instructions)
        .statement("On the workload lab, the lto = \"fat\" build executes fewer instructions than the default release build; the lto = \"off\" build executes more.")
        .judges("000", "Benchmark table", "Full LTO makes the program about 9% faster than no LTO.", "holds only in direction on this lab: the size of the gain depends on the program (see the figures)")
        .judges("002", "Build configuration: LTO", "LTO can improve runtime speed by 10-20% or more.", "not reproduced on this lab: see the figures")
        .predicate("executes fewer instructions than the default release build", |f| f.u64("instructions") < f.u64("release default (instructions)"))
        .subject("release with lto = \"fat\"", || workload_instructions(&fat(), "release_fat"))
        .control("release with lto = \"off\"", || workload_instructions(&lto_off(), "release_lto_off"))
        .check();
}

#[test]
fn thin_lto_executes_fewer_instructions() {
    claim("lto.instructions.thin-fewer-than-default")
        .kind(Kind::Instructions)
        .statement("On the workload lab, the lto = \"thin\" build also executes fewer instructions than the default release build.")
        .judges("000", "Benchmark table", "ThinLTO gives most of full LTO's speed gain (about 8% against full LTO's 9%).", "holds only in direction on this lab: see the figures")
        .predicate("executes fewer instructions than the default release build", |f| f.u64("instructions") < f.u64("release default (instructions)"))
        .subject("release with lto = \"thin\"", || workload_instructions(&thin(), "release_thin"))
        .control("release with lto = \"off\"", || workload_instructions(&lto_off(), "release_lto_off"))
        .check();
}

/// Who linked the workload binary under `profile`: the linker signatures in its `.comment` section.
fn linker_signature(profile: &Profile) -> Measured {
    let app = Artifact::open(&lab::build("workload", profile).bin("app"));
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
        .statement("On x86_64-unknown-linux-gnu, rustc links with the LLD that ships with the toolchain (rust-lld) unless told otherwise; asking for GNU ld (-fuse-ld=bfd) gives a binary LLD did not sign.")
        .judges("001", "What actually happens under the hood", "The linker is the system's linker, which collects the crates' files.", "outdated on this target: the toolchain's own LLD links by default")
        .predicate("the binary's .comment section carries LLD's signature", |f| f.bool("signed by LLD"))
        .subject("release (no linker settings)", || linker_signature(&Profile::release()))
        .control("release with -Clink-arg=-fuse-ld=bfd (GNU ld)", || {
            linker_signature(&Profile::custom("release-gnu-ld", Base::Release).rustflags(&["-Clink-arg=-fuse-ld=bfd"]))
        })
        .check();
}

/// The objects rustc handed to the linker for the workload binary under `profile`, as recorded by the
/// labs' linker wrapper (labs/tools/record-link.sh): how many are machine code and how many LLVM bitcode.
fn linker_inputs(profile: &Profile) -> Measured {
    let build = lab::build("workload", profile);
    let deps = build.out_dir.join("deps");
    let record = std::fs::read_dir(&deps)
        .unwrap_or_else(|e| panic!("{}: {e}", deps.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("app-") && n.ends_with(".link-inputs")))
        .max_by_key(|p| p.metadata().and_then(|m| m.modified()).ok())
        .unwrap_or_else(|| panic!("no link record in {}: did the linker wrapper run?", deps.display()));
    let text = std::fs::read_to_string(&record).unwrap();
    let count = |kind: &str| text.lines().filter(|l| l.split(' ').next() == Some(kind)).count();
    Measured::new(
        profile.record(),
        figures! {
            "object files given to the linker" => text.lines().count(),
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
        .statement("With Cargo's lto = \"fat\", rustc itself runs the link-time optimization: the linker receives one object of finished machine code and no LLVM bitcode. The linker receives bitcode only when asked to do the optimization itself (-Clinker-plugin-lto).")
        .judges("001", "What actually happens under the hood", "With LTO enabled, rustc emits LLVM IR for each crate and the linker collects it and runs LLVM's optimizer over the whole program.", "refuted: rustc does the LTO and the linker sees machine code, unless -Clinker-plugin-lto is set")
        .judges("000", "Under the hood", "During LTO builds rustc passes LLVM bitcode, not code, to the linker.", "refuted for Cargo's lto setting; true only with -Clinker-plugin-lto")
        .judges("001", "Where LTO bites back", "Cross-compilation can break with LTO if the target's linker does not understand LLVM bitcode.", "holds only with -Clinker-plugin-lto: with Cargo's lto setting the linker never receives bitcode")
        .predicate("the linker receives no LLVM bitcode", |f| f.u64("LLVM bitcode objects") == 0 && f.u64("machine-code (ELF) objects") > 0)
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
        .statement("On the workload lab, codegen-units = 1 (without LTO) gives a smaller release binary than the default 16 codegen units.")
        .judges("002", "Build configuration: codegen units", "codegen-units = 1 can reduce binary size, at the cost of parallelism in the build.", "confirmed on this lab")
        .predicate("the binary is smaller than under the default release profile", |f| {
            f.u64("app binary (bytes)") < f.u64("release default (bytes)")
        })
        .subject("release with codegen-units = 1", || app_size("workload", &one_codegen_unit()))
        .control("release with lto = \"off\"", || app_size("workload", &lto_off()))
        .check();
}

#[test]
fn one_codegen_unit_does_not_cut_instructions() {
    claim("lto.codegen-units.one-unit-no-fewer-instructions")
        .kind(Kind::Instructions)
        .statement("On the workload lab, codegen-units = 1 (without LTO) does not reduce the instructions executed: it executes more than the default 16 codegen units, while fat LTO executes fewer.")
        .judges("002", "Build configuration: codegen units", "codegen-units = 1 may improve runtime speed, because splitting a crate can hide optimization opportunities.", "not on this lab: more instructions, not fewer")
        .judges("000", "Enabling LTO and ThinLTO", "codegen-units = 1 helps the optimizer.", "not on this lab, measured by instructions executed")
        .predicate("executes at least as many instructions as the default release build", |f| f.u64("instructions") >= f.u64("release default (instructions)"))
        .subject("release with codegen-units = 1", || workload_instructions(&one_codegen_unit(), "release_cgu1"))
        .control("release with lto = \"fat\"", || workload_instructions(&fat(), "release_fat"))
        .check();
}

/// How many functions named `path` the crosscrate `app` binary under `profile` defines.
fn symbols_named(profile: &Profile, path: &str) -> Measured {
    let app = Artifact::open(&lab::build("crosscrate", profile).bin("app"));
    Measured::new(profile.record(), figures! { format!("functions named {path}") => app.functions_named(path).len() })
}

#[test]
fn fat_lto_drops_the_inlined_function() {
    claim("lto.symbols.fat-drops-inlined-library-function")
        .kind(Kind::Calls)
        .statement("Once fat LTO has inlined mathlib::checksum into its only caller, the binary no longer contains a mathlib::checksum function at all; without LTO it does.")
        .judges("001", "A minimal cross-crate example", "With LTO the inlined library function is dropped from the binary entirely.", "confirmed")
        .predicate("the binary defines no mathlib::checksum", |f| f.u64("functions named mathlib::checksum") == 0)
        .subject("release with lto = \"fat\"", || symbols_named(&fat(), "mathlib::checksum"))
        .control("release (lto = false)", || symbols_named(&Profile::release(), "mathlib::checksum"))
        .check();
}

/// Runs the workload's `crash` program (a panic inside `stats::histogram`) built under `profile` with
/// RUST_BACKTRACE=1, and reads the backtrace it prints.
fn crash_backtrace(profile: &Profile) -> Measured {
    let bin = lab::build("workload", profile).bin("crash");
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
        .statement("After fat LTO has inlined a library function into main, a panic's backtrace still shows that function, with its file and line, if the profile keeps line tables (debug = \"line-tables-only\"); without debug info the frame is gone.")
        .judges("001", "Where LTO bites back", "When LTO inlines functions across crates, stack traces lose the original function names.", "holds only without debug info: line tables bring the inlined frames back")
        .predicate("the backtrace has a frame for stats' histogram function", |f| f.bool("a frame names stats' histogram"))
        .subject("release, lto = \"fat\", debug = \"line-tables-only\"", || crash_backtrace(&fat_with_debug("release-fat-line-tables", "line-tables-only")))
        .control("release, lto = \"fat\", no debug info (the release default)", || crash_backtrace(&fat()))
        .check();
}

#[test]
fn line_tables_do_not_change_the_code() {
    claim("lto.debug.line-tables-same-code")
        .kind(Kind::Calls)
        .statement("Adding debug = \"line-tables-only\" to a fat-LTO release build leaves its machine code unchanged: the workload binary has the same functions with the same sizes.")
        .predicate("the same functions with the same sizes as under lto = \"fat\" without debug info", |f| f.u64("functions that differ (name or size)") == 0)
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
    Measured::new(profile.record(), f)
}

#[test]
fn fat_lto_gives_the_smallest_workload_binary() {
    claim("lto.size.fat-smallest-of-five")
        .kind(Kind::Size)
        .statement("Of the five release variants of the workload (lto = false, \"off\", \"thin\", \"fat\", and codegen-units = 1), lto = \"fat\" gives the smallest binary.")
        .judges("000", "Benchmark table", "Full LTO gives the smallest binary, ThinLTO the next, no LTO the largest.", "confirmed on this lab")
        .predicate("the setting under test has the smallest binary", |f| f.str("smallest size") == f.str("setting under test"))
        .subject("lto = \"fat\"", || workload_ranking("size", "lto = \"fat\""))
        .control("lto = \"off\"", || workload_ranking("size", "lto = \"off\""))
        .check();
}

#[test]
fn fat_lto_executes_the_fewest_instructions() {
    claim("lto.instructions.fat-fewest-of-five")
        .kind(Kind::Instructions)
        .statement("Of the five release variants of the workload, lto = \"fat\" executes the fewest instructions on 20,000 records.")
        .judges("000", "Benchmark table", "Full LTO is the fastest of no LTO, ThinLTO and full LTO.", "confirmed on this lab, by instructions executed")
        .predicate("the setting under test executes the fewest instructions", |f| f.str("smallest instructions") == f.str("setting under test"))
        .subject("lto = \"fat\"", || workload_ranking("instructions", "lto = \"fat\""))
        .control("lto = \"off\"", || workload_ranking("instructions", "lto = \"off\""))
        .check();
}
