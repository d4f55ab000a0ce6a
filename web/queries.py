"""What the pages read (kept apart from writes): plans, periods, a task's whole history, an
agency's record. Counting is not done here: the matrix and figures come from reports.summary,
the same functions the chat and the Word/Excel exports use."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from periods.calendar import WorkingCalendar
from periods.labels import PeriodName
from reports.summary import current_period
from storage.models import (
    Agency,
    Assignment,
    Evidence,
    Member,
    Plan,
    Report,
    ReportingPeriod,
    ReportRevision,
    Task,
)

MATRIX_PERIODS = 6


async def plan_periods(
    session: AsyncSession, plan: Plan, today: date, calendar: WorkingCalendar
) -> tuple[list[ReportingPeriod], ReportingPeriod]:
    """The plan's periods up to the current one (at most MATRIX_PERIODS, oldest first), and
    the current one (the period /summary shows by default)."""
    current = await current_period(session, plan, today, calendar)
    rows = await session.scalars(
        select(ReportingPeriod)
        .where(
            ReportingPeriod.plan_id == plan.id,
            ReportingPeriod.kind != "adhoc",
            ReportingPeriod.starts_on <= current.starts_on,
        )
        .order_by(ReportingPeriod.ends_on.desc())
        .limit(MATRIX_PERIODS)
    )
    periods = sorted(rows.all(), key=lambda p: p.ends_on)
    if current not in periods:
        periods = [*periods[-(MATRIX_PERIODS - 1) :], current]
    return periods, current


async def plan_tasks(session: AsyncSession, plan: Plan) -> list[Task]:
    rows = await session.scalars(
        select(Task).where(Task.plan_id == plan.id, Task.active).order_by(Task.position, Task.id)
    )
    return list(rows.all())


@dataclass
class Revision:
    revision: int
    action: str
    status: str | None
    percent: int | None
    note: str
    by: str | None
    at: datetime


@dataclass
class EvidenceItem:
    id: int  # the download's address: /web/evidence/<id>
    kind: str
    file_name: str
    at: datetime


@dataclass
class ReportRecord:
    period: PeriodName  # rendered in the reader's language
    period_ends: date
    agency_id: int
    agency: str
    role: str
    status: str
    percent: int | None
    note: str
    late: bool
    reported_at: datetime
    by: str | None
    revisions: list[Revision] = field(default_factory=list)
    evidence: list[EvidenceItem] = field(default_factory=list)


@dataclass
class TaskRecord:
    task: Task
    plan: Plan
    assignments: list[tuple[int, str, str]]  # agency id, name, role
    reports: list[ReportRecord]


async def task_record(session: AsyncSession, task: Task) -> TaskRecord:
    """Every report on the task, newest period first, each with all its revisions and files."""
    plan = await session.get(Plan, task.plan_id)
    assert plan is not None
    assignments = [
        (agency_id, name, role)
        for agency_id, name, role in (
            await session.execute(
                select(Agency.id, Agency.name, Assignment.role)
                .join(Assignment, Assignment.agency_id == Agency.id)
                .where(Assignment.task_id == task.id)
                .order_by(Assignment.role, Agency.name)
            )
        ).all()
    ]
    roles = {agency_id: role for agency_id, _name, role in assignments}
    rows = (
        await session.execute(
            select(
                Report,
                ReportingPeriod.kind,
                ReportingPeriod.key,
                ReportingPeriod.ends_on,
                Agency.name,
                Member.full_name,
            )
            .join(ReportingPeriod, ReportingPeriod.id == Report.period_id)
            .join(Agency, Agency.id == Report.agency_id)
            .outerjoin(Member, Member.id == Report.member_id)
            .where(Report.task_id == task.id)
            .order_by(ReportingPeriod.ends_on.desc(), Agency.name)
        )
    ).all()
    ids = [r[0].id for r in rows]
    revisions: dict[int, list[Revision]] = defaultdict(list)
    evidence: dict[int, list[EvidenceItem]] = defaultdict(list)
    if ids:
        for rev, name in (
            await session.execute(
                select(ReportRevision, Member.full_name)
                .outerjoin(Member, Member.id == ReportRevision.member_id)
                .where(ReportRevision.report_id.in_(ids))
                .order_by(ReportRevision.report_id, ReportRevision.revision.desc())
            )
        ).all():
            revisions[rev.report_id].append(
                Revision(
                    rev.revision,
                    rev.action,
                    rev.status,
                    rev.percent,
                    rev.note,
                    name,
                    rev.created_at,
                )
            )
        for item in (
            await session.scalars(
                select(Evidence).where(Evidence.report_id.in_(ids)).order_by(Evidence.created_at)
            )
        ).all():
            evidence[item.report_id].append(
                EvidenceItem(item.id, item.kind, item.file_name or item.kind, item.created_at)
            )
    reports = [
        ReportRecord(
            period=PeriodName(kind, key),
            period_ends=ends_on,
            agency_id=report.agency_id,
            agency=agency,
            role=roles.get(report.agency_id, ""),
            status=report.status,
            percent=report.percent,
            note=report.note,
            late=report.late,
            reported_at=report.reported_at,
            by=by,
            revisions=revisions.get(report.id, []),
            evidence=evidence.get(report.id, []),
        )
        for report, kind, key, ends_on, agency, by in rows
    ]
    return TaskRecord(task, plan, assignments, reports)


@dataclass
class AgencyTask:
    plan_id: int
    plan: str
    task_id: int
    ref: str
    title: str
    role: str
    latest: ReportRecord | None


async def agency_record(session: AsyncSession, agency: Agency) -> list[AgencyTask]:
    """The agency's tasks in every active plan, each with its latest report."""
    rows = (
        await session.execute(
            select(Plan.id, Plan.number, Task.id, Task.ref, Task.title, Assignment.role)
            .join(Task, Task.id == Assignment.task_id)
            .join(Plan, Plan.id == Task.plan_id)
            .where(Assignment.agency_id == agency.id, Task.active, Plan.active)
            .order_by(Plan.id, Task.position, Task.id)
        )
    ).all()
    task_ids = [r[2] for r in rows]
    latest: dict[int, ReportRecord] = {}
    if task_ids:
        reports = (
            await session.execute(
                select(
                    Report,
                    ReportingPeriod.kind,
                    ReportingPeriod.key,
                    ReportingPeriod.ends_on,
                    Member.full_name,
                )
                .join(ReportingPeriod, ReportingPeriod.id == Report.period_id)
                .outerjoin(Member, Member.id == Report.member_id)
                .where(Report.agency_id == agency.id, Report.task_id.in_(task_ids))
                .order_by(ReportingPeriod.ends_on, Report.reported_at)
            )
        ).all()
        for report, kind, key, ends_on, by in reports:  # later rows replace earlier ones
            latest[report.task_id] = ReportRecord(
                PeriodName(kind, key),
                ends_on,
                agency.id,
                agency.name,
                "",
                report.status,
                report.percent,
                report.note,
                report.late,
                report.reported_at,
                by,
            )
    return [
        AgencyTask(plan_id, number, task_id, ref, title, role, latest.get(task_id))
        for plan_id, number, task_id, ref, title, role in rows
    ]
