"""The update being handled: its done row in processed_updates, written once it was handled.

The runner claims an update, lets the handlers run, then records it done. A handler's last
write transaction (after its messages went out) can carry that record itself, which saves
a commit on the busiest path (an officer's reply).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from access.members import member_by_telegram_id_query
from bot.context import Services
from onboarding.links import waits_for_profile
from storage.models import JoinLinkUse, Member, ProcessedUpdate
from storage.upsert import upsert


@dataclass(frozen=True)
class Sender:
    """Who sent the update, read together with whether it was handled (one read per update
    for what the guards and the onboarding handler both ask)."""

    user_id: int
    member: Member | None  # None: not in the directory
    profile_pending: bool  # admitted through a join link; name and position still to come


@dataclass
class InHand:
    """The update this task is handling: whether its done row is written already, and its
    sender if read with the claim."""

    update_id: int
    finished: bool = False
    sender: Sender | None = None


IN_HAND: ContextVar[InHand | None] = ContextVar("dondoc_update_in_hand", default=None)


def known_sender(user_id: int) -> Sender | None:
    """The sender read with the claim of the update being handled, if that is this user."""
    in_hand = IN_HAND.get()
    sender = in_hand.sender if in_hand is not None else None
    return sender if sender is not None and sender.user_id == user_id else None


# built once (see bot/runner.py): the member, and whether a join waits for their profile
SENDER = member_by_telegram_id_query(bindparam("user_id")).add_columns(
    exists(select(JoinLinkUse.id).where(waits_for_profile(bindparam("user_id"))))
)


async def read_sender(session: AsyncSession, user_id: int) -> Sender:
    """The member (one query, with whether a join waits for their profile)."""
    row = (await session.execute(SENDER, {"user_id": user_id})).first()
    if row is None:
        return Sender(user_id, None, False)
    return Sender(user_id, row[0], bool(row[1]))


async def finish_update(svc: Services, update_id: int, error: str | None = None) -> None:
    async with svc.db.transaction() as session:
        await mark_done(session, update_id, svc.now(), error[:300] if error else None)


async def mark_done(
    session: AsyncSession, update_id: int, now: datetime, error: str | None = None
) -> None:
    await upsert(
        session,
        ProcessedUpdate,
        {
            "update_id": update_id,
            "processed_at": now,
            "done": True,
            "error": error,
            "payload": None,
        },
        ["update_id"],
        ["processed_at", "done", "error", "payload"],
    )


@asynccontextmanager
async def finishing_transaction(svc: Services) -> AsyncIterator[AsyncSession]:
    """A handler's last write transaction, after its messages went out: it also records the
    update being handled as done, saving the runner a commit of its own. A crash before it
    commits leaves the update to be handled again (handling is idempotent: a report is
    recorded once per update), so the sender is still answered."""
    in_hand = IN_HAND.get()
    async with svc.db.transaction() as session:
        yield session
        if in_hand is not None and not in_hand.finished:
            await mark_done(session, in_hand.update_id, svc.now())
    if in_hand is not None:
        in_hand.finished = True
