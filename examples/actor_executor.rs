//! The actor of `actor_basics.rs` driven by an executor made of the standard library
//! alone: Tokio's channels do not need Tokio's runtime. Run it: `cargo run --example
//! actor_executor`

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

#[allow(dead_code)]
#[path = "actor_basics.rs"]
mod actor_basics;
use actor_basics::{Request, Tally, serve};

// ANCHOR: block_on
/// Wakes the thread that is waiting in `block_on`.
struct Unpark(Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// Polls `future` on this thread until it is ready, parking the thread whenever it is
/// pending.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let waker = Waker::from(Arc::new(Unpark(thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut future = pin!(future);
    loop {
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            Poll::Pending => thread::park(),
        }
    }
}
// ANCHOR_END: block_on

// ANCHOR: session
/// The tally actor and one caller, joined into one future (no task is spawned). With
/// `timer`, the caller waits for its answer under `tokio::time::timeout`, which needs
/// Tokio's time driver.
pub async fn session(timer: bool) -> u64 {
    let (requests, inbox) = mpsc::channel(8);
    let caller = async move {
        let _ = requests.send(Request::Add(2)).await;
        let _ = requests.send(Request::Add(40)).await;
        let (reply, answer) = oneshot::channel();
        let _ = requests.send(Request::Total { reply }).await;
        if timer {
            tokio::time::timeout(Duration::from_secs(1), answer).await.expect("in time").expect("an answer")
        } else {
            answer.await.expect("an answer")
        }
    }; // `requests` is dropped when the caller is done, so the actor's loop ends too
    let ((), total) = tokio::join!(serve(Tally { requests: inbox, total: 0 }), caller);
    total
}
// ANCHOR_END: session

fn main() {
    println!("total, on a std-only executor: {}", block_on(session(false)));
}
