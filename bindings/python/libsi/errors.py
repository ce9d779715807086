"""The exceptions of libsi: one subclass of :class:`Error` per ``LIBSI_E*`` code.

Every exception raised for a failed library call carries the library's own
numeric ``code``, the ``field`` (input, option or rule parameter) the context
named, and the context's ``message``.  Subclasses also derive from the
built-in exception a Python caller would expect (``ValueError`` for a bad
value, ``LookupError`` for something not found, ...) so ordinary ``except``
clauses keep working.
"""

from __future__ import annotations


class Error(Exception):
    """A libsi call failed.  ``code`` is the negative ``LIBSI_E*`` value."""

    code = 0
    code_name = "E?"

    def __init__(self, message: str = "", field: str = "", code: int | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code is not None:
            self.code = code

    def __reduce__(self):
        # Errors cross process boundaries (Dask, multiprocessing): keep all three parts.
        return (type(self), (self.message, self.field, self.code))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code}, field={self.field!r}, message={self.message!r})"


class OutOfMemoryError(Error, MemoryError):
    """LIBSI_ENOMEM: the allocator returned NULL."""
    code, code_name = -1, "ENOMEM"


class InvalidArgumentError(Error, ValueError):
    """LIBSI_EINVAL: invalid argument (NULL pointer, bad option)."""
    code, code_name = -2, "EINVAL"


class DecimalError(Error, ValueError):
    """LIBSI_EDECIMAL: malformed or over-long decimal string."""
    code, code_name = -3, "EDECIMAL"


class RangeError(Error, ValueError):
    """LIBSI_ERANGE: value outside the representable or legal range."""
    code, code_name = -4, "ERANGE"


class DateError(Error, ValueError):
    """LIBSI_EDATE: malformed or impossible date or month."""
    code, code_name = -5, "EDATE"


class NotFoundError(Error, LookupError):
    """LIBSI_ENOTFOUND: no rule value for that name, place and date (strict lookup)."""
    code, code_name = -6, "ENOTFOUND"


class JurisdictionError(Error, LookupError):
    """LIBSI_EJURISDICTION: unknown jurisdiction."""
    code, code_name = -7, "EJURISDICTION"


class UnsupportedError(Error):
    """LIBSI_EUNSUPPORTED: jurisdiction or feature not supported (e.g. Shenzhen)."""
    code, code_name = -8, "EUNSUPPORTED"


class RuleFileError(Error, ValueError):
    """LIBSI_ERULEFILE: malformed rule file (message names file, line and field)."""
    code, code_name = -9, "ERULEFILE"


class CaseError(Error, ValueError):
    """LIBSI_ECASE: malformed case file."""
    code, code_name = -10, "ECASE"


class InputError(Error, ValueError):
    """LIBSI_EINPUT: missing, unknown or invalid calculation input."""
    code, code_name = -11, "EINPUT"


class SchemeError(Error, LookupError):
    """LIBSI_ESCHEME: unknown calculation (scheme) name."""
    code, code_name = -12, "ESCHEME"


class FileError(Error):
    """LIBSI_EIO: a file could not be read."""
    code, code_name = -13, "EIO"


class DivisionByZeroError(Error, ZeroDivisionError):
    """LIBSI_EDIVZERO: division by zero."""
    code, code_name = -14, "EDIVZERO"


class InternalError(Error):
    """LIBSI_EINTERNAL: an internal invariant broke; please report it."""
    code, code_name = -15, "EINTERNAL"


class LifeTableError(Error, ValueError):
    """LIBSI_ELIFETABLE: a life table fails its checks (ages, q_x, closing age)."""
    code, code_name = -16, "ELIFETABLE"


#: Exception class for each library error code.
ERRORS_BY_CODE = {cls.code: cls for cls in (
    OutOfMemoryError, InvalidArgumentError, DecimalError, RangeError, DateError,
    NotFoundError, JurisdictionError, UnsupportedError, RuleFileError, CaseError,
    InputError, SchemeError, FileError, DivisionByZeroError, InternalError, LifeTableError)}


def error_for(code: int, message: str, field: str) -> Error:
    """The exception for a library return code; unknown codes give a plain :class:`Error`."""
    cls = ERRORS_BY_CODE.get(code, Error)
    return cls(message, field, code)
