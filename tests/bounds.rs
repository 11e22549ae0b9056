//! Bounds-check claims, read from the assembly rustc emits for labs/kernels (x86_64 Linux).

use proof::lab::{self, Emit};
use proof::profile::Profile;
use proof::{claim, figures, FiguresExt, Kind, Measured};

/// The release assembly of `kernels::<function>`: does it still call the bounds-check panic?
fn bounds_checks(function: &str) -> Measured {
    let profile = Profile::release();
    let asm = lab::emit("kernels", "kernels", &profile, Emit::Asm);
    let path = format!("kernels::{function}");
    let body = lab::function_text(asm, Emit::Asm, &path).unwrap_or_else(|| panic!("no assembly for {path}"));
    let panics = body.lines().filter(|l| l.contains("panic_bounds_check")).count();
    let instructions = body.lines().filter(|l| l.starts_with('\t') && !l.trim_start().starts_with('.')).count();
    Measured::new(
        profile.record(),
        figures! { "references to panic_bounds_check" => panics, "assembly instructions" => instructions },
    )
}

#[test]
fn loop_bounded_by_len_has_no_bounds_check() {
    claim("bounds.index-loop.check-removed-when-bound-is-len")
        .kind(Kind::Asm)
        .statement("In a release build, indexing xs[i] in a loop over 0..xs.len() compiles without a bounds check; the same loop over 0..n, with n from the caller, keeps one.")
        .judges("002", "Bounds checks", "Indexing a slice or vector in a loop is bounds-checked by default; replacing the indexing with iteration lets the compiler drop the checks.", "holds only when the loop bound is not the slice's own length: a 0..xs.len() loop loses its checks without being rewritten")
        .predicate("the function's assembly never refers to panic_bounds_check", |f| f.u64("references to panic_bounds_check") == 0)
        .subject("kernels::sum_to_len: for i in 0..xs.len()", || bounds_checks("sum_to_len"))
        .control("kernels::sum_to_n: for i in 0..n", || bounds_checks("sum_to_n"))
        .check();
}
