"""Working days and working hours of a Vietnamese state agency.

Public holidays come from the `holidays` package (`holidays.country_holidays("VN")`, checked
against version 0.109), loaded lazily per year and cached. For Vietnam it includes:

- Tết Dương lịch (1/1);
- Tết Nguyên Đán: lunar New Year's Eve and days 1–3 (day 4 too since 2013), plus the
  substitute days the package adds when one of them falls on a weekend (e.g. "29 Tết",
  "Mùng năm Tết"); in 2026 that gives 16–20 Feb (with the weekends, 14–22 Feb);
- Giỗ Tổ Hùng Vương (10/3 lunar, since 2007), with a substitute day when it falls on a weekend;
- Ngày Chiến thắng 30/4 and Quốc tế Lao động 1/5, with substitute days;
- Quốc khánh 2/9 and, since 2021, one adjacent day (1/9 or 3/9);
- the Government's day swaps for civil servants (e.g. 2/5/2025 off, worked on Saturday
  26/4/2025; 31/8/2026 off, worked on Saturday 22/8/2026). The package records the swapped
  Saturdays in `weekend_workdays`; this calendar treats them as working days unless
  `country_workdays=False`.

`periods/data/official-days.yaml` corrects the package where the Government's schedule says
otherwise, each day with its source: 2/1/2026 off and Saturday 10/1/2026 worked (12729/VPCP-KGVX,
which the package lacks); 24/11 (Ngày Văn hóa Việt Nam, which the package lists from 2026) is
not a day off until the Labour Code says so. The same file lists schedules not yet published
(2027's Tết compensation days), shown by `dondoc calendar`.

The package only knows years 1901–2100 (outside them it reports no holidays at all) and only
the swaps it has been told about: declare the others with `days_off` / `extra_working_days`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays
import yaml

DEFAULT_TZ = "Asia/Ho_Chi_Minh"
_ONE_DAY = timedelta(days=1)


OFFICIAL_DAYS_PATH = Path(__file__).parent / "data" / "official-days.yaml"


@dataclass(frozen=True)
class OfficialDay:
    """A day the Government's schedule sets where the package differs (see the docstring)."""

    day: date
    kind: str  # day_off | working_day | not_holiday
    name: str
    source: str
    verified: bool


@lru_cache(maxsize=1)
def official_schedule() -> tuple[tuple[OfficialDay, ...], Mapping[int, tuple[str, ...]]]:
    """The corrections and the not-yet-published schedules, read once."""
    data = yaml.safe_load(OFFICIAL_DAYS_PATH.read_text(encoding="utf-8")) or {}
    days = tuple(
        OfficialDay(
            day=item["day"],
            kind=item["kind"],
            name=item["name"],
            source=item.get("source", ""),
            verified=bool(item.get("verified", False)),
        )
        for item in data.get("days", [])
    )
    unknown = {int(year): tuple(items) for year, items in (data.get("unknown") or {}).items()}
    return days, MappingProxyType(unknown)


@lru_cache(maxsize=1024)
def _country_year(year: int, language: str) -> tuple[Mapping[date, str], frozenset[date]]:
    """Vietnam's public holidays and swapped weekend working days for one year: the package's,
    corrected by the official schedule."""
    package = holidays.country_holidays("VN", years=year, language=language)
    table = dict(package)
    workdays = set(getattr(package, "weekend_workdays", ()))
    for official in official_schedule()[0]:
        if official.day.year != year:
            continue
        if official.kind == "day_off":
            table[official.day] = official.name
        elif official.kind == "working_day":
            workdays.add(official.day)
        elif official.kind == "not_holiday":
            table.pop(official.day, None)
    return MappingProxyType(table), frozenset(workdays)


def _as_date(d: date) -> date:
    """The calendar date of a date or a datetime (a datetime's own date, as given)."""
    return d.date() if isinstance(d, datetime) else d


