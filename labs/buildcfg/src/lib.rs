//! Kernels for the Build configuration part. Each is `#[inline(never)]` so that it stays one function
//! in every build, whatever the optimization level, and its machine code can be read in the binary.

// ANCHOR: scaled_sum
/// Adds up `k * x` over the slice, wrapping on overflow: a loop the optimizer may turn into SIMD code.
#[inline(never)]
pub fn scaled_sum(xs: &[u32], k: u32) -> u32 {
    xs.iter().fold(0u32, |acc, &x| acc.wrapping_add(x.wrapping_mul(k)))
}
// ANCHOR_END: scaled_sum

// ANCHOR: bit_count
/// The number of set bits in all the words: `count_ones` is one instruction where the CPU has `popcnt`.
#[inline(never)]
pub fn bit_count(words: &[u64]) -> u32 {
    words.iter().map(|w| w.count_ones()).sum()
}
// ANCHOR_END: bit_count

/// A small table walk with branches: follows `next` from `start` for `steps` steps, summing the values.
#[inline(never)]
pub fn walk(next: &[usize], values: &[u64], start: usize, steps: usize) -> u64 {
    let mut at = start;
    let mut total = 0u64;
    for _ in 0..steps {
        total = total.wrapping_add(values[at]);
        at = next[at];
    }
    total
}

// ANCHOR: add_bytes
/// Adds two bytes with `+`: in a build with overflow checks a sum above 255 panics; without them it wraps.
#[inline(never)]
pub fn add_bytes(a: u8, b: u8) -> u8 {
    a + b
}
// ANCHOR_END: add_bytes

/// Generates `n` pseudo-random words from a fixed seed (xorshift), the same in every build.
pub fn words(n: usize) -> Vec<u64> {
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        })
        .collect()
}

/// Everything the program does with `n` elements; returns a checksum that depends on every kernel.
pub fn run(n: usize) -> u64 {
    let w = words(n);
    let small: Vec<u32> = w.iter().map(|&x| x as u32).collect();
    let next: Vec<usize> = w.iter().map(|&x| (x % n as u64) as usize).collect();
    let mut sorted = small.clone();
    sorted.sort_unstable();
    let mut check = 0u64;
    for round in 0..4u32 {
        check = check.wrapping_add(scaled_sum(&small, round + 3) as u64);
        check = check.wrapping_add(bit_count(&w) as u64);
        check = check.wrapping_add(walk(&next, &w, round as usize, n));
    }
    check.wrapping_add(sorted[n / 2] as u64)
}
