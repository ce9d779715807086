#!/bin/sh
# Quick start, step 2: run every test.  Builds twice (normal, and with
# AddressSanitizer + UndefinedBehaviorSanitizer), runs the meson test suite in
# both, checks the installed library with pkg-config from C and C++, runs the
# gates (docs/testing.md, "Gates": coverage, golden corpus across compilers,
# ThreadSanitizer, ABI; each counts as one test), and ends with one line
# "N passed, N failed".
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

# Gates (docs/testing.md, "Gates"); the allocation-failure and GMP-bound gates
# are meson tests (suite "gates") of both builds above.
gate() { # $1 = name, rest = command
  name=$1; shift
  start=$(date +%s)
  if "$@"; then passed=$((passed+1)); result=ok; else failed=$((failed+1)); result=FAIL; fi
  echo "gate $name: $result ($(( $(date +%s) - start )) s)"
}
golden_build() { # $1 = dir, rest = meson options: only what the golden corpus runs
  dir=$1; shift
  if [ ! -d "$dir" ]; then meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }; fi
  # Every calculator the README runs (golden.sh runs those commands), read from the README
  # itself so that a new calculator cannot be left out.
  progs=$(grep -o '\./build/examples/si-[a-z0-9-]*' README.md | sed 's|^\./build/||' | sort -u)
  meson compile -C "$dir" tests/gate_golden $progs >"$dir.compile.log" 2>&1 ||
    { cat "$dir.compile.log"; return 1; }
}
golden() { # gcc -O2 (build-test), clang -O2, gcc -O0
  golden_build build-test && (export CC=clang CXX=clang++; golden_build build-clang) &&
    golden_build build-o0 --buildtype=debug && sh tests/gates/golden.sh build-test build-clang build-o0
}
gate coverage sh tests/gates/coverage.sh build-cov
gate golden golden
gate tsan sh tests/gates/tsan.sh build-tsan
gate abi sh scripts/check-abi.sh build-abi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
