// Uses the path crate with the same warning.
fn main() {
    println!("{}", noisy_local::answer());
}
