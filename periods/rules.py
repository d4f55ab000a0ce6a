"""Periodic reporting periods, their data cut-off windows and deadlines.

Cut-off windows (Decree 09/2019/NĐ-CP, Art. 12), all dates inclusive:

- monthly: 15th of the previous month to the 14th of the reporting month;
- quarterly: 15th of the month before the quarter to the 14th of the quarter's last month
  (Q1: 15/12 of the previous year – 14/3, Q2: 15/3 – 14/6, Q3: 15/6 – 14/9, Q4: 15/9 – 14/12);
- 6-monthly: 15 December of the previous year to 14 June;
- annual: 15 December of the previous year to 14 December.

What was verified: the decree's own text could not be retrieved here; the windows above were
checked against provincial decisions that restate Art. 12 word for word: Khánh Hòa
01/2023/QĐ-UBND Art. 4 (which adds a 9-month report, 15/12 – 14/9, not modelled here) and
Bà Rịa–Vũng Tàu 40/2019/QĐ-UBND. The latter also defines "6 tháng cuối năm" as 15/6 – 14/12;
this module uses that as the second half-year (`half_yearly` index 2, key "YYYY-H2") so that
every kind tiles time. The decree's own 6-month report is index 1.

Deadlines (Art. 8.5): the sending deadline must leave at least one working day after the
cut-off; provinces set their own (Khánh Hòa: 2 working days after the cut-off). `deadline()`
counts `working_days` working days after the cut-off, so it is always a working day strictly
after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta
from typing import get_args

from domain.text import fold
from periods.calendar import WorkingCalendar
from plans.model import Frequency

KINDS: tuple[Frequency, ...] = get_args(Frequency)
_SPAN: dict[str, int] = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
_COUNT: dict[str, int] = {kind: 12 // span for kind, span in _SPAN.items()}
CUTOFF_DAY = 14
DEFAULT_DEADLINE_WORKING_DAYS = 2
DEFAULT_REMIND_DAYS_BEFORE: tuple[int, ...] = (3, 1)


def _window(kind: str, year: int, index: int) -> tuple[date, date]:
    """Cut-off window (first day, last day) of a period, validating its fields."""
    if kind not in _SPAN:
        raise ValueError(f"unknown period kind {kind!r}")
    if not 1 <= index <= _COUNT[kind]:
        raise ValueError(f"{kind} index must be 1..{_COUNT[kind]}, got {index}")
    if not MINYEAR < year <= MAXYEAR:
        raise ValueError(f"year out of range: {year}")
    span = _SPAN[kind]
    end_month = index * span
    start_month, start_year = end_month - span, year
    if start_month <= 0:
        start_month, start_year = start_month + 12, year - 1
    return date(start_year, start_month, CUTOFF_DAY + 1), date(year, end_month, CUTOFF_DAY)


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period: kind, year, index in the year and its data cut-off window."""

    kind: Frequency
    year: int
    index: int
    starts_on: date
    ends_on: date

    def __post_init__(self) -> None:
        if (self.starts_on, self.ends_on) != _window(self.kind, self.year, self.index):
            raise ValueError(f"inconsistent window for {self.kind} {self.year}/{self.index}")

    @property
    def key(self) -> str:
        """Stable key: "2026-M03", "2026-Q4", "2026-H1", "2026-Y"."""
        if self.kind == "monthly":
            return f"{self.year}-M{self.index:02d}"
        if self.kind == "quarterly":
            return f"{self.year}-Q{self.index}"
        if self.kind == "half_yearly":
            return f"{self.year}-H{self.index}"
        return f"{self.year}-Y"

    def contains(self, d: date) -> bool:
        """True if d lies in the cut-off window."""
        return self.starts_on <= d <= self.ends_on


def period_for(kind: Frequency, year: int, index: int = 1) -> Period:
    """The period of a kind by year and index (month, quarter, half or 1 for the year)."""
    starts_on, ends_on = _window(kind, year, index)
    return Period(kind, year, index, starts_on, ends_on)


_KEY = re.compile(r"(\d{1,4})-(?:M(\d{1,2})|Q(\d)|H(\d)|Y)", re.IGNORECASE)


