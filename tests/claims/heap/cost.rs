//! What one allocation costs in instructions, atomic instructions (locks) and system calls, and what
//! another global allocator changes: Gungraun library benchmarks in benches/allocators.rs, and the alloc
//! lab's programs (labs/alloc) counted by the binary benchmarks of benches/labs.rs.

use proof::margin::{self, Op};
use proof::profile::Profile;
use proof::{Figures, FiguresExt, Kind, Measured, claim, figures};

fn count(function: &str, id: &str) -> u64 {
    proof::gungraun::instructions("allocators", "allocation", function, id)
}

/// Instructions per iteration of a 1,000-iteration loop, `function` next to the stack-only loop.
fn per_iteration(function: &str, id: &str) -> Measured {
    let under_test = count(function, id);
    let stack = count("stack_value", "n1000");
    Measured::new(
        proof::gungraun::bench_profile().with("iterations", 1000).with("allocator", "the system's (glibc malloc)"),
        figures! {
            "instructions per iteration (loop under test)" => under_test as f64 / 1000.0,
            "instructions per iteration (value on the stack)" => stack as f64 / 1000.0,
            "ratio" => (under_test as f64 / stack as f64 * 10.0).round() / 10.0,
        },
    )
}

#[test]
fn one_box_costs_instructions() {
    claim("heap.cost.box-new-and-drop")
        .kind(Kind::Instructions)
        .statement("Allocating a `u64` with `Box::new` and freeing it executes at least ten times the instructions of keeping it on the stack.")
        .judges(
            "002",
            "Heap allocations",
            "Heap allocations are moderately expensive: each one (and each free) means work in the allocator.",
            "confirmed: at least ten times the stack loop's instructions per iteration",
        )
        .predicate("at least ten times the instructions of the stack loop", |f| {
            margin::ratio(f, "instructions per iteration (loop under test)", "instructions per iteration (value on the stack)", Op::Ge, 10.0)
        })
        .subject("1,000 × Box::new(i) then drop", || per_iteration("box_new_and_drop", "n1000"))
        .control("1,000 × Box::new(()) then drop: a zero-sized value, which allocates nothing", || per_iteration("box_zero_sized_and_drop", "n1000"))
        .check();
}

/// Instructions per alloc + dealloc of `big` bytes next to `small` bytes.
fn block_sizes(big: (&str, &str), small: (&str, &str)) -> Measured {
    let (b, s) = (count("alloc_dealloc", big.1), count("alloc_dealloc", small.1));
    let maps = |id: &str| proof::gungraun::calls_to("allocators", "allocation", "alloc_dealloc", id, "mmap");
    Measured::new(
        proof::gungraun::bench_profile()
            .with("iterations", 1000)
            .with("allocator", "the system's (glibc malloc)")
            .with("counted", "user-space instructions only: the kernel's work for the first block's mmap and munmap is not counted"),
        figures! {
            format!("instructions per alloc + free ({})", big.0) => b as f64 / 1000.0,
            format!("instructions per alloc + free ({})", small.0) => s as f64 / 1000.0,
            format!("mmap calls ({})", big.0) => maps(big.1),
            format!("mmap calls ({})", small.0) => maps(small.1),
            "larger block" => big.0,
            "larger costs no more" => b <= s,
        },
    )
}

#[test]
fn a_larger_block_is_not_always_dearer() {
    claim("heap.cost.larger-block-not-dearer")
        .kind(Kind::Instructions)
        .statement("Allocating and freeing 1 MiB with glibc's malloc executes no more user-space instructions than 4 KiB; 4 KiB executes more than 16 bytes.")
        .judges("002", "Heap allocations", "Small allocations are not necessarily cheaper than large ones.", "partly true: in user-space instructions 1 MiB is no dearer than 4 KiB; the kernel's work is not counted")
        .predicate("the larger block costs no more instructions than the smaller one", |f| {
            let larger = format!("instructions per alloc + free ({})", f.str("larger block"));
            let smaller = f.iter().map(|(k, _)| k.to_string()).find(|k| k.starts_with("instructions per alloc + free (") && *k != larger);
            margin::le(f, &larger, &smaller.expect("the smaller block's count"))
        })
        .subject("1 MiB against 4 KiB", || block_sizes(("1 MiB", "bytes_1mib"), ("4 KiB", "bytes_4096")))
        .control("4 KiB against 16 bytes", || block_sizes(("4 KiB", "bytes_4096"), ("16 bytes", "bytes_16")))
        .check();
}

