//! Work that a later test process may skip: a measurement whose inputs have not changed since it last
//! succeeded. One mechanism for every such reuse (Gungraun runs, trybuild cases): a stamp file
//! `<target>/stamps/<group>/<name>` holds the key the work last succeeded with; the work runs again when
//! the key differs, when the stamp is missing, or when `still_there` says its output is gone.
//! `ci/repeat.sh` removes `<target>/stamps` so that every measurement is taken again.

use crate::workspace;
use std::path::{Path, PathBuf};

/// `<target>/stamps/<group>/<name>`, with `name` reduced to a file name.
pub fn path(group: &str, name: &str) -> PathBuf {
    let file = name.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_' && c != '.', "_");
    workspace::target_dir().join("stamps").join(group).join(file)
}

/// A line describing a file as it is now (path, size, modification time): part of a key for inputs that
/// are build products, whose contents are large.
pub fn file_state(file: &Path) -> String {
    let meta = std::fs::metadata(file).unwrap_or_else(|e| panic!("proof: {}: {e}", file.display()));
    format!("{} {} {:?}\n", file.display(), meta.len(), meta.modified().ok())
}

/// Runs `work` unless the stamp `group`/`name` holds `key` and `still_there()` is true; after `work`
/// returns (it panics on failure), records `key`. Returns whether `work` ran.
pub fn run_unless_current(group: &str, name: &str, key: &str, still_there: impl Fn() -> bool, work: impl FnOnce()) -> bool {
    let stamp = path(group, name);
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(key) && still_there() {
        return false;
    }
    let _ = std::fs::remove_file(&stamp); // a failed or interrupted run leaves no stamp
    work();
    std::fs::create_dir_all(stamp.parent().expect("stamp dir"))
        .and_then(|_| std::fs::write(&stamp, key))
        .unwrap_or_else(|e| panic!("proof: cannot write the stamp {}: {e}", stamp.display()));
    true
}

/// The text `produce` returns, reused by a later test process while `key` is the one it was produced
/// with: for a measurement that is deterministic given its inputs and costly to repeat (builds in a
/// scratch copy of a lab, for instance). The text is kept beside the stamp (`<stamp>.out`). The key must
/// name every input: the toolchain ([`crate::environment::toolchain_key`]), the sources
/// ([`crate::lab::source_digest`] for a lab) and the arguments.
///
/// What `produce` noted for the claim's environment key ([`crate::environment::note`]) and provenance
/// ([`crate::provenance::note`]) is kept too (`<stamp>.notes`) and noted again when the text is reused,
/// so a claim's evidence is the same whether its measurement ran or came from the stamp.
pub fn memo(group: &str, name: &str, key: &str, produce: impl FnOnce() -> String) -> String {
    let kept = path(group, name).with_extension("out");
    let notes = path(group, name).with_extension("notes");
    let value = std::cell::RefCell::new(None);
    run_unless_current(
        group,
        name,
        key,
        || {
            let found = std::fs::read_to_string(&kept).ok();
            let noted = std::fs::read_to_string(&notes).ok().and_then(|t| serde_json::from_str::<Notes>(&t).ok());
            match (found, noted) {
                (Some(text), Some(noted)) => {
                    noted.replay();
                    *value.borrow_mut() = Some(text);
                    true
                }
                _ => false,
            }
        },
        || {
            // Set aside what this thread noted before, so that only `produce`'s own notes are kept.
            let before = Notes::take();
            let text = produce();
            let made = Notes::take();
            before.replay();
            made.replay();
            std::fs::create_dir_all(kept.parent().expect("stamp dir"))
                .and_then(|_| std::fs::write(&kept, &text))
                .and_then(|_| std::fs::write(&notes, serde_json::to_string(&made).expect("notes serialize")))
                .unwrap_or_else(|e| panic!("proof: cannot keep {}: {e}", kept.display()));
            *value.borrow_mut() = Some(text);
        },
    );
    value.into_inner().expect("produced or kept")
}

/// The environment and provenance notes of one measurement.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct Notes {
    environment: serde_json::Map<String, serde_json::Value>,
    provenance: std::collections::BTreeSet<String>,
}

impl Notes {
    fn take() -> Notes {
        Notes { environment: crate::environment::take(), provenance: crate::provenance::take() }
    }

    fn replay(&self) {
        crate::environment::note_all(&self.environment);
        for k in &self.provenance {
            crate::provenance::note(k.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_measurement_notes_its_environment_and_provenance_again() {
        let name = format!("notes-{}", std::process::id());
        let _ = std::fs::remove_file(path("selftest", &name));
        let produce = || {
            crate::environment::note("labs/x/Cargo.lock", "sha256:1");
            crate::provenance::note("lab x built with profile p");
            "figures".to_string()
        };
        crate::environment::note("noted before", "yes");
        assert_eq!(memo("selftest", &name, "key", produce), "figures");
        let first = (crate::environment::take(), crate::provenance::take());
        assert!(first.0.contains_key("noted before") && first.0.contains_key("labs/x/Cargo.lock"), "{first:?}");
        // Kept: the same notes, without running `produce`.
        assert_eq!(memo("selftest", &name, "key", || unreachable!("kept")), "figures");
        let again = (crate::environment::take(), crate::provenance::take());
        assert_eq!(again.0.get("labs/x/Cargo.lock"), first.0.get("labs/x/Cargo.lock"));
        assert_eq!(again.1, first.1);
        assert!(!again.0.contains_key("noted before"), "only the measurement's own notes are kept");
    }
}
