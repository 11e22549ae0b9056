//! Calls each function of `mathlib` from its own `#[inline(never)]` caller, so the proof harness can
//! look at one caller per callee in the built binary and ask: is the callee still called here?
//! `black_box` hides the inputs from the optimizer, and `main` prints the results, so no call is
//! removed for being constant or unused.

use std::hint::black_box;

// ANCHOR: call_square
/// Calls the tiny unattributed function across the crate boundary.
#[inline(never)]
pub fn call_square(x: u64) -> u64 {
    mathlib::square(black_box(x))
}
// ANCHOR_END: call_square

// ANCHOR: call_cube
/// Calls the `#[inline]` function across the crate boundary.
#[inline(never)]
pub fn call_cube(x: u64) -> u64 {
    mathlib::cube(black_box(x))
}
// ANCHOR_END: call_cube

// ANCHOR: call_fnv1a
/// Calls the byte loop that rustc is allowed to inline across crates on its own.
#[inline(never)]
pub fn call_fnv1a(data: &[u8]) -> u64 {
    mathlib::fnv1a(black_box(data))
}
// ANCHOR_END: call_fnv1a

// ANCHOR: call_checksum
/// Calls the function that is too big to be inlined across crates without LTO.
#[inline(never)]
pub fn call_checksum(data: &[u8]) -> u64 {
    mathlib::checksum(black_box(data))
}
// ANCHOR_END: call_checksum

// ANCHOR: call_mean
/// Calls a function that itself calls another function of `mathlib`.
#[inline(never)]
pub fn call_mean(xs: &[f64]) -> f64 {
    mathlib::mean(black_box(xs))
}
// ANCHOR_END: call_mean

// ANCHOR: main
fn main() {
    measured();
}

/// What an instruction count of this program covers (see `proof::environment::LAB_REGION`).
#[inline(never)]
fn measured() {
    let data = b"measured rust";
    let xs = [1.0, 2.0, 3.0, 4.5];
    println!("square(7) = {}", call_square(7));
    println!("cube(7) = {}", call_cube(7));
    println!("fnv1a = {:#018x}", call_fnv1a(data));
    println!("checksum = {:#018x}", call_checksum(data));
    println!("mean = {}", call_mean(&xs));
}
// ANCHOR_END: main
