//! The proof harness of Measured Rust.
//!
//! It is the only place that knows how to build a lab, inspect an artifact, run a measurement or write
//! evidence. A chapter's check is a short declaration on top of it (declarations like it are compiled
//! and run in `crates/proof/tests/claim_api.rs`; the crate has no doctests, which would be compiled
//! again on every `cargo test`):
//!
//! ```ignore
//! use proof::{claim, figures, FiguresExt, Kind, Measured, ProfileRecord};
//! claim("heap.example.one-block")
//!     .kind(Kind::Heap)
//!     .statement("…")
//!     .predicate("exactly one heap block", |f| f.u64("heap blocks") == 1)
//!     .subject("the claim's setting", || Measured::new(ProfileRecord::cargo_test(), figures!{"heap blocks" => 1}))
//!     .control("the opposite setting", || Measured::new(ProfileRecord::cargo_test(), figures!{"heap blocks" => 4}))
//!     .check();
//! ```

#[cfg(feature = "inspect")]
pub mod build_cost;
pub mod claim;
pub mod compile_fail;
pub mod drift;
pub mod dump;
pub mod environment;
pub mod evidence;
#[cfg(feature = "inspect")]
pub mod gungraun;
#[cfg(feature = "heap")]
pub mod heap;
#[cfg(feature = "inspect")]
pub mod inspect;
#[cfg(feature = "inspect")]
pub mod lab;
pub mod margin;
pub mod policy;
#[cfg(feature = "inspect")]
pub mod profile;
pub mod provenance;
pub mod repeat;
pub mod shown;
pub mod stamp;
#[cfg(feature = "inspect")]
pub mod symbols;
pub mod toolchain;
pub mod wallclock;
pub mod workspace;

pub use catalogue;
pub use claim::{Claim, FiguresExt, Measured, claim};
pub use evidence::{Evidence, Figures, Judgement, Kind, ProfileRecord, SourceVerdict, Verdict};
pub use serde_json;

/// Builds [`Figures`] in the order written: `figures!{"heap blocks" => 1, "bytes" => 160}`.
#[macro_export]
macro_rules! figures {
    ($($name:expr => $value:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut f = $crate::Figures::new();
        $( f.insert(::std::string::String::from($name), $crate::serde_json::json!($value)); )*
        f
    }};
}
