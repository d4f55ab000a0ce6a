"""The period store and who owes what (SQLite and PostgreSQL): periods created once, chased
while their window holds the day, re-dated when a day is declared; owed by role and scope."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from periods.calendar import WorkingCalendar
from periods.days import declare_day
from periods.owing import owed
from periods.rules import period_for
from periods.store import chased_periods, ensure_period, load_calendar, recompute_deadlines
from plans.registry import add_agency
from plans.store import save_plan
from storage.db import Database
from storage.models import Plan, Report, ReportingPeriod, Task
from tests.auxil.scenario import PLAN


async def test_a_declared_day_off_moves_the_deadline(db: Database) -> None:
    async with db.transaction() as session:
        await add_agency(session, "Sở Xây dựng")
        await add_agency(session, "Sở Tài chính")
        plan = (await save_plan(session, PLAN)).plan
        row = await ensure_period(
            session, plan, period_for("quarterly", 2026, 4), WorkingCalendar()
        )
        assert row.deadline == date(2026, 12, 16)
        await declare_day(session, date(2026, 12, 15), "day_off", "Nghỉ bù", None)
        changed = await recompute_deadlines(session, date(2026, 11, 22))
    assert changed == 1
    async with db.transaction() as session:
        row = (await session.scalars(select(ReportingPeriod))).one()
        calendar = await load_calendar(session)
    assert row.deadline == date(2026, 12, 17)
    assert not calendar.is_working_day(date(2026, 12, 15))


async def seeded_plan(
    db: Database, created: datetime
) -> tuple[Plan, dict[str, int], dict[str, int]]:
    """The scenario plan (loaded at `created`): its task ids and agency ids by name."""
    async with db.transaction() as session:
        agencies = {
            name: (await add_agency(session, name)).id for name in ("Sở Xây dựng", "Sở Tài chính")
        }
        plan = (await save_plan(session, PLAN)).plan
        plan.created_at = created
        tasks = {
            t.ref: t.id
            for t in (await session.scalars(select(Task).where(Task.plan_id == plan.id))).all()
        }
    return plan, tasks, agencies


async def test_chased_periods_are_those_whose_window_holds_the_day(db: Database) -> None:
    calendar = WorkingCalendar()
    plan, _tasks, _agencies = await seeded_plan(db, datetime(2026, 1, 5, 2, tzinfo=UTC))
    async with db.transaction() as session:
        plan = await session.get(Plan, plan.id)
        assert plan is not None
        keys = [p.key for p in await chased_periods(session, plan, date(2026, 12, 11), calendar)]
        again = [p.id for p in await chased_periods(session, plan, date(2026, 12, 11), calendar)]
        rows = await session.scalar(select(func.count()).select_from(ReportingPeriod))
    assert keys == ["2026-Q3", "2026-Q4"]  # Q3 still overdue, Q4 announced
    assert len(again) == 2 and rows == 2  # created once
    # a plan loaded after Q3's deadline is not chased for Q3: nobody was asked then
    async with db.transaction() as session:
        plan = await session.get(Plan, plan.id)
        assert plan is not None
        plan.created_at = datetime(2026, 10, 1, 2, tzinfo=UTC)
        keys = [p.key for p in await chased_periods(session, plan, date(2026, 12, 11), calendar)]
    assert keys == ["2026-Q4"]


async def test_owed_is_what_has_no_report_with_each_roles_deadline(db: Database) -> None:
    calendar = WorkingCalendar()
    plan, tasks, agencies = await seeded_plan(db, datetime(2026, 1, 5, 2, tzinfo=UTC))
    async with db.transaction() as session:
        plan = await session.get(Plan, plan.id)
        assert plan is not None
        period = await ensure_period(session, plan, period_for("quarterly", 2026, 4), calendar)
        before = await owed(session, period)
        session.add(
            Report(
                period_id=period.id,
                task_id=tasks["II.1.a"],
                agency_id=agencies["Sở Xây dựng"],
                status="in_progress",
                reported_at=datetime(2026, 12, 10, 2, tzinfo=UTC),
            )
        )
        await session.flush()
        after = await owed(session, period, [agencies["Sở Xây dựng"]])
    by_ref = {(o.ref, o.agency_id): o for o in before}
    assert len(before) == 4  # II.1.a, II.1.c (lead and support), II.2.a
    support = by_ref[("II.1.c", agencies["Sở Xây dựng"])]
    assert (support.role, support.deadline) == ("support", date(2026, 12, 15))
    assert by_ref[("II.1.c", agencies["Sở Tài chính"])].deadline == date(2026, 12, 16)
    assert [o.ref for o in after] == ["II.1.c", "II.2.a"]  # the reported task is not owed


async def test_an_adhoc_request_owes_only_its_tasks(db: Database) -> None:
    plan, tasks, agencies = await seeded_plan(db, datetime(2026, 1, 5, 2, tzinfo=UTC))
    async with db.transaction() as session:
        request = ReportingPeriod(
            plan_id=plan.id,
            kind="adhoc",
            key="adhoc-2026-12-02-1",
            starts_on=date(2026, 12, 2),
            ends_on=date(2026, 12, 2),
            deadline=date(2026, 12, 10),
            support_deadline=date(2026, 12, 10),
            scope={"task_ids": [tasks["II.1.c"]]},
        )
        session.add(request)
        await session.flush()
        items = await owed(session, request)
    assert {(o.ref, o.agency_id) for o in items} == {
        ("II.1.c", agencies["Sở Tài chính"]),
        ("II.1.c", agencies["Sở Xây dựng"]),
    }
