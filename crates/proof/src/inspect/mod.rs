//! What a built artifact contains: its function symbols and the calls each function makes (x86_64 ELF).
//!
//! Calls are found by decoding the function's machine code, not by searching disassembly text for a
//! name: on x86_64 Linux, rustc calls functions of other crates and of shared libraries through the GOT
//! (`call *slot(%rip)`), and those calls name no function. Each call target is resolved to an address:
//!
//! - `call rel32`: the target itself ([`Via::Direct`]);
//! - `call *slot(%rip)`: the GOT slot's dynamic relocation (`R_X86_64_RELATIVE` gives the address as its
//!   addend, `GLOB_DAT`/`JUMP_SLOT`/`64` give a symbol), else the slot's contents in the file ([`Via::Got`]);
//! - a call into a PLT stub: through the stub's own `jmp *slot(%rip)` ([`Via::Plt`]);
//! - a `jmp`/`jcc` that leaves the function's body for the start of a function (or a PLT stub or GOT
//!   slot): a tail call ([`Via::TailJump`]);
//! - `call *%reg` and other indirect calls: kept, with no target ([`Via::Indirect`]).
//!
//! Then every symbol at the target address is reported: identical-code folding in the linker and
//! function merging in LLVM put several names on one address, and all of them are kept.

use iced_x86::{Decoder, DecoderOptions, Formatter, Instruction, IntelFormatter, Mnemonic, OpKind, SymbolResolver, SymbolResult};
use object::{
    Architecture, BinaryFormat, Object, ObjectSection, ObjectSymbol, ObjectSymbolTable, RelocationFlags, RelocationTarget, SectionKind, SymbolKind,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

mod code;

use crate::symbols::demangle;

use object::elf::{R_X86_64_64, R_X86_64_GLOB_DAT, R_X86_64_JUMP_SLOT, R_X86_64_RELATIVE};

/// A defined function symbol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    /// The demangled path without hash (`app::call_square`).
    pub name: String,
    pub address: u64,
    pub size: u64,
}

/// How a call reaches its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Via {
    /// `call rel32` to the target.
    Direct,
    /// `call *slot(%rip)` through a GOT slot.
    Got,
    /// `call rel32` to a PLT stub that jumps through a GOT slot.
    Plt,
    /// A jump out of the function's body to another function (a tail call).
    TailJump,
    /// `call *%reg` or through memory that is not a GOT slot: the target is not known statically.
    Indirect,
}

/// One call or tail jump out of a function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// The address of the call instruction.
    pub at: u64,
    /// The resolved target address (`None` for an indirect call, or an import the file does not define).
    pub target: Option<u64>,
    /// Every symbol at the target, demangled without hash, sorted (for an undefined import: its name).
    pub names: Vec<String>,
    pub via: Via,
}

impl Call {
    /// Whether one of the names at the target is the function `path` or an instance of it, whatever the
    /// symbol mangling ([`crate::symbols::path_matches`]).
    pub fn reaches(&self, path: &str) -> bool {
        self.names.iter().any(|n| crate::symbols::path_matches(n, path))
    }
}

/// An x86_64 ELF file, parsed once.
pub struct Artifact {
    path: PathBuf,
    data: Vec<u8>,
    /// Defined function symbols (deduplicated by name and address), sorted by address.
    functions: Vec<Function>,
    /// Each function's name in the form both symbol manglings share ([`crate::symbols::canonical`]).
    canonical: Vec<String>,
    /// Address -> every function symbol's demangled name there (sorted, deduplicated).
    names_at: BTreeMap<u64, BTreeSet<String>>,
    /// GOT slot address -> what the dynamic loader puts there.
    slots: HashMap<u64, SlotTarget>,
    /// Sections with contents in the file: (address, size, file offset).
    sections: Vec<(u64, u64, u64)>,
    /// Every allocated section: (address, size, name), for naming data a function refers to.
    section_names: Vec<(u64, u64, String)>,
    /// Address ranges of PLT sections (`.plt`, `.plt.sec`, `.plt.got`).
    plt: Vec<(u64, u64)>,
}

#[derive(Clone, Debug)]
enum SlotTarget {
    Address(u64),
    /// An undefined dynamic symbol (a function of a shared library).
    Import(String),
}

