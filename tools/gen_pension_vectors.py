#!/usr/bin/env python3
"""Generate the pension test vectors (tests/vectors/pension/*.tsv).

An independent oracle: the rules of ../shared/reference/guangdong-rules.md
(sections A4-A8, Appendices D and R) re-implemented with Python's exact
Fraction arithmetic, not by calling libsi.  Every row names its source.

    python3 tools/gen_pension_vectors.py [OUTDIR]

Deterministic: the same output on every run (fixed seeds).
"""
import os
import random
import sys
from fractions import Fraction as F

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "tests", "vectors", "pension")

# ------------------------------------------------------------ rule data
# Values as in guangdong-rules.md (and data/rules/*.yaml).
CALC_BASE = {2022: 8682, 2023: 9028, 2024: 9307, 2025: 9493}           # A4.3
CREDITING = {2016: "0.0831", 2017: "0.0712", 2018: "0.0829", 2019: "0.0761",
             2020: "0.0604", 2021: "0.0669", 2022: "0.0612", 2023: "0.0397",
             2024: "0.0262", 2025: "0.0150"}                            # A3
WAGE = {2020: 7647, 2021: 8310, 2022: 8807, 2023: 9167, 2024: 9183}    # A2
DIVISOR = {40: 233, 41: 230, 42: 226, 43: 223, 44: 220, 45: 216, 46: 212, 47: 208,
           48: 204, 49: 199, 50: 195, 51: 190, 52: 185, 53: 180, 54: 175, 55: 170,
           56: 164, 57: 158, 58: 152, 59: 145, 60: 139, 61: 132, 62: 125, 63: 117,
           64: 109, 65: 101, 66: 93, 67: 84, 68: 75, 69: 65, 70: 56}  # A4.5
RATIO = {2021: F(3, 10), 2022: F(1, 2), 2023: F(7, 10), 2024: F(9, 10), 2025: F(1)}
DEEMED_INDEX = {"guangzhou": F("1.191"), "zhaoqing": F("0.761"), "zhanjiang": F("0.742")}

# Appendix D as printed (ages 50-64 all months, 65y0m); source of the divisor rows.
APPENDIX_D = """
50 195 194.6 194.2 193.8 193.3 192.9 192.5 192.1 191.7 191.3 190.8 190.4
51 190 189.6 189.2 188.8 188.3 187.9 187.5 187.1 186.7 186.3 185.8 185.4
52 185 184.6 184.2 183.8 183.3 182.9 182.5 182.1 181.7 181.3 180.8 180.4
53 180 179.6 179.2 178.8 178.3 177.9 177.5 177.1 176.7 176.3 175.8 175.4
54 175 174.6 174.2 173.8 173.3 172.9 172.5 172.1 171.7 171.3 170.8 170.4
55 170 169.5 169 168.5 168 167.5 167 166.5 166 165.5 165 164.5
56 164 163.5 163 162.5 162 161.5 161 160.5 160 159.5 159 158.5
57 158 157.5 157 156.5 156 155.5 155 154.5 154 153.5 153 152.5
58 152 151.4 150.8 150.3 149.7 149.1 148.5 147.9 147.3 146.8 146.2 145.6
59 145 144.5 144 143.5 143 142.5 142 141.5 141 140.5 140 139.5
60 139 138.4 137.8 137.3 136.7 136.1 135.5 134.9 134.3 133.8 133.2 132.6
61 132 131.4 130.8 130.3 129.7 129.1 128.5 127.9 127.3 126.8 126.2 125.6
62 125 124.3 123.7 123 122.3 121.7 121 120.3 119.7 119 118.3 117.7
63 117 116.3 115.7 115 114.3 113.7 113 112.3 111.7 111 110.3 109.7
64 109 108.3 107.7 107 106.3 105.7 105 104.3 103.7 103 102.3 101.7
"""


def half_up(x, places):
    """Round a Fraction half away from zero to `places` decimals, as text."""
    q = F(1, 10 ** places)
    n = abs(x) / q
    r = int(n)
    if n - r >= F(1, 2):
        r += 1
    r = -r if x < 0 else r
    s = str(abs(r)).rjust(places + 1, "0")
    text = s if places == 0 else s[:-places] + "." + s[-places:]
    return ("-" if r < 0 else "") + text


def canon(x):
    """Canonical decimal of a terminating Fraction (integers without '.')."""
    if x.denominator == 1:
        return str(x.numerator)
    for places in range(1, 19):
        if (x * 10 ** places).denominator == 1:
            return half_up(x, places)
    raise ValueError(x)


