//! Charts as inline SVG, written directly (no fonts needed: the browser lays the text out). Used by
//! `{{#plot}}` (figures of blessed evidence) and `{{#shown}}` (wall-clock estimates).
//!
//! Made to be read on a phone: the view box is [`WIDTH`] (400) units wide and the stylesheet never
//! scales it past 1.3×, so 14-unit text is at least about 12 pixels on a 400-pixel screen and the
//! text never shrinks below what the reader's own screen shows. Bars are horizontal, each category's
//! label on its own line above its bars (no label is squeezed under a narrow slot), the exact figure
//! after each bar. A value axis at the foot says what it measures and, when it does not start at zero
//! or is logarithmic, says so on the plot.
//!
//! The SVG is returned as one line of balanced tags, as the HTML fragments of this crate must be (mdBook
//! 0.5 tokenizes raw HTML; a blank line would end the HTML block). Its colours are fixed, for a standalone
//! reader; `theme/claims.css` maps the black text and axes and the grey grid lines onto the theme's
//! colours, so the chart follows the light and dark themes.

mod axis;

use crate::html::esc;
pub use axis::number;
use axis::{Axis, legend, text, text_width, value_axis, wrap};
use std::fmt::Write;

/// Width of the SVG's view box (its height follows the content).
pub const WIDTH: f64 = 400.0;

/// Bar colours, in series order (Tableau 10: readable on light and dark backgrounds).
const PALETTE: [&str; 6] = ["#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#9C755F", "#76B7B2"];
/// Axes and text; the stylesheet recolours this exact value.
const INK: &str = "#000000";
/// Grid lines; the stylesheet recolours this exact value.
pub const GRID: &str = "#D0D0D0";

/// Labels (categories, legend) and small text (figures, ticks, notes), in view-box units.
const LABEL_SIZE: f64 = 15.0;
const SMALL_SIZE: f64 = 14.0;
const MARGIN: f64 = 8.0;
const BAR_H: f64 = 18.0;
const BAR_GAP: f64 = 3.0;

/// How the value axis runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scale {
    /// From zero, linear.
    #[default]
    Zero,
    /// Linear from a round number below the smallest bar, said on the plot ("axis starts at …"): for
    /// near-equal figures whose difference would be invisible from zero.
    Zoomed,
    /// Logarithmic, one grid line per power of ten, said on the plot: for growth, and for figures
    /// orders of magnitude apart.
    Log,
}

/// A bar chart: one row of bars per category, one bar per (category, series).
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The SVG's accessible name (`<title>` and `aria-label`).
    pub title: String,
    /// The value axis description, unit included: "instructions executed (instructions)".
    pub y_desc: String,
    /// The categories, top to bottom.
    pub categories: Vec<String>,
    /// Series names, for the legend; with fewer than two, no legend is drawn.
    pub series: Vec<String>,
    pub bars: Vec<Bar>,
    pub scale: Scale,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Index into [`Chart::categories`].
    pub category: usize,
    /// Index into [`Chart::series`] (0 when there are none).
    pub series: usize,
    pub value: f64,
    /// An interval drawn as an error bar (low, high).
    pub interval: Option<(f64, f64)>,
    /// The text after the bar (the exact figure).
    pub text: String,
}

