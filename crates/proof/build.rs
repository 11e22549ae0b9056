//! Tells the harness which opt-level and profile it (and so the test binary linking it) was built with,
//! so evidence measured inside a test binary records them truthfully.
fn main() {
    for var in ["OPT_LEVEL", "PROFILE", "DEBUG"] {
        println!("cargo:rustc-env=PROOF_BUILD_{var}={}", std::env::var(var).unwrap_or_default());
        println!("cargo:rerun-if-env-changed={var}");
    }
    // The flags this crate (and so the test binary) was compiled with (Cargo separates them with 0x1f).
    println!("cargo:rustc-env=PROOF_BUILD_RUSTFLAGS={}", std::env::var("CARGO_ENCODED_RUSTFLAGS").unwrap_or_default().replace('\x1f', " "));
    println!("cargo:rerun-if-env-changed=CARGO_ENCODED_RUSTFLAGS");
}
