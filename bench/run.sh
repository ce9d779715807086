#!/usr/bin/env bash
# The benchmark set of issue #10 (docs/performance.md): builds a release tree, generates
# the CSV inputs into /tmp, and prints every figure (medians of REPEAT runs) and ratio.
# A benchmark, never a test: nothing here passes or fails on speed.
#
#   bench/run.sh            # full set: 1 M-row CSVs, 10 M rows for peak RSS (~15 min)
#   bench/run.sh --quick    # smoke run: 100 k rows, 1 M for RSS, one repetition
#
# Environment (defaults in brackets):
#   BUILD [build-release]   build directory (set up with --buildtype=release -Dtests=false
#                           when missing)
#   ROWS [1000000]          rows of the CSV comparisons and of bench_batch
#   BIG_ROWS [10000000]     rows of the peak-RSS runs (0 skips them)
#   M [50000]               rows of the libsi_calculate (full trace) lines
#   REPEAT [3]              runs per figure (the median is printed)
#   DATA [/tmp/libsi-bench] where inputs and outputs go (inputs are reused when present)
#   PY [/usr/bin/python3]   the interpreter of the Python decimal comparator
#   DASK [0]                1: also run examples/python/dask_batch.py (2 workers, 1 M members)
#   BEFORE []               build directory of the library before issue #10 (see
#                           docs/performance.md): its bench_calc, bench_calculate and Python
#                           binding run in the same run, for the after/before ratios
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ${1:-} == --quick ]]; then   # smaller defaults; the environment still wins
    d_rows=100000 d_big=1000000 d_m=5000 d_repeat=1
else
    d_rows=1000000 d_big=10000000 d_m=50000 d_repeat=3
fi
BUILD=${BUILD:-build-release}
ROWS=${ROWS:-$d_rows}
BIG_ROWS=${BIG_ROWS:-$d_big}
M=${M:-$d_m}
REPEAT=${REPEAT:-$d_repeat}
DATA=${DATA:-/tmp/libsi-bench}
PY=${PY:-/usr/bin/python3}
DASK=${DASK:-0}
mkdir -p "$DATA"

# The share of the machine's CPU time the hypervisor gave to other guests ("steal", the
# eighth figure of /proc/stat's cpu line) since the last section began: on a shared host
# it moves every figure of the section, one side of a ratio more than the other when the
# two run at different moments (16-50 % seen here on 2026-12-03).
STEAL_AT=""
# (The total is user to steal: guest and guest_nice, after them, are already in user and nice.)
cpu_ticks() { awk '/^cpu /{ t = 0; for (i = 2; i <= 9; i++) t += $i; print t, $9 }' /proc/stat; }
stolen() {
    local now
    now=$(cpu_ticks 2>/dev/null) || return 0
    if [[ -n $STEAL_AT ]]; then
        awk -v a="$STEAL_AT" -v b="$now" 'BEGIN { split(a, x, " "); split(b, y, " ");
            if (y[1] > x[1]) printf "(CPU time stolen by the hypervisor in this section: %.1f %%)\n",
                                   100 * (y[2] - x[2]) / (y[1] - x[1]) }'
    fi
    STEAL_AT=$now
}
say() { stolen; printf '\n== %s\n' "$*"; }

# ------------------------------------------------------------------ build
say "build ($BUILD, release)"
if [[ ! -f $BUILD/build.ninja ]]; then
    meson setup "$BUILD" --buildtype=release -Dtests=false >/dev/null
fi
if ! meson compile -C "$BUILD" >"$DATA/build.log" 2>&1; then
    echo "full build failed (see $DATA/build.log); building the benchmark programs alone"
    for t in libsi/si:shared_library bench/naive_contrib bench/bench_calc bench/bench_calculate; do
        meson compile -C "$BUILD" "$t" >>"$DATA/build.log" 2>&1 || echo "  cannot build $t"
    done
fi
LIB=$(realpath "$BUILD")/libsi/libsi.so.0
SI_BATCH=$BUILD/examples/si-batch
BENCH_BATCH=$BUILD/bench/bench_batch
[[ -x $SI_BATCH ]] || echo "si-batch not built: its lines are skipped"
[[ -x $BENCH_BATCH ]] || echo "bench_batch not built (libsi without the batch API): skipped"
git log -1 --format='commit %h %s' 2>/dev/null || true
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
     "load: $(cut -d' ' -f1-3 /proc/loadavg)"

