"""Workbook export: read the file back with openpyxl and check what an officer would see."""

from __future__ import annotations

import dataclasses
import io
import sys
import time
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from domain.status import Outcome, ReportStatus
from reports.labels import labels
from reports.model import AgencyLine
from reports.xlsx import (
    FONT_PT,
    MIN_PRINTED_PT,
    SUMMARY_WIDTHS,
    TASK_COLUMNS,
    print_scale,
    safe_sheet_name,
    write_workbook,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from export_samples import (
    GENERATED_AT,
    TRICKY_NOTE,
    empty_summary,
    row,
    sample_rows,
    sample_summary,
)

HEADERS = [
    "STT",
    "Mã nhiệm vụ",
    "Nhiệm vụ",
    "Vai trò",
    "Cơ quan",
    "Trạng thái cơ quan báo cáo",
    "Phân loại (theo báo cáo của cơ quan)",
    "Tỷ lệ (%)",
    "Nội dung báo cáo",
    "Ngày báo cáo",
    "Người báo cáo",
    "Minh chứng",
    "Hạn báo cáo",
    "Cần soát lại",
]
OUTCOME = "Phân loại (theo báo cáo của cơ quan)"


def load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def column(name: str) -> int:
    return HEADERS.index(name) + 1


def test_sheets_headers_and_layout() -> None:
    wb = load(write_workbook([sample_summary()], GENERATED_AT))
    assert wb.sheetnames == ["Tổng hợp", "KH 151-KH-UBND"]
    ws = wb["KH 151-KH-UBND"]
    assert [c.value for c in ws[1]] == HEADERS
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:N7"
    assert ws.max_row == 1 + len(sample_rows())
    assert ws.column_dimensions["I"].width >= 25  # the report text column is the widest …
    assert ws.cell(2, column("Nội dung báo cáo")).alignment.wrap_text  # … and wrapped
    assert ws.column_dimensions["A"].width <= 8


def test_row_values() -> None:
    ws = load(write_workbook([sample_summary()], GENERATED_AT))["KH 151-KH-UBND"]
    values = {h: ws.cell(2, i + 1).value for i, h in enumerate(HEADERS)}
    assert values == {
        "STT": 1,
        "Mã nhiệm vụ": "1.a",
        "Nhiệm vụ": "Rà soát, điều chỉnh quy hoạch chung đô thị",
        "Vai trò": "Chủ trì",
        "Cơ quan": "Sở Xây dựng",
        "Trạng thái cơ quan báo cáo": "Hoàn thành",
        OUTCOME: "Hoàn thành đúng hạn",
        "Tỷ lệ (%)": 100,
        "Nội dung báo cáo": TRICKY_NOTE,
        # 02:30 UTC is 09:30 in Asia/Ho_Chi_Minh: the time is kept, the day is shown
        "Ngày báo cáo": datetime(2025, 6, 12, 9, 30),
        "Người báo cáo": "Nguyễn Thị Hằng",
        "Minh chứng": "https://example.vn/hs.pdf\nảnh chụp.jpg",
        "Hạn báo cáo": datetime(2025, 6, 30),
        "Cần soát lại": None,
    }
    assert ws.cell(2, column("Ngày báo cáo")).number_format == "dd/mm/yyyy"
    assert ws.cell(2, column("Hạn báo cáo")).number_format == "dd/mm/yyyy"
    # second row is a supporting agency; fourth has not reported at all
    assert ws.cell(3, column("Vai trò")).value == "Phối hợp"
    not_reported = [
        ws.cell(5, column(h)).value for h in ("Trạng thái cơ quan báo cáo", OUTCOME, "Tỷ lệ (%)")
    ]
    assert not_reported == [None, "Chưa báo cáo", None]


def test_formula_like_text_stays_text() -> None:
    tricky = ("=SUM(A1)", '=HYPERLINK("http://x")', "#N/A", "+1-2", "@cmd", TRICKY_NOTE)
    rows = tuple(row("Sở Xây dựng", Outcome.IN_PROGRESS_ON_TIME, note=n) for n in tricky)
    data = write_workbook([sample_summary(rows)], GENERATED_AT)
    ws = load(data)["KH 151-KH-UBND"]
    cells = [ws.cell(r, column("Nội dung báo cáo")) for r in range(2, 2 + len(tricky))]
    assert [c.value for c in cells] == list(tricky)
    assert all(c.data_type == "s" for c in cells)
    assert cells[0].quotePrefix
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)


