//! Messages without answers, backpressure and `try_send`: a recorder actor behind a
//! bounded channel. Run it: `cargo run --example actor_recorder`

use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::{mpsc, oneshot, watch};
use tokio::task::JoinHandle;

// ANCHOR: recorder
/// A note to record. Only the second kind asks for an answer.
pub enum Note {
    Record(u64),
    RecordAndConfirm(u64, oneshot::Sender<()>),
}

/// The actor: takes notes one at a time, and publishes how many it has taken on a
/// `watch` channel that handles can read at any time without queueing a message.
async fn record_notes(mut notes: mpsc::Receiver<Note>, taken: watch::Sender<u64>) {
    let mut sum = 0;
    while let Some(note) = notes.recv().await {
        taken.send_modify(|n| *n += 1);
        let (value, confirm) = match note {
            Note::Record(v) => (v, None),
            Note::RecordAndConfirm(v, done) => (v, Some(done)),
        };
        // Stands for work that awaits, such as writing the note to a file: while it
        // waits, the runtime runs other tasks.
        tokio::task::yield_now().await;
        sum += value;
        if let Some(done) = confirm {
            let _ = done.send(());
        }
    }
    println!("recorder: channel closed after notes summing to {sum}");
}

#[derive(Clone)]
pub struct RecorderHandle {
    notes: mpsc::Sender<Note>,
    taken: watch::Receiver<u64>,
}

impl RecorderHandle {
    /// Starts a recorder whose channel holds at most `capacity` notes.
    pub fn spawn(capacity: usize) -> (RecorderHandle, JoinHandle<()>) {
        let (notes, inbox) = mpsc::channel(capacity);
        let (published, taken) = watch::channel(0);
        let task = tokio::spawn(record_notes(inbox, published));
        (RecorderHandle { notes, taken }, task)
    }

    /// Fire and forget: returns as soon as the note is in the channel. It waits only
    /// while the channel is full, until the actor takes a note out.
    pub async fn record(&self, value: u64) {
        let _ = self.notes.send(Note::Record(value)).await;
    }

    /// Never waits: when the channel is full, the note comes back in the error.
    pub fn try_record(&self, value: u64) -> Result<(), TrySendError<Note>> {
        self.notes.try_send(Note::Record(value))
    }

    /// Returns only after the actor has handled the note.
    pub async fn record_and_confirm(&self, value: u64) {
        let (done, confirmed) = oneshot::channel();
        let _ = self.notes.send(Note::RecordAndConfirm(value, done)).await;
        let _ = confirmed.await;
    }

    /// How many notes the actor has taken out of its channel so far.
    pub fn taken(&self) -> u64 {
        *self.taken.borrow()
    }
}
// ANCHOR_END: recorder

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (recorder, task) = RecorderHandle::spawn(4);
    recorder.record(1).await;
    println!("record(1) returned; notes taken so far: {}", recorder.taken());
    recorder.record_and_confirm(2).await;
    println!("record_and_confirm(2) returned; notes taken so far: {}", recorder.taken());
    let refused = (3..10).filter(|&v| recorder.try_record(v).is_err()).count();
    println!("try_record: {refused} of 7 notes refused by a channel of capacity 4");
    drop(recorder);
    task.await.unwrap();
}
