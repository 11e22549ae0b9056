//! Type-sizes claims (src/type-sizes/*.md): sizes and layouts measured with `size_of`/`align_of` in
//! this test binary and with `rustc -Zprint-type-sizes` (closures under three editions among them), and
//! how values of N bytes are copied, read from the assembly of labs/layout emitted once per (opt-level,
//! target CPU) profile (x86_64 Linux). The boundary claims (issue 21) measure where each size rule stops:
//! the payload type, the alignment, a growing payload as a series, the capture mode, the edition, the
//! CPU level.

// Predicates fold with `&&` over every comparison instead of `all`: each comparison records its margin,
// and `all` would stop at the first that fails.
#![allow(clippy::unnecessary_fold)]

use proof::lab::{self, Emit};
use proof::margin::{self, Op};
use proof::profile::{Base, Profile};
use proof::{Figures, FiguresExt, Kind, Measured, ProfileRecord, claim, figures};
use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::process::Command;

#[path = "../../labs/layout/src/guide_types.rs"] // the file allows dead code itself
mod guide_types;
use guide_types::*;

#[path = "../../labs/layout/src/boundary_types.rs"] // the file allows dead code itself
mod boundary_types;
use boundary_types::*;

#[path = "../../labs/layout/src/captures.rs"] // the file allows dead code itself
mod captures;

fn measured(f: Figures) -> Measured {
    Measured::new(ProfileRecord::cargo_test().with("target", "x86_64-unknown-linux-gnu (64-bit)"), f)
}

// ---------------------------------------------------------------------------------------------------
// Sizes and layouts, measured in this binary

fn record_layout(c: bool) -> Measured {
    let (size, align) = if c { (size_of::<RecordC>(), align_of::<RecordC>()) } else { (size_of::<Record>(), align_of::<Record>()) };
    let fields = size_of::<u8>() + size_of::<u64>() + size_of::<u8>() + size_of::<u32>() + size_of::<u16>();
    measured(figures! {
        "size (bytes)" => size,
        "alignment (bytes)" => align,
        "sum of the field sizes (bytes)" => fields,
        "padding (bytes)" => size - fields,
    })
}

#[test]
fn fields_are_reordered() {
    claim("type-sizes.layout.fields-reordered")
        .kind(Kind::Behaviour)
        .statement("Rust reorders a struct's fields to avoid padding: fields of 1, 8, 1, 4 and 2 bytes take their sum rounded up to the alignment; `#[repr(C)]` does not.")
        .judges("002", "Type sizes", "The compiler sorts the fields of structs and enums to minimize their size unless #[repr(C)] is given, so field order is not something to worry about.", "confirmed")
        .predicate("the size is the sum of the field sizes rounded up to the alignment (no padding beyond that)", |f| {
            let a = f.u64("alignment (bytes)");
            f.u64("size (bytes)") == f.u64("sum of the field sizes (bytes)").div_ceil(a) * a
        })
        .subject("struct Record { u8, u64, u8, u32, u16 } (default layout)", || record_layout(false))
        .control("the same fields under #[repr(C)]", || record_layout(true))
        .check();
}

fn message_sizes(boxed: bool) -> Measured {
    let (size, align) = if boxed { (size_of::<MessageBoxed>(), align_of::<MessageBoxed>()) } else { (size_of::<Message>(), align_of::<Message>()) };
    measured(figures! {
        "size of the enum (bytes)" => size,
        "alignment (bytes)" => align,
        "size of the large variant's fields (bytes)" => size_of::<(i32, Payload)>(),
        "word (bytes)" => size_of::<usize>(),
    })
}

#[test]
fn boxing_the_outsized_variant_shrinks_the_enum() {
    claim("type-sizes.enum.box-outsized-variant")
        .kind(Kind::Behaviour)
        .statement("Boxing the fields of an enum's one large variant (an `i32` and a 100-byte array) shrinks the whole enum to at most two words.")
        .judges("002", "Type sizes", "An enum can be surprisingly large because of one outsized variant.", "confirmed")
        .judges(
            "002",
            "Type sizes",
            "Boxing the fields of an outsized variant (here an i32 and a 100-byte array) reduces the size of the enum.",
            "confirmed",
        )
        .predicate("the enum is at most two words", |f| {
            margin::compare("size of the enum ≤ two words", f.f64("size of the enum (bytes)"), Op::Le, 2.0 * f.f64("word (bytes)"))
        })
        .subject("enum MessageBoxed { Quit, Ack(i32), Data(Box<(i32, [u8; 100])>) }", || message_sizes(true))
        .control("enum Message { Quit, Ack(i32), Data(i32, [u8; 100]) }", || message_sizes(false))
        .check();
}

fn edge_sizes(narrow: bool) -> Measured {
    let (size, align) = if narrow { (size_of::<EdgeU32>(), align_of::<EdgeU32>()) } else { (size_of::<Edge>(), align_of::<Edge>()) };
    measured(figures! {
        "size of an edge (bytes)" => size,
        "alignment (bytes)" => align,
        "bytes for 1,000 edges in a Vec" => 1000 * size,
    })
}

#[test]
fn narrow_indices_halve_the_struct() {
    claim("type-sizes.index.u32-indices-halve-edge")
        .kind(Kind::Behaviour)
        .statement("Two indices stored as `u32` rather than `usize`, beside an `f32`, make the struct at most 12 bytes on a 64-bit target: half the `usize` version.")
        .judges("002", "Type sizes", "Indices can often be stored as u32, u16 or u8 rather than usize, and widened to usize where they are used, to shrink types.", "confirmed: on a 64-bit target")
        .predicate("an edge is at most half the size of the usize version (12 bytes)", |f| margin::against(f, "size of an edge (bytes)", Op::Le, 12.0))
        .subject("struct EdgeU32 { from: u32, to: u32, weight: f32 }", || edge_sizes(true))
        .control("struct Edge { from: usize, to: usize, weight: f32 }", || edge_sizes(false))
        .check();
}

