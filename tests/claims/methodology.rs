//! Claims about the harness itself (the Methodology appendix): an instruction count must not depend on the
//! machine it was taken on, beyond the code under test. Read from the binary benchmarks of
//! `benches/labs.rs` (groups `region`, `whole_process` and `libc`), which run the release workload lab on
//! 2,000 records.

use proof::profile::Profile;
use proof::{Figures, Kind, Measured, claim, figures};

/// The four ways `benches/labs.rs` runs the same binary.
const PLACES: [(&str, &str); 4] = [
    ("plain", "from /, empty environment, at the usual path"),
    ("long_env", "with a 3,000-byte environment variable"),
    ("other_dir", "from /tmp"),
    ("long_path", "from a longer path"),
];

fn count(group: &str, function: &str, id: &str) -> u64 {
    proof::gungraun::lab_instructions("workload", &Profile::release(), "app", "labs", group, function, id)
}

/// The workload counted in each place by the benchmarks of `group`; `distinct counts` is how many
/// different numbers came out.
fn counts_in_places(group: &str, counted: &str) -> Measured {
    // The copy at the longer path: the same file as at the usual one (which lab_instructions refreshes).
    let usual = proof::lab::build("workload", &Profile::release()).bin("app");
    let long = std::path::Path::new(proof::catalogue::LONG_LAB_PATH);
    std::fs::create_dir_all(long.parent().unwrap()).and_then(|_| std::fs::copy(&usual, long)).expect("copy the workload binary to the longer path");
    let mut f = Figures::new();
    let mut seen = std::collections::BTreeSet::new();
    for (id, words) in PLACES {
        let n = count(group, "environment", id);
        seen.insert(n);
        // A whole-process count is not reproducible from one machine or clone to the next (that is the
        // point of the control), so only the region's counts are figures; the control records how many
        // different counts its four runs gave.
        if group == "region" {
            f.insert(format!("instructions {words}"), n.into());
        }
    }
    f.insert("distinct counts".into(), seen.len().into());
    Measured::new(Profile::release().record().with("workload", "app 2000").with("counted", counted), f)
}

#[test]
fn region_count_ignores_environment_directory_and_path() {
    claim("methodology.instructions.region-ignores-the-environment")
        .kind(Kind::Instructions)
        .statement("Counting only a lab program's `measured` function gives the same count whatever the environment, working directory or program path; the whole process does not.")
        .predicate("the four runs count the same number of instructions", |f| proof::margin::exactly(f, "distinct counts", 1.0))
        .subject("callgrind collects inside app::measured only", || counts_in_places("region", "app::measured only"))
        .control("callgrind collects over the whole process", || counts_in_places("whole_process", "the whole process"))
        .check();
}

/// The workload with the C library seeing this CPU's features or an older CPU's, pinned or not.
fn counts_by_cpu(pinned: bool) -> Measured {
    let which = if pinned { "pinned" } else { "unpinned" };
    let this = count("libc", "cpu", &format!("this_cpu_{which}"));
    let older = count("libc", "cpu", &format!("older_cpu_{which}"));
    let tunables = if pinned { "the book's pin (baseline string functions)" } else { "none: the C library picks for the CPU" };
    Measured::new(
        Profile::release().record().with("workload", "app 2000").with("counted", "app::measured only").with("GLIBC_TUNABLES", tunables),
        figures! { "instructions with this CPU's features" => this, "instructions with AVX, AVX2, ERMS and FSRM hidden" => older },
    )
}

#[test]
fn pinned_string_functions_do_not_depend_on_the_cpu() {
    claim("methodology.instructions.libc-pinned-to-baseline")
        .kind(Kind::Instructions)
        .statement("With glibc's string functions pinned to their baseline x86-64 versions, hiding CPU features (AVX2, ERMS, FSRM) no longer changes a workload's count.")
        .predicate("the count is the same with and without the newer features", |f| {
            proof::margin::equal(f, "instructions with this CPU's features", "instructions with AVX, AVX2, ERMS and FSRM hidden")
        })
        .subject("GLIBC_TUNABLES pins the baseline string functions", || counts_by_cpu(true))
        .control("no GLIBC_TUNABLES: glibc chooses by the CPU's features", || counts_by_cpu(false))
        .check();
}
