// Static against dynamic dispatch, for the chapter's monomorphization section (tests/claims/pipeline.rs). Not a
// module of the lab's library: the checks compile this file on its own (with rustc, or as the lab's
// `dispatch` example), choosing with `--cfg` how `describe` takes its shape (`generic`: a type
// parameter; otherwise `&dyn Shape`) and how many shape types `report` passes to it (`four`: four;
// otherwise one). `report` reads the same either way.

// ANCHOR: dispatch
pub trait Shape {
    fn area(&self) -> f64;
    fn perimeter(&self) -> f64;
}

pub struct Circle(pub f64);
pub struct Square(pub f64);
pub struct Rect(pub f64, pub f64);
pub struct Triangle(pub f64, pub f64, pub f64);

impl Shape for Circle {
    fn area(&self) -> f64 { 3.14159 * self.0 * self.0 }
    fn perimeter(&self) -> f64 { 2.0 * 3.14159 * self.0 }
}
impl Shape for Square {
    fn area(&self) -> f64 { self.0 * self.0 }
    fn perimeter(&self) -> f64 { 4.0 * self.0 }
}
impl Shape for Rect {
    fn area(&self) -> f64 { self.0 * self.1 }
    fn perimeter(&self) -> f64 { 2.0 * (self.0 + self.1) }
}
impl Shape for Triangle {
    fn area(&self) -> f64 { let s = (self.0 + self.1 + self.2) / 2.0; (s * (s - self.0) * (s - self.1) * (s - self.2)).sqrt() }
    fn perimeter(&self) -> f64 { self.0 + self.1 + self.2 }
}

/// A score of one shape: the same body, compiled once per shape type (generic) or once (dyn).
#[cfg(generic)]
fn describe<S: Shape>(shape: &S) -> f64 {
    let mut score = 0.0;
    for k in 1..=8 {
        let scaled = shape.area() * k as f64;
        if scaled > shape.perimeter() { score += scaled.sqrt() } else { score -= scaled / 2.0 }
    }
    score
}

#[cfg(not(generic))]
fn describe(shape: &dyn Shape) -> f64 {
    let mut score = 0.0;
    for k in 1..=8 {
        let scaled = shape.area() * k as f64;
        if scaled > shape.perimeter() { score += scaled.sqrt() } else { score -= scaled / 2.0 }
    }
    score
}

#[cfg(four)]
pub fn report(c: &Circle, s: &Square, r: &Rect, t: &Triangle) -> f64 {
    describe(c) + describe(s) + describe(r) + describe(t)
}

#[cfg(not(four))]
pub fn report(c: &Circle) -> f64 {
    describe(c)
}
// ANCHOR_END: dispatch
