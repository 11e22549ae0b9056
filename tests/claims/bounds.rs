//! Bounds-check and vectorization claims, read from the assembly rustc emits for labs/kernels (x86_64
//! Linux), and instruction counts of index loops and iterator chains from benches/iterators.rs.
//!
//! labs/kernels is emitted once per profile: `kernels-o3` (release, opt-level 3, -Ctarget-cpu=x86-64),
//! `kernels-o3-v3` (the same for x86-64-v3), `kernels-o3-overflow` (with -Coverflow-checks=on), and
//! `kernels-o0`, `-o1`, `-o2`, `-os`, `-oz` for the opt-level series.

use proof::lab::{self, Emit};
use proof::margin::{self, Op};
use proof::profile::{Base, Profile};
use proof::{Figures, FiguresExt, Kind, Measured, ProfileRecord, claim, figures};

const LAB: &str = "kernels";

/// `release` with `opt-level`, an explicit target CPU and extra rustc flags.
fn kernels_profile(name: &str, opt: &str, cpu: &str, extra: &[&str]) -> Profile {
    let mut flags = vec![format!("-Ctarget-cpu={cpu}")];
    flags.extend(extra.iter().map(|f| f.to_string()));
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    Profile::custom(name, Base::Release).opt_level(opt).rustflags(&flags)
}

fn o3() -> Profile {
    kernels_profile("kernels-o3", "3", "x86-64", &[])
}

fn o3_v3() -> Profile {
    kernels_profile("kernels-o3-v3", "3", "x86-64-v3", &[])
}

fn o3_overflow() -> Profile {
    kernels_profile("kernels-o3-overflow", "3", "x86-64", &["-Coverflow-checks=on"])
}

fn at_opt(opt: &str) -> Profile {
    if opt == "3" { o3() } else { kernels_profile(&format!("kernels-o{opt}"), opt, "x86-64", &[]) }
}

/// Packed (SIMD) arithmetic: the SSE/AVX integer adds, subtractions, multiplies, minimums and maximums
/// (`padd…`, `psub…`, `pmul…`, `pmin…`, `pmax…`) and the packed float operations (`addpd`, `mulps`, …),
/// with or without the AVX `v` prefix. Moves, shuffles and scalar float instructions (`addsd`) do not count.
fn is_packed_arithmetic(mnemonic: &str) -> bool {
    let m = mnemonic.strip_prefix('v').unwrap_or(mnemonic);
    ["padd", "psub", "pmul", "pmax", "pmin"].iter().any(|p| m.starts_with(p))
        || ["add", "sub", "mul", "div"].iter().any(|op| m == format!("{op}pd") || m == format!("{op}ps"))
}

/// What the assembly of `kernels::<function>` under `profile` says about bounds checks and SIMD.
fn kernel_figures(profile: &Profile, function: &str) -> (Figures, String) {
    let asm = lab::emit(LAB, LAB, profile, Emit::Asm);
    let path = format!("kernels::{function}");
    let body = lab::function_text(asm, Emit::Asm, &path).unwrap_or_else(|| panic!("no assembly for {path}"));
    let instructions: Vec<&str> = body.lines().filter(|l| l.starts_with('\t') && !l.trim_start().starts_with('.')).collect();
    let mnemonics: Vec<&str> = instructions.iter().filter_map(|l| l.split_whitespace().next()).collect();
    let mut packed: Vec<&str> = mnemonics.iter().copied().filter(|m| is_packed_arithmetic(m)).collect();
    let packed_count = packed.len();
    packed.sort_unstable();
    packed.dedup();
    let f = figures! {
        "references to panic_bounds_check" => body.lines().filter(|l| l.contains("panic_bounds_check")).count(),
        "packed arithmetic instructions" => packed_count,
        "packed mnemonics" => if packed.is_empty() { "none".to_string() } else { packed.join(", ") },
        "instructions using ymm registers" => instructions.iter().filter(|l| l.contains("%ymm")).count(),
        "assembly instructions" => instructions.len(),
    };
    (f, body)
}

/// One function under one profile, with its assembly for the box.
fn kernel(profile: &Profile, function: &str) -> Measured {
    let (f, body) = kernel_figures(profile, function);
    let path = format!("kernels::{function}");
    Measured::new(profile.record(), f).code("x86asm", &format!("{path}, assembly (AT&T syntax, as rustc emits it)"), &lab::excerpt(&body, Emit::Asm))
}

/// One function under one profile, plus the references to a panic of slicing (`slice_index_fail`).
fn kernel_with_slicing(profile: &Profile, function: &str) -> Measured {
    let mut m = kernel(profile, function);
    let asm = lab::emit(LAB, LAB, profile, Emit::Asm);
    let body = lab::function_text(asm, Emit::Asm, &format!("kernels::{function}")).unwrap();
    m.figures
        .insert("references to a slicing panic (slice_index_fail)".into(), body.lines().filter(|l| l.contains("slice_index_fail")).count().into());
    m
}

fn no_bounds_check(f: &Figures) -> bool {
    f.u64("references to panic_bounds_check") == 0
}

#[test]
fn loop_bounded_by_len_has_no_bounds_check() {
    claim("bounds.index-loop.check-removed-when-bound-is-len")
        .kind(Kind::Asm)
        .statement("Indexing `xs[i]` in a loop over `0..xs.len()` compiles without a bounds check; the same loop over `0..n`, with `n` from the caller, keeps one.")
        .judges("002", "Bounds checks", "Indexing a slice or vector in a loop is bounds-checked by default; replacing the indexing with iteration lets the compiler drop the checks.", "partly true: a loop over 0..xs.len() loses its check without being rewritten")
        .predicate("the function's assembly never refers to panic_bounds_check", no_bounds_check)
        .subject("kernels::sum_to_len: for i in 0..xs.len()", || kernel(&o3(), "sum_to_len"))
        .control("kernels::sum_to_n: for i in 0..n", || kernel(&o3(), "sum_to_n"))
        .check();
}

