"""An agency's work list: every task it can report on today, in each open period."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from periods.calendar import WorkingCalendar
from periods.owing import assignments_in_period, in_scope
from periods.rules import Period, period_containing
from periods.store import (
    adhoc_chased_on,
    ensure_periods,
    kinds_of,
    periods_chased_on,
    plan_kinds,
)
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


# the work list is read on every officer reply: its statements are built once (SQLAlchemy keys
# its compiled form on the statement object; one built per call costs as much again)
TASKS_OF_PLANS = (
    select(Task, Assignment)
    .outerjoin(
        Assignment,
        and_(Assignment.task_id == Task.id, Assignment.agency_id == bindparam("agency_id")),
    )
    .where(
        Task.plan_id.in_(bindparam("plan_ids", expanding=True)),
        Task.active,
        or_(Assignment.id.is_not(None), Task.reporting.is_not(None)),
    )
    .order_by(Task.position, Task.id)
)
AGENCY_REPORTS = (
    select(Report, ReportingPeriod.ends_on)
    .join(ReportingPeriod, ReportingPeriod.id == Report.period_id)
    .where(
        Report.agency_id == bindparam("agency_id"),
        or_(
            Report.period_id.in_(bindparam("period_ids", expanding=True)),
            and_(
                Report.status == "done",
                Report.task_id.in_(bindparam("due_task_ids", expanding=True)),
            ),
        ),
    )
)


async def worklist(
    session: AsyncSession, agency_id: int, today: date, calendar: WorkingCalendar
) -> list[WorkItem]:
    """The agency's tasks across every chased period: the period due first first, its tasks
    together (earliest deadline, then plan order). Called on every officer reply, so it costs
    the same few statements however many plans and periods: the active plans, the agency's
    tasks (with every task's own reporting kind), the open periods (created on first need)
    and the agency's reports."""
    plans = await active_plans(session, coordinator_aliases=False)
    if not plans:
        return []
    rows = await tasks_of_plans(session, [plan.id for plan in plans], agency_id)
    overrides: dict[int, list[str | None]] = {}
    for task, _assignment in rows:
        overrides.setdefault(task.plan_id, []).append(task.reporting)
    periods = await open_periods_of(
        session,
        [(plan, kinds_of(plan, overrides.get(plan.id, ()))) for plan in plans],
        today,
        calendar,
    )
    assigned = [(task, assignment) for task, assignment in rows if assignment is not None]
    period_ids = [period.id for plan_periods in periods.values() for period in plan_periods]
    due_task_ids = sorted({task.id for task, _ in assigned if task.due_on is not None})
    reports = (
        await session.execute(
            AGENCY_REPORTS,
            {"agency_id": agency_id, "period_ids": period_ids, "due_task_ids": due_task_ids},
        )
    ).all()
    return assemble(plans, periods, assigned, [(report, ends_on) for report, ends_on in reports])


async def tasks_of_plans(
    session: AsyncSession, plan_ids: Sequence[int], agency_id: int
) -> list[tuple[Task, Assignment | None]]:
    """The plans' active tasks the agency is assigned, with its assignment, and the others
    that have their own reporting kind (assignment None: they count in the plan's kinds), in
    plan order."""
    rows = await session.execute(
        TASKS_OF_PLANS, {"plan_ids": list(plan_ids), "agency_id": agency_id}
    )
    return [(task, assignment) for task, assignment in rows.all()]


def periods_open_on(
    plan: Plan, kinds: set[str], today: date, calendar: WorkingCalendar
) -> list[Period]:
    """The plan's periodic periods an agency can report on today (pure): those being chased,
    then the one in progress of each kind (an officer may report before the reminders start)."""
    found = dict.fromkeys(periods_chased_on(plan, kinds, today, calendar))
    for kind in sorted(kinds):
        found.setdefault(period_containing(kind, today))  # type: ignore[arg-type]
    return list(found)


async def open_periods_of(
    session: AsyncSession,
    plans: Sequence[tuple[Plan, set[str]]],
    today: date,
    calendar: WorkingCalendar,
) -> dict[int, list[ReportingPeriod]]:
    """Each plan's (with its kinds) open periods by plan id: its periodic ones
    (`periods_open_on`), then its ad-hoc requests being chased; one SELECT when every periodic
    row exists (see `ensure_periods`)."""
    wanted = {plan.id: periods_open_on(plan, kinds, today, calendar) for plan, kinds in plans}
    periodic, adhoc = await ensure_periods(
        session, [(plan, wanted[plan.id]) for plan, _ in plans], calendar, today
    )
    return {
        plan.id: [periodic[(plan.id, period.key)] for period in wanted[plan.id]]
        + [row for row in adhoc if row.plan_id == plan.id and adhoc_chased_on(row, today, calendar)]
        for plan, _ in plans
    }


def assemble(
    plans: Sequence[Plan],
    periods: Mapping[int, Sequence[ReportingPeriod]],
    assignments: Sequence[tuple[Task, Assignment]],
    reports: Sequence[tuple[Report, date]],
) -> list[WorkItem]:
    """The work list from fetched rows (pure): `periods` the open ones by plan id,
    `assignments` the agency's (task, assignment) rows in plan order, `reports` the agency's
    reports with the end of their period: at least those in the open periods and those done
    on tasks with a due date (a task done earlier is not asked again, see `in_scope`)."""
    by_period = {(report.period_id, report.task_id): report for report, _ in reports}
    done_until: dict[tuple[int, int], date] = {}
    for report, ends_on in reports:
        if report.status == "done":
            key = (report.task_id, report.agency_id)
            done_until[key] = min(ends_on, done_until.get(key, ends_on))
    by_plan: dict[int, list[tuple[Task, Assignment]]] = {}
    for task, assignment in assignments:
        by_plan.setdefault(task.plan_id, []).append((task, assignment))
    items: list[WorkItem] = []
    for plan in plans:
        rows = by_plan.get(plan.id, [])
        for period in periods.get(plan.id, ()):
            items += [
                WorkItem(
                    plan,
                    period,
                    task,
                    assignment.role,
                    deadline_for(period, assignment.role),
                    by_period.get((period.id, task.id)),
                )
                for task, assignment in rows
                if in_scope(
                    period, task, assignment, done_until.get((task.id, assignment.agency_id))
                )
            ]
    items.sort(
        key=lambda i: (i.period.deadline, i.plan.id, i.period.id, i.deadline, i.task.position)
    )
    return items


async def open_periods(
    session: AsyncSession, plan: Plan, today: date, calendar: WorkingCalendar
) -> list[ReportingPeriod]:
    """Periods an agency can report on today: those being chased, and the ones in progress
    (an officer may report before the reminders start)."""
    kinds = await plan_kinds(session, plan)
    return (await open_periods_of(session, [(plan, kinds)], today, calendar))[plan.id]


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
