#!/usr/bin/env bash
# Member-level projection benchmark (issue #16; docs/performance.md "Member model").
# A benchmark, never a test: nothing here passes or fails on speed.
#
#   bench/microsim.sh                 # 1 M sample rows (≈ 1.9 M members with entrants), 75 years
#   SAMPLE=8450000 bench/microsim.sh  # the Guangzhou scale (8.45 M insured, 2025 target)
#
# Prints member-years (rows × years projected), user CPU seconds per thread count, the
# throughput per core (member-years / user CPU s), wall time, peak RSS, and the callgrind
# instruction count per member-year on a small run (the machine is shared: CPU time and
# instruction counts are the stable figures, wall time is not).
# Environment: BUILD [build], SAMPLE [1000000], HORIZON [2095], THREADS ["1 2"], CG_SAMPLE [20000]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
SAMPLE=${SAMPLE:-1000000}
HORIZON=${HORIZON:-2095}
THREADS=${THREADS:-1 2}
CG_SAMPLE=${CG_SAMPLE:-20000}
SI=$BUILD/examples/si-microsim
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scenario() { # $1 sample → a scenario file: the Guangzhou default with that sample and horizon
    sed "s/sample: \"100000\"/sample: \"$1\"/; s/^horizon: 2100 .*/horizon: $HORIZON/" \
        data/scenarios/guangzhou.yaml >"$tmp/s$1.yaml"
    echo "$tmp/s$1.yaml"
}
s=$(scenario "$SAMPLE")
for t in $THREADS; do
    /usr/bin/time -f "%U %e %M" -o "$tmp/time" "$SI" "$s" --threads "$t" >"$tmp/out"
    read -r user wall rss <"$tmp/time"
    my=$(sed -n 's/^members: \([0-9]*\) rows, \([0-9]*\) member-years.*/\2/p' "$tmp/out")
    rows=$(sed -n 's/^members: \([0-9]*\) rows.*/\1/p' "$tmp/out")
    python3 - "$t" "$rows" "$my" "$user" "$wall" "$rss" <<'PY'
import sys
t, rows, my, user, wall, rss = sys.argv[1:]
my, user, wall = int(my), float(user), float(wall)
print(f"threads {t}: {rows} members, {my} member-years, user {user:.2f} s, wall {wall:.2f} s, "
      f"{my / user / 1e6:.1f} M member-years per CPU s, {my / wall / 1e6:.1f} M/s wall, RSS {int(rss) // 1024} MiB")
PY
done
if command -v valgrind >/dev/null; then
    s=$(scenario "$CG_SAMPLE")
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg" "$SI" "$s" >"$tmp/out" 2>"$tmp/cg.log"
    ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/cg.log")
    my=$(sed -n 's/^members: \([0-9]*\) rows, \([0-9]*\) member-years.*/\2/p' "$tmp/out")
    echo "callgrind (sample $CG_SAMPLE): $ir instructions, $my member-years, $((ir / my)) per member-year (whole run)"
fi
