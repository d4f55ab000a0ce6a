"""Coordinator summaries: tasks per class, agencies that reported, blockers, export rows.

Two figures, each in its own unit (docs/counting.md):
- TASKS (nhiệm vụ): each task of the plan gets one status for the period from its LEAD
  agencies' reports (`reports.model.task_status`: done when every lead reported done, on time
  or late; not reported when no lead answered; overdue when its due date passed and it is not
  done; in progress otherwise; "blocked" and "not started" are sub-counts kept visible inside
  the last two). Supporting agencies never change a task's status.
- AGENCIES (cơ quan): which agencies sent every report they owe for the period (lead and
  support), with the supporting part in its own column.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, exists, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.status import Outcome, ReportStatus
from domain.text import fold
from periods.calendar import WorkingCalendar
from periods.labels import PeriodName, also_of, period_label
from periods.owing import covers_plan_tasks, in_period_scope, scope_kinds
from periods.rules import Period, parse_period_key, parse_period_label, period_containing
from periods.store import (
    chased_periods,
    ensure_period,
    load_calendar,
    moment_ids,
    schedule_of,
)
from reports.labels import DEFAULT_LANG, labels
from reports.model import (
    AgencyLine,
    AgencyReport,
    BlockerLine,
    ExportRow,
    HistoryEntry,
    PlanSummary,
    TaskLine,
    task_status,
)
from reports.service import deadline_for
from reports.targets import target_lines
from storage.models import (
    Agency,
    AgencyGroup,
    Assignment,
    Evidence,
    Member,
    Plan,
    Report,
    ReportingPeriod,
    Task,
)

OBSTACLE_WORDS = ("vuong", "kho khan", "kien nghi", "de xuat", "thieu", "chua duoc bo tri")
NO_OBSTACLE = ("khong co vuong", "khong vuong", "khong co kho khan", "khong co kien nghi")
# fragments that survive SQLite's ASCII-only case folding; a superset, refined in Python
OBSTACLE_FRAGMENTS = (
    "ướng", "hó khăn", "iến nghị", "ề xuất", "hiếu",
    "vuong", "kho khan", "kien nghi", "de xuat", "thieu",
)  # fmt: skip


def outcome_case(today: date) -> object:
    """The Government Office's class of an assignment, as a SQL expression."""
    return case(
        (Report.id.is_(None), literal(Outcome.NOT_REPORTED.value)),
        (
            and_(Report.status == ReportStatus.DONE.value, Report.done_late),
            literal(Outcome.DONE_LATE.value),
        ),
        (Report.status == ReportStatus.DONE.value, literal(Outcome.DONE_ON_TIME.value)),
        (
            and_(Task.due_on.is_not(None), Task.due_on < today),
            literal(Outcome.OVERDUE.value),
        ),
        else_=literal(Outcome.IN_PROGRESS_ON_TIME.value),
    )


def scoped(period: ReportingPeriod, query: Select) -> Select:  # type: ignore[type-arg]
    return (
        query.join(Assignment, Assignment.task_id == Task.id)
        .outerjoin(
            Report,
            and_(
                Report.period_id.in_(moment_ids(period)),
                Report.task_id == Task.id,
                Report.agency_id == Assignment.agency_id,
            ),
        )
        .where(*in_period_scope(period))
    )  # type: ignore[arg-type]


async def current_period(
    session: AsyncSession, plan: Plan, today: date, calendar: WorkingCalendar
) -> ReportingPeriod:
    """The period coordinators care about now: the chased one due soonest (or the most
    recently due), else the one whose data window contains today."""
    chased = [p for p in await chased_periods(session, plan, today, calendar) if p.kind != "adhoc"]
    upcoming = sorted((p for p in chased if p.deadline >= today), key=lambda p: p.deadline)
    if upcoming:
        return upcoming[0]
    if chased:
        return max(chased, key=lambda p: p.deadline)
    kind = (plan.schedule.get("frequencies") or ["quarterly"])[0]
    return await ensure_period(session, plan, period_containing(kind, today), calendar)


