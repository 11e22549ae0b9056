//! Calls both siblings (the copies LTO may merge), sums squares with `shared::square` (the loop LTO is
//! said to vectorize), and calls three versions of one checksum (plain, generic, `#[inline(never)]`): which
//! of them each setting inlines. `black_box` hides inputs from the optimizer where the point is a loop at
//! run time.

use std::hint::black_box;

// ANCHOR: heavy_compute
/// Sums the squares of a slice, calling the library's `square` for each element.
pub fn heavy_compute(nums: &[i32]) -> i32 {
    nums.iter().map(|&n| shared::square(n)).sum()
}

/// The loop on a slice the optimizer cannot see: it has to run. (The result is stored through `out`, so
/// that the function stays in the binary with its body, whatever the optimizer knows about it.)
#[inline(never)]
pub fn opaque_input(out: &mut i32) {
    *out = heavy_compute(black_box(&[1, 2, 3, 4, 5]));
}

/// The same call on the constant slice of five numbers, as in the article's `main`.
#[inline(never)]
pub fn constant_input(out: &mut i32) {
    *out = heavy_compute(&[1, 2, 3, 4, 5]);
}
// ANCHOR_END: heavy_compute

// ANCHOR: checksum_callers
/// Calls the library's non-generic `checksum` across the crate boundary.
#[inline(never)]
pub fn call_checksum(data: &[u8]) -> u64 {
    shared::checksum(black_box(data))
}

/// Calls the generic `checksum_generic`, instantiated here, in `app`, for `&[u8]`.
#[inline(never)]
pub fn call_checksum_generic(data: &[u8]) -> u64 {
    shared::checksum_generic(black_box(data))
}

/// Calls the `#[inline(never)]` `checksum_never`.
#[inline(never)]
pub fn call_checksum_never(data: &[u8]) -> u64 {
    shared::checksum_never(black_box(data))
}
// ANCHOR_END: checksum_callers

fn main() {
    measured();
}

/// What an instruction count of this program covers (see `proof::environment::LAB_REGION`).
#[inline(never)]
fn measured() {
    let words: Vec<u32> = (1..=64).collect();
    println!("left = {:#018x}, right = {:#018x}", left::left_mix(black_box(&words)), right::right_mix(black_box(&words)));
    println!("lookups = {:#018x} {:#018x}", left::left_lookup(black_box(3)), right::right_lookup(black_box(12)));
    let (mut opaque, mut constant) = (0, 0);
    opaque_input(black_box(&mut opaque));
    constant_input(black_box(&mut constant));
    println!("squares = {opaque} {constant}");
    let data = b"measured rust, sibling crates";
    println!("checksums = {:#018x} {:#018x} {:#018x}", call_checksum(data), call_checksum_generic(data), call_checksum_never(data));
}
