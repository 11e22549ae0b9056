//! The claim API refuses what cannot prove anything: each of these declarations must fail, naming the
//! claim. (Their fresh evidence goes to target/proof-selftest/, not to the book's target/measured/.)

use proof::{Claim, FiguresExt, Kind, Measured, ProfileRecord, claim, figures};
use std::panic::{AssertUnwindSafe, catch_unwind};

fn side(blocks: u64) -> Measured {
    Measured::new(ProfileRecord::named("selftest", &[]), figures! { "blocks" => blocks })
}

fn selftest(id: &str) -> Claim<'static> {
    let dir = proof::workspace::target_dir().join("proof-selftest");
    claim(id).fresh_evidence_in(&dir).kind(Kind::Heap).statement("a self-test claim")
}

/// Runs the declaration and returns its panic message (failing the test if it did not panic).
fn failure(f: impl FnOnce()) -> String {
    let e = catch_unwind(AssertUnwindSafe(f)).expect_err("the check should have failed");
    e.downcast_ref::<String>().cloned().unwrap_or_default()
}

#[test]
fn a_control_with_the_same_evidence_fails_the_claim() {
    let msg = failure(|| {
        selftest("selftest.control.same-evidence")
            .predicate("one block", |f| f.u64("blocks") == 1)
            .subject("one", || side(1))
            .control("also one", || side(1))
            .check()
    });
    assert!(msg.contains("claim `selftest.control.same-evidence`") && msg.contains("cannot tell"), "{msg}");
}

#[test]
fn a_subject_without_the_evidence_fails_the_claim() {
    let msg = failure(|| {
        selftest("selftest.subject.no-evidence")
            .predicate("one block", |f| f.u64("blocks") == 1)
            .subject("four", || side(4))
            .control("four too", || side(4))
            .check()
    });
    assert!(msg.contains("claim `selftest.subject.no-evidence`") && msg.contains("does not hold"), "{msg}");
}

#[test]
fn a_claim_without_a_control_is_refused() {
    let msg = failure(|| selftest("selftest.no-control").predicate("one block", |f| f.u64("blocks") == 1).subject("one", || side(1)).check());
    assert!(msg.contains("claim `selftest.no-control`") && msg.contains("no `.control(…)`"), "{msg}");
}

#[test]
fn a_malformed_id_is_refused() {
    let msg = failure(|| selftest("Not An ID").predicate("p", |_| true).subject("s", || side(1)).control("c", || side(2)).check());
    assert!(msg.contains("malformed claim ID"), "{msg}");
}

#[test]
fn a_failing_measurement_fails_the_claim_by_name() {
    let msg = failure(|| {
        selftest("selftest.measure.panics")
            .predicate("one block", |f| f.u64("blocks") == 1)
            .subject("one", || side(1))
            .control("broken", || panic!("the lab did not build"))
            .check()
    });
    assert!(msg.contains("claim `selftest.measure.panics`") && msg.contains("the lab did not build"), "{msg}");
}

/// A side that notes what it read, as the harness's measuring functions do.
fn read(keys: &[&str], blocks: u64) -> Measured {
    for k in keys {
        proof::provenance::note(*k);
    }
    side(blocks)
}

#[test]
fn a_control_that_rereads_the_subject_is_refused_unless_declared() {
    let msg = failure(|| {
        selftest("selftest.control.rereads")
            .predicate("fewer blocks than the baseline", |f| f.u64("blocks") < 4)
            .subject("the setting and the baseline", || read(&["setting", "baseline"], 1))
            .control("the baseline against itself", || read(&["baseline"], 4))
            .check()
    });
    assert!(msg.contains("claim `selftest.control.rereads`") && msg.contains("measures nothing the subject does not (baseline)"), "{msg}");
    let msg = failure(|| {
        selftest("selftest.control.declared-but-distinct")
            .null_control("declared, but the control reads something of its own")
            .predicate("one block", |f| f.u64("blocks") == 1)
            .subject("one", || read(&["setting"], 1))
            .control("another", || read(&["other setting"], 4))
            .check()
    });
    assert!(msg.contains("declares a null control, but its control measures what the subject does not (other setting)"), "{msg}");
}

#[test]
fn a_long_statement_and_a_verdict_outside_the_vocabulary_are_refused() {
    let long = "x".repeat(201);
    let msg = failure(|| {
        selftest("selftest.statement.long")
            .statement(&long)
            .predicate("one block", |f| f.u64("blocks") == 1)
            .subject("one", || side(1))
            .control("four", || side(4))
            .check()
    });
    assert!(msg.contains("the statement is 201 characters"), "{msg}");
    let msg = failure(|| {
        selftest("selftest.verdict.free-text")
            .judges("004", "Somewhere", "Something.", "holds only on Tuesdays")
            .predicate("one block", |f| f.u64("blocks") == 1)
            .subject("one", || side(1))
            .control("four", || side(4))
            .check()
    });
    assert!(msg.contains("does not start with one of the book's verdict words"), "{msg}");
}
