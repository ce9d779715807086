"""Contexts, rulesets, calculations and their results over the C API."""

from __future__ import annotations

import contextlib
import datetime as _dt
import enum
import threading
from ctypes import byref, c_int, c_uint, c_void_p
from decimal import Decimal
from typing import Any, Iterator, Mapping, NamedTuple

from ._native import LookupOptions, RuleValueStruct, lib, take_owned_string
from .errors import Error, InputError, InvalidArgumentError, error_for
from .types import (Month, Schema, check_mapping, check_scheme, converter, input_text,
                    parse_json, to_text)

# ------------------------------------------------------------ library facts


def version() -> str:
    """Version of the loaded C library, e.g. "0.1.0"."""
    return lib.libsi_version().decode()


def strerror(code: int) -> str:
    """The library's short description of an error code."""
    return lib.libsi_strerror(code).decode()


def schemes() -> tuple:
    """Names of every calculation the loaded library offers (``libsi_schema_names``)."""
    names, table, i = [], lib.libsi_schema_names(), 0
    while table[i] is not None:
        names.append(table[i].decode())
        i += 1
    return tuple(names)


def _flag_members() -> dict:
    # The library names its flag bits; the Python enum is built from them.
    named = ((lib.libsi_flag_name(1 << i), 1 << i) for i in range(32))
    return {name.decode().upper(): bit for name, bit in named if name}


#: Non-error status flags of a result or rule value (``libsi_flag``), e.g. ``Flag.CAPPED``.
Flag = enum.IntFlag("Flag", _flag_members(), module="libsi")


def flag_names(bits: int) -> tuple:
    """Library names ("rounded", "capped", ...) of the bits set in `bits`, lowest first."""
    named = ((lib.libsi_flag_name(1 << i), 1 << i) for i in range(32))
    return tuple(name.decode() for name, bit in named if name and bits & bit)


# ------------------------------------------------------------------ context


class _Owned:
    """A C object this Python object owns: freed by close(), at the end of ``with`` or when
    collected.  Subclasses set ``_handle``, ``_free`` (kept on the object for __del__ at
    interpreter exit) and ``_what`` (the name in the "is closed" error)."""

    _what = "libsi object"

    def _live(self) -> int:
        if not self._handle:
            raise ValueError(f"{self._what} is closed")
        return self._handle

    def close(self) -> None:
        """Free the object now.  No call on it may be running."""
        handle, self._handle = self._handle, None
        if handle:
            self._free(handle)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_handle", None):
            self.close()


