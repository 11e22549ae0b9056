//! A library whose functions are called from another crate (`app`). Each hand-written function stands
//! for one kind of body that rustc's automatic cross-crate inlining accepts or refuses; the generated
//! ones (`build.rs`) are a series of growing size, and a few wide functions too big for it.

include!(concat!(env!("OUT_DIR"), "/series.rs"));

// ANCHOR: square
/// A tiny function that multiplies through a method of the standard library.
pub fn square(x: u64) -> u64 {
    x.wrapping_mul(x)
}

/// The same product with the `*` operator: in a release build, without overflow checks, it is a plain
/// multiplication, with no call left in the body.
pub fn square_op(x: u64) -> u64 {
    x * x
}
// ANCHOR_END: square

// ANCHOR: calls_other
/// A tiny body that calls another function of this crate, one that stays a function.
pub fn calls_other(x: u64) -> u64 {
    double(x) ^ 1
}

#[inline(never)]
fn double(x: u64) -> u64 {
    x << 1
}
// ANCHOR_END: calls_other

// ANCHOR: drops
/// Takes the vector by value, so its body ends by dropping it, which frees the heap block.
pub fn len_owned(v: Vec<u64>) -> usize {
    v.len()
}

/// The same body on a borrowed vector: nothing to drop.
#[allow(clippy::ptr_arg)]
pub fn len_borrowed(v: &Vec<u64>) -> usize {
    v.len()
}
// ANCHOR_END: drops

// ANCHOR: first
/// Indexing a slice: a bounds check whose failure panics.
pub fn first(xs: &[u64]) -> u64 {
    xs[0]
}
// ANCHOR_END: first

// ANCHOR: outer
/// `#[inline]` on the outer function only; its helper is too big for rustc to inline across crates.
#[inline]
pub fn outer_wide(x: u64) -> u64 {
    wide_helper(x) + 1
}

/// The same, with a helper marked `#[inline]` too.
#[inline]
pub fn outer_wide_hinted(x: u64) -> u64 {
    wide_helper_hinted(x) + 1
}

/// `#[inline]` on the outer function only; its helper is small enough for rustc to ship on its own.
#[inline]
pub fn outer_tiny(x: u64) -> u64 {
    tiny_helper(x) + 1
}

fn tiny_helper(x: u64) -> u64 {
    x ^ (x >> 7)
}
// ANCHOR_END: outer

// ANCHOR: always
/// A one-line body marked `#[inline(always)]`.
#[inline(always)]
pub fn mix_always(x: u64) -> u64 {
    x ^ (x >> 9)
}

/// The same body marked `#[inline]`.
#[inline]
pub fn mix_hinted(x: u64) -> u64 {
    x ^ (x >> 9)
}
// ANCHOR_END: always

// ANCHOR: shared_generic
/// A small generic function, with no attribute.
pub fn scaled<T: Into<u64>>(x: T) -> u64 {
    x.into().wrapping_mul(3)
}

/// This crate uses `scaled::<u32>` itself, so the instance for `u32` is compiled here.
pub fn scaled_here(x: u32) -> u64 {
    scaled(x) + 1
}
// ANCHOR_END: shared_generic
