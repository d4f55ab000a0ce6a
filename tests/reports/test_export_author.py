"""Who writes a document (its header, number, place and signer) and how it cites the plan: a
table of the bodies of a province, state and Party, and of the kinds of plans."""

from __future__ import annotations

from datetime import date

import pytest

from reports.author import author_for, is_party_body, province_in
from reports.citation import CitedPlan, clerk_date, clerk_dates, kind_of
from reports.labels import labels

VI = labels("vi")


@pytest.mark.parametrize(
    ("writer", "issuer", "governing", "heading", "number", "signature"),
    [
        ("Sở Xây dựng", "UBND tỉnh Quảng Ngãi", "UBND TỈNH QUẢNG NGÃI", "SỞ XÂY DỰNG",
         "Số:         /BC-SXD", ("GIÁM ĐỐC",)),
        # a department following up a Party conclusion still writes as a state body
        ("Sở Xây dựng", "Ban Thường vụ Tỉnh ủy Khánh Hòa", "UBND TỈNH KHÁNH HÒA", "SỞ XÂY DỰNG",
         "Số:         /BC-SXD", ("GIÁM ĐỐC",)),
        ("Sở Khoa học và Công nghệ", "UBND tỉnh Hà Tĩnh", "UBND TỈNH HÀ TĨNH",
         "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số:         /BC-SKHCN", ("GIÁM ĐỐC",)),
        ("Sở Văn hóa, Thể thao và Du lịch", "UBND tỉnh Quảng Ngãi", "UBND TỈNH QUẢNG NGÃI",
         "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Số:         /BC-SVHTTDL", ("GIÁM ĐỐC",)),
        ("Sở Giáo dục và Đào tạo", "UBND thành phố Đà Nẵng", "UBND THÀNH PHỐ ĐÀ NẴNG",
         "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Số:         /BC-SGDĐT", ("GIÁM ĐỐC",)),
        ("Văn phòng UBND tỉnh", "UBND tỉnh Quảng Ngãi", "UBND TỈNH QUẢNG NGÃI", "VĂN PHÒNG",
         "Số:         /BC-VP", ("CHÁNH VĂN PHÒNG",)),
        ("Thanh tra tỉnh", "UBND tỉnh Quảng Ngãi", "UBND TỈNH QUẢNG NGÃI", "THANH TRA TỈNH",
         "Số:         /BC-TTr", ("CHÁNH THANH TRA",)),
        ("Ban Quản lý Khu kinh tế Vân Phong", "UBND tỉnh Khánh Hòa", "UBND TỈNH KHÁNH HÒA",
         "BAN QUẢN LÝ KHU KINH TẾ VÂN PHONG", "Số:         /BC-BQLKKTVP", ("TRƯỞNG BAN",)),
        ("UBND tỉnh Quảng Ngãi", "UBND tỉnh Quảng Ngãi", "", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
         "Số:         /BC-UBND", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        ("Ủy ban MTTQ Việt Nam tỉnh", "UBND tỉnh Quảng Ngãi", "",
         "ỦY BAN MTTQ VIỆT NAM TỈNH QUẢNG NGÃI", "Số:         /BC-MTTQ",
         ("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH")),
        ("Hội Nông dân tỉnh", "UBND tỉnh Hà Tĩnh", "", "HỘI NÔNG DÂN TỈNH HÀ TĨNH",
         "Số:         /BC-HNDT", ("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH")),
        # Party bodies: under the provincial Party committee, "Số …-BC/…", T/M for a collective
        ("Văn phòng Tỉnh ủy", "Tỉnh ủy Hà Tĩnh", "TỈNH ỦY HÀ TĨNH", "VĂN PHÒNG",
         "Số         -BC/VPTU", ("CHÁNH VĂN PHÒNG",)),
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "Tỉnh ủy Quảng Ngãi", "TỈNH ỦY QUẢNG NGÃI",
         "BAN TUYÊN GIÁO VÀ DÂN VẬN", "Số         -BC/BTGDVTU", ("TRƯỞNG BAN",)),
        ("Ủy ban Kiểm tra Tỉnh ủy", "Tỉnh ủy Hà Tĩnh", "TỈNH ỦY HÀ TĨNH", "ỦY BAN KIỂM TRA",
         "Số         -BC/UBKTTU", ("T/M ỦY BAN KIỂM TRA", "CHỦ NHIỆM")),
        ("Ban Thường vụ Tỉnh ủy Khánh Hòa", "Ban Thường vụ Tỉnh ủy Khánh Hòa", "",
         "TỈNH ỦY KHÁNH HÒA", "Số         -BC/TU", ("T/M BAN THƯỜNG VỤ", "BÍ THƯ")),
        ("Tỉnh ủy", "Tỉnh ủy Hà Tĩnh", "", "TỈNH ỦY HÀ TĨNH", "Số         -BC/TU",
         ("T/M BAN THƯỜNG VỤ", "BÍ THƯ")),
        ("Thành ủy", "Thành ủy Đà Nẵng", "", "THÀNH ỦY ĐÀ NẴNG", "Số         -BC/TU",
         ("T/M BAN THƯỜNG VỤ", "BÍ THƯ")),
        ("Ban Chấp hành Đảng bộ tỉnh", "Tỉnh ủy Hà Tĩnh", "", "TỈNH ỦY HÀ TĨNH",
         "Số         -BC/TU", ("T/M BAN THƯỜNG VỤ", "BÍ THƯ")),
        ("Đảng ủy UBND tỉnh", "Tỉnh ủy Khánh Hòa", "ĐẢNG BỘ TỈNH KHÁNH HÒA", "ĐẢNG ỦY UBND TỈNH",
         "Số         -BC/ĐU", ("T/M BAN THƯỜNG VỤ", "BÍ THƯ")),
        ("Đảng đoàn HĐND tỉnh", "Tỉnh ủy Hà Tĩnh", "TỈNH ỦY HÀ TĨNH", "ĐẢNG ĐOÀN HĐND TỈNH",
         "Số         -BC/ĐĐ", ("T/M ĐẢNG ĐOÀN", "BÍ THƯ")),
    ],
)  # fmt: skip
def test_the_author_decides_header_number_and_signature(
    writer: str,
    issuer: str,
    governing: str,
    heading: str,
    number: str,
    signature: tuple[str, ...],
) -> None:
    author = author_for(writer, issuer=issuer)
    assert (author.governing, author.heading) == (governing, heading)
    assert author.number(VI) == number
    assert author.signature(VI) == signature
    assert author.party == (not number.startswith("Số:"))


