//! One of two sibling crates: it uses `shared`'s generic function for `u32` and `shared`'s table,
//! exactly as the other sibling does.

/// Mixes the words with `shared::mix_all::<u32>`: the same instance the other sibling uses.
#[inline(never)]
pub fn right_mix(xs: &[u32]) -> u64 {
    shared::mix_all(xs)
}

/// Looks up a word of `shared::TABLE`; the index is unknown at compile time, so the table's data is kept.
#[inline(never)]
pub fn right_lookup(i: usize) -> u64 {
    shared::TABLE[i % shared::TABLE.len()]
}
