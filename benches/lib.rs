//! The benchmarks are the `[[bench]]` targets of this package; `proof::gungraun` runs them. This library
//! holds the one configuration they share, so every count is taken the same way.

use gungraun::{BinaryBenchmarkConfig, Callgrind, EntryPoint, LibraryBenchmarkConfig};

/// Callgrind's options for every count: no cache simulation (the book reads only `Ir`, instructions
/// executed, which the simulation does not change; it only makes the run slower).
fn callgrind() -> Callgrind {
    Callgrind::with_args(["--cache-sim=no"])
}

/// Library benchmarks: Gungraun counts the benchmark function only (its default entry point), in a
/// process whose C library runs its baseline string functions ([`catalogue::GLIBC_TUNABLES`]),
/// with an empty `LD_LIBRARY_PATH`, from an executable at a path of fixed length
/// (`proof::gungraun::bench_target_dir`).
pub fn library_config() -> LibraryBenchmarkConfig {
    let mut config = LibraryBenchmarkConfig::default();
    // Gungraun keeps LD_LIBRARY_PATH, which cargo points into the clone: its length would move the
    // process's stack, and with it where the benchmark's copies start.
    config.env("GLIBC_TUNABLES", catalogue::GLIBC_TUNABLES).env("LD_LIBRARY_PATH", "").tool(callgrind());
    config
}

/// Binary benchmarks of lab programs: callgrind counts only while `<bin_crate>::measured` runs
/// ([`catalogue::LAB_REGION`]), not the loader, the start-up, the arguments or the exit; the
/// C library is pinned as for library benchmarks.
pub fn lab_config(bin_crate: &str) -> BinaryBenchmarkConfig {
    lab_config_with(Some(bin_crate), true)
}

/// The controls of `tests/claims/methodology.rs`: a lab benchmark counting the whole process (`bin_crate` =
/// `None`) and/or leaving the C library's choice of string functions to the CPU (`pinned` = false).
pub fn lab_config_with(bin_crate: Option<&str>, pinned: bool) -> BinaryBenchmarkConfig {
    let mut config = BinaryBenchmarkConfig::default();
    let entry = match bin_crate {
        Some(krate) => EntryPoint::Custom(format!("{krate}::{}", catalogue::LAB_REGION)),
        None => EntryPoint::None,
    };
    if pinned {
        config.env("GLIBC_TUNABLES", catalogue::GLIBC_TUNABLES);
    }
    config.tool(callgrind().entry_point(entry));
    config
}