async def period_by_text(
    session: AsyncSession,
    plan: Plan,
    text: str,
    calendar: WorkingCalendar,
    today: date | None = None,
) -> ReportingPeriod | None:
    """A period by its label or key ("Quý IV/2026", "q3/2026", "2026-Q3"); without a year
    ("quý IV", "6 tháng", "tháng 12"), the latest such period begun by `today`."""
    parsed = parse_period_label(text)
    if parsed is None and today is not None:
        for year in (today.year, today.year - 1):
            guess = parse_period_label(f"{text} {year}")
            if guess is not None and guess.starts_on <= today:
                parsed = guess
                break
    if parsed is None:
        return None
    return await ensure_period(session, plan, parsed, calendar)


async def neighbour_period(
    session: AsyncSession, plan: Plan, period: ReportingPeriod, step: int, calendar: WorkingCalendar
) -> ReportingPeriod | None:
    from periods.rules import next_period, parse_period_key, previous_period

    if period.kind == "adhoc":
        return None
    current = parse_period_key(period.key)
    target = next_period(current) if step > 0 else previous_period(current)
    return await ensure_period(session, plan, target, calendar)


async def summarize(
    session: AsyncSession,
    plan: Plan,
    period: ReportingPeriod,
    today: date,
    *,
    with_rows: bool = False,
    blockers_limit: int = 20,
    with_targets: bool | None = None,
) -> PlanSummary:
    """Tasks per class (one status per task from its leads), one line per agency, the
    blockers, and (for exports) one row per task × agency. A period before the plan's first
    period owes nothing: its summary is empty and says from when the plan is followed. The
    plan's targets, each with its figure and assessment at the period's cut-off, come with a
    half-year or a year and with the exports' rows (`with_targets` to say otherwise)."""
    first = first_period_of(plan)
    if first is not None and period.kind != "adhoc" and period.ends_on < first.ends_on:
        return PlanSummary(
            **_heading(plan, period),
            before_start=period_label(
                PeriodName(first.kind, first.key), labels(DEFAULT_LANG).__getitem__
            ),
        )
    # agencies: counted in SQL, one row per agency and role
    grouped = scoped(
        period,
        select(
            Assignment.agency_id,
            Assignment.role,
            func.count().label("n"),
            func.count(Report.id).label("reported"),
            func.sum(case((Report.late, 1), else_=0)).label("late"),
            func.sum(case((Report.status == ReportStatus.BLOCKED.value, 1), else_=0)).label(
                "blocked"
            ),
        ).select_from(Task),
    ).group_by(Assignment.agency_id, Assignment.role)
    lines: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0, 0])
    missed: dict[int, date] = {}  # the earliest deadline each agency missed
    for agency_id, role, n, reported, late, blocked in (await session.execute(grouped)).all():
        line = lines[agency_id]
        line[0] += n
        line[1] += reported
        line[2] += late or 0
        line[3] += blocked or 0
        if role != "lead":
            line[4] += n
            line[5] += reported
        due = deadline_for(period, role)
        if n > reported and due < today:  # missing past its deadline: overdue, not "late"
            line[6] += n - reported
            missed[agency_id] = min(due, missed.get(agency_id, due))
    overdue_days = await working_days_since(session, missed, today)
    # tasks: every lead's and every supporting agency's report (or none)
    query = scoped(
        period,
        select(
            Task.id,
            Assignment.agency_id,
            Assignment.role,
            Report.status,
            Report.percent,
            Report.note,
            Report.done_late,
        ).select_from(Task),
    )
    per_task: dict[int, dict[str, list[tuple[int, AgencyReport]]]] = defaultdict(
        lambda: {"lead": [], "support": []}
    )
    for task_id, agency_id, role, status, percent, note, done_late in (
        await session.execute(query)
    ).all():
        reported = status is not None
        per_task[task_id]["lead" if role == "lead" else "support"].append(
            (
                agency_id,
                AgencyReport(
                    agency="",
                    status=ReportStatus(status) if reported else None,
                    percent=percent,
                    note=note or "",
                    done_late=bool(done_late),
                ),
            )
        )
    names = await agency_names(session, list(lines))
    groups = await groups_of(session, plan)
    agencies = tuple(
        AgencyLine(
            names.get(agency_id, "?"),
            *values,
            overdue_days.get(agency_id, 0),
            groups.get(agency_id),
        )
        for agency_id, values in sorted(lines.items(), key=lambda kv: names.get(kv[0], ""))
    )
    tasks = await _task_lines(session, plan, period, today, per_task, names)
    rows = await export_rows(session, plan, period, today) if with_rows else ()
    if with_targets is None:
        with_targets = with_rows or period.kind in ("half_yearly", "yearly")
    targets = await target_lines(session, plan, period.ends_on) if with_targets else ()
    return PlanSummary(
        **_heading(plan, period),
        agencies=agencies,
        rows=tuple(rows),
        blockers=tuple(
            await blockers(session, plans=[plan.id], period_ids=[period.id], limit=blockers_limit)
        ),
        tasks=tasks,
        targets=targets,
    )


