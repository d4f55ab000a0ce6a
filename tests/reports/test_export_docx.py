"""Draft Word report: read it back with python-docx and check the form of its author and what
it says (the rendered pages are checked in test_export_rendered.py)."""

from __future__ import annotations

import dataclasses
import io
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Pt

from domain.status import Outcome, ReportStatus
from reports.docx import document_kind, write_draft_report
from reports.model import AgencyLine, HistoryEntry

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_samples import (
    BLOCKER_NOTE,
    GENERATED_AT,
    TRICKY_NOTE,
    empty_summary,
    row,
    sample_rows,
    sample_summary,
)

APPENDIX_HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Trạng thái", "Ghi chú"]
CONCLUSION_TITLE = (
    "Về tiếp tục triển khai thực hiện Nghị quyết số 06-NQ/TU, ngày 11/01/2021 của Tỉnh ủy về "
    "Chương trình phát triển đô thị tỉnh Khánh Hòa"
)


def render(summary=None, agency: str = "Sở Xây dựng", lang: str = "vi") -> Document:  # type: ignore[no-untyped-def]
    data = write_draft_report(summary or sample_summary(), agency, GENERATED_AT, lang=lang)
    return docx.Document(io.BytesIO(data))


def texts(doc: Document) -> list[str]:
    return [p.text for p in doc.paragraphs]


def header(doc: Document) -> tuple[list[str], list[str]]:
    left, right = doc.tables[0].rows[0].cells
    return (
        [p.text for p in left.paragraphs if p.text.strip()],
        [p.text for p in right.paragraphs if p.text.strip()],
    )


def appendix(doc: Document):  # type: ignore[no-untyped-def]
    found = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == APPENDIX_HEADER]
    return found[0] if found else None


def signature(doc: Document):  # type: ignore[no-untyped-def]
    """The recipients and signature table (after the header's)."""
    return doc.tables[1]


def signer(doc: Document) -> list[str]:
    return [p.text for p in signature(doc).rows[0].cells[1].paragraphs]


def conclusion(coordinator: str | None) -> object:
    return dataclasses.replace(
        sample_summary(plan_number="544-KL/TU"),
        issuer="Ban Thường vụ Tỉnh ủy Khánh Hòa",
        coordinator=coordinator,
        plan_title=CONCLUSION_TITLE,
        issued_on=date(2024, 2, 6),
    )


def test_a_department_writes_under_its_governing_body() -> None:
    doc = render()
    left, right = header(doc)
    assert left == ["UBND TỈNH QUẢNG NGÃI", "SỞ XÂY DỰNG", "Số:         /BC-SXD"]
    agency_run = next(
        p for p in doc.tables[0].rows[0].cells[0].paragraphs if p.text == "SỞ XÂY DỰNG"
    ).runs[0]
    governing_run = doc.tables[0].rows[0].cells[0].paragraphs[0].runs[0]
    assert agency_run.bold and not governing_run.bold
    assert right == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quảng Ngãi, ngày      tháng      năm 2025",
    ]
    place = next(p for p in doc.tables[0].rows[0].cells[1].paragraphs if p.text.startswith("Quảng"))
    assert place.runs[0].italic


def test_the_title_rule_is_drawn_and_the_plan_is_cited_as_a_clerk_cites_it() -> None:
    doc = render()
    paragraphs = texts(doc)
    title = paragraphs.index("BÁO CÁO")
    assert paragraphs[title + 1] == "Kết quả thực hiện Kế hoạch số 151/KH-UBND, kỳ Quý II/2025"
    rule = doc.paragraphs[title + 2]
    assert rule.text == "" and rule._p.pPr.find(qn("w:pBdr")) is not None  # a drawn line
    assert "-----" not in paragraphs
    intro = paragraphs[title + 3]
    assert intro == (
        "Thực hiện Kế hoạch số 151/KH-UBND ngày 22/9/2022 của UBND tỉnh Quảng Ngãi về thực "
        "hiện Chương trình hành động số 21-CTr/TU về phát triển đô thị, Sở Xây dựng báo cáo "
        "kết quả thực hiện kỳ Quý II/2025 như sau:"
    )


