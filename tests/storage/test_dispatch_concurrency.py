"""Two bot instances on one database send each reminder exactly once."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import func, select
from telegram import Bot

from bot.context import Services
from bot.scheduling import build_dispatcher
from emulator import BotApiEmulator
from plans.model import PlanDraft, PlanInfo, TaskDraft
from plans.registry import add_agency
from plans.store import save_plan
from storage.models import Member, ReminderDelivery
from tests.auxil.clock import FakeClock
from tests.auxil.databases import DatabaseTarget, migrated_database
from tests.auxil.harness import TOKEN, make_settings
from texts import Texts

AGENCIES = 30
OFFICERS_PER_AGENCY = 3


async def seed_many(target: DatabaseTarget) -> None:
    async with migrated_database(target) as db, db.transaction() as session:
        names = [f"Sở số {i}" for i in range(AGENCIES)]
        agencies = [await add_agency(session, name) for name in names]
        draft = PlanDraft(
            plan=PlanInfo(number="9/KH-UBND"),
            tasks=[TaskDraft(ref="1", title="Nhiệm vụ chung", lead=names)],
        )
        await save_plan(session, draft)
        user_id = 10_000
        for agency in agencies:
            for _ in range(OFFICERS_PER_AGENCY):
                user_id += 1
                session.add(
                    Member(
                        telegram_user_id=user_id,
                        full_name=f"CB {user_id}",
                        agency_id=agency.id,
                        role="officer",
                    )
                )


async def test_two_instances_send_each_reminder_once(
    emulator: BotApiEmulator, db_target: DatabaseTarget
) -> None:
    await seed_many(db_target)
    clock = FakeClock(datetime(2026, 12, 11, 2, 0, tzinfo=UTC))
    settings = make_settings(emulator)
    dispatchers, bots, dbs = [], [], []
    for _ in range(2):
        db = db_target.open()
        bot = Bot(TOKEN, base_url=settings.api_url)
        await bot.initialize()
        svc = Services(settings, db, Texts("vi"), clock=clock)
        dispatchers.append(build_dispatcher(bot, svc))
        bots.append(bot)
        dbs.append(db)
    try:
        reports = await asyncio.gather(*(d.tick() for d in dispatchers))
        again = await asyncio.gather(*(d.tick() for d in dispatchers))
    finally:
        for bot in bots:
            await bot.shutdown()
        for db in dbs:
            await db.dispose()

    officers = AGENCIES * OFFICERS_PER_AGENCY
    per_chat = Counter(m.chat_id for m in emulator.sent)
    assert len(per_chat) == officers and set(per_chat.values()) == {1}
    assert sum(r.sent for r in reports) == officers
    assert sum(r.sent for r in again) == 0
    async with migrated_database(db_target) as db, db.transaction() as session:
        sent = await session.scalar(
            select(func.count())
            .select_from(ReminderDelivery)
            .where(ReminderDelivery.status == "sent")
        )
    assert sent == officers
