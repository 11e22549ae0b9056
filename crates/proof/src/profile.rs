//! Named Cargo profiles: what a lab is built under, and how that is recorded in the evidence.
//!
//! A [`Profile`] is Cargo's `dev` or `release`, unmodified, or a custom profile that inherits from one of
//! them and overrides some keys. It is handed to Cargo entirely on the command line
//! (`--profile NAME --config 'profile.NAME.inherits="release"' --config 'profile.NAME.lto="fat"' …`):
//! Cargo 1.95 accepts a custom profile defined only through `--config`, so the labs' manifests carry no
//! `[profile]` sections and no configuration file is generated.
//!
//! A name identifies one profile in a process: asking for the arguments or the record of two profiles
//! with the same name and different settings panics, because they would share an output directory and
//! one set of evidence would describe the other's build.
//!
//! [`Profile::record`] resolves the settings the way Cargo 1.95 does (checked with `cargo build -v`):
//!
//! | key | `dev` | `release` |
//! |---|---|---|
//! | opt-level | 0 | 3 |
//! | debug | "full" (`true`, `-C debuginfo=2`) | "none" |
//! | strip | "none" | "debuginfo" (Cargo's default whenever debug is off, for any profile) |
//! | lto | false | false |
//! | codegen-units | 256 | 16 |
//! | incremental | true | false |
//! | panic | "unwind" | "unwind" |
//!
//! Cargo passes no `-C codegen-units` unless the key is set: the count is rustc's default, 256 when
//! compiling incrementally and 16 otherwise, and the record shows that effective count. The `strip`
//! default follows `debug`: a profile with debug info on strips nothing, one with it off gets
//! `-C strip=debuginfo` (which keeps the symbol table).

use crate::evidence::ProfileRecord;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The built-in profile a custom profile inherits from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Base {
    Dev,
    Release,
}

impl Base {
    /// Cargo's name for the base profile (`inherits = "…"`).
    pub fn cargo_name(self) -> &'static str {
        match self {
            Base::Dev => "dev",
            Base::Release => "release",
        }
    }
}

/// A Cargo profile: a name, the built-in profile it starts from, and the keys it overrides (in Cargo's
/// spelling, as TOML values: `lto = "fat"`, `codegen-units = 1`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    name: String,
    base: Base,
    builtin: bool,
    /// Overridden keys, in the order they were set (a key set twice keeps its last value).
    overrides: Vec<(&'static str, Value)>,
    /// Flags for rustc, passed as `--config build.rustflags=[…]` (empty: none).
    rustflags: Vec<String>,
}

/// The profile keys the harness resolves and records, in the record's order.
const KEYS: [&str; 7] = ["opt-level", "debug", "strip", "lto", "codegen-units", "incremental", "panic"];

impl Profile {
    /// Cargo's built-in `dev` profile, unmodified (what `cargo build` uses).
    pub fn dev() -> Self {
        Profile { name: "dev".into(), base: Base::Dev, builtin: true, overrides: Vec::new(), rustflags: Vec::new() }
    }

    /// Cargo's built-in `release` profile, unmodified (what `cargo build --release` uses).
    pub fn release() -> Self {
        Profile { name: "release".into(), base: Base::Release, builtin: true, overrides: Vec::new(), rustflags: Vec::new() }
    }

    /// A custom profile `name` that inherits from `base`: `custom("release-fat", Base::Release).lto("fat")`.
    pub fn custom(name: &str, base: Base) -> Self {
        let valid_chars = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') && !name.starts_with('-');
        assert!(valid_chars, "proof: profile name `{name}`: use ASCII letters, digits, `-` and `_`");
        assert!(
            !matches!(name, "dev" | "release" | "test" | "bench"),
            "proof: `{name}` is one of Cargo's built-in profiles: use Profile::dev() / Profile::release(), or give the custom profile its own name"
        );
        assert!(!matches!(name, "debug" | "doc"), "proof: Cargo reserves the profile name `{name}`");
        Profile { name: name.into(), base, builtin: false, overrides: Vec::new(), rustflags: Vec::new() }
    }

