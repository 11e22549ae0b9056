//! Runs the real `mdbook build` with the built preprocessor on a temporary book.

use proof::evidence::{Evidence, Kind, ProfileRecord, Side, SourceVerdict, Verdict};
use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-claims");

fn require_mdbook() {
    let found = Command::new("mdbook").arg("--version").output();
    match found {
        Ok(out) if String::from_utf8_lossy(&out.stdout).contains("v0.5.4") => {}
        Ok(out) => panic!("mdbook 0.5.4 is not installed: run ci/install-tools.sh mdbook (found {})", String::from_utf8_lossy(&out.stdout).trim()),
        Err(e) => panic!("mdbook 0.5.4 is not installed: run ci/install-tools.sh mdbook ({e})"),
    }
}

fn map(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

fn evidence() -> Evidence {
    Evidence {
        id: "heap.vec.one-block".into(),
        statement: "`Vec::with_capacity(20)` then 20 pushes allocates once".into(),
        kind: Kind::Heap,
        verdict: Verdict::Holds,
        rustc: "1.95.0".into(),
        toolchain: "rustc 1.95.0 (59807616e 2026-04-14), LLVM 22.1.2".into(),
        target: "x86_64-unknown-linux-gnu".into(),
        environment: Default::default(),
        predicate: "exactly one heap block".into(),
        setting: "Vec::with_capacity(20) then 20 pushes".into(),
        profile: ProfileRecord { name: "dev".into(), settings: map(json!({"opt-level": 0})) },
        figures: map(json!({"blocks": 1, "bytes": 160})),
        deciding: Vec::new(),
        code: None,
        control: Side {
            setting: "Vec::new() then 20 pushes".into(),
            profile: ProfileRecord { name: "dev".into(), settings: map(json!({"opt-level": 0})) },
            figures: map(json!({"blocks": 4, "bytes": 480})),
            code: None,
            predicate_holds: false,
        },
        check: "tests/heap.rs:4".into(),
        rerun: String::new(),
        sources: vec![SourceVerdict {
            seed: "004".into(),
            location: "Vectors".into(),
            says: "with_capacity avoids reallocation".into(),
            verdict: "confirmed".into(),
        }],
        margins: None,
        null_control: None,
        stable_only: false,
        failure: None,
    }
}

/// Writes a book under the test's temp dir; `chapter` is the text of src/heap.md.
fn book(name: &str, chapter: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&root);
    let write = |rel: &str, text: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "book.toml",
        &format!("[book]\ntitle = \"Test\"\nsrc = \"src\"\n\n[preprocessor.claims]\ncommand = \"'{BIN}'\"\nafter = [\"links\"]\n\n[output.html]\n"),
    );
    write("rust-toolchain.toml", "[toolchain]\nchannel = \"1.95.0\"\n");
    write(
        "src/sources/texts.toml",
        "[[text]]\nseed = \"000\"\ntitle = \"Text zero\"\nshort = \"Text zero\"\nauthor = \"\"\nabout = \"A test text.\"\n[[text]]\nseed = \"001\"\ntitle = \"Text one\"\nshort = \"Text one\"\nauthor = \"\"\nabout = \"A test text.\"\n[[text]]\nseed = \"004\"\ntitle = \"Text four\"\nshort = \"Text four\"\nauthor = \"A. Author\"\nabout = \"A test text.\"\n",
    );
    write(
        "tests/heap.rs",
        "use proof::Claim;\n\n#[test]\nfn one_block() {\n    let v: Vec<u8> = Vec::with_capacity(20);\n\n    assert!(v.capacity() >= 20);\n}\n",
    );
    write("src/SUMMARY.md", "# Summary\n\n- [Heap](heap.md)\n- [Appendix](appendix/ledger.md)\n");
    write("src/heap.md", chapter);
    write("src/included.md", "Included: {{#see heap.vec.one-block}}\n");
    write("src/appendix/ledger.md", "# Ledger\n\n{{#claims-ledger}}\n\n# Sources\n\n{{#sources-checked}}\n");
    write("src/measured/heap.vec.one-block.json", &evidence().to_json());
    root
}

fn mdbook_build(root: &Path) -> Output {
    Command::new("mdbook").arg("build").current_dir(root).output().expect("mdbook runs")
}

#[test]
fn supports_handshake() {
    for (renderer, ok) in [("html", true), ("markdown", true), ("epub", false)] {
        let status = Command::new(BIN).args(["supports", renderer]).status().unwrap();
        assert_eq!(status.success(), ok, "supports {renderer}");
    }
}

