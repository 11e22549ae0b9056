use super::*;
use mdbook_preprocessor::book::{BookItem, Chapter};
use proof::evidence::{Kind, ProfileRecord, Side, SourceVerdict, Verdict};
use serde_json::{Map, json};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A throwaway book root under the system temp dir, removed on drop.
struct TempRoot(PathBuf);

impl TempRoot {
    fn new() -> TempRoot {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!("mdbook-claims-unit-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src/measured")).unwrap();
        std::fs::write(dir.join("rust-toolchain.toml"), "[toolchain]\nchannel = \"1.95.0\"\n").unwrap();
        // The source texts the samples judge, named (the preprocessor refuses an unnamed one).
        std::fs::create_dir_all(dir.join("src/sources")).unwrap();
        std::fs::write(dir.join("src/sources/texts.toml"), "[[text]]\nseed = \"000\"\ntitle = \"Text zero\"\nshort = \"Text zero\"\nauthor = \"\"\nabout = \"A test text.\"\n[[text]]\nseed = \"001\"\ntitle = \"Text one\"\nshort = \"Text one\"\nauthor = \"\"\nabout = \"A test text.\"\n[[text]]\nseed = \"004\"\ntitle = \"Text four\"\nshort = \"Text four\"\nauthor = \"A. Author\"\nabout = \"A test text.\"\n").unwrap();
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
        Settings { root: self.0.clone(), src: PathBuf::from("src"), repository_url: None }
    }

    /// A book of `(path, content)` chapters, each also written to disk.
    fn book(&self, chapters: &[(&str, &str)]) -> Book {
        let mut items = Vec::new();
        for (path, content) in chapters {
            self.write(&format!("src/{path}"), content);
            items.push(BookItem::Chapter(Chapter::new(path, content.to_string(), *path, vec![])));
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
        environment: Default::default(),
        predicate: "exactly one heap block".to_string(),
        setting: "Vec::with_capacity(20) then 20 pushes".to_string(),
        profile: ProfileRecord { name: "dev".into(), settings: map(json!({"opt-level": 0, "lto": "off"})) },
        figures: map(json!({"blocks": 1, "bytes": 160, "ratio": 0.5, "exact": true})),
        deciding: Vec::new(),
        code: None,
        control: Side {
            setting: "Vec::new() then 20 pushes".to_string(),
            profile: ProfileRecord { name: "dev".into(), settings: map(json!({"opt-level": 0})) },
            figures: map(json!({"blocks": 4, "bytes": 480})),
            code: None,
            predicate_holds: false,
        },
        check: "tests/heap.rs:4".to_string(),
        rerun: String::new(),
        sources: vec![SourceVerdict {
            seed: "004".into(),
            location: "Vectors".into(),
            says: "`with_capacity` avoids reallocation".into(),
            verdict: "confirmed".into(),
        }],
        margins: None,
        null_control: None,
        stable_only: false,
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
    assert_eq!(content.matches("<div class=\"claim holds\" id=\"claim-heap-vec-one-block\">").count(), 1);
    let html = content.lines().find(|l| l.starts_with("<div class=\"claim")).unwrap();
    assert!(content.contains(&format!("{html}\n\n")), "a blank line must end the HTML block");
    for expected in [
        "<code>Vec::with_capacity(20)</code> then 20 pushes allocates once",
        "<span class=\"claim-label\">The check asserts</span> exactly one heap block.",
        "<span class=\"claim-label\">Subject:</span> Vec::with_capacity(20) then 20 pushes.",
        "<tr class=\"deciding\"><td class=\"claim-figure-name\"><span class=\"deciding-mark\" title=\"the check's predicate reads this figure\">▸</span> blocks</td><td class=\"claim-figure\" data-label=\"Subject\">1</td><td class=\"claim-figure\" data-label=\"Control\">4</td></tr>",
        "<tr><td class=\"claim-figure-name\">ratio</td><td class=\"claim-figure\" data-label=\"Subject\">0.5</td><td class=\"claim-figure\" data-label=\"Control\">—</td></tr>",
        "<tr><td class=\"claim-figure-name\">exact</td><td class=\"claim-figure\" data-label=\"Subject\">yes</td>",
        "<span class=\"claim-badge confirmed\"",
        "<details class=\"claim-how\"><summary>How this was measured</summary>",
        "<code>opt-level = 0</code>, <code>lto = &quot;off&quot;</code>",
        "rustc 1.95.0 (59807616e 2026-04-14), LLVM 22.1.2",
        "<code>x86_64-unknown-linux-gnu</code>",
        "<li><span class=\"claim-source-name\">Text four (A. Author)</span>: <code>with_capacity</code> avoids reallocation <span class=\"source-verdict confirmed\">confirmed</span></li>",
        "<span class=\"claim-label\">The check</span> <code>tests/heap.rs:4</code>",
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
    let book = t.book(&[("part/ch.md", "# Ch\n\nProse.\n\n{{#claim heap.vec.missing}}\n")]);
    let err = process(&t.settings(), book).unwrap_err();
    assert_eq!(err, "src/part/ch.md:5: unknown claim ID `heap.vec.missing`: no src/measured/heap.vec.missing.json");
}

#[test]
fn included_text_reports_its_position() {
    let t = TempRoot::new();
    t.write("src/ch.md", "# Ch\n\n{{#include part.md}}\n");
    let expanded = "# Ch\n\nIncluded.\n\n{{#claim a.missing}}\n";
    let book = Book::new_with_items(vec![BookItem::Chapter(Chapter::new("Ch", expanded.into(), "ch.md", vec![]))]);
    let err = process(&t.settings(), book).unwrap_err();
    assert_eq!(err, "src/ch.md:5 (after {{#include}} expansion): unknown claim ID `a.missing`: no src/measured/a.missing.json");
}

#[test]
fn malformed_ids_and_arguments_fail() {
    let t = TempRoot::new();
    let book = t.book(&[("ch.md", "{{#claim Heap.Vec}}\n{{#claim single}}\n{{#claims-ledger now}}\n")]);
    let err = process(&t.settings(), book).unwrap_err();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].starts_with("src/ch.md:1: malformed claim ID `Heap.Vec`"), "{err}");
    assert!(lines[1].starts_with("src/ch.md:2: malformed claim ID `single`"), "{err}");
    assert_eq!(lines[2], "src/ch.md:3: `{{#claims-ledger now}}` takes no argument (got `now`)");
}

