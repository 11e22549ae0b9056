//! cargo build --timings: what its report holds.

use super::*;

pub(super) fn timings_figures(timings: bool) -> Measured {
    let args: &[&str] = if timings { &["build", "--locked", "--offline", "--timings"] } else { &["build", "--locked", "--offline"] };
    let kept =
        scratch_cargo_reading(if timings { "timings" } else { "no-timings" }, "deps", &[], args, Some("target/cargo-timings/cargo-timing.html"));
    let report = kept.split_once(FILE_FOLLOWS).map(|(_, r)| r);
    let units = |needle: &str| report.map_or(0, |r| r.matches(needle).count());
    Measured::new(
        ProfileRecord::named(&format!("cargo {} on a copy of labs/deps", args.join(" ")), &[("profile", "dev".into())]),
        figures! {
            "timing report written" => report.is_some(),
            "units compiled" => kept.lines().filter(|l| l.trim_start().starts_with("Compiling ")).count(),
            "units in the report" => units("\"i\": "),
            "units with a duration" => units("\"duration\": "),
            "units with a front-end section" => units("\"frontend\","),
            "units with a codegen section" => units("\"codegen\","),
        },
    )
}

#[test]
fn timings_report_splits_each_unit() {
    claim("pipeline.tips.timings-report-per-unit")
        .kind(Kind::Behaviour)
        .statement("`cargo build --timings` writes an HTML report giving every unit compiled its start and duration, split into front end and codegen for libraries; a plain build writes none.")
        .judges("003", "Practical Tips", "cargo build --timings shows where compilation time goes.", "confirmed: for each unit, when it ran and for how long, and for a library how long its front end and code generation took")
        .predicate("a report gives every unit compiled a duration, and some a front-end and a codegen section", |f| {
            f.bool("timing report written")
                && margin::against(f, "units compiled", Op::Gt, 0.0)
                && margin::equal(f, "units with a duration", "units compiled")
                && margin::against(f, "units with a codegen section", Op::Gt, 0.0)
        })
        .subject("cargo build --timings", || timings_figures(true))
        .control("cargo build", || timings_figures(false))
        .check();
}
