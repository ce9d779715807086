#!/usr/bin/env python3
"""Generate the decimal test vectors (tests/vectors/decimal/*.tsv).

The oracle is Python's `decimal` module at 80 digits of precision, independent
of libsi's C code.  The rules it encodes (docs/architecture.md):

- syntax -?[0-9]+(\\.[0-9]+)?, at most 64 characters, 18 fraction digits and 36
  significant digits (leading integer zeros do not count);
- canonical form: no leading integer zeros, the scale kept, no negative zero;
- rounding to a quantum 10^-18 … 10^6 in the modes half_up (ties away from
  zero), half_even, down (toward zero), up (away from zero) and carry
  (Shanghai 分进角, 沪人社规〔2021〕27号 as quoted in guangdong-rules A4.6:
  half-up one digit finer, then up at the quantum);
- the result has exactly the quantum's fraction digits; flag `rounded` iff the
  value changed; a result with more than 36 digits is !ERANGE; x/0 is !EDIVZERO.

    python3 tools/gen_decimal_vectors.py [OUTDIR]
"""
import decimal
import json
import os
import random
import sys
from decimal import Decimal as D

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), "..", "tests", "vectors", "decimal")
ctx = decimal.Context(prec=80, traps=[decimal.InvalidOperation])
decimal.setcontext(ctx)
SRC = "python-decimal (tools/gen_decimal_vectors.py)"
MODES = {"half_up": decimal.ROUND_HALF_UP, "half_even": decimal.ROUND_HALF_EVEN,
         "down": decimal.ROUND_DOWN, "up": decimal.ROUND_UP}


# ---------------------------------------------------------------- parse
def valid(s):
    if not s or len(s) > 64:
        return False
    body = s[1:] if s.startswith("-") else s
    if not body:
        return False
    ip, dot, fp = body.partition(".")
    if not ip or not all("0" <= c <= "9" for c in ip):
        return False
    if dot and (not fp or not all("0" <= c <= "9" for c in fp)):
        return False
    if len(fp) > 18:
        return False
    return len((ip + fp).lstrip("0")) <= 36  # digits of the stored coefficient


def canonical(s):
    neg = s.startswith("-")
    body = s[1:] if neg else s
    ip, _, fp = body.partition(".")
    ip = ip.lstrip("0") or "0"
    text = ip + ("." + fp if fp else "")
    if neg and set((ip + fp).replace("0", "")) != set():
        text = "-" + text
    return text


def parse_rows():
    cases = [
        ("0", "zero"), ("-0", "negative zero"), ("-0.00", "negative zero keeps scale"),
        ("000", "leading zeros"), ("007.50", "leading zeros, scale kept"), ("1.50", "trailing zero kept"),
        ("27549", "integer"), ("-27549.1", "negative"), ("0.000000000000000001", "18 fraction digits"),
        ("0.0000000000000000001", "19 fraction digits"), ("1." + "0" * 18, "18 zeros"),
        ("9" * 36, "36 significant digits"), ("9" * 37, "37 significant digits"),
        ("0" * 28 + "9" * 36, "64 characters, leading zeros do not count"),
        ("0" * 29 + "9" * 36, "65 characters"), ("-" + "9" * 36, "negative 36 digits"),
        ("123456789012345678.123456789012345678", "36 digits across the point"),
        ("1234567890123456789.123456789012345678", "37 digits across the point"),
        ("0.123456789012345678", "18 digits after 0."),
        ("", "empty"), (" ", "space"), (" 1", "leading space"), ("1 ", "trailing space"),
        ("1 000", "inner space"), ("1e3", "exponent"), ("1E3", "exponent"), ("NaN", "NaN"),
        ("nan", "nan"), ("inf", "inf"), ("-inf", "-inf"), ("Infinity", "Infinity"), (".5", "no integer part"),
        ("1.", "no fraction digits"), ("+1", "plus sign"), ("--1", "double minus"), ("-", "lone minus"),
        (".", "lone point"), ("1.2.3", "two points"), ("1,000", "comma"), ("1_000", "underscore"),
        ("0x10", "hex"), ("１２", "full-width digits"), ("1\t", "tab"), ("1\n", "newline"),
        ("-.5", "minus point"), ("- 1", "minus space"), ("1-", "trailing minus"), ("¥100", "currency"),
        ("100元", "unit"), ("1/2", "fraction"), ("0.5e-1", "exponent in fraction"), ("٣", "Arabic-Indic digit"),
        ("1\u00a0000", "no-break space"), ("\u20121", "figure dash"), ("−1", "unicode minus"),
    ]
    rng = random.Random(2)
    for i in range(40):
        ip = str(rng.randint(0, 10 ** rng.randint(1, 17)))
        fp = "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 18)))
        s = ("-" if rng.random() < 0.3 else "") + "0" * rng.randint(0, 3) + ip + ("." + fp if fp else "")
        cases.append((s, "random"))
    rows = []
    for s, why in cases:
        exp = canonical(s) if valid(s) else "!EDECIMAL"
        rows.append([json.dumps(s, ensure_ascii=False), exp, "%s: %s" % (SRC, why)])
    return ["input", "expected", "source"], rows


