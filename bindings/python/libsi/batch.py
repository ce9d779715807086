"""Batch calculation on worker threads, one libsi context per thread.

ctypes releases the GIL while the library computes, so threads overlap the
C work; the Python work of preparing inputs and reading outputs stays
serialised by the GIL.  Results keep the input order; a row that cannot be
calculated gives a Result with ``error`` set instead of ending the batch.
"""

from __future__ import annotations

import collections
import itertools
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Iterable, Iterator, Mapping

from .core import Context, Result, Ruleset, default_ruleset, schema


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
    leaves the per-row trace out, which is much faster.
    """
    schema(scheme)  # an unknown scheme is the caller's error, not a row's
    rules = ruleset if ruleset is not None else default_ruleset()
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
