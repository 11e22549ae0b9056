//! Instruction counts of standard-library operations for "Where allocations hide" (tests/claims/heap/std_types.rs):
//! filling a vector with zeros, removing from a vector, locking a mutex. The vectors a benchmark works on are built by
//! its `setup` function, outside the count; what a benchmark returns is dropped outside the count too.
//! `cargo bench --bench heap_std` shows them.

use gungraun::{library_benchmark, library_benchmark_group, main};
use std::hint::black_box;

#[allow(dead_code)]
#[path = "../examples/heap_hidden_std.rs"]
mod heap_hidden_std;

/// The numbers `0..len`, built outside the count.
fn filled(len: usize) -> Vec<u64> {
    (0..len as u64).collect()
}

// ANCHOR: zeroed
// `vec![0; len]`: 4 KiB, 256 KiB and 1 MiB of u64 zeros.
#[library_benchmark]
#[bench::kib_4(512)]
#[bench::kib_256(32 * 1024)]
#[bench::kib_1024(128 * 1024)]
fn zeros_macro(len: usize) -> Vec<u64> {
    heap_hidden_std::zeros_macro(black_box(len))
}

// `Vec::with_capacity(len)` then `resize(len, 0)`: the same sizes.
#[library_benchmark]
#[bench::kib_4(512)]
#[bench::kib_256(32 * 1024)]
#[bench::kib_1024(128 * 1024)]
fn zeros_resize(len: usize) -> Vec<u64> {
    heap_hidden_std::zeros_resize(black_box(len))
}
// ANCHOR_END: zeroed

// ANCHOR: remove
// One `remove(0)` from a vector of 1,000 and of 10,000 u64.
#[library_benchmark]
#[bench::len_1000(args = (1_000), setup = filled)]
#[bench::len_10000(args = (10_000), setup = filled)]
fn remove(mut v: Vec<u64>) -> Vec<u64> {
    black_box(heap_hidden_std::remove_first(black_box(&mut v)));
    v
}

// One `swap_remove(0)` from the same vectors.
#[library_benchmark]
#[bench::len_1000(args = (1_000), setup = filled)]
#[bench::len_10000(args = (10_000), setup = filled)]
fn swap_remove(mut v: Vec<u64>) -> Vec<u64> {
    black_box(heap_hidden_std::swap_remove_first(black_box(&mut v)));
    v
}
// ANCHOR_END: remove

// Dropping the even numbers of `0..len` with `retain`.
#[library_benchmark]
#[bench::len_1000(args = (1_000), setup = filled)]
#[bench::len_4000(args = (4_000), setup = filled)]
fn retain(mut v: Vec<u64>) -> Vec<u64> {
    heap_hidden_std::drop_evens_retain(black_box(&mut v));
    v
}

// Dropping the same numbers one `remove` at a time.
#[library_benchmark]
#[bench::len_1000(args = (1_000), setup = filled)]
#[bench::len_4000(args = (4_000), setup = filled)]
fn remove_loop(mut v: Vec<u64>) -> Vec<u64> {
    heap_hidden_std::drop_evens_remove(black_box(&mut v));
    v
}

// An uncontended lock and unlock, 1,000 times, of the standard library's Mutex, of parking_lot's, and of
// parking_lot's ReentrantMutex.
// ANCHOR: locks
fn lock_std(m: &std::sync::Mutex<u64>, n: u64) -> u64 {
    for i in 0..n {
        *m.lock().unwrap() += black_box(i);
    }
    *m.lock().unwrap()
}

fn lock_parking_lot(m: &parking_lot::Mutex<u64>, n: u64) -> u64 {
    for i in 0..n {
        *m.lock() += black_box(i);
    }
    *m.lock()
}

// parking_lot's ReentrantMutex: each lock also checks which thread holds it (the control).
fn lock_reentrant(m: &parking_lot::ReentrantMutex<std::cell::Cell<u64>>, n: u64) -> u64 {
    for i in 0..n {
        let guard = m.lock();
        guard.set(guard.get() + black_box(i));
    }
    m.lock().get()
}
// ANCHOR_END: locks

#[library_benchmark]
#[bench::n1000(1_000)]
fn std_mutex(n: u64) -> u64 {
    let m = std::sync::Mutex::new(0);
    black_box(lock_std(black_box(&m), n))
}

#[library_benchmark]
#[bench::n1000(1_000)]
fn parking_lot_mutex(n: u64) -> u64 {
    let m = parking_lot::Mutex::new(0);
    black_box(lock_parking_lot(black_box(&m), n))
}

#[library_benchmark]
#[bench::n1000(1_000)]
fn parking_lot_reentrant(n: u64) -> u64 {
    let m = parking_lot::ReentrantMutex::new(std::cell::Cell::new(0));
    black_box(lock_reentrant(black_box(&m), n))
}

library_benchmark_group!(name = locks; benchmarks = std_mutex, parking_lot_mutex, parking_lot_reentrant);
library_benchmark_group!(name = zeroed; benchmarks = zeros_macro, zeros_resize);
library_benchmark_group!(name = removing; benchmarks = remove, swap_remove, retain, remove_loop);

main!(config = measured_benches::library_config(); library_benchmark_groups = zeroed, removing, locks);
