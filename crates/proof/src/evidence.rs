//! The evidence file format: one JSON file per claim, `src/measured/<id>.json`.
//!
//! This module is the single definition of the format: the checks write it (through [`crate::Claim`]),
//! the mdBook preprocessor reads it, and the book's integrity tests validate it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// Named figures in the order the check recorded them: name -> number, string or bool.
pub type Figures = Map<String, Value>;

/// What kind of evidence proves a claim (the Methodology appendix describes each).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Symbols of an artifact and the calls a function makes, resolved through relocations.
    Calls,
    /// Emitted assembly of a function.
    Asm,
    /// Emitted LLVM IR of a function.
    Ir,
    /// MIR of a function.
    Mir,
    /// The compiler's front-end forms of a program: the expanded source, HIR or THIR (`-Zunpretty`).
    Hir,
    /// Instruction counts from callgrind (Gungraun benchmarks).
    Instructions,
    /// Heap statistics from dhat.
    Heap,
    /// A trybuild compile-fail case and its expected compiler output.
    CompileFail,
    /// Artifact size in bytes.
    Size,
    /// An ordinary test of a running example.
    Behaviour,
    /// A wide ordering of the cost (CPU time, peak memory) of cold builds ([`crate::build_cost`]): the
    /// verdict is compared, the figures are shown only.
    BuildCost,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Calls => "calls",
            Kind::Asm => "asm",
            Kind::Ir => "ir",
            Kind::Mir => "mir",
            Kind::Hir => "hir",
            Kind::Instructions => "instructions",
            Kind::Heap => "heap",
            Kind::CompileFail => "compile-fail",
            Kind::Size => "size",
            Kind::Behaviour => "behaviour",
            Kind::BuildCost => "build-cost",
        }
    }
}

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The subject shows the evidence and the control shows the opposite.
    Holds,
    /// The subject does not show the evidence, or the control does not show the opposite.
    Fails,
}

/// The compilation profile a measurement was taken under: a name (Cargo profile, or a description such
/// as "cargo test (dev)") and the settings that matter, as `key = value` strings in Cargo's spelling.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct ProfileRecord {
    pub name: String,
    pub settings: Map<String, Value>,
}

/// A short excerpt of the code a side was measured on (a function's machine code, assembly or LLVM IR),
/// normalized so that it is the same on every machine with the pinned toolchain: symbols demangled
/// without their hash, no addresses, no paths, no assembler directives. At most [`CODE_LINES`] lines;
/// the rest is counted in `omitted`. The box shows the subject's and the control's side by side, folded.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Code {
    /// The highlighter's language: "x86asm" or "llvm".
    pub lang: String,
    /// What the excerpt is: "app::call_square, machine code (Intel syntax)".
    pub title: String,
    pub text: String,
    /// Lines cut from the end to keep the page light.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub omitted: u64,
}

/// The most lines of code an excerpt keeps.
pub const CODE_LINES: usize = 40;

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// One side of a claim: the setting it was measured under and what was measured.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Side {
    /// In words: what was built or run ("Vec::new() then 20 pushes", "release, lto = \"fat\"").
    pub setting: String,
    pub profile: ProfileRecord,
    pub figures: Figures,
    /// The code this side was measured on, when the check keeps an excerpt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    /// Whether this side satisfies the claim's predicate.
    pub predicate_holds: bool,
}

/// The book's verdict on a source's statement: one word (or two) from a small vocabulary, coloured in
/// the book; the nuance follows in plain text after a colon: `"partly true: the lab's binary shrinks, by
/// far less"`. Refutations share one colour whatever their reason (`refuted`, `not reproduced`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Judgement {
    /// The evidence agrees with the statement as the source makes it.
    Confirmed,
    /// Part of the statement holds (a direction without its size, one case of several, one setting).
    PartlyTrue,
    /// True of an older compiler or library; today's differs (say which release changed it when known).
    Outdated,
    /// The evidence contradicts the statement.
    Refuted,
    /// The effect the source describes did not appear in the book's labs; it may still exist elsewhere.
    NotReproduced,
    /// No tool on this machine can judge it (only in `src/sources/untestable.toml`, never in a claim).
    Untestable,
}