impl Artifact {
    /// Reads and parses `path`; panics with a clear message if it is not an x86_64 ELF file with a
    /// symbol table.
    pub fn open(path: &Path) -> Artifact {
        let data = std::fs::read(path).unwrap_or_else(|e| panic!("proof: cannot read {}: {e}", path.display()));
        let file = object::File::parse(&*data).unwrap_or_else(|e| panic!("proof: {} is not an object file: {e}", path.display()));
        assert!(
            file.format() == BinaryFormat::Elf && file.architecture() == Architecture::X86_64,
            "proof: {} is {:?} {:?}; artifact inspection reads x86_64 ELF files only",
            path.display(),
            file.architecture(),
            file.format()
        );
        let symtab = file
            .symbol_table()
            .filter(|t| t.symbols().next().is_some())
            .unwrap_or_else(|| panic!("proof: {}: no symbol table: build with strip = none (or \"debuginfo\")", path.display()));

        let mut seen = BTreeSet::new();
        let mut functions = Vec::new();
        let mut names_at: BTreeMap<u64, BTreeSet<String>> = BTreeMap::new();
        let defined_functions = symtab.symbols().chain(file.dynamic_symbol_table().into_iter().flat_map(|t| t.symbols().collect::<Vec<_>>()));
        for sym in defined_functions {
            if sym.kind() != SymbolKind::Text || !sym.is_definition() || sym.address() == 0 {
                continue;
            }
            let Ok(raw) = sym.name() else { continue };
            let name = demangle(raw);
            if seen.insert((sym.address(), name.clone())) {
                names_at.entry(sym.address()).or_default().insert(name.clone());
                functions.push(Function { name, address: sym.address(), size: sym.size() });
            }
        }
        functions.sort_by(|a, b| (a.address, &a.name).cmp(&(b.address, &b.name)));
        let canonical = functions.iter().map(|f| crate::symbols::canonical(&f.name)).collect();

        let mut slots = HashMap::new();
        if let Some(relocs) = file.dynamic_relocations() {
            let dynsym = file.dynamic_symbol_table();
            for (offset, reloc) in relocs {
                let RelocationFlags::Elf { r_type } = reloc.flags() else { continue };
                let target = match r_type {
                    R_X86_64_RELATIVE => Some(SlotTarget::Address(reloc.addend() as u64)),
                    R_X86_64_GLOB_DAT | R_X86_64_JUMP_SLOT | R_X86_64_64 => match (reloc.target(), &dynsym) {
                        (RelocationTarget::Symbol(index), Some(dynsym)) => dynsym.symbol_by_index(index).ok().map(|s| {
                            if s.is_definition() && s.address() != 0 {
                                SlotTarget::Address(s.address().wrapping_add(reloc.addend() as u64))
                            } else {
                                SlotTarget::Import(demangle(s.name().unwrap_or("?")))
                            }
                        }),
                        _ => None,
                    },
                    _ => None,
                };
                if let Some(t) = target {
                    slots.insert(offset, t);
                }
            }
        }

        let mut sections = Vec::new();
        let mut plt = Vec::new();
        let mut section_names = Vec::new();
        for s in file.sections() {
            if s.address() != 0 && s.size() != 0 {
                section_names.push((s.address(), s.size(), s.name().unwrap_or("?").to_string()));
            }
            if let Some((offset, size)) = s.file_range()
                && s.kind() != SectionKind::UninitializedData
            {
                sections.push((s.address(), size, offset));
            }
            if matches!(s.name(), Ok(".plt" | ".plt.sec" | ".plt.got")) {
                plt.push((s.address(), s.size()));
            }
        }

        Artifact { path: path.to_path_buf(), data, functions, canonical, names_at, slots, sections, section_names, plt }
    }

    /// The file's size in bytes.
    /// The artifact's profile directory and file name (`release-fat/app`), for provenance notes.
    fn short_name(&self) -> String {
        let parts: Vec<String> = self.path.iter().rev().take(2).map(|c| c.to_string_lossy().into_owned()).collect();
        parts.into_iter().rev().collect::<Vec<_>>().join("/")
    }

    pub fn size(&self) -> u64 {
        self.data.len() as u64
    }

    /// The NUL-separated strings of section `name` (e.g. `.comment`, where compilers and linkers sign
    /// their work); empty if the section is absent.
    pub fn section_strings(&self, name: &str) -> Vec<String> {
        let file = object::File::parse(&*self.data).expect("parsed before");
        let Some(section) = file.section_by_name(name) else { return Vec::new() };
        let bytes = section.data().unwrap_or_else(|e| panic!("proof: {}: section {name}: {e}", self.path.display()));
        bytes.split(|&b| b == 0).filter(|s| !s.is_empty()).map(|s| String::from_utf8_lossy(s).into_owned()).collect()
    }

    /// Every defined function symbol, sorted by address (a function with several names appears once per
    /// name).
    pub fn functions(&self) -> &[Function] {
        &self.functions
    }

