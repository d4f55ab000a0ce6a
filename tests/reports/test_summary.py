"""The one query behind every view (SQLite and PostgreSQL): reporting moments, the first period
owed, late apart from missing, and what a year report recounts (docs/counting.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from domain.status import Outcome, ReportStatus
from periods.calendar import WorkingCalendar
from periods.rules import period_for
from periods.store import ensure_period
from plans.model import PlanDraft, PlanInfo, ReportingSchedule, TaskDraft
from plans.registry import add_agency
from plans.store import save_plan
from reports.service import record_report
from reports.summary import missing_agencies, summarize
from storage.db import Database
from storage.models import Assignment, Member, Plan, Report, Task

CAL = WorkingCalendar()
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
XD, TC = "Sở Xây dựng", "Sở Tài chính"
PLAN = PlanDraft(
    plan=PlanInfo(number="151/KH-UBND", title="Kế hoạch 151", coordinator=XD),
    tasks=[
        TaskDraft(ref="1", title="Một", lead=[XD], support=[TC]),
        TaskDraft(ref="2", title="Hai", lead=[TC]),
    ],
    reporting=ReportingSchedule(frequencies=["quarterly"], starts_from="2026-Q3"),
)


def at(day: int, month: int, year: int = 2026) -> datetime:
    return datetime(year, month, day, 3, tzinfo=UTC)


async def world(db: Database) -> tuple[Plan, dict[str, Task], dict[str, Member]]:
    async with db.transaction() as session:
        agencies = {name: await add_agency(session, name) for name in (XD, TC)}
        plan = (await save_plan(session, PLAN)).plan
        tasks = {t.ref: t for t in await session.scalars(select(Task))}
        members = {}
        for n, (name, agency) in enumerate(agencies.items()):
            members[name] = Member(
                telegram_user_id=950_000 + n, full_name=name, agency_id=agency.id, role="officer"
            )
            session.add(members[name])
        await session.flush()
    return plan, tasks, members


async def report(
    db: Database,
    plan: Plan,
    period_key: tuple[str, int, int],
    task: Task,
    member: Member,
    status: ReportStatus,
    when: datetime,
    note: str = "",
) -> None:
    async with db.transaction() as session:
        plan = await session.merge(plan)
        period = await ensure_period(session, plan, period_for(*period_key), CAL)  # type: ignore[arg-type]
        await record_report(
            session,
            member=member,
            agency_id=member.agency_id or 0,
            period=period,
            task=task,
            status=status,
            percent=None,
            note=note,
            now=when,
            tz=TZ,
        )


async def test_the_year_reads_quarter_fours_reports(db: Database) -> None:
    plan, tasks, members = await world(db)
    await report(
        db,
        plan,
        ("quarterly", 2026, 3),
        tasks["1"],
        members[XD],
        ReportStatus.IN_PROGRESS,
        at(15, 9),
        "đã khảo sát",
    )
    await report(
        db,
        plan,
        ("quarterly", 2026, 4),
        tasks["1"],
        members[XD],
        ReportStatus.DONE,
        at(14, 12),
        "đã ban hành",
    )
    # a report sent on the year's row revises quarter IV's: one report per moment
    await report(
        db, plan, ("yearly", 2026, 1), tasks["2"], members[TC], ReportStatus.BLOCKED, at(15, 12)
    )
    await report(
        db,
        plan,
        ("quarterly", 2026, 4),
        tasks["2"],
        members[TC],
        ReportStatus.IN_PROGRESS,
        at(16, 12),
    )
    async with db.transaction() as session:
        plan = await session.merge(plan)
        assert await session.scalar(select(func.count()).select_from(Report)) == 3
        q4 = await ensure_period(session, plan, period_for("quarterly", 2026, 4), CAL)
        year = await ensure_period(session, plan, period_for("yearly", 2026), CAL)
        quarter, annual = (
            await summarize(session, plan, q4, date(2026, 12, 20)),
            await summarize(session, plan, year, date(2026, 12, 20)),
        )
    assert dict(quarter.counts) == dict(annual.counts)
    assert quarter.counts[Outcome.DONE_ON_TIME] == 1
    assert quarter.counts[Outcome.IN_PROGRESS_ON_TIME] == 1
    assert [(a.agency, a.reported, a.expected) for a in annual.agencies] == [
        (TC, 1, 2),  # its lead report; its support of task 1 is still owed
        (XD, 1, 1),
    ]
    # the year recounts what was done over it, oldest first; the quarter does not
    [line] = [t for t in annual.tasks if t.ref == "1"]
    assert [(h.period_label, h.status, h.note) for h in line.history] == [
        ("Quý III/2026", ReportStatus.IN_PROGRESS, "đã khảo sát")
    ]
    assert all(not t.history for t in quarter.tasks)


async def test_late_and_missing_are_apart_and_days_are_working_days(db: Database) -> None:
    plan, tasks, members = await world(db)
    # Sở Xây dựng reports its one task late (deadline 16/12); Sở Tài chính sends nothing
    await report(
        db, plan, ("quarterly", 2026, 4), tasks["1"], members[XD], ReportStatus.DONE, at(18, 12)
    )
    async with db.transaction() as session:
        plan = await session.merge(plan)
        q4 = await ensure_period(session, plan, period_for("quarterly", 2026, 4), CAL)
        summary = await summarize(session, plan, q4, date(2026, 12, 28))
        missing = await missing_agencies(session, q4, date(2026, 12, 28))
    lines = {a.agency: a for a in summary.agencies}
    xd, tc = lines[XD], lines[TC]
    assert (xd.reported, xd.late, xd.on_time, xd.overdue) == (1, 1, 0, 0)  # late, not missing
    assert (tc.reported, tc.late, tc.overdue) == (0, 0, 2)  # missing, not late
    # since its earliest missed deadline, the supporting one (15/12): nine working days
    assert tc.days_overdue == 9 and xd.days_overdue == 0
    assert summary.agencies_overdue == (TC,) and summary.agencies_late == (XD,)
    assert [(m.agency, m.overdue, m.days_overdue) for m in missing] == [(TC, 2, 9)]
    async with db.transaction() as session:
        plan = await session.merge(plan)
        before = await summarize(session, plan, q4, date(2026, 12, 10))
    assert all(a.overdue == 0 and a.not_due == a.missing for a in before.agencies)


async def test_nothing_is_owed_before_the_first_period_or_an_assignments_own(
    db: Database,
) -> None:
    plan, tasks, _members = await world(db)
    async with db.transaction() as session:
        plan = await session.merge(plan)
        q2 = await ensure_period(session, plan, period_for("quarterly", 2026, 2), CAL)
        early = await summarize(session, plan, q2, date(2026, 6, 20))
        # Sở Tài chính's assignment on task 2 is owed only from 2027
        assignment = await session.scalar(
            select(Assignment).where(Assignment.task_id == tasks["2"].id)
        )
        assert assignment is not None
        assignment.owed_from = date(2027, 1, 4)
        q4 = await ensure_period(session, plan, period_for("quarterly", 2026, 4), CAL)
        later = await summarize(session, plan, q4, date(2026, 12, 28))
    assert early.before_start == "Quý III/2026" and early.is_empty and not early.agencies
    assert [t.ref for t in later.tasks] == ["1"]  # task 2 is not in Q4 yet
    assert TC in {a.agency for a in later.agencies}  # it supports task 1
    assert {a.agency: a.expected for a in later.agencies} == {XD: 1, TC: 1}
