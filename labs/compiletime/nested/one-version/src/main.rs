// dupe 0.2 directly and through mid: one version.
fn main() {
    println!("{} {}", dupe::version(), mid::version());
}
