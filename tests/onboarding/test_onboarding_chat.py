"""Onboarding through the real Application: the admin's letter, an officer joining with a link
from it and giving name and position in one message, /onboarding tracking, and a move that
waits for the officer's and an admin's yes."""

from __future__ import annotations

import io

import docx
import openpyxl
from sqlalchemy import select

from emulator import FakeUser
from storage.models import Member
from tests.auxil.harness import BotHarness
from tests.auxil.scenario import seed
from tests.auxil.transactions import OpenTransactions
from tests.conftest import ADMIN, COORDINATOR, OFFICER
from tests.onboarding.qr_reading import cell_images, encodes

FINANCE = FakeUser(900011, "Lê", "Tài Chính")
NEWCOMER = FakeUser(900021, "Phạm", "Mới")
SECOND = FakeUser(900022, "Võ", "Hai")
THIRD = FakeUser(900023, "Đỗ", "Ba")


async def letter(bot: BotHarness, command: str) -> tuple[docx.document.Document, list[list[str]]]:
    mark = len(bot.emulator.sent)
    bot.send(ADMIN, command)
    word = await bot.emulator.wait_for(
        lambda m: m.document is not None and m.document["file_name"].endswith(".docx"), after=mark
    )
    excel = await bot.emulator.wait_for(
        lambda m: m.document is not None and m.document["file_name"].endswith(".xlsx"), after=mark
    )
    document = docx.Document(io.BytesIO(word.document["content"]))  # type: ignore[index]
    book = openpyxl.load_workbook(io.BytesIO(excel.document["content"]))  # type: ignore[index]
    rows = [[str(c.value or "") for c in r] for r in book.active.iter_rows(min_row=3)]  # type: ignore[union-attr]
    return document, rows


async def test_letter_links_admit_two_officers_each_and_tracking_follows(
    harness: BotHarness,
) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    async with harness.db.transaction() as session:  # start with no officer in either agency
        for member in await session.scalars(select(Member).where(Member.role == "officer")):
            member.active = False
    document, rows = await letter(harness, "/onboarding letter 151")
    table = document.tables[-1]
    assert [r.cells[1].text for r in table.rows[1:]] == ["Sở Tài chính", "Sở Xây dựng"]
    username = harness.application.bot.username
    for row, listed in zip(table.rows[1:], rows, strict=True):
        link = row.cells[2].text.split("\n")[0]
        assert link.startswith(f"https://t.me/{username}?start=") and listed[2] == link
        (image,) = cell_images(document, row.cells[3])
        assert encodes(image, link)
    construction = next(r[2] for r in rows if r[1] == "Sở Xây dựng")
    token = construction.split("start=")[1]

    joined = await harness.ask(NEWCOMER, f"/start {token}")
    assert "Sở Xây dựng" in joined.text and "họ tên và chức vụ" in joined.text
    again = await harness.ask(NEWCOMER, "Phạm Mới")
    assert "Chưa đọc được" in again.text
    saved = await harness.ask(NEWCOMER, "Phạm Văn Mới, Chuyên viên Phòng Quy hoạch")
    assert "Phạm Văn Mới" in saved.text and "Chuyên viên Phòng Quy hoạch" in saved.text
    assert "Sở Xây dựng" in (await harness.ask(NEWCOMER, "/whoami")).text

    assert "Sở Xây dựng" in (await harness.ask(SECOND, f"/start {token}")).text
    full = await harness.ask(THIRD, f"/start {token}")
    assert "đã đủ số cán bộ" in full.text
    assert "chưa được kích hoạt" in (await harness.ask(THIRD, "/whoami")).text

    status = await harness.ask(ADMIN, "/onboarding 151")
    assert "1/2 cơ quan, đơn vị đã có cán bộ" in status.text
    assert "Chưa có cán bộ đầu mối (1)" in status.text and "Sở Tài chính" in status.text
    assert "Phạm Văn Mới, Chuyên viên Phòng Quy hoạch, tham gia" in status.text
    refused = await harness.ask(COORDINATOR, "/onboarding")
    assert "dành cho quản trị" in refused.text


async def test_moving_to_another_agency_asks_the_officer_and_an_admin(
    harness: BotHarness,
) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    await harness.ask(ADMIN, "/start")  # the admin has a chat with the bot
    reply = await harness.ask(ADMIN, "/onboarding link Sở Tài chính 1 chỗ")
    token = reply.text.split("start=")[1].split()[0]

    asked = await harness.ask(OFFICER, f"/start {token}")
    assert "Sở Xây dựng" in asked.text and "Sở Tài chính" in asked.text
    yes = next(d for t, d in asked.buttons() if d.endswith(":y"))
    mark = len(harness.emulator.sent)
    waiting = await harness.press(OFFICER, asked, yes)
    assert "quản trị viên" in waiting.text
    question = await harness.emulator.wait_for(
        lambda m: m.chat_id == ADMIN.id and "đề nghị chuyển" in m.text, after=mark
    )
    assert "Sở Xây dựng" in (await harness.ask(OFFICER, "/whoami")).text  # not moved yet

    forged = question.buttons()[0][1].replace("ma:", "ma:9")
    harness.emulator.press_button(harness.token, OFFICER, question, forged)
    approve = next(d for t, d in question.buttons() if d.endswith(":y"))
    mark = len(harness.emulator.sent)
    await harness.press(ADMIN, question, approve)
    told = await harness.emulator.wait_for(
        lambda m: m.chat_id == OFFICER.id and "đã chuyển sang" in m.text, after=mark
    )
    assert "Sở Tài chính" in told.text
    assert "Sở Tài chính" in (await harness.ask(OFFICER, "/whoami")).text


