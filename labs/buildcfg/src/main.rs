//! The Build configuration lab's program: `app [n]` runs the kernels on `n` generated elements (default
//! 4,000) and prints a checksum. The work is in `measured`, the region an instruction count covers.

fn main() {
    let n = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(4_000);
    measured(n);
}

#[inline(never)]
fn measured(n: usize) {
    println!("checksum {:016x}", buildcfg::run(n));
}
