//! The cost of one allocation, in instructions (tests/claims/heap/cost.rs): `Box::new` and drop of a small
//! value against the same loop on the stack (and a box of a zero-sized value, which allocates nothing),
//! and `alloc` + `dealloc` of blocks of several sizes, with the system allocator (glibc's malloc), the
//! same loop with atomic instructions counted in a process with one thread and after a second thread;
//! short vectors against Vec.

// `Box::new(())` is measured on purpose: a box of a zero-sized value allocates nothing.
#![allow(clippy::unit_arg)]

use gungraun::{Callgrind, LibraryBenchmarkConfig, library_benchmark, library_benchmark_group, main};
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

/// The box loop with a zero-sized value: `Box::new(())` allocates nothing.
fn empty_boxes(n: u64) -> u64 {
    let mut sum = 0;
    for i in 0..n {
        let b = black_box(Box::new(black_box(())));
        sum += black_box(i);
        drop(b);
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
fn stack_value(n: u64) -> u64 {
    black_box(on_stack(black_box(n)))
}

#[library_benchmark]
#[bench::n1000(N)]
fn box_zero_sized_and_drop(n: u64) -> u64 {
    black_box(empty_boxes(black_box(n)))
}

#[library_benchmark]
#[bench::bytes_16(16)]
#[bench::bytes_4096(4096)]
#[bench::bytes_1mib(1 << 20)]
#[bench::bytes_64mib(64 << 20)]
fn alloc_dealloc(size: usize) -> usize {
    black_box(raw_blocks(black_box(size)))
}

// ANCHOR: second_thread
/// A setup that starts a thread and waits for it to end: from then on, glibc's malloc knows that the
/// process has had more than one thread, and locks an arena before it works on it.
fn after_a_second_thread(size: usize) -> usize {
    std::thread::spawn(|| ()).join().expect("the thread ends");
    size
}
// ANCHOR_END: second_thread

// The `alloc_dealloc` loop with callgrind also counting atomic instructions ("global bus events",
// `Ge`), which is how a lock is taken: in a process that only ever had one thread, and in one that
// started a second thread (in its setup, outside the count).
#[library_benchmark(config = LibraryBenchmarkConfig::default().tool(Callgrind::with_args(["--collect-bus=yes"])))]
#[bench::one_thread_16(16)]
#[bench::one_thread_4096(4096)]
#[bench::second_thread_16(args = (16), setup = after_a_second_thread)]
#[bench::second_thread_4096(args = (4096), setup = after_a_second_thread)]
fn alloc_dealloc_atomics(size: usize) -> usize {
    black_box(raw_blocks(black_box(size)))
}

library_benchmark_group!(name = allocation; benchmarks = box_new_and_drop, stack_value, box_zero_sized_and_drop, alloc_dealloc, alloc_dealloc_atomics);

// Short vectors (src/heap/short-collections.md): build a collection of `len` u64s and sum it, 1,000 times,
// with Vec, SmallVec<[u64; 8]> and ArrayVec<u64, 8>; read an existing one (or a plain array) by index.
// ANCHOR: small_vectors
fn build_vec(len: u64) -> u64 {
    let mut v = Vec::new();
    for i in 0..len {
        v.push(black_box(i));
    }
    v.iter().sum()
}

fn build_smallvec(len: u64) -> u64 {
    let mut v: smallvec::SmallVec<[u64; 8]> = smallvec::SmallVec::new();
    for i in 0..len {
        v.push(black_box(i));
    }
    v.iter().sum()
}

fn build_arrayvec(len: u64) -> u64 {
    let mut v: arrayvec::ArrayVec<u64, 8> = arrayvec::ArrayVec::new();
    for i in 0..len {
        v.push(black_box(i));
    }
    v.iter().sum()
}
// ANCHOR_END: small_vectors

fn repeat(f: fn(u64) -> u64, len: u64) -> u64 {
    (0..N).map(|_| f(black_box(len))).sum()
}

#[library_benchmark]
#[bench::vec_8(build_vec, 8)]
#[bench::smallvec_8(build_smallvec, 8)]
#[bench::arrayvec_8(build_arrayvec, 8)]
#[bench::vec_9(build_vec, 9)]
#[bench::smallvec_9(build_smallvec, 9)]
#[bench::vec_256(build_vec, 256)]
#[bench::smallvec_256(build_smallvec, 256)]
#[bench::vec_1000(build_vec, 1000)]
#[bench::smallvec_1000(build_smallvec, 1000)]
fn build_and_sum(f: fn(u64) -> u64, len: u64) -> u64 {
    black_box(repeat(f, len))
}

// Reading: 1,000 indexed reads of each element of a collection that already holds 8 values.
fn read_all<C: std::ops::Index<usize, Output = u64>>(c: &C, len: usize) -> u64 {
    let mut sum = 0;
    for _ in 0..N {
        for i in 0..len {
            sum += black_box(c)[black_box(i)];
        }
    }
    sum
}

#[library_benchmark]
#[bench::vec(8)]
fn read_vec(len: u64) -> u64 {
    let v: Vec<u64> = (0..len).collect();
    black_box(read_all(&v, len as usize))
}

#[library_benchmark]
#[bench::smallvec(8)]
fn read_smallvec(len: u64) -> u64 {
    let v: smallvec::SmallVec<[u64; 8]> = (0..len).collect();
    black_box(read_all(&v, len as usize))
}

#[library_benchmark]
#[bench::array(8)]
fn read_array(len: u64) -> u64 {
    let mut a = [0u64; 8];
    for (i, x) in a.iter_mut().enumerate() {
        *x = i as u64;
    }
    black_box(read_all(&a, len as usize))
}

library_benchmark_group!(name = small_vectors; benchmarks = build_and_sum, read_vec, read_smallvec, read_array);

main!(config = measured_benches::library_config(); library_benchmark_groups = allocation, small_vectors);
