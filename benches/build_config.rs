//! Gungraun binary benchmarks for the Build configuration part (tests/claims/build.rs): the buildcfg lab's
//! program (labs/buildcfg) built by the proof harness under each profile, run on 4,000 elements as a
//! whole process under callgrind; a count covers the program's `measured` function only
//! (`measured_benches::lab_config`). The harness copies each binary to a fixed path first
//! (`catalogue::FIXED_LABS`).

use gungraun::{binary_benchmark, binary_benchmark_group, main};

/// The buildcfg program built under `profile_dir`, at the fixed path where the harness puts it.
fn app(profile_dir: &str) -> String {
    catalogue::lab_binary("buildcfg", profile_dir, "app")
}

#[binary_benchmark]
#[bench::dev(app("debug"))]
#[bench::o0(app("bc-o0"))]
#[bench::o1(app("bc-o1"))]
#[bench::o2(app("bc-o2"))]
#[bench::o3(app("release"))]
#[bench::os(app("bc-os"))]
#[bench::oz(app("bc-oz"))]
#[bench::abort(app("bc-abort"))]
#[bench::incremental(app("bc-incremental"))]
#[bench::v3(app("bc-v3"))]
#[bench::v2(app("bc-v2"))]
#[bench::overflow(app("bc-overflow"))]
fn buildcfg_app(path: String) -> gungraun::Command {
    let mut command = gungraun::Command::new(path);
    command.env("LD_LIBRARY_PATH", "").current_dir("/").arg("4000");
    command.build()
}

binary_benchmark_group!(name = buildcfg; config = measured_benches::lab_config("app"); benchmarks = buildcfg_app);

main!(binary_benchmark_groups = buildcfg);
