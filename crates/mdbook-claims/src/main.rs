//! `mdbook-claims supports <renderer>` answers mdBook's handshake; `mdbook-claims` alone reads
//! `[context, book]` JSON from stdin and writes the processed book JSON to stdout.

use mdbook_claims::{Claims, supports};
use mdbook_preprocessor::Preprocessor;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["supports", renderer] => {
            if supports(renderer) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        ["falsification"] => match proof::evidence::read_all(&proof::workspace::root().join("src").join("measured")) {
            Ok(all) => {
                let by_id = all.into_iter().map(|e| (e.id.clone(), e)).collect();
                print!("{}", mdbook_claims::falsification::text(&by_id));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        ["sources"] => match sources() {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        [] => match run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!(
                "usage: mdbook-claims [supports <renderer> | falsification | sources]  (an mdBook preprocessor: book.toml runs it; \
                 `falsification` prints every claim's control kind and margins; `sources` counts each source text's \
                 statements judged by a claim and untestable)"
            );
            ExitCode::from(2)
        }
    }
}

/// Per source text: statements judged by a claim, untestable, and the totals.
fn sources() -> Result<String, String> {
    let root = proof::workspace::root();
    let src = std::path::Path::new("src");
    let evidence = proof::evidence::read_all(&root.join("src").join("measured"))?.into_iter().map(|e| (e.id.clone(), e)).collect();
    let untestable = mdbook_claims::untestable::load(root, src)?;
    let texts = mdbook_claims::texts::Texts::load(root, src)?;
    let rows = mdbook_claims::sources_page::counts(&evidence, &untestable, &texts);
    let mut out = format!("{:<60} {:>7} {:>11}\n", "source text", "judged", "untestable");
    for (label, j, o) in &rows {
        out.push_str(&format!("{label:<60} {j:>7} {o:>11}\n"));
    }
    let (j, o) = rows.iter().fold((0, 0), |(a, b), r| (a + r.1, b + r.2));
    out.push_str(&format!("{:<60} {j:>7} {o:>11}\n", "all"));
    Ok(out)
}

fn run() -> mdbook_preprocessor::errors::Result<()> {
    let (ctx, book) = mdbook_preprocessor::parse_input(std::io::stdin().lock())?;
    let book = Claims.run(&ctx, book)?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &book)?;
    out.flush()?;
    Ok(())
}
