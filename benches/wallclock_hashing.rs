//! Wall-clock timings (criterion) of the map fill that `instructions.rs` counts: 1,000 u32 keys into a
//! `HashMap` with FxHash and with std's SipHash-1-3 (fixed keys). Shown in the Hashing chapter, never
//! asserted: `ci/wallclock.sh wallclock_hashing` runs it and writes src/measured/shown/hashing_wallclock.json.
//!
//! `insert_keys` repeats the one in `instructions.rs` rather than sharing it through the package's library:
//! moving that function would rebuild the instruction-count benchmark whose blessed counts the book cites,
//! and a generic function is compiled into each bench target anyway.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::hint::black_box;
use std::time::Duration;

/// Inserts `n` distinct u32 keys into a map whose hasher is built by `S` (as in `instructions.rs`).
fn insert_keys<S: BuildHasher + Default>(n: u32) -> HashMap<u32, u32, S> {
    let mut map = HashMap::with_capacity_and_hasher(n as usize, S::default());
    for k in 0..n {
        map.insert(k.wrapping_mul(2_654_435_761), k);
    }
    map
}

/// std's SipHash-1-3 with fixed keys, the same algorithm `RandomState` runs with random keys.
type StdSipHash = std::hash::BuildHasherDefault<std::hash::DefaultHasher>;

fn hashing(c: &mut Criterion) {
    let mut group = c.benchmark_group("hashing_wallclock");
    group.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    let n = 1000;
    group.bench_with_input(BenchmarkId::new("std_siphash", n), &n, |b, &n| b.iter(|| insert_keys::<StdSipHash>(black_box(n)).len()));
    group.bench_with_input(BenchmarkId::new("fxhash", n), &n, |b, &n| b.iter(|| insert_keys::<rustc_hash::FxBuildHasher>(black_box(n)).len()));
    group.finish();
}

criterion_group!(benches, hashing);
criterion_main!(benches);
