//! Instruction counts of allocators for the Heap part (tests/heap_cost.rs). Being written.

use gungraun::{library_benchmark, library_benchmark_group, main};
use std::hint::black_box;

#[library_benchmark]
#[bench::placeholder(1)]
fn placeholder(n: u32) -> u32 {
    black_box(n)
}

library_benchmark_group!(name = allocation; benchmarks = placeholder);

main!(config = measured_benches::library_config(); library_benchmark_groups = allocation);
