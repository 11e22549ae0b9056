//! What a side of a claim measured, by key: the lab builds, emitted code, compiler runs and benchmarks
//! its figures came from. Each measuring function notes its key ([`note`]); the harness takes the notes
//! of the subject and of the control ([`take`]) and refuses a control whose keys are all among the
//! subject's (it would read the subject's own measurements again: a *null control*), unless the claim
//! declares one with `Claim::null_control`.
//!
//! Measurements that run a closure in the test process (heap statistics, behaviour) note nothing: their
//! two sides are different code by construction.

use std::cell::RefCell;
use std::collections::BTreeSet;

thread_local! {
    static NOTES: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

/// Notes that the side being measured read `key` ("lab crosscrate, profile release-fat").
pub fn note(key: impl Into<String>) {
    NOTES.with(|n| {
        n.borrow_mut().insert(key.into());
    });
}

/// The keys noted since the last call, on this thread.
pub fn take() -> BTreeSet<String> {
    NOTES.with(|n| std::mem::take(&mut *n.borrow_mut()))
}
