"""The planner: a tick costs what is due (nothing changed, nothing planned), something new
is planned at once, escalations name only agencies that were reminded, agencies nobody can be
reminded at go to the admins once a week, and a coordinator gets one message a day."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from emulator import FakeUser
from plans.registry import add_agency
from storage.models import Assignment, Member, ReportingPeriod, Task
from tests.auxil.harness import BotHarness
from tests.auxil.scenario import Scenario, seed
from tests.conftest import ADMIN, COORDINATOR, OFFICER

FINANCE = FakeUser(900020, "Lê", "Tài Chính")
NEWCOMER = FakeUser(900021, "Phạm", "Mới Đến")


def at(day: int, hour_local: int = 9) -> datetime:
    """A moment of December 2026 in Vietnam time (UTC+7), as UTC."""
    return datetime(2026, 12, day, hour_local - 7, 0, tzinfo=UTC)


async def add_health_department(harness: BotHarness, scenario: Scenario) -> None:
    """An agency that leads a task but has nobody registered."""
    async with harness.db.transaction() as session:
        health = await add_agency(session, "Sở Y tế")
        task = Task(
            plan_id=scenario.plan.id,
            ref="II.3.a",
            position=10,
            title="Nâng cao năng lực y tế cơ sở",
            text="Nâng cao năng lực y tế cơ sở",
        )
        session.add(task)
        await session.flush()
        session.add(Assignment(task_id=task.id, agency_id=health.id, role="lead"))


def texts_to(harness: BotHarness, chat_id: int) -> list[str]:
    return [m.text for m in harness.emulator.messages_to(chat_id)]


async def test_a_tick_with_nothing_new_plans_nothing_and_a_change_is_planned_at_once(
    harness: BotHarness,
) -> None:
    scenario = await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    assert harness.dispatcher is not None
    planner = harness.dispatcher.planner
    runs = 0
    due = planner.due

    async def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal runs
        runs += 1
        return await due(*args, **kwargs)

    planner.due = counted  # type: ignore[method-assign]
    harness.clock.set(at(11))
    assert (await harness.tick()).sent == 2
    harness.clock.set(at(11, hour_local=10))
    assert (await harness.tick()).planned == 0
    assert runs == 1  # the second tick did not go over the plans again
    # an officer registers during the day: reminded at the next tick, once
    async with harness.db.transaction() as session:
        session.add(
            Member(
                telegram_user_id=NEWCOMER.id,
                full_name="Phạm Mới Đến",
                agency_id=scenario.finance.id,
                role="officer",
            )
        )
    harness.clock.set(at(11, hour_local=11))
    report = await harness.tick()
    assert (report.planned, report.sent) == (1, 1)
    assert runs == 2
    await harness.tick()
    assert len(harness.emulator.messages_to(NEWCOMER.id)) == 1
    assert len(harness.emulator.messages_to(OFFICER.id)) == 1


async def test_a_request_made_today_is_reminded_today(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(2))  # nothing periodic is due on Wednesday 2/12
    assert (await harness.tick()).sent == 0
    answer = await harness.ask(COORDINATOR, "/request 151 10/12 II.1.c | Số liệu nhà ở xã hội")
    assert "10/12/2026" in answer.text
    await harness.tick()
    [reminder] = harness.emulator.messages_to(FINANCE.id)
    assert "đột xuất" in reminder.text and "Số liệu nhà ở xã hội" in reminder.text


async def test_escalation_names_only_reminded_agencies_and_admins_hear_of_unregistered_ones(
    harness: BotHarness,
) -> None:
    scenario = await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    await add_health_department(harness, scenario)
    harness.clock.set(at(11))  # reminders: both registered agencies
    await harness.tick()
    [notice] = texts_to(harness, ADMIN.id)
    assert "chưa có cán bộ đầu mối" in notice and "Sở Y tế" in notice
    assert "/invite Sở Y tế officer" in notice
    assert "Sở Tài chính" not in notice
    harness.clock.set(at(11, hour_local=15))
    await harness.tick()
    assert len(texts_to(harness, ADMIN.id)) == 1  # once a week

    # Monday 21/12, the 3rd working day after the deadline of 16/12, and digest day: one
    # message to the coordinator with the escalation and the digest
    harness.clock.set(at(21))
    await harness.tick()
    harness.clock.set(at(21, hour_local=14))
    await harness.tick()
    [today] = texts_to(harness, COORDINATOR.id)
    assert "⚠️" in today and "🗞" in today
    assert "Sở Tài chính" in today and "Sở Xây dựng" in today
    escalation = today.split("🗞")[0]
    assert "Sở Y tế" not in escalation  # never reminded: it is the admins' line
    assert len(texts_to(harness, ADMIN.id)) == 2  # a new week, the line again


async def test_the_supporting_date_is_between_the_cut_off_and_the_leads_deadline(
    harness: BotHarness,
) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    await harness.tick()
    async with harness.db.transaction() as session:
        period = await session.scalar(
            select(ReportingPeriod).where(ReportingPeriod.key == "2026-Q4")
        )
    assert period is not None
    assert (period.ends_on, period.support_deadline, period.deadline) == (
        date(2026, 12, 14),
        date(2026, 12, 15),
        date(2026, 12, 16),
    )
    # Sở Xây dựng supports II.1.c: its reminder gives its own date for that task
    [reminder] = harness.emulator.messages_to(OFFICER.id)
    assert "hạn gửi ý kiến 15/12/2026" in reminder.text and "16/12/2026" in reminder.text


async def test_a_request_note_over_the_limit_is_refused_naming_it(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(2))
    answer = await harness.ask(COORDINATOR, "/request 151 10/12 | " + "Nội dung dài. " * 110)
    assert "tối đa 1000 ký tự" in answer.text and "chưa được tạo" in answer.text
    async with harness.db.transaction() as session:
        requests = await session.scalar(
            select(func.count()).select_from(ReportingPeriod).where(ReportingPeriod.kind == "adhoc")
        )
    assert requests == 0
    # at the limit it is taken, and every reminder still fits in one message
    answer = await harness.ask(COORDINATOR, "/request 151 10/12 | " + "Ghi chú " * 125)
    assert "10/12/2026" in answer.text
    await harness.tick()
    for user in (OFFICER, FINANCE):
        [reminder] = harness.emulator.messages_to(user.id)
        assert len(reminder.text) <= 4096 and "Ghi chú" in reminder.text


async def test_tasks_header_gives_the_deadline_reminders_give(harness: BotHarness) -> None:
    """Sở Xây dựng leads II.1.a and II.2.a and supports II.1.c: /tasks and the reminder both
    say 16/12 (the lead's deadline), not the supporting date of 15/12."""
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    await harness.tick()
    [reminder] = harness.emulator.messages_to(OFFICER.id)
    answer = await harness.ask(OFFICER, "/tasks")
    assert "(hạn 16/12/2026)" in answer.text and "hạn 14/12" not in answer.text
    assert "16/12/2026" in reminder.text
