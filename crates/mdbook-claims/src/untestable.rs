//! Seed statements the book judges without a claim: `src/sources/untestable.toml`.
//!
//! Most statements of the source texts are judged by a claim's `.judges(…)`, and reach the Sources checked
//! appendix through its evidence. Some cannot be tested here at all (a prediction, a preference, a figure
//! that only a large project or another platform can produce, a timing that varies from run to run); they
//! are listed in this file, each with the reason, and `{{#sources-checked}}` renders them in the same
//! table, grouped by seed, with the verdict "untestable: <why>" and no claim:
//!
//! ```toml
//! [[statement]]
//! seed = "000"                       # the seed's three-digit prefix
//! where = "Real benchmark"           # the seed's section
//! says = "…"                         # what it says, in the book's words
//! why = "build times vary from run to run …"   # why no check can judge it here
//! ```
//!
//! A malformed file or entry fails the book build, naming the file and the entry.

use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One statement the book cannot test here.
#[derive(Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Untestable {
    /// The seed's three-digit prefix ("000").
    pub seed: String,
    /// Where in the seed (its section).
    #[serde(rename = "where")]
    pub location: String,
    /// What the seed says, in the book's words.
    pub says: String,
    /// Why it cannot be tested here.
    pub why: String,
}

impl Untestable {
    /// The verdict as the table shows it.
    pub fn verdict(&self) -> String {
        format!("untestable: {}", self.why)
    }
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct UntestableFile {
    #[serde(rename = "statement", default)]
    statements: Vec<Untestable>,
}

/// `src/sources/untestable.toml`, relative to the book root.
pub fn untestable_file(src: &Path) -> PathBuf {
    src.join("sources").join("untestable.toml")
}

/// Parses the file's text and checks every entry; the errors name the entry (1-based, in file order).
pub fn parse(text: &str) -> Result<Vec<Untestable>, Vec<String>> {
    let file: UntestableFile =
        toml::from_str(text).map_err(|e| vec![e.to_string().trim_end().to_string()])?;
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, s) in file.statements.iter().enumerate() {
        let at = format!("[[statement]] #{} ({} / {})", i + 1, s.seed, s.location);
        if !(s.seed.len() == 3 && s.seed.chars().all(|c| c.is_ascii_digit())) {
            problems.push(format!(
                "{at}: seed `{}` is not a seed's three-digit prefix (\"000\")",
                s.seed
            ));
        }
        for (field, value) in [
            ("where", &s.location),
            ("says", &s.says),
            ("why", &s.why),
        ] {
            if value.trim().is_empty() {
                problems.push(format!("{at}: `{field}` is empty"));
            } else if value.trim() != value || value.contains('\n') {
                problems.push(format!(
                    "{at}: `{field}` must be one line without leading or trailing spaces"
                ));
            }
        }
        if s.why
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("not testable")
            || s.why.trim_start().to_ascii_lowercase().starts_with("untestable")
        {
            problems.push(format!(
                "{at}: `why` gives the reason only: the page already says \"untestable: \""
            ));
        }
        if !seen.insert((s.seed.clone(), s.location.clone(), s.says.clone())) {
            problems.push(format!("{at}: the same statement is listed twice"));
        }
    }
    if problems.is_empty() {
        Ok(file.statements)
    } else {
        Err(problems)
    }
}

/// Reads and checks `src/sources/untestable.toml` under `root` (no file: no entries). The error names the
/// file and every malformed entry.
pub fn load(root: &Path, src: &Path) -> Result<Vec<Untestable>, String> {
    let rel = untestable_file(src);
    let text = match std::fs::read_to_string(root.join(&rel)) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", rel.display())),
    };
    parse(&text).map_err(|problems| {
        problems
            .iter()
            .map(|p| format!("{}: {p}", rel.display()))
            .collect::<Vec<_>>()
            .join("\n")
    })
}
