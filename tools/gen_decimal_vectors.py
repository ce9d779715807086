#!/usr/bin/env python3
"""Generate the decimal test vectors tests/vectors/decimal/{parse,round,arith}.tsv.

The oracle is Python's `decimal` module at 60 digits of precision; it never
calls libsi, so it checks the C code (libsi/core/decimal.c, libsi/core/rounding.c)
independently.  Output is deterministic (no clock, no `random`): the same
script always writes the same bytes.

    python3 tools/gen_decimal_vectors.py [OUTDIR]

Rules encoded here (include/libsi/decimal.h, docs/architecture.md):

- Syntax `-?[0-9]+(\\.[0-9]+)?` with ASCII digits only, at most 64 characters,
  at most 18 fraction digits and at most 36 significant digits, where leading
  integer zeros do not count and trailing fraction zeros do (the scale is
  kept, so "1.50" has the digits 150).  Anything else is !EDECIMAL.
- Canonical form: leading integer zeros stripped ("007.50" -> "7.50"), scale
  kept, never a negative zero ("-0.00" -> "0.00").
- A quantum is a decimal string whose value is 10^e with -18 <= e <= 6
  ("0.010" is 10^-2 and accepted); anything else, and an unknown mode name,
  is !EINVAL (checked before the input is parsed).
- Modes: half_up (ties away from zero), half_even, down (toward zero), up
  (away from zero), carry.  carry(x, 10^e) = up(half_up(x, 10^(e-1)), 10^e):
  the digit below the quantum is first rounded half-up, and a nonzero result
  carries up (Shanghai 分进角 at e = -1: fen rounded 四舍五入, then any fen
  carries to the next jiao; 1.004 -> 1.0, 1.005 -> 1.1, 1.01 -> 1.1).
- The result is printed with exactly max(0, -e) fraction digits; its
  coefficient (trailing zeros included, e.g. 10^6 quantum -> six zeros) has
  at most 36 digits, else !ERANGE.  `rounded` iff the result differs from the
  exact value.  Errors carry the flags column `-`.
- add/sub as tests/test_decimal.c runs them: the exact sum (lsi_dec_add), then
  one rounding.  The exact sum is an lsi_dec whose coefficient at the larger
  of the two scales must satisfy |c| < 2^127 (libsi/core/internal.h: the
  coefficient lives in an __int128), else !ERANGE even when the rounded value
  would be short; the rounded result must then have <= 36 digits.
- mul/div: the exact product or quotient rounded once (no intermediate
  limit), x/0 is !EDIVZERO in every mode.

Exactness at 60 digits: add/sub of valid inputs need at most 55 digits and are
exact.  Products (up to 72 digits) and quotients may not be: they are computed
truncated toward zero and, when the context signals Inexact, cut to 50 digits
with a sticky 1 appended at the 51st digit.  Any result that fits 36 digits
only depends on the first 38 digits of the value and on whether more nonzero
digits follow, so the sticky value rounds exactly like the true value in every
mode (no quantum point or tie lies between them).  Values whose leading digit
is 36 or more places above the quantum are !ERANGE before any rounding.
"""
import decimal
import json
import os
import sys
from decimal import Decimal as D

PREC = 60
CTX = decimal.Context(prec=PREC, rounding=decimal.ROUND_HALF_EVEN, Emax=999, Emin=-999,
                      traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow])
decimal.setcontext(CTX)

SRC = "python-decimal (tools/gen_decimal_vectors.py)"
CARRY_SRC = ("Shanghai 分进角 (沪人社规〔2021〕27号 as quoted in guangdong-rules A4.6): "
             "carry = half_up at quantum/10 then up; " + SRC)
MODES = ["half_up", "half_even", "down", "up", "carry"]
PY_MODE = {"half_up": decimal.ROUND_HALF_UP, "half_even": decimal.ROUND_HALF_EVEN,
           "down": decimal.ROUND_DOWN, "up": decimal.ROUND_UP}
QUANTA = ["0.01", "0.1", "1", "10"]
MAX_DIGITS, MAX_SCALE, MAX_LEN = 36, 18, 64
I128 = 2 ** 127


