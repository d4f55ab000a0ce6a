"""An agency's work list: every task it can report on today, in each open period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from periods.calendar import WorkingCalendar
from periods.owing import assignments_in_period
from periods.rules import period_containing
from periods.store import chased_periods, ensure_period, plan_kinds
from plans.active import active_plans
from reports.service import deadline_for
from storage.models import Assignment, Plan, Report, ReportingPeriod, Task


@dataclass(frozen=True)
class WorkItem:
    """One task of the agency in one period, with its report if there is one."""

    plan: Plan
    period: ReportingPeriod
    task: Task
    role: str
    deadline: date
    report: Report | None

    @property
    def owed(self) -> bool:
        return self.report is None


async def worklist(
    session: AsyncSession, agency_id: int, today: date, calendar: WorkingCalendar
) -> list[WorkItem]:
    """The agency's tasks across every chased period: the period due first first, its tasks
    together (earliest deadline, then plan order)."""
    items: list[WorkItem] = []
    for plan in await active_plans(session):
        for period in await open_periods(session, plan, today, calendar):
            items += await period_items(session, plan, period, agency_id)
    items.sort(
        key=lambda i: (i.period.deadline, i.plan.id, i.period.id, i.deadline, i.task.position)
    )
    return items


async def open_periods(
    session: AsyncSession, plan: Plan, today: date, calendar: WorkingCalendar
) -> list[ReportingPeriod]:
    """Periods an agency can report on today: those being chased, and the ones in progress
    (an officer may report before the reminders start)."""
    periods = {p.id: p for p in await chased_periods(session, plan, today, calendar)}
    for kind in await plan_kinds(session, plan):
        current = await ensure_period(session, plan, period_containing(kind, today), calendar)  # type: ignore[arg-type]
        periods.setdefault(current.id, current)
    return list(periods.values())


async def period_items(
    session: AsyncSession, plan: Plan, period: ReportingPeriod, agency_id: int
) -> list[WorkItem]:
    rows = (
        await session.execute(
            assignments_in_period(period).where(Assignment.agency_id == agency_id)
        )
    ).all()
    reports = {
        r.task_id: r
        for r in (
            await session.scalars(
                select(Report).where(Report.period_id == period.id, Report.agency_id == agency_id)
            )
        ).all()
    }
    return [
        WorkItem(
            plan,
            period,
            task,
            assignment.role,
            deadline_for(period, assignment.role),
            reports.get(task.id),
        )
        for task, assignment in rows
    ]


async def item_for(
    session: AsyncSession, agency_id: int, period_id: int, task_id: int
) -> WorkItem | None:
    """The work item for a (period, task) the agency is assigned, e.g. from a button."""
    period = await session.get(ReportingPeriod, period_id)
    if period is None:
        return None
    plan = await session.get(Plan, period.plan_id)
    assert plan is not None
    for item in await period_items(session, plan, period, agency_id):
        if item.task.id == task_id:
            return item
    return None


def candidates(items: list[WorkItem]) -> list[WorkItem]:
    """One item per task ref: the earliest period still owed, else the latest reported."""
    chosen: dict[tuple[int, str], WorkItem] = {}
    for item in items:
        key = (item.plan.id, item.task.ref)
        current = chosen.get(key)
        if current is None or (current.report is not None and item.report is None):
            chosen[key] = item
    return list(chosen.values())


async def tasks_of(session: AsyncSession, task_ids: list[int]) -> dict[int, Task]:
    rows = (await session.scalars(select(Task).where(Task.id.in_(task_ids)))).all()
    return {t.id: t for t in rows}
