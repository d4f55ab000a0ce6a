"""Draft Word report: read it back with python-docx and check the administrative layout."""

from __future__ import annotations

import dataclasses
import io
import sys
from pathlib import Path

import docx
from docx.document import Document
from docx.shared import Pt

from reports.docx import document_kind, is_party_body, write_draft_report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_samples import (
    BLOCKER_NOTE,
    GENERATED_AT,
    TRICKY_NOTE,
    empty_summary,
    sample_summary,
)

APPENDIX_HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Trạng thái", "Ghi chú"]


def render(summary=None, agency: str = "Sở Xây dựng", lang: str = "vi") -> Document:  # type: ignore[no-untyped-def]
    data = write_draft_report(summary or sample_summary(), agency, GENERATED_AT, lang=lang)
    return docx.Document(io.BytesIO(data))


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs]


def appendix(doc: Document):  # type: ignore[no-untyped-def]
    found = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == APPENDIX_HEADER]
    return found[0] if found else None


def signature(doc: Document):  # type: ignore[no-untyped-def]
    return next(t for t in doc.tables if t.rows[0].cells[0].paragraphs[0].text == "Nơi nhận:")


def test_national_header_table() -> None:
    doc = render()
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text.strip()] == [
        "UBND TỈNH QUẢNG NGÃI",
        "SỞ XÂY DỰNG",
        "Số:       /BC-SXD",
    ]
    agency_run = next(p for p in left.paragraphs if p.text == "SỞ XÂY DỰNG").runs[0]
    assert agency_run.bold
    lines = [p for p in right.paragraphs if p.text.strip()]
    assert [p.text for p in lines[:2]] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert all(p.runs[0].bold for p in lines[:2])
    assert lines[2].text == "Quảng Ngãi, ngày     tháng     năm 2025"
    assert lines[2].runs[0].italic


def test_title_rule_and_the_cited_plan_with_its_date() -> None:
    paragraphs = texts(render())
    title = paragraphs.index("BÁO CÁO")
    assert paragraphs[title + 1] == "Kết quả thực hiện Kế hoạch số 151/KH-UBND, kỳ Quý II/2025"
    assert paragraphs[title + 2] == "-----"  # the rule under the title
    intro = next(p for p in paragraphs if p.startswith("Thực hiện Kế hoạch số"))
    assert "151/KH-UBND ngày 22/09/2022 của UBND tỉnh Quảng Ngãi" in intro
    assert "Sở Xây dựng báo cáo" in intro


def test_sections_in_order() -> None:
    paragraphs = texts(render())
    headings = [
        "I. KẾT QUẢ CHUNG",
        "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
        "III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT",
        "IV. CÁC CƠ QUAN CHƯA BÁO CÁO",
        "PHỤ LỤC",
    ]
    positions = [paragraphs.index(h) for h in headings]
    assert positions == sorted(positions)


def test_counts_are_tasks_and_agencies_in_their_own_units() -> None:
    paragraphs = texts(render())
    total = next(p for p in paragraphs if p.startswith("Trong kỳ có"))
    assert total.startswith("Trong kỳ có 4 nhiệm vụ phải báo cáo")
    assert "hoàn thành đúng hạn 1" in total and "hoàn thành quá hạn 1" in total
    assert "chưa hoàn thành, quá hạn 1 (trong đó có vướng mắc 1, chưa thực hiện 0)" in total
    assert "lượt" not in total
    assert "Tỷ lệ hoàn thành: 50% (2/4 nhiệm vụ)." in paragraphs
    assert "Có 4/5 cơ quan đã gửi đủ báo cáo (hạn 16/06/2025)." in paragraphs


def test_one_paragraph_per_task_in_the_plans_sections() -> None:
    paragraphs = texts(render())
    groups = ["1. Công tác quy hoạch", "2. Phát triển hạ tầng kỹ thuật", "3. Nhiệm vụ khác"]
    positions = [paragraphs.index(g) for g in groups]
    assert positions == sorted(positions)
    first = paragraphs[positions[0] + 1]
    assert first.startswith("1.a. Rà soát, điều chỉnh quy hoạch chung đô thị: Hoàn thành đúng hạn.")
    assert f"Sở Xây dựng: hoàn thành, {TRICKY_NOTE}" in first
    assert "Cơ quan phối hợp: Sở Tài chính: đang thực hiện (60%)" in first
    blocked = paragraphs[positions[0] + 2]
    assert blocked.startswith("1.b. Xây dựng chương trình phát triển đô thị tỉnh (hạn 01/06/2025)")
    assert "Chưa hoàn thành, quá hạn – có vướng mắc" in blocked


def test_appendix_table_task_lead_status_note() -> None:
    table = appendix(render())
    assert table is not None
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert rows[0] == [
        "1",
        "1.a. Rà soát, điều chỉnh quy hoạch chung đô thị",
        "Sở Xây dựng",
        "Hoàn thành",
        TRICKY_NOTE,
    ]
    assert rows[1][2:4] == ["Sở Nông nghiệp và Môi trường", "Có vướng mắc (30%)"]
    assert [r[0] for r in rows] == ["1", "2", "3", "4"]


