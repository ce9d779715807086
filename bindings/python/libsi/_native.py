"""Loading libsi.so and declaring every C function the binding calls.

All foreign functions are declared in one table (``_PROTOTYPES``) so that
argument and return types are checked in one place.  A ``c_char_p`` return
type is only used for strings the library keeps (static strings, strings
owned by a context, result or ruleset): ctypes copies them into ``bytes``.
Strings the caller must free come back through a ``c_void_p`` out-parameter
and are copied and released by :func:`take_owned_string`.

ctypes releases the GIL for the duration of each call into a ``CDLL``, which
is what lets worker threads (one context each) calculate in parallel.  The
accessors in ``_QUICK`` run in well under a microsecond; releasing and
retaking the GIL around each of them costs more than the call and makes
threads thrash, so they are called through a ``PyDLL`` handle of the same
library, which keeps the GIL.  Everything that does real work (calculate,
load rules, write JSON) releases it.
"""

from __future__ import annotations

import ctypes
import os
from ctypes import (POINTER, Structure, c_char_p, c_int, c_int64, c_size_t, c_uint,
                    c_void_p)
from pathlib import Path

#: Version of this binding; the library must have the same major.minor.
BINDING_VERSION = "0.1.0"

SONAME = "libsi.so.0"


class _Sized(Structure):
    """An extensible libsi struct (docs/api.md): the first member, ``size``, is
    set to the sizeof this binding knows; the positional arguments fill the
    members after it."""
    def __init__(self, *args, **kwargs):
        super().__init__(ctypes.sizeof(self), *args, **kwargs)


class LookupOptions(_Sized):
    """struct libsi_lookup_options."""
    _fields_ = [("size", c_size_t), ("known_on", c_char_p), ("carry_forward", c_int)]


class RuleValueStruct(_Sized):
    """struct libsi_rule_value: every string is owned by the ruleset."""
    _fields_ = [("size", c_size_t)] + [(name, c_char_p) for name in (
        "name", "value", "unit", "jurisdiction", "from_", "to", "document", "article",
        "url", "published", "status", "confidence", "note", "source_file")] + [("flags", c_uint)]


class TableOptions(_Sized):
    """struct libsi_table_options (libsi/batch.h)."""
    _fields_ = [("size", c_size_t), ("threads", c_uint), ("level", c_int),
                ("outputs", POINTER(c_char_p)), ("n_outputs", c_size_t)]


#: enum libsi_trace_level
TRACE_LEVELS = {"none": 0, "hash": 1, "full": 2}

_P = POINTER(c_void_p)  # out-parameter receiving an opaque pointer or an owned string

_PROTOTYPES = {
    # common.h
    "libsi_version": (c_char_p, []),
    "libsi_version_number": (c_int, []),
    "libsi_strerror": (c_char_p, [c_int]),
    "libsi_flag_name": (c_char_p, [c_uint]),
    "libsi_ctx_new": (c_int, [c_void_p, _P]),
    "libsi_ctx_free": (None, [c_void_p]),
    "libsi_ctx_message": (c_char_p, [c_void_p]),
    "libsi_ctx_field": (c_char_p, [c_void_p]),
    "libsi_ctx_code": (c_int, [c_void_p]),
    "libsi_free": (None, [c_void_p, c_void_p]),
    # decimal.h
    "libsi_decimal_normalize": (c_int, [c_void_p, c_char_p, _P]),
    "libsi_decimal_round": (c_int, [c_void_p, c_char_p, c_int, c_char_p, POINTER(c_uint), _P]),
    "libsi_round_mode_parse": (c_int, [c_char_p, POINTER(c_int)]),
    # ruleset.h
    "libsi_ruleset_builtin": (c_int, [c_void_p, _P]),
    "libsi_ruleset_load": (c_int, [c_void_p, c_char_p, _P]),
    "libsi_ruleset_free": (None, [c_void_p]),
    "libsi_ruleset_digest": (c_char_p, [c_void_p]),
    "libsi_ruleset_size": (c_size_t, [c_void_p]),
    "libsi_ruleset_lookup": (c_int, [c_void_p, c_void_p, c_char_p, c_char_p, c_char_p,
                                  POINTER(LookupOptions), POINTER(RuleValueStruct)]),
    "libsi_jurisdiction_resolve": (c_int, [c_void_p, c_char_p, _P]),
    # calc.h
    "libsi_schema_names": (POINTER(c_char_p), []),
    "libsi_schema_json": (c_int, [c_void_p, c_char_p, _P]),
    "libsi_case_new": (c_int, [c_void_p, _P]),
    "libsi_case_set": (c_int, [c_void_p, c_void_p, c_char_p, c_char_p]),
    "libsi_case_free": (None, [c_void_p]),
    "libsi_calculate": (c_int, [c_void_p, c_void_p, c_char_p, c_void_p, _P]),
    "libsi_result_free": (None, [c_void_p]),
    "libsi_result_count": (c_size_t, [c_void_p]),
    "libsi_result_name": (c_char_p, [c_void_p, c_size_t]),
    "libsi_result_value": (c_char_p, [c_void_p, c_size_t]),
    "libsi_result_get": (c_char_p, [c_void_p, c_char_p]),
    "libsi_result_flags": (c_uint, [c_void_p]),
    "libsi_result_hash": (c_char_p, [c_void_p]),
    "libsi_result_json": (c_int, [c_void_p, c_void_p, _P]),
    "libsi_result_explain": (c_int, [c_void_p, c_void_p, _P]),
    "libsi_result_explain_lang": (c_int, [c_void_p, c_void_p, c_int, _P]),
    "libsi_result_html": (c_int, [c_void_p, c_void_p, c_int, _P]),
    "libsi_ctx_message_lang": (c_char_p, [c_void_p, c_int]),
    "libsi_text": (c_char_p, [c_int, c_char_p]),
}

