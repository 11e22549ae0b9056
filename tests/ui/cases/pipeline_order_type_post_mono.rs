// A type error, and a constant that fails only when a generic function is instantiated.
struct NonZeroSized<T>(T);

impl<T> NonZeroSized<T> {
    const CHECK: () = assert!(size_of::<T>() > 0, "a zero-sized type");
}

fn store<T>(value: T) -> usize {
    let () = NonZeroSized::<T>::CHECK;
    drop(value);
    size_of::<T>()
}

fn label() -> u32 {
    "label"
}

fn main() {
    println!("{} {}", store(()), label());
}