def test_a_deputy_signs_for_the_head() -> None:
    department = author_for("Sở Xây dựng", issuer="UBND tỉnh Quảng Ngãi")
    assert department.signature(VI, deputy=True) == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    committee = author_for("UBND tỉnh Quảng Ngãi")
    assert committee.signature(VI, deputy=True) == (
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    )
    party = author_for("Tỉnh ủy", issuer="Tỉnh ủy Hà Tĩnh")
    assert party.signature(VI, deputy=True) == ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")
    office = author_for("Văn phòng Tỉnh ủy", issuer="Tỉnh ủy Hà Tĩnh")
    assert office.signature(VI, deputy=True) == ("K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG")


def test_place_from_the_issuer_else_the_deployments_province() -> None:
    assert author_for("Sở Xây dựng", issuer="UBND tỉnh Quảng Ngãi").place == "Quảng Ngãi"
    assert author_for("Sở Xây dựng", issuer="Bộ Xây dựng", province="Hà Tĩnh").place == "Hà Tĩnh"
    unknown = author_for("Sở Xây dựng", issuer="Bộ Chính trị")
    assert unknown.place == "" and unknown.governing == "" and unknown.heading == "SỞ XÂY DỰNG"
    assert province_in("Ban Thường vụ Tỉnh uỷ Khánh Hòa").name == "Khánh Hòa"  # type: ignore[union-attr]
    assert province_in("UBND thành phố Hà Nội").city  # type: ignore[union-attr]
    assert province_in("Sở Tài chính") is None


def test_the_directorys_kind_decides_the_form() -> None:
    assert author_for("Văn phòng", issuer="Tỉnh ủy Hà Tĩnh", kind="party").party
    office = author_for("Văn phòng UBND tỉnh", issuer="UBND tỉnh Hà Tĩnh", kind="department")
    assert office.signature(VI) == ("CHÁNH VĂN PHÒNG",)  # the name says more than the kind
    board = author_for("BQL KKT Vũng Áng", issuer="UBND tỉnh Hà Tĩnh", kind="board")
    assert board.signature(VI) == ("TRƯỞNG BAN",)
    assert is_party_body("Ban cán sự đảng UBND tỉnh") and is_party_body("Văn phòng Tỉnh ủy")
    assert not is_party_body("Sở Xây dựng") and not is_party_body("UBND tỉnh Quảng Ngãi")