#[test]
fn unparsable_evidence_fails_naming_the_file() {
    let t = TempRoot::new();
    t.write("src/measured/heap.broken.json", "{ \"id\": \"heap.broken\" }");
    let err = process(&t.settings(), t.book(&[("ch.md", "# Ch\n")])).unwrap_err();
    assert!(err.starts_with("src/measured/heap.broken.json: not a valid evidence file"), "{err}");
}

#[test]
fn stale_evidence_gets_a_banner_a_class_and_a_warning() {
    assert!(html::is_stale(&sample("a.b", "1.94.1"), "1.95.0"));
    assert!(!html::is_stale(&sample("a.b", "1.95.0"), "1.95.0"));
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
    assert!(content.contains("<span class=\"claim-verdict fails\">the check fails</span>"));
    assert!(out.warnings.iter().any(|w| { w.starts_with("claim `heap.old`: Measured on rustc 1.94.1; the book pins 1.95.0") }));
}

#[test]
fn ledger_links_relatively_and_uncited_evidence_is_reported() {
    let t = TempRoot::new();
    t.evidence(&sample("heap.vec.one-block", "1.95.0"));
    t.evidence(&sample("heap.vec.uncited", "1.94.0"));
    t.write("tests/heap.rs", CHECK_RS);
    let book = t.book(&[
        ("appendix/ledger.md", "# Ledger\n\n{{#claims-ledger}}\n"),
        ("part/heap.md", "# Heap\n\n{{#claim heap.vec.one-block}}\n\nAgain:\n\n{{#see heap.vec.one-block}}\n"),
        ("appendix/sources.md", "# Sources\n\n{{#sources-checked}}\n"),
    ]);
    let out = process(&t.settings(), book).unwrap();
    let chapters: Vec<&Chapter> = out.book.chapters().collect();
    let ledger = &chapters[0].content;
    assert!(ledger.contains("2 claims: 2 hold, 0 fail, 1 stale, 1 not cited. The book pins rustc 1.95.0."), "{ledger}");
    assert!(ledger.contains("<a href=\"../part/heap.html#claim-heap-vec-one-block\"><code>heap.vec.one-block</code></a>"));
    assert!(ledger.contains("<td><a href=\"../part/heap.html#claim-heap-vec-one-block\">part/heap.md</a></td>"));
    assert!(ledger.contains("<code>heap.vec.uncited</code> <span class=\"claims-not-cited\">not cited</span>"));
    assert!(ledger.contains("1.94.0 <span class=\"claims-stale-mark\">stale</span>"));
    // A claim lives in one place: elsewhere, a line links to its box.
    assert!(chapters[1].content.contains("<p class=\"claim-see\"><span class=\"claim-badge confirmed\""));
    assert!(chapters[1].content.contains("<a href=\"#claim-heap-vec-one-block\"><code>Vec::with_capacity(20)</code>"));
    let sources = &chapters[2].content;
    assert!(sources.contains("<section class=\"source-text\" id=\"text-text-four\"><h2>Text four by A. Author</h2>"), "{sources}");
    assert!(sources.contains("<a href=\"../part/heap.html#claim-heap-vec-one-block\">"));
    assert_eq!(out.warnings, ["src/measured/heap.vec.uncited.json: claim `heap.vec.uncited` is not cited by any chapter"]);
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
    assert!(out.warnings[0].starts_with("claim `heap.vec.one-block`: check `tests/absent.rs:3`: cannot read"));
}

#[test]
fn inline_directive_starts_its_own_block() {
    let t = TempRoot::new();
    t.evidence(&sample("heap.vec.one-block", "1.95.0"));
    t.write("tests/heap.rs", CHECK_RS);
    let out = process(&t.settings(), t.book(&[("ch.md", "See this: {{#claim heap.vec.one-block}}\n")])).unwrap();
    let content = &out.book.chapters().next().unwrap().content;
    assert!(content.starts_with("See this: \n\n<div class=\"claim holds\""), "{content}");
}

// Plots: `{{#plot <name>}}` and src/plots/<name>.toml.

const PLOT: &str = "title = \"Heap blocks for 20 pushes\"\ntakeaway = \"Reserving first allocates once: {{#figure heap.vec.one-block blocks}} block.\"\nkind = \"bar\"\ny-label = \"heap blocks allocated\"\nunit = \"blocks\"\n\n\
    [[bar]]\nclaim = \"heap.vec.one-block\"\nside = \"subject\"\nfigure = \"blocks\"\nlabel = \"with_capacity(20)\"\n\n\
    [[bar]]\nclaim = \"heap.vec.one-block\"\nside = \"control\"\nfigure = \"blocks\"\nlabel = \"Vec::new() (control)\"\n";

#[test]
fn plot_renders_an_inline_svg_with_a_caption_naming_the_evidence() {
    let t = TempRoot::new();
    t.evidence(&sample("heap.vec.one-block", "1.95.0"));
    t.write("tests/heap.rs", CHECK_RS);
    t.write("src/plots/heap-blocks.toml", PLOT);
    let book = t.book(&[("heap.md", "# Heap\n\n{{#claim heap.vec.one-block}}\n\nSee: {{#plot heap-blocks}}\n\nAfter.\n")]);
    let out = process(&t.settings(), book).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let content = &out.book.chapters().next().unwrap().content;
    let html = content.lines().find(|l| l.starts_with("<figure class=\"measured-plot\"")).unwrap();
    assert!(content.contains(&format!("See: \n\n{html}\n\n")), "{content}");
    for expected in [
        "<figure class=\"measured-plot\" id=\"plot-heap-blocks\"><p class=\"measured-plot-title\">Heap blocks for 20 pushes</p><svg ",
        "role=\"img\" aria-label=\"Heap blocks for 20 pushes\"",
        ">heap blocks allocated (blocks)</text>",
        ">with_capacity(20)</text>",
        ">1</text>",
        ">4</text>",
        "<figcaption><span class=\"measured-plot-takeaway\">Reserving first allocates once: <a class=\"claim-figure\" href=\"heap.html#claim-heap-vec-one-block\" title=\"blocks (",
        "), from claim heap.vec.one-block\">1</a> block.</span> From the evidence of claim <a href=\"heap.html#claim-heap-vec-one-block\"><code>heap.vec.one-block</code></a> \
         (subject and control, profile <code>dev</code>); rustc 1.95.0 (59807616e 2026-04-14), LLVM 22.1.2; \
         target <code>x86_64-unknown-linux-gnu</code>.</figcaption></figure>",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in\n{html}");
    }
    assert!(!html.contains('\n') && html.ends_with("</figure>"));
}

