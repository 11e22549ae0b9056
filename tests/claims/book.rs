//! The book's integrity: every rust block is compiled by something, and every claim is cited, has
//! exactly one check, and has blessed evidence from the pinned toolchain. Each failure names the
//! chapter and line, or the claim.

use mdbook_claims::directive::{DirectiveKind, find_directives};
use proof::evidence::{self, Verdict};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    proof::workspace::root()
}

/// Files under `dir` (recursively) whose name ends with `ext`, skipping `target/` and `src/measured/`.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for e in entries {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if p.is_dir() {
            if name != "target" && name != "measured" {
                out.extend(files(&p, ext));
            }
        } else if name.ends_with(ext) {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn chapters() -> Vec<(String, String)> {
    files(&root().join("src"), ".md")
        .into_iter()
        .map(|p| (p.strip_prefix(root()).unwrap().display().to_string(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// A fenced block's info string, its first line number and its body.
fn fenced_blocks(text: &str) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, usize, String)> = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                current = Some((info.to_string(), line_of(text, range.start), String::new()))
            }
            Event::Text(t) => {
                if let Some(c) = current.as_mut() {
                    c.2.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

fn tokens(info: &str) -> Vec<&str> {
    info.split(|c: char| !(c == '_' || c == '-' || c.is_alphanumeric())).filter(|t| !t.is_empty()).collect()
}

/// Where cargo compiles an included file: examples, tests, benches, and the labs' crates.
fn compiled_by_cargo(path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root()) else { return false };
    let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().to_string()).unwrap_or_default();
    rel.extension().is_some_and(|x| x == "rs") && ["examples", "tests", "benches", "labs"].contains(&first.as_str())
}

/// Checks one `{{#include path[:anchor]}}` line; returns a problem, if any.
fn check_include(chapter_dir: &Path, line: &str) -> Option<String> {
    let inner = line.trim().trim_start_matches("{{#include").trim_start_matches("{{#rustdoc_include").trim_end_matches("}}").trim();
    let (file, anchor) = match inner.split_once(':') {
        Some((f, a)) => (f, Some(a)),
        None => (inner, None),
    };
    let path = chapter_dir.join(file);
    let path = path.canonicalize().unwrap_or(path);
    if !path.is_file() {
        return Some(format!("includes `{file}`, which does not exist"));
    }
    if !compiled_by_cargo(&path) {
        return Some(format!("includes `{file}`, which cargo does not compile (use a file under examples/, tests/, benches/ or labs/)"));
    }
    if let Some(a) = anchor.filter(|a| !a.chars().all(|c| c.is_ascii_digit() || c == ':')) {
        let text = std::fs::read_to_string(&path).unwrap();
        if !text.contains(&format!("ANCHOR: {a}")) || !text.contains(&format!("ANCHOR_END: {a}")) {
            return Some(format!("includes anchor `{a}` of `{file}`, which has no ANCHOR/ANCHOR_END pair"));
        }
    }
    None
}

#[test]
fn every_rust_block_is_compiled() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for (path, text) in chapters() {
        let dir = root().join(&path).parent().unwrap().to_path_buf();
        for (info, line, body) in fenced_blocks(&text) {
            let toks = tokens(&info);
            let rustish = toks.iter().any(|t| {
                matches!(*t, "rust" | "rs" | "compile_fail" | "should_panic" | "no_run" | "ignore")
                    || t.starts_with("skt-")
                    || t.starts_with("edition")
            });
            if !rustish {
                continue;
            }
            checked += 1;
            let at = format!("{path}:{line}");
            let lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
            let includes =
                lines.iter().filter(|l| l.trim_start().starts_with("{{#include") || l.trim_start().starts_with("{{#rustdoc_include")).count();
            if !toks.contains(&"rust") {
                problems.push(format!("{at}: a ```{info} block is not compiled: skeptic only compiles blocks tagged `rust`"));
            } else if includes > 0 && includes == lines.len() {
                problems.extend(lines.iter().filter_map(|l| check_include(&dir, l)).map(|p| format!("{at}: {p}")));
            } else if includes > 0 {
                problems.push(format!(
                    "{at}: a rust block mixes {{{{#include}}}} with code: skeptic would compile the directive; include whole blocks only"
                ));
            } else if toks.contains(&"ignore") {
                problems.push(format!("{at}: a rust block marked `ignore` is compiled by nothing"));
            } else if toks.contains(&"compile_fail") {
                problems.push(format!("{at}: skeptic does not support `compile_fail` (it would compile the block as normal code): make the lesson a trybuild case in tests/ui/cases and include it"));
            }
        }
    }
    assert!(problems.is_empty(), "rust blocks that nothing compiles:\n{}", problems.join("\n"));
    assert!(checked > 0, "found no rust block at all: is src/ empty?");
}

/// `claim("<id>")` declarations in the checks: id -> locations.
fn declared_checks() -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for dir in ["tests", "benches"] {
        for file in files(&root().join(dir), ".rs") {
            let text = std::fs::read_to_string(&file).unwrap();
            let rel = file.strip_prefix(root()).unwrap().display().to_string();
            for (n, line) in text.lines().enumerate() {
                let mut rest = line;
                while let Some(i) = rest.find("claim(\"") {
                    let after = &rest[i + 7..];
                    if let Some(end) = after.find('"')
                        && evidence::valid_id(&after[..end])
                    {
                        out.entry(after[..end].to_string()).or_default().push(format!("{rel}:{}", n + 1));
                    }
                    rest = &after[after.len().min(1)..];
                }
            }
        }
    }
    out
}

#[test]
fn every_claim_is_cited_checked_and_blessed() {
    let mut cited: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, text) in chapters() {
        for d in find_directives(&text) {
            if let DirectiveKind::Claim(id) = d.kind {
                cited.entry(id).or_default().push(format!("{path}:{}", d.line));
            }
        }
    }
    let checks = declared_checks();
    let evidence: BTreeMap<String, evidence::Evidence> =
        evidence::read_all(&root().join("src/measured")).unwrap_or_else(|e| panic!("{e}")).into_iter().map(|e| (e.id.clone(), e)).collect();
    let pinned = evidence::pinned_toolchain(root()).unwrap();
    let mut problems = Vec::new();
    for (id, places) in &cited {
        let at = &places[0];
        if !evidence::valid_id(id) {
            problems.push(format!("{at}: malformed claim ID `{id}`"));
        }
        match checks.get(id).map(Vec::len) {
            None => problems.push(format!("{at}: claim `{id}` has no check: no `claim(\"{id}\")` in tests/ or benches/")),
            Some(1) => {}
            Some(_) => problems.push(format!("claim `{id}` has several checks: {}", checks[id].join(", "))),
        }
        if !evidence.contains_key(id) {
            problems.push(format!("{at}: claim `{id}` has no evidence: run `BLESS=1 cargo test` and commit src/measured/{id}.json"));
        }
    }
    for (id, places) in &checks {
        if !cited.contains_key(id) {
            problems.push(format!("{}: claim `{id}` is checked but no chapter cites it with {{{{#claim {id}}}}}", places[0]));
        }
    }
    for (id, ev) in &evidence {
        if !cited.contains_key(id) {
            problems.push(format!("src/measured/{id}.json: evidence for claim `{id}`, which no chapter cites"));
        }
        if ev.rustc != pinned {
            problems.push(format!("src/measured/{id}.json: measured on rustc {}, but rust-toolchain.toml pins {pinned}: stale", ev.rustc));
        }
        if ev.verdict != Verdict::Holds {
            problems.push(format!("src/measured/{id}.json: claim `{id}` is blessed with verdict {:?}", ev.verdict));
        }
        // The check's line is shown, never compared (an edit elsewhere in the file moves it); its file
        // must still be the one that declares the claim, and its test is found by name
        // (`every_box_says_how_to_rerun_its_check`).
        let file_of = |place: &str| place.rsplit_once(':').map_or(place.to_string(), |(f, _)| f.to_string());
        if let Some(places) = checks.get(id)
            && !places.iter().any(|p| file_of(p) == file_of(&ev.check))
        {
            problems.push(format!(
                "src/measured/{id}.json: says its check is in {}, but it is at {}: re-bless",
                file_of(&ev.check),
                places.join(", ")
            ));
        }
    }
    assert!(problems.is_empty(), "the claims of the book are not in order:\n{}", problems.join("\n"));
}

