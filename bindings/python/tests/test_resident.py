"""The residents' pension (issue #14) through the binding: libsi.calculate and
calculate_batch give the values of tests/vectors/resident/*.tsv (independent
oracle tools/oracle_resident.py; 国发〔2014〕8号 and the Guangdong rule data)."""

from __future__ import annotations

import unittest
from decimal import Decimal as D, ROUND_HALF_UP, Decimal

import libsi
from _support import REPO

# tests/vectors/resident/pension.tsv row zhaoqing-years-16: first month 2024-10,
# basic 190 (provincial minimum; the 2024 step not found, NF) + 3 (one year beyond
# 15) + 23456.78 / 139 = 168.75.
ZQ_PENSION = {"city": "zhaoqing", "birth_date": "1964-09-20", "contribution_years": 16,
              "account_balance": Decimal("23456.78")}


class ResidentPension(unittest.TestCase):
    def test_calculate(self):
        r = libsi.calculate("resident_pension", ZQ_PENSION)
        self.assertEqual(r["basic_pension"], Decimal("190.00"))
        self.assertEqual(r["long_contribution_supplement"], Decimal("3.00"))
        self.assertEqual(r["account_pension"], Decimal("168.75"))
        self.assertEqual(r["total"], Decimal("361.75"))
        self.assertIn("low_confidence", r.flag_names)

    def test_not_eligible_at_14_years(self):
        r = libsi.calculate("resident_pension", dict(ZQ_PENSION, contribution_years=14))
        self.assertIs(r["eligible"], False)
        self.assertEqual(r["years_short"], 1)

    def test_old_area_amount_required(self):
        with self.assertRaises(libsi.Error) as e:
            libsi.calculate("resident_pension", dict(ZQ_PENSION, old_area=True))
        self.assertIn("old_area_supplement", str(e.exception))

    def test_calculate_batch_grades(self):
        # Guangzhou's seven grades from 2021-06-01 (穗府办规〔2021〕8号): 360 … 4800.
        grades = list(range(1, 8))
        cols = {"city": ["guangzhou"] * 8, "payment_date": ["2025-03-01"] * 8,
                "grade": grades + [8]}
        with libsi.calculate_batch("resident_contribution", cols) as batch:
            self.assertEqual(sorted(batch.errors), [7])  # grade 8 does not exist
            self.assertEqual(batch.text("contribution")[:7],
                             ["360.00", "600.00", "900.00", "1200.00", "1800.00", "3600.00", "4800.00"])
            for i in range(7):
                one = libsi.calculate("resident_contribution",
                                      {"city": "guangzhou", "payment_date": "2025-03-01", "grade": grades[i]})
                self.assertEqual(batch.text("account_credit")[i], one.raw["account_credit"])


def fen(x):
    return x.quantize(D("0.01"), ROUND_HALF_UP)


def persons(x):
    return x.quantize(D("0.000001"), ROUND_HALF_UP)


class ResidentFund(unittest.TestCase):
    """The residents' fund of the Guangzhou default scenario (issue #14 item 3), its first two
    years recomputed here from the scenario's `resident:` values and the rule values of 2020
    (Guangzhou grade 1: 120 + 30, NF stand-ins; basic pension 237, 广州“十四五”规划)."""

    def test_first_years(self):
        scenario = str(REPO / "data" / "scenarios" / "guangzhou.yaml")
        r = libsi.calculate("fund_projection", {"scenario": scenario}, trace=False)
        rows = r["resident_table"]
        self.assertEqual([row["year"] for row in rows[:2]], ["2020", "2021"])
        p, share, amount, subsidy, basic = D("1409900"), D("0.3"), D(120), D(30), D(237)
        rec = persons(p * share)
        con = p - rec
        paying = persons(con * D("0.8"))
        self.assertEqual(rows[0]["contributions"], str(fen(paying * amount)))
        self.assertEqual(rows[0]["subsidies"], str(fen(paying * subsidy)))
        self.assertEqual(rows[0]["basic_pension_financing"], str(fen(fen(rec * basic) * 12)))
        # 2021: deaths 4.5 %, 2.5 % of contributors turn 60, participants −1.31 %, B × 1.03
        dead, turning = persons(rec * D("0.045")), persons(con * D("0.025"))
        p1 = persons(p * D("0.9869"))
        rec1 = rec - dead + turning
        con1 = p1 - rec1
        b1 = fen(basic * D("1.03"))
        paying1 = persons(con1 * D("0.8"))
        income = fen(paying1 * amount) + fen(paying1 * subsidy) + fen(fen(rec1 * b1) * 12)
        benefits = fen(fen(rec1 * (b1 + 30)) * 12)
        fund = fen(D("1200000000") * D("1.025")) + income - benefits
        self.assertEqual(rows[1]["recipients"], str(rec1))
        self.assertEqual(rows[1]["benefits"], str(benefits))
        self.assertEqual(rows[1]["fund"], str(fund))
        self.assertEqual(r["resident_final_balance"], D(rows[-1]["fund"]))


if __name__ == "__main__":
    unittest.main()