/// The error of a book whose chapter `ch.md` is `chapter`, with `plot` as src/plots/p.toml.
fn plot_error(plot: &str, chapter: &str) -> String {
    let t = TempRoot::new();
    t.evidence(&sample("heap.vec.one-block", "1.95.0"));
    t.write("src/plots/p.toml", plot);
    process(&t.settings(), t.book(&[("ch.md", chapter)])).unwrap_err()
}

#[test]
fn unknown_plot_fails_with_chapter_line_and_file() {
    assert_eq!(plot_error(PLOT, "# Ch\n\n{{#plot nowhere}}\n"), "src/ch.md:3: unknown plot `nowhere`: no src/plots/nowhere.toml");
    assert!(plot_error(PLOT, "{{#plot ../p}}\n").starts_with("src/ch.md:1: malformed name `../p` in `{{#plot ../p}}`"));
}

#[test]
fn plot_errors_name_the_chapter_line_plot_file_and_bar() {
    let chapter = "# Ch\n\n{{#plot p}}\n";
    let unknown = PLOT.replacen("claim = \"heap.vec.one-block\"", "claim = \"heap.vec.gone\"", 1);
    assert_eq!(
        plot_error(&unknown, chapter),
        "src/ch.md:3: plot `p` (src/plots/p.toml): bar 1 (`with_capacity(20)`): unknown claim ID `heap.vec.gone`: \
         no src/measured/heap.vec.gone.json"
    );
    let missing = PLOT.replacen("figure = \"blocks\"\nlabel = \"Vec::new()", "figure = \"bytes freed\"\nlabel = \"Vec::new()", 1);
    assert_eq!(
        plot_error(&missing, chapter),
        "src/ch.md:3: plot `p` (src/plots/p.toml): bar 2 (`Vec::new() (control)`): claim `heap.vec.one-block` has no \
         figure `bytes freed` on its control side (it has `blocks`, `bytes`)"
    );
    let text = PLOT.replacen("figure = \"blocks\"", "figure = \"exact\"", 1);
    assert_eq!(
        plot_error(&text, chapter),
        "src/ch.md:3: plot `p` (src/plots/p.toml): bar 1 (`with_capacity(20)`): figure `exact` of claim \
         `heap.vec.one-block` (subject) is not a number: true"
    );
    // Several problems are all reported.
    let both = unknown.replacen("figure = \"blocks\"\nlabel = \"Vec::new()", "figure = \"nope\"\nlabel = \"Vec::new()", 1);
    assert_eq!(plot_error(&both, chapter).lines().count(), 2);
}

#[test]
fn malformed_plot_files_fail_naming_the_file() {
    let chapter = "{{#plot p}}\n";
    let typo = PLOT.replacen("side = \"subject\"", "side = \"subjct\"", 1);
    let err = plot_error(&typo, chapter);
    assert!(err.starts_with("src/ch.md:1: plot `p` (src/plots/p.toml): "), "{err}");
    assert!(err.contains("unknown variant `subjct`, expected `subject` or `control`"), "{err}");
    let unknown_key = PLOT.replacen("unit = \"blocks\"", "units = \"blocks\"", 1);
    assert!(plot_error(&unknown_key, chapter).contains("unknown field `units`"));
    let err = plot_error("title = \"t\"\ntakeaway = \"t\"\nkind = \"bar\"\ny-label = \"y\"\nunit = \"u\"\nbar = []\n", chapter);
    assert!(err.ends_with("no [[bar]]: a plot needs at least one bar"), "{err}");
    let grouped = PLOT.replacen("kind = \"bar\"", "kind = \"grouped-bar\"", 1);
    assert!(plot_error(&grouped, chapter).contains("bar 1 (`with_capacity(20)`): kind = \"grouped-bar\" needs a `group`"));
    let pie = PLOT.replacen("kind = \"bar\"", "kind = \"pie\"", 1);
    assert!(plot_error(&pie, chapter).contains("unknown variant `pie`"));
    // A takeaway says what the plot shows without typing a measured number, and its figures exist.
    let typed = PLOT.replacen("{{#figure heap.vec.one-block blocks}} block", "1,000 bytes", 1);
    assert!(plot_error(&typed, chapter).contains("the takeaway types a measured number (`1,000`)"), "{}", plot_error(&typed, chapter));
    let unknown = PLOT.replacen("one-block blocks}}", "one-block blocs}}", 1);
    assert!(plot_error(&unknown, chapter).contains("claim `heap.vec.one-block` has no figure `blocs`"));
    let none = PLOT.replacen("takeaway = ", "note = ", 1);
    assert!(plot_error(&none, chapter).contains("unknown field `note`"));
}

#[test]
fn grouped_plots_draw_a_legend_and_uncited_plots_warn() {
    let t = TempRoot::new();
    t.evidence(&sample("heap.vec.one-block", "1.95.0"));
    let mut old = sample("heap.vec.old", "1.94.1");
    old.profile.name = "release".into();
    t.evidence(&old);
    t.write(
        "src/plots/g.toml",
        "title = \"G\"\ntakeaway = \"G grows.\"\nkind = \"grouped-bar\"\ny-label = \"bytes\"\nunit = \"bytes\"\n\n\
         [[bar]]\nclaim = \"heap.vec.one-block\"\nside = \"subject\"\nfigure = \"bytes\"\ngroup = \"now\"\nlabel = \"a\"\n\n\
         [[bar]]\nclaim = \"heap.vec.old\"\nside = \"subject\"\nfigure = \"bytes\"\ngroup = \"now\"\nlabel = \"b\"\n\n\
         [[bar]]\nclaim = \"heap.vec.old\"\nside = \"control\"\nfigure = \"bytes\"\ngroup = \"then\"\nlabel = \"a\"\n",
    );
    t.write("src/plots/unused.toml", PLOT);
    let out = process(&t.settings(), t.book(&[("ch.md", "{{#plot g}}\n\n{{#plot g}}\n")])).unwrap();
    let content = &out.book.chapters().next().unwrap().content;
    assert!(content.contains("<figure class=\"measured-plot stale\" id=\"plot-g\">"));
    assert!(content.contains("id=\"plot-g-2\""));
    assert!(content.contains(">a</text>") && content.contains(">b</text>") && content.contains(">then</text>"));
    assert!(content.contains(
        "From the evidence of claims <code>heap.vec.one-block</code> (subject, profile <code>dev</code>), \
         <code>heap.vec.old</code> (subject: profile <code>release</code>; control: profile <code>dev</code>); \
         rustc 1.95.0 (59807616e 2026-04-14), LLVM 22.1.2; rustc 1.94.1 (59807616e 2026-04-14), LLVM 22.1.2;"
    ));
    assert!(content.contains("<p class=\"claim-stale-banner\">Evidence of claim <code>heap.vec.old</code> was measured on rustc 1.94.1"));
    assert!(out.warnings.iter().any(|w| { w.starts_with("plot `g`: Evidence of claim `heap.vec.old` was measured on rustc 1.94.1") }));
    assert!(out.warnings.contains(&"src/plots/unused.toml: plot `unused` is not cited by any chapter (with {{#plot unused}})".to_string()));
}

