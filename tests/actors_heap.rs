//! Heap claims about actors, measured with dhat. One process, no test threads (`harness = false`):
//! dhat counts every allocation of the process, so nothing else may run while a measurement is taken.
//! The runtime and the actor are started, and warmed up, before each measurement; only the messages
//! are counted.

use proof::{claim, figures, FiguresExt, Kind, Measured, ProfileRecord};

#[allow(dead_code)]
#[path = "../examples/actor_basics.rs"]
mod actor_basics;
use actor_basics::TallyHandle;

const MESSAGES: u64 = 1_000;

/// Heap blocks and bytes for `MESSAGES` messages to a warmed-up tally actor on a current-thread
/// runtime: questions (`total()`, a oneshot reply each) or notes (`add(1)`, no reply).
fn per_message(questions: bool) -> Measured {
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let (tally, _task) = rt.block_on(async { TallyHandle::spawn() });
    // Warm-up: the channel's first blocks, the task's first poll, thread-locals.
    rt.block_on(async {
        for _ in 0..100 {
            tally.add(1).await;
            tally.total().await;
        }
    });
    let heap = proof::heap::measure(|| {
        rt.block_on(async {
            for _ in 0..MESSAGES {
                if questions {
                    tally.total().await;
                } else {
                    tally.add(1).await;
                }
            }
        })
    });
    let blocks = heap.u64("heap blocks allocated");
    let bytes = heap.u64("bytes allocated");
    Measured::new(
        ProfileRecord::cargo_test().with("runtime", "tokio current_thread"),
        figures! {
            "messages" => MESSAGES,
            "heap blocks allocated" => blocks,
            "bytes allocated" => bytes,
            "blocks per message" => blocks as f64 / MESSAGES as f64,
            "bytes per message" => bytes as f64 / MESSAGES as f64,
        },
    )
}

fn one_allocation_per_question() {
    claim("actors.cost.one-allocation-per-request")
        .kind(Kind::Heap)
        .statement("Once the actor runs, each request answered on a oneshot allocates exactly one heap block; a message without a reply does not.")
        .predicate("exactly one heap block per message", |f| f.u64("heap blocks allocated") == f.u64("messages"))
        .subject("1,000 total() calls: a oneshot reply each", || per_message(true))
        .control("1,000 add(1) calls: no reply", || per_message(false))
        .check();
}

proof::heap_checks!(one_allocation_per_question);
