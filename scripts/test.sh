#!/bin/sh
# Quick start, step 2: run every test.  Builds twice (normal, and with
# AddressSanitizer + UndefinedBehaviorSanitizer), runs the meson test suite in
# both, checks the installed library with pkg-config from C and C++, and ends
# with one line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
sh scripts/deps.sh || { echo "0 passed, 1 failed"; exit 1; }
passed=0; failed=0
count() { # $1 = meson build dir
  log="$1/meson-logs/testlog.json"
  [ -f "$log" ] || { failed=$((failed+1)); return; }
  p=$(grep -c '"result": "OK"' "$log" || true)
  f=$(grep -c '"result": "\(FAIL\|ERROR\|TIMEOUT\|UNEXPECTEDPASS\)"' "$log" || true)
  passed=$((passed+p)); failed=$((failed+f))
}
run_suite() { # $1 = dir, rest = meson options
  dir=$1; shift
  if [ ! -d "$dir" ]; then meson setup "$dir" "$@" >/dev/null || { failed=$((failed+1)); return; }; fi
  if ! meson compile -C "$dir" >"$dir.compile.log" 2>&1; then
    cat "$dir.compile.log"; failed=$((failed+1)); return
  fi
  rm -f "$dir/meson-logs/testlog.json"
  meson test -C "$dir" --print-errorlogs || true
  count "$dir"
}
run_suite build-test
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  run_suite build-asan -Db_sanitize=address,undefined -Db_lundef=false
if sh tests/check-install.sh build-test; then passed=$((passed+1)); else failed=$((failed+1)); fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
