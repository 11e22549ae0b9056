// What the optimization level changes before LLVM's machine code, for the MIR chapter's boundaries
// (tests/claims/pipeline.rs). Not a module of the lab's library: the checks compile this file on its own with
// rustc at every opt-level (0, 1, 2, 3, s, z), with and without incremental compilation.

// ANCHOR: inliner
/// A small function: rustc's MIR inliner may copy it into its caller before LLVM sees either.
#[inline]
pub fn twice(x: u32) -> u32 {
    x.wrapping_mul(2)
}

pub fn call_twice(x: u32) -> u32 {
    twice(x) + 1
}
// ANCHOR_END: inliner

// ANCHOR: merge
/// A generic function whose body does not depend on `T`: every instance is the same machine code.
#[inline(never)]
pub fn tag<T>() -> u32 {
    7
}

/// A generic function whose body does: each instance returns another constant.
#[inline(never)]
pub fn width<T>() -> usize {
    size_of::<T>()
}

/// Both, used with eight types.
pub fn use_eight_types() -> usize {
    let tags = tag::<[u8; 1]>() + tag::<[u8; 2]>() + tag::<[u8; 3]>() + tag::<[u8; 4]>() + tag::<[u8; 5]>() + tag::<[u8; 6]>() + tag::<[u8; 7]>() + tag::<[u8; 8]>();
    let widths = width::<[u8; 1]>() + width::<[u8; 2]>() + width::<[u8; 3]>() + width::<[u8; 4]>() + width::<[u8; 5]>() + width::<[u8; 6]>() + width::<[u8; 7]>() + width::<[u8; 8]>();
    tags as usize + widths
}
// ANCHOR_END: merge

// ANCHOR: const_fn
/// A `const fn`: it can run at compile time, and at run time like any function.
pub const fn cube(x: u64) -> u64 {
    x * x * x
}

/// Called in a const context (the initializer of a `const`): evaluated by the compiler.
pub fn cube_in_const() -> u64 {
    const CUBE: u64 = cube(12);
    CUBE
}

/// Called in an ordinary expression, with the same constant argument.
pub fn cube_at_run_time() -> u64 {
    cube(12)
}
// ANCHOR_END: const_fn
