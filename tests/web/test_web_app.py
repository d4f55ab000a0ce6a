"""The desktop view through aiohttp's test client on a real database: sign-in, every page,
the downloads, and every kind of bad input answered with a plain 4xx page."""

from __future__ import annotations

import io
import re

import docx
import openpyxl
import pytest
from sqlalchemy import select, update

from bot.context import working_calendar
from domain.status import Outcome
from reports.labels import outcome_label
from reports.summary import current_period, summarize
from storage.models import Evidence, Member, Plan, ReportingPeriod, Task, WebLogin, WebSession
from tests.web.conftest import WebWorld
from texts import Texts
from web.auth import create_login

PAGES = [
    "/web/",
    "/web/plans/{plan}",
    "/web/tasks/{task}",
    "/web/agencies/{agency}",
    "/web/blockers",
    "/web/plans/{plan}/export.xlsx",
    "/web/plans/{plan}/export.docx",
    "/web/evidence/{evidence}",
]


async def ids(world: WebWorld, ref: str = "II.2.a") -> dict[str, int]:
    async with world.db.transaction() as session:
        task = await session.scalar(select(Task).where(Task.ref == ref))
        assert task is not None
        evidence = await session.scalar(select(Evidence.id))
        return {
            "plan": world.scenario.plan.id,
            "task": task.id,
            "agency": world.scenario.construction.id,
            "evidence": evidence,
        }


def plain_refusal(body: str) -> None:
    assert "Traceback" not in body and 'File "' not in body
    assert "151/KH-UBND" not in body and "II.2.a" not in body  # no data on a refusal


async def test_sign_in_link_works_once_and_opens_a_session(world: WebWorld) -> None:
    token = await world.login_token(world.scenario.coordinator.id)
    form = await world.client.get(f"/web/login/{token}")
    assert form.status == 200
    assert "Trần Thị Bình" in await form.text() and 'method="post"' in await form.text()
    response = await world.client.post(
        f"/web/login/{token}", headers=world.same_origin, allow_redirects=False
    )
    assert response.status == 303 and response.headers["Location"] == "/web/"
    header = response.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Max-Age=" in header
    assert "Path=/web/" in header
    cookie = response.cookies["dondoc_session"].value
    async with world.db.transaction() as session:  # only hashes are stored
        stored = list(await session.scalars(select(WebSession.token_hash)))
        assert cookie not in stored and len(stored) == 1
        assert token not in list(await session.scalars(select(WebLogin.token_hash)))
    again = await world.client.post(
        f"/web/login/{token}", headers=world.same_origin, allow_redirects=False
    )
    assert again.status == 410 and "đã được dùng" in await again.text()
    plain_refusal(await again.text())
    page = await world.get("/web/", cookie)
    assert page.status == 200 and "151/KH-UBND" in await page.text()
    assert page.headers["Cache-Control"] == "no-store"
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]


async def test_every_page_needs_a_session(world: WebWorld) -> None:
    found = await ids(world)
    for path in PAGES:
        response = await world.get(path.format(**found))
        assert response.status == 401, path
        body = await response.text()
        assert "Gõ /web" in body
        plain_refusal(body)
        forged = await world.get(path.format(**found), "A" * 43)
        assert forged.status == 401, path
        plain_refusal(await forged.text())


async def test_forged_expired_and_officer_links_are_refused(world: WebWorld) -> None:
    for forged in ("A" * 32, "x", "<script>alert(1)</script>", "../../etc/passwd", "%00"):
        response = await world.client.get(f"/web/login/{forged}")
        assert response.status in (400, 401, 404), forged  # ../ is normalised away
        plain_refusal(await response.text())
        assert "<script>alert" not in await response.text()
    token = await world.login_token(world.scenario.coordinator.id)
    world.clock.advance(minutes=11)
    expired = await world.client.post(
        f"/web/login/{token}", headers=world.same_origin, allow_redirects=False
    )
    assert expired.status == 410 and "hết hạn" in await expired.text()

    async with world.db.transaction() as session:
        officer = await session.get(Member, world.scenario.officer.id)
        assert officer is not None
        with pytest.raises(ValueError):
            await create_login(session, officer, world.clock())
    # a coordinator's link used after they were made an officer
    token = await world.login_token(world.scenario.coordinator.id)
    async with world.db.transaction() as session:
        await session.execute(
            update(Member).where(Member.id == world.scenario.coordinator.id).values(role="officer")
        )
    refused = await world.client.post(
        f"/web/login/{token}", headers=world.same_origin, allow_redirects=False
    )
    assert refused.status == 403 and "cán bộ điều phối" in await refused.text()
    assert "dondoc_session" not in refused.cookies


async def test_a_revoked_members_session_is_refused_on_the_next_request(world: WebWorld) -> None:
    cookie = await world.sign_in(world.scenario.coordinator.id)
    assert (await world.get("/web/", cookie)).status == 200
    async with world.db.transaction() as session:
        await session.execute(
            update(Member).where(Member.id == world.scenario.coordinator.id).values(active=False)
        )
    found = await ids(world)
    for path in PAGES:
        response = await world.get(path.format(**found), cookie)
        assert response.status == 403, path
        body = await response.text()
        assert "thu hồi" in body
        plain_refusal(body)


