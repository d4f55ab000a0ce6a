"""Draft Word report a coordinator can sign, in the form of the body that writes it.

The author (`reports.author`) decides the form: a state body writes per Decree 30/2020/NĐ-CP,
a Party body per Hướng dẫn 36-HD/VPTW (`reports.letterhead` draws both). The plan is cited as
a clerk cites it (`reports.citation`): "Thực hiện Kế hoạch số 151/KH-UBND ngày 22/9/2022 của
UBND tỉnh Quảng Ngãi về …, Sở Xây dựng báo cáo …".

The body follows the plan's own sections and tasks: one paragraph per task with its lead
agencies' status, percent and note (and, for a half-year or a year, what was reported over
the span); then obstacles and proposals; then the agencies that still owe reports — overdue
ones apart from those not yet due, and late ones apart from both; an appendix table
(task × lead × status × note). Notes typed without diacritics are highlighted and flagged,
never copied silently into the official text. Blanks the clerk fills before signing (number,
day) are left empty; the signer's title stands over an empty signature space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from domain.status import Outcome, ReportStatus
from reports.author import Author, author_for, is_party_body
from reports.citation import CitedPlan, clerk_date, clerk_dates, kind_of
from reports.labels import (
    format_percent,
    labels,
    localised,
    normalise_lang,
    outcome_label,
    role_label,
    status_label,
)
from reports.letterhead import (
    CENTER,
    JUSTIFY,
    date_line,
    header,
    page_numbers,
    para,
    repeat_header,
    run,
    save,
    set_widths,
    setup_page,
    signature,
    title_rule,
)
from reports.model import (
    AgencyGroupLine,
    AgencyLine,
    AgencyReport,
    ExportRow,
    HistoryEntry,
    PlanSummary,
    TaskLine,
    fold_groups,
    to_local,
    typed_without_diacritics,
)
from reports.target_rows import counts, qualitative_count, target_rows

__all__ = ["cited_plan", "document_kind", "draft_author", "is_party_body", "write_draft_report"]

TABLE_PT = 12
SMALL_PT = 12
RESULT_WIDTHS_CM = (1.2, 5.6, 3.4, 2.9, 2.9)
_NUMBERED = re.compile(r"^\s*(?:\d+|[IVXLC]+)\s*[.)]\s")


def document_kind(number: str, lang: str = "vi", plan_kind: str | None = None) -> str:
    """What the plan is called, from its kind or its number: "15-CTr/TU" → "Chương trình
    hành động", "544-KL/TU" → "Kết luận", "151/KH-UBND" → "Kế hoạch"."""
    return labels(lang)[f"cite.kind.{kind_of(number, plan_kind)}"]


def cited_plan(summary: PlanSummary) -> CitedPlan:
    """The plan of a summary as documents cite it."""
    return CitedPlan(
        number=summary.plan_number,
        issuer=summary.issuer,
        issued_on=summary.issued_on,
        title=summary.plan_title,
        plan_kind=summary.plan_kind,
    )


def draft_author(summary: PlanSummary, reporting_agency: str) -> Author:
    """Who writes the report: the body that monitors the plan (its coordinator), else the
    agency of the one who asked, in the province of the plan's issuer."""
    return author_for(summary.coordinator or reporting_agency, issuer=summary.issuer)