# ------------------------------------------------------------------ inputs
gen() { # scheme rows -> path (generated once, deterministic)
    local path="$DATA/$1-$2.csv"
    [[ -s $path ]] || "$PY" bench/gen_rows.py "$1" "$2" "$path"
    echo "$path"
}
say "inputs"
C_CSV=$(gen contributions "$ROWS")
P_CSV=$(gen pension "$ROWS")
ls -l "$C_CSV" "$P_CSV" | awk '{print $5, $9}'

# ------------------------------------------------------------------ timing
# Commands are timed in groups, round-robin: repetition 1 of every command of the group,
# then repetition 2, ...; so a change of load on the shared machine falls on every side of
# a ratio alike.  add KEY ROWS CMD... queues a command (its stdout goes to /dev/null);
# run_group times the queue, then prints each median wall time, rows/s and peak RSS.
declare -A SECONDS_OF RSS_OF CMD_OF ROWS_OF TIMES_OF RC_OF OUT_OF
GROUP=()
add() {
    local key=$1 rows=$2 a prev=
    shift 2
    GROUP+=("$key")
    OUT_OF[$key]=""
    for a in "$@"; do
        if [[ $prev == --output ]]; then OUT_OF[$key]=$a; fi
        prev=$a
    done
    ROWS_OF[$key]=$rows
    CMD_OF[$key]=$(printf '%q ' "$@")
    TIMES_OF[$key]=""
    RSS_OF[$key]=0
    RC_OF[$key]=0
}
run_group() {
    local key t0 t1 r rc cur rep
    for ((rep = 0; rep < REPEAT; rep++)); do
        for key in "${GROUP[@]}"; do
            rc=0
            # Each run writes a new file: ext4 flushes a file truncated and written again when
            # it is closed (auto_da_alloc; strace -T: close 5-38 ms for si-batch's 1 M rows),
            # a cost of the file system, not of the program, paid by each writer alike.
            if [[ -n ${OUT_OF[$key]} ]]; then rm -f "${OUT_OF[$key]}"; fi
            t0=$EPOCHREALTIME
            eval "/usr/bin/time -f %M -o \"\$DATA/time.out\" ${CMD_OF[$key]} >/dev/null" || rc=$?
            t1=$EPOCHREALTIME
            TIMES_OF[$key]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }') "
            r=$(tail -1 "$DATA/time.out")
            cur=${RSS_OF[$key]}
            if ((r > cur)); then RSS_OF[$key]=$r; fi
            if ((rc != 0)); then RC_OF[$key]=$rc; fi
        done
    done
    for key in "${GROUP[@]}"; do
        SECONDS_OF[$key]=$(printf '%s\n' ${TIMES_OF[$key]} | sort -g | awk '{ v[NR] = $1 } END {
            print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
        awk -v k="$key" -v n="${ROWS_OF[$key]}" -v s="${SECONDS_OF[$key]}" -v m="${RSS_OF[$key]}" \
            -v rc="${RC_OF[$key]}" -v all="${TIMES_OF[$key]% }" 'BEGIN {
            printf "%-36s %9d rows %9.3f s %12.0f rows/s  peak RSS %6.1f MiB%s  [%s]\n",
                   k, n, s, n / s, m / 1024, rc ? "  exit " rc : "", all }'
    done
    GROUP=()
}
ratio() { # label numerator-key denominator-key target
    [[ -n ${SECONDS_OF[$2]:-} && -n ${SECONDS_OF[$3]:-} ]] || return 0
    awk -v l="$1" -v a="${SECONDS_OF[$2]}" -v b="${SECONDS_OF[$3]}" -v t="$4" \
        'BEGIN { printf "%-54s %7.2fx   (target %s)\n", l, a / b, t }'
}

# ------------------------------------------------------------------ contributions, CSV
say "contributions, $ROWS rows, CSV in/out"
add "naive_contrib (double, %.2f)" "$ROWS" \
    "$BUILD/bench/naive_contrib" --input "$C_CSV" --output "$DATA/out-naive.csv"
add "naive_contrib --int-format" "$ROWS" \
    "$BUILD/bench/naive_contrib" --int-format --input "$C_CSV" --output "$DATA/out-naive-int.csv"
if [[ -x $SI_BATCH ]]; then
    add "si-batch contributions 1 thread" "$ROWS" \
        "$SI_BATCH" contributions --threads 1 --trace none --input "$C_CSV" \
        --output "$DATA/out-contrib-1.csv"
    add "si-batch contributions 2 threads" "$ROWS" \
        "$SI_BATCH" contributions --threads 2 --trace none --input "$C_CSV" \
        --output "$DATA/out-contrib-2.csv"
