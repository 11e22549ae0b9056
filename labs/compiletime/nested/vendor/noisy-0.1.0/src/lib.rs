//! A vendored crate with one warning: an unused variable.
pub fn answer() -> u32 {
    let unused = 41;
    42
}
