#!/bin/sh
# Coverage gate (docs/testing.md, "Gates"):
#
#   sh tests/gates/coverage.sh [BUILD-DIR]     (default build-cov)
#
# Builds with gcc --coverage at -O0 (meson -Db_coverage=true, buildtype debug),
# runs the whole meson test suite, and measures line and branch coverage of
# libsi/ with gcovr (Debian package gcovr).  Fails when a test fails or the
# coverage is below the thresholds.  Branches on lines without useful source
# (compiler-generated, --exclude-unreachable-branches) are not counted; no
# line of libsi/ is excluded.
set -u
cd "$(dirname "$0")/../.."
dir=${1:-build-cov}
# Issue #12 asks for 95 % of lines and 90 % of branches; the gate holds
# both.  Measured on a clean clone (2026-12-02, 09:12 UTC, after the
# coverage tests of test_internals, test_api_misuse, test_edges,
# test_pension and test_microsim): lines 98.5 % (10280 / 10435), branches
# 92.1 % (7746 / 8407).  The margin above 90 % absorbs the branches a
# table's worker threads take, which vary with timing (a run must not fail
# on scheduling).  Never lower these to make a run pass: cover the branch.
LINE_MIN=95
BRANCH_MIN=90
if [ ! -d "$dir" ]; then
  meson setup "$dir" -Db_coverage=true --buildtype=debug >"$dir.setup.log" 2>&1 ||
    { cat "$dir.setup.log"; echo "coverage: setup failed"; exit 1; }
fi
meson compile -C "$dir" >"$dir.compile.log" 2>&1 ||
  { cat "$dir.compile.log"; echo "coverage: build failed"; exit 1; }
find "$dir" -name '*.gcda' -delete
status=0
meson test -C "$dir" --print-errorlogs >"$dir.test.log" 2>&1 ||
  { grep -E "^ *[0-9]+/[0-9]+ .*(FAIL|ERROR|TIMEOUT)" "$dir.test.log"; echo "coverage: a test failed"; status=1; }
gcovr -r . --filter 'libsi/' --object-directory "$dir" --exclude-unreachable-branches \
  --txt "$dir/coverage.txt" --print-summary "$dir" >"$dir/coverage.summary" 2>"$dir/coverage.err" ||
  { cat "$dir/coverage.err"; echo "coverage: gcovr failed"; exit 1; }
cat "$dir/coverage.summary"
lines=$(sed -n 's/^lines: \([0-9.]*\)%.*/\1/p' "$dir/coverage.summary")
branches=$(sed -n 's/^branches: \([0-9.]*\)%.*/\1/p' "$dir/coverage.summary")
ok=$(awk -v l="$lines" -v b="$branches" -v lm="$LINE_MIN" -v bm="$BRANCH_MIN" \
  'BEGIN { print (l != "" && b != "" && l + 0 >= lm && b + 0 >= bm) ? 1 : 0 }')
echo "coverage of libsi/: lines $lines % (gate $LINE_MIN %), branches $branches % (gate $BRANCH_MIN %); per file: $dir/coverage.txt"
if [ "$ok" -ne 1 ]; then echo "coverage: FAIL (below the gate)"; status=1; fi
[ "$status" -eq 0 ] && echo "coverage: ok"
exit "$status"
