// A character literal that holds two characters: the lexer rejects the token.
fn main() {
    let c = 'ab';
    println!("{c}");
}
