"""Who still owes a report: the SQL behind reminders, /missing and /tasks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from periods.store import moment_ids
from storage.models import Assignment, Report, ReportingPeriod, Task


@dataclass(frozen=True)
class Owed:
    """One assignment without a report for the period."""

    task_id: int
    ref: str
    title: str
    agency_id: int
    role: str
    deadline: date


# built once: creating aliases costs more than the rest of the query construction
EARLIER_DONE = aliased(Report)
EARLIER_PERIOD = aliased(ReportingPeriod)


def scope_kinds(kind: str, ends_on: date) -> tuple[str, ...]:
    """The task reporting kinds a periodic period covers: its own, and the coarser kinds that
    close with it (a task reported yearly is asked at Quý IV, the moment it shares)."""
    from periods.schedule import kinds_ending_on

    kinds = kinds_ending_on(ends_on)
    if kind not in kinds:
        return (kind,)
    return kinds[kinds.index(kind) :]


def covers_plan_tasks(period: ReportingPeriod) -> bool:
    """Whether the period asks the tasks that follow the plan's schedule (no own kind): not a
    month of a quarterly plan that has one monthly task (see `periods.store.new_period_row`)."""
    return bool((period.scope or {}).get("plan_tasks", True))


def in_period_scope(period: ReportingPeriod) -> list[object]:
    """Conditions on Task/Assignment that put an assignment in the period's scope (the same
    rule in Python: `in_scope`, below)."""
    conditions: list[object] = [Task.plan_id == period.plan_id, Task.active]
    if period.kind == "adhoc":
        task_ids = period.scope.get("task_ids") or []
        agency_ids = period.scope.get("agency_ids") or []
        if task_ids:
            conditions.append(Task.id.in_(task_ids))
        if agency_ids:
            conditions.append(Assignment.agency_id.in_(agency_ids))
    else:
        kinds = scope_kinds(period.kind, period.ends_on)
        if covers_plan_tasks(period):
            conditions.append(or_(Task.reporting.is_(None), Task.reporting.in_(kinds)))
        else:
            conditions.append(Task.reporting.in_(kinds))
        # an assignment made after the plan's reporting started is owed from a later deadline
        conditions.append(
            or_(Assignment.owed_from.is_(None), Assignment.owed_from <= period.deadline)
        )
        earlier_done, earlier_period = EARLIER_DONE, EARLIER_PERIOD
        # a task with a due date that an agency already reported done is not asked again
        conditions.append(
            ~and_(
                Task.due_on.is_not(None),
                exists(
                    select(earlier_done.id)
                    .join(earlier_period, earlier_period.id == earlier_done.period_id)
                    .where(
                        earlier_done.task_id == Task.id,
                        earlier_done.agency_id == Assignment.agency_id,
                        earlier_done.status == "done",
                        earlier_period.ends_on < period.starts_on,
                    )
                ),
            )
        )
    return conditions


def in_scope(
    period: ReportingPeriod, task: Task, assignment: Assignment, done_until: date | None
) -> bool:
    """`in_period_scope` evaluated on loaded rows, condition for condition, for readers that
    fetch many periods' assignments at once. `done_until`: the end of the earliest period in
    which the assignment's agency reported the task done (None if it never did). Change the two
    together: tests/periods/test_period_scope.py checks they agree."""
    if task.plan_id != period.plan_id or not task.active:
        return False
    if period.kind == "adhoc":
        task_ids = period.scope.get("task_ids") or []
        agency_ids = period.scope.get("agency_ids") or []
        return (not task_ids or task.id in task_ids) and (
            not agency_ids or assignment.agency_id in agency_ids
        )
    if task.reporting is None and not covers_plan_tasks(period):
        return False
    if task.reporting is not None and task.reporting not in scope_kinds(
        period.kind, period.ends_on
    ):
        return False
    if assignment.owed_from is not None and assignment.owed_from > period.deadline:
        return False
    # a task with a due date that an agency already reported done is not asked again
    return not (
        task.due_on is not None and done_until is not None and done_until < period.starts_on
    )


def assignments_in_period(period: ReportingPeriod, *columns: Any) -> Select[Any]:
    """The (task, assignment) pairs in the period's scope, in plan order, or only `columns`."""
    return (
        select(*(columns or (Task, Assignment)))
        .join(Assignment, Assignment.task_id == Task.id)
        .where(*in_period_scope(period))  # type: ignore[arg-type]
        .order_by(Task.position, Task.id)
    )


async def owed(
    session: AsyncSession, period: ReportingPeriod, agency_ids: Sequence[int] | None = None
) -> list[Owed]:
    """Assignments in the period's scope with no report yet, in plan order."""
    # plain columns, not Task and Assignment objects: the reminder planner asks this of every
    # open period every day, and building ORM objects was most of its cost
    columns = (Task.id, Task.ref, Task.title, Assignment.agency_id, Assignment.role)
    query = assignments_in_period(period, *columns).where(
        ~exists(
            select(Report.id).where(
                Report.period_id.in_(moment_ids(period)),
                Report.task_id == Task.id,
                Report.agency_id == Assignment.agency_id,
            )
        )
    )
    if agency_ids is not None:
        query = query.where(Assignment.agency_id.in_(agency_ids))
    rows = (await session.execute(query)).all()
    return [
        Owed(
            task_id,
            ref,
            title,
            agency_id,
            role,
            period.support_deadline if role == "support" else period.deadline,
        )
        for task_id, ref, title, agency_id, role in rows
    ]
