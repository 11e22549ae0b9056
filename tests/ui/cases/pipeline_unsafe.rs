// An unsafe function called outside an unsafe block.
unsafe fn read_first(p: *const u32) -> u32 {
    unsafe { *p }
}

fn main() {
    let x = 7;
    println!("{}", read_first(&x));
}
