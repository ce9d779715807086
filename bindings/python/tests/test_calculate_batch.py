"""calculate_batch: columns in, one call of the C batch API, columns out.

Every row of every vector file the C tests use (tests/meson.build
calc_vector_files) goes through calculate_batch and through libsi.calculate:
outputs (canonical strings and typed values), flags, hashes and errors must
agree row by row.  Then: a bad row among good ones, the input checks made
before anything runs (float, bool, unequal lengths, unknown input), threads,
money as int64 fen, numpy in and out (skipped without numpy), and the
pure-Python cell builder that runs when numpy is missing.
"""

from __future__ import annotations

import array
import contextlib
import datetime as dt
import os
import subprocess
import unittest
from pathlib import Path
from decimal import Decimal

import libsi
from libsi import table as _table
from _support import VectorFile, vector_map, vectors_dir
from test_vectors import typed_inputs

try:
    import numpy
except ImportError:
    numpy = None

HAS_BATCH = libsi._native.lib.has_batch
CONTRIB = {"city": "guangzhou", "month": "2025-08"}


@contextlib.contextmanager
def without_numpy():
    """Run the standard-library paths (array.array) even when numpy is installed."""
    saved = list(_table._numpy_module)
    _table._numpy_module[:] = [None]
    try:
        yield
    finally:
        _table._numpy_module[:] = saved


def columns_of(rows: list) -> dict:
    """Rows (mappings) → columns; a value a row lacks is None (absent)."""
    names = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    return {name: [row.get(name) for row in rows] for name in names}


def wage_columns(n: int) -> dict:
    # Distinct wages across the floor and ceiling of Guangzhou 2025-08, mixed types.
    wages = []
    for i in range(n):
        w = Decimal(4000 + 37 * i) + Decimal("0.01") * (i % 100)
        wages.append(w if i % 3 else (str(w) if i % 2 else int(w)))
    return {"city": ["guangzhou"] * n, "month": ["2025-08"] * n, "wage": wages,
            "participant": ["flexible" if i % 7 == 0 else "employee" for i in range(n)],
            "industry_class": [1 + i % 8 for i in range(n)]}


def pension_columns(n: int) -> dict:
    groups = (("male60", 1962), ("female55", 1967), ("female50", 1972))
    cols = {k: [] for k in ("city", "retirement_group", "birth_date", "contribution_months",
                            "deemed_months", "average_index", "account_balance",
                            "deemed_account_balance")}
    cities = ("guangzhou", "zhuhai", "foshan", "zhanjiang", "dongguan", "shaoguan")
    for i in range(n):
        group, year = groups[i % 3]
        deemed = (i * 7) % 121 if i % 3 == 0 else 0
        cols["city"].append(cities[i % len(cities)])
        cols["retirement_group"].append(group)
        cols["birth_date"].append(f"{year + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}")
        # within the months since age 16 (《劳动法》第十五条; libsi refuses more)
        cols["contribution_months"].append(120 + (i * 13) % (181 if group == "female50" else 241))
        cols["deemed_months"].append(deemed)
        cols["average_index"].append(Decimal(3000 + (i * 7919) % 27001).scaleb(-4))
        cols["account_balance"].append(Decimal(1_000_000 + (i * 104729) % 39_000_000).scaleb(-2))
        cols["deemed_account_balance"].append(Decimal((i * 31) % 2_000_000).scaleb(-2) if deemed else 0)
    return cols


def one(scheme: str, inputs: dict, **kw):
    """libsi.calculate's Result, or the libsi.Error it raised."""
    try:
        return libsi.calculate(scheme, inputs, trace=False, **kw)
    except libsi.Error as e:
        return e


