#!/usr/bin/env bash
# Builds the book into book/ with the claims preprocessor; fails on an unknown claim ID.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/install-tools.sh mdbook
export PATH="$HOME/.cargo/bin:$PATH"
rm -rf book
mkdir -p target
# The repository's address, for the boxes' links to their checks and the page header's repository icon:
# GitHub Actions says it (GITHUB_SERVER_URL/GITHUB_REPOSITORY); elsewhere, the clone's `origin` when it is
# a web address; otherwise the boxes name the check's file without a link (see book.toml).
repo_url="${MEASURED_REPOSITORY_URL:-}"
if [ -z "$repo_url" ] && [ -n "${GITHUB_REPOSITORY:-}" ]; then repo_url="${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY"; fi
if [ -z "$repo_url" ]; then
  origin=$(git remote get-url origin 2>/dev/null || true)
  case "$origin" in
    https://*) repo_url="${origin%.git}" ;;
    git@*:*) host="${origin#git@}"; repo_url="https://${host%%:*}/${host#*:}"; repo_url="${repo_url%.git}" ;;
  esac
fi
if [ -n "$repo_url" ]; then
  export MDBOOK_PREPROCESSOR__CLAIMS__REPOSITORY_URL="$repo_url" MDBOOK_OUTPUT__HTML__GIT_REPOSITORY_URL="$repo_url"
  echo "book: linking checks to $repo_url" >&2
fi
mdbook build 2>&1 | tee target/mdbook-build.log
# mdbook reports some problems (a missing include, a preprocessor warning) without failing: we do.
if grep -Eq '^(warning:|error:)|^ *(WARN|ERROR) ' target/mdbook-build.log; then
  echo "error: the book built with warnings or errors (see above)" >&2; exit 1
fi
