// The same borrow, last used before the vector is mutated: accepted.
fn main() {
    let mut values = vec![1, 2, 3];
    let first = &values[0];
    println!("{first}");
    values.push(4);
}
