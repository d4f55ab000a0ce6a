"""Declared days change deadlines and reminders (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from periods.calendar import WorkingCalendar
from periods.days import declare_day
from periods.rules import period_for
from periods.store import ensure_period, load_calendar, recompute_deadlines
from plans.registry import add_agency
from plans.store import save_plan
from storage.db import Database
from storage.models import ReportingPeriod
from tests.auxil.scenario import PLAN


async def test_a_declared_day_off_moves_the_deadline(db: Database) -> None:
    async with db.transaction() as session:
        await add_agency(session, "Sở Xây dựng")
        await add_agency(session, "Sở Tài chính")
        plan = (await save_plan(session, PLAN)).plan
        row = await ensure_period(
            session, plan, period_for("quarterly", 2026, 4), WorkingCalendar()
        )
        assert row.deadline == date(2026, 12, 16)
        await declare_day(session, date(2026, 12, 15), "day_off", "Nghỉ bù", None)
        changed = await recompute_deadlines(session, date(2026, 11, 22))
    assert changed == 1
    async with db.transaction() as session:
        row = (await session.scalars(select(ReportingPeriod))).one()
        calendar = await load_calendar(session)
    assert row.deadline == date(2026, 12, 17)
    assert not calendar.is_working_day(date(2026, 12, 15))
