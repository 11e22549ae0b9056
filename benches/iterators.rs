//! Instruction counts of equivalent index loops and iterator chains for "Bounds checks and iterators"
//! (tests/claims/bounds.rs). The data is built by each benchmark's `setup` function, outside the count; the
//! functions measured are `#[inline(never)]`, so each benchmark counts one call of one loop.
//! `cargo bench --bench iterators` shows them.

// The index loops and adapter chains below are the shapes the book compares: Clippy would rewrite them.
#![allow(clippy::needless_range_loop, clippy::manual_filter_map)]

use gungraun::{library_benchmark, library_benchmark_group, main};
use std::hint::black_box;

// ---------------------------------------------------------------------------------------------------
// Inputs, built outside the count

/// `0..n` as u64.
fn numbers(n: usize) -> Vec<u64> {
    (0..n as u64).collect()
}

/// `0..n` as u32.
fn small_numbers(n: usize) -> Vec<u32> {
    (0..n as u32).collect()
}

/// `n` bytes of a repeating pattern.
fn bytes(n: usize) -> Vec<u8> {
    (0..n).map(|i| (i * 7) as u8).collect()
}

/// `n` values split into two halves of `n / 2`.
fn halves(n: usize) -> (Vec<u64>, Vec<u64>) {
    let all = numbers(n);
    let (a, b) = all.split_at(n / 2);
    (a.to_vec(), b.to_vec())
}

/// `n` strings, every other one a number ("0", "x1", "2", "x3", …).
fn strings(n: usize) -> Vec<String> {
    (0..n).map(|i| if i % 2 == 0 { i.to_string() } else { format!("x{i}") }).collect()
}

// ---------------------------------------------------------------------------------------------------
// The loops measured

// ANCHOR: sums
/// The iterator sum.
#[inline(never)]
pub fn sum_iter(xs: &[u64]) -> u64 {
    xs.iter().sum()
}

/// The index loop up to a bound from the caller: bounds-checked.
#[inline(never)]
pub fn sum_index_checked(xs: &[u64], n: usize) -> u64 {
    let mut total = 0u64;
    for i in 0..n {
        total = total.wrapping_add(xs[i]);
    }
    total
}
// ANCHOR_END: sums

// ANCHOR: words
/// Little-endian u32 words of `bytes`, summed: chunks(4), each chunk's bytes bounds-checked.
#[inline(never)]
pub fn words_chunks(bytes: &[u8]) -> u32 {
    bytes.chunks(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).fold(0, u32::wrapping_add)
}

/// The same with chunks_exact(4): no checks.
#[inline(never)]
pub fn words_chunks_exact(bytes: &[u8]) -> u32 {
    bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).fold(0, u32::wrapping_add)
}

/// The same whole words with unchecked reads (a tail of fewer than four bytes is skipped, as
/// chunks_exact skips it).
#[inline(never)]
pub fn words_unchecked(bytes: &[u8]) -> u32 {
    let mut total = 0u32;
    for i in 0..bytes.len() / 4 {
        // SAFETY: 4 * i + 3 < bytes.len() for every i < bytes.len() / 4.
        let w = unsafe {
            [*bytes.get_unchecked(4 * i), *bytes.get_unchecked(4 * i + 1), *bytes.get_unchecked(4 * i + 2), *bytes.get_unchecked(4 * i + 3)]
        };
        total = total.wrapping_add(u32::from_le_bytes(w));
    }
    total
}
// ANCHOR_END: words

// ANCHOR: remainder
/// A length that need not be a multiple of 4: chunks(4) pads every chunk, in case it is the short one.
#[inline(never)]
pub fn words_chunks_padded(bytes: &[u8]) -> u32 {
    let mut total = 0u32;
    for c in bytes.chunks(4) {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        total = total.wrapping_add(u32::from_le_bytes(w));
    }
    total
}

/// chunks_exact(4) for the whole words, then the remainder padded once.
#[inline(never)]
pub fn words_exact_remainder(bytes: &[u8]) -> u32 {
    let chunks = bytes.chunks_exact(4);
    let rest = chunks.remainder();
    let mut total = chunks.map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).fold(0, u32::wrapping_add);
    if !rest.is_empty() {
        let mut w = [0u8; 4];
        w[..rest.len()].copy_from_slice(rest);
        total = total.wrapping_add(u32::from_le_bytes(w));
    }
    total
}
// ANCHOR_END: remainder

/// From the end: rchunks(4).
#[inline(never)]
pub fn words_rchunks(bytes: &[u8]) -> u32 {
    bytes.rchunks(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).fold(0, u32::wrapping_add)
}

