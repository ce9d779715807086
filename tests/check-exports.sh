#!/bin/sh
# The shared library exports exactly the symbols listed in libsi/libsi.map
# (issues #2, #13), and every LIBSI_API declaration of include/ is listed.
# $1 = the shared library, $2 = libsi/libsi.map, $3 = the include directory.
set -eu
lib=$1 map=$2 include=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | grep -v '^LIBSI_0$' | sort -u >"$tmp/exported"
sed -n 's/^[[:space:]]*\(libsi_[A-Za-z0-9_]*\);.*/\1/p' "$map" | sort >"$tmp/listed"
cat "$include"/libsi/*.h | tr '\n' ' ' | sed 's/LIBSI_NONNULL([^)]*)//g' | grep -o 'LIBSI_API[^;(]*(' |
  grep -o 'libsi_[A-Za-z0-9_]*($' | tr -d '(' | sort >"$tmp/declared"
status=0
if ! cmp -s "$tmp/exported" "$tmp/listed"; then
  echo "exported symbols differ from libsi/libsi.map (< exported, > listed):"
  diff "$tmp/exported" "$tmp/listed" || true; status=1
fi
if ! cmp -s "$tmp/declared" "$tmp/listed"; then
  echo "LIBSI_API declarations differ from libsi/libsi.map (< declared, > listed):"
  diff "$tmp/declared" "$tmp/listed" || true; status=1
fi
dup=$(uniq -d "$tmp/listed")
[ -z "$dup" ] || { echo "listed twice: $dup"; status=1; }
[ "$status" -eq 0 ] && echo "$(wc -l <"$tmp/listed") symbols exported, exactly those of libsi/libsi.map"
exit "$status"
