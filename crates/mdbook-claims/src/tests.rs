use super::*;
use mdbook_preprocessor::book::Chapter;
use proof::evidence::{Kind, ProfileRecord, Side, SourceVerdict, Verdict};
use serde_json::{Map, json};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A throwaway book root under the system temp dir, removed on drop.
struct TempRoot(PathBuf);

impl TempRoot {
    fn new() -> TempRoot {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "mdbook-claims-unit-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src/measured")).unwrap();
        std::fs::write(
            dir.join("rust-toolchain.toml"),
            "[toolchain]\nchannel = \"1.95.0\"\n",
        )
        .unwrap();
        TempRoot(dir)
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.0.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn evidence(&self, ev: &Evidence) {
        self.write(&format!("src/measured/{}.json", ev.id), &ev.to_json());
    }

    fn settings(&self) -> Settings {
        Settings {
            root: self.0.clone(),
            src: PathBuf::from("src"),
            repository_url: None,
        }
    }

    /// A book of `(path, content)` chapters, each also written to disk.
    fn book(&self, chapters: &[(&str, &str)]) -> Book {
        let mut items = Vec::new();
        for (path, content) in chapters {
            self.write(&format!("src/{path}"), content);
            items.push(BookItem::Chapter(Chapter::new(
                path,
                content.to_string(),
                *path,
                vec![],
            )));
        }
        Book::new_with_items(items)
    }
}