@unittest.skipUnless(HAS_BATCH, "this libsi has no batch API (libsi_batch_run_table)")
class VectorAgreementTests(unittest.TestCase):
    """Every vector row through calculate_batch equals libsi.calculate."""

    def rows_of(self, scheme: str) -> list:
        """(where, inputs) of every vector row a batch can take: inputs the schema
        has (an unknown one fails the whole batch) and no "" (absent in a batch)."""
        known = {f.name for f in libsi.schema(scheme).inputs}
        rows = []
        for rel in vector_map().get(scheme, []):
            vf = VectorFile(vectors_dir() / rel)
            for line, cells in vf.rows:
                inputs = vf.inputs(cells)
                if set(inputs) <= known and "" not in inputs.values():
                    rows.append((f"{rel}:{line}", inputs))
        return rows

    def compare(self, scheme: str, rows: list, batch: libsi.BatchResult, hashes: bool) -> list:
        bad = []
        for i, (where, inputs) in enumerate(rows):
            want = one(scheme, inputs)
            if isinstance(want, libsi.Error):
                got = batch.errors.get(i)
                if got is None:
                    bad.append(f"{where}: batch computed a row calculate refuses ({want!r})")
                elif (type(got), got.code, got.message, got.field) != \
                        (type(want), want.code, want.message, want.field):
                    bad.append(f"{where}: error {got!r}, calculate gives {want!r}")
                continue
            if i in batch.errors:
                bad.append(f"{where}: batch error {batch.errors[i]!r}, calculate computes it")
                continue
            for name in batch.output_names:
                text, value = batch.text(name)[i], batch.columns[name][i]
                if text != want.raw.get(name) or value != want.outputs.get(name):
                    bad.append(f"{where}: {name} = {text!r} / {value!r}, calculate gives "
                               f"{want.raw.get(name)!r} / {want.outputs.get(name)!r}")
            if batch.flags[i] != want.flags:
                bad.append(f"{where}: flags {batch.flags[i]}, calculate gives {int(want.flags)}")
            if hashes and batch.hashes[i] != want.hash:
                bad.append(f"{where}: hash {batch.hashes[i]}, calculate gives {want.hash}")
        return bad

    def check_scheme(self, scheme: str) -> None:
        rows = self.rows_of(scheme)
        self.assertTrue(rows, f"{scheme}: no vector rows")
        cols = columns_of([inputs for _, inputs in rows])
        with libsi.calculate_batch(scheme, cols, trace="hash") as batch:
            self.assertEqual(batch.rows, len(rows))
            self.assertEqual(batch.output_names, tuple(f.name for f in libsi.schema(scheme).outputs))
            bad = self.compare(scheme, rows, batch, hashes=True)
            texts = {name: batch.text(name) for name in batch.output_names}
            errors = {i: (type(e), e.message) for i, e in batch.errors.items()}
        self.assertEqual(bad, [], f"{len(bad)} differences in {scheme}")
        # The same rows typed (Decimal, int, date, Month, bool), on 3 threads, no hash.
        sch = libsi.schema(scheme)
        typed = columns_of([typed_inputs(sch, inputs) for _, inputs in rows])
        with libsi.calculate_batch(scheme, typed, threads=3) as again:
            self.assertIsNone(again.hashes)
            self.assertEqual({name: again.text(name) for name in again.output_names}, texts)
            self.assertEqual({i: (type(e), e.message) for i, e in again.errors.items()}, errors)


def _add_scheme_tests() -> None:
    for scheme in vector_map():
        setattr(VectorAgreementTests, f"test_{scheme}",
                lambda self, s=scheme: self.check_scheme(s) if s in libsi.schemes()
                else self.skipTest(f"no calculation {s}"))


_add_scheme_tests()


