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
            || std::fs::read_to_string(&left).is_ok_and(|kept| !kept.is_empty() && kept.lines().all(line_still_true)),
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

/// The state of the files a build left in `out_dir`, a line each: size, modification time, path.
/// Dep-info files (`*.d`) are left out: cargo rewrites them on every run over this directory, even one
/// with nothing to build (an emit, a run through [`cargo_output`]). Files that a later build adds beside
/// them (another package) do not make this build's state stale; a changed or missing one does.
fn artifacts_state(out_dir: &Path) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(out_dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "d")).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().filter_map(|f| file_line(f)).map(|l| l + "\n").collect()
}

fn file_line(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
    Some(format!("{} {modified} {}", meta.len(), path.display()))
}

/// Whether a line of [`artifacts_state`] still describes its file.
fn line_still_true(line: &str) -> bool {
    let path = line.splitn(3, ' ').nth(2).unwrap_or_default();
    file_line(Path::new(path)).as_deref() == Some(line)
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

/// What to ask rustc to emit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Emit {
    Asm,
    LlvmIr,
    Mir,
}

impl Emit {
    fn flag(self) -> &'static str {
        match self {
            Emit::Asm => "asm",
            Emit::LlvmIr => "llvm-ir",
            Emit::Mir => "mir",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Emit::Asm => "s",
            Emit::LlvmIr => "ll",
            Emit::Mir => "mir",
        }
    }
}

/// The text rustc emits for the library of `package` in `lab` under `profile`, once per process:
/// `cargo rustc -p PACKAGE --lib --locked <profile args> -- --emit=asm|llvm-ir|mir`.
///
/// The profile's codegen-units apply: assembly and IR are written per codegen unit, and when rustc
/// writes several files (`<crate>-<hash>.<cgu>.rcgu.s`), they are concatenated in file-name order. MIR is
/// always one file. Assembly is in rustc's default (AT&T) syntax.
///
/// The extra `--emit` gives the unit its own hash, so these files never overwrite the artifacts of
/// [`build`] in the same target directory; the unit is found by the rustc dep-info file that lists the
/// emitted file among its outputs. Files left by an earlier run (other codegen units, before a source
/// change) are ignored: only files at least as new as that dep-info file are read.
pub fn emit(lab: &str, package: &str, profile: &Profile, what: Emit) -> &'static str {
    crate::provenance::note(format!("lab {lab}: {package} emitted as {what:?} with profile {}", profile.name()));
    static EMITTED: Cache<(String, String, String, Emit), String> = OnceLock::new();
    let args = profile.cargo_args();
    note_lock(lab);
    let cell = once_per_key(&EMITTED, (lab.to_string(), package.to_string(), profile.name().to_string(), what));
    cell.get_or_init(|| {
        // A later process reuses the text while the toolchain, the lab's files and the profile are the
        // ones it was emitted with (proof::stamp::memo): a no-change re-run runs no cargo here.
        let key = format!(
            "{}\nlab {}\npackage {package}\nprofile {args:?}\nemit {}\n",
            crate::environment::key_line(&crate::environment::toolchain_key()),
            source_digest(lab),
            what.flag()
        );
        // A run under another symbol mangling keeps its text apart (its args, in the key, differ too).
        let mangling = crate::claim::symbol_mangling().map(|m| format!("-mangling-{m}")).unwrap_or_default();
        let name = format!("{lab}-{package}-{}{mangling}-{}", profile.name(), what.extension());
        crate::stamp::memo("emit", &name, &key, || emit_now(lab, package, profile, &args, what))
    })
}