fi
run_group
ratio "si-batch contributions / naive_contrib (time)" \
    "si-batch contributions 1 thread" "naive_contrib (double, %.2f)" "<= 2"
ratio "si-batch contributions / naive --int-format (time)" \
    "si-batch contributions 1 thread" "naive_contrib --int-format" "(info)"
ratio "si-batch contributions 2 threads / 1 thread (speed)" \
    "si-batch contributions 1 thread" "si-batch contributions 2 threads" ">= 1.8"

# ------------------------------------------------------------------ pension, CSV
say "pension, $ROWS rows, CSV in/out"
if [[ -x $SI_BATCH ]]; then
    add "si-batch pension 1 thread" "$ROWS" \
        "$SI_BATCH" pension --threads 1 --trace none --input "$P_CSV" \
        --output "$DATA/out-pension-1.csv"
    add "si-batch pension 2 threads" "$ROWS" \
        "$SI_BATCH" pension --threads 2 --trace none --input "$P_CSV" \
        --output "$DATA/out-pension-2.csv"
fi
add "pension_decimal.py ($PY)" "$ROWS" \
    "$PY" bench/pension_decimal.py --input "$P_CSV" --output "$DATA/out-pension-decimal.csv"
run_group
ratio "si-batch pension vs pension_decimal.py (speed)" \
    "pension_decimal.py ($PY)" "si-batch pension 1 thread" ">= 20"
ratio "si-batch pension 2 threads / 1 thread (speed)" \
    "si-batch pension 1 thread" "si-batch pension 2 threads" ">= 1.8"

# ------------------------------------------------------------------ same results?
say "checks (not timed)"
if [[ -x $SI_BATCH ]]; then
    for s in contrib pension; do
        if cmp -s "$DATA/out-$s-1.csv" "$DATA/out-$s-2.csv"; then
            echo "si-batch $s: 1 and 2 threads give identical files"
        else
            echo "si-batch $s: 1 and 2 threads DIFFER"
        fi
    done
    "$PY" - "$DATA/out-pension-1.csv" "$DATA/out-pension-decimal.csv" \
        "$DATA/out-contrib-1.csv" "$DATA/out-naive.csv" <<'EOF'
import csv, sys
def cols(path):
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        head = next(r)
        return head, list(r)
def compare(label, a, b, key):
    (ha, ra), (hb, rb) = cols(a), cols(b)
    ia, ib = ha.index(key), hb.index(key)
    common = [h for h in ha if h in hb and h != "error"]
    same_key = sum(x[ia] == y[ib] for x, y in zip(ra, rb))
    same_all = sum(all(x[ha.index(h)] == y[hb.index(h)] for h in common) for x, y in zip(ra, rb))
    print(f"{label}: {len(ra)} vs {len(rb)} rows; '{key}' equal on {same_key} "
          f"({100.0 * same_key / max(1, len(ra)):.3f} %), every common column on {same_all}")
compare("si-batch pension vs pension_decimal.py", sys.argv[1], sys.argv[2], "total")
compare("si-batch contributions vs naive_contrib", sys.argv[3], sys.argv[4], "total")
EOF
fi
LIBSI_LIBRARY=$LIB PYTHONPATH=bindings/python \
    "$PY" bench/verify.py pension "$P_CSV" --limit 20000 || true

# ------------------------------------------------------------------ in memory
say "in-memory batch and libsi_calculate (bench_batch, N = $ROWS, M = $M)"
if [[ -x $BENCH_BATCH ]]; then
    "$BENCH_BATCH" all "$ROWS" "$M" --repeat "$REPEAT" --threads 2
else
    "$BUILD/bench/bench_calculate" all 1000 "$M" --repeat "$REPEAT"
fi
say "bench_calc (libsi_calculate, full trace, $M cases; the issue's 'today' figures)"
add "bench_calc pension 1 thread" "$M" "$BUILD/bench/bench_calc" pension "$M" 1
add "bench_calc pension 2 threads" "$M" "$BUILD/bench/bench_calc" pension "$M" 2
add "bench_calc contributions 1 thread" "$M" "$BUILD/bench/bench_calc" contributions "$M" 1
if [[ -x $BENCH_BATCH ]]; then # the full trace read as JSON: libsi_calculate + libsi_result_json
    add "calculate + JSON pension" "$M" "$BENCH_BATCH" pension 1000 "$M" --repeat 1 \
        --threads 1 --only "calculate full +json"
