//! Both halves in one crate, as modules.
pub mod a {
    pub fn parse(s: &str) -> Vec<u32> {
        s.split(',').filter_map(|t| t.trim().parse().ok()).collect()
    }
}

pub mod b {
    pub const SCALE: u32 = 2;

    pub fn scale(xs: &[u32]) -> Vec<u32> {
        xs.iter().map(|x| x * SCALE).collect()
    }
}