@unittest.skipUnless(HAS_BATCH, "this libsi has no batch API (libsi_batch_run_table)")
class RowTests(unittest.TestCase):
    def test_bad_rows_fail_alone(self):
        n = 60
        cols = wage_columns(n)
        bad = {3: ("city", "shenzhen", libsi.UnsupportedError),
               10: ("city", None, libsi.InputError),           # city missing
               41: ("wage", "1e3", libsi.InputError),          # not a canonical decimal
               42: ("month", "2025-13", libsi.InputError),
               59: ("participant", "robot", libsi.InputError)}
        for row, (name, value, _) in bad.items():
            cols[name][row] = value
        batch = libsi.calculate_batch("contributions", cols)
        self.assertEqual(sorted(batch.errors), sorted(bad))
        for row, (name, _, cls) in bad.items():
            err = batch.errors[row]
            self.assertIsInstance(err, cls, f"row {row}")
            self.assertEqual(err.field, name, f"row {row}: {err!r}")
            self.assertTrue(err.message)
            inputs = {k: v[row] for k, v in cols.items() if v[row] is not None}
            want = one("contributions", inputs)
            self.assertEqual((type(err), err.code, err.message), (type(want), want.code, want.message))
        for row in range(n):
            if row in bad:
                self.assertTrue(all(batch.columns[name][row] is None for name in batch.output_names))
                self.assertEqual(batch.flags[row], 0)
                continue
            want = libsi.calculate("contributions", {k: v[row] for k, v in cols.items()}, trace=False)
            self.assertEqual(batch.row(row), want.outputs, f"row {row}")

    def test_absent_values(self):
        # None and "" are absent: the input's default applies.
        cols = {"city": ["guangzhou"] * 3, "month": ["2025-08"] * 3, "wage": ["9000"] * 3,
                "participant": [None, "", "employee"]}
        batch = libsi.calculate_batch("contributions", cols)
        self.assertEqual(batch.errors, {})
        want = libsi.calculate("contributions", dict(CONTRIB, wage="9000"), trace=False)
        for row in range(3):
            self.assertEqual(batch.row(row), want.outputs)

    def test_threads_give_identical_results(self):
        cols = pension_columns(3000)
        cols["city"][17] = "shenzhen"
        cols["birth_date"][2500] = "1962-02-30"
        runs = []
        for threads in (1, 4):
            with libsi.calculate_batch("pension", cols, threads=threads, trace="hash") as b:
                runs.append(({name: b.text(name) for name in b.output_names}, b.flags, b.hashes,
                             {i: (type(e), e.message) for i, e in b.errors.items()}))
        self.assertEqual(runs[0], runs[1])
        self.assertEqual(sorted(runs[0][3]), [17, 2500])

    def test_hashes_equal_calculate(self):
        cols = pension_columns(40)
        batch = libsi.calculate_batch("pension", cols, trace="hash")
        for row in range(40):
            want = one("pension", {k: v[row] for k, v in cols.items()})
            if isinstance(want, libsi.Error):
                self.assertIn(row, batch.errors)
                self.assertIsNone(batch.hashes[row])
            else:
                self.assertEqual(batch.hashes[row], want.hash, f"row {row}")
                self.assertEqual(libsi.Flag(batch.flags[row]), want.flags)

    def test_ruleset_known_on_and_strict(self):
        cols = wage_columns(10)
        for rules in (libsi.Ruleset.builtin(known_on="2025-06-01"),
                      libsi.Ruleset.builtin(known_on="2025-06-01", strict=False)):
            batch = libsi.calculate_batch("contributions", cols, ruleset=rules)
            for row in range(10):
                want = one("contributions", {k: v[row] for k, v in cols.items()}, ruleset=rules)
                if isinstance(want, libsi.Error):
                    self.assertEqual(batch.errors[row].message, want.message)
                else:
                    self.assertEqual(batch.row(row), want.outputs)
        # A known_on column given for some rows only: the ruleset's fills the rest.
        rules = libsi.Ruleset.builtin(known_on="2025-06-01")
        cols["known_on"] = [None] * 5 + ["2025-12-31"] * 5
        batch = libsi.calculate_batch("contributions", cols, ruleset=rules)
        self.assertEqual(sorted(batch.errors), [0, 1, 2, 3, 4])
        self.assertIsInstance(batch.errors[0], libsi.NotFoundError)

    def test_outputs_subset(self):
        batch = libsi.calculate_batch("contributions", wage_columns(5), outputs=["total", "pension_base"])
        self.assertEqual(batch.output_names, ("total", "pension_base"))
        self.assertEqual(list(batch.columns), ["total", "pension_base"])
        with self.assertRaises(KeyError):
            batch.columns["employee_total"]
        with self.assertRaises(libsi.InvalidArgumentError):
            libsi.calculate_batch("contributions", wage_columns(5), outputs=["no_such_output"])

    def test_empty_batch(self):
        batch = libsi.calculate_batch("contributions", {"city": [], "month": [], "wage": []})
        self.assertEqual((batch.rows, len(batch), batch.errors), (0, 0, {}))
        self.assertEqual(batch.columns["total"], [])
        self.assertEqual(len(batch.fen("total")), 0)
        self.assertIsNone(batch.sum("total"))

    def test_close_keeps_what_was_read(self):
        batch = libsi.calculate_batch("contributions", wage_columns(5), fen=["total"])
        totals = batch.columns["total"]
        batch.close()
        batch.close()  # twice is fine
        self.assertEqual(batch.columns["total"], totals)
        self.assertEqual(len(batch.fen("total")), 5)  # read by fen= before close
        with self.assertRaises(ValueError):
            batch.columns["employee_total"]

    def test_sum_is_exact(self):
        cols = pension_columns(500)
        cols["city"][3] = "shenzhen"
        batch = libsi.calculate_batch("pension", cols)
        for name in ("total", "basic_pension", "average_index_exact", "divisor"):
            values = [v for v in batch.columns[name] if v is not None]
            self.assertEqual(batch.sum(name), sum(values, Decimal(0)), name)
        fresh = libsi.calculate_batch("pension", cols)  # money summed from fen, not Decimal
        self.assertEqual(fresh.sum("total"), batch.sum("total"))