/// A step chart: for each series, a yes/no answer along a numeric axis (e.g. "inlined or still called"
/// along a function's MIR statements), with the measured boundary marked.
#[derive(Debug, Clone, PartialEq)]
pub struct Steps {
    pub title: String,
    /// The x axis description: "MIR statements in the function".
    pub x_desc: String,
    /// The names of the two levels, low (0) then high (1): ["inlined", "still called"].
    pub levels: [String; 2],
    pub series: Vec<StepSeries>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StepSeries {
    pub name: String,
    /// (x, level 0 or 1), in any order.
    pub points: Vec<(f64, u8)>,
    /// The boundary: the last x at the low level and the first at the high level, if measured.
    pub boundary: Option<(f64, f64)>,
}

/// The chart as one line of SVG.
pub fn svg(chart: &Chart) -> Result<String, String> {
    if chart.categories.is_empty() || chart.bars.is_empty() {
        return Err("a chart needs at least one bar".into());
    }
    if let Some(b) = chart.bars.iter().find(|b| !b.value.is_finite() || b.value < 0.0) {
        return Err(format!("cannot draw a bar of {}: bars start at 0 and must be finite", b.value));
    }
    let legend_on = chart.series.len() >= 2;
    let mut values: Vec<f64> = chart.bars.iter().map(|b| b.value).collect();
    values.extend(chart.bars.iter().filter_map(|b| b.interval).flat_map(|(lo, hi)| [lo, hi]));
    let axis = Axis::new(chart.scale, &values);
    let text_w = chart.bars.iter().map(|b| text_width(&b.text, SMALL_SIZE)).fold(0.0, f64::max);
    let x0 = MARGIN + 4.0;
    let len = WIDTH - x0 - MARGIN - text_w - 8.0;

    let mut body = String::new();
    let mut y = MARGIN;
    if legend_on {
        y = legend(&mut body, &chart.series, y);
    }
    let top = y;
    for (c, category) in chart.categories.iter().enumerate() {
        for line in wrap(category, WIDTH - 2.0 * MARGIN, LABEL_SIZE) {
            y += LABEL_SIZE + 3.0;
            text(&mut body, MARGIN, y, LABEL_SIZE, "start", " font-weight=\"600\"", &line);
        }
        y += 5.0;
        let mut bars: Vec<&Bar> = chart.bars.iter().filter(|b| b.category == c).collect();
        bars.sort_by_key(|b| b.series);
        for b in bars {
            let colour = PALETTE[if legend_on { b.series % PALETTE.len() } else { 0 }];
            let w = axis.at(b.value) * len;
            let _ = write!(body, "<rect x=\"{x0:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR_H}\" fill=\"{colour}\"/>");
            let mut end = x0 + w;
            if let Some((lo, hi)) = b.interval {
                let (xl, xh) = (x0 + axis.at(lo) * len, x0 + axis.at(hi) * len);
                let m = y + BAR_H / 2.0;
                let _ = write!(
                    body,
                    "<path d=\"M{xl:.1},{:.1} v10 M{xl:.1},{m:.1} H{xh:.1} M{xh:.1},{:.1} v10\" fill=\"none\" stroke=\"{INK}\" stroke-width=\"1\"/>",
                    m - 5.0,
                    m - 5.0
                );
                end = end.max(xh);
            }
            text(&mut body, end + 5.0, y + BAR_H / 2.0 + SMALL_SIZE * 0.35, SMALL_SIZE, "start", "", &b.text);
            y += BAR_H + BAR_GAP;
        }
        y += 6.0;
    }
    y += 2.0;
    let mut foot = String::new();
    let y = value_axis(&mut foot, &axis, &chart.y_desc, x0, len, top, y);
    // Grid lines behind the bars: the foot is drawn first.
    Ok(wrap_svg(&chart.title, y + MARGIN, &(foot + &body)))
}

/// The step chart as one line of SVG: one strip per series, the level along x, the boundary marked.
pub fn steps_svg(chart: &Steps) -> Result<String, String> {
    let xs: Vec<f64> = chart.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).collect();
    if xs.is_empty() {
        return Err("a step chart needs at least one point".into());
    }
    let max = xs.iter().copied().fold(0.0_f64, f64::max);
    let axis = Axis::new(Scale::Zero, &[max]);
    let x0 = MARGIN + 4.0;
    let len = WIDTH - x0 - MARGIN - 4.0;
    let px = |v: f64| x0 + axis.at(v) * len;
    let mut body = String::new();
    let mut y = MARGIN;
    let top = y;
    let strip = 64.0;
    for (i, s) in chart.series.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let _ = write!(body, "<rect x=\"{MARGIN}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"{colour}\"/>", y + 3.0);
        let mut ly = y;
        for line in wrap(&s.name, WIDTH - 2.0 * MARGIN - 20.0, LABEL_SIZE) {
            ly += LABEL_SIZE + 3.0;
            text(&mut body, MARGIN + 20.0, ly, LABEL_SIZE, "start", " font-weight=\"600\"", &line);
        }
        y = ly + 8.0;
        let (y_hi, y_lo) = (y + 22.0, y + strip - 4.0);
        let mut pts = s.points.clone();
        pts.sort_by(|a, b| a.0.total_cmp(&b.0));
        let level_y = |l: u8| if l == 0 { y_lo } else { y_hi };
        let mut d = String::new();
        for (k, (x, l)) in pts.iter().enumerate() {
            let (xp, yp) = (px(*x), level_y(*l));
            if k == 0 {
                let _ = write!(d, "M{xp:.1},{yp:.1}");
            } else {
                let prev = pts[k - 1];
                if prev.1 != *l {
                    // The step, half-way between the two functions.
                    let mid = px((prev.0 + x) / 2.0);
                    let _ = write!(d, " H{mid:.1} V{yp:.1}");
                }
                let _ = write!(d, " H{xp:.1}");
            }
        }
        let _ = write!(body, "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"3\"/>");
        for (x, l) in &pts {
            let _ = write!(body, "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"{colour}\"/>", px(*x), level_y(*l));
        }
        // The level names, where the line is not.
        let first_low = pts.first().is_some_and(|p| p.1 == 0);
        let last_high = pts.last().is_some_and(|p| p.1 == 1);
        if first_low {
            text(&mut body, x0, y_lo - 8.0, SMALL_SIZE, "start", "", &chart.levels[0]);
        } else {
            text(&mut body, x0, y_hi + SMALL_SIZE + 6.0, SMALL_SIZE, "start", "", &chart.levels[1]);
        }
        let end = pts.last().map_or(x0 + len, |p| px(p.0));
        if last_high {
            text(&mut body, end, y_hi + SMALL_SIZE + 6.0, SMALL_SIZE, "end", "", &chart.levels[1]);
        } else if pts.iter().all(|p| p.1 == 0) {
            text(&mut body, end, y_lo - 8.0, SMALL_SIZE, "end", "", &chart.levels[0]);
        }
        if let Some((a, b)) = s.boundary {
            let xm = px((a + b) / 2.0);
            let _ = write!(
                body,
                "<line x1=\"{xm:.1}\" y1=\"{:.1}\" x2=\"{xm:.1}\" y2=\"{:.1}\" stroke=\"{INK}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>",
                y + 2.0,
                y_lo + 4.0
            );
            let label = format!("boundary: {}–{}", number(a), number(b));
            let w = text_width(&label, SMALL_SIZE);
            // Beside the line, on the side with room.
            let (tx, anchor) = if xm + 6.0 + w <= x0 + len { (xm + 6.0, "start") } else { (xm - 6.0, "end") };
            text(&mut body, tx, y + SMALL_SIZE, SMALL_SIZE, anchor, " font-weight=\"600\"", &label);
        }
        y = y_lo + 16.0;
    }
    let mut foot = String::new();
    let y = value_axis(&mut foot, &axis, &chart.x_desc, x0, len, top, y);
    Ok(wrap_svg(&chart.title, y + MARGIN, &(foot + &body)))
}

