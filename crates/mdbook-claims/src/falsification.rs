//! The falsification report: for every claim, what kind of control it has (an opposite setting, or a
//! declared null control) and how far the predicate's comparisons pass on the subject and fail on the
//! control. `mdbook-claims falsification` prints it; `{{#falsification}}` puts it in the Methodology
//! appendix, with a summary first.

use crate::html::{Citation, claim_link, esc, percent};
use proof::evidence::Evidence;
use proof::policy::{Rule, TOLERANCE_PERCENT, rule};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// One claim's line of the report.
pub struct Row<'a> {
    pub ev: &'a Evidence,
    /// "opposite setting" or "null control".
    pub control: &'static str,
    pub subject_passes_by: Option<f64>,
    pub control_fails_by: Option<f64>,
}

impl Row<'_> {
    /// Whether a figure of this claim may move between machines (instruction counts, sizes), so that a
    /// margin under the tolerance could flip the verdict elsewhere.
    pub fn tolerant(&self) -> bool {
        rule(self.ev.kind) == Rule::ExactOnSameMachine
    }

    /// A margin inside the cross-machine tolerance, on either side.
    pub fn inside_tolerance(&self) -> bool {
        let tol = TOLERANCE_PERCENT / 100.0;
        self.tolerant() && [self.subject_passes_by, self.control_fails_by].iter().flatten().any(|m| *m <= tol)
    }
}

pub fn rows(evidence: &BTreeMap<String, Evidence>) -> Vec<Row<'_>> {
    evidence
        .values()
        .map(|ev| Row {
            ev,
            control: if ev.null_control.is_some() { "null control" } else { "opposite setting" },
            subject_passes_by: ev.margins.as_ref().and_then(|m| m.subject_passes_by()),
            control_fails_by: ev.margins.as_ref().and_then(|m| m.control_fails_by()),
        })
        .collect()
}

fn shown(m: Option<f64>) -> String {
    m.map_or_else(|| "exact".to_string(), percent)
}

/// The report as text, one claim per line (for the terminal).
pub fn text(evidence: &BTreeMap<String, Evidence>) -> String {
    let mut out = String::from("claim\tkind\tcontrol\tsubject passes by\tcontrol fails by\n");
    for r in rows(evidence) {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}{}",
            r.ev.id,
            r.ev.kind.as_str(),
            r.control,
            shown(r.subject_passes_by),
            shown(r.control_fails_by),
            if r.inside_tolerance() { "\tINSIDE THE TOLERANCE" } else { "" }
        );
    }
    out
}

/// `{{#falsification}}`: the summary, then every claim folded in a table.
pub fn html(evidence: &BTreeMap<String, Evidence>, citations: &BTreeMap<String, Vec<Citation>>, here: &Path) -> String {
    let rows = rows(evidence);
    let null = rows.iter().filter(|r| r.control == "null control").count();
    let with_margins = rows.iter().filter(|r| r.subject_passes_by.is_some() || r.control_fails_by.is_some()).count();
    let tolerant = rows.iter().filter(|r| r.tolerant()).count();
    let inside = rows.iter().filter(|r| r.inside_tolerance()).count();
    let narrowest = rows
        .iter()
        .filter(|r| r.tolerant())
        .filter_map(|r| [r.subject_passes_by, r.control_fails_by].iter().flatten().copied().min_by(f64::total_cmp).map(|m| (r, m)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let mut h = format!(
        "<p class=\"falsification-summary\">{} claims: {} with a control of the opposite setting, {null} with a declared null control. \
         {with_margins} record the margins of their comparisons; of the {tolerant} whose figures may move between machines (instruction \
         counts and sizes, by up to {TOLERANCE_PERCENT}%), {inside} pass or fail by less than that.{}</p>",
        rows.len(),
        rows.len() - null,
        narrowest.map_or(String::new(), |(r, m)| format!(" The narrowest margin is {} ({}).", percent(m), esc(&r.ev.id)))
    );
    let _ = write!(
        h,
        "<details class=\"falsification\"><summary>Every claim</summary><div class=\"table-wrapper\"><table class=\"falsification\">\
         <thead><tr><th>Claim</th><th>Kind</th><th>Control</th><th>Subject passes by</th><th>Control fails by</th></tr></thead><tbody>"
    );
    for r in &rows {
        let _ = write!(
            h,
            "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if r.inside_tolerance() { " class=\"inside-tolerance\"" } else { "" },
            claim_link(&r.ev.id, citations, here),
            r.ev.kind.as_str(),
            r.control,
            shown(r.subject_passes_by),
            shown(r.control_fails_by)
        );
    }
    h.push_str("</tbody></table></div></details>");
    h
}
