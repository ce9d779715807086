#!/bin/sh
# ThreadSanitizer gate (docs/testing.md, "Gates"):
#
#   sh tests/gates/tsan.sh [BUILD-DIR]       (default build-tsan)
#
# Builds the library and tests/gates/stress.c with clang -fsanitize=thread
# (meson -Db_sanitize=thread), checks that a deliberate race is reported (the
# gate can fail), then runs every calculation's vector rows on 8 threads (one
# context each, one shared ruleset) and every vector file as a table through
# libsi_batch_run_table on 1 and 8 threads.  Passes when ThreadSanitizer
# reports nothing and every result equals the one-thread result.
set -u
cd "$(dirname "$0")/../.."
dir=${1:-build-tsan}
if [ ! -d "$dir" ]; then
  CC=clang CXX=clang++ meson setup "$dir" -Db_sanitize=thread -Db_lundef=false \
    >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; echo "tsan: setup failed"; exit 1; }
fi
meson compile -C "$dir" tests/gate_stress >"$dir.compile.log" 2>&1 ||
  { cat "$dir.compile.log"; echo "tsan: build failed"; exit 1; }
export LIBSI_VECTORS="$PWD/tests/vectors"
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"

# Some kernels randomise mmap more than clang 14's TSan accepts: run with
# address randomisation off when it says so.
tsan_run() {
  "$@" >"$dir/tsan.out" 2>&1
  rc=$?
  if grep -q "unexpected memory mapping" "$dir/tsan.out"; then
    setarch "$(uname -m)" -R "$@" >"$dir/tsan.out" 2>&1
    rc=$?
  fi
  return $rc
}

tsan_run "$dir/tests/gate_stress" --canary
if [ "$rc" -eq 0 ] || ! grep -q "ThreadSanitizer: data race" "$dir/tsan.out"; then
  cat "$dir/tsan.out"
  echo "tsan: the deliberate race was not reported: the sanitizer is not working"; exit 1
fi
echo "tsan: canary race reported (as it must be)"
tsan_run "$dir/tests/gate_stress" "$dir/tests/gate_vectors.list" 8
cat "$dir/tsan.out"
if [ "$rc" -ne 0 ] || grep -q "ThreadSanitizer" "$dir/tsan.out"; then
  echo "tsan: FAIL (exit $rc)"; exit 1
fi

# si-batch (issue #10): blocks of rows taken by 2, 3 and 8 worker threads, a
# chunk's output written while the next chunk computes, rows failing in the
# library (wage x) and before it (a cell too many); every file must equal
# the 1-thread file.  The full trace makes chunks of 64 rows per thread.
meson compile -C "$dir" examples/si-batch >>"$dir.compile.log" 2>&1 ||
  { cat "$dir.compile.log"; echo "tsan: si-batch build failed"; exit 1; }
awk 'BEGIN { print "city,month,wage,participant,industry_class"
  split("guangzhou zhaoqing 440800 foshan", c, " ")
  for (i = 0; i < 6000; i++)
    printf "%s,2025-%02d,%s,%s,%d%s\n", c[i % 4 + 1], i % 12 + 1,
      i % 97 == 5 ? "x" : 2000 + (i * 7919) % 40000, i % 3 ? "employee" : "",
      i % 8 + 1, i % 131 == 6 ? ",extra" : "" }' >"$dir/batch.csv"
head -n 1501 "$dir/batch.csv" >"$dir/batch-full.csv"
batch_threads() { # INPUT OPTION...
  input=$1; shift
  for n in 1 2 3 8; do
    tsan_run "$dir/examples/si-batch" contributions "$@" --threads $n \
      --input "$dir/$input" --output "$dir/batch.$n"
    if [ "$rc" -ne 3 ] || grep -q "ThreadSanitizer" "$dir/tsan.out"; then
      cat "$dir/tsan.out"; echo "tsan: si-batch $*, $n threads: FAIL (exit $rc)"; exit 1
    fi
    cmp -s "$dir/batch.1" "$dir/batch.$n" ||
      { echo "tsan: si-batch $*: $n threads differ from 1"; exit 1; }
  done
}
batch_threads batch.csv --trace hash
batch_threads batch-full.csv --format jsonl --trace full
echo "tsan: si-batch on 1, 2, 3 and 8 threads: identical files, no report"
echo "tsan: ok"
