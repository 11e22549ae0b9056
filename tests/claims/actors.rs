//! Behaviour claims about actors, run on Tokio's current-thread runtime with paused
//! time: no test waits on the wall clock for its verdict. Under paused time the
//! runtime moves the clock only when no task can make progress, so a `timeout` that
//! fires means "nothing could move any more" (a task that will never end, or a
//! deadlock), and it fires at once instead of after a real minute. The one exception
//! is `actors.runtime.parallel-on-worker-threads`, which is about threads and says so
//! where it waits.

use proof::margin::{self, Op};
use proof::{FiguresExt, Kind, Measured, ProfileRecord, claim, figures};
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::{Arc, Condvar, Mutex};
use std::task::Poll;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

#[allow(dead_code)]
#[path = "../../examples/actor_basics.rs"]
#[allow(clippy::duplicate_mod)] // the actor tests and the example binary share the listing
mod actor_basics;
use actor_basics::{Request, Tally, TallyHandle};

#[allow(dead_code)]
#[path = "../../examples/actor_recorder.rs"]
mod actor_recorder;
use actor_recorder::RecorderHandle;

#[allow(dead_code)]
#[path = "../../examples/actor_select.rs"]
mod actor_select;

#[allow(dead_code)]
#[path = "../../examples/actor_cycle.rs"]
mod actor_cycle;
use actor_cycle::Pass;

#[allow(dead_code)]
#[path = "../../examples/actor_chat.rs"]
mod actor_chat;

#[allow(dead_code)]
#[path = "../../examples/actor_executor.rs"]
mod actor_executor;

/// A virtual minute: under paused time, waiting this long costs no real time.
const PATIENCE: Duration = Duration::from_secs(60);

fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().start_paused(true).build().unwrap()
}

fn profile() -> ProfileRecord {
    ProfileRecord::cargo_test().with("runtime", "tokio current_thread, time paused")
}

/// Polls a future once: `Ready` if it completed on this poll, `Pending` if it would
/// have to wait.
async fn poll_once<F: Future>(mut f: Pin<&mut F>) -> Poll<F::Output> {
    std::future::poll_fn(|cx| Poll::Ready(f.as_mut().poll(cx))).await
}

/// Whether `task` ends within a virtual minute.
async fn ends<T>(task: impl Future<Output = T>) -> bool {
    tokio::time::timeout(PATIENCE, task).await.is_ok()
}

// ---------------------------------------------------------------------------------------------
// The recipe

/// Runs the actor, sends it work through two handles, drops the handles (or keeps one
/// when `keep_one_alive`), and reports whether its task has ended within one virtual
/// minute.
fn run_tally(keep_one_alive: bool) -> Measured {
    let figures = paused_runtime().block_on(async {
        let (tally, task) = TallyHandle::spawn();
        let other = tally.clone();
        tally.add(2).await;
        other.add(40).await;
        let total = tally.total().await;
        let kept = keep_one_alive.then(|| tally.clone());
        drop(tally);
        drop(other);
        let ended = ends(task).await;
        drop(kept);
        figures! { "total seen" => total, "handles kept alive" => if keep_one_alive { 1 } else { 0 }, "actor task ended" => ended }
    });
    Measured::new(profile(), figures)
}

#[test]
fn actor_stops_when_last_handle_drops() {
    claim("actors.shutdown.on-last-handle-drop")
        .kind(Kind::Behaviour)
        .statement("An actor looping on `while let Some(msg) = rx.recv().await` ends once every handle is dropped; one live handle keeps it running.")
        .judges(
            "002",
            "Actors with Tokio: shutdown",
            "When all senders are dropped, recv() returns None and the actor's loop, and so its task, ends.",
            "confirmed",
        )
        .judges("002", "Actors with Tokio: the recipe", "The handle is what keeps the actor alive.", "confirmed")
        .predicate("the actor's task has ended", |f| f.bool("actor task ended"))
        .subject("all handles dropped", || run_tally(false))
        .control("one handle clone kept alive", || run_tally(true))
        .check();
}

/// Two tasks add through two handles; a third reads the total. `shared`: the handles
/// are clones of one handle; otherwise each was made by its own `TallyHandle::spawn`.
fn clones_from_two_tasks(shared: bool) -> Measured {
    let figures = paused_runtime().block_on(async {
        let (first, _task) = TallyHandle::spawn();
        let second = if shared { first.clone() } else { TallyHandle::spawn().0 };
        let a = tokio::spawn({
            let h = first.clone();
            async move { h.add(2).await }
        });
        let b = tokio::spawn({
            let h = second.clone();
            async move { h.add(40).await }
        });
        a.await.unwrap();
        b.await.unwrap();
        let through_first = first.total().await;
        let through_second = second.total().await;
        figures! { "total read through handle 1" => through_first, "total read through handle 2" => through_second, "added in all" => 42 }
    });
    Measured::new(profile(), figures)
}

#[test]
fn handle_clones_share_one_actor() {
    claim("actors.recipe.clones-share-one-actor")
        .kind(Kind::Behaviour)
        .statement("Clones of an actor's handle reach the same actor: two tasks add through two clones, and both clones read the same total.")
        .judges(
            "002",
            "Actors with Tokio: introduction",
            "Actors can be built directly on Tokio, without an actor library, and doing so is easy.",
            "partly true: the book's actor is built from Tokio alone; how easy that is cannot be measured",
        )
        .judges(
            "002",
            "Actors with Tokio: introduction",
            "A common use of an actor is to own a resource exclusively and let other tasks reach it only by talking to the actor.",
            "confirmed: the tally's state is reached only through its messages",
        )
        .judges(
            "002",
            "Actors with Tokio: the recipe",
            "An actor has two parts: the spawned task that does the work and the handle the rest of the program talks to.",
            "confirmed",
        )
        .judges(
            "002",
            "Actors with Tokio: the recipe",
            "Because mpsc allows many producers, the handle can derive Clone and the actor can be reached from many places.",
            "confirmed",
        )
        .judges(
            "002",
            "Actors with Tokio: the recipe",
            "The message enum can be matched in a handle_message method or directly in the loop of the task's function.",
            "partly true: the match in the loop is shown; a handle_message method is not",
        )
        .predicate("both handles read the 42 added through both of them", |f| {
            f.u64("total read through handle 1") == 42 && f.u64("total read through handle 2") == 42
        })
        .subject("the second handle is a clone of the first", || clones_from_two_tasks(true))
        .control("the second handle comes from a second TallyHandle::spawn (two actors)", || clones_from_two_tasks(false))
        .check();
}

