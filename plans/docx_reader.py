"""A .docx as text in document order: paragraphs, task tables as pipe rows, and layout tables
(the borderless header with issuer | motto, number | date; the signature block) as paragraphs."""

from __future__ import annotations

import io
import re

from plans.columns import header_map
from plans.errors import DocumentError
from plans.limits import ReadLimits, check_zip, read_member

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes, limits: ReadLimits) -> str:
    """Paragraphs and tables of a .docx in document order; refuses packages past the limits."""
    archive = check_zip(data, limits, kind="docx")
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        raise DocumentError("corrupt_docx", reason="no word/document.xml")
    xml = read_member(archive, "word/document.xml", limits)
    elements = (
        xml.count(b"<w:p>") + xml.count(b"<w:p ") + xml.count(b"<w:tr>") + xml.count(b"<w:tr ")
    )
    if elements > limits.max_paragraphs:
        raise DocumentError("too_many_paragraphs", count=elements, limit=limits.max_paragraphs)
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                blocks.append(Paragraph(child, document).text)
            elif tag == "tbl":
                blocks.extend(_table_blocks(Table(child, document)))
    except DocumentError:
        raise
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise DocumentError("corrupt_docx", reason=type(exc).__name__) from exc
    text = "\n\n".join(blocks)
    if not text.strip():
        raise DocumentError("empty")
    return text


def _cell_text(cell) -> str:
    parts = [p.text.strip() for p in cell.paragraphs if p.text.strip()]
    for table in cell.tables:  # a nested table: its cells as lines
        for row in table.rows:
            parts.extend(c.text.strip() for c in row.cells if c.text.strip())
    return "<br>".join(parts).replace("|", "/")


def _rows(table) -> list[list[str]]:
    """Cell texts row by row; a cell spanning columns appears once (the rest left empty), a
    cell merged down keeps its text in every row it covers."""
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            cells.append("" if previous is not None and cell._tc is previous else _cell_text(cell))
            previous = cell._tc
        rows.append(cells)
    return rows


def _table_blocks(table) -> list[str]:
    rows = _rows(table)
    if not rows:
        return []
    is_task_table = any(header_map(cells) for cells in rows[:6])
    width = max(len(r) for r in rows)
    if not is_task_table and ((len(rows) <= 6 and width <= 3) or _borderless(table)):
        # Layout: issuer | motto, number | date, recipients | signature. Read cell by cell, the
        # left column first, so the header reads as it would on paper.
        blocks: list[str] = []
        for column in range(width):
            for cells in rows:
                if column < len(cells) and cells[column]:
                    blocks.extend(p for p in cells[column].split("<br>") if p.strip())
        return blocks
    return ["\n".join("| " + " | ".join(cells) + " |" for cells in rows)]


def _borderless(table) -> bool:
    props = table._tbl.tblPr
    if props is None:
        return True
    borders = props.find(f"{_W}tblBorders")
    style = props.find(f"{_W}tblStyle")
    if borders is None:
        return style is None or not re.search(r"(?i)grid|table", style.get(f"{_W}val", ""))
    values = {b.get(f"{_W}val") for b in borders}
    return values <= {"nil", "none", None}
