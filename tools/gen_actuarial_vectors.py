#!/usr/bin/env python3
"""Generate the actuarial test vectors from an independent oracle:

  tests/vectors/actuarial/factors.tsv   life expectancy, annuity and insurance
      factors of the CL5/CL6 tables (中国人身保险业经验生命表（2010－2013）, the
      pension-business tables 养老类业务表, guangdong-rules G2) at 2.5 % and 3 %
      for ages 50–70: whole life, temporary, deferred, annual and monthly, due
      and immediate, level and indexed, UDD and constant force, improvement;
  tests/vectors/actuarial/survival.tsv  t p_y at fractional ages and l_y.

The oracle is written from the definitions in docs/actuarial.md, not from
libsi's code: a survival function S(t) = t p_x built year by year, and each
factor summed over its payment times.  Arithmetic is exact (fractions.Fraction)
wherever the quantity is rational — annual factors, UDD survival, integer
powers; the irrational pieces (v^(j/m), p^s, log p) come from the decimal
module at 120 digits and make the value inexact, then the script asserts that
the value is more than 10^-60 of a quantum away from a rounding tie, so the
rounding below is certain.  Each result is rounded once, half-even, to the
stated decimals: libsi's rule `actuarial_factor`.  Standard library only.

usage: gen_actuarial_vectors.py [OUTPUT_DIR]
"""
import decimal
import os
import sys
from fractions import Fraction as F

D = decimal.Decimal
decimal.getcontext().prec = 120
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "tests", "vectors", "actuarial")
TABLES = os.path.join(HERE, "..", "data", "mortality", "cl2010_2013_qx.tsv")
SOURCE = ("oracle tools/gen_actuarial_vectors.py (fractions + decimal-120); "
          "中国人身保险业经验生命表（2010－2013） (guangdong-rules G2)")


def read_table(column):
    rows = [l.rstrip("\n").split("\t") for l in open(TABLES, encoding="utf-8")
            if l.strip() and not l.startswith("#")]
    c = rows[0].index(column)
    return {int(r[0]): F(r[c]) for r in rows[1:]}


class Value:
    """A number and whether it is exact."""

    def __init__(self, v, exact=True):
        self.v, self.exact = F(v), exact

    def __add__(self, o):
        return Value(self.v + o.v, self.exact and o.exact)

    def __sub__(self, o):
        return Value(self.v - o.v, self.exact and o.exact)

    def __mul__(self, o):
        return Value(self.v * o.v, self.exact and o.exact)

    def __truediv__(self, o):
        return Value(self.v / o.v, self.exact and o.exact)


def to_decimal(x):
    return D(x.numerator) / D(x.denominator)


_POWERS = {}


def power(base, expo):
    """base^expo for a rational base > 0 and a rational exponent."""
    if expo.denominator == 1 or base == 1:
        return Value(base ** int(expo) if expo.denominator == 1 else 1)
    key = (base, expo)
    if key not in _POWERS:
        _POWERS[key] = Value(F((to_decimal(base).ln() * to_decimal(expo)).exp()), False)
    return _POWERS[key]


class Basis:
    def __init__(self, column, fraction="udd", s=F(0), kind="cohort", years=0):
        self.q, self.fraction, self.s, self.kind, self.years = read_table(column), fraction, s, kind, years
        self.first, self.last = min(self.q), max(self.q)
        self.cache = {}

    def q_of(self, origin, age):
        """q of the year of age `age` met by the cohort aged `origin` at the valuation."""
        if age == self.last or self.s == 0:
            return self.q[age]
        n = self.years + (age - origin if self.kind == "cohort" else 0)
        return self.q[age] * (1 - self.s) ** n

    def within(self, origin, age, f):
        """f p_age for 0 <= f < 1 (the closing year q = 1 is taken under UDD)."""
        q = self.q_of(origin, age)
        if self.fraction == "udd" or q == 1:
            return Value(1 - f * q)
        return power(1 - q, f)

    def survival(self, origin, start, t):
        """l(start + t) / l(start) for the cohort aged `origin` (start >= origin)."""
        return self.l(origin, start + t) / self.l(origin, start)

    def l(self, origin, z):
        """l(z) / l(origin): whole years of age, then the part of the last one."""
        k = int(z)
        if k > self.last:
            return Value(0)
        key = (origin, k)
        if key not in self.cache:    # k p_origin = Π_{a<k} (1 − q_a), exact
            v = Value(1)
            for a in range(origin, k):
                v = v * Value(1 - self.q_of(origin, a))
            self.cache[key] = v
        v = self.cache[key]
        return v * self.within(origin, k, z - k) if z != k else v


