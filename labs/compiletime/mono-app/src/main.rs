fn main() {
    println!("{:?}", mono::b::scale(&mono::a::parse("1, 2, 3")));
}