// ---------------------------------------------------------------------------------------------
// Replies

// ANCHOR: strict
/// The tally's loop written with `unwrap()` on the reply: a caller that stopped
/// waiting kills it.
async fn serve_unwrapping(mut tally: Tally) {
    while let Some(request) = tally.requests.recv().await {
        match request {
            Request::Add(n) => tally.total += n,
            Request::Total { reply } => reply.send(tally.total).unwrap(),
        }
    }
}
// ANCHOR_END: strict

/// A caller asks for the total and gives up before the answer (a `select!` whose
/// other branch is ready first). Then a second caller asks. `ignoring`: the book's
/// loop, which drops a failed reply.
fn caller_gone(ignoring: bool) -> Measured {
    let figures = paused_runtime().block_on(async {
        let (requests, inbox) = mpsc::channel(8);
        let tally = Tally { requests: inbox, total: 42 };
        let task = if ignoring { tokio::spawn(actor_basics::serve(tally)) } else { tokio::spawn(serve_unwrapping(tally)) };
        let handle_send = requests.clone();
        let impatient = async move {
            let (reply, answer) = oneshot::channel();
            let _ = handle_send.send(Request::Total { reply }).await;
            answer.await.ok()
        };
        // The caller's future is dropped while it waits: its oneshot receiver goes
        // with it.
        let gave_up = tokio::select! {
            biased;
            _ = impatient => false,
            _ = std::future::ready(()) => true,
        };
        let (reply, answer) = oneshot::channel();
        let _ = requests.send(Request::Total { reply }).await;
        let second = answer.await.ok();
        drop(requests);
        let outcome = task.await;
        figures! {
            "first caller gave up before the answer" => gave_up,
            "second caller's answer" => second.map_or("none (the actor is gone)".to_string(), |t| t.to_string()),
            "actor task panicked" => outcome.as_ref().is_err_and(|e| e.is_panic()),
        }
    });
    Measured::new(profile(), figures)
}

#[test]
fn reply_to_a_caller_that_left_is_ignored() {
    claim("actors.reply.caller-gone-is-ignored")
        .kind(Kind::Behaviour)
        .statement("When a caller drops its oneshot receiver, an actor that ignores `reply.send`'s error serves the next caller; one that unwraps it panics.")
        .judges("002", "Actors with Tokio: the recipe", "The actor ignores errors when sending the response (`let _ =`): sending fails when the caller is no longer interested, e.g. a select! cancelled its wait.", "confirmed")
        .predicate("the actor survives and answers the second caller", |f| {
            !f.bool("actor task panicked") && f.str("second caller's answer") == "42"
        })
        .subject("the recipe's loop: drop(reply.send(total))", || caller_gone(true))
        .control("the same loop with reply.send(total).unwrap()", || caller_gone(false))
        .check();
}

/// A caller's request when the actor is gone (`killed`: its task was aborted) or
/// alive: what `send` and the reply's `recv` return, and whether the reply's `recv`
/// waits. A second request is queued first and the actor killed after, to show the
/// queued request's oneshot is dropped with it.
fn request_to(killed: bool) -> Measured {
    let figures = paused_runtime().block_on(async {
        let (requests, inbox) = mpsc::channel(8);
        let task = tokio::spawn(actor_basics::serve(Tally { requests: inbox, total: 42 }));
        // A request queued before the actor is killed.
        let (queued_reply, queued_answer) = oneshot::channel();
        requests.send(Request::Total { reply: queued_reply }).await.unwrap();
        if killed {
            task.abort();
        }
        tokio::task::yield_now().await;
        let (reply, answer) = oneshot::channel();
        let send_failed = requests.send(Request::Total { reply }).await.is_err();
        let mut answer = pin!(answer);
        let recv = match poll_once(answer.as_mut()).await {
            Poll::Ready(Ok(t)) => format!("answer {t}"),
            Poll::Ready(Err(_)) => "error at once".to_string(),
            Poll::Pending => match answer.await {
                Ok(t) => format!("answer {t}"),
                Err(_) => "error".to_string(),
            },
        };
        let queued = match queued_answer.await {
            Ok(t) => format!("answer {t}"),
            Err(_) => "error".to_string(),
        };
        figures! { "send failed" => send_failed, "reply recv" => recv, "queued request's reply recv" => queued }
    });
    Measured::new(profile(), figures)
}

#[test]
fn failed_send_means_failed_reply() {
    claim("actors.reply.dead-actor-fails-fast")
        .kind(Kind::Behaviour)
        .statement("When the actor's task is gone, the handle's `send` fails and the reply's `recv` fails at once, as does a request already queued: no caller hangs.")
        .judges("002", "Actors with Tokio: the recipe", "The handle ignores a failed send because the recv.await that follows then fails too; there is no reason to check the same failure twice.", "confirmed")
        .judges("002", "Actors with Tokio: the recipe", "recv.await fails (and the handle's expect panics) when the actor task has been killed.", "confirmed")
        .predicate("the send failed and both replies failed without waiting", |f| {
            f.bool("send failed") && f.str("reply recv") == "error at once" && f.str("queued request's reply recv") == "error"
        })
        .subject("the actor's task aborted", || request_to(true))
        .control("the actor alive", || request_to(false))
        .check();
}

// ---------------------------------------------------------------------------------------------
// Messages without answers, backpressure, try_send

