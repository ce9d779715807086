#!/usr/bin/env python3
"""Generate tests/vectors/contrib/contributions.tsv.

Independent oracle: the contribution rules re-implemented with exact
Fractions, using the values the public documents give (hard-coded below with
their source, not read from libsi's data files).  Periods end: a month outside
every period of a parameter is a strict ENOTFOUND unless carry_forward.

Per-scheme bases (issue #11): pension band of the year; unemployment between
the city minimum wage and 3 × the city previous-year 在岗 average (stand-in:
the pension ceiling where not found); work injury for Guangzhou from the
minimum wage up with no ceiling (work_injury.contribution_base.uncapped = 1),
elsewhere the pension band as a stand-in.  Rows whose Guangzhou work-injury
base exceeds the stand-in ceiling need contributions.c to read `uncapped`.

    python3 tools/gen_contrib_vectors.py [OUTFILE]
"""
import os
import sys
from fractions import Fraction as F

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "tests", "vectors", "contrib", "contributions.tsv")

# Periods: (first month, first month after the end, value); months "YYYY-MM" compare like dates.
Y24, Y25 = "粤人社发〔2024〕33号", "粤人社发〔2025〕32号 §一"
CEILING = {  # pension ceiling, province-wide (Guangzhou 2020 only)
    "all": [("2021-07", "2022-07", 22941),   # RSA Tax 2021 (M)
            ("2022-07", "2023-07", 24930),   # Kaizen CPA 2022 (M)
            ("2023-07", "2024-07", 26421),   # derived 3 × 8807 (L)
            ("2024-07", "2025-07", 27501, "2024-12-03"),   # 粤人社发〔2024〕33号 (H), dated 2024-12-03
            ("2025-07", "2026-07", 27549, "2025-10-24")],  # 粤人社发〔2025〕32号 §一 (H), issued 2025-10-24
    "guangzhou": [("2020-07", "2021-07", 20268)],  # HROne 2020 (M)
}
FLOOR = {  # pension floors
    "guangzhou": [("2020-07", "2021-07", 3803), ("2021-07", "2022-07", 4588), ("2022-07", "2023-07", 4986),
                  ("2023-07", "2024-07", 5284), ("2024-07", "2025-07", 5500, "2024-12-03"),
                  ("2025-07", "2026-07", 5510, "2025-10-24")],
    "zhaoqing": [("2021-07", "2022-07", 3673), ("2024-07", "2025-07", 4492, "2024-12-03"),
                 ("2025-07", "2026-07", 4775, "2025-10-24")],
    "zhanjiang": [("2024-07", "2025-07", 4492, "2024-12-03"), ("2025-07", "2026-07", 4775, "2025-10-24")],
    "foshan": [("2021-07", "2022-07", 3958), ("2024-07", "2025-07", 4767, "2024-12-03"),
               ("2025-07", "2026-07", 4775, "2025-10-24")],
}
MIN_WAGE = {  # 粤府函〔2015〕20号, 〔2018〕187号, 〔2021〕345号, 〔2025〕23号, 〔2026〕188号 (ends 2028-09)
    "guangzhou": [("2015-05", "2018-07", 1895), ("2018-07", "2021-12", 2100), ("2021-12", "2025-03", 2300),
                  ("2025-03", "2026-09", 2500), ("2026-09", "2028-09", 2680)],
    "zhaoqing": [("2015-05", "2018-07", 1350), ("2018-07", "2021-12", 1550), ("2021-12", "2025-03", 1720),
                 ("2025-03", "2026-09", 1850), ("2026-09", "2028-09", 2040)],
    "zhanjiang": [("2015-05", "2018-07", 1210), ("2018-07", "2021-12", 1410), ("2021-12", "2025-03", 1720),
                  ("2025-03", "2026-09", 1850), ("2026-09", "2028-09", 2040)],
    "foshan": [("2015-05", "2018-07", 1510), ("2018-07", "2021-12", 1720), ("2021-12", "2025-03", 1900),
               ("2025-03", "2026-09", 2080), ("2026-09", "2028-09", 2300)],
}
UI_CEILING_GZ = [("2020-07", "2021-07", 30876),   # HROne 2020: 3 × 10292 (M)
                 ("2022-07", "2023-07", 36072)]   # Kaizen CPA 2022: 3 × 12024 (M)
