//! The workloads with mimalloc as the global allocator.
// ANCHOR: mimalloc
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
// ANCHOR_END: mimalloc

fn main() {
    alloc_lab::run();
}