# ------------------------------------------------------------ deterministic
class Lcg:
    """64-bit linear congruential generator (Knuth MMIX constants): fixed
    output on every Python version, unlike `random`."""

    def __init__(self, seed):
        self.s = seed

    def below(self, n):
        self.s = (self.s * 6364136223846793005 + 1442695040888963407) % 2 ** 64
        return (self.s >> 33) % n

    def digits(self, n):
        return "".join("0123456789"[self.below(10)] for _ in range(n))

    def pick(self, seq):
        return seq[self.below(len(seq))]


# ------------------------------------------------------------------ syntax
ASCII_DIGITS = set("0123456789")


def is_decimal(s):
    """The accepted syntax and limits, checked character by character."""
    if not 0 < len(s.encode("utf-8")) <= MAX_LEN:
        return False
    body = s[1:] if s.startswith("-") else s
    ip, dot, fp = body.partition(".")
    if not ip or not set(ip) <= ASCII_DIGITS:
        return False
    if dot and (not fp or not set(fp) <= ASCII_DIGITS):
        return False
    if len(fp) > MAX_SCALE:
        return False
    return len((ip + fp).lstrip("0")) <= MAX_DIGITS


def canonical(s):
    neg = s.startswith("-")
    ip, _, fp = (s[1:] if neg else s).partition(".")
    text = (ip.lstrip("0") or "0") + ("." + fp if fp else "")
    return "-" + text if neg and (ip + fp).strip("0") else text


def scale_of(s):
    return len(s.partition(".")[2])


def quantum_exp(q):
    """e such that the quantum string is 10^e, -18 <= e <= 6; None if invalid."""
    if not is_decimal(q) or q.startswith("-"):
        return None
    v = D(q)
    if v <= 0:
        return None
    e = v.adjusted()
    return e if v == D(1).scaleb(e) and -18 <= e <= 6 else None


# ---------------------------------------------------------------- rounding
def with_sticky(x, inexact):
    """A value that rounds like the true one (see the module docstring)."""
    if not inexact:
        return x
    cut = decimal.Context(prec=50, rounding=decimal.ROUND_DOWN).plus(x)
    tiny = D((1 if x.is_signed() else 0, (1,), cut.adjusted() - 50))
    return CTX.add(cut, tiny)  # 51 digits: exact at 60


def exact_op(op, a, b):
    """(value, inexact) of a op b at 60 digits, truncated toward zero."""
    c = decimal.Context(prec=PREC, rounding=decimal.ROUND_DOWN, Emax=999, Emin=-999,
                        traps=[decimal.InvalidOperation, decimal.DivisionByZero])
    x = {"add": c.add, "sub": c.subtract, "mul": c.multiply, "div": c.divide}[op](a, b)
    return x, bool(c.flags[decimal.Inexact])


def round_at(x, mode, e):
    """x rounded to a multiple of 10^e (x needs <= 60 digits down to 10^(e-1))."""
    if mode == "carry":
        return round_at(round_at(x, "half_up", e - 1), "up", e)
    return x.scaleb(-e).to_integral_value(rounding=PY_MODE[mode]).scaleb(e)


def coefficient(r, e):
    return int(r.scaleb(-e))  # exact: r is a multiple of 10^e


def text_at(r, e):
    """r (a multiple of 10^e) with exactly max(0, -e) fraction digits, no -0."""
    c = coefficient(r, e)
    if e >= 0:
        return str(c * 10 ** e)
    sign, digits = ("-" if c < 0 else ""), str(abs(c)).rjust(1 - e, "0")
    return sign + digits[:e] + "." + digits[e:]


def round_value(x, inexact, mode, e):
    """(expected, flags) for the exact value x (or its sticky stand-in)."""
    if x != 0 and x.adjusted() - e >= MAX_DIGITS:
        return "!ERANGE", "-"  # |x| >= 10^(e+36): at least 37 digits at 10^e
    r = round_at(x, mode, e)
    if len(str(abs(coefficient(r, e)) * 10 ** max(e, 0))) > MAX_DIGITS:
        return "!ERANGE", "-"
    return text_at(r, e), ("rounded" if inexact or r != x else "-")


def round_row(text, mode, quantum, source=SRC):
    e = quantum_exp(quantum)
    if mode not in MODES or e is None:
        want = ("!EINVAL", "-")
    elif not is_decimal(text):
        want = ("!EDECIMAL", "-")
    else:
        want = round_value(D(text), False, mode, e)
    return [text, mode, quantum, want[0], want[1], source]


