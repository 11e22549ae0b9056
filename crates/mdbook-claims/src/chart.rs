//! Bar charts as inline SVG, drawn with plotters' SVG backend (no fonts needed: the browser lays the
//! text out). Used by `{{#plot}}` (figures of blessed evidence) and `{{#shown}}` (wall-clock estimates).
//!
//! The SVG is returned as one line of balanced tags, as the HTML fragments of this crate must be (mdBook
//! 0.5 tokenizes raw HTML; a blank line would end the HTML block). Its colours are fixed, for a standalone
//! reader; `theme/claims.css` maps the black text and axes and the grey grid lines onto the theme's
//! colours, so the chart follows the light and dark themes.

use plotters::coord::Shift;
use plotters::element::{EmptyElement, ErrorBar, Rectangle, Text};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Width and height of the SVG's view box, in pixels.
pub const WIDTH: u32 = 720;
pub const HEIGHT: u32 = 380;

/// Bar colours, in series order (Tableau 10: readable on light and dark backgrounds).
const PALETTE: [RGBColor; 6] = [
    RGBColor(0x4E, 0x79, 0xA7),
    RGBColor(0xF2, 0x8E, 0x2B),
    RGBColor(0x59, 0xA1, 0x4F),
    RGBColor(0xB0, 0x7A, 0xA1),
    RGBColor(0x9C, 0x75, 0x5F),
    RGBColor(0x76, 0xB7, 0xB2),
];
/// Grid lines; the stylesheet recolours this exact value.
pub const GRID: RGBColor = RGBColor(0xD0, 0xD0, 0xD0);

const FONT: &str = "sans-serif";
const LABEL_SIZE: f64 = 17.0;
const LINE_HEIGHT: i32 = 16;

/// A bar chart: categories along x, one bar per (category, series), values along y from 0.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The SVG's accessible name (`<title>` and `aria-label`).
    pub title: String,
    /// The y axis description, unit included: "instructions executed (instructions)".
    pub y_desc: String,
    /// The x categories, left to right.
    pub categories: Vec<String>,
    /// Series names, for the legend; with fewer than two, no legend is drawn.
    pub series: Vec<String>,
    pub bars: Vec<Bar>,
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
    /// The text above the bar (the exact figure).
    pub text: String,
}

/// A number for an axis or a bar: integers with thousands separators, others with at most four
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

/// Splits a label into lines of at most about `max_px` pixels (greedy, on spaces), at most three lines.
fn wrap(label: &str, max_px: f64) -> Vec<String> {
    // plotters writes font sizes divided by 1.24; an average sans-serif glyph is about 0.55 em wide.
    let char_px = LABEL_SIZE / 1.24 * 0.55;
    let max_chars = ((max_px / char_px).floor() as usize).max(6);
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
    if lines.len() > 3 {
        let rest = lines.split_off(2).join(" ");
        lines.push(rest);
    }
    lines
}

fn text_style(size: f64) -> TextStyle<'static> {
    TextStyle::from((FONT, size).into_font()).color(&BLACK)
}

/// The chart as one line of SVG.
pub fn svg(chart: &Chart) -> Result<String, String> {
    if chart.categories.is_empty() || chart.bars.is_empty() {
        return Err("a chart needs at least one bar".into());
    }
    if let Some(b) = chart
        .bars
        .iter()
        .find(|b| !b.value.is_finite() || b.value < 0.0)
    {
        return Err(format!(
            "cannot draw a bar of {}: bars start at 0 and must be finite",
            b.value
        ));
    }
    let mut buf = String::new();
    draw(chart, &mut buf).map_err(|e| format!("plotters: {e}"))?;
    Ok(finish(&buf, &chart.title))
}

