// A constant evaluated for each type a generic function is used with; it fails for one of them.
struct NonZeroSized<T>(T);

impl<T> NonZeroSized<T> {
    const CHECK: () = assert!(size_of::<T>() > 0, "a zero-sized type");
}

fn store<T>(value: T) -> usize {
    let () = NonZeroSized::<T>::CHECK;
    drop(value);
    size_of::<T>()
}

fn main() {
    println!("{}", store(7u32));
    println!("{}", store(()));
}