// Wall-clock: `{{#shown <group>}}` and src/measured/shown/<group>.json.

fn shown_sample(group: &str, rustc: &str) -> proof::shown::Shown {
    proof::shown::Shown {
        group: group.into(),
        title: None,
        note: proof::shown::NOTE.into(),
        rustc: rustc.into(),
        toolchain: format!("rustc {rustc} (59807616e 2026-04-14), LLVM 22.1.2"),
        target: "x86_64-unknown-linux-gnu".into(),
        profile: Some(proof::wallclock::bench_profile()),
        harness: "criterion 0.8.2".into(),
        command: "cargo bench -p measured-benches --bench wallclock_hashing".into(),
        machine: proof::shown::Machine {
            cpu: "Test CPU".into(),
            cores: 2,
            os: "Debian GNU/Linux 12 (bookworm), Linux 6.1.0".into(),
            load_average: "1.00 0.50 0.25".into(),
        },
        date: "2026-05-01".into(),
        confidence_level: Some(0.95),
        benchmarks: vec![
            proof::shown::Estimate { id: "std_siphash/1000".into(), mean_ns: 12345.6, ci_low_ns: 12001.0, ci_high_ns: 12800.0 },
            proof::shown::Estimate { id: "fxhash/1000".into(), mean_ns: 4567.8, ci_low_ns: 4500.0, ci_high_ns: 4600.0 },
        ],
        measurements: Vec::new(),
    }
}

#[test]
fn shown_renders_a_labelled_table_and_chart() {
    let t = TempRoot::new();
    t.write("src/measured/shown/hashing_wallclock.json", &shown_sample("hashing_wallclock", "1.95.0").to_json());
    let out = process(&t.settings(), t.book(&[("ch.md", "# Ch\n\n{{#shown hashing_wallclock}}\n")])).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let content = &out.book.chapters().next().unwrap().content;
    let html = content.lines().find(|l| l.starts_with("<div class=\"wallclock\"")).unwrap();
    for expected in [
        "<div class=\"wallclock\" id=\"shown-hashing_wallclock\">",
        "<span class=\"wallclock-badge\">shown, not asserted</span> <span class=\"claim-kind\">wall-clock</span>",
        "Wall-clock time, shown but not asserted: measured on Test CPU, 2 cores, Debian GNU/Linux 12 (bookworm), Linux 6.1.0, \
         on 2026-05-01, with rustc 1.95.0 (59807616e 2026-04-14), LLVM 22.1.2.",
        ">mean time per iteration (µs)</text>",
        "<th>95% confidence interval</th>",
        "<tr><td><code>std_siphash/1000</code></td><td class=\"claim-figure\">12.35 µs</td><td class=\"claim-figure\">12 – 12.8 µs</td></tr>",
        "<code>opt-level = 3</code>, <code>debug = true</code>",
        "<dd><code>cargo bench -p measured-benches --bench wallclock_hashing</code></dd>",
        "<p class=\"wallclock-note\">shown, not asserted:",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in\n{html}");
    }
    assert!(!html.contains("stale"));
}

#[test]
fn shown_errors_and_warnings() {
    let t = TempRoot::new();
    let err = process(&t.settings(), t.book(&[("ch.md", "# Ch\n\n{{#shown nothing}}\n")])).unwrap_err();
    assert_eq!(err, "src/ch.md:3: unknown wall-clock group `nothing`: no src/measured/shown/nothing.json (run `ci/wallclock.sh nothing`)");
    t.write("src/measured/shown/broken.json", "{}");
    let err = process(&t.settings(), t.book(&[("ch.md", "{{#shown broken}}\n")])).unwrap_err();
    assert!(err.starts_with("src/ch.md:1: src/measured/shown/broken.json: not a valid shown file"), "{err}");

    let t = TempRoot::new();
    t.write("src/measured/shown/old.json", &shown_sample("old", "1.94.1").to_json());
    t.write("src/measured/shown/unused.json", &shown_sample("unused", "1.95.0").to_json());
    let out = process(&t.settings(), t.book(&[("ch.md", "{{#shown old}}\n")])).unwrap();
    let content = &out.book.chapters().next().unwrap().content;
    assert!(content.contains(
        "<div class=\"wallclock stale\" id=\"shown-old\"><p class=\"claim-stale-banner\">Measured on rustc 1.94.1; \
         the book pins 1.95.0: these timings are stale until <code>ci/wallclock.sh old</code> re-measures them</p>"
    ));
    assert_eq!(
        out.warnings,
        [
            "wall-clock group `old`: Measured on rustc 1.94.1; the book pins 1.95.0: these timings are stale until `ci/wallclock.sh old` re-measures them",
            "src/measured/shown/unused.json: wall-clock group `unused` is not cited by any chapter (with {{#shown unused}})"
        ]
    );
}

// Seed statements that cannot be tested here: src/sources/untestable/heap.toml.

const UNTESTABLE: &str = r#"
[[statement]]
seed = "004"
where = "Vectors"
says = "Everyone loves vectors."
why = "a statement about people, not about the compiler"

[[statement]]
seed = "000"
where = "The future"
says = "MIR inlining will change everything."
why = "a prediction about future compilers"
"#;

