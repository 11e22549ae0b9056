//! Instruction counts of a request/response round trip: through an actor, through a method behind
//! `Arc<Mutex<_>>`, and as a direct method call. `cargo test` runs these benchmarks once through the
//! proof harness (`proof::gungraun`); `cargo bench --bench actors` shows them to a reader.
//!
//! Each way is counted for 100 and for 1,100 calls, with the runtime, the actor and the mutex set up
//! (and warmed up) outside the count; the difference divided by 1,000 is the cost of one call, with
//! the fixed costs (block_on, dropping the runtime) cancelled out. The runtime is current-thread:
//! no other thread runs, and the counts repeat exactly.

// The listing between the anchors is shown in the book as written.
#![allow(clippy::empty_line_after_doc_comments)]

use gungraun::{library_benchmark, library_benchmark_group, main};
use std::hint::black_box;
use std::sync::{Arc, Mutex};
use tokio::runtime::Runtime;
use tokio::sync::{mpsc, oneshot};

// ANCHOR: ways
/// The state: hands out unique ids.
pub struct IdGen {
    last: u64,
}

impl IdGen {
    pub fn next_id(&mut self) -> u64 {
        self.last += 1;
        self.last
    }
}

/// 1. As an actor: the task owns the `IdGen`, callers hold an `IdHandle`.
async fn serve_ids(mut ids: IdGen, mut requests: mpsc::Receiver<oneshot::Sender<u64>>) {
    while let Some(reply) = requests.recv().await {
        let _ = reply.send(ids.next_id());
    }
}

#[derive(Clone)]
pub struct IdHandle {
    requests: mpsc::Sender<oneshot::Sender<u64>>,
}

impl IdHandle {
    pub async fn next_id(&self) -> u64 {
        let (reply, answer) = oneshot::channel();
        let _ = self.requests.send(reply).await;
        answer.await.expect("the id actor has stopped")
    }
}

/// 2. Shared behind a mutex: `ids.lock().unwrap().next_id()`.
pub type SharedIds = Arc<Mutex<IdGen>>;

/// 3. Owned by the caller: `ids.next_id()`.
// ANCHOR_END: ways

pub struct ActorSetup {
    rt: Runtime,
    handle: IdHandle,
    calls: u64,
}

fn start_actor(calls: u64) -> ActorSetup {
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let handle = rt.block_on(async {
        let (requests, inbox) = mpsc::channel(8);
        tokio::spawn(serve_ids(IdGen { last: 0 }, inbox));
        IdHandle { requests }
    });
    rt.block_on(async {
        for _ in 0..100 {
            handle.next_id().await;
        }
    });
    ActorSetup { rt, handle, calls }
}

fn shared_ids(calls: u64) -> (SharedIds, u64) {
    let ids = Arc::new(Mutex::new(IdGen { last: 0 }));
    ids.lock().unwrap().next_id();
    (ids, calls)
}

#[library_benchmark]
#[bench::calls_100(args = (100), setup = start_actor)]
#[bench::calls_1100(args = (1100), setup = start_actor)]
fn actor(setup: ActorSetup) -> u64 {
    let ActorSetup { rt, handle, calls } = setup;
    let last = rt.block_on(async {
        let mut last = 0;
        for _ in 0..calls {
            last = handle.next_id().await;
        }
        last
    });
    black_box(last)
}

#[library_benchmark]
#[bench::calls_100(args = (100), setup = shared_ids)]
#[bench::calls_1100(args = (1100), setup = shared_ids)]
fn mutex((ids, calls): (SharedIds, u64)) -> u64 {
    let mut last = 0;
    for _ in 0..calls {
        last = black_box(&ids).lock().unwrap().next_id();
    }
    black_box(last)
}

#[library_benchmark]
#[bench::calls_100(100)]
#[bench::calls_1100(1100)]
fn direct(calls: u64) -> u64 {
    let mut ids = IdGen { last: 0 };
    let mut last = 0;
    for _ in 0..calls {
        last = black_box(&mut ids).next_id();
    }
    black_box(last)
}

library_benchmark_group!(name = round_trip; benchmarks = actor, mutex, direct);

main!(config = measured_benches::library_config(); library_benchmark_groups = round_trip);
