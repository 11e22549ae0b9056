#!/usr/bin/env bash
# After a `cargo test` run: every blessed evidence file must have been re-measured by this run
# (target/measured/<id>.json exists) and be identical to what this run measured.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh="${CARGO_TARGET_DIR:-target}/measured"
status=0
for blessed in src/measured/*.json; do
  id=$(basename "$blessed" .json)
  if [ ! -f "$fresh/$id.json" ]; then
    echo "error: claim \`$id\`: this run measured nothing for it (no $fresh/$id.json): is its check gone?" >&2; status=1
  elif ! cmp -s "$blessed" "$fresh/$id.json"; then
    echo "error: claim \`$id\`: blessed evidence differs from this run's measurement:" >&2
    diff -u "$blessed" "$fresh/$id.json" >&2 || true; status=1
  fi
done
for f in "$fresh"/*.json; do
  [ -e "$f" ] || continue
  id=$(basename "$f" .json)
  [ -f "src/measured/$id.json" ] || { echo "error: claim \`$id\` was measured but has no blessed evidence in src/measured/" >&2; status=1; }
done
[ $status = 0 ] && echo "evidence: $(ls src/measured/*.json | wc -l) claims, all re-measured and identical to src/measured/"
exit $status
