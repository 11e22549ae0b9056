//! One half of what `mono` holds in one crate.
pub fn parse(s: &str) -> Vec<u32> {
    s.split(',').filter_map(|t| t.trim().parse().ok()).collect()
}
