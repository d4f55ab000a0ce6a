"""Splitting assignment phrases into lead and supporting agencies."""

from __future__ import annotations

import pytest

from plans.assignees import clean_agency, restore_agency, split_agencies, split_assignees

GROUP_LOCAL = "UBND các huyện, thị xã, thành phố"
GROUP_DEPTS = "các sở, ban ngành"


@pytest.mark.parametrize(
    ("phrase", "lead", "support"),
    [
        (
            "Sở Xây dựng chủ trì, phối hợp các sở, ban ngành, UBND các huyện, thị xã, thành phố"
            " tổ chức thực hiện.",
            ["Sở Xây dựng"],
            [GROUP_DEPTS, GROUP_LOCAL],
        ),
        (
            "Các sở, ban ngành chủ trì (đối với từng lĩnh vực thuộc chức năng nhiệm vụ đã được"
            " giao), phối hợp với UBND các huyện, thị xã, thành phố tổ chức thực hiện.",
            [GROUP_DEPTS],
            [GROUP_LOCAL],
        ),
        (
            "Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính (trên cơ sở đề xuất của Sở"
            " Xây dựng, UBND các huyện, thị xã, thành phố) tham mưu tổ chức triển khai thực hiện.",
            ["Sở Kế hoạch và Đầu tư"],
            ["Sở Tài chính"],
        ),
        (
            "Sở Kế hoạch và Đầu tư, Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp"
            " Quảng Ngãi chủ trì, phối hợp các sở, ban ngành, UBND các huyện, thị xã, thành phố"
            " tổ chức thực hiện.",
            [
                "Sở Kế hoạch và Đầu tư",
                "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi",
            ],
            [GROUP_DEPTS, GROUP_LOCAL],
        ),
        (
            "Sở Xây dựng, UBND các huyện, thị xã, thành phố tổ chức thực hiện.",
            ["Sở Xây dựng", GROUP_LOCAL],
            [],
        ),
        (
            "Các Sở, ban ngành, UBND các huyện, thị xã, thành phố tổ chức thực hiện.",
            [GROUP_DEPTS, GROUP_LOCAL],
            [],
        ),
        (
            "UBND các huyện, thị xã, thành phố, các Sở, ban ngành tổ chức thực hiện.",
            [GROUP_LOCAL, GROUP_DEPTS],
            [],
        ),
        (
            "Sở Thông tin và Truyền thông chủ trì, phối hợp với Sở Xây dựng và các sở, ban ngành,"
            " UBND các huyện, thị xã, thành phố tổ chức thực hiện.",
            ["Sở Thông tin và Truyền thông"],
            ["Sở Xây dựng", GROUP_DEPTS, GROUP_LOCAL],
        ),
        (
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội tỉnh tăng"
            " cường vai trò giám sát",
            ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các tổ chức chính trị - xã hội tỉnh"],
            [],
        ),
        (
            "Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tuyên truyền, vận động",
            ["Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội"],
            [],
        ),
        (
            "Các cấp ủy, tổ chức đảng trực thuộc Tỉnh ủy",
            ["các cấp ủy, tổ chức đảng trực thuộc Tỉnh ủy"],
            [],
        ),
        (
            "Các huyện, thành, thị uỷ, đảng ủy trực thuộc tổ chức quán triệt, tuyên truyền",
            ["các huyện, thành, thị ủy, đảng ủy trực thuộc"],
            [],
        ),
        (
            "Ban cán sự đảng Ủy ban nhân dân tỉnh tỉnh chỉ đạo Uỷ ban nhân dân tỉnh xây dựng",
            ["Ban cán sự đảng Ủy ban nhân dân tỉnh"],
            [],
        ),
        (
            "Ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh chỉ đạo các sở, ngành, địa phương",
            ["Ban cán sự đảng UBND tỉnh"],
            [],
        ),
        (
            "Văn phòng Tỉnh ủy chủ trì, phối hợp với các ban Đảng, Ủy ban Kiểm tra Tỉnh ủy theo"
            " dõi, đôn đốc, kiểm tra",
            ["Văn phòng Tỉnh ủy"],
            ["các ban Đảng", "Ủy ban Kiểm tra Tỉnh ủy"],
        ),
        (
            "Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Sở Lao động - Thương binh và"
            " Xã hội",
            ["Sở Văn hóa, Thể thao và Du lịch"],
            ["Sở Lao động - Thương binh và Xã hội"],
        ),
        (
            "Giao Sở Xây dựng chủ trì, phối hợp với các cơ quan liên quan theo dõi, đôn đốc",
            ["Sở Xây dựng"],
            ["các cơ quan liên quan"],
        ),
        (
            "Sở Tài chính chủ trì; các sở, ngành liên quan phối hợp",
            ["Sở Tài chính"],
            ["các sở, ngành liên quan"],
        ),
        ("Sở Y tế phối hợp với Sở Tài chính thực hiện", ["Sở Y tế"], ["Sở Tài chính"]),
        ("Phân công thực hiện: Công an tỉnh chủ trì.", ["Công an tỉnh"], []),
        (
            "So Xay dung chu tri, phoi hop voi So Tai chinh thuc hien",
            ["So Xay dung"],
            ["So Tai chinh"],
        ),
        ("Căn cứ Nghị quyết số 06-NQ/TW", [], []),
        ("", [], []),
    ],
)
def test_split_assignees(phrase: str, lead: list[str], support: list[str]) -> None:
    result = split_assignees(phrase)
    assert result.lead == lead
    assert result.support == support


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sở Tư pháp; Văn phòng UBND tỉnh", ["Sở Tư pháp", "Văn phòng UBND tỉnh"]),
        ("Sở Tài chính, UBND các huyện, thị xã, thành phố", ["Sở Tài chính", GROUP_LOCAL]),
        ("Sở Y tế<br>Sở Giáo dục và Đào tạo", ["Sở Y tế", "Sở Giáo dục và Đào tạo"]),
        ("Các sở, ban, ngành", ["các sở, ban, ngành"]),
        ("Công an tỉnh và Bộ Chỉ huy Quân sự tỉnh", ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh"]),
        ("", []),
    ],
)
def test_split_agencies(text: str, names: list[str]) -> None:
    assert split_agencies(text) == names


def test_clean_agency() -> None:
    assert clean_agency("  Các Sở, ban ngành (theo chức năng) ") == "các sở, ban ngành"
    assert clean_agency("Uỷ ban nhân dân tỉnh tỉnh") == "Ủy ban nhân dân tỉnh"


@pytest.mark.parametrize(
    ("ocr", "restored"),
    [
        ("Ban can sy ding UBND tinh", "Ban cán sự đảng UBND tỉnh"),
        ("Pang doan HDND tinh", "Đảng đoàn HĐND tỉnh"),
        (
            "Cac cép uy, té chirc dang truwe thudc Tinh ay",
            "các cấp ủy, tổ chức đảng trực thuộc Tỉnh ủy",
        ),
        ("S¢ Xay dung", "Sở Xây dựng"),
    ],
)
def test_restore_agency(ocr: str, restored: str) -> None:
    assert restore_agency(ocr) == restored


def test_restore_agency_refuses_unknown() -> None:
    assert restore_agency("Cong ty xyz abc") is None
