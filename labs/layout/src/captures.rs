//! Closures and what they capture: a module of the `layout` lab, included by tests/claims/type_sizes.rs (which
//! measures the closures' sizes in its own binary, edition 2024) and compiled alone by
//! `rustc -Zprint-type-sizes` under editions 2018 and 2024, which capture struct fields differently.
//! It must mean the same in every edition but that one point.

#![allow(dead_code)]

/// The size of the value `_v` points to, a closure here.
#[inline(never)]
fn size<T>(_v: &T) -> usize {
    std::mem::size_of::<T>()
}

// ANCHOR: variables
/// A closure using two local variables, a 128-byte array and a `u64`, by reference and with `move`.
pub fn whole_variables(samples: [u64; 16], scale: u64) -> [usize; 2] {
    let borrows = || samples[0] * scale;
    let moves = move || samples[0] * scale;
    [size(&borrows), size(&moves)]
}
// ANCHOR_END: variables

// ANCHOR: fields
/// A struct of 120 bytes, of which the closures below use two fields.
pub struct Particle {
    pub x: u64,
    pub y: u64,
    pub label: [u8; 100],
}

pub fn two_fields(p: Particle) -> [usize; 2] {
    let borrows = || p.x + p.y; // closure: borrows two fields
    let borrowing = size(&borrows);
    let moves = move || p.x + p.y; // closure: moves two fields
    [borrowing, size(&moves)]
}
// ANCHOR_END: fields
