//! Wall-clock timings (criterion) of the workload lab's program on 20,000 records, built under each LTO
//! setting of the LTO part, the run that `labs.rs` counts instructions of. Shown in the LTO chapter, never
//! asserted: `ci/wallclock.sh wallclock_lto` runs it and writes src/measured/shown/lto_wallclock.json.
//!
//! Each iteration starts the program as a process and waits for it, so a time includes the process's
//! start-up and exit, as the instruction counts do. The binaries are the ones the proof harness builds for
//! the LTO checks, in `<target>/labs/workload/<profile>/app`: run `cargo test -p measured-rust --test claims lto::`
//! first.

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

/// (benchmark id, the harness's profile directory), in the LTO chapter's order.
const SETTINGS: [(&str, &str); 5] = [
    ("lto=false", "release"),
    ("lto=off", "release-lto-off"),
    ("lto=thin", "release-thin"),
    ("lto=fat", "release-fat"),
    ("codegen-units=1", "release-cgu1"),
];

/// `<target>/labs/workload/<profile>/app`, or a clear stop if the harness has not built it.
fn workload_binary(profile: &str) -> PathBuf {
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).parent().expect("target/tmp has a parent").to_path_buf();
    let bin = target.join("labs").join("workload").join(profile).join("app");
    if !bin.is_file() {
        panic!(
            "{} is missing: the proof harness builds the workload under each LTO setting; \
             run `cargo test -p measured-rust --test claims lto::` first",
            bin.display()
        );
    }
    bin
}

fn run(bin: &PathBuf) {
    let status = Command::new(bin).arg("20000").stdout(Stdio::null()).status().expect("run the workload");
    assert!(status.success(), "{} failed: {status}", bin.display());
}

fn lto(c: &mut Criterion) {
    let binaries: Vec<(&str, PathBuf)> = SETTINGS.iter().map(|(id, profile)| (*id, workload_binary(profile))).collect();
    let mut group = c.benchmark_group("lto_wallclock");
    // A run takes milliseconds: ten samples over about two seconds per setting.
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    for (id, bin) in &binaries {
        group.bench_function(*id, |b| b.iter(|| run(bin)));
    }
    group.finish();
}

criterion_group!(benches, lto);
criterion_main!(benches);
