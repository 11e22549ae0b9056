// Two threads pushing to one vector with no lock: each closure needs the vector mutably, at the same time.
fn main() {
    let mut log = Vec::new();
    std::thread::scope(|s| {
        s.spawn(|| log.push(1));
        s.spawn(|| log.push(2));
    });
    println!("{}", log.len());
}
