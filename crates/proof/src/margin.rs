//! Comparisons that say how far they pass or fail.
//!
//! A predicate written with these functions instead of `<`, `>=` or a hand-made ratio records, for each
//! comparison, its *margin*: the distance from the threshold as a fraction of the threshold (positive when
//! the comparison holds). The harness keeps the margins of the subject and of the control in the evidence
//! (`Evidence::margins`), the box shows them, and `tests/claims/book.rs` fails an instruction or size claim whose
//! subject passes, or whose control fails, by less than the cross-machine tolerance
//! ([`crate::policy::TOLERANCE_PERCENT`]): such a claim could flip on another machine, so it is restated
//! as a two-sided "the same within X%" claim ([`within`]) or removed.
//!
//! ```
//! use proof::{figures, margin};
//! let f = figures! { "fat" => 90, "off" => 100 };
//! assert!(margin::lt(&f, "fat", "off")); // passes by 10% of "off"
//! ```

use crate::claim::FiguresExt;
use crate::evidence::{Comparison, Figures};
use std::cell::RefCell;

thread_local! {
    static RECORD: RefCell<Option<Vec<Comparison>>> = const { RefCell::new(None) };
}

/// Runs `f`, returning its result and the comparisons it recorded.
pub(crate) fn recording<T>(f: impl FnOnce() -> T) -> (T, Vec<Comparison>) {
    RECORD.with(|r| *r.borrow_mut() = Some(Vec::new()));
    let out = f();
    let recorded = RECORD.with(|r| r.borrow_mut().take()).unwrap_or_default();
    (out, recorded)
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::Lt => "<",
            Op::Le => "≤",
            Op::Gt => ">",
            Op::Ge => "≥",
        }
    }
}

fn record(test: String, margin: f64) {
    push(Comparison { test, margin: (margin * 10_000.0).round() / 10_000.0, exact: false });
}

fn push(c: Comparison) {
    RECORD.with(|r| {
        if let Some(list) = r.borrow_mut().as_mut() {
            list.push(c);
        }
    });
}

/// Figures `a` and `b` are exactly equal (recorded as an exact comparison: no margin applies). For
/// counts that must be identical, such as the same program counted in two environments.
pub fn equal(f: &Figures, a: &str, b: &str) -> bool {
    let holds = f.f64(a) == f.f64(b);
    push(Comparison { test: format!("{a} = {b}"), margin: 0.0, exact: true });
    holds
}

/// A yes/no test, recorded as an exact comparison (as [`equal`]): `holds("no .debug_str", !f.bool(…))`.
pub fn holds(what: &str, condition: bool) -> bool {
    push(Comparison { test: what.to_string(), margin: 0.0, exact: true });
    condition
}

/// Figure `a` is exactly `k` (an exact comparison, as [`equal`]).
pub fn exactly(f: &Figures, a: &str, k: f64) -> bool {
    let holds = f.f64(a) == k;
    push(Comparison { test: format!("{a} = {k}"), margin: 0.0, exact: true });
    holds
}

/// The distance of `lhs` from `rhs` in the direction `op` wants, as a fraction of `rhs` (of 1 when `rhs`
/// is 0): positive when `lhs op rhs` holds strictly.
fn distance(lhs: f64, op: Op, rhs: f64) -> f64 {
    let scale = if rhs == 0.0 { 1.0 } else { rhs.abs() };
    match op {
        Op::Lt | Op::Le => (rhs - lhs) / scale,
        Op::Gt | Op::Ge => (lhs - rhs) / scale,
    }
}

/// `lhs op rhs`, recorded as `what` (in words: "fat < off") with its margin.
pub fn compare(what: &str, lhs: f64, op: Op, rhs: f64) -> bool {
    let holds = match op {
        Op::Lt => lhs < rhs,
        Op::Le => lhs <= rhs,
        Op::Gt => lhs > rhs,
        Op::Ge => lhs >= rhs,
    };
    record(what.to_string(), distance(lhs, op, rhs));
    holds
}

