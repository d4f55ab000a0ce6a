"""Each plan's reporting periods in the database: created on first need, chased, re-dated when
the calendar changes. The rules themselves are pure (`periods.rules`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from periods.calendar import WorkingCalendar
from periods.rules import Period, deadline, parse_period_key, periods_to_chase, support_deadline
from plans.model import ReportingSchedule
from storage.models import CalendarDay, Plan, ReportingPeriod, Task, utcnow
from storage.upsert import insert_ignore

ADHOC_CHASE_DAYS = 10


async def load_calendar(session: AsyncSession, **settings: Any) -> WorkingCalendar:
    """The working calendar with the admin-declared days off and make-up working days."""
    days = (await session.execute(select(CalendarDay.day, CalendarDay.kind))).all()
    return WorkingCalendar(
        days_off=[day for day, kind in days if kind == "day_off"],
        extra_working_days=[day for day, kind in days if kind == "working_day"],
        **settings,
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
    lead, support = period_dates(period, schedule_of(plan), calendar)
    await insert_ignore(
        session,
        ReportingPeriod,
        {
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
        },
        ["plan_id", "key"],
    )
    row = await session.scalar(query)
    assert row is not None
    return row


async def plan_kinds(session: AsyncSession, plan: Plan) -> set[str]:
    """The period kinds a plan is reported in: its schedule's and its tasks' own."""
    overrides = await session.scalars(
        select(Task.reporting).where(
            Task.plan_id == plan.id, Task.active, Task.reporting.is_not(None)
        )
    )
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
    for row in adhoc:
        if calendar.working_days_between(row.deadline, day) <= ADHOC_CHASE_DAYS:
            rows.append(row)
    return rows


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
