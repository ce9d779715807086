"""libsi: Guangdong social insurance contributions and benefits, exact to the fen.

A pure-Python (ctypes) binding of the libsi C library.  Amounts go in and
come out as :class:`decimal.Decimal`, never ``float``::

    import libsi
    from decimal import Decimal

    r = libsi.calculate("contributions",
                        {"city": "guangzhou", "month": "2025-08", "wage": Decimal("30000")})
    print(r.outputs["employee_total"])        # Decimal('...')

Every calculation the library offers (:func:`schemes`) is available, and its
inputs and outputs are read from the library's published schema
(:func:`schema`), so new calculations need no new binding code.

Many rows at once: :func:`calculate_batch` takes columns (input name →
sequence) and computes every row in one call of the C batch API;
:func:`calculate_many` takes rows (mappings) and returns one Result each.

Explanations and calculation sheets in Chinese or English:
``result.explain(lang="zh")``, ``result.html(lang="zh")``.  The actuarial API
(life tables, survival, life expectancy, annuity and insurance factors, the
caller's tables) is :mod:`libsi.actuarial`.

The C library is found through ``LIBSI_LIBRARY``, then the source tree's
``build*/libsi/libsi.so.0``, then the installed ``libsi.so.0``.
"""

from ._native import BINDING_VERSION as __version__
from ._native import library_path
from .batch import calculate_many
from .core import (Context, Flag, Period, Result, RuleValue, Ruleset, calculate,
                   default_context, default_ruleset, flag_names, lookup, schema, schemes,
                   strerror, version)
from .errors import (ERRORS_BY_CODE, CaseError, DateError, DecimalError, DivisionByZeroError,
                     Error, FileError, InputError, InternalError, InvalidArgumentError,
                     LifeTableError,
                     JurisdictionError, NotFoundError, OutOfMemoryError, RangeError,
                     RuleFileError, SchemeError, UnsupportedError)
from .table import BatchResult, calculate_batch
from . import actuarial
from .types import Field, Month, Schema, from_text, to_text

__all__ = [
    "__version__", "library_path", "version", "strerror", "schemes", "schema", "calculate",
    "calculate_many", "calculate_batch", "BatchResult", "lookup", "Context", "Ruleset", "Result", "RuleValue", "Period", "Flag",
    "flag_names", "Field", "Schema", "Month", "to_text", "from_text", "default_context",
    "default_ruleset", "ERRORS_BY_CODE", "Error", "OutOfMemoryError", "InvalidArgumentError",
    "DecimalError", "RangeError", "DateError", "NotFoundError", "JurisdictionError",
    "UnsupportedError", "RuleFileError", "CaseError", "InputError", "SchemeError", "FileError",
    "DivisionByZeroError", "InternalError", "LifeTableError", "actuarial",
]
