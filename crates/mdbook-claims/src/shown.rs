//! `{{#shown <group>}}`: figures from `src/measured/shown/<group>.json` (format in `proof::wallclock`),
//! shown, never asserted, as a labelled box: where and when they were measured, charts, a table, and the
//! profile. A file holds either
//!
//! * the wall-clock estimates of a criterion group (written by `ci/wallclock.sh`): one chart with the
//!   confidence intervals as error bars, and a table of means and intervals; or
//! * a set of measurements with named figures and units (written by `ci/build-cost.sh`): one chart per
//!   unit, whose figures stand side by side as series, and a table of every figure, each setting with its
//!   profile and the load average before it was measured.

use crate::chart::{self, Bar, Chart};
use crate::html::{self, esc, prose};
use proof::shown::Shown;
use std::fmt::Write;

/// The HTML id of the first citation of a group.
pub fn anchor_id(group: &str) -> String {
    format!("shown-{group}")
}

/// Figures measured on another toolchain than the pinned one.
pub fn is_stale(s: &Shown, pinned: &str) -> bool {
    s.rustc.trim() != pinned.trim()
}

/// The script that refreshes a file.
fn refresh_command(s: &Shown) -> String {
    if s.measurements.is_empty() { format!("ci/wallclock.sh {}", s.group) } else { s.command.clone() }
}

pub fn stale_message(s: &Shown, pinned: &str) -> String {
    let what = if s.measurements.is_empty() { "these timings" } else { "these figures" };
    format!("Measured on rustc {}; the book pins {}: {what} are stale until `{}` re-measures them", s.rustc, pinned, refresh_command(s))
}

/// The unit the group's wall-clock figures read best in, and its size in nanoseconds.
pub fn unit(s: &Shown) -> (&'static str, f64) {
    let top = s.benchmarks.iter().map(|b| b.ci_high_ns.max(b.mean_ns)).fold(0.0_f64, f64::max);
    if top >= 1e9 {
        ("s", 1e9)
    } else if top >= 1e6 {
        ("ms", 1e6)
    } else if top >= 1e3 {
        ("µs", 1e3)
    } else {
        ("ns", 1.0)
    }
}

/// A figure's value with its unit ("2.5 s", "1.8 ×", "12").
fn with_unit(value: f64, unit: &str) -> String {
    if unit.is_empty() { chart::number(value) } else { format!("{} {unit}", chart::number(value)) }
}

/// The charts of a shown file, each one line of SVG (an error if a figure cannot be drawn).
pub fn svg(s: &Shown) -> Result<Vec<String>, String> {
    if s.measurements.is_empty() {
        return wall_clock_svg(s).map(|svg| vec![svg]);
    }
    // One chart per unit, in order of first appearance; the figures of a unit are its series.
    let mut units: Vec<(String, Vec<(usize, String)>)> = Vec::new();
    for (i, (name, unit)) in s.figure_columns().into_iter().enumerate() {
        if s.measurements[0].figures[i].table_only {
            continue;
        }
        match units.iter_mut().find(|(u, _)| *u == unit) {
            Some((_, names)) => names.push((i, name)),
            None => units.push((unit, vec![(i, name)])),
        }
    }
    let title = s.title.clone().unwrap_or_else(|| s.group.clone());
    units
        .iter()
        .map(|(unit, figures)| {
            let names: Vec<String> = figures.iter().map(|(_, n)| n.clone()).collect();
            let y_desc = match (figures.len(), unit.as_str()) {
                (1, "") => names[0].clone(),
                (1, _) => format!("{} ({unit})", names[0]),
                (_, "s" | "ms" | "µs" | "ns") => format!("time ({unit})"),
                (_, "") => String::new(),
                _ => format!("({unit})"),
            };
            let chart = Chart {
                title: format!("{title}: {} (shown, not asserted)", names.join(", ")),
                y_desc,
                categories: s.measurements.iter().map(|m| m.id.clone()).collect(),
                series: if names.len() > 1 { names.clone() } else { Vec::new() },
                bars: s
                    .measurements
                    .iter()
                    .enumerate()
                    .flat_map(|(c, m)| {
                        figures.iter().enumerate().map(move |(series, (i, _))| Bar {
                            category: c,
                            series,
                            value: m.figures[*i].value,
                            interval: None,
                            text: chart::number(m.figures[*i].value),
                        })
                    })
                    .collect(),
                scale: chart::Scale::Zero,
            };
            chart::svg(&chart)
        })
        .collect()
}

fn wall_clock_svg(s: &Shown) -> Result<String, String> {
    let (unit, ns) = unit(s);
    let chart = Chart {
        title: format!("Wall-clock time per iteration, {} (shown, not asserted)", s.group),
        y_desc: format!("mean time per iteration ({unit})"),
        categories: s.benchmarks.iter().map(|b| b.id.clone()).collect(),
        series: Vec::new(),
        bars: s
            .benchmarks
            .iter()
            .enumerate()
            .map(|(i, b)| Bar {
                category: i,
                series: 0,
                value: b.mean_ns / ns,
                interval: Some((b.ci_low_ns / ns, b.ci_high_ns / ns)),
                text: chart::number(b.mean_ns / ns),
            })
            .collect(),
        scale: chart::Scale::Zero,
    };
    chart::svg(&chart)
}

