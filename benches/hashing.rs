//! Instruction counts for the Hashing part (tests/claims/hashing.rs): the standard library's SipHash-1-3 against
//! FxHash (rustc-hash), foldhash and aHash (and FNV, for a claim of its own), for integer and string keys; keys crafted to collide under
//! FxHash (HashDoS); BTreeMap against HashMap for small and large maps; a map given its capacity, and one
//! given room with `reserve`.
//!
//! Every hasher has fixed keys, so that a count is the same in every run: std's hasher is used through
//! `BuildHasherDefault<DefaultHasher>` (SipHash-1-3 with both keys zero; `RandomState`, the default,
//! draws random keys per map, and the algorithm is the same), foldhash through `fast::FixedState`, aHash
//! through `RandomState::with_seeds`. The inputs (keys, filled maps) are built by the bench attributes'
//! expressions, outside the counted function, and every benchmark returns them so that they are dropped
//! outside it too: a count covers the inserts or lookups (and, for inserts, the map's one allocation
//! and its release).

// Map types are spelled out in full so that each benchmark says which hasher it measures.
#![allow(clippy::type_complexity)]

use gungraun::{library_benchmark, library_benchmark_group, main};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::hint::black_box;

type Sip = BuildHasherDefault<DefaultHasher>;
type Fx = rustc_hash::FxBuildHasher;
type Fold = foldhash::fast::FixedState;

fn sip() -> Sip {
    Sip::default()
}
fn fx() -> Fx {
    rustc_hash::FxBuildHasher
}
fn fold() -> Fold {
    foldhash::fast::FixedState::with_seed(0)
}
fn fnv() -> fnv::FnvBuildHasher {
    fnv::FnvBuildHasher::default()
}
fn ahash() -> ahash::RandomState {
    ahash::RandomState::with_seeds(1, 2, 3, 4)
}

/// How many keys every map benchmark inserts or looks up.
const N: usize = 1000;

