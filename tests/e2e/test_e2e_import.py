"""Plan import in chat against hostile and unusual files: a small .docx that expands to thousands
of paragraphs (one preview message, other users answered meanwhile), a zip bomb, a document that
was being read when the bot stopped, re-importing the same plan, and the CLI's dry-run JSON."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from sqlalchemy import func, select

from emulator import BotApiEmulator
from storage.models import BotState, Plan, Task
from tests.auxil.databases import DatabaseTarget
from tests.auxil.harness import BotHarness
from tests.auxil.process import dondoc_env, run_dondoc
from tests.conftest import ADMIN, OFFICER

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx_bytes(paragraphs: list[str], extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx written by hand (so that it stays a few KB however much it holds)."""
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", xml)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def expanding_docx(items: int) -> bytes:
    head = [
        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
        "Số: 999/KH-UBND",
        "KẾ HOẠCH",
        "Thử tải",
        "I. NHIỆM VỤ",
    ]
    body = []
    for n in range(1, items + 1):
        body += [f"{n}. Rà soát hồ sơ thủ tục hành chính.", "- Cơ quan chủ trì: Sở Tư pháp."]
    return docx_bytes(head + body)


async def test_a_small_docx_of_thousands_of_paragraphs_gives_one_preview(
    harness: BotHarness,
) -> None:
    data = expanding_docx(3000)
    assert len(data) < 12_000  # a few KB on the wire, 6,000 paragraphs inside
    mark = len(harness.emulator.sent)
    harness.emulator.send_document(harness.token, ADMIN, "tai.docx", data)
    # Another user is answered while the document is being read.
    whoami = await harness.ask(OFFICER, "/whoami")
    assert whoami.chat_id == OFFICER.id and whoami.text
    preview = await harness.emulator.wait_for(
        lambda m: m.chat_id == ADMIN.id and any(d.startswith("im:") for _, d in m.buttons()),
        after=mark,
        timeout=60,
    )
    assert harness.emulator.sent.index(whoami) < harness.emulator.sent.index(preview)
    to_admin = [m for m in harness.emulator.sent[mark:] if m.chat_id == ADMIN.id]
    assert len(to_admin) == 2  # "reading …" and ONE preview
    assert len(preview.text) <= 4096
    assert "999/KH-UBND" in preview.text and "nhiệm vụ khác" in preview.text


async def test_a_zip_bomb_is_refused_with_a_clear_message(harness: BotHarness) -> None:
    bomb = docx_bytes(["KẾ HOẠCH"], {"word/media/bomb.xml": b" " * 80_000_000})
    assert len(bomb) < 200_000
    mark = len(harness.emulator.sent)
    harness.emulator.send_document(harness.token, ADMIN, "bom.docx", bomb)
    reply = await harness.emulator.wait_for(
        lambda m: m.chat_id == ADMIN.id and "quá lớn" in m.text, after=mark, timeout=30
    )
    assert "không đọc" in reply.text.lower()
    async with harness.db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Plan)) == 0


async def test_a_document_being_read_when_the_bot_stopped_is_not_read_again(
    harness: BotHarness,
) -> None:
    await harness.stop()
    data = (FIXTURES / "documents" / "qd-ban-hanh-ke-hoach-cds.docx").read_bytes()
    update = harness.emulator.send_document(harness.token, ADMIN, "qd.docx", data)
    unique = update["message"]["document"]["file_unique_id"]
    async with harness.db.transaction() as session:  # left by the run that was reading it
        session.add(BotState(key=f"parsing:{unique}", value={}, updated_at=harness.svc.now()))
    mark = len(harness.emulator.sent)
    await harness.start()
    reply = await harness.emulator.reply_to(ADMIN.id, after=mark, timeout=20)
    assert "không đọc lại" in reply.text
    await harness.idle()
    assert harness.emulator.pending_updates(harness.token) == 0  # confirmed, not redelivered
    # Sent again on purpose, it is read.
    mark = len(harness.emulator.sent)
    harness.emulator.send_document(harness.token, ADMIN, "qd.docx", data)
    preview = await harness.emulator.wait_for(
        lambda m: m.chat_id == ADMIN.id and any(d.startswith("im:") for _, d in m.buttons()),
        after=mark,
        timeout=30,
    )
    assert "318/QĐ-UBND" in preview.text