async def test_no_transaction_is_open_while_onboarding_answers_are_slow(
    harness: BotHarness,
) -> None:
    """Compute, commit, then talk: every onboarding answer (slowed down to 0.2 s each), the
    refusals and the move questions included, is awaited with no database transaction open."""
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    await harness.ask(ADMIN, "/start")
    counter = OpenTransactions(harness.db)
    slow = {ADMIN.id: 0.2, OFFICER.id: 0.2, NEWCOMER.id: 0.2}
    harness.emulator.chat_delays.update(slow)
    try:
        await harness.ask(ADMIN, "/onboarding")
        await harness.ask(ADMIN, "/onboarding 999")  # unknown plan
        await harness.ask(ADMIN, "/onboarding letter 999")
        await harness.ask(ADMIN, "/onboarding link Sở Không Có 2 chỗ")  # unknown agency
        await harness.ask(ADMIN, "/onboarding revoke Sở Không Có")
        link = await harness.ask(ADMIN, "/onboarding link Sở Tài chính 1 chỗ")
        token = link.text.split("start=")[1].split()[0]
        await harness.ask(NEWCOMER, f"/start {token}")
        await harness.ask(NEWCOMER, "chưa rõ")  # not a name and position
        await harness.ask(NEWCOMER, "Phạm Văn Mới, Chuyên viên")
        asked = await harness.ask(OFFICER, f"/start {token}")  # another agency: a move
        mark = len(harness.emulator.sent)
        await harness.press(OFFICER, asked, next(d for _, d in asked.buttons() if d.endswith("y")))
        question = await harness.emulator.wait_for(
            lambda m: m.chat_id == ADMIN.id and "đề nghị chuyển" in m.text, after=mark
        )
        await harness.press(ADMIN, question, next(d for _, d in question.buttons() if "y" in d))
        await harness.ask(ADMIN, "/onboarding revoke Sở Tài chính")
        await harness.idle()
    finally:
        harness.emulator.chat_delays.clear()
    assert harness.emulator.delayed_calls, "no slowed-down call was observed"
    assert counter.held_across(harness.emulator.delayed_calls) == []


# -- round 3 (issue 24: 8) -----------------------------------------------------------------------
async def test_agencies_whose_names_end_in_a_number_get_their_link(harness: BotHarness) -> None:
    """The seat count is said with its word ("3 chỗ", "chỗ=3"): a number at the end of the
    name is the name's ("UBND Phường 12"), never a seat count."""
    from datetime import timedelta

    from plans.registry import add_agency
    from storage.models import JoinLink

    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    async with harness.db.transaction() as session:
        await add_agency(session, "UBND Phường 12")
        await add_agency(session, "UBND Phường 1")

    async def link(command: str) -> tuple[str, int, timedelta]:
        reply = await harness.ask(ADMIN, command)
        assert "start=" in reply.text, reply.text
        async with harness.db.transaction() as session:
            row = await session.scalar(select(JoinLink).order_by(JoinLink.id.desc()).limit(1))
            assert row is not None
            await session.refresh(row, ["agency"])
            return row.agency.name, row.capacity, row.expires_at - row.created_at

    assert await link("/onboarding link UBND Phường 12") == ("UBND Phường 12", 2, timedelta(30))
    assert await link("/onboarding link UBND Phường 12 3 chỗ") == (
        "UBND Phường 12",
        3,
        timedelta(30),
    )
    assert await link("/onboarding link UBND Phường 12 chỗ=3 7 ngày") == (
        "UBND Phường 12",
        3,
        timedelta(7),
    )
    assert await link("/onboarding link UBND Phường 1 5 cán bộ 30d") == (
        "UBND Phường 1",
        5,
        timedelta(30),
    )
    # a bare number after a name that does not end in one: not taken as seats, and said how
    reply = await harness.ask(ADMIN, "/onboarding link Sở Tài chính 3")
    assert "start=" not in reply.text
    assert "3 chỗ" in reply.text
    usage = await harness.ask(ADMIN, "/onboarding link")
    assert "chỗ" in usage.text
    too_many = await harness.ask(ADMIN, "/onboarding link UBND Phường 12 99 chỗ")
    assert "start=" not in too_many.text and "chỗ" in too_many.text


