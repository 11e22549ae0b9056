//! The Hashing lab's program: hashes a few integers with aHash (fixed seeds) and prints the combined
//! result. aHash picks its algorithm when it is compiled: with the `aes` target feature enabled it
//! mixes with the CPU's AES rounds, without it with multiplications (its portable fallback).

use std::hint::black_box;

// ANCHOR: ahash_key
/// Hashes one integer key with aHash. `#[inline(never)]` keeps it one function whose machine code can
/// be read in the binary; aHash's own hashing code is inlined into it.
#[inline(never)]
pub fn ahash_u64(state: &ahash::RandomState, key: u64) -> u64 {
    state.hash_one(key)
}
// ANCHOR_END: ahash_key

fn main() {
    // Seeds through black_box: the optimizer cannot fold them into the function's code.
    let state = ahash::RandomState::with_seeds(black_box(1), black_box(2), black_box(3), black_box(4));
    let sum = (0..black_box(4u64)).fold(0u64, |acc, k| acc ^ ahash_u64(&state, k));
    println!("{sum:016x}");
}
