// ANCHOR: reads
/// Sums the values: needs only to read the elements.
pub fn total(values: &Vec<u64>) -> u64 {
    values.iter().sum()
}
// ANCHOR_END: reads