def discount(i, t):
    """v^t = v^⌊t⌋ × v^(t − ⌊t⌋), v = 1 / (1 + i)."""
    whole = t.numerator // t.denominator
    return Value((1 / (1 + i)) ** whole) * power(1 / (1 + i), t - whole)


def annuity(b, x, i, m=1, term=0, defer=0, due=True, g=F(0)):
    total = Value(0)
    years = (b.last + 1 - x - defer) if term == 0 else term
    for s in range(defer * m, (defer + years) * m):
        t = F(s, m) if due else F(s + 1, m)
        if t > b.last + 1 - x:
            break
        amount = (1 + g) ** (s // m - defer)
        total = total + Value(amount / m) * discount(i, t) * b.survival(x, x, t)
    return total


def insurance(b, x, i, m=1, term=0, defer=0, g=F(0), kind="death"):
    total = Value(0)
    years = (b.last + 1 - x - defer) if term == 0 else term
    if kind != "pure_endowment":
        for s in range(defer * m, (defer + years) * m):
            if F(s, m) >= b.last + 1 - x:
                break
            dies = b.survival(x, x, F(s, m)) - b.survival(x, x, F(s + 1, m))
            total = total + Value((1 + g) ** (s // m - defer)) * discount(i, F(s + 1, m)) * dies
    if kind != "death":
        end = defer + term
        total = total + Value((1 + g) ** term) * discount(i, F(end)) * b.survival(x, x, F(end))
    return total


def expectancy(b, x, complete):
    total = Value(0)
    for k in range(0, b.last + 1 - x):
        p_k = b.survival(x, x, F(k))
        if not complete:
            total = total + b.survival(x, x, F(k + 1))
            continue
        q = b.q_of(x, x + k)
        if b.fraction == "udd" or q == 1:
            lived = Value(1 - q / 2)
        elif q == 0:
            lived = Value(1)
        else:                        # ∫_0^1 p^s ds = (p − 1) / ln p
            lived = Value(F(to_decimal(-q) / to_decimal(1 - q).ln()), False)
        total = total + p_k * lived
    return total


def rounded(val, decimals):
    """Half-even to `decimals`, certain: an inexact value must be far from a tie."""
    scaled = val.v * 10 ** decimals
    base = scaled.numerator // scaled.denominator
    rest = scaled - base
    if not val.exact and abs(rest - F(1, 2)) < F(1, 10 ** 60):
        raise SystemExit("value too close to a rounding tie to decide: %s" % val.v)
    up = rest > F(1, 2) or (rest == F(1, 2) and base % 2 == 1)
    q = base + (1 if up else 0)
    text = str(q).rjust(decimals + 1, "0")
    return text if decimals == 0 else text[:-decimals] + "." + text[-decimals:]


# --------------------------------------------------------------- factors

HEADER = ["id", "in:table", "in:age", "in:interest", "in:growth", "in:frequency", "in:term",
          "in:deferral", "in:timing", "in:fractional_ages", "in:improvement", "in:insurance",
          "out:annuity_factor", "out:life_expectancy_curtate", "out:life_expectancy_complete",
          "out:insurance_factor", "error", "flags", "source"]

# name, m, term, deferral, due, fractional ages, growth, insurance kind, outputs checked
CASES = [
    ("annual-due", 1, 0, 0, True, "udd", "0", "death", "aecA"),
    ("monthly-due", 12, 0, 0, True, "udd", "0", "death", "aA"),
    ("annual-immediate", 1, 0, 0, False, "udd", "0", "death", "a"),
    ("monthly-immediate", 12, 0, 0, False, "udd", "0", "death", "a"),
    ("annual-due-t10", 1, 10, 0, True, "udd", "0", "death", "aA"),
    ("monthly-due-t10", 12, 10, 0, True, "udd", "0", "death", "a"),
    ("annual-due-d5", 1, 0, 5, True, "udd", "0", "death", "aA"),
    ("monthly-due-d5", 12, 0, 5, True, "udd", "0", "death", "a"),
    ("monthly-due-cf", 12, 0, 0, True, "constant_force", "0", "death", "acA"),
    ("annual-due-g2", 1, 0, 0, True, "udd", "0.02", "death", "aA"),
    ("monthly-due-g2", 12, 0, 0, True, "udd", "0.02", "death", "a"),
]

EXTRA = [  # at ages 50, 60, 70 and 3 %: improvement, endowments, a mixed case
    ("annual-due-s1", 1, 0, 0, True, "udd", "0", "death", "aecA", "0.01"),
    ("monthly-due-cf-s1", 12, 0, 0, True, "constant_force", "0", "death", "aecA", "0.01"),
    ("endowment-t10", 1, 10, 0, True, "udd", "0", "endowment", "A", "0"),
    ("pure-endowment-t10", 1, 10, 0, True, "udd", "0", "pure_endowment", "A", "0"),
    ("monthly-endowment-t10-d5-g2", 12, 10, 5, False, "udd", "0.02", "endowment", "aA", "0"),
]


def factor_row(tab, basis, x, i, case, improvement="0"):
    name, m, term, defer, due, fraction, g, kind, checks = case
    rate, growth = F(i), F(g)
    cells = {
        "a": lambda: annuity(basis, x, rate, m, term, defer, due, growth),
        "e": lambda: expectancy(basis, x, False),
        "c": lambda: expectancy(basis, x, True),
        "A": lambda: insurance(basis, x, rate, m, term, defer, growth, kind),
    }
    outs = [rounded(cells[c](), 6) if c in checks else "-" for c in "aecA"]
    return ["%s-%s-%d-%s" % (tab, i, x, name), tab, str(x), i, g,
            "annual" if m == 1 else "monthly", str(term), str(defer),
            "due" if due else "immediate", fraction, improvement, kind] + outs + ["-", "-", SOURCE]


def factor_rows():
    rows = []
    for tab in ("CL5", "CL6"):
        bases = {f: Basis(tab, f) for f in ("udd", "constant_force")}
        for i in ("0.025", "0.03"):
            for x in range(50, 71):
                rows += [factor_row(tab, bases[c[5]], x, i, c) for c in CASES]
        for x in (50, 60, 70):
            for c in EXTRA:
                rows.append(factor_row(tab, Basis(tab, c[5], F(c[9])), x, "0.03", c[:9], c[9]))
    return rows


BAD = [  # id, table, age, interest, insurance, term, expected error
    ("bad-table", "CL9", "60", "0.03", "death", "0", "!EINPUT:table"),  # the column, issue #12
    ("bad-age", "CL5", "106", "0.03", "death", "0", "!EINPUT:age"),
    ("bad-interest", "CL5", "60", "1.5", "death", "0", "!EINPUT:interest"),
    ("bad-interest-minus-one", "CL5", "60", "-1", "death", "0", "!EINPUT:interest"),
    ("bad-endowment-without-term", "CL5", "60", "0.03", "endowment", "0", "!EINPUT:term"),
]


def bad_rows():
    return [[rid, tab, age, i, "-", "annual", term, "0", "due", "udd", "0", kind,
             "-", "-", "-", "-", err, "-", "named error"]
            for rid, tab, age, i, kind, term, err in BAD]


# -------------------------------------------------------------- survival

SURVIVAL_HEADER = ["id", "kind", "table", "age", "arg", "fractional_ages", "improvement",
                   "improvement_kind", "improvement_years", "decimals", "expected", "source"]

POINTS = [("60", "1"), ("60", "25"), ("60.5", "10.25"), ("65.25", "0.5"), ("85.75", "3.5"),
          ("104.5", "0.25"), ("104.25", "1"), ("0", "50.5"), ("50", "0")]
SURVIVORS = ["0", "50", "60.5", "85.25", "105", "105.5", "106"]
IMPROVEMENTS = [("0", "cohort", 0), ("0.01", "cohort", 0), ("0.015", "period", 10),
                ("0.02", "cohort", 5)]


def survival_rows():
    rows = []
    for tab in ("CL5", "CL6"):
        for fraction in ("udd", "constant_force"):
            for s, kind, years in IMPROVEMENTS:
                b = Basis(tab, fraction, F(s), kind, years)
                for age, t in POINTS:
                    y = F(age)
                    v = b.survival(int(y), y, F(t))
                    rows.append(["%s-%s-s%s%s%d-p-%s-%s" % (tab, fraction, s, kind[0], years, age, t),
                                 "survival", tab, age, t, fraction, s, kind, str(years), "12",
                                 rounded(v, 12), SOURCE])
                for age in SURVIVORS:
                    v = Value(100000) * b.l(b.first, F(age))
                    rows.append(["%s-%s-s%s%s%d-l-%s" % (tab, fraction, s, kind[0], years, age),
                                 "survivors", tab, age, "100000", fraction, s, kind, str(years),
                                 "6", rounded(v, 6), SOURCE])
    return rows


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write("# Generated by tools/gen_actuarial_vectors.py; do not edit by hand.\n")
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(name, len(rows), "rows")


def main():
    write("factors.tsv", HEADER, factor_rows() + bad_rows())
    write("survival.tsv", SURVIVAL_HEADER, survival_rows())


if __name__ == "__main__":
    main()
