//! Heap statistics through dhat's testing mode.
//!
//! dhat's profiler is global to the process, and every allocation of every thread counts. So heap
//! checks run in a test binary of their own with `harness = false` (no test threads), which installs
//! dhat's allocator:
//!
//! ```no_run
//! #[global_allocator]
//! static ALLOC: dhat::Alloc = dhat::Alloc;
//! # fn main() {}
//! ```
//!
//! [`measure`] then reads the totals before and after the code under test and reports the difference.

use crate::Figures;
use std::sync::Mutex;

static PROFILER: Mutex<Option<dhat::Profiler>> = Mutex::new(None);

/// Heap blocks and bytes allocated by `f` (and what it returns is dropped after the count).
pub fn measure<R>(f: impl FnOnce() -> R) -> Figures {
    let mut guard = PROFILER.lock().unwrap_or_else(|e| e.into_inner());
    if guard.is_none() {
        *guard = Some(dhat::Profiler::builder().testing().build());
    }
    let before = dhat::HeapStats::get();
    let result = std::hint::black_box(f());
    let after = dhat::HeapStats::get();
    drop(result);
    crate::figures! {
        "heap blocks allocated" => after.total_blocks - before.total_blocks,
        "bytes allocated" => after.total_bytes - before.total_bytes,
    }
}
