//! The actor recipe: a task that owns its state, a handle that owns the sender.
//! Run it: `cargo run --example actor_basics`

use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

// ANCHOR: actor
/// What a handle can ask of the actor. A question carries the sender its answer goes
/// back on.
pub enum Request {
    Add(u64),
    Total { reply: oneshot::Sender<u64> },
}

/// The actor's state: only its own task ever touches it.
pub struct Tally {
    pub requests: mpsc::Receiver<Request>,
    pub total: u64,
}

/// The actor's task: serve requests until every handle (every sender) is gone.
pub async fn serve(mut tally: Tally) {
    while let Some(request) = tally.requests.recv().await {
        match request {
            Request::Add(n) => tally.total += n,
            // The caller may have stopped waiting; a lost answer is not the actor's
            // problem.
            Request::Total { reply } => drop(reply.send(tally.total)),
        }
    }
}

/// The handle: cheap to clone, and the only way in. When the last clone drops, the
/// channel closes and `serve` returns.
#[derive(Clone)]
pub struct TallyHandle {
    requests: mpsc::Sender<Request>,
}

impl TallyHandle {
    /// Starts the actor on the current runtime; the `JoinHandle` tells when its task
    /// has ended.
    pub fn spawn() -> (TallyHandle, JoinHandle<()>) {
        let (tx, rx) = mpsc::channel(8);
        let task = tokio::spawn(serve(Tally { requests: rx, total: 0 }));
        (TallyHandle { requests: tx }, task)
    }

    pub async fn add(&self, n: u64) {
        // A failed send means the actor is gone; `total` below will report it.
        let _ = self.requests.send(Request::Add(n)).await;
    }

    pub async fn total(&self) -> u64 {
        let (reply, answer) = oneshot::channel();
        let _ = self.requests.send(Request::Total { reply }).await;
        answer.await.expect("the tally actor has stopped")
    }
}
// ANCHOR_END: actor

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tally, task) = TallyHandle::spawn();
    let other = tally.clone();
    tally.add(2).await;
    other.add(40).await;
    println!("total = {}", tally.total().await);
    drop(tally);
    drop(other);
    task.await.expect("the actor's task ends cleanly once the last handle is gone");
    println!("the actor stopped after its last handle was dropped");
}
