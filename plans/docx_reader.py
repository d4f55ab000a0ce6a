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
        numbering = _Numbering(document)
        blocks: list[str] = []
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                paragraph = Paragraph(child, document)
                label = numbering.label(paragraph)
                text = paragraph.text
                blocks.append(f"{label} {text.lstrip()}" if label and text.strip() else text)
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
    # A line break inside a cell (Shift+Enter) is a line of the cell, never a new table row.
    lines = [line.strip() for p in cell.paragraphs for line in p.text.split("\n")]
    parts = [" ".join(line.split()) for line in lines if line.strip()]
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


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


def _roman(value: int) -> str:
    out = ""
    for number, letters in _ROMAN:
        while value >= number:
            out += letters
            value -= number
    return out


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


class _Numbering:
    """Word's automatic numbering ("1.", "a)", "II.", bullets) written out in front of each
    paragraph, as it appears on the page: plans number their tasks this way as often as by hand."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId → ilvl → format
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for node in root.findall(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{_W}lvl"):
                start = lvl.find(f"{_W}start")
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "",
                )
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{_W}numId", "")] = abstract.get(ref.get(f"{_W}val", ""), {})
        for style in document.styles:
            try:
                props = style.element.pPr
            except AttributeError:
                continue
            if props is not None and props.numPr is not None and props.numPr.numId is not None:
                ilvl = props.numPr.ilvl.val if props.numPr.ilvl is not None else 0
                self.styles[style.style_id] = (str(props.numPr.numId.val), int(ilvl))

    def label(self, paragraph) -> str | None:
        """The number Word shows before this paragraph, or None."""
        if not self.levels:
            return None
        props = paragraph._p.pPr
        num_id, ilvl = None, 0
        if props is not None and props.numPr is not None and props.numPr.numId is not None:
            num_id = str(props.numPr.numId.val)
            ilvl = int(props.numPr.ilvl.val) if props.numPr.ilvl is not None else 0
        elif props is not None and props.pStyle is not None:
            num_id, ilvl = self.styles.get(props.pStyle.val, (None, 0))
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels or not paragraph.text.strip():
            return None
        start, fmt, text = levels[ilvl]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return None
        counters = self.counters.setdefault(num_id or "", {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        label = text or f"%{ilvl + 1}."
        for level in range(ilvl + 1):
            value = counters.get(level, levels.get(level, (1, "", ""))[0])
            fmt_level = levels.get(level, (1, "decimal", ""))[1]
            label = label.replace(f"%{level + 1}", _format(value, fmt_level))
        return label.strip() or None
