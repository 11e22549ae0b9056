//! Compile-fail claims about actors and type sizes: each case of `cases/` is compiled by trybuild in the
//! one run of every case ([`crate::run_cases`]), and its figures are read from its `.stderr`.

use proof::{FiguresExt, Kind, Measured, ProfileRecord, claim, figures};
use std::path::Path;

/// This module's cases that must fail to compile, each with its `.stderr`.
pub const FAIL: &[&str] =
    &["actor_spawn_in_method", "actor_merged_with_handle", "actor_oneshot_reply_twice", "actor_sensor_sets_target", "size_hot_type_grown"];

/// This module's cases that must compile and run.
pub const PASS: &[&str] =
    &["actor_run_by_value", "actor_split_from_handle", "actor_mpsc_send_twice", "actor_panel_sets_target", "size_hot_type_fits"];

/// A case's outcome as trybuild saw it (it panics on any other outcome than the expected one): the error
/// codes rustc printed and its first error line.
fn compile(name: &str, expect_pass: bool) -> Measured {
    crate::run_cases();
    assert_eq!(PASS.contains(&name), expect_pass, "case `{name}` is not listed as expected");
    let stderr = std::fs::read_to_string(Path::new("cases").join(format!("{name}.stderr"))).unwrap_or_default();
    let (errors, codes) = proof::compile_fail::errors(&stderr);
    let first = errors.first().copied().unwrap_or("(none: it compiles)");
    let by = format!("trybuild {}", proof::compile_fail::trybuild_version());
    let profile = ProfileRecord::named("trybuild", &[("edition", "2024".into()), ("rustc run by", by.into())]);
    Measured::new(
        profile,
        figures! { "case" => name, "error codes" => if codes.is_empty() { "none".to_string() } else { codes.join(", ") }, "first error" => first },
    )
}

#[test]
fn spawning_from_a_borrowing_method_is_e0521() {
    claim("actors.run.spawn-from-borrowing-method-fails")
        .kind(Kind::CompileFail)
        .statement("An actor cannot spawn its loop from a method taking `&mut self`: `tokio::spawn` needs a `'static` future, and rustc rejects the borrow (E0521).")
        .judges("002", "Actors with Tokio: a run method on a struct", "Calling tokio::spawn inside `run(&mut self)` fails because spawn needs 'static and the method only borrows self.", "confirmed")
        .judges("002", "Actors with Tokio: a run method on a struct", "Spawning a free function that takes the actor by value leads more naturally to code without lifetime trouble.", "confirmed: the version that moves the actor into its task compiles")
        .predicate("rustc rejects it with error E0521", |f| f.str("error codes") == "E0521")
        .subject("tokio::spawn(async move { … self … }) inside fn start(&mut self)", || compile("actor_spawn_in_method", false))
        .control("the actor moved into its task: async fn run(mut self), spawned by a free function", || compile("actor_run_by_value", true))
        .check();
}

#[test]
fn actor_merged_with_its_handle_is_e0382() {
    claim("actors.run.actor-merged-with-handle-fails")
        .kind(Kind::CompileFail)
        .statement("An actor that is also its own handle does not compile once spawned: `tokio::spawn(service.run())` moves it away from its callers (E0382).")
        .judges("002", "Actors with Tokio: a run method on a struct", "Making the actor and its handle one struct causes trouble: ownership would give every handle access to fields only the actor's task should own.", "confirmed: the merged struct does not compile (E0382); split into actor and handle, it does")
        .judges("002", "Actors with Tokio: a run method on a struct", "With a separate handle, a `run(&mut self)` method awaited inside `tokio::spawn(async move { actor.run().await })` works just like the free function.", "confirmed")
        .judges("002", "Actors with Tokio: a run method on a struct", "Strictly, a version with tokio::spawn inside a method of the actor can be written.", "confirmed: the method must take the actor by value")
        .predicate("rustc rejects it with error E0382", |f| f.str("error codes") == "E0382")
        .subject("one struct IdService: receiver, sender and next_id; spawn(service.run()), then service.unique_id()", || compile("actor_merged_with_handle", false))
        .control("IdActor (receiver, next_id) spawned by fn spawn(mut self); IdHandle (sender) for the callers", || compile("actor_split_from_handle", true))
        .check();
}

#[test]
fn oneshot_sender_answers_once() {
    claim("actors.reply.oneshot-sends-once")
        .kind(Kind::CompileFail)
        .statement("A oneshot channel's single message is enforced by the compiler: `send` takes the `Sender` by value, so a second `send` uses a moved value (E0382).")
        .judges("002", "Actors with Tokio: the recipe", "The answer goes back on a oneshot channel, a channel that allows sending exactly one message.", "confirmed")
        .predicate("rustc rejects it with error E0382", |f| f.str("error codes") == "E0382")
        .subject("reply.send(1), then reply.send(2) on a oneshot::Sender", || compile("actor_oneshot_reply_twice", false))
        .control("reply.try_send(1), then reply.try_send(2) on an mpsc::Sender", || compile("actor_mpsc_send_twice", true))
        .check();
}

#[test]
fn sensor_handle_cannot_send_commands() {
    claim("actors.handles.sensor-cannot-command")
        .kind(Kind::CompileFail)
        .statement("Separate handle types let the compiler decide who may send what: a `SensorHandle` has no `set_target` method (E0599); a `PanelHandle` does.")
        .judges("002", "Actors with Tokio: multiple handle structs for one actor", "Several handle structs for one actor can enforce that some messages are only sent from some places.", "confirmed")
        .predicate("rustc rejects it with error E0599", |f| f.str("error codes") == "E0599")
        .subject("sensor.set_target(30) on a SensorHandle", || compile("actor_sensor_sets_target", false))
        .control("panel.set_target(30) on a PanelHandle", || compile("actor_panel_sets_target", true))
        .check();
}

#[test]
fn size_assertion_fails_the_build_when_a_type_grows() {
    claim("type-sizes.assert.grown-type-fails-build")
        .kind(Kind::CompileFail)
        .statement(
            "A compile-time `const _: () = assert!(size_of::<HotType>() <= 64);` fails the build (E0080) once a field pushes the type past 64 bytes.",
        )
        .judges(
            "002",
            "Type sizes",
            "A static assertion on the size of a hot type keeps it from growing by accident.",
            "confirmed: a const `assert!` does it, with no crate",
        )
        .judges(
            "002",
            "Type sizes",
            "Restricting the size assertion to x86_64 with a cfg attribute matters, because type sizes vary between platforms.",
            "partly true: the cfg-restricted assertion works on x86_64; other targets are not measured",
        )
        .predicate("rustc rejects it with error E0080", |f| f.str("error codes") == "E0080")
        .subject("HotType with an added Option<Box<str>> field (72 bytes) under a 64-byte assertion", || compile("size_hot_type_grown", false))
        .control("HotType without it (64 bytes) under the same assertion", || compile("size_hot_type_fits", true))
        .check();
}