/// From the end: rchunks_exact(4).
#[inline(never)]
pub fn words_rchunks_exact(bytes: &[u8]) -> u32 {
    bytes.rchunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).fold(0, u32::wrapping_add)
}

// ANCHOR: chunks_mut
/// Adds one to every u32 word in place: chunks_mut(4).
#[inline(never)]
pub fn words_chunks_mut(bytes: &mut [u8]) {
    for c in bytes.chunks_mut(4) {
        let w = u32::from_le_bytes([c[0], c[1], c[2], c[3]]).wrapping_add(1);
        c.copy_from_slice(&w.to_le_bytes());
    }
}

/// The same with chunks_exact_mut(4).
#[inline(never)]
pub fn words_chunks_exact_mut(bytes: &mut [u8]) {
    for c in bytes.chunks_exact_mut(4) {
        let w = u32::from_le_bytes([c[0], c[1], c[2], c[3]]).wrapping_add(1);
        c.copy_from_slice(&w.to_le_bytes());
    }
}
// ANCHOR_END: chunks_mut

/// From the end: rchunks_mut(4).
#[inline(never)]
pub fn words_rchunks_mut(bytes: &mut [u8]) {
    for c in bytes.rchunks_mut(4) {
        let w = u32::from_le_bytes([c[0], c[1], c[2], c[3]]).wrapping_add(1);
        c.copy_from_slice(&w.to_le_bytes());
    }
}

/// From the end: rchunks_exact_mut(4).
#[inline(never)]
pub fn words_rchunks_exact_mut(bytes: &mut [u8]) {
    for c in bytes.rchunks_exact_mut(4) {
        let w = u32::from_le_bytes([c[0], c[1], c[2], c[3]]).wrapping_add(1);
        c.copy_from_slice(&w.to_le_bytes());
    }
}

// ANCHOR: chains
/// A for loop over two slices chained: every `next()` asks which half it is in.
#[inline(never)]
pub fn chain_for_loop(a: &[u64], b: &[u64]) -> u64 {
    let mut total = 0u64;
    for &x in a.iter().chain(b.iter()) {
        total = total.wrapping_add(x);
    }
    total
}

/// A for loop over one slice of the same values.
#[inline(never)]
pub fn single_for_loop(xs: &[u64]) -> u64 {
    let mut total = 0u64;
    for &x in xs {
        total = total.wrapping_add(x);
    }
    total
}

/// The chain consumed by `sum()`, which folds the first half, then the second.
#[inline(never)]
pub fn chain_sum(a: &[u64], b: &[u64]) -> u64 {
    a.iter().chain(b.iter()).sum()
}
// ANCHOR_END: chains

// ANCHOR: filter_map
/// Keeps the even numbers, tripled: filter, then map.
#[inline(never)]
pub fn filter_then_map(xs: &[u32]) -> u32 {
    xs.iter().filter(|&&x| x % 2 == 0).map(|&x| x * 3).sum()
}

/// The same with filter_map.
#[inline(never)]
pub fn filter_map(xs: &[u32]) -> u32 {
    xs.iter().filter_map(|&x| (x % 2 == 0).then_some(x * 3)).sum()
}

/// Sums the strings that are numbers: filter parses each, map parses the kept ones again.
#[inline(never)]
pub fn parse_filter_then_map(xs: &[String]) -> u32 {
    xs.iter().filter(|s| s.parse::<u32>().is_ok()).map(|s| s.parse::<u32>().unwrap()).sum()
}

/// The same with filter_map: each string is parsed once.
#[inline(never)]
pub fn parse_filter_map(xs: &[String]) -> u32 {
    xs.iter().filter_map(|s| s.parse::<u32>().ok()).sum()
}
// ANCHOR_END: filter_map

// ---------------------------------------------------------------------------------------------------
// Benchmarks

#[library_benchmark]
#[bench::n4096(args = (4096), setup = numbers)]
fn bench_sum_iter(xs: Vec<u64>) -> u64 {
    sum_iter(black_box(&xs))
}

#[library_benchmark]
#[bench::n4096(args = (4096), setup = numbers)]
fn bench_sum_index_checked(xs: Vec<u64>) -> u64 {
    let n = black_box(xs.len());
    sum_index_checked(black_box(&xs), n)
}

#[library_benchmark]
#[bench::b16384(args = (16384), setup = bytes)]
fn bench_words_chunks(b: Vec<u8>) -> u32 {
    words_chunks(black_box(&b))
}

#[library_benchmark]
#[bench::b16384(args = (16384), setup = bytes)]
fn bench_words_chunks_exact(b: Vec<u8>) -> u32 {
    words_chunks_exact(black_box(&b))
}

