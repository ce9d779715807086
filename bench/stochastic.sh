#!/usr/bin/env bash
# Stochastic cohort projection benchmark (issue #16; docs/performance.md "Stochastic projection").
# A benchmark, never a test.  PATHS paths × (HORIZON − 2020) years of the Guangzhou scenario,
# per thread count: user CPU s, wall s, path-years per CPU s; then callgrind instructions per
# path-year on CG_PATHS paths (the machine is shared: CPU time and instructions are the
# stable figures).  Environment: BUILD [build], PATHS [5000], HORIZON [2095],
# THREADS ["2"], CG_PATHS [20].
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
PATHS=${PATHS:-5000}
HORIZON=${HORIZON:-2095}
THREADS=${THREADS:-2}
CG_PATHS=${CG_PATHS:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed "s/^horizon: 2100 .*/horizon: $HORIZON/" data/scenarios/guangzhou.yaml >"$tmp/s.yaml"
years=$((HORIZON - 2020))
for t in $THREADS; do
    /usr/bin/time -f "%U %e %M" -o "$tmp/time" "$BUILD/examples/si-project" "$tmp/s.yaml" \
        --stochastic "$PATHS" --threads "$t" >"$tmp/out" 2>/dev/null
    read -r user wall rss <"$tmp/time"
    echo "threads $t: $PATHS paths x $years years: user ${user} s, wall ${wall} s," \
         "$(python3 -c "print(f'{$PATHS * $years / $user:,.0f}')") path-years per CPU s, RSS $((rss / 1024)) MiB"
done
if command -v valgrind >/dev/null; then
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$BUILD/examples/si-project" "$tmp/s.yaml" \
        --stochastic "$CG_PATHS" >/dev/null 2>"$tmp/cg.log"
    ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/cg.log")
    echo "callgrind ($CG_PATHS paths): $ir instructions, $((ir / (CG_PATHS * years))) per path-year (whole run)"
fi
