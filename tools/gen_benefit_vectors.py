#!/usr/bin/env python3
"""Generate the unemployment and work-injury vectors
(tests/vectors/unemployment/*.tsv, tests/vectors/injury/*.tsv).

Independent oracle: the unemployment and work-injury rules re-implemented with
Fractions, with the values of the public documents named in each row's source
typed in here (not read from libsi's data).  Every row names its source and,
where a value is computed, the arithmetic.

    python3 tools/gen_benefit_vectors.py [VECTORS_DIR]
"""
import json
import os
import sys
from fractions import Fraction as F

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "tests",
                                                           "vectors")

# ------------------------------------------------------------ minimum wages
# Provincial decrees: tier members and monthly amounts by period.
TIER2 = ["zhuhai", "foshan", "dongguan", "zhongshan"]
TIER3_2015 = ["shantou", "huizhou", "jiangmen", "zhaoqing"]
TIER4_2015 = ["shaoguan", "maoming", "meizhou", "shanwei", "heyuan", "yangjiang", "qingyuan",
              "chaozhou", "jieyang", "yunfu", "zhanjiang"]
TIER3_2025 = ["shantou", "huizhou", "jiangmen", "zhanjiang", "zhaoqing"]       # 湛江 up from 2021-12
TIER4_2025 = ["shaoguan", "maoming", "meizhou", "shanwei", "heyuan", "yangjiang", "qingyuan",
              "chaozhou", "jieyang", "yunfu"]
CITIES = ["guangzhou"] + TIER2 + TIER3_2025 + TIER4_2025          # the 20 outside Shenzhen


def tiered(t1, t2, t3, t4, three, four):
    return dict([("guangzhou", t1)] + [(c, t2) for c in TIER2] + [(c, t3) for c in three] +
                [(c, t4) for c in four])


PERIODS = {  # start month → {city: wage}
    "2015-05": tiered(1895, 1510, 1350, 1210, TIER3_2015, TIER4_2015),   # 粤府函〔2015〕20号 (M)
    "2018-07": tiered(2100, 1720, 1550, 1410, TIER3_2015, TIER4_2015),   # 粤府函〔2018〕187号 (H)
    "2021-12": tiered(2300, 1900, 1720, 1620, TIER3_2025, TIER4_2025),   # 粤府函〔2021〕345号 (H)
    "2025-03": tiered(2500, 2080, 1850, 1750, TIER3_2025, TIER4_2025),   # 粤府函〔2025〕23号 (M)
    "2026-09": tiered(2680, 2300, 2040, 2040, TIER3_2025, TIER4_2025),   # 粤府函〔2026〕188号 (H)
}
END = "2028-09"   # the 2026 decree ends two years after it starts (《最低工资规定》第十条)
PERIOD_SOURCE = {
    "2015-05": "粤府函〔2015〕20号 from 2015-05-01 (M)",
    "2018-07": "粤府函〔2018〕187号 from 2018-07-01 (H)",
    "2021-12": "粤府函〔2021〕345号 from 2021-12-01 (H)",
    "2025-03": "粤府函〔2025〕23号 (M)",
    "2026-09": "粤府函〔2026〕188号 (H)",
}


def tier_name(city, period):
    if city == "guangzhou":
        return "一类"
    if city in TIER2:
        return "二类"
    if period >= "2026-09":
        return "三类"
    return "三类" if city in (TIER3_2025 if period >= "2021-12" else TIER3_2015) else "四类"


def min_wage(city, month, carry=False):
    """(wage, period) in force in `month` "YYYY-MM", or (None, None) when not found; with
    carry, the last decree's wage after it ends (flagged carried_forward by libsi)."""
    start = None
    for p in sorted(PERIODS):
        if month >= p:
            start = p
    if start is None or (month >= END and not carry):
        return None, None
    return PERIODS[start].get(city), start


def benefit_rate(month):
    """第十九条: 80 % of the minimum wage before 2018-05-01, 90 % from then (provincial
    announcement of 2018-05-22; Jiangmen government 2018-06-04)."""
    return F("0.8") if month < "2018-05" else F("0.9")


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
def gd_months(cm):  # 第十七条 (and 第十五条: one year minimum)
    if cm < 12:
        return 0
    return cm // 12 if cm <= 48 else 4 + (cm - 48) // 6


def nat_months(cm):  # 社会保险法第四十六条: the maximum of each band
    return 0 if cm < 12 else 12 if cm < 60 else 18 if cm < 120 else 24


# 国务院《关于渐进式延迟法定退休年龄的办法》第一条: original age, group start month, step, cap
GROUPS = {"male60": (720, 1965 * 12, 4, 36), "female55": (660, 1970 * 12, 4, 36),
          "female50": (600, 1975 * 12, 2, 60)}