@unittest.skipUnless(HAS_BATCH, "this libsi has no batch API (libsi_batch_run_table)")
class InputCheckTests(unittest.TestCase):
    def test_float_refused_naming_the_input(self):
        for name in ("wage", "industry_class", "city", "month"):
            cols = wage_columns(4)
            cols[name][2] = 3000.5
            with self.subTest(input=name), self.assertRaises(TypeError) as cm:
                libsi.calculate_batch("contributions", cols)
            self.assertIn(f"'{name}'", str(cm.exception))
            self.assertIn("float", str(cm.exception))

    def test_bool_only_for_bool_inputs(self):
        cols = wage_columns(2)
        cols["wage"] = [True, Decimal("5000")]
        with self.assertRaises(TypeError) as cm:
            libsi.calculate_batch("contributions", cols)
        self.assertIn("'wage'", str(cm.exception))
        cols = wage_columns(2)
        cols["carry_forward"] = [True, False]
        self.assertEqual(libsi.calculate_batch("contributions", cols).errors, {})

    def test_other_values(self):
        cols = wage_columns(3)
        cols["wage"][1] = Decimal("NaN")
        with self.assertRaises(ValueError) as cm:
            libsi.calculate_batch("contributions", cols)
        self.assertIn("'wage'", str(cm.exception))
        cols = wage_columns(3)
        cols["city"][0] = "guang\0zhou"
        with self.assertRaises(libsi.InputError):
            libsi.calculate_batch("contributions", cols)
        cols = {"city": ["guangzhou", 440100, "广州"], "wage": [Decimal("9000.00"), 9000, "9000"],
                "month": [dt.date(2025, 8, 1), libsi.Month(2025, 8), "2025-08"]}
        batch = libsi.calculate_batch("contributions", cols)
        self.assertEqual(batch.errors, {})
        self.assertEqual(batch.row(0), batch.row(1))
        self.assertEqual(batch.row(0), batch.row(2))
        with self.assertRaises(TypeError):
            libsi.calculate_batch("contributions", dict(cols, city="guangzhou"))  # a str, not a column
        with self.assertRaises(TypeError):
            libsi.calculate_batch("contributions", [("city", ["guangzhou"])])

    def test_unequal_lengths(self):
        cols = wage_columns(4)
        cols["wage"] = cols["wage"][:3]
        with self.assertRaises(ValueError) as cm:
            libsi.calculate_batch("contributions", cols)
        self.assertIn("'wage'", str(cm.exception))

    def test_unknown_input_before_anything_runs(self):
        cols = dict(wage_columns(3), bogus=["x", "y", "z"])
        cols["wage"][0] = 1.5  # would be a TypeError if the columns were converted first
        with self.assertRaises(libsi.InputError) as cm:
            libsi.calculate_batch("contributions", cols)
        self.assertEqual((cm.exception.code, cm.exception.field), (-11, "bogus"))

    def test_options(self):
        cols = wage_columns(2)
        with self.assertRaises(libsi.SchemeError):
            libsi.calculate_batch("no_such_scheme", cols)
        for bad in ("full", "FULL", True):
            with self.subTest(trace=bad), self.assertRaises(libsi.InvalidArgumentError):
                libsi.calculate_batch("contributions", cols, trace=bad)
        for bad in (0, -1, 1.0, True):
            with self.subTest(threads=bad), self.assertRaises(libsi.InvalidArgumentError):
                libsi.calculate_batch("contributions", cols, threads=bad)
        for bad in (["work_injury_rate"], ["no_such"], ["pension_base"]):
            with self.subTest(fen=bad), self.assertRaises(ValueError):
                libsi.calculate_batch("contributions", cols, fen=bad, outputs=["total", "work_injury_rate"])