class Context(_Owned):
    """A libsi context (``libsi_ctx``): create one per thread.

    Holds the last error of its thread's calls.  Using one context from two
    threads at the same time raises RuntimeError instead of corrupting it.
    Close it (or use ``with``) to free it at once; otherwise it is freed when
    collected.  `ruleset` is the default ruleset of its calculations
    (the built-in Guangdong rules when None).
    """

    _what = "libsi.Context"

    def __init__(self, ruleset: "Ruleset | None" = None):
        handle = c_void_p()
        rc = lib.libsi_ctx_new(None, byref(handle))
        if rc != 0:
            raise error_for(rc, strerror(rc), "")
        self._handle = handle.value
        self._busy = threading.Lock()
        self._free = lib.libsi_ctx_free  # kept for __del__ at interpreter exit
        self.ruleset = ruleset

    # -- plumbing

    def _acquire(self) -> int:
        if not self._busy.acquire(blocking=False):
            raise RuntimeError("libsi.Context used by two threads at once: create one per thread")
        if not self._handle:
            self._busy.release()
            raise ValueError(f"{self._what} is closed")
        return self._handle

    @contextlib.contextmanager
    def _using(self) -> Iterator[int]:
        """The handle, held by this thread for the block."""
        handle = self._acquire()
        try:
            yield handle
        finally:
            self._busy.release()

    def _error(self, rc: int) -> Error:
        message = (lib.libsi_ctx_message(self._handle) or b"").decode("utf-8", "replace")
        field = (lib.libsi_ctx_field(self._handle) or b"").decode("utf-8", "replace")
        return error_for(rc, message or strerror(rc), field)

    def _check(self, rc: int) -> None:
        if rc != 0:
            raise self._error(rc)

    def _take(self, fn, *args) -> str:
        """Call `fn(ctx, *args, &out)` and copy, then free, the string it hands over."""
        ptr = c_void_p()
        self._check(fn(self._handle, *args, byref(ptr)))
        return take_owned_string(self._handle, ptr)

    # -- calculations

    def calculate(self, scheme: str, inputs: Mapping[str, Any], *,
                  ruleset: "Ruleset | None" = None, trace: bool = True,
                  explain: bool = False) -> "Result":
        """Run calculation `scheme` on `inputs` (a mapping of input names to values).

        Values are Decimal / int / str for decimals (never float), date, Month,
        bool, str, or None for "not given".  Raises a libsi.Error subclass naming
        the field at fault, TypeError for a value of the wrong kind.
        `trace=False` skips the trace (faster); `explain=True` also fetches the
        human explanation with citations.
        """
        plan = _plan(scheme, self)
        rules = _first(ruleset, self.ruleset)
        texts = plan.encode(inputs, rules)
        handle = self._acquire()
        try:
            return self._run(handle, plan, rules, texts, trace, explain)
        finally:
            self._busy.release()

    def render(self, scheme: str, texts, ruleset: "Ruleset", what: str, lang: str) -> str:
        """The explanation (what="explain") or the calculation sheet
        (what="html") in `lang` ("en" or "zh") of `scheme` on the input texts
        `texts` ((name, text) pairs), computed again with the full trace."""
        code = _language(lang)
        handle = self._acquire()
        try:
            case = c_void_p()
            self._check(lib.libsi_case_new(handle, byref(case)))
            try:
                for name, value in texts:
                    self._check(lib.libsi_case_set(handle, case, name, value))
                res = c_void_p()
                self._check(lib.libsi_calculate(handle, ruleset._live(), _utf8(scheme, "scheme"),
                                                case, byref(res)))
                try:
                    fn = lib.libsi_result_html if what == "html" else lib.libsi_result_explain_lang
                    return self._take(fn, res, code)
                finally:
                    lib.libsi_result_free(res)
            finally:
                lib.libsi_case_free(case)
        finally:
            self._busy.release()

    def _run(self, handle, plan, rules, texts, trace, explain) -> "Result":
        case = c_void_p()
        self._check(lib.libsi_case_new(handle, byref(case)))
        try:
            for name, value in texts:
                self._check(lib.libsi_case_set(handle, case, name, value))
            res = c_void_p()
            self._check(lib.libsi_calculate(handle, rules._live(), plan.scheme_b, case, byref(res)))
            try:
                return self._extract(handle, plan, res, trace, explain, (self, rules, tuple(texts)))
            finally:
                lib.libsi_result_free(res)
        finally:
            lib.libsi_case_free(case)

    def _extract(self, handle, plan, res, trace, explain, source=None) -> "Result":
        raw, outputs, get = {}, {}, lib.libsi_result_get
        for name, key, decode in plan.outputs:  # schema order; absent outputs are NULL
            value = get(res, key)
            if value is not None:
                raw[name] = text = value.decode()
                outputs[name] = decode(text)
        doc = self._take(lib.libsi_result_json, res) if trace else None
        text = self._take(lib.libsi_result_explain, res) if explain else None
        result = Result(plan.schema.scheme, outputs, raw, lib.libsi_result_flags(res),
                        lib.libsi_result_hash(res).decode(), json_text=doc, explanation=text)
        result._source = source
        return result

    # -- schema, jurisdictions, rounding

    def schema(self, scheme: str) -> Schema:
        """Inputs and outputs of `scheme` with types, units and legal basis."""
        cached = _schemas.get(scheme)
        if cached is None:
            with self._using():
                text = self._take(lib.libsi_schema_json, _utf8(scheme, "scheme"))
            cached = _schemas.setdefault(scheme, Schema.from_json(text))
        return cached

    def resolve_jurisdiction(self, text: str) -> str:
        """Six-digit GB/T 2260 code of a code, pinyin or Chinese name ("0" = nation)."""
        with self._using():
            return self._take(lib.libsi_jurisdiction_resolve, _utf8(text, "jurisdiction"))

    def round(self, value: Any, mode: str, quantum: Any) -> tuple:
        """Round a decimal with a named mode ("half_up", "half_even", "down", "up",
        "carry") to a power-of-ten quantum.  Returns (Decimal, changed: bool)."""
        mode_value, flags = c_int(), c_uint()
        if lib.libsi_round_mode_parse(_utf8(mode, "mode"), byref(mode_value)) != 0:
            # This call has no context, so the message is ours.
            raise InvalidArgumentError(f"mode: unknown rounding mode {mode!r}", "mode",
                                       InvalidArgumentError.code)
        with self._using():
            out = self._take(lib.libsi_decimal_round, _utf8(to_text("decimal", value), "value"),
                             mode_value.value, _utf8(to_text("decimal", quantum), "quantum"),
                             byref(flags))
        return Decimal(out), bool(flags.value & Flag.ROUNDED)


