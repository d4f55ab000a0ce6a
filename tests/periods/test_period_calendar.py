"""WorkingCalendar: Vietnamese working days, holidays, make-up days and working hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from periods.calendar import WorkingCalendar

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkingCalendar()
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
FAST = settings(max_examples=150, deadline=None)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 16), True),  # Wednesday
        (date(2026, 12, 19), False),  # Saturday
        (date(2026, 1, 1), False),  # Tết Dương lịch
        (date(2026, 2, 16), False),  # Giao thừa, Tết 2026 (16–20 Feb)
        (date(2026, 2, 20), False),  # Mùng bốn
        (date(2026, 2, 23), True),  # back to work after Tết
        (date(2027, 2, 4), False),  # 29 Tết 2027 (substitute day)
        (date(2027, 2, 10), False),  # Mùng năm Tết (substitute day)
        (date(2027, 2, 11), True),
        (date(2026, 4, 27), False),  # Giỗ Tổ Hùng Vương (Sunday 26/4) moved to Monday
        (date(2025, 4, 30), False),
        (date(2025, 5, 1), False),
        (date(2025, 5, 2), False),  # swapped day off…
        (date(2025, 4, 26), True),  # …worked on Saturday 26/4/2025
        (date(2024, 9, 2), False),
        (date(2024, 9, 3), False),  # Quốc khánh's extra day
        (date(2026, 8, 31), False),  # swapped day off before Quốc khánh 2026…
        (date(2026, 8, 22), True),  # …worked on Saturday 22/8/2026
        (date(2026, 9, 1), False),
        (date(2026, 9, 2), False),
        (date(2026, 11, 24), True),  # Ngày Văn hóa Việt Nam: not a day off in law yet
        (date(2026, 1, 2), False),  # New Year swap (12729/VPCP-KGVX)…
        (date(2026, 1, 10), True),  # …worked on Saturday 10/1/2026
        (date(2025, 11, 24), True),
    ],
)
def test_known_working_days(day: date, working: bool) -> None:
    assert CAL.is_working_day(day) is working


def test_holiday_names_are_vietnamese() -> None:
    assert CAL.holiday_name(date(2026, 1, 1)) == "Tết Dương lịch"
    assert CAL.holiday_name(date(2027, 2, 6)) == "Tết Nguyên Đán"
    assert CAL.holiday_name(date(2026, 9, 2)) == "Quốc khánh"
    assert CAL.holiday_name(date(2026, 12, 16)) is None
    assert WorkingCalendar(language="en_US").holiday_name(date(2026, 9, 2)) == "National Day"


def test_declared_make_up_saturday_and_day_off() -> None:
    cal = WorkingCalendar(days_off=[date(2026, 12, 15)], extra_working_days=[date(2026, 3, 7)])
    assert cal.is_working_day(date(2026, 3, 7))  # Saturday declared as a working day
    assert cal.add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 7)
    assert cal.add_working_days(date(2026, 3, 9), -1) == date(2026, 3, 7)
    assert not cal.is_working_day(date(2026, 12, 15))
    assert cal.add_working_days(date(2026, 12, 14), 2) == date(2026, 12, 17)
    assert cal.working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 2


def test_explicit_declarations_win_over_package() -> None:
    cal = WorkingCalendar(extra_working_days=[date(2026, 9, 1)], days_off=[date(2025, 4, 26)])
    assert cal.is_working_day(date(2026, 9, 1))
    assert not cal.is_working_day(date(2025, 4, 26))
    assert not WorkingCalendar(country_workdays=False).is_working_day(date(2025, 4, 26))


def test_constructor_validation() -> None:
    with pytest.raises(ValueError):
        WorkingCalendar(days_off=[date(2026, 1, 5)], extra_working_days=[date(2026, 1, 5)])
    with pytest.raises(ValueError):
        WorkingCalendar(work_start=time(17), work_end=time(8))


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 12, 14), 2, date(2026, 12, 16)),
        (date(2026, 12, 18), 1, date(2026, 12, 21)),  # Friday → Monday
        (date(2026, 12, 19), 0, date(2026, 12, 21)),  # Saturday, n=0 → next working day
        (date(2026, 12, 16), 0, date(2026, 12, 16)),
        (date(2026, 12, 19), 1, date(2026, 12, 21)),
        (date(2026, 12, 19), -1, date(2026, 12, 18)),
        (date(2026, 2, 13), 1, date(2026, 2, 23)),  # over Tết 2026
        (date(2026, 2, 23), -1, date(2026, 2, 13)),
        (date(2027, 2, 3), 1, date(2027, 2, 11)),  # over Tết 2027
        (date(2025, 8, 29), 1, date(2025, 9, 3)),  # over 1–2/9/2025
        (date(2026, 8, 28), 1, date(2026, 9, 3)),  # over 31/8–2/9/2026
        (date(2025, 4, 29), 1, date(2025, 5, 5)),  # over 30/4–2/5/2025
        (date(2025, 4, 25), 1, date(2025, 4, 26)),  # make-up Saturday 26/4/2025
    ],
)
def test_add_working_days_table(start: date, n: int, expected: date) -> None:
    assert CAL.add_working_days(start, n) == expected


def test_working_days_between_is_signed_and_half_open() -> None:
    # 26/4 (make-up Saturday), 28, 29 April and 5 May 2025
    assert CAL.working_days_between(date(2025, 4, 25), date(2025, 5, 5)) == 4
    assert CAL.working_days_between(date(2025, 5, 5), date(2025, 4, 25)) == -4
    assert CAL.working_days_between(date(2026, 12, 16), date(2026, 12, 16)) == 0
    assert CAL.working_days_between(date(2026, 12, 18), date(2026, 12, 20)) == 0


def test_working_hours_and_next_working_moment() -> None:
    monday = date(2026, 12, 21)
    assert CAL.is_working_time(datetime(2026, 12, 21, 8, tzinfo=VN))
    assert CAL.is_working_time(datetime(2026, 12, 21, 16, 59, tzinfo=VN))
    assert not CAL.is_working_time(datetime(2026, 12, 21, 17, tzinfo=VN))
    assert not CAL.is_working_time(datetime(2026, 12, 21, 7, 59, tzinfo=VN))
    inside = datetime(2026, 12, 21, 10, 30, tzinfo=VN)
    assert CAL.next_working_moment(inside) == inside
    assert CAL.next_working_moment(datetime(2026, 12, 21, 6, tzinfo=VN)) == CAL.opening(monday)
    friday_evening = datetime(2026, 12, 18, 17, tzinfo=VN)
    assert CAL.next_working_moment(friday_evening) == CAL.opening(monday)
    # 01:00 UTC on Monday is 08:00 in Vietnam
    at_utc = datetime(2026, 12, 21, 1, tzinfo=UTC)
    moved = CAL.next_working_moment(at_utc)
    assert moved == at_utc and moved.utcoffset() == timedelta(hours=7)
    # Sunday 23:30 UTC is already Monday 06:30 in Vietnam
    assert CAL.next_working_moment(datetime(2026, 12, 20, 23, 30, tzinfo=UTC)) == CAL.opening(
        monday
    )
    eve = datetime(2026, 2, 13, 17, 30, tzinfo=VN)
    assert CAL.next_working_moment(eve) == datetime(2026, 2, 23, 8, tzinfo=VN)
    with pytest.raises(ValueError):
        CAL.next_working_moment(datetime(2026, 12, 21, 10))


@FAST
@given(DATES, st.integers(-40, 40))
def test_add_working_days_round_trip(d: date, n: int) -> None:
    d = CAL.next_working_day(d)
    moved = CAL.add_working_days(d, n)
    assert CAL.is_working_day(moved)
    assert CAL.add_working_days(moved, -n) == d
    assert CAL.working_days_between(d, moved) == n


@FAST
@given(DATES, DATES, DATES)
def test_working_days_between_is_additive(a: date, b: date, c: date) -> None:
    # keep spans short so the test stays fast
    b = a + timedelta(days=(b - a).days % 200)
    c = a - timedelta(days=(c - a).days % 200)
    assert CAL.working_days_between(a, b) + CAL.working_days_between(b, c) == (
        CAL.working_days_between(a, c)
    )
    assert CAL.working_days_between(a, b) == len(CAL.working_days_in(a + timedelta(1), b))


@FAST
@given(DATES)
def test_weekends_and_holidays_are_off(d: date) -> None:
    if CAL.holiday_name(d):
        assert not CAL.is_working_day(d)
    elif d.weekday() < 5:
        assert CAL.is_working_day(d)


@FAST
@given(
    st.datetimes(
        min_value=datetime(1990, 1, 1),
        max_value=datetime(2100, 12, 1),
        timezones=st.sampled_from([UTC, VN, ZoneInfo("America/New_York")]),
    )
)
def test_next_working_moment_properties(at: datetime) -> None:
    moved = CAL.next_working_moment(at)
    assert moved >= at
    assert moved.tzinfo == VN
    assert CAL.is_working_time(moved)
    if CAL.is_working_time(at):
        assert moved == at
    else:
        assert moved.time() == time(8)
        assert moved - at < timedelta(days=20)


def test_2026_matches_the_official_schedule() -> None:
    """New Year (1–4/1 with the 2/1 ↔ 10/1 swap), Tết (14–22/2), Giỗ Tổ (26/4 → 27/4),
    30/4–1/5 and 2/9 (29/8–2/9 with the 31/8 ↔ 22/8 swap), as the bot counts them."""
    from periods.workcal import year_calendar

    cal = year_calendar(WorkingCalendar(), 2026)
    off = {d for d, _name in cal.holidays}
    assert off == {
        date(2026, 1, 1), date(2026, 1, 2),
        *(date(2026, 2, d) for d in range(16, 21)),
        date(2026, 4, 26), date(2026, 4, 27), date(2026, 4, 30), date(2026, 5, 1),
        date(2026, 8, 31), date(2026, 9, 1), date(2026, 9, 2),
    }  # fmt: skip
    assert cal.workdays == [date(2026, 1, 10), date(2026, 8, 22)]
    calendar = WorkingCalendar()
    for start, end in (
        (date(2026, 1, 1), date(2026, 1, 4)),
        (date(2026, 2, 14), date(2026, 2, 22)),
    ):
        assert calendar.working_days_in(start, end) == []
    assert calendar.is_working_day(date(2026, 2, 23))
    assert next(o.source for o in cal.official if o.day == date(2026, 1, 2)).startswith(
        "Văn bản 12729"
    )
    q4 = next(p for p in cal.periods if p.period.key == "2026-Q4")
    assert q4.deadline == date(2026, 12, 16)
    assert year_calendar(WorkingCalendar(), 2027).unknown  # Tết 2027 compensation: not published
