"""Each target assessed against the figures reported for its indicator (docs/counting.md,
section 9 "Targets"): đạt, vượt, chưa đạt, khó đạt by the horizon, or no figure yet.

Pure: a target (comparison, value(s), horizon), the indicator's figures and the day of the
report in, the assessment and the figure it rests on out. Every view (the chat's /targets, the
Word draft, the Excel workbook, the web view) calls `assess` through `reports.summary`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# how far a value may stand from the target and still "meet" an "about" target, and how far
# past it a value must be to "exceed" it (relative to the target's value)
TOLERANCE = 0.05
# a figure this much older than the latest one gives the trend
TREND_DAYS = 180
# without a trend: within this many years of the horizon, a gap larger than this is "khó đạt"
LAST_YEAR = 1.0
LARGE_GAP = 0.10


class Assessment(StrEnum):
    EXCEEDED = "exceeded"  # vượt
    ACHIEVED = "achieved"  # đạt
    NOT_MET = "not_met"  # chưa đạt
    AT_RISK = "at_risk"  # khó đạt
    NO_FIGURE = "no_figure"  # chưa có số liệu
    QUALITATIVE = "qualitative"  # định tính: not assessed here


@dataclass(frozen=True)
class Point:
    """A figure reported for the indicator: its value (a range's two ends) at a date."""

    value: float
    as_of: date
    value_max: float | None = None

    @property
    def middle(self) -> float:
        return self.value if self.value_max is None else (self.value + self.value_max) / 2


@dataclass(frozen=True)
class Goal:
    """A target: its comparison, value(s) and horizon year."""

    comparison: str | None
    value: float | None
    value_max: float | None = None
    horizon: int | None = None


@dataclass(frozen=True)
class Assessed:
    assessment: Assessment
    figure: Point | None = None  # the figure it rests on
    final: bool = False  # the horizon is reached: the assessment no longer changes
    projected: float | None = None  # the value the trend gives at the horizon


def meets(goal: Goal, value: float) -> bool:
    """Whether a value meets the target ("trên 40%": above 40; "khoảng 75%": within 5 %)."""
    x = goal.value
    assert x is not None
    comparison = goal.comparison or "eq"
    if comparison == "gt":
        return value > x
    if comparison in ("ge", "eq"):
        return value >= x
    if comparison == "about":
        return value >= x - _margin(x)
    if comparison == "range":
        return value >= x
    if comparison == "le":
        return value <= x
    if comparison == "lt":
        return value < x
    return False


def exceeds(goal: Goal, value: float) -> bool:
    """Whether a value goes clearly past the target (5 % past it; past a range's upper end;
    for a ceiling, 5 % under it)."""
    x = goal.value
    assert x is not None
    comparison = goal.comparison or "eq"
    if comparison == "range":
        return goal.value_max is not None and value > goal.value_max
    if comparison in ("le", "lt"):
        return value <= x - _margin(x) and x > 0
    return value > x + _margin(x)


def _margin(x: float) -> float:
    return abs(x) * TOLERANCE


def figure_for(goal: Goal, figures: Sequence[Point], on: date) -> Point | None:
    """The figure a target is judged on: the latest whose date is in or before the horizon
    year, and not in a year after the report's."""
    usable = [
        f
        for f in figures
        if f.as_of.year <= on.year and (goal.horizon is None or f.as_of.year <= goal.horizon)
    ]
    return max(usable, key=lambda f: f.as_of) if usable else None


def assess(goal: Goal, figures: Sequence[Point], on: date) -> Assessed:
    """The target's assessment on the day `on` (a report's cut-off), from its indicator's
    figures (docs/counting.md, section 9)."""
    if goal.value is None or goal.comparison is None:
        return Assessed(Assessment.QUALITATIVE)
    figure = figure_for(goal, figures, on)
    if figure is None:
        return Assessed(Assessment.NO_FIGURE)
    end = date(goal.horizon, 12, 31) if goal.horizon is not None else None
    # the year's figure ("số liệu 2025": 31/12/2025) or a report after the horizon year
    final = end is not None and (figure.as_of >= end.replace(day=1) or on > end)
    value = figure.middle
    if meets(goal, value):
        kind = Assessment.EXCEEDED if exceeds(goal, value) else Assessment.ACHIEVED
        return Assessed(kind, figure, final)
    if final or end is None:
        return Assessed(Assessment.NOT_MET, figure, final)
    years_left = max((end - figure.as_of).days, 0) / 365.25
    earlier = [f for f in figures if (figure.as_of - f.as_of).days >= TREND_DAYS]
    if earlier:
        first = max(earlier, key=lambda f: f.as_of)
        span = (figure.as_of - first.as_of).days / 365.25
        projected = value + (value - first.middle) / span * years_left
        on_track = meets(goal, projected)
        return Assessed(
            Assessment.NOT_MET if on_track else Assessment.AT_RISK, figure, False, projected
        )
    gap = abs(goal.value - value) / abs(goal.value) if goal.value else 1.0
    if years_left <= LAST_YEAR and gap > LARGE_GAP:
        return Assessed(Assessment.AT_RISK, figure, False)
    return Assessed(Assessment.NOT_MET, figure, False)