WI_FLOOR_GZ = [("2020-07", "2021-12", 2100), ("2021-12", "2025-03", 2300),  # Guangzhou minimum wage
               ("2025-03", "2026-09", 2500), ("2026-09", "2028-09", 2680)]
EMPLOYER = [("2016-01", "2022-07", F("0.14")),  # Guangdong 14 % (Guangzhou 2020: HROne, M)
            ("2022-07", "9999-12", F("0.15"))]  # Guangzhou 15 % from 2022-07 (Kaizen, M); other cities L
RATE = {"employee": F("0.08"), "flexible": F("0.20"),
        "account": F("0.08"), "ui_employer": F("0.0048"), "ui_employee": F("0.002")}
WI_CLASS_TEXT = ["0.002", "0.004", "0.007", "0.009", "0.011", "0.013", "0.016", "0.019"]
WI_CLASS = [F(t) for t in WI_CLASS_TEXT]                                      # 人社部发〔2015〕71号 (M)


class NotFound(Exception):
    def __init__(self, name):
        Exception.__init__(self, name)
        self.name = name


def at(periods, month, name, carry=False, known="-"):
    """The value in force in `month`; with carry, the latest earlier one (flagged).
    Periods published after `known` (4th element) are invisible."""
    periods = [p[:3] for p in periods if known == "-" or len(p) < 4 or p[3] <= known]
    for start, end, v in periods:
        if start <= month < end:
            return v, False
    if carry:
        best = None
        for start, end, v in periods:
            if start <= month and (best is None or start > best[0]):
                best = (start, v)
        if best:
            return best[1], True
    raise NotFound(name)


KNOWN = ["-"]  # known_on of the case being computed


def lookup(name, city, month, carry, flags, city_periods, all_periods=None):
    """City, then province: strict at both levels first, then carry-forward (city first)."""
    levels = [p for p in (city_periods, all_periods) if p]
    for p in levels:
        try:
            v, _ = at(p, month, name, False, KNOWN[0])
            return v
        except NotFound:
            pass
    if carry:
        for p in levels:
            try:
                v, carried = at(p, month, name, True, KNOWN[0])
                flags.add("carried_forward")
                return v
            except NotFound:
                pass
    raise NotFound(name)


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


def contributions(city, month, wage, participant="employee", cls=1, level_text="1", carry=False):
    level = F(level_text)
    wage = F(wage)
    flags = set()
    floor = lookup("pension.contribution_base.floor", city, month, carry, flags, FLOOR.get(city))
    ceiling = lookup("pension.contribution_base.ceiling", city, month, carry, flags,
                     CEILING.get(city), CEILING["all"])
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
        employer = lookup("pension.rate.employer", city, month, carry, flags, None, EMPLOYER)
        er, ee = F(fen(base * employer)), F(fen(base * RATE["employee"]))
        credit = F(fen(base * RATE["account"]))
        # 《广东省失业保险条例》第八条: minimum wage .. 3 × city 在岗 average (stand-in: pension ceiling)
        ui_floor = lookup("minimum_wage.monthly", city, month, carry, flags, MIN_WAGE[city])
        ui_ceiling = lookup("unemployment.contribution_base.ceiling", city, month, carry, flags,
                            UI_CEILING_GZ if city == "guangzhou" else None, CEILING["all"])
        ui_base, f = clamp(wage, ui_floor, ui_ceiling)
        if f:
            flags.add(f)
        ui_er, ui_ee = F(fen(ui_base * RATE["ui_employer"])), F(fen(ui_base * RATE["ui_employee"]))
        if city == "guangzhou":
            # floor = the Guangzhou minimum wage, no ceiling (HROne 2020, Kaizen CPA 2022)
            wi_floor = lookup("work_injury.contribution_base.floor", city, month, carry, flags,
                              WI_FLOOR_GZ)
            wi_base, f = clamp(wage, wi_floor, F(10) ** 12)
        else:
            # stand-in: the pension band of the contribution year (L)
            wi_base, f = clamp(wage, floor, ceiling)
        if f:
            flags.add(f)
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


