//! A library that `app-unused` declares as a dependency and never uses.
pub fn never_called() -> u64 {
    42
}
