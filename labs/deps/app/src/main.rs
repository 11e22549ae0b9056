//! Calls into both dependencies, each from an `#[inline(never)]` caller of its own, so the proof
//! harness can ask of the built binary: is the dependency's function still called here?

use std::hint::black_box;

/// Calls the workspace member's function.
#[inline(never)]
pub fn call_member_checksum(data: &[u8]) -> u64 {
    member::checksum(black_box(data))
}

/// Calls the path dependency's function.
#[inline(never)]
pub fn call_outside_checksum(data: &[u8]) -> u64 {
    outside::checksum(black_box(data))
}

fn main() {
    let data = b"measured rust, dependencies";
    let xs = [3u64, 9, 4, 7];
    println!("member checksum = {:#018x}", call_member_checksum(data));
    println!("outside checksum = {:#018x}", call_outside_checksum(data));
    println!("spread = {} / {}", member::left::run(black_box(&xs)), member::right::run(black_box(&xs)));
}
