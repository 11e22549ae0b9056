// The same with an mpsc sender, whose send borrows it: sending twice is fine. Compiles.
use tokio::sync::mpsc;

// ANCHOR: lesson
fn answer_twice(reply: mpsc::Sender<u32>) {
    let _ = reply.try_send(1);
    let _ = reply.try_send(2);
}
// ANCHOR_END: lesson

fn main() {
    let (reply, mut answers) = mpsc::channel(2);
    answer_twice(reply);
    assert_eq!((answers.try_recv(), answers.try_recv()), (Ok(1), Ok(2)));
}
