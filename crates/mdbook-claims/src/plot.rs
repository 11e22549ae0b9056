//! `{{#plot <name>}}`: a chart of figures read from blessed evidence, described by
//! `src/plots/<name>.toml`:
//!
//! ```toml
//! title = "Instructions to fill a HashMap with 1,000 u32 keys"
//! # What the reader should see, in one sentence: the caption's first line. No typed measured number:
//! # say it in words, or `{{#figure <claim-id> [control:] <figure>}}` (formatted, linked to the box).
//! takeaway = "FxHash executes about half the instructions of the standard hasher."
//! kind = "grouped-bar"          # or "bar": one bar per category; or "step" (below)
//! y-label = "instructions executed"
//! unit = "instructions"
//! scale = "zero"                # or "zoomed": starts below the smallest bar, said on the plot
//!                               # (near-equal figures); or "log": growth, figures orders apart
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
//!
//! With `kind = "step"`, each `[[series]]` is a yes/no answer along a numeric axis, read from one
//! claim's figures by pattern (`*` stands for the same name in both), with its measured boundary marked:
//!
//! ```toml
//! kind = "step"
//! x-label = "MIR statements in the function"   # the numeric axis
//! levels = ["inlined", "still called"]          # y = 0, and y > 0
//! [[series]]
//! claim = "inlining.auto.boundary"
//! side = "subject"
//! label = "default threshold"
//! x = "*: MIR statements"
//! y = "*: calls left"
//! boundary = ["largest inlined (MIR statements)", "smallest still called (MIR statements)"]
//! ```

use crate::chart::{self, Bar, Chart, Scale};
use crate::html::{self, Citation, esc};
use proof::evidence::{Evidence, Figures};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlotSpec {
    pub title: String,
    /// Required of the book's plots (the test `every_plot_of_the_book_has_a_takeaway` below); optional
    /// in the format, for scratch books.
    #[serde(default)]
    pub takeaway: String,
    pub kind: PlotKind,
    #[serde(default)]
    pub y_label: String,
    #[serde(default)]
    pub x_label: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub scale: ScaleName,
    #[serde(default)]
    pub levels: Option<[String; 2]>,
    #[serde(rename = "bar", default)]
    pub bars: Vec<BarSpec>,
    #[serde(rename = "series", default)]
    pub steps: Vec<StepSpec>,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ScaleName {
    #[default]
    Zero,
    Zoomed,
    Log,
}

/// One series of a step chart: `x` and `y` name figures with a `*` for the varying part.
#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StepSpec {
    pub claim: String,
    pub side: SideName,
    pub label: String,
    pub x: String,
    pub y: String,
    #[serde(default)]
    pub boundary: Option<[String; 2]>,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum PlotKind {
    Bar,
    GroupedBar,
    Step,
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
    if spec.kind == PlotKind::Step {
        if spec.steps.is_empty() || !spec.bars.is_empty() {
            return Err("kind = \"step\" draws [[series]], not [[bar]]: give at least one [[series]]".into());
        }
        if spec.x_label.trim().is_empty() || spec.levels.is_none() {
            return Err("kind = \"step\" needs `x-label` (the numeric axis) and `levels` (the names of y = 0 and y > 0)".into());
        }
    } else {
        if spec.bars.is_empty() {
            return Err("no [[bar]]: a plot needs at least one bar".into());
        }
        if !spec.steps.is_empty() || spec.levels.is_some() {
            return Err("[[series]] and `levels` are for kind = \"step\" only".into());
        }
        if spec.y_label.trim().is_empty() {
            return Err("missing field `y-label`".into());
        }
    }
    let typed = crate::prose::typed_numbers(&spec.takeaway);
    if !typed.is_empty() {
        let found: Vec<String> = typed.iter().map(|(_, n)| format!("`{n}`")).collect();
        return Err(format!(
            "the takeaway types a measured number ({}): say it in words, or use {{{{#figure <claim-id> <figure>}}}}",
            found.join(", ")
        ));
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
    /// The takeaway sentence: text, and figures from `{{#figure}}`.
    pub takeaway: Vec<Piece>,
}

/// A part of a takeaway sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    /// A figure: the claim, its value as a sentence shows it, and what it is in words.
    Figure(String, String, String),
}

/// Splits a takeaway into text and `{{#figure}}` figures, read from the evidence.
fn takeaway(text: &str, evidence: &BTreeMap<String, Evidence>) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut last = 0;
    for d in crate::directive::find_directives(text) {
        let args = match &d.kind {
            crate::directive::DirectiveKind::Figure(args) => args,
            _ => {
                return Err(format!("the takeaway holds `{}`: only {{{{#figure}}}} is expanded there", d.text(text)));
            }
        };
        out.push(Piece::Text(text[last..d.range.start].to_string()));
        last = d.range.end;
        let (id, rest) = args.trim().split_once(char::is_whitespace).ok_or("the takeaway's {{#figure}} needs a claim ID and a figure name")?;
        let ev = evidence.get(id).ok_or_else(|| format!("the takeaway's {{{{#figure}}}} names an unknown claim ID `{id}`"))?;
        let rest = rest.trim();
        let (figures, name, words) = match rest.strip_prefix("control:") {
            Some(n) => (&ev.control.figures, n.trim(), format!("{} (control: {})", n.trim(), ev.control.setting)),
            None => (&ev.figures, rest, format!("{rest} ({})", ev.setting)),
        };
        let value = figures.get(name).ok_or_else(|| {
            let known: Vec<&str> = figures.keys().map(String::as_str).collect();
            format!("the takeaway's {{{{#figure}}}}: claim `{id}` has no figure `{name}` (it has: {})", known.join("; "))
        })?;
        out.push(Piece::Figure(id.to_string(), crate::prose::format_figure(value), words));
    }
    out.push(Piece::Text(text[last..].to_string()));
    out.retain(|p| !matches!(p, Piece::Text(t) if t.is_empty()));
    Ok(out)
}

