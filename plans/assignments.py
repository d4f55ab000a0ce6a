"""Admin changes to who does what: assign and unassign a task, with an audit entry each."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from access import audit
from domain.status import AssignmentRole
from domain.text import match_refs
from storage.models import Agency, Assignment, Member, Plan, Task


async def find_task(session: AsyncSession, plan: Plan, ref: str) -> Task | None:
    """A task of the plan by its reference as typed ("II.2.a", "ii.2.a", "II 2 a", or short as
    officers write it, "2a"); None when no task or more than one matches."""
    tasks = (await session.scalars(select(Task).where(Task.plan_id == plan.id))).all()
    by_ref = {task.ref: task for task in tasks}
    found = match_refs(ref, list(by_ref))
    return by_ref[found[0]] if len(found) == 1 else None


async def _touch(session: AsyncSession, task: Task) -> None:
    """A change of who does what is a new version of the plan: an import preview built before
    it no longer saves over it unseen (plans/store.py)."""
    await session.execute(
        update(Plan)
        .where(Plan.id == task.plan_id)
        .values(version=Plan.version + 1)
        .execution_options(synchronize_session=False)
    )


async def assign(
    session: AsyncSession,
    task: Task,
    agency: Agency,
    role: AssignmentRole,
    actor: Member | None,
    *,
    owed_from: date | None = None,
) -> Assignment | None:
    """Assign (or change the role of) an agency on a task; the assignment when something
    changed, else None. A new assignment is owed for the periods due from `owed_from`
    (`periods.schedule.owed_from_when_added`); one that already existed keeps its own."""
    row = await session.scalar(
        select(Assignment).where(Assignment.task_id == task.id, Assignment.agency_id == agency.id)
    )
    if row is not None and row.role == role.value and row.via_group_id is None:
        return None
    if row is None:
        row = Assignment(task_id=task.id, agency_id=agency.id, role=role.value, owed_from=owed_from)
        session.add(row)
    else:
        row.role, row.via_group_id = role.value, None
    audit.record(
        session, actor, "task.assign", task_id=task.id, ref=task.ref, agency=agency.name, role=role
    )
    await _touch(session, task)
    await session.flush()
    return row


async def unassign(session: AsyncSession, task: Task, agency: Agency, actor: Member | None) -> bool:
    row = await session.scalar(
        select(Assignment).where(Assignment.task_id == task.id, Assignment.agency_id == agency.id)
    )
    if row is None:
        return False
    await session.delete(row)
    audit.record(session, actor, "task.unassign", task_id=task.id, ref=task.ref, agency=agency.name)
    await _touch(session, task)
    await session.flush()
    return True
