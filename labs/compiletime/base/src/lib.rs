//! A small library every program of the lab uses.
pub const GREETING: &str = "hello";

pub fn shout(s: &str) -> String {
    s.to_uppercase()
}
