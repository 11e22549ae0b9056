//! What rustc emits for a lab's library (assembly, LLVM IR, MIR), kept once per (lab, package, profile,
//! kind), and one function's text read out of it.

use super::{Cache, cargo, lab_dir, note_lock, once_per_key, run, source_digest, target_dir};
use crate::profile::Profile;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// What to ask rustc to emit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Emit {
    Asm,
    LlvmIr,
    Mir,
}

impl Emit {
    fn flag(self) -> &'static str {
        match self {
            Emit::Asm => "asm",
            Emit::LlvmIr => "llvm-ir",
            Emit::Mir => "mir",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Emit::Asm => "s",
            Emit::LlvmIr => "ll",
            Emit::Mir => "mir",
        }
    }
}

/// The text rustc emits for the library of `package` in `lab` under `profile`, once per process:
/// `cargo rustc -p PACKAGE --lib --locked <profile args> -- --emit=asm|llvm-ir|mir`.
///
/// The profile's codegen-units apply: assembly and IR are written per codegen unit, and when rustc
/// writes several files (`<crate>-<hash>.<cgu>.rcgu.s`), they are concatenated in file-name order. MIR is
/// always one file. Assembly is in rustc's default (AT&T) syntax.
///
/// The extra `--emit` gives the unit its own hash, so these files never overwrite the artifacts of
/// [`build`] in the same target directory; the unit is found by the rustc dep-info file that lists the
/// emitted file among its outputs. Files left by an earlier run (other codegen units, before a source
/// change) are ignored: only files at least as new as that dep-info file are read.
pub fn emit(lab: &str, package: &str, profile: &Profile, what: Emit) -> &'static str {
    crate::provenance::note(format!("lab {lab}: {package} emitted as {what:?} with profile {}", profile.name()));
    static EMITTED: Cache<(String, String, String, Emit), String> = OnceLock::new();
    let args = profile.cargo_args();
    note_lock(lab);
    let cell = once_per_key(&EMITTED, (lab.to_string(), package.to_string(), profile.name().to_string(), what));
    cell.get_or_init(|| {
        // A later process reuses the text while the toolchain, the lab's files and the profile are the
        // ones it was emitted with (proof::stamp::memo): a no-change re-run runs no cargo here.
        let key = format!(
            "{}\nlab {}\npackage {package}\nprofile {args:?}\nemit {}\n",
            crate::environment::key_line(&crate::environment::toolchain_key()),
            source_digest(lab),
            what.flag()
        );
        // A run under another symbol mangling keeps its text apart (its args, in the key, differ too).
        let mangling = crate::claim::symbol_mangling().map(|m| format!("-mangling-{m}")).unwrap_or_default();
        let name = format!("{lab}-{package}-{}{mangling}-{}", profile.name(), what.extension());
        crate::stamp::memo("emit", &name, &key, || emit_now(lab, package, profile, &args, what))
    })
}

/// [`emit`]'s work: `cargo rustc … -- --emit=<what>` and the emitted files read back.
fn emit_now(lab: &str, package: &str, profile: &Profile, args: &[String], what: Emit) -> String {
    {
        let dir = lab_dir(lab);
        let target = target_dir(lab);
        let emit = format!("--emit={}", what.flag());
        let mut cmd =
            cargo(&dir, &["rustc", "-p", package, "--lib", "--locked", "--message-format=json-render-diagnostics"], args, &target, &["--", &emit]);
        let stdout = run(&mut cmd, lab, profile);
        let (krate, deps) = lib_unit(&stdout, package).unwrap_or_else(|| {
            panic!("proof: lab `{lab}`, profile `{}`: cargo reported no library artifact for package `{package}`", profile.name())
        });
        let stem = emitted_stem(&deps, &krate, what).unwrap_or_else(|| {
            panic!(
                "proof: lab `{lab}`, profile `{}`: no dep-info file in {} lists a `.{}` output of `{krate}`",
                profile.name(),
                deps.display(),
                what.extension()
            )
        });
        read_emitted(&stem, what)
    }
}

