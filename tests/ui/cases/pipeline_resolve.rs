// A name that is declared nowhere.
fn main() {
    let total = 10;
    println!("{}", totl + 1);
}
