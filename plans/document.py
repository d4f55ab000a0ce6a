"""Plan document importer: .txt/.md/.docx/.pdf/.xlsx/.csv bytes → PlanDraft.

The entry point others import. The reading is done by one module per thing read
(docs/importing.md): `extract` (bytes to text), `frame` (the parts: decision, plan,
appendices), `normalize` (lines into paragraphs), `numbering` (item markers), `header` (number,
date, issuer, title), `coordinator`, `reporting`, `roles` (who does a task), and the shape
readers `items` (numbered items with role lines), `addressed` (sections addressed to agencies,
news write-ups), `prose` (assignments inside paragraphs) and `tables` (appendix tables);
`drafting` turns what they find into tasks. A plan that amends another is read by `amendments`.
The plan's targets (its "Mục tiêu" section, tables of targets) are read by `targets`."""

from __future__ import annotations

import re
from dataclasses import replace

from domain.text import fold
from plans.addressed import parse_addressed, parse_paren
from plans.amendments import Target, amended_plan, read_amendment
from plans.assignees import restore_agency
from plans.coordinator import coordinator_of_tasks
from plans.drafting import Context
from plans.errors import DocumentError
from plans.extract import document_text, extract_text
from plans.frame import frame_of
from plans.header import is_news, plan_info
from plans.items import parse_assigned
from plans.limits import DEFAULT_LIMITS, ReadLimits
from plans.model import DraftWarning, IssuingAct, PlanDraft, TaskDraft
from plans.normalize import fold_keep, normalize_text, paragraphs
from plans.numbering import Numbering, Para, body_paragraphs, numbering_breaks
from plans.prose import parse_prose
from plans.quality import document_quality, lost_diacritics
from plans.reporting import reporting_schedule
from plans.tables import has_header, join_repeated, lost_layout, parse_table, tables_in
from plans.targets import is_targets_table, read_targets, target_frequencies

__all__ = ["DocumentError", "document_text", "extract_text", "parse_text", "read_document"]


def read_document(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = 20_000_000,
    limits: ReadLimits | None = None,
) -> PlanDraft:
    """Read an uploaded plan document (.docx, .pdf, .xlsx, .csv, .txt, .md) into a draft."""
    limits = limits or replace(DEFAULT_LIMITS, max_bytes=max_bytes)
    text, wrapped = extract_text(data, filename, limits)
    return parse_framed(text, wrapped=wrapped)


def _repair_agencies(ctx: Context) -> None:
    """Restore OCR'd agency names from the vocabulary; warn about leads that stay unreadable."""
    for task in ctx.tasks:
        for index, name in enumerate(task.lead):
            restored = restore_agency(name)
            if restored:
                task.lead[index] = restored
            else:
                ctx.warn("unreadable_assignee", task.ref, name)
        task.support = [restore_agency(name) or name for name in task.support]


def parse_text(text: str) -> PlanDraft:
    """Detect the document's shape and parse its plan information and tasks."""
    if not isinstance(text, str) or not text.strip():
        raise DocumentError("empty")
    return parse_framed(text, wrapped=None)


def parse_framed(text: str, *, wrapped: bool | None) -> PlanDraft:
    """Parse a whole document: find its frame (a decision and the plan it issues, appendices,
    recipients and signatures), then the plan's information and tasks."""
    frame = frame_of(text)
    main = normalize_text(frame.main.text, wrapped=wrapped)
    appendix_text = "\n\n".join(normalize_text(p.text, wrapped=wrapped) for p in frame.appendices)
    draft = _parse(main, appendix_text, kind=frame.main.kind)
    if frame.decision is not None:
        head = paragraphs(normalize_text(frame.decision.text, wrapped=wrapped))
        act = plan_info(head, Context())
        draft.plan.issuing_act = IssuingAct(
            kind="decision", number=act.number, issued_on=act.issued_on, title=act.title
        )
        if not draft.plan.number:
            draft.plan.number = act.number
            draft.warnings = [w for w in draft.warnings if w.code != "no_number"]
        draft.plan.issued_on = draft.plan.issued_on or act.issued_on
        draft.plan.issuer = draft.plan.issuer or act.issuer
        draft.plan.coordinator = draft.plan.coordinator or act.coordinator
    return draft