/// One note to the recorder, fire-and-forget (`record`) or confirmed
/// (`record_and_confirm`): how many notes the actor had taken when the call returned.
fn one_note(confirmed: bool) -> Measured {
    let figures = paused_runtime().block_on(async {
        let (recorder, _task) = RecorderHandle::spawn(8);
        if confirmed {
            recorder.record_and_confirm(7).await;
        } else {
            recorder.record(7).await;
        }
        figures! { "notes the actor had taken when the call returned" => recorder.taken() }
    });
    Measured::new(profile(), figures)
}

#[test]
fn send_without_reply_returns_before_handling() {
    claim("actors.messages.send-returns-before-handling")
        .kind(Kind::Behaviour)
        .statement("A message without a oneshot reply returns to its caller before the actor has taken it; a call that waits for a confirmation returns after.")
        .judges("002", "Actors with Tokio: no responses to messages", "Messages need not carry a oneshot; without one, sending returns before the message has been processed when the channel has room.", "confirmed")
        .predicate("the call returned before the actor took the note", |f| f.u64("notes the actor had taken when the call returned") == 0)
        .subject("record(7): no reply", || one_note(false))
        .control("record_and_confirm(7): waits for a oneshot confirmation", || one_note(true))
        .check();
}

/// Sends a burst of 100 notes to a recorder of the given capacity, one `send` after
/// the other, and finds the first send that cannot complete at once.
fn burst(capacity: usize) -> Measured {
    let figures = paused_runtime().block_on(async {
        let (recorder, _task) = RecorderHandle::spawn(capacity);
        let mut at_once = 0u64;
        let mut waited = None;
        for value in 0..100 {
            let mut send = pin!(recorder.record(value));
            if poll_once(send.as_mut()).await.is_ready() {
                at_once += 1;
                continue;
            }
            let taken_before = recorder.taken();
            send.await; // the runtime now runs the actor; this send completes once it has taken a note
            waited = Some((value + 1, taken_before, recorder.taken()));
            break;
        }
        let mut f = figures! {
            "channel capacity" => capacity,
            "burst" => 100,
            "sends that completed before the actor ran" => at_once,
            "a send had to wait" => waited.is_some(),
        };
        if let Some((nth, before, after)) = waited {
            f.extend(figures! {
                "the send that waited" => format!("send number {nth}"),
                "notes the actor had taken while it waited" => before,
                "notes the actor had taken when it completed" => after,
            });
        }
        f
    });
    Measured::new(profile(), figures)
}

#[test]
fn full_channel_makes_send_wait() {
    claim("actors.backpressure.send-waits-when-full")
        .kind(Kind::Behaviour)
        .statement("On a bounded channel of capacity N, N sends complete at once and the next one waits until the actor takes a message out.")
        .judges(
            "002",
            "Actors with Tokio: no responses to messages",
            "Use a bounded channel so that the number of waiting messages cannot grow without bound; sending then has to be async, to wait for room.",
            "confirmed",
        )
        .judges("002", "Actors with Tokio: the recipe", "The handle's channel is a bounded mpsc channel (capacity 8 in the example).", "confirmed")
        .predicate("the (N+1)-th send waited until the actor had taken a note", |f| {
            f.u64("sends that completed before the actor ran") == f.u64("channel capacity")
                && f.bool("a send had to wait")
                && f.u64("notes the actor had taken while it waited") == 0
                && margin::against(f, "notes the actor had taken when it completed", Op::Ge, 1.0)
        })
        .subject("a recorder with capacity 8", || burst(8))
        .control("a recorder with capacity 128, more than the burst", || burst(128))
        .check();
}

/// `try_record` 100 times; `keep_up`: yield to the runtime after each note, so the
/// actor takes it.
fn try_burst(keep_up: bool) -> Measured {
    let figures = paused_runtime().block_on(async {
        let (recorder, _task) = RecorderHandle::spawn(8);
        let mut accepted = 0u64;
        let mut first_error = None;
        for value in 0..100 {
            match recorder.try_record(value) {
                Ok(()) => accepted += 1,
                Err(e) => {
                    let kind = match e {
                        mpsc::error::TrySendError::Full(_) => "Full",
                        mpsc::error::TrySendError::Closed(_) => "Closed",
                    };
                    first_error.get_or_insert_with(|| format!("{kind}, at note {}", value + 1));
                }
            }
            if keep_up {
                tokio::task::yield_now().await;
            }
        }
        figures! {
            "channel capacity" => 8,
            "notes accepted" => accepted,
            "first error" => first_error.unwrap_or_else(|| "none".to_string()),
        }
    });
    Measured::new(profile(), figures)
}

#[test]
fn try_send_fails_when_full() {
    claim("actors.backpressure.try-send-full")
        .kind(Kind::Behaviour)
        .statement("`try_send` on a full bounded channel refuses the message with `Full` instead of waiting for room.")
        .judges(
            "002",
            "Actors with Tokio: no responses to messages",
            "Instead of an async send, use try_send and handle its failure (for example by killing the actor).",
            "confirmed",
        )
        .predicate("try_send refused a note with Full", |f| f.str("first error").starts_with("Full"))
        .subject("100 try_record calls in a row, the actor never given a turn", || try_burst(false))
        .control("100 try_record calls, yielding to the runtime after each", || try_burst(true))
        .check();
}

/// A connection's writer (the chat example's) with room for 4 lines is offered 5.
/// `keep_up`: the router side yields after each line, so the writer writes it. When a
/// line is refused, the router side closes the connection, as the chat router does.
/// The client reads what arrives.
fn slow_connection(keep_up: bool) -> Measured {
    use tokio::io::AsyncBufReadExt;
    let figures = paused_runtime().block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let client = tokio::net::TcpStream::connect(listener.local_addr().unwrap()).await.unwrap();
        let (server_side, _) = listener.accept().await.unwrap();
        let (_server_read, server_write) = server_side.into_split();
        let (writer, writer_task) = actor_chat::WriterHandle::spawn(server_write, 4);
        let mut refused = 0u64;
        let mut writer = Some(writer);
        for n in 0..5 {
            if let Some(w) = &writer
                && !w.try_deliver(&format!("line {n}\n"))
            {
                refused += 1;
                writer.take().unwrap().close();
            }
            if keep_up {
                tokio::task::yield_now().await;
            }
        }
        let (client_read, _client_write) = client.into_split();
        let mut lines = tokio::io::BufReader::new(client_read).lines();
        let mut received = 0u64;
        let mut eof = false;
        while received < 5 {
            match lines.next_line().await {
                Ok(Some(_)) => received += 1,
                _ => {
                    eof = true;
                    break;
                }
            }
        }
        figures! {
            "lines offered" => 5,
            "writer capacity" => 4,
            "lines refused" => refused,
            "lines the client received" => received,
            "client saw the connection close" => eof,
            "writer task still running" => !writer_task.is_finished(),
        }
    });
    Measured::new(profile(), figures)
}

