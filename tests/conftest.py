"""Fixtures shared by every test: databases on both backends, the emulator, a running bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from emulator import BotApiEmulator, FakeUser
from storage.db import Database
from tests.auxil.clock import FakeClock
from tests.auxil.databases import BACKENDS, DatabaseTarget, fresh_target, migrated_database
from tests.auxil.harness import BotHarness, make_settings

ADMIN = FakeUser(900001, "Quản", "Trị", username="admin_qt")
OFFICER = FakeUser(900002, "Nguyễn", "Văn An", username="an_nv")
COORDINATOR = FakeUser(900003, "Trần", "Thị Bình")
STRANGER = FakeUser(900004, "Người", "Lạ")


# the tests that take longest (a simulated year, real processes started and killed, a
# browser, LibreOffice): collected first, so that parallel workers (`./dev test` runs
# pytest-xdist) start them at once instead of finishing on them
SLOW_FIRST = (
    "test_e2e_year.py",
    "test_e2e_reminder_faults.py",
    "test_e2e_cli.py",
    "test_e2e_province.py",
    "test_e2e_attacks.py",
    "test_e2e_startup.py",
    "test_export_rendered.py",
    "test_demo_browser.py",
    "test_web_browser.py",
    "test_onboarding_cli.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return SLOW_FIRST.index(name) if name in SLOW_FIRST else len(SLOW_FIRST)

    items.sort(key=rank)  # stable: each file keeps its own order


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def db_target(backend: str, tmp_path: Path) -> AsyncIterator[DatabaseTarget]:
    async with fresh_target(backend, tmp_path) as target:
        yield target


@pytest.fixture
async def db(db_target: DatabaseTarget) -> AsyncIterator[Database]:
    async with migrated_database(db_target) as database:
        yield database


@pytest.fixture
async def emulator() -> AsyncIterator[BotApiEmulator]:
    server = BotApiEmulator()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def clock() -> FakeClock:
    # a Monday in working hours, Asia/Ho_Chi_Minh (UTC+7)
    return FakeClock(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))


@pytest.fixture
async def harness(
    emulator: BotApiEmulator, db: Database, clock: FakeClock
) -> AsyncIterator[BotHarness]:
    settings = make_settings(emulator, DONDOC_ADMIN_IDS=str(ADMIN.id))
    bot = BotHarness(emulator, db, BotHarness.make_services(settings, db, clock), clock)
    await bot.start()
    yield bot
    await bot.stop()
