#!/usr/bin/env bash
# Measures, on this machine, the two figures the project budgets (not a test: timings are shown, never
# asserted): a cold `cargo test` of a fresh clone with its dependencies already fetched, and a re-run
# with no change. Usage: ci/timing.sh [clone-dir]   (default: a new temporary directory)
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$(mktemp -d /tmp/measured-timing.XXXXXX)}"
git clone -q "$src" "$dir/repo"
cd "$dir/repo"
ci/install-tools.sh mdbook gungraun valgrind mold llvm-profdata
cargo fetch --locked -q
for lab in labs/*/; do (cd "$lab" && cargo fetch --locked -q); done
# CPU time of the cold run too (user + system of cargo and everything it waited for), when GNU time is here.
timer=(); [ -x /usr/bin/time ] && timer=(/usr/bin/time -f "%U %S" -o "$dir/cold.cpu")
t0=$(date +%s%N)
"${timer[@]}" cargo test --workspace --locked -q > "$dir/cold.log" 2>&1 || { tail -40 "$dir/cold.log"; echo "cold run failed" >&2; exit 1; }
t1=$(date +%s%N)
cargo test --workspace --locked > "$dir/warm.log" 2>&1 || { tail -40 "$dir/warm.log"; echo "re-run failed" >&2; exit 1; }
t2=$(date +%s%N)
cpu=""; [ -s "$dir/cold.cpu" ] && cpu=$(awk '{printf ", %.0f s CPU (user + system)", $1 + $2}' "$dir/cold.cpu")
echo "cold cargo test (dependencies fetched): $(( (t1 - t0) / 1000000000 )) s$cpu"
echo "no-change re-run: $(( (t2 - t1) / 1000000 )) ms"
echo "($(nproc) cores, $(rustc -V))"