def arith_row(op, a, b, mode, quantum, source=SRC):
    assert is_decimal(a) and is_decimal(b) and mode in MODES, (op, a, b, mode)
    e = quantum_exp(quantum)
    assert e is not None, quantum
    A, B = D(a), D(b)
    if op == "div" and B == 0:
        want = ("!EDIVZERO", "-")
    else:
        x, inexact = exact_op(op, A, B)
        if op in ("add", "sub"):
            assert not inexact
            if abs(int(x.scaleb(max(scale_of(a), scale_of(b))))) >= I128:
                want = ("!ERANGE", "-")
            else:
                want = round_value(x, False, mode, e)
        else:
            want = round_value(with_sticky(x, inexact), inexact, mode, e)
    return [op, a, b, mode, quantum, want[0], want[1], source]


# ------------------------------------------------------------------- parse
def parse_cases():
    z = "0"
    n36 = "123456789012345678901234567890123456"
    cases = [
        ("0", "zero"), ("-0", "negative zero has no sign"), ("-0.00", "negative zero keeps its scale"),
        ("-0.000000000000000000", "negative zero, 18 fraction digits"),
        ("0.000000000000000000", "zero with 18 fraction digits"), ("000", "leading zeros"),
        ("-00", "negative leading zeros"), ("007.50", "leading zeros stripped, scale kept"),
        ("-000.50", "negative, leading zeros stripped"), ("00.10", "leading zeros before the point"),
        ("1.50", "trailing fraction zero kept"), ("1.000", "trailing fraction zeros kept"),
        ("10", "integer with trailing zero"), ("100.00", "integer value with scale"),
        ("27549", "integer"), ("-27549.1", "negative"), ("0.5", "fraction"), ("-0.5", "negative fraction"),
        ("9223372036854775807", "int64 max"), ("9223372036854775808", "int64 max + 1"),
        ("-9223372036854775809", "below int64 min"),
        ("0.000000000000000001", "exactly 18 fraction digits"),
        ("-0.000000000000000001", "negative, 18 fraction digits"),
        ("0.0000000000000000001", "19 fraction digits"), ("1.0000000000000000000", "19 fraction digits, zeros"),
        ("1." + "0" * 18, "18 fraction zeros"),
        ("9" * 36, "exactly 36 significant digits"), ("9" * 37, "37 significant digits"),
        ("1" + "0" * 36, "37 digits (10^36)"), ("-" + "9" * 36, "negative, 36 digits"),
        ("-" + "9" * 37, "negative, 37 digits"),
        (n36[:18] + "." + n36[18:], "36 digits across the point"),
        ("1" + n36[:18] + "." + n36[18:], "37 digits across the point"),
        ("1" + "0" * 18 + "." + "0" * 18, "37 digits: trailing fraction zeros count (scale kept)"),
        ("1" + "0" * 17 + "." + "0" * 18, "36 digits with trailing fraction zeros"),
        ("0" * 28 + "9" * 36, "exactly 64 characters (leading zeros do not count as digits)"),
        ("0" * 29 + "9" * 36, "65 characters, otherwise valid"),
        ("-" + "0" * 27 + "9" * 36, "exactly 64 characters with the sign"),
        ("-" + "0" * 28 + "9" * 36, "65 characters with the sign"),
        ("0" * 27 + "9" * 18 + "." + "9" * 18, "exactly 64 characters with a fraction"),
        ("0" * 28 + "9" * 18 + "." + "9" * 18, "65 characters with a fraction"),
        ("0" * 64, "64 zeros"), ("0" * 65, "65 zeros"),
        ("0" * 62 + ".5", "64 characters, leading zeros and a fraction"),
        ("0" * 100, "100 characters"), ("1" * 300, "300 characters"),
        ("0.123456789012345678", "18 digits after 0."),
        ("", "empty string"), (" ", "a space"), (" 1", "leading space"), ("1 ", "trailing space"),
        ("1 000", "inner space"), ("1. 5", "space after the point"), ("- 1", "space after the minus"),
        ("\t1", "leading tab"), ("1\t", "trailing tab"), ("1\n", "trailing newline"), ("\n", "newline"),
        ("1e3", "exponent"), ("1E3", "exponent, upper case"), ("1e-3", "negative exponent"),
        ("0.5e-1", "exponent after a fraction"), ("1.5E+2", "signed exponent"),
        ("NaN", "NaN"), ("nan", "nan"), ("-NaN", "negative NaN"), ("sNaN", "signalling NaN"),
        ("inf", "inf"), ("-inf", "-inf"), ("Inf", "Inf"), ("Infinity", "Infinity"),
        (".5", "no integer part"), ("-.5", "minus, no integer part"), ("1.", "no fraction digits"),
        ("-1.", "negative, no fraction digits"), (".", "lone point"), ("-", "lone minus"),
        ("+1", "plus sign"), ("+0", "plus zero"), ("--1", "double minus"), ("-+1", "minus plus"),
        ("1-", "trailing minus"), ("1.2.3", "two points"), ("1..2", "double point"),
        ("1,000", "thousands comma"), ("1,5", "decimal comma"), ("1_000", "underscore separator"),
        ("1'000", "apostrophe separator"), ("0x10", "hexadecimal"), ("0b1", "binary prefix"),
        ("1/2", "fraction"), ("¥100", "currency sign"), ("100元", "unit"), ("12%", "percent"),
        ("abc", "letters"), ("1a", "trailing letter"),
        ("\uff11\uff12", "full-width digits"), ("\uff11", "full-width one"),
        ("1\uff0e5", "full-width point"), ("\u0663", "Arabic-Indic digit"),
        ("\u0967\u0968", "Devanagari digits"), ("\u00b2", "superscript two"),
        ("1\u00a0000", "no-break space"), ("1\u3000", "ideographic space"),
        ("\ufeff1", "byte-order mark"), ("1\u200b", "zero-width space"),
        ("\u22121", "unicode minus sign"), ("\u20121", "figure dash"), ("\uff0d1", "full-width hyphen-minus"),
        ("一", "Chinese numeral"), ("1\u00b75", "middle dot as point"),
    ]
    g = Lcg(2021)
    for i in range(40):
        ip = str(g.below(10 ** (1 + g.below(17))))
        fp = g.digits(g.below(19))
        s = ("-" if g.below(10) < 3 else "") + z * g.below(4) + ip + ("." + fp if fp else "")
        cases.append((s, "generated"))
    return cases


