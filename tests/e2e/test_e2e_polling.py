"""Polling handles updates concurrently yet safely: one chat waiting on Telegram does not hold
up the others; an agency's updates keep their order; the offset never passes an update still
in hand (a crash then loses nothing: see the SIGKILL tests in test_e2e_faults)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, select

from emulator import FakeUser
from storage.models import Member, ProcessedUpdate, Report, ReportRevision
from tests.auxil.harness import TOKEN, BotHarness
from tests.auxil.scenario import seed
from tests.conftest import COORDINATOR, OFFICER

FINANCE = FakeUser(900020, "Lê", "Tài Chính")
COLLEAGUE = FakeUser(900021, "Phạm", "Đồng Nghiệp")  # a second officer of OFFICER's agency


def hold_replies_to(harness: BotHarness, chat_id: int) -> asyncio.Event:
    """The emulator answers sendMessage to `chat_id` only once the returned event is set."""
    emulator = harness.emulator
    release = asyncio.Event()
    send = emulator._api_sendmessage

    async def held(bot: Any, params: dict[str, Any]) -> dict[str, Any]:
        if params.get("chat_id") == chat_id:
            await release.wait()
        return await send(bot, params)

    emulator._api_sendmessage = held  # type: ignore[method-assign]
    return release


def unconfirmed(harness: BotHarness) -> list[int]:
    return [u["update_id"] for u in harness.emulator.bot(TOKEN).updates]


async def setup(harness: BotHarness) -> None:
    scenario = await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    async with harness.db.transaction() as session:
        session.add(
            Member(
                telegram_user_id=COLLEAGUE.id,
                full_name="Phạm Đồng Nghiệp",
                agency_id=scenario.construction.id,
                role="officer",
            )
        )
    harness.clock.set(datetime(2026, 12, 11, 2, 0, tzinfo=UTC))  # in Q4, before the deadline
    await harness.ask(OFFICER, "/help")  # the bot is up; the members' agencies are read anew
    await asyncio.sleep(0)


async def test_a_chat_waiting_on_telegram_does_not_hold_up_another(harness: BotHarness) -> None:
    await setup(harness)
    release = hold_replies_to(harness, OFFICER.id)
    start = len(harness.emulator.sent)
    held = harness.send(OFFICER, "II.1.a đang thực hiện 40%")
    mark = len(harness.emulator.sent)
    harness.send(FINANCE, "II.1.c hoàn thành")
    # another agency is answered meanwhile: well before the held request could time out (5 s)
    other = await harness.emulator.reply_to(FINANCE.id, after=mark, timeout=3)
    assert "Đã ghi nhận" in other.text
    # the held update is not confirmed while it is in hand, though a later one is done
    assert held["update_id"] in unconfirmed(harness)
    release.set()
    confirmed = await harness.emulator.reply_to(OFFICER.id, after=start)
    assert "Đã ghi nhận" in confirmed.text
    await harness.idle()
    assert unconfirmed(harness) == []
    async with harness.db.transaction() as session:
        assert len((await session.scalars(select(ReportRevision))).all()) == 2


async def test_an_agency_s_updates_keep_their_order(harness: BotHarness) -> None:
    await setup(harness)
    release = hold_replies_to(harness, OFFICER.id)
    harness.send(OFFICER, "II.2.a đang thực hiện 40%")
    mark = len(harness.emulator.sent)
    harness.send(COLLEAGUE, "II.2.a hoàn thành")  # later, same agency: waits for the first
    harness.send(OFFICER, "II.1.a đang thực hiện 10%")
    harness.send(OFFICER, "II.1.a đang thực hiện 60%")
    await asyncio.sleep(1.0)
    assert [m for m in harness.emulator.sent[mark:] if m.chat_id == COLLEAGUE.id] == []
    release.set()
    done = await harness.emulator.reply_to(COLLEAGUE.id, after=mark)
    assert "Đã ghi nhận" in done.text  # applied after the 40 %, so nothing to ask
    await harness.idle()
    async with harness.db.transaction() as session:
        rows = (await session.scalars(select(Report).order_by(Report.task_id))).all()
    assert sorted((r.status, r.percent or 0) for r in rows) == [("done", 100), ("in_progress", 60)]


async def test_an_officers_reply_costs_two_commits_and_is_recorded_as_handled(
    harness: BotHarness,
) -> None:
    """The busiest path: reading who sent it and whether it was handled takes no write lock;
    the report is one commit, what was sent (with the update's done row) the other."""
    await setup(harness)
    await harness.ask(OFFICER, "II.1.a đang thực hiện 30%")  # the quarter's rows exist now
    await harness.idle()
    commits: list[int] = []
    engine = harness.db.engine.sync_engine

    def mark_budget(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if "send_budget" in statement:  # the send pace shared by instances (PostgreSQL)
            connection.info["send_budget"] = True

    def count(connection: Any) -> None:
        if not connection.info.pop("send_budget", False):  # not the reply's own work
            commits.append(1)

    event.listen(engine, "before_cursor_execute", mark_budget)
    event.listen(engine, "commit", count)
    try:
        sent = harness.send(FINANCE, "II.1.c đang thực hiện 20%")
        answer = await harness.emulator.reply_to(FINANCE.id, after=len(harness.emulator.sent))
        await harness.idle()
    finally:
        event.remove(engine, "commit", count)
        event.remove(engine, "before_cursor_execute", mark_budget)
    assert "Đã ghi nhận" in answer.text
    assert len(commits) <= 2
    async with harness.db.reading() as session:
        done = await session.scalar(
            select(ProcessedUpdate.done).where(ProcessedUpdate.update_id == sent["update_id"])
        )
    assert done is True  # a redelivery of it is skipped
