//! Toolchain drift reports: every claim's check re-run under another installed toolchain (`ci/drift.sh
//! nightly`), compared with the blessed evidence by the [`crate::policy`], and written to
//! `src/measured/drift/<toolchain>.json`. The blessed evidence is never touched: the re-run happens in a
//! copy of the repository.
//!
//! This module is the single definition of the report's format: `proof-evidence drift` writes it, the
//! book's preprocessor renders it (the "Toolchain drift" appendix, and a line in every box whose claim
//! flips or moves), and `tests/claims/book.rs` validates it.

use crate::evidence::{self, Evidence, Kind, Verdict};
use crate::policy;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// What a claim did under the other toolchain.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum There {
    /// The claim holds there too.
    Holds,
    /// The check ran to the end and the claim does not hold there.
    Fails,
    /// The check wrote no evidence and left no reason: it stopped before judging (its test binary did
    /// not build or run). Counted as a flip.
    NotMeasured,
    /// A measurement could not run there (a build that compiler refuses, a flag or feature it lacks):
    /// the claim is not judged, with the reason in `failure`. Not a flip.
    NotJudged,
}

/// One figure that moved beyond the tolerance of its kind.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Moved {
    /// `figures.<name>` (the subject) or `control.figures.<name>`.
    pub figure: String,
    pub pinned: Value,
    pub there: Value,
}

/// One claim's line of a drift report.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ClaimDrift {
    pub id: String,
    pub kind: Kind,
    pub there: There,
    /// Whether the verdict there differs from the blessed verdict (always `holds`).
    pub flipped: bool,
    /// Figures that moved beyond the tolerance (none when not measured).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moved: Vec<Moved>,
    /// For compile-fail claims: whether the compiler's output for the claim's cases changed there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compiler_output_changed: Option<bool>,
    /// Why the claim fails there (the check's own message), when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
}

/// A drift report: `src/measured/drift/<toolchain>.json`.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct DriftReport {
    /// The toolchain name given to `ci/drift.sh` ("nightly", "beta").
    pub toolchain: String,
    /// `rustc -V` and LLVM of that toolchain.
    pub describe: String,
    /// The release of the pinned toolchain the blessed evidence comes from.
    pub pinned: String,
    /// The day of the run (UTC, `YYYY-MM-DD`).
    pub date: String,
    /// Compile-fail cases whose compiler output changed (`tests/ui/cases/<name>.stderr`), with a unified
    /// diff of the change.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub compiler_output: BTreeMap<String, String>,
    /// Every blessed claim, flips first, then moves, then the rest, each group by ID.
    pub claims: Vec<ClaimDrift>,
}

impl DriftReport {
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("drift report serializes");
        s.push('\n');
        s
    }

    pub fn read(path: &Path) -> Result<DriftReport, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: not a valid drift report: {e}", path.display()))
    }

    /// The line of `id`, if the report has one.
    pub fn claim(&self, id: &str) -> Option<&ClaimDrift> {
        self.claims.iter().find(|c| c.id == id)
    }
}