def _heading(plan: Plan, period: ReportingPeriod) -> dict[str, Any]:
    """What a summary says about its plan and period, whatever the figures."""
    return {
        "plan_number": plan.number,
        "plan_title": plan.title,
        "issuer": plan.issuer,
        "coordinator": plan.coordinator.name if plan.coordinator else None,
        "period_label": period_label(period, labels(DEFAULT_LANG).__getitem__),
        "period_kind": period.kind,
        "period_key": period.key,
        "period_also": also_of(period),
        "period_deadline": period.deadline,
        "issuer_kind": issuer_kind(plan.number, plan.issuer),
        "issued_on": plan.issued_on,
        "plan_kind": plan.kind,
    }


def also_of_row(scope: dict[str, Any] | None) -> tuple[str, ...]:
    return tuple((scope or {}).get("also", ()))


def first_period_of(plan: Plan) -> Period | None:
    """The plan's first period owed, when one was chosen (docs/counting.md, section 3)."""
    key = schedule_of(plan).starts_from
    return parse_period_key(key) if key else None


async def groups_of(session: AsyncSession, plan: Plan) -> dict[int, str]:
    """The group each agency is assigned the plan's tasks through, if any (by agency id)."""
    rows = await session.execute(
        select(Assignment.agency_id, AgencyGroup.name)
        .join(Task, Task.id == Assignment.task_id)
        .join(AgencyGroup, AgencyGroup.id == Assignment.via_group_id)
        .where(Task.plan_id == plan.id, Task.active)
        .order_by(AgencyGroup.name)
    )
    return {agency_id: name for agency_id, name in rows.all()}


async def working_days_since(
    session: AsyncSession, deadlines: dict[int, date], today: date
) -> dict[int, int]:
    """Working days from each deadline to today (the holidays and declared days counted)."""
    if not deadlines:
        return {}
    calendar = await load_calendar(session)
    return {key: calendar.working_days_between(due, today) for key, due in deadlines.items()}


def issuer_kind(number: str, issuer: str) -> str:
    """ "party" for a Party body's document (…/TU, …-CTr/TU, Tỉnh ủy …), else "state"."""
    folded = fold(f"{number} {issuer}")
    party = ("/tu", "-tu", "ctr/tu", "kl/tu", "nq/tu", "tinh uy", "thanh uy", "dang uy", "/tw")
    return "party" if any(p in folded for p in party) else "state"


