"""The binding's API: loading, version, schema-driven types, errors, rulesets,
lookups, results.  Expected values are checked against the vector files or
the rule data they come from (cited where used)."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import unittest
from decimal import Decimal
from pathlib import Path

import libsi
from _support import REPO

# guangdong-rules A1/A2 via tests/vectors/contrib/contributions.tsv, row
# guangzhou-2024-07-40000-employee-c1-1: base capped at 27501.00.
GZ_CAPPED = {"city": "guangzhou", "month": "2024-07", "wage": "40000"}

# tests/vectors/pension/benefit.tsv row gz-2025-high (国发〔2005〕38号 formula, A4).
GZ_PENSION = {"city": "guangzhou", "retirement_group": "male60", "birth_date": "1965-03-10",
              "contribution_months": "360", "deemed_months": "0", "average_index": "1.5",
              "account_balance": "180000", "deemed_account_balance": "0"}

TEST_RULES = """\
libsi_rules: 1
documents:
  d1: {number: "测试〔2024〕1号", url: "", published: 2024-06-01, status: enacted}
  d2: {number: "测试〔2025〕2号", url: "", published: 2025-06-15, status: enacted}
parameters:
  test.rate: {kind: period, unit: ratio}
values:
  - {name: test.rate, jurisdiction: 440000, from: 2024-07-01, to: 2025-07-01, unit: ratio, value: "0.16", document: d1, confidence: H}
  - {name: test.rate, jurisdiction: 440100, from: 2025-07-01, to: 2026-07-01, unit: ratio, value: "0.14", document: d2, confidence: L, article: "§二"}
