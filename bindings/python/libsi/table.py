"""calculate_batch: many rows of one calculation in one call of the C batch API.

The inputs come as columns (input name → sequence of values).  Each column
is turned into canonical text once, joined into one NUL-separated buffer,
and the cell pointers (row-major, n_rows × n_columns) point into those
buffers; ``libsi_batch_run_table`` then computes every row in C, over
``threads`` threads, with the GIL released.  Nothing here makes a ctypes
call per row or per cell on the way in.

On the way out an output column is read in one call (``libsi_table_column``,
one line per row) and converted to Python values on first access only; money
columns can be read as int64 fen (``libsi_table_column_fen``) without any
formatting.  Flags and hashes have no whole-column accessor in the C API and
are read row by row, on first access only.

numpy is optional: when it can be imported, the cell pointers are computed
with it and :meth:`BatchResult.fen` returns numpy arrays; otherwise the
standard library's :mod:`array` does both.
"""

from __future__ import annotations

import array
import ctypes
import decimal
import itertools
import re
import threading
from collections.abc import Iterable, Mapping
from ctypes import byref, c_char_p, c_int, c_size_t, c_void_p
from decimal import Decimal
from typing import Any

from ._native import TRACE_LEVELS, TableOptions, lib
from .core import Ruleset, _first, default_context, schema, strerror
from .errors import InputError, InvalidArgumentError, UnsupportedError, error_for
from .types import Schema, converter, to_text

__all__ = ["calculate_batch", "BatchResult"]

# ------------------------------------------------------------------ numpy

_numpy_module: list = []


def _numpy():
    """numpy when it can be imported (looked up once), else None."""
    if not _numpy_module:
        try:
            import numpy
        except ImportError:
            numpy = None
        _numpy_module.append(numpy)
    return _numpy_module[0]


def _is_numpy_array(value: Any) -> bool:
    return type(value).__module__ == "numpy" and hasattr(value, "dtype")


# --------------------------------------------------------- columns → text

#: Python types whose str() is already the canonical text of an input of this
#: schema type (as types.to_text gives it); anything else goes through to_text.
_STR_IS_TEXT = {
    "decimal": frozenset({str, int, Decimal}),
    "integer": frozenset({str, int}),
    "text": frozenset({str, int}),
    "enum": frozenset({str, int}),
}
_NONE = type(None)


def _sequence(name: str, values: Any) -> Any:
    """The column as a list or tuple of Python values (numpy arrays: tolist)."""
    if isinstance(values, (list, tuple)):
        return values
    if isinstance(values, (str, bytes, bytearray, Mapping)) or not isinstance(values, Iterable):
        raise TypeError(f"column '{name}': expected a sequence of values (list, tuple or numpy "
                        f"array), got {type(values).__name__}")
    if _is_numpy_array(values):
        if values.ndim != 1:
            raise TypeError(f"column '{name}': expected a one-dimensional array, "
                            f"got {values.ndim} dimensions")
        return values.tolist()  # numpy scalars → int, str, bool, float (refused below), ...
    return list(values)


def _texts_slow(name: str, type_name: str, values) -> list:
    """Canonical text of every value by types.to_text; the error names the input and row."""
    out = []
    for row, value in enumerate(values):
        if value is None:
            out.append("")
            continue
        try:
            out.append(to_text(type_name, value))
        except TypeError as e:
            raise TypeError(f"input '{name}', row {row}: {e}") from None
        except ValueError as e:
            raise ValueError(f"input '{name}', row {row}: {e}") from None
    return out


def _texts(name: str, type_name: str, values) -> list:
    """Canonical text of every value of a column ("" for None: absent)."""
    kinds = set(map(type, values))
    if kinds <= {str}:
        return values if isinstance(values, list) else list(values)  # never changed in place
    plain = _STR_IS_TEXT.get(type_name, frozenset({str}))
    if not kinds - plain - {_NONE}:
        if _NONE in kinds:
            texts = ["" if v is None else str(v) for v in values]
        else:
            texts = list(map(str, values))
        if Decimal not in kinds:
            return texts
        joined = "\0".join(texts)  # str(Decimal) differs from to_text's only in
        if "E" not in joined and "N" not in joined and "I" not in joined:  # 1E+3, NaN, Infinity
            return texts
    return _texts_slow(name, type_name, values)


