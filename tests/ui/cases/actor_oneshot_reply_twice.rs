// An actor tries to answer twice on the same oneshot sender. Does not compile.
use tokio::sync::oneshot;

// ANCHOR: lesson
fn answer_twice(reply: oneshot::Sender<u32>) {
    let _ = reply.send(1);
    let _ = reply.send(2);
}
// ANCHOR_END: lesson

fn main() {
    let (reply, _answer) = oneshot::channel();
    answer_twice(reply);
}
