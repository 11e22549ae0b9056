//! Heap claims of "Where allocations hide", measured with dhat. One process, no test threads
//! (`harness = false`): dhat counts every allocation of the process, so nothing else may run while a
//! measurement is taken. dhat counts a `realloc` as one more block (of the new size), so a vector that
//! grows three times shows four blocks.

use proof::margin::{self, Op};
use proof::{FiguresExt, Kind, Measured, ProfileRecord, claim};
use std::rc::Rc;
use std::sync::Arc;

#[allow(dead_code)]
#[path = "../examples/heap_hidden.rs"]
mod heap_hidden;

#[allow(dead_code)]
#[path = "../examples/heap_hidden_std.rs"]
mod heap_hidden_std;

/// Heap blocks and bytes allocated by `f` (its result is dropped after the count), under `cargo test`.
fn heap<R>(f: impl FnOnce() -> R) -> Measured {
    Measured::new(ProfileRecord::cargo_test(), proof::heap::measure(f))
}

/// As [`heap`], with more figures about the input.
fn heap_with<R>(f: impl FnOnce() -> R, more: &[(&str, u64)]) -> Measured {
    let mut m = heap(f);
    for (k, v) in more {
        m.figures.insert(k.to_string(), (*v).into());
    }
    m
}

fn blocks(f: &proof::Figures) -> u64 {
    f.u64("heap blocks allocated")
}

fn format_allocates() {
    claim("heap.format.allocates")
        .kind(Kind::Heap)
        .statement("`format!` allocates a heap block even when its text has no placeholders; the same text as a string literal allocates nothing.")
        .judges(
            "002",
            "Heap allocations: String",
            "format! produces a String and so performs an allocation; writing a string literal instead avoids it.",
            "confirmed",
        )
        .predicate("exactly one heap block is allocated", |f| blocks(f) == 1)
        .subject("format!(\"no such user\")", || heap(heap_hidden::message_formatted))
        .control("the string literal \"no such user\"", || heap(heap_hidden::message_literal))
        .check();
}

fn write_reuses_buffer() {
    let ids: Vec<u32> = (0..100).collect();
    claim("heap.format.write-into-buffer")
        .kind(Kind::Heap)
        .statement("`write!` into a reused `String` that already has room formats 100 lines with no heap allocation; `format!` per line allocates.")
        .judges("002", "Heap allocations: String", "format_args! can help avoid the allocation of format!.", "confirmed")
        .predicate("no heap block is allocated", |f| blocks(f) == 0)
        .subject("write! into a String::with_capacity(64) made beforehand, 100 lines", || {
            let mut buffer = String::with_capacity(64);
            heap_with(|| heap_hidden::report_into(&mut buffer, &ids), &[("lines", 100)])
        })
        .control("format! for each of the 100 lines", || heap_with(|| heap_hidden::report_formatted(&ids), &[("lines", 100)]))
        .check();
}

fn lazy_format_writes_in_place() {
    claim("heap.format.lazy-format-writes-in-place")
        .kind(Kind::Heap)
        .statement("A `lazy_format!` value returned as `impl Display` is written into a `String` with room without any heap allocation; a `format!` result allocates.")
        .judges("002", "Heap allocations: String", "The lazy_format crate can help avoid the allocation of format!.", "confirmed")
        .predicate("no heap block is allocated", |f| blocks(f) == 0)
        .subject("write_greeting(&mut buffer, greeting_lazy(\"Ada\", 3)), buffer with room", || {
            let mut buffer = String::with_capacity(64);
            heap(|| heap_hidden::write_greeting(&mut buffer, heap_hidden::greeting_lazy("Ada", 3)))
        })
        .control("write_greeting(&mut buffer, greeting_string(\"Ada\", 3)), the same buffer", || {
            let mut buffer = String::with_capacity(64);
            heap(|| heap_hidden::write_greeting(&mut buffer, heap_hidden::greeting_string("Ada", 3)))
        })
        .check();
}

