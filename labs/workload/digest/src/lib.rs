//! Hashing: byte-level hash functions and a small open-addressing counter built on them.

pub mod counter;
pub mod hash;

pub use counter::Counter;
pub use hash::{fnv1a, mix64};