def write_draft_report(
    summary: PlanSummary,
    reporting_agency: str,
    generated_at: datetime,
    lang: str = "vi",
    *,
    author: Author | None = None,
) -> bytes:
    """Build the draft .docx report on one plan and period, in the form of its author (by
    default `draft_author`: the plan's coordinator, else `reporting_agency`)."""
    lang = normalise_lang(lang)
    lab = labels(lang)
    summary = localised(summary, lang)
    author = author or draft_author(summary, reporting_agency)
    cited = cited_plan(summary)
    year = to_local(generated_at).year
    subtitle = lab["doc.subtitle"].format(plan=cited.name(lab), period_label=summary.period_label)

    doc = Document()
    setup_page(doc)
    page_numbers(doc)
    doc.core_properties.author = "dondoc"
    doc.core_properties.title = subtitle
    created = to_local(generated_at).astimezone(UTC)  # python-docx writes it with "Z"
    doc.core_properties.created = doc.core_properties.modified = created
    doc.core_properties.comments = ""

    header(doc, author, lab, number=author.number(lab), date_line=date_line(author, lab, year))
    title = para(doc, lab["doc.title"], bold=True, size=14, align=CENTER, space_after=0)
    title.paragraph_format.space_before = Pt(18)
    title.paragraph_format.keep_with_next = True
    para(
        doc, subtitle, bold=True, size=14, align=CENTER, space_after=0
    ).paragraph_format.keep_with_next = True
    title_rule(doc, author, subtitle)
    _body(
        doc,
        lab["doc.intro"].format(
            citation=cited.full(lab), author=author.name, period_label=summary.period_label
        ),
    )

    sections = iter(range(1, 10))
    if with_targets(summary):  # a half-year or a year report opens with the targets
        _heading(doc, _numbered(lab["doc.targets_section"], next(sections)))
        _targets(doc, summary, cited.name(lab), lab, lang)

    _heading(doc, _numbered(lab["doc.section1"], next(sections)))
    _overview(doc, summary, lab, lang)

    _heading(doc, _numbered(lab["doc.section2"], next(sections)))
    if summary.tasks:
        _results_by_task(doc, summary, lab, lang)
    elif summary.rows:
        _results_by_rows(doc, summary.rows, lab, lang)
    else:
        _body(doc, lab["doc.no_data"].format(period_label=summary.period_label))

    _heading(doc, _numbered(lab["doc.section3"], next(sections)))
    _blockers(doc, summary, lab)
    placeholder = lab["doc.proposal_placeholder"].format(
        coordinator=author.name, issuer=summary.issuer or author.governing_name
    )
    run(_body(doc, ""), placeholder, italic=True, highlight=True)  # replaced before signing

    _heading(doc, _numbered(lab["doc.section4"], next(sections)))
    _owing(doc, summary, lab)

    signature(doc, author, lab, _recipients(summary, author, lab))
    if summary.tasks:
        _appendix(doc, summary, author, lab, lang, year)

    return save(doc)


def _recipients(summary: PlanSummary, author: Author, lab: Mapping[str, str]) -> list[str]:
    """Whom the report goes to: the plan's issuer and the author's governing body (to report
    to), then the archive."""
    upward: list[str] = []
    for body in (summary.issuer, author.governing_name):
        body = " ".join((body or "").split())
        seen = {b.casefold() for b in upward} | {author.name.casefold()}
        if body and body.casefold() not in seen:
            upward.append(body)
    lines = [lab["doc.recipient_upper"].format(issuer=body) for body in upward]
    lines.append(lab[f"doc.recipient_archive.{author.form}"].format(author=author.name))
    return lines


# --------------------------------------------------------------------------- text helpers


def _body(doc: DocxDocument, text: str, *, indent: bool = True) -> Paragraph:
    paragraph = para(doc, text, align=JUSTIFY)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    return paragraph