fn to_owned_copies() {
    let name = "Ada Lovelace";
    claim("heap.to-owned.copies-into-new-block")
        .kind(Kind::Heap)
        .statement("`to_owned` on a `&str` allocates one heap block exactly as long as the text; a struct that borrows the text allocates nothing.")
        .judges("002", "Heap allocations: ToOwned", "to_owned creates owned data from borrowed data, usually by cloning it, so it often allocates, as when a String is made from a &str.", "confirmed")
        .judges("002", "Heap allocations: ToOwned", "Storing a reference to borrowed data in a struct, rather than an owned copy, avoids the to_owned (or clone, or to_string) call, at the price of a lifetime annotation.", "confirmed")
        .predicate("one heap block, exactly as long as the text", |f| blocks(f) == 1 && f.u64("bytes allocated") == f.u64("text bytes"))
        .subject("OwnedUser { name: name.to_owned() }", || heap_with(|| heap_hidden::owned_user(name), &[("text bytes", name.len() as u64)]))
        .control("BorrowedUser { name }", || heap_with(|| heap_hidden::borrowed_user(name).name.len(), &[("text bytes", name.len() as u64)]))
        .check();
}

fn collect_exact_size() {
    claim("heap.collect.exact-size-one-block")
        .kind(Kind::Heap)
        .statement("Collecting 1,000 items from an iterator of known length (a range with `map`) allocates one block; from `filter`, the `Vec` reallocates as it grows.")
        .judges("002", "Iterators: collect", "collect turns an iterator into a collection such as a Vec, which typically needs an allocation.", "confirmed")
        .predicate("exactly one heap block is allocated", |f| blocks(f) == 1)
        .subject("(0..1000).map(|i| i * 3).collect::<Vec<u64>>()", || heap(|| heap_hidden::multiples_mapped(1000)))
        .control("(0..3000).filter(|i| i % 3 == 0).collect::<Vec<u64>>(), also 1,000 items", || heap(|| heap_hidden::multiples_filtered(1000)))
        .check();
}

/// Blocks allocated collecting 1,000 items from `make()`, and extending an empty Vec with 1,000 more.
fn collect_and_extend<I: Iterator<Item = u64>>(make: impl Fn() -> I) -> Measured {
    let collected = heap(|| make().collect::<Vec<u64>>());
    let extended = heap(|| {
        let mut v = Vec::new();
        v.extend(make());
        v
    });
    Measured::new(
        ProfileRecord::cargo_test(),
        proof::figures! {
            "heap blocks (collect)" => blocks(&collected.figures),
            "heap blocks (extend)" => blocks(&extended.figures),
        },
    )
}

fn one_block_each(f: &proof::Figures) -> bool {
    f.u64("heap blocks (collect)") == 1 && f.u64("heap blocks (extend)") == 1
}

fn collect_size_hint() {
    claim("heap.collect.size-hint-one-block")
        .kind(Kind::Heap)
        .statement("An iterator whose `size_hint` is exact lets `collect`, and `extend` into an empty `Vec`, take 1,000 items in one heap block each.")
        .judges("002", "Iterators: size_hint", "Implementing Iterator::size_hint on your own iterator can make collect and extend allocate fewer times, because they know in advance how many items are coming.", "confirmed")
        .predicate("one heap block for collect and one for extend", one_block_each)
        .subject("SizedCountdown { left: 1000 }: exact size_hint", || collect_and_extend(|| heap_hidden::SizedCountdown { left: 1000 }))
        .control("Countdown { left: 1000 }: default size_hint", || collect_and_extend(|| heap_hidden::Countdown { left: 1000 }))
        .check();
}

fn len_alone_does_not_help() {
    claim("heap.collect.len-alone-no-help")
        .kind(Kind::Heap)
        .statement("Writing `ExactSizeIterator::len` without `size_hint` does not help: `collect` and `extend` still reallocate as they grow.")
        .judges(
            "002",
            "Iterators: size_hint",
            "Implementing ExactSizeIterator::len on your own iterator can likewise make collect and extend allocate fewer times.",
            "refuted: with len but the default size_hint, both still reallocate",
        )
        .predicate("more than one heap block for collect and for extend", |f| {
            margin::against(f, "heap blocks (collect)", Op::Ge, 2.0) && margin::against(f, "heap blocks (extend)", Op::Ge, 2.0)
        })
        .subject("LenOnlyCountdown { left: 1000 }: len written, default size_hint", || {
            collect_and_extend(|| heap_hidden::LenOnlyCountdown { left: 1000 })
        })
        .control("SizedCountdown { left: 1000 }: exact size_hint", || collect_and_extend(|| heap_hidden::SizedCountdown { left: 1000 }))
        .check();
}

