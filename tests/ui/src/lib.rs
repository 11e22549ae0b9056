//! Compile-fail lessons live in `cases/`; `tests/compile_fail.rs` runs them through trybuild.
