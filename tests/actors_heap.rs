//! Heap claims about actors, measured with dhat. One process, no test threads (`harness = false`):
//! dhat counts every allocation of the process, so nothing else may run while a measurement is taken.
//! The runtime and the actor are started, and warmed up, before each measurement; only the messages
//! are counted.

use proof::margin::{self, Op};
use proof::{FiguresExt, Kind, Measured, ProfileRecord, claim, figures};

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

// ---------------------------------------------------------------------------------------------
// Where the findings stop: the channel's capacity, an unbounded channel, the reply channel's type

/// A message of 64 bytes, stored inline in the channel (no heap of its own).
#[derive(Clone, Copy)]
struct Reading([u64; 8]);

const _: () = assert!(std::mem::size_of::<Reading>() == 64);

/// Heap taken by a bounded `mpsc` channel of each capacity, created and filled with that many
/// 64-byte messages (`try_send`, no runtime needed): one figure pair per capacity, and the smallest
/// and largest byte counts of the series.
fn full_channels(capacities: &[usize]) -> Measured {
    let mut f = figures! { "message size (bytes)" => std::mem::size_of::<Reading>() };
    let mut bytes = Vec::new();
    for &capacity in capacities {
        let heap = proof::heap::measure(|| {
            let (tx, rx) = tokio::sync::mpsc::channel::<Reading>(capacity);
            for i in 0..capacity {
                tx.try_send(Reading([i as u64; 8])).unwrap_or_else(|_| panic!("room for {capacity}"));
            }
            (tx, rx)
        });
        bytes.push(heap.u64("bytes allocated"));
        f.extend(figures! {
            format!("capacity {capacity}: heap blocks") => heap.u64("heap blocks allocated"),
            format!("capacity {capacity}: bytes") => heap.u64("bytes allocated"),
        });
    }
    f.extend(figures! {
        "capacities" => capacities.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", "),
        "fewest bytes in the series" => *bytes.iter().min().unwrap(),
        "most bytes in the series" => *bytes.iter().max().unwrap(),
    });
    Measured::new(ProfileRecord::cargo_test().with("channel", "tokio::sync::mpsc::channel, 64-byte messages"), f)
}

fn full_channel_memory_by_capacity() {
    claim("actors.heap.channel-memory-by-capacity")
        .kind(Kind::Heap)
        .statement("Filled with 64-byte messages, a bounded mpsc channel takes the same heap at every capacity from 1 to 32; between 32 and 256 it does not.")
        .predicate("every capacity of the series takes the same bytes", |f| margin::equal(f, "most bytes in the series", "fewest bytes in the series"))
        .subject("capacities 1, 2, 4, 8, 16 and 32", || full_channels(&[1, 2, 4, 8, 16, 32]))
        .control("capacities 32, 33, 64, 128 and 256", || full_channels(&[32, 33, 64, 128, 256]))
        .check();
}

const BACKLOGS: [u64; 3] = [100, 1_000, 10_000];

/// For each backlog N: the heap allocated while a producer sends N 64-byte messages to a consumer
/// task on a current-thread runtime, channel and task created inside the count. `unbounded`: an
/// unbounded channel, whose `send` never waits, so the consumer gets no turn until the burst is
/// over; otherwise a bounded channel of capacity 8 and `send(…).await`, which lets the consumer run
/// whenever the channel is full.
fn burst_heap(unbounded: bool) -> Measured {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
    use tokio::sync::mpsc;
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let mut f = figures! { "message size (bytes)" => std::mem::size_of::<Reading>() };
    for n in BACKLOGS {
        let taken = Arc::new(AtomicU64::new(0));
        let mut queued_at_end = 0;
        let mut consumer = None;
        let heap = proof::heap::measure(|| {
            rt.block_on(async {
                let t = taken.clone();
                if unbounded {
                    let (tx, mut rx) = mpsc::unbounded_channel::<Reading>();
                    consumer = Some(tokio::spawn(async move {
                        let mut sum = 0;
                        while let Some(r) = rx.recv().await {
                            t.fetch_add(1, Relaxed);
                            sum += r.0[0];
                        }
                        sum
                    }));
                    for i in 0..n {
                        tx.send(Reading([i; 8])).unwrap();
                    }
                    queued_at_end = n - taken.load(Relaxed);
                    drop(tx);
                } else {
                    let (tx, mut rx) = mpsc::channel::<Reading>(8);
                    consumer = Some(tokio::spawn(async move {
                        let mut sum = 0;
                        while let Some(r) = rx.recv().await {
                            t.fetch_add(1, Relaxed);
                            sum += r.0[0];
                        }
                        sum
                    }));
                    for i in 0..n {
                        tx.send(Reading([i; 8])).await.unwrap();
                    }
                    queued_at_end = n - taken.load(Relaxed);
                    drop(tx);
                }
            })
        });
        // The consumer drains what is left, after the count, and ends: every message arrived.
        let sum = rt.block_on(consumer.take().unwrap()).unwrap();
        assert_eq!(sum, n * (n - 1) / 2, "every message arrives");
        let bytes = heap.u64("bytes allocated");
        f.extend(figures! {
            format!("{n} messages: bytes allocated") => bytes,
            format!("{n} messages: bytes allocated per message") => bytes as f64 / n as f64,
            format!("{n} messages: messages still queued when the burst ended") => queued_at_end,
        });
    }
    let channel = if unbounded { "unbounded_channel, send(), 64-byte messages" } else { "channel(8), send().await, 64-byte messages" };
    Measured::new(ProfileRecord::cargo_test().with("runtime", "tokio current_thread").with("channel", channel), f)
}

