//! Errors by stage: each case of tests/ui/cases/pipeline_*.rs compiled by rustc stopped after each stage.

use super::*;

/// The error cases, in pipeline order.
pub(super) const CASES: &[&str] = &[
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
pub(super) const MODES: &[(&str, &[&str])] = &[
    ("parse", &["-Zparse-crate-root-only"]),
    ("expand", &["-Zunpretty=expanded"]),
    ("HIR", &["-Zunpretty=hir"]),
    ("check", &["--emit=metadata"]),
    ("codegen", &["--emit=obj"]),
    ("link", &["--emit=link"]),
];

pub(super) struct Probe {
    /// (mode, passed) for each mode run, in order, up to the first that fails.
    pub(super) modes: Vec<(&'static str, bool)>,
    /// The query stack under `-Ztreat-err-as-bug=1`, innermost first (empty outside the query system).
    pub(super) queries: Vec<String>,
    /// The first error line of the failing mode.
    pub(super) first_error: String,
}

impl Probe {
    pub(super) fn first_failing(&self) -> &str {
        self.modes.iter().find(|(_, ok)| !ok).map_or("none", |(m, _)| m)
    }
}

pub(super) fn case_source(case: &str) -> String {
    let path = proof::workspace::root().join(format!("tests/ui/cases/{case}.rs"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub(super) fn case_run(case: &str, key: &str, extra: &[&str]) -> &'static Output {
    case_run_env(case, key, extra, &[])
}

pub(super) fn case_run_env(case: &str, key: &str, extra: &[&str], env: &[(&str, &str)]) -> &'static Output {
    let src = case_source(case);
    let file = format!("{case}.rs");
    let mut args = vec!["--edition", "2024", "--crate-type", "bin", "--crate-name", case, "-o", "out"];
    args.extend_from_slice(extra);
    args.push(&file);
    dump::rustc_env(&format!("{case}-{key}"), &[(file.as_str(), src.as_str())], &args, env)
}

/// Runs the case under each mode until one fails, then under `-Ztreat-err-as-bug=1` for the query stack.
pub(super) fn probe(case: &str) -> &'static Probe {
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

pub(super) fn stage_figures(case: &str) -> Measured {
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
pub(super) fn link_error() -> String {
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
