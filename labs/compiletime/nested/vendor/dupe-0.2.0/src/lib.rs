//! Version 0.2 of a vendored crate that the lab also uses at version 0.1.
pub fn version() -> u32 {
    2
}
