//! What inlining trades: a hot function with a rare, large path kept inline or split out (`#[cold]`),
//! dynamic dispatch against generics, a helper inlined at many call sites or called from them, and the
//! rules of thumb of the sources, each as a function of its own. The binary of this package
//! (`src/main.rs`, another crate) calls them, so the harness can read them in its machine code and count
//! the instructions of one workload at a time.

use std::hint::black_box;

// --- Hot and cold paths -----------------------------------------------------------------------------

// ANCHOR: rare
/// The rare path's body: a long computation over a table, with many values alive at once.
macro_rules! rare_steps {
    ($x:expr) => {{
        const TABLE: [u64; 8] = [3, 5, 7, 11, 13, 17, 19, 23];
        let mut acc = [$x; 8];
        for round in 0..4 {
            for i in 0..8 {
                acc[i] = (acc[i] ^ TABLE[(i + round) % 8]).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left((i + round) as u32 * 7 + 1);
            }
        }
        acc.iter().fold(0, |h, &a| h ^ a)
    }};
}
// ANCHOR_END: rare

// ANCHOR: hot
/// The rare path written into the hot function.
#[inline(never)]
pub fn hot_inline(x: u64) -> u64 {
    if x % 1024 != 1023 { x.wrapping_add(1) } else { rare_steps!(x) }
}

/// The same, with the rare path split out into a function marked `#[cold]` and `#[inline(never)]`.
#[inline(never)]
pub fn hot_outlined(x: u64) -> u64 {
    if x % 1024 != 1023 { x.wrapping_add(1) } else { rare_path(x) }
}

#[cold]
#[inline(never)]
fn rare_path(x: u64) -> u64 {
    rare_steps!(x)
}
// ANCHOR_END: hot

// ANCHOR: cold_only
/// The rare path in a function of its own marked `#[cold]` only …
#[inline(never)]
pub fn hot_cold_only(x: u64) -> u64 {
    if x % 1024 != 1023 { x.wrapping_add(1) } else { rare_cold_only(x) }
}

#[cold]
fn rare_cold_only(x: u64) -> u64 {
    rare_steps!(x) ^ 1
}

/// … and in a function of its own with no attribute.
#[inline(never)]
pub fn hot_split_plain(x: u64) -> u64 {
    if x % 1024 != 1023 { x.wrapping_add(1) } else { rare_plain(x) }
}

fn rare_plain(x: u64) -> u64 {
    rare_steps!(x) ^ 2
}
// ANCHOR_END: cold_only

// --- Dynamic dispatch -------------------------------------------------------------------------------

// ANCHOR: shapes
pub trait Shape {
    fn area(&self, scale: u64) -> u64;
}

pub struct Square(pub u64);
pub struct Rect(pub u64, pub u64);

impl Shape for Square {
    fn area(&self, scale: u64) -> u64 {
        self.0 * self.0 * scale
    }
}

impl Shape for Rect {
    fn area(&self, scale: u64) -> u64 {
        self.0 * self.1 * scale
    }
}
// ANCHOR_END: shapes

// ANCHOR: dyn_calls
/// The concrete type is visible in the function that makes the `dyn` call.
#[inline(never)]
pub fn dyn_visible(scale: u64) -> u64 {
    let square = Square(black_box(3));
    let shape: &dyn Shape = &square;
    shape.area(scale) + 1
}

/// The `dyn` call behind a boundary: the function sees only the trait object.
#[inline(never)]
pub fn dyn_opaque(shape: &dyn Shape, scale: u64) -> u64 {
    shape.area(scale) + 1
}
// ANCHOR_END: dyn_calls

// ANCHOR: collections
/// A vector of boxed trait objects: each element may be of another type.
#[inline(never)]
pub fn total_boxed(shapes: &[Box<dyn Shape>], scale: u64) -> u64 {
    shapes.iter().map(|s| s.area(scale)).sum()
}

/// A slice of one concrete type, through a generic parameter.
#[inline(never)]
pub fn total_generic<S: Shape>(shapes: &[S], scale: u64) -> u64 {
    shapes.iter().map(|s| s.area(scale)).sum()
}
// ANCHOR_END: collections

// ANCHOR: closures
/// A closure taken by generic parameter: one copy of this function per closure type.
#[inline(never)]
pub fn apply_generic<F: Fn(u64) -> u64>(f: F, xs: &[u64]) -> u64 {
    xs.iter().map(|&x| f(x)).sum()
}

/// A closure taken as a trait object: one copy of this function for every closure.
#[inline(never)]
pub fn apply_dyn(f: &dyn Fn(u64) -> u64, xs: &[u64]) -> u64 {
    xs.iter().map(|&x| f(x)).sum()
}
// ANCHOR_END: closures

// --- What inlining costs ----------------------------------------------------------------------------

// ANCHOR: helper
/// The hot helper, twice: the same body, inlined everywhere or never.
#[inline(always)]
fn mix_always(h: u64) -> u64 {
    let h = (h ^ (h >> 31)).wrapping_mul(0x7fb5_d329_728e_a185);
    let h = (h ^ (h >> 27)).wrapping_mul(0x81da_def4_bc2d_d44d);
    h ^ (h >> 33)
}

#[inline(never)]
fn mix_never(h: u64) -> u64 {
    let h = (h ^ (h >> 31)).wrapping_mul(0x7fb5_d329_728e_a185);
    let h = (h ^ (h >> 27)).wrapping_mul(0x81da_def4_bc2d_d44d);
    h ^ (h >> 33)
}
// ANCHOR_END: helper

