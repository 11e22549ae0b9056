// An unresolved name in one function, a type error in another.
fn width() -> u32 {
    wdth
}

fn height() -> u32 {
    "four"
}

fn main() {
    println!("{}", width() * height());
}