"""


class LoadingTests(unittest.TestCase):
    def test_versions_agree(self):
        self.assertEqual(libsi.version(), libsi.__version__)
        want = os.environ.get("LIBSI_PROJECT_VERSION")  # meson.project_version(), from meson
        if want:
            self.assertEqual(libsi.__version__, want)

    def test_library_from_environment(self):
        if "LIBSI_LIBRARY" in os.environ:
            self.assertEqual(libsi.library_path, os.environ["LIBSI_LIBRARY"])

    def test_import_error_says_where_it_looked(self):
        env = dict(os.environ, LIBSI_LIBRARY="/nonexistent/libsi.so.0")
        proc = subprocess.run([sys.executable, "-c", "import libsi"], env=env,
                              capture_output=True, text=True)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("ImportError", proc.stderr)
        self.assertIn("LIBSI_LIBRARY: /nonexistent/libsi.so.0", proc.stderr)

    def test_every_library_error_code_has_a_class(self):
        # Codes are only appended (common.h): a new one must get its subclass here.
        for code in range(-1, -100, -1):
            if libsi.strerror(code) != "unknown error":
                self.assertIn(code, libsi.ERRORS_BY_CODE, f"code {code}: {libsi.strerror(code)}")


class SchemaTests(unittest.TestCase):
    KNOWN_TYPES = {"decimal", "integer", "date", "month", "enum", "bool", "text", "json", "list"}

    def test_every_scheme_publishes_a_typed_schema(self):
        for scheme in libsi.schemes():
            with self.subTest(scheme=scheme):
                s = libsi.schema(scheme)
                self.assertEqual(s.scheme, scheme)
                self.assertTrue(s.description and s.outputs)
                for f in s.inputs + s.outputs:
                    self.assertIn(f.type, self.KNOWN_TYPES, f.name)
                    self.assertTrue(f.legal_basis, f"{scheme}.{f.name}: no legal basis")
                    if f.type in ("enum", "list"):
                        self.assertTrue(f.choices, f.name)

    def test_contributions_schema(self):
        s = libsi.schema("contributions")
        self.assertEqual(s.input("wage").type, "decimal")
        self.assertEqual(s.input("wage").unit, "yuan/month")
        self.assertTrue(s.input("city").required)
        self.assertEqual(s.input("participant").choices, ("employee", "flexible"))
        self.assertEqual(s.input("participant").default, "employee")
        self.assertEqual(s.output("total").type, "decimal")

    def test_unknown_scheme(self):
        with self.assertRaises(libsi.SchemeError) as cm:
            libsi.schema("no_such_scheme")
        self.assertEqual(cm.exception.code, -12)
        self.assertEqual(cm.exception.field, "scheme")


class CalculateTests(unittest.TestCase):
    def test_decimal_outputs_from_string_inputs(self):
        r = libsi.calculate("contributions", GZ_CAPPED)
        self.assertEqual(r.outputs["pension_base"], Decimal("27501.00"))
        self.assertIsInstance(r.outputs["pension_base"], Decimal)
        # 2024-07 limits 27501 (粤人社发〔2024〕33号); employer 15 % from 2022-07 (Kaizen CPA
        # 2022-08-10); Guangzhou's work-injury base has no ceiling: 40000 × 0.2 %.
        self.assertEqual(r["total"], Decimal("6592.23"))
        self.assertEqual(str(r.outputs["total"]), "6592.23")  # scale kept
        self.assertIn("capped", r.flag_names)
        self.assertIn(libsi.Flag.CAPPED, r.flags)

    def test_typed_inputs_give_the_same_hash(self):
        typed = {"city": "guangzhou", "month": libsi.Month(2024, 7), "wage": Decimal("4E+4"),
                 "industry_class": 1, "floating_level": Decimal("1"), "carry_forward": False}
        self.assertEqual(libsi.calculate("contributions", typed).hash,
                         libsi.calculate("contributions", dict(GZ_CAPPED, industry_class="1",
                                                           floating_level="1",
                                                           carry_forward="false")).hash)

    def test_month_as_date_and_int_wage(self):
        a = libsi.calculate("contributions", dict(GZ_CAPPED, month=dt.date(2024, 7, 15), wage=40000))
        self.assertEqual(a.hash, libsi.calculate("contributions", GZ_CAPPED).hash)

    def test_none_means_not_given(self):
        a = libsi.calculate("contributions", dict(GZ_CAPPED, known_on=None))
        self.assertEqual(a.hash, libsi.calculate("contributions", GZ_CAPPED).hash)

    def test_pension_types_follow_the_schema(self):
        r = libsi.calculate("pension", GZ_PENSION)
        self.assertEqual(r.outputs["total"], Decimal("5080.46"))
        self.assertEqual(r.outputs["divisor"], Decimal("138.4"))
        self.assertIs(r.outputs["eligible"], True)
        self.assertIsInstance(r.outputs["minimum_contribution_months"], int)
        self.assertIsInstance(r.outputs["statutory_retirement_date"], libsi.Month)
        self.assertIsInstance(r.outputs["statutory_retirement_age"], str)

    def test_trace_json_and_hash(self):
        r = libsi.calculate("contributions", GZ_CAPPED)
        self.assertRegex(r.hash, r"^[0-9a-f]{64}$")
        self.assertIsInstance(r.trace, list)
        self.assertTrue(all(isinstance(s, dict) and s.get("step") for s in r.trace))
        self.assertIn("粤人社发", " ".join(s.get("basis", "") for s in r.trace))
        self.assertEqual(r.inputs["wage"], "40000")
        self.assertIn('"hash":"' + r.hash + '"', r.json.replace(" ", ""))

    def test_no_trace(self):
        r = libsi.calculate("contributions", GZ_CAPPED, trace=False)
        self.assertIsNone(r.trace)
        self.assertEqual(r.hash, libsi.calculate("contributions", GZ_CAPPED).hash)

    def test_explanation_cites_documents(self):
        r = libsi.calculate("contributions", GZ_CAPPED, explain=True)
        self.assertIn("粤人社发", r.explanation)

    def test_results_pickle(self):
        r = libsi.calculate("pension", GZ_PENSION)
        back = pickle.loads(pickle.dumps(r))
        self.assertEqual((back.outputs, back.flags, back.hash, back.trace),
                         (r.outputs, r.flags, r.hash, r.trace))


class LanguageTests(unittest.TestCase):
    """Issue #17: result.explain(lang=...) and result.html(lang=...)."""

    CASE = {"city": "guangzhou", "retirement_group": "male60", "birth_date": "1965-03-10",
            "contribution_months": 360, "average_index": "1.5", "account_balance": "180000"}

    def test_explain_in_both_languages(self):
        r = libsi.calculate("pension", self.CASE, explain=True)
        en, zh = r.explain(), r.explain(lang="zh")
        self.assertEqual(en, r.explanation)
        self.assertEqual(r.explain(lang="en"), en)
        self.assertIn("Basic pension (基础养老金)", en)
        self.assertIn("基础养老金", zh)
        self.assertNotIn("Basic pension", zh)
        self.assertIn("依据", zh)
        for text in (en, zh):
            self.assertIn(r.hash, text)
            self.assertIn(str(r.outputs["total"]), text)
            self.assertIn("粤人社发〔2025〕32号", text)

    def test_html_holds_every_output(self):
        r = libsi.calculate("pension", self.CASE)
        page = r.html(lang="zh")
        self.assertTrue(page.startswith("<!DOCTYPE html>"))
        self.assertIn("养老金核定表", page)
        for value in r.raw.values():
            self.assertIn(value, page)

    def test_unknown_language(self):
        r = libsi.calculate("pension", self.CASE)
        with self.assertRaises(ValueError):
            r.explain(lang="fr")


