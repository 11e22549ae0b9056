//! Heap claims, measured with dhat. One process, no test threads (`harness = false`): dhat counts every
//! allocation of the process, so nothing else may run while a measurement is taken.

use proof::{FiguresExt, Kind, Measured, ProfileRecord, claim, margin};
use std::collections::{HashMap, HashSet};

#[allow(dead_code)]
#[path = "../examples/vec_capacity.rs"]
mod vec_capacity;

fn vec_with_capacity_is_one_block() {
    claim("heap.vec.with-capacity-one-block")
        .kind(Kind::Heap)
        .statement("`Vec::with_capacity(20)` takes 20 pushes in one heap allocation; a `Vec` grown from `Vec::new()` allocates several times.")
        .judges("002", "Heap allocations: Vec", "Reserving capacity for 20 elements takes a single allocation, while pushing them one by one into an empty vector takes four (capacities 4, 8, 16, 32).", "confirmed")
        .predicate("exactly one heap block is allocated", |f| f.u64("heap blocks allocated") == 1)
        .subject("Vec::with_capacity(20), then 20 pushes of u64", || {
            Measured::new(ProfileRecord::cargo_test(), proof::heap::measure(|| vec_capacity::reserve_then_push(20)))
        })
        .control("Vec::new(), then 20 pushes of u64", || {
            Measured::new(ProfileRecord::cargo_test(), proof::heap::measure(|| vec_capacity::grow_by_pushing(20)))
        })
        .check();
}

#[allow(dead_code)]
#[path = "../examples/heap_growth.rs"]
mod heap_growth;
use heap_growth::Bytes;
use proof::{Figures, figures};

/// How many values each vector receives in the growth checks.
const PUSHES: usize = 200;

/// A capacity sequence as the box shows it: "4, 8, 16", or its first and last entries when long.
fn listed(caps: &[usize]) -> String {
    let all: Vec<String> = caps.iter().map(|c| c.to_string()).collect();
    if all.len() <= 12 { all.join(", ") } else { format!("{}, …, {} ({} capacities)", all[..4].join(", "), all[all.len() - 1], all.len()) }
}

/// A [`listed`] sequence read back: the capacities shown, and how many there were in all.
fn parse_listed(text: &str) -> (Vec<usize>, u64) {
    let shown: Vec<usize> = text.split(", ").filter_map(|c| c.split(' ').next()?.parse().ok()).collect();
    let all = text.rsplit_once(" (").and_then(|(_, n)| n.split(' ').next()?.parse().ok()).unwrap_or(shown.len() as u64);
    (shown, all)
}

/// For one element size: the capacities a vector passed through over `PUSHES` pushes (growing on its
/// own, or with `reserve_exact(1)` when full), whether each was twice the one before, and the heap
/// blocks those pushes allocated.
fn growth_of<T: Default>(exact: bool, f: &mut Figures) {
    let size = std::mem::size_of::<T>();
    let (caps, blocks) = if exact {
        (heap_growth::vec_capacities_exact::<T>(PUSHES), proof::heap::measure_with(|| heap_growth::push_n_exact::<T>(PUSHES), |_| {}).blocks)
    } else {
        (heap_growth::vec_capacities::<T>(PUSHES), proof::heap::measure_with(|| heap_growth::push_n::<T>(PUSHES), |_| {}).blocks)
    };
    f.insert(format!("capacities ({size}-byte elements)"), listed(&caps).into());
    f.insert(format!("heap blocks for {PUSHES} pushes ({size}-byte elements)"), blocks.into());
}

/// Every element size the growth checks try, from 1 byte to 4 KiB.
const SIZES: [usize; 7] = [1, 2, 8, 64, 1024, 1025, 4096];

fn growth_by_size(exact: bool) -> Measured {
    let mut f = Figures::new();
    growth_of::<u8>(exact, &mut f);
    growth_of::<u16>(exact, &mut f);
    growth_of::<u64>(exact, &mut f);
    growth_of::<Bytes<64>>(exact, &mut f);
    growth_of::<Bytes<1024>>(exact, &mut f);
    growth_of::<Bytes<1025>>(exact, &mut f);
    growth_of::<Bytes<4096>>(exact, &mut f);
    let how = if exact { "reserve_exact(1) whenever full, then push" } else { "push" };
    Measured::new(ProfileRecord::cargo_test().with("pushes", PUSHES as u64).with("how", how), f)
}

