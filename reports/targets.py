"""A plan's targets and their figures in the database: which indicators an agency provides,
recording a figure with its revisions, what is still owed for a figure moment, and each
target's line (its figure and assessment) for every view: `/targets`, the Word draft, the Excel
workbook and the web view read `target_lines` (through `reports.summary` for the exports).

When figures are collected (docs/counting.md, section 9): at the plan's half-year and year
moments, or the kinds its text names for its targets (`ReportingSchedule.target_frequencies`),
from the first reminder day of the moment to `CHASE_DAYS` working days after its deadline,
from the plan's first period on."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from periods.calendar import WorkingCalendar
from periods.rules import Period, periods_overlapping
from periods.schedule import PlanCalendar
from periods.store import ensure_period, moment_ids, plan_kinds, schedule_of
from reports.assessment import Assessment, Goal, Point, assess
from reports.figures import Candidate, FigurePart
from reports.model import FigureValue, TargetLine
from storage.models import (
    Agency,
    Figure,
    FigureRevision,
    Indicator,
    Member,
    Plan,
    ReportingPeriod,
    Target,
)

CHASE_DAYS = 10  # working days after the deadline a figure moment is still asked for
# a figure sent unasked this many days before a moment's first reminder counts for it
EARLY_DAYS = 20


@dataclass(frozen=True)
class Owned:
    """An indicator an agency provides the figures of, with its plan and last horizon."""

    indicator: Indicator
    plan: Plan
    horizon: int | None

    @property
    def candidate(self) -> Candidate:
        return Candidate(self.indicator.id, self.indicator.name, self.indicator.unit, self.horizon)


async def owned_indicators(
    session: AsyncSession, agency_id: int, indicator_ids: Iterable[int] | None = None
) -> list[Owned]:
    """The active quantitative indicators of active plans whose figures the agency provides
    (with `indicator_ids`, only those)."""
    query = (
        select(Indicator, Plan, func.max(Target.horizon))
        .join(Plan, Plan.id == Indicator.plan_id)
        .outerjoin(Target, Target.indicator_id == Indicator.id)
        .where(
            Indicator.owner_agency_id == agency_id,
            Indicator.active,
            ~Indicator.qualitative,
            Plan.active,
        )
        .group_by(Indicator.id, Plan.id)
        .order_by(Plan.id, Indicator.position)
    )
    if indicator_ids is not None:
        query = query.where(Indicator.id.in_(list(indicator_ids)))
    rows = (await session.execute(query)).all()
    return [Owned(indicator, plan, horizon) for indicator, plan, horizon in rows]


@dataclass(frozen=True)
class Recorded:
    """A figure recorded: its row (the revision it now has), its indicator and whether it
    corrected an earlier figure of the same date."""

    figure: Figure
    indicator: Indicator
    corrected: bool


async def record_figure(
    session: AsyncSession,
    owned: Owned,
    part: FigurePart,
    *,
    member: Member | None,
    period_id: int | None,
    now: datetime,
    tz: tzinfo,
    update_id: int | None = None,
) -> Recorded:
    """Record a figure read from a reply (it must have no problem): one row per indicator and
    date, a correction of the same date a new revision (the history kept); the same update
    handled twice records once."""
    assert part.ok and part.value is not None
    as_of = part.as_of or now.astimezone(tz).date()
    indicator = owned.indicator
    unit = indicator.unit or part.unit
    figure = await session.scalar(
        select(Figure).where(Figure.indicator_id == indicator.id, Figure.as_of == as_of)
    )
    corrected = figure is not None
    if figure is not None and update_id is not None:
        done = await session.scalar(
            select(FigureRevision.id).where(
                FigureRevision.figure_id == figure.id,
                FigureRevision.source_update_id == update_id,
            )
        )
        if done is not None:  # the same update handled again (after a crash): recorded once
            return Recorded(figure, indicator, figure.revision > 1)
    if figure is None:
        figure = Figure(indicator_id=indicator.id, as_of=as_of, revision=0)
        session.add(figure)
    figure.value, figure.value_max, figure.unit = part.value, part.value_max, unit
    figure.as_of_text = part.as_of_text[:100]
    figure.source = part.source or (figure.source if corrected else "")
    figure.period_id = period_id if period_id is not None else figure.period_id
    figure.agency_id = member.agency_id if member is not None else indicator.owner_agency_id
    figure.member_id = member.id if member is not None else None
    figure.reported_at = now
    figure.revision = (figure.revision or 0) + 1
    await session.flush()
    session.add(
        FigureRevision(
            figure_id=figure.id,
            revision=figure.revision,
            action="edit" if corrected else "create",
            value=figure.value,
            value_max=figure.value_max,
            unit=figure.unit,
            source=figure.source,
            member_id=figure.member_id,
            source_update_id=update_id,
            created_at=now,
        )
    )
    await session.flush()
    return Recorded(figure, indicator, corrected)


# -- when figures are collected --------------------------------------------------------------


def figure_calendar(plan: Plan, calendar: WorkingCalendar, kinds: Iterable[str]) -> PlanCalendar:
    """The plan's calendar with its figure moments' kinds among its kinds (their deadlines
    follow the plan's own rules and moments)."""
    schedule = schedule_of(plan)
    return PlanCalendar.of(schedule, calendar, [*kinds, *schedule.target_frequencies])


def figure_moments(
    plan: Plan, calendar: WorkingCalendar, kinds: Iterable[str], day: date, *, early: int = 0
) -> list[Period]:
    """The figure moments (half-year, year, or the plan's own kinds for its targets) asked for
    on `day`: from the moment's first reminder day (`early` days sooner) to CHASE_DAYS working
    days after its deadline, never before the plan's first period."""
    dates = figure_calendar(plan, calendar, kinds)
    first = dates.first_period()
    found: list[Period] = []
    for kind in schedule_of(plan).target_frequencies:
        for period in periods_overlapping(kind, day - timedelta(days=120), day + timedelta(60)):
            if first is not None and period.ends_on < first.ends_on:
                continue
            start = dates.first_reminder_day(period, support=False) - timedelta(days=early)
            end = calendar.add_working_days(dates.deadline(period), CHASE_DAYS)
            if start <= day <= end and period not in found:
                found.append(period)
    # a half-year and a year closing together (14/12) are one moment: asked once, for the year
    ends = {p.ends_on: p for p in sorted(found, key=lambda p: p.kind == "yearly")}
    return sorted(ends.values(), key=lambda p: p.ends_on)


async def figure_period(
    session: AsyncSession, plan: Plan, period: Period, calendar: WorkingCalendar
) -> ReportingPeriod:
    """The plan's row of a figure moment's period (created on first need)."""
    return await ensure_period(session, plan, period, calendar)


async def plans_with_owners(session: AsyncSession) -> list[int]:
    """Active plans with a quantitative indicator someone provides the figures of."""
    rows = await session.scalars(
        select(Indicator.plan_id)
        .join(Plan, Plan.id == Indicator.plan_id)
        .where(
            Plan.active,
            Indicator.active,
            ~Indicator.qualitative,
            Indicator.owner_agency_id.is_not(None),
        )
        .distinct()
    )
    return list(rows.all())


async def figures_owed(
    session: AsyncSession, period: ReportingPeriod, agency_ids: Iterable[int] | None = None
) -> dict[int, list[Indicator]]:
    """Agency → the indicators it has sent no figure for in the period's moment."""
    sent = select(Figure.indicator_id).where(Figure.period_id.in_(moment_ids(period)))
    query = (
        select(Indicator)
        .where(
            Indicator.plan_id == period.plan_id,
            Indicator.active,
            ~Indicator.qualitative,
            Indicator.owner_agency_id.is_not(None),
            Indicator.id.not_in(sent),
        )
        .order_by(Indicator.position)
    )
    if agency_ids is not None:
        query = query.where(Indicator.owner_agency_id.in_(list(agency_ids)))
    owed: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in (await session.scalars(query)).all():
        assert indicator.owner_agency_id is not None
        owed[indicator.owner_agency_id].append(indicator)
    return dict(owed)


async def open_moment(
    session: AsyncSession, plan: Plan, day: date, calendar: WorkingCalendar
) -> ReportingPeriod | None:
    """The figure moment a figure sent unasked counts for: the one asked for now, or the one
    whose first reminder is at most EARLY_DAYS away."""
    kinds = await plan_kinds(session, plan)
    moments = figure_moments(plan, calendar, kinds, day, early=EARLY_DAYS)
    if not moments:
        return None
    return await figure_period(session, plan, moments[0], calendar)


# -- every view's lines ------------------------------------------------------------------------


async def plan_targets(session: AsyncSession, plan_id: int) -> list[tuple[Indicator, list[Target]]]:
    """The plan's active indicators with their targets, in the document's order."""
    indicators = (
        await session.scalars(
            select(Indicator)
            .where(Indicator.plan_id == plan_id, Indicator.active)
            .order_by(Indicator.position, Indicator.id)
        )
    ).all()
    if not indicators:
        return []
    targets = (
        await session.scalars(
            select(Target)
            .where(Target.indicator_id.in_([i.id for i in indicators]))
            .order_by(Target.horizon, Target.id)
        )
    ).all()
    by_indicator: dict[int, list[Target]] = defaultdict(list)
    for target in targets:
        by_indicator[target.indicator_id].append(target)
    return [(i, by_indicator.get(i.id, [])) for i in indicators]


async def figure_series(
    session: AsyncSession, indicator_ids: Sequence[int], until: date | None = None
) -> dict[int, list[FigureValue]]:
    """Each indicator's figures, oldest first (with `until`, none of a later year)."""
    if not indicator_ids:
        return {}
    query = (
        select(Figure, Agency.name, Member.full_name)
        .outerjoin(Agency, Agency.id == Figure.agency_id)
        .outerjoin(Member, Member.id == Figure.member_id)
        .where(Figure.indicator_id.in_(list(indicator_ids)))
        .order_by(Figure.as_of, Figure.id)
    )
    if until is not None:
        query = query.where(Figure.as_of <= date(until.year, 12, 31))
    series: dict[int, list[FigureValue]] = defaultdict(list)
    for figure, agency, member in (await session.execute(query)).all():
        series[figure.indicator_id].append(
            FigureValue(
                figure.value,
                figure.value_max,
                figure.unit,
                figure.as_of,
                figure.as_of_text,
                figure.source,
                agency,
                member,
                figure.reported_at,
                figure.revision,
            )
        )
    return dict(series)


async def target_lines(session: AsyncSession, plan: Plan, on: date) -> tuple[TargetLine, ...]:
    """Every target of the plan with the figure it is judged on and its assessment on `on` (a
    report's cut-off, or today): the one function behind every view of the targets."""
    indicators = await plan_targets(session, plan.id)
    series = await figure_series(session, [i.id for i, _ in indicators], on)
    owners = {
        a.id: a.name
        for a in (
            await session.scalars(
                select(Agency).where(
                    Agency.id.in_({i.owner_agency_id for i, _ in indicators if i.owner_agency_id})
                )
            )
        ).all()
    }
    lines: list[TargetLine] = []
    for number, (indicator, targets) in enumerate(indicators, start=1):
        figures = tuple(series.get(indicator.id, ()))
        points = [Point(f.value, f.as_of, f.value_max) for f in figures]
        owner = owners.get(indicator.owner_agency_id) if indicator.owner_agency_id else None
        for target in targets or [None]:
            if target is None or target.value is None or indicator.qualitative:
                lines.append(
                    TargetLine(
                        number,
                        indicator.name,
                        indicator.unit,
                        owner,
                        target.horizon if target is not None else None,
                        None,
                        None,
                        None,
                        text=target.text if target is not None else indicator.text,
                        assessment=Assessment.QUALITATIVE.value,
                    )
                )
                continue
            goal = Goal(target.comparison, target.value, target.value_max, target.horizon)
            assessed = assess(goal, points, on)
            chosen = assessed.figure
            figure = (
                next(f for f in figures if (f.as_of, f.value) == (chosen.as_of, chosen.value))
                if chosen is not None
                else None
            )
            lines.append(
                TargetLine(
                    number,
                    indicator.name,
                    target.unit or indicator.unit,
                    owner,
                    target.horizon,
                    target.comparison,
                    target.value,
                    target.value_max,
                    target.text,
                    figure,
                    assessed.assessment.value,
                    assessed.final,
                    figures,
                )
            )
    return tuple(lines)


async def indicator_by_number(session: AsyncSession, plan: Plan, number: int) -> Indicator | None:
    """The plan's indicator numbered `number` as /targets lists them (1 is the first)."""
    indicators = await plan_targets(session, plan.id)
    if 1 <= number <= len(indicators):
        return indicators[number - 1][0]
    return None
