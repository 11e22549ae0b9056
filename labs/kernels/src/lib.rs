//! Small loops whose emitted assembly the book inspects.
//!
//! Each is `#[inline(never)]`. Without it, rustc (since 1.75) judges functions this small to be worth
//! inlining into other crates, treats them like `#[inline]` ones and emits no machine code for them in
//! this crate at all: there would be no assembly to read.

// ANCHOR: sum_to_len
/// Indexes the slice with a loop bound that *is* the slice's length: the optimizer can see every index
/// is in range, so the check inside `xs[i]` can go.
#[inline(never)]
pub fn sum_to_len(xs: &[u64]) -> u64 {
    let mut total = 0u64;
    for i in 0..xs.len() {
        total = total.wrapping_add(xs[i]);
    }
    total
}
// ANCHOR_END: sum_to_len

// ANCHOR: sum_to_n
/// The same loop, but the bound comes from the caller: nothing ties `n` to `xs.len()`, so each `xs[i]`
/// must keep its check, and the loop panics if `n` is too big.
#[inline(never)]
pub fn sum_to_n(xs: &[u64], n: usize) -> u64 {
    let mut total = 0u64;
    for i in 0..n {
        total = total.wrapping_add(xs[i]);
    }
    total
}
// ANCHOR_END: sum_to_n
