//! The `{{#claims-ledger}}` table.

use crate::html::{Citation, claim_link, esc, is_stale, relative_link, verdict_str};
use proof::evidence::{Evidence, Verdict};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::Path;

/// What the drift reports say of one claim, for the ledger: a short text and the row's filter value
/// (`flips` when it flips on some toolchain, then `not-judged`, `moved`, `holds`; `none` without a line).
fn drift_cell(reports: &[proof::drift::DriftReport], ev: &Evidence) -> (String, &'static str) {
    use crate::matrix::{Cell, cell};
    let cells: Vec<Cell> = reports.iter().map(|r| cell(r, ev)).filter(|c| *c != Cell::Missing).collect();
    if cells.is_empty() {
        return ("—".into(), "none");
    }
    let holds = cells.iter().filter(|c| matches!(c, Cell::Same | Cell::Moved)).count();
    let judged = cells.iter().filter(|c| *c != &Cell::NotJudged).count();
    let value = if cells.iter().any(|c| matches!(c, Cell::Flips | Cell::Expected)) {
        "flips"
    } else if cells.contains(&Cell::NotJudged) {
        "not-judged"
    } else if cells.contains(&Cell::Moved) {
        "moved"
    } else {
        "holds"
    };
    (format!("{holds} of {judged}"), value)
}

/// The `{{#claims-ledger}}` table: every evidence file, where it is cited, its status, and what each
/// toolchain drift report says of it. Above it, filters by part (the ID's first word), kind, verdict and
/// drift: the rows carry the values as `data-*` attributes, and `theme/ledger.js` shows the filters
/// (hidden without JavaScript, so a reader without it sees the whole table and no dead controls).
pub fn ledger(
    evidence: &BTreeMap<String, Evidence>,
    citations: &BTreeMap<String, Vec<Citation>>,
    here: &Path,
    pinned: &str,
    drift: &[proof::drift::DriftReport],
) -> String {
    let count = |f: &dyn Fn(&Evidence) -> bool| evidence.values().filter(|e| f(e)).count();
    let holds = count(&|e| e.verdict == Verdict::Holds);
    let stale = count(&|e| is_stale(e, pinned));
    let uncited = count(&|e| !citations.contains_key(&e.id));
    let mut h = format!(
        "<p class=\"claims-ledger-summary\">{} claims: {holds} hold, {} fail, {stale} stale, {uncited} not cited. \
         The book pins rustc {}.</p>",
        evidence.len(),
        evidence.len() - holds,
        esc(pinned)
    );
    let part_of = |id: &str| id.split('.').next().unwrap_or(id).to_string();
    let options = |values: BTreeSet<String>| values.iter().map(|v| format!("<option value=\"{}\">{}</option>", esc(v), esc(v))).collect::<String>();
    let parts: BTreeSet<String> = evidence.keys().map(|id| part_of(id)).collect();
    let kinds: BTreeSet<String> = evidence.values().map(|e| e.kind.as_str().to_string()).collect();
    let verdicts: BTreeSet<String> = evidence.values().map(|e| verdict_str(e.verdict).to_string()).collect();
    let _ = write!(
        h,
        "<form class=\"claims-ledger-filters\" hidden>\
         <label>Part <select data-filter=\"part\"><option value=\"\">all</option>{}</select></label> \
         <label>Kind <select data-filter=\"kind\"><option value=\"\">all</option>{}</select></label> \
         <label>Verdict <select data-filter=\"verdict\"><option value=\"\">all</option>{}</select></label>",
        options(parts),
        options(kinds),
        options(verdicts)
    );
    if !drift.is_empty() {
        h.push_str(
            " <label>Other toolchains <select data-filter=\"drift\"><option value=\"\">all</option><option value=\"flips\">flips somewhere</option>\
             <option value=\"not-judged\">not judged somewhere</option><option value=\"moved\">figures moved somewhere</option>\
             <option value=\"holds\">holds everywhere, same figures</option></select></label>",
        );
    }
    h.push_str(" <output class=\"claims-ledger-shown\"></output></form>");
    h.push_str(
        "<div class=\"table-wrapper\"><table class=\"claims-ledger\"><thead><tr><th>Claim</th><th>Kind</th>\
         <th>Verdict</th><th>rustc</th>",
    );
    if !drift.is_empty() {
        let _ = write!(
            h,
            "<th title=\"holds on how many of the other toolchains that judged it\">Holds on ({})</th>",
            drift.iter().map(|r| esc(&r.toolchain)).collect::<Vec<_>>().join(", ")
        );
    }
    h.push_str("<th>Chapter</th></tr></thead><tbody>");
    for ev in evidence.values() {
        let cites = citations.get(&ev.id).map(Vec::as_slice).unwrap_or_default();
        let verdict = verdict_str(ev.verdict);
        let stale = is_stale(ev, pinned);
        let id_cell = claim_link(&ev.id, citations, here);
        let rustc_cell = if stale { format!("{} <span class=\"claims-stale-mark\">stale</span>", esc(&ev.rustc)) } else { esc(&ev.rustc) };
        // Each citing chapter once, linked to its first box of the claim.
        let mut seen = Vec::new();
        let chapters: Vec<String> = cites
            .iter()
            .filter(|c| {
                let first = !seen.contains(&&c.chapter_path);
                seen.push(&c.chapter_path);
                first
            })
            .map(|c| format!("<a href=\"{}\">{}</a>", esc(&relative_link(here, &c.chapter_path, Some(&c.anchor))), esc(&c.chapter_name)))
            .collect();
        let chapter_cell = if chapters.is_empty() { "—".to_string() } else { chapters.join(", ") };
        let (drift_attrs, drift_cells) = if drift.is_empty() {
            (String::new(), String::new())
        } else {
            let (words, value) = drift_cell(drift, ev);
            (format!(" data-drift=\"{value}\""), format!("<td class=\"claims-drift {value}\">{}</td>", esc(&words)))
        };
        let _ = write!(
            h,
            "<tr class=\"{verdict}{}\" data-part=\"{}\" data-kind=\"{}\" data-verdict=\"{verdict}\"{drift_attrs}><td>{id_cell}</td><td>{}</td>\
             <td><span class=\"claim-verdict {verdict}\">{verdict}</span></td><td>{rustc_cell}</td>{drift_cells}<td>{chapter_cell}</td></tr>",
            if stale { " stale" } else { "" },
            esc(&part_of(&ev.id)),
            ev.kind.as_str(),
            ev.kind.as_str()
        );
    }
    h.push_str("</tbody></table></div>");
    h
}
