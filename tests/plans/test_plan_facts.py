"""The 2025 facts of issue 21, each fixed with its source or marked unverified (a `doubt` the
import review shows)."""

from __future__ import annotations

from datetime import date

import pytest

from plans.starter import province_view

TODAY = date(2026, 12, 1)


def current(province: str) -> dict[str, object]:
    return {a.name: a for a in province_view(province, TODAY).current_agencies()}


def ended(province: str, name: str) -> object:
    return province_view(province, TODAY).ended(name)


@pytest.mark.parametrize("province", ["Quảng Ngãi", "Hà Tĩnh", "Khánh Hòa", "Cà Mau"])
def test_tax_treasury_and_social_insurance_of_2025(province: str) -> None:
    agencies = current(province)
    tax = ended(province, "Cục Thuế tỉnh")
    assert tax is not None and tax.to == "Thuế tỉnh" and tax.effective == date(2025, 7, 1)
    assert "Cục Thuế tỉnh" not in agencies and agencies["Thuế tỉnh"].doubt
    treasury = ended(province, "Kho bạc Nhà nước tỉnh")
    assert treasury is not None and treasury.to == "Kho bạc Nhà nước khu vực"
    assert agencies["Kho bạc Nhà nước khu vực"].doubt  # which region: not checked
    assert agencies["Bảo hiểm xã hội tỉnh"].doubt  # the name after 2025: not checked


def test_foreign_affairs_kept_in_border_provinces_and_doubted() -> None:
    for province in ("Quảng Ngãi", "Hà Tĩnh", "Nghệ An", "Gia Lai"):
        assert "Sở Ngoại vụ" in current(province), province
        assert current(province)["Sở Ngoại vụ"].doubt
    assert ended("Ninh Bình", "Sở Ngoại vụ").to == "Văn phòng UBND tỉnh"  # type: ignore[union-attr]


def test_the_merged_newspaper_and_broadcaster() -> None:
    quang_ngai = ended("Quảng Ngãi", "Đài Phát thanh và Truyền hình tỉnh")
    assert quang_ngai.to == "Báo Quảng Ngãi" and quang_ngai.verified  # type: ignore[union-attr]
    assert "Báo và Phát thanh, Truyền hình tỉnh" not in current("Quảng Ngãi")
    kon_tum = ended("Quảng Ngãi", "Trung tâm Truyền thông tỉnh Kon Tum")
    assert kon_tum.to == "Báo Quảng Ngãi"  # type: ignore[union-attr]
    khanh_hoa = current("Khánh Hòa")["Báo và Phát thanh, Truyền hình tỉnh"]
    assert khanh_hoa.doubt  # each province's name: not checked
    assert ended("Khánh Hòa", "Đài Phát thanh và Truyền hình tỉnh").to == (  # type: ignore[union-attr]
        "Báo và Phát thanh, Truyền hình tỉnh"
    )


def test_gia_lai_and_nghe_an_boards_and_ethnic_affairs() -> None:
    gia_lai = current("Gia Lai")
    board = gia_lai["Ban Quản lý Khu kinh tế tỉnh Gia Lai"]
    assert board.verified and "1498/QĐ-TTg" in board.source
    assert "Sở Dân tộc và Tôn giáo" in gia_lai
    assert ended("Gia Lai", "Ban Quản lý Khu kinh tế tỉnh Bình Định").to == (  # type: ignore[union-attr]
        "Ban Quản lý Khu kinh tế tỉnh Gia Lai"
    )
    nghe_an = current("Nghệ An")
    assert "07/NQ-HĐND" in nghe_an["Sở Dân tộc và Tôn giáo"].source
    assert nghe_an["Ban Quản lý Khu kinh tế Đông Nam Nghệ An"].doubt
    assert ended("Nghệ An", "Ban Dân tộc").to == "Sở Dân tộc và Tôn giáo"  # type: ignore[union-attr]
    quang_ngai_board = current("Quảng Ngãi")[
        "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi"
    ]
    assert quang_ngai_board.verified and "1499/QĐ-TTg" in quang_ngai_board.source


def test_the_front_party_delegation_group_is_no_longer_current() -> None:
    view = province_view("Hà Tĩnh", TODAY)
    name = "Đảng đoàn MTTQ tỉnh và các tổ chức chính trị - xã hội"
    assert name not in {g.name for g in view.current_groups()}
    succession = view.ended(name)
    assert succession is not None
    assert succession.to_group == "Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội"