fn named(f: &Figures, a: &str, op: Op, b: &str) -> bool {
    compare(&format!("{a} {} {b}", op.symbol()), f.f64(a), op, f.f64(b))
}

/// Figure `a` < figure `b`.
pub fn lt(f: &Figures, a: &str, b: &str) -> bool {
    named(f, a, Op::Lt, b)
}

/// Figure `a` ≤ figure `b`.
pub fn le(f: &Figures, a: &str, b: &str) -> bool {
    named(f, a, Op::Le, b)
}

/// Figure `a` > figure `b`.
pub fn gt(f: &Figures, a: &str, b: &str) -> bool {
    named(f, a, Op::Gt, b)
}

/// Figure `a` ≥ figure `b`.
pub fn ge(f: &Figures, a: &str, b: &str) -> bool {
    named(f, a, Op::Ge, b)
}

/// Figure `a` compared with a fixed threshold `k` (an input of the check, not a measurement).
pub fn against(f: &Figures, a: &str, op: Op, k: f64) -> bool {
    compare(&format!("{a} {} {k}", op.symbol()), f.f64(a), op, k)
}

/// Figure `a` divided by figure `b`, compared with `k`: `ratio(f, "dev", "release", Op::Ge, 10.0)`.
/// The margin is relative to `k`.
pub fn ratio(f: &Figures, a: &str, b: &str, op: Op, k: f64) -> bool {
    let (x, y) = (f.f64(a), f.f64(b));
    let r = if y == 0.0 { f64::INFINITY } else { x / y };
    compare(&format!("{a} / {b} {} {k}", op.symbol()), r, op, k)
}

/// Figures `a` and `b` differ by at most `percent` of `b`, in either direction (two-sided). The margin
/// is `percent` minus the difference, as a fraction: 0.04 when they are 1% apart and 5% is allowed.
pub fn within(f: &Figures, a: &str, b: &str, percent: f64) -> bool {
    let (x, y) = (f.f64(a), f.f64(b));
    let scale = if y == 0.0 { 1.0 } else { y.abs() };
    let apart = (x - y).abs() / scale;
    let allowed = percent / 100.0;
    record(format!("|{a} − {b}| ≤ {percent}% of {b}"), allowed - apart);
    apart <= allowed
}

/// The weakest margin of a side: the smallest (for the subject, how narrowly its predicate holds; for the
/// control, the most negative, how clearly it fails). `None` when nothing was recorded.
pub fn weakest(list: &[Comparison]) -> Option<f64> {
    list.iter().filter(|c| !c.exact).map(|c| c.margin).min_by(f64::total_cmp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures;

    #[test]
    fn margins_are_fractions_of_the_threshold() {
        let f = figures! { "a" => 90, "b" => 100, "c" => 1000 };
        let (ok, rec) = recording(|| lt(&f, "a", "b") && ratio(&f, "c", "b", Op::Ge, 5.0));
        assert!(ok);
        assert_eq!(rec.iter().map(|c| (c.test.as_str(), c.margin)).collect::<Vec<_>>(), [("a < b", 0.1), ("c / b ≥ 5", 1.0)]);
        let (ok, rec) = recording(|| gt(&f, "a", "b"));
        assert!(!ok);
        assert_eq!(weakest(&rec), Some(-0.1));
    }

    #[test]
    fn within_is_two_sided() {
        let f = figures! { "a" => 90, "b" => 100, "c" => 110 };
        assert!(!within(&f, "a", "b", 5.0), "10% below is not within 5%");
        assert!(!within(&f, "c", "b", 5.0), "10% above is not within 5% either");
        let (ok, rec) = recording(|| within(&f, "c", "b", 20.0));
        assert!(ok);
        assert_eq!(rec[0].margin, 0.1);
    }
}
