//! The workload: generate records, parse them, count cities, and summarise amounts and weights.
//! `app [n]` processes `n` records (default 20,000) and prints a summary that depends on every step,
//! so the optimizer can drop none of them.
//!
//! The work is in `measured`, the region an instruction count covers (callgrind collects only while it
//! runs): `main` reads the argument outside it, because the arguments, the program's path among them,
//! sit on the stack at addresses that move with the environment's size.

fn main() {
    let n = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    measured(n);
}

/// Everything the program does with `n` records, from generating them to printing the summary.
#[inline(never)]
fn measured(n: usize) {
    let text = records::generate(n);
    let parsed = records::parse_all(&text).expect("generated input parses");

    let mut cities = digest::Counter::new(64);
    for r in &parsed {
        cities.add(r.city.as_bytes());
    }
    let amounts: Vec<f64> = parsed.iter().map(|r| r.amount).collect();
    let weights: Vec<f64> = parsed.iter().map(|r| r.weight).collect();
    let (mean, variance) = stats::mean_and_variance(&amounts);
    let weighted = stats::dot(&amounts, &weights);
    let hist = stats::histogram(&amounts, 0.0, 10_000.0, 10);
    let checksum = parsed.iter().fold(0u64, |h, r| digest::mix64(h ^ r.id ^ digest::fnv1a(r.city.as_bytes())));

    println!("records: {}", parsed.len());
    for (city, count) in cities.sorted() {
        println!("  {}: {count}", String::from_utf8_lossy(city));
    }
    println!("amount mean {mean:.2}, variance {variance:.2}, weighted sum {weighted:.2}");
    println!("histogram {hist:?}");
    println!("checksum {checksum:016x}");
}