async def test_sessions_expire_and_sign_out_ends_them(world: WebWorld) -> None:
    cookie = await world.sign_in(world.scenario.coordinator.id)
    world.clock.advance(hours=13)
    assert (await world.get("/web/", cookie)).status == 410
    cookie = await world.sign_in(world.scenario.coordinator.id)
    world.client.session.cookie_jar.clear()
    out = await world.client.post(
        "/web/logout", headers=world.same_origin, cookies={"dondoc_session": cookie}
    )
    assert out.status == 200 and "đăng xuất" in (await out.text()).lower()
    assert (await world.get("/web/", cookie)).status == 403


async def test_plan_matrix_uses_the_summary_counting(world: WebWorld) -> None:
    cookie = await world.sign_in(world.scenario.coordinator.id)
    plan_id = world.scenario.plan.id
    response = await world.get(f"/web/plans/{plan_id}", cookie)
    assert response.status == 200
    body = await response.text()
    async with world.db.transaction() as session:
        plan = await session.get(Plan, plan_id)
        assert plan is not None
        calendar, today = await working_calendar(world.svc, session)
        period = await current_period(session, plan, today, calendar)
        summary = await summarize(session, plan, period, today)
    for outcome in Outcome:
        shown = re.search(rf'data-figure="{outcome.value}"><b>(\d+)</b>', body)
        assert shown is not None and int(shown.group(1)) == summary.counts.get(outcome, 0)
    total = re.search(r'data-figure="total"><b>(\d+)</b>', body)
    assert total is not None and int(total.group(1)) == summary.total
    label = Texts("vi").period(period)
    assert label in body
    for line in getattr(summary, "tasks", ()):  # each task's cell in the current period
        row = re.search(rf'<tr data-task="{re.escape(line.ref)}">(.*?)</tr>', body, re.S)
        assert row is not None
        assert f'o-{line.outcome.value}" data-period="{label}"' in row.group(1)
        assert outcome_label(line.outcome, "vi") in row.group(1)
    assert "Sở Xây dựng" in body and "Sở Tài chính" in body
    other = await world.get(f"/web/plans/{plan_id}?period={period.id}", cookie)
    assert other.status == 200


async def test_task_history_shows_every_revision_note_and_file_escaped(world: WebWorld) -> None:
    cookie = await world.sign_in(world.scenario.coordinator.id)
    found = await ids(world)
    body = await (await world.get(f"/web/tasks/{found['task']}", cookie)).text()
    assert "#2" in body and "#1" in body  # both revisions
    assert "đang rà soát" in body and "Có vướng mắc" in body and "50%" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "<script>alert" not in body
    assert f'<a href="/web/evidence/{found["evidence"]}">bien-ban &lt;hop&gt;.pdf</a>' in body
    # Telegram out of reach: the link answers a page saying so, not an error
    failed = await world.get(f"/web/evidence/{found['evidence']}", cookie)
    assert failed.status == 502 and "Không tải được tệp từ Telegram" in await failed.text()
    assert "attachment" not in failed.headers.get("Content-Disposition", "")
    assert "Nguyễn Văn An" in body  # who reported
    agency = await (await world.get(f"/web/agencies/{found['agency']}", cookie)).text()
    assert "II.1.a" in agency and "II.2.a" in agency and "II.1.c" in agency
    blockers = await (await world.get("/web/blockers", cookie)).text()
    assert "II.2.a" in blockers and "&lt;b&gt;mặt bằng&lt;/b&gt;" in blockers


async def test_downloads_are_the_chat_exports(world: WebWorld) -> None:
    cookie = await world.sign_in(world.scenario.coordinator.id)
    plan_id = world.scenario.plan.id
    xlsx = await world.get(f"/web/plans/{plan_id}/export.xlsx", cookie)
    assert xlsx.status == 200 and "attachment" in xlsx.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(await xlsx.read()))
    cells = [str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r if c.value]
    assert any("II.2.a" in c for c in cells)
    word = await world.get(f"/web/plans/{plan_id}/export.docx", cookie)
    assert word.status == 200
    document = docx.Document(io.BytesIO(await word.read()))
    assert "151/KH-UBND" in "\n".join(p.text for p in document.paragraphs) + "".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )


