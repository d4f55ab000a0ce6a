"""What each reminder says, built from the database as it is when it goes out (a report that
came in meanwhile is not asked for again). Views are plain data; `bot/` renders them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from access.roster import officers_of, reachable_since
from domain.status import Role
from periods.calendar import WorkingCalendar
from periods.labels import PeriodName, name_of
from periods.owing import owed
from periods.store import schedule_of
from reports.model import AgencyGroupLine, AgencyLine
from storage.models import (
    Agency,
    Assignment,
    Member,
    Plan,
    ReminderDelivery,
    Report,
    ReportingPeriod,
    Task,
)

# the kinds of reminder an officer gets (the others go to coordinators or admins)
OFFICER_KINDS = ("before", "due", "overdue", "adhoc", "manual")
FIGURES = "figures"  # the figures of a plan's targets asked of their owner (once a moment)
MAX_UNCERTAIN_LINES = 30


@dataclass(frozen=True)
class TaskLine:
    task_id: int
    ref: str
    title: str
    role: str = "lead"
    deadline: date | None = None
    overdue: bool = False  # its deadline (the supporting one for a contribution) has passed


@dataclass(frozen=True)
class ReminderView:
    """An agency's missing reports for one period, for one officer."""

    kind: str  # before | due | overdue | adhoc
    days: int  # working days before/after the deadline
    plan_number: str
    agency_name: str
    period_id: int
    period: PeriodName
    deadline: date
    tasks: tuple[TaskLine, ...]
    adhoc_note: str = ""


@dataclass(frozen=True)
class LateAgency:
    agency_name: str
    missing: int
    officers: int


@dataclass(frozen=True)
class EscalationView:
    """For coordinators: agencies reminded and still late after the grace days."""

    plan_number: str
    period: PeriodName
    deadline: date
    late: tuple[LateAgency, ...]


@dataclass(frozen=True)
class DigestAgency:
    """An agency that has not reported in full: what it still owes, and how late."""

    name: str
    missing: int
    expected: int
    overdue: int
    days_overdue: int


@dataclass(frozen=True)
class DigestView:
    """For coordinators, weekly: the period's figures as /summary gives them (tasks and
    agencies, docs/counting.md sections 5, 6 and 8), the week's new reports and blockers, and
    the agencies that have not reported in full, overdue ones first."""

    plan_number: str
    period: PeriodName
    deadline: date
    new_reports: int
    blockers: tuple[tuple[str, str, str], ...]  # agency, task ref, note
    tasks: int = 0
    tasks_done: int = 0
    tasks_blocked: int = 0
    tasks_not_started: int = 0
    agencies: int = 0
    agencies_reported: int = 0
    agencies_overdue: int = 0
    agencies_not_due: int = 0
    incomplete: tuple[DigestAgency, ...] = ()


@dataclass(frozen=True)
class FigureLine:
    """One indicator whose figure is asked for: its targets (year, comparison, value(s), unit)
    and the last figure sent."""

    indicator_id: int
    number: int
    name: str
    unit: str | None
    targets: tuple[tuple[int | None, str | None, float | None, float | None, str | None], ...]
    last: tuple[float, float | None, date] | None = None


@dataclass(frozen=True)
class FigureRequestView:
    """For an officer of an indicator's owner, once a figure moment: the figures still owed,
    each with its date and source (docs/counting.md, section 9)."""

    plan_number: str
    agency_name: str
    period_id: int
    period: PeriodName
    deadline: date
    lines: tuple[FigureLine, ...]


@dataclass(frozen=True)
class CoordinatorView:
    """A coordinator's one message of the day: escalations and, on digest day, the digest."""

    sections: tuple[EscalationView | DigestView, ...]


@dataclass(frozen=True)
class UnreachableView:
    """For coordinators: a member who blocked the bot or left Telegram."""

    member_name: str
    agency_name: str


@dataclass(frozen=True)
class UncertainLine:
    member_name: str
    agency_name: str
    period: PeriodName | None


