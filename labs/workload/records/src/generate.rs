//! A deterministic input: the same `n` gives the same text on every run and machine.

const CITIES: [&str; 12] = [
    "Lisbon", "Oslo", "Tallinn", "Quito", "Accra", "Hanoi", "Perth", "Lima", "Riga", "Dakar", "Porto", "Kyoto",
];

/// A 64-bit linear congruential generator (Knuth's MMIX constants): cheap and reproducible.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 11
    }
}

/// `n` lines of records, separated by `\n`.
pub fn generate(n: usize) -> String {
    let mut rng = Lcg::new(0x5eed);
    let mut out = String::with_capacity(n * 32);
    for id in 0..n {
        let city = CITIES[(rng.next_u64() % CITIES.len() as u64) as usize];
        let cents = rng.next_u64() % 1_000_000;
        let weight = rng.next_u64() % 100;
        out.push_str(&format!("{id},{city},{}.{:02},0.{:02}\n", cents / 100, cents % 100, weight));
    }
    out
}
