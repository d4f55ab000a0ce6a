"""Telling a database outage from everything else: a Bot API timeout or 5xx is not one."""

from __future__ import annotations

import httpx
from sqlalchemy.exc import OperationalError
from telegram.error import NetworkError, TimedOut

from storage.errors import is_unavailable


def chained(outer: BaseException, inner: BaseException) -> BaseException:
    try:
        try:
            raise inner
        except BaseException as exc:
            raise outer from exc
    except BaseException as caught:
        return caught


def test_a_bot_api_timeout_is_not_a_database_outage() -> None:
    # what PTB raises: TimedOut from httpx.ReadTimeout from a builtin TimeoutError
    read_timeout = chained(httpx.ReadTimeout("timed out"), TimeoutError())
    assert not is_unavailable(chained(TimedOut(), read_timeout))
    assert not is_unavailable(chained(NetworkError("Internal Server Error (500)"), OSError()))
    assert not is_unavailable(NetworkError("Bad Gateway"))


def test_database_outages_are_recognised() -> None:
    assert is_unavailable(ConnectionRefusedError())
    assert is_unavailable(TimeoutError())
    locked = OperationalError("SELECT 1", {}, Exception("database is locked"))
    assert is_unavailable(locked)
    assert is_unavailable(chained(RuntimeError("while handling"), ConnectionResetError()))
    assert not is_unavailable(OperationalError("SELECT 1", {}, Exception("syntax error")))
    assert not is_unavailable(ValueError("a bug"))
