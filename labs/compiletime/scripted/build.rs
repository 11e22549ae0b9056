//! A build script: compiled for the host, run before the library, writes a file the library includes.
fn main() {
    let out = std::env::var("OUT_DIR").unwrap();
    std::fs::write(format!("{out}/generated.rs"), "pub const ANSWER: u32 = 42;\n").unwrap();
    println!("cargo::rerun-if-changed=build.rs");
}
