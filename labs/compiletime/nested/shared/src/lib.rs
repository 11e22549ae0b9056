//! A dependency with two features.
pub fn enabled() -> u32 {
    let mut n = 0;
    if cfg!(feature = "a") {
        n += 1;
    }
    if cfg!(feature = "b") {
        n += 2;
    }
    n
}
