"""Excel workbook export: a summary sheet plus one task × agency sheet per plan.

Uses openpyxl's write-only mode so 10,000+ rows stay fast and light; all cell
formatting goes through named styles. Text never becomes a formula.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterable, Sequence
from copy import copy
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from domain.status import Outcome
from reports.labels import (
    format_datetime,
    labels,
    localised,
    outcome_label,
    role_label,
    status_label,
)
from reports.model import ExportRow, PlanSummary, to_local, typed_without_diacritics

__all__ = ["TASK_COLUMNS", "safe_sheet_name", "write_workbook"]

PAPER_A4 = "9"  # ECMA-376 paper size code for A4
MAX_SHEET_NAME = 31
MAX_CELL_CHARS = 32_767
_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f]")

# (label key, width, style) for the task sheet, in column order.
TASK_COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("col.stt", 6, "dd_center"),
    ("col.task_ref", 11, "dd_text"),
    ("col.task_title", 48, "dd_wrap"),
    ("col.task_group", 28, "dd_wrap"),
    ("col.agency", 28, "dd_wrap"),
    ("col.role", 11, "dd_text"),
    ("col.status", 16, "dd_text"),
    ("col.outcome", 24, "dd_text"),
    ("col.percent", 10, "dd_center"),
    ("col.note", 60, "dd_wrap"),
    ("col.reported_at", 17, "dd_datetime"),
    ("col.reported_by", 20, "dd_wrap"),
    ("col.evidence", 36, "dd_wrap"),
    ("col.deadline", 12, "dd_date"),
    ("col.check", 16, "dd_wrap"),
)

# Approximate characters per line of a column of width w (Calibri 11) and a line's height.
_LINE_HEIGHT = 15.0
_MAX_ROW_HEIGHT = 409.0

_OUTCOME_FILLS: dict[Outcome, str] = {
    Outcome.DONE_ON_TIME: "C8E6C9",
    Outcome.DONE_LATE: "E6EE9C",
    Outcome.IN_PROGRESS_ON_TIME: "BBDEFB",
    Outcome.OVERDUE: "FFCDD2",
    Outcome.NOT_REPORTED: "E0E0E0",
}

_SUMMARY_WIDTHS = (34, 40, 14, 14, 14, 14, 14, 16, 14, 14)


def write_workbook(
    summaries: Sequence[PlanSummary], generated_at: datetime, lang: str = "vi"
) -> bytes:
    """Build the .xlsx file: summary sheet first, then one sheet per plan."""
    lab = labels(lang)
    wb = Workbook(write_only=True)
    wb.properties.creator = "dondoc"
    wb.properties.title = lab["xlsx.title"]
    _register_styles(wb)

    taken: list[str] = []
    summary_name = safe_sheet_name(lab["sheet.summary"], taken)
    taken.append(summary_name)
    plan_names: list[str] = []
    for summary in summaries:
        name = safe_sheet_name(lab["sheet.plan_prefix"] + summary.plan_number, taken)
        taken.append(name)
        plan_names.append(name)

    summaries = [localised(summary, lang) for summary in summaries]
    _write_summary_sheet(wb.create_sheet(summary_name), summaries, generated_at, lang)
    for summary, name in zip(summaries, plan_names, strict=True):
        _write_task_sheet(wb.create_sheet(name), summary.rows, lang)

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def safe_sheet_name(name: str, taken: Collection[str] = ()) -> str:
    """A valid Excel sheet name: no ``[]:*?/\\``, ≤ 31 chars, unique (case-insensitive).

    Forbidden characters become "-", leading/trailing apostrophes and spaces are
    dropped, and a clash with ``taken`` gets a " (2)", " (3)" … suffix.
    """
    base = _FORBIDDEN_IN_SHEET_NAME.sub("-", name)
    base = " ".join(base.split()).strip("' ")
    if not base or base.casefold() == "history":  # "History" is reserved by Excel
        base = f"Sheet{'' if not base else ' 1'}".strip()
    base = _fit(base, MAX_SHEET_NAME)
    used = {t.casefold() for t in taken}
    candidate, n = base, 1
    while candidate.casefold() in used:
        n += 1
        suffix = f" ({n})"
        candidate = _fit(base, MAX_SHEET_NAME - len(suffix)).rstrip("' ") + suffix
    return candidate


def _fit(text: str, limit: int) -> str:
    """Trim to ``limit`` UTF-16 code units (Excel counts those)."""
    while len(text.encode("utf-16-le")) // 2 > limit:
        text = text[:-1]
    return text


# --------------------------------------------------------------------------- styles


def _register_styles(wb: Workbook) -> None:
    thin = Side(style="thin", color="9E9E9E")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    center = Alignment(horizontal="center", vertical="top")

    def add(name: str, **kwargs: Any) -> None:
        wb.add_named_style(NamedStyle(name=name, **kwargs))

    add(
        "dd_header",
        font=Font(bold=True),
        fill=PatternFill("solid", fgColor="D9E2F3"),
        alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        border=border,
    )
    add("dd_text", alignment=top, border=border)
    add("dd_wrap", alignment=wrap, border=border)
    add("dd_center", alignment=center, border=border)
    add("dd_date", alignment=center, border=border, number_format="dd/mm/yyyy")
    add("dd_datetime", alignment=center, border=border, number_format="dd/mm/yyyy hh:mm")
    add("dd_percent", alignment=top, border=border, number_format="0.0%")
    add("dd_int", alignment=top, border=border, number_format="0")
    add("dd_title", font=Font(bold=True, size=14))
    add("dd_bold", font=Font(bold=True))
    add("dd_label", font=Font(bold=True), alignment=top, border=border)
    add("dd_italic", font=Font(italic=True))
    for outcome, color in _OUTCOME_FILLS.items():
        add(
            f"dd_outcome_{outcome.value}",
            alignment=top,
            border=border,
            fill=PatternFill("solid", fgColor=color),
        )


class _Cells:
    """Makes write-only cells for one sheet; text is stored as text, never as a formula.

    Each named style is resolved once and its style array copied into new cells,
    which is much cheaper than assigning ``cell.style`` 100,000 times.
    """

    def __init__(self, ws: WriteOnlyWorksheet) -> None:
        self._ws = ws
        self._arrays: dict[tuple[str | None, bool], StyleArray] = {}

    def _array(self, style: str | None, quote: bool) -> StyleArray | None:
        key = (style, quote)
        if key not in self._arrays:
            probe = Cell(self._ws, row=1, column=1)
            if style:
                probe.style = style
            if quote:
                probe.quotePrefix = True
            self._arrays[key] = probe._style
        return self._arrays[key] if (style or quote) else None

    def __call__(self, value: Any, style: str | None = None) -> Cell:
        if isinstance(value, str):
            value = _clean_text(value) or None
        cell = Cell(self._ws, row=1, column=1, value=value)
        guarded = cell.data_type in ("f", "e")  # "=SUM(A1)" or "#N/A" typed by a user
        if guarded:
            cell.data_type = "s"
        array = self._array(style, guarded)  # quotePrefix: Excel edits it as text too
        if array is not None:
            cell._style = copy(array)
            if cell.data_type == "d" and not is_date_format(cell.number_format):
                cell.number_format = "dd/mm/yyyy"
        return cell


def _clean_text(text: str) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def _excel_datetime(moment: datetime | None) -> datetime | None:
    """Local wall-clock time without tzinfo (Excel has no time zones)."""
    if moment is None:
        return None
    return to_local(moment).replace(tzinfo=None, microsecond=0)


# --------------------------------------------------------------------------- sheets


def _print_setup(ws: WriteOnlyWorksheet, *, title_rows: str | None = None) -> None:
    """A4 landscape, fitted to the page width, the header row repeated on every page."""
    if title_rows:
        ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def row_height(values: Sequence[Any], widths: Sequence[float]) -> float | None:
    """A height that shows every wrapped line of the row (None: the default single line)."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if not isinstance(value, str) or not value:
            continue
        per_line = max(int(width * 1.15) - 1, 4)
        count = sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))
        lines = max(lines, count)
    if lines == 1:
        return None
    return min(_MAX_ROW_HEIGHT, lines * _LINE_HEIGHT + 3)