macro_rules! x2 {
    ($($t:tt)*) => { $($t)* $($t)* };
}

macro_rules! x8 {
    ($($t:tt)*) => { x2!{ x2!{ x2!{ $($t)* } } } };
}

/// `nest!(a b c ; s)` is `a!{ b!{ c!{ s } } }`: the statement repeated by each macro in turn.
macro_rules! nest {
    (; $($s:tt)*) => { $($s)* };
    ($first:ident $($rest:ident)* ; $($s:tt)*) => { $first!{ nest!($($rest)* ; $($s)*); } };
}

// ANCHOR: sites
/// `$name(x)` calls `$helper` at `$n` call sites in a row (`$repeat` writes the statement that many times).
macro_rules! call_sites {
    ($name:ident, $helper:ident, $($repeat:ident)*) => {
        #[inline(never)]
        pub fn $name(x: u64) -> u64 {
            let mut h = x;
            nest!($($repeat)* ; h = $helper(h););
            h
        }
    };
}

call_sites!(sites_always_001, mix_always,);
call_sites!(sites_always_008, mix_always, x8);
call_sites!(sites_always_032, mix_always, x8 x2 x2);
call_sites!(sites_always_128, mix_always, x8 x8 x2);
call_sites!(sites_never_001, mix_never,);
call_sites!(sites_never_008, mix_never, x8);
call_sites!(sites_never_032, mix_never, x8 x2 x2);
call_sites!(sites_never_128, mix_never, x8 x8 x2);
// ANCHOR_END: sites


// --- Rules of thumb ---------------------------------------------------------------------------------

/// A body far above LLVM's inlining threshold: 48 mixing steps, unrolled.
macro_rules! big_body {
    ($x:expr) => {{
        let mut acc = [$x; 8];
        for round in 0..6 {
            for i in 0..8 {
                acc[i] = (acc[i] ^ (round as u64 * 8 + i as u64)).wrapping_mul(0xd6e8_feb8_6659_fd93).rotate_left((i + round) as u32 * 5 + 3);
            }
        }
        acc.iter().fold(0, |h, &a| h ^ a)
    }};
}

// ANCHOR: single_site
/// A large private function with one caller.
fn big_once(x: u64) -> u64 {
    big_body!(x)
}

/// The same body with two callers.
fn big_twice(x: u64) -> u64 {
    big_body!(x) ^ 1
}

#[inline(never)]
pub fn call_big_once(x: u64) -> u64 {
    big_once(black_box(x))
}

#[inline(never)]
pub fn call_big_twice_a(x: u64) -> u64 {
    big_twice(black_box(x))
}

#[inline(never)]
pub fn call_big_twice_b(x: u64) -> u64 {
    big_twice(black_box(x)) + 1
}
// ANCHOR_END: single_site

// ANCHOR: split
/// The large body for the hot call site, always inlined …
#[inline(always)]
fn work_inlined(x: u64) -> u64 {
    big_body!(x) ^ 2
}

/// … and a never-inlined wrapper for the cold call sites.
#[inline(never)]
fn work_uninlined(x: u64) -> u64 {
    work_inlined(x)
}

#[inline(never)]
pub fn hot_site(x: u64) -> u64 {
    work_inlined(black_box(x))
}

#[inline(never)]
pub fn cold_site_a(x: u64) -> u64 {
    work_uninlined(black_box(x))
}

#[inline(never)]
pub fn cold_site_b(x: u64) -> u64 {
    work_uninlined(black_box(x)) + 1
}
// ANCHOR_END: split

// ANCHOR: fold
/// Multiplies; private, so the optimizer may inline it and see its arguments.
fn scale_by(x: u64, y: u64) -> u64 {
    x * y
}

#[inline(never)]
pub fn times_two_inlined(w: u64) -> u64 {
    scale_by(w, 2)
}

/// The same multiplication kept a call: public (other crates may pass any y) and `#[inline(never)]`.
#[inline(never)]
pub fn scale_by_called(x: u64, y: u64) -> u64 {
    x * y
}

#[inline(never)]
pub fn times_two_called(w: u64) -> u64 {
    scale_by_called(w, 2)
}
// ANCHOR_END: fold

// ANCHOR: generic_bloat
/// A generic function with a large body: every type it is used with gets its own copy of the body.
pub fn checksum_bloat<T: AsRef<[u8]>>(data: T) -> u64 {
    let mut h = 0u64;
    for &b in data.as_ref() {
        h = big_body!(h ^ u64::from(b));
    }
    h
}

/// The same, delegating at once to a function that is not generic: one copy of the body.
pub fn checksum_thin<T: AsRef<[u8]>>(data: T) -> u64 {
    checksum_inner(data.as_ref())
}

fn checksum_inner(data: &[u8]) -> u64 {
    let mut h = 0u64;
    for &b in data {
        h = big_body!(h ^ u64::from(b));
    }
    h
}
// ANCHOR_END: generic_bloat

// ANCHOR: deref
/// A wrapper whose `Deref` impl has no attribute.
pub struct Samples {
    values: Vec<u64>,
}

impl Samples {
    pub fn new(values: Vec<u64>) -> Samples {
        Samples { values }
    }
}

impl std::ops::Deref for Samples {
    type Target = [u64];
    fn deref(&self) -> &[u64] {
        &self.values
    }
}
// ANCHOR_END: deref