#[library_benchmark]
#[bench::b16384(args = (16384), setup = bytes)]
fn bench_words_unchecked(b: Vec<u8>) -> u32 {
    words_unchecked(black_box(&b))
}

#[library_benchmark]
#[bench::b16387(args = (16387), setup = bytes)]
fn bench_words_chunks_padded(b: Vec<u8>) -> u32 {
    words_chunks_padded(black_box(&b))
}

#[library_benchmark]
#[bench::b16387(args = (16387), setup = bytes)]
fn bench_words_exact_remainder(b: Vec<u8>) -> u32 {
    words_exact_remainder(black_box(&b))
}

#[library_benchmark]
#[bench::b16384(args = (16384), setup = bytes)]
fn bench_words_rchunks(b: Vec<u8>) -> u32 {
    words_rchunks(black_box(&b))
}

#[library_benchmark]
#[bench::b16384(args = (16384), setup = bytes)]
fn bench_words_rchunks_exact(b: Vec<u8>) -> u32 {
    words_rchunks_exact(black_box(&b))
}

#[library_benchmark]
#[bench::b16384(args = (16384), setup = bytes)]
fn bench_words_chunks_mut(mut b: Vec<u8>) -> Vec<u8> {
    words_chunks_mut(black_box(&mut b));
    b
}

#[library_benchmark]
#[bench::b16384(args = (16384), setup = bytes)]
fn bench_words_chunks_exact_mut(mut b: Vec<u8>) -> Vec<u8> {
    words_chunks_exact_mut(black_box(&mut b));
    b
}

#[library_benchmark]
#[bench::b16384(args = (16384), setup = bytes)]
fn bench_words_rchunks_mut(mut b: Vec<u8>) -> Vec<u8> {
    words_rchunks_mut(black_box(&mut b));
    b
}

#[library_benchmark]
#[bench::b16384(args = (16384), setup = bytes)]
fn bench_words_rchunks_exact_mut(mut b: Vec<u8>) -> Vec<u8> {
    words_rchunks_exact_mut(black_box(&mut b));
    b
}

#[library_benchmark]
#[bench::n4096(args = (4096), setup = halves)]
fn bench_chain_for_loop(ab: (Vec<u64>, Vec<u64>)) -> u64 {
    chain_for_loop(black_box(&ab.0), black_box(&ab.1))
}

#[library_benchmark]
#[bench::n4096(args = (4096), setup = numbers)]
fn bench_single_for_loop(xs: Vec<u64>) -> u64 {
    single_for_loop(black_box(&xs))
}

#[library_benchmark]
#[bench::n4096(args = (4096), setup = halves)]
fn bench_chain_sum(ab: (Vec<u64>, Vec<u64>)) -> u64 {
    chain_sum(black_box(&ab.0), black_box(&ab.1))
}

#[library_benchmark]
#[bench::n4096(args = (4096), setup = numbers)]
fn bench_single_sum(xs: Vec<u64>) -> u64 {
    sum_iter(black_box(&xs))
}

#[library_benchmark]
#[bench::n4096(args = (4096), setup = small_numbers)]
fn bench_filter_then_map(xs: Vec<u32>) -> u32 {
    filter_then_map(black_box(&xs))
}

#[library_benchmark]
#[bench::n4096(args = (4096), setup = small_numbers)]
fn bench_filter_map(xs: Vec<u32>) -> u32 {
    filter_map(black_box(&xs))
}

#[library_benchmark]
#[bench::s1024(args = (1024), setup = strings)]
fn bench_parse_filter_then_map(xs: Vec<String>) -> u32 {
    parse_filter_then_map(black_box(&xs))
}

#[library_benchmark]
#[bench::s1024(args = (1024), setup = strings)]
fn bench_parse_filter_map(xs: Vec<String>) -> u32 {
    parse_filter_map(black_box(&xs))
}

library_benchmark_group!(
    name = loops;
    benchmarks = bench_sum_iter, bench_sum_index_checked, bench_words_chunks, bench_words_chunks_exact, bench_words_unchecked,
        bench_words_chunks_padded, bench_words_exact_remainder, bench_words_rchunks, bench_words_rchunks_exact,
        bench_words_chunks_mut, bench_words_chunks_exact_mut, bench_words_rchunks_mut, bench_words_rchunks_exact_mut
);
library_benchmark_group!(
    name = chains;
    benchmarks = bench_chain_for_loop, bench_single_for_loop, bench_chain_sum, bench_single_sum, bench_filter_then_map,
        bench_filter_map, bench_parse_filter_then_map, bench_parse_filter_map
);

main!(config = measured_benches::library_config(); library_benchmark_groups = loops, chains);
