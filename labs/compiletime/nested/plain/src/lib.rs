//! The same code as dynamic, compiled as an rlib (the default).
#[inline(never)]
pub fn plain_sum(n: u64) -> u64 {
    (1..=n).sum()
}