#[test]
fn untestable_statements_join_the_sources_table_by_seed() {
    let t = TempRoot::new();
    t.evidence(&sample("heap.vec.one-block", "1.95.0"));
    t.write("tests/heap.rs", CHECK_RS);
    t.write("src/sources/untestable/heap.toml", UNTESTABLE);
    let book =
        t.book(&[("appendix/sources.md", "# Sources\n\n{{#sources-checked}}\n"), ("part/heap.md", "# Heap\n\n{{#claim heap.vec.one-block}}\n")]);
    let out = process(&t.settings(), book).unwrap();
    let sources = &out.book.chapters().next().unwrap().content;
    // Texts in order; within a section, the judged statement first, then the untestable one.
    let at = |s: &str| sources.find(s).unwrap_or_else(|| panic!("missing {s:?} in\n{sources}"));
    assert!(at("<h2>Text zero</h2>") < at("<h2>Text four by A. Author</h2>"));
    assert!(sources.contains("<span class=\"source-verdict untestable\">untestable</span><span class=\"source-nuance\">: a statement about people"));
    assert!(at("<code>heap.vec.one-block</code></a>") < at("Everyone loves vectors."));
}

#[test]
fn malformed_untestable_entries_fail_the_build() {
    let t = TempRoot::new();
    t.write(
        "src/sources/untestable/heap.toml",
        "[[statement]]\nseed = \"0\"\nwhere = \" x\"\nsays = \"\"\nwhy = \"Not testable: no\"\n\n\
         [[statement]]\nseed = \"001\"\nwhere = \"a\"\nsays = \"b\"\nwhy = \"c\"\n\n\
         [[statement]]\nseed = \"001\"\nwhere = \"a\"\nsays = \"b\"\nwhy = \"d\"\n",
    );
    let err = process(&t.settings(), t.book(&[("ch.md", "# Ch\n")])).unwrap_err();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            "src/sources/untestable/heap.toml: [[statement]] #1 (0 /  x): seed `0` is not a seed's three-digit prefix (\"000\")",
            "src/sources/untestable/heap.toml: [[statement]] #1 (0 /  x): `where` must be one line without leading or trailing spaces",
            "src/sources/untestable/heap.toml: [[statement]] #1 (0 /  x): `says` is empty",
            "src/sources/untestable/heap.toml: [[statement]] #1 (0 /  x): `why` gives the reason only: the page already says \"untestable: \"",
            "src/sources/untestable/heap.toml: [[statement]] #3 (001 / a): the same statement is listed twice",
        ]
    );
    t.write("src/sources/untestable/heap.toml", "[[statement]]\nseed = \"001\"\nwhere = \"a\"\nsays = \"b\"\n");
    let err = process(&t.settings(), t.book(&[("ch.md", "# Ch\n")])).unwrap_err();
    assert!(err.starts_with("src/sources/untestable/heap.toml: ") && err.contains("missing field `why`"), "{err}");
    t.write("src/sources/untestable/heap.toml", "[[statement]]\nseed = \"001\"\nwhere = \"a\"\nsays = \"b\"\nwhy = \"c\"\nverdict = \"x\"\n");
    let err = process(&t.settings(), t.book(&[("ch.md", "# Ch\n")])).unwrap_err();
    assert!(err.contains("unknown field `verdict`"), "{err}");
    // Nor can one statement be listed in two parts' files.
    let t = TempRoot::new();
    t.write("src/sources/untestable/heap.toml", "[[statement]]\nseed = \"001\"\nwhere = \"a\"\nsays = \"b\"\nwhy = \"c\"\n");
    t.write("src/sources/untestable/lto.toml", "[[statement]]\nseed = \"001\"\nwhere = \"a\"\nsays = \"b\"\nwhy = \"d\"\n");
    let err = process(&t.settings(), t.book(&[("ch.md", "# Ch\n")])).unwrap_err();
    assert_eq!(err, "src/sources/untestable/lto.toml: (001 / a) \"b\" is also listed in src/sources/untestable/heap.toml: keep one");
    // A statement a claim judges cannot also be untestable.
    let t = TempRoot::new();
    t.evidence(&sample("heap.vec.one-block", "1.95.0"));
    t.write(
        "src/sources/untestable/heap.toml",
        "[[statement]]\nseed = \"004\"\nwhere = \"Vectors\"\nsays = \"`with_capacity` avoids reallocation\"\nwhy = \"c\"\n",
    );
    let err = process(&t.settings(), t.book(&[("ch.md", "# Ch\n")])).unwrap_err();
    assert_eq!(
        err,
        "src/sources/untestable/heap.toml: seed 004 (Vectors) \"`with_capacity` avoids reallocation\" is judged by a claim: remove it from this file"
    );
}

// Measurement sets: `{{#shown <group>}}` of a file with named figures (ci/build-cost.sh).

fn measured_sample(group: &str) -> proof::shown::Shown {
    use proof::shown::{Figure, Measurement};
    let fig = |name: &str, unit: &str, value: f64, table_only: bool| Figure { name: name.into(), unit: unit.into(), value, table_only };
    let m = |id: &str, wall: f64, cpu: f64, mib: f64| Measurement {
        id: id.into(),
        profile: ProfileRecord { name: "release-fat".into(), settings: map(json!({"lto": "fat"})) },
        figures: vec![
            fig("wall time", "s", wall, false),
            fig("CPU time", "s", cpu, false),
            fig("CPU time / wall time", "×", cpu / wall, true),
            fig("peak memory", "MiB", mib, false),
        ],
        load_average_before: Some("0.50 0.40 0.30".into()),
    };
    proof::shown::Shown {
        title: Some("A cold build of the lab".into()),
        note: proof::shown::NOTE_MEASURED.into(),
        profile: None,
        harness: "cargo 1.95.0, timed by wait4".into(),
        command: "ci/build-cost.sh".into(),
        confidence_level: None,
        benchmarks: Vec::new(),
        measurements: vec![m("lto = \"thin\"", 4.0, 6.0, 150.5), m("lto = \"fat\"", 8.0, 8.0, 190.0)],
        ..shown_sample(group, "1.95.0")
    }
}