/// One line, with an accessible name: `<svg … role="img" aria-label="…"><title>…</title>…</svg>`.
fn wrap_svg(title: &str, height: f64, inner: &str) -> String {
    let t = esc(title);
    let h = height.ceil();
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {h}\" width=\"{WIDTH}\" height=\"{h}\" font-family=\"sans-serif\" class=\"measured-chart\" role=\"img\" aria-label=\"{t}\"><title>{t}</title>{inner}</svg>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(series: Vec<String>, interval: bool) -> Chart {
        Chart {
            title: "Fill <1,000> keys".into(),
            y_desc: "instructions".into(),
            categories: vec!["FxHash".into(), "SipHash".into()],
            series: series.clone(),
            bars: (0..2)
                .flat_map(|c| {
                    (0..series.len().max(1)).map(move |s| Bar {
                        category: c,
                        series: s,
                        value: 1000.0 * (c + s + 1) as f64,
                        interval: interval.then_some((900.0, 1100.0 * (c + s + 1) as f64)),
                        text: number(1000.0 * (c + s + 1) as f64),
                    })
                })
                .collect(),
            scale: Scale::Zero,
        }
    }

    fn assert_balanced_one_line(svg: &str) {
        assert!(!svg.contains('\n'), "{svg}");
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"), "{svg}");
        // Every opened tag is closed (self-closing counts), in order.
        let mut stack: Vec<String> = Vec::new();
        let mut rest = svg;
        while let Some(i) = rest.find('<') {
            let end = rest[i..].find('>').unwrap() + i;
            let tag = &rest[i + 1..end];
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(stack.pop().as_deref(), Some(name.trim()), "{svg}");
            } else if !tag.ends_with('/') {
                stack.push(tag.split_whitespace().next().unwrap().to_string());
            }
            rest = &rest[end + 1..];
        }
        assert!(stack.is_empty(), "unclosed {stack:?}");
    }

    /// The font sizes used, in view-box units.
    fn font_sizes(svg: &str) -> Vec<f64> {
        svg.split("font-size=\"").skip(1).map(|s| s[..s.find('"').unwrap()].parse().unwrap()).collect()
    }

    #[test]
    fn draws_bars_labels_and_an_accessible_name() {
        let svg = svg(&sample(vec![], false)).unwrap();
        assert_balanced_one_line(&svg);
        assert!(svg.contains("role=\"img\" aria-label=\"Fill &lt;1,000&gt; keys\"><title>Fill &lt;1,000&gt; keys</title>"));
        for text in [">FxHash</text>", ">SipHash</text>", ">1,000</text>", ">2,000</text>", ">instructions</text>"] {
            assert!(svg.contains(text), "missing {text} in {svg}");
        }
        assert_eq!(svg.matches("fill=\"#4E79A7\"").count(), 2);
        // Legible on a phone: a 400-unit view box, no text under 14 units.
        assert!(svg.contains("viewBox=\"0 0 400 "), "{svg}");
        assert!(font_sizes(&svg).iter().all(|s| *s >= 14.0), "{:?}", font_sizes(&svg));
        assert!(!svg.contains("axis starts at") && !svg.contains("log scale"));
    }

    #[test]
    fn grouped_bars_get_a_legend_and_intervals_error_bars() {
        let svg = svg(&sample(vec!["this hasher".into(), "std".into()], true)).unwrap();
        assert_balanced_one_line(&svg);
        assert!(svg.contains(">this hasher</text>") && svg.contains(">std</text>"));
        // Two bars per series, and one legend swatch each.
        assert_eq!(svg.matches("fill=\"#4E79A7\"").count(), 3);
        assert_eq!(svg.matches("fill=\"#F28E2B\"").count(), 3);
        assert!(svg.contains("<path d=\"M"));
    }

    #[test]
    fn near_equal_bars_zoom_and_say_where_the_axis_starts() {
        let mut c = sample(vec![], false);
        c.bars[0].value = 85_311_655.0;
        c.bars[1].value = 89_280_923.0;
        c.scale = Scale::Zoomed;
        let svg = svg(&c).unwrap();
        assert_balanced_one_line(&svg);
        assert!(svg.contains(">axis starts at 77,500,000, not at 0</text>"), "{svg}");
        // The smaller bar is visibly shorter: under 70% of the longer one.
        let widths: Vec<f64> = svg
            .split("<rect ")
            .skip(1)
            .filter(|r| r.contains("#4E79A7"))
            .map(|r| {
                let w = &r[r.find("width=\"").unwrap() + 7..];
                w[..w.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        assert!(widths[0] < 0.7 * widths[1], "{widths:?}");
    }

    #[test]
    fn log_scale_says_so_and_keeps_small_bars_visible() {
        let mut c = sample(vec![], false);
        c.bars[0].value = 6.0;
        c.bars[1].value = 200.0;
        c.scale = Scale::Log;
        let svg = svg(&c).unwrap();
        assert!(svg.contains("log scale"), "{svg}");
        for t in [">1</text>", ">10</text>", ">100</text>", ">1,000</text>"] {
            assert!(svg.contains(t), "missing {t} in {svg}");
        }
    }

    #[test]
    fn steps_mark_the_boundary() {
        let s = Steps {
            title: "Inlined or called".into(),
            x_desc: "MIR statements".into(),
            levels: ["inlined".into(), "still called".into()],
            series: vec![StepSeries {
                name: "default threshold".into(),
                points: vec![(9.0, 0), (97.0, 0), (105.0, 1), (201.0, 1)],
                boundary: Some((97.0, 105.0)),
            }],
        };
        let svg = steps_svg(&s).unwrap();
        assert_balanced_one_line(&svg);
        for t in [">inlined</text>", ">still called</text>", ">boundary: 97–105</text>", ">MIR statements</text>", ">default threshold</text>"] {
            assert!(svg.contains(t), "missing {t} in {svg}");
        }
        assert!(svg.contains("stroke-dasharray"));
    }

    #[test]
    fn refuses_negative_or_missing_bars() {
        let mut c = sample(vec![], false);
        c.bars[0].value = -1.0;
        assert!(svg(&c).unwrap_err().contains("bars start at 0"));
        c.bars.clear();
        assert!(svg(&c).is_err());
    }
}
