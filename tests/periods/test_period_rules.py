"""Reporting periods (Decree 09/2019/NĐ-CP Art. 12), labels, deadlines and chase windows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.text import fold, strip_diacritics
from periods.calendar import WorkingCalendar
from periods.rules import (
    KINDS,
    Period,
    chase_window,
    deadline,
    next_period,
    parse_period_key,
    parse_period_label,
    period_containing,
    period_for,
    periods_overlapping,
    periods_to_chase,
    previous_period,
    support_deadline,
)
from texts import Texts

CAL = WorkingCalendar()
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 11, 30))
FAST = settings(max_examples=150, deadline=None)

VI, EN = Texts("vi"), Texts("en")


@pytest.mark.parametrize(
    ("kind", "year", "index", "starts_on", "ends_on"),
    [
        ("monthly", 2026, 1, date(2025, 12, 15), date(2026, 1, 14)),
        ("monthly", 2026, 11, date(2026, 10, 15), date(2026, 11, 14)),
        ("quarterly", 2026, 1, date(2025, 12, 15), date(2026, 3, 14)),
        ("quarterly", 2026, 2, date(2026, 3, 15), date(2026, 6, 14)),
        ("quarterly", 2026, 4, date(2026, 9, 15), date(2026, 12, 14)),
        ("half_yearly", 2026, 1, date(2025, 12, 15), date(2026, 6, 14)),
        ("half_yearly", 2026, 2, date(2026, 6, 15), date(2026, 12, 14)),
        ("yearly", 2026, 1, date(2025, 12, 15), date(2026, 12, 14)),
    ],
)
def test_cut_off_windows(kind: str, year: int, index: int, starts_on: date, ends_on: date) -> None:
    p = period_for(kind, year, index)  # type: ignore[arg-type]
    assert (p.starts_on, p.ends_on) == (starts_on, ends_on)


@pytest.mark.parametrize(
    ("kind", "year", "index", "key", "vi", "en"),
    [
        ("monthly", 2026, 11, "2026-M11", "Tháng 11/2026", "11/2026"),
        ("monthly", 2026, 3, "2026-M03", "Tháng 3/2026", "3/2026"),
        ("quarterly", 2026, 4, "2026-Q4", "Quý IV/2026", "Q4/2026"),
        ("half_yearly", 2026, 1, "2026-H1", "6 tháng đầu năm 2026", "H1/2026"),
        ("half_yearly", 2026, 2, "2026-H2", "6 tháng cuối năm 2026", "H2/2026"),
        ("yearly", 2026, 1, "2026-Y", "Năm 2026", "Year 2026"),
    ],
)
def test_keys_and_labels(kind: str, year: int, index: int, key: str, vi: str, en: str) -> None:
    p = period_for(kind, year, index)  # type: ignore[arg-type]
    assert (p.key, VI.period(p), EN.period(p)) == (key, vi, en)
    assert parse_period_key(key) == p


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Q4/2026", "2026-Q4"),
        ("quy IV/2026", "2026-Q4"),
        ("Quý 4 năm 2026", "2026-Q4"),
        ("QUÝ IV NĂM 2026", "2026-Q4"),
        ("Quý IV/2022", "2022-Q4"),
        ("quý iii năm 2025", "2025-Q3"),
        ("Báo cáo quý I/2026", "2026-Q1"),
        ("thang 11/2026", "2026-M11"),
        ("Tháng 11 năm 2026", "2026-M11"),
        ("11/2026", "2026-M11"),
        ("t3/2025", "2025-M03"),
        ("2026", "2026-Y"),
        ("Năm 2026", "2026-Y"),
        ("ca nam 2026", "2026-Y"),
        ("6 thang 2026", "2026-H1"),
        ("6 tháng đầu năm 2026", "2026-H1"),
        ("6 thang cuoi nam 2026", "2026-H2"),
        ("H2/2026", "2026-H2"),
        ("2026-Q1", "2026-Q1"),
        ("2026-m3", "2026-M03"),
        (" Quý IV/2026. ", "2026-Q4"),
    ],
)
def test_parse_period_label(text: str, key: str) -> None:
    p = parse_period_label(text)
    assert p is not None and p.key == key


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Thường xuyên",
        "Năm 2022 và các năm tiếp theo",
        "trước 30/6/2024",
        "Tháng 13/2026",
        "Quý 5/2026",
        "quý",
        "hôm nay",
    ],
)
def test_parse_period_label_rejects(text: str) -> None:
    assert parse_period_label(text) is None


def test_invalid_periods_are_refused() -> None:
    with pytest.raises(ValueError):
        period_for("quarterly", 2026, 5)
    with pytest.raises(ValueError):
        period_for("weekly", 2026, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Period("monthly", 2026, 1, date(2026, 1, 1), date(2026, 1, 31))
    with pytest.raises(ValueError):
        parse_period_key("2026-X1")


@pytest.mark.parametrize(
    ("kind", "day", "key"),
    [
        ("quarterly", date(2026, 12, 14), "2026-Q4"),
        ("quarterly", date(2026, 12, 15), "2027-Q1"),
        ("quarterly", date(2026, 3, 14), "2026-Q1"),
        ("quarterly", date(2026, 3, 15), "2026-Q2"),
        ("monthly", date(2026, 12, 31), "2027-M01"),
        ("monthly", date(2026, 1, 14), "2026-M01"),
        ("half_yearly", date(2026, 6, 14), "2026-H1"),
        ("half_yearly", date(2026, 8, 1), "2026-H2"),
        ("yearly", date(2026, 12, 15), "2027-Y"),
        ("yearly", date(2026, 1, 1), "2026-Y"),
    ],
)
def test_period_containing_table(kind: str, day: date, key: str) -> None:
    assert period_containing(kind, day).key == key  # type: ignore[arg-type]


def test_periods_overlapping() -> None:
    keys = [p.key for p in periods_overlapping("quarterly", date(2026, 1, 1), date(2026, 12, 31))]
    assert keys == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"]
    assert periods_overlapping("monthly", date(2026, 2, 1), date(2026, 1, 1)) == []


@pytest.mark.parametrize(
    ("key", "due"),
    [
        ("2026-Q4", date(2026, 12, 16)),  # cut-off Monday 14/12/2026
        ("2025-Q2", date(2025, 6, 17)),  # cut-off Saturday 14/6/2025
        ("2026-M02", date(2026, 2, 24)),  # cut-off Saturday 14/2/2026, then Tết 16–20/2
        ("2027-M02", date(2027, 2, 16)),  # cut-off Sunday 14/2/2027, after Tết 2027
        ("2026-Y", date(2026, 12, 16)),
    ],
)
def test_deadline_table(key: str, due: date) -> None:
    assert deadline(parse_period_key(key), CAL) == due


def test_deadline_moves_past_holidays_and_declared_days() -> None:
    # 1 working day after the cut-off 14/4/2026 (Tuesday); with the 15th and 16th declared off
    cal = WorkingCalendar(days_off=[date(2026, 4, 15), date(2026, 4, 16)])
    assert deadline(period_for("monthly", 2026, 4), cal, working_days=1) == date(2026, 4, 17)
    # a make-up Saturday counts
    cal = WorkingCalendar(extra_working_days=[date(2025, 6, 14)])
    assert deadline(period_for("quarterly", 2025, 2), cal, working_days=1) == date(2025, 6, 16)
    with pytest.raises(ValueError):
        deadline(period_for("quarterly", 2026, 4), CAL, working_days=0)


def test_support_deadline() -> None:
    q4 = period_for("quarterly", 2026, 4)
    # cut-off Monday 14/12, supporting agencies Tuesday 15/12, the lead Wednesday 16/12
    assert support_deadline(q4, CAL) == date(2026, 12, 15)
    assert support_deadline(q4, CAL, days_before=1) == date(2026, 12, 15)
    assert support_deadline(q4, CAL, days_before=0) == date(2026, 12, 15)  # a day for the lead
    assert support_deadline(q4, CAL, working_days=5, days_before=2) == date(2026, 12, 17)
    assert support_deadline(q4, CAL, working_days=1) == date(2026, 12, 15)  # no day in between
    # cut-off on Saturday 14/6/2025: lead Tuesday 17/6, supporting Monday 16/6
    assert support_deadline(period_for("quarterly", 2025, 2), CAL) == date(2025, 6, 16)


@pytest.mark.parametrize("kind", KINDS)
def test_supporting_agencies_have_a_day_after_the_cut_off_and_before_the_lead(kind: str) -> None:
    """Every 2026 period: the supporting date is after the cut-off and at least one working
    day before the lead's deadline (the default schedule: lead 2 working days after it)."""
    periods = periods_overlapping(kind, date(2026, 1, 1), date(2026, 12, 31))  # type: ignore[arg-type]
    assert periods
    for p in periods:
        lead = deadline(p, CAL)
        support = support_deadline(p, CAL)
        assert support > p.ends_on, p.key
        assert CAL.is_working_day(support), p.key
        assert CAL.working_days_between(support, lead) >= 1, p.key