fn vec_growth_doubles() {
    claim("heap.vec.growth-doubles")
        .kind(Kind::Heap)
        .statement("A `Vec` that is only pushed into doubles its capacity each time it is full, for elements of 1 byte to 4 KiB, with one heap block counted per capacity.")
        .judges("002", "Heap allocations: Vec", "When a Vec outgrows its capacity, the elements are copied into a larger allocation and the old one is freed.", "partly true: dhat counts one block per growth; whether the block moves or grows in place is not shown")
        .judges("002", "Heap allocations: Vec", "The growth strategy is quasi-doubling.", "confirmed: exact doubling for every element size tried")
        .predicate("for every element size, each capacity is twice the one before, and there is one heap block per capacity", |f| {
            SIZES.iter().all(|size| {
                let (caps, passed) = parse_listed(f.str(&format!("capacities ({size}-byte elements)")));
                caps.windows(2).all(|w| w[1] == 2 * w[0]) && f.u64(&format!("heap blocks for {PUSHES} pushes ({size}-byte elements)")) == passed
            })
        })
        .subject("Vec::new(), then 200 pushes", || growth_by_size(false))
        .control("Vec::new(), then reserve_exact(1) whenever full, then push", || growth_by_size(true))
        .check();
}

/// The first capacity the vector got, for each element size.
fn first_capacities(from_one: bool) -> Measured {
    // Built by hand, not with `vec![]`: the capacity a `with_capacity(1)` vector keeps is measured.
    #[allow(clippy::vec_init_then_push)]
    fn first<T: Default>(from_one: bool, f: &mut Figures) {
        let first = if from_one {
            let mut v: Vec<T> = Vec::with_capacity(1);
            v.push(T::default());
            v.capacity()
        } else {
            heap_growth::vec_capacities::<T>(1)[0]
        };
        f.insert(format!("first capacity ({}-byte elements)", std::mem::size_of::<T>()), first.into());
    }
    let mut f = Figures::new();
    first::<u8>(from_one, &mut f);
    first::<u16>(from_one, &mut f);
    first::<u64>(from_one, &mut f);
    first::<Bytes<1024>>(from_one, &mut f);
    first::<Bytes<1025>>(from_one, &mut f);
    first::<Bytes<4096>>(from_one, &mut f);
    let how = if from_one { "Vec::with_capacity(1), then one push" } else { "Vec::new(), then one push" };
    Measured::new(ProfileRecord::cargo_test().with("how", how), f)
}

fn vec_first_capacity_depends_on_element_size() {
    claim("heap.vec.first-capacity-by-element-size")
        .kind(Kind::Behaviour)
        .statement("The first push into an empty `Vec` reserves room for 8 elements of 1 byte, 4 elements of 2 bytes to 1 KiB, or 1 larger element.")
        .judges(
            "002",
            "Heap allocations: Vec",
            "Pushing into an empty Vec goes through the capacities 0, 4, 8, 16, 32, 64 and so on.",
            "partly true: only for elements of 2 bytes to 1 KiB; 1-byte elements start at 8, larger ones at 1",
        )
        .predicate("the first capacity is 8 for 1-byte elements, 4 for 2 to 1,024 bytes, 1 above", |f| {
            f.iter().all(|(k, v)| {
                let size: usize = k.trim_start_matches("first capacity (").split('-').next().unwrap().parse().unwrap();
                let want = match size {
                    1 => 8,
                    2..=1024 => 4,
                    _ => 1,
                };
                v.as_u64() == Some(want)
            })
        })
        .subject("Vec::new(), then one push", || first_capacities(false))
        .control("Vec::with_capacity(1), then one push", || first_capacities(true))
        .check();
}

