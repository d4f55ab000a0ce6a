"""Recognising a database that is down (as opposed to a bug)."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout


def is_unavailable(error: BaseException | None) -> bool:
    """True when the error means "the database cannot be reached right now"."""
    while error is not None:
        if isinstance(error, OperationalError | InterfaceError | PoolTimeout | ConnectionError):
            return True
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return True
        if isinstance(error, OSError | TimeoutError):
            return True
        error = error.__cause__ or error.__context__
    return False
