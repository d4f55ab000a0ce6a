"""A plan's reporting calendar (pure: dates in, dates out; docs/counting.md, sections 1–3).

- **Deadlines**: Decree 09's default (`deadline_working_days` working days after the cut-off),
  or the plan's own clause for the kinds it names (`ReportingSchedule.deadlines`: "trước ngày
  15 hằng tháng" → day 15 after the cut-off), moved to the next working day when that day is
  not one (Civil Code 2015, Art. 148.5).
- **Moments**: periods of the plan's kinds that share a cut-off (Quý IV and Năm on 14/12) are
  one reporting moment, asked once, due on the earliest of their deadlines, with one report for
  all. The moment's *primary* period is its finest kind (the quarter before the year); reports
  are stored on it and read by every period of the moment.
- **The first period owed**: by default the first moment whose deadline is at least
  `START_NOTICE_DAYS` working days after the plan is loaded; nothing earlier is owed.
"""

from __future__ import annotations

import calendar as monthdays
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from periods.calendar import WorkingCalendar
from periods.rules import (
    CUTOFF_DAY,
    KINDS,
    Period,
    next_period,
    parse_period_key,
    period_containing,
    periods_overlapping,
    previous_period,
)
from plans.model import DeadlineRule, Frequency, ReportingSchedule

# a plan, task or assignment added today is first owed for a deadline at least this many
# working days away (docs/counting.md, section 3)
START_NOTICE_DAYS = 5


def kinds_ending_on(cutoff: date) -> tuple[Frequency, ...]:
    """The kinds that have a period closing on this cut-off, finest first (14/12: all four)."""
    if cutoff.day != CUTOFF_DAY:
        return ()
    month = cutoff.month
    found: list[Frequency] = ["monthly"]
    if month % 3 == 0:
        found.append("quarterly")
    if month % 6 == 0:
        found.append("half_yearly")
    if month == 12:
        found.append("yearly")
    return tuple(found)


def period_ending(kind: Frequency, cutoff: date) -> Period:
    """The period of the kind closing on the cut-off (which must be one of the kind's)."""
    period = period_containing(kind, cutoff)
    if period.ends_on != cutoff:
        raise ValueError(f"no {kind} period closes on {cutoff}")
    return period


def rule_deadline(period: Period, rule: DeadlineRule, calendar: WorkingCalendar) -> date:
    """The deadline a plan's own clause gives a period (see `DeadlineRule`)."""
    year, month = period.ends_on.year, period.ends_on.month
    if rule.month == "next" or (rule.month == "first" and rule.day <= CUTOFF_DAY):
        month += 1
        if month > 12:
            year, month = year + 1, 1
    day = min(rule.day, monthdays.monthrange(year, month)[1])
    return calendar.next_working_day(date(year, month, day))


def owed_from_when_added(added_on: date, calendar: WorkingCalendar) -> date:
    """For an assignment added on `added_on`: the earliest deadline it is owed for."""
    return calendar.add_working_days(added_on, START_NOTICE_DAYS)