def _heading(doc: DocxDocument, text: str) -> Paragraph:
    paragraph = para(doc, text, bold=True, align=JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _one_line(text: str | None) -> str:
    """Collapse whitespace and line breaks."""
    return " ".join((text or "").split())


def _title_text(text: str) -> str:
    """A task or group title as the draft quotes it: one line, dates as a clerk writes them."""
    return clerk_dates(_one_line(text))


def _lower_first(text: str, lang: str) -> str:
    return text[:1].lower() + text[1:] if lang == "vi" and text[1:2].islower() else text


def _note(
    paragraph: Paragraph, note: str, lab: Mapping[str, str], *, size: float | None = None
) -> None:
    """An officer's note as typed (its dates written as the rest of the draft writes them);
    one typed without diacritics is highlighted and flagged so that it is retyped before the
    draft is signed."""
    note = clerk_dates(_one_line(note)).rstrip(" .;")
    if not note:
        return
    if typed_without_diacritics(note):
        run(paragraph, note, size=size, highlight=True)
        run(paragraph, " " + lab["doc.no_diacritics"], italic=True, size=size, highlight=True)
    else:
        run(paragraph, note, size=size)


def _state_text(report: AgencyReport | HistoryEntry, lang: str) -> str:
    """ "đang thực hiện (70%)" """
    state = _lower_first(status_label(report.status, lang), lang)
    if report.percent is not None and report.status is not ReportStatus.DONE:
        state += f" ({report.percent}%)"
    return state


# --------------------------------------------------------------------------- sections

_ROMANS = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
_SECTION_NUMBER = re.compile(r"^[IVXLC]+\.\s*")
TARGET_WIDTHS_CM = (1.3, 5.0, 3.2, 3.9, 2.6)


def _numbered(heading: str, number: int) -> str:
    """A section heading numbered in the order the draft gives its sections."""
    return f"{_ROMANS[number]}. {_SECTION_NUMBER.sub('', heading)}"


def with_targets(summary: PlanSummary) -> bool:
    """A half-year or a year report of a plan with quantitative targets."""
    kinds = {summary.period_kind, *summary.period_also}
    return bool(kinds & {"half_yearly", "yearly"}) and any(
        not t.qualitative for t in summary.targets
    )


def _targets(
    doc: DocxDocument, summary: PlanSummary, plan: str, lab: Mapping[str, str], lang: str
) -> None:
    """ "Kết quả thực hiện các chỉ tiêu": one row per target (indicator, target by year, the
    figure with its date and source, the assessment: docs/counting.md, section 9), the counts
    under it; the qualitative goals are named by their number."""
    _body(doc, lab["doc.targets_intro"].format(plan=plan, period_label=summary.period_label))
    rows = target_rows(summary.targets, lang)
    table = doc.add_table(rows=1, cols=len(TARGET_WIDTHS_CM))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    headers = ("stt", "indicator", "target", "figure", "assessment")
    for cell, key in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        run(cell.paragraphs[0], lab[f"doc.targets_col_{key}"], bold=True, size=TABLE_PT)
        cell.paragraphs[0].alignment = CENTER
        _tight(cell.paragraphs[0])
    repeat_header(table.rows[0]._tr)
    number = 0
    first_cells: list[tuple[object, object]] = []
    for row in rows:
        cells = table.add_row().cells
        if row.first:
            number += 1
            unit = f" ({row.unit})" if row.unit else ""
            values = [str(number), f"{row.indicator}{unit}"]
            first_cells.append((cells[0], cells[1]))
        else:
            values = ["", ""]
            start, name = first_cells[-1]
            start.merge(cells[0])  # type: ignore[attr-defined]
            name.merge(cells[1])  # type: ignore[attr-defined]
        if row.first:
            for column, value in enumerate(values):
                paragraph = cells[column].paragraphs[0]
                run(paragraph, value, size=TABLE_PT)
                _tight(paragraph)
                if column == 0:
                    paragraph.alignment = CENTER
        paragraph = cells[2].paragraphs[0]
        run(
            paragraph,
            lab["doc.target_text"].format(year=row.horizon, target=row.target),
            size=TABLE_PT,
        )
        _tight(paragraph)
        paragraph = cells[3].paragraphs[0]
        if row.figure:
            figure = lab["doc.target_figure"].format(value=row.figure, as_of=row.as_of)
            run(paragraph, figure, size=TABLE_PT)
            if row.source:
                run(
                    paragraph,
                    "\n" + lab["doc.target_source"].format(source=row.source),
                    italic=True,
                    size=SMALL_PT - 1,
                )
        _tight(paragraph)
        paragraph = cells[4].paragraphs[0]
        run(paragraph, row.assessment, bold=row.assessment_key != "no_figure", size=TABLE_PT)
        paragraph.alignment = CENTER
        _tight(paragraph)
    set_widths(table, TARGET_WIDTHS_CM)
    found = counts(summary.targets)
    _body(
        doc, lab["doc.targets_counts"].format(count=len(rows), **found)
    ).paragraph_format.space_before = Pt(6)
    qualitative = qualitative_count(summary.targets)
    if qualitative:
        _body(doc, lab["doc.targets_qualitative"].format(count=qualitative))


def _overview(doc: DocxDocument, summary: PlanSummary, lab: Mapping[str, str], lang: str) -> None:
    """Three figures, each in its own unit: tasks per class (blocked and not started kept
    visible), agencies (reported in full, overdue, not yet due, late), and their reports."""
    if summary.is_empty:
        _body(doc, lab["doc.no_data"].format(period_label=summary.period_label))
    else:
        parts = []
        for outcome in Outcome:
            label = outcome_label(outcome, lang)
            text = lab["doc.outcome_part"].format(
                label=label.lower() if lang == "vi" else label, count=summary.counts[outcome]
            )
            blocked, idle = summary.blocked[outcome], summary.not_started[outcome]
            if blocked or idle:
                text += lab["doc.outcome_sub"].format(blocked=blocked, not_started=idle)
            parts.append(text)
        _body(doc, lab["doc.total"].format(total=summary.total, parts="; ".join(parts)))
        _body(
            doc,
            lab["doc.completion"].format(
                rate=format_percent(summary.completion_rate, lang),
                done=summary.done,
                total=summary.total,
            ),
        )
    owing = [a for a in summary.agencies if a.expected]
    if not owing:
        return
    deadline = (
        lab["doc.deadline_suffix"].format(deadline=clerk_date(summary.period_deadline))
        if summary.period_deadline
        else ""
    )
    overdue = [a for a in owing if a.is_overdue]
    not_due = [a for a in owing if not a.complete and not a.is_overdue]
    _body(
        doc,
        lab["doc.agencies_line"].format(
            full=summary.agencies_reported,
            count=summary.agency_count,
            deadline=deadline,
            overdue=len(overdue),
            not_due=len(not_due),
            late=len(summary.agencies_late),
        ),
    )
    _body(
        doc,
        lab["doc.reports_line"].format(
            expected=sum(a.expected for a in owing),
            on_time=sum(a.on_time for a in owing),
            late=sum(a.late for a in owing),
            overdue=sum(a.overdue for a in owing),
            not_due=sum(a.not_due for a in owing),
        ),
    )


def _lead_sentence(
    paragraph: Paragraph,
    report: AgencyReport,
    lab: Mapping[str, str],
    lang: str,
    *,
    size: float | None = None,
) -> None:
    """ "Sở Xây dựng: đang thực hiện (70%), đã trình dự thảo" """
    run(paragraph, f"{report.agency}: {_state_text(report, lang)}", size=size)
    if _one_line(report.note).rstrip(" .;"):
        run(paragraph, ", ", size=size)
        _note(paragraph, report.note, lab, size=size)


def _task_paragraph(
    doc: DocxDocument, task: TaskLine, summary: PlanSummary, lab: Mapping[str, str], lang: str
) -> None:
    """One paragraph per task: reference and title, its status for the period, what each
    lead that reported said, how many leads have not reported (named in section IV), the
    supporting agencies' input, and over a half-year or a year what was reported before."""
    paragraph = _body(doc, "")
    run(paragraph, f"{task.ref}. " if task.ref else "", bold=True)
    run(paragraph, _title_text(task.title).rstrip(" .;:"), italic=True)
    if task.due:
        run(
            paragraph, lab["doc.deadline_suffix"].format(deadline=clerk_date(task.due)), italic=True
        )
    state = outcome_label(task.outcome, lang)
    if task.flag:
        state += lab["doc.flag"].format(flag=lab[f"xlsx.flag.{task.flag}"].lower())
    run(paragraph, f": {state}. ", bold=True)
    reported = [r for r in task.leads if r.status is not None]
    silent = [r for r in task.leads if r.status is None]
    for index, report in enumerate(reported):
        if index:
            run(paragraph, "; ")
        _lead_sentence(paragraph, report, lab, lang)
    if reported:
        run(paragraph, ". ")
    if silent:
        if len(silent) == 1 and not reported:
            run(paragraph, lab["doc.lead_silent_one"].format(agency=silent[0].agency))
        else:
            run(paragraph, lab["doc.leads_silent"].format(count=len(silent)))
    if not task.leads:
        run(paragraph, lab["doc.no_lead"])
    supports = [r for r in task.supports if r.status is not None]
    if supports:
        run(paragraph, " " + lab["doc.supports"], size=SMALL_PT + 1)
        for index, report in enumerate(supports):
            if index:
                run(paragraph, "; ", size=SMALL_PT + 1)
            _lead_sentence(paragraph, report, lab, lang, size=SMALL_PT + 1)
        run(paragraph, ".", size=SMALL_PT + 1)
    if task.history:
        _history(paragraph, task.history, summary, lab, lang)


def _history(
    paragraph: Paragraph,
    history: Sequence[HistoryEntry],
    summary: PlanSummary,
    lab: Mapping[str, str],
    lang: str,
) -> None:
    """What was reported on the task over the half-year or year, oldest first."""
    span = _lower_first(summary.period_label, lang)
    run(paragraph, " " + lab["doc.history"].format(span=span), italic=True)
    for index, entry in enumerate(sorted(history, key=lambda e: e.reported_at)):
        if index:
            run(paragraph, "; ")
        run(paragraph, f"{entry.period_label} – {entry.agency}: {_state_text(entry, lang)}")
        if _one_line(entry.note).rstrip(" .;"):
            run(paragraph, ", ")
            _note(paragraph, entry.note, lab)
    run(paragraph, ".")


def _results_by_task(
    doc: DocxDocument, summary: PlanSummary, lab: Mapping[str, str], lang: str
) -> None:
    other = lab["doc.other_group"]
    current: str | None = None
    number = 0
    for task in summary.tasks:
        group = _title_text(task.group or "") or other
        if group != current:
            number += 1
            current = group
            _heading(doc, group if _NUMBERED.match(group) else f"{number}. {group}")
        _task_paragraph(doc, task, summary, lab, lang)


def _blockers(doc: DocxDocument, summary: PlanSummary, lab: Mapping[str, str]) -> None:
    if not summary.blockers:
        _body(doc, lab["doc.no_blockers"])
        return
    for blocker in summary.blockers:
        paragraph = _body(doc, "")
        run(paragraph, f"- {blocker.agency}", bold=True)
        title = _title_text(blocker.task_title)
        task = f"{blocker.task_ref}. {title}" if blocker.task_ref else title
        run(paragraph, f" ({task}): ", italic=True)
        _note(paragraph, blocker.note, lab)
        by = lab["doc.blocker_by"].format(name=blocker.reported_by) if blocker.reported_by else ""
        when = clerk_date(to_local(blocker.reported_at).date())
        run(
            paragraph,
            lab["doc.blocker_when"].format(when=when, by=by) + ".",
            italic=True,
            size=SMALL_PT,
        )


def _owing(doc: DocxDocument, summary: PlanSummary, lab: Mapping[str, str]) -> None:
    """The agencies that still owe reports: overdue ones (with the working days since their
    deadline) apart from those not yet due; the ones that reported late apart from both."""
    owing = [a for a in summary.agencies if a.expected]
    overdue = [a for a in owing if a.is_overdue]
    not_due = [a for a in owing if not a.complete and not a.is_overdue]
    late = [a for a in owing if a.late]
    if overdue:
        names = "; ".join(_overdue_name(a, lab) for a in fold_groups(overdue))
        _body(doc, lab["doc.owing_overdue"].format(count=len(overdue), names=names))
    if not_due:
        deadline = (
            lab["doc.not_due_deadline"].format(deadline=clerk_date(summary.period_deadline))
            if summary.period_deadline
            else ""
        )
        names = "; ".join(_owing_name(a, lab) for a in fold_groups(not_due))
        _body(
            doc, lab["doc.owing_not_due"].format(count=len(not_due), deadline=deadline, names=names)
        )
    if late:
        names = "; ".join(
            lab["doc.late_name"].format(agency=_named(a, lab), late=a.late)
            for a in fold_groups(late)
        )
        _body(doc, lab["doc.reported_late"].format(count=len(late), names=names))
    if not overdue and not not_due:
        _body(doc, lab["doc.all_reported"])


def _named(line: AgencyLine | AgencyGroupLine, lab: Mapping[str, str]) -> str:
    """An agency's name, or a group's with how many of its members it stands for."""
    if isinstance(line, AgencyGroupLine):
        return lab["doc.group_name"].format(group=line.name, count=line.count)
    return line.agency


def _owing_name(line: AgencyLine | AgencyGroupLine, lab: Mapping[str, str]) -> str:
    """ "Sở Tư pháp (còn 10/10 báo cáo)" """
    return lab["doc.owing_name"].format(
        agency=_named(line, lab), missing=line.missing, expected=line.expected
    )


def _overdue_name(line: AgencyLine | AgencyGroupLine, lab: Mapping[str, str]) -> str:
    """ "Sở Tài chính (quá hạn 8 ngày làm việc, còn 3/11 báo cáo)" """
    if line.days_overdue:
        return lab["doc.overdue_name"].format(
            agency=_named(line, lab),
            days=line.days_overdue,
            missing=line.missing,
            expected=line.expected,
        )
    return _owing_name(line, lab)


def _appendix(
    doc: DocxDocument,
    summary: PlanSummary,
    author: Author,
    lab: Mapping[str, str],
    lang: str,
    year: int,
) -> None:
    """PHỤ LỤC on its own page: task × lead × status × note; leads that have not reported
    are one row per task."""
    doc.add_page_break()
    para(doc, lab["doc.appendix"], bold=True, align=CENTER, space_after=0)
    para(
        doc,
        lab["doc.appendix_subtitle"]
        .format(plan=cited_plan(summary).name(lab), period_label=summary.period_label)
        .upper(),
        bold=True,
        align=CENTER,
        space_after=0,
    )
    para(
        doc,
        lab["doc.appendix_attached"].format(code=author.code(lab), author=author.name, year=year),
        italic=True,
        align=CENTER,
    )
    table = doc.add_table(rows=1, cols=len(RESULT_WIDTHS_CM))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    headers = ("doc.table_stt", "doc.table_task", "doc.table_lead", "doc.table_status")
    headers += ("doc.table_note",)
    for cell, key in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        run(cell.paragraphs[0], lab[key], bold=True, size=TABLE_PT)
        cell.paragraphs[0].alignment = CENTER
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    repeat_header(table.rows[0]._tr)
    for index, task in enumerate(summary.tasks, start=1):
        reported = [r for r in task.leads if r.status is not None]
        silent = [r for r in task.leads if r.status is None]
        lines: list[tuple[str, str, str]] = []
        for r in reported:
            state = status_label(r.status, lang)
            if r.percent is not None and r.status is not ReportStatus.DONE:
                state += f" ({r.percent}%)"
            lines.append((r.agency, state, r.note))
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
            )
            cells = table.add_row().cells
            for column, (cell, value) in enumerate(zip(cells, values, strict=False)):
                paragraph = cell.paragraphs[0]
                run(paragraph, value, size=TABLE_PT)
                _tight(paragraph)
                if column == 0:
                    paragraph.alignment = CENTER
            _note(cells[4].paragraphs[0], note, lab, size=TABLE_PT)
            _tight(cells[4].paragraphs[0])
    set_widths(table, RESULT_WIDTHS_CM)


