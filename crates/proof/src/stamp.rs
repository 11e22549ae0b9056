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
pub fn memo(group: &str, name: &str, key: &str, produce: impl FnOnce() -> String) -> String {
    let kept = path(group, name).with_extension("out");
    let value = std::cell::RefCell::new(None);
    run_unless_current(
        group,
        name,
        key,
        || {
            let found = std::fs::read_to_string(&kept).ok();
            let there = found.is_some();
            *value.borrow_mut() = found;
            there
        },
        || {
            let text = produce();
            std::fs::create_dir_all(kept.parent().expect("stamp dir"))
                .and_then(|_| std::fs::write(&kept, &text))
                .unwrap_or_else(|e| panic!("proof: cannot keep {}: {e}", kept.display()));
            *value.borrow_mut() = Some(text);
        },
    );
    value.into_inner().expect("produced or kept")
}
