//! The workloads with `std::alloc::System` declared as the global allocator: the same allocator as the
//! default, named explicitly (the control for what a second allocator adds to a binary).
#[global_allocator]
static GLOBAL: std::alloc::System = std::alloc::System;

fn main() {
    alloc_lab::run();
}
