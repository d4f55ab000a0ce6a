"""/web in chat: coordinators and admins get a one-time link to the desktop view that the
composition root serves (DONDOC_WEB); officers and group chats get none."""

from __future__ import annotations

import re

import aiohttp

from tests.auxil.harness import BotHarness
from tests.auxil.scenario import seed
from tests.conftest import COORDINATOR, OFFICER
from tests.web.conftest import FINANCE

LINK = re.compile(r"(http://127\.0\.0\.1:\d+/web/login/[A-Za-z0-9_-]+)")


async def test_web_link_signs_a_coordinator_in(web_bot: BotHarness) -> None:
    await seed(web_bot.db, OFFICER, FINANCE, COORDINATOR)
    refused = await web_bot.ask(OFFICER, "/web")
    assert "dành cho" in refused.text and not LINK.search(refused.text)
    mark = len(web_bot.emulator.sent)
    web_bot.send(COORDINATOR, "/web", chat_id=-100123)
    group = await web_bot.emulator.reply_to(-100123, after=mark)
    assert "tin nhắn riêng" in group.text and not LINK.search(group.text)

    reply = await web_bot.ask(COORDINATOR, "/web")
    match = LINK.search(reply.text)
    assert match, reply.text
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
        form = await client.get(match.group(1))
        assert form.status == 200 and "Trần Thị Bình" in await form.text()
        # the page's button: the browser says where the POST comes from
        origin = {"Origin": match.group(1).split("/web/")[0]}
        signed = await client.post(match.group(1), headers=origin)  # follows the redirect
        assert signed.status == 200 and "151/KH-UBND" in await signed.text()
        again = await client.post(match.group(1), headers=origin)
        assert again.status == 410


async def test_web_disabled_says_so(harness: BotHarness) -> None:
    await seed(harness.db, OFFICER, FINANCE, COORDINATOR)
    reply = await harness.ask(COORDINATOR, "/web")
    assert "DONDOC_WEB" in reply.text and not LINK.search(reply.text)