fi
if [[ -n ${BEFORE:-} ]]; then
    add "before: bench_calc pension 1 thread" "$M" "$BEFORE/bench/bench_calc" pension "$M" 1
    add "before: bench_calc contributions 1 thread" "$M" \
        "$BEFORE/bench/bench_calc" contributions "$M" 1
    add "before: calculate + JSON pension" "$M" "$BEFORE/bench/bench_calculate" pension 1000 \
        "$M" --repeat 1 --threads 1 --only "calculate full +json"
fi
run_group
ratio "bench_calc pension 2 threads / 1 thread (speed)" \
    "bench_calc pension 1 thread" "bench_calc pension 2 threads" ">= 1.8"
ratio "bench_calc pension, after / before (speed)" \
    "before: bench_calc pension 1 thread" "bench_calc pension 1 thread" ">= 10"
ratio "bench_calc contributions, after / before (speed)" \
    "before: bench_calc contributions 1 thread" "bench_calc contributions 1 thread" "(info)"
ratio "calculate + JSON pension, after / before (speed)" \
    "before: calculate + JSON pension" "calculate + JSON pension" ">= 10"
if [[ -n ${BEFORE:-} && -x $BEFORE/bench/bench_calculate ]]; then
    say "before issue #10: bench_calculate ($BEFORE)"
    "$BEFORE/bench/bench_calculate" all 1000 "$M" --repeat "$REPEAT"
fi

# ------------------------------------------------------------------ Python
say "Python binding"
LIBSI_LIBRARY=$LIB PYTHONPATH=bindings/python \
    "$PY" bench/bench_python.py "$P_CSV" --scheme pension --many "$M" --repeat "$REPEAT" || true
if [[ -n ${BEFORE:-} && -d $BEFORE/../bindings/python ]]; then
    echo "before:"
    LIBSI_LIBRARY=$BEFORE/libsi/libsi.so.0 PYTHONPATH=$BEFORE/../bindings/python \
        "$PY" bench/bench_python.py "$P_CSV" --scheme pension --many "$M" --repeat "$REPEAT" || true
fi
if [[ $DASK == 1 ]]; then
    LIBSI_LIBRARY=$LIB \
        /usr/bin/python3 examples/python/dask_batch.py --members 1000000 --workers 2 \
        --check-sample 20000 || true
fi

# ------------------------------------------------------------------ CSV cost (issue #10 item 8)
if [[ -x $SI_BATCH ]] && command -v perf >/dev/null; then
    say "share of libcsv in si-batch (perf, 1 thread, $ROWS rows; issue: at most a tenth)"
    for s in contributions pension; do
        in=$C_CSV
        [[ $s == pension ]] && in=$P_CSV
        if perf record -q -o "$DATA/perf-$s.data" "$SI_BATCH" "$s" --threads 1 --trace none \
                --input "$in" --output "$DATA/out-perf.csv" >/dev/null 2>&1; then
            perf report -i "$DATA/perf-$s.data" --sort dso --stdio 2>/dev/null |
                awk -v s="$s" '/^ +[0-9.]+%/ { printf "si-batch %-13s %8s  %s\n", s, $1, $2 }' | head -6
        else
            echo "perf record failed (permissions?): skipped"
        fi
    done
fi

# ------------------------------------------------------------------ memory
if [[ -x $SI_BATCH && $BIG_ROWS -gt 0 ]]; then
    say "peak RSS of si-batch, $BIG_ROWS rows (/usr/bin/time -v)"
    for s in contributions pension; do
        big=$(gen "$s" "$BIG_ROWS")
        for t in 1 2; do
            /usr/bin/time -v "$SI_BATCH" "$s" --threads "$t" --trace none --input "$big" \
                --output /dev/null 2>"$DATA/time-v.out" >/dev/null || true
            awk -v s="$s" -v t="$t" -v n="$BIG_ROWS" -F': ' '
                /Elapsed \(wall clock\)/ { wall = $2 }
                /Maximum resident set size/ { rss = $2 }
                /Exit status/ { rc = $2 }
                END { printf "si-batch %-13s %d thread(s) %9d rows: peak RSS %.1f MiB (target <= 64), wall %s, exit %s\n",
                             s, t, n, rss / 1024, wall, rc }' "$DATA/time-v.out"
        done
    done
fi
say "done"