// ANCHOR: niche_rows
/// For each row, the size of `T` and of `Option<T>`: the subject's `T`s have a niche (a value they
/// can never hold, which `None` can use), the control's have none.
fn option_sizes(niche: bool) -> Measured {
    fn row<T>(f: &mut Figures, role: &str) {
        f.insert(format!("{role}: T (bytes)"), size_of::<T>().into());
        f.insert(format!("{role}: Option<T> (bytes)"), size_of::<Option<T>>().into());
    }
    let mut f = Figures::new();
    if niche {
        row::<&u64>(&mut f, "pointer");
        row::<Box<u64>>(&mut f, "owning pointer");
        row::<NonZeroU32>(&mut f, "32-bit integer");
        row::<bool>(&mut f, "byte");
        row::<Vec<u8>>(&mut f, "three words");
        row::<fn()>(&mut f, "function pointer");
    } else {
        row::<*const u64>(&mut f, "pointer");
        row::<*mut u64>(&mut f, "owning pointer");
        row::<u32>(&mut f, "32-bit integer");
        row::<u8>(&mut f, "byte");
        row::<[usize; 3]>(&mut f, "three words");
        row::<usize>(&mut f, "function pointer");
    }
    measured(f)
}
// ANCHOR_END: niche_rows

#[test]
fn option_of_a_niche_type_is_free() {
    claim("type-sizes.niche.option-costs-nothing")
        .kind(Kind::Behaviour)
        .statement("`Option<T>` is the size of `T` when `T` has a value it never holds (a niche): a reference, `Box`, `NonZeroU32`, `bool`, `Vec` or function pointer.")
        .predicate("every Option<T> is the size of its T", |f| {
            f.keys().filter(|k| k.ends_with(": T (bytes)")).all(|k| {
                let role = k.trim_end_matches(": T (bytes)");
                f.u64(k) == f.u64(&format!("{role}: Option<T> (bytes)"))
            })
        })
        .subject("T = &u64, Box<u64>, NonZeroU32, bool, Vec<u8>, fn()", || option_sizes(true))
        .control("T = *const u64, *mut u64, u32, u8, [usize; 3], usize", || option_sizes(false))
        .check();
}

fn nested(spare: bool) -> Measured {
    let f = if spare {
        figures! {
            "T (bytes)" => size_of::<bool>(),
            "Option<T> (bytes)" => size_of::<Option<bool>>(),
            "Option<Option<T>> (bytes)" => size_of::<Option<Option<bool>>>(),
            "Option<Option<Option<T>>> (bytes)" => size_of::<Option<Option<Option<bool>>>>(),
        }
    } else {
        figures! {
            "T (bytes)" => size_of::<&u64>(),
            "Option<T> (bytes)" => size_of::<Option<&u64>>(),
            "Option<Option<T>> (bytes)" => size_of::<Option<Option<&u64>>>(),
            "Option<Option<Option<T>>> (bytes)" => size_of::<Option<Option<Option<&u64>>>>(),
        }
    };
    measured(f)
}

#[test]
fn nested_options_need_many_spare_values() {
    claim("type-sizes.niche.nested-options")
        .kind(Kind::Behaviour)
        .statement("Each `Option` level needs a spare value: `Option<Option<Option<bool>>>` is as small as a `bool`, which has many; over `&u64`, which has one, it grows.")
        .predicate("three nested Options are the size of T", |f| f.u64("Option<Option<Option<T>>> (bytes)") == f.u64("T (bytes)"))
        .subject("T = bool (254 spare values)", || nested(true))
        .control("T = &u64 (one spare value: null)", || nested(false))
        .check();
}

fn handles(boxed: bool) -> Measured {
    let (ints, text) = if boxed { (size_of::<Box<[u32]>>(), size_of::<Box<str>>()) } else { (size_of::<Vec<u32>>(), size_of::<String>()) };
    measured(figures! { "word (bytes)" => size_of::<usize>(), "handle to u32 elements (bytes)" => ints, "handle to text (bytes)" => text })
}