fn lazy_chain() {
    let xs: Vec<u64> = (0..1000).collect();
    claim("heap.iter.lazy-chain-allocates-nothing")
        .kind(Kind::Heap)
        .statement("A `filter`, `map`, `sum` chain over 1,000 numbers allocates nothing; collecting each step into a `Vec` allocates.")
        .judges("002", "Iterators: collect", "Avoid collect when the collection is only going to be iterated over again.", "confirmed")
        .predicate("no heap block is allocated", |f| blocks(f) == 0)
        .subject("xs.iter().filter(even).map(square).sum()", || heap(|| heap_hidden::even_squares_lazy(&xs)))
        .control("the same steps, each collected into a Vec", || heap(|| heap_hidden::even_squares_collected(&xs)))
        .check();
}

fn impl_iterator() {
    let text = "measure before you optimize and measure again afterwards, then measure the measurements";
    claim("heap.iter.return-impl-iterator")
        .kind(Kind::Heap)
        .statement(
            "A function returning `impl Iterator` lets its caller count the matches with no heap allocation; returning a collected `Vec` allocates.",
        )
        .judges(
            "002",
            "Iterators: collect",
            "Returning an iterator (impl Iterator<Item = T>) from a function is often better than returning a Vec<T>.",
            "confirmed",
        )
        .predicate("no heap block is allocated", |f| blocks(f) == 0)
        .subject("long_words(text, 6).count(), returning impl Iterator", || heap(|| heap_hidden::long_words(text, 6).count()))
        .control("long_words_vec(text, 6).len(), returning Vec<&str>", || heap(|| heap_hidden::long_words_vec(text, 6).len()))
        .check();
}

fn extend_without_temporary() {
    let src: Vec<u64> = (0..100).collect();
    claim("heap.extend.no-temporary-vec")
        .kind(Kind::Heap)
        .statement("`extend` on a full `Vec` with 100 mapped items allocates one block, the vector's growth; collecting into a temporary and appending allocates more.")
        .judges("002", "Iterators: extend", "Use extend to add an iterator's items to an existing collection, rather than collecting them into a new Vec and appending that.", "confirmed")
        .predicate("exactly one heap block is allocated", |f| blocks(f) == 1)
        .subject("dst.extend(src.iter().map(|x| x * 2)), dst full at 100 elements", || {
            let dst: Vec<u64> = (0..100).collect();
            heap(|| heap_hidden::append_doubles_extend(dst, &src))
        })
        .control("collect into a temporary Vec, then dst.append(&mut tmp)", || {
            let dst: Vec<u64> = (0..100).collect();
            heap(|| heap_hidden::append_doubles_collect(dst, &src))
        })
        .check();
}

/// The number of lines of the input measured by the line-reading claims.
const LINES: u64 = 1_000;

fn lines_allocate_per_line() {
    let input = heap_hidden::sample_text(LINES as usize);
    claim("heap.lines.string-per-line")
        .kind(Kind::Heap)
        .statement("`BufRead::lines` allocates at least one heap block per line it yields; `read_line` into one reused `String` allocates fewer.")
        .judges("002", "Heap allocations: reading lines", "BufRead::lines yields io::Result<String>, so it allocates for every line.", "confirmed")
        .predicate("at least one heap block per line", |f| margin::ge(f, "heap blocks allocated", "lines"))
        .subject("Cursor::new(input).lines()", || heap_with(|| heap_hidden::longest_line_lines(input.as_bytes()), &[("lines", LINES)]))
        .control("read_line into one String, cleared after each line", || {
            heap_with(|| heap_hidden::longest_line_read_line(input.as_bytes()), &[("lines", LINES)])
        })
        .check();
}

/// Blocks allocated reading 10 and 1,000 lines of the same pattern with `read`.
fn blocks_for_10_and_1000(read: fn(&[u8]) -> usize) -> Measured {
    let short = heap_hidden::sample_text(10);
    let long = heap_hidden::sample_text(LINES as usize);
    let few = heap(|| read(short.as_bytes()));
    let many = heap(|| read(long.as_bytes()));
    Measured::new(
        ProfileRecord::cargo_test(),
        proof::figures! {
            "heap blocks (10 lines)" => blocks(&few.figures),
            "heap blocks (1,000 lines)" => blocks(&many.figures),
            "longest line (bytes)" => read(long.as_bytes()),
        },
    )
}

