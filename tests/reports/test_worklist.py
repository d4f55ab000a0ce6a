"""An officer's work list (SQLite and PostgreSQL): the same items as the period-by-period
reference it replaced, across plans, schedules, overrides, ad-hoc requests and days, in a
number of SQL statements that does not grow with the plans."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from periods.calendar import WorkingCalendar
from periods.owing import assignments_in_period
from periods.rules import KINDS, Period, period_containing, period_for
from periods.store import (
    ADHOC_CHASE_DAYS,
    ensure_period,
    new_period_row,
    periods_chased_on,
    plan_calendar,
    schedule_of,
)
from plans.active import active_plans
from plans.model import PlanDraft, PlanInfo, ReportingSchedule, TaskDraft
from plans.registry import add_agency
from plans.store import save_plan
from reports.service import deadline_for
from reports.worklist import WorkItem, assemble, worklist
from storage.db import Database
from storage.models import Assignment, Plan, Report, ReportingPeriod, Task
from storage.upsert import insert_ignore

CALENDAR = WorkingCalendar()
AGENCIES = ("Sở Xây dựng", "Sở Tài chính", "Sở Nông nghiệp", "Sở Y tế", "Sở Tư pháp")


# --- the reference: the work list as it was built before, one period at a time -------------


async def reference_worklist(
    session: AsyncSession, agency_id: int, today: date, calendar: WorkingCalendar
) -> list[WorkItem]:
    items: list[WorkItem] = []
    for plan in await active_plans(session):
        for period in await reference_open_periods(session, plan, today, calendar):
            items += await reference_period_items(session, plan, period, agency_id, today)
    items.sort(
        key=lambda i: (i.period.deadline, i.plan.id, i.period.id, i.deadline, i.task.position)
    )
    return items


async def reference_open_periods(
    session: AsyncSession, plan: Plan, today: date, calendar: WorkingCalendar
) -> list[ReportingPeriod]:
    periods = {p.id: p for p in await reference_chased_periods(session, plan, today, calendar)}
    # then the moment in progress of each kind, by its primary period
    kinds = await reference_plan_kinds(session, plan)
    for kind in sorted(kinds, key=KINDS.index):
        period = period_containing(kind, today)  # type: ignore[arg-type]
        primary = plan_calendar(plan, calendar, kinds).primary(period)
        current = await reference_ensure_period(session, plan, primary, calendar)
        periods.setdefault(current.id, current)
    return list(periods.values())


async def reference_plan_kinds(session: AsyncSession, plan: Plan) -> set[str]:
    overrides = await session.scalars(
        select(Task.reporting).where(
            Task.plan_id == plan.id, Task.active, Task.reporting.is_not(None)
        )
    )
    return set(schedule_of(plan).frequencies) | {k for k in overrides if k}


async def reference_chased_periods(
    session: AsyncSession, plan: Plan, day: date, calendar: WorkingCalendar
) -> list[ReportingPeriod]:
    kinds = await reference_plan_kinds(session, plan)
    rows = [
        await reference_ensure_period(session, plan, period, calendar)
        for period in periods_chased_on(plan, kinds, day, calendar)
    ]
    adhoc = await session.scalars(
        select(ReportingPeriod).where(
            ReportingPeriod.plan_id == plan.id,
            ReportingPeriod.kind == "adhoc",
            ReportingPeriod.starts_on <= day,
        )
    )
    for row in adhoc:
        if calendar.working_days_between(row.deadline, day) <= ADHOC_CHASE_DAYS:
            rows.append(row)
    return rows


async def reference_ensure_period(
    session: AsyncSession, plan: Plan, period: Period, calendar: WorkingCalendar
) -> ReportingPeriod:
    query = select(ReportingPeriod).where(
        ReportingPeriod.plan_id == plan.id, ReportingPeriod.key == period.key
    )
    row = await session.scalar(query)
    if row is not None:
        return row
    kinds = await reference_plan_kinds(session, plan)
    await insert_ignore(
        session, ReportingPeriod, new_period_row(plan, period, calendar, kinds), ["plan_id", "key"]
    )
    row = await session.scalar(query)
    assert row is not None
    return row


async def reference_period_items(
    session: AsyncSession, plan: Plan, period: ReportingPeriod, agency_id: int, today: date
) -> list[WorkItem]:
    rows = (
        await session.execute(
            assignments_in_period(period).where(Assignment.agency_id == agency_id)
        )
    ).all()
    # a periodic period's reports are those of its moment: every row closing on its cut-off
    same_moment = select(ReportingPeriod.id).where(
        ReportingPeriod.plan_id == plan.id,
        ReportingPeriod.ends_on == period.ends_on,
        ReportingPeriod.kind != "adhoc",
    )
    rows_of = same_moment if period.kind != "adhoc" else select(period.id)  # type: ignore[call-overload]
    reports = {
        r.task_id: r
        for r in (
            await session.scalars(
                select(Report)
                .where(Report.period_id.in_(rows_of), Report.agency_id == agency_id)
                .order_by(Report.id.desc())
            )
        ).all()
    }
    kinds = await reference_plan_kinds(session, plan)
    chased = {p.key for p in periods_chased_on(plan, kinds, today, CALENDAR)}
    return [
        WorkItem(
            plan,
            period,
            task,
            assignment.role,
            deadline_for(period, assignment.role),
            reports.get(task.id),
            period.kind == "adhoc" or period.key in chased,
        )
        for task, assignment in rows
    ]


# --- varied data ----------------------------------------------------------------------------

XD, TC, NN, YT, TP = AGENCIES


def draft(number: str, schedule: ReportingSchedule, tasks: list[TaskDraft]) -> PlanDraft:
    return PlanDraft(
        plan=PlanInfo(number=number, title=f"Kế hoạch {number}", coordinator=XD),
        tasks=tasks,
        reporting=schedule,
    )


PLAN_A = draft(
    "151/KH-UBND",
    ReportingSchedule(frequencies=["quarterly"]),
    [
        TaskDraft(ref="A.1", title="Chuẩn hóa số liệu", lead=[XD], support=[TC]),
        TaskDraft(ref="A.2", title="Bố trí vốn", lead=[TC], support=[XD, NN], reporting="monthly"),
        TaskDraft(ref="A.3", title="Ban hành quy chế", lead=[XD], due=date(2026, 9, 30)),
        TaskDraft(
            ref="A.4", title="Quy hoạch vùng", lead=[NN], support=[XD], due=date(2026, 12, 31)
        ),
        TaskDraft(ref="A.5", title="Sơ kết", lead=[XD], reporting="half_yearly"),
        TaskDraft(ref="A.6", title="Nhiệm vụ đã bỏ", lead=[YT, XD], reporting="yearly"),
        TaskDraft(ref="A.7", title="Cùng vị trí", lead=[XD, YT]),
    ],
)
PLAN_B = draft(
    "22/KH-UBND",
    ReportingSchedule(
        frequencies=["monthly", "quarterly"],
        deadline_working_days=3,
        support_days_before=1,
        remind_days_before=[5, 2],
    ),
    [
        TaskDraft(ref="B.1", title="Rà soát", lead=[XD]),
        TaskDraft(ref="B.2", title="Cấp vốn", lead=[TC], support=[XD], reporting="quarterly"),
        TaskDraft(
            ref="B.3",
            title="Hoàn thành đề án",
            lead=[XD],
            support=[NN],
            due=date(2026, 11, 30),
            reporting="monthly",
        ),
        TaskDraft(ref="B.4", title="Y tế cơ sở", lead=[YT], support=[XD]),
    ],
)
PLAN_C = draft(
    "33/KH-UBND",
    ReportingSchedule(frequencies=["half_yearly"], deadline_working_days=1),
    [
        TaskDraft(ref="C.1", title="Chuyển đổi số", lead=[XD], support=[TC]),
        TaskDraft(
            ref="C.2", title="Đất đai", lead=[NN], due=date(2026, 6, 30), reporting="monthly"
        ),
    ],
)
PLAN_D = draft(  # made inactive: never in a work list
    "44/KH-UBND",
    ReportingSchedule(frequencies=["quarterly", "monthly"]),
    [TaskDraft(ref="D.1", title="Đã dừng", lead=[XD, TC])],
)


@dataclass
class World:
    agencies: dict[str, int]
    plans: dict[str, Plan]
    tasks: dict[str, int]


async def build_world(db: Database) -> World:
    async with db.transaction() as session:
        agencies = {name: (await add_agency(session, name)).id for name in AGENCIES}
        plans: dict[str, Plan] = {}
        for name, plan_draft, created in (
            ("A", PLAN_A, datetime(2026, 1, 5, 2, tzinfo=UTC)),
            ("B", PLAN_B, datetime(2026, 6, 20, 2, tzinfo=UTC)),
            ("C", PLAN_C, datetime(2026, 3, 1, 2, tzinfo=UTC)),
            ("D", PLAN_D, datetime(2026, 1, 5, 2, tzinfo=UTC)),
        ):
            plan = (await save_plan(session, plan_draft)).plan
            plan.created_at = created
            plans[name] = plan
        plans["D"].active = False
        rows = (await session.scalars(select(Task))).all()
        tasks = {t.ref: t.id for t in rows}
        for task in rows:
            if task.ref == "A.6":
                task.active = False  # its yearly override no longer counts either
            if task.ref == "A.7":
                task.position = 0  # same position as A.1: plan order then falls to task id
        await session.flush()

        def adhoc(
            plan: str, starts: date, deadline: date, scope: dict[str, Any]
        ) -> ReportingPeriod:
            row = ReportingPeriod(
                plan_id=plans[plan].id,
                kind="adhoc",
                key=f"adhoc-{starts.isoformat()}-{plan}",
                starts_on=starts,
                ends_on=starts,
                deadline=deadline,
                support_deadline=deadline,
                scope=scope,
            )
            session.add(row)
            return row

        ids = agencies
        adhoc(
            "A", date(2026, 11, 25), date(2026, 12, 3), {"task_ids": [tasks["A.1"], tasks["A.3"]]}
        )
        adhoc("B", date(2026, 12, 1), date(2026, 12, 9), {"agency_ids": [ids[XD], ids[NN]]})
        early = adhoc(
            "B",
            date(2026, 8, 3),
            date(2026, 8, 12),
            {"task_ids": [tasks["B.2"], tasks["B.3"]], "agency_ids": [ids[TC], ids[NN]]},
        )
        adhoc("C", date(2027, 1, 4), date(2027, 1, 12), {})
        adhoc("D", date(2026, 12, 1), date(2026, 12, 9), {})
        await session.flush()

        async def period(plan: str, kind: str, year: int, index: int) -> ReportingPeriod:
            return await ensure_period(
                session,
                plans[plan],
                period_for(kind, year, index),  # type: ignore[arg-type]
                CALENDAR,
            )

        def report(row: ReportingPeriod, ref: str, agency: str, status: str) -> None:
            session.add(
                Report(
                    period_id=row.id,
                    task_id=tasks[ref],
                    agency_id=ids[agency],
                    status=status,
                    reported_at=datetime(2026, 6, 1, tzinfo=UTC),
                )
            )

        a_q3, a_q4 = (
            await period("A", "quarterly", 2026, 3),
            await period("A", "quarterly", 2026, 4),
        )
        b_m11, b_m12 = (
            await period("B", "monthly", 2026, 11),
            await period("B", "monthly", 2026, 12),
        )
        c_m6 = await period("C", "monthly", 2026, 6)
        report(a_q3, "A.3", XD, "done")  # due task done in Q3: not asked of XD in Q4 again
        report(a_q3, "A.4", XD, "done")  # XD (support) done; NN (lead) still asked
        report(a_q3, "A.1", XD, "in_progress")
        report(a_q4, "A.1", XD, "in_progress")
        report(a_q4, "A.1", TC, "done")  # A.1 has no due date: asked again next quarter
        report(b_m11, "B.3", XD, "in_progress")  # not done: asked again
        report(b_m12, "B.1", XD, "done")
        report(b_m12, "B.4", XD, "blocked")
        report(early, "B.3", NN, "done")  # done in an ad-hoc request: counts as earlier done
        report(c_m6, "C.2", NN, "done")
    return World(agencies, plans, tasks)


DAYS = [
    date(2026, 3, 10),
    date(2026, 6, 12),
    date(2026, 7, 20),
    date(2026, 8, 14),
    date(2026, 9, 11),
    date(2026, 9, 20),
    date(2026, 10, 1),
    date(2026, 11, 23),
    date(2026, 12, 4),
    date(2026, 12, 11),
    date(2026, 12, 16),
    date(2026, 12, 20),
    date(2027, 1, 5),
    date(2027, 1, 13),
    date(2027, 3, 12),
    date(2027, 6, 12),
]


def shown(items: list[WorkItem]) -> list[tuple[str, str, str, str, date, str | None]]:
    return [
        (
            i.plan.number,
            i.period.key,
            i.task.ref,
            i.role,
            i.deadline,
            i.report.status if i.report else None,
        )
        for i in items
    ]


async def period_count(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(ReportingPeriod)) or 0)


async def test_the_work_list_is_what_the_period_by_period_reference_gives(db: Database) -> None:
    world = await build_world(db)
    created = 0
    for n, today in enumerate(DAYS):
        for agency in [*world.agencies.values(), 0]:
            async with db.transaction() as session:
                before = await period_count(session)
                # who creates the missing period rows alternates, so both ways are covered
                if n % 2 == 0:
                    new = await worklist(session, agency, today, CALENDAR)
                    created += await period_count(session) - before
                    old = await reference_worklist(session, agency, today, CALENDAR)
                else:
                    old = await reference_worklist(session, agency, today, CALENDAR)
                    new = await worklist(session, agency, today, CALENDAR)
                assert await period_count(session) >= before
            assert shown(new) == shown(old), (today, agency)
            assert [(i.period.id, i.task.id, i.report) for i in new] == [
                (i.period.id, i.task.id, i.report) for i in old
            ]
    assert created > 0  # the new list created missing period rows itself on some days


async def test_the_work_list_of_one_day_in_detail(db: Database) -> None:
    world = await build_world(db)
    async with db.transaction() as session:
        xd = shown(await worklist(session, world.agencies[XD], date(2026, 12, 11), CALENDAR))
        nn = shown(await worklist(session, world.agencies[NN], date(2026, 12, 11), CALENDAR))
        yt = shown(await worklist(session, world.agencies[YT], date(2026, 12, 11), CALENDAR))
    keys = {(plan, key, ref) for plan, key, ref, *_ in xd}
    # plan A reports quarterly with one monthly task: its Q4 moment is one row, December's
    # (docs/counting.md, section 2), and a month that closes no quarter asks only A.2
    assert ("151/KH-UBND", "2026-M12", "A.3") not in keys  # done in Q3, due date: not again
    assert ("151/KH-UBND", "2026-M12", "A.4") not in keys  # XD's support done in Q3
    assert ("151/KH-UBND", "2026-M12", "A.1") in keys
    assert ("151/KH-UBND", "2026-M12", "A.2") in keys
    assert ("151/KH-UBND", "2026-M11", "A.2") in keys
    assert ("151/KH-UBND", "2026-M11", "A.1") not in keys  # a quarterly task, not monthly
    assert not any(key == "2026-Q4" for _, key, *_ in xd)  # stored on December's row
    assert ("151/KH-UBND", "2026-M09", "A.4", "support", date(2026, 9, 15), "done") in xd
    assert ("151/KH-UBND", "adhoc-2026-11-25-A", "A.3") in keys  # ad-hoc asks regardless
    assert not any(plan == "44/KH-UBND" for plan, *_ in xd)  # inactive plan
    assert not any(ref == "A.6" for _, _, ref, *_ in xd)  # inactive task
    assert any(ref == "B.3" and key == "adhoc-2026-12-01-B" for _, key, ref, *_ in xd)
    assert ("151/KH-UBND", "2026-M12", "A.4") in {(p, k, r) for p, k, r, *_ in nn}  # NN: lead
    assert not any(ref == "B.3" and key.startswith("2026-M") for _, key, ref, *_ in nn)
    assert not any(key == "adhoc-2026-12-01-B" for _, key, *_ in yt)  # outside its agencies
    assert any(key == "adhoc-2026-12-01-B" for _, key, *_ in nn)


# --- statements -----------------------------------------------------------------------------


@contextmanager
def counting(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)


async def add_plans(db: Database, first: int, count: int, agency: str) -> None:
    async with db.transaction() as session:
        for n in range(first, first + count):
            plan_draft = draft(
                f"{n}/KH-UBND",
                ReportingSchedule(frequencies=["quarterly"]),
                [
                    TaskDraft(ref="1", title="Một", lead=[agency]),
                    TaskDraft(
                        ref="2", title="Hai", lead=[TC], support=[agency], reporting="monthly"
                    ),
                    TaskDraft(ref="3", title="Ba", lead=[agency], due=date(2026, 12, 31)),
                ],
            )
            plan = (await save_plan(session, plan_draft)).plan
            plan.created_at = datetime(2026, 1, 5, 2, tzinfo=UTC)


async def statements_of(db: Database, agency_id: int, today: date) -> list[str]:
    async with db.transaction() as session:
        await session.execute(select(1))  # the transaction is begun before counting
        with counting(db) as statements:
            items = await worklist(session, agency_id, today, CALENDAR)
    assert items
    return statements


async def test_the_work_list_costs_the_same_statements_for_one_plan_or_five(db: Database) -> None:
    async with db.transaction() as session:
        agency = (await add_agency(session, XD)).id
        await add_agency(session, TC)
    today = date(2026, 12, 11)
    await add_plans(db, 1, 1, XD)
    creating_one = await statements_of(db, agency, today)  # period rows made on first need
    one = await statements_of(db, agency, today)
    await add_plans(db, 2, 4, XD)
    creating_five = await statements_of(db, agency, today)
    five = await statements_of(db, agency, today)
    assert len(one) == len(five), (one, five)
    assert len(creating_one) == len(creating_five), (creating_one, creating_five)
    # plans (and their coordinators' aliases, loaded with them), tasks, periods, reports
    assert len(one) <= 5, one
    assert len(creating_one) <= len(one) + 2, creating_one  # one insert, one select again


# --- the pure part --------------------------------------------------------------------------


def test_the_work_list_is_assembled_from_fetched_rows_without_a_database() -> None:
    plan = Plan(id=1, number="1/KH")
    q3 = ReportingPeriod(
        id=10,
        plan_id=1,
        kind="quarterly",
        key="2026-Q3",
        starts_on=date(2026, 6, 15),
        ends_on=date(2026, 9, 14),
        deadline=date(2026, 9, 16),
        support_deadline=date(2026, 9, 15),
        scope={},
    )
    q4 = ReportingPeriod(
        id=11,
        plan_id=1,
        kind="quarterly",
        key="2026-Q4",
        starts_on=date(2026, 9, 15),
        ends_on=date(2026, 12, 14),
        deadline=date(2026, 12, 16),
        support_deadline=date(2026, 12, 15),
        scope={},
    )
    request = ReportingPeriod(
        id=12,
        plan_id=1,
        kind="adhoc",
        key="adhoc-1",
        starts_on=date(2026, 12, 1),
        ends_on=date(2026, 12, 1),
        deadline=date(2026, 12, 9),
        support_deadline=date(2026, 12, 9),
        scope={"task_ids": [2]},
    )
    ongoing = Task(id=1, plan_id=1, ref="1", position=0, active=True)
    due = Task(id=2, plan_id=1, ref="2", position=1, active=True, due_on=date(2026, 9, 30))
    monthly = Task(id=3, plan_id=1, ref="3", position=2, active=True, reporting="monthly")
    rows = [
        (task, Assignment(task_id=task.id, agency_id=7, role=role))
        for task, role in ((ongoing, "support"), (due, "lead"), (monthly, "lead"))
    ]
    done = Report(period_id=10, task_id=2, agency_id=7, status="done")
    begun = Report(period_id=11, task_id=1, agency_id=7, status="in_progress")
    items = assemble(
        [plan],
        {1: [q3, q4, request]},
        rows,
        [(done, q3.ends_on, 1, "quarterly"), (begun, q4.ends_on, 1, "quarterly")],
    )
    assert [(i.period.key, i.task.ref, i.deadline, i.report) for i in items] == [
        ("2026-Q3", "1", date(2026, 9, 15), None),  # support: the earlier deadline
        ("2026-Q3", "2", date(2026, 9, 16), done),
        ("adhoc-1", "2", date(2026, 12, 9), None),  # a request asks again
        ("2026-Q4", "1", date(2026, 12, 15), begun),  # "2" was done in Q3: not asked again
    ]
