#!/usr/bin/env python3
"""The Guangdong new-retiree pension in plain Python ``decimal``, CSV in, CSV out.

This is the comparator of issue #10 ("at least 20x a Python decimal implementation
of the same formula reading and writing the same CSV"): the script an analyst
would write instead of calling libsi.  It reads the CSV that ``si-batch pension``
reads (bench/gen_rows.py writes one) and writes the same columns::

    row, <the 20 outputs of the pension schema, schema order>, error

    python3 bench/pension_decimal.py [--input FILE] [--output FILE]   (default: stdin/stdout)

Scope: the summary path (``contribution_months``, ``average_index``,
``account_balance``; optional ``deemed_months`` and ``deemed_account_balance``),
retirement at the statutory month.  Not implemented (a row using them gets an
error): ``retirement_date``, ``history``, ``transition_years``,
``calculation_base``, ``known_on``, ``carry_forward``.

The formulas follow libsi/schemes/pension/pension.c, pension_formula.c, pension_transition.c and
retirement_age.c (docs/pension.md):

    statutory age   = original age + min(cap, (birth month - start) // step + 1)
    basic           = round_fen(C * (a + Z) / 2 * months/12 * 1 %),  a = min(1, Z / 0.6)
    divisor         = round_0.1(M(y) - (M(y) - M(y+1)) * m / 12)   (table 40..70)
    account         = round_fen(balance / divisor)
    supplements     = 100 + 4 * (months // 12)
    old method      = round_fen(deemed_account_balance / 120)
    new method      = round_fen(C * deemed_index * deemed_months / 12 * 1.2 %)   (from 2021)
    adjustment      = round_fen(max(0, new - old - 4 * (months // 12)) * ratio)
    total           = basic + account + old + adjustment + supplements

each rounding half-up.  The rule values are HARD-CODED below from
data/rules/pension-benefits.yaml as of commit f238d40 (no YAML parser, standard
library only): they are the handful the rows of bench/gen_rows.py need (retirement
2020..2025, the three cities).  If the rule data change, update them here;
bench/verify.py pension shows any disagreement.
"""

from __future__ import annotations

import argparse
import csv
import sys
from decimal import ROUND_HALF_UP, Decimal, localcontext

# ---------------------------------------------------------------- rule values
# pension.calculation_base (440000) by retirement year; none from 2026 (NOTFOUND).
CALCULATION_BASE = {2020: Decimal("7860"), 2021: Decimal("8332"), 2022: Decimal("8682"),
                    2023: Decimal("9028"), 2024: Decimal("9307"), 2025: Decimal("9493")}
# pension.transition.ratio (440000) by year, 1 from 2025 on; none before 2021.
TRANSITION_RATIO = {2021: Decimal("0.3"), 2022: Decimal("0.5"), 2023: Decimal("0.7"),
                    2024: Decimal("0.9")}
# pension.transition.deemed_index by city (附表一/二 averages).
CITIES = {}
for _names, _index in ((("guangzhou", "440100", "广州", "广州市"), "1.191"),
                       (("zhaoqing", "441200", "肇庆", "肇庆市"), "0.761"),
                       (("zhanjiang", "440800", "湛江", "湛江市"), "0.742")):
    for _n in _names:
        CITIES[_n] = Decimal(_index)
# pension.divisor.age_40 .. age_70 (国发〔2005〕38号 附件).
DIVISOR = dict(zip(range(40, 71), map(Decimal, (
    233, 230, 226, 223, 220, 216, 212, 208, 204, 199, 195, 190, 185, 180, 175, 170, 164, 158,
    152, 145, 139, 132, 125, 117, 109, 101, 93, 84, 75, 65, 56))))
LOW_INDEX_THRESHOLD = Decimal("0.6")     # pension.low_index_threshold
BASIC_RATE = Decimal("0.01")             # pension.basic.rate_per_year
SUPPLEMENT_FIXED = Decimal("100")        # pension.supplement.fixed
SUPPLEMENT_PER_YEAR = Decimal("4")       # pension.supplement.per_year
OLD_DIVISOR = Decimal("120")             # pension.transition.old_divisor
NEW_COEFFICIENT = Decimal("0.012")       # pension.transition.coefficient

# 办法第一条: original age (months), first delayed birth month, step, cap.
GROUPS = {"male60": (720, 1965 * 12, 4, 36), "female55": (660, 1970 * 12, 4, 36),
          "female50": (600, 1975 * 12, 2, 60)}

OUTPUTS = ("basic_pension", "account_pension", "transitional_pension", "transition_adjustment",
           "supplements", "total", "divisor", "statutory_retirement_age",
           "statutory_retirement_date", "minimum_contribution_months", "eligible",
           "months_short", "retirement_date", "retirement_age", "contribution_months_total",
           "average_index", "average_index_exact", "account_balance", "calculation_base",
           "new_method_pension")
UNSUPPORTED = ("retirement_date", "history", "transition_years", "calculation_base",
               "known_on", "carry_forward")

FEN, TENTH, INDEX4 = Decimal("0.01"), Decimal("0.1"), Decimal("0.0001")
ZERO, ONE = Decimal("0.00"), Decimal(1)
TWELVE = Decimal(12)


class RowError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")


def minimum_months(year: int) -> int:
    """pension.minimum_contribution_months: 180 until 2029, +6 a year to 240."""
    return 180 if year < 2030 else min(240, 186 + 6 * (year - 2030))


def month_text(m: int) -> str:
    return f"{m // 12}-{m % 12 + 1:02d}"


def age_text(months: int) -> str:
    return f"{months // 12}y{months % 12}m"


