"""Draft Word report a coordinator can sign, in the layout of the body that reports.

- A state body (Sở, UBND, Văn phòng UBND …) writes per Decree 30/2020/NĐ-CP: the national
  title and motto, the agency under its superior, "Số: …/BC-…", place and date, the type
  and subject with a short rule under them, the cited plan with its date, page numbers,
  Times New Roman 13–14 on A4, recipients and signature.
- A Party body (Tỉnh ủy, Văn phòng Tỉnh ủy, Ban … Tỉnh ủy, Đảng ủy …) writes per Hướng dẫn
  36-HD/VPTW: "ĐẢNG CỘNG SẢN VIỆT NAM" (no state motto), the Party body as author under the
  Party committee, "Số …-BC/TU", the programme called by its own name ("Chương trình hành
  động số 15-CTr/TU").

The body follows the plan's own sections and tasks: one paragraph per task with its lead
agencies' status, percent and note; then obstacles and proposals; then the agencies that have
not reported, named once; an appendix table (task × lead × status × note). Blanks the
coordinator fills before signing (number, day, signer) are left as dotted spaces.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from domain.status import Outcome, ReportStatus
from domain.text import fold, nfc, strip_diacritics
from reports.labels import (
    format_date,
    format_datetime,
    format_percent,
    labels,
    localised,
    normalise_lang,
    outcome_label,
    role_label,
    status_label,
)
from reports.model import (
    AgencyReport,
    ExportRow,
    PlanSummary,
    TaskLine,
    to_local,
)

__all__ = ["write_draft_report"]

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
SMALL_PT = 12
TEXT_WIDTH_CM = 16.0  # 21 cm − 3 cm left − 2 cm right
LEFT_HEAD_CM = 6.0
RIGHT_HEAD_CM = TEXT_WIDTH_CM - LEFT_HEAD_CM
RESULT_WIDTHS_CM = (1.2, 5.6, 3.4, 2.9, 2.9)
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
_NUMBERED = re.compile(r"^\s*(?:\d+|[IVXLC]+)\s*[.)]\s")


def is_party_body(name: str) -> bool:
    """True for a Party body (Tỉnh ủy, Văn phòng Tỉnh ủy, Ban … Tỉnh ủy, Đảng ủy …)."""
    folded = fold(name or "")
    return any(
        marker in folded
        for marker in ("tinh uy", "thanh uy", "huyen uy", "dang uy", "dang doan", "ban can su")
    )


_DOCUMENT_KINDS = (
    ("ctr", "Chương trình hành động", "Action Programme"),
    ("kl", "Kết luận", "Conclusion"),
    ("nq", "Nghị quyết", "Resolution"),
    ("qd", "Quyết định", "Decision"),
    ("ct", "Chỉ thị", "Directive"),
    ("kh", "Kế hoạch", "Plan"),
)


def document_kind(number: str, lang: str = "vi") -> str:
    """What the plan is called, from its number: "15-CTr/TU" → "Chương trình hành động",
    "544-KL/TU" → "Kết luận", "151/KH-UBND" → "Kế hoạch"."""
    folded = fold(number or "")
    for code, vi, en in _DOCUMENT_KINDS:
        if re.search(rf"(?:^|[-/\s\d]){code}(?:$|[-/\s])", folded):
            return vi if normalise_lang(lang) == "vi" else en
    return "Kế hoạch" if normalise_lang(lang) == "vi" else "Plan"


def write_draft_report(
    summary: PlanSummary, reporting_agency: str, generated_at: datetime, lang: str = "vi"
) -> bytes:
    """Build the draft .docx report on one plan and period. The reporting body is the plan's
    coordinator (the body that monitors it), else `reporting_agency`; its kind (state or
    Party) decides the layout."""
    lang = normalise_lang(lang)
    lab = labels(lang)
    summary = localised(summary, lang)
    agency = summary.coordinator or reporting_agency
    party = is_party_body(agency)
    kind = document_kind(summary.plan_number, lang)
    doc = Document()
    _setup_page_and_styles(doc)
    _page_numbers(doc)
    doc.core_properties.author = "dondoc"
    doc.core_properties.title = lab["doc.subtitle"].format(
        kind=kind, plan_number=summary.plan_number, period_label=summary.period_label
    )
    created = to_local(generated_at).astimezone(UTC)  # python-docx writes it with "Z"
    doc.core_properties.created = doc.core_properties.modified = created
    doc.core_properties.comments = ""

    if party:
        _party_header(doc, summary, agency, generated_at, lang)
    else:
        _national_header(doc, summary, agency, generated_at, lang)
    _title(doc, summary, agency, kind, lang)

    _heading(doc, lab["doc.section1"])
    _overview(doc, summary, lang)

    _heading(doc, lab["doc.section2"])
    if summary.tasks:
        _results_by_task(doc, summary.tasks, lang)
    elif summary.rows:
        _results_by_rows(doc, summary.rows, lang)
    else:
        _body(doc, lab["doc.no_data"].format(period_label=summary.period_label))

    _heading(doc, lab["doc.section3"])
    _blockers(doc, summary, lang)
    placeholder = lab["doc.proposal_placeholder"].format(
        coordinator=agency or lab["doc.coordinator_generic"], issuer=summary.issuer
    )
    run = _body(doc, "").add_run(_clean(placeholder))
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW  # to be replaced before signing

    _heading(doc, lab["doc.section4"])
    missing = summary.agencies_missing
    if missing:
        _body(doc, lab["doc.agencies_missing"].format(count=len(missing), names="; ".join(missing)))
    else:
        _body(doc, lab["doc.all_reported"])

    _signature(doc, summary, agency, party, lang)
    if summary.tasks:
        _appendix(doc, summary, kind, lang)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _page_numbers(doc: DocxDocument) -> None:
    """Page numbers centred at the top from the second page (Decree 30/2020, Appendix I)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
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
    run.font.size = Pt(SMALL_PT + 1)


