"""Every calculation through the binding against the vector files the C tests
use (tests/meson.build calc_vector_files, passed by meson as LIBSI_VECTOR_MAP).

Each row runs twice when it must succeed: with the cells as strings (what
test_calc_vectors.c does) and with the cells converted to Python values by the
schema (Decimal, int, date, Month, bool), which must give the same result.
Every expected output is compared as the library's string and as the typed
Python value printed back.  New calculations and new vector files are picked
up without changing this file.
"""

from __future__ import annotations

import datetime as dt
import unittest
from decimal import Decimal

import libsi
from _support import VectorFile, vector_map, vectors_dir

#: Python class of an output value for each schema type.
PY_TYPES = {"decimal": Decimal, "integer": int, "date": (dt.date, libsi.Month),
            "month": libsi.Month, "enum": str, "bool": bool, "text": str,
            "json": (dict, list, str, int, bool, type(None), Decimal), "list": list}

TYPED = {"decimal": Decimal, "integer": int, "month": libsi.Month.parse,
         "bool": {"true": True, "false": False}.__getitem__,
         "date": lambda t: libsi.Month.parse(t) if len(t) == 7 else dt.date.fromisoformat(t)}


def typed_inputs(schema: libsi.Schema, inputs: dict) -> dict:
    """The same inputs as Python values, where that prints back to the same text."""
    out = {}
    for name, text in inputs.items():
        field = schema.input(name)
        out[name] = text
        convert = TYPED.get(field.type) if field else None
        try:
            value = convert(text) if convert else text
        except (ValueError, KeyError, ArithmeticError):
            continue
        if libsi.to_text(field.type, value) == text:
            out[name] = value
    return out


class Checker:
    """Runs one row and lists what differs from the expectation."""

    def __init__(self, scheme: str, ctx: libsi.Context):
        self.scheme, self.ctx = scheme, ctx
        self.schema = ctx.schema(scheme)

    def run(self, inputs: dict) -> tuple:
        try:
            return self.ctx.calculate(self.scheme, inputs, trace=False), "-", ""
        except libsi.Error as e:
            return None, f"!{e.code_name}:{e.field}", e.message

    def problems(self, vf: VectorFile, cells: dict, inputs: dict) -> list:
        result, got_err, message = self.run(inputs)
        want_err = cells.get("error", "-")
        ok = result is not None if want_err == "-" else got_err.startswith(want_err)
        bad = [] if ok else [f"error {got_err}, expected {want_err} ({message})"]
        if result is not None:
            bad += self.output_problems(result, vf.expected_outputs(cells))
            bad += self.flag_problems(result, cells.get("flags", "-"))
        return bad

    def output_problems(self, result: libsi.Result, expected: dict) -> list:
        bad = []
        for name, want in expected.items():
            field = self.schema.output(name)
            raw, value = result.raw.get(name), result.outputs.get(name)
            if raw != want:
                bad.append(f"{name} = {raw}, expected {want}")
            elif field is None:
                bad.append(f"{name}: not in the published schema")
            elif not isinstance(value, PY_TYPES[field.type]) or not self.same(field.type, value, want):
                bad.append(f"{name}: Python value {value!r} does not print back as {want}")
        return bad

    @staticmethod
    def same(type_name: str, value, want: str) -> bool:
        if type_name == "json":  # a document: equal when parsed, whatever the spacing
            return value == libsi.types.parse_json(want)
        return libsi.to_text(type_name, value) == want

    @staticmethod
    def flag_problems(result: libsi.Result, want: str) -> list:
        if want in ("-", ""):
            return []
        missing = [f for f in want.split(",") if f not in result.flag_names]
        return [f"flags {list(result.flag_names)} lack {missing}"] if missing else []


class VectorTests(unittest.TestCase):
    """One test per (calculation, vector file); methods are added below."""

    @classmethod
    def setUpClass(cls):
        cls.ctx = libsi.Context()

    @classmethod
    def tearDownClass(cls):
        cls.ctx.close()

    def check_file(self, scheme: str, rel: str) -> None:
        vf = VectorFile(vectors_dir() / rel)
        checker, failures = Checker(scheme, self.ctx), []
        for line, cells in vf.rows:
            inputs = vf.inputs(cells)
            bad = checker.problems(vf, cells, inputs)
            if cells.get("error", "-") == "-":
                bad += [f"typed: {p}" for p in checker.problems(vf, cells, typed_inputs(checker.schema, inputs))]
            failures += [f"{rel}:{line} {cells.get('id', '?')}: {p}" for p in bad]
        self.assertTrue(vf.rows, f"{rel}: no rows")
        self.assertEqual(failures, [], f"{len(failures)} mismatches in {rel}")


def _add_file_tests() -> None:
    for scheme, files in vector_map().items():
        for rel in files:
            name = "test_" + scheme + "__" + rel.replace("/", "_").replace(".tsv", "")
            setattr(VectorTests, name, lambda self, s=scheme, r=rel: self.check_file(s, r))


_add_file_tests()


class CoverageTests(unittest.TestCase):
    def test_vector_map_is_not_empty(self):
        self.assertIn("contributions", vector_map())

    def test_every_registered_scheme_exists(self):
        unknown = sorted(set(vector_map()) - set(libsi.schemes()))
        self.assertEqual(unknown, [], "vector files registered for calculations the library lacks")

    def test_every_scheme_has_vectors(self):
        # Reported as a skip, not a failure: a calculation can land before its vectors.
        missing = [s for s in libsi.schemes() if not vector_map().get(s)]
        if missing:
            self.skipTest("calculations without vector files: " + ", ".join(missing))


if __name__ == "__main__":
    unittest.main()
