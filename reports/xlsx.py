"""Excel workbook export: a summary sheet plus one task × agency sheet per plan.

Written with XlsxWriter in constant-memory mode (row by row, one shared format per style), so
10,000 rows take well under a second of Python. Text never becomes a formula: every string is
written as a string, and one that Excel would read as a formula or an error gets a quote
prefix, so editing the cell keeps it text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

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

PAPER_A4 = 9  # ECMA-376 paper size code for A4
MAX_SHEET_NAME = 31
MAX_CELL_CHARS = 32_767
_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_EXCEL_ERRORS = frozenset(
    {"#N/A", "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#GETTING_DATA"}
)

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
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer,
        {
            "constant_memory": True,
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    wb.set_properties({"author": "dondoc", "title": lab["xlsx.title"]})
    styles = _Styles(wb)

    taken: list[str] = []
    summary_name = safe_sheet_name(lab["sheet.summary"], taken)
    taken.append(summary_name)
    plan_names: list[str] = []
    for summary in summaries:
        name = safe_sheet_name(lab["sheet.plan_prefix"] + summary.plan_number, taken)
        taken.append(name)
        plan_names.append(name)

    summaries = [localised(summary, lang) for summary in summaries]
    _write_summary_sheet(wb.add_worksheet(summary_name), styles, summaries, generated_at, lang)
    for summary, name in zip(summaries, plan_names, strict=True):
        _write_task_sheet(wb.add_worksheet(name), styles, summary.rows, lang)
    wb.close()
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


class _Styles:
    """One XlsxWriter format per named style (and its quoted twin for formula-like text)."""

    def __init__(self, wb: xlsxwriter.Workbook) -> None:
        border = {"border": 1, "border_color": "#9E9E9E"}
        top = {"valign": "top"}
        base: dict[str, dict[str, Any]] = {
            "dd_header": {
                "bold": True,
                "bg_color": "#D9E2F3",
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                **border,
            },
            "dd_text": {**top, **border},
            "dd_wrap": {**top, "text_wrap": True, **border},
            "dd_center": {"align": "center", **top, **border},
            "dd_date": {"align": "center", **top, **border, "num_format": "dd/mm/yyyy"},
            "dd_datetime": {
                "align": "center",
                **top,
                **border,
                "num_format": "dd/mm/yyyy hh:mm",
            },
            "dd_percent": {**top, **border, "num_format": "0.0%"},
            "dd_int": {**top, **border, "num_format": "0"},
            "dd_title": {"bold": True, "font_size": 14},
            "dd_bold": {"bold": True},
            "dd_label": {"bold": True, **top, **border},
            "dd_italic": {"italic": True},
        }
        for outcome, color in _OUTCOME_FILLS.items():
            base[f"dd_outcome_{outcome.value}"] = {**top, **border, "bg_color": f"#{color}"}
        self._specs = base
        self._wb = wb
        self._formats: dict[tuple[str | None, bool], Format | None] = {}

    def get(self, style: str | None, quoted: bool = False) -> Format | None:
        key = (style, quoted)
        if key not in self._formats:
            spec = dict(self._specs.get(style or "", {}))
            if quoted:
                spec["quote_prefix"] = True
            self._formats[key] = self._wb.add_format(spec) if spec else None
        return self._formats[key]


def _needs_quote(text: str) -> bool:
    """Text Excel would take for a formula or an error when edited."""
    return text[:1] in ("=", "+", "-", "@") or text in _EXCEL_ERRORS


class _Row:
    """Writes one row's cells with their styles; strings always as strings."""

    def __init__(self, ws: Worksheet, styles: _Styles) -> None:
        self.ws = ws
        self.styles = styles

    def write(self, row: int, values: Sequence[Any], style_names: Sequence[str | None]) -> None:
        for col, (value, style) in enumerate(zip(values, style_names, strict=False)):
            self.cell(row, col, value, style)

    def cell(self, row: int, col: int, value: Any, style: str | None = None) -> None:
        ws, styles = self.ws, self.styles
        if isinstance(value, str):
            value = _clean_text(value)
            if not value:
                if style:
                    ws.write_blank(row, col, None, styles.get(style))
                return
            ws.write_string(row, col, value, styles.get(style, _needs_quote(value)))
        elif value is None:
            if style:
                ws.write_blank(row, col, None, styles.get(style))
        elif isinstance(value, bool):
            ws.write_boolean(row, col, value, styles.get(style))
        elif isinstance(value, datetime | date):
            fmt = styles.get(style if style in ("dd_date", "dd_datetime") else "dd_date")
            ws.write_datetime(row, col, value, fmt)
        else:
            ws.write_number(row, col, value, styles.get(style))


