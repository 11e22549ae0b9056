// Uses the vendored crate with a warning.
fn main() {
    println!("{}", noisy::answer());
}
