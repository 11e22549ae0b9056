//! Every claim check of the book that runs under libtest, in one test binary with one module per part of
//! the book (`src/<part>/` ↔ `tests/claims/<part>.rs`), plus the checks of the book itself (`book`,
//! `methodology`, `workflows`). One binary lets libtest run the parts side by side: one part's long,
//! single-threaded step (a C library's build, a valgrind run) overlaps another's, and Cargo links one test
//! executable instead of one per part.
//!
//! Re-run one part, or one check (each box in the book shows its own command):
//! `cargo test --test claims lto::`, `cargo test --test claims -- --exact lto::fat_lto_keeps_one_copy`.
//!
//! The heap-profiling checks (`tests/heap.rs`, `tests/heap_avoid.rs`, `tests/heap_hidden.rs`,
//! `tests/actors_heap.rs`, `tests/iter_heap.rs`) stay binaries of their own: dhat counts every
//! allocation of the process, so each runs its cases one at a time under its own `main`.

mod actors;
mod bounds;
mod build;
mod compile_times;
mod hashing;
mod heap;
mod inlining;
mod lto;
mod pipeline;
mod type_sizes;

mod book;
mod methodology;
mod workflows;
