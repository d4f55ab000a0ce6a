"""Each plan's reporting periods in the database: created on first need, chased, re-dated when
the calendar changes. The rules themselves are pure (`periods.rules`)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from periods.calendar import WorkingCalendar
from periods.rules import Period, deadline, parse_period_key, periods_to_chase, support_deadline
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


def period_dates(
    period: Period, schedule: ReportingSchedule, calendar: WorkingCalendar
) -> tuple[date, date]:
    """(lead deadline, supporting agencies' deadline) of a periodic period under a schedule."""
    lead = deadline(period, calendar, schedule.deadline_working_days)
    support = support_deadline(
        period, calendar, schedule.deadline_working_days, schedule.support_days_before
    )
    return lead, support


def new_period_row(plan: Plan, period: Period, calendar: WorkingCalendar) -> dict[str, Any]:
    """The values of a periodic period's row when it is first needed."""
    lead, support = period_dates(period, schedule_of(plan), calendar)
    return {
        "plan_id": plan.id,
        "kind": period.kind,
        "key": period.key,
        "starts_on": period.starts_on,
        "ends_on": period.ends_on,
        "deadline": lead,
        "support_deadline": support,
        "scope": {},
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
    await insert_ignore(
        session, ReportingPeriod, new_period_row(plan, period, calendar), ["plan_id", "key"]
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
        new_period_row(plan, period, calendar)
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
    """The plan's periodic periods chased on `day` (pure: no database)."""
    schedule = schedule_of(plan)
    chased = periods_to_chase(
        sorted(kinds),  # type: ignore[arg-type]
        day,
        calendar,
        schedule.deadline_working_days,
        tuple(schedule.remind_days_before),
        support_days_before=schedule.support_days_before,
    )
    # periods that were due before the plan was loaded are not chased: nobody was asked then
    loaded_on = plan.created_at.astimezone(calendar.tz).date()
    return [
        period
        for period in chased
        if deadline(period, calendar, schedule.deadline_working_days) >= loaded_on
    ]


async def chased_periods(
    session: AsyncSession, plan: Plan, day: date, calendar: WorkingCalendar
) -> list[ReportingPeriod]:
    """The plan's periods being chased on `day`: periodic ones and open ad-hoc requests."""
    kinds = await plan_kinds(session, plan)
    rows = [
        await ensure_period(session, plan, period, calendar)
        for period in periods_chased_on(plan, kinds, day, calendar)
    ]
    adhoc = await session.scalars(
        select(ReportingPeriod).where(
            ReportingPeriod.plan_id == plan.id,
            ReportingPeriod.kind == "adhoc",
            ReportingPeriod.starts_on <= day,
        )
    )
    rows += [row for row in adhoc if adhoc_chased_on(row, day, calendar)]
    return rows


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
    for row, plan in rows:
        lead, support = period_dates(parse_period_key(row.key), schedule_of(plan), calendar)
        if (row.deadline, row.support_deadline) != (lead, support):
            row.deadline, row.support_deadline = lead, support
            changed += 1
    return changed
