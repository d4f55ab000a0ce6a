"""Inserts that tolerate a concurrent twin (several instances on one database)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import Insert


def _dialect(session: AsyncSession) -> str:
    return session.bind.dialect.name if session.bind is not None else "sqlite"


def _insert(dialect: str, model: type) -> Any:
    return (pg_insert if dialect == "postgresql" else sqlite_insert)(model)


@functools.lru_cache(maxsize=64)
def _one_row(
    dialect: str,
    model: type,
    columns: tuple[str, ...],
    keys: tuple[str, ...],
    update: tuple[str, ...] | None,
) -> Insert:
    """The statement for one row of these columns, built once: SQLAlchemy keeps its compiled
    form keyed on the statement object (these run on every update the bot handles). On the
    table, not the mapped class: executed with parameters, an insert into a mapped class
    becomes the ORM's bulk insert, which reports no row count."""
    table = model.__table__  # type: ignore[attr-defined]
    statement = _insert(dialect, table).values({c: bindparam(c) for c in columns})
    if update is None:
        return statement.on_conflict_do_nothing(index_elements=list(keys))
    return statement.on_conflict_do_update(
        index_elements=list(keys), set_={c: statement.excluded[c] for c in update}
    )


async def insert_ignore(
    session: AsyncSession,
    model: type,
    values: dict[str, Any] | Sequence[dict[str, Any]],
    keys: Sequence[str],
) -> int:
    """INSERT … ON CONFLICT (keys) DO NOTHING; returns how many rows this call inserted (1 or 0
    for one row; a list of rows goes in one multi-row INSERT, in the list's order)."""
    if isinstance(values, dict):
        statement = _one_row(_dialect(session), model, tuple(values), tuple(keys), None)
        result = await session.execute(statement, values)
    else:
        rows = _insert(_dialect(session), model).values(list(values))
        result = await session.execute(rows.on_conflict_do_nothing(index_elements=list(keys)))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def upsert(
    session: AsyncSession,
    model: type,
    values: dict[str, Any],
    keys: Sequence[str],
    update: Sequence[str],
) -> None:
    """INSERT … ON CONFLICT (keys) DO UPDATE SET the `update` columns."""
    statement = _one_row(_dialect(session), model, tuple(values), tuple(keys), tuple(update))
    await session.execute(statement, values)
