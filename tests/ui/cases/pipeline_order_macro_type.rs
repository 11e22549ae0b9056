// A macro error in one function, a type error in another.
macro_rules! square {
    ($x:expr) => {
        $x * $x
    };
}

fn area() -> u32 {
    square!(3; 4)
}

fn label() -> u32 {
    "label"
}

fn main() {
    println!("{} {}", area(), label());
}
