#!/usr/bin/env python3
"""Throughput of libsi.calculate_batch: N synthetic pension rows (the members of
examples/python/dask_batch.py, built before the clock starts), timed from the
call to the last output read.

    PYTHONPATH=bindings/python LIBSI_LIBRARY=build/libsi/libsi.so.0 \\
        python3 bindings/python/benchmarks/calculate_batch.py [--rows N] [--threads 1,2] [--no-numpy]

Each line: threads, what is read, wall seconds, rows/s (best of --repeat runs) and
the CPU seconds of that run (all threads).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "examples" / "python"))

import libsi  # noqa: E402
from libsi import table  # noqa: E402


def readers(scheme: str) -> dict:
    """what is read → (calculate_batch keywords, reader)."""
    sch = libsi.schema(scheme)
    money = [f.name for f in sch.outputs if f.type == "decimal" and f.unit.startswith("yuan")]
    return {
        "nothing": ({}, lambda b: None),
        "total (Decimal)": ({}, lambda b: b.columns["total"]),
        "total, outputs=[total]": ({"outputs": ["total"]}, lambda b: b.columns["total"]),
        "total+eligible+retirement_date": ({}, lambda b: (b.columns["total"], b.columns["eligible"],
                                                          b.columns["retirement_date"])),
        "every money output as fen": ({}, lambda b: [b.fen(n) for n in money]),
        "every output (Decimal, ...)": ({}, lambda b: [b.columns[n] for n in b.output_names]),
        "total + flags + hashes": ({"trace": "hash"}, lambda b: (b.columns["total"], b.flags,
                                                                 b.hashes)),
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--threads", default="1,2", help="thread counts to run (default 1,2)")
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--no-numpy", action="store_true", help="use the standard-library paths")
    p.add_argument("--only", help="run only the readers whose name contains this")
    args = p.parse_args()
    if args.no_numpy:
        table._numpy_module[:] = [None]
    import dask_batch  # the member generator only (dask is not imported)
    t0 = time.perf_counter()
    columns = dask_batch.member_columns("pension", 1, 0, args.rows)
    print(f"libsi {libsi.version()} ({libsi.library_path}); numpy: {table._numpy() is not None}; "
          f"{args.rows:,} rows built in {time.perf_counter() - t0:.1f} s (not timed)")
    for threads in (int(t) for t in args.threads.split(",")):
        for what, (options, read) in readers("pension").items():
            if args.only and args.only not in what:
                continue
            best = cpu = None
            for _ in range(args.repeat):
                t, c = time.perf_counter(), time.process_time()
                batch = libsi.calculate_batch("pension", columns, threads=threads, **options)
                read(batch)
                seconds, cpu_s = time.perf_counter() - t, time.process_time() - c
                batch.close()
                if best is None or seconds < best:
                    best, cpu = seconds, cpu_s
            print(f"threads {threads}  {what:32s} {best:6.2f} s  {args.rows / best:>11,.0f} rows/s"
                  f"   (CPU {cpu:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
