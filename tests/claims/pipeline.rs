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

// ---------------------------------------------------------------------------------------------------
// The generated files the chapter includes.

/// (file under src/pipeline/generated/, form, functions): each file holds the functions, in order.
const DUMPS: &[(&str, Form, &[&str])] = &[
    ("report.expanded.rs.txt", Form::Expanded, &["report"]),
    ("report.hir.txt", Form::Hir, &["report"]),
    ("answer.hir.txt", Form::Hir, &["answer"]),
    ("loops.hir.txt", Form::Hir, &["sum_below", "sum_below_while"]),
    ("try.hir.txt", Form::Hir, &["parse_doubled", "parse_doubled_match"]),
    ("patterns.hir.txt", Form::Hir, &["first_or_zero", "drain_sum"]),
    ("length.hir.txt", Form::Hir, &["length"]),
    ("length.thir.txt", Form::Thir, &["length"]),
    ("factorial.debug.mir", Form::MirDebug, &["factorial"]),
    ("factorial.release.mir", Form::MirRelease, &["factorial"]),
    ("drops.debug.mir", Form::MirDebug, &["greeting_length"]),
    ("third.debug.mir", Form::MirDebug, &["third", "third_or_none"]),
    ("seven.debug.mir", Form::MirDebug, &["seven"]),
    ("seven.release.mir", Form::MirRelease, &["seven"]),
    ("call_twice.debug.mir", Form::MirDebug, &["call_twice"]),
    ("call_twice.release.mir", Form::MirRelease, &["call_twice"]),
    ("call_mix.release.mir", Form::MirRelease, &["call_mix"]),
    ("call_mix.release.ll", Form::IrRelease, &["call_mix"]),
    ("larger.debug.defines.ll", Form::IrDebug, &["larger", "larger_u8"]),
    ("use_larger.release.ll", Form::IrRelease, &["use_larger"]),
    ("add.debug.ll", Form::IrDebug, &["add"]),
    ("add.release.ll", Form::IrRelease, &["add"]),
    ("add_to.before-llvm.ll", Form::IrBeforeLlvm, &["add_to", "add_to_raw"]),
    ("sum_below.before-llvm.ll", Form::IrBeforeLlvm, &["sum_below"]),
    ("sum_below.release.ll", Form::IrRelease, &["sum_below"]),
    ("sum_slice.release.s", Form::AsmRelease, &["sum_slice"]),
];

/// All instances of `larger` in IR: `function_text` finds the first only.
fn all_instances(form: Form, name: &str) -> String {
    let path = format!("pipeline::{name}");
    let lines: Vec<&str> = form.raw().lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if proof::symbols::ir_defines(lines[i], &path) {
            let end = (i..lines.len()).find(|&j| lines[j] == "}").unwrap_or(lines.len() - 1);
            out.push(dump::normalize(&lab::excerpt(&lines[i..=end].join("\n"), Emit::LlvmIr)));
            i = end;
        }
        i += 1;
    }
    out.join("\n\n")
}

/// The text of a dump file: the functions, in order; for a file named `*.defines.ll`, only the `define`
/// lines of every instance of each.
fn dump_text(file: &str, form: Form, names: &[&str]) -> String {
    let ir = matches!(form, Form::IrDebug | Form::IrRelease | Form::IrBeforeLlvm);
    let parts: Vec<String> = names
        .iter()
        .map(|n| if ir { all_instances(form, n) } else { form.shown(n) })
        .map(|t| t.trim_end().to_string())
        .map(|t| if file.ends_with(".defines.ll") { t.lines().filter(|l| l.starts_with("define ")).collect::<Vec<_>>().join("\n") } else { t })
        .collect();
    dump::normalize(&parts.join(if file.ends_with(".defines.ll") { "\n" } else { "\n\n" }))
}

fn generated(file: &str) -> String {
    format!("src/pipeline/generated/{file}")
}

#[test]
fn generated_files_match_the_compiler() {
    for (file, form, names) in DUMPS {
        dump::check(&generated(file), &dump_text(file, *form, names));
    }
    // The size of every form of the whole lab, for the table and the diagram.
    let sizes: Vec<(Form, usize, usize)> = FORMS
        .iter()
        .map(|f| {
            let (lines, bytes) = dump::size(f.text());
            (*f, lines, bytes)
        })
        .collect();
    let mut table = String::from("| Form | How to get it | Lines | Bytes |\n|---|---|--:|--:|\n");
    for (f, lines, bytes) in &sizes {
        table.push_str(&format!("| {} | `{}` | {lines} | {bytes} |\n", f.title(), f.how()));
    }
    dump::check(&generated("dump-sizes.md.txt"), &table);
    dump::check(&generated("pipeline.svg"), &diagram(&sizes));
    // Where each error case fails, and the link error's message.
    let mut stages = String::from(
        "| Case | parse | expand | HIR | check | codegen | link | reported inside the queries (innermost first) |\n|---|---|---|---|---|---|---|---|\n",
    );
    for case in CASES {
        let p = probe(case);
        let cells: Vec<String> = MODES
            .iter()
            .map(|(mode, _)| match p.modes.iter().find(|(m, _)| m == mode) {
                Some((_, true)) => "passes".to_string(),
                Some((_, false)) => "**fails**".to_string(),
                None => "—".to_string(),
            })
            .collect();
        let query = if p.queries.is_empty() {
            "(none: outside the query system)".to_string()
        } else {
            p.queries.iter().map(|q| format!("`{q}`")).collect::<Vec<_>>().join(" in ")
        };
        stages.push_str(&format!("| `{case}` | {} | {query} |\n", cells.join(" | ")));
    }
    dump::check(&generated("error-stages.md.txt"), &stages);
    dump::check(&generated("link-error.stderr"), &link_error());
}

/// The pipeline diagram: one box per stage with what it does, the forms it produces with the size of
/// the lab's dump of each (from `sizes`), and the error cases it reports.
fn diagram(sizes: &[(Form, usize, usize)]) -> String {
    let size = |label: &str, f: Form| sizes.iter().find(|(g, ..)| *g == f).map(|(_, l, b)| format!("{label}: {l} lines, {b} bytes")).unwrap();
    // (stage, what it does, the forms it produces with their sizes, the error cases it reports)
    let stages: Vec<(&str, &str, Vec<String>, Vec<&str>)> = vec![
        ("Lexing and parsing", "text → tokens → AST", vec![size("source", Form::Source)], vec!["pipeline_lex", "pipeline_parse"]),
        (
            "Expansion, name resolution",
            "macros expanded, every name resolved",
            vec![size("expanded", Form::Expanded)],
            vec!["pipeline_macro", "pipeline_resolve"],
        ),
        ("Lowering to HIR", "for, while, ? and async desugared", vec![size("HIR", Form::Hir)], vec![]),
        ("Type checking", "types inferred, methods resolved → THIR", vec![size("THIR", Form::Thir)], vec!["pipeline_types", "pipeline_unsafe"]),
        (
            "MIR building, borrow checking",
            "control-flow graph; borrows checked",
            vec![size("MIR opt 0", Form::MirDebug), size("MIR opt 3", Form::MirRelease)],
            vec!["pipeline_borrow", "pipeline_lifetime"],
        ),
        (
            "Monomorphization, LLVM IR",
            "one copy per type; MIR → LLVM IR",
            vec![size("IR opt 0", Form::IrDebug), size("IR before LLVM", Form::IrBeforeLlvm)],
            vec!["pipeline_post_mono"],
        ),
        (
            "LLVM optimization, codegen",
            "optimized IR → machine code",
            vec![size("IR opt 3", Form::IrRelease), size("asm opt 3", Form::AsmRelease)],
            vec![],
        ),
        ("Linking", "object files + libraries → binary", vec!["(the lab is a library: nothing to link)".to_string()], vec!["pipeline_link"]),
    ];
    let width = 900;
    let row = 70;
    let height = 44 + row * stages.len();
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" role=\"img\" aria-labelledby=\"title desc\">\n  <title id=\"title\">The stages of rustc, what each produces for labs/pipeline, and the errors each reports</title>\n  <desc id=\"desc\">Eight stages from source text to binary, top to bottom. Each box names the stage and its work; beside it, the forms it produces with their size for the example library, and the compile-fail cases whose error it reports. Generated by tests/claims/pipeline.rs.</desc>\n  <defs>\n    <marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">\n      <path d=\"M0,0 L10,5 L0,10 z\" fill=\"#374151\"/>\n    </marker>\n  </defs>\n  <rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" rx=\"10\" fill=\"#ffffff\"/>\n  <g font-size=\"12\" fill=\"#6b7280\">\n    <text x=\"20\" y=\"24\">stage</text>\n    <text x=\"360\" y=\"24\">produces (size of the whole lab in that form)</text>\n    <text x=\"720\" y=\"24\">reports the error of</text>\n  </g>\n"
    );
    for (i, (stage, work, produces, errors)) in stages.iter().enumerate() {
        let y = 36 + i * row;
        let (fill, stroke) = match i {
            0..=2 => ("#dbeafe", "#2563eb"),
            3..=4 => ("#fef3c7", "#d97706"),
            _ => ("#dcfce7", "#15803d"),
        };
        svg.push_str(&format!(
            "  <g fill=\"#1f2937\">\n    <rect x=\"20\" y=\"{y}\" width=\"320\" height=\"52\" rx=\"8\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"/>\n    <text x=\"32\" y=\"{}\" font-size=\"14\" font-weight=\"600\">{stage}</text>\n    <text x=\"32\" y=\"{}\" font-size=\"12\">{work}</text>\n",
            y + 21,
            y + 40,
        ));
        let first = |n: usize| y + 30 - 8 * (n.saturating_sub(1));
        for (k, line) in produces.iter().enumerate() {
            svg.push_str(&format!(
                "    <text x=\"360\" y=\"{}\" font-size=\"12\" font-family=\"ui-monospace, monospace\">{line}</text>\n",
                first(produces.len()) + 16 * k
            ));
        }
        let errors: Vec<&str> = if errors.is_empty() { vec!["—"] } else { errors.clone() };
        for (k, case) in errors.iter().enumerate() {
            svg.push_str(&format!(
                "    <text x=\"720\" y=\"{}\" font-size=\"12\" font-family=\"ui-monospace, monospace\" fill=\"#b91c1c\">{case}</text>\n",
                first(errors.len()) + 16 * k
            ));
        }
        svg.push_str("  </g>\n");
        if i + 1 < stages.len() {
            svg.push_str(&format!(
                "  <path d=\"M180,{} L180,{}\" stroke=\"#374151\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n",
                y + 52,
                y + row - 1
            ));
        }
    }
    svg.push_str("</svg>\n");
    svg
}