fn empty_vecs_allocate_nothing() {
    claim("heap.vec.new-allocates-nothing")
        .kind(Kind::Heap)
        .statement("An empty `Vec` from `Vec::new()`, `vec![]` or `Vec::default()` has capacity 0 and allocates nothing.")
        .judges(
            "002",
            "Heap allocations: Vec",
            "A new empty Vec from vec![], Vec::new or Vec::default has length and capacity zero and needs no heap allocation.",
            "confirmed",
        )
        .predicate("no heap block, capacity 0", |f| f.u64("heap blocks allocated") == 0 && f.u64("capacity") == 0)
        .subject("Vec::new(), vec![] and Vec::default()", || {
            let mut caps = 0;
            let heap = proof::heap::measure_with(
                || (Vec::<u64>::new(), vec![] as Vec<u64>, Vec::<u64>::default()),
                |(a, b, c)| caps = a.capacity() + b.capacity() + c.capacity(),
            );
            Measured::new(ProfileRecord::cargo_test(), figures! { "heap blocks allocated" => heap.blocks, "capacity" => caps })
        })
        .control("Vec::with_capacity(1)", || {
            let mut caps = 0;
            let heap = proof::heap::measure_with(|| Vec::<u64>::with_capacity(1), |v| caps = v.capacity());
            Measured::new(ProfileRecord::cargo_test(), figures! { "heap blocks allocated" => heap.blocks, "capacity" => caps })
        })
        .check();
}

/// Heap blocks for 1,000 pushes of `T`, and the capacity at the end.
fn thousand_pushes<T: Default>(what: &str) -> Measured {
    let mut cap = 0;
    let heap = proof::heap::measure_with(|| heap_growth::push_n::<T>(1000), |v| cap = v.capacity());
    Measured::new(
        ProfileRecord::cargo_test().with("element", what),
        figures! { "heap blocks allocated" => heap.blocks, "element size (bytes)" => std::mem::size_of::<T>(), "capacity after 1,000 pushes" => cap as u64 },
    )
}

fn zero_sized_elements_never_allocate() {
    claim("heap.vec.zero-sized-never-allocates")
        .kind(Kind::Heap)
        .statement("A `Vec` of a zero-sized type never allocates: 1,000 pushes of `()` make no heap allocation.")
        .judges(
            "002",
            "Heap allocations: Vec",
            "A Vec's pointer refers to allocated memory only when both its capacity and its element size are nonzero.",
            "partly true: shown for zero-sized elements; empty vectors have their own box",
        )
        .predicate("no heap block for 1,000 pushes", |f| f.u64("heap blocks allocated") == 0)
        .subject("1,000 pushes of ()", || thousand_pushes::<()>("()"))
        .control("1,000 pushes of u8", || thousand_pushes::<u8>("u8"))
        .check();
}

/// The capacities of `String` (or of `Vec<u32>`, for the control) next to those of `Vec<u8>`.
fn like_vec_u8(string: bool) -> Measured {
    let under_test = if string { heap_growth::string_capacities(PUSHES) } else { heap_growth::vec_capacities::<u32>(PUSHES) };
    Measured::new(
        ProfileRecord::cargo_test().with("pushes", PUSHES as u64),
        figures! { "capacities (type under test)" => listed(&under_test), "capacities (Vec<u8>)" => listed(&heap_growth::vec_capacities::<u8>(PUSHES)) },
    )
}

fn string_grows_like_vec_of_bytes() {
    claim("heap.string.grows-like-vec-u8")
        .kind(Kind::Behaviour)
        .statement("A `String` grows through exactly the same capacities as a `Vec<u8>` over 200 pushes.")
        .judges(
            "002",
            "Heap allocations: String",
            "A String's representation and growth are very similar to a Vec<u8>'s, with the same capacity methods.",
            "partly true: the growth is identical; representation and methods are not measured",
        )
        .predicate("the same capacities as Vec<u8>", |f| f.str("capacities (type under test)") == f.str("capacities (Vec<u8>)"))
        .subject("String::new(), then 200 pushes of 'x'", || like_vec_u8(true))
        .control("Vec<u32>::new(), then 200 pushes", || like_vec_u8(false))
        .check();
}

/// 1,000 inserts into a map with room for `room` entries up front (0: an empty map).
fn map_inserts(room: usize) -> Measured {
    let mut cap = 0;
    let heap = proof::heap::measure_with(|| heap_growth::map_with_room(room, 1000), |m| cap = m.capacity());
    let mut f = figures! { "heap blocks allocated" => heap.blocks, "capacity after 1,000 inserts" => cap as u64 };
    if room == 0 {
        f.insert("capacities passed through".into(), listed(&heap_growth::map_capacities(1000)).into());
    } else {
        f.insert("capacity right after with_capacity(1000)".into(), (heap_growth::map_with_room(room, 0).capacity() as u64).into());
    }
    Measured::new(ProfileRecord::cargo_test().with("hasher", "std DefaultHasher, fixed keys"), f)
}

