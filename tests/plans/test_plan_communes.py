"""The province's data as it really is: every commune and ward from vietnamadminunits, named
wards and old communes resolved, a merged province's old plan mapped, any of the 34 provinces set
up, former provinces refused. The numbers come from the library, never from a copy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from plans import admin_units
from plans.document import read_document
from plans.model import PlanDraft
from plans.registry import (
    FormerProvince,
    UnknownProvince,
    choose_province,
    load_directory,
    setup_province,
    starter_snapshot,
)
from plans.starter import COMMUNES_GROUP, province_view
from plans.starter import load_directory as load_starter_directory
from plans.store import preview_plan, save_plan
from storage.db import Database
from storage.models import Agency, Assignment, Task

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TODAY = date(2026, 12, 1)


def library_communes(province: str) -> list[str]:
    """The province's communes, wards and special zones straight from the library's data."""
    from vietnamadminunits.database import query

    rows = query(f"SELECT ward FROM admin_units WHERE provinceShort = '{province}'")
    return [r["ward"] for r in rows]


async def setup(db: Database, province: str) -> int:
    async with db.transaction() as session:
        done = await setup_province(session, province, load_starter_directory(), on=TODAY)
    return done.communes


async def chased(db: Database) -> dict[str, dict[str, set[str]]]:
    async with db.transaction() as session:
        rows = (
            await session.execute(
                select(Task.ref, Assignment.role, Agency.name)
                .join(Assignment, Assignment.task_id == Task.id)
                .join(Agency, Agency.id == Assignment.agency_id)
            )
        ).all()
    result: dict[str, dict[str, set[str]]] = {}
    for ref, role, name in rows:
        result.setdefault(ref, {"lead": set(), "support": set()})[role].add(name)
    return result


async def test_setup_fills_the_communes_group_with_the_librarys_units(db: Database) -> None:
    expected = library_communes("Quảng Ngãi")
    assert len(expected) == 96  # what the law says; read from the library
    assert await setup(db, "Quảng Ngãi") == len(expected)
    async with db.transaction() as session:
        directory = await load_directory(session)
    group = directory.group_named(COMMUNES_GROUP)
    assert group is not None
    members = {a.name for a in directory.member_agencies(group)}
    assert len(members) == len(expected)
    assert "UBND phường Cẩm Thành" in members and "UBND đặc khu Lý Sơn" in members
    # Ba Tô and Ba Tơ are two communes: both there, each found as written
    assert {"UBND xã Ba Tô", "UBND xã Ba Tơ"} <= members
    assert directory.lookup("UBND xã Ba Tơ").agency.name == "UBND xã Ba Tơ"  # type: ignore[union-attr]
    assert directory.lookup("UBND xa Ba To").agency is None  # no diacritics: ask, do not guess
    assert await setup(db, "Quang Ngai") == len(expected)  # idempotent


async def test_151_task_ii3_is_led_through_the_communes_and_chased(db: Database) -> None:
    await setup(db, "Quảng Ngãi")
    draft = read_document(
        (FIXTURES / "seeds" / "quang-ngai-151-kh-ubnd.txt").read_bytes(), "151.txt"
    )
    async with db.transaction() as session:
        preview = await preview_plan(session, draft)
        await save_plan(session, draft)
    assert preview.review is not None and preview.review.empty_groups == []
    leads = (await chased(db))["II.3"]["lead"]
    assert len(leads) == len(library_communes("Quảng Ngãi"))
    assert "UBND phường Nghĩa Lộ" in leads
    assert not any("huyện" in name for name in leads)


async def test_a_plan_naming_wards_leads_with_them(db: Database) -> None:
    await setup(db, "Quảng Ngãi")
    draft = PlanDraft.model_validate(
        {
            "plan": {"number": "12/KH-UBND"},
            "tasks": [
                {"ref": "1", "title": "A", "lead": ["UBND phường Cẩm Thành"]},
                {"ref": "2", "title": "B", "lead": ["UBND xã, phường Nghĩa Lộ"]},
            ],
        }
    )
    from plans.assignees import split_assignees

    three = split_assignees(
        "UBND các phường: Nghĩa Lộ, Cẩm Thành và Trương Quang Trọng chủ trì, phối hợp Sở Xây dựng"
    )
    draft.tasks[1].lead = three.lead
    draft.tasks[1].support = three.support
    async with db.transaction() as session:
        preview = await preview_plan(session, draft)
        assert preview.unmatched == []
        await save_plan(session, draft)
    got = await chased(db)
    assert got["1"]["lead"] == {"UBND phường Cẩm Thành"}
    assert got["2"]["lead"] == {
        "UBND phường Nghĩa Lộ",
        "UBND phường Cẩm Thành",
        "UBND phường Trương Quang Trọng",
    }
    assert got["2"]["support"] == {"Sở Xây dựng"}


async def test_old_commune_and_district_map_through_the_converter(db: Database) -> None:
    from vietnamadminunits import convert_address

    await setup(db, "Quảng Ngãi")
    async with db.transaction() as session:
        directory = await load_directory(session)
    written = "UBND xã Tịnh Khê, thành phố Quảng Ngãi"
    lookup = directory.lookup(written)
    new = convert_address("Xã Tịnh Khê, Thành phố Quảng Ngãi, Tỉnh Quảng Ngãi")
    assert lookup.agency is not None
    assert lookup.agency.name == f"UBND {new.ward_type.lower()} {new.short_ward}"
    facts = lookup.succession
    assert facts is not None and "vietnamadminunits" in facts["succession_source"]
    # a commune divided between two new ones: the admin chooses, nothing is guessed
    divided = directory.lookup("UBND xã Trà Bùi, huyện Trà Bồng")
    assert divided.agency is None and len(divided.suggestions) == 2
    # an old district: the communes now covering it, by the library's converter
    district = directory.lookup("UBND huyện Đăk Hà")
    assert district.group is not None and district.original is not None
    members = {a.name for a in directory.member_agencies(district.group)}
    units = admin_units.province_units("Quảng Ngãi")
    assert units is not None
    dak_ha = next(d for d in units.districts if d.short == "Đăk Hà")
    assert members == {units.unit(k).agency_name for k in dak_ha.successors}
    new_names = {units.unit(k).name for k in dak_ha.successors}
    old_wards = [w for w in units.wards if w.district == dak_ha.name]
    assert old_wards
    for ward in old_wards:  # the library's own converter agrees, ward by ward
        assert convert_address(f"{ward.name}, {ward.district}, Tỉnh {ward.province}").ward in (
            new_names
        )


async def test_an_old_kon_tum_plan_imports_into_quang_ngai_with_its_addressees_mapped(
    db: Database,
) -> None:
    await setup(db, "Quảng Ngãi")
    path = FIXTURES / "province" / "kon-tum-style-kh-ubnd.txt"
    draft = read_document(path.read_bytes(), path.name)
    async with db.transaction() as session:
        preview = await preview_plan(session, draft)
        assert preview.unmatched == []
        await save_plan(session, draft)
    review = preview.review
    assert review is not None and review.foreign == []
    notes = {n.written: n for n in review.successors}
    assert notes["Sở Kế hoạch và Đầu tư"].successor == "Sở Tài chính"
    assert notes["Sở Xây dựng tỉnh Kon Tum"].successor == "Sở Xây dựng"
    board = "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi"
    assert notes["Ban Quản lý Khu kinh tế tỉnh Kon Tum"].successor == board
    assert notes["Ban Quản lý Khu kinh tế tỉnh Kon Tum"].verified  # QĐ 1499/QĐ-TTg
    assert notes["UBND huyện Đăk Hà"].is_group
    assert notes["Trung tâm Truyền thông tỉnh Kon Tum"].successor == "Báo Quảng Ngãi"
    got = await chased(db)
    assert got["II.1.b"]["lead"] == {board}
    assert got["II.1.c"]["lead"] == {"Sở Dân tộc và Tôn giáo"}
    assert got["II.2.a"]["lead"] and all(n.startswith("UBND ") for n in got["II.2.a"]["lead"])
    assert got["II.2.a"]["support"] == {"Sở Xây dựng"}
    names = {n for roles in got.values() for role in roles.values() for n in role}
    # no former district committee, no agency of the old province is chased
    assert not any(n.startswith(("UBND huyện", "UBND thành phố")) for n in names)
    assert not any(n.endswith("tỉnh Kon Tum") for n in names)


FORMER = sorted(
    {
        old
        for p in admin_units.province_names()
        for old in admin_units.province_units(p).former_names
    }  # type: ignore[union-attr]
)


@pytest.mark.parametrize("former", FORMER)
def test_a_former_province_is_refused_with_its_successor(former: str) -> None:
    with pytest.raises(FormerProvince) as refused:
        choose_province(former)
    units = admin_units.province_units(refused.value.successor)
    assert units is not None and former in units.former_names


def test_a_made_up_province_is_refused_with_close_names() -> None:
    with pytest.raises(UnknownProvince) as refused:
        choose_province("Quãng Nghĩa")
    assert refused.value.suggestions and "Quảng Ngãi" in refused.value.suggestions[0]
    assert choose_province("quang ngai") == "Quảng Ngãi"  # diacritics are not required


@pytest.mark.parametrize("province", admin_units.province_names())
def test_each_of_the_34_provinces_sets_up(province: str) -> None:
    view = province_view(province, TODAY)
    snapshot = starter_snapshot(load_starter_directory(), province, TODAY)
    group = snapshot.group_named(COMMUNES_GROUP)
    assert group is not None
    communes = snapshot.member_agencies(group)
    assert len(communes) == len(library_communes(province))
    current = {a.name for a in view.current_agencies()}
    assert {"Sở Nội vụ", "Sở Tài chính", "Văn phòng UBND tỉnh", "Thanh tra tỉnh"} <= current
    units = admin_units.province_units(province)
    assert units is not None
    for district in units.districts:  # every former district committee maps somewhere
        lookup = snapshot.lookup(district.agency_name)
        assert lookup.group is not None or lookup.suggestions, district
