//! The same program, with a dependency (`unused`) declared in its manifest and never used.
fn main() {
    println!("{}", base::shout(base::GREETING));
}