#[test]
fn boxed_slice_is_two_words() {
    claim("type-sizes.handles.boxed-slice-two-words")
        .kind(Kind::Behaviour)
        .statement("A boxed slice (`Box<[u32]>`, `Box<str>`) is two words, a pointer and a length; a `Vec` or a `String` also holds a capacity.")
        .judges("002", "Type sizes", "A Vec is three words (length, capacity, pointer); a boxed slice is two (length, pointer).", "confirmed")
        .predicate("both handles are two words", |f| {
            let w = f.u64("word (bytes)");
            f.u64("handle to u32 elements (bytes)") == 2 * w && f.u64("handle to text (bytes)") == 2 * w
        })
        .subject("Box<[u32]> and Box<str>", || handles(true))
        .control("Vec<u32> and String", || handles(false))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Where the size rules stop: the payload type, the alignment, the payload's size, the capture mode

/// For each row, the size of a wrapper type and of its `Option`: the subject's wrappers hold a type
/// with a niche, the control's the same shape without one.
fn wrapper_option_sizes(niche: bool) -> Measured {
    fn row<T>(f: &mut Figures, role: &str) {
        f.insert(format!("{role}: T (bytes)"), size_of::<T>().into());
        f.insert(format!("{role}: Option<T> (bytes)"), size_of::<Option<T>>().into());
    }
    let mut f = Figures::new();
    if niche {
        row::<UserId>(&mut f, "newtype");
        row::<Named<'static>>(&mut f, "struct holding a reference");
        row::<Shape>(&mut f, "enum with data");
        row::<Elapsed>(&mut f, "Duration");
    } else {
        row::<RawId>(&mut f, "newtype");
        row::<NamedRaw>(&mut f, "struct holding a reference");
        row::<ShapeByHand>(&mut f, "enum with data");
        row::<ElapsedRaw>(&mut f, "Duration");
    }
    measured(f)
}

#[test]
fn niche_survives_wrapping() {
    claim("type-sizes.niche.kept-through-wrappers")
        .kind(Kind::Behaviour)
        .statement("A niche survives wrapping: an `Option` of a newtype of `NonZeroU64`, of a struct holding a `&str`, of an enum with data or of a `Duration` is no larger than the type.")
        .predicate("every Option<T> is the size of its T", |f| {
            f.keys().filter(|k| k.ends_with(": T (bytes)")).map(|k| k.trim_end_matches(": T (bytes)").to_string()).collect::<Vec<_>>().iter().fold(true, |all, role| {
                margin::equal(f, &format!("{role}: Option<T> (bytes)"), &format!("{role}: T (bytes)")) && all
            })
        })
        .subject("T = struct UserId(NonZeroU64), struct Named { &str, u32 }, enum Shape { Circle(f64), Rect(f64, f64) }, Duration", || wrapper_option_sizes(true))
        .control("T = struct RawId(u64), struct NamedRaw { *const str, u32 }, struct ShapeByHand { u8, f64, f64 }, (u64, u32)", || wrapper_option_sizes(false))
        .check();
}

fn tagged_wide(u128: bool) -> Measured {
    let (align, size, tagged, option) = if u128 {
        (align_of::<u128>(), size_of::<u128>(), size_of::<TaggedU128>(), size_of::<Option<u128>>())
    } else {
        (align_of::<[u64; 2]>(), size_of::<[u64; 2]>(), size_of::<TaggedPair>(), size_of::<Option<[u64; 2]>>())
    };
    measured(figures! {
        "alignment of the value (bytes)" => align,
        "value (bytes)" => size,
        "struct of a u8 and the value (bytes)" => tagged,
        "Option of the value (bytes)" => option,
    })
}

#[test]
fn u128_is_16_byte_aligned() {
    claim("type-sizes.align.u128-16-bytes")
        .kind(Kind::Behaviour)
        .statement("On x86-64, `u128` is 16-byte aligned: a struct of a `u8` and a `u128` takes 32 bytes, and so does `Option<u128>`; beside a `[u64; 2]` a `u8` takes 24.")
        .predicate("the value is 16-byte aligned, so a u8 beside it, or an Option's tag, takes twice its 16 bytes", |f| {
            let twice = 2.0 * f.f64("value (bytes)");
            margin::exactly(f, "alignment of the value (bytes)", 16.0) & margin::exactly(f, "struct of a u8 and the value (bytes)", twice) & margin::exactly(f, "Option of the value (bytes)", twice)
        })
        .subject("u128 (struct TaggedU128 { tag: u8, value: u128 })", || tagged_wide(true))
        .control("[u64; 2], the same 16 bytes (struct TaggedPair { tag: u8, value: [u64; 2] })", || tagged_wide(false))
        .check();
}

/// The payload sizes of the enum series, in bytes: every size up to 32, then a few larger ones.
const PAYLOADS: [usize; 37] =
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 48, 64, 100, 128];
/// The payloads whose sizes the figures (and the plot) show one by one.
const SHOWN: [usize; 6] = [0, 8, 12, 16, 24, 64];

/// (payload, inline enum, boxed enum) for every payload of `PAYLOADS`, beside a `u32` variant or
/// beside a `String` variant.
fn enum_series(beside_string: bool) -> Vec<(usize, usize, usize)> {
    macro_rules! series {
        ($inline:ident, $boxed:ident; $($n:literal),*) => {
            vec![$(($n, size_of::<$inline<$n>>(), size_of::<$boxed<$n>>())),*]
        };
    }
    let rows = if beside_string {
        series!(InlineBesideString, BoxedBesideString; 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 48, 64, 100, 128)
    } else {
        series!(Inline, Boxed; 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 48, 64, 100, 128)
    };
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), PAYLOADS, "the series covers PAYLOADS");
    rows
}

fn boxing_by_payload(beside_string: bool) -> Measured {
    let rows = enum_series(beside_string);
    let mut f = Figures::new();
    for &(n, inline, boxed) in rows.iter().filter(|r| SHOWN.contains(&r.0)) {
        f.insert(format!("payload {n:02} bytes: inline enum (bytes)"), inline.into());
        f.insert(format!("payload {n:02} bytes: boxed enum (bytes)"), boxed.into());
    }
    let grows: Vec<usize> = rows.iter().filter(|r| r.2 > r.1).map(|r| r.0).collect();
    let smallest_shrinks = rows.iter().find(|r| r.2 < r.1).map(|r| r.0).expect("boxing shrinks the enum somewhere in the series");
    // From there on, boxing keeps shrinking the enum: the threshold is one boundary, not a window.
    assert!(rows.iter().filter(|r| r.0 >= smallest_shrinks).all(|r| r.2 < r.1), "boxing shrinks every larger payload too");
    f.insert("payloads measured (0 to 32 bytes, 48, 64, 100, 128)".into(), rows.len().into());
    f.insert("word (bytes)".into(), size_of::<usize>().into());
    f.insert("payloads at which boxing grows the enum".into(), grows.len().into());
    f.insert("largest payload at which boxing grows the enum (bytes, 0 if none)".into(), grows.last().copied().unwrap_or(0).into());
    f.insert("smallest payload at which boxing shrinks the enum (bytes)".into(), smallest_shrinks.into());
    measured(f)
}

