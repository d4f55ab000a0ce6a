"""Excel workbook export: a summary sheet plus one task × agency sheet per plan, readable on
screen and on paper.

Written with XlsxWriter in constant-memory mode (row by row, one shared format per style), so
10,000 rows take well under a second of Python. Text never becomes a formula: every string is
written as a string, and one that Excel would read as a formula or an error gets a quote
prefix, so editing the cell keeps it text.

Printing: every sheet is A4 landscape at a fixed scale chosen from its column widths so that
its columns fit one page across and the printed text stays at least `MIN_PRINTED_PT` (never
"fit to page", which lets a long line shrink the whole sheet to 4 pt); the header row repeats
on every page; long text wraps inside its column (the plan's title inside the table's width);
a long list of agencies is summarised by kind ("Các sở, ban, ngành (16)"), its names on the
plan's own sheet, one per row. Every column says what it counts: tasks, agencies or reports.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from domain.status import Outcome
from domain.text import fold
from reports.author import is_party_body
from reports.citation import CitedPlan
from reports.labels import (
    format_datetime,
    labels,
    localised,
    outcome_label,
    role_label,
    status_label,
)
from reports.model import (
    AgencyLine,
    ExportRow,
    PlanSummary,
    to_local,
    typed_without_diacritics,
)
from reports.target_rows import target_rows

__all__ = [
    "MIN_PRINTED_PT",
    "TARGET_COLUMNS",
    "TASK_COLUMNS",
    "page_footer",
    "print_scale",
    "row_height",
    "safe_sheet_name",
    "setup_print",
    "write_workbook",
]

PAPER_A4 = 9  # ECMA-376 paper size code for A4
A4_LANDSCAPE_WIDTH_PT = 841.89
SIDE_MARGIN_IN = 0.25
FONT_PT = 11  # XlsxWriter's default (Calibri 11): column widths count its "0"
MIN_PRINTED_PT = 9.0
# LibreOffice draws a column about 6 % wider than Excel's pixel rule (measured on its PDF):
# the scale is chosen for the wider of the two, so that both print the sheet one page across.
_WIDEST_RENDERER = 1.06
MAX_SHEET_NAME = 31
MAX_CELL_CHARS = 32_767
_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_EXCEL_ERRORS = frozenset(
    {"#N/A", "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#GETTING_DATA"}
)

# (label key, width, style) for the task sheet, in column order: one row per report owed
# (a task × an agency), about 160 characters across so that A4 landscape prints it at 85 %.
TASK_COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("col.stt", 4.5, "dd_center"),
    ("col.task_ref", 7, "dd_wrap"),
    ("col.task_title", 21, "dd_wrap"),
    ("col.role", 8, "dd_wrap"),
    ("col.agency", 17, "dd_wrap"),
    ("col.status", 10, "dd_wrap"),
    ("col.outcome", 12, "dd_wrap"),
    ("col.percent", 6, "dd_center"),
    ("col.note", 26, "dd_wrap"),
    ("col.reported_at", 11, "dd_date"),
    ("col.reported_by", 10, "dd_wrap"),
    ("col.evidence", 9, "dd_wrap"),
    ("col.deadline", 11, "dd_date"),
    ("col.check", 9, "dd_wrap"),
)

# The targets sheet: one row per target (an indicator's horizon), the same rows as the Word
# draft's "Kết quả thực hiện các chỉ tiêu" (reports/target_rows.py); about 135 characters
# across, so that A4 landscape prints it at full size.
TARGET_COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("col.stt", 4.5, "dd_center"),
    ("col.indicator", 28, "dd_wrap"),
    ("col.unit", 8, "dd_wrap"),
    ("col.horizon", 9, "dd_wrap"),
    ("col.target", 13, "dd_wrap"),
    ("col.figure", 12, "dd_wrap"),
    ("col.as_of", 12, "dd_wrap"),
    ("col.source", 14, "dd_wrap"),
    ("col.owner", 17, "dd_wrap"),
    ("col.assessment", 14, "dd_wrap"),
)
_ASSESSMENT_FILLS = {
    "exceeded": "A5D6A7",
    "achieved": "C8E6C9",
    "not_met": "FFF9C4",
    "at_risk": "FFCDD2",
    "no_figure": "E0E0E0",
}

# The summary sheet's columns; its tables share them (A: number or reference, B: name).
SUMMARY_WIDTHS: tuple[float, ...] = (7, 40, 13, 11, 11, 11, 11, 11, 13, 10, 10)
_LAST = len(SUMMARY_WIDTHS) - 1

# Approximate characters per line of a column of width w (Calibri 11) and a line's height.
_LINE_HEIGHT = 15.0
_MAX_ROW_HEIGHT = 409.0
_LIST_LIMIT = 3  # more agencies than this are summarised by kind

_OUTCOME_FILLS: dict[Outcome, str] = {
    Outcome.DONE_ON_TIME: "C8E6C9",
    Outcome.DONE_LATE: "E6EE9C",
    Outcome.IN_PROGRESS_ON_TIME: "BBDEFB",
    Outcome.OVERDUE: "FFCDD2",
    Outcome.NOT_REPORTED: "E0E0E0",
}


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
    created = to_local(generated_at).astimezone(UTC).replace(tzinfo=None)  # the same file twice
    wb.set_properties({"author": "dondoc", "title": lab["xlsx.title"], "created": created})
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
    _write_summary_sheet(
        wb.add_worksheet(summary_name), styles, summaries, plan_names, generated_at, lab, lang
    )
    if any(not t.qualitative for summary in summaries for t in summary.targets):
        name = safe_sheet_name(lab["sheet.targets"], taken)
        taken.append(name)
        _write_targets_sheet(wb.add_worksheet(name), styles, summaries, lab, lang)
    for summary, name in zip(summaries, plan_names, strict=True):
        _write_task_sheet(wb.add_worksheet(name), styles, summary.rows, lab, lang)
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


# --------------------------------------------------------------------------- printing


def _column_px(width: float) -> int:
    """A column's width in pixels as Excel draws it (XlsxWriter's rule for Calibri 11)."""
    return int(width * 7 + 0.5) + 5 if width >= 1 else int(width * 12 + 0.5)


def print_scale(widths: Sequence[float]) -> int:
    """The print scale (%) at which the columns fill one A4 landscape page across, at most
    100 %; the columns are chosen so that it keeps the text ≥ MIN_PRINTED_PT."""
    printable_pt = A4_LANDSCAPE_WIDTH_PT - 2 * SIDE_MARGIN_IN * 72
    total_pt = sum(_column_px(w) for w in widths) * 0.75 * _WIDEST_RENDERER
    return max(10, min(100, int(printable_pt / total_pt * 100)))


def setup_print(
    ws: Worksheet, widths: Sequence[float], *, header_rows: int = 0, footer: str = ""
) -> int:
    """A4 landscape at a fixed scale that fits the columns one page across (never "fit to
    page"), the first `header_rows` rows repeated on every page, page numbers in the footer.
    Returns the scale."""
    scale = print_scale(widths)
    ws.set_landscape()
    ws.set_paper(PAPER_A4)
    ws.set_print_scale(scale)
    ws.set_margins(left=SIDE_MARGIN_IN, right=SIDE_MARGIN_IN, top=0.5, bottom=0.6)
    ws.center_horizontally()
    if header_rows:
        ws.repeat_rows(0, header_rows - 1)
    if footer:
        ws.set_footer(footer, {"margin": 0.25})
    return scale


def page_footer(lab: Mapping[str, str]) -> str:
    """ "Trang 2/5" centred in the footer (Excel's codes for the page and the page count)."""
    return "&C" + lab["xlsx.page"].format(page="&P", pages="&N")


def row_height(values: Sequence[Any], widths: Sequence[float]) -> float | None:
    """A height that shows every wrapped line of the row (None: the default single line)."""
    lines = 1
    for value, width in zip(values, widths, strict=False):
        if not isinstance(value, str) or not value:
            continue
        lines = max(lines, _lines(value, width))
    if lines == 1:
        return None
    return min(_MAX_ROW_HEIGHT, lines * _LINE_HEIGHT + 3)


def _lines(text: str, width: float) -> int:
    """About how many lines a text wraps to in a column of `width` characters (words are
    not split, so a line holds a little less than the width)."""
    per_line = max(int(width * 1.2) - 1, 4)
    count = 0
    for part in text.split("\n"):
        line = 0
        lines = 1
        for word in part.split():
            size = len(word)
            if line and line + 1 + size > per_line:
                lines += 1
                line = 0
            line += (1 if line else 0) + size
            while line > per_line:  # a word longer than the line breaks where it must
                lines += 1
                line -= per_line
        count += lines
    return count


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
            "dd_percent": {**top, **border, "num_format": "0.0%"},
            "dd_int": {**top, **border, "num_format": "0"},
            "dd_title": {"bold": True, "font_size": 14, "text_wrap": True, "valign": "top"},
            "dd_plan": {"bold": True, "font_size": 12, "text_wrap": True, "valign": "top"},
            "dd_bold": {"bold": True, "text_wrap": True, "valign": "top"},
            "dd_label": {"bold": True, "text_wrap": True, **top, **border},
            "dd_value": {"text_wrap": True, **top, **border},
            "dd_value_date": {"align": "left", **top, **border, "num_format": "dd/mm/yyyy"},
            "dd_italic": {"italic": True},
        }
        for key, color in _ASSESSMENT_FILLS.items():
            base[f"dd_assess_{key}"] = {**top, **border, "text_wrap": True, "bg_color": f"#{color}"}
        for outcome, color in _OUTCOME_FILLS.items():
            base[f"dd_outcome_{outcome.value}"] = {
                **top,
                **border,
                "text_wrap": True,
                "bg_color": f"#{color}",
            }
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
            dated = style if style in ("dd_date", "dd_value_date") else "dd_date"
            ws.write_datetime(row, col, value, styles.get(dated))
        else:
            ws.write_number(row, col, value, styles.get(style))

    def span(self, row: int, first: int, last: int, value: Any, style: str | None) -> None:
        """One value across columns first..last (merged when more than one)."""
        if first == last:
            self.cell(row, first, value, style)
            return
        fmt = self.styles.get(style, isinstance(value, str) and _needs_quote(value))
        if isinstance(value, str):
            self.ws.merge_range(row, first, row, last, _clean_text(value), fmt)
        else:
            self.ws.merge_range(row, first, row, last, "", fmt)
            self.cell(row, first, value, style)


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


# --------------------------------------------------------------------------- task sheet


def _write_task_sheet(
    ws: Worksheet,
    styles: _Styles,
    rows: Iterable[ExportRow],
    lab: Mapping[str, str],
    lang: str,
) -> None:
    """One row per report owed (a task × an agency), its header repeated on every page."""
    widths = [width for _, width, _ in TASK_COLUMNS]
    for index, width in enumerate(widths):
        ws.set_column(index, index, width)
    ws.freeze_panes(1, 0)
    setup_print(ws, widths, header_rows=1, footer=page_footer(lab))
    writer = _Row(ws, styles)
    headers = [lab[key] for key, _, _ in TASK_COLUMNS]
    ws.set_row(0, row_height(headers, widths) or _LINE_HEIGHT * 2 + 3)
    writer.write(0, headers, ["dd_header"] * len(TASK_COLUMNS))

    style_names: list[str | None] = [style for _, _, style in TASK_COLUMNS]
    outcome_column = next(i for i, (key, _, _) in enumerate(TASK_COLUMNS) if key == "col.outcome")
    count = 0
    for count, row in enumerate(rows, start=1):
        values: tuple[Any, ...] = (
            count,
            row.task_ref,
            row.task_title,
            role_label(row.role, lang),
            row.agency,
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
        style_names[outcome_column] = f"dd_outcome_{row.outcome.value}"
        height = row_height(values, widths)
        if height is not None:
            ws.set_row(count, height)
        writer.write(count, values, style_names)

    last_col = xl_col_to_name(len(TASK_COLUMNS) - 1)
    ws.autofilter(f"A1:{last_col}{count + 1}")
    if count == 0:
        writer.cell(2, 0, lab["xlsx.no_rows"], "dd_italic")


# --------------------------------------------------------------------------- targets sheet


def _write_targets_sheet(
    ws: Worksheet,
    styles: _Styles,
    summaries: Sequence[PlanSummary],
    lab: Mapping[str, str],
    lang: str,
) -> None:
    """One row per target with its figure, date, source, owner and assessment (the Word
    draft's table), the plan's number first when the workbook holds several plans."""
    several = len(summaries) > 1
    columns = list(TARGET_COLUMNS)
    if several:
        columns.insert(1, ("col.target_plan", 11, "dd_wrap"))
    widths = [width for _, width, _ in columns]
    for index, width in enumerate(widths):
        ws.set_column(index, index, width)
    ws.freeze_panes(1, 0)
    setup_print(ws, widths, header_rows=1, footer=page_footer(lab))
    writer = _Row(ws, styles)
    headers = [lab[key] for key, _, _ in columns]
    ws.set_row(0, row_height(headers, widths) or _LINE_HEIGHT * 2 + 3)
    writer.write(0, headers, ["dd_header"] * len(columns))
    count = 0
    for summary in summaries:
        number = 0
        for row in target_rows(summary.targets, lang):
            number += row.first
            values: list[Any] = [
                number if row.first else "",
                row.indicator if row.first else "",
                row.unit,
                row.horizon,
                row.target,
                row.figure,
                row.as_of,
                row.source,
                row.owner,
                row.assessment,
            ]
            if several:
                values.insert(1, summary.plan_number)
            style_names: list[str | None] = [style for _, _, style in columns]
            style_names[-1] = f"dd_assess_{row.assessment_key}"
            count += 1
            height = row_height(values, widths)
            if height is not None:
                ws.set_row(count, height)
            writer.write(count, values, style_names)
    last_col = xl_col_to_name(len(columns) - 1)
    ws.autofilter(f"A1:{last_col}{count + 1}")


# --------------------------------------------------------------------------- summary sheet


@dataclass(frozen=True, slots=True)
class _Span:
    first: int
    last: int
    value: Any
    style: str | None


_Line = list[_Span]


def _span(first: int, last: int, value: Any, style: str | None = None) -> _Span:
    return _Span(first, last, value, style)


def _write_summary_sheet(
    ws: Worksheet,
    styles: _Styles,
    summaries: Sequence[PlanSummary],
    sheet_names: Sequence[str],
    generated_at: datetime,
    lab: Mapping[str, str],
    lang: str,
) -> None:
    for index, width in enumerate(SUMMARY_WIDTHS):
        ws.set_column(index, index, width)
    setup_print(ws, SUMMARY_WIDTHS, footer=page_footer(lab))
    lines: list[_Line] = [
        [_span(0, _LAST, lab["xlsx.title"], "dd_title")],
        [
            _span(0, 1, lab["xlsx.generated_at"], "dd_label"),
            _span(2, _LAST, format_datetime(generated_at), "dd_value"),
        ],
        [],
    ]
    if not summaries:
        lines.append([_span(0, _LAST, lab["xlsx.no_plans"], "dd_italic")])
    for summary, sheet in zip(summaries, sheet_names, strict=True):
        lines.extend(_summary_block(summary, sheet, lab, lang))
        lines.extend([[], []])
    writer = _Row(ws, styles)
    for number, line in enumerate(lines):
        height = _line_height(line)
        if height is not None:
            ws.set_row(number, height)
        for span in line:
            writer.span(number, span.first, span.last, span.value, span.style)


def _line_height(line: _Line) -> float | None:
    lines = 1
    for span in line:
        if isinstance(span.value, str) and span.value:
            width = sum(SUMMARY_WIDTHS[span.first : span.last + 1])
            scale = 12 / FONT_PT if span.style in ("dd_plan",) else 1.0
            scale = 14 / FONT_PT if span.style == "dd_title" else scale
            lines = max(lines, _lines(span.value, width / scale))
    if lines == 1:
        return None
    return min(_MAX_ROW_HEIGHT, lines * _LINE_HEIGHT + 3)


def _summary_block(
    summary: PlanSummary, sheet: str, lab: Mapping[str, str], lang: str
) -> list[_Line]:
    cited = CitedPlan(
        summary.plan_number,
        summary.issuer,
        summary.issued_on,
        summary.plan_title,
        summary.plan_kind,
    )
    lines: list[_Line] = [[_span(0, _LAST, cited.full(lab), "dd_plan")]]
    info: list[tuple[str, Any]] = [
        ("xlsx.issuer", summary.issuer),
        ("xlsx.coordinator", summary.coordinator or ""),
        ("xlsx.period", summary.period_label),
        ("xlsx.period_deadline", summary.period_deadline),
    ]
    for key, value in info:
        style = "dd_value_date" if isinstance(value, date) else "dd_value"
        lines.append([_span(0, 1, lab[key], "dd_label"), _span(2, _LAST, value, style)])
    lines.append([])
    lines.extend(_task_classes(summary, lab, lang))
    lines.append([])
    if summary.tasks:
        lines.extend(_task_list(summary, sheet, lab, lang))
        lines.append([])
    lines.extend(_agency_table(summary, lab))
    return lines


def _task_classes(summary: PlanSummary, lab: Mapping[str, str], lang: str) -> list[_Line]:
    """TASKS per class, one status each from its lead agencies; blocked and not started are
    sub-counts of their class."""
    total = summary.total
    lines: list[_Line] = [
        [_span(0, _LAST, lab["xlsx.tasks_heading"].format(total=total), "dd_bold")],
        [
            _span(0, 1, lab["xlsx.outcome"], "dd_header"),
            _span(2, 2, lab["xlsx.count"], "dd_header"),
            _span(3, 3, lab["xlsx.share"], "dd_header"),
            _span(4, 5, lab["xlsx.of_which_blocked"], "dd_header"),
            _span(6, 7, lab["xlsx.of_which_not_started"], "dd_header"),
        ],
    ]
    for outcome in Outcome:
        count = summary.counts[outcome]
        lines.append(
            [
                _span(0, 1, outcome_label(outcome, lang), f"dd_outcome_{outcome.value}"),
                _span(2, 2, count, "dd_int"),
                _span(3, 3, count / total if total else 0.0, "dd_percent"),
                _span(4, 5, summary.blocked[outcome], "dd_int"),
                _span(6, 7, summary.not_started[outcome], "dd_int"),
            ]
        )
    lines.append(
        [
            _span(0, 1, lab["xlsx.total"], "dd_label"),
            _span(2, 2, total, "dd_int"),
            _span(3, 3, None, "dd_text"),
            _span(4, 5, summary.blocked_total, "dd_int"),
            _span(6, 7, summary.not_started_total, "dd_int"),
        ]
    )
    lines.append(
        [
            _span(0, 1, lab["xlsx.completion_rate"], "dd_label"),
            _span(2, 2, summary.completion_rate, "dd_percent"),
        ]
    )
    return lines


def _task_list(summary: PlanSummary, sheet: str, lab: Mapping[str, str], lang: str) -> list[_Line]:
    """One line per task: its class, its lead agencies (a long list summarised by kind, the
    names on the plan's sheet) and how many agencies support it."""
    supporting = _supporting_agencies(summary)
    lines: list[_Line] = [
        [_span(0, _LAST, lab["xlsx.task_list_heading"], "dd_bold")],
        [
            _span(0, 0, lab["col.task_ref"], "dd_header"),
            _span(1, 1, lab["col.task_title"], "dd_header"),
            _span(2, 2, lab["xlsx.outcome"], "dd_header"),
            _span(3, 3, lab["xlsx.flag"], "dd_header"),
            _span(4, 6, lab["xlsx.leads"], "dd_header"),
            _span(7, 7, lab["xlsx.due"], "dd_header"),
            _span(8, 8, lab["xlsx.supports"], "dd_header"),
            _span(9, _LAST, lab["xlsx.supports_reported"], "dd_header"),
        ],
    ]
    for task in summary.tasks:
        names = [r.agency for r in task.leads]
        supports = supporting.get(task.ref, {r.agency for r in task.supports})
        reported = {r.agency for r in task.supports if r.status is not None}
        lines.append(
            [
                _span(0, 0, task.ref, "dd_wrap"),
                _span(1, 1, task.title, "dd_wrap"),
                _span(2, 2, outcome_label(task.outcome, lang), f"dd_outcome_{task.outcome.value}"),
                _span(3, 3, lab[f"xlsx.flag.{task.flag}"] if task.flag else "", "dd_wrap"),
                _span(4, 6, agency_list(names, lab, sheet), "dd_wrap"),
                _span(7, 7, task.due, "dd_date"),
                _span(8, 8, len(supports), "dd_int"),
                _span(9, _LAST, len(reported & supports) if supports else len(reported), "dd_int"),
            ]
        )
    return lines


def _supporting_agencies(summary: PlanSummary) -> dict[str, set[str]]:
    """Every supporting agency of each task, from the rows (which list all assignments; the
    task lines may carry only those that reported)."""
    result: dict[str, set[str]] = {}
    for row in summary.rows:
        if not row.is_lead:
            result.setdefault(row.task_ref, set()).add(row.agency)
    for task in summary.tasks:
        result.setdefault(task.ref, set()).update(r.agency for r in task.supports)
    return result


def _agency_table(summary: PlanSummary, lab: Mapping[str, str]) -> list[_Line]:
    """AGENCIES and their REPORTS for the period: each report owed is exactly one of sent on
    time, sent late, overdue and not sent, not yet due (docs/counting.md, section 6)."""
    owing = [a for a in summary.agencies if a.expected]
    overdue = sum(1 for a in owing if a.is_overdue)
    not_due = sum(1 for a in owing if not a.complete and not a.is_overdue)
    heading = lab["xlsx.agencies_heading"].format(
        reported=summary.agencies_reported,
        total=summary.agency_count,
        overdue=overdue,
        not_due=not_due,
        late=len(summary.agencies_late),
    )
    lines: list[_Line] = [
        [_span(0, _LAST, heading, "dd_bold")],
        [
            _span(0, 1, None, "dd_header"),
            _span(2, 7, lab["xlsx.reports_group"], "dd_header"),
            _span(8, 8, None, "dd_header"),
            _span(9, _LAST, lab["xlsx.support_group"], "dd_header"),
        ],
        [
            _span(0, 0, lab["col.stt"], "dd_header"),
            _span(1, 1, lab["xlsx.agency"], "dd_header"),
            *(
                _span(col, col, lab[key], "dd_header")
                for col, key in enumerate(
                    (
                        "xlsx.expected",
                        "xlsx.on_time",
                        "xlsx.late",
                        "xlsx.overdue",
                        "xlsx.not_due",
                        "xlsx.blocked",
                        "xlsx.agency_state",
                        "xlsx.support_expected",
                        "xlsx.support_reported",
                    ),
                    start=2,
                )
            ),
        ],
    ]
    for index, line in enumerate(summary.agencies, start=1):
        lines.append(
            [
                _span(0, 0, index, "dd_center"),
                _span(1, 1, line.agency, "dd_wrap"),
                _span(2, 2, line.expected, "dd_int"),
                _span(3, 3, line.on_time, "dd_int"),
                _span(4, 4, line.late, "dd_int"),
                _span(5, 5, line.overdue, "dd_int"),
                _span(6, 6, line.not_due, "dd_int"),
                _span(7, 7, line.blocked, "dd_int"),
                _span(8, 8, agency_state(line, lab), "dd_wrap"),
                _span(9, 9, line.support_expected, "dd_int"),
                _span(10, 10, line.support_reported, "dd_int"),
            ]
        )
    return lines


def agency_state(line: AgencyLine, lab: Mapping[str, str]) -> str:
    """ "Đã báo cáo đủ", "Quá hạn 8 ngày làm việc" or "Chưa đến hạn"."""
    if line.complete or not line.expected:
        return lab["xlsx.state.complete"] if line.expected else ""
    if line.is_overdue:
        if line.days_overdue:
            return lab["xlsx.state.overdue_days"].format(days=line.days_overdue)
        return lab["xlsx.state.overdue"]
    return lab["xlsx.state.not_due"]


# --------------------------------------------------------------------------- agency lists

_KIND_PREFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("communes", ("ubnd xa", "ubnd phuong", "ubnd dac khu", "uy ban nhan dan xa",
                  "uy ban nhan dan phuong", "uy ban nhan dan dac khu")),
    ("districts", ("ubnd huyen", "ubnd thi xa", "ubnd thanh pho", "ubnd quan", "ubnd tp",
                   "uy ban nhan dan huyen", "uy ban nhan dan thi xa",
                   "uy ban nhan dan thanh pho")),
    ("front", ("uy ban mttq", "uy ban mat tran", "mat tran", "hoi ", "lien doan",
               "tinh doan", "doan thanh nien")),
    ("departments", ("so ", "ban ", "thanh tra", "van phong", "cong an", "bo chi huy",
                     "kho bac", "cuc ", "chi cuc", "bao ", "dai ", "truong ", "trung tam")),
)  # fmt: skip


def agency_kind(name: str) -> str:
    """The kind of body a name is, to summarise a long list: departments (sở, ban, ngành),
    communes, districts, Party bodies, the Front and mass organisations, or other."""
    if is_party_body(name):
        return "party"
    folded = fold(name)
    for kind, prefixes in _KIND_PREFIXES:
        if folded.startswith(prefixes):
            return kind
    return "other"


def agency_list(names: Sequence[str], lab: Mapping[str, str], sheet: str) -> str:
    """A few agencies by name; more than `_LIST_LIMIT` counted by kind ("Các sở, ban, ngành
    (12); UBND các xã, phường (2)"), with where the names are."""
    if len(names) <= _LIST_LIMIT:
        return "; ".join(names)
    counts: dict[str, int] = {}
    for name in names:
        kind = agency_kind(name)
        counts[kind] = counts.get(kind, 0) + 1
    parts = [lab[f"xlsx.group.{kind}"].format(count=count) for kind, count in counts.items()]
    return "; ".join(parts) + "\n(" + lab["xlsx.full_list"].format(sheet=sheet) + ")"