async def test_bad_ids_and_crafted_queries_get_plain_pages(world: WebWorld) -> None:
    cookie = await world.sign_in(world.scenario.coordinator.id)
    plan_id = world.scenario.plan.id
    async with world.db.transaction() as session:
        other_plan = Plan(number="99/KH", number_key="99kh", title="khác")
        session.add(other_plan)
        await session.flush()
        period = ReportingPeriod(
            plan_id=other_plan.id,
            kind="quarterly",
            key="2026-Q4",
            starts_on=at_day(1),
            ends_on=at_day(2),
            deadline=at_day(3),
            support_deadline=at_day(3),
        )
        session.add(period)
        await session.flush()
        foreign = period.id
    cases = {
        "/web/plans/999999": 404,
        "/web/plans/99999999999999999999": 400,
        "/web/tasks/0": 404,
        "/web/agencies/424242": 404,
        "/web/plans/abc": 400,
        f"/web/plans/{plan_id}?period=abc": 400,
        f"/web/plans/{plan_id}?period=-1": 400,
        f"/web/plans/{plan_id}?period={foreign}": 404,
        f"/web/plans/{plan_id}/export.xlsx?period={foreign}": 404,
        f"/web/plans/{plan_id}?lang=<script>": 400,
        f"/web/plans/{plan_id}?evil=1": 400,
        f"/web/plans/{plan_id}?period=" + "9" * 50: 400,
        "/web/nothing-here": 404,
        "/web/plans/1/export.exe": 404,
    }
    for path, status in cases.items():
        response = await world.get(path, cookie)
        body = await response.text()
        assert response.status == status, (path, response.status)
        assert "Traceback" not in body and "<script>" not in body, path
        assert "text/html" in response.headers["Content-Type"], path


def at_day(day: int):  # type: ignore[no-untyped-def]
    from datetime import date

    return date(2026, 10, day)


async def test_english_on_request_and_remembered(world: WebWorld) -> None:
    cookie = await world.sign_in(world.scenario.coordinator.id)
    response = await world.get("/web/?lang=en", cookie)
    assert response.status == 200
    body = await response.text()
    assert "Plans followed" in body and 'lang="en"' in body
    assert "dondoc_lang=en" in response.headers.get("Set-Cookie", "")
    world.client.session.cookie_jar.clear()
    remembered = await world.client.get(
        "/web/blockers", cookies={"dondoc_session": cookie, "dondoc_lang": "en"}
    )
    assert "Blockers and requests" in await remembered.text()
    vietnamese = await world.get("/web/", cookie)
    assert "Các kế hoạch đang theo dõi" in await vietnamese.text()


# -- round 3 (issue 24: 10, 11) -----------------------------------------------------------------
async def test_every_value_is_escaped_once(world: WebWorld) -> None:
    """One escaping layer: "A & B" shows as "A & B" (in the HTML, "A &amp; B"), never as
    "A &amp;amp; B", wherever a value stands: in a template of the catalogue or in markup."""
    async with world.db.transaction() as session:
        await session.execute(
            update(Member)
            .where(Member.id == world.scenario.coordinator.id)
            .values(full_name="A & B <i>")
        )
        await session.execute(
            update(Plan).where(Plan.id == world.scenario.plan.id).values(number="151/KH&UBND")
        )
        await session.execute(update(Task).where(Task.ref == "II.2.a").values(ref="II.2.a&b"))
    token = await world.login_token(world.scenario.coordinator.id)
    form = await (await world.client.get(f"/web/login/{token}")).text()
    assert "<b>A &amp; B &lt;i&gt;</b>" in form
    cookie = await world.sign_in(world.scenario.coordinator.id)
    found = await ids(world, ref="II.2.a&b")
    for path in PAGES[:5]:
        body = await (await world.get(path.format(**found), cookie)).text()
        assert "&amp;amp;" not in body and "&amp;lt;" not in body and "&amp;gt;" not in body, path
        assert "A &amp; B &lt;i&gt;" in body, path  # the signed-in coordinator, in the header
    task = await (await world.get(f"/web/tasks/{found['task']}", cookie)).text()
    assert "Nhiệm vụ II.2.a&amp;b" in task and "Thuộc kế hoạch 151/KH&amp;UBND" in task


async def test_every_post_from_another_site_is_refused(world: WebWorld) -> None:
    """Login CSRF and forced sign-out: a POST must come from the view's own pages (Origin, or
    Referer when a browser sends no Origin); from another site, or from nowhere, it is refused
    and nothing happens."""
    token = await world.login_token(world.scenario.coordinator.id)
    foreign = [
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/page"},
        {"Origin": world.origin, "Sec-Fetch-Site": "cross-site"},
        {},
    ]
    for headers in foreign:
        refused = await world.client.post(
            f"/web/login/{token}", headers=headers, allow_redirects=False
        )
        assert refused.status == 403, headers
        assert "dondoc_session" not in refused.cookies
        assert "không đến từ trang" in await refused.text()
    # the link was not spent: the coordinator's own click still signs in
    cookie = await world.sign_in_with(token)
    assert (await world.get("/web/", cookie)).status == 200
    for headers in foreign:
        world.client.session.cookie_jar.clear()
        out = await world.client.post(
            "/web/logout", headers=headers, cookies={"dondoc_session": cookie}
        )
        assert out.status == 403, headers
    assert (await world.get("/web/", cookie)).status == 200  # still signed in
    world.client.session.cookie_jar.clear()
    referred = await world.client.post(
        "/web/logout",
        headers={"Referer": world.origin + "/web/"},
        cookies={"dondoc_session": cookie},
    )
    assert referred.status == 200
    assert (await world.get("/web/", cookie)).status == 403
