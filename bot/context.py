"""What every handler needs, built once at start and kept in `application.bot_data`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy.ext.asyncio import AsyncSession
from telegram.ext import ContextTypes

from bot.settings import Settings
from bot.texts import Texts
from periods.calendar import WorkingCalendar
from periods.store import load_calendar
from storage.db import Database

Clock = Callable[[], datetime]


def real_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """Settings, database, texts and clock for the running bot."""

    settings: Settings
    db: Database
    texts: Texts
    clock: Clock = real_clock
    admin_ids: frozenset[int] = frozenset()
    extras: dict[str, Any] = field(default_factory=dict)
    unavailable_updates: set[int] = field(default_factory=set)
    told_unavailable: set[int] = field(default_factory=set)

    def now(self) -> datetime:
        return self.clock()


async def working_calendar(svc: Services, session: AsyncSession) -> tuple[WorkingCalendar, date]:
    """The working calendar (with declared days) and today's local date."""
    calendar = await load_calendar(session, **svc.settings.calendar_settings)
    return calendar, calendar.local_date(svc.now())


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return cast(Services, context.bot_data["services"])
