//! Instruction counts for the Hashing part (tests/claims/hashing.rs), in a bench target of their own so that
//! adding them leaves the code of benches/hashing.rs, and its counts, as they were: nohash-hasher
//! against SipHash-1-3 for integer-newtype keys, random-looking and clustered; and a padding-free struct
//! hashed field by field (`derive(Hash)`) against as its bytes (zerocopy's `derive(ByteHash)`), with
//! SipHash-1-3 and with foldhash.
//!
//! As in benches/hashing.rs, every hasher has fixed keys (std's through `BuildHasherDefault`, foldhash
//! through `fast::FixedState`), and the inputs are built and dropped outside the counted function.

use gungraun::{library_benchmark, library_benchmark_group, main};
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::hint::black_box;

type Sip = BuildHasherDefault<DefaultHasher>;
type Fold = foldhash::fast::FixedState;

fn sip() -> Sip {
    Sip::default()
}
fn fold() -> Fold {
    foldhash::fast::FixedState::with_seed(0)
}

/// How many keys every benchmark inserts or hashes.
const N: usize = 1000;

/// `N` distinct u64 values spread over the range (a multiplicative sequence, as in benches/hashing.rs).
fn int_keys() -> Vec<u64> {
    (0..N as u64).map(|k| k.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect()
}

/// Inserts every key into an empty map that already has room for all of them.
fn insert_all<K: std::hash::Hash + Eq + Clone, S: BuildHasher>(keys: &[K], hasher: S) -> usize {
    let mut map = HashMap::with_capacity_and_hasher(keys.len(), hasher);
    for (i, k) in keys.iter().enumerate() {
        map.insert(k.clone(), i);
    }
    map.len()
}

// ANCHOR: nohash
/// An integer newtype, hashed by nohash-hasher as the integer itself (`IsEnabled` allows it).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Id(u64);
impl nohash_hasher::IsEnabled for Id {}

type NoHash = nohash_hasher::BuildNoHashHasher<Id>;
// ANCHOR_END: nohash

/// `N` ids that look random: the ordinary u64 keys of `int_keys`.
fn random_ids() -> Vec<Id> {
    int_keys().into_iter().map(Id).collect()
}

/// `N` ids that do not: 1, 2, 3, … shifted into the upper half (`i << 32`), so that their low bits
/// (the bucket, under the identity) and their top seven bits (the tag) are all zero.
fn clustered_ids() -> Vec<Id> {
    (1..=N as u64).map(|i| Id(i << 32)).collect()
}

#[library_benchmark]
#[bench::random(random_ids(), NoHash::default())]
#[bench::clustered(clustered_ids(), NoHash::default())]
fn nohash_ids(keys: Vec<Id>, s: NoHash) -> (usize, Vec<Id>) {
    (black_box(insert_all(black_box(&keys), s)), keys)
}
#[library_benchmark]
#[bench::random(random_ids(), sip())]
#[bench::clustered(clustered_ids(), sip())]
fn nohash_sip(keys: Vec<Id>, s: Sip) -> (usize, Vec<Id>) {
    (black_box(insert_all(black_box(&keys), s)), keys)
}

library_benchmark_group!(name = nohash; benchmarks = nohash_ids, nohash_sip);

// ANCHOR: bytes
/// A key of six fields without padding (8 bytes), hashed by `#[derive(Hash)]`: one write per field.
#[derive(Clone, Copy, Hash)]
#[repr(C)]
struct FieldKey {
    x: u16,
    y: u16,
    r: u8,
    g: u8,
    b: u8,
    a: u8,
}

/// The same fields, hashed by zerocopy's `#[derive(ByteHash)]`: one write of the value's 8 bytes.
#[derive(Clone, Copy, zerocopy::ByteHash, zerocopy::IntoBytes, zerocopy::Immutable)]
#[repr(C)]
struct ByteKey {
    x: u16,
    y: u16,
    r: u8,
    g: u8,
    b: u8,
    a: u8,
}

/// Hashes every key on its own with the hasher `s` builds; combines the hashes.
fn hash_each<K: std::hash::Hash, S: BuildHasher>(keys: &[K], s: &S) -> u64 {
    keys.iter().fold(0, |acc, k| acc ^ s.hash_one(k))
}
// ANCHOR_END: bytes

/// `N` distinct keys: the fields of each made from its index.
fn field_keys() -> Vec<FieldKey> {
    (0..N as u32).map(|i| FieldKey { x: i as u16, y: (i * 7) as u16, r: i as u8, g: (i >> 3) as u8, b: (i >> 5) as u8, a: 255 }).collect()
}

/// The same keys, as `ByteKey`s.
fn byte_keys() -> Vec<ByteKey> {
    field_keys().into_iter().map(|k| ByteKey { x: k.x, y: k.y, r: k.r, g: k.g, b: k.b, a: k.a }).collect()
}

#[library_benchmark]
#[bench::std_siphash(field_keys(), sip())]
fn bytes_fields_sip(keys: Vec<FieldKey>, s: Sip) -> (u64, Vec<FieldKey>) {
    (black_box(hash_each(black_box(&keys), &s)), keys)
}
#[library_benchmark]
#[bench::std_siphash(byte_keys(), sip())]
fn bytes_bytes_sip(keys: Vec<ByteKey>, s: Sip) -> (u64, Vec<ByteKey>) {
    (black_box(hash_each(black_box(&keys), &s)), keys)
}
#[library_benchmark]
#[bench::foldhash(field_keys(), fold())]
fn bytes_fields_fold(keys: Vec<FieldKey>, s: Fold) -> (u64, Vec<FieldKey>) {
    (black_box(hash_each(black_box(&keys), &s)), keys)
}
#[library_benchmark]
#[bench::foldhash(byte_keys(), fold())]
fn bytes_bytes_fold(keys: Vec<ByteKey>, s: Fold) -> (u64, Vec<ByteKey>) {
    (black_box(hash_each(black_box(&keys), &s)), keys)
}

library_benchmark_group!(name = bytes; benchmarks = bytes_fields_sip, bytes_bytes_sip, bytes_fields_fold, bytes_bytes_fold);

main!(
    config = measured_benches::library_config();
    library_benchmark_groups = nohash, bytes
);
