"""`dondoc demo` in a real headless Chromium: the officer moves the clock until a reminder comes,
replies to it, and the coordinator sees it in /summary and downloads it in the /export workbook.

Needs the `playwright` Python package and Debian's chromium (`/usr/bin/chromium`, or the path in
DONDOC_CHROMIUM); nothing is installed at run time. Without them the browser test is skipped,
unless DONDOC_REQUIRE_BROWSER is set (as in CI), where it fails instead.
Set DONDOC_DEMO_SCREENSHOTS=<folder> to keep screenshots of the page.
"""

from __future__ import annotations

import io
import os
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from bot.demo import ADMIN, COORDINATOR, OFFICER, SEED_PLANS, Demo, seed_drafts
from bot.settings import Settings
from emulator.webchat import telegram_html_tree
from periods.calendar import WorkingCalendar

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO = Path(__file__).resolve().parents[2]


def chromium_path() -> str | None:
    configured = os.environ.get("DONDOC_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


def unavailable(reason: str) -> None:
    if os.environ.get("DONDOC_REQUIRE_BROWSER"):
        pytest.fail(f"DONDOC_REQUIRE_BROWSER is set but {reason}")
    pytest.skip(reason)


def browser_tools() -> tuple[Any, str]:
    """(async_playwright, chromium path), or a skip (a failure under DONDOC_REQUIRE_BROWSER)."""
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install playwright)")
    executable = chromium_path()
    if executable is None:
        unavailable("no chromium binary (apt-get install chromium, or set DONDOC_CHROMIUM)")
    return async_playwright, str(executable)


def test_demo_data_are_the_reviewed_examples() -> None:
    """The package's copies of the seed plans are examples/*.yaml as reviewed."""
    examples = REPO / "examples"
    if not examples.is_dir():
        pytest.skip("no examples/ folder (not a source checkout)")
    shipped = REPO / "emulator" / "demo_data"
    for name in SEED_PLANS:
        assert (shipped / name).read_text("utf-8") == (examples / name).read_text("utf-8"), name
    assert [d.plan.number for d in seed_drafts()] == ["151/KH-UBND", "544-KL/TU", "15-CTr/TU"]
    # one demo = one province: Quảng Ngãi's demo loads only its own plan
    assert [d.plan.number for d in seed_drafts("Quảng Ngãi")] == ["151/KH-UBND"]
    assert [d.plan.number for d in seed_drafts("Khanh Hoa")] == ["544-KL/TU"]


def test_bot_html_becomes_a_tree_of_telegram_tags_only() -> None:
    tree = telegram_html_tree(
        '<b>Sở &lt;XD&gt;</b> <a href="javascript:alert(1)">x</a> <a href="https://t.me/a">y</a>'
        '<script>alert(2)</script><pre><code class="language-py">1 &amp; 2</code></pre>'
    )
    assert tree[0] == {"tag": "b", "children": ["Sở <XD>"]}
    assert tree[2] == {"tag": "a", "children": ["x"]}  # no href: not a safe scheme
    assert tree[4] == {"tag": "a", "children": ["y"], "href": "https://t.me/a"}
    assert tree[5] == "alert(2)"  # unknown tags keep only their text
    assert tree[6] == {
        "tag": "pre",
        "children": [{"tag": "code", "children": ["1 & 2"], "language": "py"}],
    }


async def test_demo_in_a_browser(tmp_path: Path) -> None:
    async_playwright, executable = browser_tools()
    shots = os.environ.get("DONDOC_DEMO_SCREENSHOTS")
    demo = Demo(Settings(_env_file=None), data_dir=tmp_path / "demo", port=0)  # type: ignore[call-arg]
    url = await demo.start()
    try:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            try:
                page = await browser.new_page(
                    accept_downloads=True, viewport={"width": 1280, "height": 860}
                )
                try:
                    await run_scenario(page, url, shots)
                except BaseException:
                    if shots:
                        await page.screenshot(path=str(Path(shots) / "demo-failure.png"))
                    raise
            finally:
                await browser.close()
    finally:
        await demo.stop()


