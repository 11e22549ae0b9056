//! Where allocations hide in standard-library types: zeroed vectors, `Rc` and `Arc`, `Box`,
//! `Option::ok_or`, and removing elements from a `Vec`.
//! Run it: `cargo run --example heap_hidden_std`

// The slow patterns below are the ones the book measures: Clippy's suggestions would remove them.
#![allow(clippy::same_item_push, clippy::slow_vector_initialization, clippy::manual_is_multiple_of, clippy::bind_instead_of_map)]

use std::rc::Rc;
use std::sync::Arc;

// ANCHOR: zeroed
/// `len` zeros, asked of the allocator as zeroed memory.
pub fn zeros_macro(len: usize) -> Vec<u64> {
    vec![0; len]
}

/// `len` zeros written by `resize` into room reserved first.
pub fn zeros_resize(len: usize) -> Vec<u64> {
    let mut v = Vec::with_capacity(len);
    v.resize(len, 0);
    v
}

/// `len` zeros pushed one at a time into a vector that starts empty.
pub fn zeros_pushed(len: usize) -> Vec<u64> {
    let mut v = Vec::new();
    for _ in 0..len {
        v.push(0);
    }
    v
}
// ANCHOR_END: zeroed

// ANCHOR: shared
/// A small table of readings, shared by several owners.
pub type Readings = [u64; 4];

pub fn share_rc(r: Readings) -> Rc<Readings> {
    Rc::new(r)
}

pub fn share_arc(r: Readings) -> Arc<Readings> {
    Arc::new(r)
}

pub fn boxed(r: Readings) -> Box<Readings> {
    Box::new(r)
}
// ANCHOR_END: shared

// ANCHOR: clone_handles
/// Makes `n` more owners of the same text, one after the other, and drops each again.
pub fn clone_rc_handles(text: &Rc<String>, n: usize) -> usize {
    let mut seen = 0;
    for _ in 0..n {
        let handle = Rc::clone(text);
        seen += handle.len();
    }
    seen
}

pub fn clone_arc_handles(text: &Arc<String>, n: usize) -> usize {
    let mut seen = 0;
    for _ in 0..n {
        let handle = Arc::clone(text);
        seen += handle.len();
    }
    seen
}

/// The same with a `Box`: each clone is a new box holding a new copy of the text.
#[allow(clippy::borrowed_box)]
pub fn clone_boxes(text: &Box<String>, n: usize) -> usize {
    let mut seen = 0;
    for _ in 0..n {
        let copy = text.clone();
        seen += copy.len();
    }
    seen
}
// ANCHOR_END: clone_handles

// ANCHOR: make_mut
/// Adds one to the first reading, through the `Rc`: copies the vector only if someone else holds it.
pub fn bump_first(data: &mut Rc<Vec<u64>>) {
    Rc::make_mut(data)[0] += 1;
}

/// The same through an `Arc`.
pub fn bump_first_arc(data: &mut Arc<Vec<u64>>) {
    Arc::make_mut(data)[0] += 1;
}
// ANCHOR_END: make_mut

// ANCHOR: big_box
/// A 4 KiB lookup table, moved to the heap in one piece.
pub fn boxed_table() -> Box<[u64; 512]> {
    Box::new([7; 512])
}

/// The same 512 numbers, pushed one at a time into a vector.
pub fn pushed_table() -> Vec<u64> {
    let mut v = Vec::new();
    for _ in 0..512 {
        v.push(7);
    }
    v
}
// ANCHOR_END: big_box

// ANCHOR: ok_or
/// The position of `wanted` in `names`, or an error message that names it.
pub fn find_eager(names: &[&str], wanted: &str) -> Result<usize, String> {
    names.iter().position(|n| *n == wanted).ok_or(format!("no user named {wanted}"))
}

/// The same, building the message only when the name is missing.
pub fn find_lazy(names: &[&str], wanted: &str) -> Result<usize, String> {
    names.iter().position(|n| *n == wanted).ok_or_else(|| format!("no user named {wanted}"))
}
// ANCHOR_END: ok_or

// ANCHOR: eager_family
/// A fallback that is expensive to compute: it builds a `String`.
pub fn fallback_message(what: &str) -> String {
    format!("no {what} was given")
}

pub fn fallback_len(what: &str) -> usize {
    fallback_message(what).len()
}

