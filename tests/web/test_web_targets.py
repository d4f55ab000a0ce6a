"""The plan's targets page: the same lines as /targets and the exports, every value escaped
(an indicator or a source with markup), a session needed, an unknown plan refused."""

from __future__ import annotations

from datetime import date

from plans.indicators import save_targets
from plans.model import TargetDraft
from plans.registry import load_directory
from reports.figures import FigurePart
from reports.targets import owned_indicators, record_figure
from storage.models import Plan
from tests.web.conftest import WebWorld

EVIL = "Tỷ lệ <script>alert(1)</script> đô thị hóa"


async def seed_targets(world: WebWorld) -> int:
    async with world.db.transaction() as session:
        plan = await session.get(Plan, world.scenario.plan.id)
        assert plan is not None
        directory = await load_directory(session)
        await save_targets(
            session,
            plan,
            [
                TargetDraft(indicator=EVIL, horizon=2025, comparison="gt", value=40, unit="%"),
                TargetDraft(indicator=EVIL, horizon=2030, comparison="gt", value=45, unit="%"),
                TargetDraft(indicator="Đô thị xanh", horizon=2030),
            ],
            directory,
            owners={},
        )
        # suggested by its words: urbanisation is Sở Xây dựng's
        [owned] = await owned_indicators(session, world.scenario.construction.id)
        part = FigurePart(
            "", owned.indicator.id, 41.2, None, "%", date(2025, 12, 31), "số liệu 2025",
            "Cục <b>Thống kê</b>",
        )  # fmt: skip
        await record_figure(
            session, owned, part, member=None, period_id=None, now=world.clock(),
            tz=world.svc.settings.tz,
        )  # fmt: skip
        return plan.id


async def test_the_targets_page_shows_each_indicator_escaped(world: WebWorld) -> None:
    plan_id = await seed_targets(world)
    cookie = await world.sign_in(world.scenario.coordinator.id)
    response = await world.get(f"/web/plans/{plan_id}/targets", cookie)
    html = await response.text()
    assert response.status == 200
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "Cục &lt;b&gt;Thống kê&lt;/b&gt;" in html
    card = html[html.index('data-indicator="1"') : html.index('data-indicator="2"')]
    assert 'data-horizon="Năm 2025"' in card and 'class="a-achieved">Đạt' in card
    assert 'class="a-not_met">Chưa đạt' in card and "41,2%" in card
    assert 'data-as-of="2025-12-31"' in card
    assert "Đô thị xanh" in html[html.index('data-indicator="2"') :]
    plan_page = await (await world.get(f"/web/plans/{plan_id}", cookie)).text()
    assert f'href="/web/plans/{plan_id}/targets"' in plan_page
    english = await (await world.get(f"/web/plans/{plan_id}/targets?lang=en", cookie)).text()
    assert "Achieved" in english and "41.2%" in english


async def test_the_targets_page_needs_a_session_and_a_plan(world: WebWorld) -> None:
    plan_id = await seed_targets(world)
    assert (await world.get(f"/web/plans/{plan_id}/targets")).status == 401
    cookie = await world.sign_in(world.scenario.coordinator.id)
    assert (await world.get("/web/plans/99999/targets", cookie)).status == 404
    assert (await world.get("/web/plans/abc/targets", cookie)).status == 400


async def test_a_plan_without_targets_says_so_and_links_to_nothing(world: WebWorld) -> None:
    plan_id = world.scenario.plan.id
    cookie = await world.sign_in(world.scenario.coordinator.id)
    page = await world.get(f"/web/plans/{plan_id}/targets", cookie)
    assert page.status == 200 and "Kế hoạch chưa có chỉ tiêu nào." in await page.text()
    plan_page = await (await world.get(f"/web/plans/{plan_id}", cookie)).text()
    assert "/targets" not in plan_page
