"""What the bot asked, on a real database: the reply window, prompts closed, questions bound to
their officer and answered once, stale ones forgotten, edits traced to their confirmation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

import conversation
from conversation.model import REPLY_WINDOW, About, Pending, reminder_about
from conversation.store import is_note_prompt
from storage.db import Database
from storage.models import BotState

NOW = datetime(2026, 12, 11, 2, 0, tzinfo=UTC)
CHAT = 900002


async def sent(db: Database, message_id: int, about: About, at: datetime = NOW) -> None:
    async with db.transaction() as session:
        await conversation.record_sent(
            session, chat_id=CHAT, message_id=message_id, member_id=None, about=about, now=at
        )


async def context(db: Database, reply_to: int | None, now: datetime = NOW):
    async with db.transaction() as session:
        return await conversation.context_for(session, CHAT, reply_to, now)


async def test_a_reply_finds_the_message_it_answers_at_any_age(db: Database) -> None:
    await sent(db, 3, reminder_about(10, 1, [(7, "II.1.a"), (8, "II.2.a")]))
    found = await context(db, 3, NOW + timedelta(days=5))
    assert found is not None and found.replied
    assert found.about.line(2) == 8 and found.about.refs == ("II.1.a", "II.2.a")


async def test_a_new_message_means_the_latest_open_question_only_while_recent(
    db: Database,
) -> None:
    await sent(db, 3, reminder_about(10, 1, [(7, "II.1.a")]))
    assert (await context(db, None, NOW + REPLY_WINDOW - timedelta(minutes=1))) is not None
    assert await context(db, None, NOW + REPLY_WINDOW) is None
    # a confirmation after it: the reminder is no longer the latest thing in the chat
    await sent(db, 5, About("confirm", period_id=10, task_ids=(7,), report_ids=(1,)))
    assert await context(db, None, NOW + timedelta(minutes=1)) is None


async def test_a_note_prompt_is_closed_once_skipped(db: Database) -> None:
    await sent(db, 4, About("note", period_id=10, task_ids=(7,), report_ids=(1,)))
    prompt = await context(db, None, NOW + timedelta(minutes=5))
    assert is_note_prompt(prompt, NOW + timedelta(minutes=5))
    async with db.transaction() as session:
        await conversation.close(session, CHAT, 4)
    assert await context(db, None, NOW + timedelta(minutes=6)) is None
    replied = await context(db, 4, NOW + timedelta(minutes=6))
    assert not is_note_prompt(replied, NOW + timedelta(minutes=6))


async def test_a_question_is_answered_once_and_only_by_its_officer(db: Database) -> None:
    question = Pending(member_id=1, reason="which_task", items={7: 10, 8: 10}, status="done")
    async with db.transaction() as session:
        qid = conversation.remember_question(session, question, NOW)
    async with db.transaction() as session:
        assert await conversation.take_pending(session, qid, 2, NOW) is None  # someone else
    async with db.transaction() as session:
        assert await conversation.take_pending(session, qid, 1, NOW) == question
    async with db.transaction() as session:
        assert await conversation.take_pending(session, qid, 1, NOW) is None  # answered


async def test_stale_questions_are_forgotten(db: Database) -> None:
    async with db.transaction() as session:
        old = conversation.remember_question(session, Pending(1, "which_task", {7: 10}), NOW)
        new = conversation.remember_question(
            session, Pending(1, "which_task", {7: 10}), NOW + timedelta(hours=20)
        )
        session.add(BotState(key="planner", value={}, updated_at=NOW))
    later = NOW + conversation.QUESTION_TTL + timedelta(minutes=1)
    async with db.transaction() as session:
        assert await conversation.pending(session, old, 1, later) is None
        assert await conversation.forget_stale(session, later) == 1
    async with db.transaction() as session:
        keys = set((await session.scalars(select(BotState.key))).all())
    assert keys == {f"q:{new}", "planner"}


async def test_an_edit_finds_the_confirmation_of_its_message(db: Database) -> None:
    first = About(
        "confirm", period_id=10, task_ids=(7,), report_ids=(1,), answers=6, source_update=40
    )
    await sent(db, 7, first)
    again = About(
        "confirm", period_id=10, task_ids=(8,), report_ids=(2,), answers=6, source_update=41
    )
    await sent(db, 9, again)
    await sent(db, 11, About("confirm", period_id=10, task_ids=(7,), report_ids=(1,), answers=10))
    async with db.transaction() as session:
        found, updates = await conversation.source_of(session, CHAT, 6)
        missing, none = await conversation.source_of(session, CHAT, 8)
    assert found is not None and found.about == again and updates == {40, 41}
    assert missing is None and none == set()
