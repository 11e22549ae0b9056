// A string where a number is expected.
fn double(n: u32) -> u32 {
    n * 2
}

fn main() {
    let text = "21";
    println!("{}", double(text));
}