#[test]
fn lagging_connection_is_closed() {
    claim("actors.backpressure.close-slow-connection")
        .kind(Kind::Behaviour)
        .statement("A writer actor fed with `try_send` refuses a line its connection cannot keep up with; the sender then closes it and the client reads end-of-file.")
        .judges("002", "Actors with Tokio: no responses to messages", "An actor that forwards messages into a TcpStream can be fed with try_send and simply close the connection when writing cannot keep up.", "confirmed")
        .judges("002", "Actors with Tokio: multiple actors sharing a handle", "With a writer task, the rest of the program can treat a write to the connection as instant; the actual write happens later.", "partly true: handing a line over never waits (try_send); when the write happens is not timed")
        .predicate("a line was refused and the client saw the connection close", |f| {
            margin::against(f, "lines refused", Op::Ge, 1.0) && f.bool("client saw the connection close")
        })
        .subject("5 lines offered in a row to a writer with room for 4", || slow_connection(false))
        .control("5 lines offered, the writer given a turn after each", || slow_connection(true))
        .check();
}

// ---------------------------------------------------------------------------------------------
// select! over two channels

// ANCHOR: naive_select
/// The thermostat's loop without the `Some(…)` pattern on the command branch: a
/// closed channel's `recv` returns `None` at once, every time, so that branch is
/// always ready. (`biased` polls the branches in order, which makes the count
/// repeatable; the loop gives up after 1,000 turns.)
async fn regulate_without_pattern(mut commands: mpsc::Receiver<actor_select::Command>, mut readings: mpsc::Receiver<i32>, expect: u64) -> (u64, u64) {
    let (mut handled, mut woken_by_none) = (0, 0);
    while handled < expect && woken_by_none < 1_000 {
        tokio::select! {
            biased;
            command = commands.recv() => match command {
                Some(_) => {}
                None => woken_by_none += 1,
            },
            Some(_) = readings.recv() => handled += 1,
        }
    }
    (handled, woken_by_none)
}
// ANCHOR_END: naive_select

/// The panel's channel is closed; the sensor sends 3 readings, yielding after each.
fn closed_branch(with_pattern: bool) -> Measured {
    let figures = paused_runtime().block_on(async {
        let (handled, woken_by_none) = if with_pattern {
            let (sensor, panel, task) = actor_select::spawn();
            drop(panel);
            for c in [19, 20, 21] {
                sensor.reading(c).await;
                tokio::task::yield_now().await;
            }
            drop(sensor);
            let report = task.await.unwrap();
            (report.readings, report.turns - report.readings)
        } else {
            let (readings, reading_inbox) = mpsc::channel(8);
            let (commands, command_inbox) = mpsc::channel(8);
            drop(commands);
            let task = tokio::spawn(regulate_without_pattern(command_inbox, reading_inbox, 3));
            for c in [19, 20, 21] {
                readings.send(c).await.unwrap();
                tokio::task::yield_now().await;
            }
            task.await.unwrap()
        };
        figures! { "readings handled" => handled, "loop turns woken by the closed channel" => woken_by_none }
    });
    Measured::new(profile(), figures)
}

#[test]
fn closed_channel_branch_is_disabled() {
    claim("actors.select.closed-branch-disabled")
        .kind(Kind::Behaviour)
        .statement("In `tokio::select!`, a `Some(msg) = rx.recv()` branch is disabled once its channel closes; a branch that accepts `None` keeps waking the loop.")
        .judges("002", "Actors with Tokio: multiple handle structs for one actor", "A closed channel's recv returns None immediately; with the Some(msg) pattern in select!, a closed channel's branch is disabled and the other channel is still received from.", "confirmed")
        .predicate("the closed channel never woke the loop, and all 3 readings were handled", |f| {
            f.u64("loop turns woken by the closed channel") == 0 && f.u64("readings handled") == 3
        })
        .subject("the thermostat's loop: Some(command) = commands.recv()", || closed_branch(true))
        .control("command = commands.recv(), None handled in the branch", || closed_branch(false))
        .check();
}

/// Drops the panel's handle, and the sensor's too unless `keep_sensor`; does the loop
/// end?
fn both_closed(keep_sensor: bool) -> Measured {
    let figures = paused_runtime().block_on(async {
        let (sensor, panel, task) = actor_select::spawn();
        panel.set_target(22).await;
        sensor.reading(19).await;
        // Let the actor take both before asking: `select!` picks among ready branches at random,
        // and the report must not depend on that order.
        tokio::task::yield_now().await;
        let report = panel.report().await;
        drop(panel);
        let kept = keep_sensor.then_some(sensor);
        let ended = ends(task).await;
        drop(kept);
        figures! {
            "both handle types reached the actor" => report.target == 22 && report.last_reading == Some(19),
            "open channels" => if keep_sensor { 1 } else { 0 },
            "actor's loop ended" => ended,
        }
    });
    Measured::new(profile(), figures)
}

