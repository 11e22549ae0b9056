//! `mdbook-claims supports <renderer>` answers mdBook's handshake; `mdbook-claims` alone reads
//! `[context, book]` JSON from stdin and writes the processed book JSON to stdout.

use mdbook_claims::{Claims, supports};
use mdbook_preprocessor::Preprocessor;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
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
        [] => match run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!(
                "usage: mdbook-claims [supports <renderer> | falsification]  (an mdBook preprocessor: book.toml runs it; \
                 `falsification` prints every claim's control kind and margins)"
            );
            ExitCode::from(2)
        }
    }
}

fn run() -> mdbook_preprocessor::errors::Result<()> {
    let (ctx, book) = mdbook_preprocessor::parse_input(std::io::stdin().lock())?;
    let book = Claims.run(&ctx, book)?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &book)?;
    out.flush()?;
    Ok(())
}
