//! Calls the functions of the `tradeoffs` library (another crate), each from a caller of its own where
//! the call itself is what is measured, and runs one workload under instruction count: `measured`
//! reads which from its first argument (`outlined`, `inline`, `always`, `never`, …).

use std::hint::black_box;
use tradeoffs::{Rect, Samples, Shape, Square};

// ANCHOR: bloat_callers
#[inline(never)]
fn bloat_str(s: &str) -> u64 {
    tradeoffs::checksum_bloat(s)
}

#[inline(never)]
fn bloat_string(s: String) -> u64 {
    tradeoffs::checksum_bloat(s)
}

#[inline(never)]
fn bloat_vec(v: Vec<u8>) -> u64 {
    tradeoffs::checksum_bloat(v)
}

#[inline(never)]
fn bloat_array(a: [u8; 4]) -> u64 {
    tradeoffs::checksum_bloat(a)
}
// ANCHOR_END: bloat_callers

#[inline(never)]
fn thin_str(s: &str) -> u64 {
    tradeoffs::checksum_thin(s)
}

#[inline(never)]
fn thin_string(s: String) -> u64 {
    tradeoffs::checksum_thin(s)
}

#[inline(never)]
fn thin_vec(v: Vec<u8>) -> u64 {
    tradeoffs::checksum_thin(v)
}

#[inline(never)]
fn thin_array(a: [u8; 4]) -> u64 {
    tradeoffs::checksum_thin(a)
}

// ANCHOR: deref_caller
#[inline(never)]
fn samples_sum(s: &Samples) -> u64 {
    s.iter().sum()
}
// ANCHOR_END: deref_caller

/// Calls `f` on the even numbers 0, 2, … `2n - 2` and combines the results: only the common path runs
/// (the rare path is taken by inputs of the form 1024k + 1023, which are odd).
fn run(n: u64, f: fn(u64) -> u64) -> u64 {
    (0..n).fold(0, |h, i| h ^ f(black_box(2 * i)))
}

/// Calls `f` on `n` inputs that all take its rare path.
fn run_rare(n: u64, f: fn(u64) -> u64) -> u64 {
    (0..n).fold(0, |h, i| h ^ f(black_box(i * 1024 + 1023)))
}

/// Everything else, so that every function is in the binary.
fn everything() -> u64 {
    let shapes: Vec<Box<dyn Shape>> = vec![Box::new(Square(2)), Box::new(Rect(2, 3))];
    let squares = [Square(1), Square(2)];
    let xs = [1, 2, 3];
    let k = black_box(3);
    let mut h = tradeoffs::hot_cold_only(black_box(1)) ^ tradeoffs::hot_split_plain(black_box(1)) ^ tradeoffs::dyn_visible(black_box(2)) ^ tradeoffs::dyn_opaque(black_box(&Rect(1, 2) as &dyn Shape), black_box(3));
    h ^= tradeoffs::total_boxed(black_box(&shapes[..]), black_box(4)) ^ tradeoffs::total_generic(black_box(&squares[..]), black_box(5));
    h ^= tradeoffs::apply_generic(|x| x * k + 1, black_box(&xs[..])) ^ tradeoffs::apply_dyn(black_box(&|x: u64| x * k + 1), black_box(&xs[..]));
    h ^= tradeoffs::sites_always_001(black_box(1)) ^ tradeoffs::sites_always_008(black_box(2)) ^ tradeoffs::sites_always_032(black_box(3));
    h ^= tradeoffs::sites_never_001(black_box(1)) ^ tradeoffs::sites_never_008(black_box(2)) ^ tradeoffs::sites_never_032(black_box(3));
    h ^= tradeoffs::call_big_once(black_box(1)) ^ tradeoffs::call_big_twice_a(black_box(2)) ^ tradeoffs::call_big_twice_b(black_box(3));
    h ^= tradeoffs::hot_site(black_box(1)) ^ tradeoffs::cold_site_a(black_box(2)) ^ tradeoffs::cold_site_b(black_box(3));
    h ^= tradeoffs::times_two_inlined(black_box(1)) ^ tradeoffs::times_two_called(black_box(2));
    h ^= bloat_str(black_box("ab")) ^ bloat_string(black_box("cd".into())) ^ bloat_vec(black_box(vec![1])) ^ bloat_array(black_box([1, 2, 3, 4]));
    h ^= thin_str(black_box("ab")) ^ thin_string(black_box("cd".into())) ^ thin_vec(black_box(vec![1])) ^ thin_array(black_box([1, 2, 3, 4]));
    h ^= samples_sum(black_box(&Samples::new(vec![1, 2])));
    h
}

fn main() {
    let workload = std::env::args().nth(1).unwrap_or_default();
    measured(&workload);
}

// ANCHOR: measured
/// What an instruction count of this program covers (see `proof::environment::LAB_REGION`): one
/// workload, chosen by name.
#[inline(never)]
fn measured(workload: &str) {
    let h = match workload {
        "inline" => run(100_000, tradeoffs::hot_inline),
        "outlined" => run(100_000, tradeoffs::hot_outlined),
        "inline-rare" => run_rare(10_000, tradeoffs::hot_inline),
        "outlined-rare" => run_rare(10_000, tradeoffs::hot_outlined),
        "always" => run(1_000, tradeoffs::sites_always_128),
        "never" => run(1_000, tradeoffs::sites_never_128),
        _ => everything(),
    };
    println!("{h:#018x}");
}
// ANCHOR_END: measured