fn draw(chart: &Chart, buf: &mut String) -> Result<(), Box<dyn std::error::Error>> {
    let n = chart.categories.len();
    let legend = chart.series.len() >= 2;
    let per_category = if legend { chart.series.len() } else { 1 };
    let top = chart
        .bars
        .iter()
        .map(|b| b.interval.map_or(b.value, |(_, hi)| hi.max(b.value)))
        .fold(0.0_f64, f64::max);
    // Headroom for the figures above the bars, and for the legend.
    let y_max = if top > 0.0 {
        top * if legend { 1.4 } else { 1.15 }
    } else {
        1.0
    };

    let y_labels: Vec<String> = (0..=5).map(|i| number(y_max * i as f64 / 5.0)).collect();
    let y_area = 46 + 8 * y_labels.iter().map(|l| l.len()).max().unwrap_or(1) as i32;
    let slot_px = (WIDTH as f64 - y_area as f64 - 30.0) / n as f64;
    let label_lines: Vec<Vec<String>> = chart
        .categories
        .iter()
        .map(|c| wrap(c, slot_px * 0.92))
        .collect();
    let max_lines = label_lines.iter().map(Vec::len).max().unwrap_or(1) as i32;
    let x_area = 14 + LINE_HEIGHT * max_lines;

    let root: DrawingArea<SVGBackend, Shift> =
        SVGBackend::with_string(buf, (WIDTH, HEIGHT)).into_drawing_area();
    let mut cx = ChartBuilder::on(&root)
        .margin(12)
        .margin_right(24)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(0.0..n as f64, 0.0..y_max)?;
    cx.configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&|v| number(*v))
        .y_desc(chart.y_desc.as_str())
        .axis_desc_style(text_style(LABEL_SIZE))
        .label_style(text_style(LABEL_SIZE - 1.0))
        .axis_style(BLACK)
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .draw()?;

    let inner = if per_category == 1 { 0.56 } else { 0.8 };
    let width = inner / per_category as f64;
    let x_of = |b: &Bar| {
        let series = if legend { b.series } else { 0 };
        let x0 = b.category as f64 + (1.0 - inner) / 2.0 + series as f64 * width;
        (x0 + width * 0.04, x0 + width * 0.96)
    };
    let series_count = if legend { chart.series.len() } else { 1 };
    for s in 0..series_count {
        let color = PALETTE[s % PALETTE.len()];
        let bars: Vec<&Bar> = chart
            .bars
            .iter()
            .filter(|b| !legend || b.series == s)
            .collect();
        let anno = cx.draw_series(bars.iter().map(|b| {
            let (x0, x1) = x_of(b);
            Rectangle::new([(x0, 0.0), (x1, b.value)], color.filled())
        }))?;
        if legend {
            anno.label(chart.series[s].as_str()).legend(move |(x, y)| {
                Rectangle::new([(x, y - 6), (x + 12, y + 6)], color.filled())
            });
        }
    }
    // Intervals, then the figure above each bar (above its interval, if any).
    cx.draw_series(chart.bars.iter().filter_map(|b| {
        let (x0, x1) = x_of(b);
        b.interval.map(|(lo, hi)| {
            ErrorBar::new_vertical((x0 + x1) / 2.0, lo, b.value, hi, BLACK.stroke_width(1), 8)
        })
    }))?;
    let value_style = text_style(LABEL_SIZE - 1.0).pos(Pos::new(HPos::Center, VPos::Bottom));
    cx.draw_series(chart.bars.iter().map(|b| {
        let (x0, x1) = x_of(b);
        let y = b.interval.map_or(b.value, |(_, hi)| hi.max(b.value));
        EmptyElement::at(((x0 + x1) / 2.0, y))
            + Text::new(
                b.text.clone(),
                (0, if b.interval.is_some() { -8 } else { -5 }),
                value_style.clone(),
            )
    }))?;
    if legend {
        cx.configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .margin(8)
            .label_font(text_style(LABEL_SIZE - 1.0))
            .background_style(TRANSPARENT)
            .border_style(BLACK)
            .draw()?;
    }
    // Category labels under the axis, centred on their slot.
    let label_style = text_style(LABEL_SIZE).pos(Pos::new(HPos::Center, VPos::Top));
    for (i, lines) in label_lines.iter().enumerate() {
        let (px, py) = cx.backend_coord(&(i as f64 + 0.5, 0.0));
        for (k, line) in lines.iter().enumerate() {
            root.draw(&Text::new(
                line.clone(),
                (px, py + 8 + LINE_HEIGHT * k as i32),
                label_style.clone(),
            ))?;
        }
    }
    root.present()?;
    Ok(())
}

/// One line, with an accessible name: `<svg … role="img" aria-label="…"><title>…</title>…</svg>`.
fn finish(raw: &str, title: &str) -> String {
    let one_line: String = raw.lines().map(str::trim).collect();
    let t = crate::render::esc(title);
    match one_line
        .find("<svg ")
        .and_then(|s| one_line[s..].find('>').map(|e| s + e))
    {
        Some(end) => format!(
            "{} class=\"measured-chart\" role=\"img\" aria-label=\"{t}\"><title>{t}</title>{}",
            &one_line[..end],
            &one_line[end + 1..]
        ),
        None => one_line,
    }
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
    }

    #[test]
    fn labels_wrap_on_spaces() {
        assert_eq!(wrap("FxHash", 100.0), ["FxHash"]);
        assert_eq!(
            wrap("lto = \"off\" (the control)", 100.0),
            ["lto = \"off\"", "(the control)"]
        );
        assert_eq!(
            wrap("a b c d e f g h i j k l m n o p q r s t u v w x y z", 40.0).len(),
            3
        );
    }

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

    #[test]
    fn draws_bars_labels_and_an_accessible_name() {
        let svg = svg(&sample(vec![], false)).unwrap();
        assert_balanced_one_line(&svg);
        assert!(svg.contains("role=\"img\" aria-label=\"Fill &lt;1,000&gt; keys\"><title>Fill &lt;1,000&gt; keys</title>"));
        for text in [
            ">FxHash</text>",
            ">SipHash</text>",
            ">1,000</text>",
            ">2,000</text>",
            ">instructions</text>",
        ] {
            assert!(svg.contains(text), "missing {text} in {svg}");
        }
        assert_eq!(svg.matches("fill=\"#4E79A7\"").count(), 2);
    }

    #[test]
    fn grouped_bars_get_a_legend_and_intervals_error_bars() {
        let svg = svg(&sample(vec!["this hasher".into(), "std".into()], true)).unwrap();
        assert_balanced_one_line(&svg);
        assert!(svg.contains(">this hasher</text>") && svg.contains(">std</text>"));
        // Two bars per series, and one legend swatch each.
        assert_eq!(svg.matches("fill=\"#4E79A7\"").count(), 3);
        assert_eq!(svg.matches("fill=\"#F28E2B\"").count(), 3);
        assert!(svg.contains("<line") || svg.contains("<polyline"));
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
