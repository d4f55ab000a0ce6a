"""The starter directory and the 2025 reorganisation: they load, and cover the seeds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from plans.starter import load_directory, load_reorganisation, province_view

DIRECTORY = load_directory()

# Every addressee named in the seed documents' assignments, as written there.
SEED_ASSIGNEES = {
    "quang-ngai-151-kh-ubnd.txt": [
        "Sở Xây dựng",
        "các sở, ban ngành",
        "Các sở, ban ngành",
        "Các Sở, ban ngành",
        "UBND các huyện, thị xã, thành phố",
        "Sở Kế hoạch và Đầu tư",
        "Sở Tài chính",
        "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi",
        "Sở Tài nguyên và Môi trường",
        "Sở Thông tin và Truyền thông",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "các tổ chức chính trị - xã hội tỉnh",
        "UBND tỉnh",
    ],
    "ha-tinh-15-ctr-tu.txt": [
        "Các huyện, thành, thị uỷ, đảng ủy trực thuộc",
        "Ban Thường vụ Tỉnh uỷ",
        "Đảng đoàn Hội đồng nhân dân tỉnh",
        "Ban cán sự đảng Ủy ban nhân dân tỉnh tỉnh",
        "Uỷ ban nhân dân tỉnh",
        "các sở, ban, ngành",
        "Ủy ban nhân dân các huyện, thành phố, thị xã",
        "Đảng đoàn Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội",
        "Ban Tuyên giáo Tỉnh ủy",
        "Văn phòng Tỉnh ủy",
        "các ban Đảng",
        "Ủy ban Kiểm tra Tỉnh ủy",
        "Ban Chấp hành Đảng bộ tỉnh",
    ],
    "khanh-hoa-544-kl-tu.txt": [
        "Các cấp ủy, tổ chức đảng trực thuộc Tỉnh ủy",
        "Ban cán sự đảng UBND tỉnh",
        "UBND tỉnh",
        "các sở, ngành",
        "Sở Xây dựng",
        "Ban Thường vụ Tỉnh ủy",
        "Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội tỉnh",
        "Đảng đoàn HĐND tỉnh",
        "HĐND tỉnh",
        "Thường trực Tỉnh ủy",
        "Đảng đoàn Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tỉnh",
        "UBND các huyện thị xã, thành phố",
    ],
}
PROVINCES = {
    "quang-ngai-151-kh-ubnd.txt": "Quảng Ngãi",
    "ha-tinh-15-ctr-tu.txt": "Hà Tĩnh",
    "khanh-hoa-544-kl-tu.txt": "Khánh Hòa",
}
SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"

CASES = [(seed, name) for seed, names in SEED_ASSIGNEES.items() for name in names]


@pytest.mark.parametrize(("seed", "name"), CASES)
def test_every_seed_assignee_is_in_the_directory(seed: str, name: str) -> None:
    # The names are copied from the seed; check they really are in it (line breaks aside).
    text = " ".join((SEEDS / seed).read_text(encoding="utf-8").split())
    assert name in text
    result = DIRECTORY.matcher(PROVINCES[seed]).match(name)
    assert result.exact, (name, result.suggestions)


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("S¢ Xay dung", "Sở Xây dựng"),
        (
            "Cac cép uy, té chirc dang truwe thudc Tinh ay",
            "Các cấp ủy, tổ chức đảng trực thuộc Tỉnh ủy",
        ),
        ("Ban can sy ding UBND tinh", "Ban cán sự đảng UBND tỉnh"),
        (
            "Uy ban MTTQ Viét Nam va céc td chire chinh trij - x4 hdi tinh",
            "Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội",
        ),
        ("Pang doan HDND tinh", "Đảng đoàn HĐND tỉnh"),
    ],
)
def test_ocr_names_from_the_scan_suggest_the_right_agency(ocr: str, expected: str) -> None:
    result = DIRECTORY.matcher("Khánh Hòa").match(ocr)
    assert result.entry is None
    assert result.suggestions[0].name == expected


def test_departments_are_named_without_the_province() -> None:
    for agency in DIRECTORY.agencies:
        if agency.kind == "department":
            for province in ("Quảng Ngãi", "Hà Tĩnh", "Khánh Hòa"):
                assert province not in agency.name


def test_kinds_and_short_names() -> None:
    by_name = {a.name: a for a in DIRECTORY.agencies}
    assert by_name["Sở Kế hoạch và Đầu tư"].short_name == "Sở KH&ĐT"
    assert by_name["Văn phòng Tỉnh ủy"].kind == "party"
    assert by_name["Ủy ban MTTQ Việt Nam tỉnh"].kind == "front"
    assert by_name["Ban Quản lý Khu kinh tế Vân Phong"].kind == "board"
    # district committees and communes come from vietnamadminunits, per province
    made = {a.name: a for a in province_view("Quảng Ngãi", date(2026, 1, 1))._agencies.values()}
    assert made["UBND huyện Lý Sơn"].kind == "district"
    assert made["UBND đặc khu Lý Sơn"].kind == "commune"


def test_groups_expand_to_members_of_the_province() -> None:
    # before 1/7/2025: Quảng Ngãi's 13 district committees (and Kon Tum's 10, merged since)
    view = province_view("Quảng Ngãi", date(2024, 6, 1))
    districts = {a.name for a in view.members("UBND các huyện, thị xã, thành phố")}
    assert len(districts) == 13 + 10
    assert {"UBND thị xã Đức Phổ", "UBND huyện Đăk Hà"} <= districts
    departments = {a.name for a in DIRECTORY.members("Các sở, ban ngành", "Hà Tĩnh")}
    assert "Sở Xây dựng" in departments
    assert "Ban Quản lý Khu kinh tế tỉnh Hà Tĩnh" in departments
    assert "Sở Du lịch" not in departments  # a Khánh Hòa department
    front = DIRECTORY.members("Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội")
    assert {"Ủy ban MTTQ Việt Nam tỉnh", "Tỉnh đoàn"} <= {a.name for a in front}


def test_province_narrows_the_matcher() -> None:
    assert DIRECTORY.matcher("Quảng Ngãi").match("Ban Quản lý Khu kinh tế").exact
    assert not DIRECTORY.matcher("Hà Tĩnh").match("Ban Quản lý Khu kinh tế Dung Quất").exact
    # Each province has one economic-zone board, so the generic name is exact there only.
    assert DIRECTORY.matcher("Khánh Hòa").match("BQL KKT").entry.name == (  # type: ignore[union-attr]
        "Ban Quản lý Khu kinh tế Vân Phong"
    )
    assert DIRECTORY.matcher().match("BQL KKT").entry is None


def test_unknown_group_member_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "directory.yaml"
    path.write_text(
        "agencies:\n  - {name: Sở Xây dựng, kind: department}\n"
        "groups:\n  - {name: Các sở, members: [Sở Xây dựng, Sở Không Có]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="Sở Không Có"):
        load_directory(path)


def test_clashing_forms_are_rejected(tmp_path: Path) -> None:
    path = tmp_path / "directory.yaml"
    path.write_text(
        "agencies:\n  - {name: Sở Xây dựng, kind: department}\n"
        "  - {name: Sở XD mới, aliases: [So Xay dung], kind: department}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError, match="share the form"):
        load_directory(path)


def test_reorganisation_names_known_agencies() -> None:
    successions = load_reorganisation(directory=DIRECTORY)
    main = {(s.from_name, s.to) for s in successions if not s.partial}
    assert ("Sở Kế hoạch và Đầu tư", "Sở Tài chính") in main
    assert ("Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Môi trường") in main
    assert ("Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Môi trường") in main
    assert ("Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ") in main
    assert ("Sở Giao thông vận tải", "Sở Xây dựng") in main
    assert ("Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ") in main
    # One main successor per agency in each province; the rest are partial transfers.
    for province in ("Quảng Ngãi", "Hà Tĩnh", "Khánh Hòa", "Gia Lai", "Nghệ An"):
        view = province_view(province, date(2026, 1, 1))
        froms = [s.from_name for s in view.successions if not s.partial]
        assert len(froms) == len(set(froms)), province
    view = province_view("Quảng Ngãi", date(2026, 1, 1))
    districts = [s for s in view.successions if s.from_name.startswith("UBND huyện")]
    assert districts and all(s.to is None and s.effective == date(2025, 7, 1) for s in districts)
    assert all(s.to_group and s.to_group.startswith("Các xã, phường thuộc") for s in districts)


def test_reorganisation_rejects_unknown_names(tmp_path: Path) -> None:
    path = tmp_path / "reorg.yaml"
    path.write_text(
        "successions:\n  - {from: Sở Ma, to: Sở Xây dựng, effective: 2025-03-01}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="Sở Ma"):
        load_reorganisation(path, directory=DIRECTORY)
