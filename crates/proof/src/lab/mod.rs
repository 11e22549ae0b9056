//! Labs: small Cargo workspaces under `labs/<name>/`, built under a named [`Profile`].
//!
//! Each lab is its own workspace (excluded from the book's), with a committed `Cargo.lock`, built with
//! `cargo build --locked` (its default members; others on request, [`build_package`]) into
//! `<target>/labs/<lab>/`. A build happens at most once per test process for a given (lab, profile) —
//! concurrent tests asking for it wait for the one cargo invocation — and a later process skips cargo
//! while the stamp of the build is current.
//!
//! The child cargo runs in the lab's directory with an environment cleaned of everything that would
//! change the build behind the profile's back (RUSTFLAGS in all its forms, wrappers, target and target
//! directory overrides, `CARGO_PROFILE_*`, `CARGO_INCREMENTAL`, and the variables `cargo test` sets for
//! the test process). Cargo configuration files (`~/.cargo/config.toml`, `.cargo/config.toml` above the
//! lab) still apply: the repository has none, and CI must not add profile or rustflags settings there.

mod emit;

pub use emit::{Emit, Functions, emit, excerpt, function_text};

use crate::profile::Profile;
use crate::workspace;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// A lab built under one profile.
#[derive(Debug)]
pub struct Build {
    pub lab: String,
    pub profile: Profile,
    /// Where the artifacts of this profile land: `<target>/labs/<lab>/<debug|release|custom name>`.
    pub out_dir: PathBuf,
}

impl Build {
    /// The path of the binary `name` (panics if the build produced no such file).
    pub fn bin(&self, name: &str) -> PathBuf {
        let path = self.out_dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
        if !path.is_file() {
            let present: Vec<String> = std::fs::read_dir(&self.out_dir)
                .map(|d| d.filter_map(|e| e.ok()).filter(|e| e.path().is_file()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
                .unwrap_or_default();
            panic!(
                "proof: lab `{}` built under profile `{}` has no binary `{name}` in {} (files there: {})",
                self.lab,
                self.profile.name(),
                self.out_dir.display(),
                present.join(", ")
            );
        }
        path
    }

    /// The binary `name`, opened for inspection (symbols, calls, disassembly).
    pub fn artifact(&self, name: &str) -> crate::inspect::Artifact {
        crate::inspect::Artifact::open(&self.bin(name))
    }

    /// The binary `name`, opened once per process and kept: for a binary that many checks inspect.
    pub fn opened(&self, name: &str) -> &'static crate::inspect::Artifact {
        static OPENED: Cache<PathBuf, crate::inspect::Artifact> = OnceLock::new();
        let path = self.bin(name);
        once_per_key(&OPENED, path.clone()).get_or_init(|| crate::inspect::Artifact::open(&path))
    }

    /// The size in bytes of the binary `name`.
    pub fn size(&self, bin: &str) -> u64 {
        let path = self.bin(bin);
        std::fs::metadata(&path).unwrap_or_else(|e| panic!("proof: {}: {e}", path.display())).len()
    }
}

/// The lab's directory, `<root>/labs/<lab>` (panics if it holds no `Cargo.toml`).
pub fn lab_dir(lab: &str) -> PathBuf {
    let dir = workspace::root().join("labs").join(lab);
    assert!(dir.join("Cargo.toml").is_file(), "proof: no lab `{lab}`: {} has no Cargo.toml", dir.display());
    dir
}

/// A digest of every file of lab `lab` (its sources, manifests and lock file; not its `target/`), with
/// their paths relative to the lab: part of a [`crate::stamp::memo`] key for a measurement of the lab.
pub fn source_digest(lab: &str) -> String {
    // Once per lab and process: every build of the lab under each profile asks for it.
    static DIGESTS: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    if let Some(d) = DIGESTS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner()).get(lab) {
        return d.clone();
    }
    let d = digest_lab_files(lab);
    DIGESTS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner()).insert(lab.to_string(), d.clone());
    d
}

fn digest_lab_files(lab: &str) -> String {
    crate::environment::digest_of_tree(&lab_dir(lab), &["."])
}

