#!/bin/sh
# Golden corpus gate (docs/testing.md, "Gates"): the same corpus from several
# builds must be byte-identical.
#
#   sh tests/gates/golden.sh BUILD-DIR...      (from the repository root)
#
# For each build (compiled beforehand; scripts/test.sh builds gcc -O2, clang -O2
# and gcc -O0) it writes BUILD/golden/vectors.jsonl (tests/gates/golden.c:
# every calculation vector row as canonical JSON, and the decimal vectors) and
# BUILD/golden/readme.txt (every README command of the C calculators,
# ./build/examples/..., run on that build, the calculators with --json; the
# files the README only names, case.yaml, retiree.yaml and record.csv, are
# tests/gates/readme/).  Every build's files are compared with the first's.
# Exit status 0 when all are identical and every README command exited 0.
set -u
cd "$(dirname "$0")/../.."
[ $# -ge 2 ] || { echo "usage: $0 BUILD-DIR BUILD-DIR..." >&2; exit 2; }
export LIBSI_VECTORS="$PWD/tests/vectors"
status=0

# The README's calculator commands, one per line (continuations joined,
# comments dropped, shell redirections to files dropped).
readme_commands() {
  awk '
    /^```/ { inblock = !inblock; next }
    !inblock { next }
    { line = $0 }
    cont != "" { line = cont " " line; cont = "" }
    line ~ /\\$/ { sub(/\\$/, "", line); cont = line; next }
    line ~ /^\.\/build\/examples\// { print line }
  ' README.md | sed -e 's/[[:space:]]#.*$//' -e 's/[[:space:]]*$//' \
                   -e 's/[[:space:]]*>[[:space:]]*[^<[:space:]]*$//' -e 's/[[:space:]][[:space:]]*/ /g'
}

run_readme() { # $1 = build dir, $2 = output file
  n=0; bad=0
  readme_commands > "$2.commands"
  : > "$2"
  while IFS= read -r cmd; do
    n=$((n+1))
    prog=$(echo "$cmd" | sed 's|^\./build/examples/\([^ ]*\).*|\1|')
    run=$(echo "$cmd" | sed "s|^\./build/examples/|$1/examples/|")
    # The 5,000-path stochastic run takes minutes at -O0: the same command with 50 paths.
    run=$(echo "$run" | sed 's|--stochastic 5000|--stochastic 50|')
    # A file the command writes (si-microsim --members-out out.csv) goes
    # beside the output, not into the source tree.
    run=$(echo "$run" | sed "s| out\.csv| $2.written.csv|g")
    for f in case.yaml retiree.yaml record.csv; do
      run=$(echo "$run" | sed "s| $f| tests/gates/readme/$f|g; s|=$f|=tests/gates/readme/$f|g")
    done
    case "$prog" in
      si-contrib|si-pension|si-unemployment|si-injury|si-actuarial)
        case " $run " in *" --json "*|*" --help "*) ;; *) run="$run --json" ;; esac ;;
    esac
    printf '$ %s\n' "$cmd" >> "$2"
    sh -c "$run" </dev/null > "$2.out" 2>&1
    rc=$?
    sed "s|$1/|BUILD/|g" "$2.out" >> "$2"
    printf '[exit %d]\n' "$rc" >> "$2"
    if [ "$rc" -ne 0 ]; then
      echo "golden: README command failed (exit $rc) in $1: $cmd" >&2
      sed 's/^/  /' "$2.out" | head -5 >&2
      bad=$((bad+1))
    fi
  done < "$2.commands"
  rm -f "$2.out" "$2.commands" "$2.written.csv"
  echo "$n README commands, $bad failed"
  [ "$bad" -eq 0 ]
}

ref=""
for b in "$@"; do
  mkdir -p "$b/golden"
  if ! "$b/tests/gate_golden" "$b/tests/gate_vectors.list" "$b/golden/vectors.jsonl" 2>&1; then
    echo "golden: $b: the corpus writer failed" >&2; status=1; continue
  fi
  printf '%s: ' "$b"
  run_readme "$b" "$b/golden/readme.txt" || status=1
  if [ -z "$ref" ]; then ref=$b; continue; fi
  for f in vectors.jsonl readme.txt; do
    if cmp -s "$ref/golden/$f" "$b/golden/$f"; then
      echo "golden: $f identical: $ref = $b ($(wc -l < "$b/golden/$f") lines, $(wc -c < "$b/golden/$f") bytes)"
    else
      echo "golden: $f DIFFERS between $ref and $b; first differing lines:" >&2
      diff "$ref/golden/$f" "$b/golden/$f" | head -20 | cut -c1-400 >&2
      status=1
    fi
  done
done
[ "$status" -eq 0 ] && echo "golden: ok" || echo "golden: FAIL"
exit "$status"