impl DriftReport {
    /// The report as Markdown for a pull request's description: what flips, what is not judged, which
    /// figures moved and which compile-fail outputs changed, each claim by ID.
    pub fn summary_markdown(&self) -> String {
        let mut out = format!("### {} ({}) against the pinned {}, {}\n\n", self.toolchain, self.describe, self.pinned, self.date);
        let flips: Vec<&ClaimDrift> = self.claims.iter().filter(|c| c.flipped).collect();
        let not_judged: Vec<&ClaimDrift> = self.claims.iter().filter(|c| c.there == There::NotJudged).collect();
        let moved: Vec<&ClaimDrift> = self.claims.iter().filter(|c| !c.flipped && !c.moved.is_empty()).collect();
        let one_line = |s: &str| s.lines().next().unwrap_or_default().chars().take(300).collect::<String>();
        out.push_str(&format!(
            "{} claims: {} hold, {} flip, {} not judged; figures moved on {}; compiler output changed for {} cases.\n",
            self.claims.len(),
            self.claims.iter().filter(|c| c.there == There::Holds).count(),
            flips.len(),
            not_judged.len(),
            moved.len(),
            self.compiler_output.len()
        ));
        if !flips.is_empty() {
            out.push_str("\n#### Claims that flip (re-blessing fails on these: fix the claim or its text)\n\n");
            for c in &flips {
                out.push_str(&format!("- `{}` ({:?}): {}\n", c.id, c.there, one_line(c.failure.as_deref().unwrap_or("no message"))));
            }
        }
        if !not_judged.is_empty() {
            out.push_str("\n#### Not judged\n\n");
            for c in &not_judged {
                out.push_str(&format!("- `{}`: {}\n", c.id, one_line(c.failure.as_deref().unwrap_or("no reason"))));
            }
        }
        if !moved.is_empty() {
            out.push_str("\n#### Figures that moved\n\n");
            for c in &moved {
                let figures: Vec<String> = c.moved.iter().map(|m| format!("{}: {} → {}", m.figure, m.pinned, m.there)).collect();
                out.push_str(&format!("- `{}`: {}\n", c.id, figures.join("; ")));
            }
        }
        if !self.compiler_output.is_empty() {
            out.push_str("\n#### Compile-fail output that changed\n\n");
            for case in self.compiler_output.keys() {
                out.push_str(&format!("- `tests/ui/cases/{case}.stderr`\n"));
            }
        }
        out
    }
}

impl ClaimDrift {
    /// Whether the line says anything a reader of the claim's box should know.
    pub fn is_news(&self) -> bool {
        self.flipped || self.there == There::NotJudged || !self.moved.is_empty() || self.compiler_output_changed == Some(true)
    }
}

/// Every report in `dir`, by toolchain name.
pub fn read_all(dir: &Path) -> Result<Vec<DriftReport>, String> {
    let mut out = Vec::new();
    for stem in crate::workspace::file_stems(dir, "json")? {
        let path = dir.join(format!("{stem}.json"));
        let report = DriftReport::read(&path)?;
        if report.toolchain != stem {
            return Err(format!("{}: holds the report for `{}`; the file must be named {}.json", path.display(), report.toolchain, report.toolchain));
        }
        out.push(report);
    }
    Ok(out)
}

/// Compares every blessed claim with the evidence measured under the other toolchain (`fresh`, keyed by
/// ID; a claim with no fresh evidence was not measured) and orders the lines: flips first, then moves.
/// `changed_cases` are the compile-fail cases whose compiler output changed.
/// `not_judged` holds the reasons of claims whose measurement could not run there ([`There::NotJudged`]).
pub fn compare_all(
    blessed: &[Evidence],
    fresh: &BTreeMap<String, Evidence>,
    not_judged: &BTreeMap<String, String>,
    changed_cases: &BTreeMap<String, String>,
) -> Vec<ClaimDrift> {
    let mut lines: Vec<ClaimDrift> = blessed
        .iter()
        .map(|b| {
            // A reason wins over any evidence: the claim measured something, but not what the other
            // compiler builds (code inside the pinned toolchain's test binary), or stopped half-way.
            if let Some(why) = not_judged.get(&b.id) {
                let (there, flipped, failure) = (There::NotJudged, false, Some(why.clone()));
                return ClaimDrift { id: b.id.clone(), kind: b.kind, there, flipped, moved: Vec::new(), compiler_output_changed: None, failure };
            }
            let Some(f) = fresh.get(&b.id) else {
                return ClaimDrift {
                    id: b.id.clone(),
                    kind: b.kind,
                    there: There::NotMeasured,
                    flipped: true,
                    moved: Vec::new(),
                    compiler_output_changed: None,
                    failure: None,
                };
            };
            let there = if f.verdict == Verdict::Holds { There::Holds } else { There::Fails };
            let moved = policy::compare(b, f)
                .differences
                .into_iter()
                .filter(|d| d.field.starts_with("figures.") || d.field.starts_with("control.figures."))
                .filter(|d| !d.within_tolerance)
                .map(|d| Moved { figure: d.field, pinned: d.blessed, there: d.fresh })
                .collect();
            let compiler_output_changed = (b.kind == Kind::CompileFail).then(|| {
                [&b.figures, &b.control.figures]
                    .iter()
                    .filter_map(|f| f.get("case").and_then(Value::as_str))
                    .any(|case| changed_cases.contains_key(case))
            });
            ClaimDrift {
                id: b.id.clone(),
                kind: b.kind,
                there,
                flipped: f.verdict != b.verdict,
                moved,
                compiler_output_changed,
                failure: f.failure.clone(),
            }
        })
        .collect();
    lines.sort_by_key(|c| (!c.flipped, !c.is_news(), c.id.clone()));
    lines
}

