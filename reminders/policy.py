"""Which reminder is due on a given day, and when on that day it goes out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from periods.calendar import WorkingCalendar

DEFAULT_REMIND_DAYS_BEFORE: tuple[int, ...] = (3, 1)
DEFAULT_ESCALATE_AFTER_DAYS = 3


class ReminderKind(StrEnum):
    """Kinds of reminder, relative to a deadline."""

    BEFORE = "before"  # N working days before the deadline
    DUE = "due"  # on the deadline
    OVERDUE = "overdue"  # each working day after it
    ESCALATE = "escalate"  # to coordinators, once, on the escalate_after_days-th overdue day


@dataclass(frozen=True)
class DueReminder:
    """A reminder due today: its kind and the working days before/after the deadline (0 on it)."""

    kind: ReminderKind
    days: int


def reminders_due(
    today: date,
    deadline: date,
    calendar: WorkingCalendar,
    remind_days_before: Sequence[int] = DEFAULT_REMIND_DAYS_BEFORE,
    escalate_after_days: int = DEFAULT_ESCALATE_AFTER_DAYS,
) -> list[DueReminder]:
    """Reminders due on today for a deadline; none on non-working days.

    A deadline on a non-working day counts as the next working day. ESCALATE comes only on
    exactly the `escalate_after_days`-th overdue working day (a missed day is not made up here).
    """
    if not calendar.is_working_day(today):
        return []
    effective = calendar.next_working_day(deadline)
    days = calendar.working_days_between(today, effective)
    if days > 0:
        wanted = {n for n in remind_days_before if n > 0}
        return [DueReminder(ReminderKind.BEFORE, days)] if days in wanted else []
    if days == 0:
        return [DueReminder(ReminderKind.DUE, 0)]
    overdue = -days
    due = [DueReminder(ReminderKind.OVERDUE, overdue)]
    if overdue == escalate_after_days:
        due.append(DueReminder(ReminderKind.ESCALATE, overdue))
    return due


def send_at(day: date, calendar: WorkingCalendar) -> datetime:
    """When on that day a reminder goes out: the start of working hours, tz-aware."""
    return calendar.opening(day)
