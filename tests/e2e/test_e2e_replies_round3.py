"""Replies that are not reports (issue 23), through the chat: a question gets a short answer
and records nothing; a hedge, a correction or a bare number never records a false "done"."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from emulator import FakeUser, SentMessage
from storage.models import Report, Task
from tests.auxil.harness import BotHarness
from tests.auxil.scenario import seed
from tests.conftest import COORDINATOR, OFFICER

FINANCE = FakeUser(900020, "Lê", "Tài Chính")


def at(day: int, hour_local: int = 9) -> datetime:
    """A moment of December 2026 in Vietnam time (UTC+7) as UTC."""
    return datetime(2026, 12, day, hour_local - 7, 0, tzinfo=UTC)


async def stored(bot: BotHarness) -> list[tuple[str, str]]:
    """(task ref, status) of every report, in the order recorded."""
    async with bot.db.transaction() as session:
        rows = await session.execute(
            select(Task.ref, Report.status)
            .join(Task, Task.id == Report.task_id)
            .order_by(Report.id)
        )
        return [(ref, status) for ref, status in rows]


async def reminded(bot: BotHarness) -> SentMessage:
    """The plan seeded and the officer reminded on Friday 11/12: the reminder."""
    await seed(bot.db, OFFICER, FINANCE, COORDINATOR)
    bot.clock.set(at(11))
    await bot.tick()
    return bot.emulator.messages_to(OFFICER.id)[-1]


async def test_a_question_gets_a_short_answer_and_records_nothing(harness: BotHarness) -> None:
    reminder = await reminded(harness)

    answer = await harness.ask(
        OFFICER, "việc 2a bên anh xong rồi hả?", reply_to=reminder.message_id
    )
    assert "câu hỏi" in answer.text and "/tasks" in answer.text
    assert answer.buttons() == []
    assert await stored(harness) == []

    # without a ref, not a reply to anything: the same short answer
    answer = await harness.ask(OFFICER, "sở mình nhận được công văn chưa ạ")
    assert "câu hỏi" in answer.text and "/tasks" in answer.text
    assert await stored(harness) == []

    # a report still is one
    confirmation = await harness.ask(OFFICER, "2a xong", reply_to=reminder.message_id)
    assert "Đã ghi nhận" in confirmation.text and "II.2.a" in confirmation.text


async def test_a_hedged_done_asks_instead_of_recording(harness: BotHarness) -> None:
    reminder = await reminded(harness)
    question = await harness.ask(
        OFFICER,
        "2a hình như đã xong, để em xác nhận lại với phòng",
        reply_to=reminder.message_id,
    )
    assert "Đã ghi nhận" not in question.text and question.buttons()
    assert await stored(harness) == []


async def test_a_corrected_done_is_never_recorded(harness: BotHarness) -> None:
    reminder = await reminded(harness)
    confirmation = await harness.ask(
        OFFICER,
        "2a xong rồi, à nhầm, 1a mới xong, 2a vẫn đang làm 40%",
        reply_to=reminder.message_id,
    )
    assert "Đã ghi nhận" in confirmation.text
    assert "II.1.a" in confirmation.text
    assert sorted(await stored(harness)) == [("II.1.a", "done"), ("II.2.a", "in_progress")]


async def test_a_bare_number_long_after_the_reminder_records_no_done(harness: BotHarness) -> None:
    await reminded(harness)
    harness.clock.set(at(11, hour_local=14))  # five hours later, not a reply to the reminder
    answer = await harness.ask(OFFICER, "1 xong")
    assert "Đã ghi nhận" not in answer.text
    assert await stored(harness) == []
