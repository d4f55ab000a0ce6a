"""The first week, as Vietnamese coordinators and officers use it: questions in words, the
plan remembered, periods without their year, dead ends that now answer."""

from __future__ import annotations

from tests.auxil.harness import BotHarness
from tests.auxil.scenario import seed
from tests.conftest import COORDINATOR, OFFICER
from tests.e2e.test_e2e_reporting import FINANCE, at


async def test_a_coordinators_question_in_words_gets_the_summary(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    await harness.ask(OFFICER, "II.1.a xong")
    answer = await harness.ask(COORDINATOR, "tình hình kế hoạch 151 thế nào?")
    assert "151/KH-UBND" in answer.text and "Hoàn thành đúng hạn: 1" in answer.text
    late = await harness.ask(COORDINATOR, "đơn vị nào chưa báo cáo?")
    assert "Sở Tài chính: thiếu 1" in late.text
    # an officer's question is not answered with a summary
    officer = await harness.ask(OFFICER, "tình hình kế hoạch 151 thế nào?")
    assert "Hoàn thành đúng hạn" not in officer.text


async def test_periods_without_their_year_and_the_plan_remembered(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    half = await harness.ask(COORDINATOR, "/summary 151 6 tháng")
    assert "6 tháng đầu năm 2026" in half.text
    quarter = await harness.ask(COORDINATOR, "/summary quý IV")
    assert "Quý IV/2026" in quarter.text
    unknown = await harness.ask(COORDINATOR, "/summary 151 mùa thu")
    assert "6 tháng đầu năm 2026" in unknown.text  # the hint shows the half-year form


async def test_a_task_without_a_lead_says_it_needs_one(harness: BotHarness) -> None:
    scenario = await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    from sqlalchemy import delete, select

    from storage.models import Assignment, Task

    async with harness.db.transaction() as session:
        task = await session.scalar(
            select(Task).where(Task.plan_id == scenario.plan.id, Task.ref == "II.2.a")
        )
        assert task is not None
        await session.execute(delete(Assignment).where(Assignment.task_id == task.id))
    answer = await harness.ask(COORDINATOR, "/task II.2.a")
    assert "chưa có cơ quan chủ trì" in answer.text and "/assign 151/KH-UBND II.2.a" in answer.text


async def test_reminders_without_a_word_show_their_state_and_switch(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    state = await harness.ask(OFFICER, "/reminders")
    assert "đang <b>bật</b>" in state.raw_text
    [(label, data)] = state.buttons()
    assert "Tắt" in label
    switched = await harness.press(OFFICER, state, data)
    assert "Đã tắt" in switched.text
    again = await harness.ask(OFFICER, "/reminders")
    assert "đang <b>tắt</b>" in again.raw_text


async def test_invite_takes_the_words_a_vietnamese_admin_uses(harness: BotHarness) -> None:
    from datetime import date

    from plans.registry import setup_province
    from plans.starter import load_directory
    from tests.conftest import ADMIN

    async with harness.db.transaction() as session:
        await setup_province(session, "Quảng Ngãi", load_directory(), on=date(2026, 11, 23))
    for words, role in (
        ("Sở Y tế cán bộ", "cán bộ báo cáo"),
        ("Sở Y tế dieu phoi", "điều phối"),
        ("Sở Y tế quản trị 3d", "quản trị"),
        ("Sở Y tế officer", "cán bộ báo cáo"),
    ):
        reply = await harness.ask(ADMIN, f"/invite {words}")
        assert "Lời mời cho Sở Y tế" in reply.text and role in reply.text, (words, reply.text)
    # a former department: the invite goes to its successor, and says so
    moved = await harness.ask(ADMIN, "/invite Sở Kế hoạch và Đầu tư cán bộ")
    assert "nay là Sở Tài chính" in moved.text and "Lời mời cho Sở Tài chính" in moved.text
    # an abolished district committee: what took its place, never "ask an admin to add it"
    district = await harness.ask(ADMIN, "/invite UBND huyện Sơn Tịnh cán bộ")
    assert "không còn" in district.text and "quản trị viên thêm" not in district.text
    usage = await harness.ask(ADMIN, "/invite Sở Y tế")
    assert "cán bộ" in usage.text and "điều phối" in usage.text
