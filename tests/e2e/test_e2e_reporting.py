"""The reporting cycle end to end: reminders arrive once, replies become reports, nothing is
sent twice across restarts, and Telegram's errors are survived."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from emulator import ApiError, FakeUser
from storage.models import Member, ReminderDelivery, Report, ReportRevision
from tests.auxil.harness import BotHarness
from tests.auxil.scenario import seed
from tests.conftest import COORDINATOR, OFFICER

FINANCE = FakeUser(900020, "Lê", "Tài Chính")


def at(day: int, month: int = 12, hour_local: int = 9, year: int = 2026) -> datetime:
    """A moment in Vietnam time (UTC+7) as UTC."""
    return datetime(year, month, day, hour_local - 7, 0, tzinfo=UTC)


async def reports(bot: BotHarness) -> list[Report]:
    async with bot.db.transaction() as session:
        return list((await session.scalars(select(Report).order_by(Report.id))).all())


async def test_reminder_arrives_once_and_a_reply_is_recorded(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))  # Friday: 3 working days before the Q4 deadline (16/12)

    report = await harness.tick()
    assert report.sent == 2  # one officer of each agency
    reminder = harness.emulator.messages_to(OFFICER.id)[-1]
    assert "Sở Xây dựng" in reminder.text and "Quý IV/2026" in reminder.text
    assert "16/12/2026" in reminder.text
    assert all(ref in reminder.text for ref in ("II.1.a", "II.1.c", "II.2.a"))
    assert [b[1].split(":")[0] for b in reminder.buttons()] == ["rt", "rt", "rt"]

    again = await harness.tick()
    assert again.sent == 0
    assert len(harness.emulator.messages_to(OFFICER.id)) == 1

    reply = await harness.ask(
        OFFICER, "2a đang thực hiện 70%, đã trình UBND tỉnh dự thảo", reply_to=reminder.message_id
    )
    assert "Đã ghi nhận" in reply.text
    assert "II.2.a" in reply.text and "Đang thực hiện 70%" in reply.text
    assert "đã trình UBND tỉnh dự thảo" in reply.text
    [stored] = await reports(harness)
    assert (stored.status, stored.percent, stored.note, stored.late) == (
        "in_progress",
        70,
        "đã trình UBND tỉnh dự thảo",
        False,
    )

    harness.clock.set(at(15))  # Tuesday: 1 working day before
    await harness.tick()
    second = harness.emulator.messages_to(OFFICER.id)[-1]
    assert second.message_id != reminder.message_id
    assert "II.2.a" not in second.text and "II.1.a" in second.text


async def test_restart_sends_no_duplicate_and_catches_up(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    await harness.tick()
    await harness.stop()
    await harness.start()
    assert (await harness.tick()).sent == 0
    assert len(harness.emulator.messages_to(OFFICER.id)) == 1

    # down on Tuesday 15/12 (the 1-day reminder fell due), back on Wednesday afternoon
    await harness.stop()
    harness.clock.set(at(16, hour_local=14))
    await harness.start()
    await harness.tick()
    messages = harness.emulator.messages_to(OFFICER.id)
    assert len(messages) == 2  # one message for the missed day and today, not two
    assert "Hôm nay là hạn" in messages[-1].text


async def test_ambiguous_reply_asks_and_the_answer_is_recorded(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    await harness.tick()
    reminder = harness.emulator.messages_to(OFFICER.id)[-1]
    question = await harness.ask(OFFICER, "xong", reply_to=reminder.message_id)
    assert "nhiệm vụ nào" in question.text
    assert await reports(harness) == []
    target = next(data for text, data in question.buttons() if "II.1.a" in text)
    confirmation = await harness.press(OFFICER, question, target)
    assert "II.1.a" in confirmation.text and "Hoàn thành" in confirmation.text
    [stored] = await reports(harness)
    assert (stored.status, stored.percent) == ("done", 100)


async def test_unrelated_message_gets_a_hint(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    reply = await harness.ask(OFFICER, "alo alo")
    assert "/report" in reply.text
    assert await reports(harness) == []


async def test_report_buttons_edit_and_undo_keep_revisions(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    menu = await harness.ask(OFFICER, "/report")
    pick = next(data for text, data in menu.buttons() if "II.1.a" in text)
    statuses = await harness.press(OFFICER, menu, pick)
    blocked = next(data for text, data in statuses.buttons() if text == "Có vướng mắc")
    percents = await harness.press(OFFICER, statuses, blocked)
    fifty = next(data for text, data in percents.buttons() if text == "50%")
    mark = len(harness.emulator.sent)
    harness.emulator.press_button(harness.token, OFFICER, percents, fifty)
    prompt = await harness.emulator.wait_for(
        lambda m: m.chat_id == OFFICER.id and "Bỏ qua" in str(m.buttons()), after=mark
    )
    confirmation = await harness.ask(
        OFFICER, "thiếu vốn <đối ứng> & mặt bằng", reply_to=prompt.message_id
    )
    assert "thiếu vốn <đối ứng> & mặt bằng" in confirmation.text
    [stored] = await reports(harness)
    assert (stored.status, stored.percent, stored.note) == (
        "blocked",
        50,
        "thiếu vốn <đối ứng> & mặt bằng",
    )

    undo = next(data for text, data in confirmation.buttons() if text.startswith("↩️"))
    undone = await harness.press(OFFICER, confirmation, undo)
    assert "hoàn tác" in undone.text.lower()
    [reverted] = await reports(harness)
    assert (reverted.status, reverted.note) == ("blocked", "")
    async with harness.db.transaction() as session:
        actions = (
            await session.scalars(select(ReportRevision.action).order_by(ReportRevision.revision))
        ).all()
    assert list(actions) == ["create", "undone"]


async def test_late_report_is_recorded_as_late(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(18))  # two working days after the deadline
    reply = await harness.ask(OFFICER, "II.1.a hoàn thành")
    assert "sau hạn" in reply.text
    [stored] = await reports(harness)
    assert stored.late and stored.status == "done"


async def test_blocked_user_is_marked_and_coordinators_told(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.emulator.block(OFFICER.id)
    harness.clock.set(at(11))
    report = await harness.tick()
    assert report.unreachable == 1
    await harness.tick()  # the notice to the coordinators goes out on the next tick
    notice = harness.emulator.messages_to(COORDINATOR.id)[-1]
    assert "Nguyễn Văn An" in notice.text and "chặn bot" in notice.text
    async with harness.db.transaction() as session:
        member = await session.scalar(select(Member).where(Member.telegram_user_id == OFFICER.id))
    assert member is not None and not member.reachable


async def test_server_errors_are_retried_and_flood_limits_waited_out(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.emulator.inject(ApiError("sendMessage", 502, "Bad Gateway", chat_id=OFFICER.id))
    harness.emulator.inject(
        ApiError(
            "sendMessage",
            429,
            "Too Many Requests: retry after 1",
            retry_after=1,
            chat_id=FINANCE.id,
        )
    )
    harness.clock.set(at(11))
    first = await harness.tick()
    assert first.retried == 1 and first.sent == 1  # the 429 was waited out by the rate limiter
    assert harness.emulator.messages_to(OFFICER.id) == []
    harness.clock.set(at(11, hour_local=11))
    second = await harness.tick()
    assert second.sent == 1
    assert len(harness.emulator.messages_to(OFFICER.id)) == 1
    assert len(harness.emulator.messages_to(FINANCE.id)) == 1
    async with harness.db.transaction() as session:
        statuses = (await session.scalars(select(ReminderDelivery.status))).all()
    assert sorted(statuses) == ["sent", "sent"]


async def test_late_agencies_are_escalated_to_coordinators(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    await harness.ask(OFFICER, "II.1.a xong")
    await harness.ask(OFFICER, "II.2.a xong")
    harness.clock.set(at(21))  # the 3rd working day after the deadline of 16/12
    await harness.tick()
    [escalation] = [m for m in harness.emulator.messages_to(COORDINATOR.id) if "⚠️" in m.text]
    assert "chưa báo cáo" in escalation.text and "Sở Tài chính" in escalation.text
    assert "Sở Xây dựng: " in escalation.text  # its support input to II.1.c is still missing
