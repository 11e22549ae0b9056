// dupe 0.1 directly, dupe 0.2 through mid: two versions of one crate.
fn main() {
    println!("{} {}", dupe::version(), mid::version());
}
