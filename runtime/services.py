"""The running bot's services, built once at start (`bot.app.make_services`) and handed to the
handlers, the reminder dispatcher and the web view: settings, database, texts, clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from periods.calendar import WorkingCalendar
from periods.store import load_calendar
from runtime.budget import SendBudget
from runtime.settings import Settings
from runtime.work import Work
from storage.db import Database
from texts import Texts

if TYPE_CHECKING:
    from reminders.dispatcher import Dispatcher

Clock = Callable[[], datetime]


def real_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """Settings, database, texts and clock for the running bot, and the reminder dispatcher once
    the bot has started (None before, and in commands that send nothing)."""

    settings: Settings
    db: Database
    texts: Texts
    clock: Clock = real_clock
    admin_ids: frozenset[int] = frozenset()
    dispatcher: Dispatcher | None = None
    web_url: str | None = None  # the desktop view's base URL, once its server listens
    unavailable_updates: set[int] = field(default_factory=set)
    told_unavailable: set[int] = field(default_factory=set)
    # update id → the error its handler raised (recorded when the update is confirmed)
    handler_errors: dict[int, str] = field(default_factory=dict)
    # blocking work (documents, exports, charts, letters) on pools of its own
    work: Work = field(default_factory=Work.create)
    # the bot's overall send budget (shared by the instances on one PostgreSQL)
    send_budget: SendBudget | None = None

    def now(self) -> datetime:
        return self.clock()


async def working_calendar(svc: Services, session: AsyncSession) -> tuple[WorkingCalendar, date]:
    """The working calendar (with declared days) and today's local date."""
    calendar = await load_calendar(session, **svc.settings.calendar_settings)
    return calendar, calendar.local_date(svc.now())


def make_services(settings: Settings, db: Database, *, clock: Clock = real_clock) -> Services:
    """The services of a running bot or of one `dondoc` command."""
    from runtime.budget import send_budget_for

    return Services(
        settings,
        db,
        Texts(settings.language),
        clock=clock,
        admin_ids=frozenset(settings.admin_ids),
        send_budget=send_budget_for(db, settings.send_rate),
    )


async def remember_bot_username(db: Database, username: str) -> None:
    """Kept for `dondoc invite` (several instances may start at once: an upsert)."""
    from storage.models import BotState
    from storage.upsert import upsert

    async with db.transaction() as session:
        await upsert(
            session,
            BotState,
            {"key": "bot", "value": {"username": username}, "updated_at": datetime.now(UTC)},
            ["key"],
            ["value", "updated_at"],
        )