SRC_GRID = ("pension band 粤人社发〔2024〕33号 / 粤人社发〔2025〕32号 §一 (H; 2023-07 derived, L); employer 15 % "
            "from 2022-07 (Kaizen CPA 2022, M; other cities L); unemployment 第八条: minimum wage 粤府函〔2021〕345号/"
            "〔2025〕23号/〔2026〕188号 .. ceiling (Guangzhou 2023-07+ and other cities: pension ceiling stand-in, NF); "
            "work injury: Guangzhou minimum wage, no ceiling (HROne 2020, Kaizen CPA 2022), other cities pension "
            "band stand-in (L); 人社部发〔2015〕71号 class rates (M)")
SRC = {
    "gz-2022-08": "Kaizen CPA 2022-08-10 (Guangzhou from 2022-07-01): pension ceiling 24930 = 3 × 8310, employer 15 %; "
                  "unemployment 2300 .. 36072 = 3 × 12024; work injury from the minimum wage 2300, no ceiling",
    "gz-2020-08": "HROne 2020 (Guangzhou): pension 3803–20268, employer 14 %, individual 8 %; unemployment 2100–30876, "
                  "0.48 % / 0.2 %; work injury 2100–unlimited, 0.2 %",
    "gz-2021-08": "RSA Tax 2021 (Guangdong 2021-07 → 2022-06): pension 4588–22941; minimum wage 2100 (粤府函〔2018〕187号); "
                  "unemployment ceiling not found (pension ceiling stand-in, NF); work injury 2100, no ceiling (assumed, L)",
    "zq-2021-08": "RSA Tax 2021: 汕头、肇庆 floor 3673, ceiling 22941; minimum wage 1550 (粤府函〔2018〕187号 三类); "
                  "unemployment and work-injury limits: pension band stand-ins",
}