// ---------------------------------------------------------------------------------------------------
// Claims on the forms of the lab.

fn contains(text: &str, needle: &str) -> bool {
    text.contains(needle)
}

#[test]
fn println_expands_to_a_print_call() {
    let measure_report = |form: Form| {
        let t = form.function("report");
        measure(
            form,
            "report",
            figures! { "calls std::io::_print" => contains(&t, "_print("), "locks stdout" => contains(&t, ".lock()"), "calls write_fmt" => contains(&t, "write_fmt") },
        )
    };
    claim("pipeline.expand.println-calls-print")
        .kind(Kind::Hir)
        .statement("Macro expansion turns `println!` into a call of `std::io::_print`; the expanded function neither locks stdout nor calls `write_fmt` itself.")
        .judges("003", "Macro Expansion", "`println!` expands to code that locks stdout, calls write_fmt with format_args! and unwraps the result.", "refuted: it expands to a call of `std::io::_print`; the locking and writing happen inside std")
        .judges("003", "Macro Expansion", "The expanded code can be seen with cargo expand.", "partly true: cargo expand is not run here; `-Zunpretty=expanded`, which it runs, shows the expansion")
        .predicate("report() calls std::io::_print and locks nothing", |f| f.bool("calls std::io::_print") && !f.bool("locks stdout") && !f.bool("calls write_fmt"))
        .subject("the expanded source (-Zunpretty=expanded)", || measure_report(Form::Expanded))
        .control("the source before expansion", || measure_report(Form::Source))
        .check();
}

#[test]
fn for_loop_desugars_to_into_iter_and_next() {
    let loop_figures = |name: &str| {
        let t = Form::Hir.function(name);
        measure(
            Form::Hir,
            name,
            figures! { "calls IntoIterator::into_iter" => contains(&t, "into_iter("), "calls Iterator::next" => contains(&t, "next(&mut iter)"), "matches None => break" => contains(&t, "None {} => break") },
        )
    };
    claim("pipeline.hir.for-loop-into-iter-next")
        .kind(Kind::Hir)
        .statement("In the HIR, a `for` loop becomes calls of `IntoIterator::into_iter` and `Iterator::next(&mut iter)` with `None => break`; a `while` loop does not.")
        .judges("003", "Stage 2: HIR", "A `for` loop is lowered to IntoIterator::into_iter, then a loop matching Iterator::next, breaking on None.", "confirmed")
        .predicate("the HIR calls into_iter and next and breaks on None", |f| f.bool("calls IntoIterator::into_iter") && f.bool("calls Iterator::next") && f.bool("matches None => break"))
        .subject("sum_below: for i in 0..n", || loop_figures("sum_below"))
        .control("sum_below_while: while i < n", || loop_figures("sum_below_while"))
        .check();
}

#[test]
fn while_let_becomes_loop_if_let() {
    let figures_of = |form: Form| {
        let t = form.function("drain_sum");
        measure(
            form,
            "drain_sum",
            figures! { "while" => contains(&t, "while "), "loop" => contains(&t, "loop {"), "if let … else break" => contains(&t, "if let") && contains(&t, "else { break; }"), "match" => contains(&t, "match ") },
        )
    };
    claim("pipeline.hir.while-let-loop-if-let")
        .kind(Kind::Hir)
        .statement("In the HIR, `while let` becomes a `loop` around `if let … else { break; }`, with no `while` and no `match` left.")
        .judges(
            "003",
            "Stage 2: HIR",
            "`while let` becomes a `loop` with a `match`.",
            "partly true: it becomes a `loop`, but with an `if let` and a `break`, not a `match`",
        )
        .predicate("a loop with if let … else break, no while, no match", |f| {
            f.bool("loop") && f.bool("if let … else break") && !f.bool("while") && !f.bool("match")
        })
        .subject("drain_sum in the HIR", || figures_of(Form::Hir))
        .control("drain_sum in the source", || figures_of(Form::Source))
        .check();
}

#[test]
fn if_let_stays_if_let() {
    let figures_of = |name: &str| {
        let t = Form::Hir.function(name);
        measure(Form::Hir, name, figures! { "if let" => contains(&t, "if let"), "match" => contains(&t, "match ") })
    };
    claim("pipeline.hir.if-let-stays")
        .kind(Kind::Hir)
        .statement("`if let` stays an `if let` in the HIR: it is not turned into a `match`.")
        .judges("003", "Stage 2: HIR", "`if let` becomes a `match`.", "refuted: the HIR keeps `if let`")
        .predicate("the HIR has an if let and no match", |f| f.bool("if let") && !f.bool("match"))
        .subject("first_or_zero: if let Some(first) = values.first()", || figures_of("first_or_zero"))
        .control("parse_doubled_match: written with a match", || figures_of("parse_doubled_match"))
        .check();
}

#[test]
fn question_mark_desugars_to_try_branch() {
    let figures_of = |name: &str| {
        let t = Form::Hir.function(name);
        measure(
            Form::Hir,
            name,
            figures! { "calls Try::branch" => contains(&t, "branch("), "returns FromResidual::from_residual" => contains(&t, "return from_residual("), "matches Break and Continue" => contains(&t, "Break {") && contains(&t, "Continue {") },
        )
    };
    claim("pipeline.hir.question-mark-try-branch")
        .kind(Kind::Hir)
        .statement("In the HIR, `expr?` calls `Try::branch(expr)` and matches `Continue` and `Break`, returning `FromResidual::from_residual(residual)` on `Break`.")
        .judges("003", "Stage 2: HIR", "`?` becomes a match on the Result or Option with an early return.", "partly true: the match is on what `Try::branch` returns, and the return goes through `from_residual`")
        .predicate("the HIR calls branch and returns from_residual on Break", |f| f.bool("calls Try::branch") && f.bool("returns FromResidual::from_residual") && f.bool("matches Break and Continue"))
        .subject("parse_doubled: text.trim().parse()?", || figures_of("parse_doubled"))
        .control("parse_doubled_match: the same with match … Err(e) => return Err(e)", || figures_of("parse_doubled_match"))
        .check();
}

#[test]
fn await_is_a_poll_loop_in_hir() {
    let figures_of = |form: Form| {
        let t = form.function("answer");
        measure(
            form,
            "answer",
            figures! { "calls IntoFuture::into_future" => contains(&t, "into_future("), "polls the future" => contains(&t, "poll("), "yields while pending" => contains(&t, "yield") && contains(&t, "Pending"), ".await" => contains(&t, ".await") },
        )
    };
    claim("pipeline.hir.await-poll-loop")
        .kind(Kind::Hir)
        .statement(
            "In the HIR, `.await` is gone: the future is passed to `IntoFuture::into_future`, then polled, with a `yield` while it is `Pending`.",
        )
        .judges(
            "003",
            "Stage 2: HIR",
            "`async`/`.await` becomes a state machine of generators in the HIR.",
            "partly true: the HIR polls and yields at each `.await`; no state machine is visible there yet",
        )
        .predicate("the HIR polls in a loop and yields, no .await left", |f| {
            f.bool("calls IntoFuture::into_future") && f.bool("polls the future") && f.bool("yields while pending") && !f.bool(".await")
        })
        .subject("answer in the HIR", || figures_of(Form::Hir))
        .control("answer in the source", || figures_of(Form::Source))
        .check();
}

#[test]
fn unpretty_needs_an_unstable_compiler() {
    let runs = |bootstrap: bool| {
        let src = [("lib.rs", lab_source())];
        let mut f = Figures::new();
        for (mode, flag) in [("hir", "-Zunpretty=hir"), ("mir", "-Zunpretty=mir")] {
            let key = format!("pipeline-unpretty-{mode}-{}", if bootstrap { "bootstrap" } else { "stable" });
            let args: Vec<&str> = LAB_ARGS.iter().copied().chain([flag, "lib.rs"]).collect();
            // dump::rustc sets RUSTC_BOOTSTRAP=1 for a -Z flag; an empty value switches it off again.
            let env: &[(&str, &str)] = if bootstrap { &[] } else { &[("RUSTC_BOOTSTRAP", "")] };
            let out = dump::rustc_env(&key, &src, &args, env);
            f.insert(format!("rustc {flag} succeeds"), Value::from(out.success));
        }
        let out = dump::rustc_env(
            if bootstrap { "pipeline-emit-mir-bootstrap" } else { "pipeline-emit-mir-stable" },
            &src,
            &LAB_ARGS.iter().copied().chain(["--emit=mir", "lib.rs"]).collect::<Vec<_>>(),
            &[],
        );
        f.insert("rustc --emit=mir succeeds".into(), Value::from(out.success));
        let p = ProfileRecord::named("rustc 1.95.0 (stable) on labs/pipeline", &[("RUSTC_BOOTSTRAP", if bootstrap { "1" } else { "unset" }.into())]);
        Measured::new(p, f)
    };
    claim("pipeline.unpretty.needs-nightly-or-bootstrap")
        .stable_only()
        .kind(Kind::CompileFail)
        .statement("A stable rustc refuses `-Zunpretty=hir` and `-Zunpretty=mir` unless `RUSTC_BOOTSTRAP=1` is set; `--emit=mir` works without it.")
        .judges(
            "003",
            "Stage 2: HIR",
            "The HIR can be printed with `-Z unpretty=hir`, which needs a nightly compiler.",
            "confirmed: a stable rustc refuses it unless `RUSTC_BOOTSTRAP=1` is set",
        )
        .judges(
            "003",
            "Practical Tips",
            "The MIR can be printed with `-Z unpretty=mir`, on nightly.",
            "confirmed: and `--emit=mir` prints MIR on a stable compiler, with no flag",
        )
        .predicate("stable rustc refuses both -Z flags, --emit=mir works", |f| {
            !f.bool("rustc -Zunpretty=hir succeeds") && !f.bool("rustc -Zunpretty=mir succeeds") && f.bool("rustc --emit=mir succeeds")
        })
        .subject("RUSTC_BOOTSTRAP unset", || runs(false))
        .control("RUSTC_BOOTSTRAP=1", || runs(true))
        .check();
}

