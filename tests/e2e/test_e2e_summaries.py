"""Coordinators see who is late and what is blocked, remind the late ones, and download the
workbook, the draft report and the chart; each file is read back and checked."""

from __future__ import annotations

import io

import docx
import openpyxl
from sqlalchemy import select

from plans.model import PlanDraft, PlanInfo, ReportingSchedule, TaskDraft
from plans.registry import add_agency
from plans.store import save_plan
from storage.models import Agency, Assignment, Member, Plan, Task
from tests.auxil.harness import BotHarness
from tests.auxil.process import wait_until
from tests.auxil.scenario import seed
from tests.auxil.transactions import OpenTransactions
from tests.conftest import ADMIN, COORDINATOR, OFFICER, STRANGER
from tests.e2e.test_e2e_reporting import FINANCE, at

NOTE = "thiếu vốn <đối ứng> & mặt bằng *_chưa_* 🚧"


async def reported(bot: BotHarness) -> None:
    await seed(bot.db, OFFICER, FINANCE, COORDINATOR)
    bot.clock.set(at(11))
    await bot.ask(OFFICER, "II.1.a xong")
    await bot.ask(OFFICER, f"II.2.a vướng mắc: {NOTE}")


async def test_summary_counts_the_classes_and_lists_agencies(harness: BotHarness) -> None:
    await reported(harness)
    summary = await harness.ask(COORDINATOR, "/summary")
    text = summary.text
    assert "151/KH-UBND" in text and "Quý IV/2026" in text and "16/12/2026" in text
    # tasks, one status each from its lead agencies; the blocked one stays visible
    assert "Nhiệm vụ (theo cơ quan chủ trì): 3" in text
    assert "Hoàn thành đúng hạn: 1" in text and "Chưa báo cáo: 1" in text
    assert "Đang thực hiện trong hạn: 1 (⚠️ có vướng mắc 1, ⏸ chưa thực hiện 0)" in text
    assert "Tỷ lệ hoàn thành: 33,3% (1/3 nhiệm vụ)" in text
    # agencies, in their own unit, with the supporting part in its own column
    assert "Cơ quan đã báo cáo đủ: 0/2 cơ quan" in text
    assert "Sở Tài chính: 0/1" in text
    assert "Sở Xây dựng: 2/3 (trong đó phối hợp 0/1), ⚠️ vướng 1" in text

    drill = next(d for t, d in summary.buttons() if "Sở Xây dựng" in t)
    detail = await harness.press(COORDINATOR, summary, drill)
    # each task says whether the agency leads it or supports it
    assert "II.1.c" in detail.text and "(phối hợp) — chưa gửi ý kiến" in detail.text
    assert "II.1.a" in detail.text and "(chủ trì)" in detail.text

    previous = next(d for t, d in summary.buttons() if "Kỳ trước" in t)
    older = await harness.press(COORDINATOR, summary, previous)
    assert "Quý III/2026" in older.text


async def test_missing_and_remind_now(harness: BotHarness) -> None:
    await reported(harness)
    missing = await harness.ask(COORDINATOR, "/missing")
    assert "Sở Tài chính: thiếu 1 (cán bộ: Lê Tài Chính)" in missing.text
    before = len(harness.emulator.messages_to(FINANCE.id))
    remind = next(d for t, d in missing.buttons() if d.startswith("mr:"))
    confirmation = await harness.press(COORDINATOR, missing, remind)
    assert "Đã xếp 2 tin nhắc" in confirmation.text
    reminder = await harness.emulator.wait_for(
        lambda m: m.chat_id == FINANCE.id and "II.1.c" in m.text,
        after=len(harness.emulator.sent) - 3,
    )
    assert len(harness.emulator.messages_to(FINANCE.id)) == before + 1
    assert "Sở Tài chính" in reminder.text


async def test_blockers_and_task_history_show_notes_as_written(harness: BotHarness) -> None:
    await reported(harness)
    blockers = await harness.ask(COORDINATOR, "/blockers")
    assert NOTE in blockers.text and "Sở Xây dựng" in blockers.text and "II.2.a" in blockers.text
    history = await harness.ask(COORDINATOR, "/task II.2.a")
    assert "Chủ trì: Sở Xây dựng" in history.text and "Quý IV/2026" in history.text
    assert NOTE in history.text
    unknown = await harness.ask(COORDINATOR, "/task Z.9")
    assert "Không tìm thấy" in unknown.text
    period = await harness.ask(COORDINATOR, "/summary 151 quý 9/2026")
    assert "Không hiểu kỳ" in period.text


