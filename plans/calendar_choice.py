"""The reporting calendar an import saves, as the document reads it or as the admin changes it
in the preview, and the first period the plan owes (docs/counting.md, sections 1 and 3).

Pure: schedules and dates in, schedules and periods out. The rules themselves are the lead's
`periods.schedule.PlanCalendar`; this module only chooses among them and describes the choice
for the preview.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from periods.calendar import WorkingCalendar
from periods.rules import KINDS, Period, parse_period_key, parse_period_label, period_containing
from periods.schedule import PlanCalendar
from plans.model import DeadlineRule, Frequency, ReportingSchedule

# the days an admin can pick for a monthly or quarterly deadline in the preview
DAY_CHOICES: tuple[int, ...] = (5, 10, 15, 20, 25)
# the kinds whose deadline day can be changed in the preview
DAY_KINDS: tuple[Frequency, ...] = ("monthly", "quarterly")


def plan_calendar(
    schedule: ReportingSchedule, calendar: WorkingCalendar, task_kinds: Iterable[str | None] = ()
) -> PlanCalendar:
    return PlanCalendar.of(schedule, calendar, task_kinds)


def normalise_start(cal: PlanCalendar, period: Period) -> Period:
    """The plan's own period a chosen start stands for: a period of a kind the plan does not
    report in becomes the plan's finest-kind period holding its first day ("Tháng 1/2027" for
    a quarterly plan → Quý I/2027; "Quý I/2027" for a monthly plan → Tháng 1/2027), then the
    primary period of its moment."""
    if period.kind not in cal.kinds:
        finest = min(cal.kinds or {"quarterly"}, key=KINDS.index)
        period = period_containing(finest, period.starts_on)  # type: ignore[arg-type]
    return cal.primary(period)


def read_start(text: str) -> Period | None:
    """A first period as people write it ("Tháng 1/2027", "Quý I/2027", "2027-M01")."""
    return parse_period_label(text)


def start_of(cal: PlanCalendar, today: date, chosen: str | None) -> Period:
    """The first period owed: the one chosen (a period key), else the default for `today`."""
    if chosen:
        try:
            return normalise_start(cal, parse_period_key(chosen))
        except ValueError:
            pass
    return cal.default_start(today)


def start_choices(cal: PlanCalendar, today: date, start: Period) -> list[Period]:
    """The periods offered as the first one: the calendar's choices, and the one in use."""
    choices = cal.start_choices(today)
    return choices if start in choices else sorted([*choices, start], key=lambda p: p.ends_on)


# -- changes an admin makes to the calendar in the preview --


def with_decree_defaults(schedule: ReportingSchedule) -> ReportingSchedule:
    """The schedule with Decree 09's deadlines for every kind (the plan's own days dropped)."""
    return schedule.model_copy(update={"deadlines": {}})


def with_day(schedule: ReportingSchedule, kind: Frequency, day: int) -> ReportingSchedule:
    """The schedule with the kind's deadline on day `day`: the plan's rule keeps how it counts
    the month ("tháng cuối quý"), a kind that had none counts the first such day after the
    cut-off (as "trước ngày 15 hằng tháng" does)."""
    rule = schedule.deadlines.get(kind)
    deadlines = dict(schedule.deadlines)
    deadlines[kind] = DeadlineRule(day=day, month=rule.month if rule is not None else "first")
    return schedule.model_copy(update={"deadlines": deadlines})


def with_frequency_toggled(schedule: ReportingSchedule, kind: Frequency) -> ReportingSchedule:
    """The schedule reporting in `kind` too, or no longer (never in no kind at all)."""
    kinds = set(schedule.frequencies) ^ {kind}
    if not kinds:
        return schedule
    return schedule.model_copy(update={"frequencies": [k for k in KINDS if k in kinds]})


# -- the calendar in words, for the preview --


@dataclass(frozen=True)
class KindDeadline:
    """One kind the plan reports in, its deadline rule, and its first period with the date."""

    kind: Frequency
    rule: DeadlineRule | None  # None: Decree 09's working days after the cut-off
    working_days: int
    example: Period
    due: date


@dataclass(frozen=True)
class CalendarView:
    """What the preview says about the calendar: the clause as written, each kind's deadline,
    the first period owed and the ones the admin may choose instead."""

    schedule: ReportingSchedule
    kinds: list[KindDeadline]
    start: Period | None  # None: a plan saved before its start was chosen (owed from the start)
    start_due: date | None
    choices: list[Period]  # empty when the start cannot be chosen (a plan already saved)
    kept: bool  # the start is the saved plan's, kept by this import


def calendar_view(
    schedule: ReportingSchedule,
    calendar: WorkingCalendar,
    today: date,
    *,
    task_kinds: Iterable[str | None] = (),
    saved_start: str | None = None,
    saved: bool = False,
) -> CalendarView:
    """The calendar of a draft about to be saved on `today`: a new plan starts from the period
    its schedule chooses (`schedule.starts_from`) or the default; a plan already `saved` keeps
    its `saved_start`."""
    cal = plan_calendar(schedule, calendar, task_kinds)
    start: Period | None
    if saved:
        start = start_of(cal, today, saved_start) if saved_start else None
        choices: list[Period] = []
    else:
        start = start_of(cal, today, schedule.starts_from)
        choices = start_choices(cal, today, start)
    reference = start or cal.default_start(today)
    kinds: list[KindDeadline] = []
    for kind in sorted(cal.kinds, key=KINDS.index):
        example = period_containing(kind, reference.ends_on)  # type: ignore[arg-type]
        kinds.append(
            KindDeadline(
                kind=kind,  # type: ignore[arg-type]
                rule=schedule.deadlines.get(kind),  # type: ignore[call-overload]
                working_days=schedule.deadline_working_days,
                example=example,
                due=cal.own_deadline(example),
            )
        )
    return CalendarView(
        schedule=schedule,
        kinds=kinds,
        start=start,
        start_due=cal.deadline(start) if start is not None else None,
        choices=choices,
        kept=saved,
    )