class InputTypeTests(unittest.TestCase):
    def test_float_is_refused_everywhere(self):
        for name in ("wage", "floating_level", "industry_class", "city", "known_on"):
            with self.subTest(input=name), self.assertRaises(TypeError) as cm:
                libsi.calculate("contributions", dict(GZ_CAPPED, **{name: 1.5}))
            self.assertIn("float", str(cm.exception))

    def test_float_is_refused_in_rounding_and_lookups(self):
        with self.assertRaises(TypeError):
            libsi.default_context().round(1.005, "half_up", "0.01")
        with self.assertRaises(TypeError):
            libsi.lookup("pension.contribution_base.ceiling", 440100.0, "2025-08-01")

    def test_wrong_kinds(self):
        cases = {"wage": True, "month": dt.datetime(2024, 7, 1), "carry_forward": 1,
                 "industry_class": Decimal("1.5")}
        for name, value in cases.items():
            with self.subTest(input=name), self.assertRaises(TypeError):
                libsi.calculate("contributions", dict(GZ_CAPPED, **{name: value}))

    def test_type_errors_name_the_input(self):
        # issue #12: a float or a bool of the wrong kind says which input it was
        for name, value in (("wage", 9000.5), ("wage", True), ("carry_forward", 1.0),
                            ("floating_level", False), ("month", 2025.08)):
            with self.subTest(input=name, value=value), self.assertRaises(TypeError) as cm:
                libsi.calculate("contributions", dict(GZ_CAPPED, **{name: value}))
            self.assertIn(f"input {name!r}", str(cm.exception))
            self.assertIn(type(value).__name__, str(cm.exception))

    def test_not_a_mapping_is_a_type_error_with_a_sentence(self):
        # issue #12: None or a list used to raise a raw AttributeError
        for inputs in (None, [("city", "guangzhou")], "city=guangzhou", 42):
            with self.subTest(inputs=inputs), self.assertRaises(TypeError) as cm:
                libsi.calculate("contributions", inputs)
            self.assertIn("expected a mapping of input names to values", str(cm.exception))
        with self.assertRaises(TypeError) as cm:
            libsi.calculate(None, GZ_CAPPED)
        self.assertIn("expected the name of a calculation", str(cm.exception))
        with self.assertRaises(TypeError):
            libsi.default_context().calculate("contributions", None)

    def test_library_messages_name_value_and_expectation(self):
        # issue #12: unclear messages of the library
        with self.assertRaises(libsi.RangeError) as cm:
            libsi.calculate("pension", {"city": "guangzhou", "retirement_group": "male60",
                                        "birth_date": "2200-01-01"})
        self.assertIn("1900-01-01 to 2199-12-31", cm.exception.message)
        injury = {"city": "guangzhou", "injury_date": "2025-03-01", "own_wage": 9000,
                  "area_average_wage": 12000, "death": True, "dependants": ""}
        with self.assertRaises(libsi.InputError) as cm:
            libsi.calculate("work_injury", injury)
        self.assertEqual(cm.exception.field, "dependants")
        self.assertIn("the list is empty", cm.exception.message)
        with self.assertRaises(libsi.RangeError) as cm:
            libsi.calculate("pension", {"city": "guangzhou", "retirement_group": "male60",
                                        "birth_date": "1965-03-10", "contribution_months": 360,
                                        "average_index": Decimal("3.5"),
                                        "account_balance": 180000})
        self.assertEqual(cm.exception.field, "average_index")
        self.assertIn("3.5", cm.exception.message)

    def test_non_finite_decimal(self):
        with self.assertRaises(ValueError):
            libsi.calculate("contributions", dict(GZ_CAPPED, wage=Decimal("NaN")))

    def test_nul_character(self):
        with self.assertRaises(libsi.InputError) as cm:
            libsi.calculate("contributions", dict(GZ_CAPPED, city="guangzhou\0x"))
        self.assertEqual(cm.exception.field, "city")


