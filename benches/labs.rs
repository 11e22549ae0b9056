//! Gungraun binary benchmarks of lab artifacts: each runs a lab binary, built beforehand by the proof
//! harness (`proof::lab::build`) under a named profile, as a whole process under callgrind.
//! `proof::gungraun::lab_instructions` builds the lab and runs the one benchmark it needs. A count
//! covers the program's `measured` function only (`measured_benches::lab_config`).

use gungraun::{binary_benchmark, binary_benchmark_group, main};

/// Where the harness puts a copy of the binary `bin` of `lab` built under the profile directory
/// `profile` before running it: a fixed path, the same in every clone, because the program's path is its
/// `argv[0]` and changes the count ([`catalogue::FIXED_LABS`]).
fn lab_binary(lab: &str, profile: &str, bin: &str) -> String {
    catalogue::lab_binary(lab, profile, bin)
}

/// A lab binary as Gungraun runs it, in an environment that is the same in every clone: Gungraun clears
/// the environment but keeps `LD_LIBRARY_PATH`, which cargo points into the clone's target directory.
/// (The counted region does not depend on them, as `tests/claims/methodology.rs` shows; the fixed path and
/// environment keep the whole run the same anyway.)
fn lab_command(path: String) -> gungraun::Command {
    let mut command = gungraun::Command::new(path);
    command.env("LD_LIBRARY_PATH", "").current_dir("/");
    command
}

// The crosscrate lab's program (the harness's own test: crates/proof/tests/gungraun_lab.rs).
#[binary_benchmark]
#[bench::release(lab_binary("crosscrate", "release", "app"))]
#[bench::release_fat(lab_binary("crosscrate", "release-fat", "app"))]
fn crosscrate_app(path: String) -> gungraun::Command {
    lab_command(path).build()
}

binary_benchmark_group!(name = crosscrate; config = measured_benches::lab_config("app"); benchmarks = crosscrate_app);

// The workload lab's program on 20,000 generated records (parse, count, summarise).
#[binary_benchmark]
#[bench::release(lab_binary("workload", "release", "app"))]
#[bench::release_lto_off(lab_binary("workload", "release-lto-off", "app"))]
#[bench::release_thin(lab_binary("workload", "release-thin", "app"))]
#[bench::release_fat(lab_binary("workload", "release-fat", "app"))]
#[bench::release_cgu1(lab_binary("workload", "release-cgu1", "app"))]
fn workload_app(path: String) -> gungraun::Command {
    lab_command(path).arg("20000").build()
}

binary_benchmark_group!(name = workload; config = measured_benches::lab_config("app"); benchmarks = workload_app);

// tests/claims/methodology.rs: does a count move with the environment, the working directory, the program's
// path or the CPU's features? The release workload on 2,000 records, counted as every count is (the
// `measured` region, baseline string functions), and as controls: the whole process, or the C library
// left to pick its functions for the CPU.
const PADDING: usize = 3000;
/// GLIBC_TUNABLES that hide AVX, AVX2, ERMS and FSRM from the C library, as on an older CPU.
const OLDER_CPU: &str = "glibc.cpu.hwcaps=-AVX,-AVX2,-ERMS,-FSRM";

fn environment_case(path: &str, env: Option<(&str, String)>, dir: &str) -> gungraun::Command {
    let mut command = gungraun::Command::new(path);
    command.env("LD_LIBRARY_PATH", "").current_dir(dir).arg("2000");
    if let Some((k, v)) = env {
        command.env(k, v);
    }
    command.build()
}

#[binary_benchmark]
#[bench::plain(lab_binary("workload", "release", "app"), None, "/")]
#[bench::long_env(lab_binary("workload", "release", "app"), Some(("PADDING", "x".repeat(PADDING))), "/")]
#[bench::other_dir(lab_binary("workload", "release", "app"), None, "/tmp")]
#[bench::long_path(catalogue::LONG_LAB_PATH.to_string(), None, "/")]
fn environment(path: String, env: Option<(&'static str, String)>, dir: &str) -> gungraun::Command {
    environment_case(&path, env, dir)
}

binary_benchmark_group!(name = region; config = measured_benches::lab_config("app"); benchmarks = environment);
binary_benchmark_group!(name = whole_process; config = measured_benches::lab_config_with(None, true); benchmarks = environment);

/// The CPU's features as the C library sees them: all of them, or those of an older CPU (`OLDER_CPU`),
/// with the book's pin added (`pinned`) or not.
fn cpu_case(older: bool, pinned: bool) -> gungraun::Command {
    let pin = catalogue::GLIBC_TUNABLES;
    let tunables = match (older, pinned) {
        (false, false) => None,
        (true, false) => Some(OLDER_CPU.to_string()),
        (false, true) => Some(pin.to_string()),
        // One hwcaps list: the older CPU's masks and the pin's together.
        (true, true) => Some(pin.replacen("glibc.cpu.hwcaps=", &format!("{OLDER_CPU},"), 1)),
    };
    environment_case(&lab_binary("workload", "release", "app"), tunables.map(|t| ("GLIBC_TUNABLES", t)), "/")
}

#[binary_benchmark]
#[bench::this_cpu_pinned(false, true)]
#[bench::older_cpu_pinned(true, true)]
#[bench::this_cpu_unpinned(false, false)]
#[bench::older_cpu_unpinned(true, false)]
fn cpu(older: bool, pinned: bool) -> gungraun::Command {
    cpu_case(older, pinned)
}

binary_benchmark_group!(name = libc; config = measured_benches::lab_config_with(Some("app"), false); benchmarks = cpu);

// The alloc lab (tests/claims/heap/cost.rs): one program per global allocator, each running the allocation-heavy
// workload or the allocation-free one.
#[binary_benchmark]
#[bench::system_alloc(lab_binary("alloc", "release", "system"), "alloc")]
#[bench::mimalloc_alloc(lab_binary("alloc", "release", "mimalloc"), "alloc")]
#[bench::system_compute(lab_binary("alloc", "release", "system"), "compute")]
#[bench::mimalloc_compute(lab_binary("alloc", "release", "mimalloc"), "compute")]
fn allocators(path: String, workload: &str) -> gungraun::Command {
    lab_command(path).arg(workload).build()
}

binary_benchmark_group!(name = alloc; config = measured_benches::lab_config("alloc_lab"); benchmarks = allocators);

// The inlining lab's driver program (tests/claims/inlining.rs): a hot function with its rare path inline or
// outlined, on the common path only or the rare path only, and a helper inlined or called at 128 call
// sites.
#[binary_benchmark]
#[bench::inline(lab_binary("inlining", "release", "driver"), "inline")]
#[bench::outlined(lab_binary("inlining", "release", "driver"), "outlined")]
#[bench::inline_rare(lab_binary("inlining", "release", "driver"), "inline-rare")]
#[bench::outlined_rare(lab_binary("inlining", "release", "driver"), "outlined-rare")]
#[bench::always(lab_binary("inlining", "release", "driver"), "always")]
#[bench::never(lab_binary("inlining", "release", "driver"), "never")]
fn inlining_driver(path: String, workload: &str) -> gungraun::Command {
    lab_command(path).arg(workload).build()
}

binary_benchmark_group!(name = inlining; config = measured_benches::lab_config("driver"); benchmarks = inlining_driver);

main!(binary_benchmark_groups = crosscrate, workload, region, whole_process, libc, alloc, inlining);
