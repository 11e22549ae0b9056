//! Version 0.1 of a vendored crate that the lab also uses at version 0.2.
pub fn version() -> u32 {
    1
}
