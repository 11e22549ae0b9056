//! Panics, then says whether the panic could be caught: `panics` panics inside `catch_unwind` and prints
//! "recovered" if control came back; under `panic = "abort"` the process ends at the panic instead.

// ANCHOR: catch
fn main() {
    let caught = std::panic::catch_unwind(|| {
        let v: Vec<u32> = std::hint::black_box(Vec::new());
        v[0] // index out of bounds: panics
    });
    match caught {
        Ok(x) => println!("no panic: {x}"),
        Err(_) => println!("recovered from the panic"),
    }
}
// ANCHOR_END: catch
