// The temporaries of a block's tail expression, for the chapter's boundaries (tests/claims/pipeline.rs). Not a
// module of the lab's library: the checks compile this file on its own with rustc, once with
// `--edition 2021` and once with `--edition 2024`.

// ANCHOR: tail
use std::cell::RefCell;

pub fn name_length() -> usize {
    let name = RefCell::new(String::from("Ferris"));
    // `borrow()` returns a temporary `Ref` guard, created in the block's tail expression.
    name.borrow().len()
}
// ANCHOR_END: tail
