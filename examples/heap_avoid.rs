//! Ways to allocate less with the standard library's own types: reserving, shrinking, reusing a
//! buffer, pushing into the caller's vector, `clone_from`, `Cow` and boxed slices.
//! Run it: `cargo run --example heap_avoid`

// The patterns below are the ones the book measures, written the way a reader would meet them.
#![allow(clippy::reserve_after_initialization, clippy::ptr_arg)]

use std::borrow::Cow;
use std::hint::black_box;

// ANCHOR: reserve
/// Pushes `n` numbers after asking for room for all of them at once.
pub fn reserve_then_push(n: u32) -> Vec<u32> {
    let mut v = Vec::new();
    v.reserve(n as usize);
    for i in 0..n {
        v.push(i);
    }
    v
}

/// The same pushes into a vector that starts empty and grows as it goes.
pub fn push_n(n: u32) -> Vec<u32> {
    let mut v = Vec::new();
    for i in 0..n {
        v.push(i);
    }
    v
}
// ANCHOR_END: reserve

// ANCHOR: one_more
/// Makes room for one more element in a vector that is full, then pushes it.
pub fn one_more(mut v: Vec<u64>, exact: bool) -> Vec<u64> {
    if exact {
        v.reserve_exact(1); // room for exactly one more
    } else {
        v.reserve(1); // room for at least one more: the vector may take extra
    }
    v.push(0);
    v
}
// ANCHOR_END: one_more

/// A vector holding `len` numbers in a block with room for `capacity`.
pub fn filled(len: usize, capacity: usize) -> Vec<u64> {
    let mut v = Vec::with_capacity(capacity);
    v.extend(0..len as u64);
    v
}

// ANCHOR: shrink
/// Gives back the spare room of a vector that is done growing.
pub fn trimmed(mut v: Vec<u64>) -> Vec<u64> {
    v.shrink_to_fit();
    v
}
// ANCHOR_END: shrink

// ANCHOR: workhorse_loop
/// For each batch, fills a scratch vector and adds it up: a new vector every time round the loop.
pub fn batches_fresh(batches: u32, per_batch: u32) -> u64 {
    let mut total = 0;
    for b in 0..batches {
        let mut scratch = Vec::new();
        for i in 0..per_batch {
            scratch.push(b * i);
        }
        total += checksum(black_box(&scratch));
    }
    total
}

/// The same work with one scratch vector, emptied (but not freed) at the end of each round.
pub fn batches_reused(batches: u32, per_batch: u32) -> u64 {
    let mut total = 0;
    let mut scratch = Vec::new();
    for b in 0..batches {
        for i in 0..per_batch {
            scratch.push(b * i);
        }
        total += checksum(black_box(&scratch));
        scratch.clear(); // length 0, capacity kept
    }
    total
}

fn checksum(values: &[u32]) -> u64 {
    values.iter().map(|&v| u64::from(v)).sum()
}
// ANCHOR_END: workhorse_loop

// ANCHOR: workhorse_struct
/// Medians of many small samples, sorted in a buffer the struct keeps between calls.
#[derive(Default)]
pub struct Medians {
    scratch: Vec<u32>,
}

impl Medians {
    pub fn median(&mut self, sample: &[u32]) -> u32 {
        self.scratch.clear();
        self.scratch.extend_from_slice(sample);
        self.scratch.sort_unstable();
        self.scratch[self.scratch.len() / 2]
    }
}

/// The same median with a fresh copy of the sample on every call.
pub fn median_fresh(sample: &[u32]) -> u32 {
    let mut sorted = sample.to_vec();
    sorted.sort_unstable();
    sorted[sorted.len() / 2]
}
// ANCHOR_END: workhorse_struct

/// `calls` samples of `len` numbers each, made before any measurement.
pub fn samples(calls: u32, len: u32) -> Vec<Vec<u32>> {
    (0..calls).map(|c| (0..len).map(|i| (i * 7919 + c * 31) % 1000).collect()).collect()
}

// ANCHOR: out_param
/// Returns its result in a vector of its own.
pub fn pair(x: u32, y: u32) -> Vec<u32> {
    vec![x, y]
}

