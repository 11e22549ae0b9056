//! The crate both siblings depend on: a generic function that each of them instantiates for the same
//! type, a constant table that each of them reads, and a tiny function for `app`'s summing loop.

// ANCHOR: mix_all
/// Mixes every element into one value. Generic, so each crate that calls it with a type compiles its own
/// instance (release builds do not share generic instances between crates); `#[inline(never)]` keeps
/// that instance a function of its own, so the binary shows how many copies of it remain.
#[inline(never)]
pub fn mix_all<T: Copy + Into<u64>>(xs: &[T]) -> u64 {
    let mut acc: u64 = 0x9e37_79b9_7f4a_7c15;
    for &x in xs {
        acc = (acc ^ x.into()).rotate_left(23).wrapping_mul(0xff51_afd7_ed55_8ccd);
    }
    acc ^ (acc >> 29)
}
// ANCHOR_END: mix_all

// ANCHOR: table
/// Sixteen distinctive words. A `const` is copied into every crate that uses it: each sibling's object
/// file carries these 128 bytes of its own.
pub const TABLE: [u64; 16] = [
    0x6d65_6173_7572_6564, 0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210, 0x1357_9bdf_0246_8ace,
    0x0f1e_2d3c_4b5a_6978, 0x8796_a5b4_c3d2_e1f0, 0x1111_2222_3333_4444, 0x5555_6666_7777_8888,
    0x9999_aaaa_bbbb_cccc, 0xdddd_eeee_ffff_0000, 0x0246_8ace_1357_9bdf, 0xa5a5_5a5a_c3c3_3c3c,
    0x7e57_ab1e_c0de_f00d, 0x0bad_cafe_dead_beef, 0x1234_5678_9abc_def0, 0x7273_7275_6475_7374,
];
// ANCHOR_END: table

// ANCHOR: square
/// A tiny function with no attribute, as in the article's example.
pub fn square(x: i32) -> i32 {
    x.wrapping_mul(x)
}
// ANCHOR_END: square

// ANCHOR: checksums
/// FNV-style mixing, eight bytes at a time, then the bytes left over. A little too big for rustc's
/// automatic cross-crate inlining (the `unwrap` of a conversion that cannot fail keeps a call to the
/// panic path), and not generic: another crate can only call it, unless LTO is on.
pub fn checksum(data: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words = data.chunks_exact(8);
    for word in &mut words {
        hash = (hash ^ u64::from_le_bytes(word.try_into().unwrap())).wrapping_mul(0x0000_0100_0000_01b3);
    }
    for &byte in words.remainder() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The same body, generic over the input: each crate that calls it compiles its own instance, so the
/// caller's crate has the body without LTO.
pub fn checksum_generic<T: AsRef<[u8]>>(data: T) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut words = data.as_ref().chunks_exact(8);
    for word in &mut words {
        hash = (hash ^ u64::from_le_bytes(word.try_into().unwrap())).wrapping_mul(0x0000_0100_0000_01b3);
    }
    for &byte in words.remainder() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The same body again (another starting value, so that no pass merges it with `checksum`), marked
/// `#[inline(never)]`: a request LTO has to respect too.
#[inline(never)]
pub fn checksum_never(data: &[u8]) -> u64 {
    let mut hash: u64 = 0x6c62_272e_07bb_0142;
    let mut words = data.chunks_exact(8);
    for word in &mut words {
        hash = (hash ^ u64::from_le_bytes(word.try_into().unwrap())).wrapping_mul(0x0000_0100_0000_01b3);
    }
    for &byte in words.remainder() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}
// ANCHOR_END: checksums