def parse_period_key(key: str) -> Period:
    """The period of a key made by `Period.key`; ValueError if it is not one."""
    m = _KEY.fullmatch(key.strip())
    if not m:
        raise ValueError(f"not a period key: {key!r}")
    year = int(m[1])
    if m[2]:
        return period_for("monthly", year, int(m[2]))
    if m[3]:
        return period_for("quarterly", year, int(m[3]))
    if m[4]:
        return period_for("half_yearly", year, int(m[4]))
    return period_for("yearly", year)


_ROMAN_VALUE = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"(?P<year>\d{4})"
_SEP = r"\s*(?:[/.-]|\s|nam|,)\s*(?:nam\s*)?"
_PREFIX = r"(?:bao cao\s*)?(?:dinh ky\s*)?(?:ky\s*)?(?:bao cao\s*)?"
_LABELS: list[tuple[str, re.Pattern[str]]] = [
    (
        "quarterly",
        re.compile(_PREFIX + r"(?:quy|q)\s*(?P<q>iv|i{1,3}|[1-4])" + _SEP + _YEAR),
    ),
    ("quarterly", re.compile(_YEAR + r"\s*[/-]?\s*q(?P<q>[1-4])")),
    (
        "half_yearly",
        re.compile(
            _PREFIX
            + r"(?:6\s*thang|sau\s*thang|nua)\s*(?P<half>dau|cuoi)?\s*(?:nam)?\s*[/,-]?\s*"
            + _YEAR
        ),
    ),
    ("half_yearly", re.compile(r"h(?P<h>[12])" + _SEP + _YEAR)),
    ("half_yearly", re.compile(_YEAR + r"\s*[/-]?\s*h(?P<h>[12])")),
    (
        "monthly",
        re.compile(_PREFIX + r"(?:thang|th|t)?\s*(?P<m>\d{1,2})" + _SEP + _YEAR),
    ),
    ("monthly", re.compile(_YEAR + r"\s*[/-]\s*m?(?P<m>\d{1,2})")),
    ("yearly", re.compile(_PREFIX + r"(?:ca\s*)?(?:nam\s*)?" + _YEAR)),
]


def parse_period_label(text: str) -> Period | None:
    """Read a period written by people ("Quý IV/2026", "thang 11/2026", "2026"), else None."""
    try:
        return parse_period_key(text)
    except ValueError:
        pass
    folded = fold(text).strip(" .,:;()[]")
    for kind, pattern in _LABELS:
        m = pattern.fullmatch(folded)
        if not m:
            continue
        groups = m.groupdict()
        year = int(groups["year"])
        if kind == "quarterly":
            q = groups["q"]
            index = _ROMAN_VALUE[q] if q in _ROMAN_VALUE else int(q)
        elif kind == "half_yearly":
            if groups.get("h"):
                index = int(groups["h"])
            else:
                index = 2 if groups.get("half") == "cuoi" else 1
        elif kind == "monthly":
            index = int(groups["m"])
        else:
            index = 1
        try:
            return period_for(kind, year, index)  # type: ignore[arg-type]
        except ValueError:
            return None
    return None