# batch.h: declared when the library has all of them (``lib.has_batch``).
# The fen and ok arrays of libsi_table_column_fen are c_void_p: the binding
# passes the addresses of numpy or array.array buffers it owns.
_BATCH_PROTOTYPES = {
    "libsi_calculate_traced": (c_int, [c_void_p, c_void_p, c_char_p, c_void_p, c_int, _P]),
    "libsi_batch_new": (c_int, [c_void_p, c_void_p, c_char_p, POINTER(c_char_p), c_size_t,
                                c_int, _P]),
    "libsi_batch_free": (None, [c_void_p]),
    "libsi_batch_run": (c_int, [c_void_p, c_void_p]),
    "libsi_batch_output_count": (c_size_t, [c_void_p]),
    "libsi_batch_output_name": (c_char_p, [c_void_p, c_size_t]),
    "libsi_batch_output_index": (c_int, [c_void_p, c_char_p]),
    "libsi_batch_output_text": (c_int, [c_void_p, c_size_t, POINTER(c_char_p)]),
    "libsi_batch_output_fen": (c_int, [c_void_p, c_size_t, POINTER(c_int64)]),
    "libsi_batch_flags": (c_uint, [c_void_p]),
    "libsi_batch_hash": (c_char_p, [c_void_p]),
    "libsi_batch_json": (c_int, [c_void_p, POINTER(c_void_p), POINTER(c_size_t)]),
    "libsi_batch_explain": (c_int, [c_void_p, POINTER(c_char_p)]),
    "libsi_batch_run_table": (c_int, [c_void_p, c_void_p, c_char_p, POINTER(c_char_p), c_size_t,
                                      POINTER(c_char_p), c_size_t, POINTER(TableOptions), _P]),
    "libsi_table_free": (None, [c_void_p]),
    "libsi_table_rows": (c_size_t, [c_void_p]),
    "libsi_table_output_count": (c_size_t, [c_void_p]),
    "libsi_table_output_name": (c_char_p, [c_void_p, c_size_t]),
    "libsi_table_text": (c_char_p, [c_void_p, c_size_t, c_size_t]),
    "libsi_table_column": (c_int, [c_void_p, c_size_t, POINTER(c_void_p), POINTER(c_size_t)]),
    "libsi_table_column_fen": (c_int, [c_void_p, c_size_t, c_void_p, c_void_p]),
    "libsi_table_flags": (c_uint, [c_void_p, c_size_t]),
    "libsi_table_hash": (c_char_p, [c_void_p, c_size_t]),
    "libsi_table_error_count": (c_size_t, [c_void_p]),
    "libsi_table_error": (c_int, [c_void_p, c_size_t, POINTER(c_size_t), POINTER(c_int),
                                  POINTER(c_char_p)]),
}

# Constant-time accessors, called with the GIL held (see the module comment).
_QUICK = frozenset({
    "libsi_version", "libsi_version_number", "libsi_strerror", "libsi_flag_name",
    "libsi_ctx_message", "libsi_ctx_field", "libsi_ctx_code", "libsi_round_mode_parse",
    "libsi_ruleset_digest", "libsi_ruleset_size", "libsi_schema_names", "libsi_case_new",
    "libsi_case_set", "libsi_case_free", "libsi_result_free", "libsi_result_count",
    "libsi_result_name", "libsi_result_value", "libsi_result_get", "libsi_result_flags",
    "libsi_result_hash", "libsi_free",
    # batch.h accessors of a finished batch or table (libsi_table_column and
    # _column_fen format or copy a whole column: they release the GIL)
    "libsi_batch_output_count", "libsi_batch_output_name", "libsi_batch_output_index",
    "libsi_batch_output_text", "libsi_batch_output_fen", "libsi_batch_flags", "libsi_batch_hash",
    "libsi_table_rows", "libsi_table_output_count", "libsi_table_output_name", "libsi_table_text",
    "libsi_table_flags", "libsi_table_hash", "libsi_table_error_count", "libsi_table_error",
})


