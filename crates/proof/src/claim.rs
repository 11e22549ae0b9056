//! Declaring a claim: its ID, statement, predicate, the subject measured under the claim's setting and
//! the negative control measured under the opposite setting. `check()` judges, records and blesses.
//!
//! The verdict is `holds` only when the subject satisfies the predicate AND the control does not: a
//! check whose control shows the same evidence as its subject cannot tell a true claim from a false one,
//! so it fails, naming the claim.

use crate::evidence::{self, Code, Evidence, Figures, Judgement, Kind, Margins, ProfileRecord, Side, SourceVerdict, Verdict};
use crate::{environment, margin, policy, provenance, toolchain, workspace};
use serde_json::{Map, Value};
use std::panic::Location;

/// What one side of a claim measured, under which profile.
pub struct Measured {
    pub profile: ProfileRecord,
    pub figures: Figures,
    /// An excerpt of the code measured, shown folded in the box (see [`Measured::code`]).
    pub code: Option<Code>,
}

impl Measured {
    pub fn new(profile: ProfileRecord, figures: Figures) -> Self {
        Measured { profile, figures, code: None }
    }

    /// Keeps an excerpt of the code this side was measured on, for the box: `lang` is the highlighter's
    /// language ("x86asm", "llvm"), `title` says what it is, `text` must already be normalized (no
    /// addresses, hashes or paths: see [`crate::inspect::Artifact::disassembly`] and
    /// [`crate::lab::excerpt`]). Trailing blanks are trimmed and the text is cut to
    /// [`evidence::CODE_LINES`] lines, counting the rest.
    pub fn code(mut self, lang: &str, title: &str, text: &str) -> Self {
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        let kept = lines.len().min(evidence::CODE_LINES);
        self.code = Some(Code { lang: lang.into(), title: title.into(), text: lines[..kept].join("\n"), omitted: (lines.len() - kept) as u64 });
        self
    }
}

impl ProfileRecord {
    /// The profile the checks themselves run under: `cargo test`'s `test` profile, with the opt-level
    /// and debug-assertions this test binary was really compiled with (`cargo test --release` differs).
    pub fn cargo_test() -> ProfileRecord {
        environment::note_workspace_build();
        if let Some(why) = toolchain::test_binary_not_under_test() {
            NOT_JUDGED_HERE.with(|n| *n.borrow_mut() = Some(why));
        }
        let opt: Value = env!("PROOF_BUILD_OPT_LEVEL").parse::<u64>().map(Value::from).unwrap_or_else(|_| env!("PROOF_BUILD_OPT_LEVEL").into());
        let mut settings = Map::new();
        settings.insert("opt-level".into(), opt);
        settings.insert("debug-assertions".into(), Value::from(cfg!(debug_assertions)));
        ProfileRecord { name: if cfg!(debug_assertions) { "test (cargo test)".into() } else { "test (cargo test --release)".into() }, settings }
    }

    /// The same record with one more setting (e.g. the async runtime a behaviour ran on).
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> ProfileRecord {
        self.settings.insert(key.into(), value.into());
        self
    }

    /// A record for measurements that involve no code generation (e.g. a compile-fail case).
    pub fn named(name: &str, settings: &[(&str, Value)]) -> ProfileRecord {
        ProfileRecord { name: name.into(), settings: settings.iter().map(|(k, v)| (k.to_string(), v.clone())).collect() }
    }
}

/// Typed access to figures, panicking with the figure's name when it is missing or of another type.
pub trait FiguresExt {
    fn u64(&self, name: &str) -> u64;
    fn f64(&self, name: &str) -> f64;
    fn bool(&self, name: &str) -> bool;
    fn str(&self, name: &str) -> &str;
}

