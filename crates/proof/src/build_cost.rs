//! The cost of building: CPU time and peak memory of cold builds of a lab, from the kernel's accounting
//! of the cargo process and every process it waited for (`wait4`).
//!
//! Two uses, one measurement:
//! - **shown** ([`shown`], `ci/build-cost.sh`): the workload lab under each LTO setting, written to
//!   `src/measured/shown/<lab>_build_cost.json` and drawn in the book, never asserted;
//! - **asserted as a wide ordering** ([`ordering`], [`is_wide`]): the rule of Methodology for
//!   build-time statements. Each setting is built [`RUNS`] times from scratch; the slower setting holds
//!   its place only when its *fastest* run costs at least [`WIDE`] times the faster setting's *slowest*
//!   run. The figures (seconds, MiB) are shown in the box and never compared between runs: a claim of kind
//!   [`crate::Kind::BuildCost`] compares its verdict only (see [`crate::policy`]).
//!
//! Each build is of the lab's crates alone, from scratch in a target directory of its own under
//! `target/build-cost/`, removed before every run, with the harness's clean environment and the profile
//! on the command line, as [`crate::lab`] builds it. The standard library is precompiled and the labs have
//! no registry dependencies, so a cold build compiles only the lab's own crates.

use crate::evidence::ProfileRecord;
use crate::profile::{Base, Profile};
use crate::shown::{self, Figure, Machine, Measurement, NOTE_MEASURED, Shown};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

/// Cold builds per setting; the median run is shown.
pub const RUNS: usize = 3;

/// The five settings of the LTO part, with the profile names its checks use.
pub fn lto_settings() -> Vec<(&'static str, Profile)> {
    let lto = |name: &str, v: &str| Profile::custom(name, Base::Release).lto(v);
    vec![
        ("lto = false (default)", Profile::release()),
        ("lto = \"off\"", lto("release-lto-off", "off")),
        ("lto = \"thin\"", lto("release-thin", "thin")),
        ("lto = \"fat\"", lto("release-fat", "fat")),
        ("codegen-units = 1", lto("release-cgu1", "false").codegen_units(1)),
    ]
}

/// What the kernel accounted for a finished process and the descendants it waited for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usage {
    pub wall: Duration,
    pub user: Duration,
    pub system: Duration,
    /// The largest resident set of the process or any one of its waited-for descendants, in KiB.
    pub max_rss_kib: u64,
}

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
mod sys {
    /// `struct timeval` and `struct rusage` of 64-bit Linux.
    #[repr(C)]
    pub struct Timeval {
        pub sec: i64,
        pub usec: i64,
    }
    #[repr(C)]
    pub struct Rusage {
        pub utime: Timeval,
        pub stime: Timeval,
        pub maxrss: i64,
        pub rest: [i64; 13],
    }
    unsafe extern "C" {
        pub fn wait4(pid: i32, status: *mut i32, options: i32, rusage: *mut Rusage) -> i32;
    }
}

/// Runs `cmd` to completion and returns whether it succeeded, its stderr and its resource usage.
#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
pub fn run_measured(cmd: &mut std::process::Command) -> Result<(bool, String, Usage), String> {
    use std::io::Read;
    let start = Instant::now();
    let mut child =
        cmd.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::piped()).spawn().map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    // Read stderr on a thread, so a chatty build cannot block on a full pipe while we wait.
    let mut pipe = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = pipe.read_to_string(&mut text);
        text
    });
    let pid = child.id() as i32;
    let mut status = 0i32;
    let mut usage = std::mem::MaybeUninit::<sys::Rusage>::zeroed();
    // SAFETY: `pid` is our own child, not yet reaped (std's Child is never waited on after this), and
    // both pointers are valid for writes of their types.
    let r = unsafe { sys::wait4(pid, &mut status, 0, usage.as_mut_ptr()) };
    let wall = start.elapsed();
    if r != pid {
        return Err(format!("wait4 failed for {cmd:?}: {}", std::io::Error::last_os_error()));
    }
    // SAFETY: wait4 filled the struct (it returned the pid).
    let usage = unsafe { usage.assume_init() };
    let stderr = reader.join().unwrap_or_default();
    // Exited normally with status 0: WIFEXITED(status) && WEXITSTATUS(status) == 0.
    let ok = status & 0x7f == 0 && (status >> 8) & 0xff == 0;
    let d = |t: &sys::Timeval| Duration::from_secs(t.sec as u64) + Duration::from_micros(t.usec as u64);
    Ok((ok, stderr, Usage { wall, user: d(&usage.utime), system: d(&usage.stime), max_rss_kib: usage.maxrss as u64 }))
}

