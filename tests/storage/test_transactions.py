"""How transactions behave on both databases: writers of one process take turns without
losing or refusing any, a read never waits for a writer, and on SQLite (run on the event
loop's own thread) another process holding the write lock is waited for without stopping
the loop, with every commit still synced to disk."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from storage.db import Database
from storage.models import BotState
from tests.auxil.databases import DatabaseTarget, migrated_database

KEY = "counter"


async def counter(db: Database) -> int:
    async with db.reading() as session:
        value = await session.scalar(select(BotState.value).where(BotState.key == KEY))
    return int(value["n"]) if value else 0


async def put_counter(db: Database, n: int) -> None:
    async with db.transaction() as session:
        session.add(BotState(key=KEY, value={"n": n}))


async def test_concurrent_writers_of_one_process_all_commit(db: Database) -> None:
    await put_counter(db, 0)

    async def add_one() -> None:
        async with db.transaction() as session:
            row = await session.get(BotState, KEY, with_for_update=True)
            assert row is not None
            await asyncio.sleep(0.001)  # other writers get the loop meanwhile
            row.value = {"n": int(row.value["n"]) + 1}

    await asyncio.gather(*(add_one() for _ in range(40)))
    assert await counter(db) == 40  # none refused ("database is locked"), none lost


async def test_a_read_does_not_wait_for_an_open_write(db: Database) -> None:
    await put_counter(db, 1)
    written = asyncio.Event()
    release = asyncio.Event()

    async def slow_writer() -> None:
        async with db.transaction() as session:
            await session.execute(update(BotState).values(value={"n": 2}))
            written.set()
            await release.wait()  # holds the write lock

    writer = asyncio.create_task(slow_writer())
    await written.wait()
    started = time.monotonic()
    assert await asyncio.wait_for(counter(db), 5) == 1  # the committed value, at once
    assert time.monotonic() - started < 1.0
    release.set()
    await writer
    assert await counter(db) == 2


def hold_write_lock(path: str, held: threading.Event, seconds: float) -> None:
    """Another process's writer, as SQLite sees it: its own connection, holding the lock."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        held.set()
        time.sleep(seconds)
        connection.execute("COMMIT")
    finally:
        connection.close()


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> AsyncIterator[Database]:
    """SQLite's own behaviour (its file lock, its PRAGMAs): no PostgreSQL counterpart."""
    async with migrated_database(DatabaseTarget(f"sqlite+aiosqlite:///{tmp_path / 'd.db'}")) as db:
        yield db


async def test_sqlite_waits_for_another_process_without_stopping_the_loop(
    sqlite_db: Database,
) -> None:
    db = sqlite_db
    path = db.sqlite_file()
    assert path is not None
    await put_counter(db, 0)
    held = threading.Event()
    other = threading.Thread(target=hold_write_lock, args=(str(path), held, 0.5))
    other.start()
    await asyncio.to_thread(held.wait, 5)
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticking = asyncio.create_task(ticker())
    started = time.monotonic()
    async with db.transaction() as session:
        await session.execute(update(BotState).values(value={"n": 7}))
    waited = time.monotonic() - started
    ticking.cancel()
    other.join()
    assert waited >= 0.3  # it did wait for the other writer…
    assert ticks >= 10  # …while the loop kept serving everything else
    assert await counter(db) == 7


async def test_sqlite_commits_are_synced_and_logged_ahead(sqlite_db: Database) -> None:
    async with sqlite_db.transaction() as session:
        synchronous = await session.scalar(text("PRAGMA synchronous"))
        journal = await session.scalar(text("PRAGMA journal_mode"))
    assert synchronous == 2  # FULL: an acknowledged report survives a power cut
    assert journal == "wal"