/// [`emit`]'s work: `cargo rustc … -- --emit=<what>` and the emitted files read back.
fn emit_now(lab: &str, package: &str, profile: &Profile, args: &[String], what: Emit) -> String {
    {
        let dir = lab_dir(lab);
        let target = target_dir(lab);
        let emit = format!("--emit={}", what.flag());
        let mut cmd =
            cargo(&dir, &["rustc", "-p", package, "--lib", "--locked", "--message-format=json-render-diagnostics"], args, &target, &["--", &emit]);
        let stdout = run(&mut cmd, lab, profile);
        let (krate, deps) = lib_unit(&stdout, package).unwrap_or_else(|| {
            panic!("proof: lab `{lab}`, profile `{}`: cargo reported no library artifact for package `{package}`", profile.name())
        });
        let stem = emitted_stem(&deps, &krate, what).unwrap_or_else(|| {
            panic!(
                "proof: lab `{lab}`, profile `{}`: no dep-info file in {} lists a `.{}` output of `{krate}`",
                profile.name(),
                deps.display(),
                what.extension()
            )
        });
        read_emitted(&stem, what)
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

/// The crate name and the `deps/` directory of the package's library, from its `compiler-artifact`
/// message. (Cargo reports a workspace member's library at its uplifted path, `release/libmathlib.rlib`,
/// which the next build of the same package under the same profile replaces: it does not say which
/// `deps/libmathlib-<hash>.rlib` this run produced.)
fn lib_unit(json_lines: &str, package: &str) -> Option<(String, PathBuf)> {
    json_lines.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()).find_map(|m| {
        if m["reason"] != "compiler-artifact" {
            return None;
        }
        let target = &m["target"];
        let is_lib = target["kind"].as_array()?.iter().any(|k| matches!(k.as_str(), Some("lib" | "rlib")));
        if !is_lib || !package_id_names(m["package_id"].as_str()?, package) {
            return None;
        }
        let krate = target["name"].as_str()?.replace('-', "_");
        let rlib = m["filenames"].as_array()?.iter().filter_map(|f| f.as_str()).find(|f| f.ends_with(".rlib"))?;
        let dir = Path::new(rlib).parent()?;
        let deps = if dir.file_name().is_some_and(|d| d == "deps") { dir.to_path_buf() } else { dir.join("deps") };
        Some((krate, deps))
    })
}

/// `<deps>/<crate>-<hash>` of the unit that emitted `what`: the rustc dep-info file `<crate>-<hash>.d`
/// that lists `<crate>-<hash>.<ext>` among its outputs (only the `--emit` run of this kind does; the
/// newest if there are several).
fn emitted_stem(deps: &Path, krate: &str, what: Emit) -> Option<PathBuf> {
    let prefix = format!("{krate}-");
    std::fs::read_dir(deps)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "d") && p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&prefix)))
        .filter(|d| {
            let output = d.with_extension(what.extension());
            let listed = format!("{}:", output.display());
            std::fs::read_to_string(d).is_ok_and(|text| text.lines().any(|l| l.starts_with(&listed)))
        })
        .max_by_key(|d| std::fs::metadata(d).and_then(|m| m.modified()).ok())
        .map(|d| d.with_extension(""))
}

/// Whether a package id (`path+file:///…/mathlib#0.1.0`, `path+file:///…/dir#mathlib@0.1.0`,
/// `registry+…#mathlib@0.1.0`) is that of `package`.
fn package_id_names(id: &str, package: &str) -> bool {
    let Some((url, tail)) = id.rsplit_once('#') else { return false };
    match tail.split_once('@') {
        Some((name, _version)) => name == package,
        None => url.rsplit('/').next() == Some(package),
    }
}

