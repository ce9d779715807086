#!/bin/sh
# Quick start, step 1: install what is missing, build, and run the main job
# on the embedded default rules: the contribution calculator on Guangzhou
# examples (one wage above the ceiling, one below the floor, each flagged),
# then the pension calculator on a Guangzhou retiree.
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
echo
echo "== Guangzhou pension: man born 1965-03-10, retiring at the statutory age =="
./build/examples/si-pension city=guangzhou retirement_group=male60 birth_date=1965-03-10 \
  contribution_months=336 deemed_months=60 average_index=1.2345 account_balance=158000.00 \
  deemed_account_balance=21000.00