impl Judgement {
    pub const ALL: [Judgement; 6] =
        [Judgement::Confirmed, Judgement::PartlyTrue, Judgement::Outdated, Judgement::Refuted, Judgement::NotReproduced, Judgement::Untestable];

    /// The word as written in a verdict and shown in the book.
    pub fn word(self) -> &'static str {
        match self {
            Judgement::Confirmed => "confirmed",
            Judgement::PartlyTrue => "partly true",
            Judgement::Outdated => "outdated",
            Judgement::Refuted => "refuted",
            Judgement::NotReproduced => "not reproduced",
            Judgement::Untestable => "untestable",
        }
    }

    /// The CSS class (one colour per class: both kinds of refutation share `refuted`).
    pub fn class(self) -> &'static str {
        match self {
            Judgement::Confirmed => "confirmed",
            Judgement::PartlyTrue => "partly",
            Judgement::Outdated => "outdated",
            Judgement::Refuted | Judgement::NotReproduced => "refuted",
            Judgement::Untestable => "untestable",
        }
    }

    /// Whether a reader should be warned off the source's statement ("Popular advice, checked").
    pub fn is_correction(self) -> bool {
        matches!(self, Judgement::PartlyTrue | Judgement::Outdated | Judgement::Refuted | Judgement::NotReproduced)
    }

    /// Splits a verdict into its word and its nuance: `"word"` or `"word: nuance"`.
    pub fn parse(verdict: &str) -> Result<(Judgement, &str), String> {
        let v = verdict.trim();
        for j in Judgement::ALL {
            if let Some(rest) = v.strip_prefix(j.word()) {
                if rest.is_empty() {
                    return Ok((j, ""));
                }
                if let Some(nuance) = rest.strip_prefix(':') {
                    let nuance = nuance.trim();
                    if nuance.is_empty() {
                        break;
                    }
                    return Ok((j, nuance));
                }
            }
        }
        Err(format!(
            "verdict \"{verdict}\" does not start with one of the book's verdict words ({}), alone or followed by \": <nuance>\"",
            Judgement::ALL.iter().map(|j| j.word()).collect::<Vec<_>>().join(", ")
        ))
    }
}

/// What a seed says and what the book finds, for the "Sources checked" appendix.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct SourceVerdict {
    /// Seed file prefix: "000" .. "004".
    pub seed: String,
    /// Section or heading in the seed.
    #[serde(rename = "where")]
    pub location: String,
    /// The seed's statement, paraphrased in the book's words.
    pub says: String,
    /// A [`Judgement`] word, then optionally `: ` and the nuance ("partly true: only at opt-level 3").
    pub verdict: String,
}

impl SourceVerdict {
    /// The verdict's word and nuance (see [`Judgement::parse`]).
    pub fn judgement(&self) -> Result<(Judgement, &str), String> {
        Judgement::parse(&self.verdict)
    }
}

/// One comparison of a predicate written with [`crate::margin`], and how far it passed: the distance from
/// its threshold as a fraction of the threshold, negative when it failed.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Comparison {
    /// In words, with the figures' names: "fat < off", "dev / release ≥ 10".
    pub test: String,
    pub margin: f64,
    /// An equality (`margin::equal`, `margin::exactly`): no threshold to be near; the margin is 0 and
    /// says nothing. It records that the predicate compared on purpose, exactly.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exact: bool,
}

/// The comparisons the predicate made on each side (see [`crate::margin`]).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Margins {
    pub subject: Vec<Comparison>,
    pub control: Vec<Comparison>,
}

impl Margins {
    /// How narrowly the subject passes: its weakest comparison.
    pub fn subject_passes_by(&self) -> Option<f64> {
        crate::margin::weakest(&self.subject)
    }

