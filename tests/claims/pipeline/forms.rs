//! Claims on the forms of the lab.

use super::*;

pub(super) fn contains(text: &str, needle: &str) -> bool {
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
pub(super) fn mir_figures(form: Form, name: &str) -> Measured {
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

pub(super) fn call_figures(form: Form, caller: &str, callee: &str) -> Measured {
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

pub(super) fn instance_figures(form: Form, name: &str) -> Measured {
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
