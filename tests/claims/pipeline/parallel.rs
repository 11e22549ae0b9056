//! The parallel front end: -Zthreads=1 against -Zthreads=8, the code written compared byte for byte.

use super::*;

/// The assembly and object file of the lab at `opt` with `-Zthreads=<threads>`.
pub(super) fn threads_output(threads: u32, opt: u32) -> (String, Vec<u8>) {
    let src = [("lib.rs", lab_source())];
    let key = format!("pipeline-threads-{threads}-opt{opt}");
    let (t, o) = (format!("-Zthreads={threads}"), format!("-Copt-level={opt}"));
    let args: Vec<&str> = LAB_ARGS.iter().copied().chain([t.as_str(), o.as_str(), "--emit=asm,obj", "lib.rs"]).collect();
    let out = dump::rustc(&key, &src, &args);
    assert!(out.success, "rustc failed on the pipeline lab ({key}):\n{}", out.stderr);
    let obj = std::fs::read(out.dir.join("pipeline.o")).unwrap_or_else(|e| panic!("no pipeline.o for {key}: {e}"));
    (out.file("pipeline.s"), obj)
}

/// The code written with `-Zthreads=<threads>` at `opt`, against `-Zthreads=1` at opt-level 3.
pub(super) fn threads_figures(threads: u32, opt: u32) -> Measured {
    let (base_asm, base_obj) = threads_output(1, 3);
    let (asm, obj) = threads_output(threads, opt);
    let profile = ProfileRecord::named(
        &format!("rustc -Zthreads={threads} -Copt-level={opt} --emit=asm,obj on labs/pipeline, against -Zthreads=1 -Copt-level=3"),
        &[
            ("opt-level", opt.into()),
            ("threads", threads.into()),
            ("codegen-units", 1.into()),
            ("target-cpu", "x86-64".into()),
            ("RUSTC_BOOTSTRAP", "1 (for -Zthreads, in these runs only)".into()),
        ],
    );
    Measured::new(
        profile,
        figures! {
            "assembly identical to -Zthreads=1 at opt-level 3" => asm == base_asm,
            "object file identical to -Zthreads=1 at opt-level 3" => obj == base_obj,
            "assembly lines" => asm.lines().count(),
            "assembly lines with -Zthreads=1 at opt-level 3" => base_asm.lines().count(),
            "object file (bytes)" => obj.len(),
            "object file with -Zthreads=1 at opt-level 3 (bytes)" => base_obj.len(),
        },
    )
}

#[test]
fn parallel_front_end_writes_the_same_code() {
    claim("pipeline.front-end.threads-same-code")
        .kind(Kind::Asm)
        .statement("The parallel front end leaves the code alone: the lab compiled with `-Zthreads=8` gives the same assembly and object file, byte for byte, as with `-Zthreads=1`.")
        .judges("002", "Build configuration: compile times", "The parallel front end does not change the generated code.", "confirmed: -Zthreads=8 writes the same assembly and object file as -Zthreads=1")
        .predicate("the assembly and the object file are identical", |f| f.bool("assembly identical to -Zthreads=1 at opt-level 3") && f.bool("object file identical to -Zthreads=1 at opt-level 3"))
        .subject("-Zthreads=8 at opt-level 3", || threads_figures(8, 3))
        .control("-Zthreads=8 at opt-level 1", || threads_figures(8, 1))
        .check();
}
