// ANCHOR: slow
/// Reserves `n` bytes, then writes a zero into each of them.
pub fn zeros(n: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(n);
    v.resize(n, 0);
    v
}
// ANCHOR_END: slow
