"""Plan import in chat against hostile and unusual files: a small .docx that expands to thousands
of paragraphs (one preview message, other users answered meanwhile), a zip bomb, a document that
was being read when the bot stopped, re-importing the same plan, and the CLI's dry-run JSON."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from emulator import BotApiEmulator, FakeUser
from periods.calendar import WorkingCalendar
from periods.schedule import owed_from_when_added
from storage.db import Database
from storage.models import Agency, Assignment, BotState, Plan, Task
from tests.auxil.clock import FakeClock
from tests.auxil.databases import DatabaseTarget
from tests.auxil.harness import BotHarness, make_settings
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


# -- issue 20 (first period, calendar), 23 (amendments), 24 (saves that cross), 25 (preview) --

MONTHLY_PLAN = """
plan:
  number: 88/KH-UBND
  title: Cải cách hành chính năm 2027
  issuer: UBND tỉnh Quảng Ngãi
  issued_on: 2026-12-20
  coordinator: Sở Nội vụ
reporting:
  frequencies: [monthly]
  clause: Các sở báo cáo kết quả về Sở Nội vụ trước ngày 15 hằng tháng.
  deadlines:
    monthly: {day: 15, month: first}
tasks:
  - ref: "1"
    title: Rà soát thủ tục hành chính
    lead: Sở Tư pháp
    support: Sở Y tế
  - ref: "2"
    title: Số hóa hồ sơ
    lead: Sở Xây dựng
"""


def is_preview(m) -> bool:  # type: ignore[no-untyped-def]
    return m.chat_id == ADMIN.id and any(d.endswith(":save") for _, d in m.buttons())


def button(message, label: str) -> str:  # type: ignore[no-untyped-def]
    found = [d for t, d in message.buttons() if label in t]
    assert found, (label, message.buttons())
    return found[0]


async def tap(harness: BotHarness, message, label: str, user=ADMIN):  # type: ignore[no-untyped-def]
    """Press the button whose label holds `label`; the preview as shown afterwards."""
    mark = len(harness.emulator.sent)
    harness.emulator.press_button(harness.token, user, message, button(message, label))
    return await harness.emulator.wait_for(lambda m: m.chat_id == user.id, after=mark, timeout=30)


async def test_the_preview_states_the_first_period_and_the_admin_chooses_the_calendar(
    harness: BotHarness,
) -> None:
    """Issue 20: a monthly plan loaded on 25/12 starts with January, due on the 15th as its
    clause says; the admin may start from December instead and change the day."""
    harness.clock.set(datetime(2026, 12, 25, 2, 0, tzinfo=UTC))  # 09:00 in Hà Nội
    preview = await _preview(harness, "88.yaml", MONTHLY_PLAN.encode())
    text = preview.text
    assert "Bắt đầu báo cáo từ kỳ Tháng 1/2027 (hạn 15/01/2027)" in text
    assert "trước ngày 15 hằng tháng" in text  # the clause as written
    assert "hằng tháng: hạn ngày 15 (kỳ Tháng 1/2027: hạn 15/01/2027)" in text
    assert "ngày 20/12/2026" in text and not re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert all(len(d.encode()) <= 64 for _, d in preview.buttons())

    panel = await tap(harness, preview, "Lịch báo cáo")
    assert [t for t, _ in panel.buttons() if t.startswith("✓ Từ")] == ["✓ Từ Tháng 1/2027"]
    panel = await tap(harness, panel, "Từ Tháng 12/2026")
    assert "Bắt đầu báo cáo từ kỳ Tháng 12/2026 (hạn 15/12/2026)" in panel.text
    panel = await tap(harness, panel, "Tháng: ngày 20")
    assert "hằng tháng: hạn ngày 20" in panel.text
    panel = await tap(harness, panel, "Hạn theo NĐ 09")
    assert "theo Nghị định 09: 2 ngày làm việc sau ngày chốt số liệu" in panel.text
    panel = await tap(harness, panel, "Hạn như văn bản")
    assert "hằng tháng: hạn ngày 15" in panel.text
    assert all(len(d.encode()) <= 64 for _, d in panel.buttons())
    saved = await tap(harness, panel, "Lưu")
    assert "Báo cáo từ kỳ Tháng 12/2026 (hạn 15/12/2026)" in saved.text

    async with harness.db.sessions() as session:
        plan = await session.scalar(select(Plan))
        owed = set(await session.scalars(select(Assignment.owed_from)))
    assert plan is not None and plan.schedule["starts_from"] == "2026-M12"
    assert plan.schedule["deadlines"] == {"monthly": {"day": 15, "month": "first"}}
    assert plan.created_at == harness.clock()  # the service clock
    assert owed == {date(2026, 12, 15)}


async def test_a_plan_that_says_nothing_gets_decree_09_and_a_default_start(
    harness: BotHarness,
) -> None:
    data = (FIXTURES / "seeds" / "quang-ngai-151-kh-ubnd.txt").read_bytes()
    preview = await _preview(harness, "151.txt", data)
    # 23/11/2026: Quý IV/2026 closes on 14/12, due two working days later
    assert "hằng quý: theo Nghị định 09: 2 ngày làm việc sau ngày chốt số liệu" in preview.text
    assert "Bắt đầu báo cáo từ kỳ Quý IV/2026 (hạn 16/12/2026)" in preview.text
    assert "ngày 22/09/2022" in preview.text


AMENDMENT = """
plan:
  number: 45/KH-UBND
  title: Sửa đổi, bổ sung một số nội dung của Kế hoạch số 151/KH-UBND
  issued_on: 2027-03-05