def test_unicode_and_control_characters() -> None:
    nfd = "Đã trình UBND tỉnh"  # typed on a phone, decomposed form is kept as given
    notes = ("Tiếng Việt có dấu: Ủy ban, Đảng, Hội đồng 🏗️✅", "bell\x07 and\x00nul", nfd)
    rows = tuple(row("Sở Xây dựng", Outcome.IN_PROGRESS_ON_TIME, note=n) for n in notes)
    ws = load(write_workbook([sample_summary(rows)], GENERATED_AT))["KH 151-KH-UBND"]
    got = [ws.cell(r, column("Nội dung báo cáo")).value for r in (2, 3, 4)]
    assert got == [notes[0], "bell andnul", nfd]


def summary_rows(ws) -> dict[object, list[object]]:  # type: ignore[no-untyped-def]
    """Rows of the summary sheet by their first cell."""
    return {r[0].value: [c.value for c in r] for r in ws.iter_rows() if r[0].value is not None}


def test_summary_sheet_says_what_each_figure_counts() -> None:
    summary = sample_summary()
    ws = load(write_workbook([summary], GENERATED_AT))["Tổng hợp"]
    cells = summary_rows(ws)
    assert cells["Thời điểm lập"][2] == "15/06/2025 10:00"
    assert (
        "Kế hoạch số 151/KH-UBND ngày 22/9/2022 của UBND tỉnh Quảng Ngãi về thực hiện "
        "Chương trình hành động số 21-CTr/TU về phát triển đô thị"
    ) in cells
    assert cells["Kỳ báo cáo"][2] == "Quý II/2025"
    assert cells["Hạn báo cáo của kỳ"][2] == datetime(2025, 6, 16)
    # TASKS, one status each from its leads; the blocked one counted inside its class
    assert "NHIỆM VỤ: 4 nhiệm vụ (phân loại theo báo cáo của cơ quan chủ trì)" in cells
    header = cells["Phân loại nhiệm vụ"]
    assert header[2:8] == [
        "Số nhiệm vụ",
        "Tỷ lệ",
        "Trong đó: có vướng mắc (nhiệm vụ)",
        None,
        "Trong đó: chưa thực hiện (nhiệm vụ)",
        None,
    ]
    for outcome_name, count, blocked in [
        ("Hoàn thành đúng hạn", 1, 0),
        ("Hoàn thành quá hạn", 1, 0),
        ("Đang thực hiện trong hạn", 1, 0),
        ("Chưa hoàn thành, quá hạn", 1, 1),
        ("Chưa báo cáo", 0, 0),
    ]:
        assert cells[outcome_name][2] == count
        assert cells[outcome_name][4] == blocked
    assert cells["Tổng số"][2] == 4
    assert cells["Tỷ lệ hoàn thành"][2] == pytest.approx(2 / 4)
    # the task list: supporting AGENCIES counted as agencies, not reports received
    tasks = cells["Mã nhiệm vụ"]
    assert tasks[4] == "Cơ quan chủ trì" and tasks[8] == "Số cơ quan phối hợp"
    assert tasks[9] == "Trong đó: cơ quan phối hợp đã gửi ý kiến"
    assert cells["1.a"][8:10] == [1, 1]  # Sở Tài chính supports and sent its input
    assert cells["1.b"][8:10] == [1, 0]  # Sở Xây dựng supports and has not
    # AGENCIES and their REPORTS: on time, late, overdue and not yet due apart
    heading = next(k for k in cells if str(k).startswith("CƠ QUAN:"))
    assert heading == (
        "CƠ QUAN: 4/5 cơ quan đã báo cáo đủ; 0 cơ quan quá hạn, chưa báo cáo; 1 cơ quan chưa "
        "đến hạn; 1 cơ quan có báo cáo trễ hạn"
    )
    group = next(
        r for r in ws.iter_rows() if r[2].value and str(r[2].value).startswith("Số báo cáo")
    )
    assert group[2].value == "Số báo cáo của cơ quan (mỗi nhiệm vụ được giao là một báo cáo)"
    columns = cells["STT"]
    assert columns[1:] == [
        "Cơ quan",
        "Phải gửi",
        "Đã gửi đúng hạn",
        "Đã gửi trễ hạn",
        "Quá hạn, chưa gửi",
        "Chưa đến hạn",
        "Báo cáo có vướng mắc",
        "Tình trạng của cơ quan",
        "Phải gửi",
        "Đã gửi",
    ]
    agency_rows = [r for r in ws.iter_rows(min_row=group[0].row + 2) if r[1].value]
    assert len(agency_rows) == len(summary.agencies)
    assert [c.value for c in agency_rows[0]] == [
        1,
        "Sở Xây dựng",
        2,
        1,
        0,
        0,
        1,
        0,
        "Chưa đến hạn",
        1,
        0,
    ]


