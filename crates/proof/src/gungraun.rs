//! Instruction counts from Gungraun (the renamed iai-callgrind) benchmarks in `benches/` (package
//! `measured-benches`).
//!
//! A check asks for one benchmark's count; the first ask in a process runs the whole bench target once
//! (`cargo bench --bench NAME -- --save-summary=json`) and every later ask reads the JSON summaries it
//! left. A later process re-uses the summaries while the bench executable is unchanged, so a no-change
//! re-run of `cargo test` does not run valgrind again.

use crate::workspace;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};

/// The package whose `benches/` hold the benchmarks.
const PACKAGE: &str = "measured-benches";

/// `cargo bench` of the guide package, in the workspace's own target directory, with a clean environment.
fn cargo_bench(bench: &str) -> Command {
    let mut cmd = crate::lab::clean_cargo(workspace::root());
    cmd.args(["bench", "--locked", "-p", PACKAGE, "--bench", bench, "--target-dir"]).arg(bench_target_dir());
    // Where the runner writes its summaries: the harness reads them from the target directory it uses
    // (CARGO_TARGET_DIR is removed from the child's environment, and the runner would fall back to the
    // workspace's own `target/`).
    cmd.env("GUNGRAUN_HOME", workspace::target_dir().join("gungraun"));
    cmd
}

/// Where the bench executables are built: `/tmp/measured-rust-benches/<16 hex digits>`, a directory of
/// the same length for every clone (the digits are a digest of the clone's target directory, so clones
/// do not share one).
///
/// A library benchmark's count includes the allocations it makes, and what the allocator does for them
/// depends on what the process allocated and freed before: among that, a copy of the program's own path
/// (`argv[0]`), which the benchmark harness reads. The same bench executable at a longer path counted a
/// few dozen instructions more in its Vec benchmarks. At a path of fixed length, every clone counts the
/// same.
pub fn bench_target_dir() -> PathBuf {
    // A compiler under test (`MEASURED_RUSTC`) builds the benches into a folder of its own.
    let key = format!("{}{}", workspace::target_dir().display(), crate::toolchain::under_test().map(|p| format!(" {p}")).unwrap_or_default());
    let digest = crate::environment::digest_of_text(&key);
    let hex = digest.trim_start_matches("sha256:");
    PathBuf::from(catalogue::BENCH_TARGETS).join(hex)
}

/// The exact `gungraun` version in Cargo.lock; the runner must have the same.
pub fn library_version() -> String {
    workspace::locked_version("gungraun")
}

/// The profile of a library benchmark's count: Cargo's `bench` profile (release with debug info, which
/// Gungraun needs), what is counted, and the C library's pin.
pub fn bench_profile() -> crate::evidence::ProfileRecord {
    crate::evidence::ProfileRecord::named(
        "bench",
        &[
            ("opt-level", 3.into()),
            ("debug", true.into()),
            ("lto", false.into()),
            ("codegen-units", 16.into()),
            ("counted", "the benchmark function only (Gungraun's default entry point)".into()),
            ("C library", "baseline x86-64 string functions (GLIBC_TUNABLES pinned)".into()),
        ],
    )
}

/// The environment key of every count: the machine, valgrind, Gungraun and the pinned C library tunables.
fn instruction_key() -> serde_json::Map<String, Value> {
    static KEY: OnceLock<serde_json::Map<String, Value>> = OnceLock::new();
    KEY.get_or_init(|| crate::environment::instruction_key(&library_version())).clone()
}

/// Adds the key of a count (and of the benchmarks' workspace build) to the claim measuring on this thread.
fn note_key() {
    crate::environment::note_all(&instruction_key());
    crate::environment::note_workspace_build();
}

/// Stops with a named error when valgrind or the matching gungraun-runner is missing (asked once per
/// process).
pub fn require_tools() {
    static CHECKED: OnceLock<()> = OnceLock::new();
    CHECKED.get_or_init(check_tools);
}

fn check_tools() {
    if !cfg!(target_os = "linux") {
        panic!("instruction counts need valgrind's callgrind, which this harness supports on Linux only; this is {}", std::env::consts::OS);
    }
    match Command::new("valgrind").arg("--version").output() {
        Ok(o) if o.status.success() => {}
        _ => {
            panic!("valgrind is missing: the instruction-count claims need it. Install it: `ci/install-tools.sh valgrind` (or your package manager)")
        }
    }
    let want = library_version();
    let have = Command::new("gungraun-runner")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).split_whitespace().last().unwrap_or_default().to_string());
    match have {
        None => panic!(
            "gungraun-runner is missing: install the version that matches the library: `ci/install-tools.sh gungraun` (cargo install gungraun-runner --version ={want} --locked)"
        ),
        Some(v) if v != want => panic!("gungraun-runner {v} does not match the gungraun library {want}: run `ci/install-tools.sh gungraun`"),
        Some(_) => {}
    }
}