async def test_reimporting_the_same_file_says_nothing_changes(harness: BotHarness) -> None:
    data = (FIXTURES / "seeds" / "quang-ngai-151-kh-ubnd.txt").read_bytes()
    for round_ in range(2):
        mark = len(harness.emulator.sent)
        harness.emulator.send_document(harness.token, ADMIN, "151.txt", data)
        preview = await harness.emulator.wait_for(
            lambda m: m.chat_id == ADMIN.id and any(d.startswith("im:") for _, d in m.buttons()),
            after=mark,
            timeout=30,
        )
        if round_:
            assert "Giống hệt kế hoạch đã lưu" in preview.text
        save = next(d for _, d in preview.buttons() if d.endswith(":save"))
        saved = await harness.press(ADMIN, preview, save)
    assert "Không có gì thay đổi" in saved.text


async def test_cli_dry_run_json_has_kind_issuing_act_and_products(
    emulator: BotApiEmulator, db_target: DatabaseTarget, tmp_path: Path
) -> None:
    env = dondoc_env(emulator, db_target)
    path = FIXTURES / "documents" / "qd-ban-hanh-ke-hoach-cds.pdf"
    result = await run_dondoc("import", str(path), "--dry-run", "--json", env=env, cwd=tmp_path)
    assert result.code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["plan"]["kind"] == "plan"
    assert data["plan"]["issuing_act"]["number"] == "318/QĐ-UBND"
    assert data["plan"]["issuing_act"]["issued_on"] == "2026-03-12"
    first = data["tasks"][0]
    assert first["ref"] == "II.1" and first["lead"] == ["Sở Khoa học và Công nghệ"]
    assert first["products"] and "chased" in first
    assert data["changes"] is None  # nothing saved yet


async def _preview(harness: BotHarness, name: str, data: bytes):  # type: ignore[no-untyped-def]
    mark = len(harness.emulator.sent)
    harness.emulator.send_document(harness.token, ADMIN, name, data)
    return await harness.emulator.wait_for(
        lambda m: m.chat_id == ADMIN.id and any(d.startswith("im:") for _, d in m.buttons()),
        after=mark,
        timeout=30,
    )


async def _press_for_preview(harness: BotHarness, preview, data: str):  # type: ignore[no-untyped-def]
    mark = len(harness.emulator.sent)
    harness.emulator.press_button(harness.token, ADMIN, preview, data)
    return await harness.emulator.wait_for(
        lambda m: m.chat_id == ADMIN.id and any(d.startswith("im:") for _, d in m.buttons()),
        after=mark,
        timeout=30,
    )


async def test_an_ocr_copy_changes_nothing_unless_the_admin_takes_it(harness: BotHarness) -> None:
    seeds = FIXTURES / "seeds"
    news = (seeds / "khanh-hoa-544-kl-tu.news.txt").read_bytes()
    ocr = (seeds / "khanh-hoa-544-kl-tu.ocr.txt").read_bytes()
    preview = await _preview(harness, "544-news.txt", news)
    save = next(d for _, d in preview.buttons() if d.endswith(":save"))
    await harness.press(ADMIN, preview, save)
    async with harness.db.sessions() as session:
        texts_before = {t.ref: t.text for t in (await session.scalars(select(Task))).all()}

    preview = await _preview(harness, "544-ocr.txt", ocr)
    assert "kém tin cậy hơn" in preview.text and "sửa 0" in preview.text
    save = next(d for _, d in preview.buttons() if d.endswith(":save"))
    saved = await harness.press(ADMIN, preview, save)
    assert "Không có gì thay đổi" in saved.text
    async with harness.db.sessions() as session:
        assert {t.ref: t.text for t in (await session.scalars(select(Task))).all()} == texts_before

    # Taken on purpose, one task: that task alone changes, and the preview said so.
    preview = await _preview(harness, "544-ocr.txt", ocr)
    take = next(d for t, d in preview.buttons() if ":take:" in d)
    preview = await _press_for_preview(harness, preview, take)
    assert "sửa 1" in preview.text
    save = next(d for _, d in preview.buttons() if d.endswith(":save"))
    saved = await harness.press(ADMIN, preview, save)
    assert "1" in saved.text
    async with harness.db.sessions() as session:
        after = {t.ref: t.text for t in (await session.scalars(select(Task))).all()}
    assert len([r for r in after if after[r] != texts_before[r]]) == 1
