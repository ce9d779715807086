#!/usr/bin/env python3
"""Deterministic CSV input files for the benchmarks (bench/run.sh, docs/performance.md).

    python3 bench/gen_rows.py SCHEME ROWS OUTPUT [--seed N]

SCHEME is ``contributions`` or ``pension``; OUTPUT is a path or ``-`` for standard
output.  The first line holds the input names of the scheme's schema, then one row
per person.  The same seed gives the same file, byte for byte (Python's
``random.Random`` with an integer seed is stable across versions).

Every row computes with the built-in rule data (checked on samples with
``libsi.calculate``; see docs/performance.md):

contributions  city, month, wage
    city among guangzhou / zhaoqing / zhanjiang; month 2024-08 .. 2025-12 (the
    months whose pension floors exist for all three cities: Zhaoqing and Zhanjiang
    floors start 2024-07); wage 1000.00 .. 45000.00 with fen, about 15 % below the
    floor, 15 % above the ceiling.
pension        city, retirement_group, birth_date, contribution_months,
               average_index, account_balance   (the summary path)
    retirement_group male60 / female55 / female50 (50 / 25 / 25 %), birth date such
    that the statutory retirement month falls in 2024-01 .. 2025-12 (the calculation
    base C has data up to 2025; a retirement in 2026 fails with NOTFOUND),
    contribution_months 180 .. 480 (at most the months from age 16 to the
    retirement month), average_index 0.6 .. 3.0 with 1 to 4 decimals,
    account_balance 5,000.00 .. 400,000.00.
"""

from __future__ import annotations

import argparse
import random
import sys

CITIES = ("guangzhou", "zhaoqing", "zhanjiang")
COLUMNS = {
    "contributions": ("city", "month", "wage"),
    "pension": ("city", "retirement_group", "birth_date", "contribution_months",
                "average_index", "account_balance"),
}
# Contribution months with rule data for every city (2024-08 .. 2025-12).
MONTHS = tuple(f"{y}-{m:02d}" for y, m in
               [(2024, m) for m in range(8, 13)] + [(2025, m) for m in range(1, 13)])

# 国务院《关于渐进式延迟法定退休年龄的办法》第一条 (same table as libsi/schemes/retirement/retirement_age.c):
# original age in months, first birth month delayed (year*12 + month-1), step, cap.
GROUPS = {
    "male60": (720, 1965 * 12, 4, 36),
    "female55": (660, 1970 * 12, 4, 36),
    "female50": (600, 1975 * 12, 2, 60),
}
FIRST_RETIREMENT, LAST_RETIREMENT = 2024 * 12, 2025 * 12 + 11  # 2024-01 .. 2025-12


def statutory_month(group: str, birth_month: int) -> int:
    original, start, step, cap = GROUPS[group]
    k = birth_month - start
    delay = 0 if k < 0 else min(cap, k // step + 1)
    return birth_month + original + delay


def money(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def contributions_row(rng: random.Random) -> str:
    city = CITIES[rng.randrange(3)]
    month = MONTHS[rng.randrange(len(MONTHS))]
    u = rng.random()
    if u < 0.15:  # below every floor (4492 .. 5510)
        fen = rng.randrange(100000, 449000)
    elif u < 0.85:  # inside the band
        fen = rng.randrange(449000, 2750000)
    else:  # above the ceiling (27501 / 27549)
        fen = rng.randrange(2760000, 4500001)
    return f"{city},{month},{money(fen)}\n"


def pension_row(rng: random.Random) -> str:
    city = CITIES[rng.randrange(3)]
    u = rng.random()
    group = "male60" if u < 0.5 else "female55" if u < 0.75 else "female50"
    original = GROUPS[group][0]
    while True:  # a birth month whose statutory retirement lies in 2024-01 .. 2025-12
        birth = rng.randrange(FIRST_RETIREMENT - original - 40, LAST_RETIREMENT - original + 1)
        if FIRST_RETIREMENT <= statutory_month(group, birth) <= LAST_RETIREMENT:
            break
    birth_date = f"{birth // 12}-{birth % 12 + 1:02d}-{rng.randrange(1, 29):02d}"
    # at most the months from age 16 up to the retirement month (the plausibility
    # bound of issue #12, 《劳动法》第十五条): a row beyond it fails with ERANGE
    months = min(rng.randrange(180, 481), statutory_month(group, birth) - birth - 192)
    decimals = (1, 2, 3, 4, 4, 4)[rng.randrange(6)]
    scale = 10 ** decimals
    z = rng.randrange(6 * scale // 10, 3 * scale + 1)
    index = f"{z // scale}.{z % scale:0{decimals}d}"
    balance = money(rng.randrange(500000, 40000001))
    return f"{city},{group},{birth_date},{months},{index},{balance}\n"


def main(argv: list) -> int:
    ap = argparse.ArgumentParser(description="Write a benchmark CSV input file.")
    ap.add_argument("scheme", choices=sorted(COLUMNS))
    ap.add_argument("rows", type=int)
    ap.add_argument("output", help="path, or - for standard output")
    ap.add_argument("--seed", type=int, default=20250801)
    args = ap.parse_args(argv)
    if args.rows < 0:
        ap.error("rows must not be negative")
    rng = random.Random(args.seed)
    make = contributions_row if args.scheme == "contributions" else pension_row
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8",
                                                        newline="")
    try:
        out.write(",".join(COLUMNS[args.scheme]) + "\n")
        left = args.rows
        while left > 0:
            n = min(left, 65536)
            out.write("".join(make(rng) for _ in range(n)))
            left -= n
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