#[test]
fn method_calls_are_resolved_by_type_checking() {
    let figures_of = |form: Form| {
        let t = form.function("length");
        measure(
            form,
            "length",
            figures! { "method-call syntax names.len()" => contains(&t, "names.len()"), "a Call of Vec's len" => contains(&t, "Call {") && contains(&t, "vec::{impl#1}::len") },
        )
    };
    claim("pipeline.thir.method-call-resolved")
        .kind(Kind::Hir)
        .statement("A method call is still a method call in the HIR (`names.len()`); only the THIR, built by type checking, has a plain `Call` of `Vec`'s `len`.")
        .judges("003", "Stage 2: HIR", "Method calls become function calls with an explicit self argument during lowering to HIR.", "refuted: the HIR keeps `names.len()`; the call with an explicit receiver appears in the THIR")
        .judges("003", "Stage 2: HIR", "The HIR is what the compiler uses for name resolution, including which trait method to call.", "refuted: which method is called is decided by type checking, and appears only in the THIR")
        .predicate("a Call of Vec's len, no method syntax", |f| f.bool("a Call of Vec's len") && !f.bool("method-call syntax names.len()"))
        .subject("length in the THIR (-Zunpretty=thir-tree)", || figures_of(Form::Thir))
        .control("length in the HIR (-Zunpretty=hir)", || figures_of(Form::Hir))
        .check();
}

/// MIR figures of one function: drops, overflow asserts, bounds asserts, calls.
fn mir_figures(form: Form, name: &str) -> Measured {
    let t = form.function(name);
    let count = |p: &str| t.matches(p).count() as u64;
    measure(
        form,
        name,
        figures! {
            "drop terminators" => count("drop(_"),
            "overflow asserts" => count("which would overflow"),
            "checked arithmetic (…WithOverflow)" => count("WithOverflow("),
            "bounds-check asserts" => count("index out of bounds"),
            "basic blocks" => t.lines().filter(|l| l.trim_start().starts_with("bb") && l.trim_end().ends_with('{')).count(),
            "returns const 7_u32" => contains(&t, "_0 = const 7_u32;"),
        },
    )
}

#[test]
fn mir_makes_drops_explicit() {
    claim("pipeline.mir.drops-explicit")
        .kind(Kind::Mir)
        .statement("MIR makes drops explicit: a function that builds a `String` has `drop` terminators; the same shape over a `usize` has none.")
        .judges(
            "003",
            "The Big Picture",
            "Each stage lowers the program further, removing syntactic sugar and making implicit behaviour explicit.",
            "confirmed: MIR spells out the drops that the source leaves implicit",
        )
        .predicate("the MIR has drop terminators", |f| margin::against(f, "drop terminators", Op::Ge, 1.0))
        .subject("greeting_length: a String from format!", || mir_figures(Form::MirDebug, "greeting_length"))
        .control("doubled_length: a usize", || mir_figures(Form::MirDebug, "doubled_length"))
        .check();
}

#[test]
fn overflow_checks_are_in_debug_mir_only() {
    claim("pipeline.mir.overflow-asserts-debug-only")
        .kind(Kind::Mir)
        .statement("At opt-level 0, the MIR of `factorial` checks its arithmetic for overflow with `assert`s; at opt-level 3 it has none.")
        .judges(
            "003",
            "Stage 4: MIR",
            "The MIR of a recursive factorial is a few blocks with a comparison, a Sub, a recursive call and a Mul.",
            "partly true: only at opt-level 3; at opt-level 0 the MIR also asserts against overflow",
        )
        .predicate("the MIR asserts against overflow", |f| margin::against(f, "overflow asserts", Op::Ge, 1.0))
        .subject("factorial at opt-level 0", || mir_figures(Form::MirDebug, "factorial"))
        .control("factorial at opt-level 3", || mir_figures(Form::MirRelease, "factorial"))
        .check();
}

#[test]
fn indexing_has_a_bounds_check_assert() {
    claim("pipeline.mir.bounds-check-assert")
        .kind(Kind::Mir)
        .statement("In MIR, `values[2]` on a slice is guarded by an \"index out of bounds\" `assert`; `values.get(2)` has none.")
        .predicate("the MIR has a bounds-check assert", |f| margin::against(f, "bounds-check asserts", Op::Ge, 1.0))
        .subject("third: values[2]", || mir_figures(Form::MirDebug, "third"))
        .control("third_or_none: values.get(2).copied()", || mir_figures(Form::MirDebug, "third_or_none"))
        .check();
}

#[test]
fn rustc_folds_constants_before_llvm() {
    claim("pipeline.mir.constant-folded-in-mir")
        .kind(Kind::Mir)
        .statement("rustc folds constants before LLVM: at opt-level 3 the MIR of `3 + 4` is already `_0 = const 7_u32`; at opt-level 0 it is not.")
        .judges(
            "003",
            "Stage 6: LLVM Optimization and Code Generation",
            "LLVM folds constants: 3 + 4 becomes 7.",
            "partly true: 3 + 4 does become 7, already in rustc's MIR, before LLVM sees it",
        )
        .predicate("the MIR returns const 7_u32", |f| f.bool("returns const 7_u32"))
        .subject("seven at opt-level 3", || mir_figures(Form::MirRelease, "seven"))
        .control("seven at opt-level 0", || mir_figures(Form::MirDebug, "seven"))
        .check();
}

fn call_figures(form: Form, caller: &str, callee: &str) -> Measured {
    // IR is read as rustc wrote it: symbols are found by demangling, before their hashes are masked.
    let t = if matches!(form, Form::MirDebug | Form::MirRelease) { form.function(caller) } else { form.raw_function(caller) };
    measure(form, caller, figures! { "caller" => caller, "callee" => callee, "calls from the caller to the callee" => calls_in(&t, form, callee) })
}

