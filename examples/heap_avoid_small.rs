//! Short collections kept inside the value itself: `SmallVec`, `ArrayVec` and `smartstring`.
//! Run it: `cargo run --example heap_avoid_small`

use arrayvec::ArrayVec;
use smallvec::SmallVec;

// ANCHOR: smallvec
/// Up to 8 numbers live inside the `SmallVec` itself; a ninth moves them all to the heap.
pub type Short = SmallVec<[u64; 8]>;

pub fn short_of(n: u64) -> Short {
    let mut v = Short::new();
    for i in 0..n {
        v.push(i);
    }
    v
}
// ANCHOR_END: smallvec

// ANCHOR: arrayvec
/// At most 8 numbers, always inside the `ArrayVec`: there is no heap to fall back on, so the
/// ninth push is refused instead of allocating.
pub fn bounded_of(n: u64) -> (ArrayVec<u64, 8>, u64) {
    let mut v = ArrayVec::new();
    let mut refused = 0;
    for i in 0..n {
        if v.try_push(i).is_err() {
            refused += 1;
        }
    }
    (v, refused)
}
// ANCHOR_END: arrayvec

// ANCHOR: smartstring
/// A `smartstring` string: strings of up to 23 bytes (on a 64-bit target) are stored inline.
pub fn smart(s: &str) -> smartstring::alias::String {
    smartstring::alias::String::from(s)
}
// ANCHOR_END: smartstring

/// A 32-byte value, to show a large element type.
#[derive(Clone, Copy, Default)]
pub struct Big(pub [u64; 4]);

fn main() {
    for n in [8, 9] {
        let v = short_of(n);
        println!("SmallVec<[u64; 8]> with {n} elements: on the heap: {}, capacity {}", v.spilled(), v.capacity());
    }
    let (v, refused) = bounded_of(9);
    println!("ArrayVec<u64, 8> offered 9 elements: holds {}, refused {refused}", v.len());
    for s in ["twenty-three bytes long", "twenty-four bytes long!!"] {
        println!("smartstring of {} bytes: inline: {}", s.len(), smart(s).is_inline());
    }
    println!("size of Vec<u64>: {} bytes", size_of::<Vec<u64>>());
    println!("size of SmallVec<[u64; 2]>: {} bytes", size_of::<SmallVec<[u64; 2]>>());
    println!("size of SmallVec<[u64; 8]>: {} bytes", size_of::<SmallVec<[u64; 8]>>());
    println!("size of SmallVec<[Big; 8]>: {} bytes", size_of::<SmallVec<[Big; 8]>>());
    println!("size of ArrayVec<u64, 8>: {} bytes", size_of::<ArrayVec<u64, 8>>());
    println!("size of smartstring's String: {} bytes, std's String: {} bytes", size_of::<smartstring::alias::String>(), size_of::<String>());
}
