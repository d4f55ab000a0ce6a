"""The demo's web chat page speaks the demo's language: every word of the page Vietnamese by
default, English when the demo runs in English, and no placeholder left unfilled."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest

from bot.demo import page_words
from emulator import BotApiEmulator, FakeUser
from emulator.webchat import ChatUser, WebChat
from texts import CATALOGUES

ENGLISH = ("Demo time", "Next day", "+1 hour", "Write a message", "chatting with the bot",
           "Reply to", "Send a document", "Reminders go out", "Everything stays")  # fmt: skip


async def page_in(language: str) -> str:
    emulator = BotApiEmulator()
    user = FakeUser(1, "An", "Nguyễn")
    chat = WebChat(
        emulator,
        "1:x",
        [ChatUser(user, "Cán bộ", "officer")],
        lambda: datetime(2026, 12, 14, 2, tzinfo=UTC),
        lambda action: None,  # type: ignore[arg-type,return-value]
        strings=page_words(language),
        language=language,
    )
    chat.install(emulator.app)
    base = await emulator.start("127.0.0.1", 0)
    try:
        async with aiohttp.ClientSession() as http, http.get(base + "/") as response:
            assert response.status == 200
            return await response.text()
    finally:
        await emulator.stop()


def visible_words(page: str) -> str:
    without_scripts = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    attributes = " ".join(re.findall(r'(?:title|placeholder|aria-label)="([^"]*)"', page))
    return re.sub(r"<[^>]+>", " ", without_scripts) + " " + attributes


@pytest.mark.parametrize("language", ["vi", "en"])
async def test_the_demo_page_is_in_the_demos_language(language: str) -> None:
    page = await page_in(language)
    assert "{{" not in page and f'<html lang="{language}">' in page
    words = visible_words(page)
    strings = json.loads(re.search(r'<script id="strings"[^>]*>(.*?)</script>', page, re.S)[1])
    assert strings == page_words(language)
    if language == "vi":
        assert not any(english in words for english in ENGLISH), words
        assert "Giờ demo" in words and "Ngày làm việc tiếp" in words
        assert "Nhập tin nhắn" in words
    else:
        assert "Demo time" in words and "Next day" in words


def test_every_word_of_the_page_and_its_script_is_in_both_catalogues() -> None:
    static = Path(__file__).resolve().parents[2] / "emulator" / "static"
    script = (static / "app.js").read_text(encoding="utf-8")
    page = (static / "index.html").read_text(encoding="utf-8")
    used = set(re.findall(r'T\("(webchat\.[\w.]+)"', script))
    used |= {k for k in re.findall(r"\{\{([\w.]+)\}\}", page) if k.startswith("webchat.")}
    assert used and used <= set(CATALOGUES["vi"]) and used <= set(CATALOGUES["en"])
    # the page's own text between tags is placeholders only (nothing typed in one language)
    body = re.sub(r"<script.*?</script>|<style.*?</style>|<svg.*?</svg>", "", page, flags=re.S)
    text = re.sub(r"\{\{[\w.]+\}\}", "", re.sub(r"<[^>]+>", " ", body))
    assert not re.search(r"[A-Za-z]{3,}", text.replace("dondoc demo", "")), text