/// The target directory of a lab's builds, `<workspace target>/labs/<lab>`. Builds under another symbol
/// mangling (`MEASURED_SYMBOL_MANGLING`, [`crate::claim::symbol_mangling`])
/// go to `<workspace target>/labs-mangling-<name>/<lab>`, and builds by another compiler under test
/// (`MEASURED_RUSTC`) to `…/labs/rustc-<release>/<lab>`, so that they never replace the default's.
pub fn target_dir(lab: &str) -> PathBuf {
    let base = match crate::claim::symbol_mangling() {
        None => workspace::target_dir().join("labs"),
        Some(m) => workspace::target_dir().join(format!("labs-mangling-{m}")),
    };
    match crate::toolchain::under_test() {
        None => base.join(lab),
        // Another compiler's builds never replace the pinned one's: one folder per compiler release.
        Some(_) => base.join(format!("rustc-{}", crate::toolchain::current().describe.split_whitespace().nth(1).unwrap_or("other"))).join(lab),
    }
}

/// Builds the lab's default members (`cargo build`) under `profile` once per process and returns where
/// its artifacts are. Without `default-members`, that is every member of a virtual workspace, but only
/// the root package of a workspace with one: such a lab lists its members in `default-members`.
pub fn build(lab: &str, profile: &Profile) -> &'static Build {
    build_selected(lab, profile, None)
}

/// Builds one member of the lab that is not a default member (`cargo build -p PACKAGE`), once per
/// process: a program only some claims read, under the profiles they read it in. Its artifacts land
/// beside the default members' ([`Build::out_dir`]).
pub fn build_package(lab: &str, profile: &Profile, package: &str) -> &'static Build {
    build_selected(lab, profile, Some(package))
}

fn build_selected(lab: &str, profile: &Profile, package: Option<&str>) -> &'static Build {
    let what = package.map(|p| format!(" (package {p})")).unwrap_or_default();
    crate::provenance::note(format!("lab {lab} built with profile {}{what}", profile.name()));
    static BUILDS: Cache<(String, String, Option<String>), Build> = OnceLock::new();
    let args = profile.cargo_args(); // first: a second meaning of the same profile name panics here
    note_lock(lab);
    let cell = once_per_key(&BUILDS, (lab.to_string(), profile.name().to_string(), package.map(str::to_string)));
    cell.get_or_init(|| {
        let dir = lab_dir(lab);
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap_or_default();
        if manifest.contains("[package]") && manifest.contains("members") && !manifest.contains("default-members") {
            panic!("proof: lab `{lab}` has a root package and other members but no `default-members`: `cargo build` would build the root package alone; list what the harness builds in `default-members`");
        }
        let target = target_dir(lab);
        let out_dir = target.join(profile.dir_name());
        // A later process skips cargo (about half a second a build, even with nothing to do) while
        // nothing the build depends on changed: the toolchain, every file of the lab, the profile's
        // arguments and the target directory; and while the artifacts are as that build left them.
        let key = format!(
            "{}\n{}\n{}\n{}\n{what}",
            serde_json::Value::Object(crate::environment::toolchain_key().clone()),
            source_digest(lab),
            args.join(" "),
            target.display()
        );
        let stamp_name = format!(
            "{lab}.{}{}{}",
            profile.name(),
            package.map(|p| format!(".{p}")).unwrap_or_default(),
            crate::claim::symbol_mangling().map(|m| format!(".{m}")).unwrap_or_default()
        );
        let left = crate::stamp::path("lab-builds", &stamp_name).with_extension("artifacts");
        crate::stamp::run_unless_current(
            "lab-builds",
            &stamp_name,
            &key,
            || std::fs::read_to_string(&left).is_ok_and(|kept| artifacts_unchanged(&kept)),
            || {
                let mut selection = vec!["build", "--locked"];
                if let Some(p) = package {
                    selection.extend(["-p", p]);
                }
                let mut cmd = cargo(&dir, &selection, &args, &target, &[]);
                run(&mut cmd, lab, profile);
                std::fs::create_dir_all(left.parent().expect("stamp dir"))
                    .and_then(|_| std::fs::write(&left, artifacts_state(&out_dir)))
                    .unwrap_or_else(|e| panic!("proof: cannot write {}: {e}", left.display()));
            },
        );
        Build { lab: lab.to_string(), profile: profile.clone(), out_dir }
    })
}

