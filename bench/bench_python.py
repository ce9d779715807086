#!/usr/bin/env python3
"""Python binding throughput on a bench/gen_rows.py CSV (a benchmark, never a test).

    PYTHONPATH=bindings/python LIBSI_LIBRARY=BUILD/libsi/libsi.so.0 \\
        python3 bench/bench_python.py FILE.csv [--scheme pension] [--many M] [--repeat R]

Reads the CSV into columns of str (not timed), then times, R times each (median):
  calculate_batch 1 thread   libsi.calculate_batch(scheme, columns) (issue #10: one C call)
  calculate_batch 2 threads  the same with threads=2
  calculate_many             libsi.calculate_many on the first M rows (trace=False): the
                             one-call-per-row path of today
calculate_batch lines are skipped when the binding or library has no batch API.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time

import libsi


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--scheme", default="pension")
    ap.add_argument("--many", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    with open(args.file, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        data = list(reader)
    n = len(data)
    columns = {name: [row[i] for row in data] for i, name in enumerate(header)}
    print(f"bench_python: libsi {libsi.version()} ({libsi.library_path}), {n} rows of "
          f"{args.scheme}, median of {args.repeat}")
    batch = getattr(libsi, "calculate_batch", None)
    for threads in (1, 2):
        if batch is None:
            print(f"{'calculate_batch %d thread%s' % (threads, 's' if threads > 1 else ''):28} "
                  "skipped: the binding has no calculate_batch")
            continue
        try:
            r = batch(args.scheme, columns, threads=threads)
            failed = len(r.errors)
        except libsi.Error as e:
            print(f"calculate_batch {threads}: skipped: {e}")
            break
        t = median_time(lambda: batch(args.scheme, columns, threads=threads), args.repeat)
        label = f"calculate_batch {threads} thread{'s' if threads > 1 else ''}"
        print(f"{label:28} {n:9d} rows  {t:8.3f} s  {n / t:12.0f} rows/s  ({failed} failed)")
    m = min(args.many, n)
    rows = [dict(zip(header, row)) for row in data[:m]]
    t = median_time(lambda: libsi.calculate_many(args.scheme, rows, trace=False), args.repeat)
    print(f"{'calculate_many':28} {m:9d} rows  {t:8.3f} s  {m / t:12.0f} rows/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
