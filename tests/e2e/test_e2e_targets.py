"""A plan's targets through the real bot (docs/counting.md, section 9): programme 15-CTr/TU sent
by an admin, its targets in the preview with who will provide each figure (one changed with
the preview's buttons, one later with /target), the year moment reached, the owners' officers
asked once, their replies recorded (a correction as a new revision), bad figures answered with
a question and nothing saved, and the same figures in /targets, the Word draft's table, the
Excel sheet and the web view."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import openpyxl
import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from emulator import BotApiEmulator, FakeUser, SentMessage
from plans.registry import find_agency, load_starter, set_deployment_province
from plans.starter import load_directory as load_starter_directory
from storage.db import Database
from storage.models import Figure, FigureRevision, Indicator, Member, Plan, Target
from tests.auxil.clock import FakeClock
from tests.auxil.harness import BotHarness, make_settings
from web.app import build_web_app
from web.auth import create_login

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "ha-tinh-15-ctr-tu.txt"
ADMIN = FakeUser(930001, "Quản", "Trị")
BUILDER = FakeUser(930002, "Cán bộ", "Xây dựng")  # an officer of Sở Xây dựng
SCIENCE = FakeUser(930003, "Cán bộ", "Khoa học")  # an officer of Sở Khoa học và Công nghệ
COORDINATOR = FakeUser(930004, "Văn phòng", "Tỉnh ủy")


def local(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour - 7, 0, tzinfo=UTC)


@dataclass
class World:
    bot: BotHarness
    clock: FakeClock


@pytest.fixture
async def world(db: Database) -> AsyncIterator[World]:
    emulator = BotApiEmulator()
    await emulator.start()
    clock = FakeClock(local(date(2026, 11, 23)))
    settings = make_settings(emulator, DONDOC_ADMIN_IDS=str(ADMIN.id))
    bot = BotHarness(emulator, db, BotHarness.make_services(settings, db, clock), clock)
    async with db.transaction() as session:
        await set_deployment_province(session, "Hà Tĩnh")
        await load_starter(session, load_starter_directory(), on=date(2026, 11, 23))
        for user, agency, role in (
            (BUILDER, "Sở Xây dựng", "officer"),
            (SCIENCE, "Sở Khoa học và Công nghệ", "officer"),
            (COORDINATOR, "Văn phòng Tỉnh ủy", "coordinator"),
        ):
            found = (await find_agency(session, agency)).agency
            assert found is not None
            session.add(
                Member(
                    telegram_user_id=user.id,
                    full_name=f"{user.first_name} {user.last_name}",
                    agency_id=found.id,
                    role=role,
                )
            )
    await bot.start()
    try:
        yield World(bot, clock)
    finally:
        await bot.stop()
        await emulator.stop()


def button(message: SentMessage, label: str) -> str:
    found = [d for t, d in message.buttons() if label in t]
    assert found, (label, message.buttons())
    return found[0]


async def press(bot: BotHarness, message: SentMessage, data: str) -> SentMessage:
    """Tap a preview's button and wait for the preview as it reads afterwards."""
    mark = len(bot.emulator.sent)
    bot.emulator.press_button(bot.token, ADMIN, message, data)
    await bot.emulator.wait_for(lambda m: m.chat_id == ADMIN.id, after=mark, timeout=20)
    await bot.idle()
    return bot.emulator.as_shown(message)


async def figures_count(db: Database) -> tuple[int, int]:
    async with db.sessions() as session:
        figures = await session.scalar(select(func.count()).select_from(Figure))
        revisions = await session.scalar(select(func.count()).select_from(FigureRevision))
    return int(figures or 0), int(revisions or 0)


