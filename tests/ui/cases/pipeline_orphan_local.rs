// The same impl for a type of this crate, a wrapper around the vector: it compiles.
use std::fmt;

struct Bytes(Vec<u8>);

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} bytes", self.0.len())
    }
}

fn main() {
    println!("{}", Bytes(vec![1, 2, 3]));
}