#[test]
fn measurement_sets_render_a_chart_per_unit_and_every_figure() {
    let t = TempRoot::new();
    t.write("src/measured/shown/lab_build_cost.json", &measured_sample("lab_build_cost").to_json());
    let out = process(&t.settings(), t.book(&[("ch.md", "# Ch\n\n{{#shown lab_build_cost}}\n")])).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let content = &out.book.chapters().next().unwrap().content;
    let html = content.lines().find(|l| l.starts_with("<div class=\"wallclock\"")).unwrap();
    for expected in [
        "<span class=\"wallclock-badge\">shown, not asserted</span> <span class=\"claim-kind\">measured</span>",
        "Measured figures, shown but not asserted: measured on Test CPU, 2 cores",
        "<p class=\"wallclock-title\">A cold build of the lab</p>",
        "<th>Setting</th><th>wall time</th><th>CPU time</th><th>CPU time / wall time</th><th>peak memory</th><th>Load average before</th>",
        "<tr><td>lto = &quot;thin&quot;</td><td class=\"claim-figure\">4 s</td><td class=\"claim-figure\">6 s</td>\
         <td class=\"claim-figure\">1.5 ×</td><td class=\"claim-figure\">150.5 MiB</td><td class=\"claim-figure\">0.50 0.40 0.30</td></tr>",
        "<li>lto = &quot;fat&quot;: <code>release-fat</code>: <code>lto = &quot;fat&quot;</code></li>",
        "<dd><code>ci/build-cost.sh</code></dd>",
        "<p class=\"wallclock-note\">shown, not asserted: build times and memory use vary",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in\n{html}");
    }
    // Two charts: seconds (wall and CPU side by side, with a legend) and MiB; the ratio is in the table only.
    assert_eq!(html.matches("<figure class=\"measured-plot\">").count(), 2);
    assert!(html.contains(">wall time</text>") && html.contains(">CPU time</text>") && html.contains(">time (s)</text>"));
    assert!(html.contains(">peak memory (MiB)</text>"));
    assert!(!html.contains("<dt>Profile</dt>"));

    let mut stale = measured_sample("lab_build_cost");
    stale.rustc = "1.94.0".into();
    t.write("src/measured/shown/lab_build_cost.json", &stale.to_json());
    let out = process(&t.settings(), t.book(&[("ch.md", "{{#shown lab_build_cost}}\n")])).unwrap();
    assert_eq!(
        out.warnings,
        [
            "measurement set `lab_build_cost`: Measured on rustc 1.94.0; the book pins 1.95.0: these figures are stale until `ci/build-cost.sh` re-measures them"
        ]
    );
}

// Toolchain drift: `{{#toolchain-drift}}` and src/measured/drift/<toolchain>.json.

/// A report for "nightly" in the order `ci/drift.sh` writes (flips first, then moves, then the rest):
/// `heap.vec.one-block` flips, `heap.vec.moves` has a figure that moved, `heap.vec.steady` is unchanged.
fn drift_sample() -> proof::drift::DriftReport {
    use proof::drift::{ClaimDrift, DriftReport, Moved, There};
    let line = |id: &str, kind: Kind| ClaimDrift {
        id: id.into(),
        kind,
        there: There::Holds,
        flipped: false,
        moved: Vec::new(),
        compiler_output_changed: None,
        failure: None,
    };
    DriftReport {
        toolchain: "nightly".into(),
        describe: "rustc 1.97.0-nightly (0123456ab 2026-05-20), LLVM 22.1.5".into(),
        pinned: "1.95.0".into(),
        date: "2026-05-21".into(),
        compiler_output: BTreeMap::from([(
            "move_after_send".into(),
            "--- pinned\n+++ there\n-error[E0382]: use of moved value\n+error[E0382]: borrow of moved value\n".into(),
        )]),
        claims: vec![
            ClaimDrift {
                there: There::Fails,
                flipped: true,
                failure: Some("expected 1 heap block, got <2>".into()),
                ..line("heap.vec.one-block", Kind::Heap)
            },
            ClaimDrift {
                moved: vec![Moved { figure: "figures.instructions".into(), pinned: json!(85000), there: json!(86500) }],
                ..line("heap.vec.moves", Kind::Instructions)
            },
            line("heap.vec.steady", Kind::Heap),
        ],
    }
}

/// A root with the three claims of [`drift_sample`] and their check.
fn drift_root() -> TempRoot {
    let t = TempRoot::new();
    for id in ["heap.vec.one-block", "heap.vec.moves", "heap.vec.steady"] {
        t.evidence(&sample(id, "1.95.0"));
    }
    t.write("tests/heap.rs", CHECK_RS);
    t.write("src/appendix/drift-explained.toml", DRIFT_EXPLAINED);
    t
}

/// The cause of [`drift_sample`]'s one flip.
const DRIFT_EXPLAINED: &str =
    "[[flip]]\ntoolchains = [\"nightly\"]\nclaims = [\"heap.vec.one-block\"]\nwhy = \"The nightly's `Vec` grows from 1 element.\"\n";

#[test]
fn a_flip_without_a_cause_or_a_cause_without_a_flip_fails_the_build() {
    let t = drift_root();
    t.write("src/measured/drift/nightly.json", &drift_sample().to_json());
    let book = || t.book(&[("appendix/drift.md", DRIFT_APPENDIX), ("part/heap.md", DRIFT_CLAIMS)]);
    t.write("src/appendix/drift-explained.toml", "");
    let err = process(&t.settings(), book()).unwrap_err();
    assert!(err.contains("claim `heap.vec.one-block` flips on `nightly` and no [[flip]] explains why"), "{err}");
    t.write("src/appendix/drift-explained.toml", &DRIFT_EXPLAINED.replace("heap.vec.one-block", "heap.vec.steady"));
    let err = process(&t.settings(), book()).unwrap_err();
    assert!(err.contains("explains `heap.vec.steady` on `nightly`, which does not flip there"), "{err}");
    t.write("src/appendix/drift-explained.toml", "[[flip]]\nclaims = []\n");
    let err = process(&t.settings(), book()).unwrap_err();
    assert!(err.contains("drift-explained.toml"), "{err}");
}

const DRIFT_APPENDIX: &str = "# Toolchain drift\n\n{{#toolchain-drift}}\n";
const DRIFT_CLAIMS: &str = "# Heap\n\n{{#claim heap.vec.one-block}}\n\n{{#claim heap.vec.moves}}\n\n{{#claim heap.vec.steady}}\n";

