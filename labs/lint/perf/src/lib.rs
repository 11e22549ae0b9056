//! One task, a vector of `n` zero bytes, written twice.

pub mod fast;
pub mod slow;
