//! Instruction-count benchmarks (Gungraun, callgrind). `cargo test` runs them once through the proof
//! harness (`proof::gungraun`) and reads their JSON summaries; `cargo bench --bench instructions` shows
//! them to a reader.

use gungraun::{library_benchmark, library_benchmark_group, main};
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::hint::black_box;

// ANCHOR: insert_keys
/// Inserts `n` distinct u32 keys into a map whose hasher is built by `S`.
fn insert_keys<S: BuildHasher + Default>(n: u32) -> HashMap<u32, u32, S> {
    let mut map = HashMap::with_capacity_and_hasher(n as usize, S::default());
    for k in 0..n {
        map.insert(k.wrapping_mul(2_654_435_761), k);
    }
    map
}
// ANCHOR_END: insert_keys

/// std's SipHash-1-3 with fixed keys. `RandomState` runs the same algorithm with random keys, which
/// move the count by a few instructions from run to run; fixed keys make the count repeatable.
type StdSipHash = std::hash::BuildHasherDefault<std::hash::DefaultHasher>;

#[library_benchmark]
#[bench::std_siphash(1000)]
fn hash_std(n: u32) -> usize {
    black_box(insert_keys::<StdSipHash>(black_box(n))).len()
}

#[library_benchmark]
#[bench::fxhash(1000)]
fn hash_fx(n: u32) -> usize {
    black_box(insert_keys::<rustc_hash::FxBuildHasher>(black_box(n))).len()
}

library_benchmark_group!(name = hashing; benchmarks = hash_std, hash_fx);

main!(config = measured_benches::library_config(); library_benchmark_groups = hashing);