def test_agencies_overdue_and_late_apart() -> None:
    lines = (
        AgencyLine(
            "Sở Tài chính", expected=11, reported=8, late=0, blocked=1, overdue=3, days_overdue=8
        ),
        AgencyLine("Sở Y tế", expected=3, reported=3, late=2, blocked=0),
    )
    ws = load(write_workbook([dataclasses.replace(sample_summary(), agencies=lines)], GENERATED_AT))
    rows = {r[1].value: [c.value for c in r] for r in ws["Tổng hợp"].iter_rows() if r[1].value}
    assert rows["Sở Tài chính"][2:] == [11, 8, 0, 3, 0, 1, "Quá hạn 8 ngày làm việc", 0, 0]
    assert rows["Sở Y tế"][2:] == [3, 1, 2, 0, 0, 0, "Đã báo cáo đủ", 0, 0]


def test_a_long_list_of_lead_agencies_is_summarised_by_kind() -> None:
    names = [f"Sở số {n}" for n in range(12)] + ["UBND xã An Phú", "UBND phường Nghĩa Lộ"]
    rows = tuple(row(name, Outcome.NOT_REPORTED, status=None) for name in names)
    ws = load(write_workbook([sample_summary(rows)], GENERATED_AT))["Tổng hợp"]
    leads = summary_rows(ws)["1.a"][4]
    assert leads == (
        "Các sở, ban, ngành (12); UBND các xã, phường (2)\n(danh sách: sheet «KH 151-KH-UBND»)"
    )
    task_row = next(r[0].row for r in ws.iter_rows() if r[0].value == "1.a")
    assert ws.row_dimensions[task_row].height <= 3 * 15 + 3  # not one line per agency


def test_several_plans_get_unique_valid_sheet_names() -> None:
    numbers = ["151/KH-UBND", "151\\KH-UBND", "15-CTr/TU [bản sửa]: *?", "x" * 40, "x" * 40]
    wb = load(write_workbook([sample_summary(plan_number=n) for n in numbers], GENERATED_AT))
    names = wb.sheetnames
    assert len(names) == 1 + len(numbers)
    assert len({n.casefold() for n in names}) == len(names)
    for name in names:
        assert len(name) <= 31
        assert not set(name) & set("[]:*?/\\")
    summary_titles = [
        c.value for c in wb["Tổng hợp"]["A"] if "ngày 22/9/2022 của UBND tỉnh" in str(c.value)
    ]
    assert len(summary_titles) == len(numbers)


