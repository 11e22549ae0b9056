#!/usr/bin/env bash
# Installs the pinned tools the book and its proofs need, if they are missing or at another version.
# Usage: ci/install-tools.sh [mdbook] [gungraun] [valgrind] [mold] [llvm-profdata] [chromium] [node]   (no argument = all)
set -euo pipefail
MDBOOK_VERSION=0.5.4
GUNGRAUN_VERSION=0.20.0   # must equal the `gungraun` dev-dependency in Cargo.toml exactly

want=("$@"); [ ${#want[@]} -gt 0 ] || want=(mdbook gungraun valgrind mold llvm-profdata chromium node)

# Installs Debian/Ubuntu packages as root, or through sudo when it needs no password; else names them.
apt_install() {
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq "$@"
  elif command -v apt-get >/dev/null && sudo -n true 2>/dev/null; then sudo apt-get update -qq && sudo apt-get install -y -qq "$@"
  else echo "error: $* missing; install it with your package manager (e.g. 'sudo apt-get install $*')" >&2; exit 1; fi
}

need_crate() { # name version binary
  local have; have=$("$3" --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1 || true)
  if [ "$have" != "$2" ]; then
    echo "installing $1 $2 (found: ${have:-none})" >&2
    cargo install "$1" --version "=$2" --locked
  fi
}

for w in "${want[@]}"; do
  case "$w" in
    mdbook) need_crate mdbook "$MDBOOK_VERSION" mdbook ;;
    gungraun) need_crate gungraun-runner "$GUNGRAUN_VERSION" gungraun-runner ;;
    valgrind)
      if ! command -v valgrind >/dev/null; then
        if [ "$(uname -s)" != Linux ]; then
          echo "error: valgrind is required for instruction counts and is not available on $(uname -s); the instruction claims cannot be verified here" >&2; exit 1
        fi
        if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq valgrind
        else echo "error: valgrind is missing; install it with your package manager (e.g. 'sudo apt-get install valgrind')" >&2; exit 1; fi
      fi ;;
    mold)
      # The Build configuration part links a lab with mold (-Clink-arg=-fuse-ld=mold): Debian's package.
      if ! command -v mold >/dev/null; then
        if [ "$(uname -s)" != Linux ]; then
          echo "error: mold is required for the linker claims (tests/claims/build.rs) and is available on Linux only; this is $(uname -s)" >&2; exit 1
        fi
        apt_install mold
      fi ;;
    llvm-profdata)
      # The PGO claims (tests/claims/build.rs) merge profiles with llvm-profdata of the LLVM major version
      # of the compiler under test ($MEASURED_RUSTC, else the pinned rustc). rustup's llvm-tools component
      # cannot be downloaded here, so Debian's llvm-<major> and libllvm<major> packages are fetched with
      # `apt-get download` and unpacked (dpkg -x, nothing installed) into <target>/llvm-tools/llvm-<major>/;
      # only the tool and the LLVM library it loads are kept.
      compiler="${MEASURED_RUSTC:-rustc}"
      case "$compiler" in */*) ;; *) [ -z "${MEASURED_RUSTC:-}" ] || compiler=$(rustup which --toolchain "$compiler" rustc) ;; esac
      major=$("$compiler" -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
      [ -n "$major" ] || { echo "error: cannot read the LLVM version of $compiler (rustc -vV)" >&2; exit 1; }
      dir="${CARGO_TARGET_DIR:-$(cd "$(dirname "$0")/.." && pwd)/target}/llvm-tools/llvm-$major"
      if ! [ -x "$dir/llvm-profdata" ] || ! LD_LIBRARY_PATH="$dir/lib" "$dir/llvm-profdata" --version >/dev/null 2>&1; then
        command -v apt-get >/dev/null && command -v dpkg >/dev/null \
          || { echo "error: llvm-profdata of LLVM $major is missing and this machine has no apt-get/dpkg to fetch Debian's llvm-$major; put llvm-profdata and its libLLVM in $dir" >&2; exit 1; }
        echo "installing llvm-profdata of LLVM $major into $dir" >&2
        rm -rf "$dir"; mkdir -p "$dir/lib"
        (cd "$dir" && apt-get download -qq -o APT::Sandbox::User=root "llvm-$major" "libllvm$major") \
          || { echo "error: apt-get download llvm-$major libllvm$major failed (run 'apt-get update' first?)" >&2; exit 1; }
        for deb in "$dir"/*.deb; do dpkg -x "$deb" "$dir/unpacked"; rm -f "$deb"; done
        cp "$dir/unpacked/usr/lib/llvm-$major/bin/llvm-profdata" "$dir/"
        find "$dir/unpacked/usr/lib/x86_64-linux-gnu" -maxdepth 1 -type f -name 'libLLVM*' -exec cp {} "$dir/lib/" \;
        rm -rf "$dir/unpacked"
        LD_LIBRARY_PATH="$dir/lib" "$dir/llvm-profdata" --version >/dev/null \
          || { echo "error: the unpacked llvm-profdata in $dir does not run" >&2; exit 1; }
      fi ;;
    chromium)
      # The browser test (ci/browser-test.sh) drives Debian's Chromium; another Chromium or Chrome on PATH does too.
      if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null && ! command -v google-chrome >/dev/null; then
        apt_install chromium
      fi ;;
    node)
      if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        echo "error: the browser test needs Node.js 20 or newer with npm (https://nodejs.org, or your package manager)" >&2; exit 1
      fi ;;
    *) echo "error: unknown tool '$w' (known: mdbook gungraun valgrind mold llvm-profdata chromium node)" >&2; exit 2 ;;
  esac
done
