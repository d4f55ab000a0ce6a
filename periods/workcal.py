"""The working calendar of one year as the bot uses it: public holidays (with the official
corrections), make-up working days, the days an admin declared, what is not yet published, and
each period kind's data cut-off and default deadline. Pure: a calendar in, data out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from periods.calendar import OfficialDay, WorkingCalendar, official_schedule
from periods.rules import KINDS, Period, deadline, period_for

__all__ = ["Declared", "PeriodLine", "YearCalendar", "year_calendar"]

_COUNT = {"monthly": 12, "quarterly": 4, "half_yearly": 2, "yearly": 1}
PACKAGE_SOURCE = "Bộ luật Lao động 2019, Điều 112; gói holidays (Python) cho các năm"


@dataclass(frozen=True)
class Declared:
    """A day an admin declared (/dayoff, /workday)."""

    day: date
    kind: str  # day_off | working_day
    note: str


@dataclass(frozen=True)
class PeriodLine:
    period: Period
    deadline: date


@dataclass
class YearCalendar:
    year: int
    holidays: list[tuple[date, str]] = field(default_factory=list)
    workdays: list[date] = field(default_factory=list)  # weekend days worked
    declared: list[Declared] = field(default_factory=list)
    official: list[OfficialDay] = field(default_factory=list)  # corrections, with sources
    unknown: tuple[str, ...] = ()  # schedules not published yet
    periods: list[PeriodLine] = field(default_factory=list)

    def sources(self) -> list[str]:
        """Where the days come from, each once."""
        found = [PACKAGE_SOURCE]
        for official in self.official:
            if official.source and official.source not in found:
                found.append(official.source)
        return found


def year_calendar(
    calendar: WorkingCalendar, year: int, declared: Iterable[Declared] = ()
) -> YearCalendar:
    """The year's working calendar as `calendar` counts it (its declared days included)."""
    result = YearCalendar(year)
    day = date(year, 1, 1)
    declared_days = {d.day: d for d in declared if d.day.year == year}
    while day.year == year:
        working = calendar.is_working_day(day)
        name = calendar.holiday_name(day)
        if name and not working and day not in declared_days:
            result.holidays.append((day, name))
        if working and day.weekday() >= 5 and day not in declared_days:
            result.workdays.append(day)
        day += timedelta(days=1)
    result.declared = [declared_days[d] for d in sorted(declared_days)]
    days, unknown = official_schedule()
    result.official = [o for o in days if o.day.year == year]
    result.unknown = unknown.get(year, ())
    for kind in KINDS:
        for index in range(1, _COUNT[kind] + 1):
            period = period_for(kind, year, index)
            result.periods.append(PeriodLine(period, deadline(period, calendar)))
    return result
