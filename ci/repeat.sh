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
command -v python3 >/dev/null || { echo "error: repeat: python3 is needed to compare the runs' evidence" >&2; exit 1; }
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
python3 - "$out" "$n" "${seconds[@]}" <<'PY' || differences=$?
import json, os, sys

out, n, seconds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

def evidence(run):
    """{relative path without .json: (parsed JSON, bytes)} for every .json file of one run's copy."""
    root = os.path.join(out, f"run-{run}")
    found = {}
    for dirpath, _, files in os.walk(root):
        for f in files:
            if f.endswith(".json"):
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, root)[: -len(".json")]
                with open(path, "rb") as fh:
                    raw = fh.read()
                try:
                    found[rel] = (json.loads(raw), raw)
                except ValueError as e:
                    found[rel] = (f"<not valid JSON: {e}>", raw)
    return found

def show(v):
    return json.dumps(v, ensure_ascii=False)

def diff(a, b, path, acc):
    """Appends (dotted path, value in run 1, value in this run) for every leaf that differs."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            p = f"{path}.{k}" if path else str(k)
            if k not in b:
                acc.append((p, show(a[k]), "(absent)"))
            elif k not in a:
                acc.append((p, "(absent)", show(b[k])))
            else:
                diff(a[k], b[k], p, acc)
    elif isinstance(a, list) and isinstance(b, list):
        for i in range(max(len(a), len(b))):
            p = f"{path}[{i}]"
            if i >= len(b):
                acc.append((p, show(a[i]), "(absent)"))
            elif i >= len(a):
                acc.append((p, "(absent)", show(b[i])))
            else:
                diff(a[i], b[i], p, acc)
    elif a != b or type(a) is not type(b):
        acc.append((path or "(whole file)", show(a), show(b)))

runs = {r: evidence(r) for r in range(1, n + 1)}
claims = sorted(set().union(*runs.values()))
total = 0
for claim in claims:
    lines = []
    first = runs[1].get(claim)
    for r in range(2, n + 1):
        other = runs[r].get(claim)
        if first is None and other is None:
            continue
        if first is None:
            lines.append(f"  run {r}: measured, but run 1 wrote no evidence for it")
            total += 1
        elif other is None:
            lines.append(f"  run {r}: wrote no evidence for it (run 1 did)")
            total += 1
        else:
            acc = []
            diff(first[0], other[0], "", acc)
            if not acc and first[1] != other[1]:
                acc.append(("(whole file)", "same values", "written differently (key order or layout)"))
            for p, was, now in acc:
                lines.append(f"  run {r}: {p}: {was} (run 1) -> {now}")
            total += len(acc)
    if lines:
        print(f"claim {claim}:")
        print("\n".join(lines))

print(f"repeat: {n} runs, {len(claims)} claims, {total} differences; per-run seconds: {' '.join(seconds)}")
sys.exit(1 if total else 0)
PY

[ ${#failed[@]} -eq 0 ] && [ "$differences" -eq 0 ]
