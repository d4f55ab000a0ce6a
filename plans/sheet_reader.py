"""Task lists kept as spreadsheets (.xlsx) or .csv: each sheet as a table of pipe rows, the rows
above its header (the list's title, the plan it belongs to) as paragraphs."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta

from plans.columns import header_map, raw_map
from plans.errors import DocumentError
from plans.limits import ReadLimits, check_zip


def xlsx_text(data: bytes, limits: ReadLimits) -> str:
    """Every sheet of a workbook: title rows as text, the task table as pipe rows."""
    check_zip(data, limits, kind="xlsx")
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:
        raise DocumentError("corrupt_xlsx", reason=type(exc).__name__) from exc
    sheets: list[tuple[str, list[list[str]]]] = []
    cells = 0
    for sheet in book.worksheets:
        cells += (sheet.max_row or 0) * (sheet.max_column or 0)
        if cells > limits.max_cells:
            raise DocumentError("too_many_paragraphs", count=cells, limit=limits.max_cells)
        grid = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            # A cell merged down (one lead for several rows) holds for every row it covers;
            # one merged across (a group row) stays in its first column only.
            value = grid[merged.min_row - 1][merged.min_col - 1]
            for row in range(merged.min_row, merged.max_row + 1):
                if row - 1 < len(grid) and merged.min_col - 1 < len(grid[row - 1]):
                    grid[row - 1][merged.min_col - 1] = value
        sheets.append((sheet.title, grid))
    return _tables_text(sheets)


def _cell_text(value: object) -> str:
    """A cell as a person reads it: an Excel date as "30/09/2026" (never "2026-09-30 00:00:00"),
    a whole number without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split("\n")).strip()


_EXCEL_EPOCH = date(1899, 12, 30)


def _serial_dates(rows: list[list[str]], mapping: dict[str, int]) -> None:
    """A deadline typed in a cell not formatted as a date shows Excel's day number ("46295"):
    in the time column, a number of the days of 2000–2099 is that date."""
    index = mapping.get("time")
    if index is None:
        return
    for row in rows:
        if index < len(row) and row[index].isdigit() and 36526 <= int(row[index]) <= 73050:
            row[index] = (_EXCEL_EPOCH + timedelta(days=int(row[index]))).strftime("%d/%m/%Y")


def csv_text(text: str, limits: ReadLimits) -> str:
    """A .csv (comma, semicolon or tab separated) as one table."""
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if sum(len(r) for r in rows) > limits.max_cells:
        raise DocumentError("too_many_paragraphs", count=len(rows), limit=limits.max_cells)
    return _tables_text([("", [[" ".join(c.split()) for c in r] for r in rows])])


def looks_like_csv(text: str) -> bool:
    """True when a text file is a task table in CSV form (its header names task columns)."""
    lines = [line for line in text.splitlines()[:40] if line.strip()]
    for index, line in enumerate(lines[:15]):
        if len(line) > 400:
            continue
        for delimiter in (",", ";", "\t"):
            if line.count(delimiter) < 2:
                continue
            cells = next(csv.reader([line], delimiter=delimiter))
            if len(cells) < 3 or any(len(c) > 40 for c in cells) or not header_map(cells):
                continue
            below = lines[index + 1 : index + 6]
            rows = [next(csv.reader([b], delimiter=delimiter)) for b in below]
            if below and sum(len(r) == len(cells) for r in rows) >= max(1, len(rows) // 2):
                return True
    return False


def _tables_text(sheets: list[tuple[str, list[list[str]]]]) -> str:
    blocks: list[str] = []
    found: list[str] = []
    tables = 0
    for title, grid in sheets:
        rows = [r for r in grid if any(c.strip() for c in r)]
        start = next((i for i, r in enumerate(rows[:15]) if header_map(r)), None)
        if start is None:
            for row in rows[:5]:
                found.extend(c for c in row if c.strip() and len(c) < 60 and c not in found)
            continue
        tables += 1
        _serial_dates(rows[start + 1 :], header_map(rows[start]) or {})
        if title and not title.lower().startswith(("sheet", "trang tính")):
            blocks.append(title)
        blocks.extend(" ".join(c for c in r if c.strip()) for r in rows[:start])
        width = max(len(r) for r in rows[start:])
        table = [
            "| " + " | ".join(c.replace("|", "/") for c in r + [""] * (width - len(r))) + " |"
            for r in rows[start:]
        ]
        blocks.append("\n".join(table))
    if not tables:
        recognised = sorted(raw_map(found))
        raise DocumentError(
            "no_columns", columns=", ".join(found[:12]) or "-", recognised=", ".join(recognised)
        )
    return "\n\n".join(blocks)
