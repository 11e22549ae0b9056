//! Instruction-count claims about hashers, read from the Gungraun benchmarks in benches/instructions.rs
//! (group "hashing") and benches/hashing.rs, plus one behaviour of the standard library's RandomState.

use proof::margin::{self, Op};
use proof::{claim, figures, FiguresExt, Kind, Measured};
use std::hash::BuildHasher;

/// Instructions to fill a map with 1,000 keys with FxHash (`fx`) and with std's SipHash-1-3 (`std`).
fn fx_against_std(profile: proof::ProfileRecord, fx: u64, std: u64) -> Measured {
    Measured::new(profile, figures! { "instructions (this hasher)" => fx, "instructions (std SipHash-1-3)" => std, "percent of std" => fx * 100 / std })
}

/// 1,000 ordinary u32 keys (benches/instructions.rs).
fn u32_keys() -> Measured {
    let fx = proof::gungraun::instructions("instructions", "hashing", "hash_fx", "fxhash");
    let std = proof::gungraun::instructions("instructions", "hashing", "hash_std", "std_siphash");
    fx_against_std(proof::gungraun::bench_profile(), fx, std)
}

/// 1,000 u64 keys crafted to collide under FxHash (benches/hashing.rs, group hashdos).
fn crafted_u64_keys() -> Measured {
    let fx = hashing("hashdos", "hashdos_fx", "crafted");
    let std = hashing("hashdos", "hashdos_sip", "crafted");
    fx_against_std(hasher_profile().with("key type", "u64, crafted to collide under FxHash"), fx, std)
}

#[test]
fn fxhash_beats_siphash_for_u32_keys() {
    claim("hashing.fxhash.fewer-instructions-u32")
        .kind(Kind::Instructions)
        .statement("Filling a `HashMap` with 1,000 `u32` keys executes fewer instructions with `FxHasher` than with std's SipHash-1-3; with `u64` keys crafted against FxHash, not.")
        .judges("002", "Hashing", "The default SipHash-1-3 is relatively slow for short keys such as integers; FxHash is much faster for them.", "partly true: FxHash executes fewer instructions on u32 keys; time is not asserted")
        .predicate("FxHash executes fewer instructions than std's default hasher", |f| {
            margin::lt(f, "instructions (this hasher)", "instructions (std SipHash-1-3)")
        })
        .subject("FxBuildHasher (rustc-hash 2), 1,000 ordinary u32 keys", u32_keys)
        .control("the same two hashers, 1,000 u64 keys crafted to collide under FxHash", crafted_u64_keys)
        .check();
}

/// Keys per benchmark in benches/hashing.rs.
const KEYS: u64 = 1000;

fn hashing(group: &str, function: &str, id: &str) -> u64 {
    proof::gungraun::instructions("hashing", group, function, id)
}

/// The bench profile with the hashers' versions and seeds.
fn hasher_profile() -> proof::ProfileRecord {
    proof::gungraun::bench_profile()
        .with("keys", KEYS)
        .with("hashers", "std SipHash-1-3 (BuildHasherDefault<DefaultHasher>, keys zero), rustc-hash 2.1.3 FxBuildHasher, foldhash 0.2.0 fast::FixedState, ahash 0.8.12 RandomState::with_seeds (no aes target feature)")
}

/// Instructions per key for the four hashers: `function_prefix` + `_sip`/`_fx`/`_fold`/`_ahash`, bench id
/// `ids[i]` for each.
fn four_hashers(group: &str, prefix: &str, ids: [&str; 4], what: &str) -> Measured {
    let names = ["SipHash-1-3", "FxHash", "foldhash", "aHash"];
    let suffixes = ["sip", "fx", "fold", "ahash"];
    let mut f = proof::Figures::new();
    for i in 0..4 {
        let n = hashing(group, &format!("{prefix}_{}", suffixes[i]), ids[i]);
        f.insert(format!("instructions per key ({})", names[i]), (n / KEYS).into());
    }
    let sip = f.u64("instructions per key (SipHash-1-3)");
    let fx = f.u64("instructions per key (FxHash)");
    f.insert("SipHash, percent of FxHash".into(), (sip * 100 / fx).into());
    Measured::new(hasher_profile().with("measured", what), f)
}

// ANCHOR: fast_hashers
#[test]
fn fast_hashers_insert_integers_cheaper() {
    claim("hashing.insert-u64.fast-hashers-fewer-instructions")
        .kind(Kind::Instructions)
        .statement("FxHash, foldhash and aHash each insert ordinary `u64` keys in fewer instructions than SipHash-1-3; on keys crafted against FxHash, not all do.")
        .judges("002", "Hashing", "When HashDoS is not a concern, a faster hash function can give large speed wins.", "partly true: fewer instructions per insert with each, on ordinary keys; time is not asserted")
        .judges("002", "Hashing", "rustc-hash's FxHashMap is very fast, especially for integer keys.", "partly true: it executes far fewer instructions than SipHash on u64 keys, unless they are crafted")
        .predicate("FxHash, foldhash and aHash each cost fewer instructions per key than SipHash-1-3", |f| {
            ["FxHash", "foldhash", "aHash"].iter().all(|h| margin::lt(f, &format!("instructions per key ({h})"), "instructions per key (SipHash-1-3)"))
        })
        .subject("ordinary keys (a multiplicative sequence)", || four_hashers("insert_u64", "insert_u64", ["std_siphash", "fxhash", "foldhash", "ahash"], "insert"))
        .control("keys crafted to collide under FxHash", || four_hashers("hashdos", "hashdos", ["crafted"; 4], "insert"))
        .check();
}
// ANCHOR_END: fast_hashers

