#!/usr/bin/env bash
# Build time and memory, shown in the book and never asserted (not part of .ci/run: they vary from run to
# run, so CI neither produces nor compares them). Builds a lab's program (default: the workload lab's
# `app`) from scratch under each LTO setting (lto = false, "off", "thin", "fat", codegen-units = 1), three
# times each with the settings taking turns, each build in a fresh target directory under
# target/build-cost/, and writes src/measured/shown/<lab>_build_cost.json with the median run of each
# setting: wall time, CPU time, CPU time per wall second, and the peak memory of the largest process of
# the build, stamped with the toolchain, machine, load average and date (crates/proof/src/wallclock.rs).
# Run it on a quiet machine and commit the file.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --quiet --locked -p proof --bin build-cost -- "$@"
