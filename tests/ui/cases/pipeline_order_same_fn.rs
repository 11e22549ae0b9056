// A type error and a borrow error in the same function.
fn main() {
    let mut values = vec![1, 2, 3];
    let first = &values[0];
    values.push(4);
    let count: u32 = "three";
    println!("{first} {count}");
}
