// The actor starts its own task from a method that only borrows it. Does not compile.
use tokio::sync::mpsc;

struct Counter {
    inbox: mpsc::Receiver<u64>,
    seen: u64,
}

// ANCHOR: lesson
impl Counter {
    fn start(&mut self) {
        tokio::spawn(async move {
            while let Some(n) = self.inbox.recv().await {
                self.seen += n;
            }
        });
    }
}
// ANCHOR_END: lesson

fn main() {
    let (_tx, rx) = mpsc::channel(4);
    let mut counter = Counter { inbox: rx, seen: 0 };
    counter.start();
}
