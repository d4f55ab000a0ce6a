"""An agency's work list: every task it can report on today, in each open period."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from periods.calendar import WorkingCalendar
from periods.owing import assignments_in_period, in_scope
from periods.rules import Period
from periods.store import (
    adhoc_chased_on,
    ensure_periods,
    kinds_of,
    moment_ids,
    periods_chased_on,
    plan_calendar,
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
    chased: bool = True  # the period's reminders have started (else: only in progress)

    @property
    def owed(self) -> bool:
        return self.report is None

    @property
    def periodic(self) -> bool:
        return self.period.kind != "adhoc"


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
# the agency's reports in the open periods' moments (a report counts for every period row
# closing on its cut-off), in the open ad-hoc requests, and done on tasks with a due date
MOMENT_ROWS = select(ReportingPeriod.id).where(
    ReportingPeriod.plan_id.in_(bindparam("plan_ids", expanding=True)),
    ReportingPeriod.ends_on.in_(bindparam("cutoffs", expanding=True)),
    ReportingPeriod.kind != "adhoc",
)
AGENCY_REPORTS = (
    select(Report, ReportingPeriod.ends_on, ReportingPeriod.plan_id, ReportingPeriod.kind)
    .join(ReportingPeriod, ReportingPeriod.id == Report.period_id)
    .where(
        Report.agency_id == bindparam("agency_id"),
        or_(
            Report.period_id.in_(MOMENT_ROWS),
            Report.period_id.in_(bindparam("adhoc_ids", expanding=True)),
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
    open_rows = [period for plan_periods in periods.rows.values() for period in plan_periods]
    due_task_ids = sorted({task.id for task, _ in assigned if task.due_on is not None})
    reports = (
        await session.execute(
            AGENCY_REPORTS,
            {
                "agency_id": agency_id,
                "plan_ids": sorted({p.plan_id for p in open_rows if p.kind != "adhoc"}),
                "cutoffs": sorted({p.ends_on for p in open_rows if p.kind != "adhoc"}),
                "adhoc_ids": [p.id for p in open_rows if p.kind == "adhoc"],
                "due_task_ids": due_task_ids,
            },
        )
    ).all()
    return assemble(plans, periods.rows, assigned, [tuple(row) for row in reports], periods.chased)


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
) -> dict[Period, bool]:
    """The plan's periodic moments an agency can report on today (pure), by primary period,
    each with whether it is chased: those being chased, then the one in progress of each kind
    (an officer may report before the reminders start)."""
    found = dict.fromkeys(periods_chased_on(plan, kinds, today, calendar), True)
    for period in plan_calendar(plan, calendar, kinds).in_progress(today):
        found.setdefault(period, False)
    return found


@dataclass(frozen=True)
class OpenPeriods:
    """Each plan's open period rows by plan id, and the (plan id, key) being chased."""

    rows: dict[int, list[ReportingPeriod]]
    chased: set[tuple[int, str]]


async def open_periods_of(
    session: AsyncSession,
    plans: Sequence[tuple[Plan, set[str]]],
    today: date,
    calendar: WorkingCalendar,
) -> OpenPeriods:
    """Each plan's (with its kinds) open periods: its periodic ones (`periods_open_on`), then
    its ad-hoc requests being chased; one SELECT when every periodic row exists (see
    `ensure_periods`)."""
    wanted = {plan.id: periods_open_on(plan, kinds, today, calendar) for plan, kinds in plans}
    periodic, adhoc = await ensure_periods(
        session,
        [(plan, list(wanted[plan.id])) for plan, _ in plans],
        calendar,
        today,
        {plan.id: kinds for plan, kinds in plans},
    )
    rows = {
        plan.id: [periodic[(plan.id, period.key)] for period in wanted[plan.id]]
        + [row for row in adhoc if row.plan_id == plan.id and adhoc_chased_on(row, today, calendar)]
        for plan, _ in plans
    }
    chased = {
        (plan_id, period.key)
        for plan_id, found in wanted.items()
        for period, on in found.items()
        if on
    }
    return OpenPeriods(rows, chased)


