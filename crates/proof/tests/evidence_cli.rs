//! `proof-evidence compare`, as ci/check-evidence.sh runs it: blessed evidence from one machine, fresh
//! evidence from another (a different CPU model in the environment key).

use std::path::Path;
use std::process::Command;

const BLESSED: &str = r#"{
  "id": "x.count",
  "statement": "s",
  "kind": "instructions",
  "verdict": "holds",
  "rustc": "1.95.0",
  "toolchain": "t",
  "target": "x86_64-unknown-linux-gnu",
  "environment": { "rustc commit": "abc", "cpu": "CPU A" },
  "predicate": "p",
  "setting": "s",
  "profile": { "name": "release", "settings": {} },
  "figures": { "instructions": 100000 },
  "control": { "setting": "c", "profile": { "name": "release", "settings": {} }, "figures": { "instructions": 200000 }, "predicate_holds": false },
  "check": "tests/x.rs:1"
}
"#;

/// Runs `compare` on a blessed file and a fresh one with `cpu` and `instructions` replaced.
fn compare(dir: &Path, cpu: &str, instructions: u64) -> (bool, String) {
    let (blessed, fresh) = (dir.join("blessed"), dir.join("fresh"));
    for d in [&blessed, &fresh] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::write(blessed.join("x.count.json"), BLESSED).unwrap();
    let other = BLESSED.replace("CPU A", cpu).replace("\"instructions\": 100000", &format!("\"instructions\": {instructions}"));
    std::fs::write(fresh.join("x.count.json"), other).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_proof-evidence")).arg("compare").arg(&blessed).arg(&fresh).output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn another_machine_is_compared_within_the_tolerance_and_the_same_machine_exactly() {
    let dir = proof::workspace::target_dir().join("proof-selftest").join(format!("evidence-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let case = |name: &str, cpu: &str, n: u64| compare(&dir.join(name), cpu, n);

    let (ok, out) = case("identical", "CPU A", 100_000);
    assert!(ok && out.contains("1 identical"), "{out}");
    let (ok, out) = case("other-cpu-close", "CPU B", 100_500);
    assert!(ok && out.contains("within the tolerance"), "0.5% on another CPU is accepted: {out}");
    let (ok, out) = case("other-cpu-far", "CPU B", 102_000);
    assert!(!ok && out.contains("differs"), "2% on another CPU is drift: {out}");
    let (ok, out) = case("same-cpu-close", "CPU A", 100_001);
    assert!(!ok, "one instruction more on the blessing machine is drift: {out}");
    std::fs::remove_dir_all(&dir).unwrap();
}