/// `{{#plot name}}` and `{{#shown group}}` directives: name -> locations.
fn cited_files(pick: fn(DirectiveKind) -> Option<String>) -> BTreeMap<String, Vec<String>> {
    let mut cited: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (path, text) in chapters() {
        for d in find_directives(&text) {
            if let Some(name) = pick(d.kind) {
                cited.entry(name).or_default().push(format!("{path}:{}", d.line));
            }
        }
    }
    cited
}

/// File stems with extension `ext` in `dir` (not recursive).
fn stems(dir: &Path, ext: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<String> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == ext))
        .map(|p| p.file_stem().unwrap().to_string_lossy().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn every_plot_and_wall_clock_group_is_cited_and_present() {
    let mut problems = Vec::new();
    // Wall-clock figures (shown, never asserted): src/measured/shown/<group>.json, written by ci/wallclock.sh.
    let shown = cited_files(|k| match k {
        DirectiveKind::Shown(g) => Some(g),
        _ => None,
    });
    for (group, places) in &shown {
        let file = proof::shown::shown_path(root(), group);
        if !file.is_file() {
            problems.push(format!(
                "{}: wall-clock group `{group}` has no src/measured/shown/{group}.json: run `ci/wallclock.sh {group}` and commit it",
                places[0]
            ));
        } else if let Err(e) = proof::shown::Shown::read(&file) {
            problems.push(format!("{}: {e}", places[0]));
        }
    }
    for group in stems(&proof::shown::shown_dir(root()), "json") {
        if !shown.contains_key(&group) {
            problems.push(format!("src/measured/shown/{group}.json: wall-clock group `{group}`, which no chapter cites with {{{{#shown {group}}}}}"));
        }
    }
    // Plots of blessed evidence: src/plots/<name>.toml (the preprocessor checks their claims and figures).
    let plots = cited_files(|k| match k {
        DirectiveKind::Plot(p) => Some(p),
        _ => None,
    });
    for (name, places) in &plots {
        if !root().join("src/plots").join(format!("{name}.toml")).is_file() {
            problems.push(format!("{}: plot `{name}` has no src/plots/{name}.toml", places[0]));
        }
    }
    for name in stems(&root().join("src/plots"), "toml") {
        if !plots.contains_key(&name) {
            problems.push(format!("src/plots/{name}.toml: plot `{name}`, which no chapter cites with {{{{#plot {name}}}}}"));
        }
    }
    assert!(problems.is_empty(), "the plots and wall-clock figures of the book are not in order:\n{}", problems.join("\n"));
}

#[test]
fn untestable_statements_are_well_formed() {
    // src/sources/untestable/<part>.toml: seed statements no check can judge here, each with the reason. The
    // preprocessor renders them in the Sources checked appendix and fails the build on a malformed entry;
    // this says so under `cargo test` too, and checks what the preprocessor cannot know.
    let entries = mdbook_claims::untestable::load(root(), Path::new("src")).unwrap_or_else(|e| panic!("{e}"));
    let texts = mdbook_claims::texts::Texts::load(root(), Path::new("src")).unwrap_or_else(|e| panic!("{e}"));
    let judged: Vec<evidence::SourceVerdict> =
        evidence::read_all(&root().join("src/measured")).unwrap_or_else(|e| panic!("{e}")).into_iter().flat_map(|e| e.sources).collect();
    let ids: std::collections::BTreeSet<String> =
        evidence::read_all(&root().join("src/measured")).unwrap_or_else(|e| panic!("{e}")).into_iter().map(|e| e.id).collect();
    let mut problems = Vec::new();
    for u in &entries {
        let at = format!("{}: seed {} ({})", u.file.display(), u.seed, u.location);
        if texts.of(&u.seed, &u.location).is_none() {
            problems.push(format!("{at}: src/sources/texts.toml names no text for seed {}", u.seed));
        }
        if judged.iter().any(|j| j.seed == u.seed && j.location == u.location && j.says == u.says) {
            problems.push(format!("{at}: \"{}\" is judged by a claim: remove it from the file", u.says));
        }
        if !u.says.ends_with(['.', '?', '!']) {
            problems.push(format!("{at}: `says` is a sentence: end it with a full stop"));
        }
        problems.extend(reason_problems(&u.why, &ids).into_iter().map(|p| format!("{at}: {p}")));
    }
    assert!(problems.is_empty(), "untestable statements are not in order:\n{}", problems.join("\n"));
    // The check can fail: a reason that names an installed tool, or a claim that exists, is caught.
    let some_id = ids.iter().next().expect("claims exist").clone();
    assert_eq!(reason_problems("Clippy is not run by the harness", &ids).len(), 1);
    assert_eq!(reason_problems(&format!("judged elsewhere ({some_id})"), &ids).len(), 1);
    assert!(reason_problems("a prediction about future compilers", &ids).is_empty());
}

/// The tools the project installs or ships (ci/install-tools.sh, rust-toolchain.toml, the dev-dependencies).
const INSTALLED_TOOLS: [&str; 13] = [
    "valgrind",
    "callgrind",
    "cachegrind",
    "cg_annotate",
    "dhat",
    "clippy",
    "rustfmt",
    "trybuild",
    "gungraun",
    "criterion",
    "mdbook",
    "chromium",
    "mold",
];

/// What is wrong with an untestable statement's reason: it names a tool this project installs (then the
/// statement can be judged here) or a claim that exists (then it is judged already, or the claim is
/// cited instead of saying why nothing can judge it).
fn reason_problems(why: &str, ids: &std::collections::BTreeSet<String>) -> Vec<String> {
    let words: Vec<String> = why
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.' || c == '-'))
        .map(|w| w.trim_matches(['.', '-']).to_ascii_lowercase())
        .collect();
    let mut out = Vec::new();
    for tool in INSTALLED_TOOLS {
        if words.iter().any(|w| w == tool || w.starts_with(&format!("{tool}-")) || w.starts_with(&format!("{tool}_"))) {
            out.push(format!("the reason names `{tool}`, which this project installs: judge the statement with it, or say why it cannot decide without naming it as missing"));
        }
    }
    for w in &words {
        if ids.contains(w) {
            out.push(format!("the reason names the claim `{w}`: let that claim judge the statement (.judges) or say why it cannot"));
        }
    }
    out
}

#[test]
fn prose_types_no_measured_number() {
    // A measured number comes from the evidence through {{#figure}}; an input or a quotation is marked
    // with {{#input}} or {{#cited}} (crates/mdbook-claims/src/prose.rs). What is left is a typed figure.
    let mut problems = Vec::new();
    for (path, text) in chapters() {
        for (line, number) in mdbook_claims::prose::typed_numbers(&text) {
            problems.push(format!(
                "{path}:{line}: `{number}` looks measured: use {{{{#figure <claim-id> <figure>}}}}, or mark it {{{{#input …}}}} or {{{{#cited …}}}}"
            ));
        }
    }
    assert!(problems.is_empty(), "the prose types numbers that look measured:\n{}", problems.join("\n"));
    // The check can fail: the same scan over a sentence with a typed count finds it.
    assert_eq!(mdbook_claims::prose::typed_numbers("It allocates 4 blocks.").len(), 1);
}

#[test]
fn every_box_says_how_to_rerun_its_check() {
    // The command each box shows must name an existing test target and a function of that name in it.
    let mut problems = Vec::new();
    for ev in evidence::read_all(&root().join("src/measured")).unwrap_or_else(|e| panic!("{e}")) {
        let words: Vec<&str> = ev.rerun.split_whitespace().collect();
        let (ui, target, test) = match words.as_slice() {
            ["cargo", "test", "--test", target, "--", "--exact", test] => (false, *target, *test),
            ["cargo", "test", "-p", "measured-ui", "--test", target, "--", "--exact", test] => (true, *target, *test),
            _ => {
                problems.push(format!("claim `{}`: no re-run command of a known form (`{}`): re-bless", ev.id, ev.rerun));
                continue;
            }
        };
        // In a target that is a folder (`tests/claims/`, `tests/ui/tests/ui/`) the test is named by its
        // module path: `heap::cost::f` is `f` in tests/claims/heap/cost.rs (or …/heap/cost/mod.rs).
        let tests = if ui { root().join("tests/ui/tests") } else { root().join("tests") };
        let (file, test) = if tests.join(target).join("main.rs").is_file() {
            let (modules, name) = test.rsplit_once("::").unwrap_or(("", test));
            let dir = tests.join(target).join(modules.replace("::", "/"));
            let file = [dir.with_extension("rs"), dir.join("mod.rs")].into_iter().find(|f| f.is_file()).unwrap_or(dir.with_extension("rs"));
            (file, name)
        } else {
            (tests.join(format!("{target}.rs")), test)
        };
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if !text.contains(&format!("fn {test}(")) {
            problems.push(format!("claim `{}`: `{}` names no function `{test}` in {}", ev.id, ev.rerun, file.display()));
        }
    }
    assert!(problems.is_empty(), "re-run commands that would not run the check:\n{}", problems.join("\n"));
}

#[test]
fn boxes_say_a_finding_in_the_books_words() {
    // What a reader skims: a statement of at most 200 characters, verdicts from a small vocabulary,
    // sources named by their title, pages short enough to finish, instruction counts never called speed.
    let texts = mdbook_claims::texts::Texts::load(root(), Path::new("src")).unwrap_or_else(|e| panic!("{e}"));
    let mut problems = Vec::new();
    for ev in evidence::read_all(&root().join("src/measured")).unwrap_or_else(|e| panic!("{e}")) {
        let n = ev.statement.chars().count();
        if n > evidence::STATEMENT_MAX_CHARS {
            problems.push(format!("claim `{}`: the statement is {n} characters (at most {})", ev.id, evidence::STATEMENT_MAX_CHARS));
        }
        if ev.kind == evidence::Kind::Instructions {
            let lower = ev.statement.to_lowercase();
            for word in ["faster", "slower", "quicker"] {
                if lower.contains(word) {
                    problems.push(format!("claim `{}`: an instruction count is not speed: \"{word}\" (say \"executes fewer instructions\")", ev.id));
                }
            }
        }
        for s in &ev.sources {
            match s.judgement() {
                Err(e) => problems.push(format!("claim `{}`: {e}", ev.id)),
                Ok((evidence::Judgement::Untestable, _)) => {
                    problems.push(format!("claim `{}`: `untestable` is for src/sources/untestable.toml", ev.id))
                }
                Ok(_) => {}
            }
            if texts.of(&s.seed, &s.location).is_none() {
                problems.push(format!("claim `{}`: src/sources/texts.toml names no text for seed {} ({})", ev.id, s.seed, s.location));
            }
        }
    }
    // The vocabulary: the verdict words and "finding" (the book's own), at most eight.
    assert!(evidence::Judgement::ALL.len() < 8);
    for (path, text) in chapters() {
        for at in seed_numbers(&text) {
            problems.push(format!("{path}:{}: \"seed 00…\": name the source text (src/sources/texts.toml), not its file number", line_of(&text, at)));
        }
        let boxes = find_directives(&text).iter().filter(|d| matches!(d.kind, DirectiveKind::Claim(_))).count();
        if boxes > MAX_BOXES_PER_PAGE {
            problems.push(format!("{path}: {boxes} claim boxes: split the page by topic (at most {MAX_BOXES_PER_PAGE})"));
        }
    }
    assert!(problems.is_empty(), "what readers see is not in order:\n{}", problems.join("\n"));
    // The checks can fail: a long statement and a number-named source are found.
    assert_eq!(seed_numbers("as Seed 000 says, and seeds 002"), [3, 22]);
    assert!(evidence::Judgement::parse("holds only in part").is_err());
}

/// Where a text calls a source by its file number ("Seed 000", "seeds 002 and 004").
fn seed_numbers(text: &str) -> Vec<usize> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for word in ["seed 00", "seeds 00"] {
        out.extend(lower.match_indices(word).map(|(i, _)| i).filter(|&i| i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphanumeric()));
    }
    out.sort();
    out.dedup();
    out
}

