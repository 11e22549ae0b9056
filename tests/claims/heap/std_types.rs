//! Claims of "Where allocations hide" about standard-library operations: instruction counts read from
//! the Gungraun benchmarks in benches/heap_std.rs, and which allocator entry point `vec![0; n]` calls,
//! seen through a counting wrapper around the system allocator.

use proof::margin::{self, Op};
use proof::{Figures, FiguresExt, Kind, Measured, ProfileRecord, claim, figures};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

#[allow(dead_code)]
#[path = "../../../examples/heap_hidden_std.rs"]
mod heap_hidden_std;

// ---------------------------------------------------------------------------------------------------
// Which allocator entry point a vector of zeros uses.

/// The system allocator, counting the calls of each entry point made by the current thread (the test
/// harness runs other tests on other threads at the same time; their calls are not counted here).
struct Counting;

thread_local! {
    static CALLS: Cell<[u64; 3]> = const { Cell::new([0; 3]) };
}

const ALLOC: usize = 0;
const ALLOC_ZEROED: usize = 1;
const REALLOC: usize = 2;

fn count(entry: usize) {
    let _ = CALLS.try_with(|c| {
        let mut calls = c.get();
        calls[entry] += 1;
        c.set(calls);
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(ALLOC);
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(ALLOC_ZEROED);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(REALLOC);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The allocator calls `f` makes on this thread (what it returns is dropped after the count).
fn allocator_calls<R>(f: impl FnOnce() -> R) -> Measured {
    let before = CALLS.with(Cell::get);
    let result = std::hint::black_box(f());
    let after = CALLS.with(Cell::get);
    drop(result);
    Measured::new(
        ProfileRecord::cargo_test().with("global allocator", "std::alloc::System behind a counting wrapper"),
        figures! {
            "alloc calls" => after[ALLOC] - before[ALLOC],
            "alloc_zeroed calls" => after[ALLOC_ZEROED] - before[ALLOC_ZEROED],
            "realloc calls" => after[REALLOC] - before[REALLOC],
        },
    )
}

#[test]
fn zeroed_vec_asks_for_zeroed_memory() {
    claim("heap.vec.zeroed-asks-for-zeroed-memory")
        .kind(Kind::Behaviour)
        .statement("`vec![0; n]` asks the global allocator for zeroed memory, one `alloc_zeroed` call; `with_capacity` then `resize(n, 0)` calls plain `alloc`.")
        .judges("002", "Standard library types: Vec", "vec![0; n] can get its zeros from the operating system instead of writing them.", "partly true: it calls alloc_zeroed; whether the zeros come from the OS is up to the allocator")
        .predicate("one alloc_zeroed call, no alloc or realloc call", |f| {
            f.u64("alloc_zeroed calls") == 1 && f.u64("alloc calls") == 0 && f.u64("realloc calls") == 0
        })
        .subject("vec![0u64; 1000]", || allocator_calls(|| heap_hidden_std::zeros_macro(1000)))
        .control("Vec::with_capacity(1000), then resize(1000, 0)", || allocator_calls(|| heap_hidden_std::zeros_resize(1000)))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Instruction counts (benches/heap_std.rs).

fn count_of(group: &str, function: &str, id: &str) -> u64 {
    proof::gungraun::instructions("heap_std", group, function, id)
}

fn instructions(figures: Figures) -> Measured {
    Measured::new(proof::gungraun::bench_profile(), figures)
}

/// `vec![0; n]` next to `with_capacity` + `resize` for the bench id `id` (a size).
fn zeros_at(id: &str) -> Measured {
    instructions(figures! {
        "instructions (vec![0; n])" => count_of("zeroed", "zeros_macro", id),
        "instructions (with_capacity + resize)" => count_of("zeroed", "zeros_resize", id),
    })
}

#[test]
fn zeroed_vec_skips_zeroing_when_large() {
    claim("heap.std.vec-zeroed-large-fewer-instructions")
        .kind(Kind::Instructions)
        .statement("For a 1 MiB vector of zeros, `vec![0; n]` executes under a tenth of the instructions of `with_capacity` then `resize`; at 4 KiB it does not.")
        .judges("002", "Standard library types: Vec", "vec![0; n] is the best way to make a zero-filled Vec: simple, and probably as fast as or faster than resize, extend or unsafe code, because it can use OS assistance.", "partly true: far fewer instructions at 1 MiB, none saved at 4 KiB; the kernel's page clearing is not counted")
        .predicate("vec![0; n] executes less than a tenth of the instructions of with_capacity + resize", |f| {
            margin::ratio(f, "instructions (vec![0; n])", "instructions (with_capacity + resize)", Op::Lt, 0.1)
        })
        .subject("1 MiB: 131,072 u64 zeros", || zeros_at("kib_1024"))
        .control("4 KiB: 512 u64 zeros", || zeros_at("kib_4"))
        .check();
}

/// The count of `function` (group `group`) at a shorter and a longer input.
fn growth(group: &str, function: &str, short: (&str, &str), long: (&str, &str)) -> Measured {
    let (a, b) = (count_of(group, function, short.1), count_of(group, function, long.1));
    instructions(figures! {
        format!("instructions ({})", short.0) => a,
        format!("instructions ({})", long.0) => b,
    })
}

#[test]
fn zeroed_vec_count_does_not_grow() {
    let sizes = (("256 KiB", "kib_256"), ("1 MiB", "kib_1024"));
    claim("heap.std.vec-zeroed-count-flat")
        .kind(Kind::Instructions)
        .statement("Growing a vector of zeros from 256 KiB to 1 MiB less than doubles the instructions `vec![0; n]` executes; with `resize` they at least double.")
        .predicate("the count at 1 MiB is less than twice the count at 256 KiB", |f| {
            margin::ratio(f, "instructions (1 MiB)", "instructions (256 KiB)", Op::Lt, 2.0)
        })
        .subject("vec![0u64; n]", || growth("zeroed", "zeros_macro", sizes.0, sizes.1))
        .control("Vec::with_capacity(n), then resize(n, 0)", || growth("zeroed", "zeros_resize", sizes.0, sizes.1))
        .check();
}

const LENGTHS: ((&str, &str), (&str, &str)) = (("1,000 elements", "len_1000"), ("10,000 elements", "len_10000"));

#[test]
fn remove_grows_with_length() {
    claim("heap.std.remove-grows-with-length")
        .kind(Kind::Instructions)
        .statement("`Vec::remove(0)` executes at least five times as many instructions on a `Vec` of 10,000 `u64` as on one of 1,000; `swap_remove(0)` does not.")
        .judges("002", "Standard library types: Vec", "Vec::remove shifts all later elements one place to the left, so it is O(n).", "confirmed: ten times the length, about ten times the instructions")
        .predicate("the count at 10,000 elements is at least five times the count at 1,000", |f| {
            margin::ratio(f, "instructions (10,000 elements)", "instructions (1,000 elements)", Op::Ge, 5.0)
        })
        .subject("v.remove(0)", || growth("removing", "remove", LENGTHS.0, LENGTHS.1))
        .control("v.swap_remove(0)", || growth("removing", "swap_remove", LENGTHS.0, LENGTHS.1))
        .check();
}

#[test]
fn swap_remove_is_constant() {
    claim("heap.std.swap-remove-constant")
        .kind(Kind::Instructions)
        .statement("`Vec::swap_remove(0)` executes the same number of instructions (within 10%) on a `Vec` of 10,000 `u64` as on one of 1,000; `remove(0)` does not.")
        .judges("002", "Standard library types: Vec", "Vec::swap_remove puts the last element in place of the removed one: the order is lost, but the cost is O(1).", "confirmed: the count stays within 10% while the length grows tenfold")
        .predicate("the count at 10,000 elements is within 10% of the count at 1,000, above or below", |f| {
            margin::within(f, "instructions (10,000 elements)", "instructions (1,000 elements)", 10.0)
        })
        .subject("v.swap_remove(0)", || growth("removing", "swap_remove", LENGTHS.0, LENGTHS.1))
        .control("v.remove(0)", || growth("removing", "remove", LENGTHS.0, LENGTHS.1))
        .check();
}

#[test]
fn retain_is_linear() {
    let lengths = (("1,000 elements", "len_1000"), ("4,000 elements", "len_4000"));
    claim("heap.std.retain-linear")
        .kind(Kind::Instructions)
        .statement("`retain` removing the even numbers from a `Vec` four times as long executes less than six times the instructions; a `remove` loop executes more.")
        .judges("002", "Standard library types: Vec", "Vec::retain removes many elements from a Vec efficiently.", "confirmed: its count grows with the length, where a remove loop's grows far faster")
        .predicate("four times the length costs less than six times the instructions", |f| {
            margin::ratio(f, "instructions (4,000 elements)", "instructions (1,000 elements)", Op::Lt, 6.0)
        })
        .subject("v.retain(|x| x % 2 != 0)", || growth("removing", "retain", lengths.0, lengths.1))
        .control("v.remove(i) for every even element", || growth("removing", "remove_loop", lengths.0, lengths.1))
        .check();
}

/// Instructions for 1,000 uncontended lock-and-unlock rounds of `function` next to the standard
/// library's Mutex.
fn locks(function: &str, id: &str, name: &str) -> Measured {
    Measured::new(
        proof::gungraun::bench_profile().with("rounds", 1000).with("contention", "none: one thread").with("parking_lot", "0.12.5"),
        figures! {
            format!("instructions ({name})") => count_of("locks", function, id),
            "instructions (std::sync::Mutex)" => count_of("locks", "std_mutex", "n1000"),
            "candidate" => name,
        },
    )
}

#[test]
fn parking_lot_mutex_takes_fewer_instructions_uncontended() {
    claim("heap.std.parking-lot-mutex-fewer-instructions")
        .kind(Kind::Instructions)
        .statement("Locking and unlocking an uncontended `Mutex` executes fewer instructions with parking_lot's than with the standard library's.")
        .judges("002", "Standard library types: parking_lot", "parking_lot's types used to be reliably faster than the standard library's, but the standard library's have greatly improved on some platforms, so measure before switching.", "partly true: parking_lot still executes fewer instructions uncontended; contention is not measured")
        .predicate("the candidate executes fewer instructions than std's Mutex", |f| {
            let c = f.str("candidate").to_string();
            margin::lt(f, &format!("instructions ({c})"), "instructions (std::sync::Mutex)")
        })
        .subject("parking_lot::Mutex<u64>", || locks("parking_lot_mutex", "n1000", "parking_lot::Mutex"))
        .control("parking_lot::ReentrantMutex<Cell<u64>>, which also checks the owning thread", || locks("parking_lot_reentrant", "n1000", "parking_lot::ReentrantMutex"))
        .check();
}

/// The sizes of the two Mutex types around a value of type `T`.
fn mutex_sizes<T>(what: &str) -> Measured {
    let std = std::mem::size_of::<std::sync::Mutex<T>>();
    let pl = std::mem::size_of::<parking_lot::Mutex<T>>();
    Measured::new(
        ProfileRecord::cargo_test().with("protected value", what).with("parking_lot", "0.12.5"),
        figures! { "std::sync::Mutex (bytes)" => std, "parking_lot::Mutex (bytes)" => pl, "parking_lot's is smaller" => pl < std },
    )
}

#[test]
fn parking_lot_mutex_is_smaller_only_around_small_values() {
    claim("heap.std.parking-lot-mutex-smaller")
        .kind(Kind::Behaviour)
        .statement("parking_lot's `Mutex<()>` is smaller than the standard library's; around a `u64` it is not.")
        .judges(
            "002",
            "Standard library types: parking_lot",
            "parking_lot's types used to be reliably smaller than the standard library's.",
            "partly true: only around a small value; around a u64 both are the same size",
        )
        .predicate("parking_lot's Mutex is smaller than std's", |f| f.bool("parking_lot's is smaller"))
        .subject("Mutex<()>", || mutex_sizes::<()>("()"))
        .control("Mutex<u64>", || mutex_sizes::<u64>("u64"))
        .check();
}