#[test]
fn else_branch_runs_when_both_channels_close() {
    claim("actors.select.else-when-all-closed")
        .kind(Kind::Behaviour)
        .statement("An actor selecting over two channels with `Some(…)` patterns leaves its loop through `else => break` once both channels close, not before.")
        .judges("002", "Actors with Tokio: multiple handle structs for one actor", "An actor with separate channels for its handle types can receive from all of them with tokio::select!.", "confirmed")
        .judges("002", "Actors with Tokio: multiple handle structs for one actor", "When both channels are closed, select!'s else branch runs and its break ends the loop.", "confirmed")
        .predicate("the actor's loop ended", |f| f.bool("actor's loop ended"))
        .subject("both handles dropped", || both_closed(false))
        .control("the panel's handle dropped, a sensor handle kept", || both_closed(true))
        .check();
}

// ---------------------------------------------------------------------------------------------
// Actors talking to actors, and cycles

/// Passes 3 batons of 4 hops through the pair, drops the outside's handle, then asks
/// whether both relays end.
fn after_outside_leaves(make: fn() -> actor_cycle::Pair) -> Measured {
    let figures = paused_runtime().block_on(async move {
        let mut pair = make();
        let run = actor_cycle::run_batons(&mut pair, 3, 4, PATIENCE).await;
        drop(pair.entry);
        let a_ended = ends(pair.a).await;
        let b_ended = ends(pair.b).await;
        figures! { "batons finished" => run.finished, "relay A ended" => a_ended, "relay B ended" => b_ended }
    });
    Measured::new(profile(), figures)
}

#[test]
fn cycle_of_handles_keeps_actors_alive() {
    claim("actors.cycle.handles-keep-ring-alive")
        .kind(Kind::Behaviour)
        .statement("Two actors that hold each other's handles keep running after the outside drops its handle; two actors in a chain both end.")
        .judges(
            "002",
            "Actors with Tokio: actors sending messages to other actors",
            "Actors may send messages to other actors: give one actor the handle of another.",
            "confirmed",
        )
        .judges(
            "002",
            "Actors with Tokio: actors sending messages to other actors",
            "Actors that form a cycle hold each other's handles, so the last sender is never dropped and shutdown never happens.",
            "confirmed",
        )
        .predicate("neither relay ended after the outside's handle was dropped", |f| !f.bool("relay A ended") && !f.bool("relay B ended"))
        .subject("a ring: A holds B's sender, B holds A's", || after_outside_leaves(|| actor_cycle::ring(1, Pass::Wait)))
        .control("a chain: A holds B's sender, B is the end of the line", || after_outside_leaves(|| actor_cycle::chain(1)))
        .check();
}

#[test]
fn select_on_outside_channel_breaks_the_ring() {
    claim("actors.cycle.select-exit-breaks-ring")
        .kind(Kind::Behaviour)
        .statement(
            "Giving one actor of a ring its own channel for the outside, and a `select!` branch that breaks on its `None`, lets both actors stop.",
        )
        .judges(
            "002",
            "Actors with Tokio: actors sending messages to other actors",
            "To shut a cycle down, give one actor two channels and a select! that breaks when the first returns None.",
            "confirmed",
        )
        .judges(
            "002",
            "Actors with Tokio: actors sending messages to other actors",
            "That loop always exits when the first channel is closed, even if the second is still open, which breaks the cycle.",
            "confirmed",
        )
        .predicate("both relays ended after the outside's handle was dropped", |f| f.bool("relay A ended") && f.bool("relay B ended"))
        .subject("relay A = relay_with_exit: the outside on its own channel, None => break", || {
            after_outside_leaves(|| actor_cycle::ring_with_exit(1))
        })
        .control("the plain ring: the outside shares A's inbox with B", || after_outside_leaves(|| actor_cycle::ring(1, Pass::Wait)))
        .check();
}

/// Runs `batons` batons of 10 hops through a pair built by `make` (on the runtime
/// that will drive it), and reports the run. `abort_a`: after the run gives up, abort
/// relay A and see what ends.
fn ring_run(make: fn() -> actor_cycle::Pair, batons: u64, abort_a: bool) -> Measured {
    let rt = paused_runtime();
    let figures = rt.block_on(async move {
        let mut pair = make();
        let run = actor_cycle::run_batons(&mut pair, batons, 10, PATIENCE).await;
        let mut f = figures! {
            "batons put in" => batons,
            "batons that got into the ring" => run.injected,
            "batons finished" => run.finished,
            "batons lost" => run.lost,
            "every baton accounted for" => run.completed,
        };
        if abort_a {
            pair.a.abort();
        }
        let a_ended = ends(pair.a).await;
        let b_ended = ends(pair.b).await;
        f.extend(figures! { "relay A aborted" => abort_a, "relay A ended" => a_ended, "relay B ended" => b_ended });
        f
    });
    Measured::new(profile(), figures)
}

#[test]
fn bounded_ring_deadlocks() {
    claim("actors.cycle.bounded-ring-deadlocks")
        .kind(Kind::Behaviour)
        .statement("Two actors passing messages over bounded channels of capacity 1 deadlock with four batons in the ring; three batons go round and finish.")
        .judges("002", "Actors with Tokio: beware of cycles", "A cycle of actors can deadlock: each waits for the next to receive a message, which waits for its own next, and so on.", "confirmed")
        .judges("002", "Actors with Tokio: beware of cycles", "The cause is a cycle of bounded channels, whose send does not return immediately.", "confirmed")
        .predicate("the ring deadlocked: no baton finished and both relays are stuck", |f| {
            !f.bool("every baton accounted for") && f.u64("batons finished") == 0 && !f.bool("relay A ended") && !f.bool("relay B ended")
        })
        .subject("a ring of capacity 1, 4 batons of 10 hops", || ring_run(|| actor_cycle::ring(1, Pass::Wait), 4, false))
        .control("the same ring, 3 batons of 10 hops", || ring_run(|| actor_cycle::ring(1, Pass::Wait), 3, false))
        .check();
}

