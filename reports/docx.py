"""Draft Word report in the usual Vietnamese administrative layout (Decree 30/2020/NĐ-CP).

A4, Times New Roman, margins 2/2/3/2 cm; national header table, title, sections
I–IV, a results table, recipients and a signature block. The coordinator edits the
draft before signing, so blanks (number, day, signer) are left as dotted spaces.
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
    normalise_lang,
    outcome_label,
    role_label,
    status_label,
)
from reports.model import DONE_OUTCOMES, ExportRow, PlanSummary, to_local

__all__ = ["write_draft_report"]

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
SMALL_PT = 12
TEXT_WIDTH_CM = 16.0  # 21 cm − 3 cm left − 2 cm right
LEFT_HEAD_CM = 6.5
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


def write_draft_report(
    summary: PlanSummary, reporting_agency: str, generated_at: datetime, lang: str = "vi"
) -> bytes:
    """Build the draft .docx report of ``reporting_agency`` on one plan and period."""
    lang = normalise_lang(lang)
    lab = labels(lang)
    doc = Document()
    _setup_page_and_styles(doc)
    doc.core_properties.author = "dondoc"
    doc.core_properties.title = lab["doc.subtitle"].format(
        plan_number=summary.plan_number, period_label=summary.period_label
    )
    created = to_local(generated_at).astimezone(UTC)  # python-docx writes it with "Z"
    doc.core_properties.created = doc.core_properties.modified = created
    doc.core_properties.comments = ""

    _national_header(doc, summary, reporting_agency, generated_at, lang)
    _title(doc, summary, reporting_agency, lang)

    _heading(doc, lab["doc.section1"])
    _overview(doc, summary, lang)

    _heading(doc, lab["doc.section2"])
    if summary.rows:
        _results_by_task(doc, summary.rows, lang)
        _results_table(doc, summary.rows, lang)
    else:
        _body(doc, lab["doc.no_data"].format(period_label=summary.period_label))

    _heading(doc, lab["doc.section3"])
    _blockers(doc, summary, lang)

    _heading(doc, lab["doc.section4"])
    placeholder = lab["doc.proposal_placeholder"].format(
        coordinator=summary.coordinator or reporting_agency or lab["doc.coordinator_generic"],
        issuer=summary.issuer,
    )
    run = _body(doc, "").add_run(_clean(placeholder))
    run.italic = True
    run.font.highlight_color = WD_COLOR_INDEX.YELLOW  # to be replaced before signing

    _signature(doc, summary, reporting_agency, lang)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


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

    _para(right, lab["doc.nation"], bold=True, size=13, align=center, space_after=0)
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


def _title(doc: DocxDocument, summary: PlanSummary, agency: str, lang: str) -> None:
    lab = labels(lang)
    center = WD_ALIGN_PARAGRAPH.CENTER
    title = _para(doc, lab["doc.title"], bold=True, size=14, align=center, space_after=0)
    title.paragraph_format.space_before = Pt(18)
    subtitle = lab["doc.subtitle"].format(
        plan_number=summary.plan_number, period_label=summary.period_label
    )
    _para(doc, subtitle, bold=True, size=14, align=center, space_after=12)

    key = "doc.intro" if summary.plan_title else "doc.intro_no_title"
    plan_title = summary.plan_title
    if plan_title and lang == "vi":
        plan_title = (
            plan_title[:1].lower() + plan_title[1:] if plan_title[1:2].islower() else plan_title
        )
    _body(
        doc,
        lab[key].format(
            plan_number=summary.plan_number,
            issuer=summary.issuer,
            plan_title=plan_title,
            agency=agency,
            period_label=summary.period_label,
        ),
    )


# --------------------------------------------------------------------------- sections


def _overview(doc: DocxDocument, summary: PlanSummary, lang: str) -> None:
    lab = labels(lang)
    if summary.is_empty:
        _body(doc, lab["doc.no_data"].format(period_label=summary.period_label))
    else:
        total = summary.total
        _body(doc, lab["doc.total"].format(total=total))
        outcomes = list(Outcome)
        for index, outcome in enumerate(outcomes):
            count = summary.counts[outcome]
            line = lab["doc.outcome_line"].format(
                label=outcome_label(outcome, lang),
                count=count,
                share=format_percent(count / total if total else 0.0, lang),
            )
            if index == len(outcomes) - 1:
                line = line.rstrip(";") + "."
            _body(doc, line)
        _body(
            doc,
            lab["doc.completion"].format(
                rate=format_percent(summary.completion_rate, lang),
                done=summary.done,
                total=total,
            ),
        )
    if summary.period_deadline:
        _body(doc, lab["doc.period_deadline"].format(deadline=format_date(summary.period_deadline)))
    if summary.agencies:
        full = sum(1 for a in summary.agencies if a.missing == 0)
        _body(doc, lab["doc.agencies_reported"].format(full=full, count=len(summary.agencies)))
        missing = [a.agency for a in summary.agencies if a.missing > 0]
        if missing:
            _body(doc, lab["doc.agencies_missing"].format(names="; ".join(missing)))


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


def _results_by_task(doc: DocxDocument, rows: Sequence[ExportRow], lang: str) -> None:
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


def _results_table(doc: DocxDocument, rows: Sequence[ExportRow], lang: str) -> None:
    lab = labels(lang)
    caption = _para(doc, lab["doc.table_caption"], bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.keep_with_next = True

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

    index = 0
    for _, tasks in _group_tasks(rows, lang):
        for ref, title, task_rows in tasks:
            index += 1
            leads = [r for r in task_rows if r.is_lead] or task_rows[:1]
            task_text = _task_text(ref, title)
            agencies = "\n".join(r.agency for r in leads)
            states = []
            for r in leads:
                state = outcome_label(r.outcome, lang)
                if r.percent is not None and r.outcome not in DONE_OUTCOMES:
                    state += f" ({r.percent}%)"
                states.append(state)
            if len(leads) == 1:
                notes = _one_line(leads[0].note)
            else:
                notes = "\n".join(
                    f"{r.agency}: {' '.join(r.note.split())}" for r in leads if r.note
                )
            values = (str(index), task_text, agencies, "\n".join(dict.fromkeys(states)), notes)
            cells = table.add_row().cells
            for column, (cell, value) in enumerate(zip(cells, values, strict=True)):
                paragraph = cell.paragraphs[0]
                _run(paragraph, value, size=TABLE_PT)
                paragraph.paragraph_format.space_after = Pt(0)
                paragraph.paragraph_format.line_spacing = 1.0
                if column == 0:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_widths(table, RESULT_WIDTHS_CM)
    _para(doc, "", space_after=0)


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


def _signature(doc: DocxDocument, summary: PlanSummary, agency: str, lang: str) -> None:
    lab = labels(lang)
    _para(doc, "", space_after=0)
    left, right = _borderless_table(doc, (7.5, TEXT_WIDTH_CM - 7.5)).rows[0].cells
    _para(left, lab["doc.recipients"], bold=True, italic=True, size=12, space_after=0)
    if summary.issuer and fold(summary.issuer) != fold(agency):
        upper = lab["doc.recipient_upper"].format(issuer=summary.issuer)
        _para(left, upper, size=11, space_after=0)
    _para(left, lab["doc.recipient_archive"], size=11, space_after=0)

    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(right, _signer_title(agency, lang), bold=True, size=14, align=center, space_after=0)
    _para(right, lab["doc.signer_hint"], italic=True, size=13, align=center, space_after=0)
    for _ in range(3):
        _para(right, "", space_after=0)
    _para(right, lab["doc.signer_name"], bold=True, size=14, align=center, space_after=0)