#[test]
fn siphash_gap_is_widest_for_integers() {
    claim("hashing.lookup.siphash-gap-widest-for-integers")
        .kind(Kind::Instructions)
        .statement("A SipHash-1-3 lookup of a `u64` key executes at least four times FxHash's instructions; of an 8-byte string key, less than four times.")
        .judges("002", "Hashing", "SipHash 1-3 is relatively slow, particularly for short keys such as integers.", "partly true: more instructions, most for integer keys; for 8-byte strings the gap narrows")
        .predicate("SipHash costs at least 4 times FxHash's instructions per lookup", |f| margin::against(f, "SipHash, percent of FxHash", Op::Ge, 400.0))
        .subject("u64 keys", || four_hashers("lookup_u64", "lookup_u64", ["std_siphash", "fxhash", "foldhash", "ahash"], "lookup"))
        .control("8-byte String keys", || four_hashers("lookup_str", "lookup_str", ["len8"; 4], "lookup"))
        .check();
}

#[test]
fn siphash_gap_grows_with_string_length() {
    claim("hashing.lookup-str.gap-grows-with-length")
        .kind(Kind::Instructions)
        .statement("A SipHash-1-3 lookup of a 256-byte string key executes at least three times FxHash's instructions; of an 8-byte key, less than three times.")
        .judges("002", "Hashing", "Hash tables with a faster hash function can give large speed wins.", "partly true: for string keys too, in instructions executed, and more for long keys than short ones")
        .predicate("SipHash costs at least 3 times FxHash's instructions per lookup", |f| margin::against(f, "SipHash, percent of FxHash", Op::Ge, 300.0))
        .subject("256-byte String keys", || four_hashers("lookup_str", "lookup_str", ["len256"; 4], "lookup"))
        .control("8-byte String keys", || four_hashers("lookup_str", "lookup_str", ["len8"; 4], "lookup"))
        .check();
}

/// Instructions per lookup of `len`-byte string keys with FNV, FxHash and SipHash-1-3.
fn fnv_strings(len: &str) -> Measured {
    let per_key = |function: &str| hashing("lookup_str", function, &format!("len{len}")) / KEYS;
    Measured::new(
        hasher_profile().with("FNV", "fnv 1.0.7 FnvBuildHasher").with("key length (bytes)", len),
        figures! {
            "instructions per key (FNV)" => per_key("lookup_str_fnv"),
            "instructions per key (FxHash)" => per_key("lookup_str_fx"),
            "instructions per key (SipHash-1-3)" => per_key("lookup_str_sip"),
        },
    )
}

#[test]
fn fnv_is_dear_for_long_keys() {
    claim("hashing.fnv.long-keys-dearer-than-siphash")
        .kind(Kind::Instructions)
        .statement("A lookup of a 256-byte string key executes more instructions with FNV than with SipHash-1-3; of an 8-byte key, fewer.")
        .judges("002", "Hashing", "fnv's FnvHashMap hashes with higher quality than rustc-hash, and is a little slower.", "partly true: slightly more instructions than FxHash on 8-byte keys, several times more on 256-byte ones")
        .predicate("FNV costs more per lookup than SipHash-1-3", |f| margin::gt(f, "instructions per key (FNV)", "instructions per key (SipHash-1-3)"))
        .subject("256-byte String keys", || fnv_strings("256"))
        .control("8-byte String keys", || fnv_strings("8"))
        .check();
}

/// Inserting the keys crafted against FxHash against ordinary keys, with `function`.
fn crafted_against_ordinary(function: &str, hasher: &str) -> Measured {
    let crafted = hashing("hashdos", &format!("hashdos_{function}"), "crafted");
    // The ordinary keys are the insert_u64 benchmark's: the same function, keys and hasher.
    let (insert, id) = match function {
        "fx" => ("insert_u64_fx", "fxhash"),
        _ => ("insert_u64_sip", "std_siphash"),
    };
    let ordinary = hashing("insert_u64", insert, id);
    Measured::new(
        hasher_profile().with("hasher", hasher),
        figures! {
            "instructions (crafted keys)" => crafted,
            "instructions (ordinary keys)" => ordinary,
            "crafted, times ordinary" => (crafted as f64 / ordinary as f64 * 10.0).round() / 10.0,
        },
    )
}

