#!/bin/sh
# Only libsi_* symbols may be exported by the shared library (issue #2).
set -eu
lib=$1
bad=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^libsi_' | grep -v '^LIBSI_0$' || true)
count=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -c '^libsi_' || true)
if [ -n "$bad" ]; then
  echo "non-libsi symbols exported:"; echo "$bad"; exit 1
fi
[ "$count" -gt 20 ] || { echo "only $count libsi_ symbols exported: version script broken?"; exit 1; }
echo "$count libsi_* symbols exported, nothing else"