/// The figures of a step series, by the `*` of the pattern: ("steps_02", value).
fn by_pattern<'a>(figures: &'a proof::evidence::Figures, pattern: &str) -> Vec<(&'a str, f64)> {
    let Some((pre, post)) = pattern.split_once('*') else {
        return Vec::new();
    };
    figures
        .iter()
        .filter_map(|(k, v)| {
            let mid = k.strip_prefix(pre)?.strip_suffix(post)?;
            Some((mid, v.as_f64()?))
        })
        .collect()
}

/// The figures of one side of a claim, or why there are none (an unknown claim ID).
fn side_figures<'a>(evidence: &'a BTreeMap<String, Evidence>, claim: &str, side: SideName, measured_dir: &Path) -> Result<&'a Figures, String> {
    let ev = evidence.get(claim).ok_or_else(|| format!("unknown claim ID `{claim}`: no {}", measured_dir.join(format!("{claim}.json")).display()))?;
    Ok(match side {
        SideName::Subject => &ev.figures,
        SideName::Control => &ev.control.figures,
    })
}

/// Finds every bar's figure in the evidence and draws the chart. Errors name the bar; the caller adds
/// the chapter, line and plot file.
pub fn resolve(name: &str, spec: &PlotSpec, evidence: &BTreeMap<String, Evidence>, measured_dir: &Path) -> Result<Resolved, Vec<String>> {
    let takeaway = takeaway(&spec.takeaway, evidence).map_err(|e| vec![e])?;
    if spec.kind == PlotKind::Step {
        return resolve_steps(name, spec, evidence, measured_dir, takeaway);
    }
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
            (PlotKind::GroupedBar, Some(g)) => (index_of(&mut categories, g), index_of(&mut series, &b.label)),
            (PlotKind::Step, _) => unreachable!("step plots are resolved by resolve_steps"),
            (PlotKind::GroupedBar, None) => {
                errors.push(format!("{at}: kind = \"grouped-bar\" needs a `group` (the category) for every bar"));
                continue;
            }
        };
        let figures = match side_figures(evidence, &b.claim, b.side, measured_dir) {
            Ok(f) => f,
            Err(e) => {
                errors.push(format!("{at}: {e}"));
                continue;
            }
        };
        let Some(v) = figures.get(&b.figure) else {
            let known: Vec<String> = figures.keys().map(|k| format!("`{k}`")).collect();
            errors.push(format!(
                "{at}: claim `{}` has no figure `{}` on its {} side (it has {})",
                b.claim,
                b.figure,
                b.side.as_str(),
                if known.is_empty() { "none".to_string() } else { known.join(", ") }
            ));
            continue;
        };
        let Some(value) = v.as_f64() else {
            errors.push(format!("{at}: figure `{}` of claim `{}` ({}) is not a number: {v}", b.figure, b.claim, b.side.as_str()));
            continue;
        };
        if value < 0.0 {
            errors.push(format!("{at}: figure `{}` of claim `{}` ({}) is negative ({value}): bars start at 0", b.figure, b.claim, b.side.as_str()));
            continue;
        }
        match claims.iter_mut().find(|(id, _)| *id == b.claim) {
            Some((_, sides)) if !sides.contains(&b.side) => sides.push(b.side),
            Some(_) => {}
            None => claims.push((b.claim.clone(), vec![b.side])),
        }
        bars.push(Bar { category, series: series_index, value, interval: None, text: chart::number(value) });
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
    let y_desc = if spec.unit.trim().is_empty() || spec.unit == spec.y_label || spec.y_label.contains(&format!("({})", spec.unit)) {
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
        scale: match spec.scale {
            ScaleName::Zero => Scale::Zero,
            ScaleName::Zoomed => Scale::Zoomed,
            ScaleName::Log => Scale::Log,
        },
    };
    let svg = chart::svg(&chart).map_err(|e| vec![e])?;
    Ok(Resolved { name: name.to_string(), title: spec.title.clone(), svg, claims, takeaway })
}

