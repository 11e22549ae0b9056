#!/usr/bin/env bash
# Serves the book on http://localhost:3000 (installing the pinned mdbook first if it is missing).
# The claims preprocessor is built by cargo on the first run. Extra arguments go to `mdbook serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/install-tools.sh mdbook
export PATH="$HOME/.cargo/bin:$PATH"
exec mdbook serve "$@"
