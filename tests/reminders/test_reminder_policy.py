"""Which reminder is due on a day, relative to a deadline, in working days."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from periods.calendar import WorkingCalendar
from periods.rules import KINDS, deadline, period_containing
from reminders.policy import DueReminder, ReminderKind, reminders_due, send_at

CAL = WorkingCalendar()
VN = ZoneInfo("Asia/Ho_Chi_Minh")
BEFORE, DUE, OVERDUE, ESCALATE = (
    ReminderKind.BEFORE,
    ReminderKind.DUE,
    ReminderKind.OVERDUE,
    ReminderKind.ESCALATE,
)
Q4_2026_DEADLINE = date(2026, 12, 16)  # Wednesday


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 12, 10), []),
        (date(2026, 12, 11), [DueReminder(BEFORE, 3)]),  # Friday: 14, 15, 16 to go
        (date(2026, 12, 12), []),  # Saturday
        (date(2026, 12, 14), []),  # 2 working days before: not configured
        (date(2026, 12, 15), [DueReminder(BEFORE, 1)]),
        (date(2026, 12, 16), [DueReminder(DUE, 0)]),
        (date(2026, 12, 17), [DueReminder(OVERDUE, 1)]),
        (date(2026, 12, 18), [DueReminder(OVERDUE, 2)]),
        (date(2026, 12, 19), []),
        (date(2026, 12, 20), []),
        (date(2026, 12, 21), [DueReminder(OVERDUE, 3), DueReminder(ESCALATE, 3)]),
        (date(2026, 12, 22), [DueReminder(OVERDUE, 4)]),
    ],
)
def test_reminders_around_q4_2026(today: date, expected: list[DueReminder]) -> None:
    assert reminders_due(today, Q4_2026_DEADLINE, CAL) == expected


def test_reminders_across_tet() -> None:
    # M02/2026: deadline 24/2/2026, after Tết (16–20/2); 3 working days before is 12/2
    due = date(2026, 2, 24)
    assert reminders_due(date(2026, 2, 12), due, CAL) == [DueReminder(BEFORE, 3)]
    assert reminders_due(date(2026, 2, 13), due, CAL) == []
    assert reminders_due(date(2026, 2, 18), due, CAL) == []
    assert reminders_due(date(2026, 2, 23), due, CAL) == [DueReminder(BEFORE, 1)]


def test_deadline_on_a_non_working_day_counts_from_the_next_working_day() -> None:
    holiday = date(2025, 9, 2)  # Quốc khánh; 1/9 is off too
    assert reminders_due(date(2025, 9, 2), holiday, CAL) == []
    assert reminders_due(date(2025, 8, 29), holiday, CAL) == [DueReminder(BEFORE, 1)]
    assert reminders_due(date(2025, 9, 3), holiday, CAL) == [DueReminder(DUE, 0)]
    assert reminders_due(date(2025, 9, 4), holiday, CAL) == [DueReminder(OVERDUE, 1)]


def test_settings_are_respected() -> None:
    assert reminders_due(date(2026, 12, 14), Q4_2026_DEADLINE, CAL, remind_days_before=[2]) == [
        DueReminder(BEFORE, 2)
    ]
    assert reminders_due(date(2026, 12, 11), Q4_2026_DEADLINE, CAL, remind_days_before=()) == []
    assert reminders_due(date(2026, 12, 17), Q4_2026_DEADLINE, CAL, escalate_after_days=1) == [
        DueReminder(OVERDUE, 1),
        DueReminder(ESCALATE, 1),
    ]


def test_declared_make_up_saturday_gets_reminders() -> None:
    cal = WorkingCalendar(extra_working_days=[date(2026, 12, 19)])
    assert reminders_due(date(2026, 12, 19), Q4_2026_DEADLINE, cal) == [
        DueReminder(OVERDUE, 3),
        (DueReminder(ESCALATE, 3)),
    ]


def test_send_at() -> None:
    at = send_at(Q4_2026_DEADLINE, CAL)
    assert at == datetime(2026, 12, 16, 8, tzinfo=VN)
    assert at.utcoffset() == timedelta(hours=7)
    assert ReminderKind.OVERDUE == "overdue"


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(KINDS),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 11, 30)),
    st.lists(st.integers(1, 6), max_size=3),
    st.integers(1, 6),
)
def test_reminder_sequence_properties(
    kind: str, d: date, before: list[int], escalate_after: int
) -> None:
    due = deadline(period_containing(kind, d), CAL)  # type: ignore[arg-type]
    seen: list[tuple[date, DueReminder]] = []
    day = due - timedelta(days=20)
    while day <= due + timedelta(days=25):
        found = reminders_due(day, due, CAL, before, escalate_after)
        if found:
            assert CAL.is_working_day(day)
        kinds = {r.kind for r in found}
        assert not (BEFORE in kinds and OVERDUE in kinds)
        assert len(found) <= 2
        seen += [(day, r) for r in found]
        day += timedelta(days=1)
    assert [day for day, r in seen if r.kind == DUE] == [due]
    assert sorted({r.days for _, r in seen if r.kind == BEFORE}) == sorted(set(before))
    escalations = [(day, r) for day, r in seen if r.kind == ESCALATE]
    assert len(escalations) == 1
    escalate_day, escalation = escalations[0]
    assert escalation.days == escalate_after
    assert CAL.working_days_between(due, escalate_day) == escalate_after
    overdue = [r.days for _, r in seen if r.kind == OVERDUE]
    assert overdue == list(range(1, len(overdue) + 1))