fn read_line_reuses_string() {
    claim("heap.lines.read-line-count-independent")
        .kind(Kind::Heap)
        .statement("`read_line` into one `String` cleared after each line allocates as many heap blocks for 1,000 lines as for 10 lines of the same lengths.")
        .judges("002", "Heap allocations: reading lines", "A workhorse String filled by read_line in a loop brings the allocations down to a handful, possibly one; how many depends on how often longer lines make it grow.", "confirmed")
        .predicate("as many heap blocks for 1,000 lines as for 10", |f| f.u64("heap blocks (10 lines)") == f.u64("heap blocks (1,000 lines)"))
        .subject("read_line into one String, cleared after each line", || blocks_for_10_and_1000(heap_hidden::longest_line_read_line))
        .control("Cursor::new(input).lines()", || blocks_for_10_and_1000(heap_hidden::longest_line_lines))
        .check();
}

// ANCHOR: keep_lines
/// A `read_line` loop whose body keeps each new line, as a `&str` into the reused `String`.
const KEEP_BORROWED: &str = r#"use std::io::{BufRead, Cursor};
pub fn distinct_lines(input: &[u8]) -> usize {
    let mut reader = Cursor::new(input);
    let mut line = String::new();
    let mut seen: Vec<&str> = Vec::new();
    while reader.read_line(&mut line).unwrap() != 0 {
        if !seen.contains(&line.as_str()) {
            seen.push(line.as_str());
        }
        line.clear();
    }
    seen.len()
}
"#;

/// The same loop keeping an owned copy of each new line.
const KEEP_OWNED: &str = r#"use std::io::{BufRead, Cursor};
pub fn distinct_lines(input: &[u8]) -> usize {
    let mut reader = Cursor::new(input);
    let mut line = String::new();
    let mut seen: Vec<String> = Vec::new();
    while reader.read_line(&mut line).unwrap() != 0 {
        if !seen.contains(&line) {
            seen.push(line.clone());
        }
        line.clear();
    }
    seen.len()
}
"#;
// ANCHOR_END: keep_lines

/// Whether rustc accepts `source` as a 2024-edition library, and the error codes it reports.
fn compiles(key: &str, source: &str) -> Measured {
    let out = proof::dump::rustc(key, &[("lib.rs", source)], &["--edition=2024", "--crate-type=lib", "--emit=metadata", "lib.rs"]);
    let mut codes: Vec<&str> = out.stderr.lines().filter_map(|l| l.strip_prefix("error[")?.split(']').next()).collect();
    codes.dedup();
    Measured::new(
        ProfileRecord::named("rustc 1.95.0, edition 2024, --crate-type=lib --emit=metadata", &[]),
        proof::figures! { "rustc accepts it" => out.success, "error codes" => if codes.is_empty() { "none".to_string() } else { codes.join(", ") } },
    )
}

fn read_line_body_cannot_keep_the_line() {
    claim("heap.lines.read-line-body-cannot-keep-str")
        .kind(Kind::CompileFail)
        .statement("In a loop that reuses one `String` for `read_line`, keeping a line as `&str` past the next read does not compile (E0502); keeping a `clone` does.")
        .judges("002", "Heap allocations: reading lines", "The reused-String loop over read_line only works if the loop body can operate on a &str rather than a String.", "confirmed: a body that keeps the line is rejected by the borrow checker, and one that copies it allocates again")
        .predicate("rustc rejects it with E0502", |f| margin::holds("rejected", !f.bool("rustc accepts it")) && margin::holds("E0502", f.str("error codes") == "E0502"))
        .subject("seen.push(line.as_str()), then line.clear() and the next read_line", || compiles("heap-read-line-keep-borrowed", KEEP_BORROWED))
        .control("seen.push(line.clone())", || compiles("heap-read-line-keep-owned", KEEP_OWNED))
        .check();
}

fn zeroed_vec_one_block() {
    claim("heap.vec.zeroed-one-block")
        .kind(Kind::Heap)
        .statement(
            "`vec![0u64; 1000]` allocates one heap block, exactly the size of its 1,000 elements; pushing 1,000 zeros into `Vec::new()` reallocates.",
        )
        .predicate("one heap block of exactly 1,000 u64s", |f| blocks(f) == 1 && f.u64("bytes allocated") == 1000 * 8)
        .subject("vec![0u64; 1000]", || heap(|| heap_hidden_std::zeros_macro(1000)))
        .control("Vec::new(), then 1,000 pushes of 0u64", || heap(|| heap_hidden_std::zeros_pushed(1000)))
        .check();
}

