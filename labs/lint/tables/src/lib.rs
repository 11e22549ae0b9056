// ANCHOR: tables
//! Counts words in a standard `HashMap`. The same file is the library of `tables`, which has a
//! clippy.toml beside its Cargo.toml, and of `tables-unconfigured`, which has none.
use std::collections::HashMap;

pub fn word_counts(text: &str) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}
// ANCHOR_END: tables