def _clean_text(text: str) -> str:
    text = _ILLEGAL_XML.sub("", text)
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - 1] + "…"
    return text


def _excel_datetime(moment: datetime | None) -> datetime | None:
    """Local wall-clock time without tzinfo (Excel has no time zones)."""
    if moment is None:
        return None
    return to_local(moment).replace(tzinfo=None, microsecond=0)


# --------------------------------------------------------------------------- sheets


def _print_setup(ws: Worksheet, *, title_rows: bool = False) -> None:
    """A4 landscape, fitted to the page width, the header row repeated on every page."""
    if title_rows:
        ws.repeat_rows(0)
    ws.set_landscape()
    ws.set_paper(PAPER_A4)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)


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


def _write_task_sheet(ws: Worksheet, styles: _Styles, rows: Iterable[ExportRow], lang: str) -> None:
    lab = labels(lang)
    for index, (_, width, _) in enumerate(TASK_COLUMNS):
        ws.set_column(index, index, width)
    ws.freeze_panes(1, 0)
    _print_setup(ws, title_rows=True)
    widths = [width for _, width, _ in TASK_COLUMNS]
    writer = _Row(ws, styles)
    ws.set_row(0, 32)
    writer.write(0, [lab[key] for key, _, _ in TASK_COLUMNS], ["dd_header"] * len(TASK_COLUMNS))

    style_names: list[str | None] = [style for _, _, style in TASK_COLUMNS]
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
        style_names[7] = f"dd_outcome_{row.outcome.value}"
        height = row_height(values, widths)
        if height is not None:
            ws.set_row(count, height)
        writer.write(count, values, style_names)

    last_col = xl_col_to_name(len(TASK_COLUMNS) - 1)
    ws.autofilter(f"A1:{last_col}{count + 1}")
    if count == 0:
        writer.cell(2, 0, lab["xlsx.no_rows"], "dd_italic")


def _write_summary_sheet(
    ws: Worksheet,
    styles: _Styles,
    summaries: Sequence[PlanSummary],
    generated_at: datetime,
    lang: str,
) -> None:
    lab = labels(lang)
    for index, width in enumerate(_SUMMARY_WIDTHS):
        ws.set_column(index, index, width)
    _print_setup(ws)
    writer = _Row(ws, styles)
    writer.cell(0, 0, lab["xlsx.title"], "dd_title")
    writer.write(1, [lab["xlsx.generated_at"], format_datetime(generated_at)], ["dd_bold", None])
    if not summaries:
        writer.cell(3, 0, lab["xlsx.no_plans"], "dd_italic")
        return
    number = 3
    for summary in summaries:
        for cells in _summary_block(summary, lang):
            if cells:
                values = [value for value, _ in cells]
                height = row_height(values, _SUMMARY_WIDTHS) if len(cells) > 1 else None
                if height is not None:
                    ws.set_row(number, height)
                writer.write(number, values, [style for _, style in cells])
            number += 1
        number += 2


def _summary_block(summary: PlanSummary, lang: str) -> list[list[tuple[Any, str | None]]]:
    c = _cell
    lab = labels(lang)
    rows: list[list[tuple[Any, str | None]]] = []
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


def _cell(value: Any, style: str | None = None) -> tuple[Any, str | None]:
    return (value, style)