/// Reads `<stem>.<ext>` or, for several codegen units, every `<stem>.<cgu>.rcgu.<ext>`, sorted by name,
/// keeping only files written by the run that wrote `<stem>.d`.
fn read_emitted(stem: &Path, what: Emit) -> String {
    let dir = stem.parent().expect("deps dir");
    let base = stem.file_name().and_then(|s| s.to_str()).expect("utf-8 stem");
    let ext = what.extension();
    let dep_info = stem.with_file_name(format!("{base}.d"));
    let since = std::fs::metadata(&dep_info).and_then(|m| m.modified()).unwrap_or_else(|e| panic!("proof: {}: {e}", dep_info.display()));
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("proof: {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let Some(name) = p.file_name().and_then(|n| n.to_str()) else { return false };
            let single = name == format!("{base}.{ext}");
            let per_cgu = name.starts_with(&format!("{base}.")) && name.ends_with(&format!(".rcgu.{ext}"));
            (single || per_cgu) && std::fs::metadata(p).and_then(|m| m.modified()).is_ok_and(|t| t >= since)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "proof: rustc wrote no `.{ext}` file for {} in {}", base, dir.display());
    files.iter().map(|f| std::fs::read_to_string(f).unwrap_or_else(|e| panic!("proof: {}: {e}", f.display()))).collect::<Vec<_>>().join("\n")
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

/// The text of one function in emitted assembly, LLVM IR or MIR, found by its demangled path without
/// hash (`"mathlib::checksum"`; a generic function's first instance by its path too), in either symbol
/// mangling ([`crate::symbols`]):
/// - assembly: from the function's label to its `.Lfunc_end` label (inclusive);
/// - LLVM IR: from `define … @symbol(` to the closing `}` line;
/// - MIR: from `fn path(` (as rustc prints it: without the crate name, `fn square(`) to the closing `}` line.
///
/// Returns `None` if no function of that path is in the text. If several are (the same function emitted
/// in several codegen units), the first is returned.
/// A digest of an emitted text, computed once per text (the emitted texts are kept for the process, and
/// a series reads hundreds of functions out of one): it tells provenance notes of two emits apart.
fn text_digest(text: &str) -> String {
    static DIGESTS: OnceLock<Mutex<HashMap<(usize, usize), String>>> = OnceLock::new();
    let key = (text.as_ptr() as usize, text.len());
    DIGESTS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key)
        .or_insert_with(|| crate::environment::digest_of_text(text))
        .clone()
}

pub fn function_text(emitted: &str, what: Emit, path: &str) -> Option<String> {
    crate::provenance::note(format!("function {path} of emitted {what:?} {}", text_digest(emitted)));
    let lines: Vec<&str> = emitted.lines().collect();
    match what {
        Emit::Asm => {
            let start = lines.iter().position(|l| crate::symbols::asm_labels(l, path))?;
            let end = (start..lines.len()).find(|&i| lines[i].starts_with(".Lfunc_end"))?;
            Some(lines[start..=end].join("\n"))
        }
        Emit::LlvmIr => {
            let start = lines.iter().position(|l| crate::symbols::ir_defines(l, path))?;
            let end = (start..lines.len()).find(|&i| lines[i] == "}")?;
            Some(lines[start..=end].join("\n"))
        }
        Emit::Mir => {
            // rustc prints the MIR of its own crate's items without the crate name (`fn square(`).
            let full = format!("fn {path}(");
            let local = path.split_once("::").map(|(_krate, rest)| format!("fn {rest}("));
            let start = lines.iter().position(|l| l.starts_with(&full) || local.as_ref().is_some_and(|n| l.starts_with(n)))?;
            let end = (start..lines.len()).find(|&i| lines[i] == "}")?;
            Some(lines[start..=end].join("\n"))
        }
    }
}

/// A function's text from [`function_text`] normalized for a claim box ([`crate::Measured::code`]): every
/// mangled symbol demangled without its hash, tabs as spaces; in assembly, no directives (`.cfi_…`,
/// `.p2align`, …), no `#` comments and no `.Ltmp`/`.Lfunc_end` labels; in LLVM IR, no metadata
/// attachments (`, !dbg !12`). MIR is returned with tabs expanded only.
pub fn excerpt(text: &str, what: Emit) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.replace('\t', "    ");
        let trimmed = line.trim();
        let kept = match what {
            Emit::Asm => {
                let is_label = trimmed.ends_with(':') && !trimmed.contains(char::is_whitespace);
                if is_label && (trimmed.starts_with(".Ltmp") || trimmed.starts_with(".Lfunc_end"))
                    || (!is_label && trimmed.starts_with('.'))
                    || trimmed.is_empty()
                {
                    continue;
                }
                match line.find('#') {
                    Some(at) => line[..at].trim_end().to_string(),
                    None => line.trim_end().to_string(),
                }
            }
            Emit::LlvmIr => without_metadata(&line),
            Emit::Mir => line.trim_end().to_string(),
        };
        if !kept.trim().is_empty() || what == Emit::Mir {
            out.push(crate::symbols::demangle_all(&kept));
        }
    }
    out.join("\n")
}

