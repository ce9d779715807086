"""The institution pension (机关事业单位) and occupational annuity through Python
(issue #15): libsi.calculate and libsi.calculate_batch on the three new
calculations, with values worked out by hand from the cited documents."""

from __future__ import annotations

import unittest
from decimal import Decimal

import libsi

# A 中人 retiring 2024-09, the last month of the transition (人社部发〔2015〕28号 §三(四)):
# C = 9307 (2024, shared with enterprises: L); Z = (1.6 × 363 + 1.8 × 119) / 482;
# basic = 9307 × (1 + Z) / 2 × 482 / 12 × 1 % ; transitional = 9307 × 1.6 × 363 / 12 × 1.2 %;
# account = 160000 / 139; new = Σ + 1500 annuity; old = (5000 × 90 % + 1000 + 700) × 1.3 = 8060;
# new ≥ old and the share is 100 % in 2024 → total = new.
MIDDLE_2024 = {"city": "guangzhou", "retirement_group": "male60", "birth_date": "1964-09",
               "work_start": "1984-07", "deemed_months": 363, "deemed_index": Decimal("1.6"),
               "contribution_months": 119, "actual_index": Decimal("1.8"),
               "account_balance": Decimal("160000"), "annuity_monthly": Decimal("1500"),
               "basic_salary": Decimal("5000"), "retirement_subsidy": Decimal("1000"),
               "added_standard": Decimal("700"), "old_method_factor": Decimal("1.3")}


def fen(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")


class InstitutionPensionTests(unittest.TestCase):
    def test_transition_last_year_pays_the_new_method(self):
        r = libsi.calculate("institution_pension", MIDDLE_2024)
        z = (Decimal("1.6") * 363 + Decimal("1.8") * 119) / 482
        basic = fen(Decimal(9307) * (1 + z) / 2 * Decimal(482) / 12 / 100)
        trans = fen(Decimal(9307) * Decimal("1.6") * 363 / 12 * Decimal("0.012"))
        account = fen(Decimal(160000) / 139)
        new = basic + trans + account + 1500
        self.assertEqual(r["basic_pension"], basic)
        self.assertEqual(r["transitional_pension"], trans)
        self.assertEqual(r["account_pension"], account)
        self.assertEqual(r["new_method_total"], new)
        self.assertEqual(r["old_method_standard"], Decimal("8060.00"))
        self.assertEqual(r["transition_rule"], "excess_share_paid")
        self.assertEqual(r["total"], new)
        self.assertIn("low_confidence", r.flag_names)   # the NF transition coefficient

    def test_guarantee_when_the_old_standard_is_higher(self):
        r = libsi.calculate("institution_pension", dict(MIDDLE_2024, basic_salary=Decimal("12000"),
                                                        old_method_factor=Decimal("1.5")))
        # old = (12000 × 0.9 + 1000 + 700) × 1.5 = 18750 > new: the old standard is paid (保低)
        self.assertEqual(r["total"], Decimal("18750.00"))
        self.assertEqual(r["transition_rule"], "old_standard_guaranteed")
        self.assertGreater(r["transition_difference"], 0)

    def test_after_the_window_the_new_method_alone(self):
        r = libsi.calculate("institution_pension", dict(MIDDLE_2024, birth_date="1964-10",
                                                        basic_salary=Decimal("12000")))
        self.assertEqual(r["transition_rule"], "new_method_only")
        self.assertEqual(r["total"], r["new_method_total"])
        self.assertNotIn("old_method_standard", r.outputs)

    def test_missing_salary_names_the_field(self):
        inputs = dict(MIDDLE_2024)
        del inputs["basic_salary"]
        with self.assertRaises(libsi.Error) as cm:
            libsi.calculate("institution_pension", inputs)
        self.assertEqual(cm.exception.field, "basic_salary")


class InstitutionBatchTests(unittest.TestCase):
    def test_contributions_in_one_batch(self):
        b = libsi.calculate_batch("institution_contribution",
                                  {"city": ["guangzhou"] * 3, "month": ["2025-03"] * 3,
                                   "wage": [Decimal("4000"), Decimal("12000"), Decimal("40000")],
                                   "funding": ["fully_funded", "other", "other"]})
        # 粤人社发〔2025〕32号 §一: 5510 – 27549; employer 16 %, annuity 8 % + 4 %
        self.assertEqual(b.columns["base"], [Decimal("5510.00"), Decimal("12000.00"),
                                             Decimal("27549.00")])
        self.assertEqual(b.columns["pension_employer"][1], Decimal("1920.00"))
        self.assertEqual(b.columns["annuity_total"][2], Decimal("3305.88"))
        self.assertEqual(b.columns["annuity_employer_notional"], [True, False, False])

    def test_annuity_batch_agrees_with_calculate(self):
        hist = "month,base\n" + "".join("%d-%02d,10000\n" % (y, m) for y in range(2015, 2024)
                                        for m in range(1, 13))
        row = {"city": "guangzhou", "history": hist, "retirement_group": "male60",
               "birth_date": "1964-01", "real_return": Decimal("0.05"),
               "conversion_month": "2019-07"}
        one = libsi.calculate("occupational_annuity", row)
        b = libsi.calculate_batch("occupational_annuity", {k: [v] for k, v in row.items()})
        self.assertEqual(b.columns["monthly_annuity"][0], one["monthly_annuity"])
        self.assertEqual(one["employer_credits"], Decimal("86400.00"))   # 108 × 800
        self.assertEqual(one["employee_credits"], Decimal("43200.00"))   # 108 × 400
        # monthly tax by the monthly-converted table (财税〔2018〕164号): ≤ 3000 → 3 %
        self.assertEqual(one["tax"], fen(one["monthly_annuity"] * Decimal("0.03")))


if __name__ == "__main__":
    unittest.main()
