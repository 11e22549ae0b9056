//! The toolchain that measures: `rustc -vV`, asked once per process.
//!
//! The harness itself always builds with the pinned toolchain. What it measures (the labs, and every
//! compiler run it makes) is built by the *compiler under test*: the same pinned rustc, unless
//! `MEASURED_RUSTC` names another one, a path (`target/compilers/debian-1.96/rustc`, from
//! `ci/install-compilers.sh`) or a rustup toolchain (`nightly`, `1.90.0`). A run with `MEASURED_RUSTC` only
//! measures (a drift run, [`crate::claim::drift_run`]): it neither blesses nor compares.

use std::process::Command;
use std::sync::OnceLock;

#[derive(Clone, Debug)]
pub struct Toolchain {
    /// "1.95.0"
    pub release: String,
    /// "rustc 1.95.0 (59807616e 2026-04-14), LLVM 22.1.2"
    pub describe: String,
    /// "x86_64-unknown-linux-gnu"
    pub host: String,
    /// The commit rustc was built from ("59807616e…"), or "unknown".
    pub commit: String,
    /// The LLVM version ("22.1.2"), or "unknown".
    pub llvm: String,
}

/// The compiler under test: `MEASURED_RUSTC` resolved to an executable, or `None` (the pinned one).
/// Panics with what to do when the setting names nothing that runs.
pub fn under_test() -> Option<&'static str> {
    static UNDER_TEST: OnceLock<Option<String>> = OnceLock::new();
    UNDER_TEST
        .get_or_init(|| {
            let named = std::env::var("MEASURED_RUSTC").ok().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())?;
            Some(resolve(&named).unwrap_or_else(|e| panic!("proof: MEASURED_RUSTC={named}: {e}")))
        })
        .as_deref()
}

/// A path (relative to the workspace root, or absolute) or a rustup toolchain name, to a runnable rustc.
fn resolve(named: &str) -> Result<String, String> {
    let path = if named.contains('/') {
        let p = std::path::Path::new(named);
        let p = if p.is_absolute() { p.to_path_buf() } else { crate::workspace::root().join(p) };
        p.to_string_lossy().into_owned()
    } else {
        let out = Command::new("rustup")
            .args(["which", "rustc", "--toolchain", named])
            .output()
            .map_err(|e| format!("it is not a path, and rustup, which would resolve it as a toolchain, cannot run: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "no such rustup toolchain here (install it with `rustup toolchain install {named} --profile minimal`), and not a path: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    match Command::new(&path).arg("-V").output() {
        Ok(o) if o.status.success() => Ok(path),
        Ok(o) => Err(format!("`{path} -V` fails: {}", String::from_utf8_lossy(&o.stderr).trim())),
        Err(e) => Err(format!("cannot run {path} ({e}); for Debian's compilers run ci/install-compilers.sh first")),
    }
}

/// The rustc that builds what the harness measures: the compiler under test ([`under_test`]), else
/// `$RUSTC`, else `rustc` as resolved by rustup and rust-toolchain.toml.
pub fn rustc_path() -> String {
    if let Some(p) = under_test() {
        return p.to_string();
    }
    if let Some(r) = std::env::var("RUSTC").ok().filter(|s| !s.is_empty()) {
        return r;
    }
    // Under `cargo test`, `$CARGO` is the toolchain's own cargo; its sibling is the toolchain's rustc,
    // which saves rustup's proxy (a third of a second) on every compiler run.
    let in_a_rustup_toolchain = |rustc: &std::path::Path| {
        rustc.is_file()
            && rustc.parent().is_some_and(|d| d.ends_with("bin") && d.parent().and_then(|t| t.parent()).is_some_and(|p| p.ends_with("toolchains")))
    };
    if let Some(sibling) = std::env::var_os("CARGO").map(std::path::PathBuf::from).and_then(|c| c.parent().map(|d| d.join("rustc")))
        && in_a_rustup_toolchain(&sibling)
    {
        return sibling.to_string_lossy().into_owned();
    }
    "rustc".into()
}

/// The compiler that built the harness, and so every test binary linking it (described like
/// [`Toolchain::describe`]).
pub fn harness_compiler() -> &'static str {
    env!("PROOF_BUILD_RUSTC")
}

/// Why code compiled into the test binary itself (a heap profile, a size, a behaviour) is not the compiler
/// under test's to judge here: `None` when the harness was built by that compiler (the pinned run, or a
/// drift run that built everything with it), else the reason a drift report shows.
pub fn test_binary_not_under_test() -> Option<String> {
    under_test()?;
    let tc = current();
    (tc.describe != harness_compiler()).then(|| {
        format!(
            "measured inside the test binary, which {} built; the compiler under test ({}) builds the labs, benches and \
             compile-fail cases only, as it is older than the harness's rust-version",
            harness_compiler(),
            tc.describe
        )
    })
}

pub fn current() -> &'static Toolchain {
    static TC: OnceLock<Toolchain> = OnceLock::new();
    TC.get_or_init(|| {
        let out = Command::new(rustc_path())
            .arg("-vV")
            .current_dir(crate::workspace::root())
            .output()
            .unwrap_or_else(|e| panic!("proof: cannot run `rustc -vV`: {e}"));
        assert!(out.status.success(), "proof: `rustc -vV` failed: {}", String::from_utf8_lossy(&out.stderr));
        parse(&String::from_utf8_lossy(&out.stdout))
    })
}

fn parse(text: &str) -> Toolchain {
    let field = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(k).map(|v| v.trim().to_string()))
            .unwrap_or_else(|| panic!("proof: `rustc -vV` printed no `{k}` line:\n{text}"))
    };
    let first = text.lines().next().unwrap_or_default().trim().to_string();
    let llvm = text.lines().find_map(|l| l.strip_prefix("LLVM version:")).map(str::trim);
    Toolchain {
        release: field("release:"),
        describe: match llvm {
            Some(v) => format!("{first}, LLVM {v}"),
            None => first,
        },
        host: field("host:"),
        commit: text.lines().find_map(|l| l.strip_prefix("commit-hash:")).map(|v| v.trim().to_string()).unwrap_or_else(|| "unknown".into()),
        llvm: llvm.unwrap_or("unknown").to_string(),
    }
}

/// Whether this host is x86_64 Linux, the only platform whose asm and call claims the harness can judge.
pub fn is_x86_64_linux() -> bool {
    cfg!(all(target_arch = "x86_64", target_os = "linux"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_rustc_vv() {
        let t = super::parse(
            "rustc 1.95.0 (59807616e 2026-04-14)\nbinary: rustc\ncommit-hash: 59807616e1234\nhost: x86_64-unknown-linux-gnu\nrelease: 1.95.0\nLLVM version: 22.1.2\n",
        );
        assert_eq!(t.release, "1.95.0");
        assert_eq!(t.host, "x86_64-unknown-linux-gnu");
        assert_eq!(t.describe, "rustc 1.95.0 (59807616e 2026-04-14), LLVM 22.1.2");
        assert_eq!((t.commit.as_str(), t.llvm.as_str()), ("59807616e1234", "22.1.2"));
    }
}
