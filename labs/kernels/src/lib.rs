//! Small loops whose emitted assembly the book inspects.
//!
//! Each is `#[inline(never)]`. Without it, rustc (since 1.75) judges functions this small to be worth
//! inlining into other crates, treats them like `#[inline]` ones and emits no machine code for them in
//! this crate at all: there would be no assembly to read.

// ANCHOR: sum_to_len
/// Indexes the slice with a loop bound that *is* the slice's length: the optimizer can see every index
/// is in range, so the check inside `xs[i]` can go.
#[inline(never)]
pub fn sum_to_len(xs: &[u64]) -> u64 {
    let mut total = 0u64;
    for i in 0..xs.len() {
        total = total.wrapping_add(xs[i]);
    }
    total
}
// ANCHOR_END: sum_to_len

// ANCHOR: sum_to_n
/// The same loop, but the bound comes from the caller: nothing ties `n` to `xs.len()`, so each `xs[i]`
/// must keep its check, and the loop panics if `n` is too big.
#[inline(never)]
pub fn sum_to_n(xs: &[u64], n: usize) -> u64 {
    let mut total = 0u64;
    for i in 0..n {
        total = total.wrapping_add(xs[i]);
    }
    total
}
// ANCHOR_END: sum_to_n

// ---------------------------------------------------------------------------------------------------
// Telling the optimizer the bound: iterating, slicing first, asserting, promising (unsafe).

// ANCHOR: sum_iter_take
/// Iterates instead of indexing: the iterator stops at the end of the slice or after `n` items, so
/// there is no index to check.
#[inline(never)]
pub fn sum_iter_take(xs: &[u64], n: usize) -> u64 {
    let mut total = 0u64;
    for &x in xs.iter().take(n) {
        total = total.wrapping_add(x);
    }
    total
}
// ANCHOR_END: sum_iter_take

// ANCHOR: sum_slice_first
/// Slices to `n` once, before the loop (this can panic, once), then indexes the shorter slice: its
/// length is now `n`, so every index of `0..n` is in range.
#[inline(never)]
pub fn sum_slice_first(xs: &[u64], n: usize) -> u64 {
    let xs = &xs[..n];
    let mut total = 0u64;
    for i in 0..n {
        total = total.wrapping_add(xs[i]);
    }
    total
}
// ANCHOR_END: sum_slice_first

// ANCHOR: sum_assert_first
/// Asserts the range once, up front: after the assertion the optimizer knows `n <= xs.len()`.
#[inline(never)]
pub fn sum_assert_first(xs: &[u64], n: usize) -> u64 {
    assert!(n <= xs.len());
    let mut total = 0u64;
    for i in 0..n {
        total = total.wrapping_add(xs[i]);
    }
    total
}
// ANCHOR_END: sum_assert_first

// ANCHOR: sum_unchecked
/// Promises the range instead of proving it.
///
/// # Safety
/// `n <= xs.len()`: otherwise the loop reads past the end of the slice (undefined behaviour).
#[inline(never)]
pub unsafe fn sum_unchecked(xs: &[u64], n: usize) -> u64 {
    let mut total = 0u64;
    for i in 0..n {
        // SAFETY: the caller promises n <= xs.len(), so i < xs.len().
        total = total.wrapping_add(unsafe { *xs.get_unchecked(i) });
    }
    total
}
// ANCHOR_END: sum_unchecked

// ANCHOR: dot_two
/// Two slices, one loop bound: the bound is `a`'s length, which says nothing about `b`.
#[inline(never)]
pub fn dot_two(a: &[u64], b: &[u64]) -> u64 {
    let mut total = 0u64;
    for i in 0..a.len() {
        total = total.wrapping_add(a[i].wrapping_mul(b[i]));
    }
    total
}
// ANCHOR_END: dot_two

// ANCHOR: dot_two_sliced
/// The same loop after cutting `b` to `a`'s length: both slices now have the loop's bound as length.
#[inline(never)]
pub fn dot_two_sliced(a: &[u64], b: &[u64]) -> u64 {
    let b = &b[..a.len()];
    let mut total = 0u64;
    for i in 0..a.len() {
        total = total.wrapping_add(a[i].wrapping_mul(b[i]));
    }
    total
}
// ANCHOR_END: dot_two_sliced

