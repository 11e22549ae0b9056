//! The compiler pipeline (src/pipeline/): labs/pipeline/src/lib.rs followed through rustc's stages, and
//! the compile-fail cases of tests/ui/cases/pipeline_*.rs located in the stage that reports them.
//!
//! Every form is produced by the pinned rustc run directly on a copy of the file (proof::dump::rustc),
//! once per process per form: the expanded source, HIR and THIR through `-Zunpretty` (which needs
//! RUSTC_BOOTSTRAP=1, set for those runs only), MIR, LLVM IR and assembly through `--emit` in a debug
//! run (opt-level 0) and a release run (opt-level 3), and rustc's IR at opt-level 3 before LLVM's passes
//! (`-Cno-prepopulate-passes`). The chapter shows excerpts from committed files under
//! src/pipeline/generated/, which `generated_files_match_the_compiler` regenerates and compares.

use proof::build_cost::{self, Build as ColdBuild, Resource};
use proof::dump::{self, Output};
use proof::lab::{self, Emit};
use proof::margin::{self, Op};
use proof::profile::{Base, Profile};
use proof::{Figures, FiguresExt, Kind, Measured, ProfileRecord, claim, figures};
use serde_json::Value;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------------------
// The lab and its forms.

/// The arguments every run on the lab shares.
const LAB_ARGS: &[&str] = &["--edition", "2024", "--crate-type", "lib", "--crate-name", "pipeline", "-Ctarget-cpu=x86-64", "-Ccodegen-units=1"];

/// The lab's source as the compiler sees it: the ANCHOR comment lines (mdBook's markers for the
/// chapter) are blanked, so that no dump carries them and every line keeps its number.
fn lab_source() -> &'static str {
    static SRC: OnceLock<String> = OnceLock::new();
    SRC.get_or_init(|| {
        let path = lab::lab_dir("pipeline").join("src/lib.rs");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        text.lines().map(|l| if l.trim_start().starts_with("// ANCHOR") { "" } else { l }).collect::<Vec<_>>().join("\n") + "\n"
    })
}

/// One form of the lab, in pipeline order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    Source,
    Expanded,
    Hir,
    Thir,
    MirDebug,
    MirRelease,
    IrDebug,
    IrBeforeLlvm,
    IrRelease,
    AsmDebug,
    AsmRelease,
}

const FORMS: [Form; 11] = [
    Form::Source,
    Form::Expanded,
    Form::Hir,
    Form::Thir,
    Form::MirDebug,
    Form::MirRelease,
    Form::IrDebug,
    Form::IrBeforeLlvm,
    Form::IrRelease,
    Form::AsmDebug,
    Form::AsmRelease,
];