fn hashmap_with_capacity_is_one_block() {
    claim("heap.hashmap.with-capacity-one-block")
        .kind(Kind::Heap)
        .statement(
            "`HashMap::with_capacity(1000)` takes 1,000 inserts in the one block it allocates up front; an empty `HashMap` reallocates as it grows.",
        )
        .judges(
            "002",
            "Heap allocations: HashSet and HashMap",
            "Hash tables keep keys and values in one contiguous allocation that is reallocated as the table grows, and have with_capacity like Vec.",
            "confirmed",
        )
        .predicate("exactly one heap block for 1,000 inserts", |f| f.u64("heap blocks allocated") == 1)
        .subject("HashMap::with_capacity(1000), then 1,000 inserts", || map_inserts(1000))
        .control("an empty HashMap, then 1,000 inserts", || map_inserts(0))
        .check();
}

// ANCHOR: dhat_test
/// Three names in a vector made to hold exactly three: one block for the vector, one per name.
fn three_names() -> Vec<String> {
    let mut names = Vec::with_capacity(3);
    for name in ["ada", "grace", "edsger"] {
        names.push(name.to_string());
    }
    names
}

/// What a regression test pins: the blocks and bytes `three_names` allocates, as dhat's testing mode
/// reports them (`dhat::HeapStats`, read before and after the call).
const EXPECTED_BLOCKS: u64 = 4;
const EXPECTED_BYTES: u64 = 3 * 24 + 3 + 5 + 6;
// ANCHOR_END: dhat_test

/// `three_names`, with one name upper-cased on the way: `to_uppercase` returns a new `String`.
fn three_names_one_shouted() -> Vec<String> {
    let mut names = three_names();
    names[0] = names[0].to_uppercase();
    names
}

fn counted_against_expected(f: fn() -> Vec<String>) -> Measured {
    let mut figures = proof::heap::measure(f);
    figures.insert("blocks the test expects".into(), EXPECTED_BLOCKS.into());
    figures.insert("bytes the test expects".into(), EXPECTED_BYTES.into());
    Measured::new(ProfileRecord::cargo_test().with("counted by", "dhat 0.3.3 in testing mode (dhat::HeapStats)"), figures)
}

fn dhat_counts_what_a_test_asserts() {
    claim("heap.dhat.test-pins-allocations")
        .kind(Kind::Heap)
        .statement("dhat's testing mode reports exactly the 4 blocks and 86 bytes that building a `Vec` of three short `String`s allocates; one more allocation changes both.")
        .judges("002", "Heap allocations", "dhat-rs's heap usage testing lets a test check that a piece of code allocates the expected number and size of blocks.", "confirmed: its counts are exact, and one extra allocation moves them")
        .predicate("the blocks and bytes counted are exactly those the test expects", |f| {
            proof::margin::equal(f, "heap blocks allocated", "blocks the test expects") && proof::margin::equal(f, "bytes allocated", "bytes the test expects")
        })
        .subject("three_names(): with_capacity(3), then three to_string", || counted_against_expected(three_names))
        .control("the same, with one name replaced by its to_uppercase()", || counted_against_expected(three_names_one_shouted))
        .check();
}

// ANCHOR: retain
/// Each keeps what its predicate accepts and drops the rest, in place.
fn drop_digits(text: &mut String) {
    text.retain(|c| !c.is_ascii_digit());
}
fn keep_even(set: &mut HashSet<u32>) {
    set.retain(|x| x % 2 == 0);
}
fn keep_repeated(counts: &mut HashMap<u32, u32>) {
    counts.retain(|_, count| *count > 1);
}
// ANCHOR_END: retain

/// The same removals, written as a filter into a new collection that replaces the old one.
fn drop_digits_into_new(text: &mut String) {
    *text = text.chars().filter(|c| !c.is_ascii_digit()).collect();
}
fn keep_even_into_new(set: &mut HashSet<u32>) {
    *set = set.iter().copied().filter(|x| x % 2 == 0).collect();
}
fn keep_repeated_into_new(counts: &mut HashMap<u32, u32>) {
    *counts = counts.iter().filter(|(_, count)| **count > 1).map(|(k, v)| (*k, *v)).collect();
}