def test_a_conclusion_followed_up_by_a_department_is_a_state_document() -> None:
    doc = render(conclusion("Sở Xây dựng"))
    left, right = header(doc)
    assert left == ["UBND TỈNH KHÁNH HÒA", "SỞ XÂY DỰNG", "Số:         /BC-SXD"]
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert right[2].startswith("Khánh Hòa, ngày")
    body = "\n".join(texts(doc))
    assert "Thực hiện Kết luận số 544-KL/TU ngày 6/2/2024 của Ban Thường vụ Tỉnh ủy Khánh " in body
    assert "Hòa về tiếp tục triển khai thực hiện Nghị quyết số 06-NQ/TU, ngày 11/1/2021" in body
    assert "về về" not in body.lower()
    recipients = [p.text for p in signature(doc).rows[0].cells[0].paragraphs]
    assert recipients == [
        "Nơi nhận:",
        "- Ban Thường vụ Tỉnh ủy Khánh Hòa (để báo cáo);",
        "- UBND tỉnh Khánh Hòa (để báo cáo);",
        "- Lưu: VT, ….",
    ]
    assert signer(doc)[0] == "GIÁM ĐỐC"


def test_sections_in_order() -> None:
    paragraphs = texts(render())
    headings = [
        "I. KẾT QUẢ CHUNG",
        "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ",
        "III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT",
        "IV. CÁC CƠ QUAN CHƯA BÁO CÁO ĐỦ",
        "PHỤ LỤC",
    ]
    positions = [paragraphs.index(h) for h in headings]
    assert positions == sorted(positions)


def test_tasks_agencies_and_reports_each_in_their_own_unit() -> None:
    paragraphs = texts(render())
    total = next(p for p in paragraphs if p.startswith("Về nhiệm vụ:"))
    assert "trong kỳ có 4 nhiệm vụ phải báo cáo" in total
    assert "hoàn thành đúng hạn 1" in total and "hoàn thành quá hạn 1" in total
    assert "chưa hoàn thành, quá hạn 1 (trong đó có vướng mắc 1, chưa thực hiện 0)" in total
    assert "Tỷ lệ hoàn thành: 50% (2/4 nhiệm vụ)." in paragraphs
    assert (
        "Về cơ quan: 4/5 cơ quan đã báo cáo đủ (hạn 16/6/2025); 0 cơ quan quá hạn, chưa báo cáo; "
        "1 cơ quan chưa đến hạn báo cáo; 1 cơ quan có báo cáo gửi trễ hạn."
    ) in paragraphs
    assert (
        "Về báo cáo (mỗi nhiệm vụ được giao cho một cơ quan là một báo cáo): 6 báo cáo phải "
        "gửi, trong đó 4 đã gửi đúng hạn, 1 đã gửi trễ hạn, 0 quá hạn chưa gửi, 1 chưa đến hạn."
    ) in paragraphs


def test_late_and_missing_agencies_are_never_mixed() -> None:
    lines = (
        AgencyLine(
            "Sở Tài chính", expected=11, reported=8, late=0, blocked=0, overdue=3, days_overdue=8
        ),
        AgencyLine("Sở Tư pháp", expected=2, reported=1, late=0, blocked=0),
        AgencyLine("Sở Y tế", expected=3, reported=3, late=2, blocked=0),
        AgencyLine("Sở Nội vụ", expected=1, reported=1, late=0, blocked=0),
    )
    doc = render(dataclasses.replace(sample_summary(), agencies=lines))
    paragraphs = texts(doc)
    start = paragraphs.index("IV. CÁC CƠ QUAN CHƯA BÁO CÁO ĐỦ")
    assert paragraphs[start + 1 : start + 4] == [
        "- Quá hạn, chưa báo cáo (1 cơ quan): Sở Tài chính (quá hạn 8 ngày làm việc, còn "
        "3/11 báo cáo).",
        "- Chưa đến hạn báo cáo, hạn 16/6/2025 (1 cơ quan): Sở Tư pháp (còn 1/2 báo cáo).",
        "- Đã gửi báo cáo trễ hạn (1 cơ quan): Sở Y tế (2 báo cáo trễ hạn).",
    ]
    overview = next(p for p in paragraphs if p.startswith("Về cơ quan:"))
    assert "2/4 cơ quan đã báo cáo đủ" in overview and "1 cơ quan quá hạn, chưa báo cáo" in overview
    reports = next(p for p in paragraphs if p.startswith("Về báo cáo"))
    assert (
        "17 báo cáo phải gửi, trong đó 11 đã gửi đúng hạn, 2 đã gửi trễ hạn, 3 quá hạn" in reports
    )


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
    assert blocked.startswith("1.b. Xây dựng chương trình phát triển đô thị tỉnh (hạn 1/6/2025)")
    assert "Chưa hoàn thành, quá hạn – có vướng mắc" in blocked


