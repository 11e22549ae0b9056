//! `ci/repeat.sh`'s comparison: every run's evidence (`<out>/run-<i>/…/*.json`) against run 1's, whole,
//! nothing ignored. Each field that differs is reported with its dotted path and both values; a file
//! with the same values written differently (key order, layout) is reported too.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every `.json` file under `root`, by its path relative to `root` without `.json`: its parsed value (or
/// why it does not parse) and its bytes.
fn evidence(root: &Path) -> BTreeMap<String, (Result<Value, String>, Vec<u8>)> {
    let mut found = BTreeMap::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let rel = path.strip_prefix(root).unwrap_or(&path).with_extension("").display().to_string();
                let raw = std::fs::read(&path).unwrap_or_default();
                let value = serde_json::from_slice(&raw).map_err(|e| format!("<not valid JSON: {e}>"));
                found.insert(rel, (value, raw));
            }
        }
    }
    found
}

/// Appends (dotted path, value in run 1, value in the other run) for every leaf that differs.
fn diff(a: &Value, b: &Value, path: &str, acc: &mut Vec<(String, String, String)>) {
    let at = |k: &str| if path.is_empty() { k.to_string() } else { format!("{path}.{k}") };
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                match (x.get(k), y.get(k)) {
                    (Some(v), None) => acc.push((at(k), v.to_string(), "(absent)".into())),
                    (None, Some(v)) => acc.push((at(k), "(absent)".into(), v.to_string())),
                    (Some(v), Some(w)) => diff(v, w, &at(k), acc),
                    (None, None) => {}
                }
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            for i in 0..x.len().max(y.len()) {
                let p = format!("{path}[{i}]");
                match (x.get(i), y.get(i)) {
                    (Some(v), None) => acc.push((p, v.to_string(), "(absent)".into())),
                    (None, Some(v)) => acc.push((p, "(absent)".into(), v.to_string())),
                    (Some(v), Some(w)) => diff(v, w, &p, acc),
                    (None, None) => {}
                }
            }
        }
        _ if a != b => acc.push((if path.is_empty() { "(whole file)".into() } else { path.to_string() }, a.to_string(), b.to_string())),
        _ => {}
    }
}

/// The report of `runs` runs kept under `out` (`run-1` … `run-N`), and how many differences it found.
pub fn compare_runs(out: &Path, runs: usize) -> (String, usize) {
    let all: Vec<_> = (1..=runs).map(|r| evidence(&out.join(format!("run-{r}")))).collect();
    let claims: BTreeSet<&String> = all.iter().flat_map(|run| run.keys()).collect();
    let mut report = String::new();
    let mut total = 0;
    for claim in &claims {
        let mut lines = Vec::new();
        let first = all[0].get(*claim);
        for (i, run) in all.iter().enumerate().skip(1) {
            let r = i + 1;
            match (first, run.get(*claim)) {
                (None, None) => {}
                (None, Some(_)) => lines.push(format!("  run {r}: measured, but run 1 wrote no evidence for it")),
                (Some(_), None) => lines.push(format!("  run {r}: wrote no evidence for it (run 1 did)")),
                (Some((a, raw_a)), Some((b, raw_b))) => {
                    let mut acc = Vec::new();
                    match (a, b) {
                        (Ok(a), Ok(b)) => diff(a, b, "", &mut acc),
                        (a, b) if a != b => acc.push(("(whole file)".into(), format!("{a:?}"), format!("{b:?}"))),
                        _ => {}
                    }
                    if acc.is_empty() && raw_a != raw_b {
                        acc.push(("(whole file)".into(), "same values".into(), "written differently (key order or layout)".into()));
                    }
                    lines.extend(acc.into_iter().map(|(p, was, now)| format!("  run {r}: {p}: {was} (run 1) -> {now}")));
                }
            }
        }
        if !lines.is_empty() {
            total += lines.len();
            report.push_str(&format!("claim {claim}:\n{}\n", lines.join("\n")));
        }
    }
    report.push_str(&format!("repeat: {runs} runs, {} claims, {total} differences", claims.len()));
    (report, total)
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_are_compared_field_by_field() {
        let out = std::env::temp_dir().join(format!("proof-repeat-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let write = |run: usize, name: &str, text: &str| {
            let dir = out.join(format!("run-{run}"));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(format!("{name}.json")), text).unwrap();
        };
        write(1, "a", r#"{"figures": {"n": 1, "list": [1, 2]}}"#);
        write(2, "a", r#"{"figures": {"n": 2, "list": [1]}}"#);
        write(1, "same", r#"{"x": 1}"#);
        write(2, "same", r#"{"x": 1}"#);
        write(1, "gone", "{}");
        let (report, n) = super::compare_runs(&out, 2);
        assert_eq!(n, 3, "{report}");
        assert!(report.contains("run 2: figures.n: 1 (run 1) -> 2"), "{report}");
        assert!(report.contains("run 2: figures.list[1]: 2 (run 1) -> (absent)"), "{report}");
        assert!(report.contains("claim gone:\n  run 2: wrote no evidence for it (run 1 did)"), "{report}");
        assert!(!report.contains("claim same"), "{report}");
        let _ = std::fs::remove_dir_all(&out);
    }
}