/// Heap blocks allocated by each removal, on collections built outside the count, and what each kept.
fn removals(text_fn: fn(&mut String), set_fn: fn(&mut HashSet<u32>), map_fn: fn(&mut HashMap<u32, u32>)) -> Measured {
    let mut text: String = (0..100).map(|i| if i % 2 == 0 { 'a' } else { '7' }).collect();
    let mut set: HashSet<u32> = (0..100).collect();
    let mut map: HashMap<u32, u32> = (0..100).map(|i| (i, i % 3)).collect();
    let text_blocks = proof::heap::measure_with(|| text_fn(&mut text), |_| {}).blocks;
    let set_blocks = proof::heap::measure_with(|| set_fn(&mut set), |_| {}).blocks;
    let map_blocks = proof::heap::measure_with(|| map_fn(&mut map), |_| {}).blocks;
    Measured::new(
        ProfileRecord::cargo_test().with("collections", "100 chars, 100 u32s, 100 u32 → u32 entries; std's hasher"),
        figures! {
            "heap blocks (String)" => text_blocks,
            "heap blocks (HashSet)" => set_blocks,
            "heap blocks (HashMap)" => map_blocks,
            "kept of 100 (String, HashSet, HashMap)" => format!("{}, {}, {}", text.len(), set.len(), map.len()),
        },
    )
}

