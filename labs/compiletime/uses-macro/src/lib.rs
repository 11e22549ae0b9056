//! A library that uses the lab's derive macro.
// ANCHOR: derive
#[derive(macros::Describe)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}
// ANCHOR_END: derive