class _Cells:
    """The cell pointers of a batch and the buffers they point into.

    The pointers live in one uint64 buffer (numpy, else array.array), seen by
    C as ``const char *const *`` through a ctypes c_char_p array over the same
    memory.  Filling it column by column with address arithmetic avoids the
    per-cell cost (and the per-cell keep-alive entry) of assigning bytes to a
    ctypes c_char_p array element by element."""

    def __init__(self, n_rows: int, n_columns: int):
        self.rows, self.columns = n_rows, n_columns
        self.keep: list = []  # the text buffers: alive until the call returns
        np = _numpy()
        if np is not None:
            self._grid = np.zeros((n_rows, n_columns), dtype=np.uint64)
        else:
            self._grid = array.array("Q", bytes(8 * n_rows * n_columns))

    def array(self):
        """The cells as one ctypes array of c_char_p over the same memory (no copy),
        or None when there are none."""
        if self.rows == 0 or self.columns == 0:
            return None
        return (c_char_p * (self.rows * self.columns)).from_buffer(self._grid)

    def _buffer(self, data: bytes) -> int:
        self.keep.append(data)
        return ctypes.cast(c_char_p(data), c_void_p).value

    def set_constant(self, col: int, text: str) -> None:
        """Every row of column `col` holds the same text."""
        base = self._buffer(text.encode("utf-8") + b"\0")
        if hasattr(self._grid, "ctypes"):
            self._grid[:, col] = base
        else:
            self._grid[col::self.columns] = array.array("Q", [base]) * self.rows

    def set_column(self, col: int, name: str, texts: list) -> None:
        """Column `col` from its texts (one per row; "" = absent)."""
        if not texts:
            return
        joined = "\0".join(texts) + "\0"
        if joined.count("\0") != len(texts):
            row = next(i for i, t in enumerate(texts) if "\0" in t)
            raise InputError(f"input '{name}': contains a NUL character (row {row})", name,
                             InputError.code)
        data = joined.encode("utf-8")
        base = self._buffer(data)
        np = _numpy()
        if np is not None:
            ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 0)
            starts = np.empty(len(texts), dtype=np.uint64)
            if len(texts):
                starts[0] = base
                starts[1:] = ends[:-1] + (base + 1)
            self._grid[:, col] = starts
            return
        if len(data) == len(joined):  # ASCII: a str's length is its UTF-8 length
            lengths = map(len, texts)
        else:
            lengths = map(len, map(str.encode, texts))
        starts = itertools.accumulate(map((1).__add__, lengths), initial=base)
        self._grid[col::self.columns] = array.array("Q", itertools.islice(starts, len(texts)))


# ------------------------------------------------------------- the result

#: Additions in this context are exact (an inexact one would raise).
_EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
                         traps=[decimal.Inexact, decimal.InvalidOperation])


def _exact_sum(values: list) -> Decimal:
    total = Decimal(0)
    add = _EXACT.add
    for value in values:
        total = add(total, value)
    return total


_MAY_BE_EMPTY = frozenset({"text", "enum", "list", "json"})  # types whose value can be ""
#: Output types converted once per distinct value (immutable Python values; not
#: decimal: mostly distinct; not list or json: mutable, each row gets its own).
_IMMUTABLE_REPEATING = frozenset({"month", "date", "bool", "enum", "text", "integer"})
_FIELD_PATTERNS = (re.compile(r"^input '([^']+)'"), re.compile(r"rule parameter '([^']+)'"),
                   re.compile(r"give input '([^']+)'"))
_LEADING_WORD = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\b")


def _field_of(message: str, inputs: frozenset) -> str:
    """The field a failed row's message names (the table API gives the code and
    message only): "input 'X' ...", "... rule parameter 'X' ...", or a message
    that starts with an input's name; else ""."""
    for pattern in _FIELD_PATTERNS:
        m = pattern.search(message)
        if m:
            return m.group(1)
    m = _LEADING_WORD.match(message)
    return m.group(1) if m and m.group(1) in inputs else ""


class _Columns(Mapping):
    """Output name → list of Python values, each column converted on first access."""

    def __init__(self, owner: "BatchResult"):
        self._owner = owner

    def __getitem__(self, name: str) -> list:
        return self._owner._column(name)

    def __iter__(self):
        return iter(self._owner.output_names)

    def __len__(self) -> int:
        return len(self._owner.output_names)

    def __repr__(self) -> str:
        return f"<libsi batch columns {list(self._owner.output_names)}>"


