#!/usr/bin/env bash
# The toolchain drift report: re-runs every check of the book under another installed toolchain and
# writes src/measured/drift/<toolchain>.json (per claim: the verdict there, whether it flipped, the figures
# that moved beyond the tolerance, compile-fail output that changed). The blessed evidence is never
# touched: the checks run in a copy of the repository (target/drift/<toolchain>/repo) with
# MEASURED_DRIFT set, which makes the harness measure without blessing or comparing.
# Usage: ci/drift.sh <toolchain>    e.g. ci/drift.sh nightly, ci/drift.sh beta, ci/drift.sh debian-1.96
# Two modes, chosen by the compiler's release against the workspace's rust-version (the harness's):
# - full: the compiler builds everything, harness and test binaries included, so claims measured inside
#   a test binary (heap profiles, sizes, behaviour) are judged too. A rustup toolchain runs as
#   `cargo +<toolchain> test`; a Debian compiler as the pinned cargo with RUSTC set to it.
# - compiler under test (older releases: ci/drift.sh 1.85.0, debian-1.85): the harness stays on the pinned
#   toolchain and MEASURED_RUSTC makes it build what it measures (labs, benches, compile-fail cases) with
#   the other compiler; claims measured inside the test binary are reported "not judged".
# Do not run it while another `cargo test` of this repository runs: both use /tmp/measured-rust-labs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tc="${1:-}"
if [ -z "$tc" ]; then echo "usage: ci/drift.sh <toolchain>   (e.g. nightly, beta, 1.85.0, debian-1.96)" >&2; exit 2; fi
rustup_tc=""
case "$tc" in
  debian-*) rustc_path=$("$root/ci/install-compilers.sh" "$tc" | tail -1) ;;
  *)
    command -v rustup >/dev/null || { echo "error: ci/drift.sh needs rustup to run another toolchain" >&2; exit 2; }
    if ! rustc_path=$(rustup which --toolchain "$tc" rustc 2>/dev/null); then
      echo "error: toolchain '$tc' is not installed here (installed: $(rustup toolchain list | tr '\n' ' '))" >&2
      echo "       install it with: rustup toolchain install $tc --profile minimal" >&2
      exit 2
    fi
    rustup_tc="$tc" ;;
esac
describe=$("$rustc_path" -vV)
release=$(printf '%s\n' "$describe" | sed -n 's/^release: //p')
line=$(printf '%s\n' "$describe" | head -1)
llvm=$(printf '%s\n' "$describe" | sed -n 's/^LLVM version: //p')
describe="$line${llvm:+, LLVM $llvm}"
needs=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
# full when release >= rust-version (a pre-release of that version counts: 1.96.0-beta builds 1.96 code)
if [ "$(printf '%s\n%s\n' "$needs" "${release%%-*}" | sort -V | head -1)" = "$needs" ]; then mode=full; else mode=under-test; fi

work="$root/target/drift/$tc"
copy="$work/repo"
rm -rf "$copy"
mkdir -p "$copy"
# The repository as it is (tracked and untracked files, not ignored ones), without its target directory.
(cd "$root" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$copy"
export CARGO_TARGET_DIR="$work/target"   # kept between runs of the same toolchain
rm -rf "$CARGO_TARGET_DIR/measured"
"$root/ci/install-tools.sh" gungraun valgrind mold
MEASURED_RUSTC="$rustc_path" "$root/ci/install-tools.sh" llvm-profdata
echo "drift: running every check under $describe, mode $mode (log: $work/test.log)" >&2
status=0
# TRYBUILD=overwrite: the compile-fail figures come from this toolchain's real output (in the copy).
export MEASURED_DRIFT="$tc" TRYBUILD=overwrite
if [ "$mode" = full ] && [ -n "$rustup_tc" ]; then
  (cd "$copy" && cargo "+$rustup_tc" test --workspace --no-fail-fast > "$work/test.log" 2>&1) || status=$?
elif [ "$mode" = full ]; then
  (cd "$copy" && RUSTC="$rustc_path" MEASURED_RUSTC="$rustc_path" cargo test --workspace --no-fail-fast > "$work/test.log" 2>&1) || status=$?
else
  (cd "$copy" && MEASURED_RUSTC="$rustc_path" cargo test --workspace --no-fail-fast > "$work/test.log" 2>&1) || status=$?
fi
unset MEASURED_DRIFT TRYBUILD
[ "$status" = 0 ] || echo "drift: some checks fail under $tc (cargo test exited $status; see $work/test.log)" >&2
cd "$root"
env -u CARGO_TARGET_DIR cargo run -q --locked -p proof --bin proof-evidence -- \
  drift "$tc" "$describe" "$work/target/measured" tests/ui/cases "$copy/tests/ui/cases" "src/measured/drift/$tc.json"
