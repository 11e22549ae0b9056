//! Link 2 of the chain: uses chain-1, the crate below it.
pub const STEP: u64 = 1;

pub fn value() -> u64 {
    chain_1::value() + STEP
}