def _utf8(text: str, field: str) -> bytes:
    data = text.encode("utf-8")
    if b"\0" in data:  # C would silently cut the string there
        raise InputError(f"input '{field}': contains a NUL character", field, InputError.code)
    return data


_local = threading.local()


def default_context() -> Context:
    """This thread's own context, created on first use."""
    ctx = getattr(_local, "context", None)
    if ctx is None:
        ctx = _local.context = Context()
    return ctx


# ------------------------------------------------------------------- plans

_schemas: dict = {}
_plans: dict = {}


class _Plan:
    """What one scheme needs on every call: its schema, and per-field conversions."""

    def __init__(self, schema: Schema):
        self.schema = schema
        self.scheme_b = schema.scheme.encode()
        self.input_types = {f.name: f.type for f in schema.inputs}
        self.outputs = tuple((f.name, f.name.encode(), converter(f.type)) for f in schema.outputs)

    def encode(self, inputs: Mapping[str, Any], rules: "Ruleset") -> list:
        check_mapping(inputs, f"inputs of {self.schema.scheme!r}")
        given = {k: v for k, v in inputs.items() if v is not None}
        given.update(rules._defaults_for(self.input_types, given))
        return [(_utf8(name, name), _utf8(input_text(name, self.input_types.get(name, "any"), value), name))
                for name, value in given.items()]


def _plan(scheme: str, ctx: Context) -> _Plan:
    check_scheme(scheme)
    plan = _plans.get(scheme)
    if plan is None:
        plan = _plans.setdefault(scheme, _Plan(ctx.schema(scheme)))
    return plan


# ------------------------------------------------------------------ result


_LANGUAGES = {"en": 0, "zh": 1}


def _language(lang: str) -> int:
    """The C libsi_lang of "en" / "zh"; ValueError for another."""
    try:
        return _LANGUAGES[lang]
    except (KeyError, TypeError):
        raise ValueError(f"lang must be 'en' or 'zh', not {lang!r}") from None


