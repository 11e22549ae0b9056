//! A library crate of the lab's workspace. Its functions stand for what a binary takes from a dependency:
//! a function too big for rustc's automatic cross-crate inlining, a function nobody calls, and an
//! `#[inline]` function used from two modules.

const FNV_OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-style mixing eight bytes at a time, then the bytes left over (as `mathlib::checksum` in the
/// crosscrate lab): too big to be inlined into another crate without LTO.
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

// ANCHOR: unused
/// Public, and called by nothing in the program.
pub fn unused_table(n: u64) -> Vec<u64> {
    (0..n).map(|i| i.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ (i >> 3)).collect()
}
// ANCHOR_END: unused

// ANCHOR: spread
/// Marked `#[inline]`, and used from two modules of this crate, which rustc puts in different codegen
/// units.
#[inline]
pub fn spread(xs: &[u64]) -> u64 {
    let mut h = 0u64;
    for (i, &x) in xs.iter().enumerate() {
        h = h.rotate_left(5) ^ x.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h = if i % 2 == 0 { h.wrapping_add(x >> 7) } else { h ^ x.rotate_right(13) };
    }
    h
}

pub mod left {
    /// One user of `spread`.
    #[inline(never)]
    pub fn run(xs: &[u64]) -> u64 {
        super::spread(xs) ^ 1
    }
}

pub mod right {
    /// Another user of `spread`, in another module.
    #[inline(never)]
    pub fn run(xs: &[u64]) -> u64 {
        super::spread(xs) ^ 2
    }
}
// ANCHOR_END: spread