#[test]
fn abort_ends_a_deadlocked_ring() {
    claim("actors.cycle.abort-ends-deadlock")
        .kind(Kind::Behaviour)
        .statement("Aborting one actor of a deadlocked two-actor ring ends both actors' tasks.")
        .judges(
            "002",
            "Actors with Tokio: actors sending messages to other actors",
            "Alternatively, call abort on one of the actors in the cycle.",
            "confirmed",
        )
        .predicate("both relays ended", |f| f.bool("relay A ended") && f.bool("relay B ended"))
        .subject("the deadlocked ring (capacity 1, 4 batons), then relay A aborted", || ring_run(|| actor_cycle::ring(1, Pass::Wait), 4, true))
        .control("the deadlocked ring, left alone", || ring_run(|| actor_cycle::ring(1, Pass::Wait), 4, false))
        .check();
}

#[test]
fn try_send_edge_cannot_deadlock() {
    claim("actors.cycle.try-send-cannot-deadlock")
        .kind(Kind::Behaviour)
        .statement("A ring in which one relay passes messages on with `try_send` does not deadlock: every baton finishes or is lost.")
        .judges(
            "002",
            "Actors with Tokio: beware of cycles",
            "A channel used with try_send rather than send cannot be part of a deadlocked cycle.",
            "confirmed: four batons, which deadlock the same ring with send, are all finished or lost",
        )
        .judges(
            "002",
            "Actors with Tokio: beware of cycles",
            "Channels whose send always returns immediately do not count in such a cycle.",
            "confirmed",
        )
        .predicate("every baton was finished or lost: the ring did not deadlock", |f| f.bool("every baton accounted for"))
        .subject("ring of capacity 1, 4 batons, relay B uses try_send", || ring_run(|| actor_cycle::ring(1, Pass::DropWhenFull), 4, false))
        .control("the same ring, relay B uses send().await", || ring_run(|| actor_cycle::ring(1, Pass::Wait), 4, false))
        .check();
}

#[test]
fn oneshot_edge_cannot_deadlock() {
    claim("actors.cycle.oneshot-cannot-deadlock")
        .kind(Kind::Behaviour)
        .statement("A ring whose way back is a oneshot reply does not deadlock: the four batons that deadlock the bounded ring all finish.")
        .judges(
            "002",
            "Actors with Tokio: beware of cycles",
            "A oneshot channel cannot be part of a deadlocked cycle, since its send always returns immediately.",
            "confirmed",
        )
        .predicate("all 4 batons finished", |f| f.bool("every baton accounted for") && f.u64("batons finished") == 4)
        .subject("A asks B over a bounded channel, B answers on a oneshot", || ring_run(|| actor_cycle::ring_with_replies(1), 4, false))
        .control("B passes back over a bounded channel with send().await", || ring_run(|| actor_cycle::ring(1, Pass::Wait), 4, false))
        .check();
}

// ---------------------------------------------------------------------------------------------
// Where the findings stop: a sender held by the actor itself, `biased;`, the ring's capacity

// ANCHOR: self_sender
/// How the tally actor keeps a way to send itself messages (work it schedules for later).
pub enum ToItself {
    Sender(mpsc::Sender<Request>),
    Weak(mpsc::WeakSender<Request>),
}

/// The recipe's loop, plus a sender to its own inbox: on its first message, the actor
/// sends itself `Add(100)`.
async fn serve_with_self_sender(mut tally: Tally, me: ToItself) {
    let mut scheduled = false;
    while let Some(request) = tally.requests.recv().await {
        if !scheduled {
            scheduled = true;
            let me = match &me {
                ToItself::Sender(tx) => Some(tx.clone()),
                ToItself::Weak(weak) => weak.upgrade(), // None once every handle is gone
            };
            if let Some(me) = me {
                let _ = me.try_send(Request::Add(100));
            }
        }
        match request {
            Request::Add(n) => tally.total += n,
            Request::Total { reply } => drop(reply.send(tally.total)),
        }
    }
}
// ANCHOR_END: self_sender

/// The actor keeps a sender to itself (`weak`: a `WeakSender`); the outside adds 2 and
/// 40, reads the total, and drops its only handle. Does the task end?
fn self_sender(weak: bool) -> Measured {
    let figures = paused_runtime().block_on(async {
        let (requests, inbox) = mpsc::channel(8);
        let me = if weak { ToItself::Weak(requests.downgrade()) } else { ToItself::Sender(requests.clone()) };
        let task = tokio::spawn(serve_with_self_sender(Tally { requests: inbox, total: 0 }, me));
        let handle = requests;
        handle.send(Request::Add(2)).await.unwrap();
        handle.send(Request::Add(40)).await.unwrap();
        tokio::task::yield_now().await;
        let (reply, answer) = oneshot::channel();
        handle.send(Request::Total { reply }).await.unwrap();
        let total = answer.await.unwrap();
        drop(handle);
        let ended = ends(task).await;
        figures! {
            "total seen (2 + 40 from outside, 100 the actor sent itself)" => total,
            "outside handles left" => 0,
            "actor task ended" => ended,
        }
    });
    let kept = if weak { "mpsc::WeakSender to its own inbox" } else { "mpsc::Sender to its own inbox" };
    Measured::new(profile().with("the actor keeps", kept), figures)
}

#[test]
fn sender_to_itself_keeps_actor_alive() {
    claim("actors.shutdown.self-sender-keeps-alive")
        .kind(Kind::Behaviour)
        .statement("An actor holding a `WeakSender` to its own inbox still ends when the last outside handle drops; holding a `Sender` to itself, it never does.")
        .predicate("the actor's task ended after the last outside handle dropped", |f| f.bool("actor task ended"))
        .subject("the actor keeps mpsc::WeakSender (upgraded when used)", || self_sender(true))
        .control("the actor keeps a clone of mpsc::Sender", || self_sender(false))
        .check();
}

