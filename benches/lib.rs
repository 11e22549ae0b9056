//! The benchmarks are the `[[bench]]` targets of this package; `proof::gungraun` runs them.