class Result:
    """Outputs, flags, trace and hash of one calculation, or the error of a row
    in a batch (``error`` set, ``outputs`` empty).

    ``outputs`` maps output names to Python values by the schema's types
    (Decimal, int, date, Month, bool, str, parsed JSON); ``raw`` holds the
    library's canonical strings.  ``trace`` is the list of steps (dicts) when
    the calculation was run with ``trace=True``, else None.
    """

    __slots__ = ("scheme", "outputs", "raw", "flags", "hash", "error", "explanation",
                 "_json_text", "_doc", "_source", "_renders")

    def __init__(self, scheme: str, outputs: dict, raw: dict, flags: int, hash: str, *,
                 json_text: str | None = None, explanation: str | None = None,
                 error: BaseException | None = None):
        self.scheme, self.outputs, self.raw = scheme, outputs, raw
        self.flags, self.hash, self.error = Flag(flags), hash, error
        self.explanation, self._json_text, self._doc = explanation, json_text, None
        self._source, self._renders = None, {}

    def __getstate__(self):
        # The source (a context and its lock) stays behind: a result read back
        # from a pickle renders only what it already holds.
        return {name: getattr(self, name) for name in self.__slots__ if name != "_source"}

    def __setstate__(self, state):
        self._source = None
        for name, value in state.items():
            setattr(self, name, value)

    def _render(self, what: str, lang: str) -> str:
        if self.error is not None:
            raise self.error
        _language(lang)
        key = (what, lang)
        if key not in self._renders:
            if what == "explain" and lang == "en" and self.explanation is not None:
                return self.explanation
            if self._source is None:
                raise ValueError("this result keeps no inputs to render from")
            context, rules, texts = self._source
            self._renders[key] = context.render(self.scheme, texts, rules, what, lang)
        return self._renders[key]

    def explain(self, lang: str = "en") -> str:
        """The explanation of every step with its citations, in `lang`:
        "en" (English) or "zh" (Chinese).  Numbers, names, citations and the
        hash are the same in both."""
        return self._render("explain", lang)

    def html(self, lang: str = "en") -> str:
        """The printable calculation sheet (one self-contained A4 HTML page)
        in `lang` ("en" or "zh")."""
        return self._render("html", lang)

    @classmethod
    def failed(cls, scheme: str, error: BaseException) -> "Result":
        """The result of a row that could not be calculated."""
        return cls(scheme, {}, {}, 0, "", error=error)

    @property
    def ok(self) -> bool:
        return self.error is None

    def check(self) -> "Result":
        """Return self, or raise the row's error."""
        if self.error is not None:
            raise self.error
        return self

    @property
    def flag_names(self) -> tuple:
        return flag_names(self.flags)

    def _document(self) -> dict | None:
        if self._doc is None and self._json_text is not None:
            self._doc = parse_json(self._json_text)
        return self._doc

    @property
    def trace(self) -> list | None:
        doc = self._document()
        return doc["trace"] if doc else None

    @property
    def inputs(self) -> dict | None:
        """Effective inputs (given values and applied defaults), when traced."""
        doc = self._document()
        return doc["inputs"] if doc else None

    @property
    def json(self) -> str | None:
        """The canonical JSON document of the result (``libsi_result_json``), when traced."""
        return self._json_text

    def __getitem__(self, name: str) -> Any:
        return self.outputs[name]

    def __repr__(self) -> str:
        if self.error is not None:
            return f"<libsi.Result {self.scheme} error={self.error!r}>"
        return f"<libsi.Result {self.scheme} {self.outputs!r} flags={list(self.flag_names)}>"


# ----------------------------------------------------------------- ruleset


class Period(NamedTuple):
    """Effective period [start, end) of a rule value; end None when open."""

    start: _dt.date
    end: _dt.date | None

    def __contains__(self, day: object) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


class RuleValue(NamedTuple):
    """One rule value with its provenance (``libsi_rule_value``)."""

    name: str
    value: Decimal
    unit: str
    jurisdiction: str
    period: Period
    document: str
    article: str
    url: str
    published: _dt.date | None
    status: str
    confidence: str
    note: str
    source_file: str
    flags: "Flag"


def _day(text: str) -> _dt.date | None:
    return _dt.date.fromisoformat(text) if text else None


def _rule_value(s: RuleValueStruct) -> RuleValue:
    text = {name: (getattr(s, name) or b"").decode() for name, _ in RuleValueStruct._fields_[1:-1]}
    return RuleValue(text["name"], Decimal(text["value"]), text["unit"], text["jurisdiction"],
                     Period(_day(text["from_"]), _day(text["to"])), text["document"],
                     text["article"], text["url"], _day(text["published"]), text["status"],
                     text["confidence"], text["note"], text["source_file"], Flag(s.flags))


def _day_text(value: Any) -> str:
    if isinstance(value, Month):
        return value.isoformat()
    return to_text("date", value)


