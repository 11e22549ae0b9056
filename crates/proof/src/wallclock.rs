//! Wall-clock figures: shown in the book, never asserted.
//!
//! Timings move from run to run and from machine to machine, so they cannot be blessed evidence (CI
//! compares evidence byte for byte). `ci/wallclock.sh` runs the criterion bench targets of the
//! `measured-benches` package, reads criterion's `target/criterion/<group>/<id>/new/{benchmark,estimates}.json`
//! and writes one file per criterion group, `src/measured/shown/<group>.json`, stamped with the toolchain,
//! the profile, the machine and the date. The book's preprocessor renders `{{#shown <group>}}` from it.
//!
//! A shown file can also carry arbitrary named figures with units instead of criterion estimates: one
//! [`Measurement`] per setting, each with its own profile. `ci/build-cost.sh` writes such a file for the
//! cold build of a lab under each LTO setting ([`crate::build_cost`]): wall time, CPU time, parallelism and peak
//! memory. Both kinds share the stamp (toolchain, machine, load average, date) and the renderer.
//!
//! This module is the single definition of the shown-file format. Shown files live in a subdirectory of
//! `src/measured/`, out of the way of [`crate::evidence::read_all`], and out of the root package's
//! build-script watch (which skips `src/measured/`), so refreshing them rebuilds nothing.

use crate::evidence::ProfileRecord;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The package whose criterion bench targets are run.
pub const PACKAGE: &str = "measured-benches";

/// The package feature that builds them: criterion is optional, so the instruction-count benches the
/// test suite builds do not compile it.
pub const FEATURE: &str = "wallclock";

/// The note every wall-clock shown file carries.
pub const NOTE: &str = "shown, not asserted: wall-clock timings vary from run to run and from machine to machine; \
                        no check compares them and CI does not produce them";

/// The note a shown file of measurements (build time, memory) carries.
pub const NOTE_MEASURED: &str = "shown, not asserted: build times and memory use vary from run to run and from machine to \
                                 machine; no check compares them and CI does not produce them";

/// A shown file: the wall-clock estimates of one criterion group, or a set of measurements with named
/// figures ([`Shown::measurements`]).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Shown {
    /// The criterion group (`c.benchmark_group("…")`) or the measurement set's name, also the file's name.
    pub group: String,
    /// What was measured, in words (measurement sets; criterion groups have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// [`NOTE`] or [`NOTE_MEASURED`]: these figures are shown, not asserted.
    pub note: String,
    /// The release from `rustc -vV` ("1.95.0").
    pub rustc: String,
    /// `rustc -V` and the LLVM version ("rustc 1.95.0 (59807616e 2026-04-14), LLVM 22.1.2").
    pub toolchain: String,
    pub target: String,
    /// The Cargo profile the bench target was compiled under (measurement sets: none; each measurement
    /// has its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<ProfileRecord>,
    /// The benchmark harness and its version, from Cargo.lock ("criterion 0.8.2"), or the measuring tool.
    pub harness: String,
    /// The command that measured the group.
    pub command: String,
    pub machine: Machine,
    /// The day of the measurement, UTC (`YYYY-MM-DD`).
    pub date: String,
    /// The confidence level of the intervals (criterion's default: 0.95); none for measurement sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence_level: Option<f64>,
    /// One entry per benchmark of the group, in the order criterion ran them (empty for measurement sets).
    #[serde(default)]
    pub benchmarks: Vec<Estimate>,
    /// Named figures, one entry per setting measured (empty for criterion groups).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measurements: Vec<Measurement>,
}

/// One setting's figures in a measurement set.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Measurement {
    /// The setting, as the table and charts label it ("lto = \"fat\"").
    pub id: String,
    /// The profile the measured build used.
    pub profile: ProfileRecord,
    /// In display order; every measurement of a file has the same names and units, in the same order.
    pub figures: Vec<Figure>,
    /// /proc/loadavg's 1, 5 and 15 minute averages just before this measurement (on a shared machine,
    /// other work shows here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_average_before: Option<String>,
}

/// A named figure with its unit.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Figure {
    /// "wall time".
    pub name: String,
    /// "s", "MiB", "×"…: figures with the same unit share a chart.
    pub unit: String,
    pub value: f64,
    /// Shown in the table only, not charted (a ratio of two charted figures, say).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub table_only: bool,
}

/// Facts about the machine that measured.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Machine {
    /// `model name` from /proc/cpuinfo ("Intel(R) Xeon(R) Processor").
    pub cpu: String,
    /// Logical CPUs available to the process.
    pub cores: u64,
    /// The distribution (`PRETTY_NAME` of /etc/os-release) and the kernel ("Debian GNU/Linux 12 (bookworm), Linux 6.1.0").
    pub os: String,
    /// /proc/loadavg's 1, 5 and 15 minute load averages just before the run (other work on a shared machine
    /// shows here).
    pub load_average: String,
}