def test_chase_window_and_periods_to_chase() -> None:
    q4 = period_for("quarterly", 2026, 4)
    # first reminder 3 working days before 16/12/2026; Q1/2027 takes over on 16/3/2027
    assert chase_window(q4, CAL) == (date(2026, 12, 11), date(2027, 3, 15))
    keys = lambda d: [p.key for p in periods_to_chase(["quarterly"], d, CAL)]  # noqa: E731
    assert keys(date(2026, 12, 10)) == ["2026-Q3"]
    assert keys(date(2026, 12, 11)) == ["2026-Q3", "2026-Q4"]
    assert keys(date(2026, 12, 16)) == ["2026-Q4"]
    # supporting agencies' deadline is 15/12/2026, so their first reminder is on 10/12
    assert chase_window(q4, CAL, support_days_before=2)[0] == date(2026, 12, 10)
    assert keys(date(2026, 12, 10)) == ["2026-Q3"]
    support = periods_to_chase(["quarterly"], date(2026, 12, 10), CAL, support_days_before=2)
    assert [p.key for p in support] == ["2026-Q3", "2026-Q4"]
    everything = periods_to_chase(KINDS, date(2026, 12, 16), CAL)
    assert [p.key for p in everything] == ["2026-M12", "2026-Q4", "2026-H2", "2026-Y"]


