#!/usr/bin/env python3
"""Check the benchmark inputs and comparators against the library (not a test: run by hand
or by bench/run.sh; needs the Python binding and a built libsi).

    PYTHONPATH=bindings/python LIBSI_LIBRARY=build-release/libsi/libsi.so.0 \\
        python3 bench/verify.py pension FILE.csv [--limit N]
    ... python3 bench/verify.py contributions FILE.csv [--naive NAIVE_OUTPUT.csv] [--limit N]

pension        every row computes with libsi.calculate, and bench/pension_decimal.py gives
               the library's total to the fen (and the same text in every other column);
               prints the agreement rates.
contributions  every row computes; with --naive, compares the columns written by
               bench/naive_contrib (computed in double) with the library's, to the fen.
"""

from __future__ import annotations

import argparse
import csv
import io
import itertools
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import libsi  # noqa: E402  (PYTHONPATH=bindings/python)
import pension_decimal  # noqa: E402


def read_rows(path: str, limit: int) -> tuple:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [dict(zip(header, r)) for r in itertools.islice(reader, limit)]
    return header, rows


def library(scheme: str, rows: list) -> list:
    return libsi.calculate_many(scheme, rows, trace=False)


def check_pension(path: str, limit: int) -> int:
    header, rows = read_rows(path, limit)
    results = library("pension", rows)
    failed = [i for i, r in enumerate(results) if not r.ok]
    with open(path, newline="", encoding="utf-8") as src:
        src = io.StringIO("".join(itertools.islice(src, limit + 1)))
        dst = io.StringIO()
        pension_decimal.run(src, dst)
    dst.seek(0)
    out = list(csv.reader(dst))
    names = out[0][1:-1]
    total_ok = all_ok = 0
    column_diffs: dict = {}
    examples = []
    for i, (r, mine) in enumerate(zip(results, out[1:])):
        if not r.ok:
            continue
        lib_cells = [r.raw.get(n, "") or "" for n in names]
        mine_cells = mine[1:-1]
        if mine[-1] == "" and lib_cells[names.index("total")] == mine_cells[names.index("total")]:
            total_ok += 1
        if mine[-1] == "" and lib_cells == mine_cells:
            all_ok += 1
        else:
            for n, a, b in zip(names, lib_cells, mine_cells):
                if a != b:
                    column_diffs[n] = column_diffs.get(n, 0) + 1
                    if len(examples) < 5:
                        examples.append((i + 1, n, a, b))
    n = len(rows)
    print(f"pension: {n} rows, {len(failed)} failed in libsi "
          f"{'(first: row %d: %s)' % (failed[0] + 1, results[failed[0]].error) if failed else ''}")
    print(f"pension_decimal.py vs libsi: total equal to the fen on {total_ok}/{n - len(failed)} "
          f"rows ({100.0 * total_ok / max(1, n - len(failed)):.2f} %); every column equal on "
          f"{all_ok}/{n - len(failed)}")
    for k, v in sorted(column_diffs.items()):
        print(f"  column {k}: {v} rows differ")
    for e in examples:
        print(f"  e.g. row {e[0]} {e[1]}: libsi {e[2]!r} vs decimal {e[3]!r}")
    return 0 if not failed and total_ok == n else 1


def check_contributions(path: str, limit: int, naive: str | None) -> int:
    header, rows = read_rows(path, limit)
    results = library("contributions", rows)
    failed = [i for i, r in enumerate(results) if not r.ok]
    print(f"contributions: {len(rows)} rows, {len(failed)} failed in libsi "
          f"{'(first: row %d: %s)' % (failed[0] + 1, results[failed[0]].error) if failed else ''}")
    if not naive:
        return 1 if failed else 0
    with open(naive, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        names = next(reader)[1:-1]
        out = list(itertools.islice(reader, len(rows)))
    same_rows = 0
    column_diffs: dict = {}
    examples = []
    for i, (r, mine) in enumerate(zip(results, out)):
        if not r.ok:
            continue
        differ = False
        for n, b in zip(names, mine[1:-1]):
            a = r.raw.get(n, "")
            if a != b and not (a and b and float(a) == float(b)):
                differ = True
                column_diffs[n] = column_diffs.get(n, 0) + 1
                if len(examples) < 5:
                    examples.append((i + 1, n, a, b))
        same_rows += not differ
    print(f"naive_contrib (double) vs libsi: every column equal in value on {same_rows}/"
          f"{len(out)} rows ({100.0 * same_rows / max(1, len(out)):.3f} %)")
    for k, v in sorted(column_diffs.items()):
        print(f"  column {k}: {v} rows differ")
    for e in examples:
        print(f"  e.g. row {e[0]} {e[1]}: libsi {e[2]!r} vs naive {e[3]!r}")
    return 1 if failed else 0


def main(argv: list) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("scheme", choices=("pension", "contributions"))
    ap.add_argument("file")
    ap.add_argument("--limit", type=int, default=10000)
    ap.add_argument("--naive")
    args = ap.parse_args(argv)
    if args.scheme == "pension":
        return check_pension(args.file, args.limit)
    return check_contributions(args.file, args.limit, args.naive)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