def dec(text: str, name: str) -> Decimal:
    try:
        v = Decimal(text)
    except ArithmeticError:
        raise RowError("EINPUT", f"input '{name}': not a decimal number") from None
    if not v.is_finite():
        raise RowError("EINPUT", f"input '{name}': not a decimal number")
    if v < 0:
        raise RowError("EINPUT", f"input '{name}': must not be negative")
    return v


def integer(text: str, name: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise RowError("EINPUT", f"input '{name}': not an integer") from None
    if v < 0:
        raise RowError("EINPUT", f"input '{name}': must not be negative")
    return v


def divisor(age: int) -> Decimal:
    y, m = divmod(age, 12)
    if y < 40 or y >= 70:
        y, m = (40 if y < 40 else 70), 0
    whole = DIVISOR[y]
    if m == 0:
        return whole.quantize(TENTH, ROUND_HALF_UP)
    return ((whole * 12 - (whole - DIVISOR[y + 1]) * m) / TWELVE).quantize(TENTH, ROUND_HALF_UP)


def pension(get) -> list:
    """One row: `get(name)` gives the cell text ("" when absent); returns the outputs."""
    for name in UNSUPPORTED:
        if get(name):
            raise RowError("EINPUT", f"input '{name}': not supported by this comparator")
    city = get("city")
    deemed_index = CITIES.get(city)
    if deemed_index is None:
        raise RowError("EINPUT", f"input 'city': unknown city '{city}'")
    group = GROUPS.get(get("retirement_group"))
    if group is None:
        raise RowError("EINPUT", "input 'retirement_group': expected male60|female55|female50")
    birth = get("birth_date")
    try:
        birth_month = int(birth[0:4]) * 12 + int(birth[5:7]) - 1
    except ValueError:
        raise RowError("EINPUT", "input 'birth_date': not a valid date") from None
    original, start, step, cap = group
    k = birth_month - start
    age = original + (0 if k < 0 else min(cap, k // step + 1))
    retire = birth_month + age
    year = retire // 12
    minimum = minimum_months(year)
    deemed = integer(get("deemed_months") or "0", "deemed_months")
    months = integer(get("contribution_months"), "contribution_months")
    total_months = months + deemed
    out = [""] * 20
    out[7], out[8] = age_text(age), month_text(retire)
    out[9], out[12], out[13] = str(minimum), month_text(retire), age_text(age)
    out[14] = str(total_months)
    if total_months < minimum:
        out[10], out[11] = "false", str(minimum - total_months)
        return out
    out[10] = "true"
    z = dec(get("average_index"), "average_index")
    balance = dec(get("account_balance"), "account_balance")
    c = CALCULATION_BASE.get(year)
    if c is None:
        raise RowError("ENOTFOUND", f"no value of rule parameter 'pension.calculation_base' "
                                    f"for {city} on {month_text(retire)}-01")
    # basic pension: one exact ratio, rounded once
    if z >= LOW_INDEX_THRESHOLD:
        basic = c * (1 + z) * total_months * BASIC_RATE / 24
    else:
        basic = c * z * (1 + LOW_INDEX_THRESHOLD) * total_months * BASIC_RATE / (
            LOW_INDEX_THRESHOLD * 24)
    basic = basic.quantize(FEN, ROUND_HALF_UP)
    d = divisor(age)
    account = (balance / d).quantize(FEN, ROUND_HALF_UP)
    per_year = SUPPLEMENT_PER_YEAR * (total_months // 12)
    supplements = (SUPPLEMENT_FIXED + per_year).quantize(FEN, ROUND_HALF_UP)
    deemed_balance = dec(get("deemed_account_balance") or "0", "deemed_account_balance")
    old = ZERO if not deemed_balance else (deemed_balance / OLD_DIVISOR).quantize(FEN, ROUND_HALF_UP)
    new = adjustment = ZERO
    if year >= 2021:
        new = (c * deemed_index * deemed * NEW_COEFFICIENT / 12).quantize(FEN, ROUND_HALF_UP)
        gap = new - old - per_year
        if gap < 0:
            gap = ZERO
        adjustment = (gap * TRANSITION_RATIO.get(year, ONE)).quantize(FEN, ROUND_HALF_UP)
    out[0], out[1], out[2], out[3], out[4] = (str(basic), str(account), str(old),
                                              str(adjustment), str(supplements))
    out[5] = str(basic + account + old + adjustment + supplements)
    out[6] = str(d)
    out[15], out[16] = str(z.quantize(INDEX4, ROUND_HALF_UP)), str(z)
    out[17], out[18], out[19] = str(balance), str(c), str(new)
    return out


def run(src, dst) -> int:
    reader = csv.reader(src)
    writer = csv.writer(dst, lineterminator="\n")
    header = next(reader, None)
    if header is None:
        return 0
    index = {name: i for i, name in enumerate(header)}
    writer.writerow(("row",) + OUTPUTS + ("error",))
    failed = 0
    with localcontext() as ctx:
        ctx.prec = 40
        for n, cells in enumerate(reader, 1):
            def get(name, cells=cells):
                i = index.get(name)
                return cells[i] if i is not None and i < len(cells) else ""
            try:
                writer.writerow([n] + pension(get) + [""])
            except RowError as e:
                failed += 1
                writer.writerow([n] + [""] * 20 + [str(e)])
    return 3 if failed else 0


def main(argv: list) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", default="-")
    ap.add_argument("--output", default="-")
    args = ap.parse_args(argv)
    src = sys.stdin if args.input == "-" else open(args.input, newline="", encoding="utf-8")
    dst = sys.stdout if args.output == "-" else open(args.output, "w", newline="",
                                                     encoding="utf-8")
    try:
        return run(src, dst)
    finally:
        if dst is not sys.stdout:
            dst.close()
        if src is not sys.stdin:
            src.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