/// 100 readings are queued, then one command; then the actor runs a `biased;` select!
/// loop with the readings branch first (`readings_first`) or the commands branch first.
/// How many readings did it handle before the command?
fn biased_order(readings_first: bool) -> Measured {
    let figures = paused_runtime().block_on(async {
        let (readings, mut reading_inbox) = mpsc::channel::<i32>(128);
        let (commands, mut command_inbox) = mpsc::channel::<actor_select::Command>(8);
        for c in 0..100 {
            readings.send(c).await.unwrap();
        }
        commands.send(actor_select::Command::SetTarget(22)).await.unwrap();
        drop((readings, commands));
        let task = tokio::spawn(async move {
            let (mut handled, mut before_command) = (0u64, None);
            loop {
                let command = if readings_first {
                    tokio::select! {
                        biased;
                        Some(_) = reading_inbox.recv() => false,
                        Some(_) = command_inbox.recv() => true,
                        else => break,
                    }
                } else {
                    tokio::select! {
                        biased;
                        Some(_) = command_inbox.recv() => true,
                        Some(_) = reading_inbox.recv() => false,
                        else => break,
                    }
                };
                if command {
                    before_command.get_or_insert(handled);
                } else {
                    handled += 1;
                }
            }
            (handled, before_command.unwrap())
        });
        let (handled, before) = task.await.unwrap();
        figures! {
            "readings queued before the command" => 100,
            "readings handled in all" => handled,
            "readings handled before the command" => before,
        }
    });
    let order = if readings_first { "biased; readings branch first" } else { "biased; commands branch first" };
    Measured::new(profile().with("select!", order), figures)
}

#[test]
fn biased_select_drains_its_first_branch() {
    claim("actors.select.biased-first-branch-first")
        .kind(Kind::Behaviour)
        .statement(
            "With `biased;`, a `select!` loop takes all 100 readings queued on its first branch before a command waiting on its second branch.",
        )
        .predicate("the command was handled after all 100 readings", |f| f.u64("readings handled before the command") == 100)
        .subject("biased; the readings branch first", || biased_order(true))
        .control("biased; the commands branch first", || biased_order(false))
        .check();
}

/// The capacities of the ring series.
const RING_CAPACITIES: [usize; 4] = [1, 2, 4, 8];

/// For each capacity C, the fewest batons of `hops` hops that deadlock a two-relay ring
/// whose relays both pass on with `send(…).await` (tried from 1 to 4C + 4; 0 = none did).
fn deadlock_threshold(hops: u32) -> Measured {
    let mut f = figures! { "hops per baton" => hops };
    for capacity in RING_CAPACITIES {
        let most = 4 * capacity as u64 + 4;
        let fewest = (1..=most)
            .find(|&batons| {
                let run = paused_runtime().block_on(async {
                    let mut pair = actor_cycle::ring(capacity, Pass::Wait);
                    let run = actor_cycle::run_batons(&mut pair, batons, hops, PATIENCE).await;
                    pair.a.abort();
                    pair.b.abort();
                    run
                });
                !run.completed
            })
            .unwrap_or(0);
        f.extend(figures! {
            format!("capacity {capacity}: fewest batons that deadlock (0 = none up to 4C + 4)") => fewest,
            format!("capacity {capacity}: 2C + 2") => 2 * capacity as u64 + 2,
        });
    }
    Measured::new(profile().with("ring", format!("two relays, send().await both ways, batons of {hops} hops")), f)
}

#[test]
fn ring_deadlock_threshold_by_capacity() {
    claim("actors.cycle.deadlock-threshold-by-capacity")
        .kind(Kind::Behaviour)
        .statement("With batons of 100 hops, a two-relay ring of capacity C = 1, 2, 4 or 8 first deadlocks at 2C + 2 batons; with batons of 10 hops, not at every capacity.")
        .predicate("at each capacity, the fewest batons that deadlock the ring are 2C + 2", |f| {
            RING_CAPACITIES.iter().all(|c| margin::equal(f, &format!("capacity {c}: fewest batons that deadlock (0 = none up to 4C + 4)"), &format!("capacity {c}: 2C + 2")))
        })
        .subject("batons of 100 hops, capacities 1, 2, 4, 8, from 1 to 4C + 4 batons", || deadlock_threshold(100))
        .control("batons of 10 hops, the same capacities and counts", || deadlock_threshold(10))
        .check();
}

// ---------------------------------------------------------------------------------------------
// Runtimes

/// The tally actor and a caller on the std-only executor; `timer`: the caller uses
/// tokio::time.
fn on_std_executor(timer: bool) -> Measured {
    let outcome = std::panic::catch_unwind(|| actor_executor::block_on(actor_executor::session(timer)));
    let figures = match outcome {
        Ok(total) => figures! { "total" => total.to_string(), "panic" => "none" },
        Err(e) => {
            let msg = e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default();
            figures! { "total" => "none", "panic" => msg }
        }
    };
    Measured::new(ProfileRecord::cargo_test().with("runtime", "none: a block_on made of std::thread::park"), figures)
}

#[test]
fn channels_need_no_tokio_runtime() {
    claim("actors.runtime.channels-need-no-runtime")
        .kind(Kind::Behaviour)
        .statement("An actor and its callers that use only `tokio::sync` channels run under a plain `std::thread::park` executor; Tokio's timers panic there.")
        .judges("002", "Actors with Tokio: introduction", "The techniques should work with any executor.", "partly true: Tokio's channels work under another executor; Tokio's timers panic there")
        .predicate("the caller got the total 42 without panicking", |f| f.str("total") == "42" && f.str("panic") == "none")
        .subject("serve() and a caller, joined, on the std-only executor", || on_std_executor(false))
        .control("the same, the caller awaiting its answer under tokio::time::timeout", || on_std_executor(true))
        .check();
}

/// How long a handler below waits for the other one: only a bound. On a multi-thread runtime the
/// other handler arrives in microseconds, so the bound is generous; on a single thread it can never
/// arrive, whatever the wait, so the control waits briefly (a longer wait would change nothing but
/// the suite's time).
const RENDEZVOUS_PATIENCE: Duration = Duration::from_secs(60);
const SINGLE_THREAD_PATIENCE: Duration = Duration::from_millis(250);