def _write_task_sheet(ws: WriteOnlyWorksheet, rows: Iterable[ExportRow], lang: str) -> None:
    lab = labels(lang)
    for index, (_, width, _) in enumerate(TASK_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    _print_setup(ws, title_rows="1:1")
    widths = [width for _, width, _ in TASK_COLUMNS]

    cell = _Cells(ws)
    ws.row_dimensions[1].height = 32
    ws.append([cell(lab[key], "dd_header") for key, _, _ in TASK_COLUMNS])

    styles = [style for _, _, style in TASK_COLUMNS]
    count = 0
    for count, row in enumerate(rows, start=1):
        values: tuple[Any, ...] = (
            count,
            row.task_ref,
            row.task_title,
            row.task_group or "",
            row.agency,
            role_label(row.role, lang),
            status_label(row.status, lang),
            outcome_label(row.outcome, lang),
            row.percent,
            row.note,
            _excel_datetime(row.reported_at),
            row.reported_by or "",
            "\n".join(row.evidence),
            row.deadline,
            lab["xlsx.no_diacritics"] if typed_without_diacritics(row.note) else "",
        )
        styles[7] = f"dd_outcome_{row.outcome.value}"
        height = row_height(values, widths)
        if height is not None:
            ws.row_dimensions[count + 1].height = height
        ws.append([cell(v, s) for v, s in zip(values, styles, strict=True)])

    last_col = get_column_letter(len(TASK_COLUMNS))
    ws.auto_filter.ref = f"A1:{last_col}{count + 1}"
    if count == 0:
        ws.append([])
        ws.append([cell(lab["xlsx.no_rows"], "dd_italic")])


def _write_summary_sheet(
    ws: WriteOnlyWorksheet,
    summaries: Sequence[PlanSummary],
    generated_at: datetime,
    lang: str,
) -> None:
    lab = labels(lang)
    for index, width in enumerate(_SUMMARY_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    _print_setup(ws)

    cell = _Cells(ws)
    ws.append([cell(lab["xlsx.title"], "dd_title")])
    ws.append(
        [
            cell(lab["xlsx.generated_at"], "dd_bold"),
            cell(format_datetime(generated_at)),
        ]
    )
    ws.append([])
    if not summaries:
        ws.append([cell(lab["xlsx.no_plans"], "dd_italic")])
        return
    number = 3
    for summary in summaries:
        for row in _summary_block(cell, summary, lang):
            number += 1
            texts = [c.value for c in row]
            height = row_height(texts, _SUMMARY_WIDTHS) if len(row) > 1 else None
            if height is not None:
                ws.row_dimensions[number].height = height
            ws.append(row)
        ws.append([])
        ws.append([])
        number += 2


def _summary_block(c: _Cells, summary: PlanSummary, lang: str) -> list[list[Any]]:
    lab = labels(lang)
    rows: list[list[Any]] = []
    heading = lab["xlsx.plan"].format(plan_number=summary.plan_number)
    if summary.plan_title:
        heading += f": {summary.plan_title}"
    rows.append([c(heading, "dd_title")])

    info = [
        ("xlsx.issuer", summary.issuer),
        ("xlsx.coordinator", summary.coordinator or ""),
        ("xlsx.period", summary.period_label),
        ("xlsx.period_deadline", summary.period_deadline),
    ]
    for key, value in info:
        style = "dd_date" if isinstance(value, date) else "dd_text"
        rows.append([c(lab[key], "dd_label"), c(value, style)])
    rows.append([])

    # Tasks (nhiệm vụ): one status each, from its lead agencies; blocked and not started
    # are sub-counts of their class.
    rows.append([c(lab["xlsx.tasks_heading"].format(total=summary.total), "dd_bold")])
    rows.append(
        [
            c(lab[k], "dd_header")
            for k in (
                "xlsx.outcome",
                "xlsx.count",
                "xlsx.share",
                "xlsx.of_which_blocked",
                "xlsx.of_which_not_started",
            )
        ]
    )
    total = summary.total
    for outcome in Outcome:
        count = summary.counts[outcome]
        rows.append(
            [
                c(outcome_label(outcome, lang), f"dd_outcome_{outcome.value}"),
                c(count, "dd_int"),
                c(count / total if total else 0.0, "dd_percent"),
                c(summary.blocked[outcome], "dd_int"),
                c(summary.not_started[outcome], "dd_int"),
            ]
        )
    rows.append(
        [
            c(lab["xlsx.total"], "dd_label"),
            c(total, "dd_int"),
            c(None),
            c(summary.blocked_total, "dd_int"),
            c(summary.not_started_total, "dd_int"),
        ]
    )
    rows.append(
        [
            c(lab["xlsx.completion_rate"], "dd_label"),
            c(summary.completion_rate, "dd_percent"),
        ]
    )
    rows.append([])
    if summary.tasks:
        rows.append(
            [
                c(lab[k], "dd_header")
                for k in ("col.task_ref", "col.task_title", "col.outcome", "xlsx.flag")
            ]
            + [c(lab["xlsx.leads"], "dd_header"), c(lab["xlsx.supports"], "dd_header")]
        )
        for task in summary.tasks:
            rows.append(
                [
                    c(task.ref, "dd_text"),
                    c(task.title, "dd_wrap"),
                    c(outcome_label(task.outcome, lang), f"dd_outcome_{task.outcome.value}"),
                    c(lab[f"xlsx.flag.{task.flag}"] if task.flag else "", "dd_wrap"),
                    c(", ".join(r.agency for r in task.leads), "dd_wrap"),
                    c(len(task.supports), "dd_int"),
                ]
            )
        rows.append([])
    # Agencies (cơ quan): who reported this period; supporting reports in their own columns.
    rows.append(
        [
            c(
                lab["xlsx.agencies_heading"].format(
                    reported=summary.agencies_reported, total=summary.agency_count
                ),
                "dd_bold",
            )
        ]
    )
    header_keys = (
        "col.stt",
        "xlsx.agency",
        "xlsx.expected",
        "xlsx.reported",
        "xlsx.missing",
        "xlsx.late",
        "xlsx.blocked",
        "xlsx.report_rate",
        "xlsx.support_expected",
        "xlsx.support_reported",
    )
    rows.append([c(lab[k], "dd_header") for k in header_keys])
    for index, line in enumerate(summary.agencies, start=1):
        rows.append(
            [
                c(index, "dd_center"),
                c(line.agency, "dd_wrap"),
                c(line.expected, "dd_int"),
                c(line.reported, "dd_int"),
                c(line.missing, "dd_int"),
                c(line.late, "dd_int"),
                c(line.blocked, "dd_int"),
                c(line.report_rate, "dd_percent"),
                c(line.support_expected, "dd_int"),
                c(line.support_reported, "dd_int"),
            ]
        )
    return rows