#[test]
fn iterating_removes_the_check() {
    claim("bounds.iterate.no-check")
        .kind(Kind::Asm)
        .statement("Iterating with `xs.iter().take(n)` instead of indexing `xs[i]` over `0..n` leaves no bounds check in the machine code.")
        .judges(
            "002",
            "Bounds checks",
            "Replacing direct element accesses in a loop by iteration lets the compiler drop the bounds checks.",
            "confirmed",
        )
        .predicate("the function's assembly never refers to panic_bounds_check", no_bounds_check)
        .subject("kernels::sum_iter_take: for &x in xs.iter().take(n)", || kernel(&o3(), "sum_iter_take"))
        .control("kernels::sum_to_n: for i in 0..n { xs[i] }", || kernel(&o3(), "sum_to_n"))
        .check();
}

#[test]
fn slicing_first_removes_the_check_from_the_loop() {
    claim("bounds.slice-first.no-check-in-loop")
        .kind(Kind::Asm)
        .statement("Cutting the slice to the loop's bound first (`let xs = &xs[..n]`) removes the bounds check of `xs[i]` over `0..n`.")
        .judges(
            "002",
            "Bounds checks",
            "Making a slice before the loop and indexing the slice inside it, instead of indexing the Vec, lets the compiler drop the checks.",
            "partly true: only when the slice is cut to the loop's bound (&xs[..n]), which is checked once",
        )
        .predicate("the function's assembly never refers to panic_bounds_check", no_bounds_check)
        .subject("kernels::sum_slice_first: let xs = &xs[..n], then for i in 0..n { xs[i] }", || kernel_with_slicing(&o3(), "sum_slice_first"))
        .control("kernels::sum_to_n: for i in 0..n { xs[i] }", || kernel_with_slicing(&o3(), "sum_to_n"))
        .check();
}

#[test]
fn asserting_the_range_removes_the_check() {
    claim("bounds.assert.no-check-after-assert")
        .kind(Kind::Asm)
        .statement("An `assert!(n <= xs.len())` before the loop removes the bounds checks of `xs[i]` over `0..n`.")
        .judges("002", "Bounds checks", "Adding assertions on the ranges of index variables lets the compiler drop the checks.", "confirmed")
        .predicate("the function's assembly never refers to panic_bounds_check", no_bounds_check)
        .subject("kernels::sum_assert_first: assert!(n <= xs.len()), then for i in 0..n { xs[i] }", || kernel(&o3(), "sum_assert_first"))
        .control("kernels::sum_to_n: for i in 0..n { xs[i] }", || kernel(&o3(), "sum_to_n"))
        .check();
}

#[test]
fn second_slice_needs_its_own_bound() {
    claim("bounds.two-slices.second-slice-keeps-check")
        .kind(Kind::Asm)
        .statement(
            "A loop over `0..a.len()` that also reads `b[i]` keeps a bounds check for `b`; cutting `b` first (`let b = &b[..a.len()]`) removes it.",
        )
        .judges(
            "002",
            "Bounds checks",
            "Getting the compiler to drop bounds checks can be tricky.",
            "confirmed: a loop bounded by one slice's length still checks the other slice it indexes",
        )
        .predicate("the function's assembly never refers to panic_bounds_check", no_bounds_check)
        .subject("kernels::dot_two_sliced: b cut to a.len() first", || kernel(&o3(), "dot_two_sliced"))
        .control("kernels::dot_two: a[i] * b[i] for i in 0..a.len()", || kernel(&o3(), "dot_two"))
        .check();
}

#[test]
fn zip_needs_no_index() {
    claim("bounds.zip.no-check")
        .kind(Kind::Asm)
        .statement("A dot product over `a.iter().zip(b)` has no bounds check, where indexing `a[i]` and `b[i]` over `0..a.len()` keeps one.")
        .predicate("the function's assembly never refers to panic_bounds_check", no_bounds_check)
        .subject("kernels::dot_zip: a.iter().zip(b)", || kernel_with_slicing(&o3(), "dot_zip"))
        .control("kernels::dot_two: a[i] * b[i] for i in 0..a.len()", || kernel_with_slicing(&o3(), "dot_two"))
        .check();
}

#[test]
fn chunks_exact_loses_the_checks_and_vectorizes() {
    claim("bounds.chunks-exact.no-check-and-vectorized")
        .kind(Kind::Asm)
        .statement("Reading `c[0]` to `c[3]` from each `chunks_exact(4)` chunk compiles to a vectorized loop without bounds checks; from `chunks(4)` it does not.")
        .judges("002", "Iterators: chunks_exact", "When the chunk size divides the slice length, chunks_exact is faster than chunks.", "partly true: the checks go and the loop vectorizes; time is not measured")
        .predicate("no panic_bounds_check, and packed arithmetic in the loop", |f| no_bounds_check(f) && f.u64("packed arithmetic instructions") > 0)
        .subject("kernels::words_chunks_exact: bytes.chunks_exact(4)", || kernel(&o3(), "words_chunks_exact"))
        .control("kernels::words_chunks: bytes.chunks(4)", || kernel(&o3(), "words_chunks"))
        .check();
}