def rows():
    out = []
    cases = []  # (city, month, wage, participant, class, level, known_on, carry, source)
    for city in ("guangzhou", "zhaoqing", "zhanjiang"):
        for month in ("2024-07", "2025-06", "2025-07", "2026-06"):
            for wage in ("40000", "27549", "27501.01", "12345.67", "4800", "3000", "1000", "0"):
                cases.append((city, month, wage, "employee", 1, "1", "-", "-", SRC_GRID))
    cases += [("guangzhou", "2024-06", w, "employee", 1, "1", "-", "-", SRC_GRID) for w in ("30000", "8000", "2000")]
    cases += [("foshan", "2025-03", w, "employee", 1, "1", "-", "-", SRC_GRID) for w in ("30000", "4700", "2000")]
    for cls in range(1, 9):
        for level in (["1", "1.2", "1.5"] if cls == 1 else ["0.5", "0.8", "1", "1.5"]):
            cases.append(("guangzhou", "2025-08", "15000", "employee", cls, level, "-", "-", SRC_GRID))
    for city in ("guangzhou", "zhaoqing"):
        for wage in ("40000", "9000", "2000"):
            cases.append((city, "2025-08", wage, "flexible", 1, "1", "-", "-", SRC_GRID))
    # issue #11: per-scheme bases and history, from the documents that give them
    for wage in ("30000", "40000", "12024", "3000", "1000"):
        cases.append(("guangzhou", "2022-08", wage, "employee", 1, "1", "-", "-", SRC["gz-2022-08"]))
    for wage in ("40000", "25000", "3000", "1000"):
        cases.append(("guangzhou", "2020-08", wage, "employee", 1, "1", "-", "-", SRC["gz-2020-08"]))
    for wage in ("30000", "3000", "1000"):
        cases.append(("guangzhou", "2021-08", wage, "employee", 1, "1", "-", "-", SRC["gz-2021-08"]))
    for wage in ("30000", "3000", "1000"):
        cases.append(("zhaoqing", "2021-08", wage, "employee", 1, "1", "-", "-", SRC["zq-2021-08"]))
    cases.append(("guangzhou", "2022-06", "30000", "employee", 1, "1", "-", "-",
                  "employer 14 % until 2022-06 (HROne 2020, Kaizen CPA 2022: changed from 2022-07); RSA Tax 2021 band"))
    # bitemporal: 粤人社发〔2025〕32号 issued 2025-10-24
    cases.append(("guangzhou", "2025-08", "40000", "employee", 1, "1", "2025-10-24", "-",
                  "粤人社发〔2025〕32号 issued 2025-10-24: the 2025-07 limits are known that day"))
    cases.append(("zhaoqing", "2025-08", "40000", "employee", 1, "1", "2025-10-23", "true",
                  "粤人社发〔2025〕32号 not yet issued on 2025-10-23: with carry_forward the 2024-07 limits "
                  "(粤人社发〔2024〕33号) are carried forward, flagged"))
    cases.append(("zhaoqing", "2025-08", "40000", "employee", 1, "1", "2025-10-24", "-",
                  "粤人社发〔2025〕32号 issued 2025-10-24: the 2025-07 limits are known that day"))
    # strictness: the 2025 contribution year ends 2026-06-30; nothing is known for 2099
    cases.append(("guangzhou", "2026-09", "12000", "employee", 1, "1", "-", "true",
                  "carry_forward: 2025-07 limits (粤人社发〔2025〕32号) past their year, minimum wage 2680 in force"))
    cases.append(("guangzhou", "2099-01", "12000", "employee", 1, "1", "-", "true",
                  "carry_forward: every annual value carried to 2099, flagged"))
    cases.append(("zhaoqing", "2099-01", "12000", "employee", 1, "1", "-", "true",
                  "carry_forward: every annual value carried to 2099, flagged"))
    for i, (city, month, wage, part, cls, level, known, carry, src) in enumerate(cases):
        KNOWN[0] = known
        res, flags = contributions(city, month, wage, part, cls, level, carry == "true")
        KNOWN[0] = "-"
        rid = "%s-%s-%s-%s-c%d-%s" % (city, month, wage, part, cls, level)
        if known != "-":
            rid += "-known-" + known
        if carry != "-":
            rid += "-carry"
        out.append([rid, city, month, wage, part, str(cls), level, known, carry] +
                   [res[k] for k in OUTS] + ["-", ",".join(sorted(flags)) or "-", src])
    # districts resolve to their city (天河区 440106 → Guangzhou): the same outputs as the city
    gz = next(r for r in out if r[0] == "guangzhou-2025-08-15000-employee-c1-1")
    out.append(["tianhe-2025-08-15000-employee-c1-1", "天河"] + gz[2:-1] +
               ["issue #11: district 天河区 (440106) stands for Guangzhou; outputs = row "
                "guangzhou-2025-08-15000-employee-c1-1"])
    blank = ["-"] * len(OUTS)
    errors = [
        ("shenzhen", "shenzhen", "2025-08", "9000", "employee", "1", "1", "-", "!EUNSUPPORTED:city",
         "Shenzhen runs its own system"),
        ("unknown-city", "atlantis", "2025-08", "9000", "employee", "1", "1", "-",
         "!EJURISDICTION:city", "unknown city"),
        ("class-9", "guangzhou", "2025-08", "9000", "employee", "9", "1", "-",
         "!EINPUT:industry_class", "8 classes (人社部发〔2015〕71号)"),
        ("class-1-down", "guangzhou", "2025-08", "9000", "employee", "1", "0.8", "-",
         "!EINPUT:floating_level", "class 1 floats up only"),
        ("level-high", "guangzhou", "2025-08", "9000", "employee", "3", "1.6", "-",
         "!EINPUT:floating_level", "at most 150 %"),
        ("negative-wage", "guangzhou", "2025-08", "-1", "employee", "1", "1", "-", "!EINPUT:wage",
         "negative wage"),
        ("float-wage", "guangzhou", "2025-08", "1e4", "employee", "1", "1", "-", "!EINPUT:wage",
         "exponent notation refused"),
        ("bad-month", "guangzhou", "2025-13", "9000", "employee", "1", "1", "-", "!EINPUT:month",
         "month 13"),
        ("bad-participant", "guangzhou", "2025-08", "9000", "retiree", "1", "1", "-",
         "!EINPUT:participant", "employee|flexible"),
        ("zq-2024-06", "zhaoqing", "2024-06", "9000", "employee", "1", "1", "-",
         "!ENOTFOUND:pension.contribution_base.floor",
         "Zhaoqing floors of 2022-07 and 2023-07 not found (strict lookup)"),
        ("zq-2020-08", "zhaoqing", "2020-08", "9000", "employee", "1", "1", "-",
         "!ENOTFOUND:pension.contribution_base.floor",
         "2020-07 limits outside Guangzhou not found (strict lookup)"),
        ("too-early", "guangzhou", "2015-01", "9000", "employee", "1", "1", "-",
         "!ENOTFOUND:pension.contribution_base.floor", "no limits before 2020-07 (strict lookup)"),
        ("gz-2026-07", "guangzhou", "2026-07", "9000", "employee", "1", "1", "-",
         "!ENOTFOUND:pension.contribution_base.floor",
         "粤人社发〔2025〕32号 limits end 2026-06-30; the 2026 notice not found (strict, no silent carry-forward)"),
        ("gz-2099", "guangzhou", "2099-01", "12000", "employee", "1", "1", "-",
         "!ENOTFOUND:pension.contribution_base.floor", "nothing is known for 2099 (strict, issue #11)"),
        ("zj-2099", "zhanjiang", "2099-01", "12000", "employee", "1", "1", "-",
         "!ENOTFOUND:pension.contribution_base.floor", "nothing is known for 2099 (strict, issue #11)"),
    ]
    for rid, city, month, wage, part, cls, level, carry, err, why in errors:
        out.append([rid, city, month, wage, part, cls, level, "-", carry] + blank + [err, "-", why])
    # known_on: before 粤人社发〔2025〕32号 was issued (2025-10-24) the 2025-07 limits are unknown
    out.append(["known-on-early", "guangzhou", "2025-08", "40000", "employee", "1", "1",
                "2025-06-01", "-"] + blank + ["!ENOTFOUND:pension.contribution_base.floor", "-",
                "粤人社发〔2025〕32号 issued 2025-10-24 (bitemporal known_on)"])
    out.append(["known-on-day-before", "guangzhou", "2025-08", "40000", "employee", "1", "1",
                "2025-10-23", "-"] + blank + ["!ENOTFOUND:pension.contribution_base.floor", "-",
                "粤人社发〔2025〕32号 issued 2025-10-24: unknown the day before"])
    out.append(["known-on-2024-limits", "zhaoqing", "2024-08", "40000", "employee", "1", "1",
                "2024-12-02", "-"] + blank + ["!ENOTFOUND:pension.contribution_base.floor", "-",
                "粤人社发〔2024〕33号 dated 2024-12-03: unknown the day before"])
    return out


def main():
    header = (["id", "in:city", "in:month", "in:wage", "in:participant", "in:industry_class",
               "in:floating_level", "in:known_on", "in:carry_forward"] + ["out:" + k for k in OUTS] +
              ["error", "flags", "source"])
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Generated by tools/gen_contrib_vectors.py (independent Fraction oracle over the values of "
                "the public documents named in `source`); do not edit by hand.\n")
        f.write("\t".join(header) + "\n")
        for r in rows():
            assert len(r) == len(header)
            f.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main()
