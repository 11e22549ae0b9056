//! The types whose sizes and layouts the Type sizes part measures. The file is a module of the `layout`
//! lab, is compiled alone by `rustc -Zprint-type-sizes` (tests/claims/type_sizes.rs), and is included by the
//! checks themselves (`#[path]`), which measure `size_of` and `align_of` in the test binary.

#![allow(dead_code)]

// ANCHOR: mixed
/// An enum with one small variant, one holding a Vec, and one whose fields leave padding if kept in
/// their written order (8, 1, 8, 1 bytes).
pub enum Mixed {
    Empty,
    Small(i32),
    Padded(u64, u8, u64, u8),
    Heap(Vec<u32>),
}

/// The same variants with C's layout rules: fields stay in their written order, the discriminant is a
/// C `int`.
#[repr(C)]
pub enum MixedC {
    Empty,
    Small(i32),
    Padded(u64, u8, u64, u8),
    Heap(Vec<u32>),
}
// ANCHOR_END: mixed

// ANCHOR: fields
/// Fields written from small to large and back: in this order, each needs padding before the next.
pub struct Record {
    pub flag: u8,
    pub id: u64,
    pub kind: u8,
    pub count: u32,
    pub tag: u16,
}

/// The same fields, kept in their written order.
#[repr(C)]
pub struct RecordC {
    pub flag: u8,
    pub id: u64,
    pub kind: u8,
    pub count: u32,
    pub tag: u16,
}
// ANCHOR_END: fields

// ANCHOR: outsized
/// A payload much larger than the other variants.
pub type Payload = [u8; 100];

/// Every value of this enum is as large as its largest variant.
pub enum Message {
    Quit,
    Ack(i32),
    Data(i32, Payload),
}

/// The large variant's fields moved to the heap: the enum holds a pointer instead.
pub enum MessageBoxed {
    Quit,
    Ack(i32),
    Data(Box<(i32, Payload)>),
}
// ANCHOR_END: outsized

// ANCHOR: indices
/// An edge of a graph, with its endpoints as indices into a Vec of nodes.
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub weight: f32,
}

/// The same edge with 32-bit indices, widened with `as usize` where they index.
pub struct EdgeU32 {
    pub from: u32,
    pub to: u32,
    pub weight: f32,
}
// ANCHOR_END: indices

/// Uses every type, so that rustc computes (and prints) their layouts.
pub fn sizes() -> [usize; 8] {
    [
        size_of::<Mixed>(),
        size_of::<MixedC>(),
        size_of::<Record>(),
        size_of::<RecordC>(),
        size_of::<Message>(),
        size_of::<MessageBoxed>(),
        size_of::<Edge>(),
        size_of::<EdgeU32>(),
    ]
}
