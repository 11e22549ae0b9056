//! Copies a value of 128 or 136 bytes (the first argument) 1,000 times, for DHAT's copy-profiling mode
//! (`valgrind --tool=dhat --mode=copy`, run by tests/claims/type_sizes.rs). In a release build for the default
//! CPU, the 136-byte copy is a call to memcpy and the 128-byte one is inline moves.

use std::hint::black_box;

// ANCHOR: copy_loop
/// Copies `src` into `dst` `times` times; `black_box` keeps every copy.
#[inline(never)]
fn copy_many<const WORDS: usize>(src: &[u64; WORDS], dst: &mut [u64; WORDS], times: usize) {
    for _ in 0..times {
        *dst = *black_box(src);
        black_box(&mut *dst);
    }
}
// ANCHOR_END: copy_loop

fn main() {
    let bytes: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).expect("usage: copy_loop 128|136");
    match bytes {
        128 => copy_many(&[7u64; 16], &mut [0u64; 16], 1000),
        136 => copy_many(&[7u64; 17], &mut [0u64; 17], 1000),
        _ => panic!("128 or 136 bytes"),
    }
}
