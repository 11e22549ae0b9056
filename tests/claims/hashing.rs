//! Instruction-count claims about hashers, read from the Gungraun benchmarks in benches/instructions.rs
//! (group "hashing"), benches/hashing.rs and benches/hashing_keys.rs; behaviours of the standard
//! library's hashers and of `#[derive(Hash)]`, and how many keys a map hashes (a counting hasher),
//! observed in this test binary; the machine code of aHash in labs/hashing, built with and without the
//! `aes` target feature; and the instructions of map lookups by size in the same lab, counted by callgrind.

use proof::lab;
use proof::margin::{self, Op};
use proof::profile::{Base, Profile};
use proof::{FiguresExt, Kind, Measured, claim, figures};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};

/// Instructions to fill a map with 1,000 keys with FxHash (`fx`) and with std's SipHash-1-3 (`std`).
fn fx_against_std(profile: proof::ProfileRecord, fx: u64, std: u64) -> Measured {
    Measured::new(
        profile,
        figures! { "instructions (this hasher)" => fx, "instructions (std SipHash-1-3)" => std, "percent of std" => fx * 100 / std },
    )
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
        .statement(
            "A SipHash-1-3 lookup of a `u64` key executes at least four times FxHash's instructions; of an 8-byte string key, less than four times.",
        )
        .judges(
            "002",
            "Hashing",
            "SipHash 1-3 is relatively slow, particularly for short keys such as integers.",
            "partly true: more instructions, most for integer keys; for 8-byte strings the gap narrows",
        )
        .predicate("SipHash costs at least 4 times FxHash's instructions per lookup", |f| {
            margin::against(f, "SipHash, percent of FxHash", Op::Ge, 400.0)
        })
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
        .judges(
            "002",
            "Hashing",
            "fnv's FnvHashMap hashes with higher quality than rustc-hash, and is a little slower.",
            "partly true: slightly more instructions than FxHash on 8-byte keys, several times more on 256-byte ones",
        )
        .predicate("FNV costs more per lookup than SipHash-1-3", |f| {
            margin::gt(f, "instructions per key (FNV)", "instructions per key (SipHash-1-3)")
        })
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
        proof::gungraun::bench_profile()
            .with("entries", size)
            .with("lookups", lookups)
            .with("keys", "u64")
            .with("HashMap hasher", "SipHash-1-3 (keys zero)"),
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

// ANCHOR: siphash
/// Values of several shapes, each hashed on its own: integers, strings (with std's end marker), a
/// tuple, a slice (with its length first).
fn hash_inputs<H: Hasher>(new: impl Fn() -> H) -> Vec<u64> {
    fn one<H: Hasher>(mut h: H, value: impl Hash) -> u64 {
        value.hash(&mut h);
        h.finish()
    }
    vec![
        one(new(), 0u64),
        one(new(), u64::MAX),
        one(new(), "key"),
        one(new(), "a string key longer than a SipHash block"),
        one(new(), (1u8, 2u32, 3u64)),
        one(new(), &[1u16, 2, 3][..]),
        one(new(), ()),
    ]
}
// ANCHOR_END: siphash

/// How many of the inputs `other` hashes exactly as `DefaultHasher::new()` does.
fn same_as_default_hasher<H: Hasher>(other: impl Fn() -> H, what: &str) -> Measured {
    let std = hash_inputs(std::hash::DefaultHasher::new);
    let theirs = hash_inputs(other);
    let same = std.iter().zip(&theirs).filter(|(a, b)| a == b).count();
    Measured::new(
        proof::ProfileRecord::cargo_test().with("compared with", what),
        figures! { "inputs" => std.len(), "outputs equal to DefaultHasher::new()'s" => same },
    )
}

#[test]
fn default_hasher_is_siphash_1_3() {
    claim("hashing.default-hasher.is-siphash-1-3")
        .kind(Kind::Behaviour)
        .statement("`DefaultHasher::new()` returns exactly the hashes of an independent SipHash-1-3 with both keys zero for every input tried; SipHash-2-4 matches none.")
        .judges("002", "Hashing", "The default hashing algorithm is not specified; at the time of writing it is SipHash-1-3.", "confirmed: on the pinned toolchain DefaultHasher computes SipHash-1-3; the documentation still names no algorithm")
        .predicate("every input hashes to DefaultHasher::new()'s output", |f| margin::equal(f, "outputs equal to DefaultHasher::new()'s", "inputs"))
        .subject("siphasher 1.0.4's SipHasher13, keys (0, 0)", || {
            same_as_default_hasher(|| siphasher::sip::SipHasher13::new_with_keys(0, 0), "siphasher 1.0.4 SipHasher13::new_with_keys(0, 0)")
        })
        .control("siphasher 1.0.4's SipHasher24, keys (0, 0)", || {
            same_as_default_hasher(|| siphasher::sip::SipHasher24::new_with_keys(0, 0), "siphasher 1.0.4 SipHasher24::new_with_keys(0, 0)")
        })
        .check();
}

/// Integer values only, each hashed on its own (every hasher here mixes them one word at a time).
fn integer_inputs<H: Hasher>(new: impl Fn() -> H) -> Vec<u64> {
    let one = |value: &dyn Fn(&mut H)| {
        let mut h = new();
        value(&mut h);
        h.finish()
    };
    vec![
        one(&|h| 1u64.hash(h)),
        one(&|h| u64::MAX.hash(h)),
        one(&|h| 12_345u32.hash(h)),
        one(&|h| (1u8, 2u16, 3u32, 4u64).hash(h)),
        one(&|h| 7usize.hash(h)),
    ]
}

/// How many inputs `other` hashes exactly as the fxhash crate's `FxHasher` does: integers (the
/// predicate's) and the mixed inputs of the SipHash check (strings and slices too, shown only).
fn same_as_fxhash<H: Hasher>(other: impl Fn() -> H, what: &str) -> Measured {
    let equal = |a: Vec<u64>, b: Vec<u64>| a.iter().zip(&b).filter(|(x, y)| x == y).count();
    let integers = integer_inputs(fxhash::FxHasher::default);
    let mixed = hash_inputs(fxhash::FxHasher::default);
    Measured::new(
        proof::ProfileRecord::cargo_test().with("fxhash", "0.2.1 FxHasher (64-bit)").with("compared with", what),
        figures! {
            "integer inputs" => integers.len(),
            "integer inputs hashed as fxhash does" => equal(integers, integer_inputs(&other)),
            "mixed inputs (strings, slices, integers)" => mixed.len(),
            "mixed inputs hashed as fxhash does" => equal(mixed, hash_inputs(&other)),
        },
    )
}

#[test]
fn fxhash_is_rustc_hash_1() {
    claim("hashing.fxhash.same-outputs-as-rustc-hash-1")
        .kind(Kind::Behaviour)
        .statement("The fxhash crate hashes every integer input tried exactly as rustc-hash 1.1 does, and none as rustc-hash 2.1, the version measured in this book.")
        .judges("002", "Hashing", "The fxhash crate is an older, less maintained implementation of the same algorithm.", "outdated: fxhash still computes rustc-hash 1's integer hashes, but rustc-hash 2 changed the algorithm; maintenance is not measured")
        .predicate("every integer input hashes to fxhash's output", |f| margin::equal(f, "integer inputs hashed as fxhash does", "integer inputs"))
        .subject("rustc-hash 1.1.0's FxHasher", || same_as_fxhash(rustc_hash_1::FxHasher::default, "rustc-hash 1.1.0 FxHasher"))
        .control("rustc-hash 2.1.3's FxHasher", || same_as_fxhash(rustc_hash::FxHasher::default, "rustc-hash 2.1.3 FxHasher"))
        .check();
}

/// The Hashing lab (labs/hashing): one program hashing with aHash.
const LAB: &str = "hashing";

/// Release with the `aes` target feature: aHash compiles its AES version.
fn aes_profile() -> Profile {
    Profile::custom("hashing-aes", Base::Release).rustflags(&["-Ctarget-feature=+aes"])
}

/// The AES instructions in the machine code of `app::ahash_u64` under `profile`.
fn ahash_machine_code(profile: &Profile) -> Measured {
    let app = lab::build(LAB, profile).artifact("app");
    let f = app.function("app::ahash_u64");
    let text = app.disassembly(&f);
    let mnemonics: Vec<&str> = text.lines().filter_map(|l| l.split_whitespace().nth(1)).collect();
    let count = |m: &str| mnemonics.iter().filter(|x| **x == m).count();
    Measured::new(
        profile.record().with("aHash", "ahash 0.8.12, default features off but std, RandomState::with_seeds"),
        figures! {
            "aesenc instructions in ahash_u64" => count("aesenc"),
            "aesdec instructions in ahash_u64" => count("aesdec"),
            "mul instructions in ahash_u64" => count("mul"),
            "ahash_u64 size (bytes)" => f.size,
        },
    )
    .machine_code(&app, &f)
}

#[test]
fn ahash_uses_aes_when_built_for_it() {
    claim("hashing.ahash.aes-instructions-with-target-feature")
        .kind(Kind::Asm)
        .statement("aHash's hash of a `u64` compiles to `aesenc` instructions in a release build with `-Ctarget-feature=+aes`, and to none for the default x86-64 CPU.")
        .judges("002", "Hashing", "aHash can take advantage of the AES instructions of some processors.", "partly true: only when the build enables the aes target feature; a default x86-64 build has no AES instructions, whatever CPU runs it")
        .predicate("ahash_u64 uses aesenc", |f| margin::against(f, "aesenc instructions in ahash_u64", Op::Gt, 0.0))
        .subject("release, -Ctarget-feature=+aes", || ahash_machine_code(&aes_profile()))
        .control("release (default target CPU x86-64, no aes)", || ahash_machine_code(&Profile::release()))
        .check();
}

// ANCHOR: recorder
/// A hasher that hashes nothing and records every call it receives.
#[derive(Default)]
struct Recorder(Vec<String>);

impl Hasher for Recorder {
    fn finish(&self) -> u64 {
        0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0.push(format!("write({} bytes)", bytes.len()));
    }
    fn write_u8(&mut self, _: u8) {
        self.0.push("write_u8".into());
    }
    fn write_u16(&mut self, _: u16) {
        self.0.push("write_u16".into());
    }
    fn write_u32(&mut self, _: u32) {
        self.0.push("write_u32".into());
    }
    fn write_u64(&mut self, _: u64) {
        self.0.push("write_u64".into());
    }
    fn write_usize(&mut self, _: usize) {
        self.0.push("write_usize".into());
    }
    fn write_isize(&mut self, _: isize) {
        self.0.push("write_isize".into());
    }
}

/// Six fields, no padding (8 bytes): hashed by the standard derive.
#[derive(Hash)]
#[repr(C)]
struct Derived {
    x: u16,
    y: u16,
    r: u8,
    g: u8,
    b: u8,
    a: u8,
}

/// The same fields, hashed by zerocopy's derive: the value's bytes in one go.
#[derive(zerocopy::ByteHash, zerocopy::IntoBytes, zerocopy::Immutable)]
#[repr(C)]
struct Zerocopy {
    x: u16,
    y: u16,
    r: u8,
    g: u8,
    b: u8,
    a: u8,
}

/// And by bytemuck's.
#[derive(Clone, Copy, bytemuck::Zeroable, bytemuck::Pod, bytemuck::ByteHash)]
#[repr(C)]
struct Bytemuck {
    x: u16,
    y: u16,
    r: u8,
    g: u8,
    b: u8,
    a: u8,
}
// ANCHOR_END: recorder

/// The calls one value's `hash` makes to the recording hasher.
fn calls_of(value: &impl Hash) -> Vec<String> {
    let mut r = Recorder::default();
    value.hash(&mut r);
    r.0
}

/// The recorded calls of one value's `hash`, for the type named `what`.
fn recorded(calls: Vec<String>, what: &str) -> Measured {
    Measured::new(
        proof::ProfileRecord::cargo_test()
            .with("type", "#[repr(C)] struct { x: u16, y: u16, r: u8, g: u8, b: u8, a: u8 }, no padding (8 bytes)")
            .with("Hash from", what),
        figures! { "fields" => 6, "calls to the hasher" => calls.len(), "calls" => calls.join(", ") },
    )
}

fn derived() -> Measured {
    recorded(calls_of(&Derived { x: 1, y: 2, r: 3, g: 4, b: 5, a: 6 }), "#[derive(Hash)]")
}

#[test]
fn derive_hash_writes_each_field() {
    claim("hashing.derive.one-write-per-field")
        .kind(Kind::Behaviour)
        .statement("`#[derive(Hash)]` on a struct of six fields makes six calls to the hasher, one per field; zerocopy's `#[derive(ByteHash)]` makes one, with all 8 bytes.")
        .judges("002", "Hashing", "The hash method that derive(Hash) generates hashes every field on its own.", "confirmed: one hasher call per field")
        .judges("002", "Hashing", "zerocopy and bytemuck each offer a ByteHash derive, which hashes a value's raw bytes as one stream.", "confirmed: zerocopy 0.8's derive writes all the value's bytes in one call (bytemuck's, in its own box, too)")
        .predicate("the hasher receives one call per field", |f| margin::equal(f, "calls to the hasher", "fields"))
        .subject("#[derive(Hash)]", derived)
        .control("zerocopy 0.8.63's #[derive(ByteHash)]", || recorded(calls_of(&Zerocopy { x: 1, y: 2, r: 3, g: 4, b: 5, a: 6 }), "zerocopy 0.8.63 #[derive(ByteHash)]"))
        .check();
}

#[test]
fn bytemuck_byte_hash_writes_once() {
    claim("hashing.derive.bytemuck-byte-hash-one-write")
        .kind(Kind::Behaviour)
        .statement("bytemuck's `#[derive(ByteHash)]` on a padding-free struct of six fields makes one call to the hasher, with all 8 bytes; `#[derive(Hash)]` makes six.")
        .judges("002", "Hashing", "zerocopy and bytemuck each offer a ByteHash derive, which hashes a value's raw bytes as one stream.", "confirmed: bytemuck 1.25's derive writes all the value's bytes in one call, as zerocopy's does")
        .predicate("the hasher receives a single call", |f| margin::exactly(f, "calls to the hasher", 1.0))
        .subject("bytemuck 1.25.2's #[derive(ByteHash)]", || recorded(calls_of(&Bytemuck { x: 1, y: 2, r: 3, g: 4, b: 5, a: 6 }), "bytemuck 1.25.2 #[derive(ByteHash)]"))
        .control("#[derive(Hash)]", derived)
        .check();
}

/// Instructions of a benchmark in benches/hashing_keys.rs.
fn keys_bench(group: &str, function: &str, id: &str) -> u64 {
    proof::gungraun::instructions("hashing_keys", group, function, id)
}

/// Instructions to hash 1,000 six-field keys with one hasher: as fields (`derive(Hash)`) and as bytes
/// (zerocopy's `ByteHash`), benches/hashing_keys.rs group `bytes`.
fn bytes_against_fields(hasher: &str, id: &str, name: &str) -> Measured {
    let fields = keys_bench("bytes", &format!("bytes_fields_{hasher}"), id);
    let bytes = keys_bench("bytes", &format!("bytes_bytes_{hasher}"), id);
    Measured::new(
        hasher_profile()
            .with("hasher", name)
            .with("key type", "#[repr(C)] struct of two u16 and four u8 fields, no padding (8 bytes)")
            .with("zerocopy", "0.8.63"),
        figures! {
            "instructions (bytes, ByteHash)" => bytes,
            "instructions (fields, derive(Hash))" => fields,
            "bytes, percent of fields" => bytes * 100 / fields,
        },
    )
}

#[test]
fn hashing_bytes_wins_for_some_hashers() {
    claim("hashing.derive.bytes-cheaper-with-siphash")
        .kind(Kind::Instructions)
        .statement("Hashing 1,000 padding-free six-field structs as one 8-byte slice executes fewer instructions than `derive(Hash)` does with SipHash-1-3; with foldhash, more.")
        .judges("002", "Hashing", "Hashing a padding-free value as one stream of raw bytes can be faster than field by field, depending on the hasher.", "confirmed: fewer instructions with SipHash-1-3, more with foldhash; time is not measured")
        .judges("002", "Hashing", "Whether hashing raw bytes pays depends heavily on the hasher and on the type: measure.", "confirmed: the same change saves instructions with one hasher and costs them with another")
        .predicate("hashing the bytes costs fewer instructions than hashing the fields", |f| {
            margin::lt(f, "instructions (bytes, ByteHash)", "instructions (fields, derive(Hash))")
        })
        .subject("std's SipHash-1-3 (keys zero)", || bytes_against_fields("sip", "std_siphash", "SipHash-1-3"))
        .control("foldhash 0.2.0 (fast::FixedState)", || bytes_against_fields("fold", "foldhash", "foldhash"))
        .check();
}

/// Instructions to fill a map with 1,000 `Id` keys, with nohash-hasher and with SipHash-1-3
/// (benches/hashing_keys.rs group `nohash`).
fn nohash_against_sip(id: &str, keys: &str) -> Measured {
    let nohash = keys_bench("nohash", "nohash_ids", id);
    let sip = keys_bench("nohash", "nohash_sip", id);
    Measured::new(
        hasher_profile().with("nohash-hasher", "0.2.0 BuildNoHashHasher").with("key type", "struct Id(u64), derive(Hash)").with("keys", keys),
        figures! {
            "instructions (nohash-hasher)" => nohash,
            "instructions (SipHash-1-3)" => sip,
            "nohash, percent of SipHash" => nohash * 100 / sip,
        },
    )
}

#[test]
fn nohash_skips_hashing_integers() {
    claim("hashing.nohash.fewer-instructions-random-keys")
        .kind(Kind::Instructions)
        .statement("Filling a `HashMap` with 1,000 random-looking `u64` newtype keys executes fewer instructions with nohash-hasher than with SipHash-1-3; with keys `i << 32`, more.")
        .judges("002", "Hashing", "For a newtype of random-looking integers, nohash_hasher avoids hashing altogether.", "confirmed: fewer instructions than SipHash for such keys; keys whose low and top bits are constant make it far dearer")
        .predicate("nohash-hasher costs fewer instructions than SipHash-1-3", |f| margin::lt(f, "instructions (nohash-hasher)", "instructions (SipHash-1-3)"))
        .subject("1,000 random-looking keys (a multiplicative sequence)", || nohash_against_sip("random", "a multiplicative sequence"))
        .control("1,000 keys i << 32 (low 32 bits and top 7 bits zero)", || nohash_against_sip("clustered", "i << 32 for i in 1..=1000"))
        .check();
}

// ANCHOR: newtype
/// A newtype over an integer, and an enum whose variants carry one: both with the standard derive.
#[derive(Hash)]
struct UserId(u64);

#[derive(Hash)]
enum Key {
    User(u64),
    #[allow(dead_code)]
    Group(u64),
}

/// An enum of one variant: its discriminant cannot tell values apart, and the derive skips it.
#[derive(Hash)]
enum OnlyUser {
    User(u64),
}
// ANCHOR_END: newtype

/// What the standard derive sends the hasher for `value`, against what the bare `u64` 42 sends.
fn derived_against_u64(value: &impl Hash, what: &str) -> Measured {
    let sip = std::hash::BuildHasherDefault::<std::hash::DefaultHasher>::default();
    let (theirs, bare) = (calls_of(value), calls_of(&42u64));
    Measured::new(
        proof::ProfileRecord::cargo_test().with("type", what).with("Hash from", "#[derive(Hash)]"),
        figures! {
            "calls to the hasher" => theirs.len(),
            "calls" => theirs.join(", "),
            "calls for the u64 itself" => bare.len(),
            "same SipHash-1-3 hash as the u64" => sip.hash_one(value) == sip.hash_one(42u64),
            "calls for a one-variant enum, OnlyUser (shown only)" => calls_of(&OnlyUser::User(42)).join(", "),
        },
    )
}

#[test]
fn newtype_hashes_as_its_integer() {
    claim("hashing.derive.newtype-hashes-as-inner")
        .kind(Kind::Behaviour)
        .statement("`#[derive(Hash)]` on `struct UserId(u64)` sends the hasher exactly what the `u64` sends (one `write_u64`); on an enum of two `u64` variants, one call more (the discriminant).")
        .predicate("the hasher receives the same calls as for the bare u64", |f| {
            margin::equal(f, "calls to the hasher", "calls for the u64 itself") & margin::holds("the same hash as the u64", f.bool("same SipHash-1-3 hash as the u64"))
        })
        .subject("struct UserId(u64), holding 42", || derived_against_u64(&UserId(42), "struct UserId(u64)"))
        .control("enum Key { User(u64), Group(u64) }, the value Key::User(42)", || derived_against_u64(&Key::User(42), "enum Key { User(u64), Group(u64) }"))
        .check();
}

// ANCHOR: counting
thread_local! {
    /// Hashes computed on this thread by `Counted` hashers.
    static HASHES: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// std's SipHash-1-3 (keys zero) that counts every hash it finishes: one per key the map hashes.
#[derive(Clone, Default)]
struct Counted;

struct CountedHasher(std::hash::DefaultHasher);

impl Hasher for CountedHasher {
    fn finish(&self) -> u64 {
        HASHES.with(|n| n.set(n.get() + 1));
        self.0.finish()
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes)
    }
}

impl BuildHasher for Counted {
    type Hasher = CountedHasher;
    fn build_hasher(&self) -> CountedHasher {
        CountedHasher(std::hash::DefaultHasher::new())
    }
}

/// How many keys `f` hashes with `Counted` hashers.
fn hashes_during(f: impl FnOnce()) -> u64 {
    let before = HASHES.with(|n| n.get());
    f();
    HASHES.with(|n| n.get()) - before
}
// ANCHOR_END: counting

/// `n` distinct u64 keys spread over the range (the benchmarks' multiplicative sequence), from `from` on.
fn spread_keys(from: u64, n: u64) -> impl Iterator<Item = u64> {
    (from..from + n).map(|k| k.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// The map sizes of the growth series: each capacity hashbrown grows to (3, 7, 14, 28, 56, 112), and
/// one key more; then 1,000.
const GROWTH_SIZES: [u64; 14] = [1, 2, 3, 4, 7, 8, 14, 15, 28, 29, 56, 57, 112, 1000];
/// The sizes whose counts the figures (and the plot) show one by one.
const GROWTH_SHOWN: [u64; 6] = [3, 4, 8, 15, 112, 1000];

/// Hashes computed while filling a `HashMap` with `n` keys: grown by the inserts, or after `reserve(n)`.
fn fill_hashes(n: u64, reserve: bool) -> u64 {
    hashes_during(|| {
        let mut map = HashMap::with_hasher(Counted);
        if reserve {
            map.reserve(n as usize);
        }
        for k in spread_keys(0, n) {
            map.insert(k, ());
        }
    })
}

fn growth_series(reserve: bool) -> Measured {
    let rows: Vec<(u64, u64)> = GROWTH_SIZES.iter().map(|&n| (n, fill_hashes(n, reserve))).collect();
    let mut f = proof::Figures::new();
    for &(n, h) in rows.iter().filter(|r| GROWTH_SHOWN.contains(&r.0)) {
        f.insert(format!("{n:04} keys: keys hashed"), h.into());
    }
    let extra: Vec<u64> = rows.iter().filter(|r| r.1 > r.0).map(|r| r.0).collect();
    f.insert("sizes measured (1 to 1,000 keys)".into(), rows.len().into());
    f.insert("sizes at which a key is hashed more than once".into(), extra.len().into());
    f.insert("largest size at which every key is hashed once".into(), rows.iter().take_while(|r| r.1 == r.0).map(|r| r.0).last().unwrap_or(0).into());
    f.insert("smallest size at which keys are hashed again (0 = none)".into(), extra.first().copied().unwrap_or(0).into());
    f.insert("1,000 keys: hashes per key inserted".into(), ((rows.last().expect("a size").1 as f64 / 10.0).round() / 100.0).into());
    let how = if reserve { "HashMap::with_hasher(..), then reserve(n), then n inserts" } else { "HashMap::with_hasher(..), then n inserts" };
    Measured::new(
        proof::ProfileRecord::cargo_test()
            .with("map", how)
            .with("keys", "u64, a multiplicative sequence")
            .with("hasher", "SipHash-1-3 (keys zero), counting every finish()"),
        f,
    )
}

#[test]
fn growth_hashes_held_keys_again() {
    claim("hashing.capacity.growth-rehashes-held-keys")
        .kind(Kind::Behaviour)
        .statement("Filled key by key, `HashMap::new()` hashes each `u64` key once up to 3 keys; from 4 keys on, each growth hashes every key it holds again. After `reserve(n)`, once per key.")
        .predicate("each key is hashed once up to 3 keys, and keys are hashed again at every size from 4 keys on", |f| {
            margin::exactly(f, "largest size at which every key is hashed once", 3.0)
                & margin::exactly(f, "smallest size at which keys are hashed again (0 = none)", 4.0)
                & margin::holds("keys are hashed again at every larger size", f.u64("sizes at which a key is hashed more than once") == GROWTH_SIZES.iter().filter(|&&n| n >= 4).count() as u64)
        })
        .subject("HashMap::new() grown by the inserts, 1 to 1,000 keys", || growth_series(false))
        .control("the same map, reserve(n) before the n inserts", || growth_series(true))
        .check();
}

/// A map of 1,000 keys made `with_capacity(capacity)`, churned 10,000 times: one key removed, a new one
/// inserted, so that the number of entries never changes.
fn churn(capacity: usize) -> Measured {
    const ENTRIES: u64 = 1000;
    const STEPS: u64 = 10_000;
    let mut map = HashMap::with_capacity_and_hasher(capacity, Counted);
    map.extend(spread_keys(0, ENTRIES).map(|k| (k, ())));
    let before = map.capacity();
    let hashes = hashes_during(|| {
        // ANCHOR: churn
        for (old, new) in spread_keys(0, STEPS).zip(spread_keys(ENTRIES, STEPS)) {
            map.remove(&old);
            map.insert(new, ());
        }
        // ANCHOR_END: churn
    });
    Measured::new(
        proof::ProfileRecord::cargo_test()
            .with("map", format!("HashMap::with_capacity_and_hasher({capacity}, ..), {ENTRIES} u64 keys"))
            .with("churn", format!("{STEPS} steps: remove one key, insert a new one"))
            .with("hasher", "SipHash-1-3 (keys zero), counting every finish()"),
        figures! {
            "entries" => map.len(),
            "capacity before the churn" => before,
            "capacity after the churn" => map.capacity(),
            "keys hashed by the churn" => hashes,
            "keys hashed beyond one per remove and one per insert" => hashes - 2 * STEPS,
        },
    )
}

#[test]
fn churn_grows_a_map_over_half_full() {
    claim("hashing.capacity.churn-grows-table")
        .kind(Kind::Behaviour)
        .statement("Churned 10,000 times (remove a key, insert another), a map of 1,000 `u64` keys made `with_capacity(1000)` grows its table and rehashes its keys; made `with_capacity(2000)`, not.")
        .predicate("the table grows, and keys are hashed again, while the number of entries stays the same", |f| {
            margin::gt(f, "capacity after the churn", "capacity before the churn") & margin::against(f, "keys hashed beyond one per remove and one per insert", Op::Gt, 0.0)
        })
        .subject("with_capacity(1000): over half the table full", || churn(1000))
        .control("with_capacity(2000): under half the table full", || churn(2000))
        .check();
}

/// Hashes per key of two ways to update a map: `get_mut`, then `insert` on a miss; and `entry`. The
/// map already holds 1,000 other keys (and has room for all), and `present` says whether it also holds
/// the 1,000 keys updated.
fn update_hashes(present: bool) -> Measured {
    let fresh = |present: bool| {
        let mut map = HashMap::with_capacity_and_hasher(4000, Counted);
        map.extend(spread_keys(10_000, 1000).map(|k| (k, 0u64)));
        if present {
            map.extend(spread_keys(0, 1000).map(|k| (k, 0u64)));
        }
        map
    };
    // ANCHOR: update
    let mut map = fresh(present);
    let get_then_insert = hashes_during(|| {
        for k in spread_keys(0, 1000) {
            if let Some(count) = map.get_mut(&k) {
                *count += 1;
            } else {
                map.insert(k, 1);
            }
        }
    });
    let mut map = fresh(present);
    let entry = hashes_during(|| {
        for k in spread_keys(0, 1000) {
            *map.entry(k).or_insert(0) += 1;
        }
    });
    // ANCHOR_END: update
    Measured::new(
        proof::ProfileRecord::cargo_test()
            .with("map", "HashMap<u64, u64> with room for 4,000 entries, holding 1,000 other keys")
            .with("keys updated", if present { "1,000 u64 keys already in the map" } else { "1,000 u64 keys not in the map" })
            .with("hasher", "SipHash-1-3 (keys zero), counting every finish()"),
        figures! {
            "hashes per key (get_mut, then insert on a miss)" => get_then_insert as f64 / 1000.0,
            "hashes per key (entry)" => entry as f64 / 1000.0,
        },
    )
}

#[test]
fn get_then_insert_hashes_a_miss_twice() {
    claim("hashing.entry.get-then-insert-hashes-misses-twice")
        .kind(Kind::Behaviour)
        .statement("Updating a map with 1,000 `u64` keys it lacks, `get_mut` then `insert` hashes each key twice and `entry` once; for keys the map holds, both hash each key once.")
        .predicate("get_mut, then insert, hashes each key twice", |f| margin::exactly(f, "hashes per key (get_mut, then insert on a miss)", 2.0))
        .subject("1,000 keys not yet in the map (every get_mut misses)", || update_hashes(false))
        .control("1,000 keys already in the map (every get_mut hits)", || update_hashes(true))
        .check();
}

/// The map sizes of the lookup series in the Hashing lab (`app map <kind> <entries>`).
const MAP_SIZES: [u64; 4] = [8, 64, 128, 1024];

/// Instructions per lookup of `app map <kind> <entries>` (10,000 lookups, or the nearest whole number of
/// rounds over the map's keys), counted in the lab's `measured` function. The harness keeps one
/// simulation per lab binary, whatever its arguments, so each size and kind is kept in a memo of its own
/// (keyed on the binary, the toolchain, valgrind and the arguments), and run one at a time.
fn map_lookup(kind: &str, entries: u64) -> u64 {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    proof::provenance::note(format!("lab {LAB} (release) app, arguments: map {kind} {entries}"));
    let profile = Profile::release();
    let n = entries.to_string();
    let args = ["map", kind, n.as_str()];
    let binary = lab::build(LAB, &profile).bin("app");
    let instruction_key = proof::environment::instruction_key(&proof::gungraun::library_version());
    let mut env = proof::environment::toolchain_key();
    env.extend(instruction_key.clone());
    let key = format!("{}{}{}\n", proof::environment::digest_of(&binary), proof::environment::key_line(&env), args.join(" "));
    let text = proof::stamp::memo("hashing-map-size", &format!("{kind}-{entries}"), &key, || {
        proof::gungraun::lab_cache_simulation(LAB, &profile, "app", &args)["Ir"].to_string()
    });
    // What `lab_cache_simulation` notes, also when the memo answers.
    proof::environment::note_all(&instruction_key);
    proof::environment::note_workspace_build();
    let ir: u64 = text.trim().parse().expect("a count");
    ir / ((10_000 / entries).max(1) * entries)
}

fn map_size_series(hasher: &str, name: &str) -> Measured {
    let mut f = proof::Figures::new();
    for n in MAP_SIZES {
        f.insert(format!("{n:04} entries: BTreeMap (instructions per lookup)"), map_lookup("btree", n).into());
        f.insert(format!("{n:04} entries: HashMap (instructions per lookup)"), map_lookup(hasher, n).into());
    }
    Measured::new(
        Profile::release()
            .record()
            .with(
                "program",
                "labs/hashing app map <kind> <entries>: 10,000 lookups (whole rounds over the keys), counted in app::measured by callgrind",
            )
            .with("keys", "u64, a multiplicative sequence")
            .with("HashMap hasher", name),
        f,
    )
}

#[test]
fn btreemap_wins_below_a_size_against_siphash() {
    claim("hashing.map-kind.crossover-by-size")
        .kind(Kind::Instructions)
        .statement("In the Hashing lab, a `BTreeMap` lookup of a `u64` key executes fewer instructions than a SipHash-1-3 `HashMap` lookup at 8 and 64 entries, more at 128 and 1,024; against FxHash, more at all four.")
        .predicate("BTreeMap is cheaper at 8 and 64 entries, and dearer at 128 and 1,024", |f| {
            let at = |n: u64, which: &str| format!("{n:04} entries: {which} (instructions per lookup)");
            [8, 64].iter().fold(true, |ok, &n| ok & margin::lt(f, &at(n, "BTreeMap"), &at(n, "HashMap")))
                & [128, 1024].iter().fold(true, |ok, &n| ok & margin::gt(f, &at(n, "BTreeMap"), &at(n, "HashMap")))
        })
        .subject("HashMap with std's SipHash-1-3 (keys zero)", || map_size_series("sip", "SipHash-1-3 (BuildHasherDefault<DefaultHasher>, keys zero)"))
        .control("HashMap with FxHash (rustc-hash 2.1.3)", || map_size_series("fx", "FxHash (rustc-hash 2.1.3 FxBuildHasher)"))
        .check();
}