@FAST
@given(st.sampled_from(KINDS), DATES)
def test_periods_tile_time(kind: str, d: date) -> None:
    p = period_containing(kind, d)  # type: ignore[arg-type]
    assert p.contains(d)
    nxt = next_period(p)
    assert nxt.starts_on == p.ends_on + timedelta(days=1)
    assert previous_period(nxt) == p
    assert period_containing(kind, p.ends_on) == p  # type: ignore[arg-type]
    assert period_containing(kind, nxt.starts_on) == nxt  # type: ignore[arg-type]
    assert p < nxt


@FAST
@given(st.sampled_from(KINDS), DATES, st.integers(1, 5), st.integers(0, 5))
def test_deadlines_are_working_days_after_the_cut_off(
    kind: str, d: date, working_days: int, days_before: int
) -> None:
    p = period_containing(kind, d)  # type: ignore[arg-type]
    due = deadline(p, CAL, working_days)
    assert due > p.ends_on
    assert CAL.is_working_day(due)
    assert CAL.working_days_between(p.ends_on, due) == working_days
    support = support_deadline(p, CAL, working_days, days_before)
    assert CAL.is_working_day(support)
    assert p.ends_on < support <= due
    if working_days > 1:
        assert support < due


@FAST
@given(st.sampled_from(KINDS), DATES)
def test_labels_and_keys_parse_back(kind: str, d: date) -> None:
    p = period_containing(kind, d)  # type: ignore[arg-type]
    assert parse_period_key(p.key) == p
    assert parse_period_label(p.key) == p
    label = VI.period(p)
    assert parse_period_label(label) == p
    assert parse_period_label(strip_diacritics(label)) == p
    assert parse_period_label(fold(label).upper()) == p


@FAST
@given(
    st.sampled_from(KINDS),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
    st.integers(1, 10),
    st.lists(st.integers(0, 10), max_size=3),
    st.none() | st.integers(0, 10),
)
def test_every_day_some_period_is_chased(
    kind: str, today: date, working_days: int, before: list[int], support: int | None
) -> None:
    chased = periods_to_chase(
        [kind],  # type: ignore[list-item]
        today,
        CAL,
        working_days,
        before,
        support,
    )
    assert chased
    for p in chased:
        first, last = chase_window(p, CAL, working_days, before, support)
        assert first <= today <= last
    # no period outside the candidates is missed: check the neighbours directly
    p = period_containing(kind, today)  # type: ignore[arg-type]
    for q in (previous_period(previous_period(p)), previous_period(p), p, next_period(p)):
        first, last = chase_window(q, CAL, working_days, before, support)
        assert (q in chased) is (first <= today <= last)
    p = period_containing(kind, today)  # type: ignore[arg-type]
    while deadline(p, CAL, working_days) > today:
        p = previous_period(p)
    assert p in chased
