//! Wall-clock throughput of an actor on Tokio's multi-thread runtime, for channel
//! capacities 1, 8, 64 and 1024 (criterion; shown in the book, never asserted). Each
//! iteration sends 10,000 fire-and-forget messages from the caller to the actor, then
//! one request whose answer proves that the actor has handled all of them. Run it:
//! `cargo bench -p measured-benches --features wallclock --bench actors_throughput` (benchmark ids
//! `actors_throughput/1`, `actors_throughput/8`, `actors_throughput/64`,
//! `actors_throughput/1024`).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

const MESSAGES: u64 = 10_000;

// ANCHOR: actor
enum Message {
    Add(u64),
    Total(oneshot::Sender<u64>),
}

async fn sum(mut inbox: mpsc::Receiver<Message>) {
    let mut total = 0;
    while let Some(message) = inbox.recv().await {
        match message {
            Message::Add(n) => total += n,
            Message::Total(reply) => drop(reply.send(total)),
        }
    }
}

/// One measured iteration: a fresh actor with the given channel capacity, `MESSAGES`
/// messages, then the total.
async fn send_all(capacity: usize) -> u64 {
    let (tx, rx) = mpsc::channel(capacity);
    tokio::spawn(sum(rx));
    for n in 0..MESSAGES {
        tx.send(Message::Add(n)).await.expect("the actor is running");
    }
    let (reply, answer) = oneshot::channel();
    tx.send(Message::Total(reply)).await.expect("the actor is running");
    answer.await.expect("an answer")
}
// ANCHOR_END: actor

fn throughput(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).build().unwrap();
    let mut group = c.benchmark_group("actors_throughput");
    group.throughput(Throughput::Elements(MESSAGES));
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    for capacity in [1usize, 8, 64, 1024] {
        group.bench_with_input(BenchmarkId::from_parameter(capacity), &capacity, |b, &capacity| {
            // The caller runs as a task on the runtime too, so both ends are on
            // worker threads.
            b.iter(|| rt.block_on(async move { tokio::spawn(send_all(capacity)).await.unwrap() }));
        });
    }
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
