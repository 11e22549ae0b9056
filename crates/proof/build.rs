//! Tells the harness which opt-level and profile it (and so the test binary linking it) was built with,
//! so evidence measured inside a test binary records them truthfully.
fn main() {
    for var in ["OPT_LEVEL", "PROFILE", "DEBUG"] {
        println!("cargo:rustc-env=PROOF_BUILD_{var}={}", std::env::var(var).unwrap_or_default());
        println!("cargo:rerun-if-env-changed={var}");
    }
}
