"""Every figure a coordinator signs is the same wherever it is read: /summary in chat, the
weekly digest, the Excel workbook and the Word draft of /export, and the desktop view.

One quarter of plan 151's three tasks (docs/counting.md): Sở Xây dựng leads II.1.a and II.2.a
and supports II.1.c, Sở Tài chính leads II.1.c. Deadline 16/12/2026. Sở Xây dựng reports II.1.a
on time, then II.2.a and its input to II.1.c two days late; Sở Tài chính sends nothing. On
Monday 21/12 (three working days after the deadline): 4 reports owed, 1 sent on time, 2 sent
late, 1 missing; of the 2 agencies 1 has reported in full (late), 1 is overdue by 3 working
days. Late (sent after the deadline) and overdue (still missing) are never mixed up."""

from __future__ import annotations

import io
import re
from html import unescape
from typing import Any

import docx
import openpyxl
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from storage.models import Member, Plan
from tests.auxil.harness import BotHarness
from tests.auxil.scenario import seed
from tests.conftest import COORDINATOR, OFFICER
from tests.e2e.test_e2e_reporting import FINANCE, at
from web.app import build_web_app
from web.auth import create_login

BUILD, FIN = "Sở Xây dựng", "Sở Tài chính"
OVERDUE_DAYS = 3  # 17, 18 and 21/12/2026 are the working days after the 16/12 deadline


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


