"""Recording status reports: committed with their revision history before anyone is told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.status import ReportStatus
from storage.models import (
    Assignment,
    Evidence,
    Member,
    Report,
    ReportingPeriod,
    ReportRevision,
    Task,
)


class NotAssigned(Exception):
    """The member's agency has no assignment on that task."""


@dataclass(frozen=True)
class Recorded:
    report: Report
    task: Task
    period: ReportingPeriod
    created: bool
    deadline: date | None = None  # the agency's deadline for it (its role's)
    role: str = "lead"  # the agency's role on the task (a supporting one's "done" is its input)


def deadline_for(period: ReportingPeriod, role: str) -> date:
    return period.support_deadline if role == "support" else period.deadline


# built once (every recorded report reads it): the agency's report on a task for a period,
# locked until the transaction ends; a periodic period's report may sit on another row of its
# reporting moment (docs/counting.md, section 2)
REPORT_TO_REVISE = (
    select(Report)
    .where(
        Report.period_id == bindparam("period_id"),
        Report.task_id == bindparam("task_id"),
        Report.agency_id == bindparam("agency_id"),
    )
    .with_for_update()
)
MOMENT_REPORT_TO_REVISE = (
    select(Report)
    .where(
        Report.period_id.in_(
            select(ReportingPeriod.id).where(
                ReportingPeriod.plan_id == bindparam("plan_id"),
                ReportingPeriod.ends_on == bindparam("ends_on"),
                ReportingPeriod.kind != "adhoc",
            )
        ),
        Report.task_id == bindparam("task_id"),
        Report.agency_id == bindparam("agency_id"),
    )
    .order_by(Report.id)
    .limit(1)
    .with_for_update()
)


async def report_to_revise(
    session: AsyncSession, period: ReportingPeriod, task_id: int, agency_id: int
) -> Report | None:
    """The agency's report on the task for the period's moment (locked), if there is one."""
    if period.kind == "adhoc":
        return await session.scalar(
            REPORT_TO_REVISE, {"period_id": period.id, "task_id": task_id, "agency_id": agency_id}
        )
    params = {
        "plan_id": period.plan_id,
        "ends_on": period.ends_on,
        "task_id": task_id,
        "agency_id": agency_id,
    }
    return await session.scalar(MOMENT_REPORT_TO_REVISE, params)


# the revision is written as it is (no object to track): a plain insert, built once
NEW_REVISION = insert(ReportRevision.__table__)


async def record_report(
    session: AsyncSession,
    *,
    member: Member,
    agency_id: int,
    period: ReportingPeriod,
    task: Task,
    status: ReportStatus,
    percent: int | None,
    note: str,
    now: datetime,
    tz: ZoneInfo,
    update_id: int | None = None,
    role: str | None = None,
) -> Recorded:
    """Create or revise the agency's report on the task for the period, in the caller's
    transaction; a report after the deadline is recorded as late, never refused. The same
    Telegram update recorded twice (redelivered after a crash) changes nothing the second time,
    so its confirmation can be sent again without a duplicate revision. `role`: the agency's
    role on the task when the caller read its assignment in this same transaction (a work
    item); otherwise it is read here."""
    if role is None:
        assignment = await session.scalar(
            select(Assignment).where(
                Assignment.task_id == task.id, Assignment.agency_id == agency_id
            )
        )
        if assignment is None:
            raise NotAssigned(task.ref)
        role = assignment.role
    late = now.astimezone(tz).date() > deadline_for(period, role)
    if status is ReportStatus.DONE and percent is None:
        percent = 100
    report = await report_to_revise(session, period, task.id, agency_id)
    if report is not None and update_id is not None:
        seen = await session.scalar(
            select(ReportRevision.id).where(
                ReportRevision.report_id == report.id, ReportRevision.source_update_id == update_id
            )
        )
        if seen is not None:  # the same Telegram update again (redelivered after a crash)
            return Recorded(report, task, period, False, deadline_for(period, role), role)
    created = report is None
    if report is None:
        report = Report(
            period_id=period.id, task_id=task.id, agency_id=agency_id, revision=0, note=""
        )
        session.add(report)
    report.status, report.percent, report.note = status.value, percent, note
    report.member_id, report.reported_at, report.late = member.id, now, late
    local_day = now.astimezone(tz).date()
    report.done_late = bool(
        status is ReportStatus.DONE and task.due_on is not None and local_day > task.due_on
    )
    report.revision += 1
    await session.flush()
    await session.execute(
        NEW_REVISION,
        {
            "report_id": report.id,
            "revision": report.revision,
            "action": "create" if created else "edit",
            "status": status.value,
            "percent": percent,
            "note": note,
            "member_id": member.id,
            "source_update_id": update_id,
            "created_at": now,
        },
    )
    return Recorded(report, task, period, created, deadline_for(period, role), role)


@dataclass(frozen=True)
class Undone:
    """What undo did: went back to an earlier revision, or removed the report."""

    report: Report | None
    task: Task


async def undo_report(session: AsyncSession, report_id: int) -> Undone | None:
    """Take back the latest revision: the report returns to the one before, or disappears if
    there was none. The taken-back revision stays in the history, marked "undone"."""
    report = await session.get(Report, report_id, with_for_update=True)
    if report is None:
        return None
    task = await session.get(Task, report.task_id)
    assert task is not None
    live = (
        await session.scalars(
            select(ReportRevision)
            .where(ReportRevision.report_id == report.id, ReportRevision.action != "undone")
            .order_by(ReportRevision.revision.desc())
        )
    ).all()
    if live:
        live[0].action = "undone"
    # a second press of the same Undo button (it carries the revision it undoes) is refused
    report.revision += 1
    if len(live) < 2:
        await session.delete(report)
        await session.flush()
        return Undone(None, task)
    previous = live[1]
    report.status, report.percent, report.note = previous.status, previous.percent, previous.note
    report.member_id = previous.member_id
    report.done_late = report.done_late and previous.status == ReportStatus.DONE.value
    await session.flush()
    return Undone(report, task)


async def take_back(session: AsyncSession, report_id: int, update_ids: set[int]) -> Undone | None:
    """Undo what the Telegram updates `update_ids` (a message and its edits) recorded on the
    report, as long as theirs are its latest revisions (a later report by anyone stays)."""
    undone = None
    while True:
        latest = await session.scalar(
            select(ReportRevision)
            .where(ReportRevision.report_id == report_id, ReportRevision.action != "undone")
            .order_by(ReportRevision.revision.desc())
            .limit(1)
        )
        if latest is None or latest.source_update_id not in update_ids:
            return undone
        undone = await undo_report(session, report_id)
        if undone is None or undone.report is None:
            return undone


async def attach_evidence(
    session: AsyncSession,
    report: Report,
    member: Member,
    *,
    kind: str,
    file_id: str,
    file_name: str,
    mime_type: str | None,
    now: datetime,
) -> Evidence:
    evidence = Evidence(
        report_id=report.id,
        member_id=member.id,
        kind=kind,
        file_id=file_id,
        file_name=file_name,
        mime_type=mime_type,
        created_at=now,
    )
    session.add(evidence)
    await session.flush()
    return evidence


async def latest_report_by(session: AsyncSession, member: Member, since: datetime) -> Report | None:
    return await session.scalar(
        select(Report)
        .where(Report.member_id == member.id, Report.reported_at >= since)
        .order_by(Report.reported_at.desc(), Report.id.desc())
        .limit(1)
    )
