#!/usr/bin/env bash
# The browser test of the built book (run after ci/build-book.sh): every page in headless Chromium, no
# console error, no request to another host, every claim directive a box with a verdict, every plot an SVG
# with content, every internal link and anchor resolving, the search finding a claim ID and a word.
# Screenshots of a few pages (desktop and 400 px wide) go to target/browser/. See ci/browser/test.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f book/index.html ] || { echo "error: no built book in book/: run ci/build-book.sh first" >&2; exit 1; }
ci/install-tools.sh chromium node
if [ -z "${CHROMIUM:-}" ]; then
  for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null; then CHROMIUM=$(command -v "$c"); break; fi
  done
fi
export CHROMIUM
(cd ci/browser && npm ci --no-audit --no-fund --loglevel=error)
node ci/browser/test.mjs book src target/browser