amends:
  target_number: 151/KH-UBND
  changes:
    - action: amend
      ref: II.1.a
      task:
        ref: II.1.a
        title: Chuẩn hóa số liệu đô thị theo bộ tiêu chí mới
        timeframe: Quý II/2027
        due: 2027-06-30
    - action: add
      ref: II.2.e
      after: II.2.đ
      task:
        ref: II.2.e
        title: Xây dựng cơ sở dữ liệu nhà ở
        lead: Sở Xây dựng
        timeframe: Năm 2027
    - action: repeal
      ref: II.1.c
    - action: replace
      old: đô thị hóa
      new: đô thị hoá
"""


async def test_an_amendment_is_applied_to_the_plan_it_amends(harness: BotHarness) -> None:
    """Issue 23: the amending plan is not a new plan; it changes plan 151, reports kept."""
    missing = await harness.emulator.wait_for(
        lambda m: m.chat_id == ADMIN.id and "Huỷ" in str(m.buttons()),
        after=_send(harness, "45.yaml", AMENDMENT.encode()),
        timeout=30,
    )
    assert "151/KH-UBND" in missing.text and "chưa được nạp" in missing.text
    assert not any(d.endswith(":save") for _, d in missing.buttons())

    data = (FIXTURES / "seeds" / "quang-ngai-151-kh-ubnd.txt").read_bytes()
    preview = await _preview(harness, "151.txt", data)
    await tap(harness, preview, "Lưu")
    async with harness.db.sessions() as session:
        ids = {t.ref: t.id for t in (await session.scalars(select(Task))).all()}

    preview = await _preview(harness, "45.yaml", AMENDMENT.encode())
    text = preview.text
    assert "sửa đổi, bổ sung Kế hoạch 151/KH-UBND" in text
    assert "Sửa II.1.a" in text and "thời gian" in text
    assert "Bổ sung II.2.e (sau II.2.đ)" in text
    assert "Bãi bỏ II.1.c" in text
    assert "Thay «đô thị hóa» bằng «đô thị hoá»" in text
    assert "bổ sung 1, bãi bỏ 1" in text
    saved = await tap(harness, preview, "Lưu")
    assert "Đã áp dụng văn bản sửa đổi vào Kế hoạch 151/KH-UBND" in saved.text
    async with harness.db.sessions() as session:
        tasks = {t.ref: t for t in (await session.scalars(select(Task))).all()}
        plans = (await session.scalars(select(Plan))).all()
    assert [p.number for p in plans] == ["151/KH-UBND"]  # not a plan of its own
    assert not tasks["II.1.c"].active and tasks["II.1.c"].id == ids["II.1.c"]
    assert tasks["II.1.a"].id == ids["II.1.a"] and tasks["II.1.a"].timeframe == "Quý II/2027"
    assert tasks["II.2.e"].active
    assert plans[0].amendments[0]["number"] == "45/KH-UBND"
    listing = await harness.ask(ADMIN, "/plans")
    assert "16 nhiệm vụ" in listing.text  # 16 - 1 repealed + 1 added


def _send(harness: BotHarness, name: str, data: bytes, user: FakeUser = ADMIN) -> int:
    mark = len(harness.emulator.sent)
    harness.emulator.send_document(harness.token, user, name, data)
    return mark


async def test_the_agencies_the_preview_will_chase_are_those_plans_counts(
    harness: BotHarness,
) -> None:
    """Issue 25: "Sẽ đôn đốc 17 cơ quan", then /plans said 18 (a name the directory did not
    have became an agency on Save and was chased, uncounted); and the date in ISO form."""
    path = FIXTURES / "documents" / "kh-de-an-06-phu-luc.docx"
    preview = await _preview(harness, path.name, path.read_bytes())
    said = re.search(r"Sẽ đôn đốc (\d+) cơ quan", preview.text)
    assert said is not None and "đơn vị mới" in preview.text
    assert "05/02/2026" in preview.text and "2026-02-05" not in preview.text
    await tap(harness, preview, "Lưu")
    listing = await harness.ask(ADMIN, "/plans")
    assert f"{said.group(1)} đơn vị" in listing.text, (said.group(0), listing.text)


async def test_the_same_document_sent_twice_while_being_read_is_read_once(
    harness: BotHarness,
) -> None:
    """Issue 24, finding 12: the second copy is told the truth (being read), not that the
    bot stopped last time."""
    data = expanding_docx(3000)
    mark = len(harness.emulator.sent)
    first = harness.emulator.send_document(harness.token, ADMIN, "tai.docx", data)
    await harness.emulator.wait_for(lambda m: "Đang đọc" in m.text, after=mark)
    harness.emulator.send_document(harness.token, ADMIN, "tai.docx", data, same_file_as=first)
    second = await harness.emulator.wait_for(
        lambda m: m.chat_id == ADMIN.id and "đang được đọc" in m.text, after=mark, timeout=30
    )
    assert "dừng" not in second.text
    await harness.emulator.wait_for(is_preview, after=mark, timeout=60)
    previews = [m for m in harness.emulator.sent[mark:] if is_preview(m)]
    assert len(previews) == 1


OTHER_ADMIN = FakeUser(900011, "Lê", "Văn Hai", username="hai_lv")


@pytest.fixture
async def two_admins(
    emulator: BotApiEmulator, db: Database, clock: FakeClock
) -> AsyncIterator[BotHarness]:
    settings = make_settings(emulator, DONDOC_ADMIN_IDS=f"{ADMIN.id},{OTHER_ADMIN.id}")
    bot = BotHarness(emulator, db, BotHarness.make_services(settings, db, clock), clock)
    await bot.start()
    yield bot
    await bot.stop()


def edited(text: str, old: str, new: str) -> bytes:
    assert old in text
    return text.replace(old, new).encode()


async def _preview_of(bot: BotHarness, user: FakeUser, name: str, data: bytes):  # type: ignore[no-untyped-def]
    mark = _send(bot, name, data, user)
    return await bot.emulator.wait_for(
        lambda m: m.chat_id == user.id and any(d.endswith(":save") for _, d in m.buttons()),
        after=mark,
        timeout=30,
    )


async def test_an_old_preview_never_undoes_another_admins_save(two_admins: BotHarness) -> None:
    """Issue 24, finding 6: saving a preview made before another admin's save shows the new
    diff instead of silently undoing that save."""
    bot = two_admins
    await tap(bot, await _preview_of(bot, ADMIN, "88.yaml", MONTHLY_PLAN.encode()), "Lưu")
    mine = await _preview_of(
        bot, ADMIN, "88.yaml", edited(MONTHLY_PLAN, "Rà soát thủ tục", "Bản của anh Quản")
    )
    assert "sửa 1" in mine.text
    theirs = await _preview_of(
        bot, OTHER_ADMIN, "88.yaml", edited(MONTHLY_PLAN, "Số hóa hồ sơ", "Bản của anh Hai")
    )
    saved = await tap(bot, theirs, "Lưu", OTHER_ADMIN)
    assert "cập nhật 1" in saved.text

    mark = len(bot.emulator.sent)
    bot.emulator.press_button(bot.token, ADMIN, mine, button(mine, "Lưu"))
    told = await bot.emulator.wait_for(
        lambda m: m.chat_id == ADMIN.id and "Trong lúc bạn xem trước" in m.text, after=mark
    )
    assert "Lê Văn Hai" in told.text and "88/KH-UBND" in told.text
    again = await bot.emulator.wait_for(is_preview, after=mark, timeout=30)
    assert "sửa 2" in again.text  # his change, and the other admin's undone if he saves
    async with bot.db.sessions() as session:
        titles = dict((await session.execute(select(Task.ref, Task.title))).all())
    assert titles == {"1": "Rà soát thủ tục hành chính", "2": "Bản của anh Hai"}
    done = await tap(bot, again, "Lưu")
    assert "cập nhật 2" in done.text


async def test_two_admins_saving_a_new_plan_at_once(two_admins: BotHarness) -> None:
    """Issue 24, finding 7: the loser is told who saved, and keeps a way to save his own."""
    bot = two_admins
    mine = await _preview_of(bot, ADMIN, "88.yaml", MONTHLY_PLAN.encode())
    theirs = await _preview_of(
        bot, OTHER_ADMIN, "88.yaml", edited(MONTHLY_PLAN, "Số hóa hồ sơ", "Bản của anh Hai")
    )
    mark = len(bot.emulator.sent)
    bot.emulator.press_button(bot.token, ADMIN, mine, button(mine, "Lưu"))
    bot.emulator.press_button(bot.token, OTHER_ADMIN, theirs, button(theirs, "Lưu"))
    await bot.emulator.wait_for(lambda m: "Đã lưu kế hoạch" in m.text, after=mark, timeout=30)
    told = await bot.emulator.wait_for(
        lambda m: "Trong lúc bạn xem trước" in m.text, after=mark, timeout=30
    )
    loser = ADMIN if told.chat_id == ADMIN.id else OTHER_ADMIN
    again = await bot.emulator.wait_for(
        lambda m: m.chat_id == loser.id and any(d.endswith(":save") for _, d in m.buttons()),
        after=mark,
        timeout=30,
    )
    assert "sửa 1" in again.text
    done = await tap(bot, again, "Lưu", loser)
    assert "cập nhật 1" in done.text and "hết hạn" not in done.text
    async with bot.db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Plan)) == 1


async def test_cli_import_starts_from_the_period_given(
    emulator: BotApiEmulator, db_target: DatabaseTarget, tmp_path: Path
) -> None:
    env = dondoc_env(emulator, db_target)
    path = tmp_path / "88.yaml"
    path.write_text(MONTHLY_PLAN, encoding="utf-8")
    bad = await run_dondoc("import", str(path), "--start-from", "tháng mười", env=env, cwd=tmp_path)
    assert bad.code != 0 and "--start-from" in bad.stderr and "Tháng 1/2027" in bad.stderr
    result = await run_dondoc(
        "import", str(path), "--start-from", "Tháng 2/2027", "--create-agencies",
        env=env, cwd=tmp_path,
    )  # fmt: skip
    assert result.code == 0, result.stderr
    assert "Báo cáo từ kỳ Tháng 2/2027 (hạn 15/02/2027)" in result.stdout
    database = db_target.open()
    try:
        async with database.sessions() as session:
            plan = await session.scalar(select(Plan))
            owed = set(await session.scalars(select(Assignment.owed_from)))
        assert plan is not None and plan.schedule["starts_from"] == "2027-M02"
        assert owed == {date(2027, 2, 15)}
    finally:
        await database.dispose()


async def test_assign_owes_from_the_day_it_is_made(harness: BotHarness) -> None:
    """Issue 20: an agency assigned by /assign is not counted late for deadlines that passed
    before it was assigned; the reply says from when it reports."""
    harness.clock.set(datetime(2026, 12, 25, 2, 0, tzinfo=UTC))
    await tap(harness, await _preview(harness, "88.yaml", MONTHLY_PLAN.encode()), "Lưu")
    harness.clock.set(datetime(2027, 3, 1, 2, 0, tzinfo=UTC))
    reply = await harness.ask(ADMIN, "/assign 2 Sở Nội vụ support")
    owed = owed_from_when_added(date(2027, 3, 1), WorkingCalendar())
    assert f"có hạn từ {owed:%d/%m/%Y}" in reply.text, reply.text
    async with harness.db.sessions() as session:
        rows = dict(
            (await session.execute(select(Agency.name, Assignment.owed_from).join(Agency))).all()
        )
    assert rows["Sở Nội vụ"] == owed and rows["Sở Xây dựng"] == date(2027, 1, 15)