def parse_rows():
    rows = []
    for s, why in parse_cases():
        want = canonical(s) if is_decimal(s) else "!EDECIMAL"
        rows.append([json.dumps(s, ensure_ascii=True), want, "%s: %s" % (SRC, why)])
    return ["input", "expected", "source"], rows


# ------------------------------------------------------------------- round
TIES = {  # an exact .5 at that quantum
    "0.01": ["2.345", "2.355", "0.005", "0.015", "1.125", "27549.995"],
    "0.1": ["1.25", "1.35", "0.05", "0.15", "2.45", "4775.55"],
    "1": ["0.5", "1.5", "2.5", "3.5", "27549.5", "4.50"],
    "10": ["5", "15", "25", "35", "27545", "105.0"],
}
NEAR = {  # ...4999 and ...5001 around the tie
    "0.01": ["2.3449999", "2.3450001", "0.004999999999999999", "0.005000000000000001"],
    "0.1": ["1.2499999999", "1.2500000001", "0.04999", "0.05001"],
    "1": ["2.4999999999999999", "2.500000000000000001", "0.49999", "0.50001"],
    "10": ["14.999999999", "15.000000001", "24.999", "25.001"],
}
ON_QUANTUM = ["0", "0.00", "1.00", "27549", "-4775.50", "0.10", "100", "-10", "-0.00", "1.000000000000000000",
              "120", "-3450", "0.000"]
LARGE = ["9223372036854775807.5", "-9223372036854775808.5", "18446744073709551615.995",
         "-18446744073709551616.005", "123456789012345678901234.567", "-123456789012345678901234.565",
         "99999999999999999999999999999999.995", "999999999999999999999999999999999.95",
         "9999999999999999999999999999999999.5", "99999999999999999999999999999999995",
         "999999999999999999999999999999999999", "-999999999999999999999999999999999999",
         "170141183460469231731687303715884105", "12345678901234567.890123456789012345"]
FRAC18 = ["0.000000000000000005", "-0.000000000000000005", "0.000000000000000001", "1.234567890123456789",
          "-0.999999999999999999", "0.004999999999999999", "0.005000000000000000",
          "123456789012345678.123456789012345678", "-123456789012345678.500000000000000000"]
