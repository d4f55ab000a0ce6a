"""The outbox: a row is claimed only when its message goes out, and a send that may have been
delivered (a timeout, an instance that died) is never resent but reported to admins once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update
from telegram.constants import ParseMode
from telegram.ext import Defaults, ExtBot
from telegram.request import HTTPXRequest

from bot.telegram_sender import TelegramSender
from emulator import ApiError, FakeUser
from reminders.dispatcher import Dispatcher
from reminders.outbox import outbox_health
from reminders.views import View
from storage.db import Database
from storage.models import Member, ReminderDelivery
from tests.auxil.clock import FakeClock
from tests.auxil.harness import TOKEN, BotHarness
from tests.auxil.scenario import seed
from tests.conftest import ADMIN, COORDINATOR, OFFICER

FINANCE = FakeUser(900020, "Lê", "Tài Chính")
REMINDER_DAY = datetime(2026, 12, 11, 2, 0, tzinfo=UTC)  # 09:00, 3 working days before 16/12


async def statuses(db: Database) -> list[str]:
    async with db.transaction() as session:
        return sorted((await session.scalars(select(ReminderDelivery.status))).all())


async def add_officers(db: Database, agency_id: int, count: int, first_id: int) -> None:
    async with db.transaction() as session:
        for i in range(count):
            session.add(
                Member(
                    telegram_user_id=first_id + i,
                    full_name=f"Cán bộ {i}",
                    agency_id=agency_id,
                    role="officer",
                )
            )


class WatchingSender:
    """Counts, at each send, the rows marked "sending" and the sends really under way."""

    def __init__(self, db: Database, seconds: float) -> None:
        self.db = db
        self.seconds = seconds
        self.in_flight = 0
        self.worst_sending = 0
        self.worst_in_flight = 0
        self.sent: list[int] = []

    async def send(self, chat_id: int, view: View) -> int:
        self.in_flight += 1
        self.worst_in_flight = max(self.worst_in_flight, self.in_flight)
        try:
            async with self.db.transaction() as session:
                sending = await session.scalar(
                    select(func.count())
                    .select_from(ReminderDelivery)
                    .where(ReminderDelivery.status == "sending")
                )
            self.worst_sending = max(self.worst_sending, sending or 0)
            await asyncio.sleep(self.seconds)
            self.sent.append(chat_id)
            return len(self.sent)
        finally:
            self.in_flight -= 1


async def test_rows_are_claimed_only_when_their_turn_under_the_rate_limit_comes(
    harness: BotHarness,
) -> None:
    scenario = await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    await add_officers(harness.db, scenario.construction.id, 20, 700_000)
    harness.clock.set(REMINDER_DAY)
    sender = WatchingSender(harness.db, seconds=0.02)
    # 8 workers, 10 messages a second: every worker but one waits for its turn most of the time
    dispatcher = Dispatcher(harness.db, sender, clock=harness.clock, concurrency=8, rate=10)
    report = await dispatcher.tick()
    assert report.sent == 22 and len(set(sender.sent)) == 22
    # waiting for the rate limit holds no row: what is "sending" is what is on its way (a send
    # or two, with one claimed just before it), never the 8 workers waiting their turn. How
    # many sends overlap depends on the machine's load, so the bound leaves room for that.
    assert sender.worst_sending <= 4 < 8, (sender.worst_sending, sender.worst_in_flight)


async def test_a_timed_out_send_is_not_resent_and_admins_are_told_once(
    harness: BotHarness,
) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(REMINDER_DAY)
    assert harness.dispatcher is not None
    # Telegram takes longer than the bot waits: the request is delivered, the bot sees TimedOut
    impatient = ExtBot(
        TOKEN,
        base_url=harness.svc.settings.api_url,
        request=HTTPXRequest(read_timeout=0.3),
        defaults=Defaults(parse_mode=ParseMode.HTML),
    )
    await impatient.initialize()
    harness.dispatcher.sender = TelegramSender(impatient, harness.svc.texts)
    harness.emulator.send_delay = 1.0
    try:
        first = await harness.tick()
        await asyncio.sleep(1.0)  # the emulator finishes delivering
        harness.emulator.send_delay = 0.0
        assert first.uncertain == 2 and first.retried == 0
        delivered = {m.chat_id for m in harness.emulator.sent}
        assert {OFFICER.id, FINANCE.id} <= delivered
        for minutes in (2, 70, 180):  # retries would have come by now
            harness.clock.set(REMINDER_DAY + timedelta(minutes=minutes))
            await harness.tick()
    finally:
        await impatient.shutdown()
    assert len(harness.emulator.messages_to(OFFICER.id)) == 1
    assert len(harness.emulator.messages_to(FINANCE.id)) == 1
    [notice] = harness.emulator.messages_to(ADMIN.id)
    assert "2 tin nhắc báo cáo không xác nhận được" in notice.text
    assert "Nguyễn Văn An" in notice.text and "Lê Tài Chính" in notice.text
    async with harness.db.transaction() as session:
        health = await outbox_health(session, harness.clock())
    assert health.uncertain == 2 and health.in_flight == 0


async def test_a_dead_instances_claims_become_uncertain_a_live_ones_do_not(
    harness: BotHarness,
) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    clock = FakeClock(REMINDER_DAY)
    sender = WatchingSender(harness.db, seconds=0)
    alive = Dispatcher(harness.db, sender, clock=clock, instance_id="alive")
    other = Dispatcher(harness.db, sender, clock=clock, instance_id="other")
    assert await alive.plan() == 2
    # two rows caught mid-send: one by an instance that died, one by one still running
    async with harness.db.transaction() as session:
        ids = list((await session.scalars(select(ReminderDelivery.id))).all())
        for row_id, owner in zip(ids, ("dead", "alive"), strict=True):
            await session.execute(
                update(ReminderDelivery)
                .where(ReminderDelivery.id == row_id)
                .values(status="sending", claimed_by=owner, claimed_at=clock())
            )
    clock.advance(minutes=3)  # longer than DEAD_AFTER, shorter than STALE_CLAIM
    async with harness.db.transaction() as session:
        await alive.outbox.heartbeat(session, clock())  # "alive" ticked a moment ago
    assert await other.outbox.expire_stale_claims(clock()) == 1
    async with harness.db.transaction() as session:
        rows = dict(
            (
                await session.execute(select(ReminderDelivery.claimed_by, ReminderDelivery.status))
            ).all()
        )
    assert rows == {"dead": "uncertain", "alive": "sending"}
    assert await other.outbox.report_uncertain(clock()) == 1
    assert await other.outbox.report_uncertain(clock()) == 0  # told once
    clock.advance(minutes=10)  # past STALE_CLAIM, even a live instance's claim is uncertain
    assert await other.outbox.expire_stale_claims(clock()) == 1


async def test_a_message_telegram_refuses_is_not_retried(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(REMINDER_DAY)
    harness.emulator.inject(
        ApiError("sendMessage", 400, "Bad Request: message is too long", chat_id=OFFICER.id)
    )
    first = await harness.tick()
    assert first.failed == 1 and first.retried == 0 and first.sent == 1
    harness.clock.set(REMINDER_DAY + timedelta(hours=2))
    await harness.tick()
    assert harness.emulator.messages_to(OFFICER.id) == []
    assert await statuses(harness.db) == ["failed", "sent"]