def test_notes_typed_without_diacritics_are_flagged_not_copied_silently() -> None:
    typed = "da trinh du thao, vuong mac von"
    rows = (
        row("Sở Xây dựng", Outcome.IN_PROGRESS_ON_TIME, note=typed),
        row("Sở Tài chính", Outcome.IN_PROGRESS_ON_TIME, ref="1.b", note="Đã trình dự thảo"),
    )
    doc = render(sample_summary(rows))
    task = next(p for p in doc.paragraphs if p.text.startswith("1.a."))
    assert f"{typed} [gõ không dấu: cần sửa trước khi ban hành]" in task.text
    flagged = [r for r in task.runs if typed in r.text or "gõ không dấu" in r.text]
    assert flagged and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in flagged)
    other = next(p for p in doc.paragraphs if p.text.startswith("1.b."))
    assert "gõ không dấu" not in other.text
    table = appendix(doc)
    assert table is not None
    assert table.rows[1].cells[4].text.endswith("[gõ không dấu: cần sửa trước khi ban hành]")


def test_a_year_draft_recounts_what_was_done_over_the_year() -> None:
    summary = sample_summary()
    history = (
        HistoryEntry("Quý I/2025", "Sở Xây dựng", ReportStatus.IN_PROGRESS, 30, "Đã lập đề cương",
                     datetime(2025, 3, 10, tzinfo=UTC)),
        HistoryEntry("Quý II/2025", "Sở Xây dựng", ReportStatus.DONE, 100, "Đã ban hành",
                     datetime(2025, 6, 10, tzinfo=UTC)),
    )  # fmt: skip
    tasks = (dataclasses.replace(summary.tasks[0], history=history), *summary.tasks[1:])
    year = dataclasses.replace(
        summary, tasks=tasks, period_kind="yearly", period_key="2025-Y", period_label="Năm 2025"
    )
    paragraphs = texts(render(year))
    assert "Kết quả thực hiện Kế hoạch số 151/KH-UBND, kỳ Năm 2025" in paragraphs
    task = next(p for p in paragraphs if p.startswith("1.a."))
    assert task.endswith(
        "Kết quả báo cáo trong năm 2025: Quý I/2025 – Sở Xây dựng: đang thực hiện (30%), Đã lập "
        "đề cương; Quý II/2025 – Sở Xây dựng: hoàn thành, Đã ban hành."
    )


def test_appendix_table_task_lead_status_note() -> None:
    doc = render()
    paragraphs = texts(doc)
    assert (
        "(Kèm theo Báo cáo số         /BC-SXD ngày      tháng      năm 2025 của Sở Xây dựng)"
        in paragraphs
    )
    table = appendix(doc)
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


def test_blockers_with_the_day_they_were_reported() -> None:
    paragraphs = texts(render())
    start = paragraphs.index("III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT")
    blocker = paragraphs[start + 1]
    assert blocker.startswith("- Sở Nông nghiệp và Môi trường (1.b. Xây dựng chương trình")
    assert BLOCKER_NOTE in blocker and "(báo cáo ngày 12/6/2025, Nguyễn Thị Hằng)." in blocker


def test_signature_space_with_the_signers_title_kept_with_the_last_paragraph() -> None:
    doc = render()
    table = signature(doc)
    assert signer(doc) == ["GIÁM ĐỐC", "", "", "", ""]  # an empty space to sign in
    body = "\n".join(texts(doc)) + "\n".join(c.text for t in doc.tables for c in t.rows[0].cells)
    assert "(Ký" not in body and "……………" not in body
    assert table._tbl.tblPr is not None
    row_properties = table.rows[0]._tr.trPr
    assert row_properties is not None and row_properties.find(qn("w:cantSplit")) is not None
    before = table._tbl.getprevious()
    assert before.tag == qn("w:p") and before.pPr.find(qn("w:keepNext")) is not None


def test_page_numbers_and_page_setup() -> None:
    doc = render()
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml  # page numbers from page 2
    assert "PAGE" not in section.first_page_header._element.xml
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
        issued_on=date(2022, 9, 30),
    )
    doc = render(summary, agency="Sở Xây dựng")
    left, right = header(doc)
    assert left == ["TỈNH ỦY HÀ TĨNH", "VĂN PHÒNG", "*", "Số         -BC/VPTU"]
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Hà Tĩnh, ngày      tháng      năm 2025"]
    paragraphs = texts(doc)
    assert "Độc lập - Tự do - Hạnh phúc" not in paragraphs
    assert "Kết quả thực hiện Chương trình hành động số 15-CTr/TU, kỳ Quý II/2025" in paragraphs
    assert "-----" in paragraphs  # the five hyphens of Hướng dẫn 36 under the title
    intro = next(p for p in paragraphs if p.startswith("Thực hiện Chương trình hành động số"))
    assert intro.startswith(
        "Thực hiện Chương trình hành động số 15-CTr/TU ngày 30/9/2022 của Tỉnh ủy Hà Tĩnh về "
        "thực hiện Nghị quyết số 06-NQ/TW, Văn phòng Tỉnh ủy báo cáo"
    )
    assert "Sở Xây dựng báo cáo" not in " ".join(paragraphs)
    assert signer(doc)[0] == "CHÁNH VĂN PHÒNG"
    assert [p.text for p in signature(doc).rows[0].cells[0].paragraphs][-1] == (
        "- Lưu Văn phòng Tỉnh ủy."
    )