/// Where a drift run keeps, per claim, why a measurement could not run (`<fresh dir>/not-judged/<id>.txt`).
pub fn not_judged_dir(fresh: &Path) -> std::path::PathBuf {
    fresh.join("not-judged")
}

/// The reasons a drift run kept for the claims it could not judge, by ID (none: an empty map).
pub fn read_not_judged(fresh: &Path) -> Result<BTreeMap<String, String>, String> {
    let dir = not_judged_dir(fresh);
    if !dir.is_dir() {
        return Ok(BTreeMap::new());
    }
    let mut out = BTreeMap::new();
    for stem in crate::workspace::file_stems(&dir, "txt")? {
        let path = dir.join(format!("{stem}.txt"));
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        out.insert(stem, shorten_reason(&text));
    }
    Ok(out)
}

/// A reason in at most a few lines: the first line, and the compiler's first error line if there is one.
fn shorten_reason(text: &str) -> String {
    let first: String = text.lines().next().unwrap_or("").chars().take(300).collect();
    match text.lines().skip(1).find(|l| l.trim_start().starts_with("error")) {
        Some(e) => format!("{first}\n{}", e.trim()),
        None => first,
    }
}

/// Reads the fresh evidence a drift run left in `dir` (files that do not parse are errors).
pub fn read_fresh(dir: &Path) -> Result<BTreeMap<String, Evidence>, String> {
    Ok(evidence::read_all(dir)?.into_iter().map(|e| (e.id.clone(), e)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_measurement_that_could_not_run_is_not_judged_and_not_a_flip() {
        let dir = std::env::temp_dir().join(format!("proof-drift-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(not_judged_dir(&dir)).unwrap();
        std::fs::write(
            not_judged_dir(&dir).join("x.y.txt"),
            "measuring the subject (release) failed: proof: cargo build failed\nsome line\nerror[E0658]: use of unstable library feature\nmore",
        )
        .unwrap();
        let reasons = read_not_judged(&dir).unwrap();
        assert_eq!(
            reasons["x.y"],
            "measuring the subject (release) failed: proof: cargo build failed\nerror[E0658]: use of unstable library feature"
        );
        assert!(read_not_judged(&dir.join("nothing")).unwrap().is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_reason_wins_over_evidence_measured_by_another_compiler() {
        // Evidence measured inside the pinned toolchain's test binary, with the reason it does not count.
        let blessed = crate::policy::tests::evidence(Kind::Heap, 100, "a");
        let fresh = BTreeMap::from([("x.y".to_string(), crate::policy::tests::evidence(Kind::Heap, 100, "a"))]);
        let none = BTreeMap::new();
        let reason = BTreeMap::from([("x.y".to_string(), "measured inside the test binary".to_string())]);
        let judged = compare_all(std::slice::from_ref(&blessed), &fresh, &none, &none);
        assert_eq!((judged[0].there, judged[0].flipped), (There::Holds, false));
        let not = compare_all(std::slice::from_ref(&blessed), &fresh, &reason, &none);
        assert_eq!((not[0].there, not[0].flipped, not[0].failure.as_deref()), (There::NotJudged, false, Some("measured inside the test binary")));
        // Neither evidence nor a reason: not measured, a flip.
        let gone = compare_all(std::slice::from_ref(&blessed), &BTreeMap::new(), &none, &none);
        assert_eq!((gone[0].there, gone[0].flipped), (There::NotMeasured, true));
    }
}