#[test]
fn mir_inliner_runs_when_optimizing() {
    claim("pipeline.mir.inliner-at-opt-level-3")
        .kind(Kind::Mir)
        .statement(
            "rustc inlines in MIR, before LLVM: at opt-level 3 the MIR of `call_twice` no longer calls the small `twice()`; at opt-level 0 it does.",
        )
        .judges(
            "003",
            "Stage 4: MIR",
            "MIR is where rustc optimizes: constant propagation, dead code elimination, inlining.",
            "partly true: shown for inlining, which rustc does in MIR at opt-level 3, not at opt-level 0",
        )
        .predicate("call_twice makes no call to twice in MIR", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("MIR at opt-level 3", || call_figures(Form::MirRelease, "call_twice", "twice"))
        .control("MIR at opt-level 0", || call_figures(Form::MirDebug, "call_twice", "twice"))
        .check();
}

#[test]
fn llvm_inlines_what_the_mir_inliner_left() {
    claim("pipeline.ir.llvm-inlines-what-mir-kept")
        .kind(Kind::Ir)
        .statement(
            "What the MIR inliner leaves, LLVM may still inline: at opt-level 3 `call_mix` calls `mix()` in MIR, but not in the optimized LLVM IR.",
        )
        .judges(
            "003",
            "Stage 6: LLVM Optimization and Code Generation",
            "LLVM's passes include inlining.",
            "confirmed: LLVM inlines a call that rustc's MIR inliner left",
        )
        .predicate("call_mix makes no call to mix", |f| f.u64("calls from the caller to the callee") == 0)
        .subject("the optimized LLVM IR at opt-level 3", || call_figures(Form::IrRelease, "call_mix", "mix"))
        .control("the same build's MIR (opt-level 3), which LLVM starts from", || call_figures(Form::MirRelease, "call_mix", "mix"))
        .check();
}

fn instance_figures(form: Form, name: &str) -> Measured {
    let n = defines(form.raw(), &format!("pipeline::{name}"));
    let m = Measured::new(form.profile(), figures! { "function" => name, "instances defined in the IR" => n });
    if n > 0 { m.code("llvm", &format!("pipeline::{name}, {}", form.title()), &all_instances(form, name)) } else { m }
}

#[test]
fn generic_function_gets_one_copy_per_type() {
    claim("pipeline.mono.one-copy-per-type")
        .kind(Kind::Ir)
        .statement("At opt-level 0, the generic `larger::<T>`, used with `i32`, `f64` and `&str`, is defined more than once in the IR; the non-generic `larger_u8` is not.")
        .judges("003", "Monomorphization", "A generic max used with i32, f64 and &str is compiled into three separate functions.", "confirmed: at opt-level 0, the IR defines one function per type")
        .judges("003", "Monomorphization", "Generics cost nothing at run time: by then only concrete functions are left, called directly.", "partly true: each type gets its own concrete function; run time itself is not measured here")
        .predicate("more than one instance is defined", |f| margin::against(f, "instances defined in the IR", Op::Gt, 1.0))
        .subject("larger::<T> at opt-level 0", || instance_figures(Form::IrDebug, "larger"))
        .control("larger_u8 at opt-level 0", || instance_figures(Form::IrDebug, "larger_u8"))
        .check();
}

#[test]
fn copies_are_inlined_when_optimizing() {
    claim("pipeline.mono.copies-inlined-at-opt-level-3")
        .kind(Kind::Ir)
        .statement("Monomorphized copies need not survive: at opt-level 3 no instance of `larger::<T>` is left in the optimized IR, though opt-level 0 defines several.")
        .judges("003", "Monomorphization", "More copies of generic functions mean a larger binary.", "partly true: only when the copies survive optimization; here none is left at opt-level 3")
        .predicate("no instance of larger is defined", |f| f.u64("instances defined in the IR") == 0)
        .subject("larger::<T> at opt-level 3", || instance_figures(Form::IrRelease, "larger"))
        .control("larger::<T> at opt-level 0", || instance_figures(Form::IrDebug, "larger"))
        .check();
}

#[test]
fn borrows_survive_as_noalias() {
    let figures_of = |name: &str| {
        let t = Form::IrBeforeLlvm.function(name);
        let define = t.lines().next().unwrap_or_default();
        measure(
            Form::IrBeforeLlvm,
            name,
            figures! { "noalias parameters" => define.matches("noalias").count(), "readonly parameters" => define.matches("readonly").count() },
        )
    };
    claim("pipeline.ir.references-become-noalias")
        .kind(Kind::Ir)
        .statement("rustc tells LLVM what references promise: in the IR it hands to LLVM, `&mut u32` and `&u32` parameters are `noalias`; raw-pointer parameters are not.")
        .judges("003", "Stage 5: LLVM IR", "In LLVM IR, ownership and borrowing are gone: everything has been verified and lowered to operations on values and memory.", "partly true: borrows are not checked there, but what references promise survives as `noalias`")
        .predicate("the parameters are noalias", |f| margin::against(f, "noalias parameters", Op::Ge, 1.0))
        .subject("add_to(&mut u32, &u32), rustc's IR before LLVM's passes", || figures_of("add_to"))
        .control("add_to_raw(*mut u32, *const u32), the same IR", || figures_of("add_to_raw"))
        .check();
}

#[test]
fn llvm_replaces_the_loop() {
    let figures_of = |form: Form| {
        let t = form.function("sum_below");
        measure(
            form,
            "sum_below",
            figures! { "back edges (loops)" => back_edges(&t), "alloca instructions" => t.matches(" alloca ").count(), "IR lines" => t.lines().count() },
        )
    };
    claim("pipeline.ir.llvm-removes-the-loop")
        .kind(Kind::Ir)
        .statement("LLVM's passes can remove a whole loop: the IR rustc hands to LLVM for `sum_below` has a loop; after LLVM's passes at opt-level 3 it has none.")
        .judges("003", "Stage 6: LLVM Optimization and Code Generation", "LLVM runs optimization passes such as constant folding, dead code elimination, inlining, loop transformations and vectorization.", "confirmed: here they replace a whole loop")
        .predicate("no loop is left", |f| f.u64("back edges (loops)") == 0)
        .subject("optimized IR (opt-level 3)", || figures_of(Form::IrRelease))
        .control("rustc's IR at opt-level 3 before LLVM's passes (-Cno-prepopulate-passes)", || figures_of(Form::IrBeforeLlvm))
        .check();
}

#[test]
fn add_is_one_instruction_in_release_ir() {
    let figures_of = |form: Form| {
        let t = form.function("add");
        let body: Vec<&str> = t.lines().skip(1).filter(|l| l.starts_with("  ")).collect();
        measure(
            form,
            "add",
            figures! { "instructions" => body.len(), "calls to the overflow panic" => body.iter().filter(|l| l.contains("call ") && l.contains("panic_const_add_overflow")).count(), "add instructions" => body.iter().filter(|l| l.contains("= add ")).count() },
        )
    };
    claim("pipeline.ir.add-is-one-instruction")
        .kind(Kind::Ir)
        .statement(
            "At opt-level 3, the IR of `a + b` on `u32` is a single `add` with no overflow check; at opt-level 0 it also calls the overflow panic.",
        )
        .judges(
            "003",
            "Stage 5: LLVM IR",
            "The IR of the add function is a define with one add instruction and a ret.",
            "partly true: only when optimized; at opt-level 0 the IR also checks for overflow",
        )
        .judges("003", "Stage 5: LLVM IR", "LLVM IR can be printed with --emit=llvm-ir.", "confirmed: with a stable compiler")
        .predicate("one add, no overflow check", |f| f.u64("add instructions") == 1 && f.u64("calls to the overflow panic") == 0)
        .subject("add at opt-level 3", || figures_of(Form::IrRelease))
        .control("add at opt-level 0", || figures_of(Form::IrDebug))
        .check();
}

#[test]
fn iterator_sum_is_vectorized() {
    let figures_of = |form: Form| {
        let body = form.shown("sum_slice");
        let instr = |name: &str| body.lines().filter(|l| l.trim_start().starts_with(name)).count() as u64;
        measure(
            form,
            "sum_slice",
            figures! { "paddq (two u64 additions each)" => instr("paddq"), "calls" => instr("call"), "bounds-check panics" => body.matches("panic_bounds_check").count() },
        )
    };
    claim("pipeline.asm.iterator-sum-vectorized")
        .kind(Kind::Asm)
        .statement("At opt-level 3, `data.iter().sum()` over `&[u64]` compiles to a vectorized loop (`paddq`, SSE2) with no call; at opt-level 0 it makes calls.")
        .judges("003", "Seeing the Final Assembly", "An iterator sum over &[u64] compiles at -O to vectorized SIMD code with no iterator calls and no bounds checks left.", "confirmed: SSE2 `paddq` even for the baseline x86-64 CPU, and no call left")
        .judges("003", "Stage 6: LLVM Optimization and Code Generation", "A debug build (cargo build) optimizes little, a release build (cargo build --release) fully; the assembly can be printed with --emit=asm.", "confirmed: a chain of calls at opt-level 0, a vectorized loop at opt-level 3")
        .predicate("vectorized (paddq) and no call", |f| margin::against(f, "paddq (two u64 additions each)", Op::Ge, 1.0) && f.u64("calls") == 0)
        .subject("sum_slice at opt-level 3", || figures_of(Form::AsmRelease))
        .control("sum_slice at opt-level 0", || figures_of(Form::AsmDebug))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Errors by stage: each case of tests/ui/cases/pipeline_*.rs compiled by rustc stopped after each stage.

/// The error cases, in pipeline order.
const CASES: &[&str] = &[
    "pipeline_lex",
    "pipeline_parse",
    "pipeline_macro",
    "pipeline_resolve",
    "pipeline_types",
    "pipeline_borrow",
    "pipeline_lifetime",
    "pipeline_unsafe",
    "pipeline_post_mono",
    "pipeline_link",
];

/// The stop points: rustc run only up to a stage. Each runs every stage before it.
const MODES: &[(&str, &[&str])] = &[
    ("parse", &["-Zparse-crate-root-only"]),
    ("expand", &["-Zunpretty=expanded"]),
    ("HIR", &["-Zunpretty=hir"]),
    ("check", &["--emit=metadata"]),
    ("codegen", &["--emit=obj"]),
    ("link", &["--emit=link"]),
];

struct Probe {
    /// (mode, passed) for each mode run, in order, up to the first that fails.
    modes: Vec<(&'static str, bool)>,
    /// The query stack under `-Ztreat-err-as-bug=1`, innermost first (empty outside the query system).
    queries: Vec<String>,
    /// The first error line of the failing mode.
    first_error: String,
}

impl Probe {
    fn first_failing(&self) -> &str {
        self.modes.iter().find(|(_, ok)| !ok).map_or("none", |(m, _)| m)
    }
}

fn case_source(case: &str) -> String {
    let path = proof::workspace::root().join(format!("tests/ui/cases/{case}.rs"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn case_run(case: &str, key: &str, extra: &[&str]) -> &'static Output {
    case_run_env(case, key, extra, &[])
}

fn case_run_env(case: &str, key: &str, extra: &[&str], env: &[(&str, &str)]) -> &'static Output {
    let src = case_source(case);
    let file = format!("{case}.rs");
    let mut args = vec!["--edition", "2024", "--crate-type", "bin", "--crate-name", case, "-o", "out"];
    args.extend_from_slice(extra);
    args.push(&file);
    dump::rustc_env(&format!("{case}-{key}"), &[(file.as_str(), src.as_str())], &args, env)
}

/// Runs the case under each mode until one fails, then under `-Ztreat-err-as-bug=1` for the query stack.
fn probe(case: &str) -> &'static Probe {
    static PROBES: OnceLock<std::sync::Mutex<std::collections::HashMap<String, &'static Probe>>> = OnceLock::new();
    if let Some(p) = PROBES.get_or_init(Default::default).lock().unwrap().get(case) {
        return p;
    }
    let mut modes = Vec::new();
    let mut first_error = String::from("(none)");
    for (mode, flags) in MODES {
        let out = case_run(case, mode, flags);
        modes.push((*mode, out.success));
        if !out.success {
            first_error = dump::normalize(out.stderr.lines().find(|l| l.starts_with("error")).unwrap_or("(no error line)")).trim_end().to_string();
            break;
        }
    }
    // RUST_BACKTRACE=1: the whole query stack (without it, rustc prints the two innermost queries).
    let bug = case_run_env(case, "treat-err-as-bug", &["-Ztreat-err-as-bug=1"], &[("RUST_BACKTRACE", "1")]);
    let queries = bug
        .stderr
        .lines()
        .filter(|l| l.starts_with('#'))
        .filter_map(|l| l.split('[').nth(1).and_then(|r| r.split(']').next()).map(str::to_string))
        .collect();
    let p: &'static Probe = Box::leak(Box::new(Probe { modes, queries, first_error }));
    PROBES.get().unwrap().lock().unwrap().insert(case.to_string(), p);
    p
}

fn stage_figures(case: &str) -> Measured {
    let p = probe(case);
    let mut f = figures! { "case" => case, "first stage that fails" => p.first_failing() };
    for (mode, ok) in &p.modes {
        f.insert(format!("stops after {mode}: passes"), Value::from(*ok));
    }
    f.insert("query reporting the error (innermost)".into(), Value::from(p.queries.first().cloned().unwrap_or_else(|| "none".into())));
    f.insert("query stack".into(), Value::from(if p.queries.is_empty() { "none".to_string() } else { p.queries.join(" < ") }));
    f.insert("first error".into(), Value::from(p.first_error.clone()));
    let profile = ProfileRecord::named(
        "rustc on the case, stopped after each stage",
        &[
            ("edition", "2024".into()),
            ("crate-type", "bin".into()),
            ("opt-level", 0.into()),
            ("stop points", MODES.iter().map(|(m, flags)| format!("{m}: {}", flags.join(" "))).collect::<Vec<_>>().join("; ").into()),
            ("query stack from", "-Ztreat-err-as-bug=1 (the first error becomes a compiler panic that prints the query stack)".into()),
            ("RUSTC_BOOTSTRAP", "1 (for the -Z flags, in those runs only)".into()),
        ],
    );
    Measured::new(profile, f)
}

#[test]
fn parse_errors_stop_the_parser() {
    claim("pipeline.errors.parse-in-parser")
        .kind(Kind::CompileFail)
        .statement("A missing `;` is a parse error: rustc stopped right after parsing already rejects it.")
        .judges(
            "003",
            "Understanding Compiler Errors",
            "Parse errors such as \"expected `;`\" come from lexing and parsing, the first stage.",
            "confirmed",
        )
        .predicate("fails when stopped after parsing", |f| f.str("first stage that fails") == "parse")
        .subject("pipeline_parse: let width = 3 (no `;`)", || stage_figures("pipeline_parse"))
        .control("pipeline_macro: a macro call no rule matches", || stage_figures("pipeline_macro"))
        .check();
}

#[test]
fn macro_errors_come_from_expansion() {
    claim("pipeline.errors.macro-in-expansion")
        .kind(Kind::CompileFail)
        .statement("A macro call that no `macro_rules!` rule accepts passes parsing and fails in macro expansion, before the HIR exists.")
        .judges(
            "003",
            "Macro Expansion",
            "Macros are expanded on the syntax tree, before any semantic analysis.",
            "confirmed: the macro error comes before the HIR exists and before any type check",
        )
        .predicate("passes parsing and fails in expansion", |f| f.bool("stops after parse: passes") && f.str("first stage that fails") == "expand")
        .subject("pipeline_macro: square!(3; 4)", || stage_figures("pipeline_macro"))
        .control("pipeline_types: a &str passed for a u32", || stage_figures("pipeline_types"))
        .check();
}

#[test]
fn name_resolution_errors_come_before_hir() {
    claim("pipeline.errors.resolution-before-hir")
        .kind(Kind::CompileFail)
        .statement("An unknown name passes parsing and is rejected during expansion and name resolution, before rustc can print the HIR.")
        .judges(
            "003",
            "Understanding Compiler Errors",
            "Name resolution errors (\"cannot find value\") come from stage 2, the HIR.",
            "refuted: the error comes before the HIR is built, during expansion and name resolution",
        )
        .judges("003", "The Pipeline as Design Philosophy", "Name resolution happens before type checking.", "confirmed")
        .judges(
            "003",
            "Stage 1: Lexing and Parsing",
            "In the AST nothing is resolved or type-checked yet: a type name such as u32 is only a name.",
            "confirmed: parsing accepts an unknown name; it is rejected only during expansion",
        )
        .predicate("fails before the HIR exists", |f| f.bool("stops after parse: passes") && f.str("first stage that fails") == "expand")
        .subject("pipeline_resolve: totl for total", || stage_figures("pipeline_resolve"))
        .control("pipeline_types: a &str passed for a u32", || stage_figures("pipeline_types"))
        .check();
}

#[test]
fn type_errors_come_from_typeck() {
    claim("pipeline.errors.type-in-typeck")
        .kind(Kind::CompileFail)
        .statement("A type mismatch passes lowering to HIR and is reported from inside the `typeck` query.")
        .judges("003", "Understanding Compiler Errors", "Type errors (\"expected u32, found &str\") come from type checking, stage 3.", "confirmed")
        // `typeck` became a method over the `typeck_root` query in rust-lang/rust#154304 (1.96): the
        // same type checking, under either name.
        .predicate("HIR is built, the error comes from typeck (the query `typeck`, or `typeck_root` from 1.96)", |f| {
            f.bool("stops after HIR: passes") && matches!(f.str("query reporting the error (innermost)"), "typeck" | "typeck_root")
        })
        .subject("pipeline_types: double(text) with text: &str", || stage_figures("pipeline_types"))
        .control("pipeline_borrow: a push while a borrow is in use", || stage_figures("pipeline_borrow"))
        .check();
}

#[test]
fn borrow_errors_come_from_mir_borrowck() {
    claim("pipeline.errors.borrow-on-mir")
        .kind(Kind::CompileFail)
        .statement("A borrow conflict (a push while a shared borrow is in use) is reported from inside the `mir_borrowck` query: the borrow checker runs on MIR.")
        .judges("003", "Understanding Compiler Errors", "Borrow checker errors come from stage 3, running on MIR.", "confirmed")
        .judges("003", "Stage 3: Borrow Checking", "The borrow checker operates on the THIR or MIR.", "partly true: on MIR; the query that reports the error is `mir_borrowck`")
        .judges("003", "Stage 4: MIR", "The borrow checker actually runs on MIR.", "confirmed")
        .judges("003", "Stage 3: Borrow Checking", "Many shared references or one mutable reference may exist, never both.", "confirmed: a push while a shared borrow is in use is rejected")
        .judges("003", "The Big Picture", "The pipeline goes HIR, then type checking, trait resolution and borrow checking, then THIR and MIR, then optimization and monomorphization, then LLVM.", "partly true: borrow checking runs on MIR (`mir_borrowck`), not before it")
        .predicate("the error comes from mir_borrowck", |f| f.str("query reporting the error (innermost)") == "mir_borrowck")
        .subject("pipeline_borrow: values.push(4) while first is in use", || stage_figures("pipeline_borrow"))
        .control("pipeline_types: a &str passed for a u32", || stage_figures("pipeline_types"))
        .check();
}

#[test]
fn lifetime_errors_come_from_mir_borrowck() {
    claim("pipeline.errors.lifetime-on-mir")
        .kind(Kind::CompileFail)
        .statement(
            "A reference that outlives its value (\"does not live long enough\") is a borrow-check error too, reported from inside `mir_borrowck`.",
        )
        .judges(
            "003",
            "Understanding Compiler Errors",
            "Lifetime errors (\"does not live long enough\") come from stage 3.",
            "confirmed: the borrow checker reports them, on MIR",
        )
        .judges("003", "Stage 3: Borrow Checking", "A reference must not outlive the value it refers to.", "confirmed")
        .predicate("the error comes from mir_borrowck", |f| f.str("query reporting the error (innermost)") == "mir_borrowck")
        .subject("pipeline_lifetime: r = &x, x dropped, r used", || stage_figures("pipeline_lifetime"))
        .control("pipeline_types: a &str passed for a u32", || stage_figures("pipeline_types"))
        .check();
}

#[test]
fn unsafety_is_checked_before_mir() {
    claim("pipeline.errors.unsafety-not-on-mir")
        .kind(Kind::CompileFail)
        .statement("Calling an unsafe function outside `unsafe` is reported from inside the `check_unsafety` query, after the HIR is built, not by a MIR query.")
        .judges("003", "Stage 4: MIR", "MIR is where the compiler checks for unsafety violations.", "refuted: the error comes from the `check_unsafety` query, not from a MIR query")
        .predicate("the error comes from check_unsafety", |f| f.bool("stops after HIR: passes") && f.str("query reporting the error (innermost)") == "check_unsafety")
        .subject("pipeline_unsafe: read_first(&x) without unsafe", || stage_figures("pipeline_unsafe"))
        .control("pipeline_borrow: a push while a borrow is in use", || stage_figures("pipeline_borrow"))
        .check();
}

#[test]
fn post_mono_errors_escape_cargo_check() {
    claim("pipeline.errors.post-mono-after-check")
        .kind(Kind::CompileFail)
        .statement("A constant that fails for one instance of a generic function passes `cargo check` and fails only in code generation, while instances are collected.")
        .judges("003", "The Pipeline as Design Philosophy", "Type checking runs before monomorphization, so generic code is checked once for every type that meets its bounds, unlike C++ templates, which are checked per instantiation.", "partly true: for types; a constant in generic code is checked per instance, after cargo check")
        .predicate("passes cargo check, fails in code generation, while collecting instances", |f| {
            f.bool("stops after check: passes") && f.str("first stage that fails") == "codegen" && f.str("query stack").contains("collect_and_partition_mono_items")
        })
        .subject("pipeline_post_mono: store::<()> with a zero-size assertion", || stage_figures("pipeline_post_mono"))
        .control("pipeline_types: a &str passed for a u32", || stage_figures("pipeline_types"))
        .check();
}

#[test]
fn link_errors_come_from_the_linker() {
    claim("pipeline.errors.link-at-link")
        .kind(Kind::CompileFail)
        .statement("A function declared in an `extern` block and defined nowhere passes every stage of rustc, code generation included; only the link fails.")
        .judges("003", "Understanding Compiler Errors", "Linker errors (\"undefined symbol\") come from the last stage.", "confirmed: rustc's own stages accept the program; only the link fails")
        .predicate("passes code generation, fails to link", |f| f.bool("stops after codegen: passes") && f.str("first stage that fails") == "link")
        .subject("pipeline_link: a call of an undefined extern \"C\" function", || stage_figures("pipeline_link"))
        .control("pipeline_post_mono: an instance whose constant fails", || stage_figures("pipeline_post_mono"))
        .check();
}

/// The link error as the chapter shows it: rustc's error line and the linker's lines that name the
/// symbol (the linker's command line, with this machine's paths, is left out).
fn link_error() -> String {
    let out = case_run("pipeline_link", "link", &["--emit=link"]);
    assert!(!out.success, "pipeline_link linked");
    let kept: Vec<String> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("error") || l.contains("undefined symbol") || l.contains("undefined reference"))
        .map(|l| l.trim_start_matches("  = note: ").trim().to_string())
        .collect();
    dump::normalize(&kept.join("\n"))
}

// ---------------------------------------------------------------------------------------------------
// Dynamic dispatch and monomorphization: labs/pipeline/dispatch.rs compiled on its own, four ways.

/// The IR rustc emits at opt-level 0 for dispatch.rs with `describe` generic or taking `&dyn Shape`, and
/// `report` passing it four shape types or one.
fn dispatch_ir(generic: bool, four: bool) -> &'static str {
    let path = lab::lab_dir("pipeline").join("dispatch.rs");
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let key = format!("pipeline-dispatch-{}-{}", if generic { "generic" } else { "dyn" }, if four { "four" } else { "one" });
    let mut args =
        vec!["--edition", "2024", "--crate-type", "lib", "--crate-name", "dispatch", "-Copt-level=0", "-Ccodegen-units=1", "--emit=llvm-ir"];
    if generic {
        args.extend(["--cfg", "generic"]);
    }
    if four {
        args.extend(["--cfg", "four"]);
    }
    args.push("dispatch.rs");
    let out = dump::rustc(&key, &[("dispatch.rs", src.as_str())], &args);
    assert!(out.success, "rustc failed on dispatch.rs ({key}):\n{}", out.stderr);
    static TEXTS: OnceLock<std::sync::Mutex<std::collections::HashMap<String, &'static str>>> = OnceLock::new();
    let mut map = TEXTS.get_or_init(Default::default).lock().unwrap();
    map.entry(key).or_insert_with(|| Box::leak(out.file("dispatch.ll").into_boxed_str()))
}

/// For one number of shape types: the IR of the generic and of the `&dyn Shape` version.
fn dispatch_figures(four: bool) -> Measured {
    let (generic, dynamic) = (dispatch_ir(true, four), dispatch_ir(false, four));
    let lines = |ir: &str| ir.lines().filter(|l| !l.trim().is_empty()).count() as u64;
    let profile = ProfileRecord::named(
        "rustc --emit=llvm-ir -Copt-level=0 on labs/pipeline/dispatch.rs",
        &[
            ("opt-level", 0.into()),
            ("codegen-units", 1.into()),
            ("edition", "2024".into()),
            ("crate-type", "lib".into()),
            ("shape types passed to describe", if four { "4" } else { "1" }.into()),
        ],
    );
    let shown = dump::normalize(&all_defines(dynamic, "dispatch::describe"));
    Measured::new(
        profile,
        figures! {
            "instances of describe (generic version)" => defines(generic, "dispatch::describe"),
            "instances of describe (dyn Shape version)" => defines(dynamic, "dispatch::describe"),
            "IR lines of the crate (generic version)" => lines(generic),
            "IR lines of the crate (dyn Shape version)" => lines(dynamic),
            "functions defined (generic version)" => generic.lines().filter(|l| l.starts_with("define ")).count(),
            "functions defined (dyn Shape version)" => dynamic.lines().filter(|l| l.starts_with("define ")).count(),
        },
    )
    .code("llvm", "the define lines of describe, generic version", &dump::normalize(&all_defines(generic, "dispatch::describe")))
    .code("llvm", "the define line of describe, dyn Shape version", &shown)
}

/// The `define` lines of every instance of `path` in `ir`, demangled.
fn all_defines(ir: &str, path: &str) -> String {
    ir.lines().filter(|l| proof::symbols::ir_defines(l, path)).map(|l| lab::excerpt(l, Emit::LlvmIr)).collect::<Vec<_>>().join("\n")
}

#[test]
fn dyn_trait_compiles_one_copy() {
    claim("pipeline.mono.dyn-compiles-one-copy")
        .kind(Kind::Ir)
        .statement("At opt-level 0, a function taking `&dyn Shape` used with four shape types emits fewer LLVM IR lines than the same function generic; with one type it does not.")
        .judges("003", "Monomorphization", "dyn Trait needs no monomorphization, so less code is compiled.", "confirmed: one copy of the function instead of one per type, and less IR in all")
        .predicate("the dyn Shape version has fewer IR lines than the generic one", |f| margin::lt(f, "IR lines of the crate (dyn Shape version)", "IR lines of the crate (generic version)"))
        .subject("report passes four shape types to describe", || dispatch_figures(true))
        .control("report passes one shape type to describe", || dispatch_figures(false))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// The parallel front end: -Zthreads=1 against -Zthreads=8, the code written compared byte for byte.

/// The assembly and object file of the lab at `opt` with `-Zthreads=<threads>`.
fn threads_output(threads: u32, opt: u32) -> (String, Vec<u8>) {
    let src = [("lib.rs", lab_source())];
    let key = format!("pipeline-threads-{threads}-opt{opt}");
    let (t, o) = (format!("-Zthreads={threads}"), format!("-Copt-level={opt}"));
    let args: Vec<&str> = LAB_ARGS.iter().copied().chain([t.as_str(), o.as_str(), "--emit=asm,obj", "lib.rs"]).collect();
    let out = dump::rustc(&key, &src, &args);
    assert!(out.success, "rustc failed on the pipeline lab ({key}):\n{}", out.stderr);
    let obj = std::fs::read(out.dir.join("pipeline.o")).unwrap_or_else(|e| panic!("no pipeline.o for {key}: {e}"));
    (out.file("pipeline.s"), obj)
}

/// The code written with `-Zthreads=<threads>` at `opt`, against `-Zthreads=1` at opt-level 3.
fn threads_figures(threads: u32, opt: u32) -> Measured {
    let (base_asm, base_obj) = threads_output(1, 3);
    let (asm, obj) = threads_output(threads, opt);
    let profile = ProfileRecord::named(
        &format!("rustc -Zthreads={threads} -Copt-level={opt} --emit=asm,obj on labs/pipeline, against -Zthreads=1 -Copt-level=3"),
        &[
            ("opt-level", opt.into()),
            ("threads", threads.into()),
            ("codegen-units", 1.into()),
            ("target-cpu", "x86-64".into()),
            ("RUSTC_BOOTSTRAP", "1 (for -Zthreads, in these runs only)".into()),
        ],
    );
    Measured::new(
        profile,
        figures! {
            "assembly identical to -Zthreads=1 at opt-level 3" => asm == base_asm,
            "object file identical to -Zthreads=1 at opt-level 3" => obj == base_obj,
            "assembly lines" => asm.lines().count(),
            "assembly lines with -Zthreads=1 at opt-level 3" => base_asm.lines().count(),
            "object file (bytes)" => obj.len(),
            "object file with -Zthreads=1 at opt-level 3 (bytes)" => base_obj.len(),
        },
    )
}

#[test]
fn parallel_front_end_writes_the_same_code() {
    claim("pipeline.front-end.threads-same-code")
        .kind(Kind::Asm)
        .statement("The parallel front end leaves the code alone: the lab compiled with `-Zthreads=8` gives the same assembly and object file, byte for byte, as with `-Zthreads=1`.")
        .judges("002", "Build configuration: compile times", "The parallel front end does not change the generated code.", "confirmed: -Zthreads=8 writes the same assembly and object file as -Zthreads=1")
        .predicate("the assembly and the object file are identical", |f| f.bool("assembly identical to -Zthreads=1 at opt-level 3") && f.bool("object file identical to -Zthreads=1 at opt-level 3"))
        .subject("-Zthreads=8 at opt-level 3", || threads_figures(8, 3))
        .control("-Zthreads=8 at opt-level 1", || threads_figures(8, 1))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Incremental compilation: which codegen units a second build generates again.

/// The object files (codegen units) of the newest incremental session under `inc`, with their inodes:
/// a unit rustc reuses is hard-linked from the previous session (same inode); one it generates again is
/// a new file.
fn session_objects(inc: &std::path::Path) -> std::collections::BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    let mut sessions: Vec<std::path::PathBuf> = std::fs::read_dir(inc)
        .expect("the incremental directory")
        .flatten()
        .flat_map(|crate_dir| std::fs::read_dir(crate_dir.path()).into_iter().flatten().flatten().map(|e| e.path()))
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("s-") && !n.to_string_lossy().ends_with("-working")))
        .collect();
    sessions.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    let newest = sessions.last().expect("an incremental session");
    std::fs::read_dir(newest)
        .expect("the session directory")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "o"))
        .map(|e| (dump::normalize(&e.file_name().to_string_lossy()).trim().to_string(), e.metadata().expect("metadata").ino()))
        .collect()
}

