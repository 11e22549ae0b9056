//! Calls functions of its own crate and of `upstream`, each from its own `#[inline(never)]` caller, so
//! that the proof harness can look at one caller at a time in the built binary and ask: is the callee
//! still called here? `black_box` hides the arguments from the optimizer, and `measured` uses every
//! result, so no call disappears for being constant or unused.

use std::hint::black_box;

// ANCHOR: local
/// The same one-line body four times, under each of the inline attributes.
fn local_small(x: u64) -> u64 {
    x ^ (x >> 7)
}

#[inline]
fn local_hinted(x: u64) -> u64 {
    x ^ (x >> 7)
}

#[inline(always)]
fn local_always(x: u64) -> u64 {
    x ^ (x >> 7)
}

#[inline(never)]
fn local_never(x: u64) -> u64 {
    x ^ (x >> 7)
}
// ANCHOR_END: local

// ANCHOR: recursive
/// `#[inline(always)]` on a function that calls itself twice (no loop can replace that recursion).
#[inline(always)]
fn local_always_recursive(n: u64) -> u64 {
    if n < 2 { n } else { local_always_recursive(n - 1) + local_always_recursive(n - 2) }
}

#[inline(never)]
pub fn call_local_always_recursive(n: u64) -> u64 {
    local_always_recursive(black_box(n) & 7)
}
// ANCHOR_END: recursive

// ANCHOR: local_callers
#[inline(never)]
pub fn call_local_small(x: u64) -> u64 {
    local_small(black_box(x))
}
// ANCHOR_END: local_callers

#[inline(never)]
pub fn call_local_hinted(x: u64) -> u64 {
    local_hinted(black_box(x))
}

#[inline(never)]
pub fn call_local_always(x: u64) -> u64 {
    local_always(black_box(x))
}

#[inline(never)]
pub fn call_local_never(x: u64) -> u64 {
    local_never(black_box(x))
}

#[inline(never)]
pub fn call_square(x: u64) -> u64 {
    upstream::square(black_box(x))
}

#[inline(never)]
pub fn call_square_op(x: u64) -> u64 {
    upstream::square_op(black_box(x))
}

#[inline(never)]
pub fn call_calls_other(x: u64) -> u64 {
    upstream::calls_other(black_box(x))
}

#[inline(never)]
pub fn call_len_owned(v: Vec<u64>) -> usize {
    upstream::len_owned(black_box(v))
}

#[inline(never)]
pub fn call_len_borrowed(v: &Vec<u64>) -> usize {
    upstream::len_borrowed(black_box(v))
}

#[inline(never)]
pub fn call_first(xs: &[u64]) -> u64 {
    upstream::first(black_box(xs))
}

// ANCHOR: wide_callers
#[inline(never)]
pub fn call_wide_plain(x: u64) -> u64 {
    upstream::wide_plain(black_box(x))
}

#[inline(never)]
pub fn call_wide_hinted(x: u64) -> u64 {
    upstream::wide_hinted(black_box(x))
}

#[inline(never)]
pub fn call_wide_generic(x: u32) -> u64 {
    upstream::wide_generic(black_box(x))
}
// ANCHOR_END: wide_callers

// ANCHOR: always_callers
#[inline(never)]
pub fn call_mix_always(x: u64) -> u64 {
    upstream::mix_always(black_box(x))
}

#[inline(never)]
pub fn call_mix_hinted(x: u64) -> u64 {
    upstream::mix_hinted(black_box(x))
}
// ANCHOR_END: always_callers

// ANCHOR: shared_generic_callers
/// `upstream` compiles `scaled::<u32>` for itself; `scaled::<u16>` exists only where this crate asks.
#[inline(never)]
pub fn call_scaled_u32(x: u32) -> u64 {
    upstream::scaled(black_box(x))
}

#[inline(never)]
pub fn call_scaled_u16(x: u16) -> u64 {
    upstream::scaled(black_box(x))
}
// ANCHOR_END: shared_generic_callers

#[inline(never)]
pub fn call_outer_wide(x: u64) -> u64 {
    upstream::outer_wide(black_box(x))
}

#[inline(never)]
pub fn call_outer_wide_hinted(x: u64) -> u64 {
    upstream::outer_wide_hinted(black_box(x))
}

#[inline(never)]
pub fn call_outer_tiny(x: u64) -> u64 {
    upstream::outer_tiny(black_box(x))
}

// ANCHOR: series_callers
/// For every function `steps_NN` of the generated series, a module `steps_NN` with its caller
/// `app::steps_NN::call`, and `call_series`, which calls them all.
macro_rules! callers {
    ($($f:ident),*) => {
        $(
            pub mod $f {
                #[inline(never)]
                pub fn call(x: u64) -> u64 {
                    upstream::$f(std::hint::black_box(x))
                }
            }
        )*

        fn call_series(x: u64) -> u64 {
            let mut h = x;
            $(h ^= $f::call(h);)*
            h
        }
    };
}

upstream::for_each_step_fn!(callers);
// ANCHOR_END: series_callers

fn main() {
    measured();
}

/// What an instruction count of this program would cover (see `proof::environment::LAB_REGION`).
#[inline(never)]
fn measured() {
    let v = vec![3, 4, 5];
    let mut h = call_local_small(1) ^ call_local_hinted(2) ^ call_local_always(3) ^ call_local_never(4);
    h ^= call_square(5) ^ call_square_op(6) ^ call_calls_other(7);
    h ^= call_len_borrowed(&v) as u64 ^ call_first(&v);
    h ^= call_len_owned(v) as u64;
    h ^= call_wide_plain(8) ^ call_wide_hinted(9) ^ call_wide_generic(10);
    h ^= call_outer_wide(11) ^ call_outer_wide_hinted(12) ^ call_outer_tiny(13);
    h ^= call_local_always_recursive(14) ^ call_mix_always(15) ^ call_mix_hinted(16);
    h ^= call_scaled_u32(17) ^ call_scaled_u16(18) ^ upstream::scaled_here(19);
    h ^= call_series(h);
    println!("{h:#018x}");
}