    /// The code of the artifact as a comparable shape: each defined function's demangled name (without
    /// hash, and without the numeric suffixes LLVM appends to make local names unique, `.123` or
    /// `.llvm.456`) with its size in bytes, one entry per address, sorted. Two builds whose shapes are
    /// equal contain the same functions with the same sizes, whatever their symbol hashes, suffixes and
    /// addresses.
    pub fn code_shape(&self) -> Vec<(String, u64)> {
        let mut by_address: BTreeMap<u64, (String, u64)> = BTreeMap::new();
        for f in &self.functions {
            by_address.entry(f.address).or_insert_with(|| (without_local_suffix(&f.name).to_string(), f.size));
        }
        let mut shape: Vec<(String, u64)> = by_address.into_values().collect();
        shape.sort();
        shape
    }

    /// Every defined function symbol whose demangled path without hash is `path`, or an instance of it,
    /// in either symbol mangling ([`crate::symbols::path_matches`]: the v0 mangling demangles an
    /// instance with its type arguments, `app::dispatch::<app::Square>`, legacy without).
    ///
    /// One function per address: instances whose machine code LLVM merged share one address, under one
    /// legacy name but under one v0 name per instance (`first::<u32>`, `first::<i32>`); either way they
    /// are one function here.
    pub fn functions_named(&self, path: &str) -> Vec<Function> {
        crate::provenance::note(format!("function {path} of {}", self.short_name()));
        let wanted = crate::symbols::canonical(path);
        let mut found: Vec<Function> =
            self.functions.iter().zip(&self.canonical).filter(|(f, c)| f.name == path || **c == wanted).map(|(f, _)| f.clone()).collect();
        found.dedup_by_key(|f| f.address); // sorted by address
        found
    }

    /// The one defined function named `path` (or the one instance of a generic function of that path);
    /// panics if there is none or several, listing near matches.
    pub fn function(&self, path: &str) -> Function {
        let mut found = self.functions_named(path);
        match found.len() {
            1 => found.remove(0),
            0 => {
                let last = path.rsplit("::").next().unwrap_or(path);
                let near: BTreeSet<&str> = self.functions.iter().map(|f| f.name.as_str()).filter(|n| n.contains(last)).take(20).collect();
                panic!(
                    "proof: {}: no function `{path}`{}",
                    self.path.display(),
                    if near.is_empty() {
                        String::new()
                    } else {
                        format!("; functions with `{last}` in their name: {}", near.into_iter().collect::<Vec<_>>().join(", "))
                    }
                )
            }
            _ => panic!(
                "proof: {}: {} functions are named `{path}` (at {}): use functions_named",
                self.path.display(),
                found.len(),
                found.iter().map(|f| format!("{:#x}", f.address)).collect::<Vec<_>>().join(", ")
            ),
        }
    }

    /// Every symbol name at `address`, sorted.
    pub fn names_at(&self, address: u64) -> Vec<String> {
        self.names_at.get(&address).map(|s| s.iter().cloned().collect()).unwrap_or_default()
    }

    /// The file's bytes for `[address, address + size)`, if one section holds them all.
    fn bytes(&self, address: u64, size: u64) -> Option<&[u8]> {
        let &(start, _, offset) = self.sections.iter().find(|&&(s, l, _)| address >= s && address + size <= s + l)?;
        let from = (offset + (address - start)) as usize;
        self.data.get(from..from + size as usize)
    }

    /// Up to `size` bytes from `address`, within its section.
    fn bytes_upto(&self, address: u64, size: u64) -> Option<&[u8]> {
        let &(start, len, _) = self.sections.iter().find(|&&(s, l, _)| address >= s && address < s + l)?;
        self.bytes(address, size.min(start + len - address))
    }
}

/// `name` without LLVM's uniquing suffixes: `f.llvm.1234` and `f.17` become `f`.
fn without_local_suffix(name: &str) -> &str {
    let mut n = name;
    loop {
        match n.rsplit_once('.') {
            Some((head, tail)) if !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit()) => n = head.strip_suffix(".llvm").unwrap_or(head),
            _ => return n,
        }
    }
}

#[cfg(test)]
mod suffix_tests {
    #[test]
    fn strips_llvm_uniquing_suffixes() {
        assert_eq!(super::without_local_suffix("core::fmt::write.197"), "core::fmt::write");
        assert_eq!(super::without_local_suffix("a::b.llvm.123456"), "a::b");
        assert_eq!(super::without_local_suffix("<f64 as core::fmt::Display>::fmt"), "<f64 as core::fmt::Display>::fmt");
    }
}

impl crate::Measured {
    /// Keeps the machine code of `f` in `artifact` ([`Artifact::disassembly`]) as this side's excerpt.
    pub fn machine_code(self, artifact: &Artifact, f: &Function) -> Self {
        let title = format!("{}, machine code (Intel syntax)", f.name);
        self.code("x86asm", &title, &artifact.disassembly(f))
    }
}

