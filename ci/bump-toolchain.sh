#!/usr/bin/env bash
# Moves the book to another pinned toolchain in one command, and says what that changes:
#   1. ci/drift.sh <release>: every check under the new release, in a copy, against today's blessed
#      evidence (src/measured/drift/<release>.json);
#   2. rust-toolchain.toml's channel set to the release;
#   3. BLESS=1 TRYBUILD=overwrite cargo test: the evidence and compile-fail output re-recorded under it
#      (a claim that no longer holds is not blessed: that run fails and names it);
#   4. the drift report printed as Markdown (flips, not judged, moved figures, changed compiler output)
#      into target/bump/<release>.md, for the pull request's description.
# Usage: ci/bump-toolchain.sh <release>   e.g. ci/bump-toolchain.sh 1.96.0   (rustup installs it if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
new="${1:-}"
[[ "$new" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "usage: ci/bump-toolchain.sh <release>   (an exact release such as 1.96.0)" >&2; exit 2; }
old=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
[ "$new" != "$old" ] || { echo "error: the pinned toolchain is already $new" >&2; exit 2; }
command -v rustup >/dev/null || { echo "error: ci/bump-toolchain.sh needs rustup to install $new" >&2; exit 2; }
rustup toolchain install "$new" --profile minimal --component rustfmt --component clippy

ci/drift.sh "$new" || true   # a report is written even when checks fail there; a missing one stops below
report="src/measured/drift/$new.json"
[ -f "$report" ] || { echo "error: ci/drift.sh wrote no report ($report): see target/drift/$new/test.log" >&2; exit 1; }

mkdir -p target/bump
mv "$report" "target/bump/$new.json"   # once it is pinned, a report on it would compare it with itself
cargo run -q --locked -p proof --bin proof-evidence -- summary "target/bump/$new.json" > "target/bump/$new.md"
sed -i "s/^channel = \".*\"/channel = \"$new\"/" rust-toolchain.toml
status=0
BLESS=1 TRYBUILD=overwrite ci/verify.sh || status=$?
echo "bump: $old -> $new; what changed is in target/bump/$new.md (paste it into the pull request)" >&2
[ "$status" = 0 ] || echo "bump: some claims do not hold on $new (the re-bless failed on them, listed as flips in target/bump/$new.md)" >&2
exit "$status"