fn rc_one_block() {
    let readings = [1, 2, 3, 4];
    let value = std::mem::size_of::<heap_hidden_std::Readings>() as u64;
    let words = 2 * std::mem::size_of::<usize>() as u64;
    claim("heap.rc.one-block-with-counts")
        .kind(Kind::Heap)
        .statement("`Rc::new` and `Arc::new` each allocate one heap block holding the value and two words of counts; `Box::new` allocates the value's size alone.")
        .judges("002", "Heap allocations: Rc and Arc", "Rc and Arc are like Box, except that the value on the heap sits next to two reference counts.", "confirmed")
        .judges("002", "Heap allocations: Rc and Arc", "Wrapping rarely shared values in Rc or Arc can raise the allocation rate, since it puts on the heap values that could otherwise live elsewhere.", "partly true: each Rc::new or Arc::new is a heap allocation; a program's rate is not measured")
        .predicate("one block per handle, each two machine words larger than the value", move |f| {
            blocks(f) == 2 && f.u64("bytes allocated") == 2 * (f.u64("value bytes") + words)
        })
        .subject("Rc::new([1u64, 2, 3, 4]) and Arc::new(…) of the same array", || {
            heap_with(|| (heap_hidden_std::share_rc(readings), heap_hidden_std::share_arc(readings)), &[("value bytes", value)])
        })
        .control("Box::new(…) of the same array, twice", || {
            heap_with(|| (heap_hidden_std::boxed(readings), heap_hidden_std::boxed(readings)), &[("value bytes", value)])
        })
        .check();
}

fn rc_clone_allocates_nothing() {
    let rc = Rc::new(String::from("shared text"));
    let arc = Arc::new(String::from("shared text"));
    let boxed = Box::new(String::from("shared text"));
    claim("heap.rc.clone-allocates-nothing")
        .kind(Kind::Heap)
        .statement("Cloning an `Rc<String>` or an `Arc<String>` 100 times allocates nothing; cloning a `Box<String>` allocates.")
        .judges(
            "002",
            "Heap allocations: Rc and Arc",
            "Unlike cloning a Box, cloning an Rc or Arc does not allocate: it only increments a reference count.",
            "confirmed",
        )
        .judges(
            "002",
            "Heap allocations: Rc and Arc",
            "Rc and Arc let owners share one value, which can reduce memory use.",
            "confirmed: clones share the one block, where Box clones allocate anew",
        )
        .predicate("no heap block is allocated", |f| blocks(f) == 0)
        .subject("100 Rc::clone and 100 Arc::clone, each dropped again", || {
            heap(|| heap_hidden_std::clone_rc_handles(&rc, 100) + heap_hidden_std::clone_arc_handles(&arc, 100))
        })
        .control("200 clones of a Box<String>, each dropped again", || heap(|| heap_hidden_std::clone_boxes(&boxed, 200)))
        .check();
}

fn make_mut_clones_only_when_shared() {
    claim("heap.rc.make-mut-clones-only-when-shared")
        .kind(Kind::Heap)
        .statement("`Rc::make_mut` and `Arc::make_mut` on the only handle change the value in place with no allocation; with a second handle alive they copy it.")
        .judges("002", "Standard library types: Rc and Arc", "Rc::make_mut and Arc::make_mut are clone-on-write: they clone the inner value only when the reference count is above one, and otherwise modify the original.", "confirmed")
        .predicate("no heap block is allocated", |f| blocks(f) == 0)
        .subject("make_mut on the only Rc and the only Arc", || {
            let mut rc = Rc::new(vec![1u64, 2, 3]);
            let mut arc = Arc::new(vec![1u64, 2, 3]);
            heap(|| {
                heap_hidden_std::bump_first(&mut rc);
                heap_hidden_std::bump_first_arc(&mut arc);
            })
        })
        .control("make_mut on an Rc and an Arc that each have a second handle", || {
            let mut rc = Rc::new(vec![1u64, 2, 3]);
            let mut arc = Arc::new(vec![1u64, 2, 3]);
            let (other_rc, other_arc) = (Rc::clone(&rc), Arc::clone(&arc));
            let mut m = heap(|| {
                heap_hidden_std::bump_first(&mut rc);
                heap_hidden_std::bump_first_arc(&mut arc);
            });
            let untouched = other_rc[0] == 1 && other_arc[0] == 1 && rc[0] == 2 && arc[0] == 2;
            m.figures.insert("other handles unchanged".into(), untouched.into());
            m
        })
        .check();
}