async def quarter_with_late_and_missing(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    harness.clock.set(at(11))
    assert "Đã ghi nhận" in (await harness.ask(OFFICER, "II.1.a đã hoàn thành")).text
    harness.clock.set(at(18))
    late = await harness.ask(OFFICER, "II.2.a đang thực hiện 50%, chờ ý kiến thẩm định")
    assert "Đã ghi nhận (sau hạn 16/12/2026)" in late.text, late.text
    support = await harness.ask(OFFICER, "II.1.c đã gửi ý kiến góp ý cho Sở Tài chính")
    assert "Đã ghi nhận" in support.text, support.text
    harness.clock.set(at(21))  # Monday 09:00: the weekly digest is due
    await harness.tick()


def check_chat_summary(text: str) -> None:
    assert "Cơ quan đã báo cáo đủ: 1/2 cơ quan" in text, text
    assert "quá hạn chưa báo cáo đủ: 1; ⏳ chưa đến hạn: 0" in text, text
    build = next(line for line in text.splitlines() if BUILD in line)
    assert "3/3" in build and "gửi trễ hạn 2" in build and "quá hạn" not in build, build
    fin = next(line for line in text.splitlines() if FIN in line)
    assert "0/1" in fin and f"quá hạn chưa gửi 1 ({OVERDUE_DAYS} ngày làm việc)" in fin, fin
    assert "trễ hạn" not in fin, fin


def check_digest(text: str) -> None:
    assert "1/2 đã báo cáo đủ; ❗ 1 quá hạn chưa báo cáo đủ; ⏳ 0 chưa đến hạn" in text, text
    assert "Chưa báo cáo đủ (1 cơ quan)" in text, text
    fin = next(line for line in text.splitlines() if line.startswith(f"• {FIN}"))
    assert "còn 1/1 báo cáo" in fin and f"quá hạn {OVERDUE_DAYS} ngày làm việc" in fin, fin
    owing = text.split("Chưa báo cáo đủ", 1)[1].split("Vướng mắc", 1)[0]
    assert BUILD not in owing, text


def check_workbook(content: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [[c.value for c in row] for sheet in book.worksheets for row in sheet.iter_rows()]
    heading = next(str(v) for row in cells for v in row if str(v).startswith("CƠ QUAN:"))
    assert heading == (
        "CƠ QUAN: 1/2 cơ quan đã báo cáo đủ; 1 cơ quan quá hạn, chưa báo cáo; 0 cơ quan chưa "
        "đến hạn; 1 cơ quan có báo cáo trễ hạn"
    ), heading
    header = next(row for row in cells if "Đã gửi trễ hạn" in row)
    column = {name: header.index(name) for name in reversed(header) if isinstance(name, str)}

    def figures(agency: str) -> tuple[Any, ...]:
        row = next(r for r in cells if agency in (r[0], r[1]) and r is not header)
        names = ("Phải gửi", "Đã gửi đúng hạn", "Đã gửi trễ hạn", "Quá hạn, chưa gửi")
        return tuple(row[column[name]] for name in names)

    assert figures(BUILD) == (3, 1, 2, 0)
    assert figures(FIN) == (1, 0, 0, 1)
    states = " ".join(str(v) for row in cells if FIN in row for v in row)
    assert f"Quá hạn {OVERDUE_DAYS} ngày làm việc" in states, states


def check_word(content: bytes) -> None:
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    agencies = (
        "1 cơ quan quá hạn, chưa báo cáo; 0 cơ quan chưa đến hạn báo cáo; 1 cơ quan có báo cáo "
        "gửi trễ hạn"
    )
    assert agencies in text, text
    assert "1/2 cơ quan đã báo cáo đủ" in text, text
    reports = (
        "4 báo cáo phải gửi, trong đó 1 đã gửi đúng hạn, 2 đã gửi trễ hạn, 1 quá hạn chưa gửi, "
        "0 chưa đến hạn"
    )
    assert reports in text, text
    assert f"{FIN} (quá hạn {OVERDUE_DAYS} ngày làm việc, còn 1/1 báo cáo)" in text, text
    assert f"{BUILD} (2 báo cáo trễ hạn)" in text, text


async def web_plan_page(harness: BotHarness) -> str:
    async with harness.db.transaction() as session:
        member = await session.scalar(
            select(Member).where(Member.telegram_user_id == COORDINATOR.id)
        )
        assert member is not None
        token, _ = await create_login(session, member, harness.clock())
        plan_id = await session.scalar(select(Plan.id))
    client = TestClient(TestServer(build_web_app(harness.svc)))
    await client.start_server()
    try:
        origin = str(client.make_url("/")).rstrip("/")
        signed = await client.post(
            f"/web/login/{token}", headers={"Origin": origin}, allow_redirects=False
        )
        assert signed.status == 303
        page = await client.get(f"/web/plans/{plan_id}")
        assert page.status == 200
        return await page.text()
    finally:
        await client.close()


def check_web(html: str) -> None:
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)

    def cells(agency: str) -> list[str]:
        row = next(r for r in rows if agency in unescape(r) and "<td" in r)
        return [plain(c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]

    header = next(
        [plain(c).strip() for c in re.findall(r"<th[^>]*>(.*?)</th>", r, re.S)]
        for r in rows
        if "Gửi trễ hạn" in r
    )
    late, overdue = header.index("Gửi trễ hạn"), header.index("Quá hạn chưa gửi")
    build, fin = cells(BUILD), cells(FIN)
    assert (build[late], build[overdue]) == ("2", "0"), build
    assert fin[late] == "0" and fin[overdue] == f"1 ({OVERDUE_DAYS} ngày làm việc)", fin


async def test_late_and_missing_agree_in_chat_digest_excel_word_and_web(
    harness: BotHarness,
) -> None:
    await quarter_with_late_and_missing(harness)
    digests = [m for m in harness.emulator.messages_to(COORDINATOR.id) if "Tin tổng hợp" in m.text]
    assert digests, "no weekly digest on Monday"
    check_digest(digests[-1].text.split("Tin tổng hợp tuần", 1)[1])  # after the escalation
    check_chat_summary((await harness.ask(COORDINATOR, "/summary 151")).text)
    mark = len(harness.emulator.sent)
    harness.send(COORDINATOR, "/export 151")
    workbook = await harness.emulator.wait_for(
        lambda m: m.document is not None and m.document["file_name"].endswith(".xlsx"), after=mark
    )
    draft = await harness.emulator.wait_for(
        lambda m: m.document is not None and m.document["file_name"].endswith(".docx"), after=mark
    )
    check_workbook(workbook.document["content"])  # type: ignore[index]
    check_word(draft.document["content"])  # type: ignore[index]
    check_web(await web_plan_page(harness))