#[cfg(test)]
mod mangling_tests {
    use super::*;

    /// The same small program built by the pinned rustc with the default (legacy) and the v0 symbol
    /// mangling gives the same answers: functions and generic instances found by path, calls and tail
    /// jumps resolved to the callee's path.
    #[test]
    fn functions_and_calls_are_found_under_both_manglings() {
        const PROGRAM: &str = "use std::hint::black_box;\n\
            #[inline(never)] pub fn scale_by(x: u64, k: u64) -> u64 { x.wrapping_mul(k) ^ black_box(7) }\n\
            #[inline(never)] pub fn times_two(x: u64) -> u64 { scale_by(x, 2) }\n\
            #[inline(never)] pub fn larger<T: PartialOrd>(a: T, b: T) -> T { if a > b { a } else { b } }\n\
            #[inline(never)] pub fn use_larger() -> (u8, u32) { (larger(1u8, black_box(2u8)), larger(3u32, black_box(4))) }\n\
            #[inline(never)] pub fn total<T: AsRef<[u8]>>(data: T) -> u64 { data.as_ref().iter().map(|&b| b as u64).sum() }\n\
            mod a { #[inline(never)] pub fn s() -> u64 { super::total(std::hint::black_box(String::from(\"ab\"))) } }\n\
            mod b { #[inline(never)] pub fn v() -> u64 { super::total(std::hint::black_box(vec![1u8])) } }\n\
            fn main() { black_box(times_two(black_box(3))); black_box(use_larger()); black_box(a::s()); black_box(b::v()); }\n";
        let dir = crate::workspace::target_dir().join("proof-selftest").join(format!("mangling-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("t.rs"), PROGRAM).unwrap();
        let answers = |mangling: &str| {
            let out = dir.join(format!("t-{mangling}"));
            let status = std::process::Command::new(crate::toolchain::rustc_path())
                .current_dir(&dir)
                .args([
                    "--edition",
                    "2024",
                    "--crate-name",
                    "t",
                    "-Copt-level=3",
                    "-Ccodegen-units=16",
                    "-Cstrip=none",
                    &format!("-Csymbol-mangling-version={mangling}"),
                    "t.rs",
                    "-o",
                ])
                .arg(&out)
                .env_remove("RUSTFLAGS")
                .env("RUSTC_BOOTSTRAP", "1") // legacy is asked for by name only with -Zunstable-options
                .args(if mangling == "legacy" { &["-Zunstable-options"][..] } else { &[] })
                .status()
                .unwrap();
            assert!(status.success(), "rustc failed for {mangling}");
            let a = Artifact::open(&out);
            let raw: Vec<String> = {
                let data = std::fs::read(&out).unwrap();
                let file = object::File::parse(&*data).unwrap();
                file.symbols().filter_map(|s| s.name().ok().map(str::to_string)).filter(|n| n.contains("6larger")).collect()
            };
            let prefix = if mangling == "v0" { "_R" } else { "_ZN" };
            assert!(!raw.is_empty() && raw.iter().all(|n| n.starts_with(prefix)), "{mangling}: {raw:?}");
            let times_two = a.function("t::times_two");
            let use_larger = a.function("t::use_larger");
            // `total::<String>` and `total::<Vec<u8>>`, compiled in two codegen units, have the same
            // machine code: LLVM merges them, and both symbols stay, at one address. Legacy gives them
            // one name, v0 two (`t::total::<alloc::string::String>`, `t::total::<alloc::vec::Vec<u8>>`):
            // either way they are one function.
            let names: BTreeSet<&str> =
                a.functions().iter().filter(|f| crate::symbols::path_matches(&f.name, "t::total")).map(|f| f.name.as_str()).collect();
            assert_eq!(names.len(), if mangling == "v0" { 2 } else { 1 }, "{mangling}: {names:?}");
            (
                a.functions_named("t::total").len(),
                a.functions_named("t::larger").len(),
                a.calls_to(&times_two, "t::scale_by"),
                a.calls_to(&use_larger, "t::larger"),
                a.calls(&times_two).iter().filter(|c| c.reaches("t::scale_by")).map(|c| c.via).collect::<Vec<_>>(),
            )
        };
        let legacy = answers("legacy");
        assert_eq!((legacy.0, legacy.1), (1, 2), "one merged t::total, two instances of t::larger");
        assert!(legacy.2 >= 1 && legacy.3 == 2, "{legacy:?}");
        assert_eq!(answers("v0"), legacy);
        std::fs::remove_dir_all(&dir).ok();
    }
}