def _parse(normalized: str, appendix: str = "", *, kind: str | None = None) -> PlanDraft:
    """Parse normalised text (paragraphs separated by blank lines) and its appendices."""
    plain = paragraphs(normalized)
    if not plain and not appendix.strip():
        raise DocumentError("empty")
    whole = normalized + ("\n\n" + appendix if appendix.strip() else "")
    target = amended_plan(plain)
    if target is not None:
        amending = _parse_amendment(plain, paragraphs(whole), target)
        if amending is not None:
            return amending
    ctx = Context()
    paras = body_paragraphs(whole)
    # a table of targets (Chỉ tiêu | Năm 2025 | Năm 2030) is read by `targets`, never as tasks
    found = [t for t in tables_in(paras) if len(t) >= 2 and not is_targets_table(t)]
    body = Context()
    numbering = Numbering()
    text_paras = body_paragraphs(normalized, numbering)
    assigned = parse_assigned(text_paras, body)
    if not assigned:
        body = Context()
        if not parse_addressed(text_paras, body):
            body = Context()
            parse_paren(text_paras, body)
        assigned = _add_prose(text_paras, body)
    table_ctx = Context()
    usable = join_repeated([t for t in found if has_header(t)])
    both = assigned and bool(body.tasks)  # tasks given by name in the body, a table besides
    for index, table in enumerate(usable, start=1):
        prefix = f"PL{index}" if len(usable) > 1 else ("PL" if both else "")
        parse_table(table, table_ctx, prefix)
    if not both and (len(table_ctx.tasks) >= 2 or (table_ctx.tasks and not body.tasks)):
        # The appendix holds the tasks: the body's numbered duties are standing instructions.
        ctx.tasks, ctx.warnings = table_ctx.tasks, table_ctx.warnings
    else:  # tasks with their own role lines in the body, and a table besides
        ctx.tasks = body.tasks + table_ctx.tasks
        ctx.warnings = body.warnings + table_ctx.warnings
    _numbering_warnings(ctx, text_paras, numbering)
    all_plain = paragraphs(whole)
    lost = lost_layout(all_plain) if not table_ctx.tasks else None
    if lost and not assigned:
        # The task table came out cell by cell: the body's numbered duties are not its tasks.
        raise DocumentError("table_layout_lost", columns=lost)
    if lost:
        ctx.warn("table_layout_lost", None, lost)
    if not ctx.tasks:
        if _mentions_appendix(all_plain):
            raise DocumentError("appendix_missing", paragraphs=len(all_plain))
        raise DocumentError("no_tasks", paragraphs=len(all_plain))
    if not table_ctx.tasks and _mentions_appendix(all_plain):
        ctx.warn("appendix_missing", None, _mentions_appendix(all_plain) or "")
    info_ctx = Context()
    listing = (
        bool(table_ctx.tasks) and not body.tasks and sum(not p.startswith("|") for p in plain) <= 10
    )
    info = plan_info(plain or all_plain, info_ctx, listing=listing)
    info.kind = (kind if kind != "appendix" else None) or _kind_from_number(info.number)
    info.coordinator = info.coordinator or coordinator_of_tasks(ctx.tasks)
    lost = lost_diacritics(whole)
    if lost:
        ctx.warnings.insert(0, DraftWarning(code="lost_diacritics"))
        _repair_agencies(ctx)
        if info.coordinator:
            info.coordinator = restore_agency(info.coordinator) or info.coordinator
    _dedupe_refs(ctx)
    news = is_news(plain)
    reporting = reporting_schedule(all_plain)
    frequencies = target_frequencies(all_plain)
    if frequencies:
        reporting.target_frequencies = frequencies
    return PlanDraft(
        plan=info,
        tasks=ctx.tasks,
        reporting=reporting,
        warnings=_first_things_first(info_ctx.warnings + ctx.warnings),
        quality=document_quality(" ".join(t.text for t in ctx.tasks), news=news),
        targets=read_targets(paras, info.title),
    )


