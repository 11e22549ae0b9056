//! The same code as the vendored noisy crate, as a path crate of the workspace.
pub fn answer() -> u32 {
    let unused = 41;
    42
}
