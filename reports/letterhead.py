"""The parts of a Word document that its author decides (`reports.author.Author`): page
setup, the header, the title's rule, the recipients and the signature, and page numbers.
Shared by the draft reports (`reports.docx`) and the onboarding letter.

State bodies, Decree 30/2020/NĐ-CP (Appendix I): A4, margins 2/2/3/2 cm, Times New Roman; on
the left the governing body (upright) above the author (bold) with a short rule and the
number; on the right the national title (12 pt bold, on one line), the motto (bold) with a
rule as long as it, then place and date (italic); page numbers at the top centre from page 2.
Party bodies, Hướng dẫn 36-HD/VPTW: the Party committee above the author, a star, "Số …";
on the right "ĐẢNG CỘNG SẢN VIỆT NAM" with a rule under it, then place and date.

The signature block is one unsplittable table row kept with the paragraph before it, so it
never lands alone on a page, with the signer's title over an empty space to sign in.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from domain.text import nfc
from reports.author import Author

FONT = "Times New Roman"
BODY_PT = 14
TEXT_WIDTH_CM = 16.0  # 21 cm − 3 cm left − 2 cm right
# The header runs 0.5 cm into each margin, as Decree 30's samples do, so that a department's
# name and the national title each keep to one line.
LEFT_HEAD_CM = 7.0
RIGHT_HEAD_CM = 10.0
SIGNATURE_SPACE_LINES = 4
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

# Children of w:pPr that must follow w:pBdr (ECMA-376 CT_PPrBase sequence).
_AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """NFC, and no characters that XML cannot hold."""
    return _XML_ILLEGAL.sub("", nfc(text))


# --------------------------------------------------------------------------- page and text


def save(doc: DocxDocument) -> bytes:
    """The .docx bytes, the same for the same document (the zip's entries carry no clock)."""
    first = io.BytesIO()
    doc.save(first)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(first) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped,
    ):
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            zipped.writestr(entry, source.read(item.filename))
    return out.getvalue()


def setup_page(doc: DocxDocument) -> None:
    """A4, margins 2/2/3/2 cm, Times New Roman 14 as the body text."""
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15
    fmt.widow_control = True


def page_numbers(doc: DocxDocument) -> None:
    """Page numbers centred at the top from the second page."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.header_distance = Cm(1)
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    run.font.size = Pt(13)


def para(
    container: DocxDocument | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    space_after: float | None = None,
    line_spacing: float | None = None,
) -> Paragraph:
    """A paragraph with one run of text (line breaks kept)."""
    paragraph = container.add_paragraph()
    if text:
        run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    if align is not None:
        paragraph.alignment = align
    if space_after is not None:
        paragraph.paragraph_format.space_after = Pt(space_after)
    if line_spacing is not None:
        paragraph.paragraph_format.line_spacing = line_spacing
    return paragraph


def run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
    highlight: bool = False,
) -> None:
    """Text added to a paragraph; typed line breaks become real ones."""
    for index, line in enumerate(clean(text).split("\n")):
        if index:
            paragraph.add_run().add_break()
        piece = paragraph.add_run(line)
        piece.bold = bold or None
        piece.italic = italic or None
        piece.underline = underline or None
        if size:
            piece.font.size = Pt(size)
        if highlight:
            piece.font.highlight_color = WD_COLOR_INDEX.YELLOW


def rule(container: DocxDocument | _Cell, width_cm: float, box_cm: float) -> Paragraph:
    """A centred horizontal line `width_cm` long, drawn (a paragraph border), in a box of
    `box_cm` (the cell's or the page's text width)."""
    paragraph = container.add_paragraph()
    side = Cm(max((box_cm - width_cm) / 2, 0))
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = side
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(4)
    fmt.line_spacing = Pt(3)
    fmt.keep_with_next = True
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_PBDR)  # Word insists on schema order
    return paragraph


def text_width_cm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """About how wide a line of Times New Roman is (for rules as long as a line)."""
    # average advance in ems, measured on Liberation Serif (Times New Roman's metrics)
    per_char = 0.46 if bold else 0.44
    if text.isupper():
        per_char = 0.63 if bold else 0.6
    return len(text) * size_pt * per_char / 72 * 2.54


# --------------------------------------------------------------------------- tables


def borderless_table(doc: DocxDocument, widths_cm: Sequence[float]) -> Table:
    """A one-row layout table without borders or cell padding, in fixed widths."""
    table = doc.add_table(rows=1, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    properties.append(margins)
    for cell in table.rows[0].cells:
        for paragraph in list(cell.paragraphs):
            if not paragraph.text:
                paragraph._p.getparent().remove(paragraph._p)
    set_widths(table, widths_cm)
    return table


def set_widths(table: Table, widths_cm: Sequence[float]) -> None:
    """Column widths in the grid and every cell (LibreOffice reads the grid, Word the cells)."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=False):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def repeat_header(row_element: object) -> None:
    """The table row is repeated at the top of every page the table runs onto."""
    trpr = row_element.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def cant_split(row_element: object) -> None:
    """The table row stays on one page."""
    trpr = row_element.get_or_add_trPr()  # type: ignore[attr-defined]
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    trpr.append(element)


# --------------------------------------------------------------------------- header


def header(
    doc: DocxDocument,
    author: Author,
    lab: Mapping[str, str],
    *,
    number: str,
    date_line: str,
    subject: str = "",
) -> None:
    """The author's header: the author on the left, the national (or Party) title with place
    and date on the right; `subject` is a letter's "V/v …" under its number."""
    if author.party:
        _party_header(doc, author, lab, number=number, date_line=date_line, subject=subject)
    else:
        _state_header(doc, author, lab, number=number, date_line=date_line, subject=subject)