# ---------------------------------------------------------------- round
def fmt(v, exp):
    """Value v (a Decimal on the quantum 10^exp) with exactly max(0, -exp) decimals."""
    q = D(1).scaleb(exp)
    v = v.quantize(q if exp < 0 else D(1), rounding=decimal.ROUND_HALF_EVEN)
    text = format(v, "f")
    if text.startswith("-") and D(text) == 0:
        text = text[1:]
    return text


def digits_of(text):
    t = text.lstrip("-").replace(".", "").lstrip("0")
    return len(t)


def round_to(x, mode, exp):
    q = D(1).scaleb(exp)
    if mode == "carry":
        finer = x.quantize(D(1).scaleb(exp - 1), rounding=decimal.ROUND_HALF_UP)
        return finer.quantize(q, rounding=decimal.ROUND_UP) if exp <= 0 else \
            (finer / q).to_integral_value(rounding=decimal.ROUND_UP) * q
    if exp <= 0:
        return x.quantize(q, rounding=MODES[mode])
    return (x / q).to_integral_value(rounding=MODES[mode]) * q


def round_input(text, mode, quantum):
    """Rounding a parsed input: invalid text is !EDECIMAL."""
    return round_result(D(text), mode, quantum) if valid(text) else ("!EDECIMAL", "-")


def round_result(x, mode, quantum):
    exp = D(quantum).adjusted()
    r = round_to(x, mode, exp)
    text = fmt(r, exp)
    if digits_of(text) > 36 and D(text) != 0:
        return "!ERANGE", "-"
    return text, ("rounded" if r != x else "-")


QUANTA = ["0.01", "0.1", "1", "10"]


