//! Stands for an expensive optional dependency, pulled in only by `featured`'s `extra` feature.
pub fn expensive(xs: &[u64]) -> u64 {
    xs.iter().fold(0, |a, &x| a.rotate_left(5) ^ x)
}
