"""Plans in the database: import from the seed documents, re-import, groups, successions."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from plans.document import read_document
from plans.model import PlanDraft
from plans.planfile import load_plan_file
from plans.registry import add_agency, find_agency, load_starter, merge_agency, set_group_members
from plans.starter import load_directory as load_starter_directory
from plans.store import ImportChoice, UnresolvedAgencies, preview_plan, save_plan
from storage.db import Database
from storage.models import Agency, AgencyGroup, Assignment, AuditEntry, Member, Plan, Task

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def seed_draft(name: str) -> PlanDraft:
    return read_document((SEEDS / name).read_bytes(), name)


async def count(db: Database, model: type) -> int:
    async with db.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def with_starter(db: Database) -> None:
    async with db.transaction() as session:
        await load_starter(session, load_starter_directory(), province="Quảng Ngãi")


async def test_starter_directory_loads_once(db: Database) -> None:
    await with_starter(db)
    agencies, groups = await count(db, Agency), await count(db, AgencyGroup)
    assert agencies > 30 and groups > 2
    await with_starter(db)
    assert (await count(db, Agency), await count(db, AgencyGroup)) == (agencies, groups)


async def test_seed_plan_saves_with_groups_expanded(db: Database) -> None:
    await with_starter(db)
    draft = seed_draft("quang-ngai-151-kh-ubnd.txt")
    async with db.transaction() as session:
        preview = await preview_plan(session, draft)
        assert preview.unmatched == []
        result = await save_plan(session, draft)
    assert result.created and result.added == len(draft.tasks) == 16
    async with db.transaction() as session:
        task = await session.scalar(select(Task).where(Task.ref == "II.1.a"))
        assert task is not None
        rows = (
            await session.execute(
                select(Agency.name, Assignment.role, Assignment.via_group_id)
                .join(Assignment, Assignment.agency_id == Agency.id)
                .where(Assignment.task_id == task.id)
            )
        ).all()
    leads = [name for name, role, _ in rows if role == "lead"]
    supports = [name for name, role, group in rows if role == "support" and group is not None]
    assert leads == ["Sở Xây dựng"]
    assert len(supports) > 10  # the departments and the district committees, one by one


async def test_reimport_updates_instead_of_duplicating(db: Database) -> None:
    await with_starter(db)
    draft = seed_draft("quang-ngai-151-kh-ubnd.txt")
    async with db.transaction() as session:
        await save_plan(session, draft)
    assignments = await count(db, Assignment)
    async with db.transaction() as session:
        again = await save_plan(session, draft)
    assert (again.created, again.added, again.updated, again.removed) == (False, 0, 0, 0)
    assert await count(db, Plan) == 1 and await count(db, Task) == 16
    assert await count(db, Assignment) == assignments

    edited = draft.model_copy(deep=True)
    edited.tasks[0].timeframe = "Quý IV/2026"
    edited.tasks.pop()
    async with db.transaction() as session:
        preview = await preview_plan(session, edited)
        assert preview.diff is not None
        assert preview.diff.removed == ["II.7"] and "II.1.a" in preview.diff.changed
        result = await save_plan(session, edited, choice=ImportChoice(remove=True))
    assert (result.updated, result.removed) == (1, 1)


async def test_unknown_agencies_save_nothing(db: Database) -> None:
    async with db.transaction() as session:
        await add_agency(session, "Sở Xây dựng")
    draft = seed_draft("quang-ngai-151-kh-ubnd.txt")
    with pytest.raises(UnresolvedAgencies) as raised:
        async with db.transaction() as session:
            await save_plan(session, draft)
    assert any(u.name == "Sở Tài nguyên và Môi trường" for u in raised.value.unmatched)
    assert await count(db, Plan) == 0 and await count(db, Task) == 0


async def test_fixes_and_created_agencies_are_explicit(db: Database) -> None:
    async with db.transaction() as session:
        await add_agency(session, "Sở Xây dựng")
    draft = PlanDraft.model_validate(
        {
            "plan": {"number": "7/KH-UBND"},
            "tasks": [
                {"ref": "1", "title": "A", "lead": ["So XD moi"], "support": ["Sở Du lịch"]},
            ],
        }
    )
    async with db.transaction() as session:
        result = await save_plan(
            session, draft, fixes={"So XD moi": "Sở Xây dựng"}, create_missing=True
        )
    assert result.new_agencies == ["Sở Du lịch"]
    async with db.transaction() as session:
        actions = set((await session.scalars(select(AuditEntry.action))).all())
    assert {"plan.create", "agency.add"} <= actions


async def test_group_membership_change_reaches_its_tasks(db: Database) -> None:
    await with_starter(db)
    async with db.transaction() as session:
        await save_plan(session, seed_draft("quang-ngai-151-kh-ubnd.txt"))
        group = (await find_agency(session, "các sở, ban ngành")).group
        assert group is not None
        newcomer = await add_agency(session, "Sở Du lịch")
        members = (await session.scalars(select(Agency).where(Agency.name == "Sở Xây dựng"))).all()
        await set_group_members(session, group, [*members, newcomer])
        task = await session.scalar(select(Task).where(Task.ref == "II.1.b"))
        assert task is not None
        leads = (
            await session.scalars(
                select(Assignment.agency_id).where(
                    Assignment.task_id == task.id, Assignment.role == "lead"
                )
            )
        ).all()
    assert set(leads) == {members[0].id, newcomer.id}


async def test_merged_agency_passes_tasks_and_members_and_keeps_its_name(db: Database) -> None:
    await with_starter(db)
    async with db.transaction() as session:
        await save_plan(session, seed_draft("quang-ngai-151-kh-ubnd.txt"))
        # the starter already maps the 2025 successions: the old name gives today's agency
        lookup = await find_agency(session, "Sở KH&ĐT")
        assert lookup.agency is not None and lookup.agency.name == "Sở Tài chính"
        assert lookup.original is not None and lookup.original.name == "Sở Kế hoạch và Đầu tư"
        old = (await find_agency(session, "Sở Xây dựng")).agency
        new = await add_agency(session, "Sở Xây dựng và Giao thông")
        assert old is not None
        session.add(Member(telegram_user_id=77, full_name="An", agency_id=old.id, role="officer"))
        await session.flush()
        moved = await merge_agency(session, old, new)
    assert moved > 0
    async with db.transaction() as session:
        lookup = await find_agency(session, "Sở XD")
        assert lookup.agency is not None and lookup.agency.name == "Sở Xây dựng và Giao thông"
        assert lookup.original is not None and lookup.original.name == "Sở Xây dựng"
        member = await session.scalar(select(Member).where(Member.telegram_user_id == 77))
        assert member is not None and member.agency_id == new.id
        left = await session.scalar(
            select(func.count()).select_from(Assignment).where(Assignment.agency_id == old.id)
        )
        assert left == 0


async def test_reviewed_example_yaml_imports(db: Database) -> None:
    await with_starter(db)
    draft = load_plan_file((EXAMPLES / "quang-ngai-151-kh-ubnd.yaml").read_text("utf-8"))
    async with db.transaction() as session:
        result = await save_plan(session, draft)
    assert result.added == len(draft.tasks)


async def test_a_look_alike_name_cannot_create_a_second_agency(db: Database) -> None:
    """Round 3 (issue 24: 9): a name that prints like an existing agency's (a Cyrillic letter,
    fullwidth digits) is that agency: adding it is refused, a plan naming it is assigned to it."""
    from plans.model import PlanInfo, TaskDraft
    from plans.registry import AgencyConflict

    async with db.transaction() as session:
        finance = await add_agency(session, "Sở Tài chính")
        ward = await add_agency(session, "UBND Phường 12")
    for look_alike in ("Sở Тài chính", "Ѕở Tài chính", "UBND Phường １２", "UBND Phường 1\u200b2"):
        with pytest.raises(AgencyConflict):
            async with db.transaction() as session:
                await add_agency(session, look_alike)
    draft = PlanDraft(
        plan=PlanInfo(number="5/KH-TEST"),
        tasks=[TaskDraft(ref="1", title="Nhiệm vụ", lead=["Sở Таі chính", "UBND Phường １２"])],
    )
    async with db.transaction() as session:
        saved = await save_plan(session, draft, create_missing=True)
        assert saved.new_agencies == []
        assert (await find_agency(session, "Sở Тài chính")).agency.id == finance.id  # type: ignore[union-attr]
        assert (await find_agency(session, "UBND Phường １２")).agency.id == ward.id  # type: ignore[union-attr]
        count = await session.scalar(select(func.count()).select_from(Agency))
    assert count == 2
