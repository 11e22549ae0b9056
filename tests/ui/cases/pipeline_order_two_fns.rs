// A borrow error in one function, a type error in another.
fn grow() {
    let mut values = vec![1, 2, 3];
    let first = &values[0];
    values.push(4);
    println!("{first}");
}

fn count() -> u32 {
    "three"
}

fn main() {
    grow();
    println!("{}", count());
}