def test_blockers_then_agencies_not_reported_named_once() -> None:
    paragraphs = texts(render())
    start = paragraphs.index("III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT")
    end = paragraphs.index("IV. CÁC CƠ QUAN CHƯA BÁO CÁO")
    section = paragraphs[start + 1 : end]
    assert section[0].startswith("- Sở Nông nghiệp và Môi trường (1.b. Xây dựng chương trình")
    assert BLOCKER_NOTE in section[0] and "12/06/2025 09:30" in section[0]
    missing = paragraphs[end + 1]
    assert missing == ("Đến thời điểm lập báo cáo, 1 cơ quan chưa gửi đủ báo cáo: Sở Xây dựng.")


def test_signature_block_page_numbers_and_page_setup() -> None:
    doc = render()
    left, right = signature(doc).rows[0].cells
    assert "- UBND tỉnh Quảng Ngãi (báo cáo);" in [p.text for p in left.paragraphs]
    assert right.paragraphs[0].text == "GIÁM ĐỐC"
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml  # page numbers from page 2
    cm = {
        name: round(getattr(section, name).cm, 2)
        for name in ("page_width", "page_height", "top_margin", "bottom_margin", "left_margin")
    }
    assert cm == {
        "page_width": 21.0,
        "page_height": 29.7,
        "top_margin": 2.0,
        "bottom_margin": 2.0,
        "left_margin": 3.0,
    }
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman"
    assert Pt(13) <= normal.size <= Pt(14)


def test_party_body_writes_in_the_party_layout() -> None:
    summary = dataclasses.replace(
        sample_summary(plan_number="15-CTr/TU"),
        issuer="Tỉnh ủy Hà Tĩnh",
        coordinator="Văn phòng Tỉnh ủy",
        plan_title="thực hiện Nghị quyết số 06-NQ/TW",
    )
    doc = render(summary, agency="Sở Xây dựng")
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text.strip()] == [
        "TỈNH ỦY HÀ TĨNH",
        "VĂN PHÒNG",
        "*",
        "Số        -BC/VPTU",
    ]
    right_lines = [p.text for p in right.paragraphs if p.text.strip()]
    assert right_lines[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right_lines[1] == "Hà Tĩnh, ngày     tháng     năm 2025"
    paragraphs = texts(doc)
    assert "Độc lập - Tự do - Hạnh phúc" not in [*paragraphs, *right_lines]
    assert "Kết quả thực hiện Chương trình hành động số 15-CTr/TU, kỳ Quý II/2025" in paragraphs
    intro = next(p for p in paragraphs if p.startswith("Thực hiện Chương trình hành động số"))
    assert "Văn phòng Tỉnh ủy báo cáo" in intro and "Kế hoạch số" not in intro
    assert "Sở Xây dựng báo cáo" not in " ".join(paragraphs)
    assert signature(doc).rows[0].cells[1].paragraphs[0].text == "CHÁNH VĂN PHÒNG"


def test_the_provincial_party_committee_as_author() -> None:
    summary = dataclasses.replace(
        sample_summary(plan_number="544-KL/TU"), issuer="Tỉnh ủy Khánh Hòa", coordinator=None
    )
    doc = render(summary, agency="Tỉnh ủy")
    left = doc.tables[0].rows[0].cells[0]
    assert [p.text for p in left.paragraphs if p.text.strip()][:2] == [
        "ĐẢNG BỘ TỈNH KHÁNH HÒA",
        "TỈNH ỦY",
    ]
    assert "Số        -BC/TU" in [p.text for p in left.paragraphs]


def test_kinds_and_bodies() -> None:
    assert document_kind("15-CTr/TU") == "Chương trình hành động"
    assert document_kind("544-KL/TU") == "Kết luận"
    assert document_kind("151/KH-UBND") == "Kế hoạch"
    assert is_party_body("Văn phòng Tỉnh ủy") and is_party_body("Đảng ủy UBND tỉnh")
    assert not is_party_body("Sở Xây dựng") and not is_party_body("UBND tỉnh Quảng Ngãi")


def test_empty_summary_says_no_data() -> None:
    doc = render(empty_summary())
    paragraphs = texts(doc)
    assert "Kết quả thực hiện Kế hoạch số 151/KH-UBND, kỳ Tháng 6/2025" in paragraphs
    assert "Chưa có dữ liệu báo cáo trong kỳ Tháng 6/2025." in paragraphs
    assert "Trong kỳ, các cơ quan không báo cáo khó khăn, vướng mắc." in paragraphs
    assert appendix(doc) is None


def test_reporting_agency_is_the_issuer() -> None:
    summary = dataclasses.replace(sample_summary(), coordinator=None)
    doc = render(summary, agency="UBND tỉnh Quảng Ngãi")
    left = doc.tables[0].rows[0].cells[0]
    assert [p.text for p in left.paragraphs][:2] == [" ", "UBND TỈNH QUẢNG NGÃI"]
    assert signature(doc).rows[0].cells[1].paragraphs[0].text.startswith("TM. ỦY BAN NHÂN DÂN")


def test_english() -> None:
    paragraphs = texts(render(lang="en"))
    assert "REPORT" in paragraphs
    assert "Implementation of Plan No. 151/KH-UBND, period Q2/2025" in paragraphs
    assert "I. OVERALL RESULTS" in paragraphs
