//! Every claim across toolchains: the matrix at the top of the "Toolchain drift" appendix (one row per
//! claim, one column per toolchain from oldest to newest, the pinned one marked), what changed between
//! consecutive versions, and the one line a claim box gets ("holds on 3 of 4 toolchains"). The reports
//! themselves are `proof::drift`'s; each report's own section is [`crate::drift`]'s.

use crate::html::{Citation, claim_link, esc};
use proof::drift::{DriftReport, There};
use proof::evidence::Evidence;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// What one claim did on one toolchain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Holds with the pinned toolchain's figures (the pinned column is always this).
    Same,
    /// Holds; figures or compiler output moved.
    Moved,
    /// Does not hold there (or stopped without a reason).
    Flips,
    /// Does not hold there, as expected: a claim about the stable channel on a nightly or beta.
    Expected,
    /// Could not be judged there (a build or flag that compiler lacks); the report gives the reason.
    NotJudged,
    /// The report predates the claim.
    Missing,
}

impl Cell {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Cell::Same => ("holds", "holds"),
            Cell::Moved => ("holds, figures moved", "moved"),
            Cell::Flips => ("flips", "flipped"),
            Cell::Expected => ("flips, as expected", "expected"),
            Cell::NotJudged => ("not judged", "not-judged"),
            Cell::Missing => ("not in the report", "missing"),
        }
    }

    /// Whether the claim holds there (moved figures still hold).
    fn holds(self) -> bool {
        matches!(self, Cell::Same | Cell::Moved)
    }

    /// Whether the cell is a verdict at all (not judged and missing are not).
    fn judged(self) -> bool {
        !matches!(self, Cell::NotJudged | Cell::Missing)
    }
}

/// The cell of claim `ev` in `report`.
pub fn cell(report: &DriftReport, ev: &Evidence) -> Cell {
    let Some(c) = report.claim(&ev.id) else { return Cell::Missing };
    match c.there {
        There::NotJudged => Cell::NotJudged,
        _ if c.flipped && ev.stable_only => Cell::Expected,
        _ if c.flipped => Cell::Flips,
        _ if c.is_news() => Cell::Moved,
        _ => Cell::Same,
    }
}

/// A release from `rustc -V`'s version ("1.97.0-nightly" → (1, 97, 0, 2)): stable < beta < nightly of one
/// number, which is the order they come out in.
fn version_key(describe: &str) -> (u64, u64, u64, u8) {
    let v = describe.split_whitespace().nth(1).unwrap_or("");
    let (num, pre) = v.split_once('-').unwrap_or((v, ""));
    let mut parts = num.split('.').map(|p| p.parse::<u64>().unwrap_or(0));
    let rank = match pre {
        "" => 0,
        p if p.starts_with("beta") => 1,
        _ => 2,
    };
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0), parts.next().unwrap_or(0), rank)
}

/// A column: the pinned toolchain (no report) or a report.
enum Column<'a> {
    Pinned(&'a str),
    Report(&'a DriftReport),
}

impl Column<'_> {
    fn key(&self) -> (u64, u64, u64, u8) {
        match self {
            Column::Pinned(release) => version_key(&format!("rustc {release}")),
            Column::Report(r) => version_key(&r.describe),
        }
    }

    fn title(&self) -> String {
        match self {
            Column::Pinned(release) => format!("{release} (pinned)"),
            Column::Report(r) => {
                let v = r.describe.split_whitespace().nth(1).unwrap_or("");
                if v.is_empty() || v == r.toolchain { r.toolchain.clone() } else { format!("{} ({v})", r.toolchain) }
            }
        }
    }

    fn cell(&self, ev: &Evidence) -> Cell {
        match self {
            Column::Pinned(_) => Cell::Same,
            Column::Report(r) => cell(r, ev),
        }
    }
}

/// The columns, oldest to newest; a report and the pinned release of the same version keep the report
/// after the pinned one (a distribution's build of a release the book pins).
fn columns<'a>(reports: &'a [DriftReport], pinned: &'a str) -> Vec<Column<'a>> {
    let mut cols: Vec<Column<'a>> = vec![Column::Pinned(pinned)];
    cols.extend(reports.iter().map(Column::Report));
    cols.sort_by_key(|c| (c.key(), matches!(c, Column::Report(_))));
    cols
}

/// The HTML id of a claim's row in the matrix (a box's drift line links to it).
pub fn row_anchor(id: &str) -> String {
    format!("drift-claim-{}", id.replace('.', "-"))
}

