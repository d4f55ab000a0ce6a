"""Who is in a period's scope, asked of SQL (`in_period_scope`) and of loaded rows (`in_scope`)
over varied data (SQLite and PostgreSQL): both give the same assignments, in the same order."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from periods.owing import assignments_in_period, in_scope
from periods.rules import period_for
from plans.registry import add_agency
from storage.db import Database
from storage.models import Assignment, Plan, Report, ReportingPeriod, Task

KINDS = ("monthly", "quarterly", "half_yearly", "yearly")


async def seed_varied(db: Database, seed: int) -> None:
    rng = random.Random(seed)
    async with db.transaction() as session:
        agencies = [(await add_agency(session, f"Sở thử {seed}-{n}")).id for n in range(4)]
        periods: list[ReportingPeriod] = []
        for p in range(2):
            plan = Plan(number=f"{seed}-{p}/KH", number_key=f"{seed}-{p}/kh")
            session.add(plan)
            await session.flush()
            tasks = [
                Task(
                    plan_id=plan.id,
                    ref=f"T{n}",
                    position=rng.choice([n, n, 0]),  # some share a position
                    active=rng.random() > 0.15,
                    due_on=rng.choice([None, date(2026, 6, 30), date(2026, 12, 31)]),
                    reporting=rng.choice([None, None, "", *KINDS]),
                )
                for n in range(10)
            ]
            session.add_all(tasks)
            await session.flush()
            for task in tasks:
                for agency in rng.sample(agencies, rng.randint(0, 3)):
                    role = rng.choice(["lead", "support"])
                    session.add(Assignment(task_id=task.id, agency_id=agency, role=role))
            for kind, year, index in [
                ("quarterly", 2026, 1),
                ("quarterly", 2026, 2),
                ("quarterly", 2026, 3),
                ("quarterly", 2026, 4),
                ("monthly", 2026, 5),
                ("monthly", 2026, 6),
                ("monthly", 2026, 7),
                ("monthly", 2026, 9),
                ("monthly", 2026, 12),
                ("half_yearly", 2026, 2),
                ("yearly", 2026, 1),
            ]:
                window = period_for(kind, year, index)  # type: ignore[arg-type]
                periods.append(
                    ReportingPeriod(
                        plan_id=plan.id,
                        kind=kind,
                        key=window.key,
                        starts_on=window.starts_on,
                        ends_on=window.ends_on,
                        deadline=window.ends_on,
                        support_deadline=window.ends_on,
                    )
                )
            ids = [t.id for t in tasks]
            for n, scope in enumerate(
                [
                    {},
                    {"task_ids": rng.sample(ids, 3)},
                    {"agency_ids": rng.sample(agencies, 2)},
                    {"task_ids": rng.sample(ids, 4), "agency_ids": rng.sample(agencies, 2)},
                    {"task_ids": [], "agency_ids": []},
                    {"task_ids": [ids[0] + 1000]},  # a task of no plan
                ]
            ):
                # some start the day a periodic window starts: "earlier" is strictly before
                day = date(2026, 4 + n, 15 if n % 2 == 0 else 3)
                periods.append(
                    ReportingPeriod(
                        plan_id=plan.id,
                        kind="adhoc",
                        key=f"adhoc-{day.isoformat()}-{n}",
                        starts_on=day,
                        ends_on=day,
                        deadline=day,
                        support_deadline=day,
                        scope=scope,
                    )
                )
        session.add_all(periods)
        await session.flush()
        pairs = (await session.execute(select(Task, Assignment).join(Assignment))).all()
        for task, assignment in pairs:
            for period in rng.sample([p for p in periods if p.plan_id == task.plan_id], 3):
                session.add(
                    Report(
                        period_id=period.id,
                        task_id=task.id,
                        agency_id=assignment.agency_id,
                        status=rng.choice(["done", "done", "in_progress", "blocked"]),
                        reported_at=datetime(2026, 6, 1, tzinfo=UTC),
                    )
                )


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_the_sql_and_the_python_scope_agree(db: Database, seed: int) -> None:
    await seed_varied(db, seed)
    async with db.transaction() as session:
        rows = (
            await session.execute(
                select(Task, Assignment).join(Assignment).order_by(Task.position, Task.id)
            )
        ).all()
        done = (
            await session.execute(
                select(Report.task_id, Report.agency_id, ReportingPeriod.ends_on)
                .join(ReportingPeriod, ReportingPeriod.id == Report.period_id)
                .where(Report.status == "done")
            )
        ).all()
        done_until: dict[tuple[int, int], date] = {}
        for task_id, agency_id, ends_on in done:
            done_until[(task_id, agency_id)] = min(
                ends_on, done_until.get((task_id, agency_id), ends_on)
            )
        compared = asked_again = 0
        for period in (await session.scalars(select(ReportingPeriod))).all():
            in_sql = [
                (task.id, assignment.agency_id)
                for task, assignment in (await session.execute(assignments_in_period(period))).all()
            ]
            in_python = [
                (task.id, assignment.agency_id)
                for task, assignment in rows
                if in_scope(
                    period, task, assignment, done_until.get((task.id, assignment.agency_id))
                )
            ]
            assert sorted(in_sql) == sorted(in_python), (period.key, period.scope)
            # same plan order; ties in position and id (several agencies) may come in any order
            assert [t for t, _ in in_sql] == [t for t, _ in in_python], period.key
            compared += len(in_sql)
            asked_again += sum(
                in_scope(period, task, assignment, None) for task, assignment in rows
            ) - len(in_python)
    assert compared > 50  # the data gives the rule something to decide
    assert asked_again > 0  # ... including tasks with a due date done in an earlier period
