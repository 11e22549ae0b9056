//! Cargo settings of "Speeding up compilation", tried on scratch copies of labs.

use super::*;

/// Copies `from` to `to`, without `target/`.
pub(super) fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("scratch directory");
    for e in std::fs::read_dir(from).expect("lab directory").flatten() {
        let p = e.path();
        if p.file_name().is_some_and(|n| n == "target") {
            continue;
        }
        if p.is_dir() {
            copy_tree(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy");
        }
    }
}

/// `cargo build -v` on a scratch copy of `lab` after `files` ((path in the copy, text appended)) are
/// written, with an environment cleaned of what would change the build; cargo's stderr (its warnings and
/// the rustc command lines), then its stdout, with the scratch directory's path masked. Kept across processes
/// (proof::stamp::memo) while the toolchain, the lab and the files are unchanged.
pub(super) fn scratch_cargo(case: &str, lab: &str, files: &[(&str, &str)], args: &[&str]) -> String {
    scratch_cargo_reading(case, lab, files, args, None)
}

/// [`scratch_cargo`], followed by the text of `read` (a file the build wrote, relative to the copy)
/// after [`FILE_FOLLOWS`], or nothing if the build wrote no such file.
pub(super) fn scratch_cargo_reading(case: &str, lab: &str, files: &[(&str, &str)], args: &[&str], read: Option<&str>) -> String {
    proof::provenance::note(format!("cargo {} on a copy of lab {lab} with {files:?}", args.join(" ")));
    let key = format!(
        "{}\nlab {}\nfiles {files:?}\nargs {args:?}\nread {read:?}\n",
        proof::environment::key_line(&proof::environment::toolchain_key()),
        lab::source_digest(lab)
    );
    proof::stamp::memo("pipeline", case, &key, || {
        let dir = proof::workspace::target_dir().join("pipeline-scratch").join(case);
        let _ = std::fs::remove_dir_all(&dir);
        copy_tree(&lab::lab_dir(lab), &dir);
        for (file, text) in files {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("directory");
            let old = std::fs::read_to_string(&path).unwrap_or_default();
            std::fs::write(&path, old + text).expect("write");
        }
        let mut cmd = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        // The target directory right after the subcommand: `cargo rustc … -- <rustc flags>` ends with rustc's.
        cmd.current_dir(&dir).arg(args[0]).arg("--target-dir").arg(dir.join("target")).args(&args[1..]);
        for (k, _) in std::env::vars() {
            if k.starts_with("CARGO_") && k != "CARGO_HOME" || k.contains("RUSTFLAGS") || k.starts_with("RUSTC_") {
                cmd.env_remove(&k);
            }
        }
        let out = cmd.output().expect("cargo runs");
        let mask = |b: &[u8]| String::from_utf8_lossy(b).replace(&dir.display().to_string(), "<scratch>");
        let stderr = mask(&out.stderr);
        assert!(out.status.success(), "cargo {args:?} failed on a copy of {lab}:\n{stderr}");
        let file = read.and_then(|f| std::fs::read(dir.join(f)).ok()).map(|b| format!("{FILE_FOLLOWS}{}", mask(&b))).unwrap_or_default();
        format!("{stderr}{STDOUT_FOLLOWS}{}{file}", mask(&out.stdout))
    })
}

/// Between cargo's stdout and the file read in what [`scratch_cargo_reading`] keeps.
pub(super) const FILE_FOLLOWS: &str = "\n--- file ---\n";

/// Between cargo's stderr and its stdout in what [`scratch_cargo`] keeps.
pub(super) const STDOUT_FOLLOWS: &str = "\n--- stdout ---\n";

/// Cargo's stdout in what [`scratch_cargo`] returned.
pub(super) fn stdout_of(kept: &str) -> &str {
    let out = kept.split_once(STDOUT_FOLLOWS).map_or("", |(_, out)| out);
    out.split_once(FILE_FOLLOWS).map_or(out, |(out, _)| out)
}

/// The rustc command line cargo ran for crate `krate` (from `cargo build -v`).
pub(super) fn rustc_line<'a>(stderr: &'a str, krate: &str) -> &'a str {
    stderr
        .lines()
        .find(|l| l.contains("Running `") && l.contains(&format!("--crate-name {krate} ")))
        .unwrap_or_else(|| panic!("cargo ran no rustc for {krate}:\n{stderr}"))
}