def _tight(paragraph: Paragraph) -> None:
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0


def _short(text: str, limit: int = 160) -> str:
    """A task title cut at a word near `limit` characters, for the appendix."""
    text = _title_text(text)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _task_text(ref: str, title: str) -> str:
    return f"{ref}. {title}" if ref else title


# --------------------------------------------------------------------------- without task lines


def _group_tasks(
    rows: Iterable[ExportRow], other: str
) -> list[tuple[str, list[tuple[str, str, list[ExportRow]]]]]:
    """Rows grouped by task group, then by task, in first-seen order; leads first."""
    groups: dict[str, dict[tuple[str, str], list[ExportRow]]] = {}
    for row in rows:
        group = _title_text(row.task_group or "") or other
        groups.setdefault(group, {}).setdefault((row.task_ref, row.task_title), []).append(row)
    result = []
    for group, tasks in groups.items():
        items = [
            (ref, title, sorted(task_rows, key=lambda r: not r.is_lead))
            for (ref, title), task_rows in tasks.items()
        ]
        result.append((group, items))
    return result


def _results_by_rows(
    doc: DocxDocument, rows: Sequence[ExportRow], lab: Mapping[str, str], lang: str
) -> None:
    """Without task lines (older callers): the rows grouped by task."""
    for number, (group, tasks) in enumerate(_group_tasks(rows, lab["doc.other_group"]), start=1):
        _heading(doc, group if _NUMBERED.match(group) else f"{number}. {group}")
        for ref, title, task_rows in tasks:
            paragraph = _body(doc, "")
            run(paragraph, f"{ref}. " if ref else "", bold=True, italic=True)
            run(paragraph, _title_text(title), italic=True)
            deadlines = sorted({r.deadline for r in task_rows if r.deadline})
            if deadlines:
                suffix = lab["doc.deadline_suffix"].format(deadline=clerk_date(deadlines[-1]))
                run(paragraph, suffix, italic=True)
            paragraph.paragraph_format.keep_with_next = True
            for row in task_rows:
                line = _body(doc, "")
                role = role_label(row.role, lang).lower()
                if row.status is None:
                    state = lab["doc.no_report"]
                else:
                    state = status_label(row.status, lang)
                    if row.percent is not None and row.status is not ReportStatus.DONE:
                        state += f" ({row.percent}%)"
                run(line, f"- {row.agency} ({role}): {state}")
                if _one_line(row.note):
                    run(line, "; ")
                    _note(line, row.note, lab)
                if row.outcome in (Outcome.OVERDUE, Outcome.DONE_LATE):
                    run(line, f" [{outcome_label(row.outcome, lang)}]")
                run(line, ".")