thread_local! {
    /// The figure names read through [`FiguresExt`] while a predicate runs (`None` when not recording).
    static READ: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

fn note_read(name: &str) {
    READ.with(|r| {
        if let Some(names) = r.borrow_mut().as_mut()
            && !names.iter().any(|n| n == name)
        {
            names.push(name.to_string());
        }
    });
}

/// Runs `f` and returns what it returned with the figure names it read through [`FiguresExt`].
fn reading<T>(f: impl FnOnce() -> T) -> (T, Vec<String>) {
    READ.with(|r| *r.borrow_mut() = Some(Vec::new()));
    let out = f();
    let names = READ.with(|r| r.borrow_mut().take()).unwrap_or_default();
    (out, names)
}

impl FiguresExt for Figures {
    fn u64(&self, name: &str) -> u64 {
        note_read(name);
        self.get(name).and_then(Value::as_u64).unwrap_or_else(|| panic!("figure `{name}` is missing or not an unsigned integer in {self:?}"))
    }
    fn f64(&self, name: &str) -> f64 {
        note_read(name);
        self.get(name).and_then(Value::as_f64).unwrap_or_else(|| panic!("figure `{name}` is missing or not a number in {self:?}"))
    }
    fn bool(&self, name: &str) -> bool {
        note_read(name);
        self.get(name).and_then(Value::as_bool).unwrap_or_else(|| panic!("figure `{name}` is missing or not a bool in {self:?}"))
    }
    fn str(&self, name: &str) -> &str {
        note_read(name);
        self.get(name).and_then(Value::as_str).unwrap_or_else(|| panic!("figure `{name}` is missing or not a string in {self:?}"))
    }
}

type Measure<'a> = Box<dyn FnOnce() -> Measured + 'a>;
type Predicate<'a> = Box<dyn Fn(&Figures) -> bool + 'a>;

/// A claim being declared. Start with [`claim`].
pub struct Claim<'a> {
    id: String,
    at: &'static Location<'static>,
    kind: Option<Kind>,
    statement: Option<String>,
    predicate: Option<(String, Predicate<'a>)>,
    subject: Option<(String, Measure<'a>)>,
    control: Option<(String, Measure<'a>)>,
    sources: Vec<SourceVerdict>,
    stable_only: bool,
    null_control: Option<String>,
    fresh_dir: Option<std::path::PathBuf>,
}

/// Declares the claim `id`. The caller's file and line become the check's location in the book.
#[track_caller]
pub fn claim<'a>(id: &str) -> Claim<'a> {
    Claim {
        id: id.to_string(),
        at: Location::caller(),
        kind: None,
        statement: None,
        predicate: None,
        subject: None,
        control: None,
        sources: Vec::new(),
        stable_only: false,
        null_control: None,
        fresh_dir: None,
    }
}

impl<'a> Claim<'a> {
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// The falsifiable statement, as the book states it.
    pub fn statement(mut self, s: &str) -> Self {
        self.statement = Some(s.to_string());
        self
    }

    /// A seed's statement that this claim judges: seed prefix ("004"), section, what it says (in the
    /// book's words) and the verdict: a [`Judgement`] word, alone or followed by `: ` and the nuance
    /// ("partly true: the binary shrinks, by far less"). Any other verdict fails the claim.
    pub fn judges(mut self, seed: &str, location: &str, says: &str, verdict: &str) -> Self {
        self.sources.push(SourceVerdict { seed: seed.into(), location: location.into(), says: says.into(), verdict: verdict.into() });
        self
    }

    /// Marks a claim about the stable channel itself (stable refuses a `-Z` flag): a nightly cannot
    /// judge it, and the drift appendix counts its flip there as expected.
    pub fn stable_only(mut self) -> Self {
        self.stable_only = true;
        self
    }

    /// Declares a *null control*: the control measures the same thing as (part of) the subject, so it only
    /// shows that the measurement is repeatable, not that another setting gives the opposite evidence.
    /// Without this, the harness refuses a control whose measurements are all among the subject's
    /// (see [`crate::provenance`]). The box labels it, with `why`.
    pub fn null_control(mut self, why: &str) -> Self {
        self.null_control = Some(why.to_string());
        self
    }

    /// Writes fresh evidence to `dir` instead of `target/measured/` (for the harness's own tests, whose
    /// claims are not the book's).
    #[doc(hidden)]
    pub fn fresh_evidence_in(mut self, dir: &std::path::Path) -> Self {
        self.fresh_dir = Some(dir.to_path_buf());
        self
    }

    /// What the check asserts of a side's figures. The subject must satisfy it; the control must not.
    pub fn predicate(mut self, words: &str, p: impl Fn(&Figures) -> bool + 'a) -> Self {
        self.predicate = Some((words.to_string(), Box::new(p)));
        self
    }

    /// The claim's own setting and how to measure it.
    pub fn subject(mut self, setting: &str, measure: impl FnOnce() -> Measured + 'a) -> Self {
        self.subject = Some((setting.to_string(), Box::new(measure)));
        self
    }

    /// The negative control: the opposite setting, which must produce the opposite evidence.
    pub fn control(mut self, setting: &str, measure: impl FnOnce() -> Measured + 'a) -> Self {
        self.control = Some((setting.to_string(), Box::new(measure)));
        self
    }

    /// Runs one side's measurement; a panic inside it fails the claim, naming it. In a drift run the
    /// reason is also kept (`<fresh dir>/not-judged/<id>.txt`): the claim could not be judged there (a
    /// build the other compiler refuses, a flag it lacks), which the report shows as such, not as a flip.
    fn measure(&self, side: &str, setting: &str, m: Measure<'a>) -> Measured {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(m)).unwrap_or_else(|e| {
            let msg = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()));
            let why = format!("measuring the {side} ({setting}) failed: {}", msg.unwrap_or_else(|| "panic".into()));
            self.keep_not_judged(&why);
            self.fail(&why)
        })
    }

    /// In a drift run, keeps why this claim cannot be judged there (`<fresh dir>/not-judged/<id>.txt`).
    fn keep_not_judged(&self, why: &str) {
        if drift_run() {
            let dir = crate::drift::not_judged_dir(&self.fresh_dir.clone().unwrap_or_else(workspace::fresh_evidence_dir));
            let _ = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(dir.join(format!("{}.txt", self.id)), why));
        }
    }

    fn fail(&self, why: &str) -> ! {
        panic!("claim `{}` ({}:{}): {why}", self.id, self.at.file(), self.at.line())
    }

    /// Measures both sides, judges, writes fresh evidence under `target/measured/`, and with `BLESS=1`
    /// blesses it into `src/measured/`. Panics, naming the claim, when the claim does not hold, when the
    /// declaration is incomplete, or when blessed evidence is missing (or differs, in strict mode).
    pub fn check(mut self) {
        if !evidence::valid_id(&self.id) {
            self.fail("malformed claim ID: use dotted lowercase words, general to specific (`heap.vec.with-capacity`)");
        }
        let Some(kind) = self.kind else { self.fail("no `.kind(…)`") };
        let Some(statement) = self.statement.take() else { self.fail("no `.statement(…)`") };
        let Some((predicate_words, predicate)) = self.predicate.take() else { self.fail("no `.predicate(…)`") };
        let Some((subject_setting, measure_subject)) = self.subject.take() else { self.fail("no `.subject(…)`") };
        let Some((control_setting, measure_control)) = self.control.take() else {
            self.fail("no `.control(…)`: every claim needs a negative control that shows the opposite evidence")
        };
        if matches!(kind, Kind::Calls | Kind::Asm) && !toolchain::is_x86_64_linux() {
            let msg = format!("not applicable here: {} claims are judged on x86_64 Linux only", kind.as_str());
            if workspace::env_flag("MEASURED_SKIP_NOT_APPLICABLE") {
                eprintln!("claim `{}`: {msg} (skipped because MEASURED_SKIP_NOT_APPLICABLE=1)", self.id);
                return;
            }
            self.fail(&format!("{msg}; set MEASURED_SKIP_NOT_APPLICABLE=1 to skip such claims on this platform"));
        }

        environment::take(); // what an earlier claim on this thread noted is not this claim's
        provenance::take();
        NOT_JUDGED_HERE.with(|n| n.borrow_mut().take());
        let subject = self.measure("subject", &subject_setting, measure_subject);
        let subject_env = environment::take();
        let subject_keys = provenance::take();
        let control = self.measure("control", &control_setting, measure_control);
        let control_keys = provenance::take();
        if let Some(why) = NOT_JUDGED_HERE.with(|n| n.borrow_mut().take()) {
            self.keep_not_judged(&why);
        }
        let mut env = environment::toolchain_key();
        env.extend(subject_env.clone());
        for (k, v) in environment::take() {
            match subject_env.get(&k) {
                Some(same) if *same == v => {}
                Some(_) => {
                    env.insert(format!("{k} (control)"), v);
                }
                None => {
                    env.insert(k, v);
                }
            }
        }
        // The declaration's wording is checked after measuring, so that a run still measures (and
        // caches) everything and reports every wording problem at once.
        let chars = statement.chars().count();
        if chars > evidence::STATEMENT_MAX_CHARS {
            self.fail(&format!(
                "the statement is {chars} characters; the limit is {}: state the finding in one sentence and leave the conditions to the profile and the figures",
                evidence::STATEMENT_MAX_CHARS
            ));
        }
        for s in &self.sources {
            match s.judgement() {
                Ok((Judgement::Untestable, _)) => self.fail("a claim judges what it measured: `untestable` belongs in src/sources/untestable.toml"),
                Ok(_) => {}
                Err(e) => self.fail(&format!("source {} ({}): {e}", s.seed, s.location)),
            }
        }
        // A control must measure something the subject does not, or say that it is a null control.
        let null = !control_keys.is_empty() && control_keys.is_subset(&subject_keys);
        match (&self.null_control, null) {
            (None, true) => self.fail(&format!(
                "its control measures nothing the subject does not ({}): give it a different setting, input or program, \
                 or declare `.null_control(\"why\")`",
                control_keys.iter().cloned().collect::<Vec<_>>().join("; ")
            )),
            (Some(_), false) => self.fail(&format!(
                "declares a null control, but its control measures what the subject does not ({}): drop `.null_control`",
                control_keys.difference(&subject_keys).cloned().collect::<Vec<_>>().join("; ")
            )),
            _ => {}
        }
        let ((subject_holds, mut read), subject_margins) = margin::recording(|| reading(|| predicate(&subject.figures)));
        let ((control_holds, read_control), control_margins) = margin::recording(|| reading(|| predicate(&control.figures)));
        read.extend(read_control);
        let margins =
            (!subject_margins.is_empty() || !control_margins.is_empty()).then_some(Margins { subject: subject_margins, control: control_margins });
        let deciding: Vec<String> = subject
            .figures
            .keys()
            .chain(control.figures.keys().filter(|k| !subject.figures.contains_key(*k)))
            .filter(|k| read.contains(k))
            .cloned()
            .collect();
        let failure = match (subject_holds, control_holds) {
            (true, false) => None,
            (false, _) => Some(format!(
                "does not hold: the subject ({subject_setting}) does not satisfy \"{predicate_words}\"; figures: {}",
                Value::Object(subject.figures.clone())
            )),
            (true, true) => Some(format!(
                "its control ({control_setting}) also satisfies \"{predicate_words}\", so the check cannot tell; control figures: {}",
                Value::Object(control.figures.clone())
            )),
        };
        let tc = toolchain::current();
        let ev = Evidence {
            id: self.id.clone(),
            statement,
            kind,
            verdict: if failure.is_none() { Verdict::Holds } else { Verdict::Fails },
            rustc: tc.release.clone(),
            toolchain: tc.describe.clone(),
            target: tc.host.clone(),
            environment: env,
            predicate: predicate_words,
            setting: subject_setting,
            profile: subject.profile,
            figures: subject.figures,
            deciding,
            code: subject.code,
            control: Side {
                setting: control_setting,
                profile: control.profile,
                figures: control.figures,
                code: control.code,
                predicate_holds: control_holds,
            },
            check: format!("{}:{}", self.at.file(), self.at.line()),
            rerun: rerun_command(self.at.file()),
            sources: std::mem::take(&mut self.sources),
            margins,
            null_control: self.null_control.clone(),
            stable_only: self.stable_only,
            failure: failure.clone(),
        };
        record(&ev, &self);
        if let Some(why) = failure {
            self.fail(&why);
        }
    }
}

