//! Link 3 of the chain: uses chain-2, the crate below it.
pub const STEP: u64 = 1;

pub fn value() -> u64 {
    chain_2::value() + STEP
}
