//! The GitHub Actions workflows (`.github/workflows/*.yml`) keep their logic in `ci/` and `.ci/`: this
//! test parses every workflow and fails if one does not parse, has no trigger or no job, has a job with no
//! step, or runs a script under `ci/` or `.ci/` that is missing (or, under `ci/`, not executable); and if
//! test.yml does not run `.ci/run`, drift.yml does not run `ci/drift.sh` for beta, nightly and both Debian compilers, or
//! pages.yml does not run `ci/build-book.sh`. Negative controls show the checker catches each kind of
//! mistake, so the test cannot pass by checking nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use yaml_rust2::{Yaml, YamlLoader};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What one workflow does, as far as the checks below need it.
#[derive(Default, Debug)]
struct Workflow {
    /// Every script path under `ci/` or `.ci/` named in a `run:` step.
    scripts: BTreeSet<String>,
    /// The toolchains `ci/drift.sh` is run with (literal arguments, or the values of the matrix key the
    /// argument names).
    drift_toolchains: BTreeSet<String>,
}

/// Checks one workflow's text against the repository at `root`: every problem found, and what it runs.
fn check_workflow(name: &str, text: &str, root: &Path) -> (Vec<String>, Workflow) {
    let mut problems = Vec::new();
    let mut workflow = Workflow::default();
    let docs = match YamlLoader::load_from_str(text) {
        Ok(docs) => docs,
        Err(e) => return (vec![format!("{name}: does not parse as YAML: {e}")], workflow),
    };
    let [doc] = docs.as_slice() else {
        return (vec![format!("{name}: holds {} YAML documents, expected one", docs.len())], workflow);
    };
    if doc.as_hash().is_none() {
        return (vec![format!("{name}: is not a mapping")], workflow);
    }
    // YAML 1.2 (yaml-rust2): `on` is a string key, not the boolean YAML 1.1 would make of it.
    match &doc["on"] {
        Yaml::BadValue | Yaml::Null => problems.push(format!("{name}: has no `on` trigger")),
        Yaml::Hash(h) if h.is_empty() => problems.push(format!("{name}: its `on` names no event")),
        Yaml::Array(a) if a.is_empty() => problems.push(format!("{name}: its `on` names no event")),
        _ => {}
    }
    let jobs = match doc["jobs"].as_hash() {
        Some(jobs) if !jobs.is_empty() => jobs,
        _ => {
            problems.push(format!("{name}: has no jobs"));
            return (problems, workflow);
        }
    };
    for (job_id, job) in jobs {
        let job_id = job_id.as_str().unwrap_or("?");
        let steps = match job["steps"].as_vec() {
            Some(steps) if !steps.is_empty() => steps,
            _ => {
                problems.push(format!("{name}: job `{job_id}` has no steps"));
                continue;
            }
        };
        for (i, step) in steps.iter().enumerate() {
            let at = format!("{name}: job `{job_id}`, step {}", i + 1);
            if let Some(uses) = step["uses"].as_str()
                && !uses.starts_with("./")
                && uses.split_once('@').is_none_or(|(_, v)| v.is_empty())
            {
                problems.push(format!("{at}: `uses: {uses}` is not pinned to a version (`@v4`)"));
            }
            let Some(run) = step["run"].as_str() else {
                if step["uses"].is_badvalue() {
                    problems.push(format!("{at}: has neither `run` nor `uses`"));
                }
                continue;
            };
            for script in script_paths(run) {
                let path = root.join(&script);
                if !path.is_file() {
                    problems.push(format!("{at}: runs `{script}`, which does not exist in the repository"));
                } else if script.starts_with("ci/") && !is_executable(&path) {
                    problems.push(format!("{at}: runs `{script}`, which is not executable (chmod +x, and commit the mode)"));
                }
                workflow.scripts.insert(script);
            }
            for arg in drift_arguments(run) {
                match arg.strip_prefix("${{").and_then(|a| a.strip_suffix("}}")).map(str::trim) {
                    Some(expr) => match expr.strip_prefix("matrix.") {
                        Some(key) => {
                            let values = matrix_values(job, key);
                            if values.is_empty() {
                                problems.push(format!("{at}: runs ci/drift.sh with `{arg}`, but the job's matrix has no `{key}` values"));
                            }
                            workflow.drift_toolchains.extend(values);
                        }
                        None => problems.push(format!("{at}: runs ci/drift.sh with `{arg}`, which names no toolchain this test can read")),
                    },
                    None => {
                        workflow.drift_toolchains.insert(arg);
                    }
                }
            }
        }
    }
    (problems, workflow)
}

