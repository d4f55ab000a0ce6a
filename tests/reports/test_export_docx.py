"""Draft Word report: read it back with python-docx and check the administrative layout."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from docx.document import Document
from docx.shared import Pt

from reports.docx import write_draft_report

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_samples import (
    BLOCKER_NOTE,
    GENERATED_AT,
    TRICKY_NOTE,
    empty_summary,
    sample_summary,
)

RESULT_HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Trạng thái", "Ghi chú"]


def render(summary=None, agency: str = "Sở Xây dựng", lang: str = "vi") -> Document:  # type: ignore[no-untyped-def]
    data = write_draft_report(summary or sample_summary(), agency, GENERATED_AT, lang=lang)
    return docx.Document(io.BytesIO(data))


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs]


def results_table(doc: Document):  # type: ignore[no-untyped-def]
    found = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == RESULT_HEADER]
    return found[0] if found else None


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


def test_title_plan_number_and_period() -> None:
    paragraphs = texts(render())
    assert "BÁO CÁO" in paragraphs
    assert "Kết quả thực hiện Kế hoạch số 151/KH-UBND kỳ Quý II/2025" in paragraphs
    intro = next(p for p in paragraphs if p.startswith("Thực hiện Kế hoạch số"))
    assert "UBND tỉnh Quảng Ngãi" in intro and "Sở Xây dựng báo cáo" in intro


def test_sections_in_order() -> None:
    paragraphs = texts(render())
    headings = [
        "I. TÌNH HÌNH CHUNG",
        "II. KẾT QUẢ THỰC HIỆN THEO NHIỆM VỤ",
        "III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ",
        "IV. ĐỀ XUẤT",
    ]
    positions = [paragraphs.index(h) for h in headings]
    assert positions == sorted(positions)


def test_counts_and_completion_rate() -> None:
    paragraphs = texts(render())
    assert "Tổng số lượt nhiệm vụ được giao theo dõi trong kỳ: 6, trong đó:" in paragraphs
    for line in (
        "- Hoàn thành đúng hạn: 1 nhiệm vụ (16,7%);",
        "- Hoàn thành quá hạn: 1 nhiệm vụ (16,7%);",
        "- Đang thực hiện trong hạn: 2 nhiệm vụ (33,3%);",
        "- Chưa hoàn thành, quá hạn: 1 nhiệm vụ (16,7%);",
        "- Chưa báo cáo: 1 nhiệm vụ (16,7%).",
        "Tỷ lệ hoàn thành (đúng hạn và quá hạn): 33,3% (2/6).",
        "Hạn gửi báo cáo của kỳ: 16/06/2025.",
    ):
        assert line in paragraphs


def test_results_by_task_follow_the_plan_groups() -> None:
    paragraphs = texts(render())
    groups = ["1. Công tác quy hoạch", "2. Phát triển hạ tầng kỹ thuật", "3. Nhiệm vụ khác"]
    positions = [paragraphs.index(g) for g in groups]
    assert positions == sorted(positions)
    task = paragraphs.index("1.a. Rà soát, điều chỉnh quy hoạch chung đô thị (hạn 30/06/2025)")
    assert paragraphs[task + 1] == f"- Sở Xây dựng (chủ trì): Hoàn thành; {TRICKY_NOTE}."
    assert paragraphs[task + 2] == (
        "- Sở Tài chính (phối hợp): Đang thực hiện (60%); Đã hoàn thiện hồ sơ."
    )
    assert "- Sở Xây dựng (phối hợp): chưa báo cáo." in paragraphs


def test_results_table_rows() -> None:
    table = results_table(render())
    assert table is not None
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == 4  # one per task
    assert rows[0] == [
        "1",
        "1.a. Rà soát, điều chỉnh quy hoạch chung đô thị",
        "Sở Xây dựng",
        "Hoàn thành đúng hạn",
        TRICKY_NOTE,
    ]
    assert rows[1][2:4] == ["Sở Nông nghiệp và Môi trường", "Chưa hoàn thành, quá hạn (30%)"]
    assert rows[2][2:4] == ["UBND thành phố Quảng Ngãi", "Hoàn thành quá hạn"]
    assert [r[0] for r in rows] == ["1", "2", "3", "4"]


def test_blockers_section() -> None:
    paragraphs = texts(render())
    start = paragraphs.index("III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ")
    end = paragraphs.index("IV. ĐỀ XUẤT")
    section = paragraphs[start + 1 : end]
    assert len(section) == 1
    assert section[0].startswith("- Sở Nông nghiệp và Môi trường (1.b. Xây dựng chương trình")
    assert BLOCKER_NOTE in section[0]
    assert "13/06/2025" not in section[0] and "12/06/2025 09:30" in section[0]
    assert "Nguyễn Thị Hằng" in section[0]


def test_signature_block_and_page_setup() -> None:
    doc = render()
    left, right = doc.tables[-1].rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    assert "- UBND tỉnh Quảng Ngãi (báo cáo);" in [p.text for p in left.paragraphs]
    assert right.paragraphs[0].text == "GIÁM ĐỐC"
    section = doc.sections[0]
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
    assert 1.5 <= round(section.right_margin.cm, 2) <= 2.0
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman"
    assert Pt(13) <= normal.size <= Pt(14)


def test_empty_summary_says_no_data() -> None:
    doc = render(empty_summary())
    paragraphs = texts(doc)
    assert "Kết quả thực hiện Kế hoạch số 151/KH-UBND kỳ Tháng 6/2025" in paragraphs
    assert paragraphs.count("Chưa có dữ liệu báo cáo trong kỳ Tháng 6/2025.") == 2
    assert "Trong kỳ, các cơ quan không báo cáo khó khăn, vướng mắc." in paragraphs
    assert results_table(doc) is None
    assert doc.tables[-1].rows[0].cells[0].paragraphs[0].text == "Nơi nhận:"


def test_reporting_agency_is_the_issuer() -> None:
    doc = render(agency="UBND tỉnh Quảng Ngãi")
    left = doc.tables[0].rows[0].cells[0]
    assert [p.text for p in left.paragraphs][:2] == [" ", "UBND TỈNH QUẢNG NGÃI"]
    signer = doc.tables[-1].rows[0].cells[1].paragraphs[0].text
    assert signer.startswith("TM. ỦY BAN NHÂN DÂN")


def test_english() -> None:
    paragraphs = texts(render(lang="en"))
    assert "REPORT" in paragraphs
    assert "Implementation of Plan No. 151/KH-UBND, period Quý II/2025" in paragraphs
    assert "I. OVERVIEW" in paragraphs
