//! Claims of "Avoiding allocations" (src/heap/avoiding.md, avoiding-copies.md, short-collections.md),
//! measured with dhat. One process, no test threads (`harness = false`): dhat counts every allocation of
//! the process. What dhat counts is itself the first claim: a `realloc` is one more block allocated, of its
//! whole new size.

use proof::heap::Counts;
use proof::margin::{self, Op};
use proof::{Figures, FiguresExt, Kind, Measured, ProfileRecord, claim, figures};

#[allow(dead_code)]
#[path = "../examples/heap_avoid.rs"]
mod heap_avoid;

#[allow(dead_code)]
#[path = "../examples/heap_avoid_small.rs"]
mod heap_avoid_small;

use heap_avoid::*;
use heap_avoid_small::{Big, bounded_of, short_of, smart};
use smallvec::SmallVec;

fn counts(c: Counts) -> Figures {
    figures! { "heap blocks allocated" => c.blocks, "bytes allocated" => c.bytes }
}

fn measured(f: Figures) -> Measured {
    Measured::new(ProfileRecord::cargo_test(), f)
}

/// `f`'s heap counts, plus the capacity of the vector it returns.
fn with_capacity_of<T>(f: impl FnOnce() -> Vec<T>) -> Measured {
    let mut cap = 0;
    let c = proof::heap::measure_with(f, |v| cap = v.capacity());
    let mut figs = counts(c);
    figs.insert("capacity at the end".into(), (cap as u64).into());
    measured(figs)
}

// ---------------------------------------------------------------------------------------------------
// What dhat counts

fn grow_once(room: usize) -> Measured {
    let full = filled(4, room);
    let first_block = (full.capacity() * size_of::<u64>()) as u64;
    let mut grown = 0;
    let c = proof::heap::measure_with(
        || {
            let v = filled(4, room);
            one_more(v, false)
        },
        |v| grown = (v.capacity() * size_of::<u64>()) as u64,
    );
    let mut f = counts(c);
    f.insert("first block (bytes)".into(), first_block.into());
    f.insert("block at the end (bytes)".into(), grown.into());
    f.insert("blocks still live at the end".into(), c.live_blocks.into());
    measured(f)
}