// ANCHOR: dot_zip
/// The same product with zip: it stops at the shorter slice, and there is no index at all.
#[inline(never)]
pub fn dot_zip(a: &[u64], b: &[u64]) -> u64 {
    a.iter().zip(b).fold(0u64, |total, (x, y)| total.wrapping_add(x.wrapping_mul(*y)))
}
// ANCHOR_END: dot_zip

// ANCHOR: words_chunks
/// Reads little-endian u32 words from bytes, four at a time. `chunks(4)` may end with a shorter chunk,
/// so `c[1]`, `c[2]` and `c[3]` must be checked.
#[inline(never)]
pub fn words_chunks(bytes: &[u8]) -> u32 {
    let mut total = 0u32;
    for c in bytes.chunks(4) {
        total = total.wrapping_add(u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
    }
    total
}
// ANCHOR_END: words_chunks

// ANCHOR: words_chunks_exact
/// The same with `chunks_exact(4)`: every chunk has exactly four bytes (a shorter tail is left in
/// `remainder()`), so the indexes need no check.
#[inline(never)]
pub fn words_chunks_exact(bytes: &[u8]) -> u32 {
    let mut total = 0u32;
    for c in bytes.chunks_exact(4) {
        total = total.wrapping_add(u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
    }
    total
}
// ANCHOR_END: words_chunks_exact

// ---------------------------------------------------------------------------------------------------
// Vectorization: which loops become SIMD code.

// ANCHOR: sums
/// An integer sum with the `+` of `Iterator::sum`: it wraps in a release build, panics on overflow
/// when overflow checks are on.
#[inline(never)]
pub fn sum_u64(xs: &[u64]) -> u64 {
    xs.iter().sum()
}

/// A float sum: each `+` rounds, so the order of the additions is part of the result.
#[inline(never)]
pub fn sum_f64(xs: &[f64]) -> f64 {
    xs.iter().sum()
}

/// A float map: each element on its own, no order between them.
#[inline(never)]
pub fn scale_f64(xs: &mut [f64], k: f64) {
    for x in xs {
        *x *= k;
    }
}
// ANCHOR_END: sums

// ANCHOR: sum_f64_lanes
/// A float sum in four independent running totals, combined at the end: the order of the additions
/// is changed in the source, so the four totals can be added as one vector.
#[inline(never)]
pub fn sum_f64_lanes(xs: &[f64]) -> f64 {
    let mut lanes = [0.0f64; 4];
    let chunks = xs.chunks_exact(4);
    let rest = chunks.remainder();
    for c in chunks {
        for i in 0..4 {
            lanes[i] += c[i];
        }
    }
    let mut total = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
    for x in rest {
        total += x;
    }
    total
}
// ANCHOR_END: sum_f64_lanes

// ANCHOR: max_by_ref
/// The largest element, found by reference (`Iterator<Item = &u32>`), then copied out.
#[inline(never)]
pub fn max_by_ref(xs: &[u32]) -> Option<u32> {
    xs.iter().max().copied()
}

/// The same with `copied()` first: the maximum is found among values.
#[inline(never)]
pub fn max_copied(xs: &[u32]) -> Option<u32> {
    xs.iter().copied().max()
}
// ANCHOR_END: max_by_ref

// ---------------------------------------------------------------------------------------------------
// Where the findings stop: the same loops over other element types, collections and chunk sizes.

// ANCHOR: element_types
/// `sum_to_len` and `sum_to_n` again, once per integer element type (`u64` is the pair above).
macro_rules! index_loops_int {
    ($($to_len:ident, $to_n:ident, $t:ty;)*) => {$(
        #[inline(never)]
        pub fn $to_len(xs: &[$t]) -> $t {
            let mut total: $t = 0;
            for i in 0..xs.len() {
                total = total.wrapping_add(xs[i]);
            }
            total
        }

        #[inline(never)]
        pub fn $to_n(xs: &[$t], n: usize) -> $t {
            let mut total: $t = 0;
            for i in 0..n {
                total = total.wrapping_add(xs[i]);
            }
            total
        }
    )*};
}

index_loops_int! {
    sum_to_len_u8, sum_to_n_u8, u8;
    sum_to_len_u16, sum_to_n_u16, u16;
    sum_to_len_u32, sum_to_n_u32, u32;
    sum_to_len_u128, sum_to_n_u128, u128;
}

/// The same pair over floats: `+=`, which rounds at each step (floats have no `wrapping_add`).
macro_rules! index_loops_float {
    ($($to_len:ident, $to_n:ident, $t:ty;)*) => {$(
        #[inline(never)]
        pub fn $to_len(xs: &[$t]) -> $t {
            let mut total: $t = 0.0;
            for i in 0..xs.len() {
                total += xs[i];
            }
            total
        }

        #[inline(never)]
        pub fn $to_n(xs: &[$t], n: usize) -> $t {
            let mut total: $t = 0.0;
            for i in 0..n {
                total += xs[i];
            }
            total
        }
    )*};
}

index_loops_float! {
    sum_to_len_f32, sum_to_n_f32, f32;
    sum_to_len_f64, sum_to_n_f64, f64;
}
// ANCHOR_END: element_types

// ANCHOR: vec_loops
/// The `u64` pair over a `&Vec<u64>`: `v[i]` goes through `Vec`'s `Index`, which indexes its slice.
#[inline(never)]
pub fn sum_to_len_vec(v: &Vec<u64>) -> u64 {
    let mut total = 0u64;
    for i in 0..v.len() {
        total = total.wrapping_add(v[i]);
    }
    total
}

#[inline(never)]
pub fn sum_to_n_vec(v: &Vec<u64>, n: usize) -> u64 {
    let mut total = 0u64;
    for i in 0..n {
        total = total.wrapping_add(v[i]);
    }
    total
}
// ANCHOR_END: vec_loops

// ANCHOR: arrays
/// Constant indexes into an array: its length is part of the type, so `a[7]` is known to be in range.
#[inline(never)]
pub fn const_indexes_array(a: &[u64; 8]) -> u64 {
    a[0].wrapping_add(a[3]).wrapping_add(a[7])
}

/// The same indexes into a slice, whose length is known only when the program runs.
#[inline(never)]
pub fn const_indexes_slice(a: &[u64]) -> u64 {
    a[0].wrapping_add(a[3]).wrapping_add(a[7])
}

/// A loop over `0..8` indexing an array of 8.
#[inline(never)]
pub fn loop_to_8_array(a: &[u64; 8]) -> u64 {
    let mut total = 0u64;
    for i in 0..8 {
        total = total.wrapping_add(a[i]);
    }
    total
}

/// The same loop over a slice.
#[inline(never)]
pub fn loop_to_8_slice(a: &[u64]) -> u64 {
    let mut total = 0u64;
    for i in 0..8 {
        total = total.wrapping_add(a[i]);
    }
    total
}
// ANCHOR_END: arrays

// ANCHOR: max_types
/// `max_copied` over the other unsigned integer types (`u32` is `max_copied` above).
macro_rules! max_copied_of {
    ($($name:ident, $t:ty;)*) => {$(
        #[inline(never)]
        pub fn $name(xs: &[$t]) -> Option<$t> {
            xs.iter().copied().max()
        }
    )*};
}

max_copied_of! {
    max_copied_u8, u8;
    max_copied_u16, u16;
    max_copied_u64, u64;
}
// ANCHOR_END: max_types

// ANCHOR: chunk_sizes
/// The bytes of each chunk added up as `u32`, for chunks of `$n` bytes: `chunks_exact` and `chunks`.
macro_rules! byte_sums_by_chunk {
    ($($exact:ident, $plain:ident, $n:literal;)*) => {$(
        #[inline(never)]
        pub fn $exact(bytes: &[u8]) -> u32 {
            let mut total = 0u32;
            for c in bytes.chunks_exact($n) {
                for i in 0..$n {
                    total = total.wrapping_add(c[i] as u32);
                }
            }
            total
        }

        #[inline(never)]
        pub fn $plain(bytes: &[u8]) -> u32 {
            let mut total = 0u32;
            for c in bytes.chunks($n) {
                for i in 0..$n {
                    total = total.wrapping_add(c[i] as u32);
                }
            }
            total
        }
    )*};
}

byte_sums_by_chunk! {
    byte_sum_chunks_exact_2, byte_sum_chunks_2, 2;
    byte_sum_chunks_exact_3, byte_sum_chunks_3, 3;
    byte_sum_chunks_exact_4, byte_sum_chunks_4, 4;
    byte_sum_chunks_exact_8, byte_sum_chunks_8, 8;
    byte_sum_chunks_exact_16, byte_sum_chunks_16, 16;
}
// ANCHOR_END: chunk_sizes
