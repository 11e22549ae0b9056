#!/usr/bin/env bash
# Opens a pull request with the toolchain drift reports (src/measured/drift/*.json, written by
# ci/drift.sh) if any of them differs from the committed one: commits them on a branch drift/<date> (UTC)
# and opens the pull request with gh against the current branch (or the one given). Run by the drift
# workflow after ci/drift.sh; needs gh and GITHUB_TOKEN, and an `origin` it may push to.
# Usage: ci/publish-drift.sh [base-branch]
set -euo pipefail
cd "$(dirname "$0")/.."

command -v gh >/dev/null || { echo "error: publish-drift: the GitHub CLI \`gh\` is not installed; it opens the pull request" >&2; exit 1; }
[ -n "${GITHUB_TOKEN:-}" ] || { echo "error: publish-drift: GITHUB_TOKEN is not set; gh and git push need it (in a workflow: env: GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }})" >&2; exit 1; }
export GH_TOKEN="${GH_TOKEN:-$GITHUB_TOKEN}"

dir=src/measured/drift
shopt -s nullglob
reports=("$dir"/*.json)
[ ${#reports[@]} -gt 0 ] || { echo "error: publish-drift: no report in $dir/: run ci/drift.sh <toolchain> first" >&2; exit 1; }

git add -- "${reports[@]}"
if git diff --cached --quiet -- "$dir"; then
  echo "publish-drift: ${#reports[@]} report(s), none changed: no pull request"
  exit 0
fi
changed=$(git diff --cached --name-only -- "$dir" | xargs -n1 basename | sed 's/\.json$//' | paste -sd' ' -)

base="${1:-${GITHUB_REF_NAME:-$(git rev-parse --abbrev-ref HEAD)}}"
[ -n "$base" ] && [ "$base" != HEAD ] || { echo "error: publish-drift: cannot tell the base branch (detached HEAD): pass it as the argument" >&2; exit 1; }
date=$(date -u +%Y-%m-%d)
branch="drift/$date"

git config user.name >/dev/null || git config user.name "github-actions[bot]"
git config user.email >/dev/null || git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
git switch -C "$branch"
git commit -q -m "Toolchain drift of $date: $changed" -- "$dir"
# A second run on the same day replaces that day's branch (it only ever holds the reports).
git push --force origin "HEAD:refs/heads/$branch"

existing=$(gh pr list --head "$branch" --state open --json number --jq '.[0].number // empty')
if [ -n "$existing" ]; then
  echo "publish-drift: updated pull request #$existing ($branch: $changed)"
else
  gh pr create --base "$base" --head "$branch" \
    --title "Toolchain drift of $date: $changed" \
    --body "The drift reports of $date (\`ci/drift.sh\`, run by the drift workflow) changed: $changed.

Each report says, for every blessed claim, whether it still holds under that toolchain and which figures moved beyond their tolerance. The blessed evidence in \`src/measured/\` is unchanged; the book's Toolchain drift appendix renders these files."
  echo "publish-drift: opened a pull request ($branch: $changed)"
fi
