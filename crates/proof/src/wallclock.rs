//! Wall-clock figures from criterion: shown in the book, never asserted.
//!
//! Timings move from run to run and from machine to machine, so they cannot be blessed evidence (CI
//! compares evidence byte for byte). `ci/wallclock.sh` runs the criterion bench targets of the
//! `measured-benches` package (behind its `wallclock` feature), reads criterion's
//! `target/criterion/<group>/<id>/new/{benchmark,estimates}.json` and writes one shown file per criterion
//! group ([`crate::shown`], the format), stamped with the toolchain, the profile, the machine and the date.

use crate::evidence::ProfileRecord;
use crate::shown::{Estimate, Machine, NOTE, Shown, valid_group};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The package whose criterion bench targets are run.
pub const PACKAGE: &str = "measured-benches";

/// The package feature that builds them: criterion is optional, so the instruction-count benches the
/// test suite builds do not compile it.
pub const FEATURE: &str = "wallclock";

/// The `bench` profile the benchmarks are compiled under: Cargo's release settings with the workspace's
/// `debug = true` (Gungraun needs the symbols; criterion shares the profile).
pub fn bench_profile() -> ProfileRecord {
    let mut settings = Map::new();
    settings.insert("opt-level".into(), Value::from(3));
    settings.insert("debug".into(), Value::from(true));
    settings.insert("lto".into(), Value::from(false));
    settings.insert("codegen-units".into(), Value::from(16));
    settings.insert("incremental".into(), Value::from(false));
    ProfileRecord { name: "bench".into(), settings }
}

/// One benchmark's results as criterion left them.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionResult {
    pub group: String,
    pub estimate: Estimate,
    pub confidence_level: f64,
    /// When criterion wrote the estimates.
    pub written: SystemTime,
}

/// Reads one criterion `new/` directory (`benchmark.json` and `estimates.json`).
pub fn read_criterion_dir(new_dir: &Path) -> Result<CriterionResult, String> {
    let read = |name: &str| -> Result<(Value, SystemTime), String> {
        let p = new_dir.join(name);
        let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
        let written = std::fs::metadata(&p).and_then(|m| m.modified()).map_err(|e| format!("{}: {e}", p.display()))?;
        Ok((v, written))
    };
    let (bench, _) = read("benchmark.json")?;
    let (est, written) = read("estimates.json")?;
    let at = |what: &str| format!("{}: no {what}", new_dir.display());
    let group = bench["group_id"].as_str().ok_or_else(|| at("group_id in benchmark.json"))?.to_string();
    // criterion's ID inside the group: function and parameter, whichever are present.
    let parts: Vec<&str> = [bench["function_id"].as_str(), bench["value_str"].as_str()].into_iter().flatten().collect();
    let id = if parts.is_empty() { group.clone() } else { parts.join("/") };
    let mean = &est["mean"];
    let num = |v: &Value, what: &str| v.as_f64().ok_or_else(|| at(what));
    Ok(CriterionResult {
        estimate: Estimate {
            id,
            mean_ns: round(num(&mean["point_estimate"], "mean.point_estimate in estimates.json")?),
            ci_low_ns: round(num(&mean["confidence_interval"]["lower_bound"], "mean.confidence_interval.lower_bound")?),
            ci_high_ns: round(num(&mean["confidence_interval"]["upper_bound"], "mean.confidence_interval.upper_bound")?),
        },
        confidence_level: num(&mean["confidence_interval"]["confidence_level"], "mean.confidence_interval.confidence_level")?,
        group,
        written,
    })
}

/// Nanoseconds to a tenth: criterion's estimates carry more digits than any run can repeat.
fn round(ns: f64) -> f64 {
    (ns * 10.0).round() / 10.0
}