fn retain_allocates_nothing() {
    claim("heap.std.retain-in-place")
        .kind(Kind::Heap)
        .statement("`retain` on a `String`, a `HashSet` and a `HashMap` removes elements without allocating, as on a `Vec`; filtering into a new collection allocates.")
        .judges("002", "Standard library types: Vec", "String, HashSet and HashMap have a retain method equivalent to Vec::retain.", "confirmed: each removes in place, allocating no block")
        .predicate("no heap block allocated by any of the three", |f| {
            ["String", "HashSet", "HashMap"].iter().all(|k| proof::margin::exactly(f, &format!("heap blocks ({k})"), 0.0))
        })
        .subject("retain on each", || removals(drop_digits, keep_even, keep_repeated))
        .control("the same filters collected into a new collection of each kind", || removals(drop_digits_into_new, keep_even_into_new, keep_repeated_into_new))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Where with_capacity stops: the collection, and the room it really gets

/// The entry counts the collection checks try.
const FILLS: [u64; 3] = [10, 100, 1000];

/// Heap blocks for `n` entries, one at a time, in the collection `fill` builds, as a figure.
fn fill_blocks<T>(f: &mut Figures, name: &str, n: u64, fill: fn(u64) -> T) {
    let blocks = proof::heap::measure_with(|| fill(n), |_| {}).blocks;
    f.insert(format!("heap blocks ({name}, n = {n})"), blocks.into());
}

fn collection_profile(how: &str) -> ProfileRecord {
    ProfileRecord::cargo_test()
        .with("entries n", "10, 100 and 1,000 u64 keys, inserted one at a time")
        .with("how", how)
        .with("hasher", "std DefaultHasher, fixed keys")
}

fn collections_with_capacity_one_block_each() {
    claim("heap.collections.with-capacity-one-block-each")
        .kind(Kind::Heap)
        .statement("`with_capacity(n)` then n inserts costs one heap block in a Vec, String, VecDeque, HashMap, HashSet and BinaryHeap, for n of 10 to 1,000; BTreeMap and LinkedList allocate per node.")
        .predicate("exactly one heap block for every collection at every n", |f| {
            let keys: Vec<String> = f.iter().map(|(k, _)| k.clone()).filter(|k| k.starts_with("heap blocks (")).collect();
            keys.iter().all(|k| margin::exactly(f, k, 1.0))
        })
        .subject("with_capacity(n), then n inserts: Vec, String, VecDeque, HashMap, HashSet, BinaryHeap", || {
            let mut f = Figures::new();
            for n in FILLS {
                fill_blocks(&mut f, "Vec", n, heap_growth::vec_reserved);
                fill_blocks(&mut f, "String", n, heap_growth::string_reserved);
                fill_blocks(&mut f, "VecDeque", n, heap_growth::deque_reserved);
                fill_blocks(&mut f, "HashMap", n, heap_growth::map_reserved);
                fill_blocks(&mut f, "HashSet", n, heap_growth::set_reserved);
                fill_blocks(&mut f, "BinaryHeap", n, heap_growth::heap_reserved);
            }
            Measured::new(collection_profile("with_capacity(n), then n inserts"), f)
        })
        .control("new(), then n inserts: BTreeMap, BTreeSet, LinkedList (no with_capacity)", || {
            let mut f = Figures::new();
            for n in FILLS {
                fill_blocks(&mut f, "BTreeMap", n, heap_growth::btree_map_filled);
                fill_blocks(&mut f, "BTreeSet", n, heap_growth::btree_set_filled);
                fill_blocks(&mut f, "LinkedList", n, heap_growth::list_filled);
            }
            Measured::new(collection_profile("new(), then n inserts"), f)
        })
        .check();
}

/// The entry counts asked of `with_capacity` in the rounding series: each step of a map's room, and one
/// past it.
const ASKED: [usize; 13] = [1, 3, 4, 7, 8, 14, 15, 28, 29, 56, 57, 112, 113];

/// The steps a hash table's room can take: 3, 7, then 7/8 of each power of two from 16 buckets up.
fn table_step(n: usize) -> u64 {
    let mut step = 3u64;
    while (step as usize) < n {
        step = if step == 3 { 7 } else { step * 2 };
    }
    step
}

/// For each count asked, the room `with_capacity` gave (the map's, or the deque's for the control), and
/// the heap blocks the map or deque then allocates filling that room and going one entry past it.
fn room_series(map: bool) -> Measured {
    let mut f = Figures::new();
    for n in ASKED {
        let (map_room, deque_room) = heap_growth::room_for(n);
        let room = if map { map_room } else { deque_room };
        f.insert(format!("room after with_capacity({n})"), (room as u64).into());
        if matches!(n, 15 | 113) {
            let (full, past) = if map {
                let full = proof::heap::measure_with(|| heap_growth::map_with_room(n, room as u64), |_| {}).blocks;
                (full, proof::heap::measure_with(|| heap_growth::map_with_room(n, room as u64 + 1), |_| {}).blocks)
            } else {
                let fill = |len: usize| {
                    let mut d = std::collections::VecDeque::with_capacity(n);
                    d.extend(std::iter::repeat_n(0u64, len));
                    d
                };
                (proof::heap::measure_with(|| fill(room), |_| {}).blocks, proof::heap::measure_with(|| fill(room + 1), |_| {}).blocks)
            };
            f.insert(format!("heap blocks filling that room ({n} asked)"), full.into());
            f.insert(format!("heap blocks one entry past it ({n} asked)"), past.into());
        }
    }
    let what = if map { "HashMap<u64, u64>, std DefaultHasher, fixed keys" } else { "VecDeque<u64>" };
    Measured::new(ProfileRecord::cargo_test().with("collection", what), f)
}

fn hashmap_room_rounds_up() {
    claim("heap.hashmap.capacity-rounds-up")
        .kind(Kind::Heap)
        .statement("`HashMap::with_capacity(n)` rounds its room up to the next of 3, 7, 14, 28, 56, …: asked for 15 entries, it has room for 28; a `VecDeque` gets exactly n.")
        .predicate("for every n asked, the room is the smallest of 3, 7, 14, 28, 56, … that is at least n; it fills in one block", |f| {
            ASKED.iter().all(|&n| margin::exactly(f, &format!("room after with_capacity({n})"), table_step(n) as f64))
                && [15, 113].iter().all(|n| {
                    margin::exactly(f, &format!("heap blocks filling that room ({n} asked)"), 1.0)
                        && margin::exactly(f, &format!("heap blocks one entry past it ({n} asked)"), 2.0)
                })
        })
        .subject("HashMap::with_capacity(n), n = 1 to 113", || room_series(true))
        .control("VecDeque::with_capacity(n), n = 1 to 113", || room_series(false))
        .check();
}

proof::heap_checks!(
    vec_with_capacity_is_one_block,
    vec_growth_doubles,
    vec_first_capacity_depends_on_element_size,
    empty_vecs_allocate_nothing,
    zero_sized_elements_never_allocate,
    string_grows_like_vec_of_bytes,
    hashmap_with_capacity_is_one_block,
    dhat_counts_what_a_test_asserts,
    retain_allocates_nothing,
    collections_with_capacity_one_block_each,
    hashmap_room_rounds_up,
);
