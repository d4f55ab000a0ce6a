"""Fresh, migrated databases for tests: a SQLite file, or a PostgreSQL schema of its own."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import make_url, text
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
    """The target's database, migrated: an empty one from a copy of this test process's
    migrated template (the migrations run once per process, not once per test), one already
    there by running the migrations (they find nothing left to do)."""
    if not await from_template(target):
        async with _opened(target) as db:
            await db.upgrade()
    async with _opened(target) as db:
        yield db


@asynccontextmanager
async def _opened(target: DatabaseTarget) -> AsyncIterator[Database]:
    db = target.open()
    try:
        yield db
    finally:
        await db.dispose()


# -- the migrated template: built once per test process -------------------------------------
_TEMPLATES: dict[str, object] = {}


async def from_template(target: DatabaseTarget) -> bool:
    """Make an empty target a copy of the migrated template; False when the target is not
    empty (or the template cannot be made), so the migrations must run."""
    if target.url.startswith("sqlite"):
        path = Path(make_url(target.url).database or "")
        if not path.name or path.exists():
            return False
        template = await _sqlite_template()
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, path)
        return True
    script = await _postgres_script()
    if script is None or not target.schema:
        return False
    engine = create_async_engine(target.url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            found = await conn.scalar(
                text("SELECT count(*) FROM information_schema.tables WHERE table_schema = :s"),
                {"s": target.schema},
            )
            if found:
                return False
            raw = await conn.get_raw_connection()
            await raw.driver_connection.execute(script.replace(TEMPLATE_SCHEMA, target.schema))
        return True
    finally:
        await engine.dispose()


async def _sqlite_template() -> Path:
    cached = _TEMPLATES.get("sqlite")
    if isinstance(cached, Path):
        return cached
    folder = Path(tempfile.mkdtemp(prefix="dondoc-template-"))
    path = folder / "template.sqlite3"
    db = Database(f"sqlite+aiosqlite:///{path}")
    try:
        await db.upgrade()
    finally:
        await db.dispose()  # the journal folded back into the file: a copy is whole
    _TEMPLATES["sqlite"] = path
    return path


TEMPLATE_SCHEMA = f"dondoc_template_{os.getpid()}_{uuid.uuid4().hex[:8]}"


async def _postgres_script() -> str | None:
    """The migrated schema as SQL (pg_dump of a template schema migrated once), to be run in
    each test's own schema; None where pg_dump is missing (then every test migrates)."""
    if "postgresql" in _TEMPLATES:
        return _TEMPLATES["postgresql"]  # type: ignore[return-value]
    script: str | None = None
    dump = shutil.which("pg_dump")
    if dump is not None and POSTGRES_URL:
        admin = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        try:
            async with admin.connect() as conn:
                await conn.execute(text(f'CREATE SCHEMA "{TEMPLATE_SCHEMA}"'))
            db = Database(POSTGRES_URL, schema=TEMPLATE_SCHEMA)
            try:
                await db.upgrade()
                async with db.engine.connect() as conn:
                    head = await conn.scalar(
                        text(f'SELECT version_num FROM "{TEMPLATE_SCHEMA}".alembic_version')
                    )
            finally:
                await db.dispose()
            url = make_url(POSTGRES_URL).set(drivername="postgresql")
            done = subprocess.run(
                [dump, "--schema-only", "--no-owner", "--no-privileges", "-n", TEMPLATE_SCHEMA,
                 url.render_as_string(hide_password=False)],
                capture_output=True, text=True, timeout=120, check=False,
            )  # fmt: skip
            if done.returncode == 0:
                body = "\n".join(
                    line
                    for line in done.stdout.splitlines()
                    # psql's own commands (\\restrict …) and the session settings are not SQL
                    if not line.startswith(("CREATE SCHEMA", "SET ", "SELECT pg_catalog", "\\"))
                )
                script = f"{body}\nINSERT INTO {TEMPLATE_SCHEMA}.alembic_version VALUES ('{head}');"
        finally:
            async with admin.connect() as conn:
                await conn.execute(text(f'DROP SCHEMA IF EXISTS "{TEMPLATE_SCHEMA}" CASCADE'))
            await admin.dispose()
    _TEMPLATES["postgresql"] = script  # type: ignore[assignment]
    return script