class ErrorTests(unittest.TestCase):
    def assertLibsiError(self, cls, code, field, fn, *args, **kw):
        with self.assertRaises(cls) as cm:
            fn(*args, **kw)
        e = cm.exception
        self.assertIsInstance(e, libsi.Error)
        self.assertEqual((e.code, e.field), (code, field))
        self.assertTrue(e.message)
        return e

    def test_input_errors_name_the_field(self):
        e = self.assertLibsiError(libsi.InputError, -11, "wage", libsi.calculate, "contributions",
                                  dict(GZ_CAPPED, wage="1e3"))
        self.assertIn("wage", e.message)
        self.assertIsInstance(e, ValueError)
        self.assertLibsiError(libsi.InputError, -11, "city", libsi.calculate, "contributions",
                              {"month": "2024-07", "wage": "1"})
        self.assertLibsiError(libsi.InputError, -11, "bogus", libsi.calculate, "contributions",
                              dict(GZ_CAPPED, bogus="1"))

    def test_codes_reached_through_the_api(self):
        calc, ctx = libsi.calculate, libsi.default_context()
        self.assertLibsiError(libsi.SchemeError, -12, "scheme", calc, "nope", {})
        self.assertLibsiError(libsi.UnsupportedError, -8, "city", calc, "contributions",
                              dict(GZ_CAPPED, city="shenzhen"))
        self.assertLibsiError(libsi.JurisdictionError, -7, "city", calc, "contributions",
                              dict(GZ_CAPPED, city="atlantis"))
        self.assertLibsiError(libsi.DecimalError, -3, "value", ctx.round, "1e3", "half_up", "0.01")
        self.assertLibsiError(libsi.InvalidArgumentError, -2, "quantum", ctx.round, "1", "up", "0.5")
        self.assertLibsiError(libsi.InvalidArgumentError, -2, "mode", ctx.round, "1", "bogus", "1")
        self.assertLibsiError(libsi.RangeError, -4, "value", ctx.round, "9" * 36, "up", "1000000")
        self.assertLibsiError(libsi.FileError, -13, "/nonexistent/rules", libsi.Ruleset.load,
                              "/nonexistent/rules")

    def test_rule_file_error_names_file_line_and_field(self):
        path = REPO / "tests" / "data" / "bad-rules" / "float-value.yaml"
        e = self.assertLibsiError(libsi.RuleFileError, -9, f"{path}:6: value", libsi.Ruleset.load, path)
        self.assertIn("field 'value'", e.message)

    def test_mapping_covers_every_code(self):
        for code, cls in libsi.ERRORS_BY_CODE.items():
            e = libsi.errors.error_for(code, "m", "f")
            self.assertIs(type(e), cls)
            self.assertEqual((e.code, e.field, e.message, str(e)), (code, "f", "m", "m"))
            self.assertTrue(cls.code_name.startswith("E"))
        self.assertEqual(len(libsi.ERRORS_BY_CODE), 16)
        self.assertIs(type(libsi.errors.error_for(-99, "m", "f")), libsi.Error)

    def test_errors_pickle(self):
        e = libsi.NotFoundError("no value", "pension.calculation_base", -6)
        back = pickle.loads(pickle.dumps(e))
        self.assertEqual((type(back), back.code, back.field, back.message),
                         (libsi.NotFoundError, -6, "pension.calculation_base", "no value"))

    def test_strict_lookup_in_a_calculation(self):
        # tests/vectors/pension/benefit.tsv rows 2026-strict / 2026-carry (A4.3).
        case = dict(GZ_PENSION, birth_date="1966-01-10", contribution_months="300",
                    average_index="1.0", account_balance="30000")
        self.assertLibsiError(libsi.NotFoundError, -6, "pension.calculation_base",
                              libsi.calculate, "pension", case)
        lenient = libsi.Ruleset.builtin(strict=False)
        r = libsi.calculate("pension", case, ruleset=lenient)
        self.assertIn(libsi.Flag.CARRIED_FORWARD, r.flags)
        self.assertEqual(r.hash, libsi.calculate("pension", dict(case, carry_forward=True)).hash)


class RulesetTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.path = Path(cls.tmp.name) / "test-rules.yaml"
        cls.path.write_text(TEST_RULES, encoding="utf-8")
        cls.rules = libsi.Ruleset.load(cls.path)

    @classmethod
    def tearDownClass(cls):
        cls.rules.close()
        cls.tmp.cleanup()

    def test_builtin(self):
        rs = libsi.Ruleset.builtin()
        self.assertGreater(len(rs), 100)
        self.assertRegex(rs.digest, r"^[0-9a-f]{64}$")
        self.assertEqual(rs.digest, libsi.default_ruleset().digest)

    def test_lookup_falls_back_to_the_province(self):
        v = self.rules.lookup("test.rate", "guangzhou", "2024-08-01")
        self.assertEqual((v.value, v.unit, v.jurisdiction, v.confidence), (Decimal("0.16"), "ratio", "440000", "H"))
        self.assertEqual(v.period, libsi.Period(dt.date(2024, 7, 1), dt.date(2025, 7, 1)))
        self.assertIn(dt.date(2025, 6, 30), v.period)
        self.assertNotIn(dt.date(2025, 7, 1), v.period)
        self.assertEqual((v.document, v.published, v.flags), ("测试〔2024〕1号", dt.date(2024, 6, 1), libsi.Flag(0)))

    def test_city_value_flags_low_confidence(self):
        v = self.rules.lookup("test.rate", "广州", dt.date(2025, 8, 1))
        self.assertEqual((v.value, v.jurisdiction, v.article), (Decimal("0.14"), "440100", "§二"))
        self.assertEqual(v.period.end, dt.date(2026, 7, 1))
        self.assertIn(libsi.Flag.LOW_CONFIDENCE, v.flags)

    def test_known_on_and_carry_forward(self):
        with self.assertRaises(libsi.NotFoundError):
            self.rules.lookup("test.rate", "guangzhou", "2025-08-01", known_on="2025-01-01")
        v = self.rules.lookup("test.rate", "guangzhou", "2025-08-01", known_on=dt.date(2025, 1, 1),
                              carry_forward=True)
        self.assertEqual(v.value, Decimal("0.16"))
        self.assertIn(libsi.Flag.CARRIED_FORWARD, v.flags)

    def test_ruleset_options_are_lookup_defaults(self):
        with libsi.Ruleset.load(self.path, known_on="2025-01-01", strict=False) as rs:
            v = rs.lookup("test.rate", "guangzhou", "2025-08-01")
            self.assertEqual(v.value, Decimal("0.16"))
            self.assertIn(libsi.Flag.CARRIED_FORWARD, v.flags)
            # Explicit arguments win over the ruleset's options.
            with self.assertRaises(libsi.NotFoundError):
                rs.lookup("test.rate", "guangzhou", "2025-08-01", carry_forward=False)

    def test_strict_by_default(self):
        with self.assertRaises(libsi.NotFoundError) as cm:
            self.rules.lookup("test.rate", "guangzhou", "2026-08-01")
        self.assertEqual(cm.exception.field, "test.rate")

    def test_lookup_errors(self):
        with self.assertRaises(libsi.JurisdictionError):
            self.rules.lookup("test.rate", "atlantis", "2025-08-01")
        with self.assertRaises(libsi.UnsupportedError):
            self.rules.lookup("test.rate", "深圳", "2025-08-01")
        with self.assertRaises(libsi.DateError):
            self.rules.lookup("test.rate", "guangzhou", "2025-13-01")

    def test_builtin_known_on_matches_the_input(self):
        # The ruleset's known_on reaches calculations that take a known_on input.
        rs = libsi.Ruleset.builtin(known_on="2025-07-15")
        self.assertEqual(libsi.calculate("contributions", GZ_CAPPED, ruleset=rs).hash,
                         libsi.calculate("contributions", dict(GZ_CAPPED, known_on="2025-07-15")).hash)

    def test_an_empty_ruleset_is_still_the_one_used(self):
        path = Path(self.tmp.name) / "empty.yaml"
        path.write_text("libsi_rules: 1\ndocuments: {}\nvalues: []\n", encoding="utf-8")
        with libsi.Ruleset.load(path) as empty:
            self.assertEqual(len(empty), 0)
            with self.assertRaises(libsi.NotFoundError):
                libsi.calculate("contributions", GZ_CAPPED, ruleset=empty)
            with self.assertRaises(libsi.NotFoundError):
                libsi.calculate_many("contributions", [GZ_CAPPED], ruleset=empty)[0].check()

    def test_closed_ruleset(self):
        rs = libsi.Ruleset.load(self.path)
        rs.close()
        with self.assertRaises(ValueError):
            rs.lookup("test.rate", "guangzhou", "2024-08-01")


