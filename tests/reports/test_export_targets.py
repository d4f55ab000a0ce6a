"""The targets in the exports: a half-year or a year Word draft opens with "Kết quả thực hiện
các chỉ tiêu" (its sections numbered on from it), a quarter's does not; the workbook has a
targets sheet printed like the others; both say what `PlanSummary.targets` says."""

from __future__ import annotations

import dataclasses
import io
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_samples import sample_summary

from reports.docx import write_draft_report
from reports.model import FigureValue, PlanSummary, TargetLine
from reports.xlsx import MIN_PRINTED_PT, TARGET_COLUMNS, print_scale, write_workbook

NOW = datetime(2026, 12, 10, 3, 0, tzinfo=UTC)
FIGURE = FigureValue(41.2, None, "%", date(2025, 12, 31), "số liệu 2025", "Cục Thống kê")
TARGETS = (
    TargetLine(1, "Tỷ lệ đô thị hóa", "%", "Sở Xây dựng", 2025, "gt", 40, None,
               "đến năm 2025 đạt trên 40%", FIGURE, "achieved", True, (FIGURE,)),
    TargetLine(1, "Tỷ lệ đô thị hóa", "%", "Sở Xây dựng", 2030, "gt", 45, None,
               "đến năm 2030 đạt trên 45%", FIGURE, "not_met", False, (FIGURE,)),
    TargetLine(2, "Tỉ lệ đất xây dựng đô thị <toàn tỉnh>", "%", None, 2025, "range", 4.7, 5.1),
    TargetLine(3, "Tầm nhìn đến năm 2045", None, None, 2045, None, None, None,
               assessment="qualitative"),
)  # fmt: skip


def year_summary(targets: tuple[TargetLine, ...] = TARGETS, kind: str = "yearly") -> PlanSummary:
    key = {"yearly": "2026-Y", "half_yearly": "2026-H1", "quarterly": "2026-Q4"}[kind]
    return dataclasses.replace(sample_summary(), period_kind=kind, period_key=key, targets=targets)


def paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def target_table(data: bytes) -> list[list[str]]:
    document = docx.Document(io.BytesIO(data))
    table = next(t for t in document.tables if t.rows[0].cells[-1].text == "Đánh giá")
    return [[c.text for c in row.cells] for row in table.rows]


def test_a_year_draft_opens_with_the_targets_table() -> None:
    data = write_draft_report(year_summary(), "Sở Xây dựng", NOW)
    text = paragraphs(data)
    order = [
        "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "II. KẾT QUẢ CHUNG",
        "III. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
        "IV. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT",
        "V. CÁC CƠ QUAN CHƯA BÁO CÁO ĐỦ",
    ]
    assert [text.index(h) for h in order] == sorted(text.index(h) for h in order)
    assert target_table(data) == [
        ["STT", "Chỉ tiêu", "Mục tiêu", "Kết quả thực hiện", "Đánh giá"],
        [
            "1",
            "Tỷ lệ đô thị hóa (%)",
            "Năm 2025:\ntrên 40%",
            "41,2% (số liệu 2025)\nNguồn: Cục Thống kê",
            "Đạt",
        ],
        [
            "1",
            "Tỷ lệ đô thị hóa (%)",
            "Năm 2030:\ntrên 45%",
            "41,2% (số liệu 2025)\nNguồn: Cục Thống kê",
            "Chưa đạt",
        ],
        [
            "2",
            "Tỉ lệ đất xây dựng đô thị <toàn tỉnh> (%)",
            "Năm 2025:\n4,7–5,1%",
            "",
            "Chưa có số liệu",
        ],
    ]  # fmt: skip  (the indicator's cells are merged down over its targets)
    assert "Trong 3 chỉ tiêu: vượt 0, đạt 1, chưa đạt 1, khó đạt 0, chưa có số liệu 1." in text
    assert "Ngoài ra, 1 mục tiêu định tính được đánh giá qua kết quả thực hiện các nhiệm vụ." in (
        text
    )


def test_a_half_year_has_the_table_a_quarter_does_not() -> None:
    half = write_draft_report(year_summary(kind="half_yearly"), "Sở Xây dựng", NOW)
    assert "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in paragraphs(half)
    quarter = paragraphs(write_draft_report(year_summary(kind="quarterly"), "Sở Xây dựng", NOW))
    assert "I. KẾT QUẢ CHUNG" in quarter and "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" not in " ".join(
        quarter
    )
    # a year of a plan without targets reads as it always did
    plain = paragraphs(write_draft_report(year_summary(targets=()), "Sở Xây dựng", NOW))
    assert plain.index("I. KẾT QUẢ CHUNG") < plain.index("IV. CÁC CƠ QUAN CHƯA BÁO CÁO ĐỦ")


def test_the_english_draft_writes_the_same_figures() -> None:
    data = write_draft_report(year_summary(), "Sở Xây dựng", NOW, lang="en")
    assert "I. RESULTS AGAINST THE TARGETS" in paragraphs(data)
    document = docx.Document(io.BytesIO(data))
    table = next(t for t in document.tables if t.rows[0].cells[-1].text == "Assessment")
    assert [c.text for c in table.rows[1].cells][2:] == [
        "Year 2025:\nabove 40%",
        "41.2% (số liệu 2025)\nSource: Cục Thống kê",
        "Achieved",
    ]


def test_the_workbook_has_a_targets_sheet_with_the_same_rows() -> None:
    book = openpyxl.load_workbook(io.BytesIO(write_workbook([year_summary()], NOW)))
    assert book.sheetnames[:2] == ["Tổng hợp", "Chỉ tiêu"]
    sheet = book["Chỉ tiêu"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[1] == [1, "Tỷ lệ đô thị hóa", "%", "Năm 2025", "trên 40%", "41,2%",
                       "số liệu 2025", "Cục Thống kê", "Sở Xây dựng", "Đạt"]  # fmt: skip
    assert rows[2][:2] == [None, None] and rows[2][9] == "Chưa đạt"
    assert rows[3][1] == "Tỉ lệ đất xây dựng đô thị <toàn tỉnh>" and rows[3][9] == (
        "Chưa có số liệu"
    )
    assert len(rows) == 4  # the qualitative goal is not a row
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert sheet.print_title_rows == "$1:$1"  # the header on every page
    scale = print_scale([w for _, w, _ in TARGET_COLUMNS])
    assert 11 * scale / 100 >= MIN_PRINTED_PT
    # no targets, no sheet
    plain = openpyxl.load_workbook(io.BytesIO(write_workbook([year_summary(targets=())], NOW)))
    assert "Chỉ tiêu" not in plain.sheetnames