/// The box. Returns the HTML and warnings (stale figures).
pub fn html(s: &Shown, svgs: &[String], anchor: &str, pinned: &str) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let stale = is_stale(s, pinned);
    let measured = !s.measurements.is_empty();
    let mut h = format!("<div class=\"wallclock{}\" id=\"{}\">", if stale { " stale" } else { "" }, esc(anchor));
    if stale {
        let what = if measured { "measurement set" } else { "wall-clock group" };
        warnings.push(format!("{what} `{}`: {}", s.group, stale_message(s, pinned)));
        let _ = write!(h, "<p class=\"claim-stale-banner\">{}</p>", prose(&stale_message(s, pinned)));
    }
    let _ = write!(
        h,
        "<p class=\"wallclock-head\"><span class=\"wallclock-badge\">shown, not asserted</span> \
         <span class=\"claim-kind\">{}</span> <a class=\"claim-id\" href=\"#{}\"><code>{}</code></a></p>",
        if measured { "measured" } else { "wall-clock" },
        esc(anchor),
        esc(&s.group)
    );
    let _ = write!(
        h,
        "<p class=\"wallclock-source\">{}, shown but not asserted: measured on {}, on {}, with {}.</p>",
        if measured { "Measured figures" } else { "Wall-clock time" },
        esc(&s.machine_text()),
        esc(&s.date),
        esc(&s.toolchain)
    );
    if let Some(title) = &s.title {
        let _ = write!(h, "<p class=\"wallclock-title\">{}</p>", prose(title));
    }
    for svg in svgs {
        let _ = write!(h, "<figure class=\"measured-plot\">{svg}</figure>");
    }
    if measured {
        measurements_table(s, &mut h);
    } else {
        estimates_table(s, &mut h);
    }
    h.push_str("<dl class=\"claim-meta\">");
    if let Some(profile) = &s.profile {
        let _ = write!(h, "<dt>Profile</dt><dd>{}</dd>", html::profile_html(profile));
    }
    if measured {
        h.push_str("<dt>Profiles</dt><dd><ul class=\"wallclock-profiles\">");
        for m in &s.measurements {
            let _ = write!(h, "<li>{}: {}</li>", prose(&m.id), html::profile_html(&m.profile));
        }
        h.push_str("</ul></dd>");
    }
    let _ = write!(
        h,
        "<dt>Harness</dt><dd>{}</dd><dt>Command</dt><dd><code>{}</code></dd>\
         <dt>Target</dt><dd><code>{}</code></dd><dt>Load average before the run</dt><dd>{}</dd></dl>",
        esc(&s.harness),
        esc(&s.command),
        esc(&s.target),
        esc(&s.machine.load_average)
    );
    let _ = write!(h, "<p class=\"wallclock-note\">{}</p></div>", prose(&s.note));
    (h, warnings)
}

fn estimates_table(s: &Shown, h: &mut String) {
    let (unit, ns) = unit(s);
    let _ = write!(
        h,
        "<div class=\"table-wrapper\"><table class=\"wallclock-figures\"><thead><tr><th>Benchmark</th><th>Mean</th>\
         <th>{}% confidence interval</th></tr></thead><tbody>",
        chart::number(s.confidence_level.unwrap_or(0.0) * 100.0)
    );
    for b in &s.benchmarks {
        let _ = write!(
            h,
            "<tr><td><code>{}</code></td><td class=\"claim-figure\">{} {unit}</td><td class=\"claim-figure\">{} – {} {unit}</td></tr>",
            esc(&b.id),
            chart::number(b.mean_ns / ns),
            chart::number(b.ci_low_ns / ns),
            chart::number(b.ci_high_ns / ns)
        );
    }
    h.push_str("</tbody></table></div>");
}

fn measurements_table(s: &Shown, h: &mut String) {
    h.push_str("<div class=\"table-wrapper\"><table class=\"wallclock-figures\"><thead><tr><th>Setting</th>");
    for (name, _) in s.figure_columns() {
        let _ = write!(h, "<th>{}</th>", esc(&name));
    }
    h.push_str("<th>Load average before</th></tr></thead><tbody>");
    for m in &s.measurements {
        let _ = write!(h, "<tr><td>{}</td>", prose(&m.id));
        for f in &m.figures {
            let _ = write!(h, "<td class=\"claim-figure\">{}</td>", esc(&with_unit(f.value, &f.unit)));
        }
        let _ = write!(h, "<td class=\"claim-figure\">{}</td></tr>", esc(m.load_average_before.as_deref().unwrap_or("—")));
    }
    h.push_str("</tbody></table></div>");
}
