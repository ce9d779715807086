"""calculate_many: input order kept whatever the number of threads, a bad row
turns into an error result for that row only."""

from __future__ import annotations

import pickle
import unittest
from decimal import Decimal

import libsi

BASE = {"city": "guangzhou", "month": "2025-08"}


def wage_rows(n: int) -> list:
    # Distinct wages across the floor (5510) and ceiling (27549) of Guangzhou 2025-08.
    return [dict(BASE, wage=Decimal(4000 + 37 * i) + Decimal("0.01") * (i % 100)) for i in range(n)]


class OrderTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rows = wage_rows(700)
        with libsi.Context() as ctx:
            cls.expected = [ctx.calculate("contributions", r, trace=False) for r in cls.rows]

    def assertSameResults(self, got: list) -> None:
        self.assertEqual(len(got), len(self.expected))
        for i, (g, e) in enumerate(zip(got, self.expected)):
            self.assertTrue(g.ok, f"row {i}: {g.error!r}")
            self.assertEqual((g.outputs, g.flags, g.hash), (e.outputs, e.flags, e.hash), f"row {i}")

    def test_order_kept_for_any_number_of_workers(self):
        for workers, chunk in ((1, 256), (2, 7), (3, 1), (8, 50)):
            with self.subTest(workers=workers, chunk=chunk):
                self.assertSameResults(libsi.calculate_many("contributions", self.rows,
                                                            workers=workers, chunk_size=chunk))

    def test_lazy_iterable(self):
        self.assertSameResults(libsi.calculate_many("contributions", iter(self.rows), workers=4,
                                                    chunk_size=13))

    def test_empty(self):
        self.assertEqual(libsi.calculate_many("contributions", [], workers=4), [])

    def test_trace_on_request(self):
        got = libsi.calculate_many("contributions", self.rows[:5], workers=2, trace=True)
        self.assertTrue(all(r.trace for r in got))
        self.assertIsNone(libsi.calculate_many("contributions", self.rows[:1])[0].trace)

    def test_shared_ruleset(self):
        rs = libsi.Ruleset.builtin()
        self.assertSameResults(libsi.calculate_many("contributions", self.rows, workers=4, ruleset=rs))


class BadRowTests(unittest.TestCase):
    BAD = {
        3: (dict(BASE, wage=3000.5), TypeError),                     # float
        10: ({"month": "2025-08", "wage": "5000"}, libsi.InputError),  # city missing
        11: (dict(BASE, wage="5000", bogus="x"), libsi.InputError),   # unknown input
        40: (dict(BASE, city="shenzhen", wage="5000"), libsi.UnsupportedError),
        41: (dict(BASE, wage="1e3"), libsi.InputError),               # not a canonical decimal
        99: (None, TypeError),                                        # not a mapping (issue #12)
    }

    def test_bad_rows_become_error_results(self):
        rows = wage_rows(100)
        for i, (row, _) in self.BAD.items():
            rows[i] = row
        for workers in (1, 4):
            with self.subTest(workers=workers):
                got = libsi.calculate_many("contributions", rows, workers=workers, chunk_size=8)
                self.assertEqual(len(got), 100)
                for i, r in enumerate(got):
                    if i in self.BAD:
                        self.assertIsInstance(r.error, self.BAD[i][1], f"row {i}")
                        self.assertEqual((r.ok, r.outputs), (False, {}))
                    else:
                        self.assertTrue(r.ok, f"row {i}: {r.error!r}")
                        self.assertEqual(r.outputs, libsi.calculate("contributions", rows[i]).outputs)

    def test_error_result_details(self):
        r = libsi.calculate_many("contributions", [{"month": "2025-08", "wage": "1"}])[0]
        self.assertEqual((r.error.code, r.error.field), (-11, "city"))
        with self.assertRaises(libsi.InputError):
            r.check()
        back = pickle.loads(pickle.dumps(r))
        self.assertEqual((type(back.error), back.error.field), (libsi.InputError, "city"))

    def test_unknown_scheme_fails_the_batch(self):
        with self.assertRaises(libsi.SchemeError):
            libsi.calculate_many("no_such_scheme", wage_rows(3), workers=2)


if __name__ == "__main__":
    unittest.main()
