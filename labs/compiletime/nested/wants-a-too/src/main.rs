fn main() {
    println!("{}", shared::enabled());
}