/// The crate name and the `deps/` directory of the package's library, from its `compiler-artifact`
/// message. (Cargo reports a workspace member's library at its uplifted path, `release/libmathlib.rlib`,
/// which the next build of the same package under the same profile replaces: it does not say which
/// `deps/libmathlib-<hash>.rlib` this run produced.)
fn lib_unit(json_lines: &str, package: &str) -> Option<(String, PathBuf)> {
    json_lines.lines().filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok()).find_map(|m| {
        if m["reason"] != "compiler-artifact" {
            return None;
        }
        let target = &m["target"];
        let is_lib = target["kind"].as_array()?.iter().any(|k| matches!(k.as_str(), Some("lib" | "rlib")));
        if !is_lib || !package_id_names(m["package_id"].as_str()?, package) {
            return None;
        }
        let krate = target["name"].as_str()?.replace('-', "_");
        let rlib = m["filenames"].as_array()?.iter().filter_map(|f| f.as_str()).find(|f| f.ends_with(".rlib"))?;
        let dir = Path::new(rlib).parent()?;
        let deps = if dir.file_name().is_some_and(|d| d == "deps") { dir.to_path_buf() } else { dir.join("deps") };
        Some((krate, deps))
    })
}

/// `<deps>/<crate>-<hash>` of the unit that emitted `what`: the rustc dep-info file `<crate>-<hash>.d`
/// that lists `<crate>-<hash>.<ext>` among its outputs (only the `--emit` run of this kind does; the
/// newest if there are several).
fn emitted_stem(deps: &Path, krate: &str, what: Emit) -> Option<PathBuf> {
    let prefix = format!("{krate}-");
    std::fs::read_dir(deps)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "d") && p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&prefix)))
        .filter(|d| {
            let output = d.with_extension(what.extension());
            let listed = format!("{}:", output.display());
            std::fs::read_to_string(d).is_ok_and(|text| text.lines().any(|l| l.starts_with(&listed)))
        })
        .max_by_key(|d| std::fs::metadata(d).and_then(|m| m.modified()).ok())
        .map(|d| d.with_extension(""))
}

/// Whether a package id (`path+file:///…/mathlib#0.1.0`, `path+file:///…/dir#mathlib@0.1.0`,
/// `registry+…#mathlib@0.1.0`) is that of `package`.
fn package_id_names(id: &str, package: &str) -> bool {
    let Some((url, tail)) = id.rsplit_once('#') else { return false };
    match tail.split_once('@') {
        Some((name, _version)) => name == package,
        None => url.rsplit('/').next() == Some(package),
    }
}

/// Reads `<stem>.<ext>` or, for several codegen units, every `<stem>.<cgu>.rcgu.<ext>`, sorted by name,
/// keeping only files written by the run that wrote `<stem>.d`.
fn read_emitted(stem: &Path, what: Emit) -> String {
    let dir = stem.parent().expect("deps dir");
    let base = stem.file_name().and_then(|s| s.to_str()).expect("utf-8 stem");
    let ext = what.extension();
    let dep_info = stem.with_file_name(format!("{base}.d"));
    let since = std::fs::metadata(&dep_info).and_then(|m| m.modified()).unwrap_or_else(|e| panic!("proof: {}: {e}", dep_info.display()));
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("proof: {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let Some(name) = p.file_name().and_then(|n| n.to_str()) else { return false };
            let single = name == format!("{base}.{ext}");
            let per_cgu = name.starts_with(&format!("{base}.")) && name.ends_with(&format!(".rcgu.{ext}"));
            (single || per_cgu) && std::fs::metadata(p).and_then(|m| m.modified()).is_ok_and(|t| t >= since)
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "proof: rustc wrote no `.{ext}` file for {} in {}", base, dir.display());
    files.iter().map(|f| std::fs::read_to_string(f).unwrap_or_else(|e| panic!("proof: {}: {e}", f.display()))).collect::<Vec<_>>().join("\n")
}

/// A digest of an emitted text, computed once per text (the emitted texts are kept for the process, and
/// a series reads hundreds of functions out of one): it tells provenance notes of two emits apart.
fn text_digest(text: &str) -> String {
    static DIGESTS: OnceLock<Mutex<HashMap<(usize, usize), String>>> = OnceLock::new();
    let key = (text.as_ptr() as usize, text.len());
    DIGESTS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key)
        .or_insert_with(|| crate::environment::digest_of_text(text))
        .clone()
}