class BatchResult:
    """The outputs of every row of a :func:`calculate_batch` call.

    ``columns`` maps each kept output name to a list with one value per row,
    typed like ``Result.outputs`` (Decimal, int, date, Month, bool, str, ...);
    ``None`` where the row failed or did not set that output.  A column is
    converted on first access and kept.  ``errors`` maps the 0-based index of
    every failed row to its ``libsi.Error``.  ``flags`` is a list of ints
    (``libsi.Flag`` bits, 0 for a failed row), ``hashes`` a list of hex
    strings (None for a failed row) when run with ``trace="hash"``, else None.
    :meth:`fen` reads a money column as int64 fen, :meth:`text` a column as
    the library's canonical strings.

    The C table stays allocated until :meth:`close` (or ``with``, or garbage
    collection); columns, fen arrays, flags and hashes already read stay
    available after it.
    """

    def __init__(self, scheme: Schema, handle: int, n_rows: int, trace: str):
        self._handle, self._lock = handle, threading.Lock()
        self._free = lib.libsi_table_free  # kept for __del__ at interpreter exit
        self.scheme, self.rows, self.trace = scheme.scheme, n_rows, trace
        count = lib.libsi_table_output_count(handle)
        self.output_names = tuple(lib.libsi_table_output_name(handle, i).decode()
                                  for i in range(count))
        self._index = {name: i for i, name in enumerate(self.output_names)}
        self._fields = {f.name: f for f in scheme.outputs}
        self.errors = self._read_errors(frozenset(f.name for f in scheme.inputs))
        self._values: dict = {}
        self._texts: dict = {}
        self._fen: dict = {}
        self._flags: list | None = None
        self._hashes: list | None = None
        self.columns = _Columns(self)

    # -- lifetime

    def close(self) -> None:
        """Free the C table now.  Whatever was already read stays readable."""
        with self._lock:
            handle, self._handle = self._handle, None
        if handle:
            self._free(handle)

    def __enter__(self) -> "BatchResult":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_handle", None):
            self.close()

    def __len__(self) -> int:
        return self.rows

    def __repr__(self) -> str:
        return (f"<libsi.BatchResult {self.scheme} rows={self.rows} errors={len(self.errors)} "
                f"outputs={len(self.output_names)}>")

    def _live(self) -> int:
        if not self._handle:
            raise ValueError("libsi.BatchResult is closed: read columns before close()")
        return self._handle

    def _col(self, name: str) -> int:
        try:
            return self._index[name]
        except KeyError:
            raise KeyError(f"{name!r} is not an output of this batch "
                           f"(outputs: {', '.join(self.output_names)})") from None

    # -- errors, flags, hashes

    def _read_errors(self, inputs: frozenset) -> dict:
        errors, row, code, message = {}, c_size_t(), c_int(), c_char_p()
        for k in range(lib.libsi_table_error_count(self._handle)):
            rc = lib.libsi_table_error(self._handle, k, byref(row), byref(code), byref(message))
            if rc != 0:
                raise error_for(rc, strerror(rc), "")
            text = (message.value or b"").decode("utf-8", "replace") or strerror(code.value)
            errors[row.value] = error_for(code.value, text, _field_of(text, inputs))
        return errors

    @property
    def ok(self) -> bool:
        """True when no row failed."""
        return not self.errors

    @property
    def flags(self) -> list:
        """``libsi.Flag`` bits of every row as ints (0 for a failed row):
        ``libsi.Flag(x)`` or ``libsi.flag_names(x)`` names them.  Read on first access
        (one C call per row: the table API has no whole-column accessor for flags)."""
        if self._flags is None:
            with self._lock:
                handle, get = self._live(), lib.libsi_table_flags
                self._flags = [get(handle, i) for i in range(self.rows)]
        return self._flags

    @property
    def hashes(self) -> list | None:
        """Result hash (hex) of every row, None for a failed row; None altogether
        unless run with ``trace="hash"``.  Read on first access."""
        if self.trace != "hash":
            return None
        if self._hashes is None:
            with self._lock:
                handle, get = self._live(), lib.libsi_table_hash
                self._hashes = [(get(handle, i) or b"").decode() or None for i in range(self.rows)]
        return self._hashes

    # -- output columns

    def _lines(self, col: int) -> list:
        """Column `col` as one string per row, "" where there is no value."""
        text, size = c_void_p(), c_size_t()
        rc = lib.libsi_table_column(self._live(), col, byref(text), byref(size))
        if rc != 0:
            raise error_for(rc, strerror(rc), "")
        data = ctypes.string_at(text.value, size.value) if size.value else b""
        lines = data.decode("utf-8").split("\n")
        if len(lines) == self.rows + 1 and lines[-1] == "":
            lines.pop()
            return lines
        # A value holding a line feed would shift the lines: read that column cell by cell.
        get = lib.libsi_table_text
        return [(get(self._handle, r, col) or b"").decode("utf-8") for r in range(self.rows)]

    def _raw(self, name: str) -> tuple:
        """(texts, complete): the canonical strings of a column, and whether every
        row has one (then no None in texts)."""
        col = self._col(name)
        lines = self._lines(col)
        if "" not in lines:
            return lines, True
        kind = self._fields[name].type if name in self._fields else "text"
        texts = [s or None for s in lines]
        if kind in _MAY_BE_EMPTY:
            # An empty line is an unset value, a failed row, or the empty string: ask.
            get, errors = lib.libsi_table_text, self.errors
            for r, s in enumerate(lines):
                if not s and r not in errors and get(self._handle, r, col) is not None:
                    texts[r] = ""
        return texts, False

    def text(self, name: str) -> list:
        """Output `name` of every row as the library's canonical string (``Result.raw``),
        None where the row failed or did not set it."""
        texts = self._texts.get(name)
        if texts is None:
            with self._lock:
                texts = self._texts.get(name)
                if texts is None:
                    texts = self._texts[name] = self._raw(name)[0]
        return texts

    def _column(self, name: str) -> list:
        values = self._values.get(name)
        if values is None:
            with self._lock:
                values = self._values.get(name)
                if values is None:
                    values = self._values[name] = self._convert(name)
        return values

    def _convert(self, name: str) -> list:
        cached = self._texts.get(name)
        texts, complete = (cached, None not in cached) if cached is not None else self._raw(name)
        field = self._fields.get(name)
        kind = field.type if field else "text"
        convert = converter(kind)
        if kind in _IMMUTABLE_REPEATING:
            # Months, dates, enums, flags...: few distinct values, immutable objects:
            # convert each distinct text once and share the object between rows.
            distinct = set(texts)
            distinct.discard(None)
            if len(distinct) <= len(texts) // 2:
                table = {t: convert(t) for t in distinct}
                table[None] = None
                return list(map(table.__getitem__, texts))
        if complete:
            return list(map(convert, texts))
        return [None if t is None else convert(t) for t in texts]

    # -- money as int64 fen

    def _read_fen(self, name: str) -> tuple:
        field = self._fields.get(name)
        col = self._col(name)
        if not _is_money(field):
            unit = f"{field.type}, {field.unit or 'no unit'}" if field else "unknown"
            raise ValueError(f"output '{name}' is not an amount of money ({unit}): "
                             f"only yuan outputs can be read as fen")
        n, np = self.rows, _numpy()
        if np is not None:
            fen, ok = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.uint8)
            fen_at, ok_at = fen.ctypes.data, ok.ctypes.data
        else:
            fen, ok = array.array("q", bytes(8 * n)), array.array("B", bytes(n))
            fen_at, ok_at = fen.buffer_info()[0], ok.buffer_info()[0]
        if n:
            rc = lib.libsi_table_column_fen(self._live(), col, fen_at, ok_at)
            if rc != 0:
                raise error_for(rc, f"output '{name}': {strerror(rc)}", name)
        return fen, (ok.view(np.bool_) if np is not None else ok)

    def fen(self, name: str):
        """Money output `name` of every row as int64 fen: a numpy ``int64`` array when
        numpy can be imported, else an ``array.array('q')``.  A row without a value
        (failed, output unset, or not a whole number of fen) holds 0 there: see
        :meth:`fen_ok`.  Only outputs in yuan are accepted (ValueError otherwise).
        Read once (one C call) and kept: every call returns the same array."""
        pair = self._fen.get(name)
        if pair is None:
            with self._lock:
                pair = self._fen.get(name)
                if pair is None:
                    pair = self._fen[name] = self._read_fen(name)
        return pair[0]

    def fen_ok(self, name: str):
        """Where :meth:`fen` has a value: a numpy ``bool`` array, else an
        ``array.array('B')`` of 1 (value) and 0 (no value)."""
        self.fen(name)
        return self._fen[name][1]

    def sum(self, name: str) -> Decimal | None:
        """Exact sum of decimal output `name` over the rows that have it (None when
        no row has it).  A money column is added up in int64 fen (no Decimal per
        row); any other decimal column with Decimal in an unrounded context."""
        field = self._fields.get(name)
        self._col(name)
        if field is None or field.type != "decimal":
            raise ValueError(f"output '{name}' is not a decimal output")
        if not _is_money(field) or name in self._values:
            present = [v for v in self._column(name) if v is not None]
            return _exact_sum(present) if present else None
        fen, ok = self.fen(name), self.fen_ok(name)
        np = _numpy()
        if np is not None:
            biggest = int(np.abs(fen).max()) if len(fen) else 0
            total = int(fen.sum()) if biggest * len(fen) < 2 ** 63 else sum(fen.tolist())
            count, missing = int(ok.sum()), np.flatnonzero(~ok).tolist()
        else:
            total, count = sum(fen), ok.count(1)
            missing = [r for r, has in enumerate(ok) if not has]
        # A row without fen is failed, unset, or (not for rounded money) not whole fen.
        extra = []
        with self._lock:
            handle, get, errors = self._live() if missing else None, lib.libsi_table_text, self.errors
            col = self._index[name]
            for r in missing:
                if r not in errors:
                    text = get(handle, r, col)
                    if text is not None:
                        extra.append(Decimal(text.decode()))
        if not count and not extra:
            return None
        return _exact_sum([Decimal(total).scaleb(-2, _EXACT)] + extra)

    # -- rows

    def row(self, i: int) -> dict:
        """Outputs of row `i` that are set, by name (empty for a failed row)."""
        out = {}
        for name in self.output_names:
            value = self._column(name)[i]
            if value is not None:
                out[name] = value
        return out


