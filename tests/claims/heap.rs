//! The Heap part's checks that run under libtest (the dhat ones are the binaries `tests/heap*.rs`).

mod cost;
mod lints;
mod std_types;