#[test]
fn boxing_pays_from_two_words() {
    claim("type-sizes.enum.boxing-pays-from-two-words")
        .kind(Kind::Behaviour)
        .statement("Beside a `u32` variant, boxing a `[u8; N]` variant grows the enum for N up to 11 and shrinks it only from N = 16, two words, on.")
        .predicate("boxing grows the enum up to a payload of 11 bytes, and shrinks it from 16 bytes (two words) on", |f| {
            margin::holds("boxing grows the enum for some payload", f.u64("payloads at which boxing grows the enum") > 0)
                & margin::exactly(f, "largest payload at which boxing grows the enum (bytes, 0 if none)", 11.0)
                & margin::exactly(f, "smallest payload at which boxing shrinks the enum (bytes)", 2.0 * f.f64("word (bytes)"))
        })
        .subject("enum { Small(u32), Big([u8; N]) } against Big(Box<[u8; N]>), N = 0 to 32, 48, 64, 100, 128", || boxing_by_payload(false))
        .control("enum { Text(String), Big([u8; N]) } against Big(Box<[u8; N]>), the same N", || boxing_by_payload(true))
        .check();
}

fn closure_sizes(by_move: bool) -> Measured {
    let [borrows, moves] = captures::whole_variables([1; 16], 3);
    measured(figures! {
        "closure (bytes)" => if by_move { moves } else { borrows },
        "variables captured" => 2u64,
        "word (bytes)" => size_of::<usize>(),
        "the variables' own size: [u64; 16] and u64 (bytes)" => size_of::<[u64; 16]>() + size_of::<u64>(),
    })
}

