"""Reading and writing the conversation records, in the caller's transaction."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import bindparam, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from conversation.model import (
    CONFIRM,
    NOTE,
    NOTE_WINDOW,
    QUESTION_TTL,
    REPLY_WINDOW,
    About,
    Context,
    Pending,
)
from storage.models import BotMessage, BotState

QUESTION_PREFIX = "q:"


# built once, a plain insert (no object to track): every message the bot sends is recorded
SENT = insert(BotMessage.__table__)


async def record_sent(
    session: AsyncSession,
    *,
    chat_id: int,
    message_id: int,
    member_id: int | None,
    about: About,
    now: datetime,
) -> None:
    """Remember what a message the bot just sent was about (a reply may refer to it)."""
    await session.execute(
        SENT,
        {
            "chat_id": chat_id,
            "message_id": message_id,
            "member_id": member_id,
            "purpose": about.purpose,
            "context": about.to_json(),
            "created_at": now,
        },
    )


async def replace_sent(
    session: AsyncSession,
    *,
    chat_id: int,
    message_id: int,
    member_id: int | None,
    about: About,
    now: datetime,
) -> None:
    """As `record_sent`, for a message the bot edited into something else."""
    row = await session.scalar(
        select(BotMessage).where(BotMessage.chat_id == chat_id, BotMessage.message_id == message_id)
    )
    if row is None:
        await record_sent(
            session,
            chat_id=chat_id,
            message_id=message_id,
            member_id=member_id,
            about=about,
            now=now,
        )
        return
    row.purpose, row.context, row.created_at = about.purpose, about.to_json(), now
    row.member_id = member_id


def _context(row: BotMessage, replied: bool) -> Context:
    return Context(
        About.from_row(row.purpose, row.context),
        row.chat_id,
        row.message_id,
        row.created_at,
        replied,
    )


# built once: read on every message an officer sends
LATEST_IN_CHAT = (
    select(BotMessage)
    .where(BotMessage.chat_id == bindparam("chat_id"))
    .order_by(BotMessage.id.desc())
    .limit(1)
)


async def context_for(
    session: AsyncSession, chat_id: int, reply_to: int | None, now: datetime
) -> Context | None:
    """The bot message a new message refers to: the one it replies to, else the chat's
    latest bot message if that one asked something, is still open and is recent."""
    if reply_to is not None:
        row = await session.scalar(
            select(BotMessage).where(
                BotMessage.chat_id == chat_id, BotMessage.message_id == reply_to
            )
        )
        return _context(row, True) if row is not None else None
    row = await session.scalar(LATEST_IN_CHAT, {"chat_id": chat_id})
    if row is None:
        return None
    context = _context(row, False)
    window = NOTE_WINDOW if context.about.purpose == NOTE else REPLY_WINDOW
    if not context.about.asks or now - row.created_at >= window:
        return None
    return context


def is_note_prompt(context: Context | None, now: datetime) -> bool:
    """Whether the message answers an open "type a note" prompt."""
    return (
        context is not None
        and context.about.purpose == NOTE
        and not context.about.closed
        and bool(context.about.report_ids)
        and now - context.created_at < NOTE_WINDOW
    )


async def close(session: AsyncSession, chat_id: int, message_id: int) -> None:
    """Mark a prompt answered (or skipped): later text is no longer read as its answer."""
    row = await session.scalar(
        select(BotMessage).where(BotMessage.chat_id == chat_id, BotMessage.message_id == message_id)
    )
    if row is not None:
        row.context = {**(row.context or {}), "closed": True}


async def source_of(
    session: AsyncSession, chat_id: int, message_id: int
) -> tuple[Context | None, set[int]]:
    """The latest confirmation the bot sent for the officer's message `message_id` (its edit
    corrects what that one recorded), and every update (the message, its edits) that recorded
    something from it."""
    rows = (
        await session.scalars(
            select(BotMessage)
            .where(
                BotMessage.chat_id == chat_id,
                BotMessage.message_id > message_id,
                BotMessage.purpose == CONFIRM,
                BotMessage.context["answers"].as_integer() == message_id,
            )
            .order_by(BotMessage.id.desc())
        )
    ).all()
    contexts = [_context(row, True) for row in rows]
    updates = {c.about.source_update for c in contexts if c.about.source_update is not None}
    return (contexts[0] if contexts else None), updates


# -- questions waiting for a button ---------------------------------------------------------
def remember_question(session: AsyncSession, question: Pending, now: datetime) -> str:
    """Keep a question server-side; its buttons carry only the returned short id."""
    qid = secrets.token_hex(4)
    session.add(BotState(key=f"{QUESTION_PREFIX}{qid}", value=question.to_json(), updated_at=now))
    return qid


async def pending(session: AsyncSession, qid: str, member_id: int, now: datetime) -> Pending | None:
    """The question `qid` if it is still open and belongs to `member_id` (else None)."""
    row = await session.get(BotState, f"{QUESTION_PREFIX}{qid}")
    if row is None or now - row.updated_at >= QUESTION_TTL:
        return None
    question = Pending.from_json(row.value or {})
    return question if question.member_id == member_id else None


async def take_pending(
    session: AsyncSession, qid: str, member_id: int, now: datetime
) -> Pending | None:
    """As `pending`, and closed: a second press of the same question finds nothing."""
    question = await pending(session, qid, member_id, now)
    if question is not None:
        await session.execute(delete(BotState).where(BotState.key == f"{QUESTION_PREFIX}{qid}"))
    return question


async def forget_stale(session: AsyncSession, now: datetime) -> int:
    """Drop questions nobody answered within QUESTION_TTL; returns how many."""
    result = await session.execute(
        delete(BotState).where(
            BotState.key.like(f"{QUESTION_PREFIX}%"), BotState.updated_at < now - QUESTION_TTL
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