/// Builds the lab twice with `-Cincremental`, the second time after `change` (`edit`: the body of
/// `twice` multiplies by 5 instead of 2; otherwise the second build adds `-Copt-level=1`), and counts the
/// codegen units of the second build that rustc reused and those it generated again. Kept across
/// processes (proof::stamp::memo) while the toolchain and the lab's source are unchanged.
fn incremental_figures(edit: bool) -> Measured {
    let change =
        if edit { "an edit to the body of twice (wrapping_mul(2) becomes wrapping_mul(5))" } else { "-Copt-level=1 added to the second build" };
    proof::provenance::note(format!("rustc -Cincremental on the pipeline lab, twice, {change}"));
    let name = if edit { "incremental-edit" } else { "incremental-opt-level" };
    let key = format!(
        "{}\nlib.rs {}\nchange {change}\n",
        proof::environment::key_line(&proof::environment::toolchain_key()),
        proof::environment::digest_of_text(lab_source())
    );
    let text = proof::stamp::memo("pipeline", name, &key, || {
        let dir = proof::workspace::target_dir().join("pipeline-incremental").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch directory");
        std::fs::write(dir.join("lib.rs"), lab_source()).expect("lib.rs");
        let build = |extra: &[&str]| {
            let mut cmd = std::process::Command::new(proof::toolchain::rustc_path());
            cmd.current_dir(&dir)
                .args([
                    "--edition",
                    "2024",
                    "--crate-type",
                    "lib",
                    "--crate-name",
                    "pipeline",
                    "-Cincremental=inc",
                    "-Zhuman-readable-cgu-names",
                    "-Zincremental-info",
                ])
                .args(extra)
                .arg("lib.rs");
            for var in ["RUSTFLAGS", "RUSTC_WRAPPER", "RUSTC_WORKSPACE_WRAPPER", "CARGO_ENCODED_RUSTFLAGS", "RUSTC_LOG"] {
                cmd.env_remove(var);
            }
            let out = cmd.env("RUSTC_BOOTSTRAP", "1").output().expect("rustc runs");
            assert!(out.status.success(), "rustc -Cincremental failed:\n{}", String::from_utf8_lossy(&out.stderr));
            session_objects(&dir.join("inc"))
        };
        let first = build(&[]);
        if edit {
            let text = lab_source();
            assert!(text.contains("x.wrapping_mul(2)"), "the lab's twice() changed: update the edit");
            std::fs::write(dir.join("lib.rs"), text.replacen("x.wrapping_mul(2)", "x.wrapping_mul(5)", 1)).expect("edit");
        }
        let second = build(if edit { &[] } else { &["-Copt-level=1"] });
        let reused: Vec<&String> = second.iter().filter(|(n, ino)| first.get(*n) == Some(ino)).map(|(n, _)| n).collect();
        let again: Vec<&String> = second.iter().filter(|(n, ino)| first.get(*n) != Some(ino)).map(|(n, _)| n).collect();
        serde_json::json!({ "first": first.len(), "second": second.len(), "reused": reused.len(), "again": again, }).to_string()
    });
    let v: Value = serde_json::from_str(&text).expect("kept figures");
    let again: Vec<&str> = v["again"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let profile = ProfileRecord::named(
        "rustc -Cincremental on labs/pipeline, built twice",
        &[
            ("opt-level", if edit { "0, both builds" } else { "0, then 1" }.into()),
            ("incremental", true.into()),
            ("between the builds", change.into()),
            ("flags", "-Zhuman-readable-cgu-names -Zincremental-info (RUSTC_BOOTSTRAP=1, in these runs only)".into()),
            ("reused", "a codegen unit whose object file is hard-linked from the first build's session".into()),
        ],
    );
    Measured::new(
        profile,
        figures! {
            "codegen units, first build" => v["first"].as_u64().unwrap_or(0),
            "codegen units, second build" => v["second"].as_u64().unwrap_or(0),
            "codegen units reused" => v["reused"].as_u64().unwrap_or(0),
            "codegen units generated again" => again.len(),
            "generated again" => if again.len() > 4 { format!("{} and {} more", again[..4].join(", "), again.len() - 4) } else { again.join(", ") },
        },
    )
}

#[test]
fn incremental_reuses_unchanged_units() {
    claim("pipeline.incremental.edit-regenerates-its-unit")
        .kind(Kind::Ir)
        .statement("With incremental compilation, after an edit to one function rustc generates code again for fewer codegen units than it reuses; after an opt-level change it reuses none.")
        .judges("003", "Why Rust Is Slow to Compile", "Incremental compilation recompiles only what changed.", "confirmed: after a one-function edit, only the unit holding that function is generated again")
        .judges("004", "Inlining and Separate Compilation", "Separate compilation lets modules be compiled in parallel and recompiled incrementally.", "partly true: an edit regenerates only the codegen unit it touches; parallel compilation is not measured")
        .predicate("some codegen units are reused, and fewer are generated again than reused", |f| {
            margin::against(f, "codegen units reused", Op::Gt, 0.0) && margin::lt(f, "codegen units generated again", "codegen units reused")
        })
        .subject("an edit to the body of twice between the builds", || incremental_figures(true))
        .control("-Copt-level=1 added to the second build", || incremental_figures(false))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Cargo settings of "Speeding up compilation", tried on scratch copies of labs.

/// Copies `from` to `to`, without `target/`.
fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("scratch directory");
    for e in std::fs::read_dir(from).expect("lab directory").flatten() {
        let p = e.path();
        if p.file_name().is_some_and(|n| n == "target") {
            continue;
        }
        if p.is_dir() {
            copy_tree(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy");
        }
    }
}

/// `cargo build -v` on a scratch copy of `lab` after `files` ((path in the copy, text appended)) are
/// written, with an environment cleaned of what would change the build; cargo's stderr (its warnings and
/// the rustc command lines), then its stdout, with the scratch directory's path masked. Kept across processes
/// (proof::stamp::memo) while the toolchain, the lab and the files are unchanged.
fn scratch_cargo(case: &str, lab: &str, files: &[(&str, &str)], args: &[&str]) -> String {
    scratch_cargo_reading(case, lab, files, args, None)
}

/// [`scratch_cargo`], followed by the text of `read` (a file the build wrote, relative to the copy)
/// after [`FILE_FOLLOWS`], or nothing if the build wrote no such file.
fn scratch_cargo_reading(case: &str, lab: &str, files: &[(&str, &str)], args: &[&str], read: Option<&str>) -> String {
    proof::provenance::note(format!("cargo {} on a copy of lab {lab} with {files:?}", args.join(" ")));
    let key = format!(
        "{}\nlab {}\nfiles {files:?}\nargs {args:?}\nread {read:?}\n",
        proof::environment::key_line(&proof::environment::toolchain_key()),
        lab::source_digest(lab)
    );
    proof::stamp::memo("pipeline", case, &key, || {
        let dir = proof::workspace::target_dir().join("pipeline-scratch").join(case);
        let _ = std::fs::remove_dir_all(&dir);
        copy_tree(&lab::lab_dir(lab), &dir);
        for (file, text) in files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("directory");
            let old = std::fs::read_to_string(&path).unwrap_or_default();
            std::fs::write(&path, old + text).expect("write");
        }
        let mut cmd = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        // The target directory right after the subcommand: `cargo rustc … -- <rustc flags>` ends with rustc's.
        cmd.current_dir(&dir).arg(args[0]).arg("--target-dir").arg(dir.join("target")).args(&args[1..]);
        for (k, _) in std::env::vars() {
            if k.starts_with("CARGO_") && k != "CARGO_HOME" || k.contains("RUSTFLAGS") || k.starts_with("RUSTC_") {
                cmd.env_remove(&k);
            }
        }
        let out = cmd.output().expect("cargo runs");
        let mask = |b: &[u8]| String::from_utf8_lossy(b).replace(&dir.display().to_string(), "<scratch>");
        let stderr = mask(&out.stderr);
        assert!(out.status.success(), "cargo {args:?} failed on a copy of {lab}:\n{stderr}");
        let file = read.and_then(|f| std::fs::read(dir.join(f)).ok()).map(|b| format!("{FILE_FOLLOWS}{}", mask(&b))).unwrap_or_default();
        format!("{stderr}{STDOUT_FOLLOWS}{}{file}", mask(&out.stdout))
    })
}

/// Between cargo's stdout and the file read in what [`scratch_cargo_reading`] keeps.
const FILE_FOLLOWS: &str = "\n--- file ---\n";

/// Between cargo's stderr and its stdout in what [`scratch_cargo`] keeps.
const STDOUT_FOLLOWS: &str = "\n--- stdout ---\n";

/// Cargo's stdout in what [`scratch_cargo`] returned.
fn stdout_of(kept: &str) -> &str {
    let out = kept.split_once(STDOUT_FOLLOWS).map_or("", |(_, out)| out);
    out.split_once(FILE_FOLLOWS).map_or(out, |(out, _)| out)
}

/// The rustc command line cargo ran for crate `krate` (from `cargo build -v`).
fn rustc_line<'a>(stderr: &'a str, krate: &str) -> &'a str {
    stderr
        .lines()
        .find(|l| l.contains("Running `") && l.contains(&format!("--crate-name {krate} ")))
        .unwrap_or_else(|| panic!("cargo ran no rustc for {krate}:\n{stderr}"))
}

