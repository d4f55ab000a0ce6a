"""Recognising a database that is down (as opposed to a bug in a query)."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

UNAVAILABLE_HINTS = (
    "unable to open",
    "database is locked",
    "disk i/o error",
    "could not connect",
    "connection refused",
    "connection was closed",
    "connection is closed",
    "server closed",
    "terminating connection",
    "the database system is",
    "timeout",
    "timed out",
)


def is_unavailable(error: BaseException | None) -> bool:
    """True when the error means "the database cannot be reached right now"."""
    while error is not None:
        if isinstance(error, InterfaceError | PoolTimeout | ConnectionError | TimeoutError):
            return True
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return True
        if isinstance(error, OperationalError):
            return any(hint in str(error.orig).lower() for hint in UNAVAILABLE_HINTS)
        if isinstance(error, OSError):
            return True
        error = error.__cause__ or error.__context__
    return False