#[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
pub fn run_measured(_: &mut std::process::Command) -> Result<(bool, String, Usage), String> {
    Err("build costs are measured with wait4's resource usage, which this tool reads on 64-bit Linux only".into())
}

/// Seconds to a hundredth, MiB to a tenth, ratios to a hundredth: more digits than a run can repeat
/// would only be noise.
fn round(v: f64, places: i32) -> f64 {
    let m = 10f64.powi(places);
    (v * m).round() / m
}

/// The figures of one measured build.
pub fn figures(u: &Usage) -> Vec<Figure> {
    let cpu = (u.user + u.system).as_secs_f64();
    let wall = u.wall.as_secs_f64();
    let fig = |name: &str, unit: &str, value: f64| Figure { name: name.into(), unit: unit.into(), value, table_only: false };
    vec![
        fig("wall time", "s", round(wall, 2)),
        fig("CPU time (user + system)", "s", round(cpu, 2)),
        Figure { table_only: true, ..fig("CPU time / wall time", "×", if wall > 0.0 { round(cpu / wall, 2) } else { 0.0 }) },
        fig("peak memory of the largest process", "MiB", round(u.max_rss_kib as f64 / 1024.0, 1)),
    ]
}

fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let three = text.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    if three.is_empty() { "unknown".into() } else { three }
}

/// Builds `lab` cold under every setting, one after the other, and writes
/// `src/measured/shown/<lab>_build_cost.json`. Returns the file written.
pub fn shown(lab: &str, settings: &[(&str, Profile)]) -> Result<PathBuf, String> {
    let root = crate::workspace::root();
    let dir = crate::lab::lab_dir(lab);
    let machine: Machine = shown::machine();
    // runs[setting] = (load average before, usage) of each run; the settings take turns, so a burst of
    // load from elsewhere on a shared machine does not fall on one setting's runs only.
    let mut runs: Vec<Vec<(String, Usage)>> = vec![Vec::new(); settings.len()];
    for round in 1..=RUNS {
        for (i, (label, profile)) in settings.iter().enumerate() {
            let target = crate::workspace::target_dir().join("build-cost").join(lab).join(profile.name());
            remove_dir(&target)?;
            let mut cmd = crate::lab::clean_cargo(&dir);
            cmd.args(["build", "--locked", "--bin", "app"]).args(profile.cargo_args()).arg("--target-dir").arg(&target);
            let load = load_average();
            let (ok, stderr, usage) = run_measured(&mut cmd)?;
            if !ok {
                return Err(format!("the cold build of lab `{lab}` under profile `{}` failed:\n{stderr}", profile.name()));
            }
            eprintln!(
                "build-cost: {lab}, {label}, run {round}/{RUNS} (load average before: {load}): {:.2} s wall, {:.2} s CPU, {} KiB peak",
                usage.wall.as_secs_f64(),
                (usage.user + usage.system).as_secs_f64(),
                usage.max_rss_kib
            );
            runs[i].push((load, usage));
        }
    }
    let mut measurements = Vec::new();
    for ((label, profile), mut runs) in settings.iter().zip(runs) {
        runs.sort_by_key(|a| a.1.wall);
        let (load, usage) = runs.swap_remove(runs.len() / 2);
        measurements.push(Measurement {
            id: label.to_string(),
            profile: profile.record(),
            figures: figures(&usage),
            load_average_before: Some(load),
        });
    }
    let group = format!("{lab}_build_cost");
    let tc = crate::toolchain::current();
    let shown = Shown {
        group: group.clone(),
        title: Some(format!(
            "A cold build of the {lab} lab's program (cargo build --bin app: its crates, from scratch) under each setting; the median of {RUNS} runs"
        )),
        note: NOTE_MEASURED.to_string(),
        rustc: tc.release.clone(),
        toolchain: tc.describe.clone(),
        target: tc.host.clone(),
        profile: None,
        harness: format!("cargo {}, timed by wait4's resource usage of cargo and the processes it waited for", cargo_version(root)),
        command: "ci/build-cost.sh".into(),
        machine,
        date: shown::utc_date(SystemTime::now()),
        confidence_level: None,
        benchmarks: Vec::new(),
        measurements,
    };
    shown.validate()?;
    let path = shown::shown_path(root, &group);
    std::fs::create_dir_all(path.parent().unwrap()).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(&path, shown.to_json()).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

fn remove_dir(dir: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("cannot remove {}: {e}", dir.display())),
    }
}