@unittest.skipUnless(HAS_BATCH, "this libsi has no batch API (libsi_batch_run_table)")
class FenTests(unittest.TestCase):
    def check_fen(self, batch: libsi.BatchResult, array_type) -> None:
        sch = libsi.schema(batch.scheme)
        money = [n for n in batch.output_names
                 if sch.output(n).type == "decimal" and sch.output(n).unit.startswith("yuan")]
        self.assertTrue(money)
        for name in money:
            fen, ok = batch.fen(name), batch.fen_ok(name)
            self.assertIsInstance(fen, array_type)
            self.assertIs(batch.fen(name), fen)
            self.assertEqual(len(fen), batch.rows)
            for row, value in enumerate(batch.columns[name]):
                if value is None:
                    self.assertEqual((bool(ok[row]), int(fen[row])), (False, 0), f"{name}[{row}]")
                else:
                    self.assertTrue(ok[row], f"{name}[{row}]")
                    self.assertEqual(int(fen[row]), value * 100, f"{name}[{row}]")
        with self.assertRaises(ValueError):
            batch.fen("divisor" if batch.scheme == "pension" else "work_injury_rate")

    def columns(self) -> dict:
        cols = pension_columns(300)
        cols["city"][5] = "shenzhen"                # a failed row
        cols["contribution_months"][6] = 100        # not eligible: some outputs unset
        return cols

    def test_fen_array_module(self):
        with without_numpy():
            batch = libsi.calculate_batch("pension", self.columns())
            self.check_fen(batch, array.array)
            self.assertEqual(batch.fen("total").typecode, "q")

    @unittest.skipUnless(numpy, "numpy not installed")
    def test_fen_numpy(self):
        batch = libsi.calculate_batch("pension", self.columns(), fen=True)
        self.check_fen(batch, numpy.ndarray)
        self.assertEqual(batch.fen("total").dtype, numpy.int64)
        self.assertEqual(batch.fen_ok("total").dtype, numpy.bool_)


