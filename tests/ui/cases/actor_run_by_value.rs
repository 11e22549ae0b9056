// The fix: the task takes the actor by value, so it owns everything it touches. Compiles.
use tokio::sync::mpsc;

struct Counter {
    inbox: mpsc::Receiver<u64>,
    seen: u64,
}

// ANCHOR: lesson
impl Counter {
    async fn run(mut self) -> u64 {
        while let Some(n) = self.inbox.recv().await {
            self.seen += n;
        }
        self.seen
    }
}

fn start(counter: Counter) -> tokio::task::JoinHandle<u64> {
    tokio::spawn(counter.run())
}
// ANCHOR_END: lesson

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let seen = rt.block_on(async {
        let (tx, rx) = mpsc::channel(4);
        let task = start(Counter { inbox: rx, seen: 0 });
        tx.send(5).await.unwrap();
        drop(tx);
        task.await.unwrap()
    });
    assert_eq!(seen, 5);
}