/// The script paths under `ci/` or `.ci/` that a `run:` text names: tokens such as `ci/verify.sh`,
/// `./ci/verify.sh`, `bash .ci/run` or `"ci/drift.sh"`. A bare directory (`ci/`) is not a script.
fn script_paths(run: &str) -> Vec<String> {
    run.split(|c: char| !(c.is_ascii_alphanumeric() || "._/-".contains(c)))
        .map(|t| t.strip_prefix("./").unwrap_or(t))
        .filter(|t| (t.starts_with("ci/") || t.starts_with(".ci/")) && !t.ends_with('/'))
        .map(str::to_owned)
        .collect()
}

/// The first argument of every `ci/drift.sh` call in a `run:` text, unquoted; a `${{ … }}` expression is
/// kept whole.
fn drift_arguments(run: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = run;
    while let Some(at) = rest.find("ci/drift.sh") {
        rest = &rest[at + "ci/drift.sh".len()..];
        let line = rest.lines().next().unwrap_or("").trim_start();
        let arg = if line.starts_with("${{") || line.starts_with("\"${{") {
            let start = line.find("${{").unwrap();
            line[start..].find("}}").map(|end| &line[start..start + end + 2]).unwrap_or("")
        } else {
            line.split(|c: char| c.is_whitespace() || ";&|".contains(c)).next().unwrap_or("")
        };
        let arg = arg.trim_matches(|c| c == '"' || c == '\'');
        if !arg.is_empty() {
            out.push(arg.to_owned());
        }
    }
    out
}

