//! The environment key: everything besides the code and the profile that can change a figure.
//!
//! Every evidence file records it under `environment`. Its build part (the rustc commit and LLVM
//! version, the lock file of what was built, the flags, the valgrind and Gungraun versions) must match
//! for evidence to be current; its machine part ([`crate::policy::MACHINE_KEYS`]: the CPU model and
//! x86-64 level, the C library) decides whether instruction and size figures are compared exactly (the
//! machine that blessed them) or within the tolerance (another machine).
//!
//! The harness's measuring functions add what they depend on while a claim measures ([`note`]);
//! [`crate::Claim::check`] collects it for both sides. The reuse of Gungraun results is keyed on the same
//! values ([`instruction_key`]), so a change to any of them re-measures.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

thread_local! {
    static NOTES: RefCell<Map<String, Value>> = RefCell::new(Map::new());
}

/// Adds `key = value` to the environment of the claim measuring on this thread.
pub fn note(key: &str, value: impl Into<Value>) {
    NOTES.with(|n| {
        n.borrow_mut().insert(key.to_string(), value.into());
    });
}

/// Adds several entries at once.
pub fn note_all(entries: &Map<String, Value>) {
    NOTES.with(|n| n.borrow_mut().extend(entries.iter().map(|(k, v)| (k.clone(), v.clone()))));
}

/// Takes what was noted on this thread since the last call.
pub fn take() -> Map<String, Value> {
    NOTES.with(|n| std::mem::take(&mut *n.borrow_mut()))
}

/// The part of the key every claim has: the rustc commit and the LLVM version.
pub fn toolchain_key() -> Map<String, Value> {
    static KEY: OnceLock<Map<String, Value>> = OnceLock::new();
    KEY.get_or_init(|| {
        let tc = crate::toolchain::current();
        let mut m = Map::new();
        m.insert("rustc commit".into(), tc.commit.clone().into());
        m.insert("llvm".into(), tc.llvm.clone().into());
        m
    })
    .clone()
}

/// `sha256:<first 16 hex digits>` of a file (panics, naming it, when it cannot be read).
pub fn digest_of(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("proof: cannot read {}: {e}", path.display()));
    short_hex(&Sha256::digest(&bytes))
}

/// A digest of every file under each of `paths` (files or folders, relative to `root`; `target`
/// folders skipped), by relative path and content: it changes when any of them does.
pub fn digest_of_tree(root: &Path, paths: &[&str]) -> String {
    fn walk(p: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        if p.is_dir() {
            let mut entries: Vec<std::path::PathBuf> =
                std::fs::read_dir(p).unwrap_or_else(|e| panic!("proof: {}: {e}", p.display())).filter_map(|e| e.ok().map(|e| e.path())).collect();
            entries.sort();
            for e in entries.iter().filter(|e| e.file_name().is_none_or(|n| n != "target")) {
                walk(e, root, out);
            }
        } else if p.is_file() {
            out.push((p.strip_prefix(root).unwrap_or(p).display().to_string(), digest_of(p)));
        }
    }
    let mut files = Vec::new();
    for rel in paths {
        walk(&root.join(rel), root, &mut files);
    }
    digest_of_text(&files.iter().map(|(f, d)| format!("{f} {d}\n")).collect::<String>())
}

/// Notes the workspace's `Cargo.lock` and the flags the test binaries were built with: the key of a
/// measurement taken inside a test process (heap, behaviour) or a benchmark of the workspace.
pub fn note_workspace_build() {
    static KEY: OnceLock<String> = OnceLock::new();
    let lock = KEY.get_or_init(|| digest_of(&crate::workspace::root().join("Cargo.lock")));
    note("Cargo.lock", lock.as_str());
    note("test build rustflags", env!("PROOF_BUILD_RUSTFLAGS"));
}

