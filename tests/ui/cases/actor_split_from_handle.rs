// The same service split in two: the actor (owned by its task) and a handle (owned by
// callers). The task may even be spawned from a method, as long as the method takes
// the actor by value. Compiles.
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

// ANCHOR: lesson
struct IdActor {
    inbox: mpsc::Receiver<oneshot::Sender<u32>>,
    next_id: u32,
}

impl IdActor {
    async fn run(&mut self) {
        while let Some(reply) = self.inbox.recv().await {
            self.next_id += 1;
            let _ = reply.send(self.next_id);
        }
    }

    /// Takes `self` by value: the task owns the actor, and `run` borrows it inside
    /// the task.
    fn spawn(mut self) -> JoinHandle<()> {
        tokio::spawn(async move { self.run().await })
    }
}

#[derive(Clone)]
struct IdHandle {
    outbox: mpsc::Sender<oneshot::Sender<u32>>,
}

impl IdHandle {
    fn new() -> IdHandle {
        let (outbox, inbox) = mpsc::channel(8);
        IdActor { inbox, next_id: 0 }.spawn();
        IdHandle { outbox }
    }

    async fn unique_id(&self) -> u32 {
        let (reply, answer) = oneshot::channel();
        let _ = self.outbox.send(reply).await;
        answer.await.expect("the actor has stopped")
    }
}

async fn two_ids() -> (u32, u32) {
    let service = IdHandle::new();
    (service.unique_id().await, service.unique_id().await)
}
// ANCHOR_END: lesson

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    assert_eq!(rt.block_on(two_ids()), (1, 2));
}