fn box_large_value() {
    let size = std::mem::size_of::<[u64; 512]>() as u64;
    claim("heap.box.large-value-one-block")
        .kind(Kind::Heap)
        .statement("`Box::new` of a 4 KiB array allocates one heap block of exactly the array's size.")
        .judges("002", "Heap allocations: Box", "A Box<T> is a T value allocated on the heap.", "confirmed")
        .predicate("one heap block of exactly the value's size", |f| blocks(f) == 1 && f.u64("bytes allocated") == f.u64("value bytes"))
        .subject("Box::new([7u64; 512])", || heap_with(heap_hidden_std::boxed_table, &[("value bytes", size)]))
        .control("Vec::new(), then 512 pushes", || heap_with(heap_hidden_std::pushed_table, &[("value bytes", size)]))
        .check();
}

fn ok_or_is_eager() {
    let names = ["ada", "grace", "barbara"];
    claim("heap.option.ok-or-eager")
        .kind(Kind::Heap)
        .statement("`ok_or(format!(..))` allocates even when the option is `Some`; `ok_or_else` with a closure then allocates nothing.")
        .judges("002", "Standard library types: Option", "The err argument of Option::ok_or is computed eagerly, even when the option is Some; when it is expensive, ok_or_else computes it lazily, only when needed.", "confirmed")
        .predicate("allocates at least one heap block although the name is found", |f| margin::against(f, "heap blocks allocated", Op::Ge, 1.0))
        .subject("position(…).ok_or(format!(…)), name present", || heap(|| heap_hidden_std::find_eager(&names, "grace")))
        .control("position(…).ok_or_else(|| format!(…)), name present", || heap(|| heap_hidden_std::find_lazy(&names, "grace")))
        .check();
}

fn eager_fallbacks_allocate() {
    claim("heap.option.eager-fallbacks")
        .kind(Kind::Heap)
        .statement("Given `Some` or `Ok`, `ok_or`, `unwrap_or`, `map_or` and `Result::or` still build their `String` fallback, one block per call; closure forms do not.")
        .judges("002", "Standard library types: Option", "Option::map_or, Option::unwrap_or, Result::or, Result::map_or and Result::unwrap_or have lazily evaluated alternatives in the same way as ok_or.", "confirmed")
        .predicate("one heap block per call, although no fallback is used", |f| blocks(f) == f.u64("calls"))
        .subject("ok_or, unwrap_or, map_or on Some; unwrap_or, map_or, or on Ok", || {
            heap_with(|| heap_hidden_std::fallbacks_eager(Some(1), Ok(2)), &[("calls", 6)])
        })
        .control("ok_or_else, unwrap_or_else, map_or_else on Some; unwrap_or_else, map_or_else, or_else on Ok", || {
            heap_with(|| heap_hidden_std::fallbacks_lazy(Some(1), Ok(2)), &[("calls", 6)])
        })
        .check();
}

// ---------------------------------------------------------------------------------------------------
// collect from into_iter(): converted in place, or built fresh

/// Heap blocks allocated collecting `source` through `convert`, with the result's length and capacity,
/// as figures named after `what`. The source is built before the count.
fn converted<S, T>(f: &mut proof::Figures, what: &str, source: Vec<S>, convert: fn(Vec<S>) -> Vec<T>) {
    let (mut len, mut cap) = (0, 0);
    let blocks = proof::heap::measure_with(|| convert(source), |v| (len, cap) = (v.len(), v.capacity())).blocks;
    f.insert(format!("heap blocks ({what})"), blocks.into());
    f.insert(format!("length, capacity ({what})"), format!("{len}, {cap}").into());
}

fn thousand() -> Vec<u64> {
    (0..1000).collect()
}

