//! `proof-evidence`: the evidence files as a whole, judged by the comparison policy (`proof::policy`).
//!
//! ```text
//! proof-evidence compare <blessed dir> <fresh dir>
//!     every blessed claim was re-measured by this run and counts as the same (ci/check-evidence.sh)
//! proof-evidence drift <toolchain> <describe> <fresh dir> <ui cases dir> <ui cases dir there> <report>
//!     writes the drift report of a run under another toolchain (ci/drift.sh)
//! proof-evidence summary <report>
//!     prints a drift report as Markdown: flips, not judged, moved figures (ci/bump-toolchain.sh)
//! proof-evidence repeat <out dir> <runs> [seconds of each run…]
//!     compares every run's evidence with run 1's, field by field (ci/repeat.sh)
//! ```

use proof::drift::{self, DriftReport};
use proof::evidence;
use proof::policy;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["compare", blessed, fresh] => compare(Path::new(blessed), Path::new(fresh)),
        ["drift", toolchain, describe, fresh, ui, ui_there, out] => {
            write_drift(toolchain, describe, Path::new(fresh), Path::new(ui), Path::new(ui_there), Path::new(out))
        }
        ["summary", report] => DriftReport::read(Path::new(report)).map(|r| r.summary_markdown()),
        ["repeat", out, runs, seconds @ ..] => repeat(Path::new(out), runs, seconds),
        _ => Err("usage: proof-evidence compare <blessed dir> <fresh dir>\n       proof-evidence drift <toolchain> <describe> <fresh dir> <ui cases> <ui cases there> <report.json>\n       proof-evidence summary <report.json>\n       proof-evidence repeat <out dir> <runs> [seconds…]".into()),
    };
    match result {
        Ok(msg) => {
            println!("{msg}");
            ExitCode::SUCCESS
        }
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::FAILURE
        }
    }
}

/// `ci/repeat.sh`'s comparison of its runs ([`proof::repeat`]): an error when any field differs.
fn repeat(out: &Path, runs: &str, seconds: &[&str]) -> Result<String, String> {
    let runs: usize = runs.parse().ok().filter(|n| *n >= 2).ok_or_else(|| format!("repeat: `{runs}` is not a number of runs (2 or more)"))?;
    let (report, differences) = proof::repeat::compare_runs(out, runs);
    let report = format!("{report}; per-run seconds: {}", seconds.join(" "));
    if differences == 0 { Ok(report) } else { Err(report) }
}

/// Every blessed claim must have fresh evidence that the policy accepts; every fresh claim must be blessed.
fn compare(blessed_dir: &Path, fresh_dir: &Path) -> Result<String, String> {
    let blessed = evidence::read_all(blessed_dir)?;
    let fresh = drift::read_fresh(fresh_dir)?;
    let mut errors = Vec::new();
    let (mut identical, mut tolerated) = (0, 0);
    for b in &blessed {
        match fresh.get(&b.id) {
            None => errors.push(format!(
                "error: claim `{}`: this run measured nothing for it (no {}/{}.json): is its check gone?",
                b.id,
                fresh_dir.display(),
                b.id
            )),
            Some(f) => {
                let c = policy::compare(b, f);
                if c.identical() {
                    identical += 1;
                } else if c.accepted() {
                    tolerated += 1;
                    println!("note: claim `{}`: measured on another machine; within the tolerance:\n{}", b.id, c.describe());
                } else {
                    errors.push(format!("error: claim `{}`: this run's evidence differs from the blessed evidence:\n{}", b.id, c.describe()));
                }
            }
        }
    }
    for id in fresh.keys() {
        if !blessed.iter().any(|b| &b.id == id) {
            errors.push(format!("error: claim `{id}` was measured but has no blessed evidence in {}", blessed_dir.display()));
        }
    }
    if errors.is_empty() {
        Ok(format!(
            "evidence: {} claims, all re-measured: {identical} identical to the blessed evidence, {tolerated} within the tolerance for another machine",
            blessed.len()
        ))
    } else {
        Err(errors.join("\n"))
    }
}

/// The `.stderr` files of `there` that differ from those of `here`, with a diff of each.
fn changed_cases(here: &Path, there: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for stem in proof::workspace::file_stems(here, "stderr")? {
        let a = std::fs::read_to_string(here.join(format!("{stem}.stderr"))).map_err(|e| e.to_string())?;
        let b = std::fs::read_to_string(there.join(format!("{stem}.stderr"))).unwrap_or_default();
        if a != b {
            let diff = similar::TextDiff::from_lines(&a, &b).unified_diff().header("pinned", "there").to_string();
            out.insert(stem, diff);
        }
    }
    Ok(out)
}

fn write_drift(toolchain: &str, describe: &str, fresh: &Path, ui: &Path, ui_there: &Path, out: &Path) -> Result<String, String> {
    let root = proof::workspace::root();
    let blessed = evidence::read_all(&root.join("src").join("measured"))?;
    let fresh_dir = fresh;
    let fresh = drift::read_fresh(fresh_dir)?;
    if fresh.is_empty() {
        return Err(format!(
            "drift: no check wrote evidence in {} (did the build fail under {toolchain}? see the test log); no report written",
            fresh_dir.display()
        ));
    }
    let cases = changed_cases(ui, ui_there)?;
    let not_judged = drift::read_not_judged(fresh_dir)?;
    let claims = drift::compare_all(&blessed, &fresh, &not_judged, &cases);
    let report = DriftReport {
        toolchain: toolchain.to_string(),
        describe: describe.to_string(),
        pinned: evidence::pinned_toolchain(root)?,
        date: today(),
        compiler_output: cases,
        claims,
    };
    let path: PathBuf = out.to_path_buf();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&path, report.to_json()).map_err(|e| format!("{}: {e}", path.display()))?;
    let flips = report.claims.iter().filter(|c| c.flipped).count();
    let moves = report.claims.iter().filter(|c| !c.flipped && c.is_news()).count();
    Ok(format!("drift report {}: {} claims, {flips} flipped, {moves} moved or changed output", path.display(), report.claims.len()))
}

/// Today's date in UTC, `YYYY-MM-DD` (from `date`, which every supported platform has).
fn today() -> String {
    std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%d"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".into())
}