@dataclass(frozen=True)
class PlanCalendar:
    """One plan's reporting calendar: its schedule and kinds over the working calendar."""

    schedule: ReportingSchedule
    calendar: WorkingCalendar
    kinds: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(
        cls,
        schedule: ReportingSchedule,
        calendar: WorkingCalendar,
        task_kinds: Iterable[str | None] = (),
    ) -> PlanCalendar:
        """The calendar of a plan with this schedule and its tasks' own reporting kinds."""
        kinds = set(schedule.frequencies) | {k for k in task_kinds if k}
        return cls(schedule, calendar, frozenset(kinds))

    # -- deadlines --

    def own_deadline(self, period: Period) -> date:
        """The period's lead deadline by its own kind: the plan's rule, else Decree 09's."""
        rule = self.schedule.deadlines.get(period.kind)
        if rule is not None:
            return rule_deadline(period, rule, self.calendar)
        return self.calendar.add_working_days(period.ends_on, self.schedule.deadline_working_days)

    def deadline(self, period: Period) -> date:
        """The lead deadline of the period's moment: the earliest of its periods'."""
        return min(self.own_deadline(p) for p in self.moment(period))

    def support_deadline(self, period: Period) -> date:
        """Supporting agencies' one deadline: `support_days_before` working days before the
        lead's, and, when the lead's is after the cut-off, not before the first working day
        after it and at least one working day before the lead's (Quý IV/2026: 15/12/2026)."""
        lead = self.deadline(period)
        before = self.schedule.support_days_before
        if before == 0:
            return lead
        wanted = self.calendar.add_working_days(lead, -before)
        if lead <= period.ends_on:
            return wanted
        earliest = self.calendar.add_working_days(period.ends_on, 1)
        latest = self.calendar.add_working_days(lead, -1)
        if latest < earliest:
            return lead
        return min(max(wanted, earliest), latest)

    # -- moments --

    def moment(self, period: Period) -> list[Period]:
        """The periods of the plan's kinds closing with this one (itself included), finest
        first: Quý IV/2026 of a plan reporting quarterly and yearly → [Q4/2026, 2026]."""
        found = [
            period_ending(kind, period.ends_on)
            for kind in kinds_ending_on(period.ends_on)
            if kind in self.kinds or kind == period.kind
        ]
        return found or [period]

    def primary(self, period: Period) -> Period:
        """The moment's period reports are stored on: its finest kind the plan reports in
        (the period itself when the plan reports in no kind closing then)."""
        reported = [p for p in self.moment(period) if p.kind in self.kinds]
        return reported[0] if reported else period

    def also(self, period: Period) -> list[Frequency]:
        """The plan's other kinds of the period's moment, for its label ("Quý IV và Năm")."""
        return [p.kind for p in self.moment(period) if p != period and p.kind in self.kinds]

    # -- chasing --

    def first_reminder_day(self, period: Period, *, support: bool = True) -> date:
        """The first reminder of the period: the largest `remind_days_before` working days
        before its earliest deadline (the supporting agencies' when `support`)."""
        due = self.support_deadline(period) if support else self.deadline(period)
        before = max((n for n in self.schedule.remind_days_before if n > 0), default=0)
        return self.calendar.add_working_days(due, -before) if before else due

    def chase_window(self, period: Period) -> tuple[date, date]:
        """(first, last) days the period is chased: from its first reminder to the day before
        the next period of its kind reaches its own deadline."""
        takeover = self.own_deadline(next_period(period))
        return self.first_reminder_day(period), takeover - timedelta(days=1)

    def chased_on(self, day: date) -> list[Period]:
        """The moments chased on `day`, each by its primary period, earliest cut-off first: a
        moment is chased while any of its periods of the plan's schedule is (from the plan's
        first period on; a moment of tasks' own kinds only, while any of those is), so a
        quarter that closes with a year reported too stays open as long as the year does."""
        first = self.first_period()
        found: dict[Period, None] = {}
        for kind in sorted(self.kinds, key=KINDS.index):
            # a window starts a few weeks before its cut-off and ends at most about a year
            # after it: these candidates cover every window that can hold `day`
            candidates = periods_overlapping(
                kind,  # type: ignore[arg-type]
                day - timedelta(days=450),
                day + timedelta(days=120),
            )
            for period in candidates:
                if first is not None and period.ends_on < first.ends_on:
                    continue
                if period.kind not in self.window_kinds(period):
                    continue
                start, end = self.chase_window(period)
                if start <= day <= end:
                    found.setdefault(self.primary(period))
        return sorted(found, key=lambda p: (p.ends_on, KINDS.index(p.kind)))

    def window_kinds(self, period: Period) -> set[str]:
        """The kinds whose chase windows keep the period's moment open: its kinds of the plan's
        schedule, else (a moment of tasks' own kinds only) all of its kinds."""
        kinds = {p.kind for p in self.moment(period) if p.kind in self.kinds}
        scheduled = kinds & set(self.schedule.frequencies)
        return scheduled or kinds

    def in_progress(self, day: date) -> list[Period]:
        """The primary period of each moment whose data window holds `day` (what an officer
        can report on before the reminders start), one per kind the plan reports in."""
        found: dict[Period, None] = {}
        for kind in sorted(self.kinds, key=KINDS.index):
            found.setdefault(self.primary(period_containing(kind, day)))  # type: ignore[arg-type]
        return list(found)

    # -- the first period owed --

    def first_period(self) -> Period | None:
        """The first period the plan owes, when chosen (`schedule.starts_from`)."""
        if not self.schedule.starts_from:
            return None
        return parse_period_key(self.schedule.starts_from)

    def default_start(self, loaded_on: date) -> Period:
        """The first moment whose deadline is at least START_NOTICE_DAYS working days after
        `loaded_on`, by its primary period: a monthly plan loaded on 25/12/2026 starts with
        Tháng 1/2027 (due 15/01/2027 under "trước ngày 15 hằng tháng")."""
        threshold = owed_from_when_added(loaded_on, self.calendar)
        best: Period | None = None
        for kind in sorted(self.kinds or {"quarterly"}, key=KINDS.index):
            period = period_containing(kind, loaded_on)  # type: ignore[arg-type]
            while self.deadline(period) < threshold:
                period = next_period(period)
            period = self.primary(period)
            if best is None or (period.ends_on, KINDS.index(period.kind)) < (
                best.ends_on,
                KINDS.index(best.kind),
            ):
                best = period
        assert best is not None
        return best

    def start_choices(self, loaded_on: date, count: int = 4) -> list[Period]:
        """Periods an admin may choose to start from: the one before the default, the default
        and the next ones, by primary period of the plan's finest kind."""
        default = self.default_start(loaded_on)
        choices = [self.primary(previous_period(default)), default]
        period = default
        while len(choices) < count:
            period = next_period(period)
            choices.append(self.primary(period))
        return list(dict.fromkeys(choices))
