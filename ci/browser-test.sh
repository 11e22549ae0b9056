#!/usr/bin/env bash
# The browser test of the built book (run after ci/build-book.sh): every page in headless Chromium, no
# console error, no request to another host, every claim directive a box with a verdict, every plot an SVG
# with content, every internal link and anchor resolving, the search finding a claim ID and a word.
# Also: nothing wider than its box or column at 1280 and 400 px, page heights (chapters at most 20 screens
# at 1280x800), the page summary. Screenshots of every chapter page's top at both widths and report.json
# (page heights, claim box heights: median and distribution) go to target/browser/. See ci/browser/test.mjs.
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
