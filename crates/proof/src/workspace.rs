//! Where things are: the repository root (the directory holding `book.toml`) and the target directory.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The repository root: the nearest ancestor of the current directory (cargo runs tests from their
/// package's directory) that holds `book.toml`.
pub fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let start = std::env::current_dir().expect("current directory");
        start
            .ancestors()
            .find(|d| d.join("book.toml").is_file() && d.join("Cargo.toml").is_file())
            .unwrap_or_else(|| panic!("proof: no book.toml above {}: run the checks from inside the Measured Rust repository", start.display()))
            .to_path_buf()
    })
}

/// The workspace's target directory (`CARGO_TARGET_DIR` if set, else `<root>/target`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) if !d.is_empty() => {
            let d = PathBuf::from(d);
            if d.is_absolute() { d } else { root().join(d) }
        }
        _ => root().join("target"),
    }
}

/// `<target>/measured`: where every run writes fresh evidence.
pub fn fresh_evidence_dir() -> PathBuf {
    target_dir().join("measured")
}

/// Whether the environment variable is set to a true-ish value (`1`, `true`, `yes`).
pub fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| matches!(v.trim(), "1" | "true" | "yes"))
}

/// The stems of the files in `dir` whose extension is `ext` (`"json"`, `"toml"`), sorted; none if `dir`
/// does not exist.
pub fn file_stems(dir: &Path, ext: &str) -> Result<Vec<String>, String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", dir.display())),
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|x| x == ext)
            && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
        {
            out.push(stem.to_string());
        }
    }
    out.sort();
    Ok(out)
}

/// The exact version of the package `name` in the workspace's `Cargo.lock` (the first entry of that name);
/// panics, naming the file, when it has none.
pub fn locked_version(name: &str) -> String {
    let lock = root().join("Cargo.lock");
    let text = std::fs::read_to_string(&lock).unwrap_or_else(|e| panic!("proof: cannot read {}: {e}", lock.display()));
    version_in_lock(&text, name).unwrap_or_else(|| panic!("proof: {} has no `{name}` package", lock.display()))
}

/// The version of the first package named `name` in a Cargo.lock text.
pub fn version_in_lock(lock: &str, name: &str) -> Option<String> {
    let want = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == want {
            return lines.next().and_then(|v| v.trim().strip_prefix("version = ")).map(|v| v.trim_matches('"').to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn locked_versions() {
        let lock = "[[package]]\nname = \"criterion\"\nversion = \"0.8.2\"\n\n[[package]]\nname = \"criterion-plot\"\nversion = \"0.8.2\"\n";
        assert_eq!(super::version_in_lock(lock, "criterion").as_deref(), Some("0.8.2"));
        assert_eq!(super::version_in_lock(lock, "gungraun"), None);
    }
}
