//! A path dependency outside the lab's workspace, with the same kind of function as `member::checksum`
//! (another starting value, so that the optimizer cannot merge the two as identical functions).

const OFFSET_BASIS: u64 = 0x6c62_272e_07bb_0142;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-style mixing eight bytes at a time, then the bytes left over: too big to be inlined into another
/// crate without LTO.
pub fn checksum(data: &[u8]) -> u64 {
    let mut hash = OFFSET_BASIS;
    let mut words = data.chunks_exact(8);
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().unwrap());
        hash = (hash ^ word).wrapping_mul(FNV_PRIME);
    }
    for &byte in words.remainder() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME);
    }
    hash
}
