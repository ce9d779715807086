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
# Issue #12 asks for 95 % of lines and 90 % of branches.  Lines pass; branches
# stood at 86.9 % (from 75.4 % before the gate's tests) and at 86.5 % once the
# plausibility checks of issue #12 added their branches (a clean clone,
# 2026-12-02).  The gate holds 86 %: half a point under the measured figure,
# because the branches a table's worker threads take vary with timing (a run
# must not fail on scheduling).  Raise it as tests cover the rest; 90 % is the
# target (docs/testing.md, "Gates").  The branch-coverage tests of 2026-12-02
# took that tree to 87.5 % (4738/5412); the tree merged with the residents' and
# institution pensions has 1,532 more branches and is not measured cleanly yet
# (test_mutations crashed in the -O0 coverage build), so the gate stays at 86.
LINE_MIN=95
BRANCH_MIN=86
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
