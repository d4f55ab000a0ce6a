"""Admins load plans from documents in chat (preview, fix, save) and from the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
from sqlalchemy import func, select

from emulator import BotApiEmulator
from plans.registry import add_agency
from storage.models import Assignment, Plan, Task
from tests.auxil.databases import DatabaseTarget
from tests.auxil.harness import BotHarness
from tests.auxil.process import dondoc_env, run_dondoc
from tests.conftest import ADMIN, OFFICER

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


async def send_file(bot: BotHarness, name: str, content: bytes, user=ADMIN):  # type: ignore[no-untyped-def]
    mark = len(bot.emulator.sent)
    bot.emulator.send_document(bot.token, user, name, content)
    return mark


async def final_preview(bot: BotHarness, mark: int):  # type: ignore[no-untyped-def]
    return await bot.emulator.wait_for(
        lambda m: m.chat_id == ADMIN.id and any(d.startswith("im:") for _, d in m.buttons()),
        after=mark,
    )


async def plan_count(bot: BotHarness) -> int:
    async with bot.db.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(Plan)) or 0)


async def test_admin_loads_a_plan_document_fixes_a_name_and_sees_it(harness: BotHarness) -> None:
    # a directory that knows some names, so that others need fixing
    async with harness.db.transaction() as session:
        await add_agency(session, "Sở Xây dựng", short_name="Sở XD")
        await add_agency(session, "Sở Tài chính")
    text = (SEEDS / "quang-ngai-151-kh-ubnd.txt").read_bytes()
    mark = await send_file(harness, "151-KH-UBND.txt", text)
    preview = await final_preview(harness, mark)
    shown = "\n".join(m.text for m in harness.emulator.sent[mark:] if m.chat_id == ADMIN.id)
    assert "151/KH-UBND" in shown and "16" in shown and "II.2.đ" in shown
    assert "chưa có trong danh mục" in shown
    assert await plan_count(harness) == 0  # nothing saved before confirming

    fix = next((d for t, d in preview.buttons() if ":fix:" in d), None)
    if fix is not None:
        mark = len(harness.emulator.sent)
        harness.emulator.press_button(harness.token, ADMIN, preview, fix)
        preview = await final_preview(harness, mark)
    save = next(d for t, d in preview.buttons() if d.endswith(":save"))
    saved = await harness.press(ADMIN, preview, save)
    assert "Đã lưu kế hoạch" in saved.text and "151/KH-UBND" in saved.text
    assert await plan_count(harness) == 1

    plans = await harness.ask(ADMIN, "/plans")
    assert "151/KH-UBND" in plans.text and "16 nhiệm vụ" in plans.text


async def test_same_plan_twice_is_updated_not_duplicated(harness: BotHarness) -> None:
    text = (SEEDS / "ha-tinh-15-ctr-tu.txt").read_bytes()
    for _ in range(2):
        mark = await send_file(harness, "15-CTr-TU.txt", text)
        preview = await final_preview(harness, mark)
        save = next(d for t, d in preview.buttons() if d.endswith(":save"))
        await harness.press(ADMIN, preview, save)
    assert await plan_count(harness) == 1
    async with harness.db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Task)) == 6


async def test_cancel_saves_nothing(harness: BotHarness) -> None:
    mark = await send_file(harness, "544.txt", (SEEDS / "khanh-hoa-544-kl-tu.txt").read_bytes())
    preview = await final_preview(harness, mark)
    cancel = next(d for t, d in preview.buttons() if d.endswith(":cancel"))
    reply = await harness.press(ADMIN, preview, cancel)
    assert "huỷ" in reply.text.lower()
    assert await plan_count(harness) == 0


async def test_bad_documents_get_one_clear_message(harness: BotHarness) -> None:
    cases = {
        "empty.txt": (b"", "trống"),
        "image.docx": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, ".docx"),
        "locked.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "mật khẩu"),
        "letter.txt": ("Kính gửi các đồng chí.\nTrân trọng.".encode(), "Không nhận ra nhiệm vụ"),
        "plan.yaml": (b"plan:\n  number: 1/KH\ntasks:\n  - ref: 1\n    lead: 5\n", "dòng"),
    }
    for name, (content, expected) in cases.items():
        mark = await send_file(harness, name, content)
        await harness.emulator.wait_for(lambda m: "Đang đọc" in m.text, after=mark)
        reply = await harness.emulator.wait_for(
            lambda m: m.chat_id == ADMIN.id and "Đang đọc" not in m.text, after=mark
        )
        assert expected in reply.text, (name, reply.text)
    assert await plan_count(harness) == 0


async def test_docx_appendix_table_is_read(harness: BotHarness) -> None:
    document = docx.Document()
    document.add_paragraph("Số: 12/KH-UBND")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Thực hiện chuyển đổi số năm 2025")
    document.add_paragraph("PHỤ LỤC")
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(
        table.rows[0].cells,
        ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
        strict=True,
    ):
        cell.text = text
    for row in [
        (
            "1",
            "Xây dựng kho dữ liệu dùng chung",
            "Sở Khoa học và Công nghệ",
            "Sở Tài chính",
            "Quý II/2025",
        ),
        (
            "2",
            "Số hóa hồ sơ thủ tục hành chính",
            "Văn phòng UBND tỉnh",
            "Các sở, ban ngành",
            "Năm 2025",
        ),
    ]:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    mark = await send_file(harness, "12-KH-UBND.docx", buffer.getvalue())
    await final_preview(harness, mark)
    shown = "\n".join(m.text for m in harness.emulator.sent[mark:])
    assert "12/KH-UBND" in shown and "Xây dựng kho dữ liệu" in shown and "Quý II/2025" in shown


async def test_officer_documents_are_evidence_not_plans(harness: BotHarness) -> None:
    reply_mark = len(harness.emulator.sent)
    harness.emulator.send_document(harness.token, OFFICER, "x.txt", b"a")
    reply = await harness.emulator.reply_to(OFFICER.id, after=reply_mark)
    assert "chưa được kích hoạt" in reply.text


async def test_assign_and_unassign_in_chat(harness: BotHarness) -> None:
    mark = await send_file(harness, "544.txt", (SEEDS / "khanh-hoa-544-kl-tu.txt").read_bytes())
    preview = await final_preview(harness, mark)
    await harness.press(
        ADMIN, preview, next(d for t, d in preview.buttons() if d.endswith(":save"))
    )
    reply = await harness.ask(ADMIN, "/assign 1.1 Sở Tài chính support")
    assert "phối hợp" in reply.text and "1.1" in reply.text
    reply = await harness.ask(ADMIN, "/unassign 1.1 Sở Tài chính")
    assert "Đã bỏ giao" in reply.text
    reply = await harness.ask(ADMIN, "/assign 9.9 Sở Tài chính lead")
    assert "Không có nhiệm vụ" in reply.text
    async with harness.db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Assignment)) > 0


async def test_cli_dry_run_json_lists_every_task_and_writes_nothing(
    emulator: BotApiEmulator, db_target: DatabaseTarget, tmp_path: Path
) -> None:
    env = dondoc_env(emulator, db_target)
    result = await run_dondoc(
        "import", str(SEEDS / "quang-ngai-151-kh-ubnd.txt"), "--dry-run", "--json",
        env=env, cwd=tmp_path,
    )  # fmt: skip
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["plan"]["number"] == "151/KH-UBND" and data["plan"]["issued_on"] == "2022-09-22"
    refs = [t["ref"] for t in data["tasks"]]
    assert refs[:3] == ["II.1.a", "II.1.b", "II.1.c"] and refs[-1] == "II.7" and len(refs) == 16
    first = data["tasks"][0]
    assert first["lead"] == ["Sở Xây dựng"] and first["timeframe"] == "Thường xuyên"
    # the district committees ended on 1/7/2025: their work passes to the communes' group
    assert set(first["support"]) == {"Các sở, ban ngành", "UBND các xã, phường"}
    assert "Sở Xây dựng" in first["chased"]["support"] or first["chased"]["lead"] == ["Sở Xây dựng"]
    assert not any("huyện" in name for name in data["review"]["chased_agencies"])
    database = db_target.open()
    try:
        sqlite_file = database.sqlite_file()
        if sqlite_file is not None:  # a preview creates no database (issue 24, finding 13)
            assert not sqlite_file.exists()
            assert not list(tmp_path.rglob("*.sqlite3"))
            return
        async with database.engine.connect() as conn:
            from sqlalchemy import text

            assert (await conn.execute(text("SELECT count(*) FROM plans"))).scalar() == 0
    finally:
        await database.dispose()