#[test]
fn mdbook_build_renders_claims_ledger_and_sources() {
    require_mdbook();
    let root = book("claims-ok", "# Heap\n\nThe syntax is `{{#claim some.id}}`.\n\n{{#claim heap.vec.one-block}}\n\n{{#include included.md}}\n");
    let out = mdbook_build(&root);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "mdbook build failed:\n{stderr}");
    for bad in ["html parse error", "unexpected HTML end tag", "unclosed HTML tag"] {
        assert!(!stderr.contains(bad), "mdbook complains about the generated HTML:\n{stderr}");
    }
    let html = std::fs::read_to_string(root.join("book/heap.html")).unwrap();
    for expected in [
        "id=\"claim-heap-vec-one-block\"",
        // The included directive was expanded by `links` first, then rendered.
        "<p class=\"claim-see\">",
        "<td class=\"claim-figure\" data-label=\"Subject\">1</td><td class=\"claim-figure\" data-label=\"Control\">4</td>",
        "<td class=\"claim-figure\" data-label=\"Subject\">160</td><td class=\"claim-figure\" data-label=\"Control\">480</td>",
        "<span class=\"claim-label\">The check</span> <code>tests/heap.rs:4</code>",
        "<div class=\"page-summary\">",
        "fn one_block() {\n    let v: Vec&lt;u8&gt; = Vec::with_capacity(20);\n\n    assert!",
        "<code>{{#claim some.id}}</code>",
    ] {
        assert!(html.contains(expected), "book/heap.html lacks {expected:?}");
    }
    let ledger = std::fs::read_to_string(root.join("book/appendix/ledger.html")).unwrap();
    assert!(ledger.contains("href=\"../heap.html#claim-heap-vec-one-block\""), "ledger link");
    assert!(ledger.contains("<section class=\"source-text\"") && ledger.contains("Text four by A. Author"), "sources table");
}

#[test]
fn mdbook_build_fails_on_an_unknown_id_with_file_and_line() {
    require_mdbook();
    let root = book("claims-unknown", "# Heap\n\nProse.\n\n{{#claim heap.vec.nowhere}}\n");
    let out = mdbook_build(&root);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "mdbook build must fail:\n{stderr}");
    assert!(
        stderr.contains("src/heap.md:5: unknown claim ID `heap.vec.nowhere`: no src/measured/heap.vec.nowhere.json"),
        "stderr lacks file:line:\n{stderr}"
    );
}

#[test]
fn mdbook_build_keeps_plots_and_wall_clock_boxes_intact() {
    require_mdbook();
    let root = book("claims-plots", "# Heap\n\n{{#claim heap.vec.one-block}}\n\n{{#plot heap-blocks}}\n\nText.\n\n{{#shown g}}\n\nAfter.\n");
    std::fs::create_dir_all(root.join("src/plots")).unwrap();
    std::fs::write(
        root.join("src/plots/heap-blocks.toml"),
        "title = \"Blocks\"\nkind = \"bar\"\ny-label = \"heap blocks\"\nunit = \"blocks\"\n\n\
         [[bar]]\nclaim = \"heap.vec.one-block\"\nside = \"subject\"\nfigure = \"blocks\"\nlabel = \"with_capacity\"\n\n\
         [[bar]]\nclaim = \"heap.vec.one-block\"\nside = \"control\"\nfigure = \"blocks\"\nlabel = \"new\"\n",
    )
    .unwrap();
    let shown = proof::shown::Shown {
        group: "g".into(),
        title: None,
        note: proof::shown::NOTE.into(),
        rustc: "1.95.0".into(),
        toolchain: "rustc 1.95.0 (59807616e 2026-04-14), LLVM 22.1.2".into(),
        target: "x86_64-unknown-linux-gnu".into(),
        profile: Some(proof::wallclock::bench_profile()),
        harness: "criterion 0.8.2".into(),
        command: "cargo bench -p measured-benches --bench g".into(),
        machine: proof::shown::Machine { cpu: "Test CPU".into(), cores: 2, os: "Linux".into(), load_average: "0.00 0.00 0.00".into() },
        date: "2026-05-01".into(),
        confidence_level: Some(0.95),
        benchmarks: vec![proof::shown::Estimate { id: "a/1".into(), mean_ns: 1500.0, ci_low_ns: 1400.0, ci_high_ns: 1600.0 }],
        measurements: Vec::new(),
    };
    std::fs::create_dir_all(root.join("src/measured/shown")).unwrap();
    std::fs::write(root.join("src/measured/shown/g.json"), shown.to_json()).unwrap();
    let out = mdbook_build(&root);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "mdbook build failed:\n{stderr}");
    assert!(!stderr.contains("WARN") && !stderr.contains("ERROR") && !stderr.contains("warning:"), "mdbook complains:\n{stderr}");
    let html = std::fs::read_to_string(root.join("book/heap.html")).unwrap();
    // Two charts (mdBook's own icons are SVG too), each kept whole inside its figure.
    let charts: Vec<&str> = html.split("class=\"measured-chart\"").skip(1).collect();
    assert_eq!(charts.len(), 2, "{html}");
    for chart in charts {
        let body = &chart[..chart.find("</svg>").expect("the chart is closed")];
        assert!(body.contains("<rect ") && body.contains("</text>") && !body.contains("<svg"), "{body}");
    }
    for expected in [
        "<figure class=\"measured-plot\" id=\"plot-heap-blocks\">",
        "</svg><figcaption>From the evidence of claim",
        "<div class=\"wallclock\" id=\"shown-g\">",
        "<td class=\"claim-figure\">1.5 µs</td>",
        "<p>After.</p>",
    ] {
        assert!(html.contains(expected), "book/heap.html lacks {expected:?}");
    }
}