@dataclass(frozen=True)
class UncertainView:
    """For admins, once: reminders that may or may not have reached their reader."""

    count: int
    lines: tuple[UncertainLine, ...]


@dataclass(frozen=True)
class NoOfficerView:
    """For admins, weekly: agencies with tasks but nobody registered to remind."""

    agencies: tuple[str, ...]


View = (
    ReminderView
    | FigureRequestView
    | EscalationView
    | DigestView
    | CoordinatorView
    | UnreachableView
    | UncertainView
    | NoOfficerView
)


async def view_for(
    session: AsyncSession, delivery: ReminderDelivery, calendar: WorkingCalendar, now: datetime
) -> View | None:
    """What the delivery says now (None: nothing left to say, e.g. everyone has reported)."""
    today = calendar.local_date(now)
    if delivery.kind == "unreachable":
        return UnreachableView(
            delivery.payload.get("member_name", ""), delivery.payload.get("agency_name", "")
        )
    if delivery.kind == "uncertain":
        return await uncertain_view(session, delivery.payload.get("ids") or [])
    if delivery.kind == "no_officer":
        return await no_officer_view(session)
    if delivery.kind == "coordinator":
        return await coordinator_view(session, delivery, calendar, now)
    if delivery.kind == FIGURES:
        return await figure_request_view(session, delivery)
    period = await session.get(ReportingPeriod, delivery.period_id)
    if period is None:
        return None
    plan = await session.get(Plan, period.plan_id)
    assert plan is not None
    if delivery.kind == "digest":  # planned by an earlier version
        return await digest_view(session, plan, period, now)
    if delivery.kind == "escalate":  # planned by an earlier version
        return await escalation_view(session, plan, period, calendar, today)
    return await reminder_view(session, plan, period, delivery, calendar, today)


async def reminder_view(
    session: AsyncSession,
    plan: Plan,
    period: ReportingPeriod,
    delivery: ReminderDelivery,
    calendar: WorkingCalendar,
    today: date,
) -> ReminderView | None:
    if delivery.member_id is not None:
        member = await session.get(Member, delivery.member_id)
        if member is None or not member.active or member.reminders_opt_out:
            return None
    missing = await owed(session, period, [delivery.agency_id or 0])
    if not missing:
        return None
    agency = await session.get(Agency, delivery.agency_id)
    leads = [m.deadline for m in missing if m.role == "lead"]
    header_deadline = max(leads) if leads else min(m.deadline for m in missing)
    kind, days = "adhoc", 0
    if period.kind != "adhoc" or delivery.kind != "adhoc":
        days = calendar.working_days_between(today, calendar.next_working_day(header_deadline))
        kind = "before" if days > 0 else "due" if days == 0 else "overdue"
    tasks = tuple(
        dict.fromkeys(
            TaskLine(m.task_id, m.ref, m.title, m.role, m.deadline, m.deadline < today)
            for m in missing
        )
    )
    return ReminderView(
        kind=kind,
        days=abs(days),
        plan_number=plan.number,
        agency_name=agency.name if agency else "",
        period_id=period.id,
        period=name_of(period),
        deadline=header_deadline,
        tasks=tasks,
        adhoc_note=period.request_note,
    )


async def coordinator_view(
    session: AsyncSession, delivery: ReminderDelivery, calendar: WorkingCalendar, now: datetime
) -> CoordinatorView | None:
    today = calendar.local_date(now)
    sections: list[EscalationView | DigestView] = []
    for period_id in delivery.payload.get("escalate") or []:
        period = await session.get(ReportingPeriod, period_id)
        plan = await session.get(Plan, period.plan_id) if period else None
        if period and plan and plan.active:
            view = await escalation_view(session, plan, period, calendar, today)
            if view is not None:
                sections.append(view)
    for period_id in delivery.payload.get("digest") or []:
        period = await session.get(ReportingPeriod, period_id)
        plan = await session.get(Plan, period.plan_id) if period else None
        if period and plan and plan.active:
            sections.append(await digest_view(session, plan, period, now))
    return CoordinatorView(tuple(sections)) if sections else None


