//! The bottom of a chain of four library crates: chain-3 uses chain-2, which uses chain-1, which uses
//! this one. tests/claims/compile_times.rs edits each in turn and counts what cargo rebuilds.
pub const STEP: u64 = 1;

pub fn value() -> u64 {
    STEP
}
