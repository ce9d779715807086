#!/bin/sh
# ABI gate (issue #13, docs/testing.md "ABI gate"): the ABI of libsi.so.0 as
# built from this tree, compared with the committed baseline abi/libsi.abi.
#
#   sh scripts/check-abi.sh [BUILD_DIR]           check (default build dir: build-abi)
#   sh scripts/check-abi.sh --update [BUILD_DIR]  regenerate the baseline
#
# The library is built the one fixed way (a release build with debug info,
# no tests: meson setup BUILD_DIR --buildtype=release -Ddebug=true -Dtests=false)
# and described with
#   abidw --headers-dir include --headers-dir BUILD_DIR/include --drop-private-types
#         --exported-interfaces-only
#         --no-corpus-path --no-comp-dir-path --no-show-locs --type-id-style hash
# so that only the types of the public headers count and the file does not
# depend on where the tree is checked out.
#
# Rule: abidiff's report on baseline → build decides.
# - no change: pass;
# - only functions added (abidiff --no-added-syms finds nothing): pass, with a
#   note to refresh the baseline;
# - any other change (a function removed or retyped, a public type changed in
#   size or layout — abidiff's exit status flags only removed symbols as
#   "incompatible", so every change but an added function is taken as one;
#   even a member appended to an extensible struct, which is compatible by
#   docs/api.md, must be acknowledged by updating the baseline): fail, unless
#   the baseline is being updated in the same commit —
#   abi/libsi.abi differs from HEAD~1's (the last commit changed it) or has
#   uncommitted changes (the commit in preparation) — and then the baseline
#   must describe exactly the library built (abidiff finds no change at all).
set -eu
cd "$(dirname "$0")/.."
update=0
[ "${1:-}" = "--update" ] && { update=1; shift; }
dir=${1:-build-abi}
baseline=abi/libsi.abi
command -v abidw >/dev/null 2>&1 || { echo "abidw missing: apt-get install abigail-tools (scripts/deps.sh)"; exit 1; }
if [ ! -d "$dir" ]; then
  meson setup "$dir" --buildtype=release -Ddebug=true -Dtests=false >"$dir.setup.log" 2>&1 ||
    { cat "$dir.setup.log"; exit 1; }
fi
meson compile -C "$dir" si:shared_library >"$dir.compile.log" 2>&1 || { cat "$dir.compile.log"; exit 1; }
lib=$(ls "$dir"/libsi/libsi.so.0.*.* | head -n 1)
dump() { # $1 = output file
  abidw --headers-dir include --headers-dir "$dir/include" --drop-private-types --exported-interfaces-only \
    --no-corpus-path --no-comp-dir-path --no-show-locs --type-id-style hash --out-file "$1" "$lib"
}
if [ "$update" -eq 1 ]; then
  mkdir -p abi
  dump "$baseline"
  echo "abi: wrote $baseline from $lib"
  exit 0
fi
[ -f "$baseline" ] || { echo "abi: no baseline $baseline (sh scripts/check-abi.sh --update)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
dump "$tmp/current.abi"
set +e
abidiff --no-added-syms "$baseline" "$tmp/current.abi" >"$tmp/report" 2>&1; plain=$?
abidiff "$baseline" "$tmp/current.abi" >"$tmp/full" 2>&1; verdict=$?
set -e
# abidiff's exit status is a bit mask: 1 error, 2 usage, 4 ABI change, 8 incompatible change.
[ $((verdict & 3)) -eq 0 ] || { cat "$tmp/full"; echo "abi: abidiff failed ($verdict)"; exit 1; }
updated=0
if git rev-parse -q --verify HEAD~1 >/dev/null 2>&1 &&
   ! git diff --quiet HEAD~1 HEAD -- "$baseline"; then updated=1; fi
git diff --quiet HEAD -- "$baseline" || updated=1
if [ "$updated" -eq 1 ]; then
  if [ "$verdict" -ne 0 ]; then
    cat "$tmp/full"
    echo "abi: $baseline is updated in this commit but does not describe the library built:"
    echo "     regenerate it with: sh scripts/check-abi.sh --update"
    exit 1
  fi
  echo "abi: baseline updated in this commit and matches the library"
  exit 0
fi
if [ "$plain" -ne 0 ]; then
  cat "$tmp/report"
  echo "abi: INCOMPATIBLE change against $baseline, and the baseline is not updated in this commit."
  echo "     If the break is intended (0.x minor release, docs/api.md \"Stability\"), run"
  echo "     sh scripts/check-abi.sh --update and commit abi/libsi.abi with the change."
  exit 1
fi
if [ "$verdict" -ne 0 ]; then
  cat "$tmp/full"
  echo "abi: compatible additions only; refresh the baseline with sh scripts/check-abi.sh --update"
  exit 0
fi
echo "abi: no change against $baseline"