async def run_scenario(page: Any, url: str, shots: str | None) -> None:
    timeout = 10_000
    await page.goto(url)
    await page.click(f'.user[data-user="{OFFICER.user.id}"]')
    await page.wait_for_selector("#head-name:has-text('Nguyễn Văn An')", timeout=timeout)
    start_time = await page.text_content("#clock-day")

    # the officer presses "Next day" until the 151/KH-UBND reminder arrives
    reminders = page.locator(".msg.bot", has_text="151/KH-UBND")
    for _ in range(8):
        await page.click("#next-day")
        try:
            await reminders.first.wait_for(timeout=3_000)
            break
        except Exception:  # playwright's TimeoutError: not yet, move on a day
            continue
    reminder = reminders.first
    await reminder.wait_for(timeout=timeout)
    assert "II.1.a" in (await reminder.text_content() or "")
    assert await page.text_content("#clock-day") != start_time

    # reply to it through the reply control, see the confirmation
    await reminder.hover()
    await reminder.locator(".reply-action").click()
    await page.wait_for_selector("#reply-bar:not([hidden])", timeout=timeout)
    await page.fill("#text", "II.1.a đang thực hiện 50%")
    await page.press("#text", "Enter")
    mine = page.locator(".msg.me", has_text="II.1.a đang thực hiện 50%")
    await mine.wait_for(timeout=timeout)
    assert "Sở Xây dựng" in (await mine.locator(".quote").text_content() or "")
    confirmation = page.locator(".msg.bot", has_text="Đã ghi nhận")
    await confirmation.wait_for(timeout=timeout)
    text = await confirmation.text_content() or ""
    assert "II.1.a" in text and "Đang thực hiện 50%" in text
    if shots:
        await page.screenshot(path=str(Path(shots) / "demo-officer.png"))

    # reloading the page shows the chat's history at once, never an empty chat meanwhile
    await page.reload()
    await page.wait_for_selector("#head-name:has-text('Nguyễn Văn An')", timeout=timeout)
    assert "No messages yet" not in (await page.text_content("#messages") or "")
    await page.locator(".msg.bot", has_text="Đã ghi nhận").wait_for(timeout=3_000)

    await admin_days_and_invites(page)

    # the coordinator asks for the summary of 151/KH-UBND
    await page.click(f'.user[data-user="{COORDINATOR.user.id}"]')
    await page.wait_for_selector("#head-name:has-text('Trần Minh Đức')", timeout=timeout)
    await send(page, "/summary")
    await choose_plan(page, "151/KH-UBND")
    summary = page.locator(".msg.bot", has_text="Tỷ lệ hoàn thành")
    await summary.wait_for(timeout=timeout)
    text = await summary.text_content() or ""
    assert "151/KH-UBND" in text and "Quý IV/2026" in text
    assert "Đang thực hiện trong hạn: 1" in text
    assert "Sở Xây dựng" in text
    if shots:
        await page.screenshot(path=str(Path(shots) / "demo-coordinator.png"))

    # /export: download the workbook from the page and find the reported row in it
    await send(page, "/export 151")
    link = page.locator("a.doc[data-file-name$='.xlsx']")
    await link.wait_for(timeout=timeout)
    async with page.expect_download(timeout=timeout) as info:
        await link.click()
    download = await info.value
    assert download.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(Path(await download.path()).read_bytes()))
    rows = [
        [str(c.value or "") for c in row] for sheet in book.worksheets for row in sheet.iter_rows()
    ]
    reported = [r for r in rows if "II.1.a" in r and "Sở Xây dựng" in r]
    assert any("50" in row for row in reported), reported  # the row with the reported 50 %


async def admin_days_and_invites(page: Any) -> None:
    """An invite made in the demo expires by the demo clock; "Next day" skips a declared day
    off (and weekends and holidays) to the next working day."""
    await page.click(f'.user[data-user="{ADMIN.user.id}"]')
    await page.wait_for_selector("#head-name:has-text('Phạm Quản Trị')", timeout=10_000)
    today = demo_day(await page.text_content("#clock-day") or "")
    calendar = WorkingCalendar()
    await send(page, "/invite Sở Xây dựng officer")
    invite = page.locator(".msg.bot", has_text="t.me/").last
    await invite.wait_for(timeout=10_000)
    expires = f"{today + timedelta(days=7):%d/%m/%Y}"
    assert expires in (await invite.text_content() or ""), expires

    day_off = calendar.add_working_days(today, 1)
    await send(page, f"/dayoff {day_off:%d/%m/%Y} nghỉ bù")
    await page.locator(".msg.bot", has_text="Đã khai báo").last.wait_for(timeout=10_000)
    await page.click("#next-day")
    expected = WorkingCalendar(days_off=[day_off]).add_working_days(today, 1)
    await page.wait_for_selector(f"#clock-day:has-text('{expected:%d/%m/%Y}')", timeout=10_000)
    assert expected > day_off


def demo_day(text: str) -> date:
    """The date in the page's clock ("Thứ Hai, 14/12/2026")."""
    return datetime.strptime(text.rsplit(" ", 1)[-1], "%d/%m/%Y").date()


async def send(page: Any, text: str) -> None:
    await page.fill("#text", text)
    await page.press("#text", "Enter")
    await page.locator(".msg.me", has_text=text).last.wait_for(timeout=10_000)


async def choose_plan(page: Any, number: str) -> None:
    """Tap the plan's button when the bot asks "which plan?" (a demo of one province has one
    plan, so the bot usually answers at once)."""
    button = page.locator(".kb button", has_text=number).last
    try:
        await button.wait_for(timeout=3_000)
    except Exception:  # no question: the only plan was taken
        return
    await button.click()
