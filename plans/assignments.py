"""Admin changes to who does what: assign and unassign a task, with an audit entry each."""

from __future__ import annotations

from sqlalchemy import select
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


async def assign(
    session: AsyncSession, task: Task, agency: Agency, role: AssignmentRole, actor: Member | None
) -> bool:
    """Assign (or change the role of) an agency on a task; True if something changed."""
    row = await session.scalar(
        select(Assignment).where(Assignment.task_id == task.id, Assignment.agency_id == agency.id)
    )
    if row is not None and row.role == role.value and row.via_group_id is None:
        return False
    if row is None:
        session.add(Assignment(task_id=task.id, agency_id=agency.id, role=role.value))
    else:
        row.role, row.via_group_id = role.value, None
    audit.record(
        session, actor, "task.assign", task_id=task.id, ref=task.ref, agency=agency.name, role=role
    )
    await session.flush()
    return True


async def unassign(session: AsyncSession, task: Task, agency: Agency, actor: Member | None) -> bool:
    row = await session.scalar(
        select(Assignment).where(Assignment.task_id == task.id, Assignment.agency_id == agency.id)
    )
    if row is None:
        return False
    await session.delete(row)
    audit.record(session, actor, "task.unassign", task_id=task.id, ref=task.ref, agency=agency.name)
    await session.flush()
    return True
