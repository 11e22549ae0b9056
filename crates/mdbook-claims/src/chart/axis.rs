//! The parts every chart is drawn from: numbers as a reader reads them, label wrapping, the value axis
//! (its range, ticks and note) and the legend.

use super::{GRID, INK, LABEL_SIZE, MARGIN, PALETTE, SMALL_SIZE, Scale, WIDTH};
use crate::html::esc;
use std::fmt::Write;

/// A number for a bar or a sentence: integers with thousands separators, others with at most four
/// significant digits.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let digits = format!("{}", v.abs() as u64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        return if v < 0.0 { format!("-{out}") } else { out };
    }
    let a = v.abs();
    let decimals = if a >= 1000.0 {
        0
    } else if a >= 100.0 {
        1
    } else if a >= 10.0 {
        2
    } else {
        3
    };
    if decimals == 0 {
        return number(v.round());
    }
    let s = format!("{v:.decimals$}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A short number for an axis tick: 1.5k, 20M, 3G (the exact figures are on the bars).
pub fn compact(v: f64) -> String {
    let a = v.abs();
    let (d, suffix) = if a >= 1e9 {
        (1e9, "G")
    } else if a >= 1e6 {
        (1e6, "M")
    } else if a >= 1e4 {
        (1e3, "k")
    } else {
        (1.0, "")
    };
    let x = v / d;
    let s = if (x - x.round()).abs() < 1e-9 {
        number(x.round())
    } else {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    format!("{s}{suffix}")
}

/// The estimated width of `text` at `size` (an average sans-serif glyph is about 0.55 em wide).
pub(super) fn text_width(text: &str, size: f64) -> f64 {
    text.chars().count() as f64 * size * 0.55
}

/// Splits a label into lines of at most `max_px` wide at `size` (greedy, on spaces).
pub(super) fn wrap(label: &str, max_px: f64, size: f64) -> Vec<String> {
    let max_chars = ((max_px / (size * 0.55)).floor() as usize).max(6);
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max_chars => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// A "nice" step (1, 2, 2.5 or 5 times a power of ten) near `raw`.
pub(super) fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(raw.log10().floor());
    let f = raw / p;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * p
}

/// The value axis: where it starts and ends, its ticks, and what the plot must say about it.
pub(super) struct Axis {
    pub(super) lo: f64,
    pub(super) hi: f64,
    pub(super) log: bool,
    pub(super) ticks: Vec<f64>,
    pub(super) note: Option<String>,
}

impl Axis {
    pub(super) fn new(scale: Scale, values: &[f64]) -> Axis {
        let max = values.iter().copied().fold(0.0_f64, f64::max);
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        match scale {
            Scale::Log => {
                let positive = values.iter().copied().filter(|v| *v > 0.0).fold(f64::INFINITY, f64::min);
                let lo_exp = if positive.is_finite() { positive.log10().floor() } else { 0.0 };
                let hi_exp = if max > 0.0 { max.log10().ceil().max(lo_exp + 1.0) } else { lo_exp + 1.0 };
                let n = (hi_exp - lo_exp) as usize;
                let every = n.div_ceil(5).max(1);
                let ticks = (0..=n).step_by(every).map(|k| 10f64.powf(lo_exp + k as f64)).collect();
                Axis {
                    lo: 10f64.powf(lo_exp),
                    hi: 10f64.powf(hi_exp),
                    log: true,
                    ticks,
                    note: Some("log scale: each grid line is ten times the one before".into()),
                }
            }
            Scale::Zoomed if min.is_finite() && min > 0.0 => {
                let range = if max > min { max - min } else { max * 0.05 };
                let want_lo = (min - 1.5 * range).max(0.0);
                let step = nice_step((max - want_lo) / 4.0);
                let lo = (want_lo / step).floor() * step;
                let hi = (max / step).ceil() * step;
                let ticks = ticks(lo, hi, step);
                let note = (lo > 0.0).then(|| format!("axis starts at {}, not at 0", number(lo)));
                Axis { lo, hi, log: false, ticks, note }
            }
            _ => {
                let step = nice_step(max.max(1e-12) / 5.0);
                let hi = if max > 0.0 { (max / step).ceil() * step } else { 1.0 };
                Axis { lo: 0.0, hi, log: false, ticks: ticks(0.0, hi, step), note: None }
            }
        }
    }

    /// The fraction (0 to 1) of the axis at `v`.
    pub(super) fn at(&self, v: f64) -> f64 {
        let f = if self.log {
            if v <= 0.0 {
                return 0.0;
            }
            (v.log10() - self.lo.log10()) / (self.hi.log10() - self.lo.log10())
        } else {
            (v - self.lo) / (self.hi - self.lo)
        };
        f.clamp(0.0, 1.0)
    }
}

pub(super) fn ticks(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let n = ((hi - lo) / step).round() as usize;
    (0..=n).map(|k| lo + k as f64 * step).collect()
}

/// SVG text, escaped, at (x, y) (the baseline).
pub(super) fn text(out: &mut String, x: f64, y: f64, size: f64, anchor: &str, extra: &str, s: &str) {
    let _ = write!(out, "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"{size}\" text-anchor=\"{anchor}\" fill=\"{INK}\"{extra}>{}</text>", esc(s));
}

/// The value axis at `y`, from `x0` over `len`: its line, ticks and labels, grid lines up to `top`,
/// its description and its note. Returns the y under it.
pub(super) fn value_axis(out: &mut String, axis: &Axis, desc: &str, x0: f64, len: f64, top: f64, y: f64) -> f64 {
    for t in &axis.ticks {
        let x = x0 + axis.at(*t) * len;
        let _ = write!(out, "<line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"{GRID}\" stroke-width=\"1\"/>");
        let _ = write!(out, "<line x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"{INK}\" stroke-width=\"1\"/>", y + 4.0);
    }
    let _ = write!(out, "<line x1=\"{x0:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{INK}\" stroke-width=\"1\"/>", x0 + len);
    if axis.lo > 0.0 && !axis.log {
        // A break mark: the bars do not start at zero.
        let _ = write!(out, "<path d=\"M{:.1},{:.1} l4,-6 l4,12 l4,-6\" fill=\"none\" stroke=\"{INK}\" stroke-width=\"1.2\"/>", x0 - 2.0, y);
    }
    let mut last_right = f64::NEG_INFINITY;
    for (i, t) in axis.ticks.iter().enumerate() {
        let x = x0 + axis.at(*t) * len;
        let label = compact(*t);
        let w = text_width(&label, SMALL_SIZE);
        let anchor = if i == 0 {
            "start"
        } else if i + 1 == axis.ticks.len() {
            "end"
        } else {
            "middle"
        };
        let left = match anchor {
            "start" => x,
            "end" => x - w,
            _ => x - w / 2.0,
        };
        if left < last_right + 6.0 {
            continue;
        }
        last_right = left + w;
        text(out, x, y + 4.0 + SMALL_SIZE + 2.0, SMALL_SIZE, anchor, "", &label);
    }
    let mut y = y + 4.0 + SMALL_SIZE + 4.0;
    for line in wrap(desc, WIDTH - 2.0 * MARGIN, LABEL_SIZE) {
        if line.is_empty() {
            continue;
        }
        y += LABEL_SIZE + 3.0;
        text(out, x0, y, LABEL_SIZE, "start", "", &line);
    }
    if let Some(note) = &axis.note {
        for line in wrap(note, WIDTH - 2.0 * MARGIN, SMALL_SIZE) {
            y += SMALL_SIZE + 3.0;
            text(out, x0, y, SMALL_SIZE, "start", " font-style=\"italic\" class=\"chart-axis-note\"", &line);
        }
    }
    y
}

/// A legend of swatches and names, flowing in rows. Returns the y under it.
pub(super) fn legend(out: &mut String, names: &[String], y: f64) -> f64 {
    let mut x = MARGIN;
    let mut y = y;
    let row = LABEL_SIZE + 6.0;
    for (i, name) in names.iter().enumerate() {
        let w = 14.0 + 6.0 + text_width(name, LABEL_SIZE) + 14.0;
        if x > MARGIN && x + w > WIDTH - MARGIN {
            x = MARGIN;
            y += row;
        }
        let _ = write!(out, "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"{}\"/>", y + 2.0, PALETTE[i % PALETTE.len()]);
        text(out, x + 20.0, y + LABEL_SIZE, LABEL_SIZE, "start", "", name);
        x += w;
    }
    y + row + 4.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(84397.0), "84,397");
        assert_eq!(number(1234567.0), "1,234,567");
        assert_eq!(number(-1000.0), "-1,000");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(1.23456), "1.235");
        assert_eq!(number(123.456), "123.5");
        assert_eq!(number(20000.4), "20,000");
        assert_eq!(compact(90_000_000.0), "90M");
        assert_eq!(compact(2_500_000.0), "2.5M");
        assert_eq!(compact(40_000.0), "40k");
        assert_eq!(compact(5000.0), "5,000");
        assert_eq!(compact(0.5), "0.5");
    }

    #[test]
    fn labels_wrap_on_spaces() {
        assert_eq!(wrap("FxHash", 100.0, LABEL_SIZE), ["FxHash"]);
        assert_eq!(wrap("lto = \"off\" (the control)", 110.0, LABEL_SIZE), ["lto = \"off\"", "(the control)"]);
    }
}
