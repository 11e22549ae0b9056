#!/usr/bin/env bash
# Wall-clock timings, shown in the book and never asserted (not part of .ci/run: timings vary run to run,
# so CI neither produces nor compares them). Runs the criterion bench targets of the measured-benches
# package (all of them, or those named: `ci/wallclock.sh wallclock_hashing`) with `cargo bench`, reads
# criterion's target/criterion/<group>/<id>/new/estimates.json, and writes src/measured/shown/<group>.json
# stamped with the toolchain, profile, machine and date (crates/proof/src/wallclock.rs). Commit the files.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --quiet --locked -p proof --bin wallclock -- "$@"
