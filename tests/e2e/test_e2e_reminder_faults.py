"""SIGKILL a real `dondoc run` in the middle of a reminder fan-out to 200 officers, then start
it again: every officer gets the reminder exactly once, or it is reported uncertain (to the
admins, once, and by `dondoc check`). The bound: at most DISPATCH_WORKERS reminders are
uncertain, the sends that were on their way when the process died (a row is claimed only
when its turn under the rate limit has come, so nothing waits "sending")."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from emulator import BotApiEmulator, FakeUser
from plans.model import PlanDraft, PlanInfo, ReportingSchedule, TaskDraft
from plans.registry import add_agency
from plans.store import save_plan
from storage.models import CalendarDay, Member, ReminderDelivery, ReportingPeriod
from tests.auxil.databases import DatabaseTarget, migrated_database
from tests.auxil.process import dondoc_env, run_dondoc, start_dondoc, wait_until
from tests.conftest import ADMIN

OFFICERS = [FakeUser(810_000 + i, f"Cán bộ {i}") for i in range(200)]
AGENCIES = 20
DISPATCH_WORKERS = 8  # reminders.dispatcher.Dispatcher's default concurrency


def midday_zone() -> tuple[str, date]:
    """A fixed-offset zone where it is around noon now, and today's date there: the test
    runs inside working hours whenever it is run."""
    now = datetime.now(UTC)
    offset = max(-12, min(14, 12 - now.hour))
    name = "UTC" if offset == 0 else f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"
    return name, now.astimezone(ZoneInfo(name)).date()


async def seed(target: DatabaseTarget, today: date) -> None:
    """200 officers in 20 agencies, one task for all of them and an ad-hoc request made today
    (so each officer is due one reminder now)."""
    async with migrated_database(target) as db, db.transaction() as session:
        rows = [await add_agency(session, f"Sở kiểm thử số {i}") for i in range(AGENCIES)]
        draft = PlanDraft(
            plan=PlanInfo(number="7/KH-TEST"),
            tasks=[TaskDraft(ref="1", title="Nhiệm vụ chung", lead=[a.name for a in rows])],
            reporting=ReportingSchedule(frequencies=[]),
        )
        saved = await save_plan(session, draft)
        for i, user in enumerate(OFFICERS):
            session.add(
                Member(
                    telegram_user_id=user.id,
                    full_name=user.first_name,
                    agency_id=rows[i % AGENCIES].id,
                    role="officer",
                )
            )
        session.add(CalendarDay(day=today, kind="working_day", note="kiểm thử"))
        session.add(
            ReportingPeriod(
                plan_id=saved.plan.id,
                kind="adhoc",
                key=f"adhoc-{today.isoformat()}-1",
                starts_on=today,
                ends_on=today,
                deadline=today + timedelta(days=20),
                support_deadline=today + timedelta(days=20),
                scope={},  # every task of the plan
                request_note="Báo cáo nhanh tình hình",
            )
        )


async def deliveries(target: DatabaseTarget) -> list[tuple[int, str, str]]:
    async with migrated_database(target) as db, db.transaction() as session:
        rows = await session.execute(
            select(ReminderDelivery.chat_id, ReminderDelivery.kind, ReminderDelivery.status)
        )
        return [tuple(row) for row in rows.all()]  # type: ignore[misc]


async def test_sigkill_mid_fanout_then_restart_sends_each_reminder_once_or_reports_it(
    emulator: BotApiEmulator, db_target: DatabaseTarget, tmp_path: Path
) -> None:
    zone, today = midday_zone()
    await seed(db_target, today)
    env = dondoc_env(
        emulator,
        db_target,
        DONDOC_TIMEZONE=zone,
        DONDOC_WORK_START="00:00",
        DONDOC_WORK_END="23:59",
        DONDOC_TICK_SECONDS="5",
        DONDOC_ADMIN_IDS=str(ADMIN.id),
    )
    emulator.send_delay = 0.05
    officers = {u.id for u in OFFICERS}

    def reminded() -> Counter[int]:
        return Counter(m.chat_id for m in emulator.sent if m.chat_id in officers)

    first = await start_dondoc("run", env=env, cwd=tmp_path)
    try:
        await wait_until(lambda: sum(reminded().values()) >= 60, timeout=90)
    finally:
        first.send_signal(signal.SIGKILL)
        await asyncio.wait_for(first.wait(), 10)
    at_kill = sum(reminded().values())
    assert at_kill < len(OFFICERS)  # the kill landed mid fan-out

    second = await start_dondoc("run", env=env, cwd=tmp_path)
    try:

        async def settled() -> bool:
            rows = await deliveries(db_target)
            waiting = [s for _, _, s in rows if s in ("pending", "sending")]
            uncertain = [s for _, kind, s in rows if s == "uncertain" and kind != "uncertain"]
            told = not uncertain or bool(emulator.messages_to(ADMIN.id))
            return not waiting and told

        loop = asyncio.get_running_loop()
        deadline = loop.time() + 120  # the dead instance is recognised after 3 silent ticks
        while not await settled():
            assert loop.time() < deadline, await deliveries(db_target)
            await asyncio.sleep(0.5)
        check = await run_dondoc("check", env=env, cwd=tmp_path)
    finally:
        second.send_signal(signal.SIGTERM)
        await asyncio.wait_for(second.wait(), 30)

    rows = await deliveries(db_target)
    uncertain = {
        chat for chat, kind, status in rows if status == "uncertain" and kind != "uncertain"
    }
    per_chat = reminded()
    assert max(per_chat.values()) == 1  # never twice
    assert officers - set(per_chat) <= uncertain  # not reminded: reported uncertain
    assert len(uncertain) <= DISPATCH_WORKERS  # only the sends in flight at the kill
    assert {chat for chat, _, status in rows if status == "sent"} | uncertain >= officers
    notices = emulator.messages_to(ADMIN.id)
    if uncertain:
        [notice] = [m for m in notices if "không xác nhận được" in m.text]
        assert f"{len(uncertain)} tin nhắc báo cáo không xác nhận" in notice.text
    assert f"tin nhắc: {len(uncertain)} tin không xác nhận được" in check.stdout, check.stdout
