//! Mean and variance (Welford's one-pass method), and a dot product.

/// (mean, population variance) of `xs`; (0, 0) for an empty slice.
pub fn mean_and_variance(xs: &[f64]) -> (f64, f64) {
    let (mut n, mut mean, mut m2) = (0.0, 0.0, 0.0);
    for &x in xs {
        n += 1.0;
        let delta = x - mean;
        mean += delta / n;
        m2 += delta * (x - mean);
    }
    if n == 0.0 { (0.0, 0.0) } else { (mean, m2 / n) }
}

/// The sum of products of `a` and `b`, over the shorter of the two.
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
