// ANCHOR: fast
/// Asks for `n` bytes that are already zero.
pub fn zeros(n: usize) -> Vec<u8> {
    vec![0; n]
}
// ANCHOR_END: fast
