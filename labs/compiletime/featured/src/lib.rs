//! A library whose `extra` feature pulls in a dependency and more code.
pub fn always(x: u64) -> u64 {
    x + 1
}

// ANCHOR: feature
/// Compiled only with `--features extra`, which also makes `heavy` a dependency.
#[cfg(feature = "extra")]
pub fn extra(xs: &[u64]) -> u64 {
    heavy::expensive(xs)
}
// ANCHOR_END: feature