#[test]
fn crafted_keys_blow_up_fxhash() {
    claim("hashing.hashdos.fx-crafted-keys-blow-up")
        .kind(Kind::Instructions)
        .statement("Inserting 1,000 `u64` keys crafted from FxHash's constant executes over ten times the instructions of ordinary keys with FxHash, not with SipHash-1-3.")
        .judges("002", "Hashing", "SipHash gives high protection against collisions; FxHash is low quality, so use it only when HashDoS attacks are not a concern.", "confirmed: crafted keys multiply FxHash's insert cost and cost SipHash no more than ordinary keys")
        .predicate("the crafted keys cost at least 10 times the ordinary keys", |f| margin::against(f, "crafted, times ordinary", Op::Ge, 10.0))
        .subject("FxHash (rustc-hash 2.1.3)", || crafted_against_ordinary("fx", "FxHash"))
        .control("std's SipHash-1-3", || crafted_against_ordinary("sip", "SipHash-1-3, keys zero"))
        .check();
}

// ANCHOR: random_state
/// Hashes the same key with two hashers built by `make`: does the second agree with the first?
fn same_hash_twice<S: BuildHasher>(make: impl Fn() -> S) -> bool {
    let (a, b) = (make(), make());
    a.hash_one("the same key") == b.hash_one("the same key")
}
// ANCHOR_END: random_state

#[test]
fn random_state_keys_differ_per_map() {
    claim("hashing.hashdos.random-state-differs-per-map")
        .kind(Kind::Behaviour)
        .statement("Two `RandomState` values hash the same string differently (each has its own keys); two `BuildHasherDefault<DefaultHasher>` hash it the same.")
        .judges("002", "Hashing", "The default hasher provides high protection against collisions (HashDoS).", "partly true: keys differ per map, so keys crafted for one miss another; SipHash itself is not tested")
        .predicate("two hashers built the same way hash the same key differently", |f| !f.bool("same hash from both hashers"))
        .subject("std::hash::RandomState::new() twice", || {
            Measured::new(proof::ProfileRecord::cargo_test(), figures! { "same hash from both hashers" => same_hash_twice(std::hash::RandomState::new) })
        })
        .control("BuildHasherDefault<DefaultHasher> twice (keys zero)", || {
            Measured::new(proof::ProfileRecord::cargo_test(), figures! { "same hash from both hashers" => same_hash_twice(std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default) })
        })
        .check();
}

/// Instructions per lookup in a BTreeMap and in a HashMap (SipHash-1-3) of `size` entries.
fn tree_against_hash(size: &str, lookups: u64) -> Measured {
    let tree = hashing("map_kind", "map_kind_tree", &format!("btree_{size}"));
    let hash = hashing("map_kind", "map_kind_hash", &format!("hash_{size}"));
    Measured::new(
        proof::gungraun::bench_profile().with("entries", size).with("lookups", lookups).with("keys", "u64").with("HashMap hasher", "SipHash-1-3 (keys zero)"),
        figures! { "instructions per lookup (BTreeMap)" => tree / lookups, "instructions per lookup (HashMap)" => hash / lookups },
    )
}

#[test]
fn btreemap_cheaper_for_small_maps() {
    claim("hashing.map-kind.btree-cheaper-when-small")
        .kind(Kind::Instructions)
        .statement("In a map of 8 `u64` keys, a `BTreeMap` lookup executes fewer instructions than a `HashMap` (SipHash-1-3) lookup; with 10,000 keys, more.")
        .predicate("a BTreeMap lookup costs fewer instructions than a HashMap lookup", |f| {
            margin::lt(f, "instructions per lookup (BTreeMap)", "instructions per lookup (HashMap)")
        })
        .subject("8 entries, every key looked up 1,250 times", || tree_against_hash("8", 10_000))
        .control("10,000 entries, every key looked up once", || tree_against_hash("10000", 10_000))
        .check();
}

fn capacity(function: &str, id: &str, how: &str) -> Measured {
    let n = hashing("capacity", function, id);
    // The map given its capacity is the insert_u64 benchmark of SipHash-1-3: the same function, keys and hasher.
    let reserved = hashing("insert_u64", "insert_u64_sip", "std_siphash");
    Measured::new(
        hasher_profile().with("map", how),
        figures! { "instructions (this map)" => n, "instructions (with_capacity)" => reserved, "percent of with_capacity" => n * 100 / reserved },
    )
}

#[test]
fn growing_map_costs_more() {
    claim("hashing.capacity.growing-map-dearer")
        .kind(Kind::Instructions)
        .statement("Filling a `HashMap::new()` with 1,000 `u64` keys executes over twice the instructions of one made with `with_capacity(1000)`; after `reserve(1000)`, not.")
        .predicate("costs more than twice the with_capacity map", |f| margin::ratio(f, "instructions (this map)", "instructions (with_capacity)", Op::Gt, 2.0))
        .subject("HashMap::new(), grown by inserts", || capacity("capacity_new", "growing", "HashMap::new()"))
        .control("HashMap::new(), then reserve(1000) before the inserts", || capacity("capacity_reserved", "reserved", "HashMap::new(), then reserve(1000)"))
        .check();
}
