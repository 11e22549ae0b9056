//! A library with a build script.
include!(concat!(env!("OUT_DIR"), "/generated.rs"));
