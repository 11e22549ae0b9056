//! Parsing records by hand: split on commas, then parse each field.

use crate::Record;

#[derive(Debug, PartialEq)]
pub enum ParseError {
    MissingField(&'static str),
    BadNumber(&'static str),
}

fn field<'a>(parts: &mut std::str::Split<'a, char>, name: &'static str) -> Result<&'a str, ParseError> {
    parts.next().filter(|s| !s.is_empty()).ok_or(ParseError::MissingField(name))
}

/// Parses a decimal number with an optional fraction, without going through `f64::from_str`.
pub fn parse_decimal(s: &str, name: &'static str) -> Result<f64, ParseError> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let mut value = 0u64;
    for b in int.bytes().chain(frac.bytes()) {
        if !b.is_ascii_digit() {
            return Err(ParseError::BadNumber(name));
        }
        value = value * 10 + u64::from(b - b'0');
    }
    Ok(value as f64 / 10f64.powi(frac.len() as i32))
}

pub fn parse_line(line: &str) -> Result<Record, ParseError> {
    let mut parts = line.split(',');
    let id = field(&mut parts, "id")?.parse().map_err(|_| ParseError::BadNumber("id"))?;
    let city = field(&mut parts, "city")?.to_string();
    let amount = parse_decimal(field(&mut parts, "amount")?, "amount")?;
    let weight = parse_decimal(field(&mut parts, "weight")?, "weight")?;
    Ok(Record { id, city, amount, weight })
}

/// Every non-empty line, parsed; the first bad line stops the parse.
pub fn parse_all(text: &str) -> Result<Vec<Record>, ParseError> {
    text.lines().filter(|l| !l.is_empty()).map(parse_line).collect()
}
