//! Rust functions found by their demangled path, whatever the symbol mangling.
//!
//! rustc spells one function's symbol in two ways: the legacy mangling (`_ZN7mathlib6square17h…E`,
//! stable's default) and the v0 mangling (`_RNvCs…_7mathlib6square`, nightly's default, or
//! `-Csymbol-mangling-version=v0`). A detector that looks for a mangled spelling (`_ZN`, `17h`, a
//! `<len><name>` prefix) counts nothing under the other one. Every detector of the harness and of the
//! checks asks here instead: a symbol, in an ELF symbol table, an assembly label or operand, or an LLVM IR
//! `@name`, is demangled without its hash, and compared with the path the check names
//! ([`path_matches`]) in a form both manglings share ([`canonical`]):
//!
//! - a generic function's instances are named by the function's path: v0 demangles them with their type
//!   arguments (`pipeline::larger::<u8>`), legacy without (`pipeline::larger`);
//! - closures and other numbered items: legacy `{{closure}}`, v0 `{closure#0}`;
//! - an inherent method: legacy `alloc::raw_vec::RawVecInner<A>::finish_grow`, v0
//!   `<alloc::raw_vec::RawVecInner>::finish_grow`.
//!
//! What the harness shows (excerpts, disassembly, names in figures) stays the demangled text as printed
//! ([`demangle`], [`demangle_all`]); only the comparison uses the shared form.
//!
//! The mangling lab builds and compiler runs use is chosen by [`crate::claim::symbol_mangling`].

/// A symbol demangled without its hash (`{:#}`: `mathlib::square`); anything that is not a Rust symbol
/// comes back unchanged.
pub fn demangle(symbol: &str) -> String {
    format!("{:#}", rustc_demangle::demangle(symbol))
}

/// Whether `word` is a mangled Rust symbol, legacy (`_ZN…E`) or v0 (`_R…`), with or without the extra
/// leading underscore of Mach-O and an LLVM suffix (`.llvm.1234`).
pub fn is_rust_symbol(word: &str) -> bool {
    let w = word.strip_prefix('_').filter(|w| w.starts_with("_ZN") || w.starts_with("_R")).unwrap_or(word);
    (w.starts_with("_ZN") || w.starts_with("_R")) && rustc_demangle::try_demangle(word).is_ok()
}

