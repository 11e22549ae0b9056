// ANCHOR: writes
/// Doubles every value in place: needs only the elements, not the vector.
pub fn double_all(values: &mut Vec<u64>) {
    for v in values.iter_mut() {
        *v *= 2;
    }
}
// ANCHOR_END: writes