async def import_programme(world: World) -> int:
    """The admin sends 15-CTr/TU, reads its targets in the preview, gives the digital payments
    indicator to Sở Xây dựng with the owners' buttons, and saves."""
    bot = world.bot
    mark = len(bot.emulator.sent)
    bot.emulator.send_document(bot.token, ADMIN, SEED.name, SEED.read_bytes())
    preview = await bot.emulator.wait_for(
        lambda m: m.chat_id == ADMIN.id and any(d.endswith(":save") for _, d in m.buttons()),
        after=mark,
        timeout=60,
    )
    text = preview.text
    assert len(text) <= 4096
    assert "Chỉ tiêu: 18 (16 định lượng, 2 định tính)" in text
    assert "1. Tỷ lệ đô thị hóa: 2025: trên 40%; 2030: trên 45%" in text
    assert "Cơ quan cung cấp số liệu: Sở Xây dựng (gợi ý): 1–9, 11–13; " in text
    assert "Sở Khoa học và Công nghệ (gợi ý): 14–16; Sở Tài chính (gợi ý): 17" in text
    # the owners' panel: indicator 15 goes from Sở Khoa học và Công nghệ to the next agency
    shown = await press(bot, preview, button(preview, "Cơ quan cung cấp số liệu"))
    assert "15: Sở Khoa học và Công nghệ" in [t for t, _ in shown.buttons()]
    shown = await press(bot, shown, button(shown, "15: Sở Khoa học và Công nghệ"))
    assert "15: Sở Xây dựng" in [t for t, _ in shown.buttons()]
    assert "Sở Khoa học và Công nghệ (gợi ý): 14, 16; Sở Xây dựng: 15" in shown.text
    mark = len(bot.emulator.sent)
    bot.emulator.press_button(bot.token, ADMIN, shown, button(shown, "Lưu"))
    saved = await bot.emulator.wait_for(lambda m: m.chat_id == ADMIN.id, after=mark, timeout=30)
    assert "18 chỉ tiêu; 16 chỉ tiêu đã có cơ quan cung cấp số liệu" in saved.text, saved.text
    async with bot.db.sessions() as session:
        plan = await session.scalar(select(Plan).where(Plan.number == "15-CTr/TU"))
        assert plan is not None
        rows = (
            await session.execute(
                select(Indicator.position, Indicator.name, Indicator.owner_agency_id)
                .where(Indicator.plan_id == plan.id)
                .order_by(Indicator.position)
            )
        ).all()
        payments = rows[14]
        builder = await session.scalar(select(Member).where(Member.telegram_user_id == BUILDER.id))
        assert builder is not None and payments.owner_agency_id == builder.agency_id
        assert await session.scalar(select(func.count()).select_from(Target)) == 30
        return plan.id