/// The `-C opt-level` cargo gave rustc in a command line ("0" when it gave none: rustc's default).
pub(super) fn opt_level_of(line: &str) -> String {
    line.split("-C opt-level=").nth(1).and_then(|r| r.split_whitespace().next()).unwrap_or("0").to_string()
}

/// A `[target.<host>]` table giving rustc a `--cfg`, and whether cargo warned about it and passed it on.
pub(super) const TARGET_TABLE: &str = "\n[target.x86_64-unknown-linux-gnu]\nrustflags = [\"--cfg\", \"from_target_table\"]\n";

pub(super) fn target_table_figures(in_manifest: bool) -> Measured {
    let (case, file) = if in_manifest { ("target-table-manifest", "Cargo.toml") } else { ("target-table-config", ".cargo/config.toml") };
    let stderr = scratch_cargo(case, "pipeline", &[(file, TARGET_TABLE)], &["build", "-v", "--offline"]);
    let warning = stderr.lines().find(|l| l.starts_with("warning:") && l.contains("unused manifest key")).unwrap_or("(none)");
    Measured::new(
        ProfileRecord::named(
            &format!("cargo build -v on a copy of labs/pipeline, the table in {file}"),
            &[("profile", "dev".into()), ("table", TARGET_TABLE.trim().into())],
        ),
        figures! {
            "cargo warns of an unused manifest key" => warning != "(none)",
            "the warning" => warning.to_string(),
            "rustc gets --cfg from_target_table" => rustc_line(&stderr, "pipeline").contains("--cfg from_target_table"),
        },
    )
}

#[test]
fn target_table_in_manifest_is_ignored() {
    claim("pipeline.speed.target-table-ignored-in-manifest")
        .kind(Kind::Behaviour)
        .statement("A `[target.<triple>]` table in Cargo.toml is ignored with an \"unused manifest key\" warning; the same table in .cargo/config.toml reaches rustc.")
        .judges("003", "Speeding Up Compilation", "A faster linker is configured in a [target.<triple>] table of Cargo.toml.", "refuted: Cargo ignores that table in Cargo.toml (\"unused manifest key\"); it takes effect in .cargo/config.toml")
        .predicate("cargo warns and rustc does not get the table's flags", |f| f.bool("cargo warns of an unused manifest key") && !f.bool("rustc gets --cfg from_target_table"))
        .subject("the table in Cargo.toml", || target_table_figures(true))
        .control("the table in .cargo/config.toml", || target_table_figures(false))
        .check();
}

/// `[profile.dev.package."*"] opt-level = 2` in labs/deps: the opt-level rustc gets for `krate`.
pub(super) const DEPS_STAR: &str = "\n[profile.dev.package.\"*\"]\nopt-level = 2\n";

pub(super) fn star_figures(krate: &str, what: &str) -> Measured {
    let stderr = scratch_cargo("profile-dev-package-star", "deps", &[("Cargo.toml", DEPS_STAR)], &["build", "-v", "--locked", "--offline"]);
    proof::provenance::note(format!("rustc command line of {krate}"));
    Measured::new(
        ProfileRecord::named(
            "cargo build -v on a copy of labs/deps",
            &[("profile", "dev".into()), ("added to the workspace's Cargo.toml", DEPS_STAR.trim().into())],
        ),
        figures! { "crate" => krate, "what it is" => what, "opt-level rustc gets" => opt_level_of(rustc_line(&stderr, krate)) },
    )
}

#[test]
fn package_star_optimizes_dependencies_only() {
    claim("pipeline.speed.package-star-dependencies-only")
        .kind(Kind::Behaviour)
        .statement("`[profile.dev.package.\"*\"] opt-level = 2` gives opt-level 2 to a dependency outside the workspace and leaves a workspace member at opt-level 0.")
        .judges("003", "Speeding Up Compilation", "[profile.dev.package.\"*\"] optimizes dependencies but not your own code.", "confirmed: \"*\" covers crates outside the workspace, not its members")
        .predicate("rustc gets opt-level 2", |f| f.str("opt-level rustc gets") == "2")
        .subject("outside: a path dependency outside the workspace", || star_figures("outside", "a path dependency outside the workspace"))
        .control("member: a workspace member the program depends on", || star_figures("member", "a workspace member"))
        .check();
}
