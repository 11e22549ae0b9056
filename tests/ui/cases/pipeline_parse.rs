// A statement without its semicolon: the parser stops at `let`.
fn main() {
    let width = 3
    let height = 4;
    println!("{}", width * height);
}