CARRY = ["1.01", "1.001", "1.004", "1.0049", "1.005", "1.0001", "1.1", "1.10", "1.19", "1.95", "1.96",
         "-1.004", "-1.005", "-1.01", "12.34", "12.304", "12.305", "0.04", "0.05", "-0.04", "3856.86",
         "3856.80", "3856.804", "3856.805"]
EXTREME = [("1.234567890123456789", "0.000000000000000001"), ("1.234567890123456789", "0.00000000000000001"),
           ("0.000000000000000005", "0.00000000000000001"), ("-0.000000000000000015", "0.00000000000000001"),
           ("1.5", "1000000"), ("2500000", "1000000"), ("-3500000", "1000000"), ("499999.99", "1000000"),
           ("500000", "1000000"), ("-500000.000000000000000001", "1000000"), ("0", "1000000"),
           ("999999999999999999999999999999999999", "1000000"), ("0.12345", "0.0001"),
           ("27549.125", "0.001"), ("-4775.0005", "0.001"), ("55", "100"), ("-150", "100"), ("1050", "1000"),
           ("250000", "100000"), ("25000", "10000")]


def round_rows():
    rows = []
    for q, values in TIES.items():
        for v in values:
            for x in (v, "-" + v):
                for mode in MODES:
                    rows.append(round_row(x, mode, q, SRC + ": tie at the quantum"))
    for q, values in NEAR.items():
        for v in values:
            for x in (v, "-" + v):
                for mode in MODES:
                    rows.append(round_row(x, mode, q, SRC + ": near tie"))
    for x in ON_QUANTUM:
        for mode in MODES:
            for q in QUANTA:
                rows.append(round_row(x, mode, q, SRC + ": value on or off the quantum"))
    for x in LARGE + FRAC18:
        for mode in MODES:
            for q in QUANTA:
                why = "beyond int64 / GMP path" if x in LARGE else "18 fraction digits"
                rows.append(round_row(x, mode, q, SRC + ": " + why))
    for x in CARRY:
        for q in ("0.1", "1"):
            rows.append(round_row(x, "carry", q, CARRY_SRC))
    for x, q in EXTREME:
        for mode in MODES:
            rows.append(round_row(x, mode, q, SRC + ": extreme quanta"))
    g = Lcg(27)
    for _ in range(60):
        ip = str(g.below(10 ** (1 + g.below(20))))
        fp = g.digits(g.below(19))
        x = ("-" if g.below(2) else "") + ip + ("." + fp if fp else "")
        q = g.pick(["0.000000000000000001", "0.000001", "0.001", "0.01", "0.1", "1", "10", "1000", "1000000"])
        rows.append(round_row(x, g.pick(MODES), q, SRC + ": generated"))
    rows += [
        round_row("1", "half_up", "0.010", SRC + ": quantum 0.010 is 10^-2"),
        round_row("2.345", "half_up", "0.010", SRC + ": quantum 0.010 is 10^-2"),
        round_row("2.345", "half_even", "01", SRC + ": quantum 01 is 1"),
        round_row("1234567.5", "half_up", "1000000.000000000000000000", SRC + ": quantum 10^6 with scale"),
        round_row("1", "half_up", "0.02", "a quantum is a power of ten"),
        round_row("1", "half_up", "5", "a quantum is a power of ten"),
        round_row("1", "half_up", "0", "a quantum is positive"),
        round_row("1", "half_up", "-0.01", "a quantum is positive"),
        round_row("1", "half_up", "10000000", "quantum above 10^6"),
        round_row("1", "half_up", "0.0000000000000000001", "quantum below 10^-18"),
        round_row("1", "half_up", "1e-2", "quantum is a decimal string"),
        round_row("1", "half_up", "", "empty quantum"),
        round_row("1", "sideways", "0.01", "unknown mode"),
        round_row("1", "HALF_UP", "0.01", "mode names are lower case"),
        round_row("1", "", "0.01", "empty mode"),
        round_row("1e3", "sideways", "0.01", "mode and quantum are checked before the input"),
        round_row("1e3", "half_up", "0.01", "invalid input"),
        round_row(".5", "down", "1", "invalid input"),
        round_row("", "up", "1", "invalid input"),
        round_row("9" * 37, "down", "10", "invalid input: 37 digits"),
        round_row("0.0000000000000000001", "down", "1", "invalid input: 19 fraction digits"),
    ]
    return ["input", "mode", "quantum", "expected", "flags", "source"], rows


