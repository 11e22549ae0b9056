//! Heap statistics through dhat's testing mode.
//!
//! dhat's profiler is global to the process, only one may exist in it, and every allocation of every
//! thread counts. The harness handles that once for every heap check: a heap test binary has
//! `harness = false` (no test threads, nothing else allocating) and consists of its checks and one
//! [`heap_checks!`](crate::heap_checks) line, which installs dhat's allocator, starts the one profiler,
//! and runs the checks one after the other:
//!
//! ```ignore
//! proof::heap_checks!(vec_with_capacity_is_one_block, string_grows_like_vec);
//! ```
//!
//! [`measure`] then reads the totals before and after the code under test and reports the difference.

use crate::Figures;
use std::sync::Mutex;

/// dhat's allocator, for [`heap_checks!`](crate::heap_checks).
pub use dhat::Alloc;

static PROFILER: Mutex<Option<dhat::Profiler>> = Mutex::new(None);

/// What [`measure_with`] counted for `f`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    /// Heap blocks allocated (a `realloc` counts as one more block).
    pub blocks: u64,
    /// Bytes allocated, over all those blocks.
    pub bytes: u64,
    /// Blocks allocated by `f` that were still live when it returned (before its result is dropped).
    pub live_blocks: i64,
}

/// Counts `f`'s allocations and hands its result to `inspect` (before it is dropped).
pub fn measure_with<R>(f: impl FnOnce() -> R, inspect: impl FnOnce(&R)) -> Counts {
    let mut guard = PROFILER.lock().unwrap_or_else(|e| e.into_inner());
    if guard.is_none() {
        *guard = Some(dhat::Profiler::builder().testing().build());
    }
    let before = dhat::HeapStats::get();
    let result = std::hint::black_box(f());
    let after = dhat::HeapStats::get();
    inspect(&result);
    drop(result);
    Counts {
        blocks: after.total_blocks - before.total_blocks,
        bytes: after.total_bytes - before.total_bytes,
        live_blocks: after.curr_blocks as i64 - before.curr_blocks as i64,
    }
}

/// Heap blocks and bytes allocated by `f` (and what it returns is dropped after the count).
pub fn measure<R>(f: impl FnOnce() -> R) -> Figures {
    let c = measure_with(f, |_| {});
    crate::figures! {
        "heap blocks allocated" => c.blocks,
        "bytes allocated" => c.bytes,
    }
}

/// The `main` of a heap test binary (through [`heap_checks!`](crate::heap_checks)): runs every check
/// whose name contains the first command-line argument (all without one; with `--exact`, the check of
/// exactly that name), each in turn, and reports
/// `heap checks: N passed, M failed`; exits with a failure when one failed.
pub fn run_checks(binary: &str, checks: &[(&str, fn())]) {
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let exact = std::env::args().any(|a| a == "--exact");
    let (mut passed, mut failed) = (0, Vec::new());
    for (name, check) in checks {
        if filter.as_deref().is_some_and(|f| if exact { name != &f } else { !name.contains(f) }) {
            continue;
        }
        crate::claim::set_current_check(Some(name));
        let outcome = std::panic::catch_unwind(check);
        crate::claim::set_current_check(None);
        match outcome {
            Ok(()) => {
                println!("check {name} ... ok");
                passed += 1;
            }
            Err(_) => {
                println!("check {name} ... FAILED");
                failed.push(*name);
            }
        }
    }
    println!("{binary}: {passed} passed, {} failed", failed.len());
    if !failed.is_empty() {
        eprintln!("failed heap checks: {}", failed.join(", "));
        std::process::exit(101);
    }
}

/// Makes a test binary (`harness = false`) a heap test: dhat's allocator as the global allocator and a
/// `main` that runs the named check functions one after the other ([`run_checks`]).
#[macro_export]
macro_rules! heap_checks {
    ($($check:ident),+ $(,)?) => {
        #[global_allocator]
        static ALLOC: $crate::heap::Alloc = $crate::heap::Alloc;

        fn main() {
            $crate::heap::run_checks(env!("CARGO_CRATE_NAME"), &[$((stringify!($check), $check as fn())),+]);
        }
    };
}