# --------------------------------------------------------------------------- layout helpers


def _setup_page_and_styles(doc: DocxDocument) -> None:
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


def _para(
    container: DocxDocument | _Cell,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: int | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    space_after: float | None = None,
) -> Paragraph:
    paragraph = container.add_paragraph()
    if text:
        _run(paragraph, text, bold=bold, italic=italic, size=size)
    if align is not None:
        paragraph.alignment = align
    if space_after is not None:
        paragraph.paragraph_format.space_after = Pt(space_after)
    return paragraph


def _run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int | None = None,
) -> None:
    # Keep line breaks typed in notes as real line breaks.
    for index, line in enumerate(_clean(text).split("\n")):
        if index:
            paragraph.add_run().add_break()
        run = paragraph.add_run(line)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)


_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """NFC, and no characters that XML cannot hold."""
    return _XML_ILLEGAL.sub("", nfc(text))


def _body(doc: DocxDocument, text: str, *, indent: bool = True) -> Paragraph:
    paragraph = _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    return paragraph


def _heading(doc: DocxDocument, text: str) -> Paragraph:
    paragraph = _para(doc, text, bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _rule(cell: _Cell, width_cm: float, cell_width_cm: float) -> None:
    """A short centred horizontal line under a header block."""
    paragraph = cell.add_paragraph()
    side = Cm(max((cell_width_cm - width_cm) / 2, 0))
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    paragraph.paragraph_format.space_after = Pt(6)
    paragraph.paragraph_format.line_spacing = Pt(2)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_PBDR)  # Word insists on schema order


def _borderless_table(doc: DocxDocument, widths_cm: Sequence[float]) -> Table:
    table = doc.add_table(rows=1, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, width in zip(table.rows[0].cells, widths_cm, strict=True):
        cell.width = Cm(width)
        _first_paragraph_reset(cell)
    _set_widths(table, widths_cm)  # the grid too, or LibreOffice splits the page evenly
    return table


def _first_paragraph_reset(cell: _Cell) -> None:
    """A new cell holds one empty paragraph; drop it so add_paragraph starts at the top."""
    for paragraph in list(cell.paragraphs):
        if not paragraph.text:
            paragraph._p.getparent().remove(paragraph._p)


def _set_widths(table: Table, widths_cm: Sequence[float]) -> None:
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=False):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(width)