/// The state of the files a build left in `out_dir`, as JSON: each file's path and its
/// [`crate::stamp::file_state`]. Dep-info files (`*.d`) are left out: cargo rewrites them on every run over
/// this directory, even one with nothing to build (an emit, a run through [`cargo_output`]). Files that a
/// later build adds beside them (another package) do not make this build's state stale; a changed or
/// missing one does ([`artifacts_unchanged`]).
fn artifacts_state(out_dir: &Path) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(out_dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "d")).collect())
        .unwrap_or_default();
    files.sort();
    let states: Vec<(String, String)> = files.iter().map(|f| (f.display().to_string(), crate::stamp::file_state(f))).collect();
    serde_json::to_string(&states).expect("paths and states serialize")
}

/// Whether every file an [`artifacts_state`] record names is still as the build left it.
fn artifacts_unchanged(kept: &str) -> bool {
    let Ok(states) = serde_json::from_str::<Vec<(String, String)>>(kept) else { return false };
    !states.is_empty() && states.iter().all(|(path, state)| Path::new(path).is_file() && crate::stamp::file_state(Path::new(path)) == *state)
}

/// Adds the lab's `Cargo.lock`, the C library and the C compiler to the environment key of the claim measuring on this thread.
fn note_lock(lab: &str) {
    let lock = lab_dir(lab).join("Cargo.lock");
    crate::environment::note(&format!("labs/{lab}/Cargo.lock"), crate::environment::digest_of(&lock));
    crate::environment::note_all(&crate::environment::link_key());
    if let Some(m) = crate::claim::symbol_mangling() {
        crate::environment::note("symbol mangling", m);
    }
}

/// A process-global cache: one cell per key, filled once.
type Cache<K, V> = OnceLock<Mutex<HashMap<K, &'static OnceLock<V>>>>;

/// The per-key cell of a process-global cache: the map's lock is held only to find or insert the cell,
/// never while the cell is being filled, so different keys build concurrently and the same key once.
fn once_per_key<K: std::hash::Hash + Eq, V>(map: &'static Cache<K, V>, key: K) -> &'static OnceLock<V> {
    let mut map = map.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    map.entry(key).or_insert_with(|| Box::leak(Box::new(OnceLock::new())))
}

/// A cargo command for a lab: `cargo <head> <profile args> --target-dir T <tail>`, run in the lab's
/// directory with a cleaned environment. `z_flags` is true only when a `-Z` flag is passed, and only
/// then is `RUSTC_BOOTSTRAP=1` set.
fn cargo(dir: &Path, head: &[&str], profile_args: &[String], target: &Path, tail: &[&str]) -> Command {
    let mut cmd = clean_cargo(dir);
    cmd.args(head).args(profile_args).arg("--target-dir").arg(target).args(tail);
    // A `-Z` flag given to cargo, or to rustc through the profile's `build.rustflags`.
    let z_flags = head.iter().chain(tail).any(|a| a.starts_with("-Z"))
        || profile_args.iter().any(|a| a.starts_with("-Z") || (a.starts_with("build.rustflags=") && a.contains("\"-Z")));
    if z_flags {
        cmd.env("RUSTC_BOOTSTRAP", "1");
    }
    cmd
}

/// Runs `cargo <args> <profile args> --target-dir <lab target>` in lab `lab`, with the same clean
/// environment as [`build`] plus `env`, and returns cargo's output whatever the outcome: for what
/// [`build`] does not keep, such as cargo's warnings or a build that is meant to fail. Not cached.
pub fn cargo_output(lab: &str, args: &[&str], profile: &Profile, env: &[(&str, &str)]) -> std::process::Output {
    crate::provenance::note(format!("lab {lab}: cargo {} with profile {} {env:?}", args.join(" "), profile.name()));
    note_lock(lab);
    let mut cmd = cargo(&lab_dir(lab), args, &profile.cargo_args(), &target_dir(lab), &[]);
    cmd.envs(env.iter().copied());
    cmd.output().unwrap_or_else(|e| panic!("proof: cannot run cargo for lab `{lab}`: {e}"))
}

/// `cargo` (the one running this test, `$CARGO`) in `dir`, with every environment variable that could
/// change a build behind the profile's back removed, and `RUSTC` set to the compiler under test when
/// `MEASURED_RUSTC` names one ([`crate::toolchain::under_test`]). Every nested cargo run of the harness
/// starts here.
pub(crate) fn clean_cargo(dir: &Path) -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(dir);
    for (name, _) in std::env::vars_os() {
        if let Some(name) = name.to_str()
            && changes_the_build(name)
        {
            cmd.env_remove(name);
        }
    }
    if let Some(rustc) = crate::toolchain::under_test() {
        cmd.env("RUSTC", rustc);
    }
    cmd
}

