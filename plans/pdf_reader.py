"""A PDF's text layer read with its layout (pdfplumber): lines of text in reading order and ruled
tables as pipe rows, a table continued on the next page joined to its first part."""

from __future__ import annotations

import io
import re

from plans.columns import header_map
from plans.errors import DocumentError
from plans.limits import ReadLimits
from plans.pdf_columns import Found, continue_table, find_table, physical_lines

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_FURNITURE = re.compile(r"^(?:-\s*\d{1,3}\s*-|\d{1,3}|trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?)$", re.I)


def pdf_text(data: bytes, limits: ReadLimits) -> str:
    """Text and tables of a PDF; encrypted and image-only PDFs are refused with their reason."""
    _refuse_encrypted(data)
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        if "password" in type(exc).__name__.lower():
            raise DocumentError("encrypted", format="pdf") from exc
        raise DocumentError("unsupported_format", format="pdf", reason="corrupt") from exc
    with pdf:
        if len(pdf.pages) > limits.max_pages:
            raise DocumentError("too_many_pages", count=len(pdf.pages), limit=limits.max_pages)
        blocks: list[str | list[list[str]]] = []
        letters = 0
        elements = 0
        carry: Found | None = None
        for page in pdf.pages:
            try:
                page_blocks, page_letters, carry = _page_blocks(page, carry)
            except DocumentError:
                raise
            except Exception as exc:
                raise DocumentError("unsupported_format", format="pdf", reason="corrupt") from exc
            letters += page_letters
            _append_page(blocks, page_blocks)
            elements += len(page_blocks)
            if elements > limits.max_paragraphs:
                raise DocumentError(
                    "too_many_paragraphs", count=elements, limit=limits.max_paragraphs
                )
            page.flush_cache()
    if letters < 40:
        raise DocumentError("pdf_no_text", pages=len(pdf.pages))
    out: list[str] = []
    for block in blocks:
        if isinstance(block, str):
            out.append(block)
        else:
            out.append("")
            out.extend("| " + " | ".join(cells) + " |" for cells in block)
            out.append("")
    return "\n".join(out)


def _refuse_encrypted(data: bytes) -> None:
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        if encrypted:
            try:
                if reader.decrypt(""):
                    encrypted = False  # only an owner password: readable
            except Exception:
                encrypted = True
    except Exception as exc:
        raise DocumentError("unsupported_format", format="pdf", reason="corrupt") from exc
    if encrypted:
        raise DocumentError("encrypted", format="pdf")


def _clean_cell(value: str | None) -> str:
    """A cell's wrapped lines joined by <br> (the table parser decides what a break means)."""
    if not value:
        return ""
    lines = [" ".join(line.split()) for line in value.split("\n")]
    return "<br>".join(line.replace("|", "/") for line in lines if line)


def _page_blocks(
    page, carry: Found | None = None
) -> tuple[list[tuple[float, str | list[list[str]]]], int, Found | None]:
    """(top, line or table) in reading order, how many letters the page's text has, and an
    unruled table that runs off the page's foot (`carry`: the one that ran off the last page)."""
    tables = page.find_tables(_TABLE_SETTINGS)
    boxes = [t.bbox for t in tables]

    def outside(obj: dict) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    items: list[tuple[float, str | list[list[str]]]] = []
    letters = 0
    words = text_page.extract_words(x_tolerance=1.5, y_tolerance=3, extra_attrs=["fontname"])
    unruled, carry_out = _unruled_tables(words, None if tables else carry)
    for top, rows in unruled:
        letters += sum(ch.isalpha() for r in rows for c in r for ch in c)
        items.append((top, rows))
    words = [w for w in words if not w.get("in_table")]
    for top, text in _lines(words):
        letters += sum(ch.isalpha() for ch in text)
        items.append((top, text))
    for table in tables:
        rows = [[_clean_cell(c) for c in row] for row in table.extract()]
        rows = [r for r in rows if any(r)]
        if rows:
            letters += sum(ch.isalpha() for r in rows for c in r for ch in c)
            items.append((table.bbox[1], rows))
    items.sort(key=lambda item: item[0])
    return items, letters, carry_out


def _unruled_tables(
    words: list[dict], carry: Found | None
) -> tuple[list[tuple[float, list[list[str]]]], Found | None]:
    """Task tables drawn without ruling lines (text columns); their words are marked in_table.
    `carry` is a table that ran to the end of the previous page: rows at the top of this page
    that fit its columns go on with it. Returns the tables and the one that runs off this page."""
    lines = physical_lines(words)
    out: list[tuple[float, list[list[str]]]] = []
    last: Found | None = None
    start = 0
    found = continue_table(lines, carry.columns, carry.numbered) if carry else None
    while True:
        if found is None:
            found = find_table(lines[start:])
        if found is None:
            break
        for line in lines[start + found.start : start + found.end]:
            for word in line:
                word["in_table"] = True
        out.append((lines[start + found.start][0]["top"], found.rows))
        start += max(found.end, found.start + 1)
        last, found = found, None
        if start >= len(lines):
            break
    rest = [
        line for line in lines[start:] if not _FURNITURE.match(" ".join(w["text"] for w in line))
    ]
    return out, (last if last is not None and not rest else None)


def _lines(words: list[dict]) -> list[tuple[float, str]]:
    """Words grouped into lines by their baseline; a line with a wide gap (two columns side by
    side, as in the header: issuer | motto, number | date) becomes one line per column."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["bottom"]), w["x0"])):
        if rows and abs(rows[-1][0]["bottom"] - word["bottom"]) <= 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    out: list[tuple[float, str]] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        segment = [row[0]]
        for word in row[1:]:
            size = max(1.0, word["bottom"] - word["top"])
            if word["x0"] - segment[-1]["x1"] > 2.5 * size:
                out.append((segment[0]["top"], " ".join(w["text"] for w in segment)))
                segment = []
            segment.append(word)
        out.append((segment[0]["top"], " ".join(w["text"] for w in segment)))
    return out


def _append_page(blocks: list, page_items: list) -> None:
    """Add a page's items; a table at the top of a page with the width of the table that ended
    the previous page continues it (page numbers and running headers between are dropped)."""
    items = [item for _, item in page_items]
    first_table = next((i for i, item in enumerate(items) if not isinstance(item, str)), None)
    last = next(
        (b for b in reversed(blocks) if not (isinstance(b, str) and _FURNITURE.match(b))), None
    )
    if (
        first_table is not None
        and isinstance(last, list)
        and all(
            isinstance(i, str) and (_FURNITURE.match(i) or len(i) < 60) for i in items[:first_table]
        )
        and first_table <= 2
        and len(items[first_table][0]) == len(last[0])
        and (not header_map(items[first_table][0]) or items[first_table][0] == last[0])
    ):
        while blocks and blocks[-1] is not last:
            blocks.pop()
        rows = items[first_table]
        if rows[0] == last[0]:  # the header repeated on every page
            rows = rows[1:]
        if rows and _is_continuation(rows[0]):
            last[-1] = [_merge(a, b) for a, b in zip(last[-1], rows[0], strict=False)]
            rows = rows[1:]
        last.extend(rows)
        blocks.extend(items[first_table + 1 :])
        return
    blocks.extend(items)


def _is_continuation(cells: list[str]) -> bool:
    """A row cut by a page break: its first (number) cell is empty but it has text."""
    return bool(cells) and not cells[0].strip() and any(c.strip() for c in cells[1:])


def _merge(a: str, b: str) -> str:
    if a and b:
        return f"{a}<br>{b}"
    return a or b
