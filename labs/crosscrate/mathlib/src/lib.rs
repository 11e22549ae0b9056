//! A small library whose functions are called from another crate (`app`). Each function stands for
//! one situation the compiler meets at a crate boundary.

// ANCHOR: square
/// A tiny function with no attribute. Without LTO, another crate sees only its signature unless rustc
/// decides on its own to make the body available (automatic cross-crate inlining of small functions).
pub fn square(x: u64) -> u64 {
    x.wrapping_mul(x)
}
// ANCHOR_END: square

// ANCHOR: cube
/// The same size of function, but marked `#[inline]`: its body is shipped in the crate metadata, so every
/// caller can inline it, in every crate, with or without LTO.
#[inline]
pub fn cube(x: u64) -> u64 {
    x.wrapping_mul(x).wrapping_mul(x)
}
// ANCHOR_END: cube

// ANCHOR: fnv1a
/// FNV-1a, one byte at a time. It has a loop, but after rustc's own (MIR) optimizations its body calls
/// nothing and is short, which is exactly what rustc's automatic cross-crate inlining looks for: a loop
/// alone does not keep a function from being inlined into another crate.
pub fn fnv1a(data: &[u8]) -> u64 {
    let mut hash = FNV_OFFSET_BASIS;
    for &byte in data {
        hash = (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
    }
    hash
}

const FNV_OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
// ANCHOR_END: fnv1a

// ANCHOR: checksum
/// The same mixing as `fnv1a`, eight bytes at a time, then the bytes left over. This one is a bit bigger
/// than what rustc inlines across crates on its own: its body still contains calls after rustc's
/// optimizations (the `unwrap` of a conversion that cannot fail keeps a call to the panic path).
/// Without LTO, a caller in another crate can only call it; with LTO, the optimizer sees both sides.
pub fn checksum(data: &[u8]) -> u64 {
    let mut hash = FNV_OFFSET_BASIS;
    let mut words = data.chunks_exact(8);
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().unwrap());
        hash = (hash ^ word).wrapping_mul(FNV_PRIME);
    }
    for &byte in words.remainder() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
    }
    hash
}
// ANCHOR_END: checksum

// ANCHOR: sum
/// The sum of a slice of floats, in order (floating-point addition is not reassociated).
pub fn sum(xs: &[f64]) -> f64 {
    let mut total = 0.0;
    for &x in xs {
        total += x;
    }
    total
}
// ANCHOR_END: sum

// ANCHOR: mean
/// The arithmetic mean, built from another public function of this crate: a call *inside* `mathlib`
/// that the caller in `app` may or may not see through.
pub fn mean(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    sum(xs) / xs.len() as f64
}
// ANCHOR_END: mean