def assemble(
    plans: Sequence[Plan],
    periods: Mapping[int, Sequence[ReportingPeriod]],
    assignments: Sequence[tuple[Task, Assignment]],
    reports: Sequence[tuple[Report, date, int, str]],
    chased: set[tuple[int, str]] | None = None,
) -> list[WorkItem]:
    """The work list from fetched rows (pure): `periods` the open ones by plan id,
    `assignments` the agency's (task, assignment) rows in plan order, `reports` the agency's
    reports with their period's cut-off, plan and kind: at least those in the open periods'
    moments and those done on tasks with a due date (a task done earlier is not asked again,
    see `in_scope`); `chased`: the (plan id, period key) whose reminders have started (None:
    all)."""
    in_moment: dict[tuple[int, date, int], Report] = {}
    in_adhoc: dict[tuple[int, int], Report] = {}
    done_until: dict[tuple[int, int], date] = {}
    for report, ends_on, plan_id, kind in reports:
        if kind == "adhoc":
            in_adhoc[(report.period_id, report.task_id)] = report
        else:
            in_moment.setdefault((plan_id, ends_on, report.task_id), report)
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
            adhoc = period.kind == "adhoc"
            items += [
                WorkItem(
                    plan,
                    period,
                    task,
                    assignment.role,
                    deadline_for(period, assignment.role),
                    in_adhoc.get((period.id, task.id))
                    if adhoc
                    else in_moment.get((plan.id, period.ends_on, task.id)),
                    adhoc or chased is None or (plan.id, period.key) in chased,
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
    return (await open_periods_of(session, [(plan, kinds)], today, calendar)).rows[plan.id]


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
                select(Report).where(
                    Report.period_id.in_(moment_ids(period)), Report.agency_id == agency_id
                )
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
    for item in await items_of_period(session, period_id, agency_id):
        if item.task.id == task_id:
            return item
    return None


async def items_of_period(session: AsyncSession, period_id: int, agency_id: int) -> list[WorkItem]:
    """The agency's items of one period, open or not (a reply to an old reminder is for it)."""
    period = await session.get(ReportingPeriod, period_id)
    if period is None:
        return []
    plan = await session.get(Plan, period.plan_id)
    if plan is None or not plan.active:
        return []
    return await period_items(session, plan, period, agency_id)


def current(items: Sequence[WorkItem]) -> WorkItem:
    """Of one task's items, the one a report made today without naming a period is for
    (docs/counting.md, section 4): the latest period the agency still owes among those being
    chased (the earlier ones are settled with it, see `settles`); else an ad-hoc request still
    owed; else the period in progress (an update); else the latest one."""
    owed = [i for i in items if i.owed and i.chased]
    periodic = [i for i in owed if i.periodic]
    if periodic:
        return max(periodic, key=lambda i: (i.period.ends_on, i.period.id))
    if owed:
        return min(owed, key=lambda i: (i.period.deadline, i.period.id))
    in_progress = [i for i in items if not i.chased]
    if in_progress:
        return min(in_progress, key=lambda i: (i.period.ends_on, i.period.id))
    return max(items, key=lambda i: (i.period.ends_on, i.period.id))


def candidates(items: Sequence[WorkItem], period_id: int | None = None) -> list[WorkItem]:
    """One item per task (in plan and work-list order): the one of period `period_id` (what the
    answered message was about) when the task is in it, else `current`."""
    by_task: dict[int, list[WorkItem]] = {}
    for item in items:
        by_task.setdefault(item.task.id, []).append(item)
    chosen = []
    for task_items in by_task.values():
        asked = [i for i in task_items if period_id is not None and i.period.id == period_id]
        chosen.append(asked[0] if asked else current(task_items))
    return chosen


def settles(items: Sequence[WorkItem], chosen: WorkItem) -> list[WorkItem]:
    """The earlier periods one report on `chosen` also settles, oldest first: those of the same
    task the agency still owes among the periods being chased (docs/counting.md, section 4)."""
    if not chosen.periodic:
        return []
    earlier = [
        i
        for i in items
        if i.task.id == chosen.task.id
        and i.periodic
        and i.owed
        and i.chased
        and i.period.ends_on < chosen.period.ends_on
    ]
    return sorted(earlier, key=lambda i: i.period.ends_on)


async def tasks_of(session: AsyncSession, task_ids: list[int]) -> dict[int, Task]:
    rows = (await session.scalars(select(Task).where(Task.id.in_(task_ids)))).all()
    return {t.id: t for t in rows}