def test_a_conclusion_written_by_the_provincial_party_committee() -> None:
    doc = render(conclusion(None), agency="Tỉnh ủy")
    left, right = header(doc)
    assert left == ["TỈNH ỦY KHÁNH HÒA", "*", "Số         -BC/TU"]
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert signer(doc)[:2] == ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]


def test_a_conclusion_written_by_the_party_office() -> None:
    doc = render(conclusion("Văn phòng Tỉnh ủy"))
    left, _ = header(doc)
    assert left == ["TỈNH ỦY KHÁNH HÒA", "VĂN PHÒNG", "*", "Số         -BC/VPTU"]
    assert any(p.startswith("Thực hiện Kết luận số 544-KL/TU ngày 6/2/2024") for p in texts(doc))


def test_a_plan_issued_by_a_decision_is_cited_with_the_decision() -> None:
    summary = dataclasses.replace(
        sample_summary(plan_number="318/QĐ-UBND"),
        plan_title="Kế hoạch triển khai chuyển đổi số năm 2026",
        issued_on=date(2026, 3, 12),
        coordinator="Sở Khoa học và Công nghệ",
        plan_kind="plan",
    )
    doc = render(summary)
    left, _ = header(doc)
    assert left == ["UBND TỈNH QUẢNG NGÃI", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Số:         /BC-SKHCN"]
    paragraphs = texts(doc)
    assert (
        "Kết quả thực hiện Kế hoạch ban hành kèm theo Quyết định số 318/QĐ-UBND, kỳ Quý II/2025"
        in paragraphs
    )
    assert any(
        p.startswith(
            "Thực hiện Kế hoạch triển khai chuyển đổi số năm 2026 ban hành kèm theo Quyết định "
            "số 318/QĐ-UBND ngày 12/3/2026 của UBND tỉnh Quảng Ngãi, Sở Khoa học và Công nghệ"
        )
        for p in paragraphs
    )


def test_the_peoples_committee_signs_for_its_collective_body() -> None:
    doc = render(
        dataclasses.replace(sample_summary(), coordinator=None), agency="UBND tỉnh Quảng Ngãi"
    )
    left, _ = header(doc)
    assert left == ["ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "Số:         /BC-UBND"]
    assert signer(doc)[:2] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]


def test_kinds_of_plans() -> None:
    assert document_kind("15-CTr/TU") == "Chương trình hành động"
    assert document_kind("544-KL/TU") == "Kết luận"
    assert document_kind("151/KH-UBND") == "Kế hoạch"
    assert document_kind("", plan_kind="conclusion") == "Kết luận"


def test_empty_summary_says_no_data() -> None:
    doc = render(empty_summary())
    paragraphs = texts(doc)
    assert "Kết quả thực hiện Kế hoạch số 151/KH-UBND, kỳ Tháng 6/2025" in paragraphs
    assert "Chưa có dữ liệu báo cáo trong kỳ Tháng 6/2025." in paragraphs
    assert "Trong kỳ, các cơ quan không báo cáo khó khăn, vướng mắc." in paragraphs
    assert appendix(doc) is None


def test_english() -> None:
    doc = render(lang="en")
    paragraphs = texts(doc)
    assert "REPORT" in paragraphs
    assert "Implementation of Plan No. 151/KH-UBND, period Q2/2025" in paragraphs
    assert "I. OVERALL RESULTS" in paragraphs
    assert signer(doc)[0] == "DIRECTOR"


def test_rows_without_task_lines_still_read_by_task() -> None:
    summary = dataclasses.replace(sample_summary(), tasks=())
    paragraphs = texts(render(summary))
    assert "1. Công tác quy hoạch" in paragraphs
    assert any(p.startswith("- Sở Tài chính (phối hợp): Đang thực hiện (60%)") for p in paragraphs)
    agency_lines = [p for p in paragraphs if "(chủ trì)" in p or "(phối hợp)" in p]
    assert len(agency_lines) == len(sample_rows())