@unittest.skipUnless(HAS_BATCH, "this libsi has no batch API (libsi_batch_run_table)")
class NumpyTests(unittest.TestCase):
    def test_cells_without_numpy_equal_cells_with_it(self):
        cols = pension_columns(200)
        cols["city"][1] = "广州"
        cols["city"][2] = "湛江"
        with without_numpy():
            plain = libsi.calculate_batch("pension", cols, trace="hash")
            plain_texts = {name: plain.text(name) for name in plain.output_names}
        batch = libsi.calculate_batch("pension", cols, trace="hash")
        self.assertEqual({name: batch.text(name) for name in batch.output_names}, plain_texts)
        self.assertEqual(batch.hashes, plain.hashes)
        self.assertEqual(batch.errors, {})

    @unittest.skipUnless(numpy, "numpy not installed")
    def test_numpy_columns(self):
        cols = pension_columns(50)
        arrays = {
            "city": numpy.array(cols["city"]),                                  # <U
            "retirement_group": numpy.array(cols["retirement_group"], dtype=object),
            "birth_date": numpy.array(cols["birth_date"]),
            "contribution_months": numpy.array(cols["contribution_months"], dtype=numpy.int64),
            "deemed_months": numpy.array(cols["deemed_months"], dtype=numpy.int32),
            "average_index": numpy.array(cols["average_index"], dtype=object),  # Decimal
            "account_balance": numpy.array([str(v) for v in cols["account_balance"]]),
            "deemed_account_balance": numpy.array(cols["deemed_account_balance"], dtype=object),
        }
        want = libsi.calculate_batch("pension", cols)
        got = libsi.calculate_batch("pension", arrays)
        for name in want.output_names:
            self.assertEqual(got.text(name), want.text(name), name)
        arrays["account_balance"] = numpy.array([float(v) for v in cols["account_balance"]])
        with self.assertRaises(TypeError) as cm:
            libsi.calculate_batch("pension", arrays)
        self.assertIn("'account_balance'", str(cm.exception))
        self.assertIn("float", str(cm.exception))
        with self.assertRaises(TypeError):
            libsi.calculate_batch("pension", dict(arrays, account_balance=numpy.zeros((50, 2))))


DEBIAN_PYTHON = "/usr/bin/python3"


def other_python_with_numpy() -> bool:
    if numpy is not None or not os.access(DEBIAN_PYTHON, os.X_OK):
        return False
    return subprocess.run([DEBIAN_PYTHON, "-c", "import numpy"], capture_output=True).returncode == 0


@unittest.skipUnless(HAS_BATCH and other_python_with_numpy(),
                     "numpy importable here (tested above), or no /usr/bin/python3 with numpy")
class NumpyElsewhereTests(unittest.TestCase):
    """This interpreter has no numpy: run the numpy tests under /usr/bin/python3
    (Debian's python3-numpy), so the numpy paths are covered by meson too."""

    def test_numpy_suites(self):
        here = Path(__file__).resolve().parent
        path = os.pathsep.join([str(here.parent), str(here), os.environ.get("PYTHONPATH", "")])
        env = dict(os.environ, PYTHONPATH=path, LIBSI_LIBRARY=libsi.library_path)
        tests = [f"test_calculate_batch.{name}" for name in
                 ("FenTests", "NumpyTests", "RowTests", "VectorAgreementTests")]
        proc = subprocess.run([DEBIAN_PYTHON, "-m", "unittest", *tests], cwd=here, env=env,
                              capture_output=True, text=True, timeout=500)
        self.assertEqual(proc.returncode, 0, proc.stdout + proc.stderr)
        self.assertNotIn("skipped", proc.stderr.splitlines()[-1])


@unittest.skipUnless(HAS_BATCH, "this libsi has no batch API (libsi_batch_run_table)")
class CalculateManyTests(unittest.TestCase):
    def test_many_equals_batch_and_calculate(self):
        cols = pension_columns(120)
        cols["city"][9] = "shenzhen"
        rows = [{k: v[i] for k, v in cols.items()} for i in range(120)]
        rows[20]["average_index"] = 1.5          # a float: that row's error only
        rows[21] = dict(rows[21], bogus="x")     # an unknown input: that row's error only
        many = libsi.calculate_many("pension", rows, workers=2)
        self.assertEqual(len(many), 120)
        for i, (row, got) in enumerate(zip(rows, many)):
            try:
                want = libsi.calculate("pension", row, trace=False)
            except (libsi.Error, TypeError) as e:
                self.assertFalse(got.ok, f"row {i}")
                self.assertEqual((type(got.error), str(got.error)), (type(e), str(e)), f"row {i}")
                if isinstance(e, libsi.Error):
                    self.assertEqual(got.error.field, e.field)
                continue
            self.assertTrue(got.ok, f"row {i}: {got.error!r}")
            self.assertEqual((got.outputs, got.raw, got.flags, got.hash),
                             (want.outputs, want.raw, want.flags, want.hash), f"row {i}")
            self.assertIsNone(got.trace)


if __name__ == "__main__":
    unittest.main()