class Ruleset(_Owned):
    """An immutable rule store (``libsi_ruleset``), shareable by every thread.

    `known_on` (date): only values published by then are seen, in lookups and
    in calculations that take a ``known_on`` input.  `strict=False` carries the
    last value forward when none covers a date (flagged ``carried_forward``);
    the default is strict: a missing value is ``NotFoundError``.
    """

    _what = "libsi.Ruleset"

    def __init__(self, handle: int, *, known_on: Any = None, strict: bool = True, origin: str = ""):
        self._handle = handle
        self._free = lib.libsi_ruleset_free
        self.known_on = _day_text(known_on) if known_on is not None else None
        self.strict = bool(strict)
        self.origin = origin

    @classmethod
    def builtin(cls, *, known_on: Any = None, strict: bool = True,
                context: Context | None = None) -> "Ruleset":
        """The Guangdong rules compiled into the library."""
        return cls._make(context, lambda h, out: lib.libsi_ruleset_builtin(h, out),
                         known_on, strict, "builtin")

    @classmethod
    def load(cls, path: Any, *, known_on: Any = None, strict: bool = True,
             context: Context | None = None) -> "Ruleset":
        """Rules from one YAML file or a directory of ``*.yaml`` files."""
        raw = _utf8(str(path), "path")
        return cls._make(context, lambda h, out: lib.libsi_ruleset_load(h, raw, out),
                         known_on, strict, str(path))

    @classmethod
    def _make(cls, context, create, known_on, strict, origin) -> "Ruleset":
        ctx, out = context or default_context(), c_void_p()
        with ctx._using() as handle:
            ctx._check(create(handle, byref(out)))
        return cls(out.value, known_on=known_on, strict=strict, origin=origin)

    def close(self) -> None:
        """Free the rules now.  No calculation or lookup on it may be running."""
        super().close()

    @property
    def digest(self) -> str:
        """SHA-256 over every value: equal digests give equal answers."""
        return lib.libsi_ruleset_digest(self._live()).decode()

    def __len__(self) -> int:
        return lib.libsi_ruleset_size(self._live())

    def __repr__(self) -> str:
        return f"<libsi.Ruleset {self.origin} values={len(self)} known_on={self.known_on} strict={self.strict}>"

    def _defaults_for(self, input_types: Mapping[str, str], given: Mapping[str, Any]) -> dict:
        """The ruleset's known_on / carry_forward for a scheme that takes them."""
        extra = {}
        if self.known_on and "known_on" in input_types and "known_on" not in given:
            extra["known_on"] = self.known_on
        if not self.strict and "carry_forward" in input_types and "carry_forward" not in given:
            extra["carry_forward"] = True
        return extra

    def lookup(self, name: str, jurisdiction: Any, date: Any, known_on: Any = None,
               carry_forward: bool | None = None, *, context: Context | None = None) -> RuleValue:
        """The value of rule parameter `name` in force on `date` for `jurisdiction`
        (code, pinyin or Chinese name), falling back city → province → nation.
        `known_on` / `carry_forward` default to the ruleset's own options."""
        known = known_on if known_on is not None else self.known_on
        carry = (not self.strict) if carry_forward is None else bool(carry_forward)
        opts = LookupOptions(_utf8(_day_text(known), "known_on") if known else None,
                             1 if carry else 0)
        args = (_utf8(name, "name"), _utf8(to_text("text", jurisdiction), "jurisdiction"),
                _utf8(_day_text(date), "date"))
        return self._lookup(context or default_context(), args, opts)

    def _lookup(self, ctx: Context, args: tuple, opts: LookupOptions) -> RuleValue:
        out = RuleValueStruct()
        with ctx._using() as handle:
            ctx._check(lib.libsi_ruleset_lookup(handle, self._live(), *args, byref(opts), byref(out)))
            return _rule_value(out)


_default_rules: list = []
_default_rules_lock = threading.Lock()


def _first(*rulesets: "Ruleset | None") -> "Ruleset":
    """The first ruleset given, else the built-in one.  (Not `or`: a ruleset
    with no values has length 0 and would count as false.)"""
    for rules in rulesets:
        if rules is not None:
            return rules
    return default_ruleset()


def default_ruleset() -> Ruleset:
    """The built-in rules, loaded once per process and shared by every thread."""
    if not _default_rules:
        with _default_rules_lock:
            if not _default_rules:
                _default_rules.append(Ruleset.builtin())
    return _default_rules[0]


# ----------------------------------------------------- module-level helpers


def calculate(scheme: str, inputs: Mapping[str, Any], *, ruleset: Ruleset | None = None,
              trace: bool = True, explain: bool = False) -> Result:
    """Context.calculate on this thread's default context."""
    return default_context().calculate(scheme, inputs, ruleset=ruleset, trace=trace, explain=explain)


def schema(scheme: str) -> Schema:
    """Inputs and outputs of `scheme` with types, units and legal basis."""
    return default_context().schema(scheme)


def lookup(name: str, jurisdiction: Any, date: Any, known_on: Any = None,
           carry_forward: bool | None = None, *, ruleset: Ruleset | None = None) -> RuleValue:
    """Ruleset.lookup on `ruleset` (default: the built-in rules)."""
    return _first(ruleset).lookup(name, jurisdiction, date, known_on, carry_forward)
