//! The toolchain that measures: `rustc -vV`, asked once per process.

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

/// The rustc that cargo uses here (`$RUSTC`, else `rustc` as resolved by rustup and rust-toolchain.toml).
pub fn rustc_path() -> String {
    std::env::var("RUSTC").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "rustc".into())
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
        let t = super::parse("rustc 1.95.0 (59807616e 2026-04-14)\nbinary: rustc\ncommit-hash: 59807616e1234\nhost: x86_64-unknown-linux-gnu\nrelease: 1.95.0\nLLVM version: 22.1.2\n");
        assert_eq!(t.release, "1.95.0");
        assert_eq!(t.host, "x86_64-unknown-linux-gnu");
        assert_eq!(t.describe, "rustc 1.95.0 (59807616e 2026-04-14), LLVM 22.1.2");
        assert_eq!((t.commit.as_str(), t.llvm.as_str()), ("59807616e1234", "22.1.2"));
    }
}