#[test]
fn drift_report_renders_flips_first_and_marks_the_boxes() {
    let t = drift_root();
    t.write("src/measured/drift/nightly.json", &drift_sample().to_json());
    let book = t.book(&[("appendix/drift.md", DRIFT_APPENDIX), ("part/heap.md", DRIFT_CLAIMS)]);
    let out = process(&t.settings(), book).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let chapters: Vec<&Chapter> = out.book.chapters().collect();
    let appendix = &chapters[0].content;
    for expected in [
        "<div class=\"drift-report\"><h2 id=\"drift-nightly\"><a class=\"header\" href=\"#drift-nightly\">On <code>nightly</code></a></h2>",
        "<p class=\"drift-meta\">rustc 1.97.0-nightly (0123456ab 2026-05-20), LLVM 22.1.5; run on 2026-05-21, against the \
         blessed evidence of rustc 1.95.0.</p>",
        "<p class=\"drift-summary\">Of 3 claims, 1 hold there with the same figures and 1 hold with figures that moved. 1 flip: 1 that need reading, and 0 expected",
        "<h3>Flips to read</h3><ul class=\"drift-flips\"><li><a href=\"../part/heap.html#claim-heap-vec-one-block\"><code>heap.vec.one-block</code></a>",
        "<details class=\"drift-failure\"><summary>Message</summary><pre>expected 1 heap block, got &lt;2&gt;</pre></details>",
        "<span class=\"drift-explained\"><strong>Why:</strong> The nightly&#39;s <code>Vec</code> grows from 1 element.</span>",
        "<li>instructions: 85,000 → 86,500 (+1.8%)</li>",
        "<details class=\"drift-diff\"><summary>Case <code>move_after_send</code></summary><pre><code class=\"language-diff\">\
         --- pinned&#10;+++ there&#10;-error[E0382]: use of moved value&#10;",
    ] {
        assert!(appendix.contains(expected), "missing {expected:?} in\n{appendix}");
    }
    // The report's order is kept: the flip first, although its ID sorts after the moved claim's.
    let at = |s: &str| appendix.find(s).unwrap_or_else(|| panic!("missing {s:?} in\n{appendix}"));
    assert!(at("<code>heap.vec.one-block</code>") < at("<code>heap.vec.moves</code>"));
    assert!(at("<code>heap.vec.moves</code>") < at("<code>heap.vec.steady</code>"));

    let heap = &chapters[1].content;
    let claim_box = |id: &str| {
        heap.lines().find(|l| l.starts_with(&format!("<div class=\"claim holds\" id=\"{id}\">"))).unwrap_or_else(|| panic!("no box {id} in\n{heap}"))
    };
    assert!(claim_box("claim-heap-vec-one-block").contains(
        "<p class=\"claim-drift flipped\"><span class=\"claim-label\">Other toolchains</span> holds on 0 of 1 judged; \
         flips on nightly (1.97.0-nightly) <a href=\"../appendix/drift.html#drift-claim-heap-vec-one-block\">row</a></p>"
    ));
    assert!(claim_box("claim-heap-vec-moves").contains("holds on 1 of 1 judged; figures moved on 1"));
    assert!(
        claim_box("claim-heap-vec-steady")
            .contains("<p class=\"claim-drift same\"><span class=\"claim-label\">Other toolchains</span> holds on 1 of 1 judged")
    );
    // The matrix: a row per claim, a column per toolchain oldest first (the pinned one marked).
    let appendix = &chapters[0].content;
    assert!(appendix.contains("<th>Claim</th><th>1.95.0 (pinned)</th><th>nightly (1.97.0-nightly)</th>"), "{appendix}");
    assert!(appendix.contains("<tr id=\"drift-claim-heap-vec-one-block\">"));
    assert!(appendix.contains("1.95.0 (pinned) → nightly (1.97.0-nightly): stops holding: "));
}

#[test]
fn no_drift_report_says_how_to_make_one() {
    let t = drift_root();
    t.write("src/appendix/drift-explained.toml", ""); // no report, so nothing to explain
    let out = process(&t.settings(), t.book(&[("appendix/drift.md", DRIFT_APPENDIX), ("part/heap.md", DRIFT_CLAIMS)])).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let chapters: Vec<&Chapter> = out.book.chapters().collect();
    assert!(chapters[0].content.contains("<p class=\"drift-none\">No drift report has been made yet. <code>ci/drift.sh nightly</code> makes one"));
    assert!(!chapters[1].content.contains("claim-drift"));
}

#[test]
fn drift_reports_with_unknown_claims_or_bad_json_fail_naming_the_file() {
    let t = drift_root();
    let mut report = drift_sample();
    report.claims[2].id = "heap.vec.gone".into();
    t.write("src/measured/drift/nightly.json", &report.to_json());
    let book = || t.book(&[("appendix/drift.md", DRIFT_APPENDIX)]);
    let err = process(&t.settings(), book()).unwrap_err();
    assert_eq!(
        err,
        "src/measured/drift/nightly.json: unknown claim ID `heap.vec.gone`: no src/measured/heap.vec.gone.json \
         (run `ci/drift.sh nightly` again)"
    );
    t.write("src/measured/drift/nightly.json", "{ \"toolchain\": \"nightly\" }");
    let err = process(&t.settings(), book()).unwrap_err();
    assert!(err.starts_with("src/measured/drift/nightly.json: not a valid drift report"), "{err}");
}

#[test]
fn stale_or_unshown_drift_reports_warn() {
    let t = drift_root();
    let mut report = drift_sample();
    report.pinned = "1.94.0".into();
    t.write("src/measured/drift/nightly.json", &report.to_json());
    let out = process(&t.settings(), t.book(&[("appendix/drift.md", DRIFT_APPENDIX)])).unwrap();
    let content = &out.book.chapters().next().unwrap().content;
    assert!(content.contains("<div class=\"drift-report stale\">"));
    assert!(content.contains("<p class=\"claim-stale-banner\">This report compares with the evidence of rustc 1.94.0"));
    assert!(
        out.warnings.contains(
            &"drift report `nightly`: This report compares with the evidence of rustc 1.94.0; the book pins 1.95.0: \
          it is stale until `ci/drift.sh nightly` runs again"
                .to_string()
        )
    );
    // Without the appendix, the boxes still carry the line (unlinked) and the report is said to be unshown.
    let out = process(&t.settings(), t.book(&[("part/heap.md", DRIFT_CLAIMS)])).unwrap();
    let content = &out.book.chapters().next().unwrap().content;
    assert!(
        content.contains("<span class=\"claim-label\">Other toolchains</span> holds on 0 of 1 judged; flips on nightly (1.97.0-nightly)</p>"),
        "{content}"
    );
    assert!(
        out.warnings
            .contains(&"src/measured/drift/nightly.json: drift report `nightly` is not shown by any chapter (with {{#toolchain-drift}})".to_string())
    );
}