/// A demangled path in the form legacy and v0 symbols share: generic argument lists removed (`::<u8>`,
/// `Vec<T, A>`), a numbered item written as legacy writes it (`{closure#0}` becomes `{{closure}}`),
/// and an inherent impl's `<Type>::method` written `Type::method`. A trait impl keeps its
/// `<Type as Trait>::method`, with the generic arguments inside removed too.
pub fn canonical(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // `<` right after a name or `::` opens generic arguments: skip the group (and a `::` before it).
        if c == '<' && out.ends_with(|p: char| p.is_alphanumeric() || p == '_' || p == ':' || p == '>' || p == '}') {
            i = after_group(&chars, i);
            if out.ends_with("::") {
                out.truncate(out.len() - 2);
            }
            continue;
        }
        // `{name#N}` (v0) is `{{name}}` (legacy).
        if c == '{'
            && chars.get(i + 1) != Some(&'{')
            && let Some(close) = (i + 1..chars.len()).find(|&j| chars[j] == '}')
        {
            let inner: String = chars[i + 1..close].iter().collect();
            if let Some((item, n)) = inner.split_once('#')
                && !item.is_empty()
                && !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
            {
                out.push_str(&format!("{{{{{item}}}}}"));
                i = close + 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    // `<Type>::method` (v0's inherent impl) is `Type::method`; `<Type as Trait>::method` stays.
    if out.starts_with('<') {
        let chars: Vec<char> = out.chars().collect();
        let end = after_group(&chars, 0);
        let inside: String = chars[1..end.saturating_sub(1)].iter().collect();
        if !inside.contains(" as ") && chars.get(end..end + 2) == Some(&[':', ':'][..]) {
            let rest: String = chars[end..].iter().collect();
            out = format!("{inside}{rest}");
        }
    }
    out
}

/// The index just after the `<…>` group that opens at `open` (nested groups included; the `>` of `->`
/// in a function pointer type does not close it). The end of the text if it never closes.
fn after_group(chars: &[char], open: usize) -> usize {
    let mut depth = 0usize;
    let mut i = open;
    while i < chars.len() {
        match chars[i] {
            '<' => depth += 1,
            '>' if i > 0 && chars[i - 1] == '-' => {}
            '>' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    chars.len()
}

/// Whether the demangled name `name` (as [`demangle`] gives it) is the function `path` or one of its
/// instances, in either mangling: `pipeline::larger`, `pipeline::larger::<u8>` and legacy's instance
/// `pipeline::larger` all match `pipeline::larger`.
pub fn path_matches(name: &str, path: &str) -> bool {
    name == path || canonical(name) == canonical(path)
}

/// Whether `symbol` (mangled either way, or a plain C name) names the function `path` or one of its
/// instances ([`path_matches`] on the demangled symbol).
pub fn names(symbol: &str, path: &str) -> bool {
    path_matches(&demangle(symbol), path)
}

/// One mangled Rust symbol found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found<'a> {
    /// The symbol as written (`_ZN8pipeline6larger17h…E`, `_RINvCs…_8pipeline6largerhEB2_`).
    pub symbol: &'a str,
    /// Demangled without its hash ([`demangle`]).
    pub name: String,
}

/// Every mangled Rust symbol in `text` (assembly, LLVM IR, a linker's message), in order: a symbol is a
/// run of letters, digits, `_`, `$` and `.` that demangles (so `@_ZN…E`, `@"_ZN…$LT$…E"`,
/// `*_RNv…@GOTPCREL(%rip)` and `_ZN…E.llvm.123` are all found).
pub fn in_text(text: &str) -> Vec<Found<'_>> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '.';
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &text[s..i];
                if is_rust_symbol(word) {
                    out.push(Found { symbol: word, name: demangle(word) });
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether `text` (a line of assembly or IR) refers to the function `path` or one of its instances.
pub fn mentions(text: &str, path: &str) -> bool {
    in_text(text).iter().any(|s| path_matches(&s.name, path))
}

/// The global names an LLVM IR line refers to (`@name`, `@"quoted name"`), without the `@` and quotes.
pub fn ir_globals(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find('@') {
        rest = &rest[at + 1..];
        let name = match rest.strip_prefix('"') {
            Some(quoted) => quoted.split('"').next().unwrap_or(""),
            None => &rest[..rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '.' || c == '-')).unwrap_or(rest.len())],
        };
        if !name.is_empty() {
            out.push(name);
        }
    }
    out
}

/// Whether an LLVM IR line refers to the function `path` (or one of its instances) by its global name:
/// `call i8 @_RINv…6largerhEB2_(…)`; block labels named after an inlined function (`%_ZN…E.exit`) are
/// not references.
pub fn ir_refers_to(line: &str, path: &str) -> bool {
    ir_globals(line).into_iter().any(|g| is_rust_symbol(g) && names(g, path))
}

/// Whether `text` refers to any Rust function (a call or jump to one, rather than to a local label).
pub fn mentions_rust_symbol(text: &str) -> bool {
    !in_text(text).is_empty()
}

/// `text` with every mangled Rust symbol demangled without its hash; the rest unchanged.
pub fn demangle_all(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in in_text(text) {
        let start = s.symbol.as_ptr() as usize - text.as_ptr() as usize;
        out.push_str(&text[at..start]);
        out.push_str(&s.name);
        at = start + s.symbol.len();
    }
    out.push_str(&text[at..]);
    out
}

/// The symbol an LLVM IR `define` line defines: `define … @_ZN7mathlib8checksum17h…E(ptr …` gives
/// `_ZN7mathlib8checksum17h…E`; a quoted name (`@"_ZN…$LT$…E"`) comes without its quotes.
pub fn ir_defined_symbol(line: &str) -> Option<&str> {
    if !line.starts_with("define ") {
        return None;
    }
    let at = line.find(" @")? + 2;
    let rest = &line[at..];
    if let Some(quoted) = rest.strip_prefix('"') {
        return quoted.split('"').next();
    }
    rest.split('(').next()
}

/// Whether an LLVM IR line is the `define` of the function `path` or of one of its instances.
pub fn ir_defines(line: &str, path: &str) -> bool {
    ir_defined_symbol(line).is_some_and(|s| names(s, path))
}

/// The symbol of a function's label in assembly (`_ZN…E:` or `"_R…":`, without its quotes), not of a
/// local `.L` label.
pub fn asm_label(line: &str) -> Option<&str> {
    line.strip_suffix(':').filter(|label| !label.starts_with('.') && !label.contains(char::is_whitespace)).map(|label| label.trim_matches('"'))
}

/// Whether an assembly line is a function's label for `path` ([`asm_label`]).
pub fn asm_labels(line: &str, path: &str) -> bool {
    asm_label(line).is_some_and(|label| names(label, path))
}

#[cfg(test)]
mod tests {
    //! Legacy and v0 spellings of the same functions, taken from rustc 1.95.0's output for one small
    //! library (`--crate-name t -Copt-level=3 -Ccodegen-units=1 --emit=llvm-ir,asm`, once as it is and once
    //! with `-Csymbol-mangling-version=v0`):
    //!
    //! ```text
    //! pub fn square(x: u64) -> u64 { x * x }
    //! #[inline(never)] pub fn larger<T: PartialOrd>(a: T, b: T) -> T { if a > b { a } else { b } }
    //! pub fn use_larger() -> (u8, u32) { (larger(1u8, black_box(2u8)), larger(3u32, black_box(4))) }
    //! #[inline(never)] pub fn scale_by(x: u64, k: u64) -> u64 { x.wrapping_mul(k) ^ 7 }
    //! pub fn times_two(x: u64) -> u64 { scale_by(x, 2) }
    //! pub fn grow(v: &mut Vec<u8>) { v.reserve(black_box(10)) }
    //! ```
    //!
    //! The detectors' own tests (in tests/*.rs) use the same pairs.
    use super::*;

    pub(crate) const LEGACY_LARGER_U8: &str = "_ZN1t6larger17h5a3b0229c892282cE";
    pub(crate) const V0_LARGER_U8: &str = "_RINvCsciGn5CcqV8B_1t6largerhEB2_";
    const V0_LARGER_U32: &str = "_RINvCsciGn5CcqV8B_1t6largermEB2_";
    const LEGACY_SCALE_BY: &str = "_ZN1t8scale_by17h244b13e922c95428E";
    const V0_SCALE_BY: &str = "_RNvCsciGn5CcqV8B_1t8scale_by";
    const LEGACY_FINISH_GROW: &str = "_ZN5alloc7raw_vec20RawVecInner$LT$A$GT$11finish_grow17hf051e10f21e4ff5aE";
    const V0_FINISH_GROW: &str = "_RNvMs4_NtCslNYArtu3iFV_5alloc7raw_vecNtB5_11RawVecInner11finish_growCsciGn5CcqV8B_1t";

    #[test]
    fn both_manglings_demangle_to_the_same_path() {
        assert_eq!(demangle(LEGACY_SCALE_BY), "t::scale_by");
        assert_eq!(demangle(V0_SCALE_BY), "t::scale_by");
        assert_eq!(demangle(V0_LARGER_U8), "t::larger::<u8>");
        assert_eq!(demangle(LEGACY_LARGER_U8), "t::larger");
        assert_eq!(demangle("memcpy"), "memcpy");
        for (legacy, v0, path) in [
            (LEGACY_SCALE_BY, V0_SCALE_BY, "t::scale_by"),
            (LEGACY_LARGER_U8, V0_LARGER_U8, "t::larger"),
            (LEGACY_LARGER_U8, V0_LARGER_U32, "t::larger"),
            (LEGACY_FINISH_GROW, V0_FINISH_GROW, "alloc::raw_vec::RawVecInner::finish_grow"),
        ] {
            assert!(is_rust_symbol(legacy) && is_rust_symbol(v0), "{legacy} {v0}");
            assert!(names(legacy, path), "{legacy} names {path}");
            assert!(names(v0, path), "{v0} names {path}");
            assert!(!names(legacy, "t::scale") && !names(v0, "t::scale"));
        }
        assert!(!names(V0_SCALE_BY, "t::larger") && !names(LEGACY_SCALE_BY, "t::larger"));
        assert!(!is_rust_symbol("_RandomLabel") && !is_rust_symbol("memcpy") && !is_rust_symbol(".LBB0_1"));
    }

    #[test]
    fn canonical_form_is_shared() {
        assert_eq!(canonical("t::larger::<u8>"), "t::larger");
        assert_eq!(canonical("driver::everything::{closure#0}"), "driver::everything::{{closure}}");
        assert_eq!(canonical("driver::everything::{{closure}}"), "driver::everything::{{closure}}");
        assert_eq!(canonical("tradeoffs::apply_generic::<driver::everything::{closure#0}>"), "tradeoffs::apply_generic");
        assert_eq!(
            canonical("<alloc::raw_vec::RawVecInner>::reserve::do_reserve_and_handle::<alloc::alloc::Global>"),
            "alloc::raw_vec::RawVecInner::reserve::do_reserve_and_handle"
        );
        assert_eq!(
            canonical("alloc::raw_vec::RawVecInner<A>::reserve::do_reserve_and_handle"),
            "alloc::raw_vec::RawVecInner::reserve::do_reserve_and_handle"
        );
        assert_eq!(canonical("<tradeoffs::Samples as core::ops::deref::Deref>::deref"), "<tradeoffs::Samples as core::ops::deref::Deref>::deref");
        assert_eq!(canonical("<alloc::vec::Vec<u8> as core::ops::drop::Drop>::drop"), "<alloc::vec::Vec as core::ops::drop::Drop>::drop");
        assert_eq!(canonical("<alloc::vec::Vec<T,A> as core::ops::drop::Drop>::drop"), "<alloc::vec::Vec as core::ops::drop::Drop>::drop");
        assert_eq!(canonical("t::call::<fn(u8) -> u8>"), "t::call");
        assert!(path_matches("t::larger::<u8>", "t::larger") && !path_matches("t::larger::<u8>::{closure#0}", "t::larger"));
    }

    #[test]
    fn symbols_are_found_in_asm_and_ir_in_both_manglings() {
        // A tail jump through the GOT, as `t::times_two` makes it under each mangling.
        let legacy = format!("\tjmpq\t*{LEGACY_SCALE_BY}@GOTPCREL(%rip)");
        let v0 = format!("\tjmpq\t*{V0_SCALE_BY}@GOTPCREL(%rip)");
        for line in [&legacy, &v0] {
            assert!(mentions_rust_symbol(line) && mentions(line, "t::scale_by") && !mentions(line, "t::times_two"), "{line}");
        }
        assert!(!mentions_rust_symbol("\tjmp\t.LBB0_3"));
        assert_eq!(demangle_all(&legacy), "\tjmpq\t*t::scale_by@GOTPCREL(%rip)");
        assert_eq!(demangle_all(&v0), "\tjmpq\t*t::scale_by@GOTPCREL(%rip)");

        // IR `define` lines (a quoted legacy name included) and calls.
        let defines = [
            format!("define noundef i8 @{LEGACY_LARGER_U8}(i8 noundef %0, i8 noundef %1) unnamed_addr #2 personality ptr @rust_eh_personality {{"),
            format!("define noundef i8 @{V0_LARGER_U8}(i8 noundef %0, i8 noundef %1) unnamed_addr #0 personality ptr @rust_eh_personality {{"),
        ];
        for d in &defines {
            assert!(ir_defines(d, "t::larger") && !ir_defines(d, "t::large") && mentions(d, "t::larger"), "{d}");
        }
        let quoted = format!("define internal fastcc void @\"{LEGACY_FINISH_GROW}\"(ptr %_0) unnamed_addr #4 {{");
        assert_eq!(ir_defined_symbol(&quoted), Some(LEGACY_FINISH_GROW));
        assert!(ir_defines(&quoted, "alloc::raw_vec::RawVecInner::finish_grow"));
        assert!(ir_defines(
            &format!("define internal fastcc void @{V0_FINISH_GROW}(ptr %_0) unnamed_addr #5 {{"),
            "alloc::raw_vec::RawVecInner::finish_grow"
        ));
        assert!(!ir_defines(&format!("  %1 = call i8 @{V0_LARGER_U8}(i8 1, i8 2)"), "t::larger"));
        for call in [format!("  %1 = call i8 @{V0_LARGER_U8}(i8 1, i8 2)"), format!("  %1 = tail call noundef i8 @{LEGACY_LARGER_U8}(i8 1, i8 2)")] {
            assert!(ir_refers_to(&call, "t::larger") && !ir_refers_to(&call, "t::scale_by"), "{call}");
        }
        assert!(!ir_refers_to(&format!("  br label %{LEGACY_LARGER_U8}.exit"), "t::larger"));
        assert_eq!(ir_globals(&quoted), vec![LEGACY_FINISH_GROW]);

        // Labels, with an LLVM suffix.
        assert!(asm_labels(&format!("{LEGACY_SCALE_BY}:"), "t::scale_by") && asm_labels(&format!("{V0_SCALE_BY}:"), "t::scale_by"));
        assert!(
            asm_labels(&format!("{V0_SCALE_BY}.llvm.1234:"), "t::scale_by") && asm_labels(&format!("{LEGACY_SCALE_BY}.llvm.1234:"), "t::scale_by")
        );
        assert!(!asm_labels(".LBB0_1:", "t::scale_by") && !asm_labels(&format!("\tcallq\t{V0_SCALE_BY}:"), "t::scale_by"));
    }
}
