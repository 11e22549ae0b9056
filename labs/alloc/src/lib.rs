//! The workloads every program of this lab runs; the programs differ only in their global allocator.
//! `<program> alloc` builds and drops many small strings, vectors and map entries; `<program> compute`
//! does arithmetic with no allocation at all. An instruction count covers `measured` only.

use std::collections::BTreeMap;
use std::hint::black_box;

// ANCHOR: alloc_heavy
/// Many short-lived allocations of mixed sizes: the kind of work where an allocator shows.
pub fn alloc_heavy(rounds: u32) -> usize {
    let mut total = 0;
    for round in 0..rounds {
        let mut names: Vec<String> = Vec::new();
        let mut index: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for i in 0..50u32 {
            let name = format!("item-{round}-{i}");
            index.entry(name.clone()).or_default().push(i);
            names.push(name);
        }
        total += names.iter().map(String::len).sum::<usize>() + index.len();
    }
    total
}
// ANCHOR_END: alloc_heavy

/// Arithmetic only: no allocation, so the allocator cannot change its count.
pub fn compute(rounds: u32) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for i in 0..rounds as u64 * 500 {
        h = (h ^ i).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The program's work, chosen by its first argument; what an instruction count covers. It prints
/// nothing: the first print allocates stdout's buffer, which would put an allocation into the
/// allocation-free workload.
#[inline(never)]
pub fn measured(which: &str) -> u64 {
    match which {
        "alloc" => black_box(alloc_heavy(black_box(200))) as u64,
        "compute" => black_box(compute(black_box(200))),
        other => panic!("unknown workload `{other}` (alloc or compute)"),
    }
}

/// `main` of every program: reads the argument and prints the result outside the measured region.
pub fn run() {
    let which = std::env::args().nth(1).unwrap_or_else(|| "alloc".into());
    let result = measured(&which);
    println!("{which}: {result}");
}
