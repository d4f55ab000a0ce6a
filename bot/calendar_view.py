"""The working calendar of a year in words: `dondoc calendar [year]` and `/calendar [year]`."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from periods.calendar import WorkingCalendar
from periods.days import declared_days
from periods.labels import period_label
from periods.workcal import Declared, YearCalendar, year_calendar
from texts import Html, Texts


def _day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def calendar_lines(texts: Texts, cal: YearCalendar) -> list[Html]:
    """Holidays, make-up days, declared days, what is not published yet, the sources, then
    each period's cut-off and default deadline."""
    lines = [texts("workcal.header", year=cal.year), texts("workcal.holidays")]
    lines += [texts("workcal.day", day=_day(d), name=name) for d, name in cal.holidays]
    lines.append(texts("workcal.workdays"))
    lines += [texts("workcal.day", day=_day(d), name=_weekday(texts, d)) for d in cal.workdays] or [
        texts("workcal.none")
    ]
    lines.append(texts("workcal.declared_header"))
    lines += [
        texts(
            "workcal.declared_off" if d.kind == "day_off" else "workcal.declared_work",
            day=_day(d.day),
            note=d.note or "—",
        )
        for d in cal.declared
    ] or [texts("workcal.none")]
    for official in cal.official:
        if official.kind == "not_holiday":
            lines.append(
                texts(
                    "workcal.pending",
                    day=_day(official.day),
                    name=official.name,
                    note=official.source,
                )
            )
    lines += [texts("workcal.unknown", what=what, year=cal.year) for what in cal.unknown]
    lines += [texts("workcal.source", source=source) for source in cal.sources()]
    lines.append(texts("workcal.periods"))
    lines += [
        texts(
            "workcal.period",
            label=period_label(line.period, texts.plain),
            start=_day(line.period.starts_on),
            end=_day(line.period.ends_on),
            deadline=_day(line.deadline),
        )
        for line in cal.periods
    ]
    return lines


def _weekday(texts: Texts, day: date) -> str:
    return texts.plain("workcal.saturday") if day.weekday() == 5 else texts.plain("workcal.sunday")


async def load_year(session: AsyncSession, calendar: WorkingCalendar, year: int) -> YearCalendar:
    """The year as the bot counts it, with the days declared in the database."""
    days = await declared_days(session, date(year, 1, 1))
    declared = [Declared(d.day, d.kind, d.note or "") for d in days if d.day.year == year]
    return year_calendar(calendar, year, declared)