def statutory_month(group, birth):
    orig, start, step, cap = GROUPS[group]
    b = mi(birth)
    delay = 0 if b < start else min(cap, (b - start) // step + 1)
    return b + orig + delay


def claim(city, claim_month, cm, carried=0, rule="guangdong", birth=None, group=None, carry=False):
    earned = gd_months(cm) if rule == "guangdong" else nat_months(cm)
    months = min(24, earned + carried)
    capped = earned + carried > 24
    extended = False
    sm = None
    if birth:
        # 办法第七条, libsi's reading: last month less than 12 before the
        # statutory month → paid through the statutory month.
        sm = statutory_month(group, birth)
        until = sm - mi(claim_month) + 1
        if months > 0 and sm - (mi(claim_month) + months - 1) < 12 and until > months:
            months, extended = until, True
    sched = []
    for i in range(months):
        m = mi(claim_month) + i
        sched.append({"amount": fen(F(min_wage(city, mt(m), carry)[0]) * benefit_rate(mt(m))), "month": mt(m)})
    total = sum((F(s["amount"]) for s in sched), F(0))
    first = sched[0]["amount"] if sched else "0.00"
    return dict(monthly_benefit=first, benefit_months=str(months), total_benefit=fen(total),
                schedule=json.dumps(sched, separators=(",", ":"), sort_keys=True),
                eligible="true" if months else "false",
                extended_to_retirement="true" if extended else "false",
                months_from_contributions=str(earned),
                statutory_retirement_month=mt(sm) if sm is not None else "-"), capped


UI_OUT = ["monthly_benefit", "benefit_months", "total_benefit", "schedule", "eligible",
          "extended_to_retirement", "months_from_contributions", "statutory_retirement_month"]
UI_IN = ["id", "in:city", "in:claim_date", "in:contribution_months", "in:carried_over_months",
         "in:duration_rule", "in:birth_date", "in:retirement_group", "in:far_from_retirement",
         "in:carry_forward"]


def far(birth, group):
    """Issue #12 item 5: without birth_date and retirement_group the case states
    far_from_retirement=true (办法第七条 needs the retirement month)."""
    return "true" if birth == "-" and group == "-" else "-"


def ui_row(rid, city, cm_month, cm, carried="-", rule="-", birth="-", group="-", why="", carry="-"):
    out, capped = claim(city, cm_month, int(cm), 0 if carried == "-" else int(carried),
                        "guangdong" if rule == "-" else rule,
                        None if birth == "-" else birth, None if group == "-" else group,
                        carry == "true")
    flags = (["capped"] if capped else []) + (["carried_forward"] if carry == "true" else [])
    return [rid, city, cm_month, cm, carried, rule, birth, group, far(birth, group), carry] + \
        [out[k] for k in UI_OUT] + \
        ["-", ",".join(flags) or "-", why]


def unemployment_rows():
    rows = []
    src = "《广东省失业保险条例》第十七条 (duration), 第十九条 (90 % of the minimum wage 2500, 粤府函〔2025〕23号 → 2250.00)"
    for cm in [11, 12, 23, 24, 47, 48, 53, 54, 59, 60, 96, 120, 167, 168, 200]:
        n = gd_months(cm)
        rows.append(ui_row("gz-%dm" % cm, "guangzhou", "2025-04", str(cm),
                           why=src + "; %d months → %d" % (cm, n)))
    for cm, carried in [(60, 10), (120, 10), (30, 0), (0, 5), (6, 3)]:
        e = gd_months(cm)
        rows.append(ui_row("zq-%d+%d" % (cm, carried), "zhaoqing", "2025-05", str(cm), str(carried),
                           why="第十八条 carry-over: %d + %d = %d, at most 24" % (e, carried, e + carried)))
    for cm in [12, 59, 60, 119, 120, 300]:
        rows.append(ui_row("nat-%dm" % cm, "zhanjiang", "2025-06", str(cm), rule="national",
                           why="社会保险法第四十六条 (national rule): %d months → %d" % (cm, nat_months(cm))))
    rows.append(ui_row("nat-60+10", "zhanjiang", "2025-06", "60", "10", "national",
                       why="national rule with carry-over: 18 + 10 → 24 (cap)"))
    span = "第十九条: a claim spanning %s pays each month at that month's minimum wage (%s)"
    for city in ("guangzhou", "zhaoqing", "foshan", "shaoguan"):
        rows.append(ui_row("span-2026-%s" % city, city, "2026-06", "84",
                           why=span % ("2026-09-01", "%s: %d × 0.9 then %d × 0.9" % (
                               tier_name(city, "2026-09"), PERIODS["2025-03"][city], PERIODS["2026-09"][city]))))
    for city in ("guangzhou", "jiangmen"):
        rows.append(ui_row("span-2025-%s" % city, city, "2024-12", "60",
                           why=span % ("2025-03-01", "%s: %d × 0.9 then %d × 0.9" % (
                               tier_name(city, "2025-03"), PERIODS["2021-12"][city], PERIODS["2025-03"][city]))))
    rows.append(ui_row("span-2018-jiangmen", "jiangmen", "2018-03", "60",
                       why="第十九条 80 % until 2018-04, 90 % from 2018-05 (provincial announcement 2018-05-22; "
                           "Jiangmen government 2018-06-04: 1080 → 1215 元), then 粤府函〔2018〕187号 1550 from 2018-07: "
                           "1080, 1080, 1215, 1215, 1395, 1395"))
    rows.append(ui_row("zj-2019", "zhanjiang", "2019-01", "60",
                       why="粤府函〔2018〕187号 四类 1410 × 0.9 = 1269.00 (湛江市人民政府 2018-07-02; the Zhanjiang plan draft "
                           "gives the 2020 benefit 1269)"))
    ext = "办法第七条 (H) with 第一条: %s; libsi's reading: paid through the statutory month"
    m66 = "male born 1966-06-15 → 60y5m, statutory month 2026-11"
    for rid, cm_month, cm, carried, why in [
            ("ext-24-2026-03", "2026-03", "24", "-", "2 months end 2026-04, 7 < 12 before → 2026-03..2026-11 = 9"),
            ("ext-100-2026-03", "2026-03", "100", "-", "12 months run past 2026-11: not shortened"),
            ("ext-24-2025-06", "2025-06", "24", "-", "2 months end 2025-07, 16 before: no extension"),
            ("ext-edge-12", "2025-10", "24", "-", "2 months end 2025-11, exactly 12 before: no extension"),
            ("ext-edge-11", "2025-11", "24", "-", "2 months end 2025-12, 11 before: extended to 13"),
            ("ext-60-2026-06", "2026-06", "60", "-", "6 months end 2026-11 = the statutory month: nothing to extend"),
            ("ext-in-month", "2026-11", "12", "-", "claim in the statutory month: 1 month"),
            ("ext-carried", "2026-01", "0", "3", "only carried-over months (3) end 2026-03 → extended to 11"),
            ("ext-none-11m", "2026-01", "11", "-", "no entitlement: nothing to extend")]:
        rows.append(ui_row(rid, "guangzhou", cm_month, cm, carried, birth="1966-06-15",
                           group="male60", why=ext % (m66 + "; " + why)))
    rows.append(ui_row("ext-female50", "zhanjiang", "2031-09", "12", birth="1979-11-21",
                       group="female50", carry="true",
                       why=ext % "female worker born 1979-11-21 → 52y6m (办法 附件3), statutory "
                                 "month 2032-05; 1 month 2031-09 → 2031-09..2032-05 = 9 at 2040 × 0.9 (粤府函〔2026〕188号, "
                                 "past its two years: carried forward on request, flagged)"))
    rows.append(ui_row("ext-female55", "zhaoqing", "2030-06", "36", birth="1974-10-08",
                       group="female55", carry="true",
                       why=ext % "female cadre born 1974-10-08 → 56y3m (办法 附件2), statutory "
                                 "month 2031-01; 3 months end 2030-08 → 2030-06..2031-01 = 8 (minimum wage 2040 carried "
                                 "forward on request, flagged)"))
    blank = ["-"] * len(UI_OUT)
    errs = [("retired", "guangzhou", "2026-12", "100", "-", "-", "1966-06-15", "male60",
             "!EINPUT:claim_date", "办法第七条: claim after the statutory month 2026-11: a pension is due"),
            ("neg", "guangzhou", "2025-04", "-1", "-", "-", "-", "-", "!EINPUT:contribution_months",
             "negative contribution months"),
            ("carry-25", "guangzhou", "2025-04", "60", "25", "-", "-", "-",
             "!EINPUT:carried_over_months", "at most 24 (第十八条)"),
            ("birth-only", "guangzhou", "2025-04", "60", "-", "-", "1966-06-15", "-",
             "!EINPUT:retirement_group", "the extension needs both birth_date and retirement_group"),
            ("bad-month", "guangzhou", "2025-13", "60", "-", "-", "-", "-", "!EINPUT:claim_date",
             "month 13"),
            ("bad-rule", "guangzhou", "2025-04", "60", "-", "shenzhen", "-", "-",
             "!EINPUT:duration_rule", "not a duration rule"),
            ("shenzhen", "shenzhen", "2025-04", "60", "-", "-", "-", "-", "!EUNSUPPORTED:city",
             "Shenzhen runs its own system"),
            ("gz-2099", "guangzhou", "2099-01", "60", "-", "-", "-", "-",
             "!ENOTFOUND:minimum_wage.monthly",
             "粤府函〔2026〕188号 ends 2028-09-01 at the latest (《最低工资规定》第十条): a 2099 claim fails strictly"),
            ("gz-2015-04", "guangzhou", "2015-04", "60", "-", "-", "-", "-",
             "!ENOTFOUND:minimum_wage.monthly", "no minimum wage before 粤府函〔2015〕20号 (2015-05-01)"),
            ("months-601", "guangzhou", "2025-04", "601", "-", "-", "-", "-",
             "!ERANGE:contribution_months",
             "issue #12: more than 600 months, a working life from 16 (《劳动法》第十五条) to 66 (办法第一条、第三条)"),
            ("months-1200", "guangzhou", "2025-04", "1200", "-", "-", "-", "-",
             "!ERANGE:contribution_months", "issue #12: 100 years of contributions"),
            ("months-since-16", "zhanjiang", "2031-09", "431", "-", "-", "1979-11-21", "female50",
             "!ERANGE:contribution_months",
             "issue #12: born 1979-11-21, 16 in 1995-11: 430 months to 2031-09, not 431"),
            ("birth-after-claim", "guangzhou", "2025-04", "60", "-", "-", "2030-01-01", "male60",
             "!ERANGE:birth_date", "issue #12: a birth date after the claim is impossible"),
            ("claimant-aged-10", "guangzhou", "2025-04", "0", "-", "-", "2015-01-01", "male60",
             "!ERANGE:birth_date", "issue #12: a claimant of 10: below the working age of 16 (《劳动法》第十五条)")]
    for e in errs:
        rows.append(list(e[:8]) + [far(e[6], e[7]), "-"] + blank + [e[8], "-", e[9]])
    need = ("issue #12 item 5: 办法第七条 extends the benefit of a claimant less than one year from the "
            "statutory retirement age, so the months need the birth date: ")
    for rid, birth, group, stated, error, why in [
            ("no-birth", "-", "-", "-", "!EINPUT:birth_date",
             need + "neither birth_date nor far_from_retirement=true"),
            ("far-false", "-", "-", "false", "!EINPUT:birth_date",
             need + "far_from_retirement=false states nothing"),
            ("far-and-birth", "1966-06-15", "male60", "true", "!EINPUT:far_from_retirement",
             "issue #12 item 5: the birth date and the statement far_from_retirement=true, not both"),
            ("group-only", "-", "male60", "-", "!EINPUT:birth_date",
             "the extension needs both birth_date and retirement_group")]:
        rows.append(["ui-" + rid, "guangzhou", "2025-04", "60", "-", "-", birth, group, stated, "-"] +
                    blank + [error, "-", why])
    rows.append(ui_row("gz-2099-carry", "guangzhou", "2099-01", "60", carry="true",
                       why="carry_forward: the last minimum wage (粤府函〔2026〕188号 2680) and the 90 % rate "
                           "carried to 2099, flagged (issue #11)"))
    header = UI_IN + ["out:" + k for k in UI_OUT] + ["error", "flags", "source"]
    return header, rows


def duration_rows():
    """Every contribution month count 0..300 under both rules.  Claims start 2026-09 so that
    24 months end 2028-08, within the last minimum-wage decree (粤府函〔2026〕188号, at most two
    years: 《最低工资规定》第十条)."""
    rows = []
    for rule in ("guangdong", "national"):
        for cm in range(0, 301):
            n = gd_months(cm) if rule == "guangdong" else nat_months(cm)
            months = min(n, 24)
            if rule == "guangdong":
                how = ("%d < 12: none (第十五条)" % cm if cm < 12 else
                       "⌊%d/12⌋ = %d" % (cm, n) if cm <= 48 else
                       "4 + ⌊(%d − 48)/6⌋ = %d%s" % (cm, n, " → cap 24" if n > 24 else ""))
                src = "《广东省失业保险条例》第十七条 (H): " + how
            else:
                src = "社会保险法第四十六条 (H): %d months → %d" % (cm, n)
            rows.append(["%s-%d" % (rule[:2], cm), "zhanjiang", "2026-09", str(cm), rule, "true",
                         str(months), str(n), "true" if months else "false", "-",
                         "capped" if n > 24 else "-", src])
    header = ["id", "in:city", "in:claim_date", "in:contribution_months", "in:duration_rule",
              "in:far_from_retirement", "out:benefit_months", "out:months_from_contributions", "out:eligible", "error",
              "flags", "source"]
    return header, rows


def amount_rows():
    """Each city on each minimum-wage period boundary (the month before and the first month),
    on the 80 % → 90 % change of 2018-05, and after the last decree ends."""
    rows = []
    seen = set()
    for start in sorted(list(PERIODS) + ["2018-05", END]):
        before = mt(mi(start) - 1)
        for city in CITIES:
            for month in (before, start):
                rid = "%s-%s" % (city, month)
                if rid in seen:
                    continue
                seen.add(rid)
                wage, period = min_wage(city, month)
                if wage is None:
                    why = ("no minimum wage before 粤府函〔2015〕20号 (2015-05-01); strict lookup" if month < "2015-05" else
                           "粤府函〔2026〕188号 ends 2028-09-01 at the latest (《最低工资规定》第十条); strict lookup")
                    rows.append([rid, city, month, "-", "-", "-", "!ENOTFOUND:minimum_wage.monthly", "-", why])
                    continue
                rate = benefit_rate(month)
                amount = fen(F(wage) * rate)
                rows.append([rid, city, month, amount, amount,
                             json.dumps([{"amount": amount, "month": month}], separators=(",", ":")),
                             "-", "-",
                             "%s %s: %d × %s = %s (第十九条; %s)" % (
                                 PERIOD_SOURCE[period], tier_name(city, period), wage, rate, amount,
                                 "80 % before 2018-05-01" if rate == F("0.8") else
                                 "90 % from 2018-05-01, provincial announcement 2018-05-22")])
    rows.append(["jiangmen-2018-04-source", "jiangmen", "2018-04", "1080.00", "1080.00",
                 json.dumps([{"amount": "1080.00", "month": "2018-04"}], separators=(",", ":")), "-", "-",
                 "Jiangmen government 2018-06-04: minimum wage 1350, benefit 1080 元 (80 %) before 2018-05-01"])
    rows.append(["jiangmen-2018-06-source", "jiangmen", "2018-06", "1215.00", "1215.00",
                 json.dumps([{"amount": "1215.00", "month": "2018-06"}], separators=(",", ":")), "-", "-",
                 "Jiangmen government 2018-06-04: since May 1st increased from 80 % to 90 %: 1215 元"])
    header = ["id", "in:city", "in:claim_date", "out:monthly_benefit", "out:total_benefit",
              "out:schedule", "error", "flags", "source"]
    # every row: 12 contribution months → 1 benefit month; no birth date, the
    # case states far_from_retirement=true (issue #12 item 5)
    header[3:3] = ["in:contribution_months", "in:far_from_retirement"]
    for r in rows:
        r[3:3] = ["12", "true"]
    return header, rows


def ui_death_rows():
    death = []
    for rid, city, date, wage, mw in [("zq-7000", "zhaoqing", "2026-03-01", "7000", 1850),
                                      ("zq-12345.67", "zhaoqing", "2026-03-01", "12345.67", 1850),
                                      ("zq-2026-09", "zhaoqing", "2026-09-15", "7000", 2040),
                                      ("gz-13000", "guangzhou", "2025-08-31", "13000", 2500)]:
        w = F(wage)
        death.append(["death-" + rid, city, date, wage, fen(3 * w), fen(6 * w), fen(9 * w),
                      fen(F(mw) * F("0.9")), "-", "override",
                      "《广东省失业保险条例》第二十一条 (H): 3 × %s = %s, 6 × %s = %s; month's benefit %d × 0.9" % (
                          wage, fen(3 * w), wage, fen(6 * w), mw)])
    death.append(["death-no-wage", "zhaoqing", "2026-03-01", "-", "-", "-", "-", "-",
                  "!ENOTFOUND:city_average_wage", "-",
                  "city average wages are not in the rule data: the input is named"])
    death.append(["death-negative", "zhaoqing", "2026-03-01", "-1", "-", "-", "-", "-",
                  "!EINPUT:city_average_wage", "-", "a negative wage"])
    death.append(["death-zero", "zhaoqing", "2026-03-01", "0", "-", "-", "-", "-",
                  "!ERANGE:city_average_wage", "-", "issue #12: an average wage of 0"])
    death.append(["death-huge", "zhaoqing", "2026-03-01", "1000000", "-", "-", "-", "-",
                  "!ERANGE:city_average_wage", "-",
                  "issue #12: above wage.average_monthly.max 100000 (a yearly figure or an extra digit)"])
    header = ["id", "in:city", "in:death_date", "in:city_average_wage", "out:funeral_subsidy",
              "out:survivor_payment", "out:total", "out:death_month_benefit", "error", "flags",
              "source"]
    return header, death


CONTROL_REASON = "layoff rate above the surveyed-unemployment control target"
SMALL_REASON = "layoff rate above 20 % of the insured staff (firm with ≤ 30 insured)"
MONTHS_REASON = "premiums paid in full for fewer than the required months"


# 稳岗返还 upper limits by the year of the refund (large, SME) and the document
# each year's values come from; Guangzhou falls under Guangdong's own 2022 rates.
REFUND_YEARS = {
    "2022": (F("0.5"), F("0.9"), "稳岗返还 2022: 人社部发〔2022〕23号 第一条 (SMEs 从60%最高提至90%); "
             "Guangdong 50 % / 90 % (provincial portal 2022-08-22, M)"),
    "2023": (F("0.3"), F("0.6"), "稳岗返还 2023: national notice not found; 30 % / 60 % as announced by "
             "local bureaus to 2023-12-31 (M)"),
    "2024": (F("0.3"), F("0.6"), "稳岗返还 2024: 人社部发〔2024〕40号 第二条"),
    "2025": (F("0.3"), F("0.6"), "稳岗返还 2025: 《关于延续实施失业保险稳岗惠民政策措施的通知》第一条 "
             "(rates M)"),
    "2026": (F("0.3"), F("0.6"), "稳岗返还 2026: no notice after 2025-12-31 found; the 2025 notice's "
             "values stay in force (open-ended)"),
}


def refund_rows():
    refund = []
    src = REFUND_YEARS["2025"][2]
    cases = [
        ("large-ok", "large", 500, 10, 24, "200000", "", "10/500 = 2 % ≤ 5.5 %"),
        ("large-nolayoff", "large", 500, 0, 12, "80000", "", "no layoffs, exactly 12 months"),
        ("large-rate", "large", 500, 30, 24, "200000", CONTROL_REASON, "30/500 = 6 % > 5.5 %"),
        ("boundary-5.5", "large", 200, 11, 24, "100000", "", "11/200 = 5.5 % exactly"),
        ("over-5.5", "large", 200, 12, 24, "100000", CONTROL_REASON, "12/200 = 6 %"),
        ("sme-ok", "sme", 100, 5, 24, "18000.50", "", "5/100 = 5 %"),
        ("sme-months", "sme", 100, 0, 11, "18000", MONTHS_REASON, "11 < 12 months"),
        ("small-20pc", "sme", 25, 5, 36, "9000", "", "≤ 30 insured: 5/25 = 20 % exactly"),
        ("small-over", "sme", 25, 6, 36, "9000", SMALL_REASON, "≤ 30 insured: 6/25 = 24 %"),
        ("small-30", "sme", 30, 6, 36, "9000", "", "30 insured (含): 6/30 = 20 %"),
        ("small-30-over", "sme", 30, 7, 36, "9000", SMALL_REASON, "30 insured: 7/30 > 20 %"),
        ("not-small-31", "sme", 31, 2, 36, "9000", CONTROL_REASON,
         "31 insured: the small-firm rule does not apply; 2/31 = 6.45 % > 5.5 %"),
        ("not-small-31-ok", "sme", 31, 1, 36, "9000", "", "31 insured: 1/31 = 3.2 % ≤ 5.5 %"),
        ("rounding", "large", 300, 0, 36, "12345.67", "", "12345.67 × 0.3 = 3703.701 → 3703.70"),
        ("zero-premiums", "sme", 10, 0, 36, "0", "", "nothing paid: nothing back"),
    ]
    cases = [c[:1] + ("2025",) + c[1:] for c in cases] + [
        ("y2022-large", "2022", "large", 500, 10, 24, "200000", "", "10/500 = 2 % ≤ 5.5 %"),
        ("y2022-sme", "2022", "sme", 25, 5, 36, "9000", "", "≤ 30 insured: 5/25 = 20 %"),
        ("y2022-sme-months", "2022", "sme", 25, 0, 11, "9000", MONTHS_REASON,
         "11 < 12 months (人社部发〔2019〕23号 第一条(二), M)"),
        ("y2023-large", "2023", "large", 500, 10, 24, "200000", "", "10/500 = 2 % ≤ 5.5 %"),
        ("y2023-sme", "2023", "sme", 25, 5, 36, "9000", "", "≤ 30 insured: 5/25 = 20 %"),
        ("y2024-large", "2024", "large", 200, 11, 24, "100000", "", "11/200 = 5.5 % exactly"),
        ("y2024-sme", "2024", "sme", 100, 5, 24, "18000.50", "", "5/100 = 5 %"),
        ("y2024-over", "2024", "large", 200, 12, 24, "100000", CONTROL_REASON, "12/200 = 6 %"),
        ("y2026-sme", "2026", "sme", 25, 5, 36, "9000", "", "≤ 30 insured: 5/25 = 20 %"),
    ]
    for rid, year, size, n, lay, months, prem, reason, why in cases:
        large, sme, src = REFUND_YEARS[year]
        rate = large if size == "large" else sme
        amount = fen(F(prem) * rate) if not reason else "0.00"
        refund.append([rid, "guangzhou", year, size, str(n), str(lay), str(months), prem,
                       "false" if reason else "true", reason or "-", amount, "-", "-",
                       "%s: %s; refund = %s × %s" % (src, why, prem, rate) if not reason else
                       "%s: %s" % (src, why)])
    for rid, year, size, n, lay, months, prem, err, why in [
            ("bad-layoffs", "2025", "sme", "10", "11", "12", "100", "!EINPUT:layoffs",
             "more layoffs than insured"),
            ("bad-insured", "2025", "sme", "0", "0", "12", "100", "!EINPUT:insured_count",
             "no insured staff"),
            ("bad-premiums", "2025", "sme", "10", "0", "12", "-5", "!EINPUT:premiums_paid_last_year",
             "negative premiums"),
            ("bad-size", "2025", "huge", "10", "0", "12", "100", "!EINPUT:firm_size",
             "not a size"),
            ("bad-year", "1999", "sme", "10", "0", "12", "100", "!EINPUT:year", "year out of range"),
            ("before-rules", "2021", "sme", "10", "0", "12", "100",
             "!ENOTFOUND:unemployment.refund.min_months_paid",
             "no refund values before 2022 (人社部发〔2019〕23号's 50 % refund of 2019–2021 is not "
             "modelled)")]:
        refund.append([rid, "guangzhou", year, size, n, lay, months, prem, "-", "-", "-", err,
                       "-", why])
    header = ["id", "in:city", "in:year", "in:firm_size", "in:insured_count", "in:layoffs",
              "in:months_paid_in_full", "in:premiums_paid_last_year", "out:eligible", "out:reason",
              "out:refund", "error", "flags", "source"]
    return header, refund


def skill_rows():
    skill = []
    for level, amount in [("primary", "1000.00"), ("intermediate", "1500.00"), ("advanced", "2000.00")]:
        skill.append(["skill-%s" % level, "guangzhou", level, "2025-06-01", "36", "true", "-", amount,
                      "-", "low_confidence", "人社部发〔2017〕40号 caps (H); condition 12 months (NF)"])
    skill.append(["skill-12", "zhanjiang", "primary", "2025-06-01", "12", "true", "-", "1000.00", "-",
                  "low_confidence", "condition met exactly (12 months, NF, configurable)"])
    skill.append(["skill-short", "guangzhou", "advanced", "2025-06-01", "11", "false",
                  "contribution period shorter than the condition", "0.00", "-", "low_confidence",
                  "condition not met (12 months, NF, configurable)"])
    skill.append(["skill-neg", "guangzhou", "advanced", "2025-06-01", "-1", "-", "-", "-",
                  "!EINPUT:contribution_months", "-", "negative months"])
    skill.append(["skill-level", "guangzhou", "expert", "2025-06-01", "36", "-", "-", "-",
                  "!EINPUT:certificate_level", "-", "not a level"])
    skill.append(["skill-2016", "guangzhou", "primary", "2016-06-01", "36", "-", "-", "-",
                  "!ENOTFOUND:unemployment.skill", "-", "before 人社部发〔2017〕40号"])
    skill.append(["skill-months-601", "guangzhou", "primary", "2025-06-01", "601", "-", "-", "-",
                  "!ERANGE:contribution_months", "-",
                  "issue #12: more than a working life from 16 to 66 (600 months)"])
    header = ["id", "in:city", "in:certificate_level", "in:certificate_date",
              "in:contribution_months", "out:eligible", "out:reason", "out:subsidy", "error",
              "flags", "source"]
    return header, skill


# ------------------------------------------------------------- work injury
SUBSIDY = [27, 25, 23, 21, 18, 16, 13, 11, 9, 7]            # 《工伤保险条例》 arts 35–37 (H)
ALLOW = [F("0.9"), F("0.85"), F("0.8"), F("0.75"), F("0.7"), F("0.6")]
MED = {5: 10, 6: 8, 7: 6, 8: 4, 9: 2, 10: 1}                  # 《广东省工伤保险条例》, general knowledge (L)
EMP = {5: 50, 6: 40, 7: 25, 8: 15, 9: 8, 10: 4}               # 《广东省工伤保险条例》, general knowledge (L)
NURSE = {"full": F("0.5"), "most": F("0.4"), "partial": F("0.3")}


def own(avg, area):
    """第六十四条: (own wage, clamp) with the limits rounded to the fen."""
    lo, hi = F(fen(area * F("0.6"))), F(fen(area * 3))
    if avg < lo:
        return lo, "floor"
    if avg > hi:
        return hi, "ceiling"
    return F(fen(avg)), "none"


def injury(city, date, grade, avg, area, nursing="none", term=None, birth=None, group=None,
           term_area=None):
    o, clamp = own(avg, area)
    out = {"own_wage_used": fen(o), "own_wage_clamp": clamp}
    flags = {"floor": {"floored"}, "ceiling": {"capped"}}.get(clamp, set())
    why = []
    out["one_time_disability_subsidy"] = fen(o * SUBSIDY[grade - 1]) if grade else "0.00"
    allowance = F(0)
    if grade and grade <= 6:
        allowance = F(fen(o * ALLOW[grade - 1]))
        mw = F(min_wage(city, date[:7])[0])
        if allowance < mw:
            allowance = mw
            flags.add("floored")
            why.append("allowance raised to the minimum wage %s" % mw)
    out["disability_allowance_monthly"] = fen(allowance)
    out["nursing_care_monthly"] = fen(area * NURSE[nursing]) if nursing != "none" else "0.00"
    med = emp = F(0)
    if grade >= 5 and term:
        base = term_area if term_area is not None else area
        med = base * MED[grade]
        factor = F(1)
        if birth:
            left = statutory_month(group, birth) - mi(term)
            years = -1 if left <= 0 else left // 12
            if years < 5:
                factor = F(1, 5) * max(0, years)
            why.append("%d months to the statutory month, factor %s" % (left, factor))
        emp = base * EMP[grade] * factor
        flags.add("low_confidence")
    out["one_time_medical_subsidy"] = fen(med)
    out["one_time_employment_subsidy"] = fen(emp)
    return out, flags, why


WI_IN = ["id", "in:city", "in:injury_date", "in:disability_grade", "in:own_wage", "in:wage_history",
         "in:area_average_wage", "in:nursing_level", "in:terminated", "in:termination_date",
         "in:birth_date", "in:retirement_group", "in:far_from_retirement"]
WI_OUT = ["own_wage_used", "own_wage_clamp", "one_time_disability_subsidy",
          "disability_allowance_monthly", "nursing_care_monthly", "one_time_medical_subsidy",
          "one_time_employment_subsidy"]


def wi_row(rid, city, date, grade, own_wage, history, area, nursing="none", term=None, birth=None,
           group=None, why="", far=None):
    avg = (F(own_wage) if own_wage != "-" else
           sum(F(x) for x in history.split(",")) / len(history.split(",")))
    out, flags, notes = injury(city, date, int(grade) if grade != "-" else 0, avg, F(area), nursing,
                               term, birth, group)
    flags.add("override")
    text = why + ("; " + "; ".join(notes) if notes else "")
    return [rid, city, date, grade, own_wage, json.dumps(history) if history != "-" else "-", area,
            nursing, "true" if term else "-", term or "-", birth or "-", group or "-", far or "-"] + \
        [out[k] for k in WI_OUT] + ["-", ",".join(sorted(flags)), text]


def work_injury_rows():
    rows = []
    for g in range(1, 11):
        o = 9000
        allow = ("; allowance 9000 × %s = %s" % (ALLOW[g - 1], fen(o * ALLOW[g - 1]))
                 if g <= 6 else "; no allowance (第三十七条)")
        rows.append(wi_row("grade-%d" % g, "guangzhou", "2025-05-10", str(g), "9000", "-", "12000",
                           why="《工伤保险条例》第三十五–三十七条 (H): 9000 × %d months = %s%s" % (
                               SUBSIDY[g - 1], fen(F(o * SUBSIDY[g - 1])), allow)))
    rows.append(wi_row("no-grade", "guangzhou", "2025-05-10", "-", "9000", "-", "12000",
                       why="injury without a disability grade: own wage only"))
    for rid, avg, why in [("clamp-below", "7199.99", "7199.99 < 60 % × 12000 = 7200 → 7200, floor"),
                          ("clamp-at-60", "7200", "exactly 60 %: no clamp"),
                          ("clamp-far-below", "5000", "5000 < 7200 → 7200, floor"),
                          ("clamp-at-300", "36000", "exactly 300 %: no clamp"),
                          ("clamp-above", "36000.01", "36000.01 > 300 % × 12000 = 36000 → 36000, ceiling"),
                          ("clamp-far-above", "40000", "40000 → 36000, ceiling")]:
        rows.append(wi_row(rid, "guangzhou", "2025-05-10", "7", avg, "-", "12000",
                           why="《工伤保险条例》第六十四条 (H): " + why + "; × 13 months"))
    rows.append(wi_row("clamp-odd-area", "zhaoqing", "2025-05-10", "10", "1", "-", "7777.77",
                       why="《工伤保险条例》第六十四条: floor 0.6 × 7777.77 = 4666.662 → 4666.66 (fen)"))
    h12 = "8000,8200,8400,8600,8800,9000,9200,9400,9600,9800,10000,10200"
    rows.append(wi_row("history-12", "zhaoqing", "2025-05-10", "9", "-", h12, "7000",
                       why="《工伤保险条例》第六十四条: (8000 + … + 10200) / 12 = 109200 / 12 = 9100"))
    rows.append(wi_row("history-3", "zhaoqing", "2025-05-10", "9", "-", "8000,8000,8001", "7000",
                       why="《工伤保险条例》第六十四条: 24001 / 3 = 8000.333… → 8000.33 (fen)"))
    rows.append(wi_row("history-low", "zhaoqing", "2025-05-10", "8", "-", "3000,3200", "7000",
                       why="《工伤保险条例》第六十四条: 3100 < 60 % × 7000 = 4200 → 4200, floor"))
    for rid, city, date, grade, wage, area, mw in [
            ("allowance-floor-zj", "zhanjiang", "2025-05-10", "6", "2000", "3000", 1850),
            ("allowance-floor-zj-2026", "zhanjiang", "2026-09-01", "6", "2000", "3000", 2040),
            ("allowance-floor-gz", "guangzhou", "2025-05-10", "5", "3000", "5000", 2500),
            ("allowance-at-min", "zhanjiang", "2025-05-10", "5", "2642.86", "4000", 1850)]:
        o, _ = own(F(wage), F(area))
        rows.append(wi_row(rid, city, date, grade, wage, "-", area,
                           why="《工伤保险条例》第三十五、三十六条 (H): %s × %s = %s vs minimum wage %d" % (
                               fen(o), ALLOW[int(grade) - 1], fen(o * ALLOW[int(grade) - 1]), mw)))
    for level in ("partial", "most", "full"):
        rows.append(wi_row("nursing-%s" % level, "guangzhou", "2025-05-10", "2", "9000", "-", "12000",
                           level, why="《工伤保险条例》第三十四条 (H): 12000 × %s" % NURSE[level]))
    rows.append(wi_row("nursing-grade-7", "guangzhou", "2025-05-10", "7", "9000", "-", "12345",
                       "full", why="《工伤保险条例》第三十四条: 12345 × 0.5 = 6172.50 (any grade assessed as needing care)"))
    for g in range(1, 11):
        why = ("《广东省工伤保险条例》 month counts, general knowledge (L): medical 12000 × %d, employment 12000 × %d" % (MED[g], EMP[g])
               if g >= 5 else "《工伤保险条例》第三十五条: grades 1–4 keep the labour relation: no termination subsidies")
        if g < 5:
            rows.append(wi_row("term-%d" % g, "guangzhou", "2025-05-10", str(g), "9000", "-", "12000",
                               term="2025-12-01", why=why))
            continue
        # Issue #12 item 5: without birth_date the near-retirement reduction used to be skipped
        # silently (a wrong acceptance the issue lists); the case must give the birth date or
        # state far_from_retirement=true.
        r = wi_row("term-%d" % g, "guangzhou", "2025-05-10", str(g), "9000", "-", "12000",
                   term="2025-12-01", why=why)
        rows.append(r[:len(WI_IN)] + ["-"] * len(WI_OUT) +
                    ["!EINPUT:birth_date", "-",
                     "issue #12: terminated=true for grade %d without birth_date: the reduction near "
                     "the retirement age cannot be decided (it used to be skipped silently)" % g])
        rows.append(wi_row("term-far-%d" % g, "guangzhou", "2025-05-10", str(g), "9000", "-", "12000",
                           term="2025-12-01", far="true",
                           why=why + "; far_from_retirement=true states 5 years or more remain"))
    for birth in ["1972-01-01", "1970-06-01", "1969-01-01", "1968-06-01", "1967-09-01", "1966-09-01",
                  "1966-01-01", "1965-09-01", "1960-01-01"]:
        sm = statutory_month("male60", birth)
        rows.append(wi_row("reduce-%s" % birth, "guangzhou", "2025-05-10", "7", "9000", "-", "12000",
                           term="2025-12-01", birth=birth, group="male60",
                           why="《广东省工伤保险条例》 month counts, general knowledge (L): −20 %% per full year under 5 years to the statutory "
                               "month (%s, A6), none at it; termination 2025-12" % mt(sm)))
    rows.append(wi_row("reduce-female50", "guangzhou", "2025-05-10", "10", "9000", "-", "12000",
                       term="2025-12-01", birth="1979-11-21", group="female50",
                       why="《广东省工伤保险条例》 month counts, general knowledge (L): female worker, statutory month 2032-05 (52y6m, 办法 附件3)"))
    blank = ["-"] * len(WI_OUT)
    errs = [("grade-11", {"in:disability_grade": "11"}, "!EINPUT:disability_grade", "grades 1–10"),
            ("grade-0", {"in:disability_grade": "0"}, "!EINPUT:disability_grade", "absent for none, not 0"),
            ("no-area", {"in:area_average_wage": "-"}, "!ENOTFOUND:area_average_wage",
             "area wages not in the rule data: the input is named"),
            ("zero-area", {"in:area_average_wage": "0"}, "!EINPUT:area_average_wage", "zero area wage"),
            ("no-wage", {"in:own_wage": "-"}, "!EINPUT:own_wage", "own_wage or wage_history needed"),
            ("both-wages", {"in:wage_history": "9000"}, "!EINPUT:wage_history",
             "own_wage and wage_history together"),
            ("neg-wage", {"in:own_wage": "-1"}, "!EINPUT:own_wage", "negative own wage"),
            ("history-13", {"in:own_wage": "-", "in:wage_history": ",".join(["9000"] * 13)},
             "!EINPUT:wage_history", "more than 12 months"),
            ("history-bad", {"in:own_wage": "-", "in:wage_history": "9000,abc"},
             "!EINPUT:wage_history", "not a wage"),
            ("history-empty-item", {"in:own_wage": "-", "in:wage_history": "9000,,9000"},
             "!EINPUT:wage_history", "empty item"),
            ("nursing-no-grade", {"in:disability_grade": "-", "in:nursing_level": "full"},
             "!EINPUT:nursing_level", "nursing care needs a grade"),
            ("nursing-bad", {"in:nursing_level": "some"}, "!EINPUT:nursing_level", "not a level"),
            ("term-no-date", {"in:terminated": "true"}, "!EINPUT:termination_date",
             "terminated=true needs the date"),
            ("date-no-term", {"in:termination_date": "2025-12-01"}, "!EINPUT:terminated",
             "a termination date needs terminated=true"),
            ("term-before", {"in:terminated": "true", "in:termination_date": "2025-01-01"},
             "!EINPUT:termination_date", "before the injury"),
            ("group-only", {"in:terminated": "true", "in:termination_date": "2025-12-01",
                            "in:retirement_group": "male60"}, "!EINPUT:birth_date",
             "the reduction needs both birth_date and retirement_group"),
            ("bad-date", {"in:injury_date": "2025-02-30"}, "!EINPUT:injury_date", "no such day"),
            ("far-and-birth", {"in:terminated": "true", "in:termination_date": "2025-12-01",
                               "in:birth_date": "1970-01-01", "in:retirement_group": "male60",
                               "in:far_from_retirement": "true"}, "!EINPUT:far_from_retirement",
             "issue #12: the birth date, or the statement, not both"),
            ("far-without-termination", {"in:far_from_retirement": "true"},
             "!EINPUT:far_from_retirement", "issue #12: the statement only matters on termination"),
            ("area-huge", {"in:area_average_wage": "1000000"}, "!ERANGE:area_average_wage",
             "issue #12: above wage.average_monthly.max 100000"),
            ("birth-after-injury", {"in:terminated": "true", "in:termination_date": "2025-12-01",
                                    "in:birth_date": "2030-01-01", "in:retirement_group": "male60"},
             "!ERANGE:birth_date", "issue #12: a birth date after the injury is impossible"),
            ("injured-aged-12", {"in:birth_date": "2013-01-01", "in:retirement_group": "male60",
                                 "in:terminated": "true", "in:termination_date": "2025-12-01"},
             "!ERANGE:birth_date",
             "issue #12: 12 at the injury: below 16 (《劳动法》第十五条; a child's injury falls under 第六十六条)")]
    for rid, change, err, why in errs:
        r = dict(zip(WI_IN, [rid, "guangzhou", "2025-05-10", "5", "9000", "-", "12000", "none", "-",
                             "-", "-", "-", "-"]))
        r.update(change)
        rows.append([r[c] for c in WI_IN] + blank + [err, "-", why])
    header = WI_IN + ["out:" + k for k in WI_OUT] + ["error", "flags", "source"]
    return header, rows


INCOME = {2015: 31195, 2016: 33616, 2017: 36396, 2018: 39251, 2019: 42359,   # NBS releases (2017: L)
          2020: 43834, 2021: 47412, 2022: 49283, 2023: 51821, 2024: 54188}   # NBS communiqués (M)
RATE = {"spouse": F("0.4"), "orphan": F("0.4"), "lone_elder": F("0.4")}


def dependants_total(o, dependants):
    parts = [F(fen(o * RATE.get(d, F("0.3"))))for d in dependants]
    total = sum(parts, F(0))
    return min(total, o), total > o, parts


DEATH_IN = ["id", "in:city", "in:injury_date", "in:death_date", "in:own_wage",
            "in:area_average_wage", "in:death", "in:dependants"]
DEATH_OUT = ["own_wage_used", "one_time_death_subsidy", "funeral_subsidy",
             "dependants_pension_monthly", "one_time_disability_subsidy", "disability_allowance_monthly"]


def death_rows():
    rows = []
    for rid, injury_date, death_date, wage, area, deps, why in [
            ("spouse", "2025-03-01", "-", "9000", "12000", "spouse", "spouse 40 %"),
            ("family", "2025-03-01", "-", "9000", "12000", "spouse,child", "40 % + 30 %"),
            ("cap", "2025-03-01", "-", "9000", "12000", "spouse,child,child,child,lone_elder",
             "40 + 3 × 30 + 40 = 170 % → capped at the own wage"),
            ("at-cap", "2025-03-01", "-", "9000", "12000", "spouse,child,parent",
             "40 + 30 + 30 = 100 %: exactly the own wage, not capped"),
            ("orphans", "2024-08-01", "-", "8000", "11000", "orphan,orphan", "2 × (30 + 10) %"),
            ("lone-elder", "2023-06-30", "-", "8000", "11000", "lone_elder", "30 + 10 %"),
            ("kin", "2022-01-15", "-", "8000", "11000", "grandparent,grandchild,sibling",
             "3 × 30 %"),
            ("none", "2025-03-01", "-", "9000", "12000", "-", "no dependants"),
            ("rounding", "2025-03-01", "-", "9000.05", "12000", "child,child",
             "each 9000.05 × 0.3 = 2700.015 → 2700.02; sum 5400.04"),
            ("clamped-own", "2025-03-01", "-", "5000", "12000", "spouse",
             "own wage 5000 → 7200 (60 %); spouse 40 % of 7200"),
            ("later-death", "2024-11-20", "2025-02-10", "9000", "12000", "spouse",
             "death in 2025 after an injury in 2024: income 2024"),
            ("y2021", "2021-07-01", "-", "6000", "9000", "spouse", "income 2020"),
            ("y2022", "2022-07-01", "-", "6000", "9000", "spouse", "income 2021"),
            ("y2023", "2023-07-01", "-", "6000", "9000", "spouse", "income 2022"),
            ("y2017", "2017-05-10", "-", "6000", "9000", "spouse",
             "a 2017 death: income 2016 (NBS communiqué 2016: 33616; 20 × = 672320)"),
            ("y2020", "2020-06-01", "-", "6000", "9000", "spouse",
             "income 2019 (NBS 2020-01-17: 42359; the Zhanjiang plan draft gives 847180 = 20 × 42359)"),
            ("y2016", "2016-03-01", "-", "6000", "9000", "spouse", "income 2015 (NBS 2016-01-19: 31195)")]:
        death = death_date if death_date != "-" else injury_date
        y = int(death[:4]) - 1
        o, clamp = own(F(wage), F(area))
        dl = deps.split(",") if deps != "-" else []
        monthly, capped, parts = dependants_total(o, dl)
        flags = {"override"} | ({"capped"} if capped else set()) | ({"floored"} if clamp == "floor" else set())
        rows.append(["death-" + rid, "guangzhou", injury_date, death_date, wage, area, "true", deps,
                     fen(o), fen(F(20 * INCOME[y])), fen(F(area) * 6), fen(monthly), "0.00", "0.00",
                     "-", ",".join(sorted(flags)),
                     "《工伤保险条例》第三十九条 (H): %s; 20 × %d (income %d, M) = %d; funeral 6 × %s; dependants %s = %s%s"
                     % (why, INCOME[y], y, 20 * INCOME[y], area, "+".join(fen(p) for p in parts) or "0",
                        fen(sum(parts, F(0))), " → cap " + fen(o) if capped else "")])
    blank = ["-"] * len(DEATH_OUT)
    for rid, change, err, why in [
            ("two-spouses", {"in:dependants": "spouse,spouse"}, "!EINPUT:dependants", "at most one spouse"),
            ("bad-kind", {"in:dependants": "cousin"}, "!EINPUT:dependants", "not a dependant kind"),
            ("no-death", {"in:death": "false"}, "!EINPUT:dependants", "dependants need death=true"),
            ("death-before", {"in:death_date": "2025-01-01"}, "!EINPUT:death_date", "before the injury"),
            ("death-2015", {"in:injury_date": "2015-06-01"},
             "!ENOTFOUND:income.national_urban_disposable_per_capita",
             "income of 2014 not in the data (2015–2024 stored)"),
            ("death-2099", {"in:injury_date": "2099-06-01"},
             "!ENOTFOUND:income.national_urban_disposable_per_capita",
             "no income figure for 2098: strict, never carried forward silently")]:
        r = dict(zip(DEATH_IN, [rid, "guangzhou", "2025-03-01", "-", "9000", "12000", "true", "spouse"]))
        r.update(change)
        rows.append([r[c] for c in DEATH_IN] + blank + [err, "-", why])
    header = DEATH_IN + ["out:" + k for k in DEATH_OUT] + ["error", "flags", "source"]
    # a death with a disability grade is not modelled: an input error
    header.insert(8, "in:disability_grade")
    for r in rows:
        r.insert(8, "-")
    rows.append(["death-with-grade", "guangzhou", "2025-03-01", "-", "9000", "12000", "true", "spouse",
                 "3"] + blank + ["!EINPUT:disability_grade", "-",
                                 "第三十九条第三款 (a grade 1–4 pensioner's death) not modelled"])
    return header, rows


def suspension_rows():
    rows = []
    for asked, ext, mx, paid, why in [("0", "-", 12, 0, "nothing asked"),
                                      ("6", "-", 12, 6, "within 12"),
                                      ("12", "-", 12, 12, "exactly 12"),
                                      ("13", "-", 12, 12, "13 > 12 without the extension: 12 paid"),
                                      ("13", "true", 24, 13, "extended: up to 24"),
                                      ("24", "true", 24, 24, "exactly 24"),
                                      ("30", "true", 24, 24, "30 > 24: 24 paid"),
                                      ("18", "false", 12, 12, "extension not approved")]:
        rows.append(["susp-%s-%s" % (asked, ext), "guangzhou", "2025-05-10", "9000", "12000", asked,
                     ext, str(mx), str(paid), "-", "capped" if int(asked) > mx else "-",
                     "《工伤保险条例》第三十三条 (H national, M Guangdong): " + why])
    rows.append(["susp-neg", "guangzhou", "2025-05-10", "9000", "12000", "-1", "-", "-", "-",
                 "!EINPUT:suspension_months", "-", "negative"])
    header = ["id", "in:city", "in:injury_date", "in:own_wage", "in:area_average_wage",
              "in:suspension_months", "in:suspension_extended", "out:suspension_months_max",
              "out:suspension_months_paid", "error", "flags", "source"]
    return header, rows


def write(rel, header, rows):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Generated by tools/gen_benefit_vectors.py (independent Fraction oracle over the values of "
                "the public documents named in `source`); do not edit by hand.\n")
        f.write("\t".join(header) + "\n")
        for r in rows:
            assert len(r) == len(header), (rel, r[0], len(r), len(header))
            f.write("\t".join(r) + "\n")


def main():
    write("unemployment/claims.tsv", *unemployment_rows())
    write("unemployment/duration.tsv", *duration_rows())
    write("unemployment/amounts.tsv", *amount_rows())
    write("unemployment/death.tsv", *ui_death_rows())
    write("unemployment/refund.tsv", *refund_rows())
    write("unemployment/skill.tsv", *skill_rows())
    write("injury/disability.tsv", *work_injury_rows())
    write("injury/death.tsv", *death_rows())
    write("injury/suspension.tsv", *suspension_rows())


if __name__ == "__main__":
    main()