impl Form {
    /// How the form is produced, as a reader would ask for it.
    fn how(self) -> &'static str {
        match self {
            Form::Source => "labs/pipeline/src/lib.rs",
            Form::Expanded => "-Zunpretty=expanded",
            Form::Hir => "-Zunpretty=hir",
            Form::Thir => "-Zunpretty=thir-tree",
            Form::MirDebug => "--emit=mir -Copt-level=0",
            Form::MirRelease => "--emit=mir -Copt-level=3",
            Form::IrDebug => "--emit=llvm-ir -Copt-level=0",
            Form::IrBeforeLlvm => "--emit=llvm-ir -Copt-level=3 -Cno-prepopulate-passes",
            Form::IrRelease => "--emit=llvm-ir -Copt-level=3",
            Form::AsmDebug => "--emit=asm -Copt-level=0",
            Form::AsmRelease => "--emit=asm -Copt-level=3",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Form::Source => "source",
            Form::Expanded => "expanded source (after macros)",
            Form::Hir => "HIR",
            Form::Thir => "THIR (tree)",
            Form::MirDebug => "MIR, opt-level 0",
            Form::MirRelease => "MIR, opt-level 3",
            Form::IrDebug => "LLVM IR, opt-level 0",
            Form::IrBeforeLlvm => "LLVM IR at opt-level 3, before LLVM's passes",
            Form::IrRelease => "LLVM IR, opt-level 3",
            Form::AsmDebug => "assembly, opt-level 0",
            Form::AsmRelease => "assembly, opt-level 3",
        }
    }

    /// The rustc run that writes this form and the file it is read from (stdout for `-Zunpretty`).
    fn run(self) -> (&'static Output, Option<&'static str>) {
        let src = [("lib.rs", lab_source())];
        let run = |key: &str, extra: &[&str]| {
            let args: Vec<&str> = LAB_ARGS.iter().copied().chain(extra.iter().copied()).chain(["lib.rs"]).collect();
            let out = dump::rustc(key, &src, &args);
            assert!(out.success, "rustc failed on the pipeline lab ({key}):\n{}", out.stderr);
            out
        };
        let debug = || run("pipeline-debug", &["-Copt-level=0", "--emit=mir,llvm-ir,asm"]);
        let release = || run("pipeline-release", &["-Copt-level=3", "--emit=mir,llvm-ir,asm"]);
        match self {
            Form::Source => unreachable!("the source is not a rustc run"),
            Form::Expanded => (run("pipeline-expanded", &["-Zunpretty=expanded"]), None),
            Form::Hir => (run("pipeline-hir", &["-Zunpretty=hir"]), None),
            Form::Thir => (run("pipeline-thir", &["-Zunpretty=thir-tree"]), None),
            Form::MirDebug => (debug(), Some("pipeline.mir")),
            Form::MirRelease => (release(), Some("pipeline.mir")),
            Form::IrDebug => (debug(), Some("pipeline.ll")),
            Form::IrBeforeLlvm => (run("pipeline-before-llvm", &["-Copt-level=3", "-Cno-prepopulate-passes", "--emit=llvm-ir"]), Some("pipeline.ll")),
            Form::IrRelease => (release(), Some("pipeline.ll")),
            Form::AsmDebug => (debug(), Some("pipeline.s")),
            Form::AsmRelease => (release(), Some("pipeline.s")),
        }
    }

    /// The whole form as rustc wrote it, once per process.
    fn raw(self) -> &'static str {
        static TEXTS: [OnceLock<String>; 11] = [const { OnceLock::new() }; 11];
        let i = FORMS.iter().position(|f| *f == self).unwrap();
        TEXTS[i].get_or_init(|| match self {
            Form::Source => lab_source().to_string(),
            _ => {
                let (out, file) = self.run();
                file.map_or_else(|| out.stdout.clone(), |f| out.file(f))
            }
        })
    }

    /// The whole form, normalized (no paths, hashes or disambiguators), once per process.
    fn text(self) -> &'static str {
        static TEXTS: [OnceLock<String>; 11] = [const { OnceLock::new() }; 11];
        let i = FORMS.iter().position(|f| *f == self).unwrap();
        TEXTS[i].get_or_init(|| dump::normalize(self.raw()))
    }

    /// The profile a claim measured on this form records.
    fn profile(self) -> ProfileRecord {
        let (opt, debug_assertions) = match self {
            Form::MirDebug | Form::IrDebug | Form::AsmDebug => (Value::from(0), true),
            Form::MirRelease | Form::IrBeforeLlvm | Form::IrRelease | Form::AsmRelease => (Value::from(3), false),
            _ => (Value::from("none (no code is generated)"), true),
        };
        let mut p = ProfileRecord::named(
            &format!("rustc {}", self.how()),
            &[
                ("opt-level", opt),
                ("debug-assertions", debug_assertions.into()),
                ("codegen-units", 1.into()),
                ("incremental", false.into()),
                ("target-cpu", "x86-64".into()),
                ("edition", "2024".into()),
                ("crate-type", "lib".into()),
            ],
        );
        if self.how().contains("-Z") {
            p = p.with("RUSTC_BOOTSTRAP", "1 (for the -Z flag, in this run only)");
        }
        p
    }

    /// The text of the item `name` of the lab in this form, as rustc wrote it (symbols are found by
    /// demangling, so before their hashes are masked).
    fn raw_function(self, name: &str) -> String {
        let text = self.raw();
        let found = match self {
            Form::Source | Form::Expanded => item(text, name),
            // Before 1.9x rustc printed a lang item as `#[lang = "into_iter"](…)`, now by its name
            // (`into_iter(…)`); the checks read the name, whichever way it was printed.
            Form::Hir => item(text, name).map(|t| lang_items_by_name(&t)),
            Form::Thir => thir_body(text, name),
            Form::MirDebug | Form::MirRelease => lab::function_text(text, Emit::Mir, &format!("pipeline::{name}")),
            Form::IrDebug | Form::IrBeforeLlvm | Form::IrRelease => lab::function_text(text, Emit::LlvmIr, &format!("pipeline::{name}")),
            Form::AsmDebug | Form::AsmRelease => lab::function_text(text, Emit::Asm, &format!("pipeline::{name}")),
        };
        found.unwrap_or_else(|| panic!("no `{name}` in the {} of labs/pipeline", self.title()))
    }

    /// The text of the item `name` of the lab in this form, normalized.
    fn function(self, name: &str) -> String {
        dump::normalize(&self.raw_function(name))
    }

    /// What the chapter shows of a function in this form: IR and assembly without metadata,
    /// directives and comments, with symbols demangled (proof::lab::excerpt); the others as printed.
    fn shown(self, name: &str) -> String {
        let text = self.raw_function(name);
        dump::normalize(&match self {
            Form::IrDebug | Form::IrBeforeLlvm | Form::IrRelease => lab::excerpt(&text, Emit::LlvmIr),
            Form::AsmDebug | Form::AsmRelease => lab::excerpt(&text, Emit::Asm),
            // The pretty-printer keeps blank lines where the source had comments: drop them.
            Form::Expanded | Form::Hir => text.lines().filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n"),
            _ => text,
        })
    }
}

