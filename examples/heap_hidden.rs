//! Where allocations hide: formatting, owned copies, iterators, reading lines.
//! Run it: `cargo run --example heap_hidden`

use lazy_format::lazy_format;
use std::fmt::{Display, Write as _};
use std::io::{BufRead, Cursor};

// ANCHOR: format
/// An error message built with `format!`, although nothing in it varies.
#[allow(clippy::useless_format)]
pub fn message_formatted() -> String {
    format!("no such user")
}

/// The same message as a string literal: it lives in the program's read-only data.
pub fn message_literal() -> &'static str {
    "no such user"
}
// ANCHOR_END: format

// ANCHOR: write_into
/// Formats one report line per id into `out`, which the caller owns and may reuse. Returns the total
/// length written, so that the work is not optimized away.
pub fn report_into(out: &mut String, ids: &[u32]) -> usize {
    let mut total = 0;
    for id in ids {
        out.clear(); // keeps the capacity
        write!(out, "user {id}: active").unwrap();
        total += out.len();
    }
    total
}

/// The same lines, each built by `format!`.
pub fn report_formatted(ids: &[u32]) -> usize {
    let mut total = 0;
    for id in ids {
        let line = format!("user {id}: active");
        total += line.len();
    }
    total
}
// ANCHOR_END: write_into

// ANCHOR: lazy_format
/// A greeting, formatted into a new `String` as soon as it is made.
pub fn greeting_string(name: &str, visits: u32) -> String {
    format!("hello {name}, visit number {visits}")
}

/// The same greeting as a value that formats itself only when it is written somewhere. Unlike
/// `format_args!`, whose result borrows temporaries, it can be returned from a function.
pub fn greeting_lazy(name: &str, visits: u32) -> impl Display {
    lazy_format!("hello {name}, visit number {visits}")
}

/// Writes a greeting, of either kind, into a buffer the caller owns.
pub fn write_greeting(out: &mut String, greeting: impl Display) {
    out.clear();
    write!(out, "{greeting}").unwrap();
}
// ANCHOR_END: lazy_format

// ANCHOR: to_owned
/// A record that owns its name: building one copies the borrowed text into a new `String`.
pub struct OwnedUser {
    pub name: String,
}

/// A record that borrows its name from whoever holds the text.
pub struct BorrowedUser<'a> {
    pub name: &'a str,
}

pub fn owned_user(name: &str) -> OwnedUser {
    OwnedUser { name: name.to_owned() }
}

pub fn borrowed_user(name: &str) -> BorrowedUser<'_> {
    BorrowedUser { name }
}
// ANCHOR_END: to_owned

// ANCHOR: collect
/// `n` multiples of three: a range followed by `map` knows exactly how many items are coming.
pub fn multiples_mapped(n: u64) -> Vec<u64> {
    (0..n).map(|i| i * 3).collect()
}

/// The same `n` multiples of three, found by `filter`: it cannot say in advance how many will pass.
pub fn multiples_filtered(n: u64) -> Vec<u64> {
    (0..3 * n).filter(|i| i % 3 == 0).collect()
}
// ANCHOR_END: collect

// ANCHOR: size_hint
/// Counts down from `left` to 1, with only `next` written: `size_hint` keeps its default, `(0, None)`.
pub struct Countdown {
    pub left: u64,
}

impl Iterator for Countdown {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        let item = self.left;
        self.left = item.checked_sub(1)?;
        Some(item)
    }
}

/// The same iterator, telling its consumers exactly how many items remain.
pub struct SizedCountdown {
    pub left: u64,
}

impl Iterator for SizedCountdown {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        let item = self.left;
        self.left = item.checked_sub(1)?;
        Some(item)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left as usize, Some(self.left as usize))
    }
}

impl ExactSizeIterator for SizedCountdown {}
// ANCHOR_END: size_hint

// ANCHOR: len_only
/// The same countdown with `ExactSizeIterator::len` written but `size_hint` left at its default.
pub struct LenOnlyCountdown {
    pub left: u64,
}

impl Iterator for LenOnlyCountdown {
    type Item = u64;
    fn next(&mut self) -> Option<u64> {
        let item = self.left;
        self.left = item.checked_sub(1)?;
        Some(item)
    }
}

impl ExactSizeIterator for LenOnlyCountdown {
    fn len(&self) -> usize {
        self.left as usize
    }
}
// ANCHOR_END: len_only

// ANCHOR: lazy
/// The sum of the squares of the even numbers, in one pass: the adapters are structs on the stack.
pub fn even_squares_lazy(xs: &[u64]) -> u64 {
    xs.iter().filter(|x| *x % 2 == 0).map(|x| x * x).sum()
}

/// The same sum, with each step collected into a vector before the next step reads it.
pub fn even_squares_collected(xs: &[u64]) -> u64 {
    let evens: Vec<u64> = xs.iter().copied().filter(|x| x % 2 == 0).collect();
    let squares: Vec<u64> = evens.iter().map(|x| x * x).collect();
    squares.iter().sum()
}
// ANCHOR_END: lazy

// ANCHOR: impl_iterator
/// The words of `text` longer than `min` bytes, handed out one at a time as the caller asks.
pub fn long_words(text: &str, min: usize) -> impl Iterator<Item = &str> {
    text.split_whitespace().filter(move |w| w.len() > min)
}