/// The text of one function in emitted assembly, LLVM IR or MIR, found by its demangled path without
/// hash (`"mathlib::checksum"`; a generic function's first instance by its path too), in either symbol
/// mangling ([`crate::symbols`]):
/// - assembly: from the function's label to its `.Lfunc_end` label (inclusive);
/// - LLVM IR: from `define … @symbol(` to the closing `}` line;
/// - MIR: from `fn path(` (as rustc prints it: without the crate name, `fn square(`) to the closing `}` line.
///
/// Returns `None` if no function of that path is in the text. If several are (the same function emitted
/// in several codegen units), the first is returned. To read many functions out of one text, index it
/// once with [`Functions`].
pub fn function_text(emitted: &str, what: Emit, path: &str) -> Option<String> {
    Functions::new(emitted, what).text(path)
}

/// An emitted text with its functions' first lines found and their symbols demangled once, for reading
/// many functions out of it ([`function_text`] for one).
pub struct Functions<'a> {
    what: Emit,
    lines: Vec<&'a str>,
    /// (line, demangled name, its [`crate::symbols::canonical`] form) of every function's first line
    /// (assembly and LLVM IR; MIR is searched by name).
    starts: Vec<(usize, String, String)>,
    digest: String,
}

impl<'a> Functions<'a> {
    pub fn new(emitted: &'a str, what: Emit) -> Self {
        let lines: Vec<&str> = emitted.lines().collect();
        let symbol = |line: &'a str| -> Option<&'a str> {
            match what {
                Emit::Asm => crate::symbols::asm_label(line),
                Emit::LlvmIr => crate::symbols::ir_defined_symbol(line),
                Emit::Mir => None,
            }
        };
        let starts = lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| symbol(l).map(|s| (i, crate::symbols::demangle(s))))
            .map(|(i, name)| {
                let canonical = crate::symbols::canonical(&name);
                (i, name, canonical)
            })
            .collect();
        Functions { what, lines, starts, digest: text_digest(emitted) }
    }

    /// The text of the function `path` ([`function_text`]).
    pub fn text(&self, path: &str) -> Option<String> {
        crate::provenance::note(format!("function {path} of emitted {:?} {}", self.what, self.digest));
        let lines = &self.lines;
        let (start, end_line): (usize, fn(&str) -> bool) = match self.what {
            Emit::Asm | Emit::LlvmIr => {
                let canonical = crate::symbols::canonical(path);
                let start = self.starts.iter().find(|(_, name, c)| name == path || *c == canonical)?.0;
                (start, if self.what == Emit::Asm { |l| l.starts_with(".Lfunc_end") } else { |l| l == "}" })
            }
            Emit::Mir => {
                // rustc prints the MIR of its own crate's items without the crate name (`fn square(`).
                let full = format!("fn {path}(");
                let local = path.split_once("::").map(|(_krate, rest)| format!("fn {rest}("));
                let start = lines.iter().position(|l| l.starts_with(&full) || local.as_ref().is_some_and(|n| l.starts_with(n)))?;
                (start, |l| l == "}")
            }
        };
        let end = (start..lines.len()).find(|&i| end_line(lines[i]))?;
        Some(lines[start..=end].join("\n"))
    }
}

/// A function's text from [`function_text`] normalized for a claim box ([`crate::Measured::code`]): every
/// mangled symbol demangled without its hash, tabs as spaces; in assembly, no directives (`.cfi_…`,
/// `.p2align`, …), no `#` comments and no `.Ltmp`/`.Lfunc_end` labels; in LLVM IR, no metadata
/// attachments (`, !dbg !12`). MIR is returned with tabs expanded only.
pub fn excerpt(text: &str, what: Emit) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.replace('\t', "    ");
        let trimmed = line.trim();
        let kept = match what {
            Emit::Asm => {
                let is_label = trimmed.ends_with(':') && !trimmed.contains(char::is_whitespace);
                if is_label && (trimmed.starts_with(".Ltmp") || trimmed.starts_with(".Lfunc_end"))
                    || (!is_label && trimmed.starts_with('.'))
                    || trimmed.is_empty()
                {
                    continue;
                }
                match line.find('#') {
                    Some(at) => line[..at].trim_end().to_string(),
                    None => line.trim_end().to_string(),
                }
            }
            Emit::LlvmIr => without_metadata(&line),
            Emit::Mir => line.trim_end().to_string(),
        };
        if !kept.trim().is_empty() || what == Emit::Mir {
            out.push(crate::symbols::demangle_all(&kept));
        }
    }
    out.join("\n")
}