async def test_export_files_match_the_database(harness: BotHarness) -> None:
    await reported(harness)
    mark = len(harness.emulator.sent)
    harness.send(COORDINATOR, "/export")
    workbook_msg = await harness.emulator.wait_for(
        lambda m: m.document is not None and m.document["file_name"].endswith(".xlsx"), after=mark
    )
    report_msg = await harness.emulator.wait_for(
        lambda m: m.document is not None and m.document["file_name"].endswith(".docx"), after=mark
    )
    book = openpyxl.load_workbook(io.BytesIO(workbook_msg.document["content"]))  # type: ignore[index]
    sheet = book.worksheets[1]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    async with harness.db.transaction() as session:
        assignments = (
            await session.execute(
                select(Task.ref, Assignment.role).join(Assignment, Assignment.task_id == Task.id)
            )
        ).all()
    assert len(rows) == len(assignments) == 4
    by_ref = {(r[1], r[4]): r for r in rows}
    blocked = by_ref[("II.2.a", "Sở Xây dựng")]
    assert NOTE in blocked and "Có vướng mắc" in blocked
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref

    document = docx.Document(io.BytesIO(report_msg.document["content"]))  # type: ignore[index]
    text = "\n".join(p.text for p in document.paragraphs)
    tables = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "151/KH-UBND" in text and "Quý IV/2026" in text
    assert NOTE in text + tables


async def test_chart_is_a_png(harness: BotHarness) -> None:
    await reported(harness)
    mark = len(harness.emulator.sent)
    harness.send(COORDINATOR, "/chart")
    photo = await harness.emulator.wait_for(lambda m: m.photo is not None, after=mark)
    assert photo.photo["content"].startswith(b"\x89PNG")  # type: ignore[index]


async def test_only_coordinators_see_summaries(harness: BotHarness) -> None:
    await reported(harness)
    for command in ("/summary", "/missing", "/blockers", "/export", "/task II.1.a"):
        reply = await harness.ask(OFFICER, command)
        assert "không có quyền" in reply.text, command
        reply = await harness.ask(STRANGER, command)
        assert "chưa được kích hoạt" in reply.text, command


