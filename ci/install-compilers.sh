#!/usr/bin/env bash
# Installs other real compilers to judge the book's claims with (never the main suite's toolchain): the
# `rustc` builds Debian ships, downloaded as exact package versions from Debian's archive with
# `apt-get download` and unpacked with `dpkg -x` into target/compilers/<name>/ (nothing goes into the
# system's compiler paths, no root needed). Each gets a `rustc` wrapper there that finds its own LLVM and
# standard library; `MEASURED_RUSTC=target/compilers/<name>/rustc` makes the harness build what it
# measures with it (ci/drift.sh <name> does that).
# Usage: ci/install-compilers.sh [debian-1.96] [debian-1.85]   (no argument = all); prints each wrapper.
# Debian's rustc 1.63 is not offered: every lab is edition 2024, which needs rustc 1.85 or later.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

# name -> the exact packages (rustc, its standard library, and the LLVM it was built against).
packages() {
  case "$1" in
    debian-1.96) echo "rustc-web=1.96.0+dfsg1-1~deb12u2 libstd-rust-web-dev=1.96.0+dfsg1-1~deb12u2 libstd-rust-web-1.96=1.96.0+dfsg1-1~deb12u2 libllvm22=1:22.1.8-1~deb12u1" ;;
    debian-1.85) echo "rustc-web=1.85.0+dfsg3-1~deb12u3 libstd-rust-web-dev=1.85.0+dfsg3-1~deb12u3 libstd-rust-web-1.85=1.85.0+dfsg3-1~deb12u3 libllvm19=1:19.1.7-3~deb12u1" ;;
    *) return 1 ;;
  esac
}
all=(debian-1.96 debian-1.85)
want=("$@"); [ ${#want[@]} -gt 0 ] || want=("${all[@]}")

if ! command -v apt-get >/dev/null || ! command -v dpkg >/dev/null; then
  echo "error: the Debian compilers come from Debian's archive through apt-get and dpkg, which this machine does not have;" >&2
  echo "       judge the claims with a rustup toolchain instead (ci/drift.sh <toolchain>)" >&2
  exit 2
fi

# The `rustc` wrapper: finds the package's LLVM and rustc_driver libraries beside it. bash, not sh: Debian's
# sh (dash) drops environment variables whose names are not shell identifiers, such as Cargo's
# CARGO_BIN_EXE_<bin-with-hyphens>, on the way to rustc.
write_wrapper() { # dest release
  cat > "$1/rustc" <<EOF
#!/usr/bin/env bash
# Debian's rustc $2, unpacked by ci/install-compilers.sh: its LLVM and rustc_driver libraries live
# beside it, and its sysroot is found from the binary's own path.
LD_LIBRARY_PATH="$1/root/usr/lib/x86_64-linux-gnu\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" exec "$1/root/usr/bin/rustc" "\$@"
EOF
  chmod +x "$1/rustc"
}

for name in "${want[@]}"; do
  if ! pkgs=$(packages "$name"); then
    echo "error: unknown compiler '$name' (known: ${all[*]})" >&2; exit 2
  fi
  dest="$root/target/compilers/$name"
  release="${name#debian-}"
  # Unpacked already: only the wrapper is written again.
  if ! { [ -x "$dest/root/usr/bin/rustc" ] && write_wrapper "$dest" "$release" && "$dest/rustc" -V 2>/dev/null | grep -q "^rustc $release\."; }; then
    debs="$root/target/compilers/debs/$name"
    rm -rf "$dest" "$debs"; mkdir -p "$debs" "$dest"
    # shellcheck disable=SC2086
    if ! (cd "$debs" && apt-get download -q $pkgs >"$debs/apt.log" 2>&1); then
      cat "$debs/apt.log" >&2
      echo "error: could not download $pkgs from Debian's archive (is it in /etc/apt/sources.list, and has 'apt-get update' run?)" >&2
      exit 1
    fi
    for deb in "$debs"/*.deb; do dpkg -x "$deb" "$dest/root"; done
    write_wrapper "$dest" "$release"
  fi
  if ! "$dest/rustc" -vV >/dev/null; then
    echo "error: the unpacked $name rustc does not run" >&2; exit 1
  fi
  echo "$dest/rustc"
done
