// A macro called with a token none of its rules accepts.
macro_rules! square {
    ($x:expr) => {
        $x * $x
    };
}

fn main() {
    let n = square!(3; 4);
    println!("{n}");
}