fn record(ev: &Evidence, claim: &Claim<'_>) {
    let fresh_dir = claim.fresh_dir.clone().unwrap_or_else(workspace::fresh_evidence_dir);
    std::fs::create_dir_all(&fresh_dir).unwrap_or_else(|e| claim.fail(&format!("cannot create {}: {e}", fresh_dir.display())));
    let fresh = fresh_dir.join(format!("{}.json", ev.id));
    std::fs::write(&fresh, ev.to_json()).unwrap_or_else(|e| claim.fail(&format!("cannot write {}: {e}", fresh.display())));
    if ev.verdict != Verdict::Holds {
        return; // the caller panics with the reason; failing evidence is never blessed
    }
    if drift_run() {
        return; // a drift run (ci/drift.sh) only measures: it neither blesses nor compares
    }
    let blessed = evidence::blessed_path(workspace::root(), &ev.id);
    if workspace::env_flag("BLESS") {
        let pinned = evidence::pinned_toolchain(workspace::root()).unwrap_or_else(|e| claim.fail(&e));
        if pinned != ev.rustc {
            claim.fail(&format!("refusing to bless evidence measured on rustc {} while rust-toolchain.toml pins {pinned}", ev.rustc));
        }
        if std::fs::read_to_string(&blessed).ok().as_deref() != Some(ev.to_json().as_str()) {
            std::fs::create_dir_all(blessed.parent().unwrap()).ok();
            std::fs::write(&blessed, ev.to_json()).unwrap_or_else(|e| claim.fail(&format!("cannot write {}: {e}", blessed.display())));
            eprintln!("claim `{}`: blessed {}", ev.id, blessed.display());
        }
        return;
    }
    let old = match Evidence::read(&blessed) {
        Ok(old) => old,
        Err(_) if !blessed.exists() => {
            claim.fail(&format!("holds, but has no blessed evidence at {}: run `BLESS=1 cargo test` and commit it", blessed.display()))
        }
        Err(e) => claim.fail(&e),
    };
    let comparison = policy::compare(&old, ev);
    if comparison.identical() {
        return;
    }
    let diff = comparison.describe();
    if comparison.accepted() {
        eprintln!("note: claim `{}`: measured on another machine than the one that blessed it; its figures are within the tolerance:\n{diff}", ev.id);
        return;
    }
    {
        let strict = workspace::env_flag("CI") || workspace::env_flag("MEASURED_STRICT");
        if strict {
            claim.fail(&format!(
                "holds, but the blessed evidence {} differs from this run (strict mode: CI or MEASURED_STRICT=1):\n{diff}\nre-bless with `BLESS=1 cargo test` if the change is expected",
                blessed.display()
            ));
        }
        eprintln!("warning: claim `{}` holds, but its figures drifted from {}:\n{diff}", ev.id, blessed.display());
    }
}

