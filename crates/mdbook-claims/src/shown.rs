//! `{{#shown <group>}}`: the wall-clock estimates of a criterion group, from
//! `src/measured/shown/<group>.json` (written by `ci/wallclock.sh`, format in `proof::wallclock`), as a
//! labelled box: where and when they were measured, a bar chart with the confidence intervals as error
//! bars, a table, and the profile. These figures are shown, never asserted.

use crate::chart::{self, Bar, Chart};
use crate::render::{self, esc, prose};
use proof::wallclock::Shown;
use std::fmt::Write;

/// The HTML id of the first citation of a group.
pub fn anchor_id(group: &str) -> String {
    format!("shown-{group}")
}

/// Timings measured on another toolchain than the pinned one.
pub fn is_stale(s: &Shown, pinned: &str) -> bool {
    s.rustc.trim() != pinned.trim()
}

pub fn stale_message(s: &Shown, pinned: &str) -> String {
    format!(
        "Measured on rustc {}; the book pins {}: these timings are stale until `ci/wallclock.sh {}` re-measures them",
        s.rustc, pinned, s.group
    )
}

/// The unit the group's figures read best in, and its size in nanoseconds.
pub fn unit(s: &Shown) -> (&'static str, f64) {
    let top = s
        .benchmarks
        .iter()
        .map(|b| b.ci_high_ns.max(b.mean_ns))
        .fold(0.0_f64, f64::max);
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

/// The chart of a shown file (an error if a figure cannot be drawn).
pub fn svg(s: &Shown) -> Result<String, String> {
    let (unit, ns) = unit(s);
    let chart = Chart {
        title: format!(
            "Wall-clock time per iteration, {} (shown, not asserted)",
            s.group
        ),
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
    };
    chart::svg(&chart)
}

/// The box. Returns the HTML and warnings (stale timings).
pub fn html(s: &Shown, svg: &str, anchor: &str, pinned: &str) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let stale = is_stale(s, pinned);
    let mut h = format!(
        "<div class=\"wallclock{}\" id=\"{}\">",
        if stale { " stale" } else { "" },
        esc(anchor)
    );
    if stale {
        warnings.push(format!(
            "wall-clock group `{}`: {}",
            s.group,
            stale_message(s, pinned)
        ));
        let _ = write!(
            h,
            "<p class=\"claim-stale-banner\">{}</p>",
            prose(&stale_message(s, pinned))
        );
    }
    let _ = write!(
        h,
        "<p class=\"wallclock-head\"><span class=\"wallclock-badge\">shown, not asserted</span> \
         <span class=\"claim-kind\">wall-clock</span> <a class=\"claim-id\" href=\"#{}\"><code>{}</code></a></p>",
        esc(anchor),
        esc(&s.group)
    );
    let _ = write!(
        h,
        "<p class=\"wallclock-source\">Wall-clock time, shown but not asserted: measured on {}, on {}, with {}.</p>",
        esc(&s.machine_text()),
        esc(&s.date),
        esc(&s.toolchain)
    );
    let _ = write!(h, "<figure class=\"measured-plot\">{svg}</figure>");
    let (unit, ns) = unit(s);
    let _ = write!(
        h,
        "<div class=\"table-wrapper\"><table class=\"wallclock-figures\"><thead><tr><th>Benchmark</th><th>Mean</th>\
         <th>{}% confidence interval</th></tr></thead><tbody>",
        chart::number(s.confidence_level * 100.0)
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
    let _ = write!(
        h,
        "<dl class=\"claim-meta\"><dt>Profile</dt><dd>{}</dd><dt>Harness</dt><dd>{}</dd><dt>Command</dt><dd><code>{}</code></dd>\
         <dt>Target</dt><dd><code>{}</code></dd><dt>Load average before the run</dt><dd>{}</dd></dl>",
        render::profile_html(&s.profile),
        esc(&s.harness),
        esc(&s.command),
        esc(&s.target),
        esc(&s.machine.load_average)
    );
    let _ = write!(
        h,
        "<p class=\"wallclock-note\">{}</p></div>",
        prose(&s.note)
    );
    (h, warnings)
}
