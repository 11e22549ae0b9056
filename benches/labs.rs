//! Gungraun binary benchmarks of lab artifacts: each runs a lab binary, built beforehand by the proof
//! harness (`proof::lab::build`) under a named profile, as a whole process under callgrind.
//! `proof::gungraun::lab_instructions` builds the lab and runs the one benchmark it needs.

use gungraun::{binary_benchmark, binary_benchmark_group, main};

/// Where the harness puts a copy of the binary `bin` of `lab` built under the profile directory
/// `profile` before running it: a fixed path, `/tmp/measured-rust-labs/<lab>/<profile>/<bin>`, the same
/// in every clone, because the program's path is its `argv[0]` and changes the count
/// (see `proof::gungraun::fixed_lab_path`).
fn lab_binary(lab: &str, profile: &str, bin: &str) -> String {
    format!("/tmp/measured-rust-labs/{lab}/{profile}/{bin}")
}

/// A lab binary as Gungraun runs it, in an environment that is the same in every clone: Gungraun clears
/// the environment but keeps `LD_LIBRARY_PATH`, which cargo points into the clone's target directory,
/// and a longer environment, like a longer `argv[0]` or working directory, moves the count.
fn lab_command(path: String) -> gungraun::Command {
    let mut command = gungraun::Command::new(path);
    command.env("LD_LIBRARY_PATH", "").current_dir("/");
    command
}

#[binary_benchmark]
#[bench::release(lab_binary("crosscrate", "release", "app"))]
#[bench::release_incremental(lab_binary("crosscrate", "release-incremental", "app"))]
#[bench::release_fat(lab_binary("crosscrate", "release-fat", "app"))]
#[bench::release_lto_off(lab_binary("crosscrate", "release-lto-off", "app"))]
fn crosscrate_app(path: String) -> gungraun::Command {
    lab_command(path).build()
}

binary_benchmark_group!(name = crosscrate; benchmarks = crosscrate_app);

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

binary_benchmark_group!(name = workload; benchmarks = workload_app);

main!(binary_benchmark_groups = crosscrate, workload);