def period_containing(kind: Frequency, d: date) -> Period:
    """The period of the kind whose cut-off window contains d."""
    month, year = d.month, d.year
    if d.day > CUTOFF_DAY:
        month += 1
        if month > 12:
            month, year = 1, year + 1
    if kind not in _SPAN:
        raise ValueError(f"unknown period kind {kind!r}")
    return period_for(kind, year, (month - 1) // _SPAN[kind] + 1)


def next_period(p: Period) -> Period:
    """The period of the same kind right after p."""
    if p.index < _COUNT[p.kind]:
        return period_for(p.kind, p.year, p.index + 1)
    return period_for(p.kind, p.year + 1, 1)


def previous_period(p: Period) -> Period:
    """The period of the same kind right before p."""
    if p.index > 1:
        return period_for(p.kind, p.year, p.index - 1)
    return period_for(p.kind, p.year - 1, _COUNT[p.kind])


def periods_overlapping(kind: Frequency, start: date, end: date) -> list[Period]:
    """Periods of the kind whose windows share at least one day with [start, end]."""
    if end < start:
        return []
    found: list[Period] = []
    p = period_containing(kind, start)
    while p.starts_on <= end:
        found.append(p)
        p = next_period(p)
    return found


def deadline(
    period: Period, calendar: WorkingCalendar, working_days: int = DEFAULT_DEADLINE_WORKING_DAYS
) -> date:
    """Day the report is due: `working_days` (≥ 1, Art. 8.5) working days after the cut-off."""
    if working_days < 1:
        raise ValueError("the deadline must leave at least one working day after the cut-off")
    return calendar.add_working_days(period.ends_on, working_days)


def support_deadline(
    period: Period,
    calendar: WorkingCalendar,
    working_days: int = DEFAULT_DEADLINE_WORKING_DAYS,
    days_before: int = 2,
) -> date:
    """Supporting agencies' deadline: their input must reach the lead in time to be used.

    `days_before` working days before the lead's deadline, kept inside the days between the
    cut-off and the lead's deadline: after the cut-off (their input covers the whole window,
    so at the earliest the first working day after it) and at least one working day before
    the lead's deadline (the lead needs a day to merge it). With the default two working days
    that gives cut-off 14th → supporting 15th → lead 16th. When the lead's deadline is the
    first working day after the cut-off there is no such day: it is the lead's deadline.
    Always a working day.
    """
    if days_before < 0:
        raise ValueError("days_before must be >= 0")
    lead = deadline(period, calendar, working_days)
    earliest = calendar.add_working_days(period.ends_on, 1)
    latest = calendar.add_working_days(lead, -1)
    if latest < earliest:
        return lead
    return min(max(calendar.add_working_days(lead, -days_before), earliest), latest)


def first_reminder_day(
    period: Period,
    calendar: WorkingCalendar,
    working_days: int = DEFAULT_DEADLINE_WORKING_DAYS,
    remind_days_before: Sequence[int] = DEFAULT_REMIND_DAYS_BEFORE,
    support_days_before: int | None = None,
) -> date:
    """Day of the first reminder: the largest `remind_days_before` before the earliest deadline.

    The earliest deadline is the lead's, or the supporting agencies' when
    `support_days_before` is given (their reminders start earlier).
    """
    due = deadline(period, calendar, working_days)
    if support_days_before is not None:
        due = support_deadline(period, calendar, working_days, support_days_before)
    before = max((n for n in remind_days_before if n > 0), default=0)
    return calendar.add_working_days(due, -before) if before else due


def chase_window(
    period: Period,
    calendar: WorkingCalendar,
    working_days: int = DEFAULT_DEADLINE_WORKING_DAYS,
    remind_days_before: Sequence[int] = DEFAULT_REMIND_DAYS_BEFORE,
    support_days_before: int | None = None,
) -> tuple[date, date]:
    """(first, last) days, inclusive, on which the period is chased.

    From the first reminder (see `first_reminder_day`) to the day before the next period of
    the same kind reaches its lead deadline (from then on that period takes over). Windows of
    consecutive periods overlap while the next one is announced and the previous one is
    overdue.
    """
    first = first_reminder_day(
        period, calendar, working_days, remind_days_before, support_days_before
    )
    takeover = deadline(next_period(period), calendar, working_days)
    return first, takeover - timedelta(days=1)


def periods_to_chase(
    kinds: Iterable[Frequency],
    today: date,
    calendar: WorkingCalendar,
    working_days: int = DEFAULT_DEADLINE_WORKING_DAYS,
    remind_days_before: Sequence[int] = DEFAULT_REMIND_DAYS_BEFORE,
    support_days_before: int | None = None,
) -> list[Period]:
    """All periods of these kinds whose chase window contains today, by cut-off then kind."""
    ahead = 2 * max((n for n in remind_days_before if n > 0), default=0)
    ahead += 2 * (support_days_before or 0) + 40
    found: set[Period] = set()
    for kind in dict.fromkeys(kinds):
        # a chase window ends no later than ~a year after its cut-off and starts a few
        # weeks before it, so these candidates cover every window that can contain today
        candidates = periods_overlapping(
            kind, today - timedelta(days=450), today + timedelta(days=ahead)
        )
        for p in candidates:
            first, last = chase_window(
                p, calendar, working_days, remind_days_before, support_days_before
            )
            if first <= today <= last:
                found.add(p)
    return sorted(found, key=lambda p: (p.ends_on, KINDS.index(p.kind)))
