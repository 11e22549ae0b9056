// `collect` can build many collections: with no type written, the compiler cannot choose one.
fn main() {
    let numbers = vec![1, 2, 3];
    let doubled = numbers.iter().map(|n| n * 2).collect();
    println!("{doubled:?}");
}
