"""The desktop view in Debian's Chromium, on `dondoc demo`: the coordinator types /web in the
web chat, signs in through the link, opens the plan matrix and a task's history, finds the
chat's /summary figures on the page, and is refused on the next click once an admin revoked
them. Skipped without playwright or chromium unless DONDOC_REQUIRE_BROWSER is set (as in CI).
Set DONDOC_WEB_SCREENSHOTS=<folder> to keep screenshots (docs/ has the ones made this way)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from bot.demo import ADMIN, COORDINATOR, OFFICER, Demo
from bot.settings import Settings
from domain.status import Outcome
from reports.labels import outcome_label
from tests.e2e.test_demo_browser import CHROMIUM_ARGS, browser_tools, choose_plan, send

TIMEOUT = 10_000
LINK = re.compile(r"http://127\.0\.0\.1:\d+/web/login/[A-Za-z0-9_-]+")


async def test_coordinator_desktop_view_in_a_browser(tmp_path: Path) -> None:
    async_playwright, executable = browser_tools()
    shots = os.environ.get("DONDOC_WEB_SCREENSHOTS")
    demo = Demo(Settings(_env_file=None), data_dir=tmp_path / "demo", port=0)  # type: ignore[call-arg]
    url = await demo.start()
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            try:
                chat = await browser.new_page(viewport={"width": 1280, "height": 860})
                desk = await browser.new_page(viewport={"width": 1366, "height": 900})
                try:
                    await scenario(chat, desk, url, shots)
                except BaseException:
                    if shots:
                        await desk.screenshot(path=str(Path(shots) / "web-failure.png"))
                        await chat.screenshot(path=str(Path(shots) / "web-chat-failure.png"))
                    raise
            finally:
                await browser.close()
    finally:
        await demo.stop()


async def as_user(page: Any, user_id: int, name: str) -> None:
    await page.click(f'.user[data-user="{user_id}"]')
    await page.wait_for_selector(f"#head-name:has-text('{name}')", timeout=TIMEOUT)


async def scenario(chat: Any, desk: Any, url: str, shots: str | None) -> None:
    await chat.goto(url)
    # the officer reports one task, so that the figures are not all "not reported"
    await as_user(chat, OFFICER.user.id, "Nguyễn Văn An")
    await send(chat, "II.1.a đang thực hiện 50%, đã trình dự thảo")
    await chat.locator(".msg.bot", has_text="Đã ghi nhận").first.wait_for(timeout=TIMEOUT)

    # the coordinator's /summary in chat: the figures to find on the page
    await as_user(chat, COORDINATOR.user.id, "Trần Minh Đức")
    await send(chat, "/summary")
    await choose_plan(chat, "151/KH-UBND")
    summary = chat.locator(".msg.bot", has_text="Tỷ lệ hoàn thành")
    await summary.wait_for(timeout=TIMEOUT)
    text = await summary.text_content() or ""
    figures = {}
    for outcome in Outcome:
        found = re.search(rf"{re.escape(outcome_label(outcome, 'vi'))}: (\d+)", text)
        assert found, (outcome, text)
        figures[outcome.value] = int(found.group(1))
    rate = re.search(r"Tỷ lệ hoàn thành: ([\d,]+%)", text)
    assert rate and figures["in_progress_on_time"] >= 1
    period = re.search(r"kỳ (.+?) \(hạn", text)
    assert period

    # /web answers a one-time link; the browser signs in with it
    await send(chat, "/web")
    answer = chat.locator(".msg.bot", has_text="/web/login/").last
    await answer.wait_for(timeout=TIMEOUT)
    link = LINK.search(await answer.text_content() or "")
    assert link, await answer.text_content()
    await desk.goto(link.group(0))
    await desk.click("button[type=submit]")
    await desk.wait_for_selector("text=Các kế hoạch đang theo dõi", timeout=TIMEOUT)
    if shots:
        await desk.screenshot(path=str(Path(shots) / "web-plans.png"), full_page=True)

    # the matrix: the same figures as the chat, the reported task in progress
    await desk.click("a:has-text('151/KH-UBND')")
    await desk.wait_for_selector("table.matrix", timeout=TIMEOUT)
    for key, value in figures.items():
        shown = await desk.text_content(f'[data-figure="{key}"] b')
        assert shown is not None and int(shown) == value, (key, shown, value)
    assert await desk.text_content('[data-figure="rate"] b') == rate.group(1)
    assert period.group(1) in (await desk.text_content("#figures") or "")
    row = desk.locator('tr[data-task="II.1.a"]')
    cell = row.locator(f'td[data-period="{period.group(1)}"]')
    assert "Đang thực hiện trong hạn" in (await cell.text_content() or "")
    if shots:
        await desk.screenshot(path=str(Path(shots) / "web-plan-matrix.png"), full_page=True)

    # the task's history has the officer's report
    await row.locator("a").first.click()
    await desk.wait_for_selector("text=Lịch sử báo cáo", timeout=TIMEOUT)
    history = await desk.text_content("main") or ""
    assert "đã trình dự thảo" in history and "50%" in history and "Nguyễn Văn An" in history
    if shots:
        await desk.set_viewport_size({"width": 390, "height": 844})  # a phone
        await desk.screenshot(path=str(Path(shots) / "web-task-phone.png"), full_page=True)
        await desk.set_viewport_size({"width": 1366, "height": 900})

    # an admin revokes the coordinator: the next click is refused
    await as_user(chat, ADMIN.user.id, "Phạm Quản Trị")
    await send(chat, f"/revoke {COORDINATOR.user.id}")
    await chat.locator(".msg.bot", has_text="Đã thu hồi").last.wait_for(timeout=TIMEOUT)
    response = await desk.reload()
    assert response is not None and response.status == 403
    assert "thu hồi" in (await desk.text_content("main") or "")
    assert "151/KH-UBND" not in (await desk.content())
