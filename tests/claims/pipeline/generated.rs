//! The generated files the chapter includes.

use super::*;

/// (file under src/pipeline/generated/, form, functions): each file holds the functions, in order.
pub(super) const DUMPS: &[(&str, Form, &[&str])] = &[
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
pub(super) fn all_instances(form: Form, name: &str) -> String {
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
pub(super) fn dump_text(file: &str, form: Form, names: &[&str]) -> String {
    let ir = matches!(form, Form::IrDebug | Form::IrRelease | Form::IrBeforeLlvm);
    let parts: Vec<String> = names
        .iter()
        .map(|n| if ir { all_instances(form, n) } else { form.shown(n) })
        .map(|t| t.trim_end().to_string())
        .map(|t| if file.ends_with(".defines.ll") { t.lines().filter(|l| l.starts_with("define ")).collect::<Vec<_>>().join("\n") } else { t })
        .collect();
    dump::normalize(&parts.join(if file.ends_with(".defines.ll") { "\n" } else { "\n\n" }))
}

pub(super) fn generated(file: &str) -> String {
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
pub(super) fn diagram(sizes: &[(Form, usize, usize)]) -> String {
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
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" role=\"img\" aria-labelledby=\"title desc\">\n  \
         <title id=\"title\">The stages of rustc, what each produces for labs/pipeline, and the errors each reports</title>\n  \
         <desc id=\"desc\">Eight stages from source text to binary, top to bottom. Each box names the stage and its work; beside it, the forms it produces with their size for the example library, and the compile-fail cases whose error it reports. Generated by tests/claims/pipeline/generated.rs.</desc>\n  \
         <defs>\n    \
         <marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">\n      \
         <path d=\"M0,0 L10,5 L0,10 z\" fill=\"#374151\"/>\n    \
         </marker>\n  \
         </defs>\n  \
         <rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" rx=\"10\" fill=\"#ffffff\"/>\n  \
         <g font-size=\"12\" fill=\"#6b7280\">\n    \
         <text x=\"20\" y=\"24\">stage</text>\n    \
         <text x=\"360\" y=\"24\">produces (size of the whole lab in that form)</text>\n    \
         <text x=\"720\" y=\"24\">reports the error of</text>\n  \
         </g>\n"
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