impl Drop for TempRoot {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn map(v: serde_json::Value) -> Map<String, serde_json::Value> {
    v.as_object().unwrap().clone()
}

fn sample(id: &str, rustc: &str) -> Evidence {
    Evidence {
        id: id.to_string(),
        statement: "`Vec::with_capacity(20)` then 20 pushes allocates once".to_string(),
        kind: Kind::Heap,
        verdict: Verdict::Holds,
        rustc: rustc.to_string(),
        toolchain: format!("rustc {rustc} (59807616e 2026-04-14), LLVM 22.1.2"),
        target: "x86_64-unknown-linux-gnu".to_string(),
        predicate: "exactly one heap block".to_string(),
        setting: "Vec::with_capacity(20) then 20 pushes".to_string(),
        profile: ProfileRecord {
            name: "dev".into(),
            settings: map(json!({"opt-level": 0, "lto": "off"})),
        },
        figures: map(json!({"blocks": 1, "bytes": 160, "ratio": 0.5, "exact": true})),
        control: Side {
            setting: "Vec::new() then 20 pushes".to_string(),
            profile: ProfileRecord {
                name: "dev".into(),
                settings: map(json!({"opt-level": 0})),
            },
            figures: map(json!({"blocks": 4, "bytes": 480})),
            predicate_holds: false,
        },
        check: "tests/heap.rs:4".to_string(),
        sources: vec![SourceVerdict {
            seed: "004".into(),
            location: "Vectors".into(),
            says: "`with_capacity` avoids reallocation".into(),
            verdict: "confirmed".into(),
        }],
        failure: None,
    }
}

const CHECK_RS: &str = "use proof::Claim;\n\n#[test]\nfn one_block() {\n    let v: Vec<u8> = Vec::with_capacity(20);\n    assert!(v.capacity() >= 20 && \"<&>\".len() == 3);\n}\n";

#[test]
fn renders_a_box_with_figures_profiles_sources_and_check() {
    let t = TempRoot::new();
    t.evidence(&sample("heap.vec.one-block", "1.95.0"));
    t.write("tests/heap.rs", CHECK_RS);
    let book = t.book(&[("heap.md", "# Heap\n\nText `{{#claim heap.vec.one-block}}` in code.\n\n{{#claim heap.vec.one-block}}\n\nAfter.\n")]);
    let out = process(&t.settings(), book).unwrap();
    let content = &out.book.chapters().next().unwrap().content;
    // The code span is left alone; the directive is replaced by one line of HTML.
    assert!(content.contains("Text `{{#claim heap.vec.one-block}}` in code."));
    assert_eq!(
        content
            .matches("<div class=\"claim holds\" id=\"claim-heap-vec-one-block\">")
            .count(),
        1
    );
    let html = content
        .lines()
        .find(|l| l.starts_with("<div class=\"claim"))
        .unwrap();
    assert!(
        content.contains(&format!("{html}\n\n")),
        "a blank line must end the HTML block"
    );
    for expected in [
        "<code>Vec::with_capacity(20)</code> then 20 pushes allocates once",
        "What the check asserts:</span> exactly one heap block",
        "<tr><td>blocks</td><td class=\"claim-figure\">1</td><td class=\"claim-figure\">4</td></tr>",
        "<tr><td>ratio</td><td class=\"claim-figure\">0.5</td><td class=\"claim-figure\">—</td></tr>",
        "<tr><td>exact</td><td class=\"claim-figure\">true</td>",
        "<code>opt-level = 0</code>, <code>lto = &quot;off&quot;</code>",
        "rustc 1.95.0 (59807616e 2026-04-14), LLVM 22.1.2",
        "<code>x86_64-unknown-linux-gnu</code>",
        "Seed 004 (Vectors) says: <code>with_capacity</code> avoids reallocation — <span class=\"source-verdict confirmed\">confirmed</span>",
        "<summary>The check: <code>tests/heap.rs:4</code></summary>",
        "<pre><code class=\"language-rust noplayground\">#[test]&#10;fn one_block() {&#10;",
        "&quot;&lt;&amp;&gt;&quot;.len() == 3);&#10;}</code></pre>",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in\n{html}");
    }
    assert!(!html.contains("claim-stale-banner") && !html.contains("/blob/main/"));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn unknown_id_fails_with_file_and_line() {
    let t = TempRoot::new();
    t.evidence(&sample("heap.vec.one-block", "1.95.0"));
    let book = t.book(&[(
        "part/ch.md",
        "# Ch\n\nProse.\n\n{{#claim heap.vec.missing}}\n",
    )]);
    let err = process(&t.settings(), book).unwrap_err();
    assert_eq!(
        err,
        "src/part/ch.md:5: unknown claim ID `heap.vec.missing`: no src/measured/heap.vec.missing.json"
    );
}

#[test]
fn included_text_reports_its_position() {
    let t = TempRoot::new();
    t.write("src/ch.md", "# Ch\n\n{{#include part.md}}\n");
    let expanded = "# Ch\n\nIncluded.\n\n{{#claim a.missing}}\n";
    let book = Book::new_with_items(vec![BookItem::Chapter(Chapter::new(
        "Ch",
        expanded.into(),
        "ch.md",
        vec![],
    ))]);
    let err = process(&t.settings(), book).unwrap_err();
    assert_eq!(
        err,
        "src/ch.md:5 (after {{#include}} expansion): unknown claim ID `a.missing`: no src/measured/a.missing.json"
    );
}

#[test]
fn malformed_ids_and_arguments_fail() {
    let t = TempRoot::new();
    let book = t.book(&[(
        "ch.md",
        "{{#claim Heap.Vec}}\n{{#claim single}}\n{{#claims-ledger now}}\n",
    )]);
    let err = process(&t.settings(), book).unwrap_err();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with("src/ch.md:1: malformed claim ID `Heap.Vec`"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("src/ch.md:2: malformed claim ID `single`"),
        "{err}"
    );
    assert_eq!(
        lines[2],
        "src/ch.md:3: `{{#claims-ledger now}}` takes no argument (got `now`)"
    );
}

#[test]
fn unparsable_evidence_fails_naming_the_file() {
    let t = TempRoot::new();
    t.write(
        "src/measured/heap.broken.json",
        "{ \"id\": \"heap.broken\" }",
    );
    let err = process(&t.settings(), t.book(&[("ch.md", "# Ch\n")])).unwrap_err();
    assert!(
        err.starts_with("src/measured/heap.broken.json: not a valid evidence file"),
        "{err}"
    );
}

#[test]
fn stale_evidence_gets_a_banner_a_class_and_a_warning() {
    assert!(render::is_stale(&sample("a.b", "1.94.1"), "1.95.0"));
    assert!(!render::is_stale(&sample("a.b", "1.95.0"), "1.95.0"));
    let t = TempRoot::new();
    t.evidence(&sample("heap.old", "1.94.1"));
    let mut failing = sample("heap.failing", "1.95.0");
    failing.verdict = Verdict::Fails;
    t.evidence(&failing);
    let book = t.book(&[("ch.md", "{{#claim heap.old}}\n\n{{#claim heap.failing}}\n")]);
    let out = process(&t.settings(), book).unwrap();
    let content = &out.book.chapters().next().unwrap().content;
    assert!(content.contains("<div class=\"claim holds stale\" id=\"claim-heap-old\">"));
    assert!(content.contains(
        "<p class=\"claim-stale-banner\">Measured on rustc 1.94.1; the book pins 1.95.0: these figures are stale until \
         <code>BLESS=1 cargo test</code> re-measures them</p>"
    ));
    assert!(content.contains("<div class=\"claim fails\" id=\"claim-heap-failing\">"));
    assert!(content.contains("<span class=\"claim-verdict fails\">fails</span>"));
    assert!(out.warnings.iter().any(|w| {
        w.starts_with("claim `heap.old`: Measured on rustc 1.94.1; the book pins 1.95.0")
    }));
}

#[test]
fn ledger_links_relatively_and_uncited_evidence_is_reported() {
    let t = TempRoot::new();
    t.evidence(&sample("heap.vec.one-block", "1.95.0"));
    t.evidence(&sample("heap.vec.uncited", "1.94.0"));
    t.write("tests/heap.rs", CHECK_RS);
    let book = t.book(&[
        ("appendix/ledger.md", "# Ledger\n\n{{#claims-ledger}}\n"),
        (
            "part/heap.md",
            "# Heap\n\n{{#claim heap.vec.one-block}}\n\nAgain:\n\n{{#claim heap.vec.one-block}}\n",
        ),
        ("appendix/sources.md", "# Sources\n\n{{#sources-checked}}\n"),
    ]);
    let out = process(&t.settings(), book).unwrap();
    let chapters: Vec<&Chapter> = out.book.chapters().collect();
    let ledger = &chapters[0].content;
    assert!(
        ledger.contains(
            "2 claims: 2 hold, 0 fail, 1 stale, 1 not cited. The book pins rustc 1.95.0."
        ),
        "{ledger}"
    );
    assert!(ledger.contains(
        "<a href=\"../part/heap.html#claim-heap-vec-one-block\"><code>heap.vec.one-block</code></a>"
    ));
    assert!(ledger.contains(
        "<td><a href=\"../part/heap.html#claim-heap-vec-one-block\">part/heap.md</a></td>"
    ));
    assert!(ledger.contains(
        "<code>heap.vec.uncited</code> <span class=\"claims-not-cited\">not cited</span>"
    ));
    assert!(ledger.contains("1.94.0 <span class=\"claims-stale-mark\">stale</span>"));
    // A second citation gets its own HTML id.
    assert!(
        chapters[1]
            .content
            .contains("id=\"claim-heap-vec-one-block-2\"")
    );
    let sources = &chapters[2].content;
    assert!(
        sources.contains(
            "<td rowspan=\"2\" class=\"sources-seed\">004</td><td rowspan=\"2\">Vectors</td>"
        ),
        "{sources}"
    );
    assert!(sources.contains("<a href=\"../part/heap.html#claim-heap-vec-one-block\">"));
    assert_eq!(
        out.warnings,
        [
            "src/measured/heap.vec.uncited.json: claim `heap.vec.uncited` is not cited by any chapter"
        ]
    );
}

#[test]
fn repository_url_adds_a_source_link_and_missing_checks_warn() {
    let t = TempRoot::new();
    let mut ev = sample("heap.vec.one-block", "1.95.0");
    ev.check = "tests/absent.rs:3".into();
    t.evidence(&ev);
    let mut s = t.settings();
    s.repository_url = Some("https://github.com/o/r/".into());
    let out = process(&s, t.book(&[("ch.md", "{{#claim heap.vec.one-block}}\n")])).unwrap();
    let content = &out.book.chapters().next().unwrap().content;
    assert!(content.contains("<a href=\"https://github.com/o/r/blob/main/tests/absent.rs#L3\">"));
    assert!(content.contains("<p class=\"claim-check-missing\">cannot read tests/absent.rs"));
    assert!(
        out.warnings[0]
            .starts_with("claim `heap.vec.one-block`: check `tests/absent.rs:3`: cannot read")
    );
}

#[test]
fn inline_directive_starts_its_own_block() {
    let t = TempRoot::new();
    t.evidence(&sample("heap.vec.one-block", "1.95.0"));
    t.write("tests/heap.rs", CHECK_RS);
    let out = process(
        &t.settings(),
        t.book(&[("ch.md", "See this: {{#claim heap.vec.one-block}}\n")]),
    )
    .unwrap();
    let content = &out.book.chapters().next().unwrap().content;
    assert!(
        content.starts_with("See this: \n\n<div class=\"claim holds\""),
        "{content}"
    );
}