def round_rows():
    rows = []
    ties = ["2.345", "2.355", "-2.345", "-2.355", "0.005", "-0.005", "0.015", "-0.015",
            "1.25", "1.35", "-1.25", "0.05", "-0.05", "2.5", "3.5", "-2.5", "-3.5", "0.5", "-0.5",
            "15", "25", "-15", "-25", "5", "-5", "125", "135"]
    near = ["2.3449999", "2.3450001", "-2.3449999", "-2.3450001", "0.0049999999999999",
            "1.2499999999", "1.2500000001", "24.999999", "25.000001", "0.001", "-0.001", "0.009",
            "1.001", "1.0004", "1.0005", "-1.0005", "0.0001", "99.995", "99.9949", "-99.995"]
    exact = ["0", "1.00", "27549", "-4775.50", "0.10", "100", "-10", "0.00"]
    big = ["123456789012345678901234.567", "-123456789012345678901234.565",
           "99999999999999999999999999999999.995", "999999999999999999999999999999999999",
           "170141183460469231731687303715884105.7", "17014118346046923173168730371588410.5", "0.000000000000000005",
           "-0.000000000000000005", "12345678901234567.890123456789012345"]
    for x in ties + near + exact + big:
        for mode in ["half_up", "half_even", "down", "up", "carry"]:
            for q in QUANTA:
                if x in big and q in ("0.1", "10"):
                    continue
                exp_text, flags = round_input(x, mode, q)
                rows.append([x, mode, q, exp_text, flags, SRC])
    for x, q in [("1.234567890123456789", "0.000000000000000001"), ("1.5", "1000000"),
                 ("2500000", "1000000"), ("-3500000", "1000000"), ("0.12345", "0.0001")]:
        for mode in ["half_up", "half_even", "down", "up", "carry"]:
            e, f = round_input(x, mode, q)
            rows.append([x, mode, q, e, f, SRC + ": extreme quanta"])
    for x, mode, q in [("1.01", "carry", "0.1"), ("1.004", "carry", "0.1"), ("1.005", "carry", "0.1"),
                       ("-1.01", "carry", "0.1")]:
        e, f = round_input(x, mode, q)
        rows.append([x, mode, q, e, f, "Shanghai 分进角 (沪人社规〔2021〕27号 as quoted, guangdong-rules A4.6)"])
    rows.append(["1", "half_up", "0.02", "!EINVAL", "-", "a quantum is a power of ten"])
    rows.append(["1", "sideways", "0.01", "!EINVAL", "-", "unknown mode"])
    rows.append(["1e3", "half_up", "0.01", "!EDECIMAL", "-", "invalid input"])
    return ["input", "mode", "quantum", "expected", "flags", "source"], rows


# ---------------------------------------------------------------- arith
def arith_rows():
    rows = []
    pairs = [("27549", "0.14"), ("27549", "0.08"), ("5510", "0.0048"), ("15000", "0.0030"),
             ("9493", "1.2345"), ("0.1", "0.2"), ("-4775", "0.08"), ("180000", "138.4"),
             ("12345.67", "0.002"), ("1", "3"), ("2", "3"), ("-2", "3"), ("10", "4"),
             ("99999999999999999999.99", "99999999999999999.99"),
             ("123456789012345678.123456789", "0.123456789012345678"),
             ("9223372036854775807", "9223372036854775807"),
             ("170141183460469231731687303715884105.727", "1"),
             ("0.000000000000000001", "0.000000000000000001"),
             ("999999999999999999999999999999999999", "999999999999999999999999999999999999"),
             ("5", "0")]
    for a, b in pairs:
        for op in ["add", "sub", "mul", "div"]:
            for mode, q in [("half_up", "0.01"), ("half_even", "0.01"), ("down", "1"), ("up", "0.1")]:
                A, B = D(a), D(b)
                if op == "div" and B == 0:
                    rows.append([op, a, b, mode, q, "!EDIVZERO", "-", SRC])
                    continue
                if not valid(a) or not valid(b):
                    continue
                x = {"add": A + B, "sub": A - B, "mul": A * B, "div": A / B if B else None}[op]
                if op in ("add", "sub") and digits_of(format(x, "f")) > 36:
                    rows.append([op, a, b, mode, q, "!ERANGE", "-", SRC + ": exact sum too long"])
                    continue
                if op == "div":
                    x = ctx.divide(A, B)
                    exact_ratio = (A, B)
                e, f = round_result(x, mode, q)
                if op == "div" and e[0] != "!":
                    # an 80-digit quotient is exact enough to decide every tie except
                    # exact ones, which are representable: recheck the flag exactly
                    f = "rounded" if D(e) * B != A else "-"
                rows.append([op, a, b, mode, q, e, f, SRC])
    return ["op", "a", "b", "mode", "quantum", "expected", "flags", "source"], rows


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write("# Generated by tools/gen_decimal_vectors.py (Python decimal, 80 digits); "
                "do not edit by hand.\n")
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    return len(rows)


def main():
    n = [write("parse.tsv", *parse_rows()), write("round.tsv", *round_rows()),
         write("arith.tsv", *arith_rows())]
    print("parse %d, round %d, arith %d rows" % tuple(n))


if __name__ == "__main__":
    main()