def _repeat_header(row_element: object) -> None:
    trpr = row_element.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


# --------------------------------------------------------------------------- header & title


def _superior_body(issuer: str, reporting_agency: str) -> str:
    """The body above the reporting agency, upper-cased ("UBND TỈNH QUẢNG NGÃI")."""
    if not issuer or fold(issuer) == fold(reporting_agency):
        return ""
    text = nfc(issuer).strip()
    if fold(text).startswith("uy ban nhan dan "):
        text = "UBND " + text[len("uy ban nhan dan ") :]
    return text.upper()


def _place(issuer: str) -> str:
    """Province or city named in the issuer ("UBND tỉnh Quảng Ngãi" → "Quảng Ngãi")."""
    text = nfc(issuer or "").strip()
    folded = strip_diacritics(text).lower()
    if len(folded) != len(text):
        return ""
    match = re.search(r"\b(?:tinh uy|thanh uy|tinh|thanh pho|tp\.?)\s+(\S.*)$", folded)
    return text[match.start(1) :].strip() if match else ""


def _abbreviation(agency: str) -> str:
    """Initials for the document number ("Sở Xây dựng" → "SXD", "Sở KH&ĐT" → "SKHĐT")."""
    parts: list[str] = []
    for word in nfc(agency).split():
        letters = re.sub(r"[^\w]|\d|_", "", word)
        if not letters:
            continue
        ascii_letters = strip_diacritics(letters)
        if len(letters) > 1 and ascii_letters.isupper():
            parts.append(letters)
        else:
            parts.append(letters[0].upper())
    return "".join(parts)[:12] or "…"


def _signer_title(agency: str, lang: str) -> str:
    if lang != "vi":
        return labels(lang)["doc.signer_generic"]
    key = fold(agency)
    if key.startswith("so "):
        return "GIÁM ĐỐC"
    if key.startswith("van phong"):
        return "CHÁNH VĂN PHÒNG"
    if key.startswith(("ubnd", "uy ban nhan dan")):
        return "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    if key.startswith("ban "):
        return "TRƯỞNG BAN"
    return labels(lang)["doc.signer_generic"]


def _national_header(
    doc: DocxDocument, summary: PlanSummary, agency: str, generated_at: datetime, lang: str
) -> None:
    lab = labels(lang)
    center = WD_ALIGN_PARAGRAPH.CENTER
    left, right = _borderless_table(doc, (LEFT_HEAD_CM, RIGHT_HEAD_CM)).rows[0].cells

    superior = _superior_body(summary.issuer, agency)
    _para(left, superior or " ", size=13, align=center, space_after=0)
    _para(left, nfc(agency).upper(), bold=True, size=13, align=center, space_after=0)
    _rule(left, 2.5, LEFT_HEAD_CM)
    _para(
        left,
        lab["doc.number"].format(abbr=_abbreviation(agency)),
        size=13,
        align=center,
        space_after=0,
    )

    _para(right, lab["doc.nation"], bold=True, size=12, align=center, space_after=0)
    _para(right, lab["doc.motto"], bold=True, size=14, align=center, space_after=0)
    _rule(right, 5.5, RIGHT_HEAD_CM)
    place = _place(summary.issuer) or lab["doc.place_blank"]
    _para(
        right,
        lab["doc.place_date"].format(place=place, year=to_local(generated_at).year),
        italic=True,
        size=14,
        align=center,
        space_after=0,
    )


