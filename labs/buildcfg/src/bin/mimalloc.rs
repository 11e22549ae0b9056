//! The lab's program with mimalloc as the global allocator: the same work as `app`, for comparing what
//! the allocator's dependency costs to build. Built only with the lab's `mimalloc` feature.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(4_000);
    println!("checksum {:016x}", buildcfg::run(n));
}
