//! Text records: generating a deterministic input and parsing it back.
//!
//! A record is one line `id,city,amount,weight`, e.g. `17,Lisbon,1234.50,0.75`.

pub mod generate;
pub mod parse;

/// One parsed line.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: u64,
    pub city: String,
    pub amount: f64,
    pub weight: f64,
}

pub use generate::generate;
pub use parse::{parse_all, parse_line, ParseError};
