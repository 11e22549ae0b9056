//! Growing a vector one push at a time versus reserving its final size up front.
//! Run it: `cargo run --example vec_capacity`

// ANCHOR: grow
/// Pushes `n` numbers into a vector that starts empty: it reallocates whenever it runs out of room.
pub fn grow_by_pushing(n: u64) -> Vec<u64> {
    let mut v = Vec::new();
    for i in 0..n {
        v.push(i);
    }
    v
}

/// Pushes the same `n` numbers into a vector that was given room for all of them first.
pub fn reserve_then_push(n: u64) -> Vec<u64> {
    let mut v = Vec::with_capacity(n as usize);
    for i in 0..n {
        v.push(i);
    }
    v
}
// ANCHOR_END: grow

fn main() {
    // Watch the capacity jump as the empty vector grows.
    let mut v: Vec<u64> = Vec::new();
    let mut last = v.capacity();
    println!("capacity {last} at length 0");
    for i in 0..20 {
        v.push(i);
        if v.capacity() != last {
            last = v.capacity();
            println!("capacity {last} at length {}", v.len());
        }
    }
    assert_eq!(grow_by_pushing(20), reserve_then_push(20));
}