/// The `-C opt-level` cargo gave rustc in a command line ("0" when it gave none: rustc's default).
fn opt_level_of(line: &str) -> String {
    line.split("-C opt-level=").nth(1).and_then(|r| r.split_whitespace().next()).unwrap_or("0").to_string()
}

/// A `[target.<host>]` table giving rustc a `--cfg`, and whether cargo warned about it and passed it on.
const TARGET_TABLE: &str = "\n[target.x86_64-unknown-linux-gnu]\nrustflags = [\"--cfg\", \"from_target_table\"]\n";

fn target_table_figures(in_manifest: bool) -> Measured {
    let (case, file) = if in_manifest { ("target-table-manifest", "Cargo.toml") } else { ("target-table-config", ".cargo/config.toml") };
    let stderr = scratch_cargo(case, "pipeline", &[(file, TARGET_TABLE)], &["build", "-v", "--offline"]);
    let warning = stderr.lines().find(|l| l.starts_with("warning:") && l.contains("unused manifest key")).unwrap_or("(none)");
    Measured::new(
        ProfileRecord::named(
            &format!("cargo build -v on a copy of labs/pipeline, the table in {file}"),
            &[("profile", "dev".into()), ("table", TARGET_TABLE.trim().into())],
        ),
        figures! {
            "cargo warns of an unused manifest key" => warning != "(none)",
            "the warning" => warning.to_string(),
            "rustc gets --cfg from_target_table" => rustc_line(&stderr, "pipeline").contains("--cfg from_target_table"),
        },
    )
}