    /// How clearly the control fails: its most negative comparison, as a positive number.
    pub fn control_fails_by(&self) -> Option<f64> {
        crate::margin::weakest(&self.control).map(|m| -m)
    }
}

/// The longest statement a claim may have, in characters: a box states one finding; the conditions
/// belong in its profile and its figures.
pub const STATEMENT_MAX_CHARS: usize = 200;

/// A claim's evidence file.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Evidence {
    pub id: String,
    pub statement: String,
    pub kind: Kind,
    pub verdict: Verdict,
    /// The release from `rustc -vV` ("1.95.0").
    pub rustc: String,
    /// `rustc -V` and the LLVM version, for the box ("rustc 1.95.0 (59807616e 2026-04-14), LLVM 22.1.2").
    pub toolchain: String,
    pub target: String,
    /// The environment key: what besides the code and the profile can change a figure (rustc commit, LLVM,
    /// lock files, flags, valgrind and Gungraun versions, CPU and C library: see `proof::environment`).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub environment: Map<String, Value>,
    /// The predicate the check asserts, in words ("exactly one heap block").
    pub predicate: String,
    /// The subject: the claim's setting, its profile and its figures.
    pub setting: String,
    pub profile: ProfileRecord,
    pub figures: Figures,
    /// The figures the predicate read (on either side), in the order the subject recorded them: the
    /// deciding figures, marked in the box and quoted in the page's summary.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deciding: Vec<String>,
    /// The code the subject was measured on, when the check keeps an excerpt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Code>,
    /// The negative control: the opposite setting, which must not satisfy the predicate.
    pub control: Side,
    /// Where the check is: "tests/heap.rs:12".
    pub check: String,
    /// The command that re-runs this check alone, from the repository's root (empty when unknown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rerun: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceVerdict>,
    /// How far the predicate's comparisons passed on the subject and failed on the control, when the
    /// predicate is written with [`crate::margin`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margins: Option<Margins>,
    /// Why the control measures nothing the subject does not (a *null control*: the same thing measured
    /// twice), when the claim declares one; the box says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub null_control: Option<String>,
    /// The claim is about the stable channel itself (stable refuses a `-Z` flag): a nightly cannot
    /// judge it, so its flip there is expected (the drift appendix says so).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stable_only: bool,
    /// Why the check failed (only in fresh evidence under target/, never blessed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<String>,
}

impl Evidence {
    /// The canonical text of an evidence file: pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("evidence serializes");
        s.push('\n');
        s
    }

    pub fn read(path: &Path) -> Result<Evidence, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: not a valid evidence file: {e}", path.display()))
    }
}

/// Claim IDs are dotted, lowercase, general to specific: `heap.vec.with-capacity-single-block`.
pub fn valid_id(id: &str) -> bool {
    let parts: Vec<&str> = id.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty() && !p.starts_with('-') && !p.ends_with('-') && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

/// `src/measured/<id>.json` under `root`.
pub fn blessed_path(root: &Path, id: &str) -> PathBuf {
    root.join("src").join("measured").join(format!("{id}.json"))
}

/// Reads every evidence file in `dir`, sorted by ID.
pub fn read_all(dir: &Path) -> Result<Vec<Evidence>, String> {
    let mut out = Vec::new();
    for stem in crate::workspace::file_stems(dir, "json")? {
        let path = dir.join(format!("{stem}.json"));
        let ev = Evidence::read(&path)?;
        if stem != ev.id {
            return Err(format!("{}: holds evidence for `{}`; the file must be named {}.json", path.display(), ev.id, ev.id));
        }
        out.push(ev);
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

/// The toolchain channel pinned by `rust-toolchain.toml` under `root`.
pub fn pinned_toolchain(root: &Path) -> Result<String, String> {
    let path = root.join("rust-toolchain.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("channel"))
        .filter_map(|rest| rest.trim().strip_prefix('='))
        .map(|v| v.trim().trim_matches('"').to_string())
        .next()
        .ok_or_else(|| format!("{}: no `channel = \"…\"` line", path.display()))
}
