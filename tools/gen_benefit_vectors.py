#!/usr/bin/env python3
"""Generate the unemployment and work-injury vectors
(tests/vectors/unemployment/*.tsv, tests/vectors/work_injury/*.tsv).

Independent oracle: the rules of guangdong-rules.md sections C and D
re-implemented with Fractions, with the values the reference gives typed in
here (not read from libsi's data).  Every row names its source.
"""
import json
import os
import sys
from fractions import Fraction as F

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "tests",
                                                           "vectors")

MIN_WAGE = {  # guangdong-rules C (first month of each period)
    "guangzhou": [("2021-12", 2300), ("2025-03", 2500), ("2026-09", 2680)],
    "zhaoqing": [("2021-12", 1720), ("2025-03", 1850), ("2026-09", 2040)],
    "zhanjiang": [("2021-12", 1720), ("2025-03", 1850), ("2026-09", 2040)],
    "foshan": [("2021-12", 1900), ("2025-03", 2080), ("2026-09", 2300)],
}


def at(periods, month):
    v = None
    for start, x in periods:
        if month >= start:
            v = x
    return v


def fen(x):
    q = abs(x) * 100
    n = int(q)
    if q - n >= F(1, 2):
        n += 1
    n = -n if x < 0 else n
    return "%s%d.%02d" % ("-" if n < 0 else "", abs(n) // 100, abs(n) % 100)


def mi(text):
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def mt(m):
    return "%04d-%02d" % (m // 12, m % 12 + 1)


# ------------------------------------------------------------ unemployment
def gd_months(cm):  # 第十七条
    if cm < 12:
        return 0
    return cm // 12 if cm <= 48 else 4 + (cm - 48) // 6


def nat_months(cm):  # 社会保险法第四十六条
    return 0 if cm < 12 else 12 if cm < 60 else 18 if cm < 120 else 24


GROUPS = {"male60": (720, 1965 * 12, 4, 36), "female55": (660, 1970 * 12, 4, 36),
          "female50": (600, 1975 * 12, 2, 60)}


def statutory_month(group, birth):
    orig, start, step, cap = GROUPS[group]
    b = mi(birth)
    delay = 0 if b < start else min(cap, (b - start) // step + 1)
    return b + orig + delay


def claim(city, claim_month, cm, carried=0, rule="guangdong", birth=None, group=None):
    earned = gd_months(cm) if rule == "guangdong" else nat_months(cm)
    months = min(24, earned + carried)
    capped = earned + carried > 24
    extended = False
    if birth:
        sm = statutory_month(group, birth)
        until = sm - mi(claim_month)
        if months > 0 and mi(claim_month) + months - 1 > sm - 12 and until > months:
            months, extended = until, True
    sched = []
    for i in range(months):
        m = mi(claim_month) + i
        sched.append({"amount": fen(F(at(MIN_WAGE[city], mt(m))) * F("0.9")), "month": mt(m)})
    total = sum((F(s["amount"]) for s in sched), F(0))
    first = sched[0]["amount"] if sched else "0.00"
    return dict(monthly_benefit=first, benefit_months=str(months),
                total_benefit=fen(total) if sched else "0",
                schedule=json.dumps(sched, separators=(",", ":"), sort_keys=True),
                eligible="true" if months else "false",
                extended_to_retirement="true" if extended else "false",
                months_from_contributions=str(earned)), capped


UI_OUT = ["monthly_benefit", "benefit_months", "total_benefit", "schedule", "eligible",
          "extended_to_retirement", "months_from_contributions"]


def unemployment_rows():
    rows = []
    src = "guangdong-rules C: 《广东省失业保险条例》第十七条 (duration), 第十九条 (90 % of the minimum wage)"
    for cm in [11, 12, 23, 24, 47, 48, 53, 54, 59, 60, 96, 120, 167, 168, 200]:
        out, capped = claim("guangzhou", "2025-04", cm)
        rows.append(["gz-%dm" % cm, "guangzhou", "2025-04", str(cm), "-", "-", "-", "-"] +
                    [out[k] for k in UI_OUT] + ["-", "capped" if capped else "-",
                     src + "; %d months → %s" % (cm, out["benefit_months"])])
    for cm, carried in [(60, 10), (120, 10), (30, 0), (0, 5), (6, 3)]:
        out, capped = claim("zhaoqing", "2025-05", cm, carried)
        rows.append(["zq-%d+%d" % (cm, carried), "zhaoqing", "2025-05", str(cm), str(carried), "-",
                     "-", "-"] + [out[k] for k in UI_OUT] +
                    ["-", "capped" if capped else "-", "第十八条 carry-over, at most 24"])
    for cm in [12, 59, 60, 119, 120, 300]:
        out, _ = claim("zhanjiang", "2025-06", cm, rule="national")
        rows.append(["nat-%dm" % cm, "zhanjiang", "2025-06", str(cm), "-", "national", "-", "-"] +
                    [out[k] for k in UI_OUT] + ["-", "-", "社会保险法第四十六条 (national rule)"])
    for city in ("guangzhou", "zhaoqing", "foshan"):
        out, _ = claim(city, "2026-06", 84)
        rows.append(["span-%s" % city, city, "2026-06", "84", "-", "-", "-", "-"] +
                    [out[k] for k in UI_OUT] + ["-", "-",
                     "第十九条: a claim spanning 2026-09-01 (粤府函〔2026〕188号) pays each month at its own minimum wage"])
    # extension (办法第七条): man born 1966-06 reaches 60y5m in 2026-11
    for cm, claim_m in [(24, "2026-03"), (100, "2026-03"), (24, "2025-06")]:
        out, _ = claim("guangzhou", claim_m, cm, birth="1966-06-15", group="male60")
        rows.append(["ext-%d-%s" % (cm, claim_m), "guangzhou", claim_m, str(cm), "-", "-",
                     "1966-06-15", "male60"] + [out[k] for k in UI_OUT] +
                    ["-", "-", "办法第七条: extension when within a year of the statutory age (2026-11)"])
    blank = ["-"] * len(UI_OUT)
    errs = [("retired", "guangzhou", "2027-01", "100", "-", "-", "1966-06-15", "male60",
             "!EINPUT:claim_date", "at the statutory age: a pension, not a benefit"),
            ("neg", "guangzhou", "2025-04", "-1", "-", "-", "-", "-", "!EINPUT:contribution_months",
             "negative"),
            ("carry-25", "guangzhou", "2025-04", "60", "25", "-", "-", "-",
             "!EINPUT:carried_over_months", "at most 24 (第十八条)"),
            ("shenzhen", "shenzhen", "2025-04", "60", "-", "-", "-", "-", "!EUNSUPPORTED:city",
             "Shenzhen"),
            ("early", "guangzhou", "2020-01", "60", "-", "-", "-", "-",
             "!ENOTFOUND:minimum_wage.monthly", "minimum wage before 2021-12 for Guangzhou: 2018 (L) "
             "ends 2021-12; 2020-01 is covered — see next row")]
    errs.pop()
    errs.append(("zj-2019", "zhanjiang", "2019-01", "60", "-", "-", "-", "-",
                 "!ENOTFOUND:minimum_wage.monthly", "C: Zhanjiang 2018 minimum wage NF (strict)"))
    for e in errs:
        rows.append(list(e[:8]) + blank + [e[8], "-", e[9]])
    header = ["id", "in:city", "in:claim_date", "in:contribution_months", "in:carried_over_months",
              "in:duration_rule", "in:birth_date", "in:retirement_group"] + \
             ["out:" + k for k in UI_OUT] + ["error", "flags", "source"]
    return header, rows


def ui_other_rows():
    death = []
    for wage in ["7000", "12345.67"]:
        w = F(wage)
        death.append(["death-%s" % wage, "zhaoqing", "2026-03-01", wage, fen(3 * w), fen(6 * w),
                      fen(9 * w), "-", "override", "第二十一条: 3 × and 6 × the city's average wage"])
    death.append(["death-no-wage", "zhaoqing", "2026-03-01", "-", "-", "-", "-",
                  "!ENOTFOUND:city_average_wage", "-",
                  "city average wages are not in the rule data: the input is named"])
    dh = ["id", "in:city", "in:death_date", "in:city_average_wage", "out:funeral_subsidy",
          "out:survivor_payment", "out:total", "error", "flags", "source"]
    refund = []
    src = "guangdong-rules C 稳岗返还 (national notice as quoted, M)"
    cases = [("large-ok", "large", 500, 10, 24, "200000", "true", "", "0.3"),
             ("large-nolayoff", "large", 500, 0, 12, "80000", "true", "", "0.3"),
             ("large-rate", "large", 500, 30, 24, "200000", "false",
              "layoff rate above the surveyed-unemployment control target", "0.3"),
             ("sme-ok", "sme", 100, 5, 24, "18000.50", "true", "", "0.6"),
             ("sme-months", "sme", 100, 0, 11, "18000", "false",
              "premiums paid in full for fewer than the required months", "0.6"),
             ("small-20pc", "sme", 25, 5, 36, "9000", "true", "", "0.6"),
             ("small-over", "sme", 25, 6, 36, "9000", "false",
              "layoff rate above 20 % of the insured staff (firm with ≤ 30 insured)", "0.6"),
             ("boundary-5.5", "large", 200, 11, 24, "100000", "true", "", "0.3")]
    for rid, size, n, lay, months, prem, ok, reason, rate in cases:
        amount = fen(F(prem) * F(rate)) if ok == "true" else "0.00"
        refund.append([rid, "guangzhou", "2025", size, str(n), str(lay), str(months), prem, ok,
                       reason if reason else "-", amount, "-", "-",
                       src + ("; %d/%d" % (lay, n))])
    refund.append(["bad-layoffs", "guangzhou", "2025", "sme", "10", "11", "12", "100", "-", "-",
                   "-", "!EINPUT:layoffs", "-", "more layoffs than insured"])
    rh = ["id", "in:city", "in:year", "in:firm_size", "in:insured_count", "in:layoffs",
          "in:months_paid_in_full", "in:premiums_paid_last_year", "out:eligible", "out:reason",
          "out:refund", "error", "flags", "source"]
    skill = []
    for level, amount in [("primary", "1000.00"), ("intermediate", "1500.00"), ("advanced", "2000.00")]:
        skill.append(["skill-%s" % level, "guangzhou", level, "2025-06-01", "36", "true", amount, "-",
                      "low_confidence", "人社部发〔2017〕40号 caps (H); condition 12 months (NF)"])
    skill.append(["skill-short", "guangzhou", "advanced", "2025-06-01", "11", "false", "0.00", "-",
                  "low_confidence", "condition not met (12 months, NF, configurable)"])
    sh = ["id", "in:city", "in:certificate_level", "in:certificate_date", "in:contribution_months",
          "out:eligible", "out:subsidy", "error", "flags", "source"]
    return (dh, death), (rh, refund), (sh, skill)


# ------------------------------------------------------------- work injury
SUBSIDY = [27, 25, 23, 21, 18, 16, 13, 11, 9, 7]
ALLOW = [F("0.9"), F("0.85"), F("0.8"), F("0.75"), F("0.7"), F("0.6")]
MED = {5: 10, 6: 8, 7: 6, 8: 4, 9: 2, 10: 1}
EMP = {5: 50, 6: 40, 7: 25, 8: 15, 9: 8, 10: 4}
NURSE = {"full": F("0.5"), "most": F("0.4"), "partial": F("0.3")}


def own(avg, area):
    lo, hi = F(fen(area * F("0.6"))), F(fen(area * 3))
    if avg < lo:
        return lo, "floored"
    if avg > hi:
        return hi, "capped"
    return F(fen(avg)), None


def injury(city, date, grade, avg, area, nursing="none", term=None, birth=None, group=None):
    o, flag = own(avg, area)
    out = {"own_wage": fen(o), "one_time_disability_subsidy": fen(o * SUBSIDY[grade - 1])}
    flags = {flag} if flag else set()
    allowance = F(0)
    if grade <= 6:
        allowance = F(fen(o * ALLOW[grade - 1]))
        mw = F(at(MIN_WAGE[city], date[:7]))
        if allowance < mw:
            allowance = mw
            flags.add("floored")
    out["monthly_disability_allowance"] = fen(allowance)
    out["nursing_care_monthly"] = fen(area * NURSE[nursing]) if nursing != "none" else "0.00"
    med = emp = F(0)
    if grade >= 5 and term:
        med = area * MED[grade]
        factor = F(1)
        if birth:
            left = statutory_month(group, birth) - mi(term)
            years = -1 if left <= 0 else left // 12
            if years < 5:
                factor = F(1, 5) * max(0, years)
        emp = area * EMP[grade] * factor
    out["one_time_medical_subsidy"] = fen(med)
    out["one_time_employment_subsidy"] = fen(emp)
    return out, flags


WI_OUT = ["own_wage", "one_time_disability_subsidy", "monthly_disability_allowance",
          "nursing_care_monthly", "one_time_medical_subsidy", "one_time_employment_subsidy"]


def work_injury_rows():
    rows = []
    src = "guangdong-rules D: 《工伤保险条例》第三十五–三十七条 (H), 第六十四条"
    for g in range(1, 11):
        out, flags = injury("guangzhou", "2025-05-10", g, F(9000), F(12000))
        rows.append(["grade-%d" % g, "guangzhou", "2025-05-10", str(g), "9000", "-", "12000", "none",
                     "-", "-", "-"] + [out[k] for k in WI_OUT] +
                    ["-", ",".join(sorted(flags | {"override"})), src])
    for rid, avg, why in [("clamp-60", "5000", "below 60 % of 12000 → 7200"),
                          ("clamp-300", "40000", "above 300 % of 12000 → 36000")]:
        out, flags = injury("guangzhou", "2025-05-10", 7, F(avg), F(12000))
        rows.append([rid, "guangzhou", "2025-05-10", "7", avg, "-", "12000", "none", "-", "-", "-"] +
                    [out[k] for k in WI_OUT] + ["-", ",".join(sorted(flags)), "第六十四条: " + why])
    wages = "8000,8200,8400,8600,8800,9000,9200,9400,9600,9800,10000,10200"
    avg = sum(F(x) for x in wages.split(",")) / 12
    out, flags = injury("zhaoqing", "2025-05-10", 9, avg, F(7000))
    rows.append(["wages-list", "zhaoqing", "2025-05-10", "9", "-", json.dumps(wages), "7000", "none",
                 "-", "-", "-"] + [out[k] for k in WI_OUT] + ["-", "-", "第六十四条: 12-month average"])
    out, flags = injury("zhanjiang", "2025-05-10", 6, F(2000), F(3000))
    rows.append(["allowance-floor", "zhanjiang", "2025-05-10", "6", "2000", "-", "3000", "none",
                 "-", "-", "-"] + [out[k] for k in WI_OUT] +
                ["-", "floored", "第三十六条: 60 % of 2000 → raised to the minimum wage 1850"])
    for level in ("partial", "most", "full"):
        out, flags = injury("guangzhou", "2025-05-10", 2, F(9000), F(12000), level)
        rows.append(["nursing-%s" % level, "guangzhou", "2025-05-10", "2", "9000", "-", "12000",
                     level, "-", "-", "-"] + [out[k] for k in WI_OUT] +
                    ["-", "-", "第三十四条: 30/40/50 % of the area wage"])
    for g in range(5, 11):
        out, flags = injury("guangzhou", "2025-05-10", g, F(9000), F(12000), term="2026-01-01")
        rows.append(["term-%d" % g, "guangzhou", "2025-05-10", str(g), "9000", "-", "12000", "none",
                     "2026-01-01", "-", "-"] + [out[k] for k in WI_OUT] +
                    ["-", "low_confidence", "Guangdong one-time subsidies (L)"])
    for birth in ["1967-05-12", "1964-09-01", "1972-01-01"]:
        out, flags = injury("guangzhou", "2025-05-10", 7, F(9000), F(12000), term="2026-01-01",
                            birth=birth, group="male60")
        rows.append(["reduce-%s" % birth, "guangzhou", "2025-05-10", "7", "9000", "-", "12000",
                     "none", "2026-01-01", birth, "male60"] + [out[k] for k in WI_OUT] +
                    ["-", "low_confidence", "Guangdong: −20 % a year under 5 years to retirement (L)"])
    blank = ["-"] * len(WI_OUT)
    for rid, grade, area, err, why in [("grade-11", "11", "12000", "!EINPUT:disability_grade", "1–10"),
                                       ("no-area", "5", "-", "!ENOTFOUND:area_average_wage",
                                        "area wages not in the rule data: the input is named")]:
        rows.append([rid, "guangzhou", "2025-05-10", grade, "9000", "-", area, "none", "-", "-", "-"] +
                    blank + [err, "-", why])
    header = ["id", "in:city", "in:injury_date", "in:disability_grade", "in:own_wage",
              "in:contribution_wages", "in:area_average_wage", "in:nursing_level",
              "in:termination_date", "in:birth_date", "in:retirement_group"] + \
             ["out:" + k for k in WI_OUT] + ["error", "flags", "source"]
    return header, rows


INCOME = {2020: 43834, 2021: 47412, 2022: 49283, 2023: 51821, 2024: 54188}


def death_rows():
    rows = []
    for rid, date, wage, area, spouse, others, lone, why in [
            ("spouse", "2025-03-01", "9000", "12000", "true", "0", "0", "spouse 40 %"),
            ("family", "2025-03-01", "9000", "12000", "true", "1", "0", "40 % + 30 %"),
            ("cap", "2025-03-01", "9000", "12000", "true", "3", "1", "40 + 90 + 10 = 140 % → capped at own wage"),
            ("orphans", "2024-08-01", "8000", "11000", "false", "2", "2", "2 × (30 + 10) %"),
            ("none", "2025-03-01", "9000", "12000", "false", "0", "0", "no dependants")]:
        y = int(date[:4]) - 1
        o, flag = own(F(wage), F(area))
        rate = (F("0.4") if spouse == "true" else 0) + F("0.3") * int(others) + F("0.1") * int(lone)
        monthly = F(fen(o * rate))
        capped = monthly > o
        monthly = min(monthly, o)
        rows.append(["death-" + rid, "guangzhou", date, wage, area, spouse, others, lone, fen(o),
                     fen(F(20 * INCOME[y])), fen(F(area) * 6), fen(monthly), "-",
                     "capped,override" if capped else "override",
                     "第三十九条 (H): " + why + "; income %d = %d (D)" % (y, INCOME[y])])
    rows.append(["death-2020", "guangzhou", "2020-06-01", "9000", "12000", "true", "0", "0",
                 "-", "-", "-", "-", "!ENOTFOUND:income.national_urban_disposable_per_capita", "-",
                 "income of 2019 not in the data (D lists 2020–2024)"])
    header = ["id", "in:city", "in:death_date", "in:own_wage", "in:area_average_wage", "in:spouse",
              "in:other_dependants", "in:lone_dependants", "out:own_wage",
              "out:one_time_death_subsidy", "out:funeral_subsidy", "out:dependants_pension_monthly",
              "error", "flags", "source"]
    return header, rows


def write(rel, header, rows):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Generated by tools/gen_benefit_vectors.py (independent Fraction oracle over "
                "guangdong-rules.md C/D); do not edit by hand.\n")
        f.write("\t".join(header) + "\n")
        for r in rows:
            assert len(r) == len(header), (rel, r[0], len(r), len(header))
            f.write("\t".join(r) + "\n")


def main():
    write("unemployment/claims.tsv", *unemployment_rows())
    death, refund, skill = ui_other_rows()
    write("unemployment/death.tsv", *death)
    write("unemployment/refund.tsv", *refund)
    write("unemployment/skill.tsv", *skill)
    write("work_injury/disability.tsv", *work_injury_rows())
    write("work_injury/death.tsv", *death_rows())


if __name__ == "__main__":
    main()