#[test]
fn target_table_in_manifest_is_ignored() {
    claim("pipeline.speed.target-table-ignored-in-manifest")
        .kind(Kind::Behaviour)
        .statement("A `[target.<triple>]` table in Cargo.toml is ignored with an \"unused manifest key\" warning; the same table in .cargo/config.toml reaches rustc.")
        .judges("003", "Speeding Up Compilation", "A faster linker is configured in a [target.<triple>] table of Cargo.toml.", "refuted: Cargo ignores that table in Cargo.toml (\"unused manifest key\"); it takes effect in .cargo/config.toml")
        .predicate("cargo warns and rustc does not get the table's flags", |f| f.bool("cargo warns of an unused manifest key") && !f.bool("rustc gets --cfg from_target_table"))
        .subject("the table in Cargo.toml", || target_table_figures(true))
        .control("the table in .cargo/config.toml", || target_table_figures(false))
        .check();
}

/// `[profile.dev.package."*"] opt-level = 2` in labs/deps: the opt-level rustc gets for `krate`.
const DEPS_STAR: &str = "\n[profile.dev.package.\"*\"]\nopt-level = 2\n";

fn star_figures(krate: &str, what: &str) -> Measured {
    let stderr = scratch_cargo("profile-dev-package-star", "deps", &[("Cargo.toml", DEPS_STAR)], &["build", "-v", "--locked", "--offline"]);
    proof::provenance::note(format!("rustc command line of {krate}"));
    Measured::new(
        ProfileRecord::named(
            "cargo build -v on a copy of labs/deps",
            &[("profile", "dev".into()), ("added to the workspace's Cargo.toml", DEPS_STAR.trim().into())],
        ),
        figures! { "crate" => krate, "what it is" => what, "opt-level rustc gets" => opt_level_of(rustc_line(&stderr, krate)) },
    )
}

#[test]
fn package_star_optimizes_dependencies_only() {
    claim("pipeline.speed.package-star-dependencies-only")
        .kind(Kind::Behaviour)
        .statement("`[profile.dev.package.\"*\"] opt-level = 2` gives opt-level 2 to a dependency outside the workspace and leaves a workspace member at opt-level 0.")
        .judges("003", "Speeding Up Compilation", "[profile.dev.package.\"*\"] optimizes dependencies but not your own code.", "confirmed: \"*\" covers crates outside the workspace, not its members")
        .predicate("rustc gets opt-level 2", |f| f.str("opt-level rustc gets") == "2")
        .subject("outside: a path dependency outside the workspace", || star_figures("outside", "a path dependency outside the workspace"))
        .control("member: a workspace member the program depends on", || star_figures("member", "a workspace member"))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// A procedural macro in macro expansion: the derive of labs/compiletime's `macros` crate.

/// The derive's user, labs/compiletime/uses-macro/src/lib.rs, as written or as `-Zunpretty=expanded`
/// prints it (a copy of the lab built with `cargo rustc`: the macro crate is compiled for the host first).
fn derive_figures(expanded: bool) -> Measured {
    let text = if expanded {
        let kept = scratch_cargo(
            "proc-macro-expanded",
            "compiletime",
            &[],
            &["rustc", "-p", "uses-macro", "--lib", "--locked", "--offline", "--config", "env.RUSTC_BOOTSTRAP=\"1\"", "--", "-Zunpretty=expanded"],
        );
        stdout_of(&kept).to_string()
    } else {
        let path = lab::lab_dir("compiletime").join("uses-macro/src/lib.rs");
        proof::provenance::note(format!("source {}", path.display()));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    };
    let shown: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("//")).collect();
    let profile = ProfileRecord::named(
        if expanded {
            "cargo rustc -p uses-macro -- -Zunpretty=expanded, on a copy of labs/compiletime"
        } else {
            "labs/compiletime/uses-macro/src/lib.rs as written"
        },
        &[
            ("profile", "dev".into()),
            ("macro", "#[derive(macros::Describe)], from a proc-macro crate of the lab".into()),
            ("RUSTC_BOOTSTRAP", "1 (for -Zunpretty, through cargo's [env], in that run only)".into()),
        ],
    );
    Measured::new(
        profile,
        figures! {
            "has the derive's impl Point { fn describe }" => text.contains("impl Point") && text.contains("fn describe()"),
            "derive attribute left" => text.contains("derive(macros::Describe)"),
        },
    )
    .code("rust", if expanded { "uses-macro, expanded" } else { "uses-macro, as written" }, &shown.join("\n"))
}

