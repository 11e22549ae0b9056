#!/bin/sh
# A linker wrapper for the labs: records which object files rustc hands to the linker, and whether each
# is machine code (an ELF object) or LLVM bitcode, then links with `cc` exactly as asked.
# The record is written next to the output: <output>.link-inputs, one line per object:
#   <kind> <file name>      where kind is "elf", "bitcode" or "other"
# and <output>.link-archives, one line per library archive (`.rlib` or `.a`) passed by path: its file name.
out=""
prev=""
for a in "$@"; do
  [ "$prev" = "-o" ] && out="$a"
  prev="$a"
done
if [ -n "$out" ]; then
  for a in "$@"; do
    case "$a" in
      *.o)
        magic=$(head -c 4 "$a" | od -An -tx1 | tr -d ' \n')
        case "$magic" in
          7f454c46) kind=elf ;;
          4243c0de) kind=bitcode ;;
          *) kind=other ;;
        esac
        printf '%s %s\n' "$kind" "$(basename "$a")" ;;
    esac
  done > "$out.link-inputs"
  for a in "$@"; do
    case "$a" in
      *.rlib|*.a) printf '%s\n' "$(basename "$a")" ;;
    esac
  done > "$out.link-archives"
fi
exec cc "$@"