thread_local! {
    static CURRENT_CHECK: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// Set by [`ProfileRecord::cargo_test`] when the code it measured was not built by the compiler under test.
    static NOT_JUDGED_HERE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Names the check that runs next on this thread, for a test binary without libtest (the heap checks,
/// `proof::heap::run_checks`): its claims' re-run command filters by that name.
#[doc(hidden)]
pub fn set_current_check(name: Option<&str>) {
    CURRENT_CHECK.with(|c| *c.borrow_mut() = name.map(str::to_string));
}

/// The command that re-runs the check running on this thread alone, e.g. `cargo test --test claims --
/// --exact heap::cost::mimalloc_executes_fewer_instructions_when_allocating` or `cargo test --test heap --
/// --exact vec_growth_doubles`. The test target comes from the check's file: a file of a folder
/// (`tests/claims/…`, `tests/ui/tests/ui/…`) is in the target named by the folder (the test's name is then
/// its module path, as libtest names it), `tests/<target>.rs` a binary of its own; files under
/// `tests/ui/tests/` are targets of the `measured-ui` package. The test comes from libtest's thread name
/// or from [`set_current_check`]. Empty when neither is known (a claim declared outside a test).
fn rerun_command(file: &str) -> String {
    let test = CURRENT_CHECK.with(|c| c.borrow().clone()).or_else(|| std::thread::current().name().filter(|n| *n != "main").map(str::to_string));
    let Some(test) = test else { return String::new() };
    let (package, rest) = match (file.strip_prefix("tests/ui/tests/"), file.strip_prefix("tests/")) {
        (Some(rest), _) => ("-p measured-ui ", rest),
        (None, Some(rest)) => ("", rest),
        (None, None) => return String::new(),
    };
    let target = match rest.split_once('/') {
        Some((folder, _)) => folder,
        None => match rest.strip_suffix(".rs") {
            Some(stem) => stem,
            None => return String::new(),
        },
    };
    format!("cargo test {package}--test {target} -- --exact {test}")
}

/// Whether this process only measures, never blessing or comparing: a drift run,
/// `MEASURED_DRIFT=<toolchain>` (set by `ci/drift.sh`), which measures under another toolchain in a copy
/// of the repository; or a run under another symbol mangling ([`symbol_mangling`]), whose symbols,
/// excerpts and dumps differ from the blessed ones by design while its verdicts must not; or a run whose
/// compiler under test is not the pinned one (`MEASURED_RUSTC`, [`crate::toolchain::under_test`]).
pub fn drift_run() -> bool {
    std::env::var("MEASURED_DRIFT").is_ok_and(|v| !v.trim().is_empty()) || symbol_mangling().is_some() || toolchain::under_test().is_some()
}

/// The symbol mangling asked for with `MEASURED_SYMBOL_MANGLING=v0` (or `legacy`): every lab build
/// ([`crate::profile::Profile::cargo_args`]) and every compiler run of [`crate::dump`] then passes
/// [`mangling_flags`], lab builds go to a target directory of their own, and the run only measures
/// ([`drift_run`]). `None` (unset or empty): rustc's default, legacy on stable. It exists to show that
/// the detectors read symbols, not spellings: the verdicts are the same under both manglings.
pub fn symbol_mangling() -> Option<&'static str> {
    match std::env::var("MEASURED_SYMBOL_MANGLING").ok().as_deref().map(str::trim) {
        None | Some("") => None,
        Some("v0") => Some("v0"),
        Some("legacy") => Some("legacy"),
        Some(other) => panic!("proof: MEASURED_SYMBOL_MANGLING=`{other}`: expected `v0` or `legacy`"),
    }
}

/// The rustc flags of [`symbol_mangling`]: `-Csymbol-mangling-version=v0` (stable), or for `legacy`
/// (unstable to ask for by name) `-Zunstable-options -Csymbol-mangling-version=legacy`, which makes the
/// harness set `RUSTC_BOOTSTRAP=1` for that build. Empty without the setting.
pub fn mangling_flags() -> Vec<String> {
    match symbol_mangling() {
        None => Vec::new(),
        Some("legacy") => vec!["-Zunstable-options".into(), "-Csymbol-mangling-version=legacy".into()],
        Some(m) => vec![format!("-Csymbol-mangling-version={m}")],
    }
}