/// Calls to the system-call wrappers glibc's malloc and free use (`mmap`, `munmap`, `brk`) in 1,000
/// allocations and frees of each block size, read from each benchmark's callgrind profile.
fn system_calls(sizes: &[(&str, &str)]) -> Measured {
    let mut f = Figures::new();
    for (name, id) in sizes {
        let calls = |callee: &str| proof::gungraun::calls_to("allocators", "allocation", "alloc_dealloc", id, callee);
        let (mmap, munmap, brk) = (calls("mmap"), calls("munmap"), calls("brk"));
        f.insert(format!("system calls ({name})"), (mmap + munmap + brk).into());
        f.insert(format!("mmap + munmap + brk ({name})"), format!("{mmap} + {munmap} + {brk}").into());
    }
    Measured::new(
        proof::gungraun::bench_profile()
            .with("iterations", 1000)
            .with("allocator", "the system's (glibc malloc)")
            .with("counted", "calls to glibc's mmap, munmap and brk wrappers in the counted loop"),
        f,
    )
}

#[test]
fn small_blocks_make_no_system_call() {
    claim("heap.cost.system-calls-only-for-large-blocks")
        .kind(Kind::Instructions)
        .statement("1,000 allocations and frees of 16 bytes or 4 KiB with glibc's malloc make no system call; 1 MiB blocks make a few, 64 MiB blocks an mmap and a munmap each.")
        .judges("002", "Heap allocations", "Each allocation and free typically takes a global lock, manipulates data structures and may make a system call.", "partly true: small and medium blocks make no system call; only large ones do (every time above 32 MiB); see also the lock box")
        .predicate("no call to mmap, munmap or brk for any block size", |f| {
            let sizes: Vec<String> = f.iter().map(|(k, _)| k.to_string()).filter(|k| k.starts_with("system calls (")).collect();
            sizes.iter().all(|k| margin::exactly(f, k, 0.0))
        })
        .subject("16-byte and 4 KiB blocks", || system_calls(&[("16 bytes", "bytes_16"), ("4 KiB", "bytes_4096")]))
        .control("1 MiB and 64 MiB blocks", || system_calls(&[("1 MiB", "bytes_1mib"), ("64 MiB", "bytes_64mib")]))
        .check();
}

