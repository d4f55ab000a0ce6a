"""The công văn asking each agency to name its focal officer (cán bộ đầu mối), in the
administrative layout of Decree 30/2020/NĐ-CP (A4, Times New Roman, margins 2/2/3/2 cm,
national header, "V/v" summary, recipients, signature), with an appendix table of one row
per agency carrying its join link and a QR code of it; and the same links as an Excel list.

Blanks the coordinator fills in before signing (number, day, signer) are dotted spaces."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import segno
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from sqlalchemy.ext.asyncio import AsyncSession

from domain.text import strip_diacritics
from onboarding.links import DEFAULT_CAPACITY, DEFAULT_LINK_LIFETIME, create_plan_links
from storage.models import Member, Plan

FONT = "Times New Roman"
QR_SCALE = 4
QR_WIDTH_CM = 2.6
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class LetterEntry:
    """One agency's line: its name, its join link, how many it admits, until when."""

    agency: str
    link: str
    capacity: int
    expires_at: datetime


@dataclass(frozen=True)
class LetterInfo:
    plan_number: str
    plan_title: str
    issuer: str  # the body that signs (the plan's issuer or the coordinating agency)
    bot_username: str


LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto": "Độc lập - Tự do - Hạnh phúc",
        "number": "Số: ......../......",
        "subject": "V/v cử cán bộ đầu mối theo dõi, báo cáo\nthực hiện {plan}",
        "date": "......, ngày ...... tháng ...... năm {year}",
        "to": "Kính gửi: Các cơ quan, đơn vị có tên tại Phụ lục kèm theo.",
        "body1": (
            "Thực hiện {plan}{title}, để việc theo dõi, đôn đốc và tổng hợp báo cáo tiến độ "
            "được kịp thời, {issuer} đề nghị các cơ quan, đơn vị cử 01 - 02 cán bộ đầu mối "
            "theo dõi, báo cáo tình hình thực hiện các nhiệm vụ được giao."
        ),
        "body2": (
            "Cán bộ đầu mối sử dụng ứng dụng Telegram, mở đường dẫn tham gia (hoặc quét mã QR) "
            "dành riêng cho cơ quan, đơn vị mình tại Phụ lục kèm theo, sau đó gửi họ tên và "
            "chức vụ theo hướng dẫn của trợ lý @{bot}. Mỗi đường dẫn chỉ dùng được cho số cán "
            "bộ và trong thời hạn ghi tại Phụ lục; đề nghị không chuyển cho cơ quan, đơn vị khác."
        ),
        "body3": "Đề nghị các cơ quan, đơn vị quan tâm, phối hợp thực hiện./.",
        "recipients": "Nơi nhận:",
        "recipients_list": "- Như trên;\n- Lưu: VT.",
        "signer": "TM. {issuer}\n\n\n\n(Ký, ghi rõ họ tên)",
        "appendix": "PHỤ LỤC",
        "appendix_sub": (
            "ĐƯỜNG DẪN THAM GIA CỦA CÁC CƠ QUAN, ĐƠN VỊ\n(Kèm theo Công văn số ......../...... "
            "ngày ...... tháng ...... năm {year})"
        ),
        "col_no": "STT",
        "col_agency": "Cơ quan, đơn vị",
        "col_link": "Đường dẫn tham gia",
        "col_qr": "Mã QR",
        "col_seats": "Số cán bộ",
        "col_expires": "Hạn sử dụng",
        "sheet": "Đường dẫn tham gia",
        "default_issuer": "Cơ quan điều phối",
    },
    "en": {
        "nation": "SOCIALIST REPUBLIC OF VIETNAM",
        "motto": "Independence - Freedom - Happiness",
        "number": "No.: ......../......",
        "subject": "Re: naming focal officers to follow up and report\non {plan}",
        "date": "......, day ...... month ...... {year}",
        "to": "To: the agencies listed in the attached appendix.",
        "body1": (
            "To carry out {plan}{title} and to follow up and consolidate progress reports on "
            "time, {issuer} asks each agency to name one or two focal officers to follow up "
            "and report on the tasks assigned to it."
        ),
        "body2": (
            "Focal officers open their agency's own join link (or scan its QR code) listed in "
            "the appendix in Telegram, then send their full name and position as the assistant "
            "@{bot} asks. Each link admits the number of officers and is valid until the date "
            "shown in the appendix; please do not pass it to another agency."
        ),
        "body3": "We look forward to your cooperation./.",
        "recipients": "Recipients:",
        "recipients_list": "- As above;\n- Archive.",
        "signer": "ON BEHALF OF {issuer}\n\n\n\n(Signature, full name)",
        "appendix": "APPENDIX",
        "appendix_sub": "JOIN LINKS OF THE AGENCIES\n(Attached to letter No. ......../......)",
        "col_no": "No.",
        "col_agency": "Agency",
        "col_link": "Join link",
        "col_qr": "QR code",
        "col_seats": "Officers",
        "col_expires": "Valid until",
        "sheet": "Join links",
        "default_issuer": "Coordinating agency",
    },
}


