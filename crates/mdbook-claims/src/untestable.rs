//! Seed statements the book judges without a claim: `src/sources/untestable/<part>.toml`.
//!
//! Most statements of the source texts are judged by a claim's `.judges(…)`, and reach the Sources checked
//! appendix through its evidence. Some cannot be tested here at all (a prediction, a preference, a figure
//! that only a large project or another platform can produce, a timing that varies from run to run); they
//! are listed in the folder's files (one per part of the book, so that the part's checks and its
//! untestable statements are edited together), each with the reason, and `{{#sources-checked}}` renders them in the same
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
//! A malformed file or entry fails the book build, naming the file and the entry; so does a statement
//! listed twice, in one file or in two.

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
    /// The file that lists it, relative to the book root (set by [`load`]).
    #[serde(skip)]
    pub file: PathBuf,
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

/// `src/sources/untestable/`, relative to the book root: one `<part>.toml` per part of the book.
pub fn untestable_dir(src: &Path) -> PathBuf {
    src.join("sources").join("untestable")
}

/// Parses the file's text and checks every entry; the errors name the entry (1-based, in file order).
pub fn parse(text: &str) -> Result<Vec<Untestable>, Vec<String>> {
    let file: UntestableFile = toml::from_str(text).map_err(|e| vec![e.to_string().trim_end().to_string()])?;
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, s) in file.statements.iter().enumerate() {
        let at = format!("[[statement]] #{} ({} / {})", i + 1, s.seed, s.location);
        if !(s.seed.len() == 3 && s.seed.chars().all(|c| c.is_ascii_digit())) {
            problems.push(format!("{at}: seed `{}` is not a seed's three-digit prefix (\"000\")", s.seed));
        }
        for (field, value) in [("where", &s.location), ("says", &s.says), ("why", &s.why)] {
            if value.trim().is_empty() {
                problems.push(format!("{at}: `{field}` is empty"));
            } else if value.trim() != value || value.contains('\n') {
                problems.push(format!("{at}: `{field}` must be one line without leading or trailing spaces"));
            }
        }
        if s.why.trim_start().to_ascii_lowercase().starts_with("not testable") || s.why.trim_start().to_ascii_lowercase().starts_with("untestable") {
            problems.push(format!("{at}: `why` gives the reason only: the page already says \"untestable: \""));
        }
        if !seen.insert((s.seed.clone(), s.location.clone(), s.says.clone())) {
            problems.push(format!("{at}: the same statement is listed twice"));
        }
    }
    if problems.is_empty() { Ok(file.statements) } else { Err(problems) }
}

/// Reads and checks every `*.toml` in `src/sources/untestable/` under `root`, in name order (no folder:
/// no entries). The error names the file and every malformed entry, and every statement listed twice.
pub fn load(root: &Path, src: &Path) -> Result<Vec<Untestable>, String> {
    let dir = untestable_dir(src);
    let listing = match std::fs::read_dir(root.join(&dir)) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", dir.display())),
    };
    let mut files = Vec::new();
    for entry in listing {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("toml") => files.push(dir.join(path.file_name().expect("a listed file has a name"))),
            _ => return Err(format!("{}: only `<part>.toml` files belong here", dir.join(path.file_name().unwrap_or_default()).display())),
        }
    }
    files.sort();
    let mut all: Vec<Untestable> = Vec::new();
    let mut problems = Vec::new();
    for rel in files {
        let text = std::fs::read_to_string(root.join(&rel)).map_err(|e| format!("{}: {e}", rel.display()))?;
        match parse(&text) {
            Ok(entries) => all.extend(entries.into_iter().map(|u| Untestable { file: rel.clone(), ..u })),
            Err(found) => problems.extend(found.iter().map(|p| format!("{}: {p}", rel.display()))),
        }
    }
    for (i, u) in all.iter().enumerate() {
        if let Some(first) = all[..i].iter().find(|o| o.seed == u.seed && o.location == u.location && o.says == u.says && o.file != u.file) {
            problems.push(format!(
                "{}: ({} / {}) \"{}\" is also listed in {}: keep one",
                u.file.display(),
                u.seed,
                u.location,
                u.says,
                first.file.display()
            ));
        }
    }
    if problems.is_empty() { Ok(all) } else { Err(problems.join("\n")) }
}