# ------------------------------------------------------------ the call


def _level(trace: Any) -> int:
    if trace in ("none", "hash"):
        return TRACE_LEVELS[trace]
    if trace == "full":
        raise InvalidArgumentError("trace: 'full' is not offered by a batch; use libsi.calculate "
                                   "or calculate_many(..., trace=True) for the full trace",
                                   "trace", InvalidArgumentError.code)
    raise InvalidArgumentError(f"trace: {trace!r} is not 'none' or 'hash'", "trace",
                               InvalidArgumentError.code)


def _threads(threads: Any) -> int:
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise InvalidArgumentError(f"threads: {threads!r} is not a whole number of threads >= 1",
                                   "threads", InvalidArgumentError.code)
    return threads


def _kept_outputs(sch: Schema, outputs: Any) -> list | None:
    if outputs is None:
        return None
    if isinstance(outputs, str):
        outputs = [outputs]
    names = list(outputs)
    known = {f.name for f in sch.outputs}
    for name in names:
        if name not in known:
            raise InvalidArgumentError(f"outputs: '{name}' is not an output of '{sch.scheme}'",
                                       "outputs", InvalidArgumentError.code)
    return names


def _is_money(field) -> bool:
    return field is not None and field.type == "decimal" and field.unit.startswith("yuan")


