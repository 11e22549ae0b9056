//! Incremental compilation: which codegen units a second build generates again.

use super::*;

/// The object files (codegen units) of the newest incremental session under `inc`, with their inodes:
/// a unit rustc reuses is hard-linked from the previous session (same inode); one it generates again is
/// a new file.
pub(super) fn session_objects(inc: &std::path::Path) -> std::collections::BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    let mut sessions: Vec<std::path::PathBuf> = std::fs::read_dir(inc)
        .expect("the incremental directory")
        .flatten()
        .flat_map(|crate_dir| std::fs::read_dir(crate_dir.path()).into_iter().flatten().flatten().map(|e| e.path()))
        .filter(|p| p.is_dir() && p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("s-") && !n.to_string_lossy().ends_with("-working")))
        .collect();
    sessions.sort_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    let newest = sessions.last().expect("an incremental session");
    std::fs::read_dir(newest)
        .expect("the session directory")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "o"))
        .map(|e| (dump::normalize(&e.file_name().to_string_lossy()).trim().to_string(), e.metadata().expect("metadata").ino()))
        .collect()
}

/// Builds the lab twice with `-Cincremental`, the second time after `change` (`edit`: the body of
/// `twice` multiplies by 5 instead of 2; otherwise the second build adds `-Copt-level=1`), and counts the
/// codegen units of the second build that rustc reused and those it generated again. Kept across
/// processes (proof::stamp::memo) while the toolchain and the lab's source are unchanged.
pub(super) fn incremental_figures(edit: bool) -> Measured {
    let change =
        if edit { "an edit to the body of twice (wrapping_mul(2) becomes wrapping_mul(5))" } else { "-Copt-level=1 added to the second build" };
    proof::provenance::note(format!("rustc -Cincremental on the pipeline lab, twice, {change}"));
    let name = if edit { "incremental-edit" } else { "incremental-opt-level" };
    let key = format!(
        "{}\nlib.rs {}\nchange {change}\n",
        proof::environment::key_line(&proof::environment::toolchain_key()),
        proof::environment::digest_of_text(lab_source())
    );
    let text = proof::stamp::memo("pipeline", name, &key, || {
        let dir = proof::workspace::target_dir().join("pipeline-incremental").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch directory");
        std::fs::write(dir.join("lib.rs"), lab_source()).expect("lib.rs");
        let build = |extra: &[&str]| {
            let mut cmd = std::process::Command::new(proof::toolchain::rustc_path());
            cmd.current_dir(&dir)
                .args([
                    "--edition",
                    "2024",
                    "--crate-type",
                    "lib",
                    "--crate-name",
                    "pipeline",
                    "-Cincremental=inc",
                    "-Zhuman-readable-cgu-names",
                    "-Zincremental-info",
                ])
                .args(extra)
                .arg("lib.rs");
            for var in ["RUSTFLAGS", "RUSTC_WRAPPER", "RUSTC_WORKSPACE_WRAPPER", "CARGO_ENCODED_RUSTFLAGS", "RUSTC_LOG"] {
                cmd.env_remove(var);
            }
            let out = cmd.env("RUSTC_BOOTSTRAP", "1").output().expect("rustc runs");
            assert!(out.status.success(), "rustc -Cincremental failed:\n{}", String::from_utf8_lossy(&out.stderr));
            session_objects(&dir.join("inc"))
        };
        let first = build(&[]);
        if edit {
            let text = lab_source();
            assert!(text.contains("x.wrapping_mul(2)"), "the lab's twice() changed: update the edit");
            std::fs::write(dir.join("lib.rs"), text.replacen("x.wrapping_mul(2)", "x.wrapping_mul(5)", 1)).expect("edit");
        }
        let second = build(if edit { &[] } else { &["-Copt-level=1"] });
        let reused: Vec<&String> = second.iter().filter(|(n, ino)| first.get(*n) == Some(ino)).map(|(n, _)| n).collect();
        let again: Vec<&String> = second.iter().filter(|(n, ino)| first.get(*n) != Some(ino)).map(|(n, _)| n).collect();
        serde_json::json!({ "first": first.len(), "second": second.len(), "reused": reused.len(), "again": again, }).to_string()
    });
    let v: Value = serde_json::from_str(&text).expect("kept figures");
    let again: Vec<&str> = v["again"].as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
    let profile = ProfileRecord::named(
        "rustc -Cincremental on labs/pipeline, built twice",
        &[
            ("opt-level", if edit { "0, both builds" } else { "0, then 1" }.into()),
            ("incremental", true.into()),
            ("between the builds", change.into()),
            ("flags", "-Zhuman-readable-cgu-names -Zincremental-info (RUSTC_BOOTSTRAP=1, in these runs only)".into()),
            ("reused", "a codegen unit whose object file is hard-linked from the first build's session".into()),
        ],
    );
    Measured::new(
        profile,
        figures! {
            "codegen units, first build" => v["first"].as_u64().unwrap_or(0),
            "codegen units, second build" => v["second"].as_u64().unwrap_or(0),
            "codegen units reused" => v["reused"].as_u64().unwrap_or(0),
            "codegen units generated again" => again.len(),
            "generated again" => if again.len() > 4 { format!("{} and {} more", again[..4].join(", "), again.len() - 4) } else { again.join(", ") },
        },
    )
}

#[test]
fn incremental_reuses_unchanged_units() {
    claim("pipeline.incremental.edit-regenerates-its-unit")
        .kind(Kind::Ir)
        .statement("With incremental compilation, after an edit to one function rustc generates code again for fewer codegen units than it reuses; after an opt-level change it reuses none.")
        .judges("003", "Why Rust Is Slow to Compile", "Incremental compilation recompiles only what changed.", "confirmed: after a one-function edit, only the unit holding that function is generated again")
        .judges("004", "Inlining and Separate Compilation", "Separate compilation lets modules be compiled in parallel and recompiled incrementally.", "partly true: an edit regenerates only the codegen unit it touches; parallel compilation is not measured")
        .predicate("some codegen units are reused, and fewer are generated again than reused", |f| {
            margin::against(f, "codegen units reused", Op::Gt, 0.0) && margin::lt(f, "codegen units generated again", "codegen units reused")
        })
        .subject("an edit to the body of twice between the builds", || incremental_figures(true))
        .control("-Copt-level=1 added to the second build", || incremental_figures(false))
        .check();
}