/// Every criterion result under `criterion_dir` written at or after `since`, by group, each group in the
/// order criterion ran its benchmarks.
pub fn collect(criterion_dir: &Path, since: SystemTime) -> Result<Vec<(String, Vec<CriterionResult>)>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(format!("{}: {e}", dir.display())),
        };
        for entry in entries {
            let p = entry.map_err(|e| e.to_string())?.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n == "new") {
                    if p.join("benchmark.json").is_file() && p.join("estimates.json").is_file() {
                        out.push(p);
                    }
                } else if p.file_name().is_some_and(|n| n != "report") {
                    walk(&p, out)?;
                }
            }
        }
        Ok(())
    }
    let mut dirs = Vec::new();
    walk(criterion_dir, &mut dirs)?;
    let mut results = Vec::new();
    for d in dirs {
        let r = read_criterion_dir(&d)?;
        if r.written >= since {
            results.push(r);
        }
    }
    results.sort_by(|a, b| (a.written, &a.estimate.id).cmp(&(b.written, &b.estimate.id)));
    let mut groups: Vec<(String, Vec<CriterionResult>)> = Vec::new();
    for r in results {
        match groups.iter_mut().find(|(g, _)| *g == r.group) {
            Some((_, v)) => v.push(r),
            None => groups.push((r.group.clone(), vec![r])),
        }
    }
    Ok(groups)
}

/// A shown file for one group's fresh results.
pub fn shown(group: &str, results: &[CriterionResult], command: &str, harness: &str, machine: &Machine, date: &str) -> Result<Shown, String> {
    if !valid_group(group) {
        return Err(format!("criterion group `{group}` cannot name a shown file: use lowercase ASCII letters, digits, `_`, `-` and `.`"));
    }
    let levels: Vec<f64> = results.iter().map(|r| r.confidence_level).collect();
    let confidence_level = levels.first().copied().ok_or_else(|| format!("criterion group `{group}`: no results"))?;
    if levels.iter().any(|l| *l != confidence_level) {
        return Err(format!("criterion group `{group}`: its benchmarks use different confidence levels {levels:?}"));
    }
    let tc = crate::toolchain::current();
    Ok(Shown {
        group: group.to_string(),
        title: None,
        note: NOTE.to_string(),
        rustc: tc.release.clone(),
        toolchain: tc.describe.clone(),
        target: tc.host.clone(),
        profile: Some(bench_profile()),
        harness: harness.to_string(),
        command: command.to_string(),
        machine: machine.clone(),
        date: date.to_string(),
        confidence_level: Some(confidence_level),
        benchmarks: results.iter().map(|r| r.estimate.clone()).collect(),
        measurements: Vec::new(),
    })
}

/// The criterion bench targets of [`PACKAGE`] (those whose source calls `criterion_main!`), from
/// `cargo metadata`'s JSON: name and source text, sorted by name.
pub fn criterion_benches(metadata: &Value) -> Vec<(String, String)> {
    let Some(packages) = metadata["packages"].as_array() else { return Vec::new() };
    let mut out: Vec<(String, String)> = packages
        .iter()
        .filter(|p| p["name"] == PACKAGE)
        .flat_map(|p| p["targets"].as_array().cloned().unwrap_or_default())
        .filter(|t| t["kind"].as_array().is_some_and(|k| k.iter().any(|k| k == "bench")))
        .filter_map(|t| {
            let src = t["src_path"].as_str().and_then(|p| std::fs::read_to_string(p).ok())?;
            Some((t["name"].as_str()?.to_string(), src))
        })
        .filter(|(_, src)| src.contains("criterion_main!"))
        .collect();
    out.sort();
    out
}