/// A top-level `fn name` of source-like text (the source, the expanded source, the HIR), from its first
/// line to the line that closes its body, attributes and doc comments excluded.
fn item(text: &str, name: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let starts = |l: &str| {
        // Indented in some releases' HIR (items inside the crate's module), at the margin in others.
        let l = l.trim_start().trim_start_matches("pub ").trim_start_matches("async ").trim_start_matches("unsafe ");
        l.starts_with(&format!("fn {name}(")) || l.starts_with(&format!("fn {name}<"))
    };
    let start = lines.iter().position(|l| starts(l))?;
    let mut depth = 0i64;
    let mut opened = false;
    for (i, line) in lines.iter().enumerate().skip(start) {
        for c in line.chars() {
            match c {
                '{' => {
                    depth += 1;
                    opened = true;
                }
                '}' => depth -= 1,
                _ => {}
            }
        }
        if opened && depth == 0 {
            return Some(lines[start..=i].join("\n"));
        }
    }
    None
}

/// `#[lang = "next"]` written as `next`: how older releases print a lang item in the HIR.
fn lang_items_by_name(hir: &str) -> String {
    let mut out = String::with_capacity(hir.len());
    let mut rest = hir;
    while let Some(at) = rest.find("#[lang = \"") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "#[lang = \"".len()..];
        match after.find("\"]") {
            Some(end) => {
                out.push_str(&after[..end]);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn lang_items_read_by_name_in_either_printing() {
    let old = "match #[lang = \"into_iter\"](#[lang = \"Range\"]{ start: 0, end: n }) { #[lang = \"None\"] {} => break }";
    assert_eq!(lang_items_by_name(old), "match into_iter(Range{ start: 0, end: n }) { None {} => break }");
    assert_eq!(lang_items_by_name("match into_iter(x)"), "match into_iter(x)");
    let indented = "mod m {\n    fn first_or_zero<'_>(v: &'_ [u32])\n        -> u32 { 0 }\n}";
    assert!(item(indented, "first_or_zero").is_some_and(|t| t.contains("-> u32 { 0 }")));
}

/// The THIR tree of the body of `name`: from its `DefId(… ::name):` line to the next body's.
fn thir_body(text: &str, name: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.starts_with("DefId(") && l.ends_with(&format!("]::{name}):")))?;
    let end = (start + 1..lines.len()).find(|&i| lines[i].starts_with("DefId(")).unwrap_or(lines.len());
    Some(lines[start..end].join("\n").trim_end().to_string())
}

/// `define` lines of the IR whose symbol is `path` or an instance of it (any type arguments), found by
/// demangled path whatever the symbol mangling.
fn defines(ir: &str, path: &str) -> u64 {
    ir.lines().filter(|l| proof::symbols::ir_defines(l, path)).count() as u64
}

/// Calls to `callee` (a function of the lab) in MIR or IR text: `callee(` in MIR, a reference to its
/// symbol (either mangling) in IR.
fn calls_in(text: &str, form: Form, callee: &str) -> u64 {
    match form {
        Form::MirDebug | Form::MirRelease => text
            .lines()
            .filter(|l| l.contains(&format!("= {callee}(")) || l.contains(&format!(" {callee}(move")) || l.contains(&format!(" {callee}(copy")))
            .count() as u64,
        _ => {
            let path = format!("pipeline::{callee}");
            text.lines().filter(|l| (l.contains("call ") || l.contains("invoke ")) && proof::symbols::ir_refers_to(l, &path)).count() as u64
        }
    }
}

/// The IR detectors give the same counts for rustc 1.95.0's legacy and v0 symbols of the same functions:
/// two instances of `t::larger` defined, and one call to each from `t::use_larger`.
#[test]
fn ir_detectors_count_the_same_under_both_manglings() {
    let ir = |[u8_, u32_, caller]: [&str; 3]| {
        format!(
            "define noundef i8 @{u8_}(i8 noundef %0, i8 noundef %1) unnamed_addr #2 {{\n}}\ndefine noundef i32 @{u32_}(i32 noundef %0, i32 noundef %1) unnamed_addr #2 {{\n}}\ndefine {{ i8, i32 }} @{caller}() unnamed_addr #0 {{\n  %a = tail call noundef i8 @{u8_}(i8 noundef 1, i8 noundef %x)\n  %b = tail call noundef i32 @{u32_}(i32 noundef 3, i32 noundef %y)\n  br label %{u8_}.exit\n}}\n"
        )
    };
    let legacy = ir(["_ZN1t6larger17h5a3b0229c892282cE", "_ZN1t6larger17hf9f2699ee0ee18a6E", "_ZN1t10use_larger17hf38990cd8de0e4e1E"]);
    let v0 = ir(["_RINvCsciGn5CcqV8B_1t6largerhEB2_", "_RINvCsciGn5CcqV8B_1t6largermEB2_", "_RNvCsciGn5CcqV8B_1t10use_larger"]);
    let figures = |ir: &str| {
        let caller = lab::function_text(ir, Emit::LlvmIr, "t::use_larger").expect("the caller's IR");
        (
            defines(ir, "t::larger"),
            defines(ir, "t::use_larger"),
            caller.lines().filter(|l| (l.contains("call ") || l.contains("invoke ")) && proof::symbols::ir_refers_to(l, "t::larger")).count(),
        )
    };
    assert_eq!(figures(&legacy), (2, 1, 2));
    assert_eq!(figures(&v0), figures(&legacy));
}

/// Back edges of an IR function: branches to a block that starts at or before the branch's own block.
fn back_edges(ir: &str) -> u64 {
    let mut labels: Vec<String> = vec!["start".into()];
    let mut current = 0usize;
    let mut n = 0;
    for line in ir.lines().skip(1) {
        if let Some(label) = line.split(':').next().filter(|l| !line.starts_with(' ') && line.contains(':') && !l.is_empty()) {
            labels.push(label.to_string());
            current = labels.len() - 1;
            continue;
        }
        let t = line.trim_start();
        if t.starts_with("br ") {
            for target in t.split("label %").skip(1) {
                let target: String = target.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.').collect();
                if labels.iter().position(|l| *l == target).is_some_and(|i| i <= current) {
                    n += 1;
                }
            }
        }
    }
    n
}

/// Figures of one function in one form, with an excerpt for the box.
fn measure(form: Form, name: &str, figures: Figures) -> Measured {
    let m = Measured::new(form.profile(), figures);
    let lang = match form {
        Form::IrDebug | Form::IrBeforeLlvm | Form::IrRelease => "llvm",
        Form::AsmDebug | Form::AsmRelease => "x86asm",
        _ => "rust",
    };
    m.code(lang, &format!("pipeline::{name}, {}", form.title()), &form.shown(name))
}

mod build_time;
mod cargo_settings;
mod dispatch;
mod errors;
mod forms;
mod generated;
mod incremental;
mod mir_levels;
mod parallel;
mod proc_macro;
mod timings;

use cargo_settings::*;
use errors::*;
use generated::*;
