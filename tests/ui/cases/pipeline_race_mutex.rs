// The same two threads with the vector behind a Mutex: each takes the lock, and it compiles.
use std::sync::Mutex;

fn main() {
    let log = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        s.spawn(|| log.lock().unwrap().push(1));
        s.spawn(|| log.lock().unwrap().push(2));
    });
    println!("{}", log.into_inner().unwrap().len());
}