/// The bench executable cargo builds for `bench` (building it if needed), asked of cargo once per
/// process: every benchmark of a bench target shares it.
fn bench_executable(bench: &str) -> PathBuf {
    static EXES: OnceLock<Mutex<HashMap<String, PathBuf>>> = OnceLock::new();
    let mut exes = EXES.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    exes.entry(bench.to_string()).or_insert_with(|| build_bench_executable(bench)).clone()
}

/// The bench executable, from cargo, or from the last process that asked while nothing it is built from
/// changed: the toolchain (and a compiler under test), the bench package, the harness, the examples the
/// benches include, the workspace's manifest and lock file. Asking cargo costs seconds even when there is
/// nothing to build (it checks every dependency of the bench package).
fn build_bench_executable(bench: &str) -> PathBuf {
    let root = workspace::root();
    let key = format!(
        "{}\n{:?}\n{}\n{}\n",
        crate::environment::key_line(&crate::environment::toolchain_key()),
        crate::toolchain::under_test(),
        bench_target_dir().display(),
        crate::environment::digest_of_tree(root, &["benches", "crates/proof", "examples", "Cargo.toml", "Cargo.lock", "rust-toolchain.toml"])
    );
    let kept = crate::stamp::memo("bench-executables", bench, &key, || ask_cargo_for_bench_executable(bench).display().to_string());
    let exe = PathBuf::from(kept.trim());
    if exe.is_file() { exe } else { ask_cargo_for_bench_executable(bench) }
}

fn ask_cargo_for_bench_executable(bench: &str) -> PathBuf {
    let out = cargo_bench(bench).args(["--no-run", "--message-format=json"]).output().unwrap_or_else(|e| panic!("proof: cannot run cargo: {e}"));
    if !out.status.success() {
        panic!("proof: building bench `{bench}` failed:\n{}", String::from_utf8_lossy(&out.stderr));
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == bench)
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| panic!("proof: cargo reported no executable for bench `{bench}`"))
}

fn summaries_dir(bench: &str) -> PathBuf {
    workspace::target_dir().join("gungraun").join(PACKAGE).join(bench)
}

