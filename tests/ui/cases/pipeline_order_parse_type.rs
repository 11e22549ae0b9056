// A parse error the parser recovers from, and a type error elsewhere.
fn width() -> u32 {
    let w = 3
    w
}

fn height() -> u32 {
    "four"
}

fn main() {
    println!("{}", width() * height());
}