fn unbounded_backlog_takes_heap() {
    claim("actors.heap.unbounded-backlog-grows")
        .kind(Kind::Heap)
        .statement("A burst of N 64-byte messages (N = 100, 1,000, 10,000) into an unbounded channel allocates at least N × 64 bytes; into a bounded channel of capacity 8, less.")
        .predicate("each burst allocated at least its messages' size", |f| {
            BACKLOGS.iter().all(|n| margin::against(f, &format!("{n} messages: bytes allocated per message"), Op::Ge, 64.0))
        })
        .subject("unbounded_channel: send() never waits, the consumer runs after the burst", || burst_heap(true))
        .control("channel(8): send().await waits while the channel is full, and the consumer runs", || burst_heap(false))
        .check();
}

/// `MESSAGES` questions to an id actor whose callers get their answer on a fresh channel per
/// request: a `oneshot`, or an `mpsc::channel(1)`.
fn per_request_reply(mpsc_reply: bool) -> Measured {
    use tokio::sync::{mpsc, oneshot};
    enum Reply {
        Oneshot(oneshot::Sender<u64>),
        Mpsc(mpsc::Sender<u64>),
    }
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let (requests, mut inbox) = mpsc::channel::<Reply>(8);
    rt.spawn(async move {
        let mut last = 0;
        while let Some(reply) = inbox.recv().await {
            last += 1;
            match reply {
                Reply::Oneshot(tx) => drop(tx.send(last)),
                Reply::Mpsc(tx) => drop(tx.try_send(last)),
            }
        }
    });
    let ask = async || {
        if mpsc_reply {
            let (tx, mut rx) = mpsc::channel(1);
            let _ = requests.send(Reply::Mpsc(tx)).await;
            rx.recv().await.expect("answer")
        } else {
            let (tx, rx) = oneshot::channel();
            let _ = requests.send(Reply::Oneshot(tx)).await;
            rx.await.expect("answer")
        }
    };
    rt.block_on(async {
        for _ in 0..100 {
            ask().await;
        }
    });
    let heap = proof::heap::measure(|| {
        rt.block_on(async {
            for _ in 0..MESSAGES {
                ask().await;
            }
        })
    });
    let blocks = heap.u64("heap blocks allocated");
    let bytes = heap.u64("bytes allocated");
    Measured::new(
        ProfileRecord::cargo_test()
            .with("runtime", "tokio current_thread")
            .with("reply", if mpsc_reply { "mpsc::channel::<u64>(1) per request" } else { "oneshot::channel::<u64>() per request" }),
        figures! {
            "requests" => MESSAGES,
            "heap blocks allocated" => blocks,
            "bytes allocated" => bytes,
            "blocks per request" => blocks as f64 / MESSAGES as f64,
            "bytes per request" => bytes as f64 / MESSAGES as f64,
        },
    )
}

fn mpsc_reply_allocates_twice() {
    claim("actors.cost.mpsc-reply-two-allocations")
        .kind(Kind::Heap)
        .statement("An answer sent back on a fresh `mpsc::channel(1)` per request allocates two heap blocks per request; on a oneshot, one.")
        .predicate("exactly two heap blocks per request", |f| margin::exactly(f, "blocks per request", 2.0))
        .subject("1,000 requests, each with an mpsc::channel(1) for its u64 answer", || per_request_reply(true))
        .control("1,000 requests, each with a oneshot for its u64 answer", || per_request_reply(false))
        .check();
}

proof::heap_checks!(one_allocation_per_question, full_channel_memory_by_capacity, unbounded_backlog_takes_heap, mpsc_reply_allocates_twice,);
