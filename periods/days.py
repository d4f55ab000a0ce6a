"""Admin-declared days: a day off (a local holiday) or a make-up working day (a Saturday)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from access import audit
from storage.models import CalendarDay, Member

KINDS = ("day_off", "working_day")


async def declare_day(
    session: AsyncSession, day: date, kind: str, note: str, actor: Member | None
) -> None:
    """Declare (or re-declare) a day; the reminder calendar uses it from the next tick."""
    if kind not in KINDS:
        raise ValueError(kind)
    row = await session.get(CalendarDay, day)
    if row is None:
        session.add(CalendarDay(day=day, kind=kind, note=note))
    else:
        row.kind, row.note = kind, note
    audit.record(session, actor, "calendar.declare", day=day.isoformat(), kind=kind, note=note)


async def clear_day(session: AsyncSession, day: date, actor: Member | None) -> bool:
    row = await session.get(CalendarDay, day)
    if row is None:
        return False
    await session.delete(row)
    audit.record(session, actor, "calendar.clear", day=day.isoformat())
    return True


async def declared_days(session: AsyncSession, since: date) -> list[CalendarDay]:
    rows = await session.scalars(
        select(CalendarDay).where(CalendarDay.day >= since).order_by(CalendarDay.day)
    )
    return list(rows.all())
