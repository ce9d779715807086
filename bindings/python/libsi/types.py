"""Schema types and the conversions between Python values and the library's text.

The library publishes, for every calculation, the type of each input and
output (``libsi_schema_json``).  These functions are the only place where a
type is interpreted: inputs are turned into the canonical text the library
parses, outputs into Python objects.  ``float`` is refused everywhere: a
binary fraction cannot carry an exact amount of money.
"""

from __future__ import annotations

import datetime as _dt
import json
from decimal import Decimal
from typing import Any, Callable, NamedTuple

# ------------------------------------------------------------------ Month


class Month(NamedTuple):
    """A calendar month (schema type ``month``), printed ``YYYY-MM``."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> "Month":
        """``YYYY-MM`` → Month (ValueError when malformed)."""
        if len(text) != 7 or text[4] != "-" or not (text[:4] + text[5:]).isdigit():
            raise ValueError(f"not a month YYYY-MM: {text!r}")
        month = cls(int(text[:4]), int(text[5:]))
        if not 1 <= month.month <= 12:
            raise ValueError(f"not a month YYYY-MM: {text!r}")
        return month

    @classmethod
    def of(cls, day: _dt.date) -> "Month":
        """The month containing a date."""
        return cls(day.year, day.month)

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month, 1)

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __str__(self) -> str:
        return self.isoformat()


# ------------------------------------------------------------------ schema


class Field(NamedTuple):
    """One input or output of a calculation, as the library publishes it."""

    name: str
    type: str             # decimal integer date month enum bool text json list
    unit: str
    choices: tuple        # for enum and list
    required: bool        # inputs only
    default: str          # inputs only: the value used when absent, or ""
    description: str
    legal_basis: str
    min: str = ""         # inputs: smallest plausible value and its source, or ""
    max: str = ""         # inputs: largest plausible value and its source, or ""

    @classmethod
    def from_json(cls, d: dict) -> "Field":
        choices = tuple(d["choices"].split("|")) if d.get("choices") else ()
        return cls(d["name"], d["type"], d.get("unit", ""), choices, bool(d.get("required")),
                   d.get("default", ""), d.get("description", ""), d.get("legal_basis", ""),
                   d.get("min", ""), d.get("max", ""))


class Schema(NamedTuple):
    """Inputs and outputs of one calculation (``libsi_schema_json``)."""

    scheme: str
    description: str
    inputs: tuple          # of Field, in schema order
    outputs: tuple         # of Field, in schema order

    @classmethod
    def from_json(cls, text: str) -> "Schema":
        d = json.loads(text)
        return cls(d["scheme"], d["description"],
                   tuple(Field.from_json(f) for f in d["inputs"]),
                   tuple(Field.from_json(f) for f in d["outputs"]))

    def input(self, name: str) -> Field | None:
        return next((f for f in self.inputs if f.name == name), None)

    def output(self, name: str) -> Field | None:
        return next((f for f in self.outputs if f.name == name), None)


# ---------------------------------------------------------- Python → text


def _refuse(kind: str, value: Any) -> TypeError:
    numeric = kind in ("decimal", "integer", "any") or kind.startswith(("Decimal", "int"))
    hint = (" (use decimal.Decimal or a string: a float is not exact)"
            if isinstance(value, float) and numeric else "")
    return TypeError(f"expected {kind}, got {type(value).__name__} {value!r}{hint}")


def _decimal_text(value: Any) -> str:
    if isinstance(value, str):
        return value                              # the library checks the syntax
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite decimal: {value!r}")
        return format(value, "f")                 # plain notation, scale kept: 1E+3 → 1000
    raise _refuse("Decimal, int or str", value)


def _integer_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return str(int(value))
    raise _refuse("int or str", value)


def _date_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        raise _refuse("datetime.date (not datetime)", value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Month):
        return value.isoformat()                  # a date field documented as a month
    raise _refuse("datetime.date or str", value)


def _month_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, Month):
        return value.isoformat()
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return Month.of(value).isoformat()
    raise _refuse("libsi.Month, datetime.date or str", value)


def _bool_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    raise _refuse("bool or str", value)


def _text_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)                         # e.g. a jurisdiction code 440100
    raise _refuse("str", value)


def _json_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default)
    raise _refuse("str, dict or list", value)


def _json_default(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (_dt.date, Month)):
        return value.isoformat()
    raise _refuse("JSON value", value)


def _list_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return ",".join(_text_text(v) for v in value)
    raise _refuse("list of str or str", value)


def _any_text(value: Any) -> str:
    # A name the scheme does not know: pass it on so the library can name it.
    return _bool_text(value) if isinstance(value, bool) else str(value)


_TO_TEXT: dict[str, Callable[[Any], str]] = {
    "decimal": _decimal_text, "integer": _integer_text, "date": _date_text,
    "month": _month_text, "enum": _text_text, "bool": _bool_text, "text": _text_text,
    "json": _json_text, "list": _list_text, "any": _any_text,
}


def to_text(type_name: str, value: Any) -> str:
    """Canonical text of a Python value for an input of schema type `type_name`.
    Raises TypeError for a float or any value of the wrong kind."""
    if isinstance(value, float):
        raise _refuse(type_name, value)
    return _TO_TEXT.get(type_name, _text_text)(value)


def input_text(name: str, type_name: str, value: Any) -> str:
    """to_text for input `name`: a TypeError names the input (issue #12)."""
    try:
        return to_text(type_name, value)
    except TypeError as e:
        raise TypeError(f"input {name!r}: {e}") from None


def check_mapping(inputs: Any, what: str) -> None:
    """A TypeError with a sentence when `inputs` is not a mapping (None, a list, a str...)."""
    from collections.abc import Mapping as _Mapping
    if not isinstance(inputs, _Mapping):
        raise TypeError(f"{what}: expected a mapping of input names to values, such as "
                        f"{{'city': 'guangzhou', 'wage': Decimal('9000')}}, got "
                        f"{type(inputs).__name__} {inputs!r:.60}")


def check_scheme(scheme: Any) -> None:
    """A TypeError with a sentence when the calculation's name is not a str."""
    if not isinstance(scheme, str):
        raise TypeError(f"scheme: expected the name of a calculation as a str, such as "
                        f"'contributions' (libsi.schemes() lists them), got "
                        f"{type(scheme).__name__} {scheme!r:.60}")


# ---------------------------------------------------------- text → Python


def _date_value(text: str):
    return Month.parse(text) if len(text) == 7 else _dt.date.fromisoformat(text)


def parse_json(text: str) -> Any:
    """JSON with every fractional number as Decimal, never float."""
    return json.loads(text, parse_float=Decimal)


def _bool_value(text: str) -> bool:
    if text not in ("true", "false"):
        raise ValueError(f"not a bool: {text!r}")
    return text == "true"


def _list_value(text: str) -> list:
    return text.split(",") if text else []


_FROM_TEXT: dict[str, Callable[[str], Any]] = {
    "decimal": Decimal, "integer": int, "date": _date_value, "month": Month.parse,
    "enum": str, "bool": _bool_value, "text": str, "json": parse_json,
    "list": _list_value,
}


def from_text(type_name: str, text: str) -> Any:
    """Python value of an output of schema type `type_name`: Decimal, int, date,
    Month, bool, str, parsed JSON or list of str."""
    return _FROM_TEXT.get(type_name, str)(text)


def converter(type_name: str) -> Callable[[str], Any]:
    """from_text for one type, looked up once (batch calculations)."""
    return _FROM_TEXT.get(type_name, str)