def _party_header(
    doc: DocxDocument, summary: PlanSummary, agency: str, generated_at: datetime, lang: str
) -> None:
    """Hướng dẫn 36-HD/VPTW: the Party committee above the author, the author, a star, the
    number; "ĐẢNG CỘNG SẢN VIỆT NAM" underlined on the right, then place and date."""
    lab = labels(lang)
    center = WD_ALIGN_PARAGRAPH.CENTER
    left, right = _borderless_table(doc, (LEFT_HEAD_CM, RIGHT_HEAD_CM)).rows[0].cells
    place = _place(summary.issuer)
    folded = fold(agency)
    if folded.startswith(("tinh uy", "ban thuong vu tinh uy", "ban chap hanh")):
        upper = lab["doc.party_committee"].format(place=place.upper()) if place else ""
        author = "TỈNH ỦY"
    else:
        upper = lab["doc.party_parent"].format(place=place.upper()) if place else ""
        author = re.sub(r"(?i)\s+t[ỉi]nh\s+[ủu]y$", "", nfc(agency).strip()).upper()
    if upper:
        _para(left, upper.strip(), size=14, align=center, space_after=0)
    _para(left, author, bold=True, size=14, align=center, space_after=0)
    _para(left, "*", size=14, align=center, space_after=0)
    _para(
        left,
        lab["doc.party_number"].format(abbr=_party_abbreviation(agency)),
        size=14,
        align=center,
        space_after=0,
    )
    title = _para(right, lab["doc.party_title"], bold=True, size=15, align=center, space_after=0)
    title.runs[0].underline = True
    _para(right, "", space_after=0)
    _para(
        right,
        lab["doc.place_date"].format(
            place=place or lab["doc.place_blank"], year=to_local(generated_at).year
        ),
        italic=True,
        size=14,
        align=center,
        space_after=0,
    )


def _party_abbreviation(agency: str) -> str:
    """ "Tỉnh ủy" → "TU", "Văn phòng Tỉnh ủy" → "VPTU", "Ban Tổ chức Tỉnh ủy" → "BTCTU"."""
    folded = fold(agency)
    if folded.startswith("tinh uy"):
        return "TU"
    words = [w for w in re.sub(r"[^a-z0-9 ]", " ", folded).split() if w not in ("va", "cac")]
    if folded.endswith("tinh uy") and len(words) > 2:
        return "".join(w[0] for w in words[:-2]).upper() + "TU"
    return _abbreviation(agency)


def _title(doc: DocxDocument, summary: PlanSummary, agency: str, kind: str, lang: str) -> None:
    """Type and subject, a short rule under them, then the paragraph citing the plan with its
    date and issuer."""
    lab = labels(lang)
    center = WD_ALIGN_PARAGRAPH.CENTER
    title = _para(doc, lab["doc.title"], bold=True, size=14, align=center, space_after=0)
    title.paragraph_format.space_before = Pt(18)
    subtitle = lab["doc.subtitle"].format(
        kind=kind, plan_number=summary.plan_number, period_label=summary.period_label
    )
    _para(doc, subtitle, bold=True, size=14, align=center, space_after=0)
    rule = doc.add_paragraph()
    rule.alignment = center
    rule.paragraph_format.space_after = Pt(12)
    _run(rule, "-----", size=13)

    dated = (
        lab["doc.dated"].format(date=format_date(summary.issued_on)) if summary.issued_on else ""
    )
    key = "doc.intro" if summary.plan_title else "doc.intro_no_title"
    plan_title = summary.plan_title
    if plan_title and lang == "vi":
        plan_title = (
            plan_title[:1].lower() + plan_title[1:] if plan_title[1:2].islower() else plan_title
        )
    _body(
        doc,
        lab[key].format(
            kind=kind,
            plan_number=summary.plan_number,
            dated=dated,
            issuer=summary.issuer,
            plan_title=plan_title,
            agency=agency,
            period_label=summary.period_label,
        ),
    )


# --------------------------------------------------------------------------- sections


