#!/usr/bin/env bash
# Re-verifies every claim of the book on this machine: installs the pinned tools that are missing
# (mdbook, gungraun-runner, valgrind, mold, llvm-profdata), then runs the whole workspace's tests. Extra arguments go to
# `cargo test` (e.g. `ci/verify.sh --test heap`). `BLESS=1 ci/verify.sh` re-records the evidence.
set -euo pipefail
cd "$(dirname "$0")/.."

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "note: this is $(uname -s) $(uname -m). The asm and call claims are judged on x86_64 Linux only and will stop" >&2
     echo "      with a 'not applicable here' error; set MEASURED_SKIP_NOT_APPLICABLE=1 to skip them deliberately." >&2 ;;
esac

ci/install-tools.sh mdbook gungraun valgrind mold llvm-profdata
export PATH="$HOME/.cargo/bin:$PATH"
cargo test --workspace --locked --no-fail-fast "$@"