fn in_place_same_alignment() {
    claim("heap.collect.in-place-same-alignment")
        .kind(Kind::Heap)
        .statement("Collecting `v.into_iter().map(..)` or `.filter(..)` into a `Vec` reuses `v`'s block, no allocation, when both element types have the same alignment; u64 to u32 allocates.")
        .predicate("no heap block for any of the conversions", |f| {
            let keys: Vec<String> = f.iter().map(|(k, _)| k.clone()).filter(|k| k.starts_with("heap blocks (")).collect();
            keys.iter().all(|k| margin::exactly(f, k, 0.0))
        })
        .subject("1,000 elements, alignment 8 to 8: u64 → u64 (map, filter), u64 → f64, [u64; 2] → u64", || {
            let mut f = proof::Figures::new();
            converted(&mut f, "u64 → u64, map", thousand(), heap_hidden::doubled);
            converted(&mut f, "u64 → u64, filter", thousand(), heap_hidden::multiples_kept);
            converted(&mut f, "u64 → f64, map", thousand(), heap_hidden::as_floats);
            converted(&mut f, "[u64; 2] → u64, map", (0..1000).map(|i| [i, i]).collect(), heap_hidden::firsts);
            Measured::new(ProfileRecord::cargo_test().with("source", "a Vec of 1,000 elements, built before the count"), f)
        })
        .control("1,000 elements, alignment 8 to 4 and 4 to 8: u64 → u32, u32 → u64", || {
            let mut f = proof::Figures::new();
            converted(&mut f, "u64 → u32, map", thousand(), heap_hidden::narrowed);
            converted(&mut f, "u32 → u64, map", (0..1000).collect(), heap_hidden::widened);
            Measured::new(ProfileRecord::cargo_test().with("source", "a Vec of 1,000 elements, built before the count"), f)
        })
        .check();
}

/// The capacity and length of the `Vec` of first halves of 1,000 pairs, and of the lengths of 100 words,
/// collected in place (`into_iter`) or fresh (`iter`).
fn kept_room(in_place: bool) -> Measured {
    let pairs: Vec<[u64; 2]> = (0..1000).map(|i| [i, i]).collect();
    let words: Vec<String> = (0..100).map(|i| format!("word {i}")).collect();
    let (mut firsts, mut lengths) = ((0, 0), (0, 0));
    let a = if in_place {
        proof::heap::measure_with(|| heap_hidden::firsts(pairs), |v| firsts = (v.len(), v.capacity()))
    } else {
        proof::heap::measure_with(|| heap_hidden::firsts_borrowed(&pairs), |v| firsts = (v.len(), v.capacity()))
    };
    let b = if in_place {
        proof::heap::measure_with(|| heap_hidden::lengths(words), |v| lengths = (v.len(), v.capacity()))
    } else {
        proof::heap::measure_with(|| heap_hidden::lengths_borrowed(&words), |v| lengths = (v.len(), v.capacity()))
    };
    let how = if in_place { "into_iter().map(..).collect(): the source's block reused" } else { "iter().map(..).collect(): a new block" };
    Measured::new(
        ProfileRecord::cargo_test().with("how", how),
        proof::figures! {
            "length (u64 from 1,000 [u64; 2])" => firsts.0,
            "capacity (u64 from 1,000 [u64; 2])" => firsts.1,
            "heap blocks (u64 from 1,000 [u64; 2])" => a.blocks,
            "length (usize from 100 String)" => lengths.0,
            "capacity (usize from 100 String)" => lengths.1,
            "heap blocks (usize from 100 String)" => b.blocks,
        },
    )
}

