//! The comparison policy: when fresh evidence counts as the same as blessed evidence.
//!
//! | what | rule |
//! |---|---|
//! | the verdict | identical, always: a verdict never tolerates anything |
//! | figures of calls, asm, IR, MIR, HIR, heap, compile-fail and behaviour claims | identical everywhere: they depend only on the toolchain, the code and the profile |
//! | figures of instruction and size claims | identical when the environment key's machine part (CPU model and level, C library, C compiler) is the one that blessed them; on another machine a number may move by at most [`TOLERANCE_PERCENT`] (or by 1, for small numbers) and anything else (a label, a ranking, a bool) must be identical |
//! | figures, deciding figures and margins of build-cost claims (CPU seconds, MiB of cold builds) | never compared: shown only; their verdict (a wide ordering, [`crate::build_cost`]) is compared like any other |
//! | statement, predicate, deciding figures, settings, profiles, sources, the check's test (its re-run command), the code excerpts | identical |
//! | the check's file and line | never compared: shown only, so that an edit elsewhere in a test file (a comment, a new check) leaves the evidence the same; the check is identified by its test's name |
//! | the environment key | its machine part is not compared (it decides which rule above applies); its build part (rustc commit, LLVM, lock files, valgrind and Gungraun versions, flags) must be identical, or the evidence is stale and must be re-measured |
//!
//! The same function decides drift in strict mode (CI), in `ci/check-evidence.sh`, and in the toolchain
//! drift report (where the tolerance decides which figures "moved").

use crate::evidence::{Evidence, Kind};
use serde_json::Value;

/// How far an instruction count or a size may move on another machine, in percent of the blessed value.
pub const TOLERANCE_PERCENT: f64 = 1.0;

/// How many times the slower setting's best run must cost the faster setting's worst run for a build-cost
/// claim's ordering to hold ([`crate::build_cost`], Methodology's rule for build-time statements).
pub const WIDE_ORDERING: f64 = 2.0;

/// The environment keys that describe the machine rather than the build. Evidence blessed on one
/// machine is exact on a machine with the same values, and within tolerance elsewhere.
pub const MACHINE_KEYS: [&str; 4] = ["cpu", "cpu level", "libc", "cc"];

/// How a kind's figures are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The same on every machine with the pinned toolchain.
    Exact,
    /// Exact on the machine that blessed them; numbers within [`TOLERANCE_PERCENT`] elsewhere.
    ExactOnSameMachine,
    /// Timings and memory: the figures are shown and never compared; only the verdict (and everything
    /// that is not a measured number) is.
    Shown,
}

pub fn rule(kind: Kind) -> Rule {
    match kind {
        Kind::Instructions | Kind::Size => Rule::ExactOnSameMachine,
        Kind::Calls | Kind::Asm | Kind::Ir | Kind::Mir | Kind::Hir | Kind::Heap | Kind::CompileFail | Kind::Behaviour => Rule::Exact,
        Kind::BuildCost => Rule::Shown,
    }
}

/// One field that differs.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// Dotted path in the evidence file: `figures.instructions`, `control.figures.size`, `verdict`.
    pub field: String,
    pub blessed: Value,
    pub fresh: Value,
    /// Whether the policy accepts the difference (a number of an instruction or size claim measured on
    /// another machine, within the tolerance).
    pub within_tolerance: bool,
}

/// The outcome of comparing fresh evidence with blessed evidence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    pub differences: Vec<Difference>,
    /// Whether the machine part of the environment key differs (so tolerances applied).
    pub other_machine: bool,
}

impl Comparison {
    /// No difference at all.
    pub fn identical(&self) -> bool {
        self.differences.is_empty()
    }

    /// Differences the policy does not accept.
    pub fn drifted(&self) -> impl Iterator<Item = &Difference> {
        self.differences.iter().filter(|d| !d.within_tolerance)
    }

    /// Whether the fresh evidence counts as the blessed evidence (identical, or within tolerance).
    pub fn accepted(&self) -> bool {
        self.drifted().next().is_none()
    }

