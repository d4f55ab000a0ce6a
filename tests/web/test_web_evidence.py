"""Evidence in the desktop view: a file an officer sent in chat is a link on the task's page,
and the link gives the very bytes Telegram keeps (fetched through the Bot API: here the
emulator), as an attachment under the name it was sent with. Signed out, an unknown id and a
file Telegram does not give each get a plain Vietnamese page."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import quote

import aiohttp
import pytest
from sqlalchemy import select

from emulator import ApiError
from emulator.server import DOWNLOAD_LIMIT
from storage.models import Evidence, Member, Task
from tests.auxil.harness import TOKEN, BotHarness
from tests.auxil.scenario import Scenario, seed
from tests.conftest import COORDINATOR, OFFICER
from tests.web.conftest import FINANCE
from web.auth import create_login

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF"  # every byte value, CR and LF too
PDF_NAME = "Biên bản nghiệm thu đợt 2 (bản ký) #1?.pdf"
PHOTO = b"\xff\xd8\xff\xe0" + b"\x00JFIF" + bytes(range(200)) + b"\xff\xd9"
LINK = re.compile(r'<a href="(/web/evidence/(\d+))">([^<]*)</a>')


@pytest.fixture
async def browser() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
        yield client


async def send_evidence(bot: BotHarness, report: str, name: str | None, content: bytes) -> None:
    """The officer reports, then sends a document (a photo when `name` is None)."""
    confirmation = await bot.ask(OFFICER, report)
    assert "Đã ghi nhận" in confirmation.text, confirmation.text
    mark = len(bot.emulator.sent)
    if name is None:
        bot.emulator.send_photo(TOKEN, OFFICER, content, reply_to=confirmation.message_id)
    else:
        mime = "text/html" if name.endswith(".html") else "application/pdf"
        bot.emulator.send_document(
            TOKEN, OFFICER, name, content, mime_type=mime, reply_to=confirmation.message_id
        )
    saved = await bot.emulator.reply_to(OFFICER.id, after=mark)
    assert "Đã lưu minh chứng" in saved.text, saved.text


async def sign_in(bot: BotHarness, client: aiohttp.ClientSession, member_id: int) -> str:
    """The coordinator's browser, signed in through a one-time link; returns the view's base."""
    assert bot.svc.web_url is not None
    base = bot.svc.web_url
    async with bot.db.transaction() as session:
        member = await session.get(Member, member_id)
        assert member is not None
        token, _login = await create_login(session, member, bot.clock())
    signed = await client.post(f"{base}/web/login/{token}", headers={"Origin": base})
    assert signed.status == 200 and "151/KH-UBND" in await signed.text()
    return base


async def task_id(bot: BotHarness, ref: str) -> int:
    async with bot.db.transaction() as session:
        found = await session.scalar(select(Task.id).where(Task.ref == ref))
    assert found is not None
    return int(found)


async def get(client: aiohttp.ClientSession, url: str) -> tuple[Any, bytes]:
    async with client.get(url, allow_redirects=False) as response:
        return response, await response.read()


def plain_page(response: Any, body: bytes, status: int, words: str) -> None:
    text = body.decode()
    assert response.status == status, (response.status, text)
    assert response.headers["Content-Type"].startswith("text/html")
    assert "attachment" not in response.headers.get("Content-Disposition", "")
    assert words in text, text
    assert "Traceback" not in text and 'File "' not in text and TOKEN not in text
    assert "%PDF" not in text and "bot123456" not in text


async def test_evidence_sent_in_chat_is_downloaded_from_the_task_page(
    web_bot: BotHarness, browser: aiohttp.ClientSession
) -> None:
    scenario: Scenario = await seed(web_bot.db, OFFICER, FINANCE, COORDINATOR)
    await send_evidence(web_bot, "II.1.a đang thực hiện 80%", PDF_NAME, PDF)
    await send_evidence(web_bot, "II.1.a đã hoàn thành", None, PHOTO)
    await send_evidence(web_bot, "II.2.a xong", "trang <script>.html", b"<script>alert(1)</script>")
    base = await sign_in(web_bot, browser, scenario.coordinator.id)

    response, body = await get(browser, f"{base}/web/tasks/{await task_id(web_bot, 'II.1.a')}")
    assert response.status == 200
    links = {name: path for path, _id, name in LINK.findall(body.decode())}
    assert set(links) == {"Biên bản nghiệm thu đợt 2 (bản ký) #1?.pdf", "photo.jpg"}

    # the same bytes, as an attachment under the Vietnamese name, typed, never sniffed
    response, data = await get(browser, base + links[PDF_NAME])
    assert response.status == 200 and data == PDF
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(PDF_NAME, safe='')}" in disposition
    assert 'filename="Bien ban nghiem thu dot 2 (ban ky) _1_.pdf"' in disposition
    assert response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"

    response, data = await get(browser, base + links["photo.jpg"])
    assert response.status == 200 and data == PHOTO
    assert response.headers["Content-Type"] == "image/jpeg"
    assert "filename*=UTF-8''photo.jpg" in response.headers["Content-Disposition"]

    # a page an officer sent is a download, never a page of the view
    response, body = await get(browser, f"{base}/web/tasks/{await task_id(web_bot, 'II.2.a')}")
    [(html_path, _id, shown)] = LINK.findall(body.decode())
    assert shown == "trang &lt;script&gt;.html"
    response, data = await get(browser, base + html_path)
    assert response.status == 200 and data == b"<script>alert(1)</script>"
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert 'filename="trang _script_.html"' in response.headers["Content-Disposition"]

    # an id that is no evidence, or no id at all
    async with web_bot.db.transaction() as session:
        last = await session.scalar(select(Evidence.id).order_by(Evidence.id.desc()))
    assert last is not None
    for path, status in ((f"/web/evidence/{last + 1}", 404), ("/web/evidence/0", 404)):
        response, data = await get(browser, base + path)
        plain_page(response, data, status, "Không tìm thấy")
    response, data = await get(browser, base + "/web/evidence/abc")
    plain_page(response, data, 400, "Yêu cầu không hợp lệ")

    # signed out (another browser, or after signing out): refused, no bytes
    async with aiohttp.ClientSession() as stranger:
        response, data = await get(stranger, base + links[PDF_NAME])
    plain_page(response, data, 401, "Bạn chưa đăng nhập")
    await browser.post(f"{base}/web/logout", headers={"Origin": base})
    response, data = await get(browser, base + links[PDF_NAME])
    assert response.status in (401, 403)
    plain_page(response, data, response.status, "đăng")


async def test_a_file_telegram_does_not_give_gets_a_plain_page(
    web_bot: BotHarness, browser: aiohttp.ClientSession
) -> None:
    scenario = await seed(web_bot.db, OFFICER, FINANCE, COORDINATOR)
    await send_evidence(web_bot, "II.1.a xong", "báo cáo.pdf", PDF)
    await send_evidence(web_bot, "II.2.a xong", "ảnh hiện trường.pdf", b"x" * (DOWNLOAD_LIMIT + 1))
    base = await sign_in(web_bot, browser, scenario.coordinator.id)
    _r, body = await get(browser, f"{base}/web/tasks/{await task_id(web_bot, 'II.1.a')}")
    [(small, _id, _name)] = LINK.findall(body.decode())
    _r, body = await get(browser, f"{base}/web/tasks/{await task_id(web_bot, 'II.2.a')}")
    [(big, _id, _name)] = LINK.findall(body.decode())

    # Telegram down, then the file's bytes not served: a page saying to try again
    web_bot.emulator.inject(ApiError("getFile", 500, "Internal Server Error"))
    response, data = await get(browser, base + small)
    plain_page(response, data, 502, "Không tải được tệp từ Telegram")
    web_bot.emulator.inject(ApiError("file", 502, "Bad Gateway"))
    response, data = await get(browser, base + small)
    plain_page(response, data, 502, "Không tải được tệp từ Telegram")
    # over the 20 MB Telegram lets a bot download: said so
    response, data = await get(browser, base + big)
    plain_page(response, data, 502, "lớn hơn 20 MB")
    # a file id Telegram does not know (e.g. a file of another bot's)
    async with web_bot.db.transaction() as session:
        item = await session.scalar(select(Evidence).where(Evidence.file_name == "báo cáo.pdf"))
        assert item is not None
        item.file_id = "AgACAgUAAxkBAAIB-unknown"
    response, data = await get(browser, base + small)
    plain_page(response, data, 502, "Không tải được tệp từ Telegram")
    async with web_bot.db.transaction() as session:
        item = await session.scalar(select(Evidence).where(Evidence.file_name == "báo cáo.pdf"))
        assert item is not None
        item.file_id = next(f for f in web_bot.emulator.files.values() if f.content == PDF).file_id
    response, data = await get(browser, base + small)  # and once Telegram answers again
    assert response.status == 200 and data == PDF
    assert "filename*=UTF-8''b%C3%A1o%20c%C3%A1o.pdf" in response.headers["Content-Disposition"]
