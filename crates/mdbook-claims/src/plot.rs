//! `{{#plot <name>}}`: a bar chart of figures read from blessed evidence, described by
//! `src/plots/<name>.toml`:
//!
//! ```toml
//! title = "Instructions to fill a HashMap with 1,000 u32 keys"
//! kind = "grouped-bar"          # or "bar": one bar per category
//! y-label = "instructions executed"
//! unit = "instructions"
//!
//! [[bar]]
//! claim = "hashing.fxhash.fewer-instructions-u32"
//! side = "subject"              # or "control"
//! figure = "instructions (this hasher)"
//! group = "FxHash (the claim)"  # grouped-bar only: the category; `label` is then the series (legend)
//! label = "hasher measured"
//! ```
//!
//! With `kind = "bar"`, each bar's `label` is its category under the axis. With `kind = "grouped-bar"`,
//! bars with the same `group` stand side by side, and bars with the same `label` share a colour and a
//! legend entry. The figure must be a number; the caption names the claims, their profiles and the
//! toolchain the evidence was measured on.

use crate::chart::{self, Bar, Chart};
use crate::render::{self, Citation, esc};
use proof::evidence::Evidence;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlotSpec {
    pub title: String,
    pub kind: PlotKind,
    pub y_label: String,
    pub unit: String,
    #[serde(rename = "bar")]
    pub bars: Vec<BarSpec>,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum PlotKind {
    Bar,
    GroupedBar,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BarSpec {
    pub claim: String,
    pub side: SideName,
    pub figure: String,
    pub label: String,
    #[serde(default)]
    pub group: Option<String>,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum SideName {
    Subject,
    Control,
}

impl SideName {
    fn as_str(self) -> &'static str {
        match self {
            SideName::Subject => "subject",
            SideName::Control => "control",
        }
    }
}

/// `src/plots/<name>.toml`, relative to the book root.
pub fn plot_file(src: &Path, name: &str) -> PathBuf {
    src.join("plots").join(format!("{name}.toml"))
}

/// The plot names that have a file in `dir` (`src/plots`), sorted.
pub fn list(dir: &Path) -> Result<Vec<String>, String> {
    proof::workspace::file_stems(dir, "toml")
}

/// Parses a plot file's text.
pub fn parse(text: &str) -> Result<PlotSpec, String> {
    let spec: PlotSpec = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
    if spec.bars.is_empty() {
        return Err("no [[bar]]: a plot needs at least one bar".into());
    }
    Ok(spec)
}

/// A plot whose figures were found: ready to render.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub name: String,
    pub title: String,
    /// The SVG, one line.
    pub svg: String,
    /// The claims plotted, in order of first use, with the sides used.
    pub claims: Vec<(String, Vec<SideName>)>,
}

/// Finds every bar's figure in the evidence and draws the chart. Errors name the bar; the caller adds
/// the chapter, line and plot file.
pub fn resolve(
    name: &str,
    spec: &PlotSpec,
    evidence: &BTreeMap<String, Evidence>,
    measured_dir: &Path,
) -> Result<Resolved, Vec<String>> {
    let mut errors = Vec::new();
    let mut categories: Vec<String> = Vec::new();
    let mut series: Vec<String> = Vec::new();
    let mut bars = Vec::new();
    let mut claims: Vec<(String, Vec<SideName>)> = Vec::new();
    for (i, b) in spec.bars.iter().enumerate() {
        let at = format!("bar {} (`{}`)", i + 1, b.label);
        let (category, series_index) = match (spec.kind, &b.group) {
            (PlotKind::Bar, None) => (index_of(&mut categories, &b.label), 0),
            (PlotKind::Bar, Some(_)) => {
                errors.push(format!("{at}: `group` is for kind = \"grouped-bar\" only"));
                continue;
            }
            (PlotKind::GroupedBar, Some(g)) => (
                index_of(&mut categories, g),
                index_of(&mut series, &b.label),
            ),
            (PlotKind::GroupedBar, None) => {
                errors.push(format!(
                    "{at}: kind = \"grouped-bar\" needs a `group` (the category) for every bar"
                ));
                continue;
            }
        };
        let Some(ev) = evidence.get(&b.claim) else {
            errors.push(format!(
                "{at}: unknown claim ID `{}`: no {}",
                b.claim,
                measured_dir.join(format!("{}.json", b.claim)).display()
            ));
            continue;
        };
        let figures = match b.side {
            SideName::Subject => &ev.figures,
            SideName::Control => &ev.control.figures,
        };
        let Some(v) = figures.get(&b.figure) else {
            let known: Vec<String> = figures.keys().map(|k| format!("`{k}`")).collect();
            errors.push(format!(
                "{at}: claim `{}` has no figure `{}` on its {} side (it has {})",
                b.claim,
                b.figure,
                b.side.as_str(),
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            ));
            continue;
        };
        let Some(value) = v.as_f64() else {
            errors.push(format!(
                "{at}: figure `{}` of claim `{}` ({}) is not a number: {v}",
                b.figure,
                b.claim,
                b.side.as_str()
            ));
            continue;
        };
        if value < 0.0 {
            errors.push(format!(
                "{at}: figure `{}` of claim `{}` ({}) is negative ({value}): bars start at 0",
                b.figure,
                b.claim,
                b.side.as_str()
            ));
            continue;
        }
        match claims.iter_mut().find(|(id, _)| *id == b.claim) {
            Some((_, sides)) if !sides.contains(&b.side) => sides.push(b.side),
            Some(_) => {}
            None => claims.push((b.claim.clone(), vec![b.side])),
        }
        bars.push(Bar {
            category,
            series: series_index,
            value,
            interval: None,
            text: chart::number(value),
        });
    }
    if spec.kind == PlotKind::GroupedBar {
        let mut seen = Vec::new();
        for (i, b) in spec.bars.iter().enumerate() {
            let key = (b.group.clone(), b.label.clone());
            if seen.contains(&key) {
                errors.push(format!(
                    "bar {} (`{}`): group `{}` already has a bar labelled `{}`",
                    i + 1,
                    b.label,
                    b.group.as_deref().unwrap_or_default(),
                    b.label
                ));
            }
            seen.push(key);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let y_desc = if spec.unit.trim().is_empty() || spec.unit == spec.y_label {
        spec.y_label.clone()
    } else {
        format!("{} ({})", spec.y_label, spec.unit)
    };
    let chart = Chart {
        title: spec.title.clone(),
        y_desc,
        categories,
        series,
        bars,
    };
    let svg = chart::svg(&chart).map_err(|e| vec![e])?;
    Ok(Resolved {
        name: name.to_string(),
        title: spec.title.clone(),
        svg,
        claims,
    })
}

fn index_of(list: &mut Vec<String>, item: &str) -> usize {
    match list.iter().position(|x| x == item) {
        Some(i) => i,
        None => {
            list.push(item.to_string());
            list.len() - 1
        }
    }
}

/// The HTML id of the first citation of a plot.
pub fn anchor_id(name: &str) -> String {
    format!("plot-{name}")
}

/// The figure: title, chart, and a caption naming the evidence. Returns warnings for stale evidence.
pub fn html(
    r: &Resolved,
    anchor: &str,
    evidence: &BTreeMap<String, Evidence>,
    citations: &BTreeMap<String, Vec<Citation>>,
    here: &Path,
    pinned: &str,
) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let stale: Vec<&Evidence> = r
        .claims
        .iter()
        .filter_map(|(id, _)| evidence.get(id))
        .filter(|ev| render::is_stale(ev, pinned))
        .collect();
    let mut h = format!(
        "<figure class=\"measured-plot{}\" id=\"{}\"><p class=\"measured-plot-title\">{}</p>",
        if stale.is_empty() { "" } else { " stale" },
        esc(anchor),
        render::prose(&r.title)
    );
    for ev in &stale {
        let msg = format!(
            "Evidence of claim `{}` was measured on rustc {}; the book pins {}: this plot is stale until `BLESS=1 cargo test` re-measures it",
            ev.id, ev.rustc, pinned
        );
        warnings.push(format!("plot `{}`: {msg}", r.name));
        let _ = write!(
            h,
            "<p class=\"claim-stale-banner\">{}</p>",
            render::prose(&msg)
        );
    }
    h.push_str(&r.svg);

    let mut parts = Vec::new();
    let mut toolchains: Vec<&str> = Vec::new();
    let mut targets: Vec<&str> = Vec::new();
    for (id, sides) in &r.claims {
        let Some(ev) = evidence.get(id) else { continue };
        let link = match citations.get(id).and_then(|c| c.first()) {
            Some(c) => format!(
                "<a href=\"{}\"><code>{}</code></a>",
                esc(&render::relative_link(
                    here,
                    &c.chapter_path,
                    Some(&c.anchor)
                )),
                esc(id)
            ),
            None => format!("<code>{}</code>", esc(id)),
        };
        let profile = |side: SideName| match side {
            SideName::Subject => &ev.profile.name,
            SideName::Control => &ev.control.profile.name,
        };
        let profiles = match sides.as_slice() {
            [one] => format!(
                "{}, profile <code>{}</code>",
                one.as_str(),
                esc(profile(*one))
            ),
            _ if ev.profile.name == ev.control.profile.name => {
                format!(
                    "subject and control, profile <code>{}</code>",
                    esc(&ev.profile.name)
                )
            }
            _ => format!(
                "subject: profile <code>{}</code>; control: profile <code>{}</code>",
                esc(&ev.profile.name),
                esc(&ev.control.profile.name)
            ),
        };
        parts.push(format!("{link} ({profiles})"));
        if !toolchains.contains(&ev.toolchain.as_str()) {
            toolchains.push(&ev.toolchain);
        }
        if !targets.contains(&ev.target.as_str()) {
            targets.push(&ev.target);
        }
    }
    let _ = write!(
        h,
        "<figcaption>From the evidence of claim{} {}; {}; target {}.</figcaption></figure>",
        if parts.len() == 1 { "" } else { "s" },
        parts.join(", "),
        esc(&toolchains.join("; ")),
        targets
            .iter()
            .map(|t| format!("<code>{}</code>", esc(t)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    (h, warnings)
}