@pytest.mark.parametrize(
    ("raw", "taken", "expected"),
    [
        ("KH 151/KH-UBND", [], "KH 151-KH-UBND"),
        ("a[b]c:d*e?f/g\\h", [], "a-b-c-d-e-f-g-h"),
        ("'quoted'", [], "quoted"),
        ("", [], "Sheet"),
        ("History", [], "Sheet 1"),
        ("Tổng hợp", ["TỔNG HỢP"], "Tổng hợp (2)"),
        ("Tổng hợp", ["tổng hợp", "Tổng hợp (2)"], "Tổng hợp (3)"),
        ("K" * 40, [], "K" * 31),
        ("K" * 40, ["K" * 31], "K" * 27 + " (2)"),
    ],
)
def test_safe_sheet_name(raw: str, taken: list[str], expected: str) -> None:
    assert safe_sheet_name(raw, taken) == expected


def test_empty_summary_and_no_plans() -> None:
    wb = load(write_workbook([empty_summary()], GENERATED_AT))
    ws = wb["KH 151-KH-UBND"]
    assert [c.value for c in ws[1]] == HEADERS
    assert ws.auto_filter.ref == "A1:N1"
    assert ws["A3"].value == "Không có dữ liệu cho kỳ báo cáo này."
    totals = {r[0].value: r[2].value for r in wb["Tổng hợp"].iter_rows() if r[0].value}
    assert totals["Tổng số"] == 0
    assert totals["Tỷ lệ hoàn thành"] == 0

    wb = load(write_workbook([], GENERATED_AT))
    assert wb.sheetnames == ["Tổng hợp"]
    assert wb["Tổng hợp"]["A4"].value == "Không có dữ liệu."


def test_english_labels() -> None:
    wb = load(write_workbook([sample_summary()], GENERATED_AT, lang="en"))
    assert wb.sheetnames == ["Summary", "Plan 151-KH-UBND"]
    ws = wb["Plan 151-KH-UBND"]
    assert [c.value for c in ws[1]] == [labels("en")[key] for key, _, _ in TASK_COLUMNS]
    assert ws.cell(2, column(OUTCOME)).value == "Completed on time"


def test_ten_thousand_rows_stay_fast() -> None:
    statuses = list(ReportStatus)
    outcomes = list(Outcome)
    rows = tuple(
        row(
            f"Cơ quan {i % 80}",
            outcomes[i % 5],
            ref=f"{i // 80}.{i % 80}",
            status=statuses[i % 4],
            note=f"Báo cáo số {i}: đã triển khai",
        )
        for i in range(10_000)
    )
    summary = sample_summary(rows)
    started = time.perf_counter()
    data = write_workbook([summary], GENERATED_AT)
    elapsed = time.perf_counter() - started
    assert elapsed < 30  # about 2 s on a laptop; generous for slow CI
    ws = openpyxl.load_workbook(io.BytesIO(data), read_only=True)["KH 151-KH-UBND"]
    last = None
    count = 0
    for count, values in enumerate(ws.iter_rows(min_row=2, values_only=True), start=1):  # noqa: B007
        last = values
    assert count == 10_000
    assert last is not None and last[0] == 10_000
    assert last[column("Nội dung báo cáo") - 1] == "Báo cáo số 9999: đã triển khai"


def test_deadline_date_and_missing_times() -> None:
    r = row("Sở Xây dựng", Outcome.NOT_REPORTED, status=None)
    ws = load(write_workbook([sample_summary((r,))], GENERATED_AT))["KH 151-KH-UBND"]
    assert ws.cell(2, column("Ngày báo cáo")).value is None
    assert ws.cell(2, column("Người báo cáo")).value is None
    assert ws.cell(2, column("Hạn báo cáo")).value.date() == date(2025, 6, 30)


def test_plan_summary_properties() -> None:
    summary = sample_summary()
    assert summary.total == 4  # tasks, not task × agency rows
    assert summary.completion_rate == pytest.approx(2 / 4)
    assert (summary.agencies_reported, summary.agency_count) == (4, 5)
    assert set(summary.counts) == set(Outcome)  # missing outcomes are filled with 0
    empty = empty_summary()
    assert (empty.total, empty.completion_rate, empty.is_empty) == (0, 0.0, True)
    with pytest.raises(TypeError):
        summary.counts[Outcome.DONE_LATE] = 5  # type: ignore[index]


