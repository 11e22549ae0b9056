//! The fixed names that `proof` (the harness), `benches/` (Gungraun) and the shown-figure programs
//! share, in one place: where a lab binary runs from, what every count pins in the C library, which
//! function of a lab program is counted.
//!
//! It depends on nothing, so the bench package, which is built in Cargo's optimized `bench` profile,
//! compiles these few constants and not the harness.

/// Where lab binaries are copied before they are run for a count: `<FIXED_LABS>/<lab>/<profile>/<bin>`.
///
/// The path is fixed, whatever the clone's location, because it is the program's `argv[0]`, which sits
/// on its stack: the same binary run from a longer path executes a different number of instructions
/// (the dynamic loader and the runtime copy and scan it). Runs of the suite from two clones at once
/// share it; do not run two at once.
pub const FIXED_LABS: &str = "/tmp/measured-rust-labs";

/// Where the bench executables are built, one folder per clone (`proof::gungraun::bench_target_dir`):
/// a path of the same length for every clone.
pub const BENCH_TARGETS: &str = "/tmp/measured-rust-benches";

/// The fixed path of the binary `bin` of `lab` built under the profile directory `profile_dir`.
pub fn lab_binary(lab: &str, profile_dir: &str, bin: &str) -> String {
    format!("{FIXED_LABS}/{lab}/{profile_dir}/{bin}")
}

/// Where `tests/claims/methodology.rs` puts a second copy of the release workload binary, to show that
/// the program's path does not move a count.
pub const LONG_LAB_PATH: &str = "/tmp/measured-rust-labs/workload/a-much-longer-directory-than-the-usual-one/app";

/// What every instruction count runs under: glibc's choice of its string functions (memcpy, memset,
/// memcmp, …) pinned to the baseline x86-64 versions, whatever the CPU.
///
/// glibc picks those functions when a program loads, from the CPU's features (AVX2, ERMS, …), and from
/// cache sizes for the thresholds of large copies. Under valgrind the program sees one of a few CPU
/// models that valgrind emulates, chosen by what the host can do, so two hosts of different generations
/// could execute different memcpy code inside the measured region. With these tunables every host runs
/// the SSE2 versions with the same thresholds. `tests/claims/methodology.rs` shows the effect.
pub const GLIBC_TUNABLES: &str = "glibc.cpu.hwcaps=-AVX,-AVX2,-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-ERMS,-FSRM,-SSSE3,-SSE4_1,-SSE4_2,-BMI1,-BMI2,-LZCNT,-MOVBE,-POPCNT,-Fast_Unaligned_Copy,-AVX_Fast_Unaligned_Load,-Fast_Unaligned_Load,-Fast_Rep_String:glibc.cpu.x86_non_temporal_threshold=0x100000:glibc.cpu.x86_data_cache_size=0x8000:glibc.cpu.x86_shared_cache_size=0x100000";

/// The function of a lab binary that an instruction count covers: callgrind collects only while
/// `<crate>::measured` runs, so the dynamic loader, the C library's and Rust's start-up, the reading of
/// the arguments and the exit are not counted.
pub const LAB_REGION: &str = "measured";

#[cfg(test)]
mod tests {
    #[test]
    fn the_long_path_is_a_longer_lab_path_of_the_workload() {
        assert!(super::LONG_LAB_PATH.starts_with(&format!("{}/workload/", super::FIXED_LABS)));
        assert!(super::LONG_LAB_PATH.len() > super::lab_binary("workload", "release", "app").len());
    }
}