/// Two actors, one message each. Each handler blocks its thread until the other
/// handler is running too, or until the patience is over; it answers whether they
/// met.
fn two_actors_at_once(worker_threads: Option<usize>) -> Measured {
    let patience = if worker_threads.is_some() { RENDEZVOUS_PATIENCE } else { SINGLE_THREAD_PATIENCE };
    let rt = match worker_threads {
        Some(n) => tokio::runtime::Builder::new_multi_thread().worker_threads(n).build().unwrap(),
        None => tokio::runtime::Builder::new_current_thread().build().unwrap(),
    };
    // (handlers that have entered, whether one gave up waiting)
    let rendezvous = Arc::new((Mutex::new((0u32, false)), Condvar::new()));
    let met = rt.block_on(async {
        let mut answers = Vec::new();
        for _ in 0..2 {
            let (tx, mut rx) = mpsc::channel::<oneshot::Sender<bool>>(1);
            let rendezvous = rendezvous.clone();
            tokio::spawn(async move {
                while let Some(reply) = rx.recv().await {
                    let (state, changed) = &*rendezvous;
                    let mut state = state.lock().unwrap();
                    state.0 += 1;
                    changed.notify_all();
                    // Blocks this worker thread (on purpose) until the other handler
                    // has entered.
                    let (mut state, _) = changed.wait_timeout_while(state, patience, |s| s.0 < 2 && !s.1).unwrap();
                    if state.0 < 2 {
                        state.1 = true; // gave up: the other handler could not run meanwhile
                    }
                    let met = state.0 == 2 && !state.1;
                    drop(state);
                    let _ = reply.send(met);
                }
            });
            let (reply, answer) = oneshot::channel();
            tx.send(reply).await.unwrap();
            answers.push((tx, answer));
        }
        let mut met = 0u64;
        for (_tx, answer) in answers {
            met += answer.await.unwrap() as u64;
        }
        met
    });
    let runtime = match worker_threads {
        Some(n) => format!("tokio multi_thread, {n} worker threads"),
        None => "tokio current_thread".to_string(),
    };
    Measured::new(
        ProfileRecord::cargo_test().with("runtime", runtime),
        figures! { "handlers that saw the other handler running at the same time" => met },
    )
}

#[test]
fn actors_run_in_parallel_on_worker_threads() {
    claim("actors.runtime.parallel-on-worker-threads")
        .kind(Kind::Behaviour)
        .statement("Two actors handle messages at the same moment on a multi-thread runtime with two worker threads; on the current-thread runtime they take turns.")
        .judges("002", "Actors with Tokio: introduction", "Each actor runs independently, so programs built from actors are naturally parallel.", "partly true: only when the runtime has more than one worker thread")
        .predicate("both handlers ran at the same time", |f| f.u64("handlers that saw the other handler running at the same time") == 2)
        .subject("multi-thread runtime, 2 worker threads", || two_actors_at_once(Some(2)))
        .control("current-thread runtime", || two_actors_at_once(None))
        .check();
}

// ---------------------------------------------------------------------------------------------
// The complete example

/// Runs the chat server with 4 clients of 5 lines each. `one_stays`: the last client
/// keeps its connection open after it has heard everyone. Then: does the server end
/// by itself?
fn chat(one_stays: bool) -> Measured {
    use actor_chat::{CLIENTS, LINES_EACH, WRITER_CAPACITY, client, serve};
    let figures = paused_runtime().block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(serve(listener, CLIENTS, WRITER_CAPACITY));
        let everyone = Arc::new(tokio::sync::Barrier::new(CLIENTS as usize));
        let expect = (CLIENTS - 1) * LINES_EACH;
        let (release, stay) = oneshot::channel();
        let mut stay = one_stays.then_some(stay);
        let clients: Vec<_> = (0..CLIENTS)
            .map(|n| {
                let stay_until = if n == CLIENTS - 1 { stay.take() } else { None };
                tokio::spawn(client(addr, everyone.clone(), LINES_EACH, expect, stay_until))
            })
            .collect();
        // The clients that leave finish; the one that stays is still waiting for its
        // signal.
        let mut reports = Vec::new();
        let mut staying = None;
        for c in clients {
            if one_stays && reports.len() == CLIENTS as usize - 1 {
                staying = Some(c);
                break;
            }
            reports.push(c.await.unwrap());
        }
        let mut server = server;
        let finished = tokio::time::timeout(PATIENCE, &mut server).await.ok();
        let ended = finished.is_some();
        let _ = release.send(());
        if let Some(c) = staying {
            reports.push(c.await.unwrap());
        }
        let router = match finished {
            Some(report) => report.unwrap(),
            None => server.await.unwrap(),
        };
        figures! {
            "clients" => CLIENTS,
            "lines each client said" => LINES_EACH,
            "clients welcomed" => reports.iter().filter(|r| r.welcomed).count(),
            "fewest lines a client heard" => reports.iter().map(|r| r.lines_heard).min().unwrap(),
            "most lines a client heard" => reports.iter().map(|r| r.lines_heard).max().unwrap(),
            "lines routed" => router.lines_routed,
            "deliveries" => router.deliveries,
            "connections closed for lagging" => router.closed_for_lagging,
            "server ended by itself once the clients were done" => ended,
        }
    });
    Measured::new(profile().with("network", "127.0.0.1 loopback, port 0"), figures)
}

#[test]
fn chat_example_stops_by_itself() {
    claim("actors.example.chat-stops-by-itself")
        .kind(Kind::Behaviour)
        .statement("The chat example delivers every client's lines to every other client, and the server returns by itself once every client has left.")
        .judges("002", "Actors with Tokio: introduction", "A chat server can spawn a task per connection and a master task that routes messages between them; the master never deals with network I/O and the connection tasks deal only with I/O.", "confirmed")
        .judges("002", "Actors with Tokio: multiple actors sharing a handle", "A connection gets two tasks, one reading (forwarding what it reads to another actor) and one writing (forwarding what it is sent to the connection).", "confirmed")
        .predicate("every client heard all 15 lines of the others, and the server ended by itself", |f| {
            f.u64("fewest lines a client heard") == 15 && f.u64("most lines a client heard") == 15 && f.bool("server ended by itself once the clients were done")
        })
        .subject("4 clients, all leave", || chat(false))
        .control("4 clients, the last one stays connected", || chat(true))
        .check();
}

mod cost;
