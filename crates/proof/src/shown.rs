//! Shown files: figures the book shows and never asserts (wall-clock timings, build times, peak memory),
//! one file per group, `src/measured/shown/<group>.json`.
//!
//! A file holds either the estimates of one criterion group ([`crate::wallclock`] writes those) or
//! arbitrary named figures with units: one [`Measurement`] per setting, each with its own profile
//! (`ci/build-cost.sh` writes such a file for the cold build of a lab under each LTO setting,
//! [`crate::build_cost`]). Both kinds share the stamp (toolchain, machine, load average, date) and the
//! preprocessor's renderer (`{{#shown <group>}}`).
//!
//! This module is the single definition of the format. Shown files live in a subdirectory of
//! `src/measured/`, out of the way of [`crate::evidence::read_all`], and out of the root package's
//! build-script watch (which skips `src/measured/`), so refreshing them rebuilds nothing.

use crate::evidence::ProfileRecord;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Map;
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
}