async def escalation_view(
    session: AsyncSession,
    plan: Plan,
    period: ReportingPeriod,
    calendar: WorkingCalendar,
    today: date,
) -> EscalationView | None:
    """Agencies of the period still late after the grace days that were reminded (an agency
    nobody could remind is the admins' matter: see `no_officer_view`)."""
    grace = schedule_of(plan).escalate_after_days
    owing = await owed(session, period)
    # counted from when the agency could be reminded (its first officer's joining day)
    joined = await reachable_since(session, {m.agency_id for m in owing}, calendar.tz)
    missing = [
        item
        for item in owing
        if calendar.working_days_between(
            calendar.next_working_day(
                max(item.deadline, joined.get(item.agency_id, item.deadline))
            ),
            today,
        )
        >= grace
    ]
    reminded = set(
        await session.scalars(
            select(ReminderDelivery.agency_id)
            .where(
                ReminderDelivery.period_id == period.id,
                ReminderDelivery.status == "sent",
                ReminderDelivery.kind.in_(OFFICER_KINDS),
            )
            .distinct()
        )
    )
    counts: dict[int, int] = defaultdict(int)
    for item in missing:
        if item.agency_id in reminded:
            counts[item.agency_id] += 1
    if not counts:
        return None
    agencies = {
        a.id: a for a in (await session.scalars(select(Agency).where(Agency.id.in_(counts)))).all()
    }
    officers = await officers_of(session, counts)
    late = tuple(
        LateAgency(
            agencies[agency_id].name,
            count,
            sum(1 for m in officers if m.agency_id == agency_id and m.reachable),
        )
        for agency_id, count in sorted(counts.items(), key=lambda kv: agencies[kv[0]].name)
    )
    return EscalationView(plan.number, name_of(period), period.deadline, late)


async def digest_view(
    session: AsyncSession, plan: Plan, period: ReportingPeriod, now: datetime
) -> DigestView:
    """The week of a plan: the period's figures (from `reports.summary.summarize`, like every
    other view), the week's new reports and blockers."""
    since = now - timedelta(days=7)
    in_plan = Report.task_id.in_(select(Task.id).where(Task.plan_id == plan.id))
    new_reports = await session.scalar(
        select(func.count(Report.id)).where(in_plan, Report.reported_at >= since)
    )
    blocked = (
        await session.execute(
            select(Agency.name, Task.ref, Report.note)
            .join(Task, Task.id == Report.task_id)
            .join(Agency, Agency.id == Report.agency_id)
            .where(in_plan, Report.status == "blocked", Report.reported_at >= since)
            .order_by(Report.reported_at.desc())
            .limit(10)
        )
    ).all()
    from reports.model import fold_groups, to_local
    from reports.summary import summarize

    figures = await summarize(
        session, plan, period, to_local(now).date(), blockers_limit=0, with_targets=False
    )
    owing = [a for a in fold_groups(figures.agencies) if a.expected and a.missing]
    owing.sort(key=lambda a: (-a.days_overdue, -a.overdue, line_name(a)))
    return DigestView(
        plan.number,
        name_of(period),
        period.deadline,
        int(new_reports or 0),
        tuple((a, r, n) for a, r, n in blocked),
        tasks=figures.total,
        tasks_done=figures.done,
        tasks_blocked=figures.blocked_total,
        tasks_not_started=figures.not_started_total,
        agencies=figures.agency_count,
        agencies_reported=figures.agencies_reported,
        agencies_overdue=len(figures.agencies_overdue),
        agencies_not_due=sum(
            1 for a in figures.agencies if a.expected and not a.complete and not a.is_overdue
        ),
        incomplete=tuple(
            DigestAgency(line_name(a), a.missing, a.expected, a.overdue, a.days_overdue)
            for a in owing
        ),
    )


