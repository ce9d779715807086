#!/usr/bin/env bash
# Instructions per row of the batch and libsi_calculate paths (docs/performance.md,
# "Where the time goes"): callgrind counts instructions, which do not depend on the
# load of the machine, so these figures repeat where timings do not.
#
#   bench/callgrind.sh [SCHEME...]     # default: contributions pension
#
# Environment: BUILD [build-release], N [20000] rows of the batch lines, M [2000] rows of
# the libsi_calculate lines, KEEP [] a directory that keeps the callgrind.out files
# (for callgrind_annotate --inclusive=yes FILE), BEFORE [] the build directory of the
# library before issue #10 (docs/performance.md): its bench_calculate gives the same
# libsi_calculate lines, for the after/before ratio in instructions.
# Lines: batch_run at trace none and hash (libsi_batch_run, counted over the N rows and
# the 1,000 warm-up rows of bench_batch), libsi_calculate at full trace (the call
# alone, without the case and the JSON) and libsi_calculate + libsi_result_json.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-release}
N=${N:-20000}
M=${M:-2000}
BENCH=$BUILD/bench/bench_batch
OUT=${KEEP:-$(mktemp -d)}
mkdir -p "$OUT"

# count SCHEME LINE ROWS N M FUNCTION... : instructions per row inside FUNCTION(s)
count() {
    local scheme=$1 line=$2 rows=$3 n=$4 m=$5 label=
    shift 5
    if [[ $BENCH == */bench_calculate ]]; then label=" (before)"; fi
    local toggles=() f file
    for f in "$@"; do toggles+=(--toggle-collect="$f"); done
    file="$OUT/callgrind.$scheme.${line// /_}${label:+.before}.out"
    valgrind --tool=callgrind --callgrind-out-file="$file" "${toggles[@]}" \
        "$BENCH" "$scheme" "$n" "$m" --repeat 1 --threads 1 --only "$line" >/dev/null 2>&1
    local total
    total=$(callgrind_annotate "$file" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
    printf '%-14s %-33s %8d rows  %12s instructions  %8.0f per row\n' "$scheme" "$line$label" "$rows" \
        "$total" "$(echo "$total / $rows" | bc -l)"
}

for scheme in "${@:-contributions pension}"; do
    for s in $scheme; do
        count "$s" "batch_run none" $((N + 1000)) "$N" 10 libsi_batch_run
        count "$s" "batch_run hash" $((N + 1000)) "$N" 10 libsi_batch_run
        count "$s" "calculate full" "$M" 1000 "$M" libsi_calculate
        count "$s" "calculate full +json" "$M" 1000 "$M" libsi_calculate libsi_result_json
        if [[ -n ${BEFORE:-} ]]; then
            (BENCH=$BEFORE/bench/bench_calculate
             count "$s" "calculate full" "$M" 1000 "$M" libsi_calculate
             count "$s" "calculate full +json" "$M" 1000 "$M" libsi_calculate libsi_result_json)
        fi
    done
done
