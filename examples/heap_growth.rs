//! How collections grow: the capacities a `Vec` passes through as it is pushed into, for elements of
//! several sizes, and the same for `String` and `HashMap`.
//! Run it: `cargo run --example heap_growth`

use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet, LinkedList, VecDeque};
use std::hash::{BuildHasherDefault, DefaultHasher};

/// An element of exactly `N` bytes (alignment 1).
#[derive(Clone, Copy)]
pub struct Bytes<const N: usize>(pub [u8; N]);

impl<const N: usize> Default for Bytes<N> {
    fn default() -> Self {
        Bytes([0; N])
    }
}

// ANCHOR: capacities
/// Pushes `n` values of type `T` into an empty vector and returns every capacity it had after a push
/// that changed it, in order (so the first entry is the first allocation's capacity).
pub fn vec_capacities<T: Default>(n: usize) -> Vec<usize> {
    let mut v: Vec<T> = Vec::new();
    let mut seen = Vec::new();
    for _ in 0..n {
        v.push(T::default());
        if seen.last() != Some(&v.capacity()) {
            seen.push(v.capacity());
        }
    }
    seen
}
// ANCHOR_END: capacities

// ANCHOR: exact
/// The same pushes, but asking for exactly one more slot whenever the vector is full.
pub fn vec_capacities_exact<T: Default>(n: usize) -> Vec<usize> {
    let mut v: Vec<T> = Vec::new();
    let mut seen = Vec::new();
    for _ in 0..n {
        if v.len() == v.capacity() {
            v.reserve_exact(1);
        }
        v.push(T::default());
        if seen.last() != Some(&v.capacity()) {
            seen.push(v.capacity());
        }
    }
    seen
}
// ANCHOR_END: exact

/// Pushes `n` values into an empty vector and returns it (what a heap count measures).
pub fn push_n<T: Default>(n: usize) -> Vec<T> {
    let mut v = Vec::new();
    for _ in 0..n {
        v.push(T::default());
    }
    v
}

/// Pushes `n` values, reserving exactly one more slot whenever the vector is full; returns it.
pub fn push_n_exact<T: Default>(n: usize) -> Vec<T> {
    let mut v = Vec::new();
    for _ in 0..n {
        if v.len() == v.capacity() {
            v.reserve_exact(1);
        }
        v.push(T::default());
    }
    v
}

// ANCHOR: string
/// Pushes `n` ASCII characters into an empty string; the capacities it went through.
pub fn string_capacities(n: usize) -> Vec<usize> {
    let mut s = String::new();
    let mut seen = Vec::new();
    for _ in 0..n {
        s.push('x');
        if seen.last() != Some(&s.capacity()) {
            seen.push(s.capacity());
        }
    }
    seen
}
// ANCHOR_END: string

/// A map with a fixed hasher: the same layout, and so the same capacities, on every run.
pub type FixedMap = HashMap<u64, u64, BuildHasherDefault<DefaultHasher>>;

/// A set with the same fixed hasher.
pub type FixedSet = HashSet<u64, BuildHasherDefault<DefaultHasher>>;

// ANCHOR: map
/// Inserts the keys `0..n` into an empty map; the capacities it went through.
pub fn map_capacities(n: u64) -> Vec<usize> {
    let mut m = FixedMap::default();
    let mut seen = Vec::new();
    for k in 0..n {
        m.insert(k, k);
        if seen.last() != Some(&m.capacity()) {
            seen.push(m.capacity());
        }
    }
    seen
}

/// Inserts the keys `0..n` into a map created with room for `room` entries.
pub fn map_with_room(room: usize, n: u64) -> FixedMap {
    let mut m = FixedMap::with_capacity_and_hasher(room, Default::default());
    for k in 0..n {
        m.insert(k, k);
    }
    m
}
// ANCHOR_END: map

// ANCHOR: collections
/// Each collection made with room for `n` entries, then given `n` entries one at a time.
pub fn vec_reserved(n: u64) -> Vec<u64> {
    let mut c = Vec::with_capacity(n as usize);
    for k in 0..n {
        c.push(k);
    }
    c
}
pub fn string_reserved(n: u64) -> String {
    let mut c = String::with_capacity(n as usize);
    for _ in 0..n {
        c.push('x');
    }
    c
}
pub fn deque_reserved(n: u64) -> VecDeque<u64> {
    let mut c = VecDeque::with_capacity(n as usize);
    for k in 0..n {
        c.push_back(k);
    }
    c
}
pub fn map_reserved(n: u64) -> FixedMap {
    let mut c = FixedMap::with_capacity_and_hasher(n as usize, Default::default());
    for k in 0..n {
        c.insert(k, k);
    }
    c
}
pub fn set_reserved(n: u64) -> FixedSet {
    let mut c = FixedSet::with_capacity_and_hasher(n as usize, Default::default());
    for k in 0..n {
        c.insert(k);
    }
    c
}
pub fn heap_reserved(n: u64) -> BinaryHeap<u64> {
    let mut c = BinaryHeap::with_capacity(n as usize);
    for k in 0..n {
        c.push(k);
    }
    c
}

/// Collections that have no `with_capacity`, given `n` entries one at a time.
pub fn btree_map_filled(n: u64) -> BTreeMap<u64, u64> {
    let mut c = BTreeMap::new();
    for k in 0..n {
        c.insert(k, k);
    }
    c
}
pub fn btree_set_filled(n: u64) -> BTreeSet<u64> {
    let mut c = BTreeSet::new();
    for k in 0..n {
        c.insert(k);
    }
    c
}
pub fn list_filled(n: u64) -> LinkedList<u64> {
    let mut c = LinkedList::new();
    for k in 0..n {
        c.push_back(k);
    }
    c
}
// ANCHOR_END: collections

/// The room `with_capacity(n)` gives a `HashMap` and a `VecDeque`.
pub fn room_for(n: usize) -> (usize, usize) {
    (FixedMap::with_capacity_and_hasher(n, Default::default()).capacity(), VecDeque::<u64>::with_capacity(n).capacity())
}

fn main() {
    println!("Vec<u8>:        {:?}", vec_capacities::<u8>(100));
    println!("Vec<u64>:       {:?}", vec_capacities::<u64>(100));
    println!("Vec<Bytes<2000>>: {:?}", vec_capacities::<Bytes<2000>>(10));
    println!("Vec<()>:        {:?}", vec_capacities::<()>(100));
    println!("reserve_exact:  {:?}", vec_capacities_exact::<u64>(10));
    println!("String:         {:?}", string_capacities(100));
    println!("HashMap:        {:?}", map_capacities(100));
    println!("with_capacity(1000) gives room for {}", map_with_room(1000, 0).capacity());
    for n in [1, 4, 8, 15, 29, 57, 113] {
        let (map, deque) = room_for(n);
        println!("with_capacity({n}): HashMap room {map}, VecDeque room {deque}");
    }
}
