//! Prints the sizes of thin-vec's ThinVec and of std's Vec, alone and as the payload of an enum variant,
//! one `name=bytes` line each (read by tests/claims/type_sizes.rs).

use thin_vec::ThinVec;

// ANCHOR: variants
/// An enum whose largest variant holds a std Vec.
#[allow(dead_code)]
enum Node {
    Leaf(u32),
    Branch(Vec<Node>),
}

/// The same with a ThinVec.
#[allow(dead_code)]
enum ThinNode {
    Leaf(u32),
    Branch(ThinVec<ThinNode>),
}
// ANCHOR_END: variants

fn main() {
    let empty: ThinVec<u64> = ThinVec::new();
    println!("ThinVec<u64>={}", size_of::<ThinVec<u64>>());
    println!("Vec<u64>={}", size_of::<Vec<u64>>());
    println!("Node={}", size_of::<Node>());
    println!("ThinNode={}", size_of::<ThinNode>());
    println!("empty ThinVec capacity={}", empty.capacity());
    println!("word={}", size_of::<usize>());
}
