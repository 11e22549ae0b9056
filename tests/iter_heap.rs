//! Heap claims of "Type sizes" and "Bounds checks and iterators", measured with dhat: boxed slices built
//! from iterators, the allocation a boxed enum variant costs, and extend against collect. One process,
//! no test threads (`harness = false`): dhat counts every allocation of the process.

use proof::{FiguresExt, Kind, Measured, ProfileRecord, claim, figures};

#[path = "../labs/layout/src/guide_types.rs"] // the file allows dead code itself
mod guide_types;
use guide_types::{Message, MessageBoxed};

fn heap(c: proof::heap::Counts) -> Measured {
    Measured::new(ProfileRecord::cargo_test(), figures! { "heap blocks allocated" => c.blocks, "bytes allocated" => c.bytes })
}

// ANCHOR: boxed_slices
/// A boxed slice collected from an iterator that knows its length (a range).
fn boxed_from_range(n: u32) -> Box<[u32]> {
    (0..n).collect()
}

/// The same from an iterator that does not (a filter): it grows a Vec, then shrinks it to fit.
fn boxed_from_filter(n: u32) -> Box<[u32]> {
    (0..n).filter(|x| x % 3 != 0).collect()
}

/// Back to a Vec, keeping the block.
fn back_to_vec(b: Box<[u32]>) -> Vec<u32> {
    b.into_vec()
}
// ANCHOR_END: boxed_slices

fn collect_boxed_exact_is_one_block() {
    claim("type-sizes.boxed-slice.collect-exact-one-block")
        .kind(Kind::Heap)
        .statement("Collecting a range of 1,000 `u32` into a `Box<[u32]>` allocates exactly one heap block; collecting a `filter` allocates several.")
        .judges(
            "002",
            "Type sizes",
            "A boxed slice can be collected directly from an iterator; if the iterator's length is known in advance, no reallocation happens.",
            "confirmed",
        )
        .predicate("exactly one heap block", |f| f.u64("heap blocks allocated") == 1)
        .subject("(0..1000).collect::<Box<[u32]>>()", || heap(proof::heap::measure_with(|| boxed_from_range(1000), |_| {})))
        .control("(0..1000).filter(|x| x % 3 != 0).collect::<Box<[u32]>>()", || heap(proof::heap::measure_with(|| boxed_from_filter(1000), |_| {})))
        .check();
}

fn into_vec_allocates_nothing() {
    claim("type-sizes.boxed-slice.into-vec-keeps-block")
        .kind(Kind::Heap)
        .statement("`Box<[u32]>::into_vec` turns a boxed slice into a `Vec` without allocating; `to_vec` allocates a new block.")
        .judges("002", "Type sizes", "A boxed slice converts to a Vec with into_vec without cloning or reallocating.", "confirmed")
        .predicate("no heap block", |f| f.u64("heap blocks allocated") == 0)
        .subject("boxed.into_vec()", || {
            let b = boxed_from_range(1000);
            heap(proof::heap::measure_with(move || back_to_vec(b), |_| {}))
        })
        .control("boxed.to_vec()", || {
            let b = boxed_from_range(1000);
            heap(proof::heap::measure_with(move || b.to_vec(), |_| {}))
        })
        .check();
}

// ANCHOR: boxed_variant
/// One message carrying a payload, in the enum that keeps it inline and in the one that boxes it.
fn data_inline() -> Message {
    Message::Data(7, [1; 100])
}

fn data_boxed() -> MessageBoxed {
    MessageBoxed::Data(Box::new((7, [1; 100])))
}
// ANCHOR_END: boxed_variant

fn boxed_variant_costs_an_allocation() {
    claim("type-sizes.enum.boxed-variant-allocates")
        .kind(Kind::Heap)
        .statement("Each value of an enum variant whose fields are boxed costs one heap allocation, which the same variant kept inline never makes.")
        .judges(
            "002",
            "Type sizes",
            "Boxing a variant's fields costs an extra heap allocation for each value of that variant, so it pays off more when the variant is rare.",
            "partly true: one block per boxed value; whether it pays off depends on the mix of variants",
        )
        .predicate("one heap block for one Data value", |f| f.u64("heap blocks allocated") == 1)
        .subject("MessageBoxed::Data(Box::new((7, [1; 100])))", || heap(proof::heap::measure_with(data_boxed, |_| {})))
        .control("Message::Data(7, [1; 100])", || heap(proof::heap::measure_with(data_inline, |_| {})))
        .check();
}

// ANCHOR: extend
/// Doubles every value into a Vec the caller already sized.
fn doubled_into(out: &mut Vec<u64>, xs: &[u64]) {
    out.extend(xs.iter().map(|x| x * 2));
}

/// The same into a new Vec.
fn doubled(xs: &[u64]) -> Vec<u64> {
    xs.iter().map(|x| x * 2).collect()
}
// ANCHOR_END: extend

fn extend_into_presized_vec_allocates_nothing() {
    claim("bounds.collect.extend-into-presized-vec")
        .kind(Kind::Heap)
        .statement("`extend` into a `Vec` that already has room for 1,000 mapped values allocates nothing; `collect` allocates a new block.")
        .judges(
            "002",
            "Iterators: extend",
            "extend adds an iterator's items to an existing collection, such as a Vec, instead of collecting them into a new one.",
            "confirmed: into a Vec with room, extend allocates nothing",
        )
        .predicate("no heap block", |f| f.u64("heap blocks allocated") == 0)
        .subject("out.extend(xs.iter().map(|x| x * 2)) into Vec::with_capacity(1000)", || {
            let xs: Vec<u64> = (0..1000).collect();
            let mut out = Vec::with_capacity(xs.len());
            heap(proof::heap::measure_with(
                || {
                    doubled_into(&mut out, &xs);
                    out.len()
                },
                |_| {},
            ))
        })
        .control("xs.iter().map(|x| x * 2).collect::<Vec<_>>()", || {
            let xs: Vec<u64> = (0..1000).collect();
            heap(proof::heap::measure_with(|| doubled(&xs), |_| {}))
        })
        .check();
}

proof::heap_checks!(
    collect_boxed_exact_is_one_block,
    into_vec_allocates_nothing,
    boxed_variant_costs_an_allocation,
    extend_into_presized_vec_allocates_nothing,
);