/// `cargo -V`'s version ("1.95.0").
fn cargo_version(root: &Path) -> String {
    crate::lab::clean_cargo(root)
        .arg("-V")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.split_whitespace().nth(1).map(str::to_string))
        .unwrap_or_else(|| "(unknown version)".into())
}

/// How many times wider than the other the slower setting's cost must be for an ordering to hold.
pub const WIDE: f64 = crate::policy::WIDE_ORDERING;

/// What an ordering compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    /// CPU time (user and system) of cargo and every process it waited for, in seconds: the load of
    /// other tests on the machine moves it far less than wall time.
    Cpu,
    /// The largest resident set of any one process of the build (the biggest rustc), in MiB.
    Memory,
}

impl Resource {
    fn of(self, u: &Usage) -> f64 {
        match self {
            Resource::Cpu => round((u.user + u.system).as_secs_f64(), 2),
            Resource::Memory => round(u.max_rss_kib as f64 / 1024.0, 1),
        }
    }

    fn unit(self) -> &'static str {
        match self {
            Resource::Cpu => "CPU s",
            Resource::Memory => "peak MiB",
        }
    }
}

/// One setting of a cold build: a label for the box, cargo's arguments, and the profile (none: cargo's
/// own default for the command).
#[derive(Clone, Debug)]
pub struct Build {
    pub label: String,
    pub args: Vec<String>,
    pub profile: Option<Profile>,
}

impl Build {
    pub fn new(label: &str, args: &[&str], profile: Option<Profile>) -> Build {
        Build { label: label.into(), args: args.iter().map(|a| a.to_string()).collect(), profile }
    }

    /// Cargo's full argument list.
    fn cargo_args(&self) -> Vec<String> {
        let mut all = self.args.clone();
        if let Some(p) = &self.profile {
            all.extend(p.cargo_args());
        }
        all
    }

    fn record(&self) -> ProfileRecord {
        match &self.profile {
            Some(p) => p.record(),
            None => ProfileRecord::named("cargo's default", &[]),
        }
    }
}

/// The [`RUNS`] cold builds of `lab` under `build`, measured once per process and kept across processes
/// while the toolchain, the lab's files and the arguments are unchanged ([`crate::stamp::memo`]).
pub fn cold(lab: &str, build: &Build) -> Vec<Usage> {
    use std::collections::BTreeMap;
    use std::sync::{Mutex, OnceLock};
    static DONE: OnceLock<Mutex<BTreeMap<String, Vec<Usage>>>> = OnceLock::new();
    let args = build.cargo_args();
    let key = format!("{lab} {}", args.join(" "));
    crate::provenance::note(format!("cold builds of lab {lab}: cargo {}", args.join(" ")));
    let done = DONE.get_or_init(Default::default);
    // One build at a time in this process: two cold builds side by side would slow each other.
    let mut done = done.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(u) = done.get(&key) {
        return u.clone();
    }
    let stamp_key =
        format!("{}\n{}\n{key}", serde_json::to_string(&crate::environment::toolchain_key()).expect("toolchain key"), crate::lab::source_digest(lab));
    let name =
        format!("{lab}-{}", crate::environment::digest_of_text(&key).chars().filter(char::is_ascii_hexdigit).rev().take(16).collect::<String>());
    let text = crate::stamp::memo("build-cost", &name, &stamp_key, || {
        let dir = crate::lab::lab_dir(lab);
        // One folder per process: two test processes measuring the same build never share one.
        let target = crate::workspace::target_dir().join("build-cost").join("asserted").join(format!("{name}-{}", std::process::id()));
        let mut runs = Vec::new();
        for run in 1..=RUNS {
            remove_dir(&target).unwrap_or_else(|e| panic!("{e}"));
            let mut cmd = crate::lab::clean_cargo(&dir);
            cmd.args(&args).arg("--target-dir").arg(&target);
            let (ok, stderr, usage) = run_measured(&mut cmd).unwrap_or_else(|e| panic!("{e}"));
            assert!(ok, "the cold build of lab `{lab}` (cargo {}) failed:\n{stderr}", args.join(" "));
            eprintln!(
                "build cost: {lab}, {}, run {run}/{RUNS}: {:.2} s CPU, {} KiB peak",
                build.label,
                (usage.user + usage.system).as_secs_f64(),
                usage.max_rss_kib
            );
            runs.push(usage);
        }
        let _ = remove_dir(&target);
        serde_json::to_string(
            &runs
                .iter()
                .map(|u| [u.wall.as_micros() as u64, u.user.as_micros() as u64, u.system.as_micros() as u64, u.max_rss_kib])
                .collect::<Vec<_>>(),
        )
        .expect("usages serialize")
    });
    let runs: Vec<[u64; 4]> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("proof: a kept build cost is unreadable ({e}): {text}"));
    let usages: Vec<Usage> = runs
        .into_iter()
        .map(|[wall, user, system, max_rss_kib]| Usage {
            wall: Duration::from_micros(wall),
            user: Duration::from_micros(user),
            system: Duration::from_micros(system),
            max_rss_kib,
        })
        .collect();
    done.insert(key, usages.clone());
    usages
}