class WorkingCalendar:
    """Mon–Fri minus Vietnamese public holidays and declared days off, plus make-up days.

    Precedence for a date: declared `extra_working_days` → working; declared `days_off` → off;
    public holiday → off; Saturday/Sunday → off unless the package lists it as a swapped
    working day (see the module docstring); otherwise working.
    """

    def __init__(
        self,
        days_off: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        work_start: time = time(8),
        work_end: time = time(17),
        tz: str = DEFAULT_TZ,
        *,
        language: str = "vi",
        country_workdays: bool = True,
    ) -> None:
        self.days_off: frozenset[date] = frozenset(_as_date(d) for d in days_off)
        self.extra_working_days: frozenset[date] = frozenset(
            _as_date(d) for d in extra_working_days
        )
        both = self.days_off & self.extra_working_days
        if both:
            raise ValueError(f"dates both off and working: {sorted(both)}")
        if work_start.tzinfo is not None or work_end.tzinfo is not None:
            raise ValueError("work_start and work_end are wall-clock times without tzinfo")
        if not work_start < work_end:
            raise ValueError("work_start must be before work_end")
        self.work_start = work_start
        self.work_end = work_end
        self.tz_name = tz
        self.tz = ZoneInfo(tz)
        self.language = language
        self.country_workdays = country_workdays
        self._holidays: dict[date, str] = {}
        self._workdays: set[date] = set()
        self._loaded: set[int] = set()

    def __repr__(self) -> str:
        return (
            f"WorkingCalendar(days_off={len(self.days_off)}, "
            f"extra_working_days={len(self.extra_working_days)}, "
            f"work={self.work_start:%H:%M}-{self.work_end:%H:%M}, tz={self.tz_name!r})"
        )

    def _load(self, year: int) -> None:
        """Merge one year of package data into this calendar's cache."""
        if year in self._loaded:
            return
        self._loaded.add(year)
        if not 1 <= year <= 9999:
            return
        table, workdays = _country_year(year, self.language)
        self._holidays.update(table)
        self._workdays.update(workdays)

    def holiday_name(self, d: date) -> str | None:
        """Name of the public holiday on d (from the holidays package), or None."""
        d = _as_date(d)
        self._load(d.year)
        return self._holidays.get(d)

    def is_working_day(self, d: date) -> bool:
        """True if d is a working day for state agencies."""
        d = _as_date(d)
        if d in self.extra_working_days:
            return True
        if d in self.days_off:
            return False
        self._load(d.year)
        if d in self._holidays:
            return False
        if d.weekday() >= 5:
            if not self.country_workdays:
                return False
            # a swap listed under next year's dispatch can move work to a December weekend
            self._load(d.year + 1)
            return d in self._workdays
        return True

    def next_working_day(self, d: date) -> date:
        """The first working day on or after d."""
        d = _as_date(d)
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def previous_working_day(self, d: date) -> date:
        """The last working day on or before d."""
        d = _as_date(d)
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after d (before it if n < 0); n=0: d or the next working day."""
        d = _as_date(d)
        if n == 0:
            return self.next_working_day(d)
        step = _ONE_DAY if n > 0 else -_ONE_DAY
        remaining = abs(n)
        while remaining:
            d += step
            if self.is_working_day(d):
                remaining -= 1
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end] if end >= start, else minus those in (end, start]."""
        start, end = _as_date(start), _as_date(end)
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        d = start + _ONE_DAY
        while d <= end:
            count += self.is_working_day(d)
            d += _ONE_DAY
        return count

    def working_days_in(self, start: date, end: date) -> list[date]:
        """The working days from start to end, both included."""
        start, end = _as_date(start), _as_date(end)
        days: list[date] = []
        d = start
        while d <= end:
            if self.is_working_day(d):
                days.append(d)
            d += _ONE_DAY
        return days

    def _local(self, at: datetime) -> datetime:
        """at converted to the calendar's time zone; naive datetimes are refused."""
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError("an aware datetime is required")
        return at.astimezone(self.tz)

    def local_date(self, at: datetime) -> date:
        """The calendar date of an aware datetime in the calendar's time zone."""
        return self._local(at).date()

    def opening(self, d: date) -> datetime:
        """Start of working hours on d, in the calendar's time zone."""
        return datetime.combine(_as_date(d), self.work_start, tzinfo=self.tz)

    def closing(self, d: date) -> datetime:
        """End of working hours on d, in the calendar's time zone."""
        return datetime.combine(_as_date(d), self.work_end, tzinfo=self.tz)

    def is_working_time(self, at: datetime) -> bool:
        """True if at falls in working hours [work_start, work_end) of a working day."""
        local = self._local(at)
        wall = local.time().replace(tzinfo=None)
        return self.is_working_day(local.date()) and self.work_start <= wall < self.work_end

    def next_working_moment(self, at: datetime) -> datetime:
        """at itself if in working time, else the start of the next working period (local tz)."""
        local = self._local(at)
        if self.is_working_time(local):
            return local
        day = local.date()
        if self.is_working_day(day) and local.time().replace(tzinfo=None) < self.work_start:
            return self.opening(day)
        return self.opening(self.add_working_days(day, 1))
