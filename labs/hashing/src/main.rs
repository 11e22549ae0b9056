//! The Hashing lab's program. Without arguments, it hashes a few integers with aHash (fixed seeds) and
//! prints the combined result: aHash picks its algorithm when it is compiled, with the `aes` target
//! feature enabled it mixes with the CPU's AES rounds, without it with multiplications (its portable
//! fallback).
//!
//! With arguments, it runs one lookup workload inside `measured`, the only function whose instructions
//! callgrind counts (`proof::gungraun::lab_cache_simulation`): the map and its keys are built before,
//! and dropped after. `app map <btree|sip|fx> <entries>` looks up about 10,000 keys (every key of the
//! map, round after round: whole rounds only) in a map of `u64` keys. Every hasher has fixed keys, as
//! in the benchmarks.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::hint::black_box;

// ANCHOR: ahash_key
/// Hashes one integer key with aHash. `#[inline(never)]` keeps it one function whose machine code can
/// be read in the binary; aHash's own hashing code is inlined into it.
#[inline(never)]
pub fn ahash_u64(state: &ahash::RandomState, key: u64) -> u64 {
    state.hash_one(key)
}
// ANCHOR_END: ahash_key

/// The counted region: runs `work` once.
#[inline(never)]
fn measured(work: &dyn Fn() -> usize) -> usize {
    work()
}

type Sip = BuildHasherDefault<DefaultHasher>;
type Fx = rustc_hash::FxBuildHasher;

/// Lookups per map workload.
const LOOKUPS: usize = 10_000;

/// `n` distinct u64 keys spread over the range (the benchmarks' multiplicative sequence).
fn int_keys(n: usize) -> Vec<u64> {
    (0..n as u64).map(|k| k.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect()
}

// ANCHOR: map_size
/// Looks up every key of `keys` in `get`, `rounds` times over; sums what it finds.
fn lookups(keys: &[u64], rounds: usize, get: impl Fn(&u64) -> Option<usize>) -> usize {
    (0..rounds).map(|_| keys.iter().map(|k| get(black_box(k)).unwrap_or(0)).sum::<usize>()).sum()
}
// ANCHOR_END: map_size

fn hash_map<S: BuildHasher + Default>(keys: &[u64]) -> HashMap<u64, usize, S> {
    keys.iter().enumerate().map(|(i, &k)| (k, i)).collect()
}

/// `app map <btree|sip|fx> <entries>`: the instructions are those of `measured`.
fn map_workload(kind: &str, entries: usize) -> usize {
    let keys = int_keys(entries);
    let rounds = (LOOKUPS / entries).max(1);
    match kind {
        "btree" => {
            let map: BTreeMap<u64, usize> = keys.iter().enumerate().map(|(i, &k)| (k, i)).collect();
            measured(&|| lookups(&keys, rounds, |k| black_box(&map).get(k).copied()))
        }
        "sip" => {
            let map = hash_map::<Sip>(&keys);
            measured(&|| lookups(&keys, rounds, |k| black_box(&map).get(k).copied()))
        }
        "fx" => {
            let map = hash_map::<Fx>(&keys);
            measured(&|| lookups(&keys, rounds, |k| black_box(&map).get(k).copied()))
        }
        _ => panic!("map kind: btree, sip or fx"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize| args.get(i).and_then(|a| a.parse().ok()).expect("a number");
    let out = match args.first().map(String::as_str) {
        Some("map") => map_workload(&args[1], number(2)) as u64,
        _ => {
            // Seeds through black_box: the optimizer cannot fold them into the function's code.
            let state = ahash::RandomState::with_seeds(black_box(1), black_box(2), black_box(3), black_box(4));
            (0..black_box(4u64)).fold(0u64, |acc, k| acc ^ ahash_u64(&state, k))
        }
    };
    println!("{out:016x}");
}