#[test]
fn borrowing_closure_is_a_word_per_variable() {
    claim("type-sizes.closure.borrow-is-a-word-per-variable")
        .kind(Kind::Behaviour)
        .statement("A closure using a 128-byte array and a `u64` by reference is two words, a pointer per variable; with `move` it holds both values, 136 bytes.")
        .predicate("the closure is one word per captured variable", |f| margin::exactly(f, "closure (bytes)", f.f64("variables captured") * f.f64("word (bytes)")))
        .subject("|| samples[0] * scale (captures by reference)", || closure_sizes(false))
        .control("move || samples[0] * scale", || closure_sizes(true))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// rustc -Zprint-type-sizes

/// Runs `rustc -Zprint-type-sizes` on labs/layout/src/guide_types.rs, with RUSTC_BOOTSTRAP=1 (which
/// lets a stable rustc accept -Z flags) or without it. Returns (success, stdout, stderr).
fn print_type_sizes(bootstrap: bool) -> (bool, String, String) {
    let file = proof::workspace::root().join("labs/layout/src/guide_types.rs");
    let out_dir: PathBuf = proof::workspace::target_dir().join("print-type-sizes").join(if bootstrap { "bootstrap" } else { "stable" });
    std::fs::create_dir_all(&out_dir).unwrap();
    let mut cmd = Command::new(proof::toolchain::rustc_path());
    cmd.args(["--edition", "2024", "--crate-type", "lib", "--emit=metadata", "-Zprint-type-sizes", "--out-dir"]).arg(&out_dir).arg(&file);
    cmd.env_remove("RUSTC_BOOTSTRAP").env_remove("RUSTFLAGS");
    if bootstrap {
        cmd.env("RUSTC_BOOTSTRAP", "1");
    }
    proof::environment::note("labs/layout/src/guide_types.rs", proof::environment::digest_of(&file));
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run rustc: {e}"));
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn z_flag_accepted(bootstrap: bool) -> Measured {
    let (ok, stdout, stderr) = print_type_sizes(bootstrap);
    let first_error = stderr.lines().find(|l| l.starts_with("error")).unwrap_or("(none)").to_string();
    let profile = ProfileRecord::named(
        "rustc run alone",
        &[
            ("command", "rustc --edition 2024 --crate-type lib -Zprint-type-sizes guide_types.rs".into()),
            ("RUSTC_BOOTSTRAP", if bootstrap { "1" } else { "unset" }.into()),
        ],
    );
    Measured::new(
        profile,
        figures! { "rustc succeeds" => ok, "lines of layout printed" => stdout.lines().filter(|l| l.starts_with("print-type-size")).count(), "first error" => first_error },
    )
}

#[test]
fn print_type_sizes_needs_nightly() {
    claim("type-sizes.print.stable-rejects-z-flag")
        .stable_only()
        .kind(Kind::Behaviour)
        .statement("A stable rustc rejects `-Zprint-type-sizes` unless `RUSTC_BOOTSTRAP=1` is set, which makes it print every type's layout.")
        .judges(
            "002",
            "Type sizes",
            "-Zprint-type-sizes is not enabled on release versions of rustc: it needs a nightly compiler.",
            "confirmed: a stable rustc rejects it; `RUSTC_BOOTSTRAP=1` lifts that",
        )
        .predicate("rustc fails and prints no layout", |f| !f.bool("rustc succeeds") && f.u64("lines of layout printed") == 0)
        .subject("stable rustc 1.95, RUSTC_BOOTSTRAP unset", || z_flag_accepted(false))
        .control("the same rustc with RUSTC_BOOTSTRAP=1", || z_flag_accepted(true))
        .check();
}

/// The `-Zprint-type-sizes` report of `ty`: its size, alignment, discriminant, and the order of the
/// fields of its `Padded` variant as printed (the order in memory).
fn printed_layout(ty: &str) -> Measured {
    let (ok, stdout, stderr) = print_type_sizes(true);
    assert!(ok, "rustc -Zprint-type-sizes failed: {stderr}");
    let head = format!("print-type-size type: `{ty}`: ");
    let mut lines = stdout.lines().skip_while(|l| !l.starts_with(&head));
    let first = lines.next().unwrap_or_else(|| panic!("no layout printed for `{ty}`"));
    let block: Vec<&str> = lines.take_while(|l| !l.starts_with("print-type-size type:")).collect();
    let number_after = |text: &str, key: &str| -> u64 {
        text.split(key)
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no `{key}` in `{text}`"))
    };
    let discriminant = block
        .iter()
        .find(|l| l.trim_start().starts_with("print-type-size     discriminant:"))
        .map(|l| number_after(l, "discriminant: "))
        .unwrap_or(0);
    let order: Vec<String> = block
        .iter()
        .skip_while(|l| !l.contains("variant `Padded`"))
        .skip(1)
        .take_while(|l| !l.contains("variant `"))
        .filter_map(|l| l.split("field `").nth(1).and_then(|r| r.split('`').next()).map(str::to_string))
        .collect();
    let profile = ProfileRecord::named(
        "rustc run alone",
        &[("command", "RUSTC_BOOTSTRAP=1 rustc --edition 2024 --crate-type lib -Zprint-type-sizes guide_types.rs".into())],
    );
    Measured::new(
        profile,
        figures! {
            "size (bytes)" => first[head.len()..].split_whitespace().next().and_then(|n| n.parse::<u64>().ok()).expect("a size"),
            "alignment (bytes)" => number_after(first, "alignment: "),
            "discriminant (bytes)" => discriminant,
            "fields of Padded(u64, u8, u64, u8), in memory order" => order.join(", "),
        },
    )
}

#[test]
fn print_type_sizes_shows_reordered_variant() {
    claim("type-sizes.print.enum-variant-reordered")
        .kind(Kind::Behaviour)
        .statement("`-Zprint-type-sizes` shows rustc placing the two `u8` fields of a `(u64, u8, u64, u8)` enum variant first, in an enum of 32 bytes.")
        .judges("002", "Type sizes", "-Zprint-type-sizes prints the size and alignment of each type, the size of an enum's discriminant, each variant's size and the size, alignment and order of its fields, and where the padding is.", "confirmed: size, alignment, discriminant and field order are read from it here")
        .judges("002", "Type sizes", "For the guide's example enum (variants (), (i32), (u64, u8, u64, u8) and (Vec<u32>)), rustc reports 32 bytes, alignment 8, a one-byte discriminant, and the third variant's fields reordered to keep the enum small.", "confirmed")
        .predicate("the u8 fields (.1, .3) come first, and the enum is 32 bytes", |f| {
            f.str("fields of Padded(u64, u8, u64, u8), in memory order").starts_with(".1, .3") && f.u64("size (bytes)") == 32
        })
        .subject("enum Mixed (default layout)", || printed_layout("Mixed"))
        .control("enum MixedC (#[repr(C)])", || printed_layout("MixedC"))
        .check();
}

/// The closures of `captures::two_fields` as rustc lays them out under each of `editions`, read from
/// `-Zprint-type-sizes` (captures.rs compiled alone, with full code generation so that every closure is
/// laid out): one figure set per edition.
fn field_captures(editions: &[&str]) -> Measured {
    let file = proof::workspace::root().join("labs/layout/src/captures.rs");
    let source = std::fs::read_to_string(&file).expect("labs/layout/src/captures.rs");
    let line_of =
        |marker: &str| source.lines().position(|l| l.contains(marker)).map(|i| i + 1).unwrap_or_else(|| panic!("no `{marker}` in captures.rs"));
    let mut f = Figures::new();
    f.insert("the two fields used, x and y (bytes)".into(), (2 * size_of::<u64>()).into());
    for edition in editions {
        let args = ["--edition", edition, "--crate-type", "lib", "--emit=obj", "-Zprint-type-sizes", "captures.rs"];
        let out = proof::dump::rustc(&format!("type-sizes-captures-{edition}"), &[("captures.rs", &source)], &args);
        assert!(out.success, "rustc -Zprint-type-sizes captures.rs (edition {edition}) failed: {}", out.stderr);
        let size_of_type = |name_start: &str| -> u64 {
            let head = format!("print-type-size type: `{name_start}");
            let line = out.stdout.lines().find(|l| l.starts_with(&head)).unwrap_or_else(|| panic!("no layout printed for `{name_start}…`"));
            line.split("`: ")
                .nth(1)
                .and_then(|r| r.split_whitespace().next())
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no size in `{line}`"))
        };
        let closure = |marker: &str| size_of_type(&format!("{{closure@captures.rs:{}:", line_of(marker)));
        f.insert(format!("edition {edition}: struct Particle (bytes)"), size_of_type("Particle`").into());
        f.insert(format!("edition {edition}: closure borrowing p.x and p.y (bytes)"), closure("// closure: borrows two fields").into());
        f.insert(format!("edition {edition}: move closure using p.x and p.y (bytes)"), closure("// closure: moves two fields").into());
    }
    let profile = ProfileRecord::named(
        "rustc run alone",
        &[
            ("command", "RUSTC_BOOTSTRAP=1 rustc --edition <edition> --crate-type lib --emit=obj -Zprint-type-sizes captures.rs".into()),
            ("edition", editions.join(", ").into()),
            ("target", "x86_64-unknown-linux-gnu (64-bit)".into()),
        ],
    );
    Measured::new(profile, f)
}

#[test]
fn edition_2021_closures_capture_fields() {
    claim("type-sizes.closure.edition-2021-captures-fields")
        .kind(Kind::Behaviour)
        .statement("Under editions 2021 and 2024, a `move` closure using two `u64` fields of a 120-byte struct holds just those fields, 16 bytes; under edition 2018 it holds the whole struct.")
        .predicate("in every edition measured, the move closure holds only the two fields it uses", |f| {
            let keys: Vec<String> = f.keys().filter(|k| k.ends_with("move closure using p.x and p.y (bytes)")).cloned().collect();
            keys.iter().fold(true, |all, k| margin::equal(f, k, "the two fields used, x and y (bytes)") && all)
        })
        .subject("editions 2021 and 2024 (captures.rs compiled alone)", || field_captures(&["2021", "2024"]))
        .control("edition 2018", || field_captures(&["2018"]))
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Copies: inline moves, rep movs, or a call to memcpy, by size, opt-level and target CPU

const LAB: &str = "layout";
const OPT_LEVELS: [&str; 6] = ["0", "1", "2", "3", "s", "z"];

/// `release` with `opt-level` and an explicit target CPU (`x86-64`, the default, or `x86-64-v3`).
fn copy_profile(opt: &str, cpu: &str) -> Profile {
    let suffix = if cpu == "x86-64" { String::new() } else { format!("-{}", cpu.trim_start_matches("x86-64-")) };
    Profile::custom(&format!("layout-o{opt}{suffix}"), Base::Release).opt_level(opt).rustflags(&[&format!("-Ctarget-cpu={cpu}")])
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum How {
    Moves,
    RepMovs,
    Memcpy,
}

/// Every `copy_NNNN` of the lab under `profile`: size -> how it copies, and the function's text.
fn copies(profile: &Profile) -> BTreeMap<u64, (How, String)> {
    let asm = lab::Functions::new(lab::emit(LAB, LAB, profile, Emit::Asm), Emit::Asm);
    let mut out = BTreeMap::new();
    for words in 1..=128u64 {
        let bytes = words * 8;
        let path = format!("layout::copy_{bytes:04}");
        let body = asm.text(&path).unwrap_or_else(|| panic!("no assembly for {path}"));
        let how = if body.contains("memcpy") {
            How::Memcpy
        } else if body.lines().any(|l| l.trim_start().starts_with("rep")) {
            How::RepMovs
        } else {
            How::Moves
        };
        out.insert(bytes, (how, body));
    }
    out
}

/// Figures of one profile's series, each name prefixed with `prefix`.
fn series_figures(f: &mut Figures, prefix: &str, series: &BTreeMap<u64, (How, String)>) {
    let largest_moves = series.iter().take_while(|(_, (h, _))| *h == How::Moves).map(|(n, _)| *n).last().unwrap_or(0);
    let first_memcpy = series.iter().find(|(_, (h, _))| *h == How::Memcpy).map(|(n, _)| *n).unwrap_or(0);
    let count = |how| series.values().filter(|(h, _)| *h == how).count() as u64;
    f.insert(format!("{prefix}largest copy by inline moves (bytes)"), largest_moves.into());
    f.insert(format!("{prefix}smallest copy calling memcpy (bytes, 0 = none up to 1024)"), first_memcpy.into());
    f.insert(format!("{prefix}sizes copied by rep movs (of 128)"), count(How::RepMovs).into());
    f.insert(format!("{prefix}sizes copied by a memcpy call (of 128)"), count(How::Memcpy).into());
}

/// One profile: the series' figures, and the code of the copy of `show` bytes.
fn copy_series(opt: &str, cpu: &str, show: u64) -> Measured {
    copy_series_with(copy_profile(opt, cpu), show)
}

/// [`copy_series`] under any profile of the lab.
fn copy_series_with(profile: Profile, show: u64) -> Measured {
    let series = copies(&profile);
    let mut f = Figures::new();
    series_figures(&mut f, "", &series);
    let path = format!("layout::copy_{show:04}");
    Measured::new(profile.record(), f).code(
        "x86asm",
        &format!("{path} (copies {show} bytes), assembly (AT&T syntax, as rustc emits it)"),
        &lab::excerpt(&series[&show].1, Emit::Asm),
    )
}

/// All six opt-levels for one CPU: one figure set per opt-level.
fn copy_series_by_opt(cpu: &str) -> Measured {
    let mut f = Figures::new();
    for opt in OPT_LEVELS {
        series_figures(&mut f, &format!("opt-level {opt}: "), &copies(&copy_profile(opt, cpu)));
    }
    let profile = ProfileRecord::named(
        &format!("release with opt-level 0, 1, 2, 3, s and z (six builds, layout-o*), -Ctarget-cpu={cpu}"),
        &[
            ("opt-level", "0, 1, 2, 3, s, z".into()),
            ("rustflags", format!("-Ctarget-cpu={cpu}").into()),
            ("codegen-units", 16.into()),
            ("lto", false.into()),
        ],
    );
    Measured::new(profile, f)
}

#[test]
fn copies_above_128_bytes_call_memcpy() {
    claim("type-sizes.copy.memcpy-above-128-bytes")
        .kind(Kind::Asm)
        .statement("At opt-level 3 for the default x86-64 CPU, copies of up to 128 bytes are inline moves, and a 136-byte copy calls `memcpy`.")
        .judges(
            "002",
            "Type sizes",
            "Rust types larger than 128 bytes are copied with memcpy rather than inline code.",
            "partly true: at opt-level 3 for the default x86-64 CPU; for x86-64-v3 the limit is 256 bytes",
        )
        .judges(
            "002",
            "Type sizes",
            "Shrinking a type to 128 bytes or less avoids memcpy calls when it is copied.",
            "partly true: at opt-level 3 for the default x86-64 CPU, as measured here",
        )
        .predicate("copies up to 128 bytes are inline moves and the copy of 136 bytes calls memcpy", |f| {
            f.u64("largest copy by inline moves (bytes)") == 128 && f.u64("smallest copy calling memcpy (bytes, 0 = none up to 1024)") == 136
        })
        .subject("opt-level 3, -Ctarget-cpu=x86-64 (the default)", || copy_series("3", "x86-64", 136))
        .control("opt-level 3, -Ctarget-cpu=x86-64-v3 (AVX2)", || copy_series("3", "x86-64-v3", 136))
        .check();
}

#[test]
fn newer_cpu_raises_the_copy_limit() {
    claim("type-sizes.copy.threshold-by-cpu")
        .kind(Kind::Asm)
        .statement("Built for `x86-64-v3` (AVX2), copies of up to 256 bytes stay inline moves at opt-levels 1, 2 and 3.")
        .predicate("at opt-levels 1, 2 and 3, copies up to 256 bytes are inline moves", |f| {
            ["1", "2", "3"].iter().all(|o| f.u64(&format!("opt-level {o}: largest copy by inline moves (bytes)")) == 256)
        })
        .subject("-Ctarget-cpu=x86-64-v3, each opt-level", || copy_series_by_opt("x86-64-v3"))
        .control("-Ctarget-cpu=x86-64 (the default), each opt-level", || copy_series_by_opt("x86-64"))
        .check();
}

#[test]
fn unoptimized_copies_call_memcpy_early() {
    claim("type-sizes.copy.opt-level-0-memcpy-above-32-bytes")
        .kind(Kind::Asm)
        .statement("In simple copy functions at opt-level 0, copies of up to 32 bytes are inline moves, and a 40-byte copy already calls `memcpy`.")
        .predicate("copies of more than 32 bytes call memcpy", |f| {
            f.u64("largest copy by inline moves (bytes)") == 32 && f.u64("smallest copy calling memcpy (bytes, 0 = none up to 1024)") == 40
        })
        .subject("opt-level 0, -Ctarget-cpu=x86-64", || copy_series("0", "x86-64", 40))
        .control("opt-level 3, -Ctarget-cpu=x86-64", || copy_series("3", "x86-64", 40))
        .check();
}

#[test]
fn size_optimized_copies_use_rep_movs() {
    claim("type-sizes.copy.opt-level-z-never-calls-memcpy")
        .kind(Kind::Asm)
        .statement("At opt-level `\"z\"` (smallest code), none of the copies of 8 to 1024 bytes calls `memcpy`.")
        .predicate("no copy up to 1024 bytes calls memcpy", |f| f.u64("sizes copied by a memcpy call (of 128)") == 0)
        .subject("opt-level z, -Ctarget-cpu=x86-64", || copy_series("z", "x86-64", 1024))
        .control("opt-level 3, -Ctarget-cpu=x86-64", || copy_series("3", "x86-64", 1024))
        .check();
}

#[test]
fn opt_level_s_copies_mid_sizes_with_rep_movs() {
    claim("type-sizes.copy.opt-level-s-rep-movs-mid-sizes")
        .kind(Kind::Asm)
        .statement(
            "At opt-level `\"s\"`, copies of 8-byte-aligned arrays are inline moves only up to 64 bytes; some larger sizes use `rep movs` instead.",
        )
        .predicate("copies up to 64 bytes are moves, and some larger ones use rep movs", |f| {
            f.u64("largest copy by inline moves (bytes)") == 64 && margin::against(f, "sizes copied by rep movs (of 128)", Op::Gt, 0.0)
        })
        .subject("opt-level s, -Ctarget-cpu=x86-64", || copy_series("s", "x86-64", 128))
        .control("opt-level 3, -Ctarget-cpu=x86-64", || copy_series("3", "x86-64", 128))
        .check();
}

#[test]
fn avx512_keeps_the_256_byte_limit() {
    claim("type-sizes.copy.v4-limit-stays-256-bytes")
        .kind(Kind::Asm)
        .statement("Built for `x86-64-v4` (AVX-512) at opt-level 3, copies stay inline moves only up to 256 bytes, as for v3: LLVM's preference for 256-bit vectors holds the limit.")
        .predicate("copies up to 256 bytes are inline moves and the copy of 264 bytes calls memcpy", |f| {
            margin::exactly(f, "largest copy by inline moves (bytes)", 256.0) & margin::exactly(f, "smallest copy calling memcpy (bytes, 0 = none up to 1024)", 264.0)
        })
        .subject("opt-level 3, -Ctarget-cpu=x86-64-v4", || copy_series("3", "x86-64-v4", 264))
        .control("opt-level 3, -Ctarget-cpu=x86-64-v4 -Ctarget-feature=-prefer-256-bit (512-bit vectors allowed)", || {
            let profile = Profile::custom("layout-o3-v4-zmm", Base::Release).opt_level("3").rustflags(&["-Ctarget-cpu=x86-64-v4", "-Ctarget-feature=-prefer-256-bit"]);
            copy_series_with(profile, 264)
        })
        .check();
}

// ---------------------------------------------------------------------------------------------------
// Programs of labs/layout's member `programs`: thin-vec's sizes, and a copy loop run under DHAT

/// The sizes `thin_sizes` prints, as `name=bytes` lines.
fn thin_sizes() -> BTreeMap<String, u64> {
    let profile = copy_profile("3", "x86-64");
    let bin = lab::build(LAB, &profile).bin("thin_sizes");
    let out = Command::new(&bin).output().unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    assert!(out.status.success(), "thin_sizes failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.trim().parse().expect("a number")))
        .collect()
}

fn vector_handles(thin: bool) -> Measured {
    let s = thin_sizes();
    let (handle, node) = if thin { ("ThinVec<u64>", "ThinNode") } else { ("Vec<u64>", "Node") };
    // One run of thin_sizes prints every type's size: what this side reads is its own types' lines.
    for ty in [handle, node, "word"] {
        proof::provenance::note(format!("size of `{ty}` printed by labs/layout's thin_sizes"));
    }
    Measured::new(
        copy_profile("3", "x86-64").record().with("crate", "thin-vec 0.2.21"),
        figures! { "word (bytes)" => s["word"], "vector handle (bytes)" => s[handle], "enum with a vector variant (bytes)" => s[node] },
    )
}

#[test]
fn thin_vec_is_one_word() {
    claim("type-sizes.handles.thin-vec-one-word")
        .kind(Kind::Behaviour)
        .statement("`thin-vec`'s `ThinVec<u64>` is one word: its length and capacity live in the heap block, not in the handle as a `Vec`'s do.")
        .judges(
            "002",
            "Type sizes",
            "ThinVec from the thin_vec crate stores its length and capacity in its heap allocation, so size_of::<ThinVec<T>> is one word.",
            "confirmed",
        )
        .judges("002", "Type sizes", "ThinVec can shrink the largest variant of an enum when that variant holds a Vec.", "confirmed")
        .judges(
            "002",
            "Type sizes",
            "ThinVec suits vectors that are often empty inside types that exist in large numbers.",
            "partly true: the handle is one word instead of three; its slower length lookups are not measured",
        )
        .predicate("the vector handle is one word", |f| f.u64("vector handle (bytes)") == f.u64("word (bytes)"))
        .subject("thin_vec::ThinVec<u64>, enum ThinNode { Leaf(u32), Branch(ThinVec<ThinNode>) }", || vector_handles(true))
        .control("Vec<u64>, enum Node { Leaf(u32), Branch(Vec<Node>) }", || vector_handles(false))
        .check();
}

/// Runs `copy_loop <bytes>` under `valgrind --tool=dhat --mode=copy` and reads, from DHAT's JSON
/// output, the copies (calls to memcpy and its relatives) whose caller is `copy_loop::copy_many`.
fn dhat_copies(bytes: u64) -> Measured {
    let profile = copy_profile("3", "x86-64");
    let bin = lab::build(LAB, &profile).bin("copy_loop");
    proof::gungraun::require_tools();
    // Both sides run the same build; what differs is the program's input, the size of the value copied.
    proof::provenance::note(format!("copy_loop {bytes} run under valgrind --tool=dhat --mode=copy"));
    proof::environment::note("valgrind", proof::environment::valgrind_version());
    // DHAT's report depends only on the binary, valgrind and the input: a later process reuses it.
    let key = format!("{} {} {bytes}", proof::environment::digest_of(&bin), proof::environment::valgrind_version());
    let text = proof::stamp::memo("dhat-copy", &format!("copy_loop_{bytes}"), &key, || {
        let out_file = proof::workspace::target_dir().join("dhat-copy").join(format!("copy_loop_{bytes}.json"));
        std::fs::create_dir_all(out_file.parent().unwrap()).unwrap();
        let mut dhat = Command::new("valgrind");
        dhat.args(["--tool=dhat", "--mode=copy"]).arg(format!("--dhat-out-file={}", out_file.display())).arg(&bin).arg(bytes.to_string());
        // Killed and run again if valgrind stops making progress (see proof::gungraun::output_within).
        let out = proof::gungraun::output_within(&mut dhat, "valgrind --tool=dhat --mode=copy copy_loop");
        assert!(out.status.success(), "valgrind --tool=dhat failed: {}", String::from_utf8_lossy(&out.stderr));
        std::fs::read_to_string(&out_file).unwrap()
    });
    let report: serde_json::Value = serde_json::from_str(&text).expect("DHAT's JSON output");
    let frames: Vec<&str> = report["ftbl"].as_array().expect("ftbl").iter().map(|f| f.as_str().unwrap_or_default()).collect();
    let (mut copies, mut copied) = (0u64, 0u64);
    for pp in report["pps"].as_array().expect("pps") {
        let from_loop =
            pp["fs"].as_array().into_iter().flatten().filter_map(|i| i.as_u64()).any(|i| frames[i as usize].contains("copy_loop::copy_many"));
        if from_loop {
            copies += pp["tbk"].as_u64().unwrap_or(0);
            copied += pp["tb"].as_u64().unwrap_or(0);
        }
    }
    Measured::new(
        profile.record().with("tool", "valgrind --tool=dhat --mode=copy"),
        figures! { "value size (bytes)" => bytes, "copies made by the loop" => 1000u64, "copies DHAT reports in copy_many" => copies, "bytes DHAT reports copied in copy_many" => copied },
    )
}

#[test]
fn dhat_copy_mode_finds_the_memcpy_calls() {
    claim("type-sizes.copy.dhat-copy-mode-finds-memcpy")
        .kind(Kind::Behaviour)
        .statement("`valgrind --tool=dhat --mode=copy` attributes each `memcpy` call to its caller: 1,000 copies of 136 bytes in a loop show as 1,000 copies there.")
        .judges("002", "Type sizes", "DHAT's copy-profiling mode shows exactly where the hot memcpy calls are and which types are involved.", "partly true: it finds each memcpy call and its caller; copies by inline moves are invisible to it")
        .predicate("DHAT reports one copy per copy the loop makes", |f| f.u64("copies DHAT reports in copy_many") == f.u64("copies made by the loop"))
        .subject("copy_loop 136: 1,000 copies of 136 bytes (release, x86-64)", || dhat_copies(136))
        .control("copy_loop 128: 1,000 copies of 128 bytes", || dhat_copies(128))
        .check();
}
