"""The letter (Word, in its author's form) and the link list (Excel) read back: the author
under its governing body, the plan cited as a clerk cites it, the signer's title; one row per
agency with its own join link and a QR code that encodes exactly that link. (The rendered
pages are checked in tests/reports/test_export_rendered.py.)"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import docx
import openpyxl

from onboarding.letter import LetterEntry, LetterInfo, letter_info, write_letter, write_link_list
from reports.author import author_for
from reports.xlsx import MIN_PRINTED_PT
from storage.models import Agency, Plan
from tests.onboarding.qr_reading import cell_images, encodes

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TITLE = "Triển khai <Chương trình> & 21"
INFO = LetterInfo(
    "151/KH-UBND",
    TITLE,
    author_for("Sở Xây dựng", issuer="UBND tỉnh Quảng Ngãi"),
    "dondoc_bot",
    issuer="UBND tỉnh Quảng Ngãi",
    issued_on=date(2022, 9, 22),
    plan_kind="plan",
)


def entries(count: int) -> list[LetterEntry]:
    return [
        LetterEntry(
            f"Sở số {n} & <Ban>",
            f"https://t.me/dondoc_bot?start=tok{n:04d}abcdefghijkl",
            2,
            NOW + timedelta(days=30),
        )
        for n in range(count)
    ]


def column(cell) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in cell.paragraphs if p.text.strip()]


def test_the_letter_is_in_the_form_of_a_department_and_has_one_qr_row_per_agency() -> None:
    rows = entries(12)
    document = docx.Document(io.BytesIO(write_letter(rows, INFO, NOW, TZ)))
    left, right = document.tables[0].rows[0].cells
    assert column(left) == [
        "UBND TỈNH QUẢNG NGÃI",
        "SỞ XÂY DỰNG",
        "Số:         /SXD",
        "V/v cử cán bộ đầu mối theo dõi, báo cáo thực hiện Kế hoạch số 151/KH-UBND",
    ]
    assert column(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quảng Ngãi, ngày      tháng      năm 2026",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Kính gửi: Các cơ quan, đơn vị có tên tại Phụ lục kèm theo." in text
    assert (
        f"Thực hiện Kế hoạch số 151/KH-UBND ngày 22/9/2022 của UBND tỉnh Quảng Ngãi về "
        f"{TITLE[:1].lower() + TITLE[1:]}, để việc theo dõi"
    ) in text
    assert "@dondoc_bot" in text and "cán bộ đầu mối" in text
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.left_margin.cm, 1) == 3.0
    assert section.different_first_page_header_footer and "PAGE" in section.header._element.xml
    recipients, signer = document.tables[1].rows[0].cells
    assert column(recipients) == [
        "Nơi nhận:",
        "- Như trên;",
        "- UBND tỉnh Quảng Ngãi (để báo cáo);",
        "- Lưu: VT, ….",
    ]
    assert [p.text for p in signer.paragraphs] == ["GIÁM ĐỐC", "", "", "", ""]
    assert "TM." not in signer.text and "(Ký" not in signer.text

    assert (
        "(Kèm theo Công văn số         /SXD ngày      tháng      năm 2026 của Sở Xây dựng)" in text
    )
    table = document.tables[2]
    body = table.rows[1:]
    assert len(body) == len(rows)
    for row, entry in zip(body, rows, strict=True):
        cells = row.cells
        assert cells[1].text == entry.agency
        assert entry.link in cells[2].text
        assert "Số cán bộ: 2" in cells[2].text
        images = cell_images(document, cells[3])
        assert len(images) == 1 and encodes(images[0], entry.link)
        assert cells[4].text == "23/12/2026"
    links = [r.cells[2].text.split("\n")[0] for r in body]
    assert len(set(links)) == len(rows)


def test_a_party_body_writes_its_letter_in_the_party_form() -> None:
    info = LetterInfo(
        "15-CTr/TU",
        "Thực hiện Nghị quyết số 06-NQ/TW",
        author_for("Văn phòng Tỉnh ủy", issuer="Tỉnh ủy Hà Tĩnh"),
        "dondoc_bot",
        issuer="Tỉnh ủy Hà Tĩnh",
        issued_on=date(2022, 9, 30),
    )
    document = docx.Document(io.BytesIO(write_letter(entries(1), info, NOW, TZ)))
    left, right = document.tables[0].rows[0].cells
    assert column(left)[:4] == ["TỈNH ỦY HÀ TĨNH", "VĂN PHÒNG", "*", "Số         -CV/VPTU"]
    assert column(right) == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Tĩnh, ngày      tháng      năm 2026"]
    assert "Độc lập" not in right.text
    text = "\n".join(p.text for p in document.paragraphs)
    assert (
        "Thực hiện Chương trình hành động số 15-CTr/TU ngày 30/9/2022 của Tỉnh ủy Hà Tĩnh" in text
    )
    assert column(document.tables[1].rows[0].cells[1]) == ["CHÁNH VĂN PHÒNG"]


def test_the_letter_takes_its_author_from_the_plan_and_the_directory() -> None:
    plan = Plan(
        number="544-KL/TU",
        title="Về tiếp tục triển khai thực hiện Nghị quyết số 06-NQ/TU",
        issuer="Ban Thường vụ Tỉnh ủy Khánh Hòa",
        issued_on=date(2024, 2, 6),
        kind="conclusion",
    )
    plan.coordinator = Agency(name="Sở Xây dựng", kind="department")
    info = letter_info(plan, "dondoc_bot")
    document = docx.Document(io.BytesIO(write_letter(entries(1), info, NOW, TZ)))
    left, right = document.tables[0].rows[0].cells
    assert column(left)[:3] == ["UBND TỈNH KHÁNH HÒA", "SỞ XÂY DỰNG", "Số:         /SXD"]
    assert column(right)[2].startswith("Khánh Hòa, ngày")
    text = "\n".join(p.text for p in document.paragraphs)
    assert (
        "Thực hiện Kết luận số 544-KL/TU ngày 6/2/2024 của Ban Thường vụ Tỉnh ủy Khánh Hòa về "
        "tiếp tục triển khai thực hiện Nghị quyết số 06-NQ/TU, để việc"
    ) in text
    # without a province in the issuer, the deployment's province gives the place
    plan.issuer = "Ban Thường vụ Tỉnh ủy"
    placed = letter_info(plan, "dondoc_bot", province="Khánh Hòa")
    assert placed.author.place == "Khánh Hòa" and placed.author.governing == "UBND TỈNH KHÁNH HÒA"


def test_the_letter_in_english() -> None:
    document = docx.Document(io.BytesIO(write_letter(entries(1), INFO, NOW, TZ, lang="en")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "SOCIALIST REPUBLIC OF VIET NAM" in document.tables[0].rows[0].cells[1].text
    assert "focal officer" in text and "Plan No. 151/KH-UBND dated 22/9/2022" in text


def test_the_link_list_has_one_row_per_agency_and_prints_on_a4_landscape() -> None:
    rows = entries(5)
    book = openpyxl.load_workbook(io.BytesIO(write_link_list(rows, INFO, TZ)))
    sheet = book.active
    assert sheet is not None
    assert sheet["A1"].value == (
        "Đường dẫn tham gia theo dõi, báo cáo thực hiện Kế hoạch số 151/KH-UBND (Sở Xây dựng)"
    )
    assert [c.value for c in sheet[2]] == [
        "STT",
        "Cơ quan, đơn vị",
        "Đường dẫn tham gia",
        "Số cán bộ",
        "Hạn sử dụng",
    ]
    data = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [r[1] for r in data] == [e.agency for e in rows]
    assert [r[2] for r in data] == [e.link for e in rows]
    assert all(r[3] == 2 and r[4] == "23/12/2026" for r in data)
    assert sheet.cell(row=3, column=3).hyperlink.target == rows[0].link
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert 11 * (sheet.page_setup.scale or 100) / 100 >= MIN_PRINTED_PT
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.cell(row=3, column=2).alignment.wrap_text