# ------------------------------------------------------------------- arith
OPS = ["add", "sub", "mul", "div"]
MONEY = [("27549", "0.14"), ("27549", "0.08"), ("5510", "0.0048"), ("15000", "0.0030"), ("9493", "1.2345"),
         ("4775.5", "0.02"), ("-4775", "0.08"), ("180000", "138.4"), ("12345.67", "0.002"), ("0.1", "0.2"),
         ("1", "3"), ("2", "3"), ("-2", "3"), ("10", "4"), ("-10", "-4"), ("1", "-8"), ("2.34", "0.005"),
         ("0", "7.5"), ("-1.50", "1.50")]
BOUNDARY = [  # (op, a, b, why)
    ("add", "9223372036854775807", "1", "crosses int64 max"),
    ("sub", "-9223372036854775808", "1", "crosses int64 min"),
    ("add", "9223372036854775807.5", "0.5", "crosses int64 max with a fraction"),
    ("mul", "4294967296", "4294967296", "2^64: crosses int64"),
    ("mul", "3037000500", "3037000500", "just above 2^63"),
    ("mul", "9223372036854775807", "2", "crosses int64"),
    ("mul", "-9223372036854775808", "9223372036854775808", "-2^126: int128 range"),
    ("mul", "9223372036854775807", "9223372036854775807", "fits int128, 38 digits"),
    ("mul", "9223372036854775807", "0.0000000001", "int64 times a small rate"),
    ("mul", "9223372036854775808", "18446744073709551616", "2^127: overflows int128 (GMP), 39 digits"),
    ("mul", "9223372036854775808", "18446744073709551.616", "2^127 coefficient (GMP), 36 digits back"),
    ("mul", "9223372036854775808", "-1844674407370955161.6", "-2^127 coefficient, 38 digits at 0.1"),
    ("mul", "9223372036854775808", "-18446744073709551616", "-2^127: the most negative int128"),
    ("mul", "18446744073709551616", "18446744073709551616", "2^128 (GMP)"),
    ("mul", "123456789012345678.123456789", "0.123456789012345678", "coefficient product > 2^127 (GMP)"),
    ("mul", "12345678901234567.890123456789012345", "1.000000000000000001", "54-digit product (GMP)"),
    ("mul", "999999999999999999999999999999999999", "999999999999999999999999999999999999",
     "72-digit product"),
    ("mul", "999999999999999999.999999999999999999", "0.000000000000000001", "scale 36 product"),
    ("mul", "0.000000000000000001", "0.000000000000000001", "10^-36 rounds to zero"),
    ("mul", "-0.000000000000000005", "0.1", "tiny negative product"),
    ("mul", "99999999999999999999999999999999999.9", "10", "36 digits exactly"),
    ("mul", "999999999999999999999999999999999999", "-1", "negative 36 digits"),
    ("add", "170141183460469231731687303715884105", "0.727", "exact sum 2^127-1 fits int128"),
    ("add", "170141183460469231731687303715884105", "0.728", "exact sum 2^127 overflows int128"),
    ("sub", "-170141183460469231731687303715884105", "0.727", "exact difference -(2^127-1)"),
    ("sub", "-170141183460469231731687303715884105", "0.728", "exact difference -2^127 (|c| < 2^127 required)"),
    ("sub", "-170141183460469231731687303715884105", "0.729", "exact difference beyond -2^127"),
    ("add", "170141183460469231731687303715884106", "-0.273",
     "aligned operand overflows int128, exact sum 2^127-1 fits"),
    ("sub", "-170141183460469231731687303715884106", "-0.273",
     "aligned operand overflows int128, exact difference -(2^127-1) fits"),
    ("add", "999999999999999999.999999999999999999", "0.000000000000000001",
     "exact sum of 37 digits fits int128"),
    ("add", "999999999999999999999999999999999999", "1", "10^36: 37 digits"),
    ("sub", "-999999999999999999999999999999999999", "1", "-10^36: 37 digits"),
    ("add", "999999999999999999999999999999999998", "1", "36 digits exactly"),
    ("add", "123456789012345678901234567890123456", "0.000000000000000001", "exact sum of 54 digits"),
    ("sub", "99999999999999999999.99", "99999999999999999.99", "large difference"),
    ("add", "99999999999999999999.99", "99999999999999999.99", "large sum"),
    ("div", "999999999999999999.999999999999999999", "333333333333333333.333333333333333333",
     "exact quotient 3 (GMP)"),
    ("div", "12345678901234567890.1234567890123456", "98765432109876543210.9876543210987654",
     "36-digit operands (GMP)"),
    ("div", "123456789012345678.123456789012345678", "0.0003", "scaled dividend overflows int128 (GMP)"),
    ("div", "999999999999999999999999999999999999", "0.1", "quotient 10^37"),
    ("div", "999999999999999999999999999999999999", "10", "quotient of 35 digits and a fraction"),
    ("div", "1", "0.000000000000000001", "quotient 10^18"),
    ("div", "1", "3", "non-terminating"),
    ("div", "2", "3", "non-terminating, rounds up"),
    ("div", "-1", "7", "negative non-terminating"),
    ("div", "1", "-0.000000000000000003", "negative, large"),
    ("div", "0.000000000000000001", "999999999999999999999999999999999999", "tiny quotient"),
    ("div", "9223372036854775807", "0.5", "crosses int64"),
    ("div", "-170141183460469231731687303715884105", "-0.7", "quotient above 2^127"),
    ("div", "5", "0.2", "exact quotient"),
    ("div", "0", "-3", "zero over negative: no negative zero"),
    ("div", "1", "0", "division by zero"),
    ("div", "0", "0", "zero by zero"),
    ("div", "-27549.5", "0.00", "division by zero with scale"),
    ("div", "999999999999999999999999999999999999", "-0", "division by negative zero"),
]
ARITH_QUANTA = [("half_up", "0.01"), ("half_even", "0.01"), ("down", "1"), ("up", "0.1"), ("carry", "0.1"),
                ("half_even", "10"), ("half_up", "0.000000000000000001"), ("carry", "1")]


