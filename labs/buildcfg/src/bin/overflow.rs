//! Adds 200 and 100 as bytes with `+`, the operands hidden from the optimizer, and prints the sum.
fn main() {
    let (a, b) = std::hint::black_box((200u8, 100u8));
    println!("sum {}", buildcfg::add_bytes(a, b));
}