def _fen_names(sch: Schema, kept: list | None, fen: Any) -> list:
    """The money outputs to read as fen at once (fen=True: every kept one)."""
    names = [f.name for f in sch.outputs] if kept is None else kept
    if fen is None or fen is False:
        return []
    if fen is True:
        return [name for name in names if _is_money(sch.output(name))]
    wanted = [fen] if isinstance(fen, str) else list(fen)
    for name in wanted:
        if sch.output(name) is None:
            raise ValueError(f"fen: '{name}' is not an output of '{sch.scheme}'")
        if name not in names:
            raise ValueError(f"fen: output '{name}' is not kept (see outputs=)")
        if not _is_money(sch.output(name)):
            raise ValueError(f"fen: output '{name}' of '{sch.scheme}' is not an amount in yuan")
    return wanted


def _input_columns(sch: Schema, columns: Any) -> tuple:
    """(names, lists, n_rows) of the given columns, checked against the schema."""
    if not isinstance(columns, Mapping):
        raise TypeError(f"columns: expected a mapping of input name to sequence, "
                        f"got {type(columns).__name__}")
    types = {f.name: f.type for f in sch.inputs}
    names, lists = [], []
    for name, values in columns.items():
        if not isinstance(name, str):
            raise TypeError(f"columns: input names are str, got {type(name).__name__} {name!r}")
        if name not in types:
            raise InputError(f"input '{name}': not an input of '{sch.scheme}' "
                             f"(see --help or libsi_schema_json)", name, InputError.code)
        names.append(name)
        lists.append(_sequence(name, values))
    n_rows = len(lists[0]) if lists else 0
    for name, values in zip(names, lists):
        if len(values) != n_rows:
            raise ValueError(f"column '{name}' has {len(values)} values, column '{names[0]}' "
                             f"has {n_rows}: every column needs one value per row")
    return names, lists, n_rows


