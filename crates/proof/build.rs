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
    // Which compiler built this crate (and so the test binary): "rustc 1.95.0 (59807616e 2026-04-14), LLVM
    // 22.1.2", the form `proof::toolchain` describes a compiler in. A drift run compares it with the
    // compiler under test to tell whether code measured inside the test binary was built by that compiler.
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = std::process::Command::new(&rustc).arg("-vV").output().expect("build script: cannot run `$RUSTC -vV`");
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text.lines().next().unwrap_or_default().trim();
    let describe = match text.lines().find_map(|l| l.strip_prefix("LLVM version:")) {
        Some(v) => format!("{first}, LLVM {}", v.trim()),
        None => first.to_string(),
    };
    println!("cargo:rustc-env=PROOF_BUILD_RUSTC={describe}");
    println!("cargo:rerun-if-env-changed=RUSTC");
}