def test_label_tables_match() -> None:
    vi, en = labels("vi"), labels("en")
    assert set(vi) == set(en)
    assert labels("vi-VN") is vi and labels(None) is vi and labels("fr") is vi
    assert [vi[f"outcome.{o.value}"] for o in Outcome] == [
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Đang thực hiện trong hạn",
        "Chưa hoàn thành, quá hạn",
        "Chưa báo cáo",
    ]
    assert [vi[f"status.{s.value}"] for s in ReportStatus] == [
        "Hoàn thành",
        "Đang thực hiện",
        "Chưa thực hiện",
        "Có vướng mắc",
    ]


def test_notes_typed_without_diacritics_are_kept_and_flagged() -> None:
    rows = (
        row("Sở Xây dựng", Outcome.IN_PROGRESS_ON_TIME, note="da trinh du thao, vuong mac von"),
        row("Sở Tài chính", Outcome.IN_PROGRESS_ON_TIME, note="Đã trình dự thảo"),
    )
    ws = load(write_workbook([sample_summary(rows)], GENERATED_AT))["KH 151-KH-UBND"]
    assert ws.cell(2, column("Nội dung báo cáo")).value == "da trinh du thao, vuong mac von"
    assert ws.cell(2, column("Cần soát lại")).value == "Gõ không dấu: cần sửa"
    assert ws.cell(3, column("Cần soát lại")).value is None


def test_prints_on_a4_landscape_at_a_fixed_scale_with_repeated_header() -> None:
    long_note = "Đã hoàn thiện hồ sơ trình UBND tỉnh phê duyệt điều chỉnh quy hoạch. " * 6
    rows = (row("Sở Xây dựng", Outcome.IN_PROGRESS_ON_TIME, note=long_note),)
    wb = load(write_workbook([sample_summary(rows)], GENERATED_AT))
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9  # A4
        # a fixed scale, never "fit to page" (which shrinks a sheet to 4 pt)
        assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
        scale = ws.page_setup.scale
        assert scale is not None and 11 * scale / 100 >= MIN_PRINTED_PT
        assert "&P" in ws.oddFooter.center.text  # page numbers
    ws = wb["KH 151-KH-UBND"]
    assert ws.print_title_rows == "$1:$1"
    assert ws.row_dimensions[2].height >= 15 * 6  # the wrapped note's lines all show


def test_each_sheet_fits_one_page_across_at_9_pt_or_more() -> None:
    """The widths the scale is chosen from, with LibreOffice's wider columns counted (the
    rendered test measures the printed glyphs)."""
    for widths in ([w for _, w, _ in TASK_COLUMNS], list(SUMMARY_WIDTHS)):
        scale = print_scale(widths)
        assert FONT_PT * scale / 100 >= MIN_PRINTED_PT, scale


def test_export_labels_agree_with_the_bot_catalogue() -> None:
    from texts.en import TEXTS as EN
    from texts.vi import TEXTS as VI

    for lang, catalogue in (("vi", VI), ("en", EN)):
        shared = {k for k in set(labels(lang)) & set(catalogue) if k.startswith("status.")}
        assert {"status.done", "status.blocked"} <= shared
        for key in shared:
            assert labels(lang)[key] == catalogue[key], (lang, key)


def test_english_periods_and_percentages() -> None:
    from reports.labels import format_percent, period_label

    assert period_label("Quý IV/2026", "en") == "Q4/2026"
    assert period_label("6 tháng đầu năm 2026", "en") == "H1/2026"
    assert period_label("Quý IV/2026", "vi") == "Quý IV/2026"
    assert format_percent(0.0, "en", digits=1) == "0%" and format_percent(0.125, "en") == "12.5%"
    wb = load(write_workbook([sample_summary()], GENERATED_AT, lang="en"))
    cells = {r[0].value: r for r in wb["Summary"].iter_rows() if r[0].value}
    assert cells["Reporting period"][2].value == "Q2/2025"