/// The bench target an argument of `ci/wallclock.sh` names: a criterion bench target, or a criterion
/// group that exactly one target's source names as a string literal (`"hashing_wallclock"`).
pub fn resolve_bench(arg: &str, benches: &[(String, String)]) -> Result<String, String> {
    if benches.iter().any(|(name, _)| name == arg) {
        return Ok(arg.to_string());
    }
    let quoted = format!("\"{arg}\"");
    let naming: Vec<&String> = benches.iter().filter(|(_, src)| src.contains(&quoted)).map(|(name, _)| name).collect();
    let names = || benches.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", ");
    match naming.as_slice() {
        [one] => Ok(one.to_string()),
        [] => Err(format!("`{arg}` is neither a criterion bench target of `{PACKAGE}` nor a group one of them names; the targets are: {}", names())),
        several => Err(format!(
            "`{arg}` is named by several criterion bench targets ({}): name the target",
            several.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// Runs the criterion bench targets `benches` of [`PACKAGE`] (all of them when empty), one after the other,
/// and writes a shown file for every group each one measured. Returns the files written.
///
/// `cargo` runs with the harness's clean environment, so no `RUSTFLAGS` or `CARGO_PROFILE_*` changes the
/// profile the files state.
#[cfg(feature = "inspect")]
pub fn run(benches: &[String]) -> Result<Vec<PathBuf>, String> {
    use crate::shown::{machine, shown_dir, shown_path, utc_date};
    use crate::workspace;
    let root = workspace::root();
    let target = workspace::target_dir();
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let harness = match workspace::version_in_lock(&lock, "criterion") {
        Some(v) => format!("criterion {v}"),
        None => return Err("Cargo.lock has no `criterion` package: add it to benches/Cargo.toml".into()),
    };
    let meta = crate::lab::clean_cargo(root)
        .args(["metadata", "--locked", "--no-deps", "--format-version", "1"])
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    if !meta.status.success() {
        return Err(format!("cargo metadata failed:\n{}", String::from_utf8_lossy(&meta.stderr)));
    }
    let meta: Value = serde_json::from_slice(&meta.stdout).map_err(|e| format!("cargo metadata: {e}"))?;
    let known = criterion_benches(&meta);
    if known.is_empty() {
        return Err(format!("package `{PACKAGE}` has no criterion bench target (a [[bench]] whose source calls `criterion_main!`)"));
    }
    let mut selected: Vec<String> = Vec::new();
    if benches.is_empty() {
        selected = known.iter().map(|(n, _)| n.clone()).collect();
    }
    for arg in benches {
        let b = resolve_bench(arg, &known)?;
        if !selected.contains(&b) {
            selected.push(b);
        }
    }
    let machine = machine();
    let out_dir = shown_dir(root);
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let mut written = Vec::new();
    for bench in &selected {
        let command = format!("cargo bench -p {PACKAGE} --features {FEATURE} --bench {bench}");
        eprintln!("wallclock: {command}");
        let since = SystemTime::now();
        let status = crate::lab::clean_cargo(root)
            .args(["bench", "--locked", "-p", PACKAGE, "--features", FEATURE, "--bench", bench, "--target-dir"])
            .arg(&target)
            .env("CARGO_TARGET_DIR", &target)
            .args(["--", "--noplot"])
            .status()
            .map_err(|e| format!("cannot run `{command}`: {e}"))?;
        if !status.success() {
            return Err(format!("`{command}` failed ({status})"));
        }
        let groups = collect(&target.join("criterion"), since)?;
        if groups.is_empty() {
            return Err(format!("`{command}` left no criterion results under {}", target.join("criterion").display()));
        }
        let date = utc_date(SystemTime::now());
        for (group, results) in groups {
            let s = shown(&group, &results, &command, &harness, &machine, &date)?;
            let path = shown_path(root, &group);
            std::fs::write(&path, s.to_json()).map_err(|e| format!("{}: {e}", path.display()))?;
            written.push(path);
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shown::list;
    use std::time::Duration;

    #[test]
    fn reads_criterion_results_and_groups_them_in_run_order() {
        let dir = std::env::temp_dir().join(format!("proof-wallclock-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let write = |rel: &str, text: &str| {
            let p = dir.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        let est = |mean: f64| {
            format!(
                r#"{{"mean":{{"confidence_interval":{{"confidence_level":0.95,"lower_bound":{},"upper_bound":{}}},"point_estimate":{mean},"standard_error":1.0}},"median":{{}}}}"#,
                mean - 1.04,
                mean + 2.06
            )
        };
        let before = SystemTime::now() - Duration::from_secs(5);
        write(
            "g/std_siphash/1000/new/benchmark.json",
            r#"{"group_id":"g","function_id":"std_siphash","value_str":"1000","throughput":null,"full_id":"g/std_siphash/1000","directory_name":"g/std_siphash/1000","title":"g/std_siphash/1000"}"#,
        );
        write("g/std_siphash/1000/new/estimates.json", &est(20000.123));
        write("g/std_siphash/1000/base/benchmark.json", "not read");
        write("h/16/new/benchmark.json", r#"{"group_id":"h","function_id":null,"value_str":"16","throughput":null}"#);
        write("h/16/new/estimates.json", &est(5.0));
        std::thread::sleep(Duration::from_millis(20));
        write("g/fxhash/1000/new/benchmark.json", r#"{"group_id":"g","function_id":"fxhash","value_str":"1000","throughput":null}"#);
        write("g/fxhash/1000/new/estimates.json", &est(9000.0));
        let groups = collect(&dir, before).unwrap();
        let summary: Vec<(String, Vec<String>)> =
            groups.iter().map(|(g, rs)| (g.clone(), rs.iter().map(|r| r.estimate.id.clone()).collect())).collect();
        assert_eq!(
            summary,
            [("g".to_string(), vec!["std_siphash/1000".to_string(), "fxhash/1000".to_string()]), ("h".to_string(), vec!["16".to_string()])]
        );
        assert_eq!(groups[0].1[0].estimate, Estimate { id: "std_siphash/1000".into(), mean_ns: 20000.1, ci_low_ns: 19999.1, ci_high_ns: 20002.2 });
        assert_eq!(groups[0].1[0].confidence_level, 0.95);
        // Results older than the run are left out.
        assert!(collect(&dir, SystemTime::now() + Duration::from_secs(60)).unwrap().is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn shown_files_round_trip_and_must_match_their_name() {
        let machine = Machine { cpu: "Test CPU".into(), cores: 2, os: "Linux".into(), load_average: "0.1 0.2 0.3".into() };
        let r = CriterionResult {
            group: "g".into(),
            estimate: Estimate { id: "a".into(), mean_ns: 1.5, ci_low_ns: 1.0, ci_high_ns: 2.0 },
            confidence_level: 0.95,
            written: SystemTime::now(),
        };
        let s = shown("g", std::slice::from_ref(&r), "cargo bench -p measured-benches --bench x", "criterion 0.8.2", &machine, "2026-05-01").unwrap();
        assert_eq!(s.note, NOTE);
        assert_eq!(s.machine_text(), "Test CPU, 2 cores, Linux");
        let dir = std::env::temp_dir().join(format!("proof-shown-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("g.json"), s.to_json()).unwrap();
        assert_eq!(Shown::read(&dir.join("g.json")).unwrap(), s);
        std::fs::write(dir.join("other.json"), s.to_json()).unwrap();
        assert!(Shown::read(&dir.join("other.json")).unwrap_err().contains("must be named g.json"));
        assert_eq!(list(&dir).unwrap(), ["g", "other"]);
        assert!(shown("Bad/Name", &[r], "", "", &machine, "").unwrap_err().contains("cannot name a shown file"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn arguments_name_bench_targets_or_their_groups() {
        let benches = [
            ("wallclock_hashing".to_string(), "c.benchmark_group(\"hashing_wallclock\");".to_string()),
            ("actors_throughput".to_string(), "c.benchmark_group(\"actors_throughput\");".to_string()),
        ];
        assert_eq!(resolve_bench("wallclock_hashing", &benches).unwrap(), "wallclock_hashing");
        assert_eq!(resolve_bench("hashing_wallclock", &benches).unwrap(), "wallclock_hashing");
        assert_eq!(resolve_bench("actors_throughput", &benches).unwrap(), "actors_throughput");
        assert!(resolve_bench("nothing", &benches).unwrap_err().contains("the targets are: wallclock_hashing, actors_throughput"));
    }
}
