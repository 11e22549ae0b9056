//! The same work as the `generics` crate, with only a thin generic layer: the loop is in a non-generic
//! function, compiled once.

// ANCHOR: inner
/// Only the conversion to a byte slice is generic; the loop is in `inner`, which is not.
pub fn checksum<T: AsRef<[u8]>>(data: T) -> u64 {
    inner(data.as_ref())
}

fn inner(bytes: &[u8]) -> u64 {
    let mut sum = 0u64;
    for (i, &b) in bytes.iter().enumerate() {
        sum = sum.rotate_left(5) ^ (b as u64).wrapping_mul(i as u64 + 1);
        if b == 0 {
            sum = sum.wrapping_add(1000);
        }
    }
    sum
}
// ANCHOR_END: inner

/// Uses it with the same four types.
pub fn four(a: String, b: Vec<u8>, c: &str, d: [u8; 4]) -> u64 {
    checksum(a) ^ checksum(b) ^ checksum(c) ^ checksum(d)
}