/// A box's line: on how many of the other toolchains the claim holds, which do not, linked to its row.
pub fn box_line(reports: &[DriftReport], ev: &Evidence, href: Option<&str>) -> String {
    let cells: Vec<(String, Cell)> = reports.iter().map(|r| (Column::Report(r).title(), cell(r, ev))).filter(|(_, c)| *c != Cell::Missing).collect();
    if cells.is_empty() {
        return String::new();
    }
    let holds = cells.iter().filter(|(_, c)| c.holds()).count();
    let judged = cells.iter().filter(|(_, c)| c.judged()).count();
    // Flips are named with their toolchain; toolchains that could not judge the claim are only counted
    // (the row says which and why), so that the line stays one line in the box.
    let others: Vec<String> = cells.iter().filter(|(_, c)| !c.holds() && c.judged()).map(|(t, c)| format!("{} on {t}", c.words().0)).collect();
    let not_judged = cells.iter().filter(|(_, c)| !c.judged()).count();
    let moved = cells.iter().filter(|(_, c)| *c == Cell::Moved).count();
    let class = if cells.iter().any(|(_, c)| *c == Cell::Flips) {
        "flipped"
    } else if !others.is_empty() || moved > 0 || not_judged > 0 {
        "moved"
    } else {
        "same"
    };
    // The label says "Other toolchains": the words need not.
    let mut words = format!("holds on {holds} of {judged} judged");
    if not_judged > 0 {
        let _ = write!(words, ", {not_judged} not judged");
    }
    if !others.is_empty() {
        let _ = write!(words, "; {}", others.join(", "));
    }
    if moved > 0 {
        let _ = write!(words, "; figures moved on {moved}");
    }
    let more = href.map_or(String::new(), |h| format!(" <a href=\"{}\">row</a>", esc(h)));
    format!("<p class=\"claim-drift {class}\"><span class=\"claim-label\">Other toolchains</span> {}{more}</p>", esc(&words))
}

/// The matrix section: a summary per toolchain, what changed from one version to the next, and every
/// claim's row (folded). `evidence` gives the rows, in ID order.
pub fn html(
    reports: &[DriftReport],
    evidence: &BTreeMap<String, Evidence>,
    citations: &BTreeMap<String, Vec<Citation>>,
    here: &Path,
    pinned: &str,
) -> String {
    let cols = columns(reports, pinned);
    let mut h = String::new();
    h.push_str("<div class=\"drift-matrix\"><table class=\"drift-counts\"><thead><tr><th>Toolchain</th><th>holds</th><th>figures moved</th><th>flips</th><th>not judged</th></tr></thead><tbody>");
    for col in &cols {
        let cells: Vec<Cell> = evidence.values().map(|ev| col.cell(ev)).collect();
        let n = |f: fn(&Cell) -> bool| cells.iter().filter(|c| f(c)).count();
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&col.title()),
            n(|c| c.holds()),
            n(|c| *c == Cell::Moved),
            n(|c| matches!(c, Cell::Flips | Cell::Expected)),
            n(|c| *c == Cell::NotJudged)
        );
    }
    h.push_str("</tbody></table>");
    // What changed between neighbouring columns: claims that hold on one and not on the next, both judged.
    h.push_str("<h3>What changed from one toolchain to the next</h3><ul class=\"drift-changes\">");
    for pair in cols.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let mut became = Vec::new();
        let mut stopped = Vec::new();
        for ev in evidence.values() {
            let (x, y) = (a.cell(ev), b.cell(ev));
            if x.judged() && y.judged() && x.holds() != y.holds() {
                if y.holds() { became.push(ev) } else { stopped.push(ev) }
            }
        }
        let list = |v: &[&Evidence]| v.iter().map(|e| claim_link(&e.id, citations, here)).collect::<Vec<_>>().join(", ");
        let what = match (became.is_empty(), stopped.is_empty()) {
            (true, true) => "no claim changes its verdict".to_string(),
            (false, true) => format!("holds from here on: {}", list(&became)),
            (true, false) => format!("stops holding: {}", list(&stopped)),
            (false, false) => format!("holds from here on: {}; stops holding: {}", list(&became), list(&stopped)),
        };
        let _ = write!(h, "<li>{} → {}: {what}</li>", esc(&a.title()), esc(&b.title()));
    }
    h.push_str("</ul>");
    let _ = write!(
        h,
        "<details class=\"drift-all\"><summary>Every claim on every toolchain ({} claims)</summary><div class=\"table-wrapper\"><table class=\"drift-rows\"><thead><tr><th>Claim</th>",
        evidence.len()
    );
    for col in &cols {
        let _ = write!(h, "<th>{}</th>", esc(&col.title()));
    }
    h.push_str("</tr></thead><tbody>");
    for ev in evidence.values() {
        let _ = write!(h, "<tr id=\"{}\"><td>{}</td>", esc(&row_anchor(&ev.id)), claim_link(&ev.id, citations, here));
        for col in &cols {
            let (words, class) = col.cell(ev).words();
            let _ = write!(h, "<td class=\"drift-cell {class}\">{words}</td>");
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></div></details></div>");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_order_stable_beta_nightly() {
        assert!(version_key("rustc 1.85.0 (4d91de4e4 2025-02-17)") < version_key("rustc 1.95.0 (59807616e 2026-04-14)"));
        assert!(version_key("rustc 1.96.0") < version_key("rustc 1.97.0-beta.2"));
        assert!(version_key("rustc 1.97.0-beta.2") < version_key("rustc 1.97.0-nightly (0123 2026-05-20)"));
    }
}
