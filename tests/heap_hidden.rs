//! Heap claims of "Where allocations hide", measured with dhat. One process, no test threads
//! (`harness = false`): dhat counts every allocation of the process, so nothing else may run while a
//! measurement is taken. dhat counts a `realloc` as one more block (of the new size), so a vector that
//! grows three times shows four blocks.

use proof::margin::{self, Op};
use proof::{claim, FiguresExt, Kind, Measured, ProfileRecord};
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
        .judges("002", "Heap allocations: String", "format! produces a String and so performs an allocation; writing a string literal instead avoids it.", "confirmed")
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
        .judges("002", "Iterators: size_hint", "Implementing ExactSizeIterator::len on your own iterator can likewise make collect and extend allocate fewer times.", "refuted: with len but the default size_hint, both still reallocate")
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
        .statement("A function returning `impl Iterator` lets its caller count the matches with no heap allocation; returning a collected `Vec` allocates.")
        .judges("002", "Iterators: collect", "Returning an iterator (impl Iterator<Item = T>) from a function is often better than returning a Vec<T>.", "confirmed")
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
        .statement("`vec![0u64; 1000]` allocates one heap block, exactly the size of its 1,000 elements; pushing 1,000 zeros into `Vec::new()` reallocates.")
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
        .judges("002", "Heap allocations: Rc and Arc", "Unlike cloning a Box, cloning an Rc or Arc does not allocate: it only increments a reference count.", "confirmed")
        .judges("002", "Heap allocations: Rc and Arc", "Rc and Arc let owners share one value, which can reduce memory use.", "confirmed: clones share the one block, where Box clones allocate anew")
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
);
