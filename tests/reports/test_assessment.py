"""The targets' assessment (reports/assessment.py; docs/counting.md, section 9), table by
table as the rule book writes it, with the example of 15-CTr/TU."""

from __future__ import annotations

from datetime import date

import pytest

from reports.assessment import Assessment, Goal, Point, assess, figure_for

A = Assessment
REPORT = date(2026, 12, 14)  # the cut-off of the year report 2026


def at(value: float, year: int, month: int = 12, day: int = 31, top: float | None = None) -> Point:
    return Point(value, date(year, month, day), top)


@pytest.mark.parametrize(
    ("goal", "value", "expected"),
    [
        (Goal("gt", 40, horizon=2025), 41.2, A.ACHIEVED),
        (Goal("gt", 40, horizon=2025), 40, A.NOT_MET),  # "trên 40%": 40 is not above
        (Goal("gt", 40, horizon=2025), 42.5, A.EXCEEDED),  # more than 5 % past 40
        (Goal("ge", 32, horizon=2025), 32, A.ACHIEVED),
        (Goal("ge", 32, horizon=2025), 33.5, A.ACHIEVED),  # 33,6 is 5 % past
        (Goal("ge", 32, horizon=2025), 34, A.EXCEEDED),
        (Goal("eq", 100, horizon=2025), 100, A.ACHIEVED),
        (Goal("about", 75, horizon=2025), 72, A.ACHIEVED),  # within 5 %
        (Goal("about", 75, horizon=2025), 70, A.NOT_MET),
        (Goal("about", 75, horizon=2025), 80, A.EXCEEDED),
        (Goal("range", 4.7, 5.1, horizon=2025), 4.9, A.ACHIEVED),
        (Goal("range", 4.7, 5.1, horizon=2025), 5.3, A.EXCEEDED),
        (Goal("range", 4.7, 5.1, horizon=2025), 4.5, A.NOT_MET),
        (Goal("le", 12, horizon=2025), 12, A.ACHIEVED),
        (Goal("le", 12, horizon=2025), 11, A.EXCEEDED),  # a ceiling: 5 % under it
        (Goal("le", 12, horizon=2025), 12.5, A.NOT_MET),
        (Goal("lt", 15, horizon=2025), 15, A.NOT_MET),
        (Goal("lt", 15, horizon=2025), 14.9, A.ACHIEVED),
    ],
)
def test_the_horizon_year_s_figure_decides(goal: Goal, value: float, expected: A) -> None:
    assessed = assess(goal, [at(value, 2025)], REPORT)
    assert assessed.assessment is expected
    assert assessed.final  # the figure is of the horizon year: it no longer changes


def test_the_example_of_15_ctr_tu() -> None:
    by_2025, by_2030 = Goal("gt", 40, horizon=2025), Goal("gt", 45, horizon=2030)
    first = [at(41.2, 2025)]
    assert assess(by_2025, first, REPORT).assessment is A.ACHIEVED
    not_yet = assess(by_2030, first, REPORT)
    assert not_yet.assessment is A.NOT_MET and not not_yet.final  # five years left, no trend
    on_track = assess(by_2030, [*first, at(42.0, 2026)], date(2027, 12, 14))
    assert on_track.assessment is A.NOT_MET and on_track.projected == pytest.approx(45.2, 0.01)
    slow = assess(by_2030, [*first, at(41.5, 2026)], date(2027, 12, 14))
    assert slow.assessment is A.AT_RISK and slow.projected == pytest.approx(42.7, 0.01)


def test_without_a_trend_the_last_year_decides() -> None:
    goal = Goal("ge", 50, horizon=2026)
    # the half-year's figure of the horizon year: half a year left, 20 % short: at risk
    mid_year = assess(goal, [at(40, 2026, 6, 30)], date(2026, 6, 14))
    assert mid_year.assessment is A.AT_RISK and not mid_year.final
    goal = Goal("ge", 50, horizon=2027)
    assert assess(goal, [at(40, 2026, 12, 31)], REPORT).assessment is A.AT_RISK
    assert assess(goal, [at(46, 2026, 12, 31)], REPORT).assessment is A.NOT_MET  # 8 % short
    assert assess(goal, [at(40, 2025, 12, 31)], REPORT).assessment is A.NOT_MET  # two years


def test_a_horizon_passed_without_its_figure_is_not_met_for_good() -> None:
    goal = Goal("gt", 40, horizon=2025)
    assessed = assess(goal, [at(38, 2024)], date(2026, 6, 14))
    assert assessed.assessment is A.NOT_MET and assessed.final


def test_which_figure_a_target_is_judged_on() -> None:
    figures = [at(39, 2024), at(41.2, 2025), at(43, 2026), at(44, 2027)]
    # the latest in or before its horizon year, and not of a year after the report's
    assert figure_for(Goal("gt", 40, horizon=2025), figures, REPORT) == figures[1]
    assert figure_for(Goal("gt", 45, horizon=2030), figures, REPORT) == figures[2]
    assert figure_for(Goal("gt", 45, horizon=2030), figures, date(2028, 1, 5)) == figures[3]
    assert assess(Goal("gt", 40, horizon=2025), [], REPORT).assessment is A.NO_FIGURE
    assert assess(Goal(None, None, horizon=2045), figures, REPORT).assessment is A.QUALITATIVE


def test_a_range_figure_is_judged_on_its_middle() -> None:
    goal = Goal("ge", 50, horizon=2025)
    assert assess(goal, [at(48, 2025, top=54)], REPORT).assessment is A.ACHIEVED  # 51
