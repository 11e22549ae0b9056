//! Compile-fail lessons live in `cases/`; `tests/ui/main.rs` runs them through trybuild, all in one run.