/// Criterion's estimate of one benchmark's mean time per iteration, with its confidence interval.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Estimate {
    /// The benchmark's ID inside its group ("fxhash/1000").
    pub id: String,
    pub mean_ns: f64,
    pub ci_low_ns: f64,
    pub ci_high_ns: f64,
}

impl Shown {
    /// The canonical text of a shown file: pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("shown figures serialize");
        s.push('\n');
        s
    }

    pub fn read(path: &Path) -> Result<Shown, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let shown: Shown = serde_json::from_str(&text).map_err(|e| format!("{}: not a valid shown file: {e}", path.display()))?;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if stem != shown.group {
            return Err(format!("{}: holds the group `{}`; the file must be named {}.json", path.display(), shown.group, shown.group));
        }
        shown.validate().map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(shown)
    }

    /// A file holds either criterion estimates (with their confidence level) or measurements, and every
    /// measurement has the same figures, with the same units, in the same order.
    pub fn validate(&self) -> Result<(), String> {
        match (self.benchmarks.is_empty(), self.measurements.is_empty()) {
            (true, true) => return Err("no benchmarks and no measurements".into()),
            (false, false) => return Err("both benchmarks and measurements: a shown file holds one kind".into()),
            (false, true) if self.confidence_level.is_none() => return Err("criterion estimates without a confidence_level".into()),
            _ => {}
        }
        let shape = |m: &Measurement| m.figures.iter().map(|f| (f.name.clone(), f.unit.clone())).collect::<Vec<_>>();
        if let Some(first) = self.measurements.first() {
            if first.figures.is_empty() {
                return Err(format!("measurement `{}` has no figures", first.id));
            }
            for m in &self.measurements[1..] {
                if shape(m) != shape(first) {
                    return Err(format!("measurement `{}` does not have the figures (names and units) of `{}`", m.id, first.id));
                }
            }
            if let Some(f) = self.measurements.iter().flat_map(|m| &m.figures).find(|f| !f.value.is_finite()) {
                return Err(format!("figure `{}` is not a finite number", f.name));
            }
        }
        Ok(())
    }

    /// The names and units of the figures of a measurement set, in order.
    pub fn figure_columns(&self) -> Vec<(String, String)> {
        self.measurements.first().map(|m| m.figures.iter().map(|f| (f.name.clone(), f.unit.clone())).collect()).unwrap_or_default()
    }

    /// "Intel(R) Xeon(R) Processor, 2 cores, Debian GNU/Linux 12 (bookworm), Linux 6.1.0"
    pub fn machine_text(&self) -> String {
        format!("{}, {} cores, {}", self.machine.cpu, self.machine.cores, self.machine.os)
    }
}

/// `src/measured/shown` under `root`.
pub fn shown_dir(root: &Path) -> PathBuf {
    root.join("src").join("measured").join("shown")
}

/// `src/measured/shown/<group>.json` under `root`.
pub fn shown_path(root: &Path, group: &str) -> PathBuf {
    shown_dir(root).join(format!("{group}.json"))
}

/// Group names become file names and directive arguments: lowercase ASCII letters, digits, `_`, `-`
/// and `.`, starting with a letter or digit.
pub fn valid_group(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.'))
}

/// The groups that have a shown file in `dir`, sorted.
pub fn list(dir: &Path) -> Result<Vec<String>, String> {
    crate::workspace::file_stems(dir, "json")
}

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

/// The version of `package` in a Cargo.lock text.
pub fn locked_version(lock: &str, package: &str) -> Option<String> {
    let want = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == want {
            return lines.next().and_then(|v| v.trim().strip_prefix("version = ")).map(|v| v.trim_matches('"').to_string());
        }
    }
    None
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

/// The machine this runs on, from /proc and /etc/os-release (Linux; elsewhere the facts say "unknown").
pub fn machine() -> Machine {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let cpuinfo = read("/proc/cpuinfo");
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name").and_then(|r| r.trim_start().strip_prefix(':')).map(|v| v.trim().to_string()))
        .unwrap_or_else(|| format!("unknown {} CPU", std::env::consts::ARCH));
    let cores = std::thread::available_parallelism().map(|n| n.get() as u64).unwrap_or(0);
    let distro = read("/etc/os-release")
        .lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME=").map(|v| v.trim().trim_matches('"').to_string()))
        .unwrap_or_else(|| std::env::consts::OS.to_string());
    let kernel = read("/proc/sys/kernel/osrelease").trim().to_string();
    let os = if kernel.is_empty() { distro } else { format!("{distro}, Linux {kernel}") };
    let load_average = read("/proc/loadavg").split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    Machine { cpu, cores, os, load_average: if load_average.is_empty() { "unknown".into() } else { load_average } }
}

