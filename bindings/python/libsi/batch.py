"""calculate_many: one Result per row of mappings, in input order.

Without the trace (the default) rows are read in blocks, turned into
columns and computed by :func:`libsi.calculate_batch` (the C batch API,
``workers`` C threads, one call per block).  A row the batch path cannot
take as it is (not a mapping, a value of the wrong type, an unknown input
name, an empty string) and every row the library refuses are run again on
their own through :meth:`Context.calculate`, so their ``Result.error`` is
exactly what :func:`libsi.calculate` raises.

With ``trace=True`` every row goes through :meth:`Context.calculate` on
worker threads, one libsi context per thread: ctypes releases the GIL while
the library computes, so threads overlap the C work.

Results keep the input order; a row that cannot be calculated gives a
Result with ``error`` set instead of ending the batch.
"""

from __future__ import annotations

import collections
import itertools
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Iterable, Iterator, Mapping

from ._native import lib
from .core import Context, Result, Ruleset, _plan, default_context, default_ruleset, schema
from .table import BatchResult, _run
from .types import to_text

#: Rows per calculate_batch call of calculate_many (bounds the memory of a lazy iterable).
BLOCK_ROWS = 65_536


def _one(ctx: Context, scheme: str, row: Mapping[str, Any], trace: bool) -> Result:
    try:
        return ctx.calculate(scheme, row, trace=trace)
    except Exception as e:  # a bad row must not lose the batch: its error is its result
        return Result.failed(scheme, e)


def _chunks(rows: Iterable, size: int) -> Iterator[list]:
    it = iter(rows)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class _ThreadContexts:
    """One Context per worker thread, created on the thread's first chunk and
    all closed together when the batch ends."""

    def __init__(self, ruleset: Ruleset):
        self._ruleset, self._local = ruleset, threading.local()
        self._all: list = []
        self._lock = threading.Lock()

    def get(self) -> Context:
        ctx = getattr(self._local, "ctx", None)
        if ctx is None:
            ctx = self._local.ctx = Context(self._ruleset)
            with self._lock:
                self._all.append(ctx)
        return ctx

    def close(self) -> None:
        for ctx in self._all:
            ctx.close()


def calculate_many(scheme: str, rows: Iterable[Mapping[str, Any]], workers: int = 1, *,
                   ruleset: Ruleset | None = None, trace: bool = False,
                   chunk_size: int = 256) -> list:
    """Calculate `scheme` for every row (a mapping of inputs), on `workers` threads.

    Returns one Result per row, in input order.  A row that fails (library
    error, float where a decimal is expected, ...) gives ``Result.error``; an
    unknown scheme raises SchemeError at once.  `trace=False` (default)
    leaves the per-row trace out and computes the rows through the C batch
    API (:func:`libsi.calculate_batch`, `workers` C threads, blocks of
    ``BLOCK_ROWS`` rows): much faster.  Each Result then has outputs, raw
    strings, flags and hash, as from ``calculate(..., trace=False)``.
    `chunk_size` (rows per task) only matters with `trace=True`.
    """
    schema(scheme)  # an unknown scheme is the caller's error, not a row's
    rules = ruleset if ruleset is not None else default_ruleset()
    if not trace and lib.has_batch:
        results: list = []
        for block in _chunks(rows, BLOCK_ROWS):
            results += _batched(scheme, block, max(1, workers), rules)
        return results
    if workers <= 1:
        with Context(rules) as ctx:
            return [_one(ctx, scheme, row, trace) for row in rows]
    return _threaded(scheme, rows, workers, rules, trace, chunk_size)


def _threaded(scheme, rows, workers, rules, trace, chunk_size) -> list:
    contexts = _ThreadContexts(rules)

    def run(chunk: list) -> list:
        ctx = contexts.get()
        return [_one(ctx, scheme, row, trace) for row in chunk]

    results: list = []
    pending: collections.deque = collections.deque()
    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="libsi") as pool:
            for chunk in _chunks(rows, chunk_size):
                pending.append(pool.submit(run, chunk))
                if len(pending) >= 2 * workers:  # bounded look-ahead over a lazy iterable
                    results.extend(pending.popleft().result())
            while pending:
                results.extend(pending.popleft().result())
    finally:
        contexts.close()
    return results


# ---------------------------------------------------------- the batch path


def _row_texts(types: dict, row: Any) -> dict | None:
    """Canonical texts of a row's given inputs, or None when the batch cannot
    take the row as it is (it then runs alone, which reports its error)."""
    if not isinstance(row, Mapping):
        return None
    texts = {}
    try:
        for name, value in row.items():
            if value is None:
                continue
            kind = types.get(name)
            if kind is None:
                return None  # unknown input: the library names it
            text = value if type(value) is str else to_text(kind, value)
            if not text or "\0" in text:
                return None  # "" is absent in a batch but an error in calculate
            texts[name] = text
    except Exception:  # a value calculate refuses: it says why
        return None
    return texts


def _batched(scheme: str, rows: list, threads: int, rules: Ruleset) -> list:
    """Results of one block of rows: the batch for the rows it can take, then
    every other and every failed row alone through Context.calculate."""
    ctx = default_context()
    plan = _plan(scheme, ctx)
    types = plan.input_types
    encoded = [_row_texts(types, row) for row in rows]
    good = [i for i, texts in enumerate(encoded) if texts is not None]
    names: dict = {}
    for i in good:
        names.update(dict.fromkeys(encoded[i]))
    columns = {name: [encoded[i].get(name, "") for i in good] for name in names}
    results: list = [None] * len(rows)
    if good:
        sch = plan.schema
        table = BatchResult(sch, _run(sch, columns, len(good), rules, threads, 1, None),
                            len(good), "hash")
        with table:
            for k, result in zip(good, _table_results(table)):
                results[k] = result
    with Context(rules) as alone:
        for i, result in enumerate(results):
            if result is None:
                results[i] = _one(alone, scheme, rows[i], False)
    return results


def _table_results(table: BatchResult) -> list:
    """One Result per row of the table; None for a failed row."""
    scheme, names, n = table.scheme, table.output_names, table.rows
    texts = zip(*[table.text(name) for name in names]) if names else itertools.repeat((), n)
    values = zip(*[table.columns[name] for name in names]) if names else itertools.repeat((), n)
    flags, hashes, errors = table.flags, table.hashes, table.errors
    out = []
    for r, (text, value) in enumerate(zip(texts, values)):
        if r in errors:
            out.append(None)
            continue
        if None in text:  # outputs the row did not set
            raw = {k: t for k, t in zip(names, text) if t is not None}
            outputs = {k: v for k, t, v in zip(names, text, value) if t is not None}
        else:
            raw, outputs = dict(zip(names, text)), dict(zip(names, value))
        out.append(Result(scheme, outputs, raw, flags[r], hashes[r] or ""))
    return out
