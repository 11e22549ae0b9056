//! Behaviour claims about the actor example, run on Tokio's current-thread runtime with paused time:
//! no test waits on the wall clock.

use proof::{claim, figures, FiguresExt, Kind, Measured, ProfileRecord};
use std::time::Duration;

#[allow(dead_code)]
#[path = "../examples/actor_basics.rs"]
mod actor_basics;
use actor_basics::TallyHandle;

/// Runs the actor, sends it work through two handles, drops the handles (or keeps one when
/// `keep_one_alive`), and reports whether its task has ended within one virtual minute.
fn run_tally(keep_one_alive: bool) -> Measured {
    let rt = tokio::runtime::Builder::new_current_thread().enable_time().start_paused(true).build().unwrap();
    let figures = rt.block_on(async {
        let (tally, task) = TallyHandle::spawn();
        let other = tally.clone();
        tally.add(2).await;
        other.add(40).await;
        let total = tally.total().await;
        let kept = keep_one_alive.then(|| tally.clone());
        drop(tally);
        drop(other);
        // With time paused, the runtime jumps the clock forward as soon as every task is idle, so a
        // task that will never end makes this timeout fire at once instead of after a real minute.
        let ended = tokio::time::timeout(Duration::from_secs(60), task).await.is_ok();
        drop(kept);
        figures! { "total seen" => total, "handles kept alive" => if keep_one_alive { 1 } else { 0 }, "actor task ended" => ended }
    });
    Measured::new(ProfileRecord::cargo_test().with("runtime", "tokio current_thread, time paused"), figures)
}

#[test]
fn actor_stops_when_last_handle_drops() {
    claim("actors.shutdown.on-last-handle-drop")
        .kind(Kind::Behaviour)
        .statement("An actor whose loop is `while let Some(msg) = rx.recv().await` ends by itself once every handle (every Sender) has been dropped.")
        .judges("002", "Actors with Tokio: shutdown", "When all senders are dropped, recv() returns None and the actor's loop, and so its task, ends.", "confirmed")
        .predicate("the actor's task has ended", |f| f.bool("actor task ended"))
        .subject("all handles dropped", || run_tally(false))
        .control("one handle clone kept alive", || run_tally(true))
        .check();
}
