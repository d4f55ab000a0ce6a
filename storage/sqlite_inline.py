"""SQLite run on the event loop's own thread, behind aiosqlite's interface.

aiosqlite runs every call (cursor, execute, fetch, close: four a statement) on a worker thread
and wakes the event loop for each result. On dondoc's workload, a few small queries per
message on a local file, those hops cost more than the queries: SQLite answers them in
microseconds. This connection keeps aiosqlite's interface (so SQLAlchemy's aiosqlite dialect
drives it unchanged) and runs each call at once.

Nothing here waits long: writers of this process take turns before they begin
(`Database._write_turn`), so SQLite's own busy wait only comes into play when another
process holds the write lock; `busy_timeout` is kept short for that reason and a busy BEGIN
is retried without blocking the loop (`storage.db._sqlite_begin`).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from typing import Any

import aiosqlite


class _RunAtOnce:
    """Stands for aiosqlite's queue to its worker thread: a call put here runs at once (SQLAlchemy's
    adapter puts some calls, such as setting the isolation level, straight on that queue)."""

    def put_nowait(self, item: tuple[asyncio.Future[Any] | None, Callable[[], Any]]) -> None:
        future, function = item
        try:
            result = function()
        except BaseException as exc:  # handed to whoever awaits the future
            if future is not None and not future.done():
                future.set_exception(exc)
            return
        if future is not None and not future.done():
            future.set_result(result)


class InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection whose calls run on the calling thread."""

    def __init__(self, connector: Callable[[], sqlite3.Connection]) -> None:
        super().__init__(connector, iter_chunk_size=64)
        self._tx = _RunAtOnce()  # type: ignore[assignment]

    def __await__(self) -> Any:  # no worker thread to start
        return self._connect().__await__()

    async def _connect(self) -> InlineConnection:
        if self._connection is None:
            self._connection = self._connector()
        return self

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)

    def stop(self) -> None:
        self._running = False
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def close(self) -> None:
        self.stop()


def inline_connector(database: str, **kwargs: Any) -> Callable[[], InlineConnection]:
    """An `async_creator` for SQLAlchemy: a new inline connection to `database`."""

    async def create() -> InlineConnection:
        def connect() -> sqlite3.Connection:
            return sqlite3.connect(database, check_same_thread=False, **kwargs)

        return await InlineConnection(connect)

    return create
