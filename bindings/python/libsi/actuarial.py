"""The actuarial API of libsi (``libsi/actuarial.h``) from Python: life tables
(the built-in 中国人身保险业经验生命表（2010－2013） CL1 … CL6, or the caller's),
survival probabilities and survivors, life expectancy, annuity and insurance
factors.  Every factor is computed by the C library with GNU MPFR and rounded
once, half-even, to `decimals`; it comes back as a :class:`decimal.Decimal`.
Decimal arguments (interest, growth, improvement, fractional ages) are
Decimal, int or str, never float.

::

    from libsi.actuarial import LifeTable, annuity, life_expectancy
    cl5 = LifeTable.builtin("CL5")
    annuity(cl5, 60, interest="0.025", frequency=12)      # Decimal('...')
    life_expectancy(cl5, 60, "complete")                  # Decimal('25.343574')

Thread safety: a LifeTable may be shared between threads; each call uses the
calling thread's :func:`libsi.default_context` unless `context=` is given.
"""

from __future__ import annotations

from ctypes import (POINTER, Structure, byref, c_char_p, c_int, c_size_t, c_uint, c_void_p,
                    sizeof)
from dataclasses import dataclass
from decimal import Decimal
from typing import Sequence

from ._native import lib
from .core import Context, _Owned, _utf8, default_context
from .types import to_text

_P = POINTER(c_void_p)

# The extensible structs gained a leading `size_t size` (issue #13, API 1.0):
# a library exporting libsi_actuarial_options_init has it.
_SIZED = hasattr(lib, "libsi_actuarial_options_init")
_SIZE = [("size", c_size_t)] if _SIZED else []


class _Options(Structure):
    """struct libsi_actuarial_options."""
    _fields_ = _SIZE + [("precision", c_uint), ("fractional_ages", c_int),
                        ("improvement", c_char_p), ("improvement_by_age", POINTER(c_char_p)),
                        ("improvement_count", c_size_t), ("improvement_years", c_int),
                        ("improvement_kind", c_int)]


class _AnnuitySpec(Structure):
    """struct libsi_annuity_spec."""
    _fields_ = _SIZE + [("age", c_int), ("interest", c_char_p), ("growth", c_char_p),
                        ("term", c_int), ("deferral", c_int), ("frequency", c_int),
                        ("timing", c_int), ("decimals", c_int)]


class _InsuranceSpec(Structure):
    """struct libsi_insurance_spec."""
    _fields_ = _SIZE + [("age", c_int), ("interest", c_char_p), ("growth", c_char_p),
                        ("term", c_int), ("deferral", c_int), ("frequency", c_int),
                        ("kind", c_int), ("decimals", c_int)]


_PROTOTYPES = {
    "libsi_lifetable_builtin_names": (POINTER(c_char_p), []),
    "libsi_lifetable_builtin": (c_int, [c_void_p, c_char_p, _P]),
    "libsi_lifetable_load": (c_int, [c_void_p, c_char_p, c_char_p, _P]),
    "libsi_lifetable_load_buffer": (c_int, [c_void_p, c_char_p, c_size_t, c_char_p, _P]),
    "libsi_lifetable_free": (None, [c_void_p]),
    "libsi_lifetable_name": (c_char_p, [c_void_p]),
    "libsi_lifetable_source": (c_char_p, [c_void_p]),
    "libsi_lifetable_notes": (c_char_p, [c_void_p]),
    "libsi_lifetable_first_age": (c_int, [c_void_p]),
    "libsi_lifetable_last_age": (c_int, [c_void_p]),
    "libsi_lifetable_qx": (c_char_p, [c_void_p, c_int]),
    "libsi_life_expectancy": (c_int, [c_void_p, c_void_p, POINTER(_Options), c_int, c_int, c_int,
                                      _P]),
    "libsi_survival": (c_int, [c_void_p, c_void_p, POINTER(_Options), c_char_p, c_char_p, c_int,
                               _P]),
    "libsi_survivors": (c_int, [c_void_p, c_void_p, POINTER(_Options), c_char_p, c_char_p, c_int,
                                _P]),
    "libsi_annuity": (c_int, [c_void_p, c_void_p, POINTER(_Options), POINTER(_AnnuitySpec), _P]),
    "libsi_insurance": (c_int, [c_void_p, c_void_p, POINTER(_Options), POINTER(_InsuranceSpec),
                                _P]),
}
for _name, (_restype, _argtypes) in _PROTOTYPES.items():
    _fn = getattr(lib, _name)
    _fn.restype, _fn.argtypes = _restype, _argtypes

