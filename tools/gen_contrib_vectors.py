#!/usr/bin/env python3
"""Generate tests/vectors/contrib/contributions.tsv.

Independent oracle: the contribution rules of guangdong-rules.md (A1, A2, C,
D) re-implemented with exact Fractions, using the values the reference gives
(hard-coded below with their section, not read from libsi's data files).

    python3 tools/gen_contrib_vectors.py [OUTFILE]
"""
import os
import sys
from fractions import Fraction as F

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "tests", "vectors", "contrib", "contributions.tsv")

# Periods by first month ("YYYY-MM" strings compare like dates).
CEILING = [("2023-07", 26421), ("2024-07", 27501), ("2025-07", 27549)]       # A2 (2023-07 L)
FLOOR = {
    "guangzhou": [("2023-07", 5284), ("2024-07", 5500), ("2025-07", 5510)],  # A2 (2023-07 L)
    "zhaoqing": [("2024-07", 4492), ("2025-07", 4775)],                      # A2 H
    "zhanjiang": [("2024-07", 4492), ("2025-07", 4775)],
    "foshan": [("2024-07", 4767), ("2025-07", 4775)],
}
MIN_WAGE = {
    "guangzhou": [("2021-12", 2300), ("2025-03", 2500), ("2026-09", 2680)],  # C
    "zhaoqing": [("2021-12", 1720), ("2025-03", 1850), ("2026-09", 2040)],
    "zhanjiang": [("2021-12", 1720), ("2025-03", 1850), ("2026-09", 2040)],
    "foshan": [("2021-12", 1900), ("2025-03", 2080), ("2026-09", 2300)],
}
RATE = {"employer": F("0.14"), "employee": F("0.08"), "flexible": F("0.20"),
        "account": F("0.08"), "ui_employer": F("0.0048"), "ui_employee": F("0.002")}
WI_CLASS_TEXT = ["0.002", "0.004", "0.007", "0.009", "0.011", "0.013", "0.016", "0.019"]
WI_CLASS = [F("0.002"), F("0.004"), F("0.007"), F("0.009"), F("0.011"), F("0.013"),
            F("0.016"), F("0.019")]                                            # D


def at(periods, month):
    value = None
    for start, v in periods:
        if month >= start:
            value = v
    return value