#[test]
fn checked_sum_still_vectorizes() {
    claim("bounds.vectorize.checked-sum-still-vectorized")
        .kind(Kind::Asm)
        .statement("A bounds check does not always stop vectorization: the sum of `xs[i]` over `0..n` keeps its check and is vectorized; the `chunks(4)` loop is not.")
        .judges("002", "Bounds checks", "Bounds checks can affect performance in hot loops, though less often than one might expect.", "confirmed: a checked sum still vectorizes, while the checks inside each chunks(4) step keep it scalar")
        .predicate("the function keeps a bounds check and has packed arithmetic", |f| f.u64("references to panic_bounds_check") > 0 && f.u64("packed arithmetic instructions") > 0)
        .subject("kernels::sum_to_n: for i in 0..n { xs[i] }", || kernel(&o3(), "sum_to_n"))
        .control("kernels::words_chunks: bytes.chunks(4), c[0] to c[3]", || kernel(&o3(), "words_chunks"))
        .check();
}

#[test]
fn integer_sum_vectorizes_float_sum_does_not() {
    claim("bounds.vectorize.integer-sum-not-float-sum")
        .kind(Kind::Asm)
        .statement("`xs.iter().sum()` is vectorized over `u64` and stays scalar over `f64`.")
        .predicate("packed arithmetic in the function", |f| f.u64("packed arithmetic instructions") > 0)
        .subject("kernels::sum_u64: xs.iter().sum() over &[u64]", || kernel(&o3(), "sum_u64"))
        .control("kernels::sum_f64: xs.iter().sum() over &[f64]", || kernel(&o3(), "sum_f64"))
        .check();
}

#[test]
fn float_map_vectorizes() {
    claim("bounds.vectorize.float-map-vectorized")
        .kind(Kind::Asm)
        .statement("Multiplying every element of a `&mut [f64]` by a constant is vectorized; summing the same slice is not.")
        .predicate("packed arithmetic in the function", |f| f.u64("packed arithmetic instructions") > 0)
        .subject("kernels::scale_f64: for x in xs { *x *= k }", || kernel(&o3(), "scale_f64"))
        .control("kernels::sum_f64: xs.iter().sum()", || kernel(&o3(), "sum_f64"))
        .check();
}

#[test]
fn float_sum_in_lanes_vectorizes() {
    claim("bounds.vectorize.float-sum-in-lanes")
        .kind(Kind::Asm)
        .statement("An `f64` sum kept as four running totals (over `chunks_exact(4)`, added at the end) is vectorized; the plain `f64` sum is not.")
        .predicate("packed arithmetic in the function", |f| f.u64("packed arithmetic instructions") > 0)
        .subject("kernels::sum_f64_lanes: four running totals", || kernel(&o3(), "sum_f64_lanes"))
        .control("kernels::sum_f64: xs.iter().sum()", || kernel(&o3(), "sum_f64"))
        .check();
}

#[test]
fn overflow_checks_stop_vectorization() {
    claim("bounds.vectorize.overflow-checks-stop-it")
        .kind(Kind::Asm)
        .statement("With `-Coverflow-checks=on` (as in a dev build), the `u64` sum is no longer vectorized.")
        .predicate("no packed arithmetic in the function", |f| f.u64("packed arithmetic instructions") == 0)
        .subject("kernels::sum_u64, release with -Coverflow-checks=on", || kernel(&o3_overflow(), "sum_u64"))
        .control("kernels::sum_u64, release (overflow checks off)", || kernel(&o3(), "sum_u64"))
        .check();
}

/// `sum_u64` under each of `opts`, one figure set per opt-level.
fn by_opt(opts: &[&str]) -> Measured {
    let mut f = Figures::new();
    for opt in opts {
        let (g, _) = kernel_figures(&at_opt(opt), "sum_u64");
        f.insert(format!("opt-level {opt}: packed arithmetic instructions"), g["packed arithmetic instructions"].clone());
        f.insert(format!("opt-level {opt}: packed mnemonics"), g["packed mnemonics"].clone());
    }
    let profile = ProfileRecord::named(
        &format!("release with opt-level {} (kernels-o*), -Ctarget-cpu=x86-64", opts.join(", ")),
        &[("opt-level", opts.join(", ").into()), ("rustflags", "-Ctarget-cpu=x86-64".into()), ("codegen-units", 16.into()), ("lto", false.into())],
    );
    Measured::new(profile, f)
}

#[test]
fn vectorization_needs_opt_level_2() {
    claim("bounds.vectorize.opt-levels-2-and-3-only")
        .kind(Kind::Asm)
        .statement("The `u64` sum is vectorized at opt-levels 2 and 3 only, not at 0, 1, `\"s\"` or `\"z\"`.")
        .predicate("packed arithmetic at every opt-level of the side", |f| {
            f.keys().filter(|k| k.ends_with("packed arithmetic instructions")).all(|k| f.u64(k) > 0)
        })
        .subject("kernels::sum_u64 at opt-levels 2 and 3", || by_opt(&["2", "3"]))
        .control("kernels::sum_u64 at opt-levels 0, 1, s and z", || by_opt(&["0", "1", "s", "z"]))
        .check();
}

#[test]
fn newer_cpu_uses_wider_registers() {
    claim("bounds.vectorize.v3-uses-ymm")
        .kind(Kind::Asm)
        .statement("Built for `x86-64-v3` (AVX2), the vectorized `u64` sum uses 32-byte `ymm` registers; for the default `x86-64` CPU it does not.")
        .predicate("instructions on ymm registers", |f| f.u64("instructions using ymm registers") > 0)
        .subject("kernels::sum_u64, -Ctarget-cpu=x86-64-v3", || kernel(&o3_v3(), "sum_u64"))
        .control("kernels::sum_u64, -Ctarget-cpu=x86-64", || kernel(&o3(), "sum_u64"))
        .check();
}