/// A page with more boxes than this is a page nobody finishes.
const MAX_BOXES_PER_PAGE: usize = 16;

#[test]
fn every_proof_can_fail_on_another_machine_too() {
    // Instruction counts and sizes may move by the tolerance between machines: a claim of those kinds
    // records the margins of its comparisons (proof::margin), and its subject must pass, and its control
    // fail, by more than the tolerance, or another machine could flip the verdict. A null control is
    // declared with its reason. `mdbook-claims falsification` prints the same table.
    let tol = proof::policy::TOLERANCE_PERCENT / 100.0;
    let mut problems = Vec::new();
    for ev in evidence::read_all(&root().join("src/measured")).unwrap_or_else(|e| panic!("{e}")) {
        if proof::policy::rule(ev.kind) != proof::policy::Rule::ExactOnSameMachine {
            continue;
        }
        let Some(m) = &ev.margins else {
            problems.push(format!("claim `{}` ({}): no margins recorded: write its predicate with proof::margin", ev.id, ev.kind.as_str()));
            continue;
        };
        problems.extend(inside_tolerance(m, tol).into_iter().map(|p| format!("claim `{}`: {p}", ev.id)));
    }
    for ev in evidence::read_all(&root().join("src/measured")).unwrap_or_else(|e| panic!("{e}")) {
        if ev.null_control.as_deref().is_some_and(|why| why.trim().len() < 20) {
            problems.push(format!("claim `{}`: a null control needs its reason in a sentence", ev.id));
        }
    }
    assert!(problems.is_empty(), "proofs that another machine could flip, or null controls without a reason:\n{}", problems.join("\n"));
    // The rule can fail: a subject passing by 0.5% and a control failing by 0.9% are both caught, and
    // exact comparisons (no threshold) are not.
    let cmp = |margin: f64, exact: bool| evidence::Comparison { test: "a < b".into(), margin, exact };
    let narrow = evidence::Margins { subject: vec![cmp(0.005, false), cmp(0.0, true)], control: vec![cmp(-0.009, false)] };
    assert_eq!(inside_tolerance(&narrow, tol).len(), 2);
    let clear = evidence::Margins { subject: vec![cmp(0.05, false), cmp(0.0, true)], control: vec![cmp(-0.2, false)] };
    assert!(inside_tolerance(&clear, tol).is_empty());
}

