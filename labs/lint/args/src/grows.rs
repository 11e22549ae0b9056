// ANCHOR: grows
/// Appends the doubles of the values: needs the vector itself, to grow it.
pub fn push_doubles(values: &mut Vec<u64>) {
    let n = values.len();
    for i in 0..n {
        values.push(values[i] * 2);
    }
}
// ANCHOR_END: grows