/// `YYYY-MM-DD` (UTC) of a time.
pub fn utc_date(t: SystemTime) -> String {
    let secs = t.duration_since(SystemTime::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    // Howard Hinnant's days-to-civil algorithm.
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
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
    use crate::workspace;
    let root = workspace::root();
    let target = workspace::target_dir();
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let harness = match locked_version(&lock, "criterion") {
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
    use std::time::Duration;

    #[test]
    fn dates_are_utc_days() {
        let at = |s: u64| utc_date(SystemTime::UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(at(0), "1970-01-01");
        assert_eq!(at(951_782_400), "2000-02-29");
        assert_eq!(at(1_709_251_199), "2024-02-29");
        assert_eq!(at(1_776_124_800), "2026-04-14");
    }

    #[test]
    fn group_names() {
        assert!(valid_group("hashing_wallclock") && valid_group("actors_throughput") && valid_group("a.b-c"));
        assert!(!valid_group("") && !valid_group("Hashing") && !valid_group("a/b") && !valid_group(".x") && !valid_group("a b"));
    }

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
    fn files_written_before_measurement_sets_read_and_write_back_unchanged() {
        let old = r#"{
  "group": "g",
  "note": "n",
  "rustc": "1.95.0",
  "toolchain": "rustc 1.95.0 (59807616e 2026-04-14), LLVM 22.1.2",
  "target": "x86_64-unknown-linux-gnu",
  "profile": {
    "name": "bench",
    "settings": {
      "opt-level": 3
    }
  },
  "harness": "criterion 0.8.2",
  "command": "cargo bench",
  "machine": {
    "cpu": "Test CPU",
    "cores": 2,
    "os": "Linux",
    "load_average": "0.1 0.2 0.3"
  },
  "date": "2026-05-01",
  "confidence_level": 0.95,
  "benchmarks": [
    {
      "id": "a",
      "mean_ns": 1.5,
      "ci_low_ns": 1.0,
      "ci_high_ns": 2.0
    }
  ]
}
"#;
        let s: Shown = serde_json::from_str(old).unwrap();
        assert!(s.validate().is_ok() && s.measurements.is_empty() && s.title.is_none());
        assert_eq!(s.to_json(), old);
    }

    #[test]
    fn measurement_sets_round_trip_and_are_validated() {
        let machine = Machine { cpu: "Test CPU".into(), cores: 2, os: "Linux".into(), load_average: "0.1 0.2 0.3".into() };
        let fig = |name: &str, unit: &str, value: f64| Figure { name: name.into(), unit: unit.into(), value, table_only: false };
        let m = |id: &str, wall: f64| Measurement {
            id: id.into(),
            profile: ProfileRecord { name: "release".into(), settings: Map::new() },
            figures: vec![fig("wall time", "s", wall), Figure { table_only: true, ..fig("ratio", "×", 1.5) }],
            load_average_before: Some("1.00 0.50 0.25".into()),
        };
        let mut s = Shown {
            group: "lab_build_cost".into(),
            title: Some("A cold build".into()),
            note: NOTE_MEASURED.into(),
            rustc: "1.95.0".into(),
            toolchain: "rustc 1.95.0".into(),
            target: "x86_64-unknown-linux-gnu".into(),
            profile: None,
            harness: "cargo".into(),
            command: "ci/build-cost.sh".into(),
            machine,
            date: "2026-05-01".into(),
            confidence_level: None,
            benchmarks: Vec::new(),
            measurements: vec![m("a", 1.0), m("b", 2.5)],
        };
        let json = s.to_json();
        assert!(!json.contains("\"profile\": null") && !json.contains("confidence_level") && json.contains("\"table_only\": true"));
        assert_eq!(serde_json::from_str::<Shown>(&json).unwrap(), s);
        assert_eq!(s.figure_columns(), [("wall time".to_string(), "s".to_string()), ("ratio".to_string(), "×".to_string())]);
        s.measurements[1].figures[0].unit = "ms".into();
        assert!(s.validate().unwrap_err().contains("does not have the figures (names and units) of `a`"));
        s.measurements.clear();
        assert_eq!(s.validate().unwrap_err(), "no benchmarks and no measurements");
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

    #[test]
    fn locked_versions() {
        let lock = "[[package]]\nname = \"criterion\"\nversion = \"0.8.2\"\n\n[[package]]\nname = \"criterion-plot\"\nversion = \"0.8.2\"\n";
        assert_eq!(locked_version(lock, "criterion").as_deref(), Some("0.8.2"));
        assert_eq!(locked_version(lock, "gungraun"), None);
    }
}
