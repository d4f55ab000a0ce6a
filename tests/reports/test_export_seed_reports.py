"""The figures and the Word draft of the seed plans, imported into their province as it is
today with a handful of reports: tasks counted once, a few pages organised by task, the
Party programme in the Party layout; both read back."""

from __future__ import annotations

import io
import math
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

import docx
import openpyxl

from domain.status import Outcome
from plans.starter import province_view
from reports.docx import write_draft_report
from reports.xlsx import write_workbook
from storage.db import Database

sys.path.insert(0, str(Path(__file__).resolve().parent))
from seeded_plans import REPORTS_15, REPORTS_151, TODAY, seeded_summary

NOW = datetime(2026, 12, 10, 3, 0, tzinfo=UTC)


def estimated_pages(document: docx.document.Document) -> float:
    """A4 with 16 cm of text at 14 pt: about 75 characters a line, 30 lines a page; a table
    row of the appendix takes its longest cell's lines at 12 pt."""
    lines = 0.0
    for paragraph in document.paragraphs:
        lines += max(1, math.ceil(len(paragraph.text) / 75)) + 0.3
    for table in document.tables:
        for row in table.rows:
            widths = (6, 26, 16, 14, 14)
            cells = [c.text for c in row.cells]
            if len(cells) == len(widths):
                lines += (
                    max(max(1, math.ceil(len(t) / w)) for t, w in zip(cells, widths, strict=True))
                    * 0.8
                )
            else:
                lines += max(len(c.text.split("\n")) for c in row.cells)
    return lines / 30


async def test_151_counts_16_tasks_and_agencies_in_their_own_unit(db: Database) -> None:
    summary = await seeded_summary(db, "quang-ngai-151-kh-ubnd.txt", "Quảng Ngãi", REPORTS_151)
    assert summary.total == 16  # tasks, not task × agency pairs
    assert len(summary.tasks) == 16
    # II.2.b: Sở Xây dựng reported done, its other leads (the communes, since 1/7/2025) not yet
    assert summary.counts[Outcome.DONE_ON_TIME] == 0
    assert summary.blocked_total == 1 and summary.not_started_total == 1
    communes = province_view("Quảng Ngãi", TODAY).members("UBND các xã, phường")
    assert summary.agency_count == 21 + len(communes)  # today's agencies the plan chases
    assert summary.agencies_reported == 0  # nobody answered every task it owes
    assert not any(
        "huyện" in a.agency or "Kế hoạch và Đầu tư" in a.agency for a in summary.agencies
    )


async def test_151_draft_is_a_few_pages_organised_by_task(db: Database) -> None:
    summary = await seeded_summary(db, "quang-ngai-151-kh-ubnd.txt", "Quảng Ngãi", REPORTS_151)
    document = docx.Document(io.BytesIO(write_draft_report(summary, "Sở Xây dựng", NOW)))
    paragraphs = [p.text for p in document.paragraphs]
    task_paragraphs = [p for p in paragraphs if re.match(r"II\.\d", p)]
    assert len(task_paragraphs) == 16  # one paragraph per task
    assert estimated_pages(document) <= 8, estimated_pages(document)
    blocked = next(p for p in task_paragraphs if p.startswith("II.1.c."))
    assert "có vướng mắc" in blocked and "vốn đối ứng" in blocked
    owing = [p for p in paragraphs if p.startswith("- Chưa đến hạn báo cáo")]
    assert len(owing) == 1 and "Sở Tư pháp (còn 10/10 báo cáo)" in owing[0]
    assert sum(p.count("Sở Tư pháp") for p in paragraphs) == 1  # named once
    flagged = next(p for p in task_paragraphs if p.startswith("II.2.c."))
    assert "chua trien khai do cho huong dan cua Bo [gõ không dấu: cần sửa" in flagged


async def test_151_workbook_flags_the_note_typed_without_diacritics(db: Database) -> None:
    summary = await seeded_summary(db, "quang-ngai-151-kh-ubnd.txt", "Quảng Ngãi", REPORTS_151)
    book = openpyxl.load_workbook(io.BytesIO(write_workbook([summary], NOW)))
    sheet = book[book.sheetnames[1]]
    header = [c.value for c in sheet[1]]
    flagged = [
        row
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[header.index("Cần soát lại")]
    ]
    assert [row[header.index("Nội dung báo cáo")] for row in flagged] == [
        "chua trien khai do cho huong dan cua Bo"
    ]


async def test_party_programme_draft_is_in_the_party_layout(db: Database) -> None:
    summary = await seeded_summary(db, "ha-tinh-15-ctr-tu.txt", "Hà Tĩnh", REPORTS_15)
    document = docx.Document(io.BytesIO(write_draft_report(summary, "Sở Xây dựng", NOW)))
    header = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs if p.text.strip()]
    assert header[-1].startswith("Số") and "-BC/" in header[-1] and header[-1].endswith("TU")
    right = [p.text for p in document.tables[0].rows[0].cells[1].paragraphs if p.text.strip()]
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    paragraphs = [p.text for p in document.paragraphs]
    assert any(
        p.startswith("Kết quả thực hiện Chương trình hành động số 15-CTr/TU") for p in paragraphs
    )
    assert "Độc lập - Tự do - Hạnh phúc" not in right
    assert "GIÁM ĐỐC" not in [
        p.text for t in document.tables for c in t.rows[0].cells for p in c.paragraphs
    ]