def month_text(mi):
    return "%04d-%02d" % (mi // 12, mi % 12 + 1)


def age_text(months):
    return "%dy%dm" % (months // 12, months % 12)


# ------------------------------------------------------- retirement age
GROUPS = {  # Appendix R / 办法第一条: original age, first birth month, step, cap
    "male60": (60 * 12, 1965 * 12, 4, 36),
    "female55": (55 * 12, 1970 * 12, 4, 36),
    "female50": (50 * 12, 1975 * 12, 2, 60),
}


def statutory_age(group, birth_mi):
    original, start, step, cap = GROUPS[group]
    if birth_mi < start:
        return original, 0
    delay = min(cap, (birth_mi - start) // step + 1)
    return original + delay, delay


def minimum_months(retire_mi):
    """办法第二条 / 附件4: 15 years to 2029, +6 months a year from 2030, 20 years."""
    year = retire_mi // 12
    if year <= 2029:
        return 180
    return min(240, 180 + 6 * (year - 2029))


def retirement_rows():
    rows = []
    fixed = [  # guangdong-rules A6 check points (synthetic persons, H for the rule)
        ("male60", "1967-05-12", "60y8m", "2028-01"),
        ("female55", "1974-10-08", "56y3m", "2031-01"),
        ("female50", "1979-11-21", "52y6m", "2032-05"),
        ("male60", "1983-02-25", "63y0m", "2046-02"),
        ("male60", "1980-01-10", "63y0m", "2043-01"),
    ]
    for i, (g, b, age, month) in enumerate(fixed):
        rows.append(["a6-%d" % (i + 1), g, b, "-", age, month, "-", "-", "-", "-", "-", "-",
                     "guangdong-rules A6 check point (办法第一条)"])
    for g in GROUPS:
        original = GROUPS[g][0]
        for y in range(1964, 1986):
            for m in range(1, 13):
                bmi = y * 12 + m - 1
                age, delay = statutory_age(g, bmi)
                smi = bmi + age
                early = max(smi - 36, bmi + original)
                rows.append(["%s-%04d-%02d" % (g, y, m), g, "%04d-%02d-15" % (y, m), "-",
                             age_text(age), month_text(smi), str(delay), month_text(early),
                             month_text(smi + 36), str(minimum_months(smi)), "-", "-",
                             "办法第一条/第三条/第二条 (guangdong-rules A5, A6, Appendix R)"])
    # the flexible window is enforced (办法第三条)
    rows.append(["window-early", "male60", "1967-05-12", "2026-12", "-", "-", "-", "-", "-",
                 "-", "!EINPUT:retirement_date", "-", "办法第三条: not below the original age 60"])
    rows.append(["window-late", "male60", "1967-05-12", "2031-02", "-", "-", "-", "-", "-",
                 "-", "!EINPUT:retirement_date", "-", "办法第三条: at most 3 years late"])
    rows.append(["window-ok", "male60", "1967-05-12", "2027-05", "60y8m", "2028-01", "-", "-",
                 "-", "180", "-", "-", "办法第三条: flexible early at 60y0m"])
    rows.append(["bad-group", "male65", "1967-05-12", "-", "-", "-", "-", "-", "-", "-",
                 "!EINPUT:retirement_group", "-", "schema: group must be male60|female55|female50"])
    rows.append(["bad-birth", "male60", "1967-02-30", "-", "-", "-", "-", "-", "-", "-",
                 "!EINPUT:birth_date", "-", "schema: not a date"])
    header = ["id", "in:retirement_group", "in:birth_date", "in:retirement_date",
              "out:statutory_retirement_age", "out:statutory_retirement_date", "out:delay_months",
              "out:earliest_retirement_date", "out:latest_retirement_date",
              "out:minimum_contribution_months", "error", "flags", "source"]
    return header, rows


def minimum_rows():
    """The minimum-years table by retirement year (办法第二条, 附件4), through a
    flexible retirement month of a man born 1976-09 (statutory 2039-09,
    window 2036-09 .. 2042-09) and of earlier cohorts."""
    rows = []
    cases = [("1966-03-15", 2026), ("1968-01-15", 2029), ("1969-01-15", 2030),
             ("1970-01-15", 2031), ("1971-01-15", 2032), ("1972-01-15", 2033),
             ("1973-01-15", 2035), ("1974-01-15", 2036), ("1975-01-15", 2037),
             ("1976-01-15", 2038), ("1976-09-15", 2039), ("1980-01-10", 2043)]
    for birth, year in cases:
        bmi = int(birth[:4]) * 12 + int(birth[5:7]) - 1
        age, _ = statutory_age("male60", bmi)
        smi = bmi + age
        want = minimum_months(smi)
        rows.append(["min-%d" % (smi // 12), "male60", birth, "-", month_text(smi), str(want),
                     "-", "-", "办法第二条/附件4 (guangdong-rules A5): retirement year %d → %s "
                     "months" % (smi // 12, want)])
    header = ["id", "in:retirement_group", "in:birth_date", "in:retirement_date",
              "out:statutory_retirement_date", "out:minimum_contribution_months", "error", "flags",
              "source"]
    # guangdong-rules A5 test vectors: retire 2031 → 16 years, 2032 → 16.5, 2043 → 20
    return header, rows


# ------------------------------------------------------------- divisor
def divisor(age_months):
    y, m = divmod(age_months, 12)
    if y < 40:
        y, m = 40, 0
    if y >= 70:
        y, m = 70, 0
    if m == 0:
        return F(DIVISOR[y])
    exact = F(DIVISOR[y]) - F(DIVISOR[y] - DIVISOR[y + 1]) * m / 12
    return F(half_up(exact, 1))


def divisor_rows():
    rows = []
    for line in APPENDIX_D.strip().splitlines():
        cells = line.split()
        y = int(cells[0])
        for m, v in enumerate(cells[1:]):
            assert F(v) == divisor(y * 12 + m), (y, m, v)
            rows.append(["d-%dy%dm" % (y, m), "%dy%dm" % (y, m), half_up(F(v), 1), "-", "-",
                         "guangdong-rules Appendix D (0.1 half-up interpolation of 国发〔2005〕38号 附件)"])
    for m in range(12):
        v = divisor(65 * 12 + m)
        rows.append(["d-65y%dm" % m, "65y%dm" % m, half_up(v, 1), "-", "-",
                     "guangdong-rules A4.5 formula: 101 − 8 × m / 12, 0.1 half-up"])
    for age, why in [("40y0m", "table start"), ("70y0m", "table end"), ("39y6m", "clamped to 40"),
                     ("72y3m", "clamped to 70"), ("69y6m", "65 − 9 × 6 / 12 = 60.5")]:
        y, m = age[:-1].split("y")
        rows.append(["d-%s" % age, age, half_up(divisor(int(y) * 12 + int(m)), 1), "-", "-",
                     "guangdong-rules A4.5 (%s)" % why])
    rows.append(["d-bad", "60y12m", "-", "!EINPUT:age", "-", "schema: months 0-11"])
    header = ["id", "in:age", "out:divisor", "error", "flags", "source"]
    return header, rows


# ------------------------------------------------------------- account
def account_balance(history, as_of, rule="credits_1083", opening=F(0)):
    """history: list of (month index, base Fraction).  Interest at the close of
    each year before as_of's year (劳办发〔1997〕116号 / guangdong-rules A3)."""
    bal = opening
    first_year = history[0][0] // 12
    for year in range(first_year, as_of // 12 + 1):
        credits = F(0)
        for mi, base in history:
            if mi // 12 == year and mi <= as_of:
                rate = F("0.11") if mi < 2006 * 12 else F("0.08")
                credits += F(half_up(base * rate, 2))
        if year < as_of // 12:
            r = F(CREDITING[year])
            interest = F(half_up(bal * r, 2))
            if rule == "credits_1083":
                interest += F(half_up(credits * r * F("1.083") * F(1, 2), 2))
            bal += credits + interest
        else:
            bal += credits
    return bal


def history_text(segments):
    lines = ["month,base"] + ["%s..%s,%s" % (a, b, v) for a, b, v in segments]
    return "\n".join(lines) + "\n"


def expand(segments):
    out = []
    for a, b, v in segments:
        ma = int(a[:4]) * 12 + int(a[5:7]) - 1
        mb = int(b[:4]) * 12 + int(b[5:7]) - 1
        out += [(mi, F(v)) for mi in range(ma, mb + 1)]
    return out


def json_cell(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def account_rows():
    rows = []
    rng = random.Random(20261123)
    fixed = [
        ("acc-2016", [("2016-01", "2016-12", "5000")], "2017-01"),
        ("acc-2016-2025", [("2016-01", "2025-12", "8000")], "2026-01"),
        ("acc-mid", [("2018-07", "2021-03", "6543.21")], "2021-03"),
        ("acc-gap", [("2016-01", "2017-06", "4000"), ("2020-01", "2024-12", "12000")], "2025-06"),
    ]
    for i in range(8):
        start = rng.randint(2016, 2023)
        end = rng.randint(start, 2025)
        segs = []
        for y in range(start, end + 1):
            segs.append(("%d-01" % y, "%d-12" % y, "%d.%02d" % (rng.randint(3000, 30000),
                                                               rng.randint(0, 99))))
        fixed.append(("acc-rand-%d" % i, segs, "%d-%02d" % (end + 1, rng.randint(1, 12))))
    # Issue #12: the random bases (3000–30000) leave the band in some months: the record is
    # taken as it is only when the case says so (history_bands=record).
    fixed += [("acc-zero-base", [("2025-07", "2025-09", "6000"), ("2025-10", "2025-10", "0")],
               "2025-10", "guangzhou", "-",
               "issue #12: a base of 0 is no contribution month (3 months, not 4)"),
              ("acc-band-record", [("2025-08", "2025-09", "99999999")], "2025-09", "guangzhou",
               "record", "issue #12: bases far above the ceiling 27549 taken as recorded, flagged")]
    for entry in fixed:
        rid, segs, as_of = entry[:3]
        city, bands, why = entry[3:] if len(entry) > 3 else (
            "-", "record" if rid.startswith("acc-rand") else "-", "")
        h = expand(segs)
        mi = int(as_of[:4]) * 12 + int(as_of[5:7]) - 1
        months = sum(1 for m, b in h if m <= mi and b != 0)
        flags = "outside_band" if rid == "acc-band-record" else "-"
        for rule in ("credits_1083", "credits_no_interest"):
            bal = account_balance(h, mi, rule)
            rows.append(["%s-%s" % (rid, rule.split("_")[1]), json_cell(history_text(segs)),
                         as_of, rule, city, bands, half_up(bal, 2),
                         str(months), "-", flags,
                         "guangdong-rules A3 (crediting rates 2016–2025; %s)%s" % (
                             rule, "; " + why if why else "")])
    rows.append(["acc-pre2016", json_cell(history_text([("2015-01", "2015-12", "5000")])),
                 "2016-03", "credits_1083", "-", "-", "-", "-",
                 "!ENOTFOUND:pension.crediting_rate", "-",
                 "guangdong-rules A3: Guangdong pre-2016 rates NF (strict lookup)"])
    rows.append(["acc-bad-row", json_cell("month,base\n2016-01,abc\n"), "-", "credits_1083",
                 "-", "-", "-", "-", "!EINPUT:history", "-", "bad base names the history row"])
    rows.append(["acc-dup", json_cell("month,base\n2016-01,5000\n2016-01,5000\n"), "-",
                 "credits_1083", "-", "-", "-", "-", "!EINPUT:history", "-", "duplicate month"])
    for rid, text, err, why in [
            ("acc-band-99999999", "month,base\n2025-08,99999999\n", "!ERANGE:history",
             "issue #12: a base of 99999999 is far above the ceiling 27549 (粤人社发〔2025〕32号 §一)"),
            ("acc-band-100", "month,base\n2025-08,100\n", "!ERANGE:history",
             "issue #12: a base of 100 is far below Guangzhou's floor 5510 (粤人社发〔2025〕32号 §一)"),
            ("acc-all-zero", "month,base\n2025-08..2025-09,0\n", "!EINPUT:history",
             "issue #12: every base 0: no contribution month")]:
        rows.append([rid, json_cell(text), "-", "credits_1083", "guangzhou", "-", "-", "-", err,
                     "-", why])
    header = ["id", "in:history", "in:as_of", "in:account_interest", "in:city",
              "in:history_bands", "out:balance", "out:contribution_months", "error", "flags",
              "source"]
    return header, rows


# ------------------------------------------------------------- benefit
def benefit(c, z, months, deemed, balance, age_months, year, deemed_balance=F(0), w=None,
            city="guangzhou"):
    total_months = months + deemed
    a = min(F(1), z / F("0.6"))
    basic = F(half_up(c * (a + z) / 2 * F(total_months, 12) / 100, 2))
    d = divisor(age_months)
    account = F(half_up(balance / d, 2))
    full_years = total_months // 12
    supp = 100 + 4 * full_years
    old = F(half_up(deemed_balance / 120, 2)) if deemed_balance else F(0)
    new = adj = F(0)
    if year >= 2021:
        if w is None:
            w = DEEMED_INDEX[city] * deemed / 12
        new = F(half_up(c * w * F("0.012"), 2))
        ratio = RATIO.get(year, F(1))
        gap = max(F(0), new - old - 4 * full_years)
        adj = F(half_up(gap * ratio, 2))
    total = basic + account + old + adj + supp
    fmt = lambda x: half_up(x, 2)
    return dict(basic_pension=fmt(basic), account_pension=fmt(account),
                transitional_pension=fmt(old), new_method_pension=fmt(new),
                transition_adjustment=fmt(adj), supplements=fmt(F(supp)), total=fmt(total),
                divisor=half_up(d, 1))


BENEFIT_OUT = ["basic_pension", "account_pension", "transitional_pension", "new_method_pension",
               "transition_adjustment", "supplements", "total", "divisor"]


def benefit_rows():
    rows = []
    # (id, city, group, birth, retirement_date, months, deemed, z, balance, deemed_balance, W, C-override, why)
    cases = [
        ("gz-2025-high", "guangzhou", "male60", "1965-03-10", "-", 360, 0, "1.5", "180000", "0", None, None,
         "a = 1 (Z ≥ 0.6); 2025 base 9493; male 60y1m"),
        ("gz-2025-low", "guangzhou", "female55", "1970-06-20", "-", 200, 0, "0.45", "40000", "0", None, None,
         "a = Z/0.6 < 1 (low index); female55 55y2m"),
        ("gz-2025-at-0.6", "guangzhou", "male60", "1965-05-01", "-", 240, 0, "0.6", "60000", "0", None, None,
         "Z exactly 0.6: a = 1"),
        ("zq-2025-deemed", "zhaoqing", "male60", "1965-02-01", "-", 300, 96, "0.82", "95000.5", "12000", None, None,
         "deemed months: new method W = 0.761 × 96 / 12; 2025 ratio 100 %"),
        ("zj-2024-deemed", "zhanjiang", "male60", "1964-07-15", "-", 280, 120, "0.7", "70000", "9000", None, None,
         "2024 retirement (60y0m), ratio 90 %, base 9307"),
        ("gz-2023-w", "guangzhou", "female50", "1973-03-03", "-", 220, 60, "1.1", "50000", "20000", "6.5", None,
         "2023 retirement, W given, ratio 70 %, base 9028"),
        ("gz-2022", "guangzhou", "female55", "1967-04-04", "-", 250, 36, "0.95", "65000", "0", None, None,
         "2022 retirement, ratio 50 %, base 8682"),
        ("gz-2021-override", "guangzhou", "male60", "1961-08-08", "-", 300, 48, "1.2", "90000", "5000", None, "8332",
         "2021 retirement, ratio 30 %, C given as override (2021 base NF)"),
        ("gz-2025-flex-early", "guangzhou", "female55", "1970-09-08", "2025-09", 300, 0, "1.0", "80000", "0", None, None,
         "flexible early at 55y0m: divisor of the actual age 170"),
        ("gz-2025-z-tiny", "guangzhou", "male60", "1965-04-30", "-", 180, 0, "0.3", "20000", "0", None, None,
         "very low index: a = 0.5"),
        ("gz-2025-z-max", "guangzhou", "male60", "1965-03-10", "-", 360, 0, "3", "180000", "0", None, None,
         "Z at the 300 % ceiling (劳办发〔1997〕116号, 国办发〔2019〕13号 §三): accepted (issue #12)"),
        ("gz-2025-z-min", "guangzhou", "male60", "1965-03-10", "-", 360, 0, "0.18", "180000", "0", None, None,
         "Z at pension.average_index.min 0.18 (1410 / 7647 rounded down, L): accepted (issue #12)"),
        ("gz-2025-working-life", "guangzhou", "male60", "1965-03-10", "-", 529, 0, "1.0", "180000", "0", None, None,
         "529 months = every month from age 16 (1981-03, 《劳动法》第十五条) to the retirement month "
         "2025-04: accepted (issue #12)"),
        ("gz-2023-w-max", "guangzhou", "female50", "1973-03-03", "-", 220, 60, "1.1", "50000", "20000", "28.5", None,
         "W at its maximum 3 × (60 deemed + 54 actual months before 1998-07) / 12 = 28.5 (粤府函〔2021〕294号; issue #12)"),
    ]
    for (rid, city, g, birth, rdate, months, deemed, z, bal, dbal, w, c_over, why) in cases:
        bmi = int(birth[:4]) * 12 + int(birth[5:7]) - 1
        age, _ = statutory_age(g, bmi)
        rmi = bmi + age if rdate == "-" else int(rdate[:4]) * 12 + int(rdate[5:7]) - 1
        year = rmi // 12
        c = F(c_over) if c_over else F(CALC_BASE[year])
        out = benefit(c, F(z), months, deemed, F(bal), rmi - bmi, year, F(dbal),
                      F(w) if w else None, city)
        flags = "override" if c_over else "-"
        rows.append([rid, city, g, birth, rdate, str(months), str(deemed), z, bal, dbal,
                     w or "-", c_over or "-", "-", "-"] +
                    [out[k] for k in BENEFIT_OUT] + ["true", "-", flags,
                     "guangdong-rules A4 (国发〔2005〕38号 formula, a-coefficient A4.2, A4.4, "
                     "A4.5, A4.6): " + why])
    blank = ["-"] * len(BENEFIT_OUT)
    rows.append(["not-eligible", "guangzhou", "male60", "1965-03-10", "-", "150", "10", "1.0",
                 "30000", "0", "-", "-", "-", "-"] + blank +
                ["false", "-", "-", "社会保险法第十六条: 160 < 180 months"])
    rows.append(["2026-strict", "guangzhou", "male60", "1966-01-10", "-", "300", "0", "1.0",
                 "30000", "0", "-", "-", "-", "-"] + blank +
                ["-", "!ENOTFOUND:pension.calculation_base", "-",
                 "guangdong-rules A4.3: 2026 base NF, strict lookup"])
    out = benefit(F(9493), F("1.0"), 300, 0, F(30000), 60 * 12 + 4, 2026)
    rows.append(["2026-carry", "guangzhou", "male60", "1966-01-10", "-", "300", "0", "1.0",
                 "30000", "0", "-", "-", "true", "-"] + [out[k] for k in BENEFIT_OUT] +
                ["true", "-", "carried_forward", "A4.3 预发: 2025 base carried forward, flagged"])
    rows.append(["neg-index", "guangzhou", "male60", "1965-03-10", "-", "300", "0", "-1",
                 "30000", "0", "-", "-", "-", "-"] + blank +
                ["-", "!EINPUT:average_index", "-", "a negative index is refused"])
    rows.append(["both-paths", "guangzhou", "male60", "1965-03-10", "-", "300", "0", "1.0",
                 "30000", "0", "-", "-", "-", json_cell("month,base\n2024-01,9000\n")] + blank +
                ["-", "!EINPUT:history", "-", "history and summary inputs together are refused"])
    rows += plausibility_rows(blank)
    header = ["id", "in:city", "in:retirement_group", "in:birth_date", "in:retirement_date",
              "in:contribution_months", "in:deemed_months", "in:average_index",
              "in:account_balance", "in:deemed_account_balance", "in:transition_years",
              "in:calculation_base", "in:carry_forward", "in:history"] + \
             ["out:" + k for k in BENEFIT_OUT] + ["out:eligible", "error", "flags", "source"]
    return header, rows


def plausibility_rows(blank):
    """Issue #12: inputs outside the bounds of the law are LIBSI_ERANGE naming the input; the
    wrong acceptances the issue lists (900 months for a 60-year-old, an index of 3.5 or 1000000,
    99999 deemed months, 1000 transitional years, a calculation base of 0)."""
    gz = ["guangzhou", "male60", "1965-03-10", "-"]
    rows = []
    # (id, months, deemed, z, W, C, history, error, why)
    for rid, months, deemed, z, w, c, hist, err, why in [
            ("months-900", "900", "0", "1.0", "-", "-", "-", "contribution_months",
             "900 months for a 60-year-old: more than the 529 from age 16 (1981-03, 《劳动法》第十五条) to 2025-04"),
            ("months-99999999999", "99999999999", "0", "1.0", "-", "-", "-", "contribution_months",
             "the issue's 917 billion yuan a month"),
            ("months-530", "530", "0", "1.0", "-", "-", "-", "contribution_months",
             "one month more than the working life from age 16"),
            ("deemed-99999", "300", "99999", "1.0", "-", "-", "-", "deemed_months",
             "99999 deemed months"),
            ("months-and-deemed", "400", "200", "1.0", "-", "-", "-", "deemed_months",
             "400 + 200 months: more than the 529 of a working life"),
            ("index-1000000", "300", "0", "1000000", "-", "-", "-", "average_index",
             "an index of 1000000: above the 300 % ceiling (pension.average_index.max)"),
            ("index-3.5", "300", "0", "3.5", "-", "-", "-", "average_index",
             "an index of 3.5: above the 300 % ceiling (劳办发〔1997〕116号, 国办发〔2019〕13号 §三)"),
            ("index-0.1", "300", "0", "0.1", "-", "-", "-", "average_index",
             "below pension.average_index.min 0.18 (L)"),
            ("index-0", "300", "0", "0", "-", "-", "-", "average_index", "an index of 0"),
            ("index-not-eligible", "100", "0", "5", "-", "-", "-", "average_index",
             "the bound holds even when the person is not eligible"),
            ("w-1000", "300", "60", "1.0", "1000", "-", "-", "transition_years",
             "1000 transitional years: above 3 × (60 + 54) / 12 = 28.5"),
            ("w-28.51", "220", "60", "1.0", "28.51", "-", "-", "transition_years",
             "just above 3 × (60 + 54) / 12 = 28.5"),
            ("base-0", "300", "0", "1.0", "-", "0", "-", "calculation_base",
             "a calculation base of 0 (an override must be positive)"),
            ("base-1000000", "300", "0", "1.0", "-", "1000000", "-", "calculation_base",
             "above pension.calculation_base.max 100000 (a yearly figure or an extra digit)"),
            ("history-age-12", "-", "0", "-", "-", "-", json_cell("month,base\n1977-01..1977-12,100\n"),
             "history", "a history starting at age 11 (before 16, 《劳动法》第十五条)"),
            ("history-band-99999999", "-", "0", "-", "-", "-",
             json_cell("month,base\n2024-08,99999999\n"), "history",
             "a base of 99999999 in 2024-08: above the ceiling 27501 (粤人社发〔2024〕33号)"),
            ("history-band-100", "-", "0", "-", "-", "-", json_cell("month,base\n2024-08,100\n"),
             "history", "a base of 100 in 2024-08: below Guangzhou's floor 5500 (粤人社发〔2024〕33号)")]:
        cells = [months, deemed, z, "30000" if z != "-" else "-", "0", w, c, "-", hist]
        rows.append([rid] + gz + cells + blank + ["-", "!ERANGE:" + err, "-", "issue #12: " + why])
    return rows


ADJUST = {2016: "0.065", 2017: "0.055", 2018: "0.05", 2019: "0.05", 2020: "0.05",
          2021: "0.045", 2022: "0.04", 2023: "0.038", 2024: "0.03", 2025: "0.02"}  # A7


def adjustment_rows():
    """A7: Guangdong detail NF, so pension × national overall rate, flagged."""
    rows = []
    for year, pension in [(2024, "4000"), (2025, "4000"), (2025, "3726.55"), (2016, "2500.10"),
                          (2023, "5123.45")]:
        inc = F(half_up(F(pension) * F(ADJUST[year]), 2))
        rows.append(["adj-%d-%s" % (year, pension), "guangzhou", str(year), pension, "300",
                     half_up(inc, 2), half_up(F(pension) + inc, 2), "-", "low_confidence",
                     "guangdong-rules A7: national overall rate %s (H); Guangdong detail NF"
                     % ADJUST[year]])
    rows.append(["adj-2026", "guangzhou", "2026", "4000", "300", "-", "-",
                 "!ENOTFOUND:pension.adjustment.overall_rate", "-", "2026 rate not in the data"])
    rows.append(["adj-neg", "guangzhou", "2025", "-1", "300", "-", "-", "!EINPUT:pension", "-",
                 "negative pension"])
    rows.append(["adj-months-601", "guangzhou", "2025", "4000", "601", "-", "-",
                 "!ERANGE:contribution_months", "-",
                 "issue #12: more than 600 months, a working life from 16 (《劳动法》第十五条) to 66 "
                 "(办法第一条 63 + 第三条 3)"])
    header = ["id", "in:city", "in:year", "in:pension", "in:contribution_months", "out:increase",
              "out:adjusted_pension", "error", "flags", "source"]
    return header, rows


def death_rows():
    """A8 / 人社部发〔2021〕18号: funeral 2 months, survivors 9 + years beyond 15 (≤ 24) months of
    the previous year's provincial urban per-capita disposable income per month."""
    rows = []
    for months, income, balance in [(120, "60000", "0"), (180, "60000", "12345.67"),
                                    (191, "60000", "0"), (192, "61234.5", "500"),
                                    (300, "61234.5", "0"), (400, "59999", "88000.01"),
                                    (0, "60000", "0")]:
        years = months // 12
        n = min(24, 9 + max(0, years - 15))
        funeral = F(half_up(F(income) * 2 / 12, 2))
        surv = F(half_up(F(income) * n / 12, 2))
        rows.append(["death-%d-%s" % (months, income), "guangzhou", "2025-05-01", str(months),
                     balance, income, half_up(funeral, 2), str(n), half_up(surv, 2),
                     half_up(F(balance), 2) if "." in balance else balance,
                     half_up(funeral + surv, 2), "-", "override",
                     "人社部发〔2021〕18号 (guangdong-rules A8, M/L): %d full years → %d months" % (years, n)])
    rows.append(["death-no-income", "guangzhou", "2025-05-01", "200", "0", "-", "-", "-", "-",
                 "-", "-", "!ENOTFOUND:income_base", "-",
                 "Guangdong's income figure is not in the rule data: the input is named"])
    for rid, months, income, err, why in [
            ("death-income-0", "200", "0", "income_base", "an income base of 0"),
            ("death-income-huge", "200", "60000000", "income_base",
             "above income.disposable_per_capita.max 1000000 yuan a year"),
            ("death-months-601", "601", "60000", "contribution_months",
             "more than a working life from 16 to 66 (600 months)")]:
        rows.append(["death-" + rid[6:], "guangzhou", "2025-05-01", months, "0", income, "-", "-",
                     "-", "-", "-", "!ERANGE:" + err, "-", "issue #12: " + why])
    header = ["id", "in:city", "in:death_date", "in:contribution_months", "in:account_balance",
              "in:income_base", "out:funeral_subsidy", "out:survivor_months",
              "out:survivor_pension", "out:inheritable_account", "out:total", "error", "flags",
              "source"]
    return header, rows


def life_table(column):
    path = os.path.join(os.path.dirname(__file__), "..", "data", "mortality", "cl2010_2013_qx.tsv")
    lines = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8") if not l.startswith("#")]
    col = lines[0].index(column)
    return [F(row[col]) for row in lines[1:]]


def measures(table, x, pension, balance, age_months, divisor_v, cbase, i, g, er="0.14"):
    """docs/actuarial.md: EPV = 12 P (ä − 11/24), e° = Σ kpx + ½, MWR, IRR (bisection)."""
    q = life_table(table)

    def adue(rate):
        total, p, f = F(0), F(1), F(1)
        ratio = (1 + g) / (1 + rate)
        for a in range(x, 106):
            total += p * f
            p *= 1 - q[a]
            f *= ratio
        return total

    def curtate():
        total, p = F(0), F(1)
        for a in range(x, 106):
            if a > x:
                total += p
            p *= 1 - q[a]
        return total

    contrib = F(half_up(balance * (F(er) + F("0.08")) / F("0.08"), 2))
    epv = 12 * pension * (adue(i) - F(11, 24))
    e = curtate() + F(1, 2)
    lo, hi = F(-99, 100), F(1)
    import decimal as _d
    ctx = _d.Context(prec=60)
    for _ in range(60):  # Fractions grow: 60 halvings reach 1e-18, far below the 4 decimals
        mid = (lo + hi) / 2
        mid = F(ctx.create_decimal(mid.numerator) / ctx.create_decimal(mid.denominator))
        if 12 * pension * (adue(mid) - F(11, 24)) - contrib > 0:
            lo = mid
        else:
            hi = mid
    return dict(contributions_value=half_up(contrib, 2), epv_benefits=half_up(epv, 2),
                money_worth_ratio=half_up(epv / contrib, 4), internal_rate_of_return=half_up(lo, 4),
                replacement_rate=half_up(pension / cbase, 4), life_expectancy=half_up(e, 1),
                expected_age_at_death=half_up(e + F(age_months, 12), 1),
                account_exhaustion_age=half_up(F(age_months, 12) + divisor_v / 12, 1))


MEASURE_OUT = ["contributions_value", "epv_benefits", "money_worth_ratio", "internal_rate_of_return",
               "replacement_rate", "life_expectancy", "expected_age_at_death",
               "account_exhaustion_age"]


def measures_rows():
    rows = []
    # (id, group, birth, months, z, balance, i, g): pensions from the benefit oracle above
    for rid, group, birth, months, z, bal, i, g, table in [
            ("m-male-2.5", "male60", "1965-03-10", 360, "1.5", "180000", "0.025", "0.02", "CL5"),
            ("m-male-3", "male60", "1965-03-10", 360, "1.5", "180000", "0.03", "0", "CL5"),
            ("m-female-3", "female55", "1970-06-20", 300, "0.8", "90000", "0.03", "0.02", "CL6")]:
        bmi = mi_of(birth)
        age, _ = statutory_age(group, bmi)
        year = (bmi + age) // 12
        out = benefit(F(CALC_BASE[year]), F(z), months, 0, F(bal), age, year)
        # employer rate at the retirement date: Guangzhou 15 % from 2022-07-01 (Kaizen CPA 2022, M)
        m = measures(table, age // 12, F(out["total"]), F(bal), age, F(out["divisor"]),
                     F(CALC_BASE[year]), F(i), F(g), er="0.15")
        rows.append([rid, "guangzhou", group, birth, str(months), z, bal, i, g, out["total"]] +
                     [m[k] for k in MEASURE_OUT] + ["-", "-",
                     "docs/actuarial.md measures; 中国人身保险业经验生命表（2010－2013）%s; employer rate 15 %% "
                     "(Guangzhou from 2022-07-01, Kaizen CPA 2022)" % table])
    blank = ["-"] * (1 + len(MEASURE_OUT))
    for rid, i, g, err, why in [("m-discount--1", "-1", "0.02", "discount_rate",
                                 "v = 1 / (1 + i) needs i > −1 (used to crash: GMP division by zero)"),
                                ("m-discount-2", "2", "0.02", "discount_rate", "a yearly rate above 100 %"),
                                ("m-indexation--1", "0.025", "-1", "indexation", "g must be above −1")]:
        rows.append([rid, "guangzhou", "male60", "1965-03-10", "360", "1.5", "180000", i, g] + blank +
                    ["!ERANGE:" + err, "-", "issue #12: " + why])
    header = ["id", "in:city", "in:retirement_group", "in:birth_date", "in:contribution_months",
              "in:average_index", "in:account_balance", "in:discount_rate", "in:indexation",
              "out:pension"] + ["out:" + k for k in MEASURE_OUT] + ["error", "flags", "source"]
    return header, rows


def mi_of(text):
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write("# Generated by tools/gen_pension_vectors.py (independent Fraction oracle); "
                "do not edit by hand.\n")
        f.write("\t".join(header) + "\n")
        for r in rows:
            assert len(r) == len(header), (name, r[0], len(r), len(header))
            f.write("\t".join(r) + "\n")


def main():
    write("retirement_age.tsv", *retirement_rows())
    write("minimum_years.tsv", *minimum_rows())
    write("divisor.tsv", *divisor_rows())
    write("account.tsv", *account_rows())
    write("benefit.tsv", *benefit_rows())
    write("adjustment.tsv", *adjustment_rows())
    write("death.tsv", *death_rows())
    write("measures.tsv", *measures_rows())


if __name__ == "__main__":
    main()