/// Runs the benchmarks of `bench` that match `filter` (all of them when `None`) once per process, and
/// only when the bench executable, one of `inputs` (e.g. the lab binary a benchmark runs) or the
/// environment key changed since the last such run, or `expected` (a summary) is missing.
fn ensure_run(bench: &str, filter: Option<&str>, inputs: &[PathBuf], expected: &Path) {
    static RUNS: OnceLock<Mutex<HashMap<String, Arc<OnceLock<()>>>>> = OnceLock::new();
    let key = format!("{bench}::{}", filter.unwrap_or("*"));
    let cell = RUNS.get_or_init(Default::default).lock().unwrap().entry(key.clone()).or_default().clone();
    cell.get_or_init(|| {
        // One Gungraun run at a time in this process: two runs of the same bench target at once
        // trample each other's output, and on two cores nothing is gained by running callgrind twice.
        static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        require_tools();
        let exe = bench_executable(bench);
        // Keyed on the executables and on everything else that can change a count: a change re-measures.
        let mut stamp: String = std::iter::once(exe.as_path()).chain(inputs.iter().map(PathBuf::as_path)).map(crate::stamp::file_state).collect();
        let mut env = crate::environment::toolchain_key();
        env.extend(instruction_key());
        stamp.push_str(&crate::environment::key_line(&env));
        stamp.push('\n');
        crate::stamp::run_unless_current(
            "gungraun",
            &key,
            &stamp,
            || expected.exists(),
            || {
                let mut cmd = cargo_bench(bench);
                cmd.args(["--", "--save-summary=json"]);
                cmd.args(filter);
                let out = output_within(&mut cmd, &format!("cargo bench --bench {bench} -- {}", filter.unwrap_or("")));
                if !out.status.success() {
                    panic!(
                        "proof: `cargo bench --bench {bench} -- {}` failed:\n{}\n{}",
                        filter.unwrap_or(""),
                        String::from_utf8_lossy(&out.stdout),
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            },
        );
    });
}

/// How long one Gungraun run may take before it counts as hung. The longest run of the suite takes well
/// under a minute on two cores.
const HUNG_AFTER: std::time::Duration = std::time::Duration::from_secs(180);

/// Runs `cmd` in a process group of its own and returns its output, like `Command::output`; but a run
/// that has not finished after [`HUNG_AFTER`] is killed with everything it started (cargo, the bench
/// executable, gungraun-runner, valgrind) and run once more. Valgrind has been seen to stop, rarely,
/// before the program under it started (every thread waiting on a futex): a second run succeeds, and a
/// run that hangs twice fails the check with a message instead of the whole suite never ending.
pub fn output_within(cmd: &mut Command, what: &str) -> std::process::Output {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    for attempt in 1..=2 {
        cmd.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).process_group(0);
        let mut child = cmd.spawn().unwrap_or_else(|e| panic!("proof: cannot run `{what}`: {e}"));
        let drain = |pipe: Option<Box<dyn Read + Send>>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                if let Some(mut p) = pipe {
                    let _ = p.read_to_end(&mut bytes);
                }
                bytes
            })
        };
        let stdout = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
        let stderr = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
        let started = std::time::Instant::now();
        loop {
            if let Some(status) = child.try_wait().unwrap_or_else(|e| panic!("proof: waiting for `{what}`: {e}")) {
                return std::process::Output { status, stdout: stdout.join().unwrap_or_default(), stderr: stderr.join().unwrap_or_default() };
            }
            if started.elapsed() > HUNG_AFTER {
                // The whole group: cargo's children keep the pipes open.
                let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).status();
                let _ = child.wait();
                let _ = (stdout.join(), stderr.join());
                eprintln!(
                    "warning: proof: `{what}` made no progress for {} s and was killed{}",
                    HUNG_AFTER.as_secs(),
                    if attempt == 1 { "; running it again" } else { "" }
                );
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
    panic!("proof: `{what}` hung twice (more than {} s each): valgrind or the program under it stopped making progress", HUNG_AFTER.as_secs())
}

fn summary_path(bench: &str, group: &str, function: &str, id: &str) -> PathBuf {
    summaries_dir(bench).join(group).join(format!("{function}.{id}")).join("summary.json")
}