FRACTIONAL_AGES = {"udd": 0, "constant_force": 1}
IMPROVEMENT_KINDS = {"cohort": 0, "period": 1}
LIFE_EXPECTANCY_KINDS = {"curtate": 0, "complete": 1}
TIMINGS = {"due": 0, "immediate": 1}
INSURANCE_KINDS = {"death": 0, "endowment": 1, "pure_endowment": 2}


def _choice(value: str, choices: dict, what: str) -> int:
    try:
        return choices[value]
    except (KeyError, TypeError):
        raise ValueError(f"{what} must be one of {', '.join(choices)}, not {value!r}") from None


def _whole(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    return value


def _decimal(value, what: str) -> bytes:
    """A decimal argument as the library's text: Decimal, int or str; never float."""
    return _utf8(to_text("decimal", value), what)


def builtin_tables() -> tuple:
    """Names of the built-in tables ("CL1" … "CL6"; CL5/CL6 the pension-business tables)."""
    names, out = lib.libsi_lifetable_builtin_names(), []
    while names[len(out)] is not None:
        out.append(names[len(out)].decode())
    return tuple(out)


class LifeTable(_Owned):
    """A checked life table (``libsi_lifetable``): q_x by integer age.

    Make one with :meth:`builtin`, :meth:`load` (a TSV file) or :meth:`from_text`.
    Immutable; may be shared between threads.  Freed when collected or closed.
    """

    _what = "libsi.actuarial.LifeTable"

    def __init__(self, handle: int):
        self._handle = handle
        self._free = lib.libsi_lifetable_free

    @classmethod
    def _make(cls, call, context: Context | None) -> "LifeTable":
        ctx = context or default_context()
        out = c_void_p()
        with ctx._using() as handle:
            ctx._check(call(handle, out))
        return cls(out.value)

    @classmethod
    def builtin(cls, name: str, *, context: Context | None = None) -> "LifeTable":
        """A built-in table by name ("CL5")."""
        return cls._make(lambda h, out: lib.libsi_lifetable_builtin(h, _utf8(name, "name"),
                                                                     byref(out)), context)

    @classmethod
    def load(cls, path: str, column: str | None = None, *,
             context: Context | None = None) -> "LifeTable":
        """A caller's table from a TSV file: a header 'age<TAB>NAME...', one line per
        age, q_x decimals; `column` names the column (None: the only one)."""
        col = None if column is None else _utf8(column, "column")
        return cls._make(lambda h, out: lib.libsi_lifetable_load(
            h, _utf8(str(path), "path"), col, byref(out)), context)

    @classmethod
    def from_text(cls, text: str, column: str | None = None, *,
                  context: Context | None = None) -> "LifeTable":
        """As :meth:`load`, from the text of such a file."""
        data = _utf8(text, "text")
        col = None if column is None else _utf8(column, "column")
        return cls._make(lambda h, out: lib.libsi_lifetable_load_buffer(
            h, data, len(data), col, byref(out)), context)

    @property
    def name(self) -> str:
        return lib.libsi_lifetable_name(self._live()).decode()

    @property
    def source(self) -> str:
        """Where the table came from ("builtin:cl2010_2013_qx.tsv" or the file's path)."""
        return lib.libsi_lifetable_source(self._live()).decode()

    @property
    def notes(self) -> str:
        """The file's '#' comment lines."""
        return (lib.libsi_lifetable_notes(self._live()) or b"").decode()

    @property
    def first_age(self) -> int:
        return lib.libsi_lifetable_first_age(self._live())

    @property
    def last_age(self) -> int:
        return lib.libsi_lifetable_last_age(self._live())

    def qx(self, age: int) -> Decimal:
        """q_x at an integer age of the table; KeyError outside it."""
        text = lib.libsi_lifetable_qx(self._live(), _whole(age, "age"))
        if text is None:
            raise KeyError(age)
        return Decimal(text.decode())

    def __len__(self) -> int:
        return self.last_age - self.first_age + 1

    def __repr__(self) -> str:
        if not self._handle:
            return "<libsi.actuarial.LifeTable closed>"
        return f"<libsi.actuarial.LifeTable {self.name} ages {self.first_age}–{self.last_age}>"


@dataclass(frozen=True)
class Basis:
    """The assumptions shared by every factor (``libsi_actuarial_options``).

    `improvement` is a flat yearly improvement s (0 ≤ s < 1) or, as a
    sequence, s_y for every age of the table from its first age;
    `improvement_years` counts from the table's experience to the valuation;
    `improvement_kind` is "cohort" (generational) or "period".
    """

    precision: int = 256
    fractional_ages: str = "udd"
    improvement: object = None
    improvement_years: int = 0
    improvement_kind: str = "cohort"

    def _struct(self) -> _Options:
        """The C struct; it keeps the strings it points to (ctypes _objects)."""
        o = _Options()
        if _SIZED:
            o.size = sizeof(_Options)
        o.precision = _whole(self.precision, "precision")
        o.fractional_ages = _choice(self.fractional_ages, FRACTIONAL_AGES, "fractional_ages")
        o.improvement_years = _whole(self.improvement_years, "improvement_years")
        o.improvement_kind = _choice(self.improvement_kind, IMPROVEMENT_KINDS, "improvement_kind")
        s = self.improvement
        if isinstance(s, (list, tuple)):
            texts = [_decimal(v, "improvement_by_age") for v in s]
            o.improvement_by_age = (c_char_p * len(texts))(*texts)
            o.improvement_count = len(texts)
        elif s is not None:
            o.improvement = _decimal(s, "improvement")
        return o


_DEFAULT = Basis()


def _call(context: Context | None, fn, *args) -> Decimal:
    ctx = context or default_context()
    with ctx._using():
        return Decimal(ctx._take(fn, *args))


def life_expectancy(table: LifeTable, age: int, kind: str = "complete", *, decimals: int = 6,
                    basis: Basis | None = None, context: Context | None = None) -> Decimal:
    """e_x ("curtate": whole years) or e°_x ("complete") at an integer age."""
    b = (basis or _DEFAULT)._struct()
    return _call(context, lib.libsi_life_expectancy, table._live(), byref(b), _whole(age, "age"),
                 _choice(kind, LIFE_EXPECTANCY_KINDS, "kind"), _whole(decimals, "decimals"))


def survival(table: LifeTable, age, years, *, decimals: int = 12, basis: Basis | None = None,
             context: Context | None = None) -> Decimal:
    """t p_y: the probability that a life aged y (fractional) lives `years` more."""
    b = (basis or _DEFAULT)._struct()
    return _call(context, lib.libsi_survival, table._live(), byref(b), _decimal(age, "age"),
                 _decimal(years, "years"), _whole(decimals, "decimals"))


def survivors(table: LifeTable, age, radix="100000", *, decimals: int = 6,
              basis: Basis | None = None, context: Context | None = None) -> Decimal:
    """l_y at a fractional age, from `radix` lives at the table's first age."""
    b = (basis or _DEFAULT)._struct()
    return _call(context, lib.libsi_survivors, table._live(), byref(b), _decimal(age, "age"),
                 _decimal(radix, "radix"), _whole(decimals, "decimals"))


def annuity(table: LifeTable, age: int, interest, *, growth=0, term: int = 0, deferral: int = 0,
            frequency: int = 1, timing: str = "due", decimals: int = 6,
            basis: Basis | None = None, context: Context | None = None) -> Decimal:
    """The annuity factor: the expected present value of 1 a year paid in
    `frequency` parts, growing by `growth` a year, for life (term 0) or
    `term` years, starting after `deferral` years; "due" or "immediate"."""
    spec = _AnnuitySpec()
    if _SIZED:
        spec.size = sizeof(_AnnuitySpec)
    spec.age, spec.interest = _whole(age, "age"), _decimal(interest, "interest")
    spec.growth = _decimal(growth, "growth")
    spec.term, spec.deferral = _whole(term, "term"), _whole(deferral, "deferral")
    spec.frequency, spec.decimals = _whole(frequency, "frequency"), _whole(decimals, "decimals")
    spec.timing = _choice(timing, TIMINGS, "timing")
    b = (basis or _DEFAULT)._struct()
    return _call(context, lib.libsi_annuity, table._live(), byref(b), byref(spec))


def insurance(table: LifeTable, age: int, interest, *, kind: str = "death", growth=0,
              term: int = 0, deferral: int = 0, frequency: int = 1, decimals: int = 6,
              basis: Basis | None = None, context: Context | None = None) -> Decimal:
    """The insurance factor of 1: "death" (whole life when term 0), "endowment"
    or "pure_endowment" (these need term ≥ 1)."""
    spec = _InsuranceSpec()
    if _SIZED:
        spec.size = sizeof(_InsuranceSpec)
    spec.age, spec.interest = _whole(age, "age"), _decimal(interest, "interest")
    spec.growth = _decimal(growth, "growth")
    spec.term, spec.deferral = _whole(term, "term"), _whole(deferral, "deferral")
    spec.frequency, spec.decimals = _whole(frequency, "frequency"), _whole(decimals, "decimals")
    spec.kind = _choice(kind, INSURANCE_KINDS, "kind")
    b = (basis or _DEFAULT)._struct()
    return _call(context, lib.libsi_insurance, table._live(), byref(b), byref(spec))


__all__ = ["LifeTable", "Basis", "builtin_tables", "life_expectancy", "survival", "survivors",
           "annuity", "insurance", "FRACTIONAL_AGES", "IMPROVEMENT_KINDS",
           "LIFE_EXPECTANCY_KINDS", "TIMINGS", "INSURANCE_KINDS"]