    /// `opt-level`: "0" "1" "2" "3" "s" "z".
    pub fn opt_level(self, v: &str) -> Self {
        let value = match v {
            "0" | "1" | "2" | "3" => json!(v.parse::<u64>().unwrap()),
            "s" | "z" => json!(v),
            _ => panic!("proof: profile `{}`: unknown opt-level `{v}` (expected 0, 1, 2, 3, \"s\" or \"z\")", self.name),
        };
        self.set("opt-level", value)
    }

    /// `lto`: "false" (thin LTO within the crate only), "off" (none at all), "thin", "fat", "true" (= fat).
    /// The spelling is kept as given: `true` and `"fat"` are recorded as written.
    pub fn lto(self, v: &str) -> Self {
        let value = match v {
            "false" => json!(false),
            "true" => json!(true),
            "off" | "thin" | "fat" => json!(v),
            _ => panic!("proof: profile `{}`: unknown lto value `{v}` (expected \"false\", \"off\", \"thin\", \"fat\" or \"true\")", self.name),
        };
        self.set("lto", value)
    }

    /// `codegen-units`: at least 1.
    pub fn codegen_units(self, n: u32) -> Self {
        assert!(n >= 1, "proof: profile `{}`: codegen-units must be at least 1", self.name);
        self.set("codegen-units", json!(n))
    }

    /// `incremental`.
    pub fn incremental(self, on: bool) -> Self {
        self.set("incremental", json!(on))
    }

    /// `debug`: "0"/"false"/"none", "line-directives-only", "line-tables-only", "1"/"limited",
    /// "2"/"true"/"full". Recorded by its name ("none" … "full").
    pub fn debug(self, v: &str) -> Self {
        let level = match v {
            "0" | "false" | "none" => "none",
            "line-directives-only" => "line-directives-only",
            "line-tables-only" => "line-tables-only",
            "1" | "limited" => "limited",
            "2" | "true" | "full" => "full",
            _ => panic!("proof: profile `{}`: unknown debug value `{v}`", self.name),
        };
        self.set("debug", json!(level))
    }

    /// `strip`: "none"/"false", "debuginfo", "symbols"/"true". Recorded by its name.
    pub fn strip(self, v: &str) -> Self {
        let level = match v {
            "none" | "false" => "none",
            "debuginfo" => "debuginfo",
            "symbols" | "true" => "symbols",
            _ => panic!("proof: profile `{}`: unknown strip value `{v}` (expected \"none\", \"debuginfo\" or \"symbols\")", self.name),
        };
        self.set("strip", json!(level))
    }

    /// `panic`: "unwind" or "abort".
    pub fn panic(self, v: &str) -> Self {
        assert!(matches!(v, "unwind" | "abort"), "proof: profile `{}`: unknown panic strategy `{v}` (expected \"unwind\" or \"abort\")", self.name);
        self.set("panic", json!(v))
    }

    fn set(mut self, key: &'static str, value: Value) -> Self {
        assert!(
            !self.builtin,
            "proof: Profile::{}() is Cargo's built-in profile, unmodified; to change `{key}`, use Profile::custom(\"{}-…\", Base::{:?})",
            self.name, self.name, self.base
        );
        self.overrides.retain(|(k, _)| *k != key);
        self.overrides.push((key, value));
        self
    }

    /// Extra rustc flags for every crate of the lab (a custom profile only): they are passed as
    /// `--config build.rustflags=[…]` and recorded under `rustflags`. Use them for what a Cargo profile
    /// cannot say, such as the linker (`-Clink-arg=-fuse-ld=bfd`) or `-Ctarget-cpu`.
    pub fn rustflags(mut self, flags: &[&str]) -> Self {
        assert!(!self.builtin, "proof: rustflags on the built-in `{}` profile: make a custom profile", self.name);
        self.rustflags = flags.iter().map(|f| f.to_string()).collect();
        self
    }

