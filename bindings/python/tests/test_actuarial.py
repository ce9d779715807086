"""The actuarial API from Python (issue #17 item 6): every row of the C
library's actuarial vectors (tests/vectors/actuarial/factors.tsv and
survival.tsv, from the independent oracle tools/gen_actuarial_vectors.py)
through libsi.actuarial, the bad tables of bad_tables.tsv refused with the
C test's error and field, Decimal in and out, never float."""

from __future__ import annotations

import os
import threading
import unittest
from decimal import Decimal

import libsi
from libsi import actuarial as act
from _support import REPO, vectors_dir


def rows(name: str):
    lines = [l.rstrip("\n") for l in open(vectors_dir() / "actuarial" / name, encoding="utf-8")
             if l.strip() and not l.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, l.split("\t"))) for l in lines[1:]]


TABLES = {name: act.LifeTable.builtin(name) for name in ("CL5", "CL6")}


class TableTests(unittest.TestCase):
    def test_builtin(self):
        self.assertEqual(act.builtin_tables(), ("CL1", "CL2", "CL3", "CL4", "CL5", "CL6"))
        t = TABLES["CL5"]
        self.assertEqual((t.name, t.first_age, t.last_age, len(t)), ("CL5", 0, 105, 106))
        self.assertEqual(t.qx(60), Decimal("0.004660"))
        self.assertIsInstance(t.qx(60), Decimal)
        self.assertEqual(t.qx(105), Decimal("1"))
        with self.assertRaises(KeyError):
            t.qx(106)
        with self.assertRaises(libsi.NotFoundError):
            act.LifeTable.builtin("CL9")

    def test_user_table_file_and_text(self):
        path = REPO / "examples" / "tables" / "cl5-90.tsv"
        t = act.LifeTable.load(path, "CL5_90")
        self.assertEqual(t.name, "CL5_90")
        self.assertIn("lowered by 10 %", t.notes)
        self.assertEqual(t.qx(60), (Decimal("0.004660") * Decimal("0.9")).quantize(Decimal("1e-6")))
        same = act.LifeTable.from_text(path.read_text(encoding="utf-8"), "CL5_90")
        self.assertEqual(act.annuity(t, 60, "0.03"), act.annuity(same, 60, "0.03"))
        # lower mortality: a longer life, a dearer annuity than CL5's
        self.assertGreater(act.annuity(t, 60, "0.03"), act.annuity(TABLES["CL5"], 60, "0.03"))
        t.close()
        with self.assertRaises(ValueError):
            t.qx(60)

    def test_bad_tables_refused_like_the_c_api(self):
        data = REPO / "tests" / "data"
        kinds = {"ELIFETABLE": libsi.LifeTableError, "EIO": libsi.FileError}
        for r in rows("bad_tables.tsv"):
            column = None if r["column"] == "-" else r["column"]
            with self.subTest(r["id"]):
                with self.assertRaises(kinds[r["error"]]) as cm:
                    act.LifeTable.load(data / r["file"], column)
                # a file that cannot be opened is named by the path given
                want = str(data / r["file"]) if r["field"] == r["file"] else r["field"]
                self.assertEqual(cm.exception.field, want)
                self.assertIn(r["message"], cm.exception.message)


class VectorTests(unittest.TestCase):
    def test_factors(self):
        done = 0
        for r in rows("factors.tsv"):
            if r["error"] != "-":
                continue
            t = TABLES[r["in:table"]]
            imp = r["in:improvement"]
            basis = act.Basis(fractional_ages=r["in:fractional_ages"],
                              improvement=None if imp == "0" else Decimal(imp))
            age = int(r["in:age"])
            common = dict(growth=Decimal(r["in:growth"]), term=int(r["in:term"]),
                          deferral=int(r["in:deferral"]),
                          frequency=12 if r["in:frequency"] == "monthly" else 1, basis=basis)
            interest = Decimal(r["in:interest"])
            got = {
                "out:annuity_factor": lambda: act.annuity(t, age, interest, timing=r["in:timing"],
                                                          **common),
                "out:life_expectancy_curtate": lambda: act.life_expectancy(t, age, "curtate",
                                                                           basis=basis),
                "out:life_expectancy_complete": lambda: act.life_expectancy(t, age, "complete",
                                                                            basis=basis),
                "out:insurance_factor": lambda: act.insurance(t, age, interest,
                                                              kind=r["in:insurance"], **common),
            }
            for column, compute in got.items():
                if r[column] != "-":
                    value = compute()
                    self.assertIsInstance(value, Decimal)
                    self.assertEqual(str(value), r[column], f"{r['id']} {column}")
                    done += 1
        self.assertGreaterEqual(done, 1752)  # every output of every row without an error

    def test_survival(self):
        done = 0
        for r in rows("survival.tsv"):
            t = TABLES[r["table"]]
            basis = act.Basis(fractional_ages=r["fractional_ages"],
                              improvement=None if r["improvement"] == "0" else r["improvement"],
                              improvement_kind=r["improvement_kind"],
                              improvement_years=int(r["improvement_years"]))
            fn = act.survival if r["kind"] == "survival" else act.survivors
            got = fn(t, r["age"], r["arg"], decimals=int(r["decimals"]), basis=basis)
            self.assertEqual(str(got), r["expected"], r["id"])
            done += 1
        self.assertGreater(done, 200)


class ArgumentTests(unittest.TestCase):
    def test_float_is_refused(self):
        for call in (lambda: act.annuity(TABLES["CL5"], 60, 0.025),
                     lambda: act.survival(TABLES["CL5"], 60.5, "1"),
                     lambda: act.Basis(improvement=0.01)._struct()):
            with self.assertRaises(TypeError):
                call()

    def test_errors_name_the_field(self):
        with self.assertRaises(libsi.RangeError) as cm:
            act.annuity(TABLES["CL5"], 120, "0.025")
        self.assertEqual(cm.exception.field, "age")
        with self.assertRaises(ValueError):
            act.insurance(TABLES["CL5"], 60, "0.025", kind="whole")
        with self.assertRaises(libsi.RangeError):
            act.insurance(TABLES["CL5"], 60, "0.025", kind="endowment")  # needs a term

    def test_improvement_by_age_matches_a_flat_rate(self):
        t = TABLES["CL6"]
        flat = act.Basis(improvement="0.01", improvement_years=5)
        by_age = act.Basis(improvement=["0.01"] * len(t), improvement_years=5)
        self.assertEqual(act.annuity(t, 55, "0.03", basis=flat),
                         act.annuity(t, 55, "0.03", basis=by_age))

    def test_threads_share_a_table(self):
        t, want, got = TABLES["CL5"], act.annuity(TABLES["CL5"], 65, "0.02"), []

        def work():
            got.append(act.annuity(t, 65, "0.02"))
        threads = [threading.Thread(target=work) for _ in range(4)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        self.assertEqual(got, [want] * 4)


if __name__ == "__main__":
    unittest.main()