fn dhat_counts_a_realloc_as_a_block() {
    claim("heap.dhat.realloc-counts-as-a-block")
        .kind(Kind::Heap)
        .statement("dhat counts a reallocation as one more heap block, of its whole new size: a `Vec` that grows once shows two blocks, one of them live at the end.")
        .predicate("two blocks allocated, bytes = first block + grown block, one block live", |f| {
            f.u64("heap blocks allocated") == 2
                && f.u64("bytes allocated") == f.u64("first block (bytes)") + f.u64("block at the end (bytes)")
                && f.u64("blocks still live at the end") == 1
        })
        .subject("Vec::with_capacity(4), 4 u64, then reserve(1) and a fifth push (the block grows by realloc)", || grow_once(4))
        .control("Vec::with_capacity(8), 4 u64, then reserve(1) and a fifth push (no growth)", || grow_once(8))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Reserving

fn reserve_is_one_block() {
    claim("heap.vec.reserve-one-block")
        .kind(Kind::Heap)
        .statement("`reserve(20)` on an empty `Vec` makes the 20 pushes that follow cost exactly one heap allocation.")
        .judges(
            "002",
            "Heap allocations: Vec",
            "When the number of elements is known, with_capacity, reserve or reserve_exact get a vector of that capacity in a single allocation.",
            "partly true: shown for reserve (one block); with_capacity has its own box, reserve_exact is not counted",
        )
        .predicate("exactly one heap block", |f| f.u64("heap blocks allocated") == 1)
        .subject("Vec::new(), reserve(20), then 20 pushes of u32", || with_capacity_of(|| reserve_then_push(20)))
        .control("Vec::new(), then 20 pushes of u32", || with_capacity_of(|| push_n(20)))
        .check();
}

fn one_more_into_full(exact: bool) -> Measured {
    let full = filled(20, 20);
    let len_before = full.len() as u64;
    let mut m = with_capacity_of(move || one_more(full, exact));
    m.figures.insert("length before".into(), len_before.into());
    m.figures.insert("length at the end".into(), (len_before + 1).into());
    m
}

fn reserve_exact_leaves_no_slack() {
    claim("heap.vec.reserve-exact-no-slack")
        .kind(Kind::Heap)
        .statement("On a full `Vec` of 20 `u64`, `reserve_exact(1)` grows it to exactly its new length; `reserve(1)` leaves room nothing asked for.")
        .judges(
            "002",
            "Heap allocations: Vec",
            "When the maximum length is known, with_capacity, reserve and reserve_exact avoid allocating space that is never used.",
            "partly true: only for exact requests; reserve(1) on a full vector doubles it",
        )
        .predicate("the capacity at the end equals the length: no spare room", |f| f.u64("capacity at the end") == f.u64("length at the end"))
        .subject("a full Vec of 20 u64, reserve_exact(1), one push", || one_more_into_full(true))
        .control("a full Vec of 20 u64, reserve(1), one push", || one_more_into_full(false))
        .check();
}

fn trim(len: usize, room: usize) -> Measured {
    let v = filled(len, room);
    let mut m = with_capacity_of(move || trimmed(v));
    m.figures.insert("length".into(), (len as u64).into());
    m.figures.insert("capacity before".into(), (room as u64).into());
    m
}

fn shrink_to_fit_reallocates() {
    claim("heap.vec.shrink-to-fit-reallocates")
        .kind(Kind::Heap)
        .statement("`shrink_to_fit` on a `Vec` of 10 `u64` with room for 100 reallocates: one heap block, and the capacity drops to the length.")
        .judges(
            "002",
            "Heap allocations: Vec",
            "shrink_to_fit minimizes wasted space, but it may reallocate.",
            "confirmed: with spare room it reallocated once",
        )
        .predicate("one heap block, and the capacity is cut to the length", |f| {
            f.u64("heap blocks allocated") == 1 && f.u64("capacity at the end") == f.u64("length") && margin::gt(f, "capacity before", "length")
        })
        .subject("10 u64 in room for 100, then shrink_to_fit()", || trim(10, 100))
        .control("10 u64 in room for 10, then shrink_to_fit()", || trim(10, 10))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Reusing a workhorse collection

const BATCHES: u32 = 100;
const PER_BATCH: u32 = 10;

fn batches(reuse: bool) -> Measured {
    let one = proof::heap::measure_with(|| batches_fresh(1, PER_BATCH), |_| {});
    let c = proof::heap::measure_with(|| if reuse { batches_reused(BATCHES, PER_BATCH) } else { batches_fresh(BATCHES, PER_BATCH) }, |_| {});
    let mut f = counts(c);
    f.insert("batches".into(), BATCHES.into());
    f.insert("heap blocks for one batch alone".into(), one.blocks.into());
    measured(f)
}

fn clear_reuses_in_loop() {
    claim("heap.vec.clear-reuses-in-loop")
        .kind(Kind::Heap)
        .statement("A scratch `Vec` declared before a loop and cleared each round costs as many heap blocks over 100 rounds as over one.")
        .judges(
            "002",
            "Heap allocations: Reusing collections",
            "A workhorse Vec declared outside a loop and cleared at the end of each iteration avoids allocations, because clear keeps its capacity.",
            "confirmed",
        )
        .predicate("as many heap blocks for 100 rounds as for one", |f| f.u64("heap blocks allocated") == f.u64("heap blocks for one batch alone"))
        .subject("one Vec outside the loop, cleared each round (100 rounds of 10 u32)", || batches(true))
        .control("a new Vec inside the loop (100 rounds of 10 u32)", || batches(false))
        .check();
}

const CALLS: u32 = 100;
const SAMPLE_LEN: u32 = 51;

fn medians(keep: bool) -> Measured {
    let samples = samples(CALLS, SAMPLE_LEN);
    let c = proof::heap::measure_with(
        || {
            let mut m = Medians::default();
            samples.iter().map(|s| u64::from(if keep { m.median(s) } else { median_fresh(s) })).sum::<u64>()
        },
        |_| {},
    );
    let mut f = counts(c);
    f.insert("calls".into(), CALLS.into());
    measured(f)
}

fn scratch_in_struct() {
    claim("heap.vec.scratch-in-struct")
        .kind(Kind::Heap)
        .statement("A struct that keeps a scratch `Vec` and clears it on each call computes 100 medians with one heap allocation in all.")
        .judges(
            "002",
            "Heap allocations: Reusing collections",
            "A workhorse collection can also be kept in a struct and reused by a method that is called repeatedly.",
            "confirmed",
        )
        .predicate("one heap block for all 100 calls", |f| f.u64("heap blocks allocated") == 1)
        .subject("Medians { scratch }: clear, extend_from_slice, sort (100 calls)", || medians(true))
        .control("median_fresh: to_vec, sort (100 calls)", || medians(false))
        .check();
}

const PAIRS: u32 = 100;

fn pairs(pushed: bool) -> Measured {
    let mut m = with_capacity_of(|| if pushed { pairs_pushed(PAIRS) } else { pairs_returned(PAIRS) });
    m.figures.insert("calls".into(), PAIRS.into());
    m
}

fn push_into_caller_vec() {
    claim("heap.vec.push-into-caller-vec")
        .kind(Kind::Heap)
        .statement("A helper that pushes its results into the caller's `&mut Vec` adds no heap allocation over 100 calls; returning `vec![x, y]` allocates more.")
        .judges("002", "Heap allocations: Reusing collections", "A function such as do_stuff that returns a new Vec on every call can be rewritten to push into a &mut Vec it is given.", "confirmed: no allocation per call")
        .predicate("exactly one heap block: the output vector's", |f| f.u64("heap blocks allocated") == 1)
        .subject("push_pair(x, y, &mut out), 100 calls, out reserved for 200", || pairs(true))
        .control("out.extend(pair(x, y)), 100 calls, out reserved for 200", || pairs(false))
        .check();
}

const STAGE: u32 = 100;

fn stages(one: bool) -> Measured {
    let yardstick = proof::heap::measure_with(|| push_n(3 * STAGE), |_| {});
    let mut m = with_capacity_of(|| if one { stages_into_one(STAGE) } else { stages_combined(STAGE) });
    m.figures.insert("values per stage".into(), STAGE.into());
    m.figures.insert("heap blocks to push 300 values into one empty Vec".into(), yardstick.blocks.into());
    m.figures.insert("bytes to push 300 values into one empty Vec".into(), yardstick.bytes.into());
    m
}

fn stages_in_one_vec() {
    claim("heap.vec.stages-in-one-vec")
        .kind(Kind::Heap)
        .statement("Three stages pushing into one `Vec` cost exactly the heap blocks and bytes of growing one `Vec` to 300 values; a `Vec` per stage costs more.")
        .judges("002", "Heap allocations: Reusing collections", "Building a collection in stages is usually better done by modifying a single Vec than by building several and combining them.", "confirmed")
        .predicate("the heap blocks and bytes of growing one Vec to 300 values, no more", |f| {
            f.u64("heap blocks allocated") == f.u64("heap blocks to push 300 values into one empty Vec")
                && f.u64("bytes allocated") == f.u64("bytes to push 300 values into one empty Vec")
        })
        .subject("three stages pushing into one Vec", || stages(true))
        .control("three Vecs, one per stage, then concat()", || stages(false))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// clone and clone_from

fn clone_of(len: u32) -> Measured {
    let mut src: Vec<u32> = Vec::with_capacity(99);
    src.extend(1..=len);
    let (src_len, src_cap) = (src.len() as u64, src.capacity() as u64);
    let mut m = with_capacity_of(|| src.clone());
    m.figures.insert("original's length".into(), src_len.into());
    m.figures.insert("original's capacity".into(), src_cap.into());
    m
}

fn vec_clone_fits_length() {
    claim("heap.clone.vec-clone-fits-length")
        .kind(Kind::Heap)
        .statement("Cloning a `Vec` allocates one block sized to its length: the clone of 3 `u32` with room for 99 has capacity 3.")
        .judges(
            "002",
            "Heap allocations: clone",
            "Cloning a non-empty Vec allocates a new block for the elements, and the clone's capacity may differ from the original's.",
            "confirmed: the clone's capacity is its length",
        )
        .predicate("one heap block; the clone's capacity is the length, below the original's", |f| {
            f.u64("heap blocks allocated") == 1
                && f.u64("capacity at the end") == f.u64("original's length")
                && margin::lt(f, "capacity at the end", "original's capacity")
        })
        .subject("clone() of a Vec<u32> holding 3 elements, capacity 99", || clone_of(3))
        .control("clone() of an empty Vec<u32>, capacity 99", || clone_of(0))
        .check();
}

fn overwrite(by_clone_from: bool) -> Measured {
    let src: Vec<u32> = vec![1, 2, 3];
    let mut dst: Vec<u32> = Vec::with_capacity(99);
    let cap_before = dst.capacity() as u64;
    let mut m = with_capacity_of(move || {
        if by_clone_from {
            overwrite_by_clone_from(&mut dst, &src)
        } else {
            overwrite_by_clone(&mut dst, &src)
        }
        dst
    });
    m.figures.insert("destination's capacity before".into(), cap_before.into());
    m
}

fn clone_from_reuses_block() {
    claim("heap.clone.clone-from-reuses-block")
        .kind(Kind::Heap)
        .statement("`v1.clone_from(&v2)` copies into `v1`'s own block: no heap allocation, and `v1` keeps its capacity of 99.")
        .judges("002", "Heap allocations: clone", "In the example where v1 was made with capacity 99 and v2 is vec![1, 2, 3], v1.clone_from(&v2) reuses v1's block and leaves its capacity at 99.", "confirmed")
        .predicate("no heap block, and the destination keeps its capacity", |f| {
            f.u64("heap blocks allocated") == 0 && f.u64("capacity at the end") == f.u64("destination's capacity before")
        })
        .subject("v1 = Vec::with_capacity(99); v1.clone_from(&v2)", || overwrite(true))
        .control("v1 = Vec::with_capacity(99); v1 = v2.clone()", || overwrite(false))
        .check();
}

fn row_clone_from(derived: bool) -> Measured {
    let mut cap = 0;
    let c = if derived {
        let (mut dst, src) = (Row { cells: Vec::with_capacity(99) }, Row { cells: vec![1, 2, 3] });
        proof::heap::measure_with(
            move || {
                dst.clone_from(&src);
                dst
            },
            |r| cap = r.cells.capacity(),
        )
    } else {
        let (mut dst, src) = (ReusingRow { cells: Vec::with_capacity(99) }, ReusingRow { cells: vec![1, 2, 3] });
        proof::heap::measure_with(
            move || {
                dst.clone_from(&src);
                dst
            },
            |r| cap = r.cells.capacity(),
        )
    };
    let mut f = counts(c);
    f.insert("field's capacity before".into(), 99u64.into());
    f.insert("source's length".into(), 3u64.into());
    f.insert("field's capacity at the end".into(), (cap as u64).into());
    measured(f)
}

fn derived_clone_from_allocates() {
    claim("heap.clone.derived-clone-from-allocates")
        .kind(Kind::Heap)
        .statement("`clone_from` on a `#[derive(Clone)]` struct allocates its `Vec` field anew, cutting the field's capacity to the source's length.")
        .judges(
            "002",
            "Heap allocations: clone",
            "a.clone_from(&b) does what a = b.clone() does, but may reuse a's allocation and so avoid allocating.",
            "partly true: only where the type writes clone_from (Vec does); #[derive(Clone)] does not",
        )
        .predicate("one heap block, and the field's capacity is cut to the source's length", |f| {
            f.u64("heap blocks allocated") == 1 && f.u64("field's capacity at the end") == f.u64("source's length")
        })
        .subject("clone_from on #[derive(Clone)] struct Row { cells: Vec<u32> }", || row_clone_from(true))
        .control("clone_from on the same struct with clone_from written to call cells.clone_from", || row_clone_from(false))
        .check();
}

/// Heap blocks `dst.clone_from(src)` allocates, as the figure "heap blocks (`name`)".
fn clone_from_blocks<T: Clone>(f: &mut Figures, name: &str, mut dst: T, src: &T) {
    let blocks = proof::heap::measure_with(
        move || {
            dst.clone_from(src);
            dst
        },
        |_| {},
    )
    .blocks;
    f.insert(format!("heap blocks ({name})"), blocks.into());
}

type Map = std::collections::HashMap<u64, u64, std::hash::BuildHasherDefault<std::hash::DefaultHasher>>;

/// `clone_from` of 100 elements into destinations of each kind, built before the count: with room for
/// the source (`fits`), or without it (a shorter block, a map of another bucket count, shorter strings).
fn clone_from_by_collection(fits: bool) -> Measured {
    use std::collections::VecDeque;
    let vec: Vec<u64> = (0..100).collect();
    let text = "x".repeat(100);
    let deque: VecDeque<u64> = (0..100).collect();
    let map: Map = (0..100).map(|k| (k, k)).collect();
    let boxed: Box<[u64]> = (0..100).collect();
    let words: Vec<String> = (0..10).map(|i| format!("word number {i}")).collect();
    let room = if fits { 200 } else { 50 };
    let mut f = Figures::new();
    clone_from_blocks(&mut f, "Vec<u64>", Vec::with_capacity(room), &vec);
    clone_from_blocks(&mut f, "String", String::with_capacity(room), &text);
    clone_from_blocks(&mut f, "VecDeque<u64>", VecDeque::with_capacity(room), &deque);
    let other_map: Map = if fits { (1000..1100).map(|k| (k, k)).collect() } else { Map::with_capacity_and_hasher(1000, Default::default()) };
    clone_from_blocks(&mut f, "HashMap<u64, u64>", other_map, &map);
    clone_from_blocks(&mut f, "Box<[u64]>", (0..if fits { 100 } else { 50 }).collect::<Box<[u64]>>(), &boxed);
    let other_words: Vec<String> = (0..10).map(|i| if fits { format!("other word {i:>3}") } else { i.to_string() }).collect();
    clone_from_blocks(&mut f, "Vec<String>", other_words, &words);
    let dst = if fits {
        "room for the source: capacity 200; a map of as many buckets; a Box<[u64]> of the same length; strings as long"
    } else {
        "capacity 50; a map with room for 1,000 (more buckets); a Box<[u64]> of 50; shorter strings"
    };
    Measured::new(ProfileRecord::cargo_test().with("source", "100 elements (10 strings of 13 or 14 bytes)").with("destination", dst), f)
}

fn clone_from_reuse_by_collection() {
    claim("heap.clone.clone-from-by-collection")
        .kind(Kind::Heap)
        .statement("`clone_from` of 100 elements allocates nothing into a Vec, String or VecDeque with room, a HashMap of as many buckets or an equally long Box<[u64]>; with more buckets it allocates.")
        .predicate("no heap block for any destination", |f| {
            let keys: Vec<String> = f.iter().map(|(k, _)| k.clone()).filter(|k| k.starts_with("heap blocks (")).collect();
            keys.iter().all(|k| margin::exactly(f, k, 0.0))
        })
        .subject("destinations with room: capacity 200, same bucket count, same length", || clone_from_by_collection(true))
        .control("destinations without it: capacity 50, a HashMap with room for 1,000, a shorter Box<[u64]>, shorter strings", || clone_from_by_collection(false))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Cow

fn messages(cow: bool) -> Measured {
    let c = proof::heap::measure_with(|| if cow { messages_cow(100).len() } else { messages_owned(100).len() }, |_| {});
    let mut f = counts(c);
    f.insert("messages".into(), 4u64.into());
    f.insert("messages made by format!".into(), 2u64.into());
    measured(f)
}

fn cow_literals_not_copied() {
    claim("heap.cow.literals-not-copied")
        .kind(Kind::Heap)
        .statement("A `Vec<Cow<'static, str>>` of two literals and two `format!` messages allocates one block per `format!` plus the vector's: literals are not copied.")
        .judges("002", "Heap allocations: Cow", "A Vec<Cow<'static, str>> can hold a mix of borrowed literals and format!-built Strings without the extra allocations that to_string on each literal costs in a Vec<String>.", "confirmed")
        .predicate("heap blocks = 1 (the vector) + 1 per format!", |f| f.u64("heap blocks allocated") == 1 + f.u64("messages made by format!"))
        .subject("Vec<Cow<'static, str>>: Cow::Borrowed, Cow::Owned(format!), Cow::from(literal), format!().into()", || messages(true))
        .control("Vec<String>: to_string(), format!, String::from(literal), format!", || messages(false))
        .check();
}

fn capitalize_all(cow: bool) -> Measured {
    let changed = NAMES.iter().filter(|n| n.starts_with(|c: char| c.is_ascii_lowercase())).count() as u64;
    let c = proof::heap::measure_with(
        || NAMES.iter().map(|n| if cow { capitalized(n).len() } else { capitalized_owned(n).len() }).sum::<usize>(),
        |_| {},
    );
    let mut f = counts(c);
    f.insert("names".into(), (NAMES.len() as u64).into());
    f.insert("names that needed a change".into(), changed.into());
    measured(f)
}

fn cow_to_mut_copies_on_write() {
    claim("heap.cow.to-mut-copies-on-write")
        .kind(Kind::Heap)
        .statement("A function that returns its `&str` as a `Cow` and calls `to_mut` only when the text must change allocates once per changed input, never otherwise.")
        .judges("002", "Heap allocations: Cow", "Cow::to_mut clones borrowed data only when it has to be modified, which suits data that is mostly read and only sometimes changed.", "confirmed")
        .predicate("one heap block per name that needed a change, none for the others", |f| f.u64("heap blocks allocated") == f.u64("names that needed a change"))
        .subject("capitalized(name) -> Cow<str>, to_mut only for lower-case names", || capitalize_all(true))
        .control("capitalized_owned(name) -> String", || capitalize_all(false))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// String::with_capacity

fn join(reserved: bool) -> Measured {
    let mut len = 0;
    let c = proof::heap::measure_with(|| if reserved { joined_reserved(&NAMES) } else { joined_growing(&NAMES) }, |s| len = s.len());
    let mut f = counts(c);
    f.insert("length of the string".into(), (len as u64).into());
    measured(f)
}

fn string_with_capacity_is_one_block() {
    claim("heap.string.with-capacity-one-block")
        .kind(Kind::Heap)
        .statement("Joining 8 names with commas into a `String::with_capacity` of the final length makes exactly one heap allocation.")
        .judges(
            "002",
            "Heap allocations: String",
            "String has Vec's capacity methods, such as String::with_capacity, which gets the room for a known length in one allocation.",
            "confirmed",
        )
        .predicate("exactly one heap block", |f| f.u64("heap blocks allocated") == 1)
        .subject("String::with_capacity(final length), then push_str and push", || join(true))
        .control("String::new(), then push_str and push", || join(false))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Boxed slices

fn freeze(len: usize, room: usize) -> Measured {
    let v = filled(len, room);
    let c = proof::heap::measure_with(move || frozen(v), |_| {});
    let mut f = counts(c);
    f.insert("length".into(), (len as u64).into());
    f.insert("capacity before".into(), (room as u64).into());
    measured(f)
}

fn into_boxed_slice_exact() {
    claim("heap.box.into-boxed-slice-exact")
        .kind(Kind::Heap)
        .statement("`into_boxed_slice` on a `Vec` with no spare room allocates nothing: the `Box` takes over the block.")
        .judges(
            "002",
            "Type sizes",
            "Turning a Vec into a boxed slice drops any spare capacity, which may reallocate.",
            "confirmed: without spare room nothing is allocated; with spare room the block is shrunk once",
        )
        .predicate("no heap block", |f| f.u64("heap blocks allocated") == 0)
        .subject("into_boxed_slice() on 100 u64 in room for 100", || freeze(100, 100))
        .control("into_boxed_slice() on 100 u64 in room for 128", || freeze(100, 128))
        .check();
}

fn handle_sizes(boxed: bool) -> Measured {
    let (slice, text) = if boxed { (size_of::<Box<[u64]>>(), size_of::<Box<str>>()) } else { (size_of::<Vec<u64>>(), size_of::<String>()) };
    measured(figures! {
        "word (bytes)" => size_of::<usize>(),
        "handle to u64 elements (bytes)" => slice,
        "handle to text (bytes)" => text,
    })
}

fn boxed_slice_is_two_words() {
    claim("heap.box.boxed-slice-two-words")
        .kind(Kind::Behaviour)
        .statement("`Box<[u64]>` and `Box<str>` are two words each, a pointer and a length, with no capacity.")
        .judges(
            "002",
            "Heap allocations: Vec",
            "A Vec is three words: a length, a capacity and a pointer.",
            "confirmed: the control shows Vec<u64> and String at three words",
        )
        .predicate("both handles are two words", |f| {
            f.u64("handle to u64 elements (bytes)") == 2 * f.u64("word (bytes)") && f.u64("handle to text (bytes)") == 2 * f.u64("word (bytes)")
        })
        .subject("Box<[u64]> and Box<str>", || handle_sizes(true))
        .control("Vec<u64> and String", || handle_sizes(false))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// SmallVec, ArrayVec, smartstring

fn short(n: u64) -> Measured {
    let (mut spilled, mut cap) = (false, 0);
    let c = proof::heap::measure_with(|| short_of(n), |v| (spilled, cap) = (v.spilled(), v.capacity()));
    let mut f = counts(c);
    f.insert("elements".into(), n.into());
    f.insert("inline capacity N".into(), 8u64.into());
    f.insert("on the heap (spilled)".into(), spilled.into());
    f.insert("capacity at the end".into(), (cap as u64).into());
    measured(f)
}

fn smallvec_inline_up_to_n() {
    claim("heap.smallvec.inline-up-to-n")
        .kind(Kind::Heap)
        .statement("A `SmallVec<[u64; 8]>` holds 8 elements with no heap allocation; a ninth moves them to the heap.")
        .judges(
            "002",
            "Heap allocations: Vec",
            "A SmallVec<[T; N]> stores up to N elements inside itself and switches to a heap allocation when there are more.",
            "confirmed",
        )
        .predicate("no heap block", |f| f.u64("heap blocks allocated") == 0)
        .subject("SmallVec<[u64; 8]>, 8 pushes", || short(8))
        .control("SmallVec<[u64; 8]>, 9 pushes", || short(9))
        .check();
}

fn smallvec_sizes(large: bool) -> Measured {
    let mut f = figures! { "size of Vec<T> (bytes)" => size_of::<Vec<u64>>() };
    if large {
        f.insert("size of SmallVec<[u64; 32]> (bytes)".into(), size_of::<SmallVec<[u64; 32]>>().into());
        f.insert("size of SmallVec<[Big; 2]>, Big = [u64; 4] (bytes)".into(), size_of::<SmallVec<[Big; 2]>>().into());
    } else {
        f.insert("size of SmallVec<[u64; 2]> (bytes)".into(), size_of::<SmallVec<[u64; 2]>>().into());
        f.insert("size of SmallVec<[u8; 16]> (bytes)".into(), size_of::<SmallVec<[u8; 16]>>().into());
    }
    Measured::new(ProfileRecord::cargo_test().with("smallvec features", "union"), f)
}

fn smallvec_larger_than_vec() {
    claim("heap.smallvec.larger-than-vec")
        .kind(Kind::Behaviour)
        .statement("A `SmallVec` with a large inline buffer, `SmallVec<[u64; 32]>` or `SmallVec<[[u64; 4]; 2]>`, is larger than a `Vec`.")
        .judges("002", "Heap allocations: Vec", "When N is high or T is large, a SmallVec<[T; N]> is itself larger than a Vec<T>.", "confirmed")
        .predicate("every SmallVec measured is larger than Vec<T>", |f| {
            let vec = f.f64("size of Vec<T> (bytes)");
            f.iter()
                .filter(|(k, _)| k.starts_with("size of SmallVec"))
                .all(|(k, v)| v.as_f64().is_some_and(|s| margin::compare(&format!("{k} > size of Vec<T> (bytes)"), s, Op::Gt, vec)))
        })
        .subject("SmallVec<[u64; 32]> and SmallVec<[[u64; 4]; 2]>", || smallvec_sizes(true))
        .control("SmallVec<[u64; 2]> and SmallVec<[u8; 16]>", || smallvec_sizes(false))
        .check();
}

fn offered_nine(array: bool) -> Measured {
    let (mut held, mut refused) = (0, 0);
    let c = if array {
        proof::heap::measure_with(|| bounded_of(9), |(v, r)| (held, refused) = (v.len() as u64, *r))
    } else {
        proof::heap::measure_with(|| short_of(9), |v| held = v.len() as u64)
    };
    let mut f = counts(c);
    f.insert("elements offered".into(), 9u64.into());
    f.insert("elements held".into(), held.into());
    f.insert("elements refused".into(), refused.into());
    measured(f)
}

fn arrayvec_never_allocates() {
    claim("heap.arrayvec.never-allocates")
        .kind(Kind::Heap)
        .statement("An `ArrayVec<u64, 8>` offered nine elements allocates nothing, where a `SmallVec<[u64; 8]>` falls back to the heap.")
        .judges(
            "002",
            "Heap allocations: Vec",
            "ArrayVec, for vectors whose maximum length is known exactly, has no fallback to a heap allocation.",
            "confirmed: it refuses the ninth element instead",
        )
        .predicate("no heap block", |f| f.u64("heap blocks allocated") == 0)
        .subject("ArrayVec<u64, 8>, try_push 9 times", || offered_nine(true))
        .control("SmallVec<[u64; 8]>, push 9 times", || offered_nine(false))
        .check();
}

fn smart_of(text: &str) -> Measured {
    let mut inline = false;
    let c = proof::heap::measure_with(|| smart(text), |s| inline = s.is_inline());
    let std_string = proof::heap::measure_with(|| String::from(text), |_| {});
    let mut f = counts(c);
    f.insert("length (bytes)".into(), (text.len() as u64).into());
    f.insert("stored inline".into(), inline.into());
    f.insert("heap blocks for std's String of the same text".into(), std_string.blocks.into());
    f.insert("size of smartstring's String (bytes)".into(), size_of::<smartstring::alias::String>().into());
    f.insert("size of std's String (bytes)".into(), size_of::<String>().into());
    measured(f)
}

fn smartstring_inline_up_to_23_bytes() {
    claim("heap.smartstring.inline-up-to-23-bytes")
        .kind(Kind::Heap)
        .statement("smartstring's `String` stores a 23-byte text without a heap allocation; a 24-byte text allocates.")
        .judges("002", "Heap allocations: String", "smartstring's String keeps strings shorter than three words inline: on 64-bit targets, any string of 23 ASCII characters or fewer needs no heap allocation.", "confirmed: the 23-byte text stays inline, the 24-byte one allocates")
        .predicate("no heap block", |f| f.u64("heap blocks allocated") == 0)
        .subject("smartstring::alias::String::from(\"twenty-three bytes long\")", || smart_of("twenty-three bytes long"))
        .control("smartstring::alias::String::from(\"twenty-four bytes long!!\")", || smart_of("twenty-four bytes long!!"))
        .check();
}

proof::heap_checks!(
    dhat_counts_a_realloc_as_a_block,
    reserve_is_one_block,
    reserve_exact_leaves_no_slack,
    shrink_to_fit_reallocates,
    clear_reuses_in_loop,
    scratch_in_struct,
    push_into_caller_vec,
    stages_in_one_vec,
    vec_clone_fits_length,
    clone_from_reuses_block,
    derived_clone_from_allocates,
    clone_from_reuse_by_collection,
    cow_literals_not_copied,
    cow_to_mut_copies_on_write,
    string_with_capacity_is_one_block,
    into_boxed_slice_exact,
    boxed_slice_is_two_words,
    smallvec_inline_up_to_n,
    smallvec_larger_than_vec,
    arrayvec_never_allocates,
    smartstring_inline_up_to_23_bytes,
);
