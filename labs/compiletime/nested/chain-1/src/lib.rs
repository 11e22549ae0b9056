//! Link 1 of the chain: uses chain-0, the crate below it.
pub const STEP: u64 = 1;

pub fn value() -> u64 {
    chain_0::value() + STEP
}