async def test_targets_from_import_to_the_year_report(world: World) -> None:
    bot = world.bot
    plan_id = await import_programme(world)

    # /target: the GRDP indicator (17) is given to Sở Khoa học và Công nghệ, "-" is nobody
    answer = await bot.ask(ADMIN, "/target 15 17 Sở Khoa học và Công nghệ")
    assert "Đã giao <b>Sở Khoa học và Công nghệ</b> cung cấp số liệu chỉ tiêu 17" in (
        answer.raw_text
    )
    answer = await bot.ask(ADMIN, "/target 15 10 Sở Xây dựng")
    assert "định tính" in answer.text  # a qualitative goal: no figures
    answer = await bot.ask(ADMIN, "/target 15 99 Sở Xây dựng")
    assert "không có chỉ tiêu số 99" in answer.text

    # before the year moment nobody is asked for figures
    await bot.tick()
    assert not [m for m in bot.emulator.messages_to(BUILDER.id) if "Xin số liệu" in m.text]

    # the year moment (Năm 2026, cut-off 14/12): the owners' officers are asked, once
    world.clock.set(local(date(2026, 12, 11)))
    mark = len(bot.emulator.sent)
    await bot.tick()
    request = await bot.emulator.wait_for(
        lambda m: m.chat_id == BUILDER.id and "Xin số liệu" in m.text, after=mark, timeout=20
    )
    assert "kỳ Năm 2026" in request.text and "15-CTr/TU" in request.text
    assert "1. Tỷ lệ đô thị hóa (%)" in request.text
    assert "Mục tiêu: Năm 2025: trên 40%; Năm 2030: trên 45%" in request.text
    science = await bot.emulator.wait_for(
        lambda m: m.chat_id == SCIENCE.id and "Xin số liệu" in m.text, after=mark, timeout=20
    )
    assert "Kinh tế khu vực đô thị đóng góp vào GRDP" in science.text
    await bot.tick()
    world.clock.set(local(date(2026, 12, 14)))
    await bot.tick()
    asked = [m for m in bot.emulator.messages_to(BUILDER.id) if "Xin số liệu" in m.text]
    assert len(asked) == 1  # once a moment, by key

    # bad figures: a question back, nothing saved
    before = await figures_count(bot.db)
    for bad, said in (
        ("1. 41,2 m2 (số liệu 2025)", "tính bằng <b>%</b>"),
        ("1. 412% (số liệu 2025)", "không thể lớn hơn 100%"),
        ("1. 46% (số liệu 2031)", "sau năm mục tiêu cuối cùng"),
        ("1. bốn mươi mốt phần trăm", "chưa đọc được số liệu"),
        ("1. 41,2% (số liệu 2025)\n2. 120%", "không thể lớn hơn 100%"),  # nothing half-saved
    ):
        reply = await bot.ask(BUILDER, bad, reply_to=request.message_id)
        assert "Chưa lưu số liệu nào" in reply.text, reply.raw_text
        assert said in reply.raw_text, (bad, reply.raw_text)
        assert await figures_count(bot.db) == before

    # a reply to the request: line 1 is the urbanisation rate
    reply = await bot.ask(
        BUILDER, "1. 41,2% (số liệu 2025, Cục Thống kê)", reply_to=request.message_id
    )
    assert "Đã ghi số liệu kỳ <b>Năm 2026</b>" in reply.raw_text, reply.raw_text
    assert "Tỷ lệ đô thị hóa</b>: 41,2% — số liệu 2025; nguồn: Cục Thống kê" in reply.raw_text
    assert "Năm 2025, mục tiêu trên 40%: <b>Đạt</b>" in reply.raw_text
    assert "Năm 2030, mục tiêu trên 45%: <b>Chưa đạt</b>" in reply.raw_text
    # a message naming its indicator, unasked; then the same date corrected: a new revision
    reply = await bot.ask(BUILDER, "Diện tích sàn nhà ở bình quân đầu người đạt 30 m2 năm 2025")
    assert "Đã ghi số liệu" in reply.text and "30 m²" in reply.text
    reply = await bot.ask(
        BUILDER, "dien tich san nha o binh quan dau nguoi 34 m2 nam 2025 nguon: So Xay dung"
    )
    assert "sửa số liệu cùng thời điểm đã gửi, lần 2" in reply.text
    assert "Năm 2025, mục tiêu tối thiểu 32 m²: <b>Vượt</b>" in reply.raw_text  # 34 > 32 + 5 %
    assert "Năm 2030, mục tiêu tối thiểu 34 m²: <b>Đạt</b>" in reply.raw_text
    assert await figures_count(bot.db) == (2, 3)
    # a task report is still a task report
    reply = await bot.ask(BUILDER, "IV.1 đang thực hiện 50%")
    assert "Đã ghi số liệu" not in reply.text

    # the coordinator's /targets
    lines = await bot.ask(COORDINATOR, "/targets 15")
    assert "Chỉ tiêu của 15-CTr/TU" in lines.text
    assert "Năm 2025: trên 40% → 41,2% (số liệu 2025; Cục Thống kê) — Đạt" in lines.text
    assert "Năm 2030: trên 45% → 41,2% (số liệu 2025; Cục Thống kê) — Chưa đạt" in lines.text

    # the year's Word draft opens with the targets' table; the workbook has the same rows
    mark = len(bot.emulator.sent)
    bot.send(COORDINATOR, "/export 15 năm 2026")
    report = await bot.emulator.wait_for(
        lambda m: m.document is not None and m.document["file_name"].endswith(".docx"),
        after=mark,
        timeout=60,
    )
    book_msg = next(
        m
        for m in bot.emulator.sent[mark:]
        if m.document is not None and m.document["file_name"].endswith(".xlsx")
    )
    draft = docx.Document(io.BytesIO(report.document["content"]))  # type: ignore[index]
    body = [p.text for p in draft.paragraphs]
    assert body.index("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU") < body.index("II. KẾT QUẢ CHUNG")
    assert body.index("III. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ") < body.index(
        "V. CÁC CƠ QUAN CHƯA BÁO CÁO ĐỦ"
    )
    table = next(t for t in draft.tables if t.rows[0].cells[-1].text == "Đánh giá")
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Chỉ tiêu", "Mục tiêu", "Kết quả thực hiện", "Đánh giá"]
    assert rows[1] == [
        "1",
        "Tỷ lệ đô thị hóa (%)",
        "Năm 2025:\ntrên 40%",
        "41,2% (số liệu 2025)\nNguồn: Cục Thống kê",
        "Đạt",
    ]
    urbanisation = "41,2% (số liệu 2025)\nNguồn: Cục Thống kê"
    assert rows[2][2:] == ["Năm 2030:\ntrên 45%", urbanisation, "Chưa đạt"]
    housing = [r for r in rows if r[1].startswith("Diện tích sàn nhà ở")]
    housing_figure = "34 m² (nam 2025)\nNguồn: So Xay dung"  # as typed, without diacritics
    assert housing[0][2:] == ["Năm 2025:\ntối thiểu 32 m²", housing_figure, "Vượt"]
    assert housing[1][2:] == ["Năm 2030:\ntối thiểu 34 m²", housing_figure, "Đạt"]
    book = openpyxl.load_workbook(io.BytesIO(book_msg.document["content"]))  # type: ignore[index]
    sheet = book["Chỉ tiêu"]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Năm mục tiêu",
        "Mục tiêu",
        "Kết quả thực hiện",
        "Thời điểm số liệu",
        "Nguồn số liệu",
        "Cơ quan cung cấp số liệu",
        "Đánh giá",
    ]
    assert values[1] == [
        1,
        "Tỷ lệ đô thị hóa",
        "%",
        "Năm 2025",
        "trên 40%",
        "41,2%",
        "số liệu 2025",
        "Cục Thống kê",
        "Sở Xây dựng",
        "Đạt",
    ]
    assert values[2][3:] == [
        "Năm 2030",
        "trên 45%",
        "41,2%",
        "số liệu 2025",
        "Cục Thống kê",
        "Sở Xây dựng",
        "Chưa đạt",
    ]

    # the web view shows the indicator's series and the same assessment
    client = TestClient(TestServer(build_web_app(bot.svc)))
    await client.start_server()
    try:
        async with bot.db.transaction() as session:
            member = await session.scalar(
                select(Member).where(Member.telegram_user_id == COORDINATOR.id)
            )
            assert member is not None
            token, _ = await create_login(session, member, world.clock())
        origin = str(client.make_url("/")).rstrip("/")  # the view's own page posts the form
        signed = await client.post(
            f"/web/login/{token}", headers={"Origin": origin}, allow_redirects=False
        )
        assert signed.status == 303
        cookie = signed.cookies["dondoc_session"].value
        page = await client.get(f"/web/plans/{plan_id}", cookies={"dondoc_session": cookie})
        assert f'href="/web/plans/{plan_id}/targets"' in await page.text()
        page = await client.get(f"/web/plans/{plan_id}/targets", cookies={"dondoc_session": cookie})
        html = await page.text()
        assert page.status == 200
        card = html[html.index('data-indicator="1"') : html.index('data-indicator="2"')]
        assert "41,2%" in card and "Cục Thống kê" in card and 'class="a-achieved">Đạt' in card
        assert 'class="a-not_met">Chưa đạt' in card
        housing_card = html[html.index('data-indicator="13"') : html.index('data-indicator="14"')]
        assert housing_card.count('data-as-of="2025-12-31"') == 1  # one figure, corrected
        assert "34 m²" in housing_card and "Vượt" in housing_card
    finally:
        await client.close()