async def test_long_summary_is_split_under_the_limit(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    async with harness.db.transaction() as session:
        plan = (await session.scalars(select(Plan))).one()
        task = await session.scalar(select(Task).where(Task.ref == "II.1.a"))
        assert task is not None
        for i in range(150):
            agency = await add_agency(session, f"Ủy ban nhân dân xã số {i} <thử> & kiểm tra độ dài")
            session.add(Assignment(task_id=task.id, agency_id=agency.id, role="support"))
        del plan
    harness.clock.set(at(11))
    mark = len(harness.emulator.sent)
    harness.send(COORDINATOR, "/summary")
    last = await harness.emulator.wait_for(
        lambda m: m.chat_id == COORDINATOR.id and bool(m.buttons()), after=mark
    )
    parts = [m for m in harness.emulator.sent[mark:] if m.chat_id == COORDINATOR.id]
    assert len(parts) > 1 and last is parts[-1]
    assert all(len(m.text) <= 4096 for m in parts)
    joined = "\n".join(m.text for m in parts)
    assert joined.count("Ủy ban nhân dân xã số") == 150


async def test_no_plan_and_empty_period_answer_clearly(harness: BotHarness) -> None:
    reply = await harness.ask(COORDINATOR, "/summary")
    assert "chưa được kích hoạt" in reply.text
    async with harness.db.transaction() as session:
        agency = await add_agency(session, "Sở Xây dựng")
        session.add(
            Member(
                telegram_user_id=COORDINATOR.id,
                full_name="C",
                agency_id=agency.id,
                role="coordinator",
            )
        )
    reply = await harness.ask(COORDINATOR, "/summary")
    assert "Chưa có kế hoạch" in reply.text


async def test_weekly_digest_goes_out_once(harness: BotHarness) -> None:
    await reported(harness)
    harness.clock.set(at(14, hour_local=9))  # Monday 09:00, after the 08:30 digest time
    await harness.tick()
    digests = [
        m for m in harness.emulator.messages_to(COORDINATOR.id) if "Tin tổng hợp tuần" in m.text
    ]
    assert len(digests) == 1
    digest = digests[0].text
    # reports are counted as reports, tasks and agencies as /summary gives them: never a
    # count of reports presented as tasks done (docs/counting.md, section 8)
    assert "2 báo cáo mới" in digest and "nhiệm vụ hoàn thành" not in digest
    assert "Nhiệm vụ: hoàn thành 1/3; ⚠️ có vướng mắc 1, ⏸ chưa thực hiện 0" in digest
    assert "0/2 đã báo cáo đủ" in digest and "hôm nay" not in digest
    # the agencies not reported in full, each with what it still owes
    assert "Chưa báo cáo đủ (2 cơ quan)" in digest
    assert "• Sở Tài chính: còn " in digest and "• Sở Xây dựng: còn 1/3 báo cáo" in digest
    assert NOTE in digest
    harness.clock.set(at(14, hour_local=11))
    await harness.tick()
    again = [
        m for m in harness.emulator.messages_to(COORDINATOR.id) if "Tin tổng hợp tuần" in m.text
    ]
    assert len(again) == 1


# -- the first week: commands answer what was asked ----------------------------------------------
PROGRAMME = PlanDraft(
    plan=PlanInfo(
        number="15-CTr/TU",
        title="Chương trình hành động thực hiện Nghị quyết 06-NQ/TW",
        issuer="Tỉnh ủy Hà Tĩnh",
        coordinator="Sở Xây dựng",
    ),
    tasks=[
        TaskDraft(ref="III.2.a", title="Phát triển đô thị thông minh", lead=["Sở Tài chính"]),
        TaskDraft(ref="A1.1", title="Hạ tầng số đô thị", lead=["Sở Xây dựng"]),
    ],
    reporting=ReportingSchedule(frequencies=["quarterly"]),
)


async def two_plans(bot: BotHarness) -> None:
    await reported(bot)
    async with bot.db.transaction() as session:
        await save_plan(session, PROGRAMME)


async def test_a_plan_number_given_whole_names_that_plan_alone(harness: BotHarness) -> None:
    await two_plans(harness)
    reply = await harness.ask(COORDINATOR, "/summary 15")
    assert "15-CTr/TU" in reply.text and "151/KH-UBND" not in reply.text
    reply = await harness.ask(COORDINATOR, "/summary 151")
    assert "151/KH-UBND" in reply.text
    reply = await harness.ask(COORDINATOR, "/missing 15")
    assert "15-CTr/TU" in reply.text and "151" not in reply.text.replace("15-CTr/TU", "")
    mark = len(harness.emulator.sent)
    harness.send(COORDINATOR, "/export 15")
    draft = await harness.emulator.wait_for(
        lambda m: m.document is not None and m.document["file_name"].endswith(".docx"), after=mark
    )
    files = [m.document["file_name"] for m in harness.emulator.sent[mark:] if m.document]
    assert files == ["15-ctr-tu-quy-iv-2026.xlsx", "bao-cao-15-ctr-tu-quy-iv-2026.docx"]
    assert "15-CTr/TU" in draft.text
    # a prefix that is no number given whole still asks, with a button for each plan it fits
    choose = await harness.ask(COORDINATOR, "/summary 1")
    assert "chọn" in choose.text
    assert sorted(t for t, _ in choose.buttons()) == ["15-CTr/TU", "151/KH-UBND"]
    request = await harness.ask(COORDINATOR, "/request 1 28/12/2026 | số liệu")
    assert "nhiều kế hoạch: 151/KH-UBND, 15-CTr/TU" in request.text
    request = await harness.ask(COORDINATOR, "/request 15 28/12/2026 | số liệu")
    assert "đột xuất cho 15-CTr/TU: 2 nhiệm vụ" in request.text


async def test_short_refs_work_wherever_refs_are_taken(harness: BotHarness) -> None:
    await two_plans(harness)
    task = await harness.ask(COORDINATOR, "/task 1c")
    assert "II.1.c" in task.text and "Sở Tài chính" in task.text
    ambiguous = await harness.ask(COORDINATOR, "/task 2a")  # II.2.a of 151, III.2.a of 15
    assert "nhiều nhiệm vụ" in ambiguous.text and "151/KH-UBND" in ambiguous.text
    task = await harness.ask(COORDINATOR, "/task 2a 151")
    assert "II.2.a" in task.text and NOTE in task.text
    task = await harness.ask(COORDINATOR, "/task a1.1")
    assert "A1.1" in task.text and "Hạ tầng số đô thị" in task.text

    created = await harness.ask(COORDINATOR, "/request 151 28/12/2026 II.1.a,II.2.a | số liệu")
    assert "2 nhiệm vụ" in created.text, created.text
    created = await harness.ask(COORDINATOR, "/request 151 28/12/2026 1c, 2a")
    assert "2 nhiệm vụ" in created.text, created.text
    unknown = await harness.ask(COORDINATOR, "/request 151 28/12/2026 II.1.a,II.9")
    assert "không có nhiệm vụ: II.9" in unknown.text

    assigned = await harness.ask(ADMIN, "/assign 151 2a Sở Tài chính support")
    assert "II.2.a" in assigned.text and "✅" in assigned.text
    unknown = await harness.ask(ADMIN, "/assign 151 II.9 Sở Xây dựng lead")
    assert "Không có nhiệm vụ «II.9» trong kế hoạch 151/KH-UBND" in unknown.text


async def test_every_agency_can_be_opened_from_the_summary(harness: BotHarness) -> None:
    await reported(harness)
    async with harness.db.transaction() as session:
        task = await session.scalar(select(Task).where(Task.ref == "II.1.c"))
        assert task is not None
        for i in range(20):
            agency = await add_agency(session, f"UBND xã số {i:02d}")
            session.add(Assignment(task_id=task.id, agency_id=agency.id, role="support"))
        names = set((await session.scalars(select(Agency.name))).all())
    summary = await harness.ask(COORDINATOR, "/summary")
    assert len([d for _, d in summary.buttons() if d.startswith("sa:")]) <= 8
    reachable: dict[str, str] = {}
    page, pages_seen = summary, 0
    while True:
        pages_seen += 1
        buttons = page.buttons()
        reachable.update((t.removeprefix("🏢 "), d) for t, d in buttons if d.startswith("sa:"))
        following = [d for t, d in buttons if d.startswith("sg:") and "▶" in t]
        if not following:
            break
        harness.emulator.press_button(harness.token, COORDINATOR, page, following[0])
        await wait_until(lambda b=buttons: harness.emulator.as_shown(summary).buttons() != b)
        page = harness.emulator.as_shown(summary)  # the summary's buttons, turned a page
        assert page.edited and page.text == summary.text
    assert set(reachable) == names and pages_seen == 3
    # the agency that did report, last in the order, opens like the others
    detail = await harness.press(COORDINATOR, page, reachable["Sở Xây dựng"])
    assert "II.2.a" in detail.text and "Có vướng mắc" in detail.text


async def test_remind_now_twice_says_when_they_were_reminded(harness: BotHarness) -> None:
    await reported(harness)
    missing = await harness.ask(COORDINATOR, "/missing")
    remind = next(d for t, d in missing.buttons() if d.startswith("mr:"))
    first = await harness.press(COORDINATOR, missing, remind)
    assert "Đã xếp 2 tin nhắc" in first.text
    await harness.emulator.wait_for(lambda m: m.chat_id == FINANCE.id and "II.1.c" in m.text)
    to_finance = len(harness.emulator.messages_to(FINANCE.id))
    harness.clock.set(at(11, hour_local=10))
    again = await harness.press(COORDINATOR, missing, remind)
    assert "đã được nhắc hôm nay lúc 09:00" in again.text and "2 tin" in again.text
    assert "Đã xếp 0" not in again.text
    await harness.idle()
    assert len(harness.emulator.messages_to(FINANCE.id)) == to_finance
    harness.clock.set(at(14))  # the next working day a press reminds again
    third = await harness.press(COORDINATOR, missing, remind)
    assert "Đã xếp 2 tin nhắc" in third.text


async def test_members_and_task_read_properly(harness: BotHarness) -> None:
    await reported(harness)
    await harness.ask(ADMIN, "/whoami")
    members = await harness.ask(ADMIN, "/members")
    admin_line = next(line for line in members.text.splitlines() if "Quản Trị" in line)
    assert "— —" not in admin_line and ", —" not in admin_line
    assert "quản trị — id" in admin_line
    assert "cán bộ báo cáo, Sở Xây dựng" in members.text

    mark = len(harness.emulator.sent)  # a file after the II.2.a report is its evidence
    harness.emulator.send_document(harness.token, OFFICER, "Bien-ban-nghiem-thu.pdf", b"%PDF-1")
    saved = await harness.emulator.wait_for(
        lambda m: "Bien-ban-nghiem-thu.pdf" in m.text, after=mark
    )
    assert "II.2.a" in saved.text
    task = await harness.ask(COORDINATOR, "/task II.2.a")
    assert "Minh chứng (1): Bien-ban-nghiem-thu.pdf" in task.text


async def test_overlong_input_is_refused_naming_the_limit(harness: BotHarness) -> None:
    await reported(harness)
    for command in ("/summary", "/task", "/request 151", "/members", "/unknowncommand"):
        user = ADMIN if command == "/members" else COORDINATOR
        reply = await harness.ask(user, f"{command} {'x' * 4000}")
        assert "quá giới hạn 2000 ký tự" in reply.text, (command, reply.text)
    reply = await harness.ask(COORDINATOR, f"/summary {'<&' * 900}")
    assert "Không hiểu kỳ" in reply.text and len(reply.raw_text) < 4096
    note = "nghỉ bù " * 40
    reply = await harness.ask(ADMIN, f"/dayoff 24/12/2026 {note}")
    assert "tối đa 300 ký tự" in reply.text
    listed = await harness.ask(ADMIN, "/dayoff")
    assert "24/12/2026" not in listed.text  # nothing half-saved
    saved = await harness.ask(ADMIN, "/dayoff 24/12/2026 nghỉ bù")
    assert "nghỉ bù" in saved.text


async def test_no_transaction_is_open_while_a_coordinators_answer_is_slow(
    harness: BotHarness,
) -> None:
    """Compute, commit, then talk: every answer to the coordinator and the admin (slowed down to
    0.2 s each) is awaited with no database transaction open, refusals and questions included."""
    await two_plans(harness)
    counter = OpenTransactions(harness.db)
    harness.emulator.chat_delays.update({COORDINATOR.id: 0.2, ADMIN.id: 0.2})
    dispatcher, harness.svc.dispatcher = harness.svc.dispatcher, None  # its sends are not ours
    try:
        choose = await harness.ask(COORDINATOR, "/summary 1")  # which plan?
        summary = await harness.press(COORDINATOR, choose, choose.buttons()[0][1])
        await harness.ask(COORDINATOR, "/summary 151 quý 9/2026")  # unknown period
        missing = await harness.ask(COORDINATOR, "/missing 151")
        remind = next(d for _, d in missing.buttons() if d.startswith("mr:"))
        await harness.press(COORDINATOR, missing, remind)
        await harness.press(COORDINATOR, missing, remind)  # already reminded
        drill = next(d for _, d in summary.buttons() if d.startswith("sa:"))
        await harness.press(COORDINATOR, summary, drill)
        await harness.ask(COORDINATOR, "/task 2a")  # ambiguous
        await harness.ask(COORDINATOR, "/task 2a 151")
        await harness.ask(COORDINATOR, "/request 151 28/12/2026 II.9 | x")  # unknown task
        await harness.ask(COORDINATOR, "/request 15 28/12/2026 | số liệu")
        await harness.ask(ADMIN, "/assign 151 II.9 Sở Xây dựng lead")
        await harness.ask(ADMIN, "/assign 151 2a Sở Tài chính support")
        await harness.ask(ADMIN, "/invite Sở Không Có officer")
        await harness.ask(ADMIN, "/members")
        await harness.ask(ADMIN, "/dayoff 24/12/2026 nghỉ bù")
        await harness.ask(ADMIN, f"/summary {'x' * 2500}")
        await harness.idle()
    finally:
        harness.emulator.chat_delays.clear()
        harness.svc.dispatcher = dispatcher
    assert harness.emulator.delayed_calls, "no slowed-down call was observed"
    assert counter.held_across(harness.emulator.delayed_calls) == []
