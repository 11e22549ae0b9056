//! Compiled as a Rust dylib.
#[inline(never)]
pub fn dynamic_sum(n: u64) -> u64 {
    (1..=n).sum()
}