/// An IR line without its metadata attachments (`, !dbg !12`, `, !noalias !3`).
fn without_metadata(line: &str) -> String {
    let mut rest = line;
    let mut out = String::new();
    while let Some(at) = rest.find(", !") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 2..];
        // `!name !N` or `!name !{…}`: skip the name and its node.
        let after_name = tail.find(' ').map_or(tail.len(), |i| i + 1);
        let node = &tail[after_name..];
        let node_len = if node.starts_with('!') { node.find([',', ' ']).unwrap_or(node.len()) } else { 0 };
        rest = &tail[after_name + node_len..];
    }
    out.push_str(rest);
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_text_finds_asm_ir_and_mir_bodies() {
        let asm = "\t.text\n_ZN7mathlib6square17h0123456789abcdefE:\n\t.cfi_startproc\n\tmovq %rdi, %rax\n\timulq %rdi, %rax\n\tretq\n.Lfunc_end0:\n\t.size x\n_ZN7mathlib4cube17h0123456789abcdefE:\n\tretq\n.Lfunc_end1:\n";
        let f = function_text(asm, Emit::Asm, "mathlib::square").unwrap();
        assert!(f.starts_with("_ZN7mathlib6square") && f.contains("imulq") && f.ends_with(".Lfunc_end0:") && !f.contains("cube"));
        assert!(function_text(asm, Emit::Asm, "mathlib::sq").is_none());

        let ir = "; comment\ndefine noundef i64 @_ZN7mathlib6square17h0123456789abcdefE(i64 noundef %x) unnamed_addr #0 {\nstart:\n  %0 = mul i64 %x, %x\n  ret i64 %0\n}\n\ndefine void @other() {\n}\n";
        let f = function_text(ir, Emit::LlvmIr, "mathlib::square").unwrap();
        assert!(f.starts_with("define") && f.contains("mul i64") && f.ends_with('}') && !f.contains("other"));

        let mir = "// WARNING\nfn squares(_1: u64) -> u64 {\n}\n\nfn square(_1: u64) -> u64 {\n    bb0: {\n        _0 = Mul(copy _1, copy _1);\n        return;\n    }\n}\n";
        let f = function_text(mir, Emit::Mir, "mathlib::square").unwrap();
        assert!(f.starts_with("fn square(") && f.contains("Mul(") && f.ends_with('}'));
    }

    #[test]
    fn function_text_finds_the_same_bodies_under_v0_mangling() {
        // rustc 1.95.0 with -Csymbol-mangling-version=v0 (see crate::symbols's tests): a generic function's
        // instance is found by the function's path, as its legacy symbol is.
        let asm = "\t.text\n_RNvCsciGn5CcqV8B_1t8scale_by:\n\tmovq %rdi, %rax\n\tretq\n.Lfunc_end0:\n_RINvCsciGn5CcqV8B_1t6largerhEB2_:\n\tcmpb %sil, %dil\n\tretq\n.Lfunc_end1:\n";
        let legacy = "\t.text\n_ZN1t8scale_by17h244b13e922c95428E:\n\tmovq %rdi, %rax\n\tretq\n.Lfunc_end0:\n_ZN1t6larger17h5a3b0229c892282cE:\n\tcmpb %sil, %dil\n\tretq\n.Lfunc_end1:\n";
        for text in [asm, legacy] {
            let f = function_text(text, Emit::Asm, "t::larger").unwrap();
            assert!(f.contains("cmpb") && f.ends_with(".Lfunc_end1:"), "{f}");
            assert!(function_text(text, Emit::Asm, "t::scale_by").unwrap().contains("movq"));
        }
        assert_eq!(excerpt(&function_text(asm, Emit::Asm, "t::larger").unwrap(), Emit::Asm), "t::larger::<u8>:\n    cmpb %sil, %dil\n    retq");
        assert_eq!(excerpt(&function_text(legacy, Emit::Asm, "t::larger").unwrap(), Emit::Asm), "t::larger:\n    cmpb %sil, %dil\n    retq");
        let ir = "define noundef i8 @_RINvCsciGn5CcqV8B_1t6largerhEB2_(i8 noundef %0, i8 noundef %1) unnamed_addr #0 {\n  ret i8 %0\n}\n";
        assert!(function_text(ir, Emit::LlvmIr, "t::larger").is_some_and(|f| f.contains("ret i8")));
    }

    #[test]
    fn excerpts_drop_directives_metadata_and_hashes() {
        let asm = "_ZN7mathlib6square17h0123456789abcdefE:\n\t.cfi_startproc\n\tmovq\t%rdi, %rax # a comment\n.LBB0_1:\n\tcallq\t_ZN4core9panicking18panic_bounds_check17h0123456789abcdefE@PLT\n.Ltmp3:\n.Lfunc_end0:";
        assert_eq!(
            excerpt(asm, Emit::Asm),
            "mathlib::square:\n    movq    %rdi, %rax\n.LBB0_1:\n    callq    core::panicking::panic_bounds_check@PLT"
        );
        let ir = "define i64 @_ZN7mathlib6square17h0123456789abcdefE(i64 %x) #0 !dbg !7 {\n  %0 = mul i64 %x, %x, !dbg !12\n  call void @llvm.foo(ptr %p), !noalias !3, !dbg !9\n}";
        assert_eq!(
            excerpt(ir, Emit::LlvmIr),
            "define i64 @mathlib::square(i64 %x) #0 !dbg !7 {\n  %0 = mul i64 %x, %x\n  call void @llvm.foo(ptr %p)\n}"
        );
    }

    #[test]
    fn emitted_files_of_several_cgus_are_concatenated_and_stale_ones_ignored() {
        let dir = crate::workspace::target_dir().join("proof-selftest").join(format!("emit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
        write("lab-01.stale.rcgu.s", "stale\n");
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options().write(true).open(dir.join("lab-01.stale.rcgu.s")).unwrap().set_modified(old).unwrap();
        write("lab-01.d", &format!("{}: lab/src/lib.rs\n\n{}: lab/src/lib.rs\n", dir.join("lab-01.s").display(), dir.join("lab-01.d").display()));
        write("lab-02.d", &format!("{}: lab/src/lib.rs\n", dir.join("lab-02.mir").display()));
        write("lab-01.lab.b-cgu.1.rcgu.s", "second\n");
        write("lab-01.lab.a-cgu.0.rcgu.s", "first\n");
        write("lab-01.lab.a-cgu.0.rcgu.ll", "ir\n");
        write("lab-012.s", "another crate\n");
        assert_eq!(emitted_stem(&dir, "lab", Emit::Asm), Some(dir.join("lab-01")));
        assert_eq!(emitted_stem(&dir, "lab", Emit::Mir), Some(dir.join("lab-02")));
        assert_eq!(emitted_stem(&dir, "lab", Emit::LlvmIr), None);
        assert_eq!(read_emitted(&dir.join("lab-01"), Emit::Asm), "first\n\nsecond\n");
        assert_eq!(read_emitted(&dir.join("lab-01"), Emit::LlvmIr), "ir\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unit_from_cargo_messages() {
        let msg = r#"{"reason":"compiler-artifact","package_id":"path+file:///work/main/labs/crosscrate/mathlib#0.1.0","target":{"kind":["lib"],"name":"mathlib"},"filenames":["/t/release/libmathlib.rlib","/t/release/deps/libmathlib-0123.rmeta"],"fresh":true}"#;
        assert_eq!(lib_unit(msg, "mathlib"), Some(("mathlib".to_string(), PathBuf::from("/t/release/deps"))));
        assert_eq!(lib_unit(msg, "app"), None);
        assert!(package_id_names("path+file:///x/labs/crosscrate/mathlib#0.1.0", "mathlib"));
        assert!(package_id_names("path+file:///x/labs/crosscrate/lib#mathlib@0.1.0", "mathlib"));
        assert!(!package_id_names("path+file:///x/labs/crosscrate/app#0.1.0", "mathlib"));
    }
}