def qr_png(link: str) -> bytes:
    """The QR code of a link as a PNG (error correction M, a quiet zone of 4 modules)."""
    out = io.BytesIO()
    segno.make(link, error="m", micro=False).save(out, kind="png", scale=QR_SCALE, border=4)
    return out.getvalue()


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _labels(lang: str) -> dict[str, str]:
    return LABELS.get(lang, LABELS["vi"])


def _local(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%d/%m/%Y")


def _paragraph(
    target: object,
    text: str,
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    underline: bool = False,
) -> None:
    paragraph = target.add_paragraph()  # type: ignore[attr-defined]
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(6)
    if indent:
        fmt.first_line_indent = Cm(1.27)
    for index, line in enumerate(_clean(text).split("\n")):
        if index:
            paragraph.add_run().add_break()
        run = paragraph.add_run(line)
        run.font.name, run.font.size = FONT, Pt(size)
        run.bold, run.italic, run.underline = bold, italic, underline


def _cell_reset(cell: _Cell) -> None:
    cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)


def _no_borders(table: object) -> None:
    properties = table._tbl.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def write_letter(
    entries: Sequence[LetterEntry], info: LetterInfo, now: datetime, tz: ZoneInfo, lang: str = "vi"
) -> bytes:
    """The Word letter: header, body, recipients, signature, then the appendix table."""
    t = _labels(lang)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)  # type: ignore[attr-defined]
    issuer = info.issuer or t["default_issuer"]
    year = now.astimezone(tz).year

    head = doc.add_table(rows=1, cols=2)
    _no_borders(head)
    left, right = head.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(9.5)
    for cell in (left, right):
        _cell_reset(cell)
    center = WD_ALIGN_PARAGRAPH.CENTER
    _paragraph(left, issuer.upper(), size=13, bold=True, align=center)
    _paragraph(left, t["number"], size=13, align=center)
    _paragraph(left, t["subject"].format(plan=info.plan_number), size=12, align=center)
    _paragraph(right, t["nation"], size=13, bold=True, align=center)
    _paragraph(right, t["motto"], size=14, bold=True, align=center, underline=True)
    _paragraph(right, t["date"].format(year=year), size=14, italic=True, align=center)

    _paragraph(doc, "")
    _paragraph(doc, t["to"], align=center)
    title = f" ({info.plan_title.strip()})" if info.plan_title.strip() else ""
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    _paragraph(
        doc,
        t["body1"].format(plan=info.plan_number, title=title[:400], issuer=issuer),
        indent=True,
        align=justify,
    )
    _paragraph(doc, t["body2"].format(bot=info.bot_username), indent=True, align=justify)
    _paragraph(doc, t["body3"], indent=True, align=justify)

    foot = doc.add_table(rows=1, cols=2)
    _no_borders(foot)
    left, right = foot.rows[0].cells
    for cell in (left, right):
        _cell_reset(cell)
    _paragraph(left, t["recipients"], size=12, bold=True, italic=True)
    _paragraph(left, t["recipients_list"], size=11)
    _paragraph(right, t["signer"].format(issuer=issuer.upper()), size=14, bold=True, align=center)

    doc.add_page_break()
    _paragraph(doc, t["appendix"], bold=True, align=center)
    _paragraph(doc, t["appendix_sub"].format(year=year), size=13, bold=True, align=center)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Cm(1.1), Cm(4.2), Cm(5.6), Cm(3.0), Cm(2.3))
    headers = (t["col_no"], t["col_agency"], t["col_link"], t["col_qr"], t["col_expires"])
    for cell, text, width in zip(table.rows[0].cells, headers, widths, strict=True):
        _cell_reset(cell)
        cell.width = width
        _paragraph(cell, text, size=12, bold=True, align=center)
    for number, entry in enumerate(entries, 1):
        cells = table.add_row().cells
        for cell, width in zip(cells, widths, strict=True):
            _cell_reset(cell)
            cell.width = width
        _paragraph(cells[0], str(number), size=12, align=center)
        _paragraph(cells[1], entry.agency, size=12)
        _paragraph(cells[2], entry.link, size=11)
        _paragraph(cells[2], f"{t['col_seats']}: {entry.capacity}", size=11, italic=True)
        picture = cells[3].add_paragraph()
        picture.alignment = center
        picture.add_run().add_picture(io.BytesIO(qr_png(entry.link)), width=Cm(QR_WIDTH_CM))
        _paragraph(cells[4], _local(entry.expires_at, tz), size=12, align=center)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def write_link_list(
    entries: Sequence[LetterEntry], info: LetterInfo, tz: ZoneInfo, lang: str = "vi"
) -> bytes:
    """The Excel list: one row per agency with its link, seats and expiry."""
    t = _labels(lang)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = t["sheet"][:31]
    sheet.append([f"{info.plan_number} — {t['sheet']}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([t["col_no"], t["col_agency"], t["col_link"], t["col_seats"], t["col_expires"]])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for number, entry in enumerate(entries, 1):
        sheet.append(
            [number, _clean(entry.agency), entry.link, entry.capacity, _local(entry.expires_at, tz)]
        )
        link_cell = sheet.cell(row=number + 2, column=3)
        link_cell.hyperlink = entry.link
        link_cell.font = Font(color="0563C1", underline="single")
    for column, width in zip("ABCDE", (6, 48, 52, 10, 14), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=3):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def prepare_letter(
    session: AsyncSession,
    plan: Plan,
    *,
    bot_username: str,
    link_for: Callable[[str], str],
    created_by: Member | None,
    now: datetime,
    capacity: int = DEFAULT_CAPACITY,
    lifetime: timedelta = DEFAULT_LINK_LIFETIME,
) -> tuple[list[LetterEntry], LetterInfo]:
    """A fresh join link for every agency of the plan, as the letter's rows (in the caller's
    transaction; the files are written after it commits)."""
    created = await create_plan_links(
        session, plan, created_by=created_by, now=now, capacity=capacity, lifetime=lifetime
    )
    entries = [
        LetterEntry(c.link.agency.name, link_for(c.token), c.link.capacity, c.link.expires_at)
        for c in created
    ]
    return entries, letter_info(plan, bot_username)


def letter_info(plan: Plan, bot_username: str) -> LetterInfo:
    """What the letter says about the plan and who sends it (the coordinating agency when the
    plan names one, else the plan's issuer)."""
    issuer = plan.coordinator.name if plan.coordinator is not None else plan.issuer
    return LetterInfo(plan.number, plan.title or "", issuer or "", bot_username)


def file_stem(text: str) -> str:
    """A safe ASCII file name part ("151/KH-UBND Quý IV/2026" → "151-kh-ubnd-quy-iv-2026")."""
    return re.sub(r"[^0-9A-Za-z]+", "-", strip_diacritics(text)).strip("-").lower() or "plan"
