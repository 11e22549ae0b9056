//! Functions that take a vector by reference, linted with Clippy's default lints. Each lives in its own
//! file, so that a warning's file names the function it is about.

pub mod grows;
pub mod reads;
pub mod writes;