    /// The profile's name (`dev`, `release`, or the custom name).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The built-in profile this one starts from.
    pub fn base(&self) -> Base {
        self.base
    }

    /// The directory under the target directory where Cargo puts this profile's artifacts
    /// (`debug` for `dev`, otherwise the profile's name).
    pub fn dir_name(&self) -> &str {
        if self.name == "dev" { "debug" } else { &self.name }
    }

    fn overridden(&self, key: &str) -> Option<&Value> {
        self.overrides.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The resolved value of each recorded key: Cargo 1.95's default for the base profile, merged with
    /// the overrides (see the module documentation for the defaults and how `strip` and
    /// `codegen-units` follow `debug` and `incremental`).
    pub fn resolved(&self) -> Map<String, Value> {
        let dev = self.base == Base::Dev;
        let get = |key: &str, default: Value| self.overridden(key).cloned().unwrap_or(default);
        let opt_level = get("opt-level", json!(if dev { 0 } else { 3 }));
        let debug = get("debug", json!(if dev { "full" } else { "none" }));
        let strip = get("strip", json!(if debug == json!("none") { "debuginfo" } else { "none" }));
        let lto = get("lto", json!(false));
        let incremental = get("incremental", json!(dev));
        let codegen_units = get("codegen-units", json!(if incremental == json!(true) { 256 } else { 16 }));
        let panic = get("panic", json!("unwind"));
        let values = [opt_level, debug, strip, lto, codegen_units, incremental, panic];
        KEYS.iter().map(|k| k.to_string()).zip(values).collect()
    }

    /// The name and the resolved settings, plus `rustflags`: the profile's own flags (and those of a symbol
    /// mangling asked for, [`crate::claim::symbol_mangling`]), the only ones the build sees (the harness
    /// clears every source of RUSTFLAGS in the environment of the builds it runs).
    pub fn record(&self) -> ProfileRecord {
        self.register();
        let mut settings = self.resolved();
        let flags = self.all_rustflags();
        settings.insert("rustflags".into(), json!(flags.join(" ")));
        if flags.iter().any(|f| f.starts_with("-Z")) {
            // The harness sets it for this build only (crate::lab); a reader repeating the build needs it too.
            settings.insert("RUSTC_BOOTSTRAP".into(), json!("1 (for the -Z flag, in this build only)"));
        }
        ProfileRecord { name: self.name.clone(), settings }
    }

    /// The Cargo arguments that select this profile: `--profile NAME`, and for a custom profile
    /// `--config profile.NAME.inherits="BASE"` and one `--config profile.NAME.KEY=VALUE` per override.
    pub fn cargo_args(&self) -> Vec<String> {
        self.register();
        let mut args = vec!["--profile".to_string(), self.name.clone()];
        let flags = self.all_rustflags();
        if self.builtin && !flags.is_empty() {
            args.push("--config".into());
            args.push(format!("build.rustflags={}", Value::from(flags.clone())));
        }
        if !self.builtin {
            args.push("--config".into());
            args.push(format!("profile.{}.inherits={}", self.name, Value::from(self.base.cargo_name())));
            if !flags.is_empty() {
                args.push("--config".into());
                args.push(format!("build.rustflags={}", Value::from(flags)));
            }
            for (key, value) in &self.overrides {
                // A JSON string, number or bool is also the TOML spelling of that value.
                args.push("--config".into());
                args.push(format!("profile.{}.{key}={value}", self.name));
            }
        }
        args
    }

    /// The profile's own rustc flags followed by those of the symbol mangling asked for with
    /// `MEASURED_SYMBOL_MANGLING` ([`crate::claim::mangling_flags`]; none by default): what the build is
    /// given and what the record shows.
    fn all_rustflags(&self) -> Vec<String> {
        self.rustflags.iter().cloned().chain(crate::claim::mangling_flags()).collect()
    }

    /// Remembers that this name means these settings in this process; panics on a second meaning.
    fn register(&self) {
        static SEEN: OnceLock<Mutex<HashMap<String, Profile>>> = OnceLock::new();
        let mut seen = SEEN.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
        match seen.get(&self.name) {
            Some(earlier) if earlier.base != self.base || earlier.resolved() != self.resolved() || earlier.rustflags != self.rustflags => panic!(
                "proof: two profiles are named `{}` with different settings ({} {:?} vs {} {:?}): a name identifies one profile, give each its own",
                self.name,
                earlier.base.cargo_name(),
                earlier.resolved(),
                self.base.cargo_name(),
                self.resolved()
            ),
            Some(_) => {}
            None => {
                seen.insert(self.name.clone(), self.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_defaults_resolve_like_cargo_1_95() {
        let r = Profile::release().record();
        assert_eq!(r.name, "release");
        assert_eq!(
            serde_json::to_string(&r.settings).unwrap(),
            r#"{"opt-level":3,"debug":"none","strip":"debuginfo","lto":false,"codegen-units":16,"incremental":false,"panic":"unwind","rustflags":""}"#
        );
        let d = Profile::dev().record();
        assert_eq!(
            serde_json::to_string(&d.settings).unwrap(),
            r#"{"opt-level":0,"debug":"full","strip":"none","lto":false,"codegen-units":256,"incremental":true,"panic":"unwind","rustflags":""}"#
        );
        assert_eq!(Profile::release().cargo_args(), ["--profile", "release"]);
    }

    #[test]
    fn overrides_merge_and_become_config_args() {
        let p = Profile::custom("test-profile-fat", Base::Release).lto("fat").codegen_units(1).debug("1");
        let s = p.record().settings;
        assert_eq!(s["lto"], json!("fat"));
        assert_eq!(s["codegen-units"], json!(1));
        assert_eq!(s["debug"], json!("limited"));
        assert_eq!(s["strip"], json!("none"), "debug on: Cargo strips nothing by default");
        assert_eq!(
            p.cargo_args(),
            [
                "--profile",
                "test-profile-fat",
                "--config",
                "profile.test-profile-fat.inherits=\"release\"",
                "--config",
                "profile.test-profile-fat.lto=\"fat\"",
                "--config",
                "profile.test-profile-fat.codegen-units=1",
                "--config",
                "profile.test-profile-fat.debug=\"limited\"",
            ]
        );
        let nd = Profile::custom("test-profile-dev-noinc", Base::Dev).incremental(false).debug("false");
        assert_eq!(nd.resolved()["codegen-units"], json!(16));
        assert_eq!(nd.resolved()["strip"], json!("debuginfo"));
        assert_eq!(nd.resolved()["opt-level"], json!(0));
        assert_eq!(Profile::custom("test-profile-s", Base::Release).opt_level("s").resolved()["opt-level"], json!("s"));
    }

    #[test]
    #[should_panic(expected = "unknown lto value `bogus`")]
    fn unknown_lto_value_panics() {
        let _ = Profile::custom("test-profile-bogus", Base::Release).lto("bogus");
    }

    #[test]
    #[should_panic(expected = "two profiles are named `test-profile-twice`")]
    fn one_name_one_profile() {
        let _ = Profile::custom("test-profile-twice", Base::Release).lto("thin").cargo_args();
        let _ = Profile::custom("test-profile-twice", Base::Release).lto("fat").cargo_args();
    }

    #[test]
    fn same_name_same_settings_is_fine() {
        let a = Profile::custom("test-profile-same", Base::Release).lto("thin").codegen_units(1);
        let b = Profile::custom("test-profile-same", Base::Release).codegen_units(1).lto("thin");
        assert_eq!(a.cargo_args().len(), b.cargo_args().len());
        let _ = b.record();
    }

    #[test]
    #[should_panic(expected = "built-in profile, unmodified")]
    fn builtin_profiles_are_unmodified() {
        let _ = Profile::release().lto("fat");
    }
}