_APPENDIX_MENTION = re.compile(
    r"(?:tai|theo|o|trong)\s+(?:cac\s+)?phu luc\b|phu luc\s+(?:kem theo|chi tiet)"
)


def _mentions_appendix(paras: list[str]) -> str | None:
    """The sentence that points to an appendix (for the warning when none was found)."""
    for para in paras:
        match = _APPENDIX_MENTION.search(fold_keep(para))
        if match:
            start = max(0, para.rfind(".", 0, match.start()) + 1)
            return para[start : match.end() + 60].strip()
    return None


def _kind_from_number(number: str) -> str | None:
    folded = fold(number)
    for code, kind in (
        ("/kh", "plan"),
        ("-ctr", "programme"),
        ("-kl", "conclusion"),
        ("/qd", "decision"),
        ("-nq", "resolution"),
        ("/ct", "directive"),
    ):
        if code in folded:
            return kind
    return None


def _parse_amendment(plain: list[str], all_plain: list[str], target: Target) -> PlanDraft | None:
    """A plan that amends an earlier one: its changes by that plan's refs (`amends`), its tasks
    the items it restates or adds; None when no change could be read (read as a plan then)."""
    amendment, ctx = read_amendment(plain, target)
    if not amendment.changes:
        return None
    info_ctx = Context()
    info = plan_info(plain, info_ctx)
    info.kind = "amendment"
    if lost_diacritics("\n".join(all_plain)):
        ctx.warnings.insert(0, DraftWarning(code="lost_diacritics"))
        _repair_agencies(ctx)
    return PlanDraft(
        plan=info,
        tasks=ctx.tasks,
        reporting=reporting_schedule(all_plain),
        warnings=_first_things_first(info_ctx.warnings + ctx.warnings),
        quality=document_quality(" ".join(t.text for t in ctx.tasks)),
        amends=amendment,
    )


def _add_prose(paras: list[Para], body: Context) -> bool:
    """Tasks given inside the paragraphs of "Nhiệm vụ, giải pháp", in document order with the
    addressed items of "Tổ chức thực hiện"; a part of tasks that gives none is said. True when
    the body gives tasks by name this way."""
    prose = Context()
    if parse_prose(paras, prose):
        order = [p.label for p in paras if p.kind == "roman"]

        def part(task: TaskDraft) -> int:
            head = task.ref.split(".", 1)[0]
            return order.index(head) if head in order else -1

        body.tasks = sorted(prose.tasks + body.tasks, key=part)
        body.warnings = prose.warnings + body.warnings
        return True
    if body.tasks:
        body.warnings += prose.warnings
    return False


def _numbering_warnings(ctx: Context, paras: list[Para], numbering: Numbering) -> None:
    """Say where the body's numbering jumps or repeats, and which markers were read back from
    a scan's misreading: never silent."""
    for after, expected in numbering_breaks(paras):
        ctx.warn("numbering_gap", after, expected)
    if numbering.repaired:
        shown = ", ".join(f"«{printed}» → {read}" for printed, read in numbering.repaired[:6])
        more = f" (+{len(numbering.repaired) - 6})" if len(numbering.repaired) > 6 else ""
        ctx.warnings.append(DraftWarning(code="numbering_repaired", excerpt=shown + more))


# Warnings about the whole document before those about one task: the preview shows the first few.
_WHOLE_DOCUMENT = (
    "lost_diacritics",
    "table_layout_lost",
    "numbering_gap",
    "numbering_repaired",
    "unassigned_section",
    "appendix_missing",
    "no_number",
)


def _first_things_first(warnings: list[DraftWarning]) -> list[DraftWarning]:
    def rank(warning: DraftWarning) -> int:
        code = warning.code
        return _WHOLE_DOCUMENT.index(code) if code in _WHOLE_DOCUMENT else len(_WHOLE_DOCUMENT)

    return sorted(warnings, key=rank)


def _dedupe_refs(ctx: Context) -> None:
    """Make task refs unique by suffixing repeats ("3", "3-2")."""
    seen: dict[str, int] = {}
    for task in ctx.tasks:
        count = seen.get(task.ref, 0)
        seen[task.ref] = count + 1
        if count:
            task.ref = f"{task.ref}-{count + 1}"
