//! Instruction-count claims about hashers, read from the Gungraun benchmarks in benches/instructions.rs
//! (group "hashing"), benches/hashing.rs and benches/hashing_keys.rs; behaviours of the standard
//! library's hashers and of `#[derive(Hash)]`, observed in this test binary; and the machine code of
//! aHash in labs/hashing, built with and without the `aes` target feature.

use proof::inspect::Artifact;
use proof::lab;
use proof::margin::{self, Op};
use proof::profile::{Base, Profile};
use proof::{claim, figures, FiguresExt, Kind, Measured};
use std::hash::{BuildHasher, Hash, Hasher};

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

/// The Hashing lab (labs/hashing): one program hashing with aHash.
const LAB: &str = "hashing";

/// Release with the `aes` target feature: aHash compiles its AES version.
fn aes_profile() -> Profile {
    Profile::custom("hashing-aes", Base::Release).rustflags(&["-Ctarget-feature=+aes"])
}

/// The AES instructions in the machine code of `app::ahash_u64` under `profile`.
fn ahash_machine_code(profile: &Profile) -> Measured {
    let app = Artifact::open(&lab::build(LAB, profile).bin("app"));
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
        proof::ProfileRecord::cargo_test().with("type", "#[repr(C)] struct { x: u16, y: u16, r: u8, g: u8, b: u8, a: u8 }, no padding (8 bytes)").with("Hash from", what),
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
        hasher_profile().with("hasher", name).with("key type", "#[repr(C)] struct of two u16 and four u8 fields, no padding (8 bytes)").with("zerocopy", "0.8.63"),
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
        .judges("002", "Hashing", "A newtype over random-looking integers needs no hashing at all: nohash_hasher uses the integer as its hash.", "confirmed: fewer instructions than SipHash for such keys; keys whose low and top bits are constant make it far dearer")
        .predicate("nohash-hasher costs fewer instructions than SipHash-1-3", |f| margin::lt(f, "instructions (nohash-hasher)", "instructions (SipHash-1-3)"))
        .subject("1,000 random-looking keys (a multiplicative sequence)", || nohash_against_sip("random", "a multiplicative sequence"))
        .control("1,000 keys i << 32 (low 32 bits and top 7 bits zero)", || nohash_against_sip("clustered", "i << 32 for i in 1..=1000"))
        .check();
}