/// What is inside the cross-machine tolerance `tol` (a fraction) in a claim's margins.
fn inside_tolerance(m: &evidence::Margins, tol: f64) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(s) = m.subject_passes_by().filter(|s| *s <= tol) {
        out.push(format!("the subject passes by {:.2}%, inside the {}% tolerance", s * 100.0, tol * 100.0));
    }
    if let Some(c) = m.control_fails_by().filter(|c| *c <= tol) {
        out.push(format!("the control fails by {:.2}%, inside the {}% tolerance", c * 100.0, tol * 100.0));
    }
    out
}

#[test]
fn sources_appendix_has_one_name_per_section_and_one_verdict_per_statement() {
    // A section of a source text has one name (not "Borrow Checking" beside "Stage 3: Borrow Checking"),
    // and a statement judged by several claims gets the same verdict word from each.
    let judged: Vec<(String, evidence::SourceVerdict)> = evidence::read_all(&root().join("src/measured"))
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .flat_map(|e| e.sources.into_iter().map(move |s| (e.id.clone(), s)))
        .collect();
    let untestable = mdbook_claims::untestable::load(root(), Path::new("src")).unwrap_or_else(|e| panic!("{e}"));
    let mut sections: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for (_, s) in &judged {
        sections.entry(s.seed.clone()).or_default().insert(s.location.clone());
    }
    for u in &untestable {
        sections.entry(u.seed.clone()).or_default().insert(u.location.clone());
    }
    let mut problems = Vec::new();
    for (seed, names) in &sections {
        for (a, b) in split_sections(names) {
            problems.push(format!("source {seed}: the section \"{a}\" is also called \"{b}\": use one name"));
        }
    }
    let mut verdicts: BTreeMap<(String, String, String), Vec<(String, String)>> = BTreeMap::new();
    for (id, s) in &judged {
        let word = s.judgement().map(|(j, _)| j.word().to_string()).unwrap_or_else(|e| e);
        verdicts.entry((s.seed.clone(), s.location.clone(), s.says.clone())).or_default().push((id.clone(), word));
    }
    for ((seed, location, says), by) in &verdicts {
        let words: std::collections::BTreeSet<&String> = by.iter().map(|(_, w)| w).collect();
        if words.len() > 1 {
            problems.push(format!("source {seed} ({location}) \"{says}\": the claims disagree: {by:?}"));
        }
    }
    assert!(problems.is_empty(), "the Sources checked appendix is not in order:\n{}", problems.join("\n"));
    // The check can fail: the two names of one section that this appendix once had are found.
    let once: std::collections::BTreeSet<String> = ["Borrow Checking", "Stage 3: Borrow Checking", "Type Inference"].map(String::from).into();
    assert_eq!(split_sections(&once), [("Borrow Checking", "Stage 3: Borrow Checking")]);
}

/// Pairs of names of one section: a name and a longer one that ends with ": " and it.
fn split_sections(names: &std::collections::BTreeSet<String>) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    for a in names {
        for b in names {
            if a != b && b.ends_with(&format!(": {a}")) {
                out.push((a.as_str(), b.as_str()));
            }
        }
    }
    out
}