/// Six methods whose fallback argument is computed before the method looks at its receiver. Called
/// with `Some` and `Ok`, when no fallback is needed.
pub fn fallbacks_eager(id: Option<usize>, count: Result<usize, String>) -> usize {
    let a = id.ok_or(fallback_message("id")).unwrap_or(0);
    let b = id.unwrap_or(fallback_len("id"));
    let c = id.map_or(fallback_len("id"), |v| v + 1);
    let d = count.clone().unwrap_or(fallback_len("count"));
    let e = count.clone().map_or(fallback_len("count"), |v| v + 1);
    let f = count.or(Err::<usize, String>(fallback_message("count"))).unwrap_or(0);
    a + b + c + d + e + f
}

/// The same six through the methods that take a closure, which runs only when the fallback is needed.
pub fn fallbacks_lazy(id: Option<usize>, count: Result<usize, String>) -> usize {
    let a = id.ok_or_else(|| fallback_message("id")).unwrap_or(0);
    let b = id.unwrap_or_else(|| fallback_len("id"));
    let c = id.map_or_else(|| fallback_len("id"), |v| v + 1);
    let d = count.clone().unwrap_or_else(|_| fallback_len("count"));
    let e = count.clone().map_or_else(|_| fallback_len("count"), |v| v + 1);
    let f = count.or_else(|_| Err::<usize, String>(fallback_message("count"))).unwrap_or(0);
    a + b + c + d + e + f
}
// ANCHOR_END: eager_family

// ANCHOR: remove
/// Removes the first element and keeps the order: every later element moves one place left.
pub fn remove_first(v: &mut Vec<u64>) -> u64 {
    v.remove(0)
}

/// Removes the first element by moving the last one into its place: the order is not kept.
pub fn swap_remove_first(v: &mut Vec<u64>) -> u64 {
    v.swap_remove(0)
}
// ANCHOR_END: remove

// ANCHOR: retain
/// Drops the even numbers in one pass.
pub fn drop_evens_retain(v: &mut Vec<u64>) {
    v.retain(|x| x % 2 != 0);
}

/// Drops the same numbers one `remove` at a time.
pub fn drop_evens_remove(v: &mut Vec<u64>) {
    let mut i = 0;
    while i < v.len() {
        if v[i] % 2 == 0 {
            v.remove(i);
        } else {
            i += 1;
        }
    }
}
// ANCHOR_END: retain

fn main() {
    assert_eq!(zeros_macro(1000), zeros_resize(1000));
    assert_eq!(zeros_macro(1000), zeros_pushed(1000));

    let r = share_rc([1, 2, 3, 4]);
    let a = share_arc([1, 2, 3, 4]);
    assert_eq!(*r, *boxed([1, 2, 3, 4]));
    assert_eq!(*r, *a);

    let text = Rc::new(String::from("shared text"));
    assert_eq!(clone_rc_handles(&text, 10), 10 * text.len());
    assert_eq!(clone_arc_handles(&Arc::new(String::from("shared text")), 10), 10 * text.len());
    assert_eq!(clone_boxes(&Box::new(String::from("shared text")), 10), 10 * text.len());
    println!("after the clones were dropped, the Rc has {} owner(s)", Rc::strong_count(&text));

    let mut mine = Rc::new(vec![1, 2, 3]);
    bump_first(&mut mine); // the only owner: changed in place
    let theirs = Rc::clone(&mine);
    bump_first(&mut mine); // shared: `mine` now points to a copy
    println!("mine {:?}, theirs {:?}, same block: {}", mine, theirs, Rc::ptr_eq(&mine, &theirs));

    assert_eq!(boxed_table().as_slice(), pushed_table().as_slice());

    let names = ["ada", "grace", "barbara"];
    assert_eq!(find_eager(&names, "grace"), find_lazy(&names, "grace"));
    println!("{:?}", find_lazy(&names, "edsger"));
    assert_eq!(fallbacks_eager(Some(1), Ok(2)), fallbacks_lazy(Some(1), Ok(2)));
    assert_eq!(fallbacks_eager(None, Err("x".into())), fallbacks_lazy(None, Err("x".into())));

    let mut v: Vec<u64> = (0..10).collect();
    remove_first(&mut v);
    println!("after remove:      {v:?}");
    swap_remove_first(&mut v);
    println!("after swap_remove: {v:?}");

    let mut a: Vec<u64> = (0..20).collect();
    let mut b = a.clone();
    drop_evens_retain(&mut a);
    drop_evens_remove(&mut b);
    assert_eq!(a, b);
    println!("odd numbers kept: {a:?}");
}