def _overview(doc: DocxDocument, summary: PlanSummary, lang: str) -> None:
    """Two figures in their own units: tasks per class (with blocked and not started kept
    visible) and agencies that reported."""
    lab = labels(lang)
    if summary.is_empty:
        _body(doc, lab["doc.no_data"].format(period_label=summary.period_label))
    else:
        total = summary.total
        parts = []
        for outcome in Outcome:
            count = summary.counts[outcome]
            text = lab["doc.outcome_part"].format(
                label=outcome_label(outcome, lang).lower()
                if lang == "vi"
                else outcome_label(outcome, lang),
                count=count,
            )
            blocked, idle = summary.blocked[outcome], summary.not_started[outcome]
            if blocked or idle:
                text += lab["doc.outcome_sub"].format(blocked=blocked, not_started=idle)
            parts.append(text)
        _body(doc, lab["doc.total"].format(total=total, parts="; ".join(parts)))
        _body(
            doc,
            lab["doc.completion"].format(
                rate=format_percent(summary.completion_rate, lang),
                done=summary.done,
                total=total,
            ),
        )
    if summary.agencies:
        deadline = (
            lab["doc.deadline_suffix"].format(deadline=format_date(summary.period_deadline))
            if summary.period_deadline
            else ""
        )
        _body(
            doc,
            lab["doc.agencies_reported"].format(
                full=summary.agencies_reported, count=summary.agency_count, deadline=deadline
            ),
        )


def _lead_text(report: AgencyReport, lang: str) -> str:
    """ "Sở Xây dựng: đang thực hiện (70%), đã trình dự thảo" """
    state = status_label(report.status, lang)
    if lang == "vi":
        state = state[:1].lower() + state[1:]
    if report.percent is not None and report.status is not ReportStatus.DONE:
        state += f" ({report.percent}%)"
    note = _one_line(report.note).rstrip(" .;")
    return f"{report.agency}: {state}" + (f", {note}" if note else "")


def _task_paragraph(doc: DocxDocument, task: TaskLine, lang: str) -> None:
    """One paragraph per task: reference and title, its status for the period, what each
    lead that reported said, how many leads have not reported (named once, in section IV)."""
    lab = labels(lang)
    paragraph = _body(doc, "")
    _run(paragraph, f"{task.ref}. " if task.ref else "", bold=True)
    _run(paragraph, _one_line(task.title).rstrip(" .;:"), italic=True)
    if task.due:
        _run(
            paragraph,
            lab["doc.deadline_suffix"].format(deadline=format_date(task.due)),
            italic=True,
        )
    state = outcome_label(task.outcome, lang)
    if task.flag:
        state += lab["doc.flag"].format(flag=lab[f"xlsx.flag.{task.flag}"].lower())
    _run(paragraph, f": {state}. ", bold=True)
    reported = [r for r in task.leads if r.status is not None]
    silent = [r for r in task.leads if r.status is None]
    sentences = [_lead_text(r, lang) for r in reported]
    if sentences:
        _run(paragraph, "; ".join(sentences) + ". ")
    if silent:
        if len(silent) == 1 and not reported:
            _run(paragraph, lab["doc.lead_silent_one"].format(agency=silent[0].agency))
        else:
            _run(paragraph, lab["doc.leads_silent"].format(count=len(silent)))
    if not task.leads:
        _run(paragraph, lab["doc.no_lead"])
    supports = [r for r in task.supports if r.status is not None]
    if supports:
        _run(
            paragraph,
            " "
            + lab["doc.supports"].format(names="; ".join(_lead_text(r, lang) for r in supports)),
            size=SMALL_PT + 1,
        )


def _results_by_task(doc: DocxDocument, tasks: Sequence[TaskLine], lang: str) -> None:
    other = labels(lang)["doc.other_group"]
    current: str | None = None
    number = 0
    for task in tasks:
        group = (task.group or "").strip() or other
        if group != current:
            number += 1
            current = group
            _heading(doc, group if _NUMBERED.match(group) else f"{number}. {group}")
        _task_paragraph(doc, task, lang)