def line_name(line: AgencyLine | AgencyGroupLine) -> str:
    """An agency's name, or a group's with how many agencies it stands for."""
    return line.agency if isinstance(line, AgencyLine) else f"{line.name} ({line.count})"


async def uncertain_view(session: AsyncSession, ids: list[int]) -> UncertainView | None:
    if not ids:
        return None
    rows = (
        await session.execute(
            select(Member.full_name, Agency.name, ReportingPeriod.kind, ReportingPeriod.key)
            .select_from(ReminderDelivery)
            .outerjoin(Member, Member.id == ReminderDelivery.member_id)
            .outerjoin(Agency, Agency.id == ReminderDelivery.agency_id)
            .outerjoin(ReportingPeriod, ReportingPeriod.id == ReminderDelivery.period_id)
            .where(ReminderDelivery.id.in_(ids[:MAX_UNCERTAIN_LINES]))
            .order_by(ReminderDelivery.id)
        )
    ).all()
    lines = tuple(
        UncertainLine(member or "", agency or "", PeriodName(kind, key) if kind and key else None)
        for member, agency, kind, key in rows
    )
    return UncertainView(len(ids), lines)


async def unregistered_agencies(session: AsyncSession) -> list[str]:
    """Agencies with a task in an active plan and no active officer to remind."""
    has_officer = (
        select(Member.id)
        .where(
            Member.agency_id == Assignment.agency_id,
            Member.active,
            Member.role == Role.OFFICER.value,
        )
        .exists()
    )
    names = await session.scalars(
        select(Agency.name)
        .join(Assignment, Assignment.agency_id == Agency.id)
        .join(Task, Task.id == Assignment.task_id)
        .join(Plan, Plan.id == Task.plan_id)
        .where(Plan.active, Task.active, Agency.active, ~has_officer)
        .distinct()
        .order_by(Agency.name)
    )
    return list(names.all())


async def no_officer_view(session: AsyncSession) -> NoOfficerView | None:
    agencies = await unregistered_agencies(session)
    return NoOfficerView(tuple(agencies)) if agencies else None


async def figure_request_view(
    session: AsyncSession, delivery: ReminderDelivery
) -> FigureRequestView | None:
    """The figures the officer's agency still owes for the moment (None: all sent, or the
    officer no longer reminded)."""
    from reports.targets import figure_series, figures_owed, plan_targets

    if delivery.member_id is not None:
        member = await session.get(Member, delivery.member_id)
        if member is None or not member.active or member.reminders_opt_out:
            return None
    period = await session.get(ReportingPeriod, delivery.period_id)
    if period is None or delivery.agency_id is None:
        return None
    plan = await session.get(Plan, period.plan_id)
    if plan is None or not plan.active:
        return None
    owed = (await figures_owed(session, period, [delivery.agency_id])).get(delivery.agency_id)
    if not owed:
        return None
    indicators = await plan_targets(session, plan.id)
    numbers = {i.id: n for n, (i, _) in enumerate(indicators, 1)}
    by_id = {i.id: t for i, t in indicators}
    series = await figure_series(session, [i.id for i in owed])
    agency = await session.get(Agency, delivery.agency_id)
    lines = []
    for indicator in owed:
        figures = series.get(indicator.id) or []
        last = figures[-1] if figures else None
        lines.append(
            FigureLine(
                indicator.id,
                numbers.get(indicator.id, 0),
                indicator.name,
                indicator.unit,
                tuple(
                    (t.horizon, t.comparison, t.value, t.value_max, t.unit)
                    for t in by_id.get(indicator.id, [])
                    if t.value is not None
                ),
                (last.value, last.value_max, last.as_of) if last is not None else None,
            )
        )
    return FigureRequestView(
        plan.number,
        agency.name if agency else "",
        period.id,
        PeriodName(period.kind, period.key),
        period.deadline,
        tuple(lines),
    )