async def _task_lines(
    session: AsyncSession,
    plan: Plan,
    period: ReportingPeriod,
    today: date,
    per_task: dict[int, dict[str, list[tuple[int, AgencyReport]]]],
    names: dict[int, str],
) -> tuple[TaskLine, ...]:
    """Every task of the plan reported in this period, in plan order, with its status. A task
    left out of the period's scope because its leads already reported it done in an earlier
    period counts as done."""
    conditions: list[object] = [Task.plan_id == plan.id, Task.active]
    if period.kind == "adhoc":
        task_ids = period.scope.get("task_ids") or []
        if task_ids:
            conditions.append(Task.id.in_(task_ids))
    else:
        kinds = scope_kinds(period.kind, period.ends_on)
        if covers_plan_tasks(period):
            conditions.append(or_(Task.reporting.is_(None), Task.reporting.in_(kinds)))
        else:
            conditions.append(Task.reporting.in_(kinds))
        # a task whose agencies are all owed from a later deadline is not in this period yet
        owed_here = or_(Assignment.owed_from.is_(None), Assignment.owed_from <= period.deadline)
        conditions.append(
            or_(
                exists(select(Assignment.id).where(Assignment.task_id == Task.id, owed_here)),
                ~exists(select(Assignment.id).where(Assignment.task_id == Task.id)),
            )
        )
    tasks = (await session.scalars(select(Task).where(*conditions).order_by(Task.position))).all()
    history = await _history(session, period, [t.id for t in tasks], names)
    earlier_done = await _done_before(
        session, [t.id for t in tasks if t.id not in per_task], period
    )
    result = []
    for task in tasks:
        entry = per_task.get(task.id, {"lead": [], "support": []})
        leads = tuple(_named(r, names[a]) for a, r in entry["lead"])
        supports = tuple(_named(r, names[a]) for a, r in entry["support"])
        if task.id in earlier_done:
            outcome, flag = earlier_done[task.id], None
        else:
            outcome, flag = task_status(leads, task.due_on, today)
        result.append(
            TaskLine(
                ref=task.ref,
                title=task.title,
                group=task.group_title,
                due=task.due_on,
                outcome=outcome,
                flag=flag,
                leads=tuple(sorted(leads, key=lambda r: r.agency)),
                supports=tuple(sorted(supports, key=lambda r: r.agency)),
                history=tuple(history.get(task.id, ())),
            )
        )
    return tuple(result)


async def _history(
    session: AsyncSession, period: ReportingPeriod, task_ids: list[int], names: dict[int, str]
) -> dict[int, list[HistoryEntry]]:
    """For a half-year or a year: each task's reports of the earlier periods inside its span,
    oldest first (what a year report recounts; docs/counting.md, section 2)."""
    if period.kind not in ("half_yearly", "yearly") or not task_ids:
        return {}
    rows = (
        await session.execute(
            select(ReportingPeriod.kind, ReportingPeriod.key, ReportingPeriod.scope, Report)
            .join(ReportingPeriod, ReportingPeriod.id == Report.period_id)
            .where(
                ReportingPeriod.plan_id == period.plan_id,
                ReportingPeriod.kind != "adhoc",
                ReportingPeriod.ends_on >= period.starts_on,
                ReportingPeriod.ends_on < period.ends_on,
                Report.task_id.in_(task_ids),
            )
            .order_by(ReportingPeriod.ends_on, Report.reported_at, Report.id)
        )
    ).all()
    missing_names = {r.agency_id for *_, r in rows} - set(names)
    names = {**names, **await agency_names(session, sorted(missing_names))}
    history: dict[int, list[HistoryEntry]] = defaultdict(list)
    template = labels(DEFAULT_LANG).__getitem__
    for kind, key, scope, report in rows:
        history[report.task_id].append(
            HistoryEntry(
                period_label=period_label(
                    PeriodName(kind, key, tuple(scope.get("also", ()))), template
                ),
                agency=names.get(report.agency_id, "?"),
                status=ReportStatus(report.status),
                percent=report.percent,
                note=report.note or "",
                reported_at=report.reported_at,
            )
        )
    return history


def _named(report: AgencyReport, name: str) -> AgencyReport:
    return AgencyReport(name, report.status, report.percent, report.note, report.done_late)