def _appendix(doc: DocxDocument, summary: PlanSummary, kind: str, lang: str) -> None:
    """PHỤ LỤC on its own page: task × lead × status × note; leads that have not reported
    are one row per task."""
    lab = labels(lang)
    doc.add_page_break()
    _para(doc, lab["doc.appendix"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(
        doc,
        lab["doc.appendix_subtitle"].format(
            kind=kind, plan_number=summary.plan_number, period_label=summary.period_label
        ),
        italic=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    table = doc.add_table(rows=1, cols=len(RESULT_WIDTHS_CM))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    headers = ("doc.table_stt", "doc.table_task", "doc.table_lead", "doc.table_status")
    headers += ("doc.table_note",)
    for cell, key in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        _run(cell.paragraphs[0], lab[key], bold=True, size=TABLE_PT)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    _repeat_header(table.rows[0]._tr)
    for index, task in enumerate(summary.tasks, start=1):
        reported = [r for r in task.leads if r.status is not None]
        silent = [r for r in task.leads if r.status is None]
        lines: list[tuple[str, str, str]] = []
        for r in reported:
            state = status_label(r.status, lang)
            if r.percent is not None and r.status is not ReportStatus.DONE:
                state += f" ({r.percent}%)"
            lines.append((r.agency, state, _one_line(r.note)))
        if silent:
            names = (
                silent[0].agency
                if len(silent) == 1
                else lab["doc.leads_count"].format(count=len(silent))
            )
            lines.append((names, lab["doc.no_report"], ""))
        if not lines:
            lines.append(("", outcome_label(task.outcome, lang), ""))
        for position, (who, state, note) in enumerate(lines):
            first = position == 0
            values = (
                str(index) if first else "",
                _task_text(task.ref, _short(task.title)) if first else "",
                who,
                state,
                note,
            )
            cells = table.add_row().cells
            for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
                paragraph = cell.paragraphs[0]
                _run(paragraph, value, size=TABLE_PT)
                paragraph.paragraph_format.space_after = Pt(0)
                paragraph.paragraph_format.line_spacing = 1.0
                if column == 0:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_widths(table, RESULT_WIDTHS_CM)


def _short(text: str, limit: int = 160) -> str:
    """A task title cut at a word near `limit` characters, for the appendix."""
    text = _one_line(text)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _group_tasks(
    rows: Iterable[ExportRow], lang: str
) -> list[tuple[str, list[tuple[str, str, list[ExportRow]]]]]:
    """Rows grouped by task group, then by task, in first-seen order; leads first."""
    other = labels(lang)["doc.other_group"]
    groups: dict[str, dict[tuple[str, str], list[ExportRow]]] = {}
    for row in rows:
        group = (row.task_group or "").strip() or other
        groups.setdefault(group, {}).setdefault((row.task_ref, row.task_title), []).append(row)
    result = []
    for group, tasks in groups.items():
        items = [
            (ref, title, sorted(task_rows, key=lambda r: not r.is_lead))
            for (ref, title), task_rows in tasks.items()
        ]
        result.append((group, items))
    return result


def _one_line(text: str | None) -> str:
    """Collapse whitespace and line breaks."""
    return " ".join((text or "").split())


def _task_text(ref: str, title: str) -> str:
    return f"{ref}. {title}" if ref else title


def _agency_line(row: ExportRow, lang: str) -> str:
    lab = labels(lang)
    role = role_label(row.role, lang).lower()
    if row.status is None:
        state = lab["doc.no_report"]
    else:
        state = status_label(row.status, lang)
        if row.percent is not None and row.status is not ReportStatus.DONE:
            state += f" ({row.percent}%)"
    note = _one_line(row.note)
    text = f"- {row.agency} ({role}): {state}"
    if note:
        text += f"; {note}"
    if row.outcome in (Outcome.OVERDUE, Outcome.DONE_LATE):
        text += f" [{outcome_label(row.outcome, lang)}]"
    return text.rstrip(".;") + "."


def _results_by_rows(doc: DocxDocument, rows: Sequence[ExportRow], lang: str) -> None:
    """Without task lines (older callers): the rows grouped by task."""
    lab = labels(lang)
    for number, (group, tasks) in enumerate(_group_tasks(rows, lang), start=1):
        heading = group if _NUMBERED.match(group) else f"{number}. {group}"
        _heading(doc, heading)
        for ref, title, task_rows in tasks:
            paragraph = _body(doc, "")
            _run(paragraph, f"{ref}. " if ref else "", bold=True, italic=True)
            _run(paragraph, title, italic=True)
            deadlines = sorted({r.deadline for r in task_rows if r.deadline})
            if deadlines:
                suffix = lab["doc.deadline_suffix"].format(deadline=format_date(deadlines[-1]))
                _run(paragraph, suffix, italic=True)
            paragraph.paragraph_format.keep_with_next = True
            for row in task_rows:
                _body(doc, _agency_line(row, lang))


def _blockers(doc: DocxDocument, summary: PlanSummary, lang: str) -> None:
    lab = labels(lang)
    if not summary.blockers:
        _body(doc, lab["doc.no_blockers"])
        return
    for blocker in summary.blockers:
        paragraph = _body(doc, "")
        _run(paragraph, f"- {blocker.agency}", bold=True)
        task = (
            f"{blocker.task_ref}. {blocker.task_title}" if blocker.task_ref else blocker.task_title
        )
        _run(paragraph, f" ({task}): ", italic=True)
        _run(paragraph, " ".join(blocker.note.split()).rstrip("."))
        by = lab["doc.blocker_by"].format(name=blocker.reported_by) if blocker.reported_by else ""
        when = lab["doc.blocker_when"].format(when=format_datetime(blocker.reported_at), by=by)
        _run(paragraph, when + ".", italic=True, size=SMALL_PT)


def _signature(
    doc: DocxDocument, summary: PlanSummary, agency: str, party: bool, lang: str
) -> None:
    lab = labels(lang)
    _para(doc, "", space_after=0)
    left, right = _borderless_table(doc, (7.5, TEXT_WIDTH_CM - 7.5)).rows[0].cells
    _para(left, lab["doc.recipients"], bold=not party, italic=not party, size=12, space_after=0)
    if summary.issuer and fold(summary.issuer) != fold(agency):
        upper = lab["doc.recipient_upper"].format(issuer=summary.issuer)
        _para(left, upper, size=11, space_after=0)
    _para(left, lab["doc.recipient_archive"], size=11, space_after=0)

    center = WD_ALIGN_PARAGRAPH.CENTER
    title = _party_signer(agency, lang) if party else _signer_title(agency, lang)
    _para(right, title, bold=True, size=14, align=center, space_after=0)
    if not party:
        _para(right, lab["doc.signer_hint"], italic=True, size=13, align=center, space_after=0)
    for _ in range(3):
        _para(right, "", space_after=0)
    _para(right, lab["doc.signer_name"], bold=True, size=14, align=center, space_after=0)


def _party_signer(agency: str, lang: str) -> str:
    """Hướng dẫn 36: "T/M BAN THƯỜNG VỤ" for the committee, "CHÁNH VĂN PHÒNG" …"""
    if lang != "vi":
        return labels(lang)["doc.signer_generic"]
    folded = fold(agency)
    if folded.startswith("tinh uy") or folded.startswith("ban thuong vu"):
        return "T/M BAN THƯỜNG VỤ\nBÍ THƯ"
    if folded.startswith("van phong"):
        return "CHÁNH VĂN PHÒNG"
    if folded.startswith("uy ban kiem tra"):
        return "T/M ỦY BAN KIỂM TRA\nCHỦ NHIỆM"
    if folded.startswith("ban "):
        return "TRƯỞNG BAN"
    if folded.startswith("dang uy"):
        return "T/M BAN THƯỜNG VỤ\nBÍ THƯ"
    return labels(lang)["doc.signer_generic"]
