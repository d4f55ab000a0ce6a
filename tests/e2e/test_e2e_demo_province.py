"""One demo = one province: its directory (with its communes) and only its own seed plans."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.demo import DEMO_PROVINCE, PROVINCE_PLANS, seed, seed_drafts
from plans.registry import deployment_province, load_directory
from plans.starter import COMMUNES_GROUP
from storage.db import Database
from storage.models import Plan


@pytest.mark.parametrize("province", list(PROVINCE_PLANS))
async def test_a_demo_loads_its_province_and_only_its_plans(tmp_path: Path, province: str) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'demo.sqlite3'}")
    await db.upgrade()
    try:
        await seed(db, seed_drafts(province), province)
        async with db.transaction() as session:
            assert await deployment_province(session) == province
            numbers = set((await session.scalars(select(Plan.number))).all())
            directory = await load_directory(session)
        assert numbers == {d.plan.number for d in seed_drafts(province)}
        group = directory.group_named(COMMUNES_GROUP)
        assert group is not None and directory.member_agencies(group)
    finally:
        await db.dispose()


async def test_demo_officers_join_on_the_demo_clock(tmp_path: Path) -> None:
    """`/onboarding` in the demo says when its officers joined on the demo's clock, not the
    machine's."""
    from onboarding.tracking import onboarding_status

    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'demo.sqlite3'}")
    await db.upgrade()
    start = datetime(2026, 12, 14, 1, 30, tzinfo=UTC)
    try:
        await seed(db, seed_drafts(DEMO_PROVINCE), DEMO_PROVINCE, joined=start)
        async with db.transaction() as session:
            status = await onboarding_status(session, start + timedelta(days=3))
        joined = [o.joined_at for a in status.agencies for o in a.officers]
        assert joined and all(at.replace(tzinfo=UTC) == start for at in joined)
    finally:
        await db.dispose()


async def test_cli_demo_refuses_a_province_without_seed_plans(tmp_path: Path) -> None:
    import os

    from tests.auxil.process import run_dondoc

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DONDOC_", "TELEGRAM_"))}
    result = await run_dondoc("demo", "--province", "Cà Mau", "--port", "0", env=env, cwd=tmp_path)
    assert result.code != 0 and "Quảng Ngãi" in result.stderr
