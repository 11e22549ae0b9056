// A reference kept after the value it points to is gone.
fn main() {
    let r;
    {
        let x = 5;
        r = &x;
    }
    println!("{r}");
}
