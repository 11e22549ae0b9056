//! The `{{#sources-checked}}` appendix and the `{{#popular-advice}}` page.

use crate::html::{Citation, claim_link, esc, prose, source_verdict_html, verdict_html};
use crate::texts::Texts;
use crate::untestable::Untestable;
use proof::evidence::{Evidence, SourceVerdict};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

/// One statement of a source text: judged by a claim, or listed as untestable.
enum Row<'a> {
    Judged(&'a SourceVerdict, &'a Evidence),
    Untestable(&'a Untestable),
}

/// Distinct statements judged by a claim, and untestable ones (a statement two claims judge counts once).
fn count<'a>(rows: impl Iterator<Item = (&'a str, &'a Row<'a>)>) -> (usize, usize) {
    let (mut judged, mut open) = (std::collections::BTreeSet::new(), 0);
    for (at, row) in rows {
        match row {
            Row::Judged(s, _) => {
                judged.insert((at, s.says.as_str()));
            }
            Row::Untestable(_) => open += 1,
        }
    }
    (judged.len(), open)
}

/// For each source text, in texts.toml order: its label, the statements judged by a claim and the
/// untestable ones (`mdbook-claims sources` prints them).
pub fn counts(evidence: &BTreeMap<String, Evidence>, untestable: &[Untestable], texts: &Texts) -> Vec<(String, usize, usize)> {
    let mut rows: BTreeMap<usize, Vec<(&str, Row<'_>)>> = BTreeMap::new();
    let index = |seed: &str, location: &str| texts.of(seed, location).and_then(|t| texts.0.iter().position(|x| x == t)).unwrap_or(usize::MAX);
    for ev in evidence.values() {
        for s in &ev.sources {
            rows.entry(index(&s.seed, &s.location)).or_default().push((&s.location, Row::Judged(s, ev)));
        }
    }
    for u in untestable {
        rows.entry(index(&u.seed, &u.location)).or_default().push((&u.location, Row::Untestable(u)));
    }
    rows.iter()
        .map(|(i, r)| {
            let (j, o) = count(r.iter().map(|(at, row)| (*at, row)));
            (texts.0.get(*i).map_or_else(|| "(a text texts.toml does not name)".to_string(), |t| t.label()), j, o)
        })
        .collect()
}

/// The `{{#sources-checked}}` appendix: for each source text (named, with what it is), its statements
/// by section, each with the book's verdict and the claim that judges it, or why none can.
pub fn sources_checked(
    evidence: &BTreeMap<String, Evidence>,
    untestable: &[Untestable],
    texts: &Texts,
    citations: &BTreeMap<String, Vec<Citation>>,
    here: &Path,
) -> String {
    // By text (in texts.toml order, by index), then section, in first-seen order within a section.
    type Sections<'a> = BTreeMap<&'a str, Vec<Row<'a>>>;
    let index = |seed: &str, location: &str| texts.of(seed, location).and_then(|t| texts.0.iter().position(|x| x == t)).unwrap_or(usize::MAX);
    let mut grouped: BTreeMap<(usize, &str), Sections<'_>> = BTreeMap::new();
    for ev in evidence.values() {
        for s in &ev.sources {
            grouped.entry((index(&s.seed, &s.location), &s.seed)).or_default().entry(&s.location).or_default().push(Row::Judged(s, ev));
        }
    }
    for u in untestable {
        grouped.entry((index(&u.seed, &u.location), &u.seed)).or_default().entry(&u.location).or_default().push(Row::Untestable(u));
    }
    if grouped.is_empty() {
        return "<p class=\"sources-checked-empty\">No evidence file records a source statement yet.</p>".to_string();
    }
    let mut h = String::new();
    for ((i, seed), sections) in &grouped {
        let text = texts.0.get(*i);
        let (judged, open) = count(sections.iter().flat_map(|(at, rows)| rows.iter().map(move |r| (*at, r))));
        match text {
            Some(t) => {
                let by = if t.author.is_empty() { String::new() } else { format!(" by {}", esc(&t.author)) };
                let _ = write!(
                    h,
                    "<section class=\"source-text\" id=\"{}\"><h2>{}{by}</h2><p class=\"source-about\">{} <span class=\"source-counts\">{judged} statements judged by a claim, {open} untestable here.</span></p>",
                    esc(&t.anchor()),
                    esc(&t.title),
                    prose(&t.about)
                );
            }
            None => {
                // Unreachable in a book: the preprocessor refuses a statement whose text has no name.
                let _ = seed;
                h.push_str("<section class=\"source-text\"><h2>A source text</h2>");
            }
        }
        for (location, rows) in sections {
            let _ = write!(h, "<h3 class=\"source-section\">{}</h3><ul class=\"source-statements\">", prose(location));
            for row in rows {
                match row {
                    Row::Judged(s, ev) => {
                        let _ = write!(
                            h,
                            "<li>{} {} <span class=\"source-claim\">{}</span></li>",
                            prose(&s.says),
                            source_verdict_html(s),
                            claim_link(&ev.id, citations, here)
                        );
                    }
                    Row::Untestable(u) => {
                        let _ = write!(h, "<li>{} {}</li>", prose(&u.says), verdict_html(&u.verdict()));
                    }
                }
            }
            h.push_str("</ul>");
        }
        h.push_str("</section>");
    }
    h
}

/// The parts of the book, by the first word of a claim ID, for grouping advice by topic.
const PARTS: [(&str, &str); 10] = [
    ("lto", "Link-time optimization"),
    ("inlining", "Inlining"),
    ("pipeline", "The compiler pipeline"),
    ("heap", "Heap allocation"),
    ("actors", "Actors"),
    ("build", "Build configuration"),
    ("hashing", "Hashing"),
    ("type-sizes", "Type sizes"),
    ("bounds", "Bounds checks and iterators"),
    ("compile-times", "Compile times"),
];

/// `{{#popular-advice}}`: every source statement the book finds refuted, not reproduced, outdated or
/// only partly true, grouped by part, then by the claim that decides it (refutations first): what the
/// book found, linked to its box, and under it what each source says with the verdict.
pub fn popular_advice(evidence: &BTreeMap<String, Evidence>, texts: &Texts, citations: &BTreeMap<String, Vec<Citation>>, here: &Path) -> String {
    use proof::evidence::Judgement;
    let part_of = |id: &str| {
        let word = id.split('.').next().unwrap_or(id);
        PARTS.iter().position(|(w, _)| *w == word).unwrap_or(PARTS.len())
    };
    let rank = |j: Judgement| match j {
        Judgement::Refuted => 0,
        Judgement::NotReproduced => 1,
        Judgement::Outdated => 2,
        _ => 3,
    };
    // part -> [(claim, its corrected statements, its strongest correction's rank)].
    type Corrected<'a> = (&'a Evidence, Vec<&'a SourceVerdict>, u8);
    let mut by_part: BTreeMap<usize, Vec<Corrected<'_>>> = BTreeMap::new();
    let mut total = 0;
    for ev in evidence.values() {
        let corrected: Vec<&SourceVerdict> = ev.sources.iter().filter(|s| s.judgement().is_ok_and(|(j, _)| j.is_correction())).collect();
        if corrected.is_empty() {
            continue;
        }
        total += corrected.len();
        let strongest = corrected.iter().filter_map(|s| s.judgement().ok()).map(|(j, _)| rank(j)).min().unwrap_or(3);
        by_part.entry(part_of(&ev.id)).or_default().push((ev, corrected, strongest));
    }
    let mut h = format!(
        "<p class=\"advice-count\">{total} statements of the source texts, corrected by the evidence of {} claims.</p>",
        by_part.values().map(Vec::len).sum::<usize>()
    );
    for (part, claims) in &mut by_part {
        claims.sort_by_key(|(ev, _, strongest)| (*strongest, ev.id.clone()));
        let name = PARTS.get(*part).map_or("Other", |p| p.1);
        let _ = write!(h, "<h2>{}</h2><ul class=\"advice\">", esc(name));
        for (ev, corrected, _) in claims.iter() {
            let href = citations.get(&ev.id).and_then(|c| c.first()).map(|c| crate::html::relative_link(here, &c.chapter_path, Some(&c.anchor)));
            let found = match href {
                Some(href) => format!("<a href=\"{}\">{}</a>", esc(&href), prose(&ev.statement)),
                None => prose(&ev.statement),
            };
            let _ =
                write!(h, "<li><p class=\"advice-found\"><span class=\"claim-label\">The book found:</span> {found}</p><ul class=\"advice-says\">");
            for s in corrected {
                let _ = write!(
                    h,
                    "<li><span class=\"claim-source-name\">{}</span> says: {} {}</li>",
                    esc(&texts.label(&s.seed, &s.location)),
                    prose(&s.says),
                    source_verdict_html(s)
                );
            }
            h.push_str("</ul></li>");
        }
        h.push_str("</ul>");
    }
    h
}
