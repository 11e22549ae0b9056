//! Numeric loops over slices of f64.

pub mod histogram;
pub mod moments;

pub use histogram::histogram;
pub use moments::{dot, mean_and_variance};
