//! `ci/wallclock.sh [bench…]`: runs the criterion bench targets of `measured-benches` (all of them, or
//! those named) and writes `src/measured/shown/<group>.json` for every criterion group they measured.
//! The figures are shown in the book, never asserted: see `proof::wallclock`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let benches: Vec<String> = std::env::args().skip(1).collect();
    if benches.iter().any(|a| a.starts_with('-')) {
        eprintln!("usage: ci/wallclock.sh [bench…]   (criterion bench targets of measured-benches; default: all)");
        return ExitCode::from(2);
    }
    run(&benches)
}

#[cfg(feature = "inspect")]
fn run(benches: &[String]) -> ExitCode {
    match proof::wallclock::run(benches) {
        Ok(files) => {
            let root = proof::workspace::root();
            for f in files {
                let rel = f.strip_prefix(root).unwrap_or(&f);
                match proof::shown::Shown::read(&f) {
                    Ok(s) => {
                        eprintln!("wallclock: wrote {} ({}, {}):", rel.display(), s.machine_text(), s.date);
                        for b in &s.benchmarks {
                            eprintln!("  {:<28} mean {:>14.1} ns   [{:.1} .. {:.1}]", b.id, b.mean_ns, b.ci_low_ns, b.ci_high_ns);
                        }
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "inspect"))]
fn run(_: &[String]) -> ExitCode {
    eprintln!("error: wallclock needs proof's `inspect` feature (its clean cargo environment): run it through ci/wallclock.sh");
    ExitCode::FAILURE
}