@pytest.mark.parametrize(
    ("plan", "name", "full"),
    [
        (CitedPlan("151/KH-UBND", "UBND tỉnh Quảng Ngãi", date(2022, 9, 22),
                   "Triển khai thực hiện Chương trình hành động số 21-CTr/TU ngày 12/08/2022"),
         "Kế hoạch số 151/KH-UBND",
         "Kế hoạch số 151/KH-UBND ngày 22/9/2022 của UBND tỉnh Quảng Ngãi về triển khai thực "
         "hiện Chương trình hành động số 21-CTr/TU ngày 12/8/2022"),
        (CitedPlan("15-CTr/TU", "Tỉnh ủy Hà Tĩnh", date(2022, 9, 30),
                   "Thực hiện Nghị quyết số 06-NQ/TW, ngày 24/01/2022 của Bộ Chính trị"),
         "Chương trình hành động số 15-CTr/TU",
         "Chương trình hành động số 15-CTr/TU ngày 30/9/2022 của Tỉnh ủy Hà Tĩnh về thực hiện "
         "Nghị quyết số 06-NQ/TW, ngày 24/1/2022 của Bộ Chính trị"),
        # the title's own "Về" is not repeated
        (CitedPlan("544-KL/TU", "Ban Thường vụ Tỉnh ủy Khánh Hòa", date(2024, 2, 6),
                   "Về tiếp tục triển khai thực hiện Nghị quyết số 06-NQ/TU", "conclusion"),
         "Kết luận số 544-KL/TU",
         "Kết luận số 544-KL/TU ngày 6/2/2024 của Ban Thường vụ Tỉnh ủy Khánh Hòa về tiếp tục "
         "triển khai thực hiện Nghị quyết số 06-NQ/TU"),
        # a conclusion imported without its header: its kind from the import, no number
        (CitedPlan("", "Ban Thường vụ Tỉnh ủy Khánh Hòa", None,
                   "Về tiếp tục triển khai thực hiện Nghị quyết số 06-NQ/TU", "conclusion"),
         "Kết luận của Ban Thường vụ Tỉnh ủy Khánh Hòa",
         "Kết luận của Ban Thường vụ Tỉnh ủy Khánh Hòa về tiếp tục triển khai thực hiện Nghị "
         "quyết số 06-NQ/TU"),
        # a plan issued by a decision, known by the decision's number
        (CitedPlan("318/QĐ-UBND", "UBND tỉnh Quảng Ngãi", date(2026, 3, 12),
                   "Kế hoạch triển khai chuyển đổi số năm 2026", "plan"),
         "Kế hoạch ban hành kèm theo Quyết định số 318/QĐ-UBND",
         "Kế hoạch triển khai chuyển đổi số năm 2026 ban hành kèm theo Quyết định số "
         "318/QĐ-UBND ngày 12/3/2026 của UBND tỉnh Quảng Ngãi"),
        (CitedPlan("1234/QĐ-UBND", "UBND tỉnh Hà Tĩnh", date(2026, 1, 5),
                   "Về việc giao nhiệm vụ năm 2026", "decision"),
         "Quyết định số 1234/QĐ-UBND",
         "Quyết định số 1234/QĐ-UBND ngày 5/1/2026 của UBND tỉnh Hà Tĩnh về giao nhiệm vụ "
         "năm 2026"),
    ],
)  # fmt: skip
def test_plans_are_cited_as_a_clerk_cites_them(plan: CitedPlan, name: str, full: str) -> None:
    assert plan.name(VI) == name
    assert plan.full(VI) == full


def test_dates_are_written_one_way() -> None:
    assert clerk_date(date(2022, 9, 22)) == "22/9/2022" and clerk_date(None) == ""
    assert clerk_dates("ngày 24/01/2022 và 05/12/2026, số 06-NQ/TW") == (
        "ngày 24/1/2022 và 5/12/2026, số 06-NQ/TW"
    )
    assert kind_of("15-CTr/TU") == "programme" and kind_of("", "conclusion") == "conclusion"
