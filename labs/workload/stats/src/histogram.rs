//! Counts values into equal-width buckets between `lo` and `hi`.

pub fn histogram(xs: &[f64], lo: f64, hi: f64, buckets: usize) -> Vec<u64> {
    let mut counts = vec![0u64; buckets];
    let width = (hi - lo) / buckets as f64;
    for &x in xs {
        let i = ((x - lo) / width) as isize;
        let i = i.clamp(0, buckets as isize - 1) as usize;
        counts[i] += 1;
    }
    counts
}
