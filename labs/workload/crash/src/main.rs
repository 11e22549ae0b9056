//! Panics inside a library crate, so the book can read the backtrace: asking `stats::histogram` for zero
//! buckets makes its bucket index clamp to an empty range, which panics.

fn main() {
    let buckets = std::env::args().count() - 1; // 0 when run without arguments
    let counts = stats::histogram(&[1.0, 2.0, 3.0], 0.0, 4.0, buckets);
    println!("{counts:?}");
}