/// `N` distinct u64 keys spread over the range (a multiplicative sequence).
fn int_keys() -> Vec<u64> {
    (0..N as u64).map(|k| k.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect()
}

/// `N` distinct string keys of `len` bytes each: a decimal number padded with letters.
fn str_keys(len: usize) -> Vec<String> {
    (0..N)
        .map(|i| {
            let mut s = format!("{i:06}");
            while s.len() < len {
                s.push((b'a' + (s.len() % 26) as u8) as char);
            }
            s.truncate(len.max(6));
            s
        })
        .collect()
}

// ANCHOR: insert_lookup
/// Inserts every key into an empty map that already has room for all of them.
fn insert_all<K: std::hash::Hash + Eq + Clone, S: BuildHasher>(keys: &[K], hasher: S) -> usize {
    let mut map = HashMap::with_capacity_and_hasher(keys.len(), hasher);
    for (i, k) in keys.iter().enumerate() {
        map.insert(k.clone(), i);
    }
    map.len()
}

/// Looks every key up in a map that holds them all; sums what it finds.
fn lookup_all<K: std::hash::Hash + Eq, S: BuildHasher>(map: &HashMap<K, usize, S>, keys: &[K]) -> usize {
    keys.iter().map(|k| map.get(k).copied().unwrap_or(0)).sum()
}
// ANCHOR_END: insert_lookup

fn filled<K: std::hash::Hash + Eq + Clone, S: BuildHasher>(keys: &[K], hasher: S) -> HashMap<K, usize, S> {
    let mut map = HashMap::with_capacity_and_hasher(keys.len(), hasher);
    for (i, k) in keys.iter().enumerate() {
        map.insert(k.clone(), i);
    }
    map
}

#[library_benchmark]
#[bench::std_siphash(int_keys(), sip())]
fn insert_u64_sip(keys: Vec<u64>, s: Sip) -> (usize, Vec<u64>) {
    (black_box(insert_all(black_box(&keys), s)), keys)
}
#[library_benchmark]
#[bench::fxhash(int_keys(), fx())]
fn insert_u64_fx(keys: Vec<u64>, s: Fx) -> (usize, Vec<u64>) {
    (black_box(insert_all(black_box(&keys), s)), keys)
}
#[library_benchmark]
#[bench::foldhash(int_keys(), fold())]
fn insert_u64_fold(keys: Vec<u64>, s: Fold) -> (usize, Vec<u64>) {
    (black_box(insert_all(black_box(&keys), s)), keys)
}
#[library_benchmark]
#[bench::ahash(int_keys(), ahash())]
fn insert_u64_ahash(keys: Vec<u64>, s: ahash::RandomState) -> (usize, Vec<u64>) {
    (black_box(insert_all(black_box(&keys), s)), keys)
}

#[library_benchmark]
#[bench::fnv(int_keys(), fnv())]
fn insert_u64_fnv(keys: Vec<u64>, s: fnv::FnvBuildHasher) -> (usize, Vec<u64>) {
    (black_box(insert_all(black_box(&keys), s)), keys)
}

library_benchmark_group!(name = insert_u64; benchmarks = insert_u64_sip, insert_u64_fx, insert_u64_fold, insert_u64_ahash, insert_u64_fnv);

#[library_benchmark]
#[bench::std_siphash(filled(&int_keys(), sip()), int_keys())]
fn lookup_u64_sip(map: HashMap<u64, usize, Sip>, keys: Vec<u64>) -> (usize, HashMap<u64, usize, Sip>, Vec<u64>) {
    (black_box(lookup_all(black_box(&map), black_box(&keys))), map, keys)
}
#[library_benchmark]
#[bench::fxhash(filled(&int_keys(), fx()), int_keys())]
fn lookup_u64_fx(map: HashMap<u64, usize, Fx>, keys: Vec<u64>) -> (usize, HashMap<u64, usize, Fx>, Vec<u64>) {
    (black_box(lookup_all(black_box(&map), black_box(&keys))), map, keys)
}
#[library_benchmark]
#[bench::foldhash(filled(&int_keys(), fold()), int_keys())]
fn lookup_u64_fold(map: HashMap<u64, usize, Fold>, keys: Vec<u64>) -> (usize, HashMap<u64, usize, Fold>, Vec<u64>) {
    (black_box(lookup_all(black_box(&map), black_box(&keys))), map, keys)
}
#[library_benchmark]
#[bench::ahash(filled(&int_keys(), ahash()), int_keys())]
fn lookup_u64_ahash(map: HashMap<u64, usize, ahash::RandomState>, keys: Vec<u64>) -> (usize, HashMap<u64, usize, ahash::RandomState>, Vec<u64>) {
    (black_box(lookup_all(black_box(&map), black_box(&keys))), map, keys)
}

library_benchmark_group!(name = lookup_u64; benchmarks = lookup_u64_sip, lookup_u64_fx, lookup_u64_fold, lookup_u64_ahash);

#[library_benchmark]
#[bench::len8(filled(&str_keys(8), sip()), str_keys(8))]
#[bench::len256(filled(&str_keys(256), sip()), str_keys(256))]
fn lookup_str_sip(map: HashMap<String, usize, Sip>, keys: Vec<String>) -> (usize, HashMap<String, usize, Sip>, Vec<String>) {
    (black_box(lookup_all(black_box(&map), black_box(&keys))), map, keys)
}
#[library_benchmark]
#[bench::len8(filled(&str_keys(8), fx()), str_keys(8))]
#[bench::len256(filled(&str_keys(256), fx()), str_keys(256))]
fn lookup_str_fx(map: HashMap<String, usize, Fx>, keys: Vec<String>) -> (usize, HashMap<String, usize, Fx>, Vec<String>) {
    (black_box(lookup_all(black_box(&map), black_box(&keys))), map, keys)
}
#[library_benchmark]
#[bench::len8(filled(&str_keys(8), fold()), str_keys(8))]
#[bench::len256(filled(&str_keys(256), fold()), str_keys(256))]
fn lookup_str_fold(map: HashMap<String, usize, Fold>, keys: Vec<String>) -> (usize, HashMap<String, usize, Fold>, Vec<String>) {
    (black_box(lookup_all(black_box(&map), black_box(&keys))), map, keys)
}
#[library_benchmark]
#[bench::len8(filled(&str_keys(8), ahash()), str_keys(8))]
#[bench::len256(filled(&str_keys(256), ahash()), str_keys(256))]
fn lookup_str_ahash(
    map: HashMap<String, usize, ahash::RandomState>,
    keys: Vec<String>,
) -> (usize, HashMap<String, usize, ahash::RandomState>, Vec<String>) {
    (black_box(lookup_all(black_box(&map), black_box(&keys))), map, keys)
}

#[library_benchmark]
#[bench::len8(filled(&str_keys(8), fnv()), str_keys(8))]
#[bench::len256(filled(&str_keys(256), fnv()), str_keys(256))]
fn lookup_str_fnv(
    map: HashMap<String, usize, fnv::FnvBuildHasher>,
    keys: Vec<String>,
) -> (usize, HashMap<String, usize, fnv::FnvBuildHasher>, Vec<String>) {
    (black_box(lookup_all(black_box(&map), black_box(&keys))), map, keys)
}

library_benchmark_group!(name = lookup_str; benchmarks = lookup_str_sip, lookup_str_fx, lookup_str_fold, lookup_str_ahash, lookup_str_fnv);

// ANCHOR: crafted
/// `N` distinct u64 keys that all get the same FxHash: FxHasher (rustc-hash 2, 64-bit) hashes a u64 `x`
/// to `(x * K).rotate_left(26)` with an odd constant `K`, so `x = j * K⁻¹` (mod 2⁶⁴) hashes to
/// `j.rotate_left(26)`. For small `j` the low bits (the bucket) and the top seven bits (the tag that
/// hashbrown compares first) are zero for every key.
fn crafted_keys() -> Vec<u64> {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut inverse = K; // Newton's iteration: each step doubles the correct low bits.
    for _ in 0..6 {
        inverse = inverse.wrapping_mul(2u64.wrapping_sub(K.wrapping_mul(inverse)));
    }
    (1..=N as u64).map(|j| j.wrapping_mul(inverse)).collect()
}
// ANCHOR_END: crafted

// The ordinary keys' counts are those of `insert_u64` (the same function, keys and hasher).
#[library_benchmark]
#[bench::crafted(crafted_keys(), fx())]
fn hashdos_fx(keys: Vec<u64>, s: Fx) -> (usize, Vec<u64>) {
    (black_box(insert_all(black_box(&keys), s)), keys)
}
#[library_benchmark]
#[bench::crafted(crafted_keys(), sip())]
fn hashdos_sip(keys: Vec<u64>, s: Sip) -> (usize, Vec<u64>) {
    (black_box(insert_all(black_box(&keys), s)), keys)
}

#[library_benchmark]
#[bench::crafted(crafted_keys(), fold())]
fn hashdos_fold(keys: Vec<u64>, s: Fold) -> (usize, Vec<u64>) {
    (black_box(insert_all(black_box(&keys), s)), keys)
}
#[library_benchmark]
#[bench::crafted(crafted_keys(), ahash())]
fn hashdos_ahash(keys: Vec<u64>, s: ahash::RandomState) -> (usize, Vec<u64>) {
    (black_box(insert_all(black_box(&keys), s)), keys)
}

library_benchmark_group!(name = hashdos; benchmarks = hashdos_fx, hashdos_sip, hashdos_fold, hashdos_ahash);

/// A map of `n` u64 keys (a multiplicative sequence, as `int_keys`) in both kinds, and the keys.
fn small_maps(n: usize) -> (BTreeMap<u64, usize>, HashMap<u64, usize, Sip>, Vec<u64>) {
    let keys: Vec<u64> = (0..n as u64).map(|k| k.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect();
    let tree = keys.iter().enumerate().map(|(i, &k)| (k, i)).collect();
    let hash = keys.iter().enumerate().map(|(i, &k)| (k, i)).collect();
    (tree, hash, keys)
}

// ANCHOR: tree_vs_hash
/// Looks up each of the map's keys, `rounds` times over, in a BTreeMap.
fn tree_lookups(map: &BTreeMap<u64, usize>, keys: &[u64], rounds: usize) -> usize {
    (0..rounds).map(|_| keys.iter().map(|k| map.get(k).copied().unwrap_or(0)).sum::<usize>()).sum()
}

/// The same lookups in a HashMap with the standard library's hasher, SipHash-1-3.
fn hash_lookups(map: &HashMap<u64, usize, Sip>, keys: &[u64], rounds: usize) -> usize {
    (0..rounds).map(|_| keys.iter().map(|k| map.get(k).copied().unwrap_or(0)).sum::<usize>()).sum()
}
// ANCHOR_END: tree_vs_hash

#[library_benchmark]
#[bench::btree_8(small_maps(8), 1250)]
#[bench::btree_10000(small_maps(10_000), 1)]
fn map_kind_tree(
    maps: (BTreeMap<u64, usize>, HashMap<u64, usize, Sip>, Vec<u64>),
    rounds: usize,
) -> (usize, (BTreeMap<u64, usize>, HashMap<u64, usize, Sip>, Vec<u64>)) {
    (black_box(tree_lookups(black_box(&maps.0), black_box(&maps.2), rounds)), maps)
}
#[library_benchmark]
#[bench::hash_8(small_maps(8), 1250)]
#[bench::hash_10000(small_maps(10_000), 1)]
fn map_kind_hash(
    maps: (BTreeMap<u64, usize>, HashMap<u64, usize, Sip>, Vec<u64>),
    rounds: usize,
) -> (usize, (BTreeMap<u64, usize>, HashMap<u64, usize, Sip>, Vec<u64>)) {
    (black_box(hash_lookups(black_box(&maps.1), black_box(&maps.2), rounds)), maps)
}

library_benchmark_group!(name = map_kind; benchmarks = map_kind_tree, map_kind_hash);

// ANCHOR: capacity
/// Inserts the keys into `HashMap::new()`, which grows (and rehashes) as it fills.
fn insert_growing(keys: &[u64]) -> usize {
    let mut map = HashMap::with_hasher(Sip::default());
    for (i, &k) in keys.iter().enumerate() {
        map.insert(k, i);
    }
    map.len()
}

/// The same `HashMap::new()`, given room for every key with `reserve` before the inserts.
fn insert_reserved(keys: &[u64]) -> usize {
    let mut map = HashMap::with_hasher(Sip::default());
    map.reserve(keys.len());
    for (i, &k) in keys.iter().enumerate() {
        map.insert(k, i);
    }
    map.len()
}
// ANCHOR_END: capacity

#[library_benchmark]
#[bench::growing(int_keys())]
fn capacity_new(keys: Vec<u64>) -> (usize, Vec<u64>) {
    (black_box(insert_growing(black_box(&keys))), keys)
}
#[library_benchmark]
#[bench::reserved(int_keys())]
fn capacity_reserved(keys: Vec<u64>) -> (usize, Vec<u64>) {
    (black_box(insert_reserved(black_box(&keys))), keys)
}
// The map given its capacity is `insert_u64_sip` (the same function, keys and hasher).
library_benchmark_group!(name = capacity; benchmarks = capacity_new, capacity_reserved);

main!(
    config = measured_benches::library_config();
    library_benchmark_groups = insert_u64, lookup_u64, lookup_str, hashdos, map_kind, capacity
);
