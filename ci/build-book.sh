#!/usr/bin/env bash
# Builds the book into book/ with the claims preprocessor; fails on an unknown claim ID.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/install-tools.sh mdbook
export PATH="$HOME/.cargo/bin:$PATH"
rm -rf book
mkdir -p target
mdbook build 2>&1 | tee target/mdbook-build.log
# mdbook reports some problems (a missing include, a preprocessor warning) without failing: we do.
if grep -Eq '^(warning:|error:)|^ *(WARN|ERROR) ' target/mdbook-build.log; then
  echo "error: the book built with warnings or errors (see above)" >&2; exit 1
fi