#[test]
fn figure_directive_puts_a_blessed_figure_into_a_sentence() {
    let t = TempRoot::new();
    t.evidence(&sample("heap.vec.one-block", "1.95.0"));
    t.write("tests/heap.rs", CHECK_RS);
    let book = t.book(&[
        ("heap.md", "# Heap\n\nIt took {{#figure heap.vec.one-block blocks}} block, against {{#figure heap.vec.one-block control: blocks}} for {{#input 20}} pushes.\n\n{{#claim heap.vec.one-block}}\n"),
        ("other.md", "# Other\n\nSee {{#figure heap.vec.one-block blocks}}.\n"),
    ]);
    let out = process(&t.settings(), book).unwrap();
    let mut chapters = out.book.chapters();
    let heap = &chapters.next().unwrap().content;
    let first_line = heap.lines().find(|l| l.starts_with("It took")).unwrap();
    assert!(first_line.starts_with("It took <a class=\"claim-figure\" href=\"heap.html#claim-heap-vec-one-block\""), "{first_line}");
    assert!(first_line.contains(">1</a> block, against <a class=\"claim-figure\""), "{first_line}");
    assert!(
        first_line
            .contains(">4</a> for <span class=\"prose-number\" title=\"an input or a setting of the checks, not a measurement\">20</span> pushes."),
        "{first_line}"
    );
    let other = &chapters.next().unwrap().content;
    assert!(other.contains("href=\"heap.html#claim-heap-vec-one-block\""), "{other}");

    let bad = t.book(&[("heap.md", "# Heap\n\n{{#figure heap.vec.one-block nothing}} and {{#figure heap.vec.gone blocks}}\n")]);
    let err = process(&t.settings(), bad).unwrap_err().to_string();
    assert!(err.contains("claim `heap.vec.one-block` has no subject figure `nothing` (its subject figures: blocks; "), "{err}");
    assert!(err.contains("unknown claim ID `heap.vec.gone`"), "{err}");
}

#[test]
fn code_excerpts_render_side_by_side_folded_and_escaped() {
    use proof::evidence::Code;
    let t = TempRoot::new();
    let mut ev = sample("heap.vec.one-block", "1.95.0");
    ev.code =
        Some(Code { lang: "x86asm".into(), title: "app::f, machine code".into(), text: "+0    call qword ptr [a::<b>@GOT]".into(), omitted: 3 });
    ev.control.code = Some(Code { lang: "llvm".into(), title: "app::f, LLVM IR".into(), text: "ret i64 %0".into(), omitted: 0 });
    t.evidence(&ev);
    t.write("tests/heap.rs", CHECK_RS);
    let out = process(&t.settings(), t.book(&[("heap.md", "# Heap\n\n{{#claim heap.vec.one-block}}\n")])).unwrap();
    let html = out.book.chapters().next().unwrap().content.clone();
    for expected in [
        // A heap claim's code is folded; calls, asm and IR claims show theirs open.
        "<details class=\"claim-code\"><summary>The code measured</summary><div class=\"claim-code-pair\">",
        "<figure class=\"claim-subject\"><figcaption><span class=\"claim-label\">Subject</span> app::f, machine code</figcaption>",
        // Marked lines are HTML of ours: no highlighter runs over them.
        "<pre><code class=\"nohighlight\">+0    call qword ptr [a::&lt;b&gt;@GOT]&#10;… 3 more lines</code></pre>",
        "<pre><code class=\"nohighlight\">ret i64 %0</code></pre>",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in\n{html}");
    }
    // No excerpt, no panel.
    let t = TempRoot::new();
    t.evidence(&sample("heap.vec.one-block", "1.95.0"));
    t.write("tests/heap.rs", CHECK_RS);
    let out = process(&t.settings(), t.book(&[("heap.md", "# Heap\n\n{{#claim heap.vec.one-block}}\n")])).unwrap();
    assert!(!out.book.chapters().next().unwrap().content.contains("claim-code"));
}

#[test]
fn ledger_rows_carry_filter_values_and_each_report_gets_a_column() {
    let t = drift_root();
    t.write("src/measured/drift/nightly.json", &drift_sample().to_json());
    let out = process(&t.settings(), t.book(&[("appendix/ledger.md", "# Ledger\n\n{{#claims-ledger}}\n"), ("part/heap.md", DRIFT_CLAIMS)])).unwrap();
    let ledger = out.book.chapters().next().unwrap().content.clone();
    for expected in [
        "<form class=\"claims-ledger-filters\" hidden>",
        "<select data-filter=\"part\"><option value=\"\">all</option><option value=\"heap\">heap</option></select>",
        "<select data-filter=\"kind\"><option value=\"\">all</option><option value=\"heap\">heap</option></select>",
        "<label>Other toolchains <select data-filter=\"drift\"><option value=\"\">all</option><option value=\"flips\">flips somewhere</option>",
        "<th>rustc</th><th title=\"holds on how many of the other toolchains that judged it\">Holds on (nightly)</th><th>Chapter</th>",
        "<tr class=\"holds\" data-part=\"heap\" data-kind=\"heap\" data-verdict=\"holds\" data-drift=\"flips\"><td><a href=\"../part/heap.html#claim-heap-vec-one-block\">",
        "data-drift=\"moved\"><td><a href=\"../part/heap.html#claim-heap-vec-moves\">",
        "data-drift=\"holds\"><td><a href=\"../part/heap.html#claim-heap-vec-steady\">",
        "<td class=\"claims-drift flips\">0 of 1</td>",
    ] {
        assert!(ledger.contains(expected), "missing {expected:?} in\n{ledger}");
    }
}

#[test]
fn a_statement_of_an_unnamed_source_fails_the_build() {
    let t = TempRoot::new();
    let mut ev = sample("heap.vec.one-block", "1.95.0");
    ev.sources[0].seed = "003".into();
    t.evidence(&ev);
    let err = process(&t.settings(), t.book(&[("ch.md", "# Ch\n")])).unwrap_err();
    assert!(err.contains("no [[text]] names the source of seed 003 (section \"Vectors\")"), "{err}");
}
