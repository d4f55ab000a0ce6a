"""A desktop view on a real database: a seeded plan with reports, revisions and a file, and an
aiohttp test client; sign-in links are made by the same service `/web` uses."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.context import Services, working_calendar
from bot.settings import Settings
from domain.status import ReportStatus
from emulator import BotApiEmulator, FakeUser
from reports.service import attach_evidence, record_report
from reports.summary import current_period
from runtime.services import make_services
from storage.db import Database
from storage.models import Member, Task
from tests.auxil.clock import FakeClock
from tests.auxil.harness import BotHarness, make_settings
from tests.auxil.scenario import Scenario, seed
from tests.conftest import COORDINATOR, OFFICER
from web.app import build_web_app
from web.auth import create_login

FINANCE = FakeUser(900020, "Lê", "Tài Chính")
NOTE = "vướng <b>mặt bằng</b> & thiếu vốn <script>alert(1)</script>"


def at(day: int, month: int = 12, hour_local: int = 9) -> datetime:
    return datetime(2026, month, day, hour_local - 7, 0, tzinfo=UTC)


@dataclass
class WebWorld:
    db: Database
    svc: Services
    clock: FakeClock
    client: TestClient  # type: ignore[type-arg]
    scenario: Scenario

    async def login_token(self, member_id: int) -> str:
        async with self.db.transaction() as session:
            member = await session.get(Member, member_id)
            assert member is not None
            token, _login = await create_login(session, member, self.clock())
        return token

    @property
    def origin(self) -> str:
        """The view's own origin, as a browser on its pages sends it."""
        return str(self.client.make_url("/")).rstrip("/")

    @property
    def same_origin(self) -> dict[str, str]:
        return {"Origin": self.origin}

    async def sign_in(self, member_id: int) -> str:
        """Sign in through a fresh link; returns the session cookie's value."""
        return await self.sign_in_with(await self.login_token(member_id))

    async def sign_in_with(self, token: str) -> str:
        """Press the sign-in page's button; returns the session cookie's value."""
        response = await self.client.post(
            f"/web/login/{token}", headers=self.same_origin, allow_redirects=False
        )
        assert response.status == 303, await response.text()
        cookie = response.cookies["dondoc_session"]
        return cookie.value

    async def get(self, path: str, session: str | None = None, **kwargs: Any) -> Any:
        cookies = {"dondoc_session": session} if session else {}
        self.client.session.cookie_jar.clear()
        return await self.client.get(path, cookies=cookies, allow_redirects=False, **kwargs)


async def seed_reports(db: Database, svc: Services, scenario: Scenario) -> None:
    async with db.transaction() as session:
        _calendar, today = await working_calendar(svc, session)
        calendar, _ = await working_calendar(svc, session)
        plan = scenario.plan
        period = await current_period(session, plan, today, calendar)
        tasks = {
            t.ref: t for t in await session.scalars(select(Task).where(Task.plan_id == plan.id))
        }
        officer = await session.get(Member, scenario.officer.id)
        assert officer is not None
        kwargs = {
            "member": officer,
            "agency_id": scenario.construction.id,
            "period": period,
            "tz": svc.settings.tz,
        }
        await record_report(
            session,
            task=tasks["II.1.a"],
            status=ReportStatus.DONE,
            percent=None,
            note="đã xong",
            now=at(10),
            **kwargs,
        )
        await record_report(
            session,
            task=tasks["II.2.a"],
            status=ReportStatus.IN_PROGRESS,
            percent=40,
            note="đang rà soát",
            now=at(10),
            **kwargs,
        )
        second = await record_report(
            session,
            task=tasks["II.2.a"],
            status=ReportStatus.BLOCKED,
            percent=50,
            note=NOTE,
            now=at(11),
            **kwargs,
        )
        await attach_evidence(
            session,
            second.report,
            officer,
            kind="document",
            file_id="F1",
            file_name="bien-ban <hop>.pdf",
            mime_type="application/pdf",
            now=at(11),
        )


@pytest.fixture
async def world(db: Database) -> AsyncIterator[WebWorld]:
    clock = FakeClock(at(11, hour_local=10))
    # a Bot API nobody answers (the discard port): a download tried here fails, never Telegram
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, TELEGRAM_BOT_TOKEN="1:x", TELEGRAM_API_BASE_URL="http://127.0.0.1:9"
    )
    svc = make_services(settings, db, clock=clock)
    scenario = await seed(db, OFFICER, FINANCE, COORDINATOR)
    await seed_reports(db, svc, scenario)
    client = TestClient(TestServer(build_web_app(svc)))
    await client.start_server()
    try:
        yield WebWorld(db, svc, clock, client, scenario)
    finally:
        await client.close()


@pytest.fixture
async def web_bot(
    emulator: BotApiEmulator, db: Database, clock: FakeClock
) -> AsyncIterator[BotHarness]:
    """The real bot with its desktop view on (a free port), against the emulator."""
    settings = make_settings(emulator, DONDOC_WEB="true", DONDOC_WEB_PORT="0")
    bot = BotHarness(emulator, db, BotHarness.make_services(settings, db, clock), clock)
    await bot.start()
    yield bot
    await bot.stop()