def _fitting(author: Author, size: float) -> float:
    """The author's lines one point smaller when that keeps them on one line (both forms
    allow it: 12–13 pt for a state body, 13–14 pt for a Party body); a longer name wraps."""
    widest = max(
        text_width_cm(author.heading, size, bold=True), text_width_cm(author.governing, size)
    )
    smaller = max(
        text_width_cm(author.heading, size - 1, bold=True),
        text_width_cm(author.governing, size - 1),
    )
    return size - 1 if widest > LEFT_HEAD_CM - 0.2 and smaller <= LEFT_HEAD_CM - 0.2 else size


def _state_header(
    doc: DocxDocument,
    author: Author,
    lab: Mapping[str, str],
    *,
    number: str,
    date_line: str,
    subject: str,
) -> None:
    left, right = borderless_table(doc, (LEFT_HEAD_CM, RIGHT_HEAD_CM)).rows[0].cells
    size = _fitting(author, 13)
    if author.governing:
        para(left, author.governing, size=size, align=CENTER, space_after=0, line_spacing=1.0)
    para(left, author.heading, bold=True, size=size, align=CENTER, space_after=0, line_spacing=1.0)
    rule(left, min(text_width_cm(author.heading, size, bold=True), 3.0) * 0.6 + 0.8, LEFT_HEAD_CM)
    para(left, number, size=13, align=CENTER, space_after=0)
    if subject:
        para(left, subject, size=12, align=CENTER, space_after=0, line_spacing=1.0)

    nation, motto = lab["doc.nation"], lab["doc.motto"]
    para(right, nation, bold=True, size=12, align=CENTER, space_after=0, line_spacing=1.0)
    para(right, motto, bold=True, size=13, align=CENTER, space_after=0, line_spacing=1.0)
    rule(right, text_width_cm(motto, 13, bold=True), RIGHT_HEAD_CM)
    para(right, date_line, italic=True, size=14, align=CENTER, space_after=0)


def _party_header(
    doc: DocxDocument,
    author: Author,
    lab: Mapping[str, str],
    *,
    number: str,
    date_line: str,
    subject: str,
) -> None:
    left, right = borderless_table(doc, (LEFT_HEAD_CM, RIGHT_HEAD_CM)).rows[0].cells
    size = _fitting(author, 14)
    if author.governing:
        para(left, author.governing, size=size, align=CENTER, space_after=0, line_spacing=1.0)
    para(left, author.heading, bold=True, size=size, align=CENTER, space_after=0, line_spacing=1.0)
    para(left, "*", size=14, align=CENTER, space_after=0, line_spacing=1.0)
    para(left, number, size=14, align=CENTER, space_after=0)
    if subject:
        para(left, subject, italic=True, size=12, align=CENTER, space_after=0, line_spacing=1.0)

    title = lab["doc.party_title"]
    para(right, title, bold=True, size=15, align=CENTER, space_after=0, line_spacing=1.0)
    rule(right, text_width_cm(title, 15, bold=True), RIGHT_HEAD_CM)
    para(right, "", size=6, space_after=0)
    para(right, date_line, italic=True, size=14, align=CENTER, space_after=0)


def date_line(author: Author, lab: Mapping[str, str], year: int) -> str:
    """ "Quảng Ngãi, ngày     tháng     năm 2026": the day and month left for the clerk."""
    return lab["doc.place_date"].format(place=author.place or lab["doc.place_blank"], year=year)


def title_rule(doc: DocxDocument, author: Author, subtitle: str) -> None:
    """Under the type and subject: a drawn line a third to a half as long as the subject
    (Decree 30); the five hyphens Hướng dẫn 36 asks for in a Party document."""
    if author.party:
        para(doc, "-----", size=14, align=CENTER, space_after=12)
        return
    width = min(max(text_width_cm(subtitle, 14, bold=True) * 0.4, 3.0), 6.0)
    line = rule(doc, width, TEXT_WIDTH_CM)
    line.paragraph_format.space_after = Pt(12)


# --------------------------------------------------------------------------- closing


def signature(
    doc: DocxDocument,
    author: Author,
    lab: Mapping[str, str],
    recipients: Sequence[str],
    *,
    deputy: bool = False,
) -> Table:
    """Recipients on the left, the signer's title over an empty space on the right, in one
    unsplittable row kept with the paragraph before it."""
    previous = doc.paragraphs[-1] if doc.paragraphs else None
    if previous is not None:
        previous.paragraph_format.keep_with_next = True
    table = borderless_table(doc, (7.0, TEXT_WIDTH_CM - 7.0))
    cant_split(table.rows[0]._tr)
    left, right = table.rows[0].cells
    heading = lab["doc.recipients"]
    if author.party:
        label = para(left, heading, underline=True, size=14, space_after=0, line_spacing=1.0)
    else:
        label = para(left, heading, bold=True, italic=True, size=12, space_after=0)
    label.paragraph_format.space_before = Pt(6)
    for line in recipients:
        para(left, line, size=11 if not author.party else 12, space_after=0, line_spacing=1.0)
    titles = author.signature(lab, deputy=deputy)
    first = para(right, titles[0], bold=True, size=14, align=CENTER, space_after=0)
    first.paragraph_format.space_before = Pt(6)
    for line in titles[1:]:
        para(right, line, bold=True, size=14, align=CENTER, space_after=0, line_spacing=1.0)
    for _ in range(SIGNATURE_SPACE_LINES):
        para(right, "", size=14, space_after=0)
    for cell in (left, right):
        for paragraph in cell.paragraphs[:-1]:
            paragraph.paragraph_format.keep_with_next = True
    return table