def fen(x):
    """Half-up to the fen, as text with two decimals."""
    q = abs(x) * 100
    n = int(q)
    if q - n >= F(1, 2):
        n += 1
    n = -n if x < 0 else n
    return "%s%d.%02d" % ("-" if n < 0 else "", abs(n) // 100, abs(n) % 100)


def canon(x):
    for places in range(0, 19):
        if (x * 10 ** places).denominator == 1:
            if places == 0:
                return str(x.numerator)
            q = x * 10 ** places
            digits = str(abs(q.numerator)).rjust(places + 1, "0")
            return ("-" if x < 0 else "") + digits[:-places] + "." + digits[-places:]
    raise ValueError(x)


def clamp(w, lo, hi):
    if w > hi:
        return hi, "capped"
    if w < lo:
        return lo, "floored"
    return w, None


def fixed(x, places):
    """An exact Fraction with exactly `places` decimals."""
    n = x * 10 ** places
    assert n.denominator == 1
    digits = str(abs(n.numerator)).rjust(places + 1, "0")
    return ("-" if x < 0 else "") + (digits[:-places] + "." + digits[-places:] if places else digits)


def contributions(city, month, wage, participant="employee", cls=1, level_text="1"):
    level = F(level_text)
    wage = F(wage)
    ceiling, floor = at(CEILING, month), at(FLOOR[city], month)
    flags = set()
    base, f = clamp(wage, floor, ceiling)
    if f:
        flags.add(f)
    out = {"pension_base": fen(base)}
    if participant == "flexible":
        er, ee, credit = F(0), F(fen(base * RATE["flexible"])), F(fen(base * RATE["account"]))
        ui_base = ui_er = ui_ee = wi_base = wi_er = F(0)
        wi_rate = "0"
        flags.add("not_covered")
    else:
        er, ee = F(fen(base * RATE["employer"])), F(fen(base * RATE["employee"]))
        credit = F(fen(base * RATE["account"]))
        ui_base, f = clamp(wage, at(MIN_WAGE[city], month), ceiling)   # C 第八条 (ceiling: NF stand-in)
        if f:
            flags.add(f)
        ui_er, ui_ee = F(fen(ui_base * RATE["ui_employer"])), F(fen(ui_base * RATE["ui_employee"]))
        wi_base, f = clamp(wage, floor, ceiling)                       # D (pension band stand-in, L)
        rate = WI_CLASS[cls - 1] * level
        # the exact product keeps the scale of its factors (0.002 × 1.5 = 0.0030)
        places = len(str(WI_CLASS_TEXT[cls - 1]).split(".")[1]) + \
            (len(level_text.split(".")[1]) if "." in level_text else 0)
        wi_rate = fixed(rate, places)
        wi_er = F(fen(wi_base * rate))
    out.update({
        "pension_employer": fen(er), "pension_employee": fen(ee),
        "pension_account_credit": fen(credit), "pension_total": fen(er + ee),
        "unemployment_base": fen(ui_base), "unemployment_employer": fen(ui_er),
        "unemployment_employee": fen(ui_ee), "work_injury_base": fen(wi_base),
        "work_injury_rate": wi_rate, "work_injury_employer": fen(wi_er),
        "employer_total": fen(er + ui_er + wi_er), "employee_total": fen(ee + ui_ee),
        "total": fen(er + ui_er + wi_er + ee + ui_ee)})
    return out, flags


OUTS = ["pension_base", "pension_employer", "pension_employee", "pension_account_credit",
        "pension_total", "unemployment_base", "unemployment_employer", "unemployment_employee",
        "work_injury_base", "work_injury_rate", "work_injury_employer", "employer_total",
        "employee_total", "total"]


def rows():
    out = []
    cases = []
    for city in ("guangzhou", "zhaoqing", "zhanjiang"):
        for month in ("2024-07", "2025-06", "2025-07", "2026-09"):
            for wage in ("40000", "27549", "27501.01", "12345.67", "4800", "3000", "1000", "0"):
                cases.append((city, month, wage, "employee", 1, "1"))
    cases += [("guangzhou", "2024-06", w, "employee", 1, "1") for w in ("30000", "8000", "2000")]
    cases += [("foshan", "2025-03", w, "employee", 1, "1") for w in ("30000", "4700", "2000")]
    for cls in range(1, 9):
        for level in (["1", "1.2", "1.5"] if cls == 1 else ["0.5", "0.8", "1", "1.5"]):
            cases.append(("guangzhou", "2025-08", "15000", "employee", cls, level))
    for city in ("guangzhou", "zhaoqing"):
        for wage in ("40000", "9000", "2000"):
            cases.append((city, "2025-08", wage, "flexible", 1, "1"))
    for i, (city, month, wage, part, cls, level) in enumerate(cases):
        res, flags = contributions(city, month, wage, part, cls, level)
        rid = "%s-%s-%s-%s-c%d-%s" % (city, month, wage, part, cls, level)
        src = ("guangdong-rules A1/A2 (粤人社发〔2024〕33号, 粤人社发〔2025〕32号 §一; 2023-07 "
               "limits derived, L), C 第八条 (minimum wages; UI ceiling stand-in NF), D (人社部发"
               "〔2015〕71号 class rates, M)")
        out.append([rid, city, month, wage, part, str(cls), level, "-"] +
                   [res[k] for k in OUTS] + ["-", ",".join(sorted(flags)) or "-", src])
    blank = ["-"] * len(OUTS)
    errors = [
        ("shenzhen", "shenzhen", "2025-08", "9000", "employee", "1", "1", "!EUNSUPPORTED:city",
         "Shenzhen runs its own system"),
        ("unknown-city", "atlantis", "2025-08", "9000", "employee", "1", "1",
         "!EJURISDICTION:city", "unknown city"),
        ("class-9", "guangzhou", "2025-08", "9000", "employee", "9", "1",
         "!EINPUT:industry_class", "8 classes (人社部发〔2015〕71号)"),
        ("class-1-down", "guangzhou", "2025-08", "9000", "employee", "1", "0.8",
         "!EINPUT:floating_level", "class 1 floats up only"),
        ("level-high", "guangzhou", "2025-08", "9000", "employee", "3", "1.6",
         "!EINPUT:floating_level", "at most 150 %"),
        ("negative-wage", "guangzhou", "2025-08", "-1", "employee", "1", "1", "!EINPUT:wage",
         "negative wage"),
        ("float-wage", "guangzhou", "2025-08", "1e4", "employee", "1", "1", "!EINPUT:wage",
         "exponent notation refused"),
        ("bad-month", "guangzhou", "2025-13", "9000", "employee", "1", "1", "!EINPUT:month",
         "month 13"),
        ("bad-participant", "guangzhou", "2025-08", "9000", "retiree", "1", "1",
         "!EINPUT:participant", "employee|flexible"),
        ("zq-2024-06", "zhaoqing", "2024-06", "9000", "employee", "1", "1",
         "!ENOTFOUND:pension.contribution_base.floor",
         "A2: Zhaoqing floor before 2024-07 not found (strict lookup)"),
        ("too-early", "guangzhou", "2015-01", "9000", "employee", "1", "1", "!ENOTFOUND:",
         "no limits before 2021-07 (strict lookup)"),
    ]
    for rid, city, month, wage, part, cls, level, err, why in errors:
        out.append([rid, city, month, wage, part, cls, level, "-"] + blank + [err, "-", why])
    # known_on: before 粤人社发〔2025〕32号 was published the 2025-07 limits are unknown
    out.append(["known-on-early", "guangzhou", "2025-08", "40000", "employee", "1", "1",
                "2025-06-01"] + blank + ["!ENOTFOUND:", "-",
                "A2: 2025-07 limits published 2025-07 (bitemporal known_on)"])
    return out


def main():
    header = (["id", "in:city", "in:month", "in:wage", "in:participant", "in:industry_class",
               "in:floating_level", "in:known_on"] + ["out:" + k for k in OUTS] +
              ["error", "flags", "source"])
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Generated by tools/gen_contrib_vectors.py (independent Fraction oracle over "
                "guangdong-rules.md values); do not edit by hand.\n")
        f.write("\t".join(header) + "\n")
        for r in rows():
            assert len(r) == len(header)
            f.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