async def _done_before(
    session: AsyncSession, task_ids: list[int], period: ReportingPeriod
) -> dict[int, Outcome]:
    """Tasks a lead reported done in an earlier period (done late if any was late)."""
    if not task_ids or period.kind == "adhoc":
        return {}
    rows = (
        await session.execute(
            select(Report.task_id, Report.done_late)
            .join(ReportingPeriod, ReportingPeriod.id == Report.period_id)
            .join(
                Assignment,
                and_(
                    Assignment.task_id == Report.task_id, Assignment.agency_id == Report.agency_id
                ),
            )
            .where(
                Report.task_id.in_(task_ids),
                Report.status == ReportStatus.DONE.value,
                Assignment.role == "lead",
                ReportingPeriod.ends_on < period.starts_on,
            )
        )
    ).all()
    result: dict[int, Outcome] = {}
    for task_id, late in rows:
        if late or task_id not in result:
            result[task_id] = Outcome.DONE_LATE if late else Outcome.DONE_ON_TIME
    return result


async def agency_names(session: AsyncSession, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = await session.execute(select(Agency.id, Agency.name).where(Agency.id.in_(ids)))
    return dict(rows.all())  # type: ignore[arg-type]


def obstacle_filter() -> object:
    """SQL pre-filter: blocked, or a note that may name an obstacle."""
    words = [Report.note.ilike(f"%{w}%") for w in OBSTACLE_FRAGMENTS]
    return or_(Report.status == ReportStatus.BLOCKED.value, *words)


def is_blocker(report: Report) -> bool:
    """Blocked, or a note naming an obstacle (not "không có vướng mắc")."""
    if report.status == ReportStatus.BLOCKED.value:
        return True
    note = fold(report.note)
    return any(w in note for w in OBSTACLE_WORDS) and not any(n in note for n in NO_OBSTACLE)


async def blockers(
    session: AsyncSession,
    *,
    plans: list[int] | None = None,
    period_ids: list[int] | None = None,
    limit: int = 20,
) -> list[BlockerLine]:
    """Reports that are blocked or name an obstacle, newest first."""
    query = (
        select(Report, Task, Agency.name, Member.full_name)
        .join(Task, Task.id == Report.task_id)
        .join(Agency, Agency.id == Report.agency_id)
        .outerjoin(Member, Member.id == Report.member_id)
        .where(obstacle_filter())  # type: ignore[arg-type]
        .order_by(Report.reported_at.desc(), Report.id.desc())
        .limit(limit * 3)
    )
    if plans is not None:
        query = query.where(Task.plan_id.in_(plans))
    if period_ids is not None:
        query = query.where(Report.period_id.in_(period_ids))
    rows = (await session.execute(query)).all()
    return [
        BlockerLine(agency, task.ref, task.title, report.note, report.reported_at, reporter)
        for report, task, agency, reporter in rows
        if report.status == ReportStatus.BLOCKED.value
        or any(w in fold(report.note) for w in OBSTACLE_WORDS)
    ]


async def export_rows(
    session: AsyncSession, plan: Plan, period: ReportingPeriod, today: date
) -> list[ExportRow]:
    """One row per task × agency in the period's scope, in plan order."""
    outcome = outcome_case(today).label("outcome")  # type: ignore[attr-defined]
    query = (
        scoped(
            period,
            select(
                Task, Assignment.role, Agency.name, Report, outcome, Member.full_name
            ).select_from(Task),
        )
        .join(Agency, Agency.id == Assignment.agency_id)
        .outerjoin(Member, Member.id == Report.member_id)
        .order_by(Task.position, Assignment.role, Agency.name)
    )
    rows = (await session.execute(query)).all()
    report_ids = [r[3].id for r in rows if r[3] is not None]
    evidence = await evidence_names(session, report_ids)
    result = []
    for task, role, agency, report, kind, reporter in rows:
        result.append(
            ExportRow(
                plan_number=plan.number,
                task_ref=task.ref,
                task_title=task.title,
                task_group=task.group_title,
                agency=agency,
                role=role,
                status=ReportStatus(report.status) if report else None,
                outcome=Outcome(kind),
                percent=report.percent if report else None,
                note=report.note if report else "",
                reported_at=report.reported_at if report else None,
                reported_by=reporter,
                evidence=tuple(evidence.get(report.id, ())) if report else (),
                deadline=period.support_deadline if role == "support" else period.deadline,
            )
        )
    return result


@dataclass(frozen=True)
class MissingAgency:
    agency_id: int
    agency: str
    missing: int
    officers: tuple[str, ...]
    overdue: int = 0  # of `missing`, the reports past their deadline
    days_overdue: int = 0  # working days since the earliest deadline it missed


async def missing_agencies(
    session: AsyncSession, period: ReportingPeriod, today: date | None = None
) -> list[MissingAgency]:
    """Agencies with assignments not yet reported for the period, with their officers; with
    `today`, what of it is overdue and for how many working days. Overdue ones first."""
    query = (
        scoped(
            period, select(Assignment.agency_id, Assignment.role, func.count()).select_from(Task)
        )
        .where(Report.id.is_(None))
        .group_by(Assignment.agency_id, Assignment.role)
    )
    counts: dict[int, int] = defaultdict(int)
    overdue: dict[int, int] = defaultdict(int)
    missed: dict[int, date] = {}
    for agency_id, role, count in (await session.execute(query)).all():
        counts[agency_id] += count
        due = deadline_for(period, role)
        if today is not None and due < today:
            overdue[agency_id] += count
            missed[agency_id] = min(due, missed.get(agency_id, due))
    if not counts:
        return []
    days = await working_days_since(session, missed, today or date.min)
    names = await agency_names(session, list(counts))
    officers: dict[int, list[str]] = defaultdict(list)
    for agency_id, name in (
        await session.execute(
            select(Member.agency_id, Member.full_name).where(
                Member.agency_id.in_(list(counts)), Member.active, Member.role == "officer"
            )
        )
    ).all():
        officers[agency_id].append(name)
    return sorted(
        (
            MissingAgency(
                agency_id,
                names.get(agency_id, "?"),
                count,
                tuple(officers[agency_id]),
                overdue[agency_id],
                days.get(agency_id, 0),
            )
            for agency_id, count in counts.items()
        ),
        key=lambda m: (-m.days_overdue, m.agency),
    )


@dataclass(frozen=True)
class TaskHistory:
    task: Task
    plan: Plan
    assignments: list[tuple[str, str]]
    reports: list[tuple[PeriodName, str, Report, str | None]]  # period, agency, report, reporter
    evidence: dict[int, list[str]] = field(default_factory=dict)  # report id → file names


async def task_history(session: AsyncSession, task: Task) -> TaskHistory:
    plan = await session.get(Plan, task.plan_id)
    assert plan is not None
    assignments = (
        await session.execute(
            select(Agency.name, Assignment.role)
            .join(Assignment, Assignment.agency_id == Agency.id)
            .where(Assignment.task_id == task.id)
            .order_by(Assignment.role, Agency.name)
        )
    ).all()
    reports = (
        await session.execute(
            select(ReportingPeriod.kind, ReportingPeriod.key, Agency.name, Report, Member.full_name)
            .join(ReportingPeriod, ReportingPeriod.id == Report.period_id)
            .join(Agency, Agency.id == Report.agency_id)
            .outerjoin(Member, Member.id == Report.member_id)
            .where(Report.task_id == task.id)
            .order_by(ReportingPeriod.ends_on.desc(), Report.reported_at.desc())
            .limit(30)
        )
    ).all()
    evidence = await evidence_names(session, [row[3].id for row in reports])
    return TaskHistory(
        task,
        plan,
        [tuple(a) for a in assignments],  # type: ignore[misc]
        [(PeriodName(kind, key), *rest) for kind, key, *rest in reports],  # type: ignore[misc]
        evidence,
    )


async def evidence_names(session: AsyncSession, report_ids: list[int]) -> dict[int, list[str]]:
    """The names of the files sent as evidence of each report, in the order they came."""
    evidence: dict[int, list[str]] = defaultdict(list)
    if report_ids:
        files = await session.execute(
            select(Evidence.report_id, Evidence.file_name)
            .where(Evidence.report_id.in_(report_ids))
            .order_by(Evidence.id)
        )
        for report_id, name in files.all():
            evidence[report_id].append(name)
    return dict(evidence)
