//! The example the compiler pipeline chapter follows through every stage of rustc. Each function shows
//! one thing a stage does; the checks in tests/claims/pipeline.rs read the dumps of this file.
//!
//! A small public function of a library is compiled at -O only where it is used (automatic cross-crate
//! inlining, see the Inlining part): the functions whose optimized IR or assembly the chapter reads are
//! `#[inline(never)]` so that this crate keeps a body of its own for each.

use std::num::ParseIntError;

// ANCHOR: loops
/// Adds 0, 1, …, n-1 with a `for` loop.
#[inline(never)]
pub fn sum_below(n: u32) -> u32 {
    let mut total = 0;
    for i in 0..n {
        total += i;
    }
    total
}

/// The same sum with a `while` loop and a counter.
pub fn sum_below_while(n: u32) -> u32 {
    let mut total = 0;
    let mut i = 0;
    while i < n {
        total += i;
        i += 1;
    }
    total
}
// ANCHOR_END: loops

// ANCHOR: try
/// Parses a number and doubles it; `?` returns the parse error to the caller.
pub fn parse_doubled(text: &str) -> Result<u32, ParseIntError> {
    let n: u32 = text.trim().parse()?;
    Ok(n * 2)
}

/// The same with the early return written out as a `match`.
pub fn parse_doubled_match(text: &str) -> Result<u32, ParseIntError> {
    let n: u32 = match text.trim().parse() {
        Ok(n) => n,
        Err(e) => return Err(e),
    };
    Ok(n * 2)
}
// ANCHOR_END: try

// ANCHOR: patterns
/// `if let` and `while let`.
pub fn first_or_zero(values: &[u32]) -> u32 {
    if let Some(first) = values.first() { *first } else { 0 }
}

pub fn drain_sum(mut values: Vec<u32>) -> u32 {
    let mut total = 0;
    while let Some(v) = values.pop() {
        total += v;
    }
    total
}
// ANCHOR_END: patterns

// ANCHOR: print
/// A macro call: `println!` is expanded before anything else looks at the function.
pub fn report(x: u32) {
    println!("x = {}", x);
}
// ANCHOR_END: print

// ANCHOR: async
/// An async function that awaits another.
async fn ready() -> u32 {
    7
}

pub async fn answer() -> u32 {
    ready().await + 1
}
// ANCHOR_END: async

// ANCHOR: method
/// A method call, resolved by the type checker.
pub fn length(names: &Vec<String>) -> usize {
    names.len()
}
// ANCHOR_END: method

// ANCHOR: drops
/// Builds a String and lets it go out of scope: MIR shows where it is dropped.
pub fn greeting_length(name: &str) -> usize {
    let greeting = format!("hello, {name}");
    greeting.len()
}

/// The same shape with a plain integer: nothing to drop.
pub fn doubled_length(name: &str) -> usize {
    let doubled = name.len() * 2;
    doubled
}
// ANCHOR_END: drops

// ANCHOR: checks
/// Arithmetic that can overflow, and indexing that can be out of bounds.
pub fn factorial(n: u64) -> u64 {
    if n <= 1 { 1 } else { n * factorial(n - 1) }
}

pub fn third(values: &[u32]) -> u32 {
    values[2]
}

pub fn third_or_none(values: &[u32]) -> Option<u32> {
    values.get(2).copied()
}

pub fn seven() -> u32 {
    3 + 4
}
// ANCHOR_END: checks

// ANCHOR: generic
/// One generic function used with three types, one plain function used with one.
fn larger<T: PartialOrd>(a: T, b: T) -> T {
    if a > b { a } else { b }
}

fn larger_u8(a: u8, b: u8) -> u8 {
    if a > b { a } else { b }
}

pub fn use_larger(x: i32, y: f64, s: &'static str) -> (i32, f64, &'static str, u8) {
    (larger(x, 1), larger(y, 1.0), larger(s, "m"), larger_u8(x as u8, 1))
}
// ANCHOR_END: generic

// ANCHOR: inlining
/// A small helper, and a larger one; each is called from one place only.
fn twice(x: u64) -> u64 {
    x.wrapping_mul(2)
}

pub fn call_twice(x: u64) -> u64 {
    twice(x).wrapping_add(1)
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x = x.rotate_left(17).wrapping_add(0x9e37_79b9_7f4a_7c15);
    x ^= x >> 29;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^= x >> 31;
    x = x.rotate_right(23).wrapping_sub(0x2545_f491_4f6c_dd1d);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

pub fn call_mix(x: u64) -> u64 {
    mix(x).wrapping_add(1)
}
// ANCHOR_END: inlining

// ANCHOR: borrows
/// Shared and exclusive references, and raw pointers.
#[inline(never)]
pub fn add_to(target: &mut u32, amount: &u32) {
    *target += *amount;
}

/// # Safety
/// Both pointers must be valid.
#[inline(never)]
pub unsafe fn add_to_raw(target: *mut u32, amount: *const u32) {
    unsafe { *target += *amount }
}
// ANCHOR_END: borrows

// ANCHOR: sum
/// The seed's iterator sum.
pub fn sum_slice(data: &[u64]) -> u64 {
    data.iter().sum()
}
// ANCHOR_END: sum

// ANCHOR: add
/// The seed's first example.
#[inline(never)]
pub fn add(a: u32, b: u32) -> u32 {
    a + b
}
// ANCHOR_END: add
