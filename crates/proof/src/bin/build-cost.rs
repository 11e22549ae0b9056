//! `ci/build-cost.sh [lab]`: builds a lab's program (default: the workload lab's `app`) from scratch under
//! each LTO setting of the LTO part (lto = false, "off", "thin", "fat", codegen-units = 1), three times
//! each, and writes `src/measured/shown/<lab>_build_cost.json`: wall time, CPU time, CPU time per wall
//! second and the peak memory of the largest process of each setting's median build. Shown in the book, never asserted: see
//! `proof::build_cost`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lab = match args.as_slice() {
        [] => "workload".to_string(),
        [lab] if !lab.starts_with('-') => lab.clone(),
        _ => {
            eprintln!("usage: ci/build-cost.sh [lab]   (a lab under labs/; default: workload)");
            return ExitCode::from(2);
        }
    };
    run(&lab)
}

#[cfg(feature = "inspect")]
fn run(lab: &str) -> ExitCode {
    use proof::{build_cost, shown::Shown};
    let written = build_cost::shown(lab, &build_cost::lto_settings()).and_then(|path| Shown::read(&path).map(|s| (path, s)));
    match written {
        Ok((path, s)) => {
            let rel = path.strip_prefix(proof::workspace::root()).unwrap_or(&path);
            eprintln!("build-cost: wrote {} ({}, {}):", rel.display(), s.machine_text(), s.date);
            for m in &s.measurements {
                let figures: Vec<String> = m.figures.iter().map(|f| format!("{} {} {}", f.name, f.value, f.unit)).collect();
                eprintln!("  {:<24} {}", m.id, figures.join(", "));
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
fn run(_: &str) -> ExitCode {
    eprintln!("error: build-cost needs proof's `inspect` feature (its lab builds): run it through ci/build-cost.sh");
    ExitCode::FAILURE
}
