//! A library on dupe 0.2.
pub fn version() -> u32 {
    dupe::version()
}