    /// The differences one per line, each marked when within tolerance.
    pub fn describe(&self) -> String {
        self.differences
            .iter()
            .map(|d| {
                let mark = if d.within_tolerance { format!(" (within {TOLERANCE_PERCENT}% on another machine)") } else { String::new() };
                format!("  {}: {} -> {}{mark}", d.field, d.blessed, d.fresh)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Compares `fresh` with `blessed` under the policy.
pub fn compare(blessed: &Evidence, fresh: &Evidence) -> Comparison {
    let a = serde_json::to_value(blessed).expect("evidence serializes");
    let b = serde_json::to_value(fresh).expect("evidence serializes");
    let other_machine = MACHINE_KEYS.iter().any(|k| blessed.environment.get(*k) != fresh.environment.get(*k));
    let tolerant = other_machine && rule(blessed.kind) == Rule::ExactOnSameMachine && blessed.kind == fresh.kind;
    let shown = rule(blessed.kind) == Rule::Shown && blessed.kind == fresh.kind;
    let mut raw = Vec::new();
    diff_values("", &a, &b, &mut raw);
    let differences = raw
        .into_iter()
        .filter(|(field, _, _)| field != "check" && !MACHINE_KEYS.iter().any(|k| field == &format!("environment.{k}")))
        .filter(|(field, _, _)| !(shown && is_measured_number(field)))
        .map(|(field, x, y)| {
            let is_figure = field.starts_with("figures.") || field.starts_with("control.figures.");
            let within_tolerance = tolerant && is_figure && within(&x, &y);
            Difference { field, blessed: x, fresh: y, within_tolerance }
        })
        .collect();
    Comparison { differences, other_machine }
}

/// The fields of a build-cost claim that hold what was measured: its figures, deciding figures and margins.
fn is_measured_number(field: &str) -> bool {
    ["figures", "control.figures", "deciding", "margins"].iter().any(|p| field == *p || field.starts_with(&format!("{p}.")))
}

/// Whether two numbers are within the tolerance: at most [`TOLERANCE_PERCENT`] of the blessed value, or
/// 1 (a percentage or a ratio rounded to a whole number may move by one step).
fn within(blessed: &Value, fresh: &Value) -> bool {
    match (blessed.as_f64(), fresh.as_f64()) {
        (Some(x), Some(y)) => {
            let delta = (x - y).abs();
            delta <= 1.0 || delta <= x.abs() * TOLERANCE_PERCENT / 100.0
        }
        _ => false,
    }
}

fn diff_values(path: &str, a: &Value, b: &Value, out: &mut Vec<(String, Value, Value)>) {
    let join = |k: &str| if path.is_empty() { k.to_string() } else { format!("{path}.{k}") };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, va) in x {
                match y.get(k) {
                    Some(vb) => diff_values(&join(k), va, vb, out),
                    None => out.push((join(k), va.clone(), Value::Null)),
                }
            }
            for (k, vb) in y {
                if !x.contains_key(k) {
                    out.push((join(k), Value::Null, vb.clone()));
                }
            }
        }
        _ if a != b => out.push((path.to_string(), a.clone(), b.clone())),
        _ => {}
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::evidence::{ProfileRecord, Side, Verdict};
    use serde_json::{Map, json};

    /// A claim `x.y` of `kind` with one count, measured on `cpu` (also used by the drift tests).
    pub(crate) fn evidence(kind: Kind, instructions: u64, cpu: &str) -> Evidence {
        let mut figures = Map::new();
        figures.insert("instructions".into(), json!(instructions));
        figures.insert("smallest".into(), json!("fat"));
        let mut environment = Map::new();
        environment.insert("rustc commit".into(), json!("59807616e"));
        environment.insert("cpu".into(), json!(cpu));
        let profile = ProfileRecord { name: "release".into(), settings: Map::new() };
        Evidence {
            id: "x.y".into(),
            statement: "s".into(),
            kind,
            verdict: Verdict::Holds,
            rustc: "1.95.0".into(),
            toolchain: "t".into(),
            target: "x86_64-unknown-linux-gnu".into(),
            environment,
            predicate: "p".into(),
            setting: "s".into(),
            profile: profile.clone(),
            figures: figures.clone(),
            deciding: Vec::new(),
            code: None,
            control: Side { setting: "c".into(), profile, figures, code: None, predicate_holds: false },
            check: "tests/x.rs:1".into(),
            rerun: String::new(),
            sources: Vec::new(),
            margins: None,
            null_control: None,
            stable_only: false,
            failure: None,
        }
    }

    #[test]
    fn build_cost_figures_are_shown_and_only_the_verdict_compared() {
        let a = evidence(Kind::BuildCost, 4, "A");
        let mut b = evidence(Kind::BuildCost, 5, "A");
        b.control.figures.insert("instructions".into(), json!(9));
        assert!(compare(&a, &b).identical(), "timings move from run to run: {:?}", compare(&a, &b));
        b.verdict = Verdict::Fails;
        assert!(!compare(&a, &b).accepted(), "the verdict is compared");
        // The same figures of any other kind are compared.
        assert!(!compare(&evidence(Kind::Behaviour, 4, "A"), &evidence(Kind::Behaviour, 5, "A")).accepted());
    }

    #[test]
    fn same_machine_is_exact_for_every_kind() {
        let a = evidence(Kind::Instructions, 1000, "A");
        assert!(compare(&a, &a).identical());
        let c = compare(&a, &evidence(Kind::Instructions, 1001, "A"));
        assert!(!c.accepted(), "one instruction more on the same machine is drift: {c:?}");
    }

    #[test]
    fn another_machine_tolerates_instruction_counts_only_within_the_tolerance() {
        let a = evidence(Kind::Instructions, 100_000, "A");
        assert!(compare(&a, &evidence(Kind::Instructions, 100_900, "B")).accepted());
        assert!(!compare(&a, &evidence(Kind::Instructions, 101_100, "B")).accepted());
        // The machine key itself is not a difference.
        assert!(compare(&a, &evidence(Kind::Instructions, 100_000, "B")).identical());
    }

    #[test]
    fn exact_kinds_and_verdicts_never_tolerate() {
        let a = evidence(Kind::Heap, 100_000, "A");
        assert!(!compare(&a, &evidence(Kind::Heap, 100_001, "B")).accepted());
        let mut flipped = evidence(Kind::Instructions, 100_000, "B");
        flipped.verdict = Verdict::Fails;
        assert!(!compare(&evidence(Kind::Instructions, 100_000, "A"), &flipped).accepted());
        let mut relabelled = evidence(Kind::Instructions, 100_000, "B");
        relabelled.figures.insert("smallest".into(), json!("thin"));
        assert!(!compare(&evidence(Kind::Instructions, 100_000, "A"), &relabelled).accepted());
    }

    #[test]
    fn code_excerpts_must_be_identical_on_every_machine() {
        use crate::evidence::Code;
        let code = |text: &str| Some(Code { lang: "x86asm".into(), title: "f".into(), text: text.into(), omitted: 0 });
        let mut a = evidence(Kind::Instructions, 100_000, "A");
        a.code = code("+0    ret");
        let mut b = evidence(Kind::Instructions, 100_000, "B");
        b.code = code("+0    ret");
        assert!(compare(&a, &b).identical());
        b.control.code = code("+0    ud2");
        assert!(!compare(&a, &b).accepted(), "a control's excerpt that appears is drift");
        b.control.code = None;
        b.code = code("+0    nop\n+1    ret");
        assert!(!compare(&a, &b).accepted(), "another excerpt is drift, even on another machine");
    }

    #[test]
    fn a_build_key_that_differs_is_drift() {
        let a = evidence(Kind::Instructions, 100_000, "A");
        let mut b = a.clone();
        b.environment.insert("rustc commit".into(), json!("e50aa6fba"));
        assert!(!compare(&a, &b).accepted());
    }

    #[test]
    fn the_checks_line_is_shown_not_compared() {
        let a = evidence(Kind::Calls, 10, "cpu A");
        let mut b = a.clone();
        b.check = "tests/x.rs:2".into();
        assert!(compare(&a, &b).identical(), "a moved line is not drift");
        b.rerun = "cargo test --test x -- --exact other".into();
        assert!(!compare(&a, &b).accepted(), "another test is another check");
    }
}
