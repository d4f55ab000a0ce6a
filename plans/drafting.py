"""Turning what a shape reader found into tasks: titles, timeframes in the text, warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from domain.lines import strip_bullet
from domain.text import fold
from plans.model import DraftWarning, TaskDraft
from plans.normalize import fold_keep, is_caps
from plans.reporting import PERIODIC, task_frequency
from plans.timeframe import due_date

SENTENCE_END = re.compile(r"(?<=[^\s.])[.;!?](?=\s|$)")
_DEADLINE_IN_TEXT = re.compile(
    r"(?:truoc|cham nhat|hoan thanh trong|hoan thanh truoc|xong truoc|hoan thanh vao"
    r"|trong(?=\s+(?:quy|6 thang|9 thang|sau thang)))\s+"
    r"((?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|quy\s+(?:iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*\d{4}"
    r"|thang\s+\d{1,2}\s*(?:/|nam)\s*\d{4}|nam\s+\d{4}|(?:6|9|sau|chin)\s+thang\s+(?:dau|cuoi)"
    r"\s+nam\s+\d{4})"
)


_FOOTNOTE = re.compile(r"(?<=[a-zà-ỹđ]{2})\d{1,2}$")


def short_title(text: str, limit: int = 120) -> str:
    """First sentence or clause of a task's text, at most `limit` characters, cut at a word."""
    first = " ".join(text.strip().split("\n", 1)[0].split())
    first = strip_bullet(first)
    match = SENTENCE_END.search(first)
    if match:
        first = first[: match.start()]
    first = first.strip(" -–.;:,")
    first = _FOOTNOTE.sub("", first)  # "… phát triển đô thị¹" read from a PDF as "đô thị1"
    if len(first) <= limit:
        return first
    cut = first[:limit]
    comma = cut.rfind(", ")
    if comma >= limit // 2:
        return cut[:comma].rstrip(" ,;:-–")
    return cut.rsplit(" ", 1)[0].rstrip(" ,;:-–") + "…"


def timeframe_text(value: str) -> str:
    return " ".join(value.split()).strip(" .;")


def deadline_in(text: str) -> str | None:
    folded = fold_keep(text)
    match = _DEADLINE_IN_TEXT.search(folded)
    if not match:
        return None
    return text[match.start() : match.end()]


@dataclass
class Context:
    """Everything the shape parsers produce, before it becomes a PlanDraft."""

    tasks: list[TaskDraft] = field(default_factory=list)
    warnings: list[DraftWarning] = field(default_factory=list)

    def warn(self, code: str, ref: str | None = None, excerpt: str = "") -> None:
        """Record a warning (excerpt trimmed)."""
        self.warnings.append(DraftWarning(code=code, ref=ref, excerpt=short_title(excerpt, 160)))


def make_task(
    ctx: Context,
    ref: str,
    text: str,
    lead: list[str],
    support: list[str] | None = None,
    timeframe: str | None = None,
    group: str | None = None,
    products: list[str] | None = None,
    budget: str | None = None,
) -> None:
    text = text.strip()
    if not timeframe:
        timeframe = deadline_in(text)
    timeframe = timeframe_text(timeframe) if timeframe else None
    reporting = task_frequency(text)
    ctx.tasks.append(
        TaskDraft(
            ref=ref,
            title=short_title(text) or ref,
            text=text,
            lead=lead,
            support=support or [],
            timeframe=timeframe or None,
            due=due_date(timeframe) if timeframe else None,
            group=group,
            reporting=reporting,
            products=[p for p in (products or []) if p],
            budget=budget or None,
        )
    )
    if not lead:
        ctx.warn("no_assignee", ref, text)
    if not timeframe:
        ctx.warn("no_timeframe", ref, text)
    if reporting is None and PERIODIC.search(fold(text)):
        match = PERIODIC.search(fold_keep(text))
        excerpt = text[match.start() : match.end() + 60] if match else text
        ctx.warn("periodic_report", ref, excerpt)


def sentence_case(text: str | None) -> str | None:
    """ "TỔ CHỨC THỰC HIỆN" → "Tổ chức thực hiện"; other text unchanged."""
    if not text or not is_caps(text):
        return text or None
    lowered = text.lower()
    return lowered[:1].upper() + lowered[1:]


def join_ref(*parts: str | None) -> str:
    return ".".join(p for p in parts if p)
