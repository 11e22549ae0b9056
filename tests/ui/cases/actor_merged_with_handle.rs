// The actor and its handle are one struct: the task needs to own it, and so do its callers.
// Does not compile.
use tokio::sync::{mpsc, oneshot};

// ANCHOR: lesson
struct IdService {
    inbox: mpsc::Receiver<oneshot::Sender<u32>>,
    outbox: mpsc::Sender<oneshot::Sender<u32>>,
    next_id: u32,
}

impl IdService {
    fn new() -> IdService {
        let (outbox, inbox) = mpsc::channel(8);
        IdService { inbox, outbox, next_id: 0 }
    }

    async fn run(mut self) {
        while let Some(reply) = self.inbox.recv().await {
            self.next_id += 1;
            let _ = reply.send(self.next_id);
        }
    }

    async fn unique_id(&self) -> u32 {
        let (reply, answer) = oneshot::channel();
        let _ = self.outbox.send(reply).await;
        answer.await.expect("the service has stopped")
    }
}

async fn two_ids() -> (u32, u32) {
    let service = IdService::new();
    tokio::spawn(service.run());
    (service.unique_id().await, service.unique_id().await)
}
// ANCHOR_END: lesson

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let _ = rt.block_on(two_ids());
}