fn in_place_keeps_capacity() {
    claim("heap.collect.in-place-keeps-capacity")
        .kind(Kind::Heap)
        .statement("A `Vec` collected in place keeps its source's whole block: 1,000 u64 taken from 1,000 [u64; 2] have room for 2,000; collected from `iter()`, room for 1,000.")
        .predicate("each result's capacity is at least 1.5 times its length", |f| {
            ["u64 from 1,000 [u64; 2]", "usize from 100 String"]
                .iter()
                .all(|w| margin::ratio(f, &format!("capacity ({w})"), &format!("length ({w})"), Op::Ge, 1.5))
        })
        .subject("into_iter().map(..).collect() of 1,000 [u64; 2] and of 100 String", || kept_room(true))
        .control("iter().map(..).collect() of the same, borrowed", || kept_room(false))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// After the last handle drops

// ANCHOR: weak
/// A value with a heap part (the name) and an inline part (the samples, 512 bytes).
pub struct Record {
    pub name: String,
    pub samples: [u64; 64],
}

/// Shares a record, keeps a `Weak` to it, and drops the only strong handle: the record is dropped.
fn last_rc_dropped_weak_kept() -> std::rc::Weak<Record> {
    let shared = Rc::new(Record { name: String::from("sensor 7"), samples: [0; 64] });
    let weak = Rc::downgrade(&shared);
    drop(shared);
    assert!(weak.upgrade().is_none());
    weak
}
// ANCHOR_END: weak

fn last_arc_dropped_weak_kept() -> std::sync::Weak<Record> {
    let shared = Arc::new(Record { name: String::from("sensor 7"), samples: [0; 64] });
    let weak = Arc::downgrade(&shared);
    drop(shared);
    assert!(weak.upgrade().is_none());
    weak
}

/// The heap blocks and bytes still live once `f` returned, what it returned (a `Weak`, or nothing) still
/// held, and the blocks it allocated.
fn live_after<R>(f: impl FnOnce() -> R) -> (i64, i64, u64) {
    let (mut live_blocks, mut live_bytes) = (0, 0);
    let c = proof::heap::measure_with(
        || {
            let before = dhat::HeapStats::get();
            let kept = f();
            let after = dhat::HeapStats::get();
            (kept, after.curr_blocks as i64 - before.curr_blocks as i64, after.curr_bytes as i64 - before.curr_bytes as i64)
        },
        |(_, blocks, bytes)| (live_blocks, live_bytes) = (*blocks, *bytes),
    );
    (live_blocks, live_bytes, c.blocks)
}

fn record() -> Record {
    Record { name: String::from("sensor 7"), samples: [0; 64] }
}

/// What stays allocated after the last strong handle of an `Rc<Record>` and an `Arc<Record>` dropped.
fn left_after_last_drop(keep_weak: bool) -> Measured {
    let rc = if keep_weak { live_after(last_rc_dropped_weak_kept) } else { live_after(|| drop(Rc::new(record()))) };
    let arc = if keep_weak { live_after(last_arc_dropped_weak_kept) } else { live_after(|| drop(Arc::new(record()))) };
    let mut f = proof::Figures::new();
    for (name, (blocks, bytes, allocated)) in [("Rc", rc), ("Arc", arc)] {
        f.insert(format!("heap blocks allocated ({name})"), allocated.into());
        f.insert(format!("blocks still live after the last strong handle dropped ({name})"), blocks.into());
        f.insert(format!("bytes still live ({name})"), bytes.into());
    }
    f.insert("size of Record (bytes)".into(), (std::mem::size_of::<Record>() as u64).into());
    let held = if keep_weak { "a Weak, still held" } else { "no Weak" };
    Measured::new(ProfileRecord::cargo_test().with("after the last strong handle drops", held), f)
}

fn weak_keeps_block() {
    let words = 2 * std::mem::size_of::<usize>() as u64;
    claim("heap.rc.weak-keeps-block")
        .kind(Kind::Heap)
        .statement("Once the last `Rc` or `Arc` drops, a `Weak` still held keeps its block of counts and value (the 512-byte array) allocated; the `String` inside is freed. Without a `Weak`, nothing stays.")
        .predicate("for Rc and Arc, one block stays live: the value's size plus two words of counts", move |f| {
            ["Rc", "Arc"].iter().all(|name| {
                margin::exactly(f, &format!("blocks still live after the last strong handle dropped ({name})"), 1.0)
                    && margin::exactly(f, &format!("bytes still live ({name})"), (f.u64("size of Record (bytes)") + words) as f64)
            })
        })
        .subject("Rc::downgrade, then the only Rc (and Arc) dropped; the Weak held", || left_after_last_drop(true))
        .control("the only Rc (and Arc) dropped, no Weak", || left_after_last_drop(false))
        .check();
}

proof::heap_checks!(
    format_allocates,
    write_reuses_buffer,
    lazy_format_writes_in_place,
    to_owned_copies,
    collect_exact_size,
    collect_size_hint,
    len_alone_does_not_help,
    lazy_chain,
    impl_iterator,
    extend_without_temporary,
    lines_allocate_per_line,
    read_line_reuses_string,
    read_line_body_cannot_keep_the_line,
    zeroed_vec_one_block,
    rc_one_block,
    rc_clone_allocates_nothing,
    make_mut_clones_only_when_shared,
    box_large_value,
    ok_or_is_eager,
    eager_fallbacks_allocate,
    in_place_same_alignment,
    in_place_keeps_capacity,
    weak_keeps_block,
);
