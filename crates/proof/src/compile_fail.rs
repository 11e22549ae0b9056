//! What the compile-fail checks (`tests/ui/tests/ui/`) share around trybuild: when a set of cases must be
//! compiled again, which compiler trybuild's own `cargo` uses, and how rustc's expected output is read.
//!
//! trybuild compiles each case as a crate of a project it generates under `<target>/tests/trybuild/`,
//! against the package's dependencies and dev-dependencies, and compares rustc's output with the case's
//! `.stderr`. This module does not replace any of that; the checks call trybuild themselves, through
//! [`run`].

use crate::environment::{digest_of, key_line, toolchain_key};
use std::path::Path;

/// The version of trybuild in the workspace's `Cargo.lock`, for the profile line of the evidence.
pub fn trybuild_version() -> String {
    crate::workspace::locked_version("trybuild")
}

/// Runs `cases` (which calls trybuild on the given `pass` and `fail` cases of `cases/`) unless a run with
/// the same compiler, cases, expected output and lock file already passed (a stamp named `name`); always
/// when `TRYBUILD` is set (trybuild overwrites or collects the expected output then). Before it runs, the
/// compiler under test is handed to trybuild's `cargo` ([`use_compiler_under_test`]).
pub fn run(name: &str, pass: &[&str], fail: &[&str], cases: impl FnOnce()) {
    use_compiler_under_test();
    if std::env::var_os("TRYBUILD").is_some() {
        cases();
    } else {
        crate::stamp::run_unless_current("trybuild", name, &key(pass, fail), || true, cases);
    }
}

/// Everything the cases' outcome depends on: the compiler, each case and its expected output, the crate
/// they are compiled against, the lock file, and which cases must compile.
fn key(pass: &[&str], fail: &[&str]) -> String {
    let mut key = key_line(&toolchain_key());
    let mut files: Vec<String> = vec!["Cargo.toml".into(), "src/lib.rs".into()];
    for case in fail.iter().chain(pass) {
        files.push(format!("cases/{case}.rs"));
        files.push(format!("cases/{case}.stderr"));
    }
    for file in files {
        let digest = if Path::new(&file).exists() { digest_of(Path::new(&file)) } else { "absent".into() };
        key.push_str(&format!("\n{file} {digest}"));
    }
    key.push_str(&format!("\nCargo.lock {}\npass {pass:?}\n", digest_of(&crate::workspace::root().join("Cargo.lock"))));
    key
}

/// trybuild's `cargo` runs in `<target>/tests/trybuild/<package>/` and inherits the test's environment,
/// so the compiler under test (`MEASURED_RUSTC`) reaches it through a Cargo configuration file in
/// `<target>/tests/trybuild/.cargo/` (`build.rustc`), which no other build reads; without one, the file is
/// removed. Panics, as "not judged" in a drift run, when that compiler is older than the harness crate's
/// `rust-version`: trybuild compiles the dev-dependencies (the harness crate `proof` among them) into
/// every case, so such a compiler cannot judge any case.
pub fn use_compiler_under_test() {
    let dir = crate::workspace::target_dir().join("tests/trybuild/.cargo");
    let config = dir.join("config.toml");
    let Some(rustc) = crate::toolchain::under_test() else {
        let _ = std::fs::remove_file(&config);
        return;
    };
    let release = crate::toolchain::current().release.clone();
    let needs = harness_rust_version();
    if version_tuple(&release) < version_tuple(&needs) {
        panic!(
            "trybuild compiles the package's dev-dependencies, the harness crate `proof` among them, into every case, \
             and `proof` needs rustc {needs} (rust-version); the compiler under test is {release}"
        );
    }
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("proof: {}: {e}", dir.display()));
    std::fs::write(&config, format!("# written by proof::compile_fail for MEASURED_RUSTC\n[build]\nrustc = {rustc:?}\n"))
        .unwrap_or_else(|e| panic!("proof: {}: {e}", config.display()));
}

/// The workspace's `rust-version` (`[workspace.package]` in the root `Cargo.toml`).
fn harness_rust_version() -> String {
    let manifest = crate::workspace::root().join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap_or_else(|e| panic!("proof: {}: {e}", manifest.display()));
    text.lines()
        .find_map(|l| l.trim().strip_prefix("rust-version = ").map(|v| v.trim_matches('"').to_string()))
        .unwrap_or_else(|| panic!("proof: no rust-version in {}", manifest.display()))
}

fn version_tuple(v: &str) -> [u64; 3] {
    let mut parts = v.split(['.', '-']).map(|p| p.parse().unwrap_or(0));
    [(); 3].map(|()| parts.next().unwrap_or(0))
}

/// The error lines of a case's `.stderr` (`error…`, without rustc's closing "aborting" line) and the
/// codes among them (`E0382`), in the order rustc printed them, repeats kept.
pub fn errors(stderr: &str) -> (Vec<&str>, Vec<&str>) {
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error") && !l.starts_with("error: aborting")).collect();
    let codes = errors.iter().filter_map(|l| l.strip_prefix("error[").and_then(|r| r.split(']').next())).collect();
    (errors, codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_keep_order_and_repeats_and_skip_aborting() {
        let stderr = "error[E0499]: first\n  --> x\nerror[E0499]: second\nerror: no code\nerror: aborting due to 3 previous errors\n";
        let (errors, codes) = errors(stderr);
        assert_eq!(errors.len(), 3);
        assert_eq!(codes, ["E0499", "E0499"]);
        assert!(super::errors("warning: unused\n").0.is_empty());
    }

    #[test]
    fn versions_compare_by_number() {
        assert!(version_tuple("1.85.0") < version_tuple("1.95"));
        assert!(version_tuple("1.100.0") > version_tuple("1.95.0"));
        assert!(version_tuple("1.96.0-beta.3") >= version_tuple("1.96"));
    }
}