/// Atomic instructions (callgrind's "global bus events", `Ge`: how glibc takes and releases a lock)
/// executed by the benchmark `alloc_dealloc_atomics/<id>`, read from its Gungraun summary.
fn atomics(id: &str) -> u64 {
    let _ = count("alloc_dealloc_atomics", id); // runs the bench target if needed, and notes the count's key
    let path = proof::workspace::target_dir()
        .join("gungraun/measured-benches/allocators/allocation")
        .join(format!("alloc_dealloc_atomics.{id}"))
        .join("summary.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: proof::serde_json::Value = proof::serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    v["profiles"][0]["data"]["total"]["metrics"]["Ge"]["values"]["new"]
        .as_u64()
        .unwrap_or_else(|| panic!("{}: no Ge count (is --collect-bus=yes set for the benchmark?)", path.display()))
}

/// Atomic instructions in 1,000 allocations and frees of 16 bytes and of 4 KiB, in a process whose
/// threads are `threads` ("one_thread" or "second_thread").
fn lock_work(threads: &str) -> Measured {
    let history = if threads == "one_thread" { "only the main thread, ever" } else { "a second thread started and joined before the count" };
    Measured::new(
        proof::gungraun::bench_profile()
            .with("iterations", 1000)
            .with("allocator", "the system's (glibc malloc)")
            .with("threads", history)
            .with("counted", "atomic instructions (callgrind --collect-bus=yes)"),
        figures! {
            "atomic instructions (16-byte blocks)" => atomics(&format!("{threads}_16")),
            "atomic instructions (4 KiB blocks)" => atomics(&format!("{threads}_4096")),
            "instructions (4 KiB blocks)" => count("alloc_dealloc_atomics", &format!("{threads}_4096")),
        },
    )
}

#[test]
fn malloc_takes_no_lock_in_one_thread() {
    claim("heap.cost.no-lock-in-one-thread")
        .kind(Kind::Instructions)
        .statement("In a program that never started a second thread, 1,000 mallocs and frees of 16 bytes or 4 KiB execute no atomic instruction, so take no lock; after one has started, 4 KiB blocks do.")
        .judges("002", "Heap allocations", "Each allocation and free typically takes a global lock, manipulates data structures and may make a system call.", "partly true: no lock while a program has one thread; with more, blocks too big for glibc's per-thread cache lock an arena")
        .predicate("no atomic instruction for either block size", |f| {
            margin::exactly(f, "atomic instructions (16-byte blocks)", 0.0) && margin::exactly(f, "atomic instructions (4 KiB blocks)", 0.0)
        })
        .subject("a program that only ever had one thread", || lock_work("one_thread"))
        .control("the same loop after a second thread has started and ended", || lock_work("second_thread"))
        .check();
}

/// The alloc lab's `workload` ("alloc" or "compute") under the system allocator and mimalloc.
fn allocators_on(workload: &str) -> Measured {
    let release = Profile::release();
    let lab = |bin: &str, id: &str| proof::gungraun::lab_instructions("alloc", &release, bin, "labs", "alloc", "allocators", id);
    let system = lab("system", &format!("system_{workload}"));
    let mimalloc = lab("mimalloc", &format!("mimalloc_{workload}"));
    Measured::new(
        release
            .record()
            .with("workload", workload)
            .with("counted", "alloc_lab::measured only")
            .with("C library", "baseline x86-64 string functions (GLIBC_TUNABLES pinned)")
            .with("mimalloc", "0.1.52 (labs/alloc/Cargo.lock)"),
        figures! {
            "instructions (system allocator)" => system,
            "instructions (mimalloc)" => mimalloc,
            "mimalloc, percent of system" => mimalloc * 100 / system,
        },
    )
}

#[test]
fn mimalloc_executes_fewer_instructions_when_allocating() {
    claim("heap.allocator.mimalloc-fewer-instructions")
        .kind(Kind::Instructions)
        .statement("With mimalloc as its global allocator, the alloc lab's allocation-heavy workload executes at least 10% fewer instructions than with the system's.")
        .judges("002", "Build configuration: alternative allocators", "Replacing the system allocator with an alternative one can bring large runtime improvements; the effect depends on the program and the allocator.", "partly true: fewer instructions on this lab; run time is not measured, and the gain depends on the program")
        .judges("002", "Heap allocations", "Heap allocation performance can be improved without changing code, by using a different allocator.", "partly true: fewer instructions on this lab, without a code change; run time is not measured")
        .judges("002", "Heap allocations", "When a profiler shows malloc and free as hot, reduce the allocation rate or try another allocator.", "partly true: another allocator cuts instructions where allocation dominates, and gains less than 10% where it does not; no profile is read")
        .judges("002", "Build configuration: summary", "To maximize runtime speed, consider an alternative allocator (with other settings).", "partly true: fewer instructions on an allocation-heavy lab, not on one that barely allocates; run time is not measured")
        .predicate("mimalloc executes at most 90% of the system allocator's instructions", |f| {
            margin::ratio(f, "instructions (mimalloc)", "instructions (system allocator)", Op::Le, 0.9)
        })
        .subject("the allocation-heavy workload", || allocators_on("alloc"))
        .control("the allocation-free workload", || allocators_on("compute"))
        .check();
}

/// Sizes of the lab's release programs: `bin` next to the program with the default allocator.
fn size_against_default(bin: &str) -> Measured {
    let build = proof::lab::build("alloc", &Profile::release());
    // The harness notes the lab build; which of its programs was read, it cannot see.
    for program in [bin, "system"] {
        proof::provenance::note(format!("lab alloc (release) program {program}: size"));
    }
    let (size, default) = (build.size(bin), build.size("system"));
    Measured::new(
        Profile::release().record().with("mimalloc", "0.1.52 (labs/alloc/Cargo.lock)"),
        figures! { format!("{bin} program (bytes)") => size, "default-allocator program (bytes)" => default, "percent of the default-allocator program" => size * 100 / default },
    )
}

#[test]
fn mimalloc_makes_the_binary_larger() {
    claim("heap.allocator.mimalloc-larger-binary")
        .kind(Kind::Size)
        .statement("Linking mimalloc as the global allocator makes the alloc lab's release binary at least 10% larger; declaring `std::alloc::System` explicitly does not.")
        .judges("002", "Build configuration: alternative allocators", "An alternative allocator is likely to increase binary size.", "confirmed")
        .predicate("the program is at least 10% larger than the one with the default allocator", |f| {
            let program = f.iter().map(|(k, _)| k.to_string()).find(|k| k.ends_with(" program (bytes)") && !k.starts_with("default-allocator"));
            margin::ratio(f, &program.expect("the program's size"), "default-allocator program (bytes)", Op::Ge, 1.1)
        })
        .subject("#[global_allocator] = mimalloc::MiMalloc", || size_against_default("mimalloc"))
        .control("#[global_allocator] = std::alloc::System", || size_against_default("explicit-system"))
        .check();
}

fn small(function: &str, id: &str) -> u64 {
    proof::gungraun::instructions("allocators", "small_vectors", function, id)
}

/// Instructions to build and sum `lengths` values, 1,000 times, with `candidate` (a bench id prefix)
/// next to Vec.
fn build_against_vec(candidate: &str, name: &str, lengths: [u64; 2]) -> Measured {
    let [a, b] = lengths;
    Measured::new(
        proof::gungraun::bench_profile().with("iterations", 1000).with("smallvec", "1.16.5, union feature, inline capacity 8"),
        figures! {
            format!("instructions, {a} values ({name})") => small("build_and_sum", &format!("{candidate}_{a}")),
            format!("instructions, {a} values (Vec)") => small("build_and_sum", &format!("vec_{a}")),
            format!("instructions, {b} values ({name})") => small("build_and_sum", &format!("{candidate}_{b}")),
            format!("instructions, {b} values (Vec)") => small("build_and_sum", &format!("vec_{b}")),
            "candidate" => name,
        },
    )
}

#[test]
fn smallvec_builds_cheaper_than_vec() {
    claim("heap.smallvec.short-build-cheaper-than-vec")
        .kind(Kind::Instructions)
        .statement("Building and summing 8 or 9 values executes fewer instructions with `SmallVec<[u64; 8]>` than with `Vec`.")
        .judges(
            "002",
            "Heap allocations: SmallVec",
            "SmallVec reliably reduces the allocation rate when used appropriately, but that does not guarantee better performance.",
            "partly true: for short vectors built and read once it also executes fewer instructions",
        )
        .predicate("the candidate executes fewer instructions than Vec at both lengths", |f| {
            let c = f.str("candidate").to_string();
            let lengths: Vec<String> =
                f.iter().filter_map(|(k, _)| k.strip_prefix("instructions, ")?.strip_suffix(" values (Vec)").map(str::to_string)).collect();
            lengths.iter().all(|n| margin::lt(f, &format!("instructions, {n} values ({c})"), &format!("instructions, {n} values (Vec)")))
        })
        .subject("SmallVec<[u64; 8]>, 8 and 9 values", || build_against_vec("smallvec", "SmallVec", [8, 9]))
        .control("SmallVec<[u64; 8]>, 256 and 1,000 values: long past its inline buffer", || build_against_vec("smallvec", "SmallVec", [256, 1000]))
        .check();
}

#[test]
fn arrayvec_builds_cheaper_than_smallvec() {
    let against_smallvec = |candidate: &str, name: &str| {
        Measured::new(
            proof::gungraun::bench_profile()
                .with("iterations", 1000)
                .with("arrayvec", "0.7.8, capacity 8")
                .with("smallvec", "1.16.5, union feature, inline capacity 8"),
            figures! {
                format!("instructions, 8 values ({name})") => small("build_and_sum", candidate),
                "instructions, 8 values (SmallVec)" => small("build_and_sum", "smallvec_8"),
                "candidate" => name,
            },
        )
    };
    claim("heap.arrayvec.cheaper-than-smallvec")
        .kind(Kind::Instructions)
        .statement("`ArrayVec<u64, 8>` builds and sums 8 values in fewer instructions than `SmallVec<[u64; 8]>`.")
        .judges("002", "Heap allocations: SmallVec", "If you know the maximum length of many short vectors precisely, ArrayVec is a better choice than SmallVec: it needs no fallback to the heap and is a little faster.", "partly true: it executes fewer instructions; run time is not measured")
        .predicate("the candidate executes fewer instructions than SmallVec", |f| {
            let c = f.str("candidate").to_string();
            margin::lt(f, &format!("instructions, 8 values ({c})"), "instructions, 8 values (SmallVec)")
        })
        .subject("ArrayVec<u64, 8>", || against_smallvec("arrayvec_8", "ArrayVec"))
        .control("Vec<u64>, which allocates", || against_smallvec("vec_8", "Vec"))
        .check();
}

#[test]
fn smallvec_reads_cost_more_than_vec() {
    let reads = |function: &str, id: &str, name: &str| {
        Measured::new(
            proof::gungraun::bench_profile()
                .with("reads", "8 indexed reads, 1,000 times")
                .with("smallvec", "1.16.5, union feature, inline capacity 8"),
            figures! {
                format!("instructions ({name})") => small(function, id),
                "instructions (Vec)" => small("read_vec", "vec"),
                "candidate" => name,
            },
        )
    };
    claim("heap.smallvec.reads-cost-more-than-vec")
        .kind(Kind::Instructions)
        .statement("Reading a `SmallVec` by index executes more instructions than reading a `Vec`.")
        .judges(
            "002",
            "Heap allocations: SmallVec",
            "SmallVec is slightly slower than Vec for normal operations, because it must always check whether its elements are on the heap.",
            "partly true: indexed reads execute more instructions; other operations and run time are not measured",
        )
        .predicate("the candidate executes more instructions than Vec", |f| {
            let c = f.str("candidate").to_string();
            margin::gt(f, &format!("instructions ({c})"), "instructions (Vec)")
        })
        .subject("SmallVec<[u64; 8]> holding 8 values", || reads("read_smallvec", "smallvec", "SmallVec"))
        .control("[u64; 8], an array: no heap case, a fixed length", || reads("read_array", "array", "[u64; 8]"))
        .check();
}
