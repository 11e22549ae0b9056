//! The cost of one allocation, in instructions (tests/heap_cost.rs): `Box::new` and drop of a small
//! value against the same loop on the stack, and `alloc` + `dealloc` of blocks of several sizes, with
//! the system allocator (glibc's malloc).

use gungraun::{library_benchmark, library_benchmark_group, main};
use std::alloc::{Layout, alloc, dealloc};
use std::hint::black_box;

/// How many times each benchmark allocates (or, on the stack, stores) a value.
const N: u64 = 1_000;

// ANCHOR: box_loop
/// `N` boxes, each allocated and freed at once.
fn boxes(n: u64) -> u64 {
    let mut sum = 0;
    for i in 0..n {
        let b = black_box(Box::new(black_box(i)));
        sum += *b;
    } // each box is freed at the end of its iteration
    sum
}

/// The same loop with the value on the stack.
fn on_stack(n: u64) -> u64 {
    let mut sum = 0;
    for i in 0..n {
        let v = black_box(black_box(i));
        sum += v;
    }
    sum
}
// ANCHOR_END: box_loop

// ANCHOR: raw
/// `N` blocks of `size` bytes, each allocated and freed at once, never written to.
fn raw_blocks(size: usize) -> usize {
    let layout = Layout::from_size_align(size, 8).unwrap();
    let mut seen = 0;
    for _ in 0..N {
        // SAFETY: the layout has a nonzero size; the block is freed with the same layout.
        unsafe {
            let p = black_box(alloc(layout));
            seen += !p.is_null() as usize;
            dealloc(p, layout);
        }
    }
    seen
}
// ANCHOR_END: raw

#[library_benchmark]
#[bench::n1000(N)]
fn box_new_and_drop(n: u64) -> u64 {
    black_box(boxes(black_box(n)))
}

#[library_benchmark]
#[bench::n1000(N)]
#[bench::n1000_again(N)]
fn stack_value(n: u64) -> u64 {
    black_box(on_stack(black_box(n)))
}

#[library_benchmark]
#[bench::bytes_16(16)]
#[bench::bytes_4096(4096)]
#[bench::bytes_1mib(1 << 20)]
fn alloc_dealloc(size: usize) -> usize {
    black_box(raw_blocks(black_box(size)))
}

library_benchmark_group!(name = allocation; benchmarks = box_new_and_drop, stack_value, alloc_dealloc);

main!(config = measured_benches::library_config(); library_benchmark_groups = allocation);