/// Appends its result to the caller's vector instead.
pub fn push_pair(x: u32, y: u32, out: &mut Vec<u32>) {
    out.push(x);
    out.push(y);
}

pub fn pairs_returned(n: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(2 * n as usize);
    for i in 0..n {
        out.extend(pair(i, i + 1));
    }
    out
}

pub fn pairs_pushed(n: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(2 * n as usize);
    for i in 0..n {
        push_pair(i, i + 1, &mut out);
    }
    out
}
// ANCHOR_END: out_param

// ANCHOR: stages
/// Three stages, each adding `n` values to the one vector being built.
pub fn stages_into_one(n: u32) -> Vec<u32> {
    let mut out = Vec::new();
    squares_into(n, &mut out);
    cubes_into(n, &mut out);
    evens_into(n, &mut out);
    out
}

/// The same three stages, each building a vector of its own, combined at the end.
pub fn stages_combined(n: u32) -> Vec<u32> {
    let mut squares = Vec::new();
    squares_into(n, &mut squares);
    let mut cubes = Vec::new();
    cubes_into(n, &mut cubes);
    let mut evens = Vec::new();
    evens_into(n, &mut evens);
    [squares, cubes, evens].concat()
}

fn squares_into(n: u32, out: &mut Vec<u32>) {
    for i in 0..n {
        out.push(i * i);
    }
}

fn cubes_into(n: u32, out: &mut Vec<u32>) {
    for i in 0..n {
        out.push(i * i * i);
    }
}

fn evens_into(n: u32, out: &mut Vec<u32>) {
    for i in 0..n {
        out.push(2 * i);
    }
}
// ANCHOR_END: stages

// ANCHOR: clone_from
/// Overwrites `dst` with a copy of `src` made by `clone`: a new vector replaces the old one.
pub fn overwrite_by_clone(dst: &mut Vec<u32>, src: &Vec<u32>) {
    *dst = src.clone();
}

/// Overwrites `dst` with a copy of `src` made by `clone_from`: `dst` keeps its block if it is big enough.
pub fn overwrite_by_clone_from(dst: &mut Vec<u32>, src: &Vec<u32>) {
    dst.clone_from(src);
}
// ANCHOR_END: clone_from

// ANCHOR: derived_clone_from
/// `#[derive(Clone)]` writes `clone`, not `clone_from`: the trait's default `clone_from` is used.
#[derive(Clone)]
pub struct Row {
    pub cells: Vec<u32>,
}

/// The same struct with `clone_from` written out, handing each field to the field's own `clone_from`.
pub struct ReusingRow {
    pub cells: Vec<u32>,
}

impl Clone for ReusingRow {
    fn clone(&self) -> Self {
        ReusingRow { cells: self.cells.clone() }
    }

    fn clone_from(&mut self, source: &Self) {
        self.cells.clone_from(&source.cells);
    }
}
// ANCHOR_END: derived_clone_from

// ANCHOR: messages
/// Error messages as owned strings: every literal is copied into a `String` of its own.
pub fn messages_owned(line: u32) -> Vec<String> {
    let mut errors: Vec<String> = Vec::with_capacity(4);
    errors.push("disk is full".to_string());
    errors.push(format!("bad header on line {line}"));
    errors.push(String::from("permission denied"));
    errors.push(format!("unexpected end of file after line {}", line + 1));
    errors
}

/// The same messages as `Cow`: literals are borrowed, only the formatted ones are owned.
pub fn messages_cow(line: u32) -> Vec<Cow<'static, str>> {
    let mut errors: Vec<Cow<'static, str>> = Vec::with_capacity(4);
    errors.push(Cow::Borrowed("disk is full"));
    errors.push(Cow::Owned(format!("bad header on line {line}")));
    errors.push(Cow::from("permission denied"));
    errors.push(format!("unexpected end of file after line {}", line + 1).into());
    errors
}
// ANCHOR_END: messages

// ANCHOR: to_mut
/// A name with its first letter capitalized. A name that already starts with a capital is handed
/// back borrowed; only the others are copied, by `to_mut`, and changed.
pub fn capitalized(name: &str) -> Cow<'_, str> {
    let mut name = Cow::Borrowed(name);
    if name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.to_mut()[..1].make_ascii_uppercase();
    }
    name
}

