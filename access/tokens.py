"""The one token service behind every link a person is given: one-person invites, per-agency
join links, web sign-in links and web sessions. A token is random, shown once, and only its
SHA-256 is stored; a token row has `token_hash`, `created_at` and `expires_at`, and may have
`used_at` (one use) and `revoked_at`."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


class TokenRow(Protocol):
    id: Any
    token_hash: Any
    expires_at: Any


Row = TypeVar("Row", bound=TokenRow)


class TokenState(StrEnum):
    LIVE = "live"
    INVALID = "invalid"  # unknown or malformed (forged)
    REVOKED = "revoked"
    USED = "used"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Issued(Generic[Row]):
    """A new token (shown once) and its stored row."""

    token: str
    row: Row


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def well_formed(token: str | None) -> bool:
    return bool(token) and TOKEN_PATTERN.match(token or "") is not None


async def issue(
    session: AsyncSession,
    model: type[Row],
    *,
    now: datetime,
    lifetime: timedelta,
    nbytes: int = 18,
    **values: Any,
) -> Issued[Row]:
    """A new row of `model` for a fresh token, valid for `lifetime` (flushed: it has its id)."""
    token = secrets.token_urlsafe(nbytes)
    row = model(token_hash=hash_token(token), created_at=now, expires_at=now + lifetime, **values)
    session.add(row)
    await session.flush()
    return Issued(token, row)


async def find(
    session: AsyncSession, model: type[Row], token: str | None, *, lock: bool = False
) -> Row | None:
    """The row of a token (locked for update with `lock`), or None for a malformed or unknown
    one."""
    if not well_formed(token):
        return None
    assert token is not None
    query = select(model).where(model.token_hash == hash_token(token))
    if lock:
        query = query.with_for_update(of=model)
    return await session.scalar(query)  # type: ignore[no-any-return]


def state(row: TokenRow | None, now: datetime) -> TokenState:
    """Whether a token's row may be used now, or why not (revoked, then used, then expired)."""
    if row is None:
        return TokenState.INVALID
    if getattr(row, "revoked_at", None) is not None:
        return TokenState.REVOKED
    if getattr(row, "used_at", None) is not None:
        return TokenState.USED
    if row.expires_at <= now:
        return TokenState.EXPIRED
    return TokenState.LIVE


async def spend(session: AsyncSession, model: type[Row], row: Row, now: datetime) -> bool:
    """Use a one-time token: True for the one caller that marks it used (two at once: one wins)."""
    result = await session.execute(
        update(model)
        .where(model.id == row.id, model.used_at.is_(None))  # type: ignore[attr-defined]
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]


async def revoke_where(
    session: AsyncSession, model: type[Row], now: datetime, *conditions: Any
) -> None:
    """Revoke every live row of `model` matching `conditions`."""
    await session.execute(
        update(model)
        .where(model.revoked_at.is_(None), *conditions)  # type: ignore[attr-defined]
        .values(revoked_at=now)
    )
