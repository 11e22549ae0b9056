//! Binary benchmarks of lab artifacts through Gungraun: the harness builds the lab, runs the one
//! benchmark, and reads its count; a second ask in the same process does not run valgrind again.

use proof::profile::{Base, Profile};

#[test]
fn counts_a_lab_binary_and_reuses_the_run() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let release = Profile::release();
    let fat = Profile::custom("release-fat", Base::Release).lto("fat");
    let count = |p: &Profile, id: &str| proof::gungraun::lab_instructions("crosscrate", p, "app", "labs", "crosscrate", "crosscrate_app", id);
    let a = count(&release, "release");
    let b = count(&fat, "release_fat");
    let t = std::time::Instant::now();
    assert_eq!(count(&release, "release"), a, "the same benchmark must give the same count");
    assert!(t.elapsed().as_secs() < 2, "a repeated ask must not run valgrind again");
    println!("crosscrate app: release {a} instructions, release-fat {b}");
    assert!(a > 1_000 && b > 1_000, "app::measured formats and prints five lines: more than this: {a}, {b}");
}