/// The figure names of an ordering (the predicate [`is_wide`] reads the first two).
pub const SLOWER_BEST: &str = "slower setting, its best run";
pub const FASTER_WORST: &str = "faster setting, its worst run";

/// Measures whether `slower` costs more than `faster` to build cold, by the rule: the figures are the
/// slower setting's best (smallest) run and the faster setting's worst (largest) run of `resource`, each
/// setting's runs, and the unit. The profile recorded is the slower setting's; the faster setting's is
/// named in the figures.
pub fn ordering(lab: &str, slower: &Build, faster: &Build, resource: Resource) -> crate::Measured {
    let a: Vec<f64> = cold(lab, slower).iter().map(|u| resource.of(u)).collect();
    let b: Vec<f64> = cold(lab, faster).iter().map(|u| resource.of(u)).collect();
    let min = a.iter().copied().fold(f64::INFINITY, f64::min);
    let max = b.iter().copied().fold(0.0, f64::max);
    let list = |v: &[f64]| v.iter().map(|x| format!("{x}")).collect::<Vec<_>>().join(", ");
    let mut f = crate::Figures::new();
    f.insert(SLOWER_BEST.into(), min.into());
    f.insert(FASTER_WORST.into(), max.into());
    f.insert("unit".into(), resource.unit().into());
    f.insert("slower setting".into(), slower.label.clone().into());
    f.insert("faster setting".into(), faster.label.clone().into());
    f.insert("slower setting's runs".into(), list(&a).into());
    f.insert("faster setting's runs".into(), list(&b).into());
    f.insert("faster setting's profile".into(), faster.record().name.into());
    crate::Measured::new(slower.record(), f)
}

/// The rule's predicate: the slower setting's best run costs at least [`WIDE`] times the faster
/// setting's worst run.
pub fn is_wide(f: &crate::Figures) -> bool {
    crate::margin::ratio(f, SLOWER_BEST, FASTER_WORST, crate::margin::Op::Ge, WIDE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[cfg(all(feature = "inspect", target_os = "linux", target_pointer_width = "64"))]
    #[test]
    fn build_costs_come_from_the_kernel_accounting_of_the_child() {
        // A child that burns some CPU in a grandchild: its time counts, and the peak memory is a process's.
        let mut cmd = std::process::Command::new("sh");
        cmd.args(["-c", "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo done >&2"]);
        let (ok, stderr, usage) = run_measured(&mut cmd).unwrap();
        assert!(ok && stderr.trim() == "done", "{stderr}");
        assert!(usage.user + usage.system > Duration::ZERO && usage.wall >= usage.user / 2);
        assert!(usage.max_rss_kib > 100 && usage.max_rss_kib < 1 << 20, "{usage:?}");
        let failing = run_measured(std::process::Command::new("sh").args(["-c", "exit 3"])).unwrap();
        assert!(!failing.0);
        let figures = figures(&usage);
        assert_eq!(
            figures.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
            ["wall time", "CPU time (user + system)", "CPU time / wall time", "peak memory of the largest process"]
        );
    }
}