#[test]
fn copied_max_vectorizes_on_v3() {
    claim("bounds.copied.max-by-value-vectorized")
        .kind(Kind::Asm)
        .statement(
            "On `x86-64-v3`, `xs.iter().copied().max()` over `u32` is vectorized; `xs.iter().max().copied()`, which compares references, is not.",
        )
        .judges(
            "002",
            "Iterators: copied",
            "For small element types such as integers, iter().copied() can give LLVM the chance to generate better code than iter().",
            "confirmed: on x86-64-v3 the maximum by value vectorizes and the one by reference does not",
        )
        .predicate("packed arithmetic in the function", |f| f.u64("packed arithmetic instructions") > 0)
        .subject("kernels::max_copied: xs.iter().copied().max(), x86-64-v3", || kernel(&o3_v3(), "max_copied"))
        .control("kernels::max_by_ref: xs.iter().max().copied(), x86-64-v3", || kernel(&o3_v3(), "max_by_ref"))
        .check();
}

#[test]
fn copied_max_needs_the_cpu() {
    claim("bounds.copied.default-cpu-stays-scalar")
        .kind(Kind::Asm)
        .statement("For the default `x86-64` CPU, `xs.iter().copied().max()` over `u32` is not vectorized; built for `x86-64-v3`, it is.")
        .judges(
            "002",
            "Iterators: copied",
            "Whether copied() helps has to be checked in the generated machine code.",
            "confirmed: the same copied().max() vectorizes for x86-64-v3 and not for the default x86-64",
        )
        .predicate("no packed arithmetic in the function", |f| f.u64("packed arithmetic instructions") == 0)
        .subject("kernels::max_copied, -Ctarget-cpu=x86-64", || kernel(&o3(), "max_copied"))
        .control("kernels::max_copied, -Ctarget-cpu=x86-64-v3", || kernel(&o3_v3(), "max_copied"))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Where the findings stop: element type, collection, opt-level, chunk size, target CPU.

/// Several `(label, profile, function)` triples, each function's figures prefixed with its label, under
/// one profile record; the code of the first function is kept for the box.
fn kernels_each(record: ProfileRecord, items: &[(&str, &Profile, &str)]) -> Measured {
    let mut f = Figures::new();
    for (label, profile, function) in items {
        let (g, _) = kernel_figures(profile, function);
        for key in ["references to panic_bounds_check", "packed arithmetic instructions", "packed mnemonics"] {
            f.insert(format!("{label}: {key}"), g[key].clone());
        }
    }
    let (_, profile, function) = items[0];
    let (_, body) = kernel_figures(profile, function);
    Measured::new(record, f).code(
        "x86asm",
        &format!("kernels::{function}, assembly (AT&T syntax, as rustc emits it)"),
        &lab::excerpt(&body, Emit::Asm),
    )
}

/// Every figure named `…: <suffix>` satisfies `ok` (all are compared: no short cut).
fn each(f: &Figures, suffix: &str, ok: impl Fn(u64) -> bool) -> bool {
    let keys: Vec<&String> = f.keys().filter(|k| k.ends_with(&format!(": {suffix}"))).collect();
    let results: Vec<bool> = keys.iter().map(|k| ok(f.u64(k))).collect();
    !results.is_empty() && results.iter().all(|&r| r)
}

/// The element types of the generated index loops (`u64` is the original pair) and their suffixes.
const ELEMENT_TYPES: [(&str, &str); 7] =
    [("u8", "_u8"), ("u16", "_u16"), ("u32", "_u32"), ("u64", ""), ("u128", "_u128"), ("f32", "_f32"), ("f64", "_f64")];

/// `sum_to_len_*` (or `sum_to_n_*` when `to_n`) for every element type and for a `&Vec<u64>`, at opt-level 3.
fn index_loops_by_type(to_n: bool) -> Measured {
    let o3 = o3();
    let stem = if to_n { "sum_to_n" } else { "sum_to_len" };
    let names: Vec<(String, String)> = ELEMENT_TYPES
        .iter()
        .map(|(t, suffix)| (format!("&[{t}]"), format!("{stem}{suffix}")))
        .chain([("&Vec<u64>".to_string(), format!("{stem}_vec"))])
        .collect();
    let items: Vec<(&str, &Profile, &str)> = names.iter().map(|(l, f)| (l.as_str(), &o3, f.as_str())).collect();
    kernels_each(o3.record(), &items)
}

#[test]
fn len_bound_removes_the_check_for_every_element_type() {
    claim("bounds.index-loop.len-bound-every-element-type")
        .kind(Kind::Asm)
        .statement("At opt-level 3, `xs[i]` over `0..xs.len()` has no bounds check for `u8`, `u16`, `u32`, `u64`, `u128`, `f32`, `f64` and a `&Vec<u64>`; over `0..n`, each keeps one.")
        .predicate("no function of the side refers to panic_bounds_check", |f| each(f, "references to panic_bounds_check", |n| n == 0))
        .subject("kernels::sum_to_len_*: for i in 0..xs.len(), seven element types and a Vec", || index_loops_by_type(false))
        .control("kernels::sum_to_n_*: for i in 0..n, the same types", || index_loops_by_type(true))
        .check();
}

/// `sum_to_len_*` of the given element types, at opt-level 3 for x86-64 and for x86-64-v3.
fn index_loops_vectorized(types: &[&str]) -> Measured {
    let (base, v3) = (o3(), o3_v3());
    let mut items: Vec<(String, &Profile, String)> = Vec::new();
    for (cpu, profile) in [("x86-64", &base), ("x86-64-v3", &v3)] {
        for t in types {
            let suffix = ELEMENT_TYPES.iter().find(|(name, _)| name == t).unwrap().1;
            items.push((format!("{t}, {cpu}"), profile, format!("sum_to_len{suffix}")));
        }
    }
    let items: Vec<(&str, &Profile, &str)> = items.iter().map(|(l, p, f)| (l.as_str(), *p, f.as_str())).collect();
    let record = ProfileRecord::named(
        "release with opt-level 3 (kernels-o3, kernels-o3-v3), -Ctarget-cpu=x86-64 and x86-64-v3",
        &[
            ("opt-level", "3".into()),
            ("rustflags", "-Ctarget-cpu=x86-64; -Ctarget-cpu=x86-64-v3".into()),
            ("codegen-units", 16.into()),
            ("lto", false.into()),
        ],
    );
    kernels_each(record, &items)
}

#[test]
fn index_loop_vectorizes_by_element_type() {
    claim("bounds.vectorize.by-element-type")
        .kind(Kind::Asm)
        .statement("At opt-level 3, for x86-64 and x86-64-v3, the loop over `0..xs.len()` is vectorized for `u8`, `u16`, `u32` and `u64`; for `u128`, `f32` and `f64` it is not.")
        .predicate("packed arithmetic in every function of the side, on both CPUs", |f| each(f, "packed arithmetic instructions", |n| n > 0))
        .subject("kernels::sum_to_len_* over u8, u16, u32, u64", || index_loops_vectorized(&["u8", "u16", "u32", "u64"]))
        .control("kernels::sum_to_len_* over u128, f32, f64", || index_loops_vectorized(&["u128", "f32", "f64"]))
        .check();
}

/// The index loops whose check goes at opt-level 3 without an assertion.
const CHECK_FREE_AT_O3: [&str; 4] = ["sum_to_len", "sum_slice_first", "dot_two_sliced", "words_chunks_exact"];

/// Each of `functions` read at every opt-level of `opts`, with the count of those keeping a check.
fn checks_by_opt(functions: &[&str], opts: &[&str]) -> Measured {
    let mut f = Figures::new();
    for opt in opts {
        let mut keeping = 0u64;
        for function in functions {
            let (g, _) = kernel_figures(&at_opt(opt), function);
            let n = g.u64("references to panic_bounds_check");
            keeping += u64::from(n > 0);
            f.insert(format!("opt-level {opt}: {function}: references to panic_bounds_check"), n.into());
        }
        f.insert(format!("opt-level {opt}: functions keeping a bounds check (of {})", functions.len()), keeping.into());
    }
    let profile = ProfileRecord::named(
        &format!("release with opt-level {} (kernels-o*), -Ctarget-cpu=x86-64", opts.join(", ")),
        &[("opt-level", opts.join(", ").into()), ("rustflags", "-Ctarget-cpu=x86-64".into()), ("codegen-units", 16.into()), ("lto", false.into())],
    );
    let (_, body) = kernel_figures(&at_opt(opts[opts.len() - 1]), functions[0]);
    let what = format!("kernels::{} at opt-level {}, assembly (AT&T syntax, as rustc emits it)", functions[0], opts[opts.len() - 1]);
    Measured::new(profile, f).code("x86asm", &what, &lab::excerpt(&body, Emit::Asm))
}

#[test]
fn checks_go_from_opt_level_1() {
    claim("bounds.index-loop.checks-removed-from-opt-level-1")
        .kind(Kind::Asm)
        .statement("Four loops that lose their bounds check at opt-level 3 (bound `xs.len()`, two slices cut first, `chunks_exact`) lose it at 1, 2, `s` and `z` too; at opt-level 0 all keep it.")
        .predicate("no function keeps a bounds check, at every opt-level of the side", |f| each(f, "functions keeping a bounds check (of 4)", |n| n == 0))
        .subject("the four loops at opt-levels 1, 2, 3, s and z", || checks_by_opt(&CHECK_FREE_AT_O3, &["1", "2", "3", "s", "z"]))
        .control("the same loops at opt-level 0", || checks_by_opt(&CHECK_FREE_AT_O3, &["0"]))
        .check();
}

#[test]
fn assert_first_needs_opt_level_2() {
    claim("bounds.assert.check-kept-at-opt-level-1")
        .kind(Kind::Asm)
        .statement("The loop after `assert!(n <= xs.len())` keeps its bounds check at opt-levels 0 and 1; at 2, 3, `s` and `z` it has none.")
        .predicate("the loop keeps a bounds check at every opt-level of the side", |f| each(f, "functions keeping a bounds check (of 1)", |n| n == 1))
        .subject("kernels::sum_assert_first at opt-levels 0 and 1", || checks_by_opt(&["sum_assert_first"], &["0", "1"]))
        .control("kernels::sum_assert_first at opt-levels 2, 3, s and z", || checks_by_opt(&["sum_assert_first"], &["2", "3", "s", "z"]))
        .check();
}

/// Constant indexes at opt-levels 0 and 3, and the loop over `0..8` at opt-level 3, into `kind` ("array" or "slice").
fn fixed_indexes(kind: &str) -> Measured {
    let (o0, o3) = (at_opt("0"), o3());
    let (constant, looped) = (format!("const_indexes_{kind}"), format!("loop_to_8_{kind}"));
    let items = [
        ("a[0], a[3], a[7], opt-level 0", &o0, constant.as_str()),
        ("a[0], a[3], a[7], opt-level 3", &o3, constant.as_str()),
        ("for i in 0..8, opt-level 3", &o3, looped.as_str()),
    ];
    let record = ProfileRecord::named(
        "release with opt-level 0 and 3 (kernels-o0, kernels-o3), -Ctarget-cpu=x86-64",
        &[("opt-level", "0, 3".into()), ("rustflags", "-Ctarget-cpu=x86-64".into()), ("codegen-units", 16.into()), ("lto", false.into())],
    );
    kernels_each(record, &items)
}

#[test]
fn arrays_need_no_check_for_indexes_below_their_length() {
    claim("bounds.array.fixed-length-no-check")
        .kind(Kind::Asm)
        .statement("Indexes below 8 into a `&[u64; 8]` have no bounds check: constants even at opt-level 0, a loop over `0..8` at opt-level 3; into a `&[u64]`, both keep one.")
        .predicate("no function of the side refers to panic_bounds_check", |f| each(f, "references to panic_bounds_check", |n| n == 0))
        .subject("kernels::const_indexes_array and loop_to_8_array: a: &[u64; 8]", || fixed_indexes("array"))
        .control("kernels::const_indexes_slice and loop_to_8_slice: a: &[u64]", || fixed_indexes("slice"))
        .check();
}

/// The chunk sizes of the generated byte sums.
const CHUNK_SIZES: [u32; 5] = [2, 3, 4, 8, 16];

/// `byte_sum_chunks_exact_N` (or `byte_sum_chunks_N`) for every chunk size, at opt-level 3.
fn byte_sums(exact: bool) -> Measured {
    let o3 = o3();
    let names: Vec<(String, String)> = CHUNK_SIZES
        .iter()
        .map(|n| (format!("chunk size {n}"), if exact { format!("byte_sum_chunks_exact_{n}") } else { format!("byte_sum_chunks_{n}") }))
        .collect();
    let items: Vec<(&str, &Profile, &str)> = names.iter().map(|(l, f)| (l.as_str(), &o3, f.as_str())).collect();
    kernels_each(o3.record(), &items)
}

#[test]
fn chunks_exact_removes_the_check_at_every_chunk_size() {
    claim("bounds.chunks-exact.every-chunk-size")
        .kind(Kind::Asm)
        .statement("At opt-level 3, indexing `c[0]` to `c[N-1]` in each `chunks_exact(N)` chunk has no bounds check for N = 2, 3, 4, 8 and 16; with `chunks(N)`, each keeps one.")
        .predicate("no function of the side refers to panic_bounds_check", |f| each(f, "references to panic_bounds_check", |n| n == 0))
        .subject("kernels::byte_sum_chunks_exact_N: bytes.chunks_exact(N)", || byte_sums(true))
        .control("kernels::byte_sum_chunks_N: bytes.chunks(N)", || byte_sums(false))
        .check();
}

#[test]
fn check_free_chunks_need_not_vectorize() {
    claim("bounds.chunks-exact.byte-sum-scalar-on-default-cpu")
        .kind(Kind::Asm)
        .statement("Adding up each `chunks_exact(4)` chunk's bytes as `u32` has no bounds check yet stays scalar at opt-level 3 for x86-64; for x86-64-v3 it is vectorized.")
        .predicate("no panic_bounds_check and no packed arithmetic", |f| no_bounds_check(f) && f.u64("packed arithmetic instructions") == 0)
        .subject("kernels::byte_sum_chunks_exact_4, -Ctarget-cpu=x86-64", || kernel(&o3(), "byte_sum_chunks_exact_4"))
        .control("kernels::byte_sum_chunks_exact_4, -Ctarget-cpu=x86-64-v3", || kernel(&o3_v3(), "byte_sum_chunks_exact_4"))
        .check();
}

/// `xs.iter().copied().max()` over the given types, at opt-level 3 for the default x86-64 CPU.
fn max_by_type(types: &[&str]) -> Measured {
    let o3 = o3();
    let names: Vec<(String, String)> =
        types.iter().map(|t| (format!("&[{t}]"), if *t == "u32" { "max_copied".to_string() } else { format!("max_copied_{t}") })).collect();
    let items: Vec<(&str, &Profile, &str)> = names.iter().map(|(l, f)| (l.as_str(), &o3, f.as_str())).collect();
    kernels_each(o3.record(), &items)
}

#[test]
fn copied_max_on_the_default_cpu_by_element_type() {
    claim("bounds.copied.max-by-element-type-default-cpu")
        .kind(Kind::Asm)
        .statement("For the default x86-64 CPU at opt-level 3, `xs.iter().copied().max()` is vectorized over `u8` and `u16`; over `u32` and `u64` it is not.")
        .predicate("packed arithmetic in every function of the side", |f| each(f, "packed arithmetic instructions", |n| n > 0))
        .subject("kernels::max_copied_u8 and max_copied_u16", || max_by_type(&["u8", "u16"]))
        .control("kernels::max_copied (u32) and max_copied_u64", || max_by_type(&["u32", "u64"]))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Instruction counts (benches/iterators.rs)

const BENCH: &str = "iterators";

/// The bench profile of benches/iterators.rs: no extra rustflags, the default CPU.
fn iterators_profile() -> ProfileRecord {
    proof::gungraun::bench_profile().with("rustflags", "").with("target CPU", "x86-64 (default)")
}

/// Instructions of the benchmark `function`/`id` of group `group`, next to a baseline.
fn against(group: &str, function: &str, id: &str, base_function: &str, base_id: &str) -> Measured {
    let ir = proof::gungraun::instructions(BENCH, group, &format!("bench_{function}"), id);
    let base = proof::gungraun::instructions(BENCH, group, &format!("bench_{base_function}"), base_id);
    Measured::new(
        iterators_profile(),
        figures! { "instructions" => ir, "instructions of the baseline" => base, "percent of the baseline" => ir * 100 / base },
    )
}

/// `n` instructions for `bytes` bytes, per byte, to two decimals (shown; predicates divide the figures).
fn per_byte(n: u64, bytes: u64) -> f64 {
    (n as f64 / bytes as f64 * 100.0).round() / 100.0
}

/// Instructions of one chunking loop, `bench_<function>` with id `b<bytes>`, over `bytes` bytes.
fn chunk_loop(function: &str, bytes: u64) -> Measured {
    let n = proof::gungraun::instructions(BENCH, "loops", &format!("bench_{function}"), &format!("b{bytes}"));
    Measured::new(iterators_profile(), figures! { "instructions" => n, "bytes read" => bytes, "instructions per byte" => per_byte(n, bytes) })
}

/// Fewer instructions than bytes read (`instructions` names the count; the bytes are "bytes read").
fn under_one_per_byte(f: &Figures, instructions: &str) -> bool {
    margin::compare(&format!("{instructions} / bytes read < 1"), f.f64(instructions) / f.f64("bytes read"), Op::Lt, 1.0)
}

#[test]
fn checked_sum_costs_about_the_same() {
    claim("bounds.cost.checked-sum-near-iterator")
        .kind(Kind::Instructions)
        .statement("A bounds-checked index sum over `0..n` executes within 2% of the instructions of `xs.iter().sum()`, unlike `chunks(4)` against `chunks_exact(4)`.")
        .predicate("within 2% of the baseline, either way", |f| margin::within(f, "instructions", "instructions of the baseline", 2.0))
        .subject("index loop over 0..n against xs.iter().sum() (baseline)", || against("loops", "sum_index_checked", "n4096", "sum_iter", "n4096"))
        .control("chunks(4) against chunks_exact(4) (baseline)", || against("loops", "words_chunks", "b16384", "words_chunks_exact", "b16384"))
        .check();
}

#[test]
fn chunks_exact_fewer_instructions() {
    claim("bounds.chunks-exact.fewer-instructions")
        .kind(Kind::Instructions)
        .statement("Reading 16,384 bytes as little-endian `u32` words with `chunks_exact(4)` executes fewer instructions than there are bytes; with `chunks(4)`, not.")
        .judges("002", "Iterators: chunks_exact", "chunks_exact is the faster choice over chunks when the chunk size exactly divides the slice's length.", "partly true: under one instruction per byte, where chunks takes more; time is not measured")
        .predicate("fewer instructions than bytes read", |f| under_one_per_byte(f, "instructions"))
        .subject("bytes.chunks_exact(4)", || chunk_loop("words_chunks_exact", 16384))
        .control("the same loop with bytes.chunks(4)", || chunk_loop("words_chunks", 16384))
        .check();
}

#[test]
fn chunks_exact_with_remainder_fewer_instructions() {
    claim("bounds.chunks-exact.remainder-still-cheaper")
        .kind(Kind::Instructions)
        .statement("For 16,387 bytes (not a multiple of 4), `chunks_exact(4)` plus a pass over `remainder()` executes fewer instructions than there are bytes; `chunks(4)`, not.")
        .judges("002", "Iterators: chunks_exact", "When the chunk size does not divide the length, chunks_exact with its remainder (or manual handling of the excess) can still be faster than chunks.", "partly true: under one instruction per byte, where chunks takes more; time is not measured")
        .predicate("fewer instructions than bytes read", |f| under_one_per_byte(f, "instructions"))
        .subject("chunks_exact(4), then remainder() padded once", || chunk_loop("words_exact_remainder", 16387))
        .control("chunks(4), padding every chunk", || chunk_loop("words_chunks_padded", 16387))
        .check();
}

/// The related chunkers.
const RELATED: [(&str, &str); 3] = [("rchunks", "rchunks_exact"), ("chunks_mut", "chunks_exact_mut"), ("rchunks_mut", "rchunks_exact_mut")];

/// rchunks, chunks_mut and rchunks_mut over 16,384 bytes: each exact form (`exact`) or each plain one.
fn related_chunks(exact: bool) -> Measured {
    const BYTES: u64 = 16384;
    let mut f = figures! { "bytes read" => BYTES };
    for (plain, exact_fn) in RELATED {
        let measured_fn = if exact { format!("bench_words_{exact_fn}") } else { format!("bench_words_{plain}") };
        let n = proof::gungraun::instructions(BENCH, "loops", &measured_fn, "b16384");
        f.insert(format!("{plain}: instructions of this version"), n.into());
        f.insert(format!("{plain}: instructions per byte"), per_byte(n, BYTES).into());
    }
    Measured::new(iterators_profile(), f)
}

#[test]
fn related_exact_chunkers_fewer_instructions() {
    claim("bounds.chunks-exact.related-iterators")
        .kind(Kind::Instructions)
        .statement("Over 16,384 bytes of `u32` words, `rchunks_exact`, `chunks_exact_mut` and `rchunks_exact_mut` each execute fewer instructions than there are bytes; their plain forms do not.")
        .judges("002", "Iterators: chunks_exact", "The advice on chunks_exact applies as well to rchunks/rchunks_exact, chunks_mut/chunks_exact_mut and rchunks_mut/rchunks_exact_mut.", "confirmed: each exact form executes under one instruction per byte, as chunks_exact does, and the plain forms do not")
        .predicate("each of the three executes fewer instructions than bytes read", |f| {
            // Every comparison is made (no short cut), so that the box shows the margin of each.
            let each: Vec<bool> = RELATED.iter().map(|(p, _)| under_one_per_byte(f, &format!("{p}: instructions of this version"))).collect();
            each.iter().all(|&ok| ok)
        })
        .subject("rchunks_exact(4), chunks_exact_mut(4), rchunks_exact_mut(4)", || related_chunks(true))
        .control("the same loops with rchunks(4), chunks_mut(4), rchunks_mut(4)", || related_chunks(false))
        .check();
}

#[test]
fn safe_chunks_exact_matches_get_unchecked() {
    claim("bounds.unchecked.no-gain-over-safe-code")
        .kind(Kind::Instructions)
        .statement("Reading `u32` words with safe `chunks_exact(4)` executes no more instructions than a `get_unchecked` index loop; with `chunks(4)`, more.")
        .judges("002", "Bounds checks", "The unsafe get_unchecked and get_unchecked_mut are a last resort for removing bounds checks.", "confirmed: the safe chunks_exact loop executes fewer instructions than the get_unchecked one")
        .predicate("no more instructions than the get_unchecked loop (baseline)", |f| margin::le(f, "instructions", "instructions of the baseline"))
        .subject("chunks_exact(4), against get_unchecked (baseline)", || against("loops", "words_chunks_exact", "b16384", "words_unchecked", "b16384"))
        .control("chunks(4), against get_unchecked (baseline)", || against("loops", "words_chunks", "b16384", "words_unchecked", "b16384"))
        .check();
}

#[test]
fn chain_in_a_for_loop_costs_more() {
    claim("bounds.chain.for-loop-more-instructions-than-one-slice")
        .kind(Kind::Instructions)
        .statement("A `for` loop over `a.iter().chain(b.iter())` executes over 10% more instructions than over one slice of the same 4,096 `u64`; `.sum()` does not.")
        .judges("002", "Iterators: chain", "chain can be slower than a single iterator, and may be worth avoiding in hot iterators.", "partly true: in instructions executed, and only in a for loop; sum() runs each half as its own loop")
        .predicate("more than 10% more instructions than the single slice (baseline)", |f| margin::ratio(f, "instructions", "instructions of the baseline", Op::Gt, 1.1))
        .subject("for x in a.iter().chain(b.iter()), against for x in one slice (baseline)", || against("chains", "chain_for_loop", "n4096", "single_for_loop", "n4096"))
        .control("a.iter().chain(b.iter()).sum(), against one slice's sum() (baseline)", || against("chains", "chain_sum", "n4096", "single_sum", "n4096"))
        .check();
}

#[test]
fn filter_map_saves_only_repeated_work() {
    claim("bounds.filter-map.same-as-filter-then-map")
        .kind(Kind::Instructions)
        .statement("With a cheap test, `filter(…).map(…)` executes within 3% of `filter_map(…)`'s instructions, either way; when both closures parse each string, it does not.")
        .judges("002", "Iterators: filter_map", "filter_map may be faster than filter followed by map.", "partly true: only when filter and map repeat work (parsing twice), and in instructions executed")
        .predicate("within 3% of filter_map (baseline), either way", |f| margin::within(f, "instructions", "instructions of the baseline", 3.0))
        .subject("filter(even).map(triple), against filter_map (baseline)", || against("chains", "filter_then_map", "n4096", "filter_map", "n4096"))
        .control("filter(parses).map(parse again), against filter_map(parse) (baseline)", || against("chains", "parse_filter_then_map", "s1024", "parse_filter_map", "s1024"))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Lifetimes an `impl Iterator` return type captures, by edition.

/// A function that returns an iterator borrowing its argument, with no lifetime on the return type.
const BORROWING_ITERATOR: &str = "pub fn evens(v: &[u32]) -> impl Iterator<Item = u32> {\n    v.iter().copied().filter(|x| x % 2 == 0)\n}\n";

/// Compiles [`BORROWING_ITERATOR`] as a library under `edition` with the pinned rustc, and reads
/// whether it compiled and the error codes it printed.
fn compile_borrowing_iterator(edition: &str) -> Measured {
    let dir = proof::workspace::target_dir().join("editions");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let file = dir.join("evens.rs");
    std::fs::write(&file, BORROWING_ITERATOR).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    proof::provenance::note(format!("rustc --edition {edition} evens.rs"));
    let out = std::process::Command::new(proof::toolchain::rustc_path())
        .current_dir(proof::workspace::root())
        .args(["--edition", edition, "--crate-type", "lib", "--emit=metadata", "--error-format=short", "-o"])
        .arg(dir.join(format!("libevens{edition}.rmeta")))
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run rustc: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut codes: Vec<&str> = stderr
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.len() == 5 && w.starts_with('E') && w[1..].chars().all(|c| c.is_ascii_digit()))
        .collect();
    codes.sort();
    codes.dedup();
    Measured::new(
        ProfileRecord::named("rustc --crate-type lib --emit=metadata", &[("edition", edition.into())]),
        figures! { "compiles" => out.status.success(), "error codes" => codes.join(", ") },
    )
    .code("rust", "the function compiled", BORROWING_ITERATOR)
}

#[test]
fn edition_2021_needs_a_lifetime_on_a_borrowing_impl_iterator() {
    claim("bounds.iterators.impl-iterator-lifetime-edition-2021")
        .kind(Kind::Behaviour)
        .statement("A function returning `impl Iterator` that borrows its argument needs `+ '_` on the return type in edition 2021 (error E0700); edition 2024 accepts it as written.")
        .judges("002", "Iterators: collect", "A function returning impl Iterator sometimes needs additional lifetimes on its return type.", "outdated: true up to edition 2021; since edition 2024 the return type captures the argument's lifetime by itself")
        .predicate("rustc rejects the function with E0700", |f| !f.bool("compiles") && f.str("error codes") == "E0700")
        .subject("edition 2021", || compile_borrowing_iterator("2021"))
        .control("edition 2024", || compile_borrowing_iterator("2024"))
        .check();
}
