#!/bin/sh
# Quick start, step 1: install what is missing, build, and run the main job
# (the contribution calculator on Guangzhou examples: one wage above the
# ceiling, one below the floor, each flagged).
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
[ -d build ] || meson setup build >/dev/null
meson compile -C build >/dev/null
echo "== Guangzhou, 2025-08, wage 40000 (above the ceiling) =="
./build/examples/si-contrib city=guangzhou month=2025-08 wage=40000
echo
echo "== Guangzhou, 2025-08, wage 3000 (below the floor) =="
./build/examples/si-contrib city=guangzhou month=2025-08 wage=3000
