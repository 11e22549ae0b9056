//! The types of the Type sizes part's boundary claims: where a rule measured on one type stops. Like
//! `guide_types.rs`, a module of the `layout` lab that the checks include with `#[path]` and measure with
//! `size_of` and `align_of` (tests/claims/type_sizes.rs); kept apart so that the `-Zprint-type-sizes` report of
//! `guide_types.rs` stays as it is.

#![allow(dead_code)]

use std::num::NonZeroU64;
use std::time::Duration;

// ANCHOR: wrappers
/// A newtype around a type with a niche (never zero) ...
pub struct UserId(pub NonZeroU64);
/// ... and around one without (every bit pattern is a valid `u64`).
pub struct RawId(pub u64);

/// A struct holding a reference (never null) beside other fields ...
pub struct Named<'a> {
    pub name: &'a str,
    pub uses: u32,
}
/// ... and the same with a raw pointer, which may be null.
pub struct NamedRaw {
    pub name: *const str,
    pub uses: u32,
}

/// An enum with data: its tag has values no variant uses ...
pub enum Shape {
    Circle(f64),
    Rect(f64, f64),
}
/// ... and the same written by hand, with a `u8` for the tag, all of whose values are valid.
pub struct ShapeByHand {
    pub kind: u8,
    pub a: f64,
    pub b: f64,
}

/// A standard type whose nanoseconds field is always below one billion: `Duration`; beside it, the
/// same two integers in a tuple, `(u64, u32)`.
pub type Elapsed = Duration;
pub type ElapsedRaw = (u64, u32);
// ANCHOR_END: wrappers

// ANCHOR: wide
/// A 16-byte integer and a one-byte tag ...
pub struct TaggedU128 {
    pub tag: u8,
    pub value: u128,
}
/// ... and the same 16 bytes as two `u64`s.
pub struct TaggedPair {
    pub tag: u8,
    pub value: [u64; 2],
}
// ANCHOR_END: wide

// ANCHOR: growing
/// An enum whose second variant holds `N` bytes, beside a small variant ...
pub enum Inline<const N: usize> {
    Small(u32),
    Big([u8; N]),
}
/// ... with those bytes boxed ...
pub enum Boxed<const N: usize> {
    Small(u32),
    Big(Box<[u8; N]>),
}
/// ... and the same two beside a `String` (three words) instead of a `u32`.
pub enum InlineBesideString<const N: usize> {
    Text(String),
    Big([u8; N]),
}
pub enum BoxedBesideString<const N: usize> {
    Text(String),
    Big(Box<[u8; N]>),
}
// ANCHOR_END: growing
