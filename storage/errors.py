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


# errors of the messaging side (python-telegram-bot, its HTTP client): never a database
# outage, even when they wrap a builtin TimeoutError or OSError (a Bot API timeout, a 5xx)
NOT_DATABASE_MODULES = ("telegram", "httpx", "httpcore", "aiohttp")


def is_messaging_error(error: BaseException) -> bool:
    module = type(error).__module__ or ""
    return module.split(".")[0] in NOT_DATABASE_MODULES


def is_unavailable(error: BaseException | None) -> bool:
    """True when the error means "the database cannot be reached right now"."""
    while error is not None:
        if is_messaging_error(error):
            return False
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