/// Environment variables removed from a lab build's environment.
fn changes_the_build(name: &str) -> bool {
    const EXACT: &[&str] = &[
        "RUSTFLAGS",
        "RUSTDOCFLAGS",
        "RUSTC_WRAPPER",
        "RUSTC_WORKSPACE_WRAPPER",
        "RUSTC_BOOTSTRAP",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_ENCODED_RUSTDOCFLAGS",
        "CARGO_INCREMENTAL",
        "CARGO_MAKEFLAGS",
        "MAKEFLAGS",
        "MFLAGS",
        "CARGO_PRIMARY_PACKAGE",
        "CARGO_MANIFEST_DIR",
        "CARGO_MANIFEST_PATH",
        "CARGO_CRATE_NAME",
        "CARGO_BIN_NAME",
        "CARGO_RUSTC_CURRENT_DIR",
        "OUT_DIR",
    ];
    const PREFIXES: &[&str] = &["CARGO_PROFILE_", "CARGO_TARGET_", "CARGO_PKG_", "CARGO_BIN_EXE_", "CARGO_CFG_"];
    EXACT.contains(&name)
        || PREFIXES.iter().any(|p| name.starts_with(p))
        // CARGO_BUILD_RUSTFLAGS, _TARGET, _TARGET_DIR, _INCREMENTAL, _RUSTC_WRAPPER, …; the job count stays.
        || (name.starts_with("CARGO_BUILD_") && name != "CARGO_BUILD_JOBS")
}

/// Runs a lab's cargo command; panics with the lab, the profile, the command line and cargo's stderr if it
/// fails. Returns stdout.
fn run(cmd: &mut Command, lab: &str, profile: &Profile) -> String {
    let line = command_line(cmd);
    let out = cmd.output().unwrap_or_else(|e| panic!("proof: lab `{lab}`, profile `{}`: cannot run `{line}`: {e}", profile.name()));
    if !out.status.success() {
        panic!(
            "proof: lab `{lab}` failed to build under profile `{}` ({})\ncommand: {line}\n(in {})\n--- cargo stderr ---\n{}",
            profile.name(),
            out.status,
            cmd.get_current_dir().map(|d| d.display().to_string()).unwrap_or_default(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The command as a shell would need it typed.
fn command_line(cmd: &Command) -> String {
    let quote = |s: &str| {
        if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@".contains(c)) {
            s.to_string()
        } else {
            format!("'{}'", s.replace('\'', r"'\''"))
        }
    };
    std::iter::once(cmd.get_program()).chain(cmd.get_args()).map(|a| quote(&a.to_string_lossy())).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_that_changes_the_build_is_removed() {
        for v in [
            "RUSTFLAGS",
            "CARGO_ENCODED_RUSTFLAGS",
            "CARGO_BUILD_RUSTFLAGS",
            "CARGO_PROFILE_RELEASE_LTO",
            "CARGO_TARGET_DIR",
            "CARGO_BUILD_TARGET",
            "CARGO_INCREMENTAL",
            "RUSTC_WRAPPER",
            "CARGO_MAKEFLAGS",
            "CARGO_MANIFEST_DIR",
            "OUT_DIR",
            "CARGO_PRIMARY_PACKAGE",
        ] {
            assert!(changes_the_build(v), "{v}");
        }
        for v in ["PATH", "HOME", "CARGO_HOME", "RUSTUP_TOOLCHAIN", "CARGO_BUILD_JOBS", "CARGO"] {
            assert!(!changes_the_build(v), "{v}");
        }
    }
}
