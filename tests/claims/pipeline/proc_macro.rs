//! A procedural macro in macro expansion: the derive of labs/compiletime's `macros` crate.

use super::*;

/// The derive's user, labs/compiletime/uses-macro/src/lib.rs, as written or as `-Zunpretty=expanded`
/// prints it (a copy of the lab built with `cargo rustc`: the macro crate is compiled for the host first).
pub(super) fn derive_figures(expanded: bool) -> Measured {
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
