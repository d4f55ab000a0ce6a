"""One province as it is today: the starter loads only its current agencies, old plans map to
successors, groups expand to today's members, nothing of another province is chased."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from plans.communes import read_names
from plans.document import read_document
from plans.model import PlanDraft
from plans.registry import (
    DROPPED,
    change_group_member,
    find_agency,
    import_group_members,
    load_directory,
    load_starter,
    set_deployment_province,
)
from plans.starter import load_directory as load_starter_directory
from plans.starter import province_view
from plans.store import UnresolvedAgencies, preview_plan, save_plan
from storage.db import Database
from storage.models import Agency, Assignment, AuditEntry, Task

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
TODAY = date(2026, 12, 1)
SEED_PROVINCES = {
    "quang-ngai-151-kh-ubnd.txt": "Quảng Ngãi",
    "ha-tinh-15-ctr-tu.txt": "Hà Tĩnh",
    "khanh-hoa-544-kl-tu.txt": "Khánh Hòa",
}
# The same 12 departments in every province (Decree 45/2025/NĐ-CP).
TWELVE = {
    "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Công Thương", "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Giáo dục và Đào tạo", "Sở Y tế", "Thanh tra tỉnh", "Văn phòng UBND tỉnh",
}  # fmt: skip
FORMER = {
    "Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường", "Sở Thông tin và Truyền thông",
    "Sở Giao thông vận tải", "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Lao động - Thương binh và Xã hội", "Ban Dân tộc", "Ban Tuyên giáo Tỉnh ủy",
    "Ban Dân vận Tỉnh ủy", "Ban cán sự đảng UBND tỉnh", "Đảng đoàn HĐND tỉnh",
}  # fmt: skip


async def setup(db: Database, province: str) -> None:
    async with db.transaction() as session:
        await set_deployment_province(session, province)
        await load_starter(session, load_starter_directory(), on=TODAY)


def seed(name: str) -> PlanDraft:
    return read_document((SEEDS / name).read_bytes(), name)


async def chased(db: Database) -> dict[str, dict[str, set[str]]]:
    """Task ref → role → names of the agencies holding an assignment."""
    async with db.transaction() as session:
        rows = (
            await session.execute(
                select(Task.ref, Assignment.role, Agency.name, Agency.active)
                .join(Assignment, Assignment.task_id == Task.id)
                .join(Agency, Agency.id == Assignment.agency_id)
            )
        ).all()
    result: dict[str, dict[str, set[str]]] = {}
    for ref, role, name, active in rows:
        assert active, f"{name} is not an agency of today but is chased on {ref}"
        result.setdefault(ref, {"lead": set(), "support": set()})[role].add(name)
    return result


def test_the_current_directory_of_a_province() -> None:
    view = province_view("Quảng Ngãi", TODAY)
    current = {a.name for a in view.current_agencies()}
    assert current >= TWELVE
    assert not (FORMER & current)
    assert "Ban Quản lý Khu kinh tế Vân Phong" not in current  # Khánh Hòa's
    assert not [a for a in view.current_agencies() if a.kind == "district"]
    twelve = [a for a in view.current_agencies() if a.name in TWELVE]
    assert all(a.verified and "45/2025/NĐ-CP" in a.source for a in twelve)
    # the 2024 directory still had the districts
    assert any(
        a.kind == "district"
        for a in province_view("Quảng Ngãi", date(2024, 6, 1)).current_agencies()
    )


@pytest.mark.parametrize(("seed_name", "province"), list(SEED_PROVINCES.items()))
async def test_each_seed_plan_chases_only_this_provinces_current_agencies(
    db: Database, seed_name: str, province: str
) -> None:
    await setup(db, province)
    draft = seed(seed_name)
    async with db.transaction() as session:
        preview = await preview_plan(session, draft)
        assert preview.unmatched == []
        await save_plan(session, draft)
    view = province_view(province, TODAY)
    allowed = {a.name for a in view.current_agencies()}
    got = await chased(db)
    names = {n for roles in got.values() for role in roles.values() for n in role}
    assert names <= allowed, names - allowed
    assert not (names & FORMER)
    review = preview.review
    assert review is not None
    assert set(review.chased_agencies()) == names


async def test_151_counts_16_tasks_and_todays_agencies(db: Database) -> None:
    await setup(db, "Quảng Ngãi")
    draft = seed("quang-ngai-151-kh-ubnd.txt")
    async with db.transaction() as session:
        preview = await preview_plan(session, draft)
        await save_plan(session, draft)
    got = await chased(db)
    names = {n for roles in got.values() for role in roles.values() for n in role}
    assert len(draft.tasks) == 16
    # the 12 departments, Sở Ngoại vụ (kept: unverified), Sở Dân tộc và Tôn giáo, the
    # economic-zone board, the Front and the five socio-political organisations, and every
    # commune and ward (the districts' tasks); no district committee, no pre-2025 department
    assert names >= TWELVE
    communes = [n for n in names if n.startswith("UBND ")]
    assert len(names) - len(communes) == 12 + 3 + 6
    assert len(communes) == len(province_view("Quảng Ngãi", TODAY).members("UBND các xã, phường"))
    assert preview.review is not None
    written = {s.written: s for s in preview.review.successors}
    kh = written["Sở Kế hoạch và Đầu tư"]
    assert (kh.successor, kh.since, kh.verified) == ("Sở Tài chính", date(2025, 3, 1), False)
    districts = written["UBND các huyện, thị xã, thành phố"]
    assert districts.successor == "UBND các xã, phường" and districts.is_group
    assert preview.review.empty_groups == []
    data = preview.to_json()
    first = next(t for t in data["tasks"] if t["ref"] == "II.1.c")
    assert first["chased"] == {"lead": ["Sở Tài chính"], "support": []}


async def test_party_group_holds_the_party_committees_it_is_addressed_to(db: Database) -> None:
    await setup(db, "Hà Tĩnh")
    async with db.transaction() as session:
        await save_plan(session, seed("ha-tinh-15-ctr-tu.txt"))
    leads = (await chased(db))["IV.1"]["lead"]
    assert "Đảng ủy UBND tỉnh" in leads and "Đảng ủy các cơ quan Đảng tỉnh" in leads
    assert not any(name.startswith(("Ban cán sự", "Đảng đoàn")) for name in leads)


async def test_communes_from_a_spreadsheet_fill_the_group_and_take_the_districts_tasks(
    db: Database,
) -> None:
    await setup(db, "Quảng Ngãi")
    csv = "STT,Tên đơn vị,Cấp\n1,Nghĩa Lộ,phường\n2,Ba Tơ,xã\n3,Đặc khu Lý Sơn,\nTổng,,\n"
    names = read_names(csv.encode(), "xa-phuong.csv")
    assert names == ["UBND phường Nghĩa Lộ", "UBND xã Ba Tơ", "UBND đặc khu Lý Sơn"]
    async with db.transaction() as session:
        result = await import_group_members(session, "UBND các xã, phường", names)
        # the library loaded them already: a spreadsheet adds nothing twice
        assert result.added == [] and len(result.already) == 3
        await save_plan(session, seed("quang-ngai-151-kh-ubnd.txt"))
    support = (await chased(db))["II.1.a"]["support"]
    assert {"UBND phường Nghĩa Lộ", "UBND xã Ba Tơ"} <= support
    assert not any("huyện" in name for name in support)
    async with db.transaction() as session:
        group = (await find_agency(session, "UBND các xã, phường")).group
        agency = (await find_agency(session, "UBND xã Ba Tơ")).agency
        assert group is not None and agency is not None
        assert await change_group_member(session, group, agency, add=False)
        actions = set((await session.scalars(select(AuditEntry.action))).all())
    assert {"group.import", "group.member_remove"} <= actions
    assert "UBND xã Ba Tơ" not in (await chased(db))["II.1.a"]["support"]


async def test_abolished_addressee_can_be_dropped_and_another_province_is_refused(
    db: Database,
) -> None:
    await setup(db, "Quảng Ngãi")
    draft = PlanDraft.model_validate(
        {
            "plan": {"number": "9/KH-UBND"},
            "tasks": [
                {"ref": "1", "title": "A", "lead": ["Sở KH&ĐT", "Sở Tài chính"]},
                {"ref": "2", "title": "B", "lead": ["UBND huyện Ba Tơ"]},
                {"ref": "3", "title": "C", "lead": ["Ban Quản lý Khu kinh tế Vân Phong"]},
            ],
        }
    )
    async with db.transaction() as session:
        preview = await preview_plan(session, draft)
    review = preview.review
    assert review is not None
    assert [(m.ref, m.agency) for m in review.merged_leads] == [("1", "Sở Tài chính")]
    assert [(f.written, f.provinces) for f in review.foreign] == [
        ("Ban Quản lý Khu kinh tế Vân Phong", ("Khánh Hòa",))
    ]
    with pytest.raises(UnresolvedAgencies):
        async with db.transaction() as session:
            await save_plan(session, draft, create_missing=True)
    draft.tasks.pop()
    async with db.transaction() as session:
        await save_plan(session, draft, fixes={"UBND huyện Ba Tơ": DROPPED})
    got = await chased(db)
    assert got["1"]["lead"] == {"Sở Tài chính"}
    assert "2" not in got
    async with db.transaction() as session:
        directory = await load_directory(session)
    assert directory.lookup("UBND huyện Ba Tơ").group is not None  # by default: the communes
