//! Dynamic dispatch and monomorphization: labs/pipeline/dispatch.rs compiled on its own, four ways.

use super::*;

/// The IR rustc emits at opt-level 0 for dispatch.rs with `describe` generic or taking `&dyn Shape`, and
/// `report` passing it four shape types or one.
pub(super) fn dispatch_ir(generic: bool, four: bool) -> &'static str {
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
pub(super) fn dispatch_figures(four: bool) -> Measured {
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
pub(super) fn all_defines(ir: &str, path: &str) -> String {
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
