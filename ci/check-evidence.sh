#!/usr/bin/env bash
# After a `cargo test` run: every blessed evidence file must have been re-measured by this run
# (target/measured/<id>.json exists) and count as the same under the comparison policy
# (crates/proof/src/policy.rs): identical, except instruction counts and sizes measured on another
# machine, which may move within the tolerance. Verdicts must always be identical.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh="${CARGO_TARGET_DIR:-target}/measured"
cargo run -q --locked -p proof --bin proof-evidence -- compare src/measured "$fresh"