/// The same, always returning an owned copy.
pub fn capitalized_owned(name: &str) -> String {
    let mut name = name.to_owned();
    if name.starts_with(|c: char| c.is_ascii_lowercase()) {
        name[..1].make_ascii_uppercase();
    }
    name
}
// ANCHOR_END: to_mut

/// The names the `Cow` examples capitalize: three of them start in lower case.
pub const NAMES: [&str; 8] = ["Ada", "grace", "Linus", "Barbara", "ken", "Dennis", "margaret", "Niklaus"];

// ANCHOR: string_capacity
/// Joins `parts` with commas into a string that was given its final length up front.
pub fn joined_reserved(parts: &[&str]) -> String {
    let len = parts.iter().map(|p| p.len()).sum::<usize>() + parts.len().saturating_sub(1);
    let mut s = String::with_capacity(len);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(p);
    }
    s
}

/// The same join into a string that starts empty and grows as it goes.
pub fn joined_growing(parts: &[&str]) -> String {
    let mut s = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(p);
    }
    s
}
// ANCHOR_END: string_capacity

// ANCHOR: boxed_slice
/// Turns a finished vector into a boxed slice: a pointer and a length, no capacity.
pub fn frozen(v: Vec<u64>) -> Box<[u64]> {
    v.into_boxed_slice()
}
// ANCHOR_END: boxed_slice

fn main() {
    println!("reserve(20): capacity {}", reserve_then_push(20).capacity());
    let full = filled(20, 20);
    println!("full vector of 20, one more with reserve(1): capacity {}", one_more(full.clone(), false).capacity());
    println!("full vector of 20, one more with reserve_exact(1): capacity {}", one_more(full, true).capacity());

    let roomy = filled(10, 100);
    println!("10 elements in room for 100, after shrink_to_fit: capacity {}", trimmed(roomy).capacity());

    assert_eq!(batches_fresh(100, 10), batches_reused(100, 10));
    let mut medians = Medians::default();
    for sample in samples(5, 51) {
        assert_eq!(medians.median(&sample), median_fresh(&sample));
    }
    assert_eq!(pairs_returned(100), pairs_pushed(100));
    assert_eq!(stages_into_one(100), stages_combined(100));

    let mut v1: Vec<u32> = Vec::with_capacity(99);
    v1.push(7);
    let v2 = vec![1, 2, 3];
    overwrite_by_clone_from(&mut v1, &v2);
    println!("after clone_from: {v1:?}, capacity {}", v1.capacity());
    overwrite_by_clone(&mut v1, &v2);
    println!("after clone: {v1:?}, capacity {}", v1.capacity());

    let mut row = Row { cells: Vec::with_capacity(99) };
    row.clone_from(&Row { cells: vec![1, 2, 3] });
    let mut reusing = ReusingRow { cells: Vec::with_capacity(99) };
    reusing.clone_from(&ReusingRow { cells: vec![1, 2, 3] });
    println!("clone_from on a derived Row: capacity {}; written by hand: capacity {}", row.cells.capacity(), reusing.cells.capacity());

    for (owned, cow) in messages_owned(100).iter().zip(messages_cow(100)) {
        let how = if matches!(cow, Cow::Borrowed(_)) { "borrowed" } else { "owned" };
        assert_eq!(owned, &cow);
        println!("{how:>8}: {cow}");
    }
    for name in NAMES {
        let c = capitalized(name);
        let how = if matches!(c, Cow::Borrowed(_)) { "borrowed" } else { "copied" };
        assert_eq!(c, capitalized_owned(name));
        println!("{name:>9} -> {c:<9} ({how})");
    }
    assert_eq!(joined_reserved(&NAMES), joined_growing(&NAMES));

    let boxed = frozen(filled(100, 100));
    println!("Box<[u64]> of {} elements; handle {} bytes, a Vec's {} bytes", boxed.len(), size_of::<Box<[u64]>>(), size_of::<Vec<u64>>());
}