/// The same words, collected into a vector before the caller sees any of them.
pub fn long_words_vec(text: &str, min: usize) -> Vec<&str> {
    text.split_whitespace().filter(|w| w.len() > min).collect()
}
// ANCHOR_END: impl_iterator

// ANCHOR: extend
/// Appends the doubles of `src` to `dst` straight from the iterator.
pub fn append_doubles_extend(mut dst: Vec<u64>, src: &[u64]) -> Vec<u64> {
    dst.extend(src.iter().map(|x| x * 2));
    dst
}

/// Appends the same doubles through a temporary vector.
pub fn append_doubles_collect(mut dst: Vec<u64>, src: &[u64]) -> Vec<u64> {
    let mut doubles: Vec<u64> = src.iter().map(|x| x * 2).collect();
    dst.append(&mut doubles);
    dst
}
// ANCHOR_END: extend

// ANCHOR: lines
/// The length of the longest line, one new `String` per line.
pub fn longest_line_lines(input: &[u8]) -> usize {
    let mut longest = 0;
    for line in Cursor::new(input).lines() {
        longest = longest.max(line.unwrap().len());
    }
    longest
}

/// The same, reading every line into one `String` that is cleared, not dropped.
pub fn longest_line_read_line(input: &[u8]) -> usize {
    let mut reader = Cursor::new(input);
    let mut line = String::new();
    let mut longest = 0;
    while reader.read_line(&mut line).unwrap() != 0 {
        longest = longest.max(line.trim_end_matches('\n').len());
        line.clear();
    }
    longest
}
// ANCHOR_END: lines

/// `lines` lines of text whose lengths repeat with a period of eight: line `i` holds `i % 8` words.
pub fn sample_text(lines: usize) -> String {
    (0..lines).map(|i| format!("{}\n", "word ".repeat(i % 8).trim_end())).collect()
}

// ANCHOR: in_place
/// `collect` from `into_iter()` may write the results into the source vector's own block.
pub fn doubled(v: Vec<u64>) -> Vec<u64> {
    v.into_iter().map(|x| x * 2).collect()
}
pub fn as_floats(v: Vec<u64>) -> Vec<f64> {
    v.into_iter().map(|x| x as f64).collect()
}
pub fn firsts(pairs: Vec<[u64; 2]>) -> Vec<u64> {
    pairs.into_iter().map(|[a, _]| a).collect()
}
pub fn multiples_kept(v: Vec<u64>) -> Vec<u64> {
    v.into_iter().filter(|x| x % 3 == 0).collect()
}

/// The same, to an element type of another alignment (8 bytes to 4, 4 bytes to 8).
pub fn narrowed(v: Vec<u64>) -> Vec<u32> {
    v.into_iter().map(|x| x as u32).collect()
}
pub fn widened(v: Vec<u32>) -> Vec<u64> {
    v.into_iter().map(u64::from).collect()
}
// ANCHOR_END: in_place

/// The in-place cases again, reading the source through `iter()`: the source keeps its block, and the
/// result is built fresh.
pub fn firsts_borrowed(pairs: &[[u64; 2]]) -> Vec<u64> {
    pairs.iter().map(|[a, _]| *a).collect()
}
pub fn lengths_borrowed(words: &[String]) -> Vec<usize> {
    words.iter().map(String::len).collect()
}
pub fn lengths(words: Vec<String>) -> Vec<usize> {
    words.into_iter().map(|w| w.len()).collect()
}

fn main() {
    assert_eq!(message_formatted(), message_literal());

    let mut buffer = String::with_capacity(64);
    let ids: Vec<u32> = (0..100).collect();
    assert_eq!(report_into(&mut buffer, &ids), report_formatted(&ids));
    println!("report lines: {} bytes in all, buffer capacity {}", report_formatted(&ids), buffer.capacity());

    let mut out = String::with_capacity(64);
    write_greeting(&mut out, greeting_lazy("Ada", 3));
    assert_eq!(out, greeting_string("Ada", 3));
    println!("{out}");

    assert_eq!(owned_user("Ada Lovelace").name, borrowed_user("Ada Lovelace").name);

    assert_eq!(multiples_mapped(1000), multiples_filtered(1000));
    println!("collected capacities: map {}, filter {}", multiples_mapped(1000).capacity(), multiples_filtered(1000).capacity());

    let unsized_hint: Vec<u64> = Countdown { left: 1000 }.collect();
    let sized_hint: Vec<u64> = SizedCountdown { left: 1000 }.collect();
    assert_eq!(unsized_hint, sized_hint);
    let len_only: Vec<u64> = LenOnlyCountdown { left: 1000 }.collect();
    assert_eq!(unsized_hint, len_only);
    println!(
        "countdown capacities: default size_hint {}, exact size_hint {}, len only {}",
        unsized_hint.capacity(),
        sized_hint.capacity(),
        len_only.capacity()
    );

    let xs: Vec<u64> = (0..1000).collect();
    assert_eq!(even_squares_lazy(&xs), even_squares_collected(&xs));

    let text = "measure before you optimize and measure again afterwards";
    assert_eq!(long_words(text, 6).collect::<Vec<_>>(), long_words_vec(text, 6));

    let src: Vec<u64> = (0..100).collect();
    assert_eq!(append_doubles_extend(src.clone(), &src), append_doubles_collect(src.clone(), &src));

    let input = sample_text(1000);
    assert_eq!(longest_line_lines(input.as_bytes()), longest_line_read_line(input.as_bytes()));
    println!("longest line: {} bytes", longest_line_read_line(input.as_bytes()));
}
