"""A plan's targets in the database, on SQLite and PostgreSQL: saved with the agency that
provides each figure, a re-import keeping owners and figures, figures recorded with their
revisions, what is still owed for a figure moment, and the lines every view reads."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.handlers.import_preview import preview_buttons, preview_text
from periods.calendar import WorkingCalendar
from periods.rules import parse_period_key
from plans.document import read_document
from plans.indicators import plan_indicators, set_owner
from plans.model import PlanDraft, TargetDraft
from plans.registry import find_agency, load_directory, load_starter, set_deployment_province
from plans.starter import load_directory as load_starter_directory
from plans.store import ImportChoice, ImportClock, preview_plan, save_plan
from reports.figures import FigurePart
from reports.summary import summarize
from reports.targets import (
    figure_moments,
    figure_period,
    figures_owed,
    owned_indicators,
    record_figure,
    target_lines,
)
from storage.db import Database
from storage.models import Figure, FigureRevision, Indicator, Plan, Target
from texts import Texts

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 10, 3, 0, tzinfo=UTC)


def programme() -> PlanDraft:
    name = "ha-tinh-15-ctr-tu.txt"
    return read_document((SEEDS / name).read_bytes(), name)


async def saved(db: Database) -> Plan:
    async with db.transaction() as session:
        await set_deployment_province(session, "Hà Tĩnh")
        await load_starter(session, load_starter_directory(), on=date(2026, 11, 23))
        result = await save_plan(
            session,
            programme(),
            create_missing=True,
            at=ImportClock(datetime(2026, 11, 23, 2, tzinfo=UTC), WorkingCalendar()),
        )
        session.expunge(result.plan)
        return result.plan


async def owners(db: Database, plan_id: int) -> dict[int, str | None]:
    async with db.sessions() as session:
        rows = await plan_indicators(session, plan_id)
        return {r.position: r.owner.name if r.owner else None for r in rows}


def figure(indicator_id: int, value: float, year: int, source: str = "") -> FigurePart:
    return FigurePart(
        "", indicator_id, value, None, "%", date(year, 12, 31), f"số liệu {year}", source
    )


async def test_targets_are_saved_with_who_provides_each_figure(db: Database) -> None:
    plan = await saved(db)
    found = await owners(db, plan.id)
    assert len(found) == 18
    assert found[1] == "Sở Xây dựng"  # urbanisation
    assert found[14] == found[15] == found[16] == "Sở Khoa học và Công nghệ"  # digital
    assert found[17] == "Sở Tài chính"  # GRDP
    assert found[10] is None and found[18] is None  # the qualitative goals
    async with db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Target)) == 30
        first = await session.scalar(select(Indicator).where(Indicator.position == 1))
        assert first is not None and first.unit == "%" and not first.qualitative
        horizons = (
            await session.execute(
                select(Target.horizon, Target.comparison, Target.value)
                .where(Target.indicator_id == first.id)
                .order_by(Target.horizon)
            )
        ).all()
        assert [tuple(h) for h in horizons] == [(2025, "gt", 40), (2030, "gt", 45)]


async def test_a_reimport_keeps_owners_and_figures_and_says_what_changed(db: Database) -> None:
    plan = await saved(db)
    async with db.transaction() as session:
        urban = await session.scalar(select(Indicator).where(Indicator.position == 1))
        assert urban is not None
        planning = (await find_agency(session, "Sở Tài chính")).agency
        await set_owner(session, urban, planning)  # changed by /target
        [owned] = [
            o for o in await owned_indicators(session, planning.id) if o.indicator.id == urban.id
        ]
        await record_figure(
            session, owned, figure(urban.id, 41.2, 2025), member=None, period_id=None, now=NOW,
            tz=TZ,
        )  # fmt: skip
    # the same document again: nothing changes, the owner and the figure stay
    async with db.transaction() as session:
        preview = await preview_plan(session, programme())
        assert preview.target_changes is not None and preview.target_changes.is_empty
        assert preview.indicators[0].owner == "Sở Tài chính"
        assert preview.indicators[0].source == "kept"
        await save_plan(session, programme())
    assert (await owners(db, plan.id))[1] == "Sở Tài chính"
    # a new version: a target changed, one added; the figure stays with its indicator
    draft = programme()
    draft.targets[1] = draft.targets[1].model_copy(update={"value": 46.0})
    draft.targets.append(
        TargetDraft(indicator="Tỷ lệ hộ dân đô thị dùng nước sạch", horizon=2030,
                    comparison="ge", value=98, unit="%")
    )  # fmt: skip
    async with db.transaction() as session:
        preview = await preview_plan(session, draft)
        changes = preview.target_changes
        assert changes is not None
        assert changes.changed == ["Tỷ lệ đô thị hóa"]
        assert changes.added == ["Tỷ lệ hộ dân đô thị dùng nước sạch"]
        await save_plan(session, draft)
    async with db.sessions() as session:
        urban = await session.scalar(select(Indicator).where(Indicator.position == 1))
        assert urban is not None and urban.owner_agency_id is not None
        assert (
            await session.scalar(
                select(Target.value).where(Target.indicator_id == urban.id, Target.horizon == 2030)
            )
            == 46
        )
        assert await session.scalar(select(func.count()).select_from(Figure)) == 1
        assert await session.scalar(select(func.count()).select_from(Indicator)) == 19
    # a version without targets (a news write-up) leaves them as they are
    bare = programme().model_copy(update={"targets": []})
    async with db.transaction() as session:
        await save_plan(session, bare, choice=ImportChoice(remove=True))
    async with db.sessions() as session:
        assert len(await plan_indicators(session, plan.id)) == 19


async def test_a_figure_of_the_same_date_is_a_new_revision(db: Database) -> None:
    await saved(db)
    async with db.transaction() as session:
        builder = (await find_agency(session, "Sở Xây dựng")).agency
        owned = {o.indicator.position: o for o in await owned_indicators(session, builder.id)}
        urban = owned[1]
        first = await record_figure(
            session, urban, figure(urban.indicator.id, 41.2, 2025, "Cục Thống kê"), member=None,
            period_id=None, now=NOW, tz=TZ,
        )  # fmt: skip
        again = await record_figure(
            session, urban, figure(urban.indicator.id, 41.5, 2025), member=None, period_id=None,
            now=NOW, tz=TZ,
        )  # fmt: skip
        other = await record_figure(
            session, urban, figure(urban.indicator.id, 42.3, 2026), member=None, period_id=None,
            now=NOW, tz=TZ,
        )  # fmt: skip
        assert not first.corrected and again.corrected and not other.corrected
        # an update handled a second time (after a crash) records nothing more
        twice = await record_figure(
            session, urban, figure(urban.indicator.id, 42.3, 2026), member=None, period_id=None,
            now=NOW, tz=TZ, update_id=77,
        )  # fmt: skip
        replay = await record_figure(
            session, urban, figure(urban.indicator.id, 42.3, 2026), member=None, period_id=None,
            now=NOW, tz=TZ, update_id=77,
        )  # fmt: skip
        assert replay.figure.revision == twice.figure.revision == 2
        assert again.figure.id == first.figure.id and again.figure.revision == 2
        assert again.figure.source == "Cục Thống kê"  # a correction without a source keeps it
    async with db.sessions() as session:
        revisions = (
            await session.execute(
                select(
                    FigureRevision.revision, FigureRevision.action, FigureRevision.value
                ).order_by(FigureRevision.figure_id, FigureRevision.revision)
            )
        ).all()
        assert [tuple(r) for r in revisions] == [
            (1, "create", 41.2),
            (2, "edit", 41.5),
            (1, "create", 42.3),
            (2, "edit", 42.3),
        ]


async def test_figures_owed_for_a_moment_and_the_lines_every_view_reads(db: Database) -> None:
    plan = await saved(db)
    calendar = WorkingCalendar()
    async with db.transaction() as session:
        plan = await session.get(Plan, plan.id)
        assert plan is not None
        moments = figure_moments(plan, calendar, {"quarterly"}, date(2026, 12, 11))
        assert [m.key for m in moments] == ["2026-Y"]  # the year, once (not the half-year too)
        assert figure_moments(plan, calendar, {"quarterly"}, date(2026, 11, 23)) == []
        period = await figure_period(session, plan, moments[0], calendar)
        owed = await figures_owed(session, period)
        builder = (await find_agency(session, "Sở Xây dựng")).agency
        assert len(owed[builder.id]) == 12  # 1–9, 11–13
        urban = next(
            o for o in await owned_indicators(session, builder.id) if o.indicator.position == 1
        )
        await record_figure(
            session, urban, figure(urban.indicator.id, 41.2, 2025, "Cục Thống kê"), member=None,
            period_id=period.id, now=NOW, tz=TZ,
        )  # fmt: skip
        assert len((await figures_owed(session, period))[builder.id]) == 11
        lines = await target_lines(session, plan, date(2026, 12, 14))
        first, second = lines[0], lines[1]
        assert (first.indicator, first.horizon, first.assessment) == (
            "Tỷ lệ đô thị hóa", 2025, "achieved",
        )  # fmt: skip
        assert first.figure is not None and first.figure.source == "Cục Thống kê"
        assert (second.horizon, second.assessment) == (2030, "not_met")
        assert all(line.assessment == "no_figure" for line in lines[2:] if not line.qualitative)
        # the year's summary carries the same lines (the exports read them from it)
        summary = await summarize(session, plan, period, date(2026, 12, 14))
        assert summary.targets == lines
        # the first half of 2026 was before the plan's first period: nothing was owed then
        assert figure_moments(plan, calendar, {"quarterly"}, date(2026, 6, 10)) == []
    assert parse_period_key("2026-Y").ends_on == date(2026, 12, 14)


async def test_a_plan_without_targets_has_no_indicators_and_no_targets_in_its_summary(
    db: Database,
) -> None:
    async with db.transaction() as session:
        await load_starter(session, load_starter_directory(), province="Quảng Ngãi")
        name = "quang-ngai-151-kh-ubnd.txt"
        draft = read_document((SEEDS / name).read_bytes(), name)
        preview = await preview_plan(session, draft)
        assert preview.indicators == [] and preview.to_json()["indicators"] == []
        assert "🎯" not in preview_text(Texts("vi"), preview)
        assert [b.text for b in preview_buttons(Texts("vi"), "0" * 8, preview)][-1] != (
            "🎯 Cơ quan cung cấp số liệu"
        )
        result = await save_plan(session, draft)
        assert result.targets is None or result.targets.saved == 0
        assert await session.scalar(select(func.count()).select_from(Indicator)) == 0
        assert await target_lines(session, result.plan, date(2026, 12, 14)) == ()
        directory = await load_directory(session)
        assert directory.agencies  # the directory is there; simply no targets
