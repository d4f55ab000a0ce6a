"""Fresh, migrated databases for tests: a SQLite file, or a PostgreSQL schema of its own."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from storage.db import Database

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite", "postgresql"]


@dataclass(frozen=True)
class DatabaseTarget:
    """Where a test's database lives, in the form settings and subprocesses take."""

    url: str
    schema: str | None = None

    def open(self) -> Database:
        return Database(self.url, schema=self.schema)

    def env(self) -> dict[str, str]:
        env = {"DATABASE_URL": self.url}
        if self.schema:
            env["DATABASE_SCHEMA"] = self.schema
        return env


def skip_without_postgres(backend: str) -> None:
    if backend == "postgresql" and not POSTGRES_URL:
        if os.environ.get("DONDOC_REQUIRE_POSTGRES"):
            pytest.fail("DONDOC_REQUIRE_POSTGRES is set but TEST_DATABASE_URL is not")
        pytest.skip("PostgreSQL case: set TEST_DATABASE_URL=postgresql+asyncpg://… to run it")


@asynccontextmanager
async def fresh_target(backend: str, tmp_path: Path) -> AsyncIterator[DatabaseTarget]:
    """An empty database (not yet migrated), removed afterwards."""
    if backend == "sqlite":
        yield DatabaseTarget(f"sqlite+aiosqlite:///{tmp_path / 'dondoc.sqlite3'}")
        return
    skip_without_postgres(backend)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield DatabaseTarget(POSTGRES_URL, schema)
    finally:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        await admin.dispose()


@asynccontextmanager
async def migrated_database(target: DatabaseTarget) -> AsyncIterator[Database]:
    db = target.open()
    try:
        await db.upgrade()
        yield db
    finally:
        await db.dispose()
