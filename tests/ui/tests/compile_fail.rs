//! Compile-fail claims: trybuild compiles each case and compares rustc's output with the case's
//! `.stderr` file (regenerate with `TRYBUILD=overwrite cargo test -p measured-ui`).

use proof::{claim, figures, FiguresExt, Kind, Measured, ProfileRecord};
use std::path::Path;

/// Compiles `cases/<name>.rs` through trybuild, expecting it to fail with its `.stderr`, or to build
/// and run when `expect_pass`. Figures: the error codes rustc printed and its first error line.
fn compile(name: &str, expect_pass: bool) -> Measured {
    let case = format!("cases/{name}.rs");
    {
        let t = trybuild::TestCases::new();
        if expect_pass { t.pass(&case) } else { t.compile_fail(&case) }
    } // trybuild runs the case here, and panics if rustc's verdict or output differs
    let stderr = std::fs::read_to_string(Path::new("cases").join(format!("{name}.stderr"))).unwrap_or_default();
    let mut codes: Vec<&str> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error[").and_then(|r| r.split(']').next()))
        .collect();
    codes.dedup();
    let first = stderr.lines().find(|l| l.starts_with("error")).unwrap_or("(none: it compiles)");
    let profile = ProfileRecord::named("trybuild", &[("edition", "2024".into()), ("rustc run by", "trybuild 1.0.122".into())]);
    Measured::new(profile, figures! { "error codes" => if codes.is_empty() { "none".to_string() } else { codes.join(", ") }, "first error" => first })
}

#[test]
fn spawning_from_a_borrowing_method_is_e0521() {
    claim("actors.run.spawn-from-borrowing-method-fails")
        .kind(Kind::CompileFail)
        .statement("An actor cannot spawn its own loop from a method that takes `&mut self`: tokio::spawn needs a 'static future, and rustc rejects the borrow with E0521.")
        .judges("002", "Actors with Tokio: a run method on a struct", "Calling tokio::spawn inside `run(&mut self)` fails because spawn needs 'static and the method only borrows self.", "confirmed")
        .predicate("rustc rejects it with error E0521", |f| f.str("error codes") == "E0521")
        .subject("tokio::spawn(async move { … self … }) inside fn start(&mut self)", || compile("actor_spawn_in_method", false))
        .control("the actor moved into its task: async fn run(mut self), spawned by a free function", || compile("actor_run_by_value", true))
        .check();
}
