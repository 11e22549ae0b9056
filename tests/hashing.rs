//! Instruction-count claims about hashers, read from the Gungraun benchmarks in benches/instructions.rs.

use proof::{claim, figures, FiguresExt, Kind, Measured};

/// Instructions to insert 1,000 u32 keys with the benchmark `function`/`id`, next to the std baseline.
fn against_std(function: &str, id: &str) -> Measured {
    let ir = proof::gungraun::instructions("instructions", "hashing", function, id);
    let std = proof::gungraun::instructions("instructions", "hashing", "hash_std", "std_siphash");
    Measured::new(
        proof::gungraun::bench_profile(),
        figures! { "instructions (this hasher)" => ir, "instructions (std SipHash-1-3)" => std, "percent of std" => ir * 100 / std },
    )
}

#[test]
fn fxhash_beats_siphash_for_u32_keys() {
    claim("hashing.fxhash.fewer-instructions-u32")
        .kind(Kind::Instructions)
        .statement("Filling a HashMap with 1,000 u32 keys executes fewer instructions with rustc-hash's FxHasher than with the standard library's SipHash-1-3.")
        .judges("002", "Hashing", "The default SipHash-1-3 is relatively slow for short keys such as integers; FxHash is much faster for them.", "confirmed")
        .predicate("executes fewer instructions than std's default hasher", |f| {
            f.u64("instructions (this hasher)") < f.u64("instructions (std SipHash-1-3)")
        })
        .subject("FxBuildHasher (rustc-hash 2)", || against_std("hash_fx", "fxhash"))
        .control("std's SipHash-1-3 again (a second, identical benchmark)", || against_std("hash_std", "std_siphash_again"))
        .check();
}
