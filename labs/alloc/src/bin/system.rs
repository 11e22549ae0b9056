//! The workloads with Rust's default global allocator (the system's malloc).
fn main() {
    alloc_lab::run();
}
