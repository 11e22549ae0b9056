fn main() {
    println!("{:?}", part_b::scale(&part_a::parse("1, 2, 3")));
}
