//! Instruction counts of standard-library types for the Heap part (tests/heap_hidden.rs). Being written.

use gungraun::{library_benchmark, library_benchmark_group, main};
use std::hint::black_box;

#[library_benchmark]
#[bench::placeholder(1)]
fn placeholder(n: u32) -> u32 {
    black_box(n)
}

library_benchmark_group!(name = std_types; benchmarks = placeholder);

main!(config = measured_benches::library_config(); library_benchmark_groups = std_types);
