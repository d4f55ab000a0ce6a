"""A plan's reporting calendar (docs/counting.md, sections 1–3), as properties over random dates,
schedules, clauses and import days, and as the examples the rules give (pure: no database)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from periods.calendar import WorkingCalendar
from periods.rules import KINDS, Period, next_period, period_containing, period_for
from periods.schedule import (
    START_NOTICE_DAYS,
    PlanCalendar,
    kinds_ending_on,
    owed_from_when_added,
)
from plans.model import DeadlineRule, ReportingSchedule

CAL = WorkingCalendar()
DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2031, 12, 31))
KIND_SETS = st.sets(st.sampled_from(KINDS), min_size=1).map(sorted)
RULES = st.builds(
    DeadlineRule, day=st.integers(1, 31), month=st.sampled_from(["cutoff", "next", "first"])
)
FAST = settings(max_examples=120, deadline=None)


@st.composite
def schedules(draw: st.DrawFn) -> ReportingSchedule:
    kinds = draw(KIND_SETS)
    rules = draw(st.dictionaries(st.sampled_from(kinds), RULES, max_size=len(kinds)))
    return ReportingSchedule(
        frequencies=kinds,
        deadline_working_days=draw(st.integers(1, 5)),
        support_days_before=draw(st.integers(0, 4)),
        deadlines=rules,
    )


def monthly_15() -> PlanCalendar:
    schedule = ReportingSchedule(
        frequencies=["monthly"], deadlines={"monthly": DeadlineRule(day=15)}
    )
    return PlanCalendar.of(schedule, CAL)


@pytest.mark.parametrize(
    ("rule", "period", "due"),
    [
        # "trước ngày 15 hằng tháng": the first 15th after the cut-off
        (DeadlineRule(day=15), period_for("monthly", 2026, 12), date(2026, 12, 15)),
        (DeadlineRule(day=15), period_for("monthly", 2027, 1), date(2027, 1, 15)),
        # "trước ngày 5": the 5th of the month after the cut-off (5/7/2026 is a Sunday)
        (DeadlineRule(day=5), period_for("monthly", 2026, 6), date(2026, 7, 6)),
        # "trước ngày 10 của tháng cuối quý": before the cut-off itself
        (
            DeadlineRule(day=10, month="cutoff"),
            period_for("quarterly", 2026, 4),
            date(2026, 12, 10),
        ),
        # "trước ngày 10/6 và 10/12" for the half-year and the year
        (
            DeadlineRule(day=10, month="cutoff"),
            period_for("half_yearly", 2026, 1),
            date(2026, 6, 10),
        ),
        (DeadlineRule(day=10, month="cutoff"), period_for("yearly", 2026), date(2026, 12, 10)),
        # "trước ngày 5 tháng đầu quý sau"
        (DeadlineRule(day=5, month="next"), period_for("quarterly", 2026, 4), date(2027, 1, 5)),
        # day 31 in a shorter month: its last day, 28/2/2027, a Sunday: the next working day
        (DeadlineRule(day=31, month="next"), period_for("monthly", 2027, 1), date(2027, 3, 1)),
    ],
)
def test_a_plans_clause_sets_the_deadline(rule: DeadlineRule, period: Period, due: date) -> None:
    schedule = ReportingSchedule(frequencies=[period.kind], deadlines={period.kind: rule})
    assert PlanCalendar.of(schedule, CAL).deadline(period) == due


def test_the_default_deadline_is_decree_09s() -> None:
    quarterly = PlanCalendar.of(ReportingSchedule(), CAL)
    q4 = period_for("quarterly", 2026, 4)
    assert quarterly.deadline(q4) == date(2026, 12, 16)
    assert quarterly.support_deadline(q4) == date(2026, 12, 15)


def test_quarter_four_and_the_year_are_one_moment() -> None:
    both = PlanCalendar.of(ReportingSchedule(frequencies=["quarterly", "yearly"]), CAL)
    q4, year = period_for("quarterly", 2026, 4), period_for("yearly", 2026)
    assert both.moment(year) == [q4, year] and both.primary(year) == q4
    assert both.also(q4) == ["yearly"] and both.deadline(year) == both.deadline(q4)
    chased = both.chased_on(date(2026, 12, 14))
    assert q4 in chased and year not in chased  # asked once, by the quarter
    # a quarterly plan's year is a view of quarter IV's moment
    quarterly = PlanCalendar.of(ReportingSchedule(), CAL)
    assert quarterly.primary(year) == q4 and quarterly.also(q4) == []


def test_a_monthly_plan_loaded_on_25_december_starts_in_january() -> None:
    assert monthly_15().default_start(date(2026, 12, 25)) == period_for("monthly", 2027, 1)
    quarterly = PlanCalendar.of(ReportingSchedule(), CAL)
    assert quarterly.default_start(date(2026, 12, 1)) == period_for("quarterly", 2026, 4)
    assert quarterly.default_start(date(2026, 12, 14)) == period_for("quarterly", 2027, 1)


@given(schedules(), DAYS)
@FAST
def test_every_deadline_is_a_working_day_and_support_comes_first(
    schedule: ReportingSchedule, day: date
) -> None:
    plan = PlanCalendar.of(schedule, CAL)
    for kind in schedule.frequencies:
        period = period_containing(kind, day)
        lead, support = plan.deadline(period), plan.support_deadline(period)
        assert CAL.is_working_day(lead) and CAL.is_working_day(support)
        assert support <= lead
        assert lead == min(plan.own_deadline(p) for p in plan.moment(period))
        if not any(p.kind in schedule.deadlines for p in plan.moment(period)):
            assert lead > period.ends_on  # Decree 09: at least a working day after the cut-off


@given(schedules(), DAYS)
@FAST
def test_the_first_period_owed_gives_notice_and_is_the_first_that_does(
    schedule: ReportingSchedule, loaded_on: date
) -> None:
    plan = PlanCalendar.of(schedule, CAL)
    start = plan.default_start(loaded_on)
    threshold = owed_from_when_added(loaded_on, CAL)
    assert threshold == CAL.add_working_days(loaded_on, START_NOTICE_DAYS)
    assert plan.deadline(start) >= threshold
    assert plan.primary(start) == start
    # no moment of the plan's kinds closing earlier would have given the notice
    for kind in schedule.frequencies:
        period = period_containing(kind, loaded_on)
        while period.ends_on < start.ends_on:
            assert plan.deadline(period) < threshold, (period, start)
            period = next_period(period)


@given(schedules(), DAYS, DAYS)
@FAST
def test_nothing_before_the_first_period_is_chased(
    schedule: ReportingSchedule, loaded_on: date, day: date
) -> None:
    plan = PlanCalendar.of(schedule, CAL)
    start = plan.default_start(loaded_on)
    started = PlanCalendar.of(schedule.model_copy(update={"starts_from": start.key}), CAL)
    for period in started.chased_on(day):
        assert period.ends_on >= start.ends_on
        assert started.primary(period) == period  # one row per moment
        first, last = started.chase_window(period)
        assert first <= last


@given(schedules(), DAYS)
@FAST
def test_periods_sharing_a_cut_off_share_one_primary(
    schedule: ReportingSchedule, day: date
) -> None:
    plan = PlanCalendar.of(schedule, CAL)
    period = period_containing("monthly", day)
    moment = plan.moment(period)
    assert {p.ends_on for p in moment} == {period.ends_on}
    assert {plan.primary(p) for p in moment if p.kind in plan.kinds} <= {plan.primary(period)}
    assert set(kinds_ending_on(period.ends_on)) >= {p.kind for p in moment}
    for current in plan.in_progress(day):
        assert plan.primary(current) == current
        assert current.ends_on >= day