# -- round 3 (issue 24: 4) -----------------------------------------------------------------------
async def test_a_revoked_member_cannot_walk_back_in_through_any_link(harness: BotHarness) -> None:
    """Revoke ends every way in: a revoked officer opening a live join link (of their own agency
    or of another) is refused, no seat is taken and an admin is told; an invite made before the
    revocation is refused too; only an invite an admin makes afterwards lets them back."""
    from storage.models import JoinLink

    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    await harness.ask(ADMIN, "/start")
    own = await harness.ask(ADMIN, "/onboarding link Sở Xây dựng 2 chỗ")
    other = await harness.ask(ADMIN, "/onboarding link Sở Tài chính 2 chỗ")
    early = await harness.ask(ADMIN, "/invite Sở Tài chính officer")
    assert "thu hồi" in (await harness.ask(ADMIN, f"/revoke {OFFICER.id}")).text

    def token_of(message: object) -> str:
        return str(getattr(message, "text", "")).split("start=")[1].split()[0]

    for link in (own, other, early):
        mark = len(harness.emulator.sent)
        refused = await harness.ask(OFFICER, f"/start {token_of(link)}")
        assert "thu hồi" in refused.text and "quản trị" in refused.text, refused.text
        told = await harness.emulator.wait_for(
            lambda m: m.chat_id == ADMIN.id and "Nguyễn Văn An" in m.text, after=mark
        )
        assert "thu hồi" in told.text and "từ chối" in told.text
    async with harness.db.transaction() as session:
        member = await session.scalar(select(Member).where(Member.telegram_user_id == OFFICER.id))
        assert member is not None and not member.active
        assert member.agency_id == (await session.get(Member, member.id)).agency_id  # type: ignore[union-attr]
        seats = (await session.scalars(select(JoinLink.used))).all()
    assert list(seats) == [0, 0]
    assert "kích hoạt" in (await harness.ask(OFFICER, "/help")).text  # still nobody
    # an admin who wants them back says so with a new invite
    later = await harness.ask(ADMIN, "/invite Sở Tài chính officer")
    back = await harness.ask(OFFICER, f"/start {token_of(later)}")
    assert "Sở Tài chính" in back.text and "thu hồi" not in back.text


# -- round 3 (issue 24: 5) -----------------------------------------------------------------------
async def test_reports_typed_before_the_profile_step_are_recorded(harness: BotHarness) -> None:
    """Right after joining, a report is recognised as one and recorded (the name is asked
    afterwards); "Xong, đã nộp báo cáo quý" is a report, never the name "Xong"."""
    from datetime import UTC, datetime

    from storage.models import JoinLinkUse, Report, Task

    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(datetime(2026, 12, 11, 2, 0, tzinfo=UTC))  # in Q4, before the deadline
    await harness.ask(ADMIN, "/start")
    link = await harness.ask(ADMIN, "/onboarding link Sở Xây dựng 2 chỗ")
    token = link.text.split("start=")[1].split()[0]
    joined = await harness.ask(NEWCOMER, f"/start {token}")
    assert "họ tên và chức vụ" in joined.text

    mark = len(harness.emulator.sent)
    harness.send(NEWCOMER, "II.1.a xong")
    confirmed = await harness.emulator.wait_for(
        lambda m: m.chat_id == NEWCOMER.id and "Đã ghi nhận" in m.text, after=mark
    )
    assert "II.1.a" in confirmed.text
    asked = await harness.emulator.wait_for(
        lambda m: m.chat_id == NEWCOMER.id and "họ tên và chức vụ" in m.text, after=mark
    )
    assert asked.message_id > confirmed.message_id  # the name is asked after the report

    mark = len(harness.emulator.sent)
    harness.send(NEWCOMER, "Xong, đã nộp báo cáo quý")
    which = await harness.emulator.wait_for(
        lambda m: m.chat_id == NEWCOMER.id and bool(m.buttons()), after=mark
    )
    pick = next(data for text, data in which.buttons() if "II.2.a" in text)
    # the question comes first, then the reminder that the name is still missing
    await harness.emulator.wait_for(
        lambda m: m.chat_id == NEWCOMER.id and "họ tên và chức vụ" in m.text, after=mark
    )
    await harness.idle()
    assert not any("Cảm ơn" in m.text for m in harness.emulator.messages_to(NEWCOMER.id))
    await harness.press(NEWCOMER, which, pick)
    saved = await harness.ask(NEWCOMER, "Phạm Văn Mới, Chuyên viên Phòng Quy hoạch")
    assert "Phạm Văn Mới" in saved.text

    async with harness.db.transaction() as session:
        use = await session.scalar(select(JoinLinkUse))
        assert use is not None and use.declared_name == "Phạm Văn Mới"
        rows = await session.execute(
            select(Task.ref, Report.status).join(Task, Task.id == Report.task_id)
        )
        recorded = dict(rows.all())
    assert recorded == {"II.1.a": "done", "II.2.a": "done"}
