"""Inserts that tolerate a concurrent twin (several instances on one database)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession


async def insert_ignore(
    session: AsyncSession,
    model: type,
    values: dict[str, Any] | Sequence[dict[str, Any]],
    keys: Sequence[str],
) -> int:
    """INSERT … ON CONFLICT (keys) DO NOTHING; returns how many rows this call inserted (1 or 0
    for one row; a list of rows goes in one multi-row INSERT, in the list's order)."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    rows = (
        insert(model).values(**values)
        if isinstance(values, dict)
        else insert(model).values(list(values))
    )
    statement = rows.on_conflict_do_nothing(index_elements=list(keys))
    result = await session.execute(statement)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def upsert(
    session: AsyncSession,
    model: type,
    values: dict[str, Any],
    keys: Sequence[str],
    update: Sequence[str],
) -> None:
    """INSERT … ON CONFLICT (keys) DO UPDATE SET the `update` columns."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(model).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=list(keys), set_={c: statement.excluded[c] for c in update}
    )
    await session.execute(statement)
