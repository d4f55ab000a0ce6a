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


async def sign_in(chat: Any, desk: Any) -> None:
    """The coordinator (already chosen in the web chat) types /web; `desk` opens the link and
    presses the sign-in button."""
    await send(chat, "/web")
    answer = chat.locator(".msg.bot", has_text="/web/login/").last
    await answer.wait_for(timeout=TIMEOUT)
    link = LINK.search(await answer.text_content() or "")
    assert link, await answer.text_content()
    await desk.goto(link.group(0))
    await desk.click("button[type=submit]")
    await desk.wait_for_selector("text=Các kế hoạch đang theo dõi", timeout=TIMEOUT)


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
    await sign_in(chat, desk)
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


# -- the plan matrix on a phone -------------------------------------------------------------------
PHONE = {"width": 390, "height": 844}
MATRIX_PERIODS = 6
# where each thing is in the phone's page, in CSS pixels: measured by the browser itself
MEASURE = """() => {
  const box = document.querySelector('table.matrix').closest('.scroll');
  const outside = [...document.body.querySelectorAll('*')]
    .filter(e => !e.closest('.scroll'))
    .filter(e => { const r = e.getBoundingClientRect();
                   return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5); })
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
  const task = box.querySelector('tbody th').getBoundingClientRect();
  const tallest = t => Math.max(...[...t.querySelectorAll('tbody tr')]
    .map(r => r.getBoundingClientRect().height));
  const agencies = document.querySelector('table.agencies');
  return {
    viewport: innerWidth,
    pageWidth: document.documentElement.scrollWidth,
    pageHeight: document.documentElement.scrollHeight,
    matrixBottom: box.getBoundingClientRect().bottom + scrollY,
    boxLeft: box.getBoundingClientRect().left,
    boxRight: box.getBoundingClientRect().right,
    scrolls: box.scrollWidth > box.clientWidth,
    taskWidth: task.width,
    tallestRow: tallest(box),
    agencyWidth: agencies.querySelector('tbody td').getBoundingClientRect().width,
    tallestAgency: tallest(agencies),
    agencyBoxRight: agencies.closest('.scroll').getBoundingClientRect().right,
    agencyRows: agencies.querySelectorAll('tbody tr').length,
    agenciesHeight: agencies.getBoundingClientRect().height,
    columns: box.querySelectorAll('thead th').length,
    outside,
  };
}"""
AT_THE_END = """() => {
  const box = document.querySelector('table.matrix').closest('.scroll');
  box.scrollLeft = box.scrollWidth;
  const heads = box.querySelectorAll('thead th');
  const last = heads[heads.length - 1].getBoundingClientRect();
  const task = box.querySelector('tbody th').getBoundingClientRect();
  return {lastLeft: last.left, lastRight: last.right, taskLeft: task.left,
          boxLeft: box.getBoundingClientRect().left, scrolled: box.scrollLeft};
}"""


async def add_past_periods(demo: Demo, number: str, count: int) -> None:
    """The plan as followed for more than a year: owed from `count` periods before the current
    one, with their rows (the bot makes one as each period comes), so the matrix has
    MATRIX_PERIODS columns of statuses."""
    from sqlalchemy import select, update

    from bot.context import working_calendar
    from periods.rules import parse_period_key, previous_period
    from periods.store import ensure_period
    from reports.summary import current_period
    from storage.models import Assignment, Plan, Task

    assert demo.svc is not None
    async with demo.svc.db.transaction() as session:
        plan = await session.scalar(select(Plan).where(Plan.number == number))
        assert plan is not None
        calendar, today = await working_calendar(demo.svc, session)
        period = parse_period_key((await current_period(session, plan, today, calendar)).key)
        for _ in range(count):
            period = previous_period(period)
            await ensure_period(session, plan, period, calendar)
        plan.schedule = {**(plan.schedule or {}), "starts_from": period.key}
        tasks = select(Task.id).where(Task.plan_id == plan.id)  # assigned from the start
        await session.execute(
            update(Assignment).where(Assignment.task_id.in_(tasks)).values(owed_from=None)
        )


async def test_plan_matrix_on_a_phone(tmp_path: Path) -> None:
    """At 390×844 the matrix scrolls sideways in its own box, the task column stays put and
    readable, and nothing else is wider than the screen."""
    async_playwright, executable = browser_tools()
    shots = os.environ.get("DONDOC_WEB_SCREENSHOTS")
    demo = Demo(Settings(_env_file=None), data_dir=tmp_path / "demo", port=0)  # type: ignore[call-arg]
    url = await demo.start()
    try:
        await add_past_periods(demo, "151/KH-UBND", MATRIX_PERIODS - 1)
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            try:
                chat = await browser.new_page(viewport={"width": 1280, "height": 860})
                phone = await browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
                try:
                    await chat.goto(url)
                    await as_user(chat, COORDINATOR.user.id, "Trần Minh Đức")
                    await sign_in(chat, phone)
                    await phone.click("a:has-text('151/KH-UBND')")
                    await phone.wait_for_selector("table.matrix", timeout=TIMEOUT)
                    await phone_matrix(phone, shots)
                except BaseException:
                    if shots:
                        await phone.screenshot(path=str(Path(shots) / "web-phone-failure.png"))
                    raise
            finally:
                await browser.close()
    finally:
        await demo.stop()


async def phone_matrix(phone: Any, shots: str | None) -> None:
    seen = await phone.evaluate(MEASURE)
    if shots:  # the screen a coordinator sees on reaching the matrix
        await phone.evaluate(
            "window.scrollTo(0, document.querySelector('.legend').getBoundingClientRect().top"
            " + scrollY - 60)"
        )
        await phone.screenshot(path=str(Path(shots) / "web-plan-phone.png"))
    assert seen["viewport"] == PHONE["width"], seen
    assert seen["columns"] >= MATRIX_PERIODS, seen  # the task column and 5 or 6 periods
    # nothing but the matrix's own box is wider than the screen; the page never scrolls sideways
    assert seen["outside"] == [], seen
    assert seen["pageWidth"] <= PHONE["width"], seen
    assert seen["boxLeft"] >= 0 and seen["boxRight"] <= PHONE["width"], seen
    assert seen["scrolls"], seen  # six periods do not fit: the box scrolls
    # the task column is readable (not a word a line) and its rows short: the whole matrix of
    # the demo plan's 16 tasks is read within a few screens
    assert seen["taskWidth"] > 140, seen
    assert seen["tallestRow"] < 140, seen
    assert seen["matrixBottom"] < 3000, seen
    # the agencies of the period below it (the demo's ~100 communes and departments): the same,
    # a line or two an agency; the page's length is theirs
    assert seen["agencyWidth"] > 140 and seen["agencyBoxRight"] <= PHONE["width"], seen
    assert seen["tallestAgency"] < 140, seen
    assert seen["agenciesHeight"] / seen["agencyRows"] < 50, seen
    assert seen["pageHeight"] < seen["matrixBottom"] + seen["agenciesHeight"] + 600, seen
    # scrolled to its end, the last period is on screen and the task column still at the left
    end = await phone.evaluate(AT_THE_END)
    assert end["scrolled"] > 0, end
    assert end["lastLeft"] >= 0 and end["lastRight"] <= PHONE["width"] + 0.5, end
    assert abs(end["taskLeft"] - end["boxLeft"]) < 1, end