/// The machine part of the key: `cpu` (the model name), `cpu level` (the highest x86-64 level the CPU
/// supports: v1 to v4) and `libc` (`glibc 2.36`).
pub fn machine_key() -> Map<String, Value> {
    static KEY: OnceLock<Map<String, Value>> = OnceLock::new();
    KEY.get_or_init(|| {
        let mut m = Map::new();
        m.insert("cpu".into(), cpu_model().into());
        m.insert("cpu level".into(), cpu_level().into());
        m.insert("libc".into(), libc_version().into());
        m
    })
    .clone()
}

/// The key of an instruction count: the machine part, the valgrind and Gungraun versions and the pinned
/// C library tunables (plus, through [`note_workspace_build`], the workspace's lock file and flags).
pub fn instruction_key(gungraun: &str) -> Map<String, Value> {
    let mut m = machine_key();
    m.insert("valgrind".into(), valgrind_version().into());
    m.insert("gungraun".into(), gungraun.into());
    m.insert("GLIBC_TUNABLES".into(), digest_of_text(catalogue::GLIBC_TUNABLES).into());
    m
}

/// `sha256:<first 16 hex digits>` of a text.
pub fn digest_of_text(text: &str) -> String {
    short_hex(&Sha256::digest(text.as_bytes()))
}

fn short_hex(hash: &[u8]) -> String {
    let hex: String = hash.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| t.lines().find_map(|l| l.strip_prefix("model name").and_then(|r| r.split_once(':')).map(|(_, v)| v.trim().to_string())))
        .unwrap_or_else(|| format!("unknown ({})", std::env::consts::ARCH))
}

/// The highest x86-64 micro-architecture level this CPU supports.
fn cpu_level() -> String {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        let v2 = has!("sse3") && has!("ssse3") && has!("sse4.1") && has!("sse4.2") && has!("popcnt") && has!("cmpxchg16b");
        let v3 = v2 && has!("avx") && has!("avx2") && has!("bmi1") && has!("bmi2") && has!("fma") && has!("lzcnt") && has!("movbe") && has!("f16c");
        let v4 = v3 && has!("avx512f") && has!("avx512bw") && has!("avx512cd") && has!("avx512dq") && has!("avx512vl");
        let level = if v4 {
            4
        } else if v3 {
            3
        } else if v2 {
            2
        } else {
            1
        };
        format!("x86-64-v{level}")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        std::env::consts::ARCH.to_string()
    }
}

/// The machine part of a lab build's key: the C library and the C compiler that drives the link (its
/// start-up objects, `crt1.o`, `crtbegin.o`, … end up in every binary, and so in its size).
pub fn link_key() -> Map<String, Value> {
    static KEY: OnceLock<Map<String, Value>> = OnceLock::new();
    KEY.get_or_init(|| {
        let mut m = Map::new();
        m.insert("libc".into(), libc_version().into());
        m.insert("cc".into(), cc_version().into());
        m
    })
    .clone()
}

fn cc_version() -> String {
    Command::new("cc")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8_lossy(&o.stdout).lines().next().map(str::to_string))
        .unwrap_or_else(|| "unknown (no cc)".into())
}

fn libc_version() -> String {
    Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown (not glibc)".into())
}

/// `valgrind --version` without the `valgrind-` prefix (panics with an install hint when missing).
pub fn valgrind_version() -> String {
    static V: OnceLock<String> = OnceLock::new();
    V.get_or_init(ask_valgrind_version).clone()
}

fn ask_valgrind_version() -> String {
    let out = Command::new("valgrind").arg("--version").output().ok().filter(|o| o.status.success()).unwrap_or_else(|| {
        panic!("valgrind is missing: the instruction-count claims need it. Install it: `ci/install-tools.sh valgrind` (or your package manager)")
    });
    String::from_utf8_lossy(&out.stdout).trim().trim_start_matches("valgrind-").to_string()
}

/// The key as one line, for stamps: `k=v; k=v`.
pub fn key_line(m: &Map<String, Value>) -> String {
    m.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
}