def arith_rows():
    rows = []
    for a, b in MONEY:
        for op in OPS:
            for mode, q in ARITH_QUANTA[:5]:
                rows.append(arith_row(op, a, b, mode, q))
    for op, a, b, why in BOUNDARY:
        for mode, q in ARITH_QUANTA:
            rows.append(arith_row(op, a, b, mode, q, SRC + ": " + why))
    for mode in MODES:  # a computed tie at every quantum, both signs
        for op, a, b, q in [("add", "2.34", "0.005", "0.01"), ("sub", "-2.34", "0.005", "0.01"),
                            ("mul", "0.5", "0.5", "0.1"), ("mul", "-0.5", "0.5", "0.1"),
                            ("div", "5", "2", "1"), ("div", "-5", "2", "1"), ("mul", "7.5", "2", "10"),
                            ("div", "-15", "-1", "10"), ("mul", "3856.80", "1.00125", "0.1")]:
            rows.append(arith_row(op, a, b, mode, q, SRC + ": computed tie"))
    g = Lcg(14)
    for _ in range(80):
        def operand():
            ip = str(g.below(10 ** (1 + g.below(19))))
            fp = g.digits(g.below(19))
            return ("-" if g.below(3) == 0 else "") + ip + ("." + fp if fp else "")
        mode, q = g.pick(MODES), g.pick(["0.000000000000000001", "0.0001", "0.01", "0.1", "1", "10", "1000000"])
        rows.append(arith_row(g.pick(OPS), operand(), operand(), mode, q, SRC + ": generated"))
    return ["op", "a", "b", "mode", "quantum", "expected", "flags", "source"], rows


# ------------------------------------------------------------------- files
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "tests", "vectors", "decimal")


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
        f.write("# Generated by tools/gen_decimal_vectors.py (Python decimal, 60 digits); "
                "do not edit by hand.\n")
        f.write("\t".join(header) + "\n")
        for r in rows:
            assert all("\t" not in c and "\n" not in c for c in r), r
            f.write("\t".join(r) + "\n")
    return len(rows)


def main():
    n = [write("parse.tsv", *parse_rows()), write("round.tsv", *round_rows()),
         write("arith.tsv", *arith_rows())]
    print("parse %d, round %d, arith %d rows" % tuple(n))


if __name__ == "__main__":
    main()