def _repo_root() -> Path | None:
    """The source tree this package sits in (bindings/python/libsi), if any."""
    root = Path(__file__).resolve().parents[3]
    return root if (root / "include" / "libsi.h").is_file() else None


_SANITIZER_MARKS = (b"__asan_init", b"__ubsan_handle", b"__sanitizer_cov")


def _instrumented(path: Path) -> bool:
    """True for a sanitizer build: loading it into an uninstrumented Python aborts
    the process (the ASan runtime must come first), so the search skips it."""
    data = path.read_bytes()
    return any(mark in data for mark in _SANITIZER_MARKS)


def _build_tree_libraries() -> list:
    """build*/libsi/libsi.so.0 of the source tree, most recently built first,
    sanitizer builds left out (use LIBSI_LIBRARY with LD_PRELOAD for those)."""
    root = _repo_root()
    if root is None:
        return []
    found = [p for p in root.glob("build*/libsi/" + SONAME) if p.is_file()]
    usable = [p for p in found if not _instrumented(p)]
    return sorted(usable, key=lambda p: p.stat().st_mtime, reverse=True)


def _candidates() -> list:
    """(where, path) pairs in search order.  LIBSI_LIBRARY, when set, is the only one."""
    explicit = os.environ.get("LIBSI_LIBRARY")
    if explicit:
        return [("LIBSI_LIBRARY", explicit)]
    tree = [("build tree", str(p)) for p in _build_tree_libraries()]
    return tree + [("installed", SONAME)]


def _declare(lib: ctypes.CDLL, quick: ctypes.PyDLL) -> None:
    """Set every prototype; the quick accessors replace their CDLL attribute by the
    PyDLL function, so callers use ``lib.NAME`` for all of them.  The batch API
    is declared all or nothing; ``lib.has_batch`` says which."""
    for name, (restype, argtypes) in _PROTOTYPES.items():
        fn = getattr(quick if name in _QUICK else lib, name)  # AttributeError: too old a library
        fn.restype = restype
        fn.argtypes = argtypes
        setattr(lib, name, fn)
    lib.has_batch = all(hasattr(lib, name) for name in _BATCH_PROTOTYPES)
    if lib.has_batch:
        for name, (restype, argtypes) in _BATCH_PROTOTYPES.items():
            fn = getattr(quick if name in _QUICK else lib, name)
            fn.restype = restype
            fn.argtypes = argtypes
            setattr(lib, name, fn)


def _check_version(lib: ctypes.CDLL, path: str) -> None:
    # 0.x releases may change the ABI between minor versions: both must agree.
    want = tuple(int(x) for x in BINDING_VERSION.split(".")[:2])
    number = lib.libsi_version_number()
    have = (number // 10000, number // 100 % 100)
    if have != want:
        raise ImportError(f"libsi: {path} is version {lib.libsi_version().decode()}, "
                          f"this binding needs {want[0]}.{want[1]}.x")


def _open(path: str) -> ctypes.CDLL:
    lib = ctypes.CDLL(path)
    try:
        _declare(lib, ctypes.PyDLL(path))  # the same loaded object, a second handle
    except AttributeError as e:
        raise OSError(f"missing symbol ({e})") from None
    _check_version(lib, path)
    return lib


def load() -> tuple:
    """Open the first usable libsi; ImportError lists every place tried."""
    tried = []
    for where, path in _candidates():
        try:
            return _open(path), path
        except OSError as e:
            tried.append(f"  {where}: {path}: {e}")
    raise ImportError("libsi: cannot load the C library; looked in:\n" + "\n".join(tried) +
                      "\nbuild it (meson setup build && ninja -C build), install it, or set "
                      "LIBSI_LIBRARY to the path of libsi.so.0")


lib, library_path = load()


def take_owned_string(ctx: int, ptr: c_void_p) -> str:
    """Copy a string the library handed over through `ctx`, then free it there."""
    try:
        return ctypes.string_at(ptr.value).decode("utf-8")
    finally:
        lib.libsi_free(ctx, ptr)
