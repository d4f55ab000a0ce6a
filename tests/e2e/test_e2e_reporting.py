"""The reporting cycle end to end: reminders arrive once, replies become reports, nothing is
sent twice across restarts, and Telegram's errors are survived."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from sqlalchemy import select
from telegram import Update

from emulator import ApiError, FakeUser
from storage.models import (
    Evidence,
    Member,
    ReminderDelivery,
    Report,
    ReportRevision,
    Task,
)
from tests.auxil.harness import BotHarness
from tests.auxil.scenario import seed
from tests.auxil.transactions import OpenTransactions
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


# -- doing the right thing once (issue 12: 9, 10, 11, 13, 14) -----------------------------------
async def test_double_tapped_undo_takes_back_one_revision(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    await harness.ask(OFFICER, "II.1.a đang thực hiện 40%")
    confirmation = await harness.ask(OFFICER, "II.1.a đang thực hiện 60%")
    undo = next(data for text, data in confirmation.buttons() if text.startswith("↩️"))
    await harness.press(OFFICER, confirmation, undo)
    mark = len(harness.emulator.callback_answers)
    harness.emulator.press_button(harness.token, OFFICER, confirmation, undo)  # the second tap
    await harness.idle()
    [stored] = await reports(harness)  # back to 40%, not deleted
    assert (stored.status, stored.percent) == ("in_progress", 40)
    assert any("cũ" in a.get("text", "") for a in harness.emulator.callback_answers[mark:])


async def test_a_report_typed_after_skip_note_is_recorded(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    menu = await harness.ask(OFFICER, "/report")
    pick = next(data for text, data in menu.buttons() if "II.1.a" in text)
    statuses = await harness.press(OFFICER, menu, pick)
    done = next(data for text, data in statuses.buttons() if text == "Hoàn thành")
    mark = len(harness.emulator.sent)
    harness.emulator.press_button(harness.token, OFFICER, statuses, done)
    prompt = await harness.emulator.wait_for(
        lambda m: m.chat_id == OFFICER.id and "Bỏ qua" in str(m.buttons()), after=mark
    )
    skip = next(data for text, data in prompt.buttons() if text == "Bỏ qua")
    harness.emulator.press_button(harness.token, OFFICER, prompt, skip)
    await harness.idle()
    reply = await harness.ask(OFFICER, "II.2.a đang thực hiện 40%, đã lấy ý kiến các sở")
    assert "II.2.a" in reply.text and "Đang thực hiện 40%" in reply.text
    stored = {r.task_id: r for r in await reports(harness)}
    assert len(stored) == 2
    first = min(stored.values(), key=lambda r: r.id)
    assert (first.status, first.note) == ("done", "")  # not the next report's text


async def test_a_report_typed_while_a_note_is_asked_is_recorded_as_a_report(
    harness: BotHarness,
) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    menu = await harness.ask(OFFICER, "/report")
    pick = next(data for text, data in menu.buttons() if "II.1.a" in text)
    statuses = await harness.press(OFFICER, menu, pick)
    done = next(data for text, data in statuses.buttons() if text == "Hoàn thành")
    mark = len(harness.emulator.sent)
    harness.emulator.press_button(harness.token, OFFICER, statuses, done)
    await harness.emulator.wait_for(
        lambda m: m.chat_id == OFFICER.id and "Bỏ qua" in str(m.buttons()), after=mark
    )
    await harness.ask(OFFICER, "II.2.a đang thực hiện 40%")
    assert len(await reports(harness)) == 2


async def test_an_edited_message_corrects_its_report(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    sent = harness.send(OFFICER, "II.1.a đang thực hiện 50%")
    await harness.emulator.reply_to(OFFICER.id, after=0)
    [first] = await reports(harness)

    mark = len(harness.emulator.sent)
    harness.emulator.edit_text(
        harness.token, OFFICER, sent["message"]["message_id"], "II.1.a đang thực hiện 60%"
    )
    updated = await harness.emulator.reply_to(OFFICER.id, after=mark)
    assert "đã sửa" in updated.text and "60%" in updated.text
    [same] = await reports(harness)
    assert (same.id, same.percent) == (first.id, 60)

    # an edit naming another task moves the report: the first task is no longer reported
    mark = len(harness.emulator.sent)
    harness.emulator.edit_text(harness.token, OFFICER, sent["message"]["message_id"], "II.2.a xong")
    moved = await harness.emulator.reply_to(OFFICER.id, after=mark)
    assert "II.2.a" in moved.text
    [only] = await reports(harness)
    async with harness.db.transaction() as session:
        task_ids = dict((await session.execute(select(Task.ref, Task.id))).all())
    assert only.task_id == task_ids["II.2.a"] and only.status == "done"
    assert only.id != first.id  # II.1.a, which only this message reported, is unreported


async def test_editing_a_done_into_in_progress_corrects_it_without_asking(
    harness: BotHarness,
) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    sent = harness.send(OFFICER, "II.1.a xong")
    await harness.emulator.reply_to(OFFICER.id, after=0)
    mark = len(harness.emulator.sent)
    message_id = sent["message"]["message_id"]
    harness.emulator.edit_text(harness.token, OFFICER, message_id, "II.1.a đang thực hiện 80%")
    updated = await harness.emulator.reply_to(OFFICER.id, after=mark)
    assert "đã sửa" in updated.text and "80%" in updated.text
    [stored] = await reports(harness)
    assert (stored.status, stored.percent) == ("in_progress", 80)


async def test_an_edited_message_that_recorded_nothing_is_not_a_new_report(
    harness: BotHarness,
) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    sent = harness.send(OFFICER, "alo")
    await harness.emulator.reply_to(OFFICER.id, after=0)
    mark = len(harness.emulator.sent)
    harness.emulator.edit_text(harness.token, OFFICER, sent["message"]["message_id"], "II.1.a xong")
    answer = await harness.emulator.reply_to(OFFICER.id, after=mark)
    assert "tin nhắn mới" in answer.text
    assert await reports(harness) == []


async def test_forged_percent_is_refused(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    menu = await harness.ask(OFFICER, "/report")
    pick = next(data for text, data in menu.buttons() if "II.1.a" in text)
    period_id, task_id = pick.split(":")[1:3]
    for forged in (f"rp:{period_id}:{task_id}:in_progress:999", f"rp:{period_id}:{task_id}:x:50"):
        mark = len(harness.emulator.callback_answers)
        harness.emulator.press_button(harness.token, OFFICER, menu, forged)
        await harness.idle()
        assert any("cũ" in a.get("text", "") for a in harness.emulator.callback_answers[mark:])
    assert await reports(harness) == []


async def test_a_question_answers_only_to_its_officer(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    question = await harness.ask(OFFICER, "xong")  # no task named: which one?
    assert "nhiệm vụ nào" in question.text
    target = next(data for text, data in question.buttons() if "II.1.a" in text)
    # the finance officer forges a press on it (same data, from another account)
    harness.emulator.press_button(harness.token, FINANCE, question, target)
    await harness.idle()
    assert await reports(harness) == []
    confirmation = await harness.press(OFFICER, question, target)
    assert "II.1.a" in confirmation.text and "Hoàn thành" in confirmation.text
    [stored] = await reports(harness)
    assert stored.status == "done"


async def test_an_overlong_evidence_file_name_is_shortened_with_a_message(
    harness: BotHarness,
) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    confirmation = await harness.ask(OFFICER, "II.1.a xong")
    name = "bao-cao-" + "x" * 400 + ".pdf"
    mark = len(harness.emulator.sent)
    harness.emulator.send_document(
        harness.token, OFFICER, name, b"%PDF-1.4", reply_to=confirmation.message_id
    )
    saved = await harness.emulator.reply_to(OFFICER.id, after=mark)
    assert "Đã lưu minh chứng" in saved.text and "300 ký tự" in saved.text
    async with harness.db.transaction() as session:
        [evidence] = (await session.scalars(select(Evidence))).all()
    assert len(evidence.file_name) <= 300 and evidence.file_name.endswith(".pdf")


# -- replies as officers type them (issue 13: 3, 4) ---------------------------------------------
async def test_a_line_number_means_the_reminder_line(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    await harness.tick()
    reminder = harness.emulator.messages_to(OFFICER.id)[-1]
    line3 = next(line for line in reminder.text.splitlines() if line.startswith("3."))
    ref = line3.split()[1]
    reply = await harness.ask(OFFICER, "3 xong", reply_to=reminder.message_id)
    assert ref in reply.text and "Hoàn thành" in reply.text
    [stored] = await reports(harness)
    async with harness.db.transaction() as session:
        task = await session.get(Task, stored.task_id)
    assert task is not None and task.ref == ref


async def test_a_done_task_is_not_moved_back_without_asking(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    await harness.ask(OFFICER, "II.2.a xong")
    question = await harness.ask(OFFICER, "II.2.a chua lam duoc vi thieu kinh phi")
    assert "Hoàn thành" in question.text and "Giữ" in str(question.buttons())
    [stored] = await reports(harness)
    assert stored.status == "done"
    keep = next(data for text, data in question.buttons() if text.startswith("Giữ"))
    kept = await harness.press(OFFICER, question, keep)
    assert "giữ nguyên" in kept.text
    [stored] = await reports(harness)
    assert stored.status == "done"

    question = await harness.ask(OFFICER, "II.2.a vuong mac: thieu von")
    change = next(data for text, data in question.buttons() if text.startswith("Đổi"))
    changed = await harness.press(OFFICER, question, change)
    assert "Có vướng mắc" in changed.text
    [stored] = await reports(harness)
    assert stored.status == "blocked"


async def test_done_with_work_still_going_on_asks_first(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    question = await harness.ask(OFFICER, "II.2.a đã xong bước thẩm định, đang hoàn thiện tờ trình")
    assert all(r.status != "done" for r in await reports(harness))
    if question.buttons() and any(":done" in data for _, data in question.buttons()):
        ongoing = next(data for _, data in question.buttons() if data.endswith(":in_progress"))
        answered = await harness.press(OFFICER, question, ongoing)
        assert "Đang thực hiện" in answered.text
    [stored] = await reports(harness)
    assert stored.status == "in_progress"


async def test_a_bare_status_after_a_confirmation_asks_which_task(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    await harness.ask(OFFICER, "II.1.a đang thực hiện 30%")
    question = await harness.ask(OFFICER, "xong")  # not an answer to any open question
    assert "nhiệm vụ nào" in question.text and "2 giờ" in question.text
    [stored] = await reports(harness)
    assert stored.status == "in_progress"


async def test_a_bare_status_answers_the_recent_reminder_only(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    await harness.tick()
    question = await harness.ask(OFFICER, "xong")
    assert "nhiệm vụ nào" in question.text
    offered = {text.split()[-1] for text, _ in question.buttons()}
    assert {"II.1.a", "II.1.c", "II.2.a"} <= offered | {"tác"}


async def test_several_tasks_each_confirmed_and_undoable_on_their_own(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    confirmation = await harness.ask(OFFICER, "II.1.a xong; II.2.a đang thực hiện 30%")
    lines = [line for line in confirmation.text.splitlines() if line.startswith("•")]
    assert len(lines) == 2
    undos = [data for text, data in confirmation.buttons() if text.startswith("↩️")]
    assert len(undos) == 2
    await harness.press(OFFICER, confirmation, undos[1])
    [left] = await reports(harness)
    assert left.status == "done"


# -- compute, commit, then talk (issue 11: 4) ----------------------------------------------------
async def test_no_transaction_is_open_while_telegram_is_slow(harness: BotHarness) -> None:
    """Compute, commit, then talk: every answer to the officer (slowed down to 0.3 s each) is
    awaited with no database transaction open, whatever the officer does."""
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    await harness.tick()
    reminder = harness.emulator.messages_to(OFFICER.id)[-1]
    counter = OpenTransactions(harness.db)
    harness.emulator.chat_delays[OFFICER.id] = 0.3
    try:
        pick = next(data for _, data in reminder.buttons() if data.startswith("rt:"))
        statuses = await harness.press(OFFICER, reminder, pick)
        ongoing = next(data for text, data in statuses.buttons() if text == "Đang thực hiện")
        percents = await harness.press(OFFICER, statuses, ongoing)
        fifty = next(data for text, data in percents.buttons() if text == "50%")
        mark = len(harness.emulator.sent)
        harness.emulator.press_button(harness.token, OFFICER, percents, fifty)
        prompt = await harness.emulator.wait_for(
            lambda m: m.chat_id == OFFICER.id and "Bỏ qua" in str(m.buttons()), after=mark
        )
        confirmation = await harness.ask(OFFICER, "đã trình dự thảo", reply_to=prompt.message_id)
        edit_button = next(data for text, data in confirmation.buttons() if text.startswith("✏️"))
        await harness.press(OFFICER, confirmation, edit_button)
        question = await harness.ask(OFFICER, "xong", reply_to=reminder.message_id)
        answer = next(data for text, data in question.buttons() if "II.2.a" in text)
        await harness.press(OFFICER, question, answer)
        await harness.ask(OFFICER, "/report")
        await harness.ask(OFFICER, "/tasks")
        harness.emulator.send_document(harness.token, OFFICER, "minh-chung.pdf", b"%PDF")
        await harness.idle()
    finally:
        harness.emulator.chat_delays.clear()
    assert harness.emulator.delayed_calls, "no slowed-down call was observed"
    assert counter.held_across(harness.emulator.delayed_calls) == []


async def test_a_second_officers_reply_commits_while_the_first_ones_answer_is_slow(
    harness: BotHarness,
) -> None:
    """Two replies handled at the same time (as a concurrent runner does): officer A's
    confirmation takes 3 s to reach Telegram; officer B's report is committed and confirmed
    meanwhile, because A's handler holds no transaction while it talks."""
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    application = harness.application
    harness.emulator.chat_delays[OFFICER.id] = 3.0

    def update(update_id: int, user: FakeUser, text: str) -> Update:
        message = harness.emulator._user_message(user, None, text=text)
        return Update.de_json({"update_id": update_id, "message": message}, application.bot)

    first = asyncio.create_task(
        application.process_update(update(10_001, OFFICER, "II.1.a đang thực hiện 30%"))
    )
    while not harness.emulator.delayed_in_flight:  # A's confirmation is on its way
        await asyncio.sleep(0.01)
    started = time.monotonic()
    await application.process_update(update(10_002, FINANCE, "II.1.c đang thực hiện 20%"))
    assert time.monotonic() - started < 2.0 and not first.done()
    stored = {r.agency_id: r for r in await reports(harness)}
    assert len(stored) == 2  # both committed; A's answer is still on its way
    assert any("II.1.c" in m.text for m in harness.emulator.messages_to(FINANCE.id))
    await first
    harness.emulator.chat_delays.clear()
    assert any("II.1.a" in m.text for m in harness.emulator.messages_to(OFFICER.id))


async def test_a_bare_status_after_the_task_list_asks_which_task(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    await harness.ask(OFFICER, "II.1.a đang thực hiện 50%")
    await harness.ask(OFFICER, "II.1.c đang thực hiện 50%")
    await harness.tick()  # a reminder of the one task left, II.2.a…
    assert "II.2.a" in harness.emulator.messages_to(OFFICER.id)[-1].text
    await harness.ask(OFFICER, "/tasks")  # …then the list: the reminder is no longer the latest
    question = await harness.ask(OFFICER, "xong")
    assert "nhiệm vụ nào" in question.text and "2 giờ" in question.text
    assert all(r.status == "in_progress" for r in await reports(harness))
