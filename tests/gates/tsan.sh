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
echo "tsan: ok"