#[test]
fn proc_macro_expands_with_the_others() {
    claim("pipeline.expand.proc-macro-derive")
        .kind(Kind::Hir)
        .statement("A derive from a proc-macro crate is expanded with the other macros: the expanded source has the `impl` it generates, and no `#[derive]` is left.")
        .judges("003", "Macro Expansion", "Procedural macros and macro_rules! macros both expand at this stage, and the compiler expands again and again until no macro call is left.", "partly true: a derive's output is in the expanded source with no macro left; the repeated passes themselves are not visible")
        .predicate("the expanded source has the impl and no derive", |f| f.bool("has the derive's impl Point { fn describe }") && !f.bool("derive attribute left"))
        .subject("-Zunpretty=expanded", || derive_figures(true))
        .control("the source as written", || derive_figures(false))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Build time, by the rule of Methodology: a wide ordering of the CPU time of cold builds of a small lab
// (proof::build_cost). The figures are shown; only the verdict is compared.

/// The predicate of an ordering that is not wide: the slower setting's fastest run costs less than
/// twice the faster setting's slowest.
fn within_twice(f: &Figures) -> bool {
    margin::ratio(f, build_cost::SLOWER_BEST, build_cost::FASTER_WORST, Op::Lt, build_cost::WIDE)
}

/// Fat LTO against the default release build of the siblings lab (the LTO part's builds, one stamp each):
/// an ordering that is wide, the control of the orderings below that are not.
fn fat_lto_against_default() -> Measured {
    let fat = ColdBuild::new("lto = \"fat\"", &["build", "--locked"], Some(Profile::custom("release-fat", Base::Release).lto("fat")));
    let default = ColdBuild::new("default", &["build", "--locked"], Some(Profile::release()));
    build_cost::ordering("siblings", &fat, &default, Resource::Cpu)
}

#[test]
fn checking_is_under_half_of_a_build() {
    let build = ColdBuild::new("cargo build", &["build", "--locked"], Some(Profile::dev()));
    let check = ColdBuild::new("cargo check", &["check", "--locked"], Some(Profile::dev()));
    let check_release = ColdBuild::new("cargo check --release", &["check", "--locked"], Some(Profile::release()));
    claim("pipeline.build-cost.checking-under-half")
        .kind(Kind::BuildCost)
        .statement("Cold, on the workload lab (dev profile), `cargo build` costs at least twice the CPU time of `cargo check`, which runs every stage up to borrow checking, by the rule.")
        .judges("003", "Stage 3: Type Checking and Borrow Checking", "Type checking and borrow checking are where most of Rust's compile time is spent.", "refuted: the stages up to borrow checking (cargo check) cost under half of a build's CPU time on a small lab")
        .judges("003", "Why Rust Is Slow to Compile", "Macro expansion (derive especially), type inference, borrow checking, monomorphization and LLVM optimization each add significant compile time, monomorphization and LLVM the most.", "partly true: what follows cargo check's stages costs more than all of them together; each stage's own share is not measured")
        .judges("003", "Stage 3: Trait Resolution", "Trait resolution, with coherence, specialization, where clauses, higher-ranked bounds and auto traits, is a major source of compile time.", "not reproduced: all the stages up to borrow checking, trait resolution among them, cost under half of a build on a small lab; its own share is not measured")
        .predicate("the slower build's fastest run costs at least 2× the faster build's slowest", build_cost::is_wide)
        .subject("cargo build against cargo check", || build_cost::ordering("workload", &build, &check, Resource::Cpu))
        .control("cargo check --release against cargo check", || build_cost::ordering("workload", &check_release, &check, Resource::Cpu))
        .check();
}

#[test]
fn release_build_within_twice_of_dev() {
    let release = ColdBuild::new("release", &["build", "--locked"], Some(Profile::release()));
    let dev = ColdBuild::new("dev", &["build", "--locked"], Some(Profile::dev()));
    claim("pipeline.build-cost.release-within-2x-of-dev")
        .kind(Kind::BuildCost)
        .statement("Cold, a release build of the four-crate siblings lab costs less than twice the CPU time of a dev build, by the rule: release's fastest of 3 runs against dev's slowest.")
        .judges("003", "Why Rust Is Slow to Compile", "Debug builds compile faster than release builds, because LLVM optimizes less.", "not reproduced: within the rule's 2× on a small lab (the ratio is shown)")
        .predicate("the slower build's fastest run costs less than 2× the faster build's slowest", within_twice)
        .subject("CPU time: release against dev (siblings lab)", || build_cost::ordering("siblings", &release, &dev, Resource::Cpu))
        .control("CPU time: fat LTO against the default release build (siblings lab)", fat_lto_against_default)
        .check();
}

#[test]
fn more_generic_code_within_twice() {
    let generic = ColdBuild::new("generics: the whole body generic", &["build", "--locked", "-p", "generics"], Some(Profile::dev()));
    let inner = ColdBuild::new("generics-inner: a non-generic inner function", &["build", "--locked", "-p", "generics-inner"], Some(Profile::dev()));
    claim("pipeline.build-cost.generics-within-2x")
        .kind(Kind::BuildCost)
        .statement("Cold, a crate whose generic function is copied for four types costs less than twice the CPU time of one with a non-generic inner function, by the rule.")
        .judges("003", "Why Rust Is Slow to Compile", "Adding more generics increases compile time, through more monomorphization.", "not reproduced: within the rule's 2× on a small crate, though the copies are there (the ratio is shown)")
        .predicate("the slower build's fastest run costs less than 2× the faster build's slowest", within_twice)
        .subject("CPU time: generics against generics-inner (compiletime lab, dev)", || build_cost::ordering("compiletime", &generic, &inner, Resource::Cpu))
        .control("CPU time: fat LTO against the default release build (siblings lab)", fat_lto_against_default)
        .check();
}

#[test]
fn dyn_build_within_twice_of_generic() {
    // The cfgs through build.rustflags (the harness puts --target-dir after cargo's arguments, so no `--`).
    let build = |label: &str, rustflags: &str| ColdBuild::new(label, &["build", "--locked", "--example", "dispatch", "--config", rustflags], None);
    let generic = build("describe generic, four shape types", r#"build.rustflags=["--cfg", "generic", "--cfg", "four"]"#);
    let dynamic = build("describe taking &dyn Shape, four shape types", r#"build.rustflags=["--cfg", "four"]"#);
    claim("pipeline.build-cost.dyn-within-2x")
        .kind(Kind::BuildCost)
        .statement("Cold, the generic version of labs/pipeline's dispatch example costs less than twice the CPU time of its `&dyn Shape` version to build, by the rule (dev profile).")
        .judges("003", "Why Rust Is Slow to Compile", "dyn Trait speeds up compilation because nothing is monomorphized.", "not reproduced: within the rule's 2× on a small example, though the dyn version emits less IR (the ratio is shown)")
        .predicate("the slower build's fastest run costs less than 2× the faster build's slowest", within_twice)
        .subject("CPU time: generic against dyn Shape (cargo build --example dispatch, dev)", || build_cost::ordering("pipeline", &generic, &dynamic, Resource::Cpu))
        .control("CPU time: fat LTO against the default release build (siblings lab)", fat_lto_against_default)
        .check();
}

// ---------------------------------------------------------------------------------------------------
// cargo build --timings: what its report holds.

fn timings_figures(timings: bool) -> Measured {
    let args: &[&str] = if timings { &["build", "--locked", "--offline", "--timings"] } else { &["build", "--locked", "--offline"] };
    let kept =
        scratch_cargo_reading(if timings { "timings" } else { "no-timings" }, "deps", &[], args, Some("target/cargo-timings/cargo-timing.html"));
    let report = kept.split_once(FILE_FOLLOWS).map(|(_, r)| r);
    let units = |needle: &str| report.map_or(0, |r| r.matches(needle).count());
    Measured::new(
        ProfileRecord::named(&format!("cargo {} on a copy of labs/deps", args.join(" ")), &[("profile", "dev".into())]),
        figures! {
            "timing report written" => report.is_some(),
            "units compiled" => kept.lines().filter(|l| l.trim_start().starts_with("Compiling ")).count(),
            "units in the report" => units("\"i\": "),
            "units with a duration" => units("\"duration\": "),
            "units with a front-end section" => units("\"frontend\","),
            "units with a codegen section" => units("\"codegen\","),
        },
    )
}

#[test]
fn timings_report_splits_each_unit() {
    claim("pipeline.tips.timings-report-per-unit")
        .kind(Kind::Behaviour)
        .statement("`cargo build --timings` writes an HTML report giving every unit compiled its start and duration, split into front end and codegen for libraries; a plain build writes none.")
        .judges("003", "Practical Tips", "cargo build --timings shows where compilation time goes.", "confirmed: for each unit, when it ran and for how long, and for a library how long its front end and code generation took")
        .predicate("a report gives every unit compiled a duration, and some a front-end and a codegen section", |f| {
            f.bool("timing report written")
                && margin::against(f, "units compiled", Op::Gt, 0.0)
                && margin::equal(f, "units with a duration", "units compiled")
                && margin::against(f, "units with a codegen section", Op::Gt, 0.0)
        })
        .subject("cargo build --timings", || timings_figures(true))
        .control("cargo build", || timings_figures(false))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Where the MIR chapter's findings stop: labs/pipeline/levels.rs at every opt-level, with and without
// incremental compilation, and labs/pipeline/edition.rs under two editions. Each run is a few
// hundredths of a second (a file of a few functions), kept across processes by proof::dump.

/// The opt-levels of the series, in the order the book lists them.
const OPT_LEVELS: [&str; 6] = ["0", "1", "2", "3", "s", "z"];

fn levels_source() -> String {
    let path = lab::lab_dir("pipeline").join("levels.rs");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The MIR (and, without incremental compilation, the LLVM IR) of levels.rs at `opt`.
fn levels_run(opt: &str, incremental: bool) -> &'static Output {
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

fn levels_profile(what: &str, incremental: bool) -> ProfileRecord {
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
fn inliner_series(incremental: bool) -> Measured {
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
fn defines_and_aliases(ir: &str, path: &str) -> (u64, u64) {
    let aliases = ir
        .lines()
        .filter(|l| l.starts_with('@') && l.contains(" alias "))
        .filter(|l| proof::symbols::ir_globals(l).first().is_some_and(|s| proof::symbols::names(s, path)))
        .count() as u64;
    (defines(ir, path), aliases)
}

/// For every opt-level: the functions and aliases the optimized IR has for the instances of `name`
/// (`tag` or `width`, each used with eight types).
fn merge_series(name: &str) -> Measured {
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

fn const_figures(opt: &str, name: &str) -> Measured {
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
fn edition_figures(edition: &str) -> Measured {
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
