"""Engine, sessions and migrations. One `async with db.transaction()` per unit of work."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.util import await_

from storage.sqlite_inline import inline_connector

try:
    import fcntl
except ImportError:  # Windows: no lock file (run one instance there)
    fcntl = None  # type: ignore[assignment]

MIGRATIONS = Path(__file__).parent / "migrations"


# SQLite's own wait for another process's write lock, per try: short, since it blocks the
# event loop (this process's writers take turns before they begin: `Database._write_turn`)
BUSY_TIMEOUT_MS = 20
# how long a write transaction waits for its turn, or for another process's write lock
WRITE_WAIT_SECONDS = 30.0

# the execution option that marks a session as read-only (`Database.reading`)
READING = "dondoc_reading"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()
    # transactions are begun by SQLAlchemy (below), not by the driver
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection: Connection) -> None:
    """BEGIN IMMEDIATE: a transaction takes SQLite's write lock when it starts. A deferred one
    that read first and writes later fails at once (SQLITE_BUSY_SNAPSHOT) when another
    connection committed in between, which happens as soon as updates of several chats are
    handled concurrently. While another process holds the lock, the event loop keeps running
    between tries. A read-only session begins deferred: in WAL mode it reads a snapshot
    without waiting for, or holding, the write lock."""
    if connection.get_execution_options().get(READING):
        connection.exec_driver_sql("BEGIN")
        return
    deadline = time.monotonic() + WRITE_WAIT_SECONDS
    pause = 0.002
    while True:
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            if "locked" not in str(exc.orig).lower() or time.monotonic() > deadline:
                raise
        await_(asyncio.sleep(pause))  # this runs in SQLAlchemy's greenlet: the loop goes on
        pause = min(pause * 2, 0.05)


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An engine for SQLite (aiosqlite) or PostgreSQL (asyncpg), set up for concurrent use."""
    if url.startswith("sqlite"):
        database = make_url(url).database or ":memory:"
        kwargs.setdefault("async_creator", inline_connector(database))
        engine = create_async_engine(url, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(url, **kwargs)


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


class WriteTurnTimeout(TimeoutError):
    """A transaction waited too long for its turn to write (SQLite: the database is locked)."""


class Database:
    """The application's database: an engine plus a session factory."""

    def __init__(self, url: str, *, schema: str | None = None, **engine_kwargs: Any) -> None:
        self.url = url
        self.schema = schema
        if not url.startswith("sqlite"):
            # a generic cached plan of the summary queries is far slower than a custom one
            server_settings = {"plan_cache_mode": "force_custom_plan"}
            if schema:
                server_settings["search_path"] = schema
            engine_kwargs.setdefault("connect_args", {})["server_settings"] = server_settings
        self.engine = make_engine(url, **engine_kwargs)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._read_sessions = async_sessionmaker(
            self.engine.execution_options(**{READING: True}), expire_on_commit=False
        )
        # SQLite has one writer at a time: this process's write transactions take turns in
        # order here instead of polling the file lock
        self._write_turns: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session inside one transaction: committed on exit, rolled back on error."""
        async with self._write_turn(), self.sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A session for reads only (a consistent snapshot, ended on exit): on SQLite it neither
        waits for nor holds the write lock. Anything written in it is rolled back."""
        async with self._read_sessions() as session:  # closing it rolls back
            yield session

    @asynccontextmanager
    async def _write_turn(self) -> AsyncIterator[None]:
        """SQLite: wait for this process's earlier write transactions (first come, first
        served). Another process holding the lock is waited for in `_sqlite_begin`."""
        if not self.is_sqlite:
            yield
            return
        loop = asyncio.get_running_loop()
        turn = self._write_turns.get(loop)
        if turn is None:
            self._write_turns = {loop: asyncio.Lock()}  # one loop at a time (tests make several)
            turn = self._write_turns[loop]
        try:
            await asyncio.wait_for(turn.acquire(), WRITE_WAIT_SECONDS)
        except TimeoutError:
            raise WriteTurnTimeout("database is locked (waited for a write turn)") from None
        try:
            yield
        finally:
            turn.release()

    async def upgrade(self) -> None:
        """Apply every pending migration, one instance at a time: several instances starting
        at once on one database take turns (PostgreSQL: an advisory lock per schema; SQLite:
        a lock file beside the database); the later ones find nothing left to do."""

        def run(connection: Connection) -> None:
            command.upgrade(alembic_config(connection), "head")

        async with self._migration_file_lock(), self.engine.begin() as conn:
            if not self.is_sqlite:
                await conn.execute(
                    text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                    {"key": f"dondoc-migrations:{self.schema or ''}"},
                )
            await conn.run_sync(run)

    @asynccontextmanager
    async def _migration_file_lock(self) -> AsyncIterator[None]:
        """SQLite: an exclusive lock on `<database>.lock`, taken in a thread (it may wait)."""
        path = self.sqlite_file()
        if path is None or fcntl is None:
            yield
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(f"{path}.lock", "a+b")  # noqa: SIM115 (held until the upgrade ends)
        try:
            await asyncio.to_thread(fcntl.flock, handle.fileno(), fcntl.LOCK_EX)
            yield
        finally:
            handle.close()  # releases the lock

    def sqlite_file(self) -> Path | None:
        """The SQLite database file, or None (PostgreSQL, or SQLite in memory)."""
        if not self.is_sqlite:
            return None
        database = make_url(self.url).database
        return None if database in (None, "", ":memory:") else Path(database)

    async def migration_state(self) -> tuple[str | None, str | None]:
        """(current revision, head revision)."""

        def read(connection: Connection) -> str | None:
            return MigrationContext.configure(connection).get_current_revision()

        async with self.engine.connect() as conn:
            current = await conn.run_sync(read)
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()
        return current, head

    async def dispose(self) -> None:
        await self.engine.dispose()
