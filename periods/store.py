"""Each plan's reporting periods in the database: created on first need, chased, re-dated when
the calendar changes. The rules themselves are pure (`periods.rules`)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from periods.calendar import WorkingCalendar
from periods.rules import Period, parse_period_key
from periods.schedule import PlanCalendar
from plans.model import ReportingSchedule
from storage.models import CalendarDay, Plan, ReportingPeriod, Task, utcnow
from storage.upsert import insert_ignore

ADHOC_CHASE_DAYS = 10


DECLARED_DAYS = select(CalendarDay.day, CalendarDay.kind)  # built once: read on every reply


async def load_calendar(session: AsyncSession, **settings: Any) -> WorkingCalendar:
    """The working calendar with the admin-declared days off and make-up working days."""
    days = (await session.execute(DECLARED_DAYS)).all()
    return calendar_of(
        frozenset((day, kind) for day, kind in days), tuple(sorted(settings.items()))
    )


@functools.lru_cache(maxsize=8)
def calendar_of(
    days: frozenset[tuple[date, str]], settings: tuple[tuple[str, Any], ...]
) -> WorkingCalendar:
    """One calendar per set of declared days and settings: read on every reply, it is built
    again only when a day is declared (it keeps what it worked out: holidays, working days)."""
    return WorkingCalendar(
        days_off=[day for day, kind in days if kind == "day_off"],
        extra_working_days=[day for day, kind in days if kind == "working_day"],
        **dict(settings),
    )


def schedule_of(plan: Plan) -> ReportingSchedule:
    return ReportingSchedule.model_validate(plan.schedule or {})


def plan_calendar(
    plan: Plan, calendar: WorkingCalendar, kinds: Iterable[str] | None = None
) -> PlanCalendar:
    """The plan's reporting calendar: its schedule over the working calendar, with the kinds
    it reports in (its schedule's when `kinds` is not given)."""
    schedule = schedule_of(plan)
    return PlanCalendar.of(schedule, calendar, kinds if kinds is not None else ())


def period_dates(
    period: Period, schedule: ReportingSchedule, calendar: WorkingCalendar
) -> tuple[date, date]:
    """(lead deadline, supporting agencies' deadline) of a periodic period under a schedule
    (the period's moment's: docs/counting.md, sections 1 and 2)."""
    dates = PlanCalendar.of(schedule, calendar)
    return dates.deadline(period), dates.support_deadline(period)


def new_period_row(
    plan: Plan, period: Period, calendar: WorkingCalendar, kinds: Iterable[str] = ()
) -> dict[str, Any]:
    """The values of a periodic period's row when it is first needed: its moment's deadlines,
    and the plan's other kinds of its moment (for its label)."""
    dates = plan_calendar(plan, calendar, kinds)
    also = dates.also(period)
    # tasks without their own reporting kind follow the plan's schedule: a moment none of its
    # kinds closes (a month of a quarterly plan with one monthly task) asks only the others
    schedule = set(schedule_of(plan).frequencies)
    follows_plan = any(p.kind in schedule for p in dates.moment(period))
    scope: dict[str, Any] = {"also": also} if also else {}
    if not follows_plan:
        scope["plan_tasks"] = False
    return {
        "plan_id": plan.id,
        "kind": period.kind,
        "key": period.key,
        "starts_on": period.starts_on,
        "ends_on": period.ends_on,
        "deadline": dates.deadline(period),
        "support_deadline": dates.support_deadline(period),
        "scope": scope,
        "request_note": "",
        "created_at": utcnow(),
    }


async def ensure_period(
    session: AsyncSession, plan: Plan, period: Period, calendar: WorkingCalendar
) -> ReportingPeriod:
    """The plan's row for a periodic reporting period, created on first need."""
    query = select(ReportingPeriod).where(
        ReportingPeriod.plan_id == plan.id, ReportingPeriod.key == period.key
    )
    row = await session.scalar(query)
    if row is not None:
        return row
    kinds = await plan_kinds(session, plan)
    await insert_ignore(
        session, ReportingPeriod, new_period_row(plan, period, calendar, kinds), ["plan_id", "key"]
    )
    row = await session.scalar(query)
    assert row is not None
    return row


# built once (read on every officer reply): the plans' periods with these keys, and their
# ad-hoc requests started by a day
PLANS_PERIODS = (
    select(ReportingPeriod)
    .where(
        ReportingPeriod.plan_id.in_(bindparam("plan_ids", expanding=True)),
        or_(
            ReportingPeriod.key.in_(bindparam("keys", expanding=True)),
            and_(
                ReportingPeriod.kind == "adhoc", ReportingPeriod.starts_on <= bindparam("adhoc_on")
            ),
        ),
    )
    .order_by(ReportingPeriod.id)
)


async def ensure_periods(
    session: AsyncSession,
    wanted: Sequence[tuple[Plan, Sequence[Period]]],
    calendar: WorkingCalendar,
    adhoc_on: date,
    kinds: dict[int, set[str]] | None = None,
) -> tuple[dict[tuple[int, str], ReportingPeriod], list[ReportingPeriod]]:
    """`ensure_period` for several plans' periods at once, plus these plans' ad-hoc requests
    started by `adhoc_on`: ({(plan id, key): row}, ad-hoc rows). One SELECT when every row
    exists; otherwise the missing ones are inserted in one statement, in the order wanted,
    ignoring any a concurrent creator made first, and the SELECT runs again."""
    pairs = [(plan, period) for plan, periods in wanted for period in periods]
    params = {
        "plan_ids": sorted({plan.id for plan, _ in wanted}),
        "keys": sorted({period.key for _, period in pairs}),
        "adhoc_on": adhoc_on,
    }
    rows = (await session.scalars(PLANS_PERIODS, params)).all()
    found = {(row.plan_id, row.key) for row in rows}
    missing = [
        new_period_row(plan, period, calendar, (kinds or {}).get(plan.id, ()))
        for plan, period in pairs
        if (plan.id, period.key) not in found
    ]
    if missing:
        await insert_ignore(session, ReportingPeriod, missing, ["plan_id", "key"])
        rows = (await session.scalars(PLANS_PERIODS, params)).all()
    periodic = {(row.plan_id, row.key): row for row in rows if row.kind != "adhoc"}
    assert all((plan.id, period.key) in periodic for plan, period in pairs)
    return periodic, [row for row in rows if row.kind == "adhoc"]


async def plan_kinds(session: AsyncSession, plan: Plan) -> set[str]:
    """The period kinds a plan is reported in: its schedule's and its tasks' own."""
    overrides = await session.scalars(
        select(Task.reporting).where(
            Task.plan_id == plan.id, Task.active, Task.reporting.is_not(None)
        )
    )
    return kinds_of(plan, overrides)


def kinds_of(plan: Plan, overrides: Iterable[str | None]) -> set[str]:
    """The plan's schedule's kinds and its active tasks' own (`overrides`; pure)."""
    return set(schedule_of(plan).frequencies) | {k for k in overrides if k}


def periods_chased_on(
    plan: Plan, kinds: set[str], day: date, calendar: WorkingCalendar
) -> list[Period]:
    """The plan's periodic moments chased on `day`, each by its primary period (pure)."""
    dates = plan_calendar(plan, calendar, kinds)
    chased = dates.chased_on(day)
    if dates.first_period() is not None:
        return chased
    # a plan saved before it had a first period: what was due before it was loaded is not
    # chased (nobody was asked then)
    loaded_on = plan.created_at.astimezone(calendar.tz).date()
    return [period for period in chased if dates.deadline(period) >= loaded_on]


async def chased_periods(
    session: AsyncSession, plan: Plan, day: date, calendar: WorkingCalendar
) -> list[ReportingPeriod]:
    """The plan's periods being chased on `day`: periodic ones and open ad-hoc requests."""
    kinds = await plan_kinds(session, plan)
    chased = periods_chased_on(plan, kinds, day, calendar)
    periodic, adhoc = await ensure_periods(
        session, [(plan, chased)], calendar, day, {plan.id: kinds}
    )
    return [periodic[(plan.id, period.key)] for period in chased] + [
        row for row in adhoc if adhoc_chased_on(row, day, calendar)
    ]


def adhoc_chased_on(row: ReportingPeriod, day: date, calendar: WorkingCalendar) -> bool:
    """An ad-hoc request is chased from its start until ADHOC_CHASE_DAYS working days after its
    deadline (pure)."""
    return (
        row.starts_on <= day
        and calendar.working_days_between(row.deadline, day) <= ADHOC_CHASE_DAYS
    )


async def recompute_deadlines(session: AsyncSession, since: date, **calendar_settings: Any) -> int:
    """After the calendar changed: deadlines of periodic periods not yet past, computed again."""
    await session.flush()
    calendar = await load_calendar(session, **calendar_settings)
    rows = (
        await session.execute(
            select(ReportingPeriod, Plan)
            .join(Plan, Plan.id == ReportingPeriod.plan_id)
            .where(ReportingPeriod.kind != "adhoc", ReportingPeriod.deadline >= since)
        )
    ).all()
    changed = 0
    kinds: dict[int, set[str]] = {}
    for row, plan in rows:
        if plan.id not in kinds:
            kinds[plan.id] = await plan_kinds(session, plan)
        dates = plan_calendar(plan, calendar, kinds[plan.id])
        period = parse_period_key(row.key)
        lead, support = dates.deadline(period), dates.support_deadline(period)
        if (row.deadline, row.support_deadline) != (lead, support):
            row.deadline, row.support_deadline = lead, support
            changed += 1
    return changed


def moment_ids(period: ReportingPeriod) -> Select[tuple[int]]:
    """The ids of the plan's period rows of the period's reporting moment (the rows closing on
    its cut-off): a report on any of them counts for all (docs/counting.md, section 2)."""
    if period.kind == "adhoc":
        return select(ReportingPeriod.id).where(ReportingPeriod.id == period.id)
    return select(ReportingPeriod.id).where(
        ReportingPeriod.plan_id == period.plan_id,
        ReportingPeriod.ends_on == period.ends_on,
        ReportingPeriod.kind != "adhoc",
    )