def _run(sch: Schema, texts: dict, n_rows: int, rules: Ruleset, threads: int, level: int,
         kept: list | None) -> int:
    """Run the table: `texts` maps input name → list of canonical texts ("" = absent).
    Returns the table handle."""
    types = {f.name: f.type for f in sch.inputs}
    defaults = rules._defaults_for(types, {})  # known_on / carry_forward of the ruleset
    names = list(texts)
    constants = [(name, value) for name, value in defaults.items() if name not in texts]
    for name, value in defaults.items():
        if name in texts:
            fill = to_text(types[name], value)
            texts[name] = [t or fill for t in texts[name]]
    all_names = names + [name for name, _ in constants]
    cells = _Cells(n_rows, len(all_names))
    for col, name in enumerate(names):
        cells.set_column(col, name, texts[name])
    for col, (name, value) in enumerate(constants, len(names)):
        cells.set_constant(col, to_text(types[name], value))

    column_names = (c_char_p * max(1, len(all_names)))(*[n.encode() for n in all_names])
    opts = TableOptions(threads, level, None, 0)
    if kept is not None:
        out_names = (c_char_p * max(1, len(kept)))(*[n.encode() for n in kept])
        opts.outputs, opts.n_outputs = ctypes.cast(out_names, ctypes.POINTER(c_char_p)), len(kept)
    table = c_void_p()
    ctx = default_context()
    with ctx._using() as handle:
        rc = lib.libsi_batch_run_table(handle, rules._live(), sch.scheme.encode(), column_names,
                                       len(all_names), cells.array(), n_rows, byref(opts),
                                       byref(table))
        if rc != 0:
            raise ctx._error(rc)
    return table.value


def calculate_batch(scheme: str, columns: Mapping[str, Any], *, threads: int = 1,
                    trace: str = "none", outputs: Iterable[str] | None = None,
                    ruleset: Ruleset | None = None, fen: Any = False) -> BatchResult:
    """Calculate `scheme` for every row of `columns` in one call of the C batch API.

    `columns` maps input names to sequences of equal length (list, tuple or
    numpy array) of str, Decimal, int (and date, Month, bool... as the input's
    schema type allows, like :func:`libsi.calculate`); ``None`` or ``""`` is an
    absent value (its default applies).  A float raises TypeError naming the
    input, an unknown input name InputError, columns of unequal length
    ValueError: all before anything is computed.  A row the library refuses
    fails alone (``BatchResult.errors``); every other row is computed.

    `threads` worker threads split the rows (results do not depend on it);
    `trace` is "none" or "hash" (then ``BatchResult.hashes``); `outputs`
    keeps only the named outputs; `ruleset` defaults to the built-in rules
    (its ``known_on`` / ``strict`` apply as in :func:`libsi.calculate`);
    `fen` (True, or a list of money output names) reads those columns as
    int64 fen right away, so they stay available after ``close()``.
    """
    if not lib.has_batch:
        raise UnsupportedError(f"{lib._name}: this libsi has no batch API (libsi_batch_run_table)",
                               "", UnsupportedError.code)
    level, threads = _level(trace), _threads(threads)
    sch = schema(scheme)
    kept = _kept_outputs(sch, outputs)
    fen_names = _fen_names(sch, kept, fen)
    names, lists, n_rows = _input_columns(sch, columns)
    types = {f.name: f.type for f in sch.inputs}
    texts = {name: _texts(name, types[name], values) for name, values in zip(names, lists)}
    rules = _first(ruleset)
    result = BatchResult(sch, _run(sch, texts, n_rows, rules, threads, level, kept), n_rows,
                         trace)
    for name in fen_names:
        result.fen(name)
    return result
