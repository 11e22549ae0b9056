#!/usr/bin/env bash
# Runs the whole suite N times, each from cold measurement caches, and compares every run's evidence
# with run 1's: the check that every figure is deterministic ("blessing twice changes nothing"), on this
# machine. Not part of .ci/run (it is N full runs). Before each run it removes target/measured,
# target/gungraun (Gungraun's summaries) and target/stamps (what tells a later run it may reuse a
# Gungraun run or a trybuild case), so instruction counts, heap figures and compiler output are measured
# again rather than reused; builds are kept. After run i, target/measured is copied to
# target/repeat/run-<i>/ (the log is target/repeat/run-<i>.log). Every evidence file is compared whole,
# nothing ignored; each field that differs from run 1 is printed with its dotted path and both values.
# Exits non-zero if a run's cargo test failed or any difference was found.
# Usage: ci/repeat.sh N   (N >= 2)
set -euo pipefail

usage() {
  echo "usage: ci/repeat.sh N   (N >= 2: runs cargo test --workspace N times from cold measurement caches" >&2
  echo "       and compares every run's evidence with run 1's)" >&2
  exit 2
}
[ $# -eq 1 ] && [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 2 ] || usage
n=$1

cd "$(dirname "$0")/.."
ci/install-tools.sh gungraun valgrind mold llvm-profdata
export PATH="$HOME/.cargo/bin:$PATH"

target="${CARGO_TARGET_DIR:-target}"
out="$target/repeat"
rm -rf "$out"
mkdir -p "$out"

seconds=()
failed=()
for i in $(seq 1 "$n"); do
  rm -rf "$target/measured" "$target/gungraun" "$target/stamps"
  echo "repeat: run $i of $n (log: $out/run-$i.log)" >&2
  start=$SECONDS
  status=0
  cargo test --workspace --locked --no-fail-fast > "$out/run-$i.log" 2>&1 || status=$?
  seconds+=($(( SECONDS - start )))
  if [ $status -ne 0 ]; then
    failed+=("$i")
    echo "repeat: run $i: cargo test failed (exit $status); the end of its log:" >&2
    tail -n 30 "$out/run-$i.log" >&2
  fi
  if [ -d "$target/measured" ]; then cp -a "$target/measured" "$out/run-$i"; else mkdir -p "$out/run-$i"; fi
done

[ ${#failed[@]} -eq 0 ] || echo "repeat: cargo test failed in run(s) ${failed[*]} (logs in $out/)" >&2

differences=0
cargo run --quiet --locked -p proof --bin proof-evidence -- repeat "$out" "$n" "${seconds[@]}" || differences=$?

[ ${#failed[@]} -eq 0 ] && [ "$differences" -eq 0 ]
