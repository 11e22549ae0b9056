#!/usr/bin/env bash
# The toolchain drift report: re-runs every check of the book under another installed toolchain and
# writes src/measured/drift/<toolchain>.json (per claim: the verdict there, whether it flipped, the figures
# that moved beyond the tolerance, compile-fail output that changed). The blessed evidence is never
# touched: the checks run in a copy of the repository (target/drift/<toolchain>/repo) with
# MEASURED_DRIFT set, which makes the harness measure without blessing or comparing.
# Usage: ci/drift.sh <toolchain>    e.g. ci/drift.sh nightly, ci/drift.sh beta, ci/drift.sh debian-1.96
# A rustup toolchain builds everything, harness included. A Debian compiler (debian-1.96, debian-1.85,
# installed into target/compilers/ by ci/install-compilers.sh) is the compiler under test only
# (MEASURED_RUSTC): the harness stays on the pinned toolchain and builds what it measures with it.
# Do not run it while another `cargo test` of this repository runs: both use /tmp/measured-rust-labs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tc="${1:-}"
if [ -z "$tc" ]; then echo "usage: ci/drift.sh <toolchain>   (e.g. nightly, beta)" >&2; exit 2; fi
under_test=""
case "$tc" in
  debian-*)
    under_test=$("$root/ci/install-compilers.sh" "$tc" | tail -1)
    describe=$("$under_test" -vV) ;;
esac
if [ -z "$under_test" ] && ! command -v rustup >/dev/null; then echo "error: ci/drift.sh needs rustup to run another toolchain" >&2; exit 2; fi
if [ -z "$under_test" ] && ! describe=$(rustup run "$tc" rustc -vV 2>/dev/null); then
  echo "error: toolchain '$tc' is not installed here (installed: $(rustup toolchain list | tr '\n' ' '))" >&2
  echo "       install it with: rustup toolchain install $tc --profile minimal" >&2
  exit 2
fi
line=$(printf '%s\n' "$describe" | head -1)
llvm=$(printf '%s\n' "$describe" | sed -n 's/^LLVM version: //p')
describe="$line${llvm:+, LLVM $llvm}"

work="$root/target/drift/$tc"
copy="$work/repo"
rm -rf "$copy"
mkdir -p "$copy"
# The repository as it is (tracked and untracked files, not ignored ones), without its target directory.
(cd "$root" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) | tar -xf - -C "$copy"
export CARGO_TARGET_DIR="$work/target"   # kept between runs of the same toolchain
rm -rf "$CARGO_TARGET_DIR/measured"
"$root/ci/install-tools.sh" gungraun valgrind mold
MEASURED_RUSTC="${under_test:-$(rustup which --toolchain "$tc" rustc)}" "$root/ci/install-tools.sh" llvm-profdata
echo "drift: running every check under $describe (log: $work/test.log)" >&2
status=0
# TRYBUILD=overwrite: the compile-fail figures come from this toolchain's real output (in the copy).
if [ -n "$under_test" ]; then
  (cd "$copy" && MEASURED_DRIFT="$tc" MEASURED_RUSTC="$under_test" TRYBUILD=overwrite cargo test --workspace --no-fail-fast > "$work/test.log" 2>&1) || status=$?
else
  (cd "$copy" && MEASURED_DRIFT="$tc" TRYBUILD=overwrite cargo "+$tc" test --workspace --no-fail-fast > "$work/test.log" 2>&1) || status=$?
fi
[ "$status" = 0 ] || echo "drift: some checks fail under $tc (cargo test exited $status; see $work/test.log)" >&2
cd "$root"
env -u CARGO_TARGET_DIR cargo run -q --locked -p proof --bin proof-evidence -- \
  drift "$tc" "$describe" "$work/target/measured" tests/ui/cases "$copy/tests/ui/cases" "src/measured/drift/$tc.json"
