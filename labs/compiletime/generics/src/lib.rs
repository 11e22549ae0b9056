//! A generic function compiled once per type: `four` uses it with four types. Compare with the
//! `generics-inner` crate, which does the same work through a non-generic inner function.

// ANCHOR: generic
/// The whole body is generic: each type it is used with gets its own copy.
pub fn checksum<T: AsRef<[u8]>>(data: T) -> u64 {
    let bytes = data.as_ref();
    let mut sum = 0u64;
    for (i, &b) in bytes.iter().enumerate() {
        sum = sum.rotate_left(5) ^ (b as u64).wrapping_mul(i as u64 + 1);
        if b == 0 {
            sum = sum.wrapping_add(1000);
        }
    }
    sum
}
// ANCHOR_END: generic

/// Uses it with four types.
pub fn four(a: String, b: Vec<u8>, c: &str, d: [u8; 4]) -> u64 {
    checksum(a) ^ checksum(b) ^ checksum(c) ^ checksum(d)
}