fn resolve_steps(
    name: &str,
    spec: &PlotSpec,
    evidence: &BTreeMap<String, Evidence>,
    measured_dir: &Path,
    takeaway: Vec<Piece>,
) -> Result<Resolved, Vec<String>> {
    let mut errors = Vec::new();
    let mut series = Vec::new();
    let mut claims: Vec<(String, Vec<SideName>)> = Vec::new();
    for (i, st) in spec.steps.iter().enumerate() {
        let at = format!("series {} (`{}`)", i + 1, st.label);
        let figures = match side_figures(evidence, &st.claim, st.side, measured_dir) {
            Ok(f) => f,
            Err(e) => {
                errors.push(format!("{at}: {e}"));
                continue;
            }
        };
        let xs = by_pattern(figures, &st.x);
        let ys = by_pattern(figures, &st.y);
        let points: Vec<(f64, u8)> =
            xs.iter().filter_map(|(k, x)| ys.iter().find(|(k2, _)| k2 == k).map(|(_, y)| (*x, u8::from(*y > 0.0)))).collect();
        if points.is_empty() {
            errors.push(format!(
                "{at}: claim `{}` ({}) has no pair of figures matching `{}` and `{}` (a `*` stands for the varying part)",
                st.claim,
                st.side.as_str(),
                st.x,
                st.y
            ));
            continue;
        }
        let boundary = match &st.boundary {
            None => None,
            Some([a, b]) => match (figures.get(a).and_then(|v| v.as_f64()), figures.get(b).and_then(|v| v.as_f64())) {
                (Some(a), Some(b)) => Some((a, b)),
                // A series with no boundary (all on one level) records null: nothing to mark.
                (va, vb) if figures.contains_key(a) && figures.contains_key(b) && (va.is_none() || vb.is_none()) => None,
                _ => {
                    errors.push(format!("{at}: claim `{}` has no figures `{a}` and `{b}` for the boundary", st.claim));
                    continue;
                }
            },
        };
        match claims.iter_mut().find(|(id, _)| *id == st.claim) {
            Some((_, sides)) if !sides.contains(&st.side) => sides.push(st.side),
            Some(_) => {}
            None => claims.push((st.claim.clone(), vec![st.side])),
        }
        series.push(chart::StepSeries { name: st.label.clone(), points, boundary });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let x_desc = if spec.unit.trim().is_empty() || spec.unit == spec.x_label || spec.x_label.contains(&format!("({})", spec.unit)) {
        spec.x_label.clone()
    } else {
        format!("{} ({})", spec.x_label, spec.unit)
    };
    let [low, high] = spec.levels.clone().unwrap_or_default();
    let svg = chart::steps_svg(&chart::Steps { title: spec.title.clone(), x_desc, levels: [low, high], series }).map_err(|e| vec![e])?;
    Ok(Resolved { name: name.to_string(), title: spec.title.clone(), svg, claims, takeaway })
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
    let stale: Vec<&Evidence> = r.claims.iter().filter_map(|(id, _)| evidence.get(id)).filter(|ev| html::is_stale(ev, pinned)).collect();
    let mut h = format!(
        "<figure class=\"measured-plot{}\" id=\"{}\"><p class=\"measured-plot-title\">{}</p>",
        if stale.is_empty() { "" } else { " stale" },
        esc(anchor),
        html::prose(&r.title)
    );
    for ev in &stale {
        let msg = format!(
            "Evidence of claim `{}` was measured on rustc {}; the book pins {}: this plot is stale until `BLESS=1 cargo test` re-measures it",
            ev.id, ev.rustc, pinned
        );
        warnings.push(format!("plot `{}`: {msg}", r.name));
        let _ = write!(h, "<p class=\"claim-stale-banner\">{}</p>", html::prose(&msg));
    }
    h.push_str(&r.svg);

    let mut parts = Vec::new();
    let mut toolchains: Vec<&str> = Vec::new();
    let mut targets: Vec<&str> = Vec::new();
    for (id, sides) in &r.claims {
        let Some(ev) = evidence.get(id) else { continue };
        let link = match citations.get(id).and_then(|c| c.first()) {
            Some(c) => format!("<a href=\"{}\"><code>{}</code></a>", esc(&html::relative_link(here, &c.chapter_path, Some(&c.anchor))), esc(id)),
            None => format!("<code>{}</code>", esc(id)),
        };
        let profile = |side: SideName| match side {
            SideName::Subject => &ev.profile.name,
            SideName::Control => &ev.control.profile.name,
        };
        let profiles = match sides.as_slice() {
            [one] => format!("{}, profile <code>{}</code>", one.as_str(), esc(profile(*one))),
            _ if ev.profile.name == ev.control.profile.name => {
                format!("subject and control, profile <code>{}</code>", esc(&ev.profile.name))
            }
            _ => format!("subject: profile <code>{}</code>; control: profile <code>{}</code>", esc(&ev.profile.name), esc(&ev.control.profile.name)),
        };
        parts.push(format!("{link} ({profiles})"));
        if !toolchains.contains(&ev.toolchain.as_str()) {
            toolchains.push(&ev.toolchain);
        }
        if !targets.contains(&ev.target.as_str()) {
            targets.push(&ev.target);
        }
    }
    let mut said = String::new();
    for piece in &r.takeaway {
        match piece {
            Piece::Text(t) => said.push_str(&html::prose(t)),
            Piece::Figure(id, shown, words) => {
                let href = citations
                    .get(id)
                    .and_then(|c| c.iter().find(|c| c.chapter_path.as_path() == here).or(c.first()))
                    .map(|c| html::relative_link(here, &c.chapter_path, Some(&c.anchor)));
                let title = esc(&format!("{words}, from claim {id}"));
                let shown = esc(shown);
                let _ = match href {
                    Some(href) => write!(said, "<a class=\"claim-figure\" href=\"{}\" title=\"{title}\">{shown}</a>", esc(&href)),
                    None => write!(said, "<span class=\"claim-figure\" title=\"{title}\">{shown}</span>"),
                };
            }
        }
    }
    if !said.is_empty() {
        said = format!("<span class=\"measured-plot-takeaway\">{said}</span> ");
    }
    let _ = write!(
        h,
        "<figcaption>{said}From the evidence of claim{} {}; {}; target {}.</figcaption></figure>",
        if parts.len() == 1 { "" } else { "s" },
        parts.join(", "),
        esc(&toolchains.join("; ")),
        targets.iter().map(|t| format!("<code>{}</code>", esc(t))).collect::<Vec<_>>().join(", ")
    );
    (h, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every plot of the book says what it shows, in one sentence without a typed measured number.
    #[test]
    fn every_plot_of_the_book_has_a_takeaway() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src/plots");
        let names = list(&dir).unwrap();
        assert!(!names.is_empty());
        for name in names {
            let text = std::fs::read_to_string(dir.join(format!("{name}.toml"))).unwrap();
            let spec = parse(&text).unwrap_or_else(|e| panic!("src/plots/{name}.toml: {e}"));
            assert!(spec.takeaway.trim().len() > 20, "src/plots/{name}.toml: no `takeaway`: say in one sentence what the plot shows");
        }
    }
}