class ContextTests(unittest.TestCase):
    def test_jurisdiction_and_rounding(self):
        with libsi.Context() as ctx:
            self.assertEqual(ctx.resolve_jurisdiction("广州"), "440100")
            self.assertEqual(ctx.resolve_jurisdiction("nation"), "0")
            self.assertEqual(ctx.round(Decimal("1.005"), "half_up", "0.01"), (Decimal("1.01"), True))
            self.assertEqual(ctx.round("2.5", "half_even", "1"), (Decimal("2"), True))
            self.assertEqual(ctx.round("1.20", "down", "0.01"), (Decimal("1.20"), False))

    def test_closed_context(self):
        ctx = libsi.Context()
        ctx.close()
        ctx.close()  # closing twice is harmless
        with self.assertRaises(ValueError):
            ctx.calculate("contributions", GZ_CAPPED)

    def test_one_context_two_threads_at_once_is_refused(self):
        ctx, errors = libsi.Context(), []
        ctx._busy.acquire()  # as if another thread were inside a call

        def other():
            try:
                ctx.calculate("contributions", GZ_CAPPED)
            except RuntimeError as e:
                errors.append(e)
        t = threading.Thread(target=other)
        t.start()
        t.join()
        ctx._busy.release()
        self.assertEqual(len(errors), 1)
        self.assertEqual(ctx.calculate("contributions", GZ_CAPPED).outputs["total"], Decimal("6592.23"))


class MonthTests(unittest.TestCase):
    def test_month(self):
        m = libsi.Month.parse("2025-08")
        self.assertEqual((m.year, m.month, str(m), m.first_day()), (2025, 8, "2025-08", dt.date(2025, 8, 1)))
        self.assertLess(libsi.Month(2024, 12), m)
        for bad in ("2025-13", "2025-8", "202508", "abcd-ef"):
            with self.assertRaises(ValueError):
                libsi.Month.parse(bad)


if __name__ == "__main__":
    unittest.main()
