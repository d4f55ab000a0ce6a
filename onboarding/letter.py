"""The công văn asking each agency to name its focal officer (cán bộ đầu mối), in the form of
its author (`reports.author`): a department writes per Decree 30/2020/NĐ-CP under its
governing body ("UBND TỈNH QUẢNG NGÃI / SỞ XÂY DỰNG", "Số: …/SXD", "V/v …", place and date,
signed "GIÁM ĐỐC"), a Party body per Hướng dẫn 36-HD/VPTW. It cites the plan as a clerk does
("Thực hiện Kế hoạch số 151/KH-UBND ngày 22/9/2022 của UBND tỉnh Quảng Ngãi về …") and ends
with an appendix table of one row per agency carrying its join link and a QR code of it; the
same links as an Excel list that prints on A4 landscape.

Blanks the clerk fills before signing (number, day) are left empty; the signer's title stands
over an empty signature space."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import segno
import xlsxwriter
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt
from docx.table import _Cell
from sqlalchemy.ext.asyncio import AsyncSession

from domain.text import strip_diacritics
from onboarding.links import DEFAULT_CAPACITY, DEFAULT_LINK_LIFETIME, create_plan_links
from plans.registry import deployment_province
from reports.author import Author, author_for
from reports.citation import CitedPlan, clerk_date
from reports.labels import labels, normalise_lang
from reports.letterhead import (
    CENTER,
    JUSTIFY,
    date_line,
    header,
    page_numbers,
    para,
    repeat_header,
    save,
    set_widths,
    setup_page,
    signature,
)
from reports.xlsx import page_footer, row_height, setup_print
from storage.models import Member, Plan

QR_SCALE = 4
QR_WIDTH_CM = 2.6
APPENDIX_WIDTHS_CM = (1.3, 4.0, 5.4, 2.8, 2.5)
LIST_WIDTHS = (5.0, 40.0, 62.0, 10.0, 12.0)
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
    """The plan the letter is about and who writes it."""

    plan_number: str
    plan_title: str
    author: Author
    bot_username: str
    issuer: str = ""  # the plan's issuer, cited in the letter
    issued_on: date | None = None
    plan_kind: str | None = None

    @property
    def cited(self) -> CitedPlan:
        return CitedPlan(
            self.plan_number, self.issuer, self.issued_on, self.plan_title, self.plan_kind
        )


def qr_png(link: str) -> bytes:
    """The QR code of a link as a PNG (error correction M, a quiet zone of 4 modules)."""
    out = io.BytesIO()
    segno.make(link, error="m", micro=False).save(out, kind="png", scale=QR_SCALE, border=4)
    return out.getvalue()


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _local(moment: datetime, tz: ZoneInfo) -> str:
    """The day a link expires, as a clerk writes it ("9/1/2027")."""
    return clerk_date(moment.astimezone(tz).date())


def _cell(
    cell: _Cell,
    text: str,
    *,
    size: float = 12,
    bold: bool = False,
    italic: bool = False,
    center: bool = False,
) -> None:
    paragraph = para(
        cell, text, bold=bold, italic=italic, size=size, space_after=0, line_spacing=1.0
    )
    if center:
        paragraph.alignment = CENTER


def _recipients(author: Author, lab: Mapping[str, str]) -> list[str]:
    lines = [lab["letter.recipient_as_above"]]
    if author.governing_name:
        lines.append(lab["letter.recipient_upper"].format(body=author.governing_name))
    lines.append(lab[f"doc.recipient_archive.{author.form}"].format(author=author.name))
    return lines


def write_letter(
    entries: Sequence[LetterEntry], info: LetterInfo, now: datetime, tz: ZoneInfo, lang: str = "vi"
) -> bytes:
    """The Word letter: header, body, recipients, signature, then the appendix table."""
    lab = labels(normalise_lang(lang))
    author = info.author
    cited = info.cited
    year = now.astimezone(tz).year
    doc = Document()
    setup_page(doc)
    page_numbers(doc)
    doc.core_properties.author = "dondoc"

    header(
        doc,
        author,
        lab,
        number=author.number(lab, "letter"),
        date_line=date_line(author, lab, year),
        subject=lab["letter.subject"].format(plan=cited.name(lab)),
    )
    to = para(doc, lab["letter.to"], align=CENTER, space_after=6)
    to.paragraph_format.space_before = Pt(18)
    for key in ("letter.body1", "letter.body2", "letter.body3"):
        text = lab[key].format(citation=cited.full(lab), author=author.name, bot=info.bot_username)
        paragraph = para(doc, _clean(text), align=JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Cm(1)
    signature(doc, author, lab, _recipients(author, lab))

    doc.add_page_break()
    para(doc, lab["letter.appendix"], bold=True, align=CENTER, space_after=0)
    para(doc, lab["letter.appendix_title"], bold=True, align=CENTER, space_after=0)
    para(
        doc,
        lab["letter.appendix_attached"].format(
            code=author.code(lab, "letter"), year=year, author=author.name
        ),
        italic=True,
        size=13,
        align=CENTER,
    )
    table = doc.add_table(rows=1, cols=len(APPENDIX_WIDTHS_CM))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    headers = ("letter.col_no", "letter.col_agency", "letter.col_link", "letter.col_qr")
    headers += ("letter.col_expires",)
    for cell, key in zip(table.rows[0].cells, headers, strict=True):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        _cell(cell, lab[key], bold=True, center=True)
    repeat_header(table.rows[0]._tr)
    for number, entry in enumerate(entries, 1):
        cells = table.add_row().cells
        for cell in cells:
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        _cell(cells[0], str(number), center=True)
        _cell(cells[1], _clean(entry.agency))
        _cell(cells[2], entry.link, size=11)
        _cell(cells[2], f"{lab['letter.col_seats']}: {entry.capacity}", size=11, italic=True)
        picture = cells[3].add_paragraph()
        picture.alignment = CENTER
        picture.add_run().add_picture(io.BytesIO(qr_png(entry.link)), width=Cm(QR_WIDTH_CM))
        _cell(cells[4], _local(entry.expires_at, tz), center=True)
    set_widths(table, APPENDIX_WIDTHS_CM)
    return save(doc)


def write_link_list(
    entries: Sequence[LetterEntry], info: LetterInfo, tz: ZoneInfo, lang: str = "vi"
) -> bytes:
    """The Excel list: a title, then one row per agency with its link, seats and expiry;
    A4 landscape one page across, the header row repeated, names wrapped."""
    lab = labels(normalise_lang(lang))
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_urls": False})
    sheet = book.add_worksheet(lab["letter.sheet"][:31])
    border = {"border": 1, "border_color": "#9E9E9E", "valign": "top"}
    title = book.add_format({"bold": True, "font_size": 13, "text_wrap": True, "valign": "top"})
    head = book.add_format(
        {**border, "bold": True, "bg_color": "#D9E2F3", "text_wrap": True, "align": "center"}
    )
    text = book.add_format({**border, "text_wrap": True})
    center = book.add_format({**border, "align": "center"})
    link = book.add_format({**border, "text_wrap": True, "font_color": "#0563C1", "underline": 1})
    for column, width in enumerate(LIST_WIDTHS):
        sheet.set_column(column, column, width)
    setup_print(sheet, LIST_WIDTHS, header_rows=2, footer=page_footer(lab))
    heading = _clean(
        lab["letter.list_title"].format(plan=info.cited.name(lab), author=info.author.name)
    )
    sheet.set_row(0, row_height([heading], [sum(LIST_WIDTHS) / 13 * 11]))
    sheet.merge_range(0, 0, 0, len(LIST_WIDTHS) - 1, heading, title)
    headers = ("letter.col_no", "letter.col_agency", "letter.col_link", "letter.col_seats")
    headers += ("letter.col_expires",)
    for column, key in enumerate(headers):
        sheet.write_string(1, column, lab[key], head)
    for number, entry in enumerate(entries, 1):
        row = number + 1
        agency = _clean(entry.agency)
        height = row_height([agency, entry.link], LIST_WIDTHS[1:3])
        if height:
            sheet.set_row(row, height)
        sheet.write_number(row, 0, number, center)
        sheet.write_string(row, 1, agency, text)
        sheet.write_url(row, 2, entry.link, link, string=entry.link)
        sheet.write_number(row, 3, entry.capacity, center)
        sheet.write_string(row, 4, _local(entry.expires_at, tz), center)
    sheet.freeze_panes(2, 0)
    book.close()
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
    province = await deployment_province(session)
    return entries, letter_info(plan, bot_username, province=province)


def letter_info(plan: Plan, bot_username: str, *, province: str | None = None) -> LetterInfo:
    """What the letter says about the plan and who writes it: the coordinating agency when
    the plan names one (in the directory's kind), else the plan's issuer."""
    coordinator = plan.coordinator
    writer = coordinator.name if coordinator is not None else plan.issuer
    author = author_for(
        writer or "",
        issuer=plan.issuer or "",
        kind=coordinator.kind if coordinator is not None else None,
        province=province,
    )
    return LetterInfo(
        plan_number=plan.number,
        plan_title=plan.title or "",
        author=author,
        bot_username=bot_username,
        issuer=plan.issuer or "",
        issued_on=plan.issued_on,
        plan_kind=plan.kind,
    )


def file_stem(text: str) -> str:
    """A safe ASCII file name part ("151/KH-UBND Quý IV/2026" → "151-kh-ubnd-quy-iv-2026")."""
    return re.sub(r"[^0-9A-Za-z]+", "-", strip_diacritics(text)).strip("-").lower() or "plan"