fn read_summary(bench: &str, group: &str, function: &str, id: &str) -> u64 {
    let path = summary_path(bench, group, function, id);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("proof: no Gungraun summary for {bench}::{group}::{function} id `{id}` at {}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("proof: {}: {e}", path.display()));
    read_ir(&v).unwrap_or_else(|| {
        panic!(
            "proof: {}: no Ir count at profiles[0].data.total.metrics.Ir.values.new (is the summary from another Gungraun version?)",
            path.display()
        )
    })
}

/// Instructions executed (callgrind's `Ir`) by the library benchmark `function` with bench id `id` in
/// `group` of the bench target `bench`: `instructions("instructions", "hashing", "hash_fx", "fxhash")`.
/// The whole bench target runs once.
pub fn instructions(bench: &str, group: &str, function: &str, id: &str) -> u64 {
    crate::provenance::note(format!("bench {bench}: {group}::{function} {id}"));
    note_key();
    ensure_run(bench, None, &[], &summaries_dir(bench));
    read_summary(bench, group, function, id)
}

/// How many times the library benchmark `function`/`id` of `bench` called `callee` (a function name as
/// callgrind prints it, e.g. `mmap`), read from the benchmark's callgrind profile. The whole bench target
/// runs once, as for [`instructions`].
pub fn calls_to(bench: &str, group: &str, function: &str, id: &str, callee: &str) -> u64 {
    crate::provenance::note(format!("bench {bench}: {group}::{function} {id}, calls to {callee}"));
    ensure_run(bench, None, &[], &summaries_dir(bench));
    let path = summaries_dir(bench).join(group).join(format!("{function}.{id}")).join(format!("callgrind.{function}.{id}.out"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("proof: no callgrind profile for {bench}::{group}::{function} id `{id}` at {}: {e}", path.display()));
    count_calls(&text, callee)
}

/// Sums the `calls=` lines that follow a `cfn=` naming `callee` in a callgrind profile, resolving
/// callgrind's name compression (`cfn=(12) name` the first time, `cfn=(12)` after).
fn count_calls(profile: &str, callee: &str) -> u64 {
    let mut names: HashMap<String, String> = HashMap::new();
    let mut current: Option<String> = None;
    let mut total = 0;
    for line in profile.lines() {
        if let Some(rest) = line.strip_prefix("fn=").or_else(|| line.strip_prefix("cfn=")) {
            let (id, name) = match rest.strip_prefix('(').and_then(|r| r.split_once(')')) {
                Some((id, name)) => (Some(id.to_string()), name.trim().to_string()),
                None => (None, rest.trim().to_string()),
            };
            let name = match (id, name.is_empty()) {
                (Some(id), true) => names.get(&id).cloned().unwrap_or_default(),
                (Some(id), false) => {
                    names.insert(id, name.clone());
                    name
                }
                (None, _) => name,
            };
            current = line.starts_with("cfn=").then_some(name);
        } else if let Some(rest) = line.strip_prefix("calls=") {
            if current.as_deref() == Some(callee) {
                total += rest.split_whitespace().next().and_then(|n| n.parse::<u64>().ok()).unwrap_or(0);
            }
            current = None;
        }
    }
    total
}

/// Instructions executed by a whole lab binary, run by the binary benchmark `bench::group::function::id`
/// (see `benches/labs.rs`) after the harness has built `lab` under `profile`. Only that benchmark runs,
/// and only again when the lab binary or the bench executable changed.
pub fn lab_instructions(lab: &str, profile: &crate::profile::Profile, bin: &str, bench: &str, group: &str, function: &str, id: &str) -> u64 {
    crate::provenance::note(format!("lab {lab} ({}) {bin} under bench {bench}: {group}::{function} {id}", profile.name()));
    note_key();
    let binary = crate::lab::build(lab, profile).bin(bin);
    let fixed = fixed_lab_path(lab, profile.dir_name(), bin);
    place_at(&binary, &fixed);
    ensure_run(bench, Some(&format!("{bench}::{group}::{function}::{id}")), &[binary], &summary_path(bench, group, function, id));
    read_summary(bench, group, function, id)
}

/// The simulated caches of [`lab_cache_simulation`]: set explicitly (size, associativity, line size in
/// bytes), because callgrind otherwise copies the geometry of the CPU it runs on, and the counts would
/// move from machine to machine.
pub const SIMULATED_CACHES: [(&str, &str); 3] = [("I1", "32768,8,64"), ("D1", "32768,8,64"), ("LL", "8388608,16,64")];

/// Callgrind's cache simulation (`--cache-sim=yes`) of a lab binary's `measured` region, as
/// [`lab_instructions`] counts it (the same fixed path, environment, working directory and pinned C
/// library, so its `Ir` is that count): each event of callgrind's summary line by name (`Ir`, `Dr`, `Dw`,
/// `I1mr`, `D1mr`, `D1mw`, `ILmr`, `DLmr`, `DLmw`). The caches are [`SIMULATED_CACHES`], so the counts
/// are deterministic; a run is kept across processes while the binary, the toolchain and valgrind are
/// unchanged ([`crate::stamp::memo`]).
pub fn lab_cache_simulation(lab: &str, profile: &crate::profile::Profile, bin: &str, args: &[&str]) -> std::collections::BTreeMap<String, u64> {
    crate::provenance::note(format!("lab {lab} ({}) {bin}, callgrind's cache simulation of {bin}::{}", profile.name(), catalogue::LAB_REGION));
    note_key();
    require_tools();
    let binary = crate::lab::build(lab, profile).bin(bin);
    let fixed = fixed_lab_path(lab, profile.dir_name(), bin);
    place_at(&binary, &fixed);
    let region = format!("{bin}::{}", catalogue::LAB_REGION);
    let caches: Vec<String> = SIMULATED_CACHES.iter().map(|(c, g)| format!("--{c}={g}")).collect();
    let mut env = crate::environment::toolchain_key();
    env.extend(instruction_key());
    let key = format!("{}{}{} {}\n", crate::environment::digest_of(&fixed), crate::environment::key_line(&env), caches.join(" "), args.join(" "));
    let name = format!("{lab}.{}.{bin}", profile.name());
    let text = crate::stamp::memo("cache-sim", &name, &key, || {
        let out_file = workspace::target_dir().join("cache-sim").join(format!("{name}.callgrind.out"));
        std::fs::create_dir_all(out_file.parent().expect("a directory")).unwrap_or_else(|e| panic!("proof: {e}"));
        let mut cmd = Command::new("valgrind");
        cmd.env_clear()
            .env("GLIBC_TUNABLES", catalogue::GLIBC_TUNABLES)
            .env("LD_LIBRARY_PATH", "")
            .current_dir("/")
            .args(["--tool=callgrind", "--cache-sim=yes"])
            .args(&caches)
            .arg(format!("--toggle-collect={region}"))
            .arg(format!("--callgrind-out-file={}", out_file.display()))
            .arg(&fixed)
            .args(args);
        let out = output_within(&mut cmd, &format!("valgrind --tool=callgrind --cache-sim=yes {}", fixed.display()));
        assert!(out.status.success(), "proof: callgrind's cache simulation of {} failed:\n{}", fixed.display(), String::from_utf8_lossy(&out.stderr));
        let profile = std::fs::read_to_string(&out_file).unwrap_or_else(|e| panic!("proof: {}: {e}", out_file.display()));
        let line = |p: &str| profile.lines().find_map(|l| l.strip_prefix(p)).map(str::trim).map(str::to_string);
        let (events, summary) = (line("events:"), line("summary:"));
        format!("{}\n{}\n", events.expect("callgrind's events line"), summary.expect("callgrind's summary line"))
    });
    let mut lines = text.lines();
    let (events, values) = (lines.next().unwrap_or_default(), lines.next().unwrap_or_default());
    let counts: std::collections::BTreeMap<String, u64> = events
        .split_whitespace()
        .zip(values.split_whitespace())
        .map(|(e, v)| (e.to_string(), v.parse().unwrap_or_else(|_| panic!("proof: callgrind summary `{values}`"))))
        .collect();
    assert!(counts.contains_key("I1mr"), "proof: callgrind simulated no caches: events `{events}`");
    counts
}

/// Puts a copy of `binary` at `fixed`, unless the file there already has the same bytes. The copy is
/// written beside it and renamed over it: valgrind maps the program it runs without `execve`'s guard
/// against writing to a running executable, so a copy written in place while another benchmark of the
/// same binary runs changes that program's code under it (it was seen to hang, every thread waiting on
/// a futex). A rename leaves the running program its old file.
fn place_at(binary: &Path, fixed: &Path) {
    static PLACING: Mutex<()> = Mutex::new(());
    let _one = PLACING.lock().unwrap_or_else(|e| e.into_inner());
    let bytes = std::fs::read(binary).unwrap_or_else(|e| panic!("proof: cannot read {}: {e}", binary.display()));
    if std::fs::read(fixed).is_ok_and(|there| there == bytes) {
        return;
    }
    let dir = fixed.parent().expect("a directory");
    let part = dir.join(format!(".{}.{}.part", fixed.file_name().and_then(|n| n.to_str()).unwrap_or("bin"), std::process::id()));
    std::fs::create_dir_all(dir)
        .and_then(|_| std::fs::copy(binary, &part))
        .and_then(|_| std::fs::rename(&part, fixed))
        .unwrap_or_else(|e| panic!("proof: cannot copy {} to {}: {e}", binary.display(), fixed.display()));
}

/// Where a lab binary is run from for a whole-process count: [`catalogue::lab_binary`], a path that is
/// the same in every clone (`benches/labs.rs` runs them from there).
pub fn fixed_lab_path(lab: &str, profile_dir: &str, bin: &str) -> PathBuf {
    PathBuf::from(catalogue::lab_binary(lab, profile_dir, bin))
}

/// The total `Ir` of the first (callgrind) profile: `profiles[0].data.total.metrics.Ir.values.new`.
fn read_ir(v: &Value) -> Option<u64> {
    v["profiles"][0]["data"]["total"]["metrics"]["Ir"]["values"]["new"].as_u64()
}

#[cfg(test)]
mod tests {
    #[test]
    fn calls_are_counted_through_name_compression() {
        let profile = "fn=(1) main\ncfn=(2) mmap\ncalls=1 10\n5 47\ncfn=(3) malloc\ncalls=4 12\n7 9\nfn=(4) other\ncfn=(2)\ncalls=2 3\n1 1\n";
        assert_eq!(super::count_calls(profile, "mmap"), 3);
        assert_eq!(super::count_calls(profile, "malloc"), 4);
        assert_eq!(super::count_calls(profile, "munmap"), 0);
    }
}
