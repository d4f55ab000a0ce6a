"""Ad-hoc report requests (báo cáo đột xuất): a coordinator sets the tasks and the deadline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from access import audit
from domain.text import match_refs
from storage.models import Assignment, Member, Plan, ReportingPeriod, Task

# a reminder carries the note with its header and task lines in one Telegram message (4,096
# characters): the note gets at most a quarter of it
MAX_NOTE = 1000


class NoteTooLong(Exception):
    def __init__(self, length: int) -> None:
        super().__init__(f"note of {length} characters, limit {MAX_NOTE}")
        self.length = length
        self.limit = MAX_NOTE


class UnknownTasks(Exception):
    def __init__(self, refs: list[str]) -> None:
        super().__init__(", ".join(refs))
        self.refs = refs


@dataclass(frozen=True)
class AdhocRequest:
    period: ReportingPeriod
    tasks: int
    agencies: int


async def create_adhoc_request(
    session: AsyncSession,
    plan: Plan,
    *,
    deadline: date,
    refs: Sequence[str],
    note: str,
    member: Member | None,
    today: date,
) -> AdhocRequest:
    """A period of kind "adhoc" for the chosen tasks (all when none given), chased like others.
    A note longer than MAX_NOTE is refused (NoteTooLong) before anything is written."""
    if len(note) > MAX_NOTE:
        raise NoteTooLong(len(note))
    tasks = (await session.scalars(select(Task).where(Task.plan_id == plan.id, Task.active))).all()
    if refs:
        by_ref = {t.ref: t for t in tasks}
        found = {r: match_refs(r, list(by_ref)) for r in refs}
        missing = [r for r, matches in found.items() if len(matches) != 1]
        if missing:
            raise UnknownTasks(missing)
        chosen = list({m[0]: by_ref[m[0]] for m in found.values()}.values())  # once each
    else:
        chosen = list(tasks)
    count = await session.scalar(
        select(func.count()).select_from(ReportingPeriod).where(ReportingPeriod.plan_id == plan.id)
    )
    period = ReportingPeriod(
        plan_id=plan.id,
        kind="adhoc",
        key=f"adhoc-{today.isoformat()}-{(count or 0) + 1}",
        starts_on=today,
        ends_on=today,
        deadline=deadline,
        support_deadline=deadline,
        scope={"task_ids": [t.id for t in chosen]},
        requested_by_member_id=member.id if member else None,
        request_note=note,
    )
    session.add(period)
    await session.flush()
    agencies = await session.scalar(
        select(func.count(func.distinct(Assignment.agency_id))).where(
            Assignment.task_id.in_([t.id for t in chosen])
        )
    )
    audit.record(
        session,
        member,
        "request.create",
        plan=plan.number,
        period_id=period.id,
        deadline=deadline.isoformat(),
        tasks=[t.ref for t in chosen],
    )
    return AdhocRequest(period, len(chosen), agencies or 0)