/// The string values of `strategy.matrix.<key>` in a job, from its list and from `include` entries.
fn matrix_values(job: &Yaml, key: &str) -> BTreeSet<String> {
    let matrix = &job["strategy"]["matrix"];
    let mut out: BTreeSet<String> = matrix[key].as_vec().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect();
    for entry in matrix["include"].as_vec().into_iter().flatten() {
        if let Some(v) = entry[key].as_str() {
            out.insert(v.to_owned());
        }
    }
    out
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata().is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// The workflow-specific requirements, by file name.
fn check_requirements(name: &str, workflow: &Workflow) -> Vec<String> {
    let mut problems = Vec::new();
    let needs = |script: &str, problems: &mut Vec<String>| {
        if !workflow.scripts.contains(script) {
            problems.push(format!("{name}: does not run `{script}`"));
        }
    };
    match name {
        "test.yml" => needs(".ci/run", &mut problems),
        "pages.yml" => needs("ci/build-book.sh", &mut problems),
        "drift.yml" => {
            needs("ci/drift.sh", &mut problems);
            for toolchain in ["beta", "nightly", "debian-1.96", "debian-1.85"] {
                if !workflow.drift_toolchains.contains(toolchain) {
                    problems.push(format!("{name}: does not run `ci/drift.sh {toolchain}`"));
                }
            }
        }
        _ => {}
    }
    problems
}

/// The negative controls: each broken workflow must be reported, with the named problem.
fn controls() -> Vec<String> {
    let root = root();
    let mut failures = Vec::new();
    let mut expect = |what: &str, name: &str, text: &str, root: &Path, needle: &str| {
        let (mut problems, workflow) = check_workflow(name, text, root);
        problems.extend(check_requirements(name, &workflow));
        if !problems.iter().any(|p| p.contains(needle)) {
            failures.push(format!("negative control `{what}`: expected a problem containing {needle:?}, got {problems:?}"));
        }
    };
    let missing =
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: bash ci/does-not-exist.sh\n";
    expect("missing script", "control.yml", missing, &root, "`ci/does-not-exist.sh`, which does not exist");
    expect("unparsable", "control.yml", "on: push\njobs: [unclosed\n", &root, "does not parse");
    expect("no trigger", "control.yml", "jobs:\n  a:\n    steps:\n      - run: bash .ci/run\n", &root, "no `on` trigger");
    expect("no jobs", "control.yml", "on: push\njobs: {}\n", &root, "has no jobs");
    expect("no steps", "control.yml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n", &root, "has no steps");
    expect("unpinned action", "control.yml", "on: push\njobs:\n  a:\n    steps:\n      - uses: actions/checkout\n", &root, "not pinned");
    expect("test.yml without .ci/run", "test.yml", "on: push\njobs:\n  a:\n    steps:\n      - run: ci/verify.sh\n", &root, "does not run `.ci/run`");
    expect(
        "pages.yml without the book build",
        "pages.yml",
        "on: push\njobs:\n  a:\n    steps:\n      - run: ci/verify.sh\n",
        &root,
        "does not run `ci/build-book.sh`",
    );
    let one_toolchain =
        "on: push\njobs:\n  a:\n    strategy:\n      matrix:\n        tc: [beta]\n    steps:\n      - run: ci/drift.sh ${{ matrix.tc }}\n";
    expect("drift.yml without nightly", "drift.yml", one_toolchain, &root, "does not run `ci/drift.sh nightly`");

    // A script that exists but is not executable, in a scratch copy of the layout.
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("workflows-control-{}", std::process::id()));
    std::fs::create_dir_all(scratch.join("ci")).unwrap();
    std::fs::write(scratch.join("ci/plain.sh"), "#!/usr/bin/env bash\n").unwrap();
    if cfg!(unix) {
        expect("not executable", "control.yml", "on: push\njobs:\n  a:\n    steps:\n      - run: ci/plain.sh\n", &scratch, "not executable");
    }
    std::fs::remove_dir_all(&scratch).ok();

    // And a sound workflow passes: the checker does not reject everything.
    let sound = "on: [push]\njobs:\n  a:\n    strategy:\n      matrix:\n        toolchain: [beta, nightly]\n    steps:\n      - uses: actions/checkout@v4\n      - run: |\n          bash .ci/run\n          ./ci/verify.sh --test heap\n";
    let (problems, workflow) = check_workflow("control.yml", sound, &root);
    let expected: BTreeSet<String> = [".ci/run", "ci/verify.sh"].map(String::from).into();
    if !problems.is_empty() || workflow.scripts != expected {
        failures.push(format!("sound control: expected no problem and scripts {expected:?}, got {problems:?} and {:?}", workflow.scripts));
    }
    failures
}

#[test]
fn workflows_run_existing_scripts() {
    let failures = controls();
    assert!(failures.is_empty(), "the workflow checker misses what it must catch:\n{}", failures.join("\n"));

    let dir = root().join(".github/workflows");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yml") || n.ends_with(".yaml"))
        .collect();
    names.sort();
    let mut problems = Vec::new();
    for required in ["test.yml", "drift.yml", "pages.yml"] {
        if !names.iter().any(|n| n == required) {
            problems.push(format!("{required}: missing from .github/workflows/"));
        }
    }
    for name in &names {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let (found, workflow) = check_workflow(name, &text, &root());
        problems.extend(found);
        problems.extend(check_requirements(name, &workflow));
    }
    assert!(problems.is_empty(), "{} problem(s) in .github/workflows/:\n{}", problems.len(), problems.join("\n"));
    println!("workflows: {} checked ({})", names.len(), names.join(", "));
}