/// An IR line without its metadata attachments (`, !dbg !12`, `, !noalias !3`).
fn without_metadata(line: &str) -> String {
    let mut rest = line;
    let mut out = String::new();
    while let Some(at) = rest.find(", !") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 2..];
        // `!name !N` or `!name !{…}`: skip the name and its node.
        let after_name = tail.find(' ').map_or(tail.len(), |i| i + 1);
        let node = &tail[after_name..];
        let node_len = if node.starts_with('!') { node.find([',', ' ']).unwrap_or(node.len()) } else { 0 };
        rest = &tail[after_name + node_len..];
    }
    out.push_str(rest);
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_text_finds_asm_ir_and_mir_bodies() {
        let asm = "\t.text\n_ZN7mathlib6square17h0123456789abcdefE:\n\t.cfi_startproc\n\tmovq %rdi, %rax\n\timulq %rdi, %rax\n\tretq\n.Lfunc_end0:\n\t.size x\n_ZN7mathlib4cube17h0123456789abcdefE:\n\tretq\n.Lfunc_end1:\n";
        let f = function_text(asm, Emit::Asm, "mathlib::square").unwrap();
        assert!(f.starts_with("_ZN7mathlib6square") && f.contains("imulq") && f.ends_with(".Lfunc_end0:") && !f.contains("cube"));
        assert!(function_text(asm, Emit::Asm, "mathlib::sq").is_none());

        let ir = "; comment\ndefine noundef i64 @_ZN7mathlib6square17h0123456789abcdefE(i64 noundef %x) unnamed_addr #0 {\nstart:\n  %0 = mul i64 %x, %x\n  ret i64 %0\n}\n\ndefine void @other() {\n}\n";
        let f = function_text(ir, Emit::LlvmIr, "mathlib::square").unwrap();
        assert!(f.starts_with("define") && f.contains("mul i64") && f.ends_with('}') && !f.contains("other"));

        let mir = "// WARNING\nfn squares(_1: u64) -> u64 {\n}\n\nfn square(_1: u64) -> u64 {\n    bb0: {\n        _0 = Mul(copy _1, copy _1);\n        return;\n    }\n}\n";
        let f = function_text(mir, Emit::Mir, "mathlib::square").unwrap();
        assert!(f.starts_with("fn square(") && f.contains("Mul(") && f.ends_with('}'));
    }

    #[test]
    fn function_text_finds_the_same_bodies_under_v0_mangling() {
        // rustc 1.95.0 with -Csymbol-mangling-version=v0 (see crate::symbols's tests): a generic function's
        // instance is found by the function's path, as its legacy symbol is.
        let asm = "\t.text\n_RNvCsciGn5CcqV8B_1t8scale_by:\n\tmovq %rdi, %rax\n\tretq\n.Lfunc_end0:\n_RINvCsciGn5CcqV8B_1t6largerhEB2_:\n\tcmpb %sil, %dil\n\tretq\n.Lfunc_end1:\n";
        let legacy = "\t.text\n_ZN1t8scale_by17h244b13e922c95428E:\n\tmovq %rdi, %rax\n\tretq\n.Lfunc_end0:\n_ZN1t6larger17h5a3b0229c892282cE:\n\tcmpb %sil, %dil\n\tretq\n.Lfunc_end1:\n";
        for text in [asm, legacy] {
            let f = function_text(text, Emit::Asm, "t::larger").unwrap();
            assert!(f.contains("cmpb") && f.ends_with(".Lfunc_end1:"), "{f}");
            assert!(function_text(text, Emit::Asm, "t::scale_by").unwrap().contains("movq"));
        }
        assert_eq!(excerpt(&function_text(asm, Emit::Asm, "t::larger").unwrap(), Emit::Asm), "t::larger::<u8>:\n    cmpb %sil, %dil\n    retq");
        assert_eq!(excerpt(&function_text(legacy, Emit::Asm, "t::larger").unwrap(), Emit::Asm), "t::larger:\n    cmpb %sil, %dil\n    retq");
        let ir = "define noundef i8 @_RINvCsciGn5CcqV8B_1t6largerhEB2_(i8 noundef %0, i8 noundef %1) unnamed_addr #0 {\n  ret i8 %0\n}\n";
        assert!(function_text(ir, Emit::LlvmIr, "t::larger").is_some_and(|f| f.contains("ret i8")));
    }

    #[test]
    fn excerpts_drop_directives_metadata_and_hashes() {
        let asm = "_ZN7mathlib6square17h0123456789abcdefE:\n\t.cfi_startproc\n\tmovq\t%rdi, %rax # a comment\n.LBB0_1:\n\tcallq\t_ZN4core9panicking18panic_bounds_check17h0123456789abcdefE@PLT\n.Ltmp3:\n.Lfunc_end0:";
        assert_eq!(
            excerpt(asm, Emit::Asm),
            "mathlib::square:\n    movq    %rdi, %rax\n.LBB0_1:\n    callq    core::panicking::panic_bounds_check@PLT"
        );
        let ir = "define i64 @_ZN7mathlib6square17h0123456789abcdefE(i64 %x) #0 !dbg !7 {\n  %0 = mul i64 %x, %x, !dbg !12\n  call void @llvm.foo(ptr %p), !noalias !3, !dbg !9\n}";
        assert_eq!(
            excerpt(ir, Emit::LlvmIr),
            "define i64 @mathlib::square(i64 %x) #0 !dbg !7 {\n  %0 = mul i64 %x, %x\n  call void @llvm.foo(ptr %p)\n}"
        );
    }

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

    #[test]
    fn emitted_files_of_several_cgus_are_concatenated_and_stale_ones_ignored() {
        let dir = crate::workspace::target_dir().join("proof-selftest").join(format!("emit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
        write("lab-01.stale.rcgu.s", "stale\n");
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options().write(true).open(dir.join("lab-01.stale.rcgu.s")).unwrap().set_modified(old).unwrap();
        write("lab-01.d", &format!("{}: lab/src/lib.rs\n\n{}: lab/src/lib.rs\n", dir.join("lab-01.s").display(), dir.join("lab-01.d").display()));
        write("lab-02.d", &format!("{}: lab/src/lib.rs\n", dir.join("lab-02.mir").display()));
        write("lab-01.lab.b-cgu.1.rcgu.s", "second\n");
        write("lab-01.lab.a-cgu.0.rcgu.s", "first\n");
        write("lab-01.lab.a-cgu.0.rcgu.ll", "ir\n");
        write("lab-012.s", "another crate\n");
        assert_eq!(emitted_stem(&dir, "lab", Emit::Asm), Some(dir.join("lab-01")));
        assert_eq!(emitted_stem(&dir, "lab", Emit::Mir), Some(dir.join("lab-02")));
        assert_eq!(emitted_stem(&dir, "lab", Emit::LlvmIr), None);
        assert_eq!(read_emitted(&dir.join("lab-01"), Emit::Asm), "first\n\nsecond\n");
        assert_eq!(read_emitted(&dir.join("lab-01"), Emit::LlvmIr), "ir\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unit_from_cargo_messages() {
        let msg = r#"{"reason":"compiler-artifact","package_id":"path+file:///work/main/labs/crosscrate/mathlib#0.1.0","target":{"kind":["lib"],"name":"mathlib"},"filenames":["/t/release/libmathlib.rlib","/t/release/deps/libmathlib-0123.rmeta"],"fresh":true}"#;
        assert_eq!(lib_unit(msg, "mathlib"), Some(("mathlib".to_string(), PathBuf::from("/t/release/deps"))));
        assert_eq!(lib_unit(msg, "app"), None);
        assert!(package_id_names("path+file:///x/labs/crosscrate/mathlib#0.1.0", "mathlib"));
        assert!(package_id_names("path+file:///x/labs/crosscrate/lib#mathlib@0.1.0", "mathlib"));
        assert!(!package_id_names("path+file:///x/labs/crosscrate/app#0.1.0", "mathlib"));
    }
}
