"""Reading one reply against what it answers: which task each part means, and whether the bot
must ask first (pure: no I/O, the caller passes the work list and the context).

Rules, in one place:
- A task ref the officer wrote wins. "3" at the start of a part, in a reply to a numbered
  message (a reminder), means line 3 of that message; a pasted or quoted line ("> 3. II.2.a …")
  means the task on it. A bare number that is both a line and another task's own ref asks.
- A part without a ref applies to what the message answers (the message replied to, or the
  chat's latest open question younger than REPLY_WINDOW); otherwise the bot asks which task.
- Never a silent downgrade or false completion: moving a "done" task to another status, or
  "done" from a part that also says work goes on, asks first (keep / change).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from conversation.model import Context
from domain.status import ReportStatus
from domain.text import ref_key
from reports.intake import Part, Reading
from reports.replies import (
    DONE_WITH_ONGOING,
    SUBSTEP_DONE,
    UNKNOWN_TASK,
    ParsedReply,
    parse_replies,
    says_ongoing,
)
from reports.replies import WHICH_TASK as WHICH_TASK_REASON
from reports.worklist import WorkItem, candidates

DONE = ReportStatus.DONE

# reasons for asking
WHICH_TASK = "which_task"
UNKNOWN = "unknown_task"
WHICH_STATUS = "which_status"
LINE_OR_TASK = "line_or_task"
KEEP_OR_CHANGE = "keep_or_change"


def in_context(items: Sequence[WorkItem], context: Context | None) -> list[WorkItem]:
    """The items the message answered was about (a reminder's tasks, a confirmation's)."""
    if context is None or not context.about.task_ids:
        return []
    wanted = set(context.about.task_ids)
    period_id = context.about.period_id
    return [i for i in items if i.task.id in wanted and period_id in (None, i.period.id)]


def read(
    text: str, items: Sequence[WorkItem], context: Context | None, *, quote: str | None = None
) -> Reading:
    """What the reply says about which tasks, and what to ask before recording: one parse,
    with the lines of the numbered message it answers. `quote`: the part of the replied-to
    message the officer quoted (Telegram's reply with quote)."""
    if quote and context is not None and context.about.numbered:
        text = "\n".join(f"> {line}" for line in quote.splitlines() if line.strip()) + "\n" + text
    choices = candidates(list(items))
    by_ref = {item.task.ref: item for item in choices}
    by_id = {item.task.id: item for item in choices}
    scoped = candidates(in_context(items, context))
    lines = _lines(context, by_id)
    if lines is not None and context is not None:
        text = _strip_pasted_lines(text, context.about.task_ids, by_id)
    parsed = parse_replies(text, list(by_ref), lines=lines)

    reading = Reading()
    single = len(parsed) == 1
    for p in parsed:
        item = by_ref.get(p.task) if p.task is not None else None
        named = p.ref_kind in ("task", "line")
        if item is None and p.ref_kind is None and p.reason in (WHICH_TASK_REASON, None):
            # no ref written: the part means what the message answers, if that is one task
            item = scoped[0] if len(scoped) == 1 else None
        elif item is None and p.ref_kind == "ambiguous" and lines and p.line is not None:
            # "3" answering a numbered message is its line 3, unless a task's ref is "3" itself
            line_ref = lines[p.line - 1] if 0 < p.line <= len(lines) else None
            own = [r for r in p.choices if ref_key(r) == str(p.line)]
            item = by_ref.get(line_ref) if line_ref and not own else None
            named = item is not None
            if own and line_ref:  # ask between the line and the task numbered so
                p = dataclasses.replace(p, choices=(line_ref, *own))
        elif item is None and p.reason == WHICH_TASK_REASON and p.choices:
            # a ref that fits several tasks: the one among those asked about, if only one
            fits = [i for i in scoped if i.task.ref in p.choices]
            item = fits[0] if len(fits) == 1 and p.ref_kind != "ambiguous" else None
        if item is None:
            question = _ask_task(p, choices, scoped, by_ref)
            if question is not None:
                reading.parts.append(question)
            continue
        if p.reason in (DONE_WITH_ONGOING, SUBSTEP_DONE) or p.kind == "written_report":
            offered = tuple(s.value for s in p.options) or STATUSES
            reading.parts.append(Part(p, item, KEEP_OR_CHANGE, statuses=offered, named=named))
            continue
        if p.status is None or (p.reason is not None and p.reason != WHICH_TASK_REASON):
            reading.parts.append(Part(p, item, WHICH_STATUS, named=named))
            continue
        part = guarded(p, item, text if single else p.note)
        reading.parts.append(dataclasses.replace(part, named=named))
    reading.unrelated = not reading.parts
    return reading


STATUSES = tuple(s.value for s in ReportStatus)


def _ask_task(
    p: ParsedReply,
    choices: Sequence[WorkItem],
    scoped: Sequence[WorkItem],
    by_ref: dict[str, WorkItem],
) -> Part | None:
    """The question for a part whose task is not known (None: not a report at all)."""
    if p.reason == UNKNOWN_TASK:
        return Part(p, ask=UNKNOWN, choices=tuple(choices))
    if p.status is None and p.ref_kind is None:
        return None  # neither a task nor a status
    if p.ref_kind == "ambiguous" and p.choices:
        offered = tuple(by_ref[r] for r in p.choices if r in by_ref)
        return Part(p, ask=LINE_OR_TASK, choices=offered)
    if p.choices:
        offered = tuple(by_ref[r] for r in p.choices if r in by_ref)
        return Part(p, ask=WHICH_TASK, choices=offered or tuple(choices))
    return Part(p, ask=WHICH_TASK, choices=tuple(scoped or choices))


def _lines(context: Context | None, by_id: dict[int, WorkItem]) -> list[str] | None:
    """The refs on the lines of the numbered message answered, in line order."""
    if context is None or not context.about.numbered or not context.about.task_ids:
        return None
    shown = context.about.refs
    return [
        by_id[t].task.ref if t in by_id else (shown[n] if n < len(shown) else "")
        for n, t in enumerate(context.about.task_ids)
    ]


def guarded(p: ParsedReply, item: WorkItem, said: str) -> Part:
    """Record, unless it would silently undo a "done" or claim one while work goes on."""
    assert p.status is not None
    current = item.report.status if item.report is not None else None
    if current == DONE.value and p.status is not DONE:
        return Part(p, item, KEEP_OR_CHANGE, keep=DONE.value, statuses=(p.status.value,))
    if p.status is DONE and says_ongoing(said):
        statuses = (DONE.value, ReportStatus.IN_PROGRESS.value)
        return Part(p, item, KEEP_OR_CHANGE, keep=current, statuses=statuses)
    return Part(p, item)


def _strip_pasted_lines(text: str, task_ids: Sequence[int], by_id: dict[int, WorkItem]) -> str:
    """A reminder line pasted back ("3. II.2.a Xây dựng …") keeps only its ref: its title may
    hold words like "hoàn thành" that the officer did not say."""
    for number, task_id in enumerate(task_ids, 1):
        item = by_id.get(task_id)
        title = item.task.title.strip() if item is not None else ""
        if item is None or len(title) < 8:
            continue
        head = re.compile(
            rf"(?m)^[ \t]*(?:{number}[.)][ \t]*)?{re.escape(item.task.ref)}[ \t]+"
            rf"{re.escape(title[:40])}"
        )
        while (match := head.search(text)) is not None:
            end = match.end()
            rest = title[40:]
            if rest and text.startswith(rest, end):
                end += len(rest)
            else:  # shortened on the reminder: "…" ends it
                cut = text.find("…", end, text.find("\n", end) % (len(text) + 1))
                end = cut + 1 if cut >= 0 else end
            text = text[: match.start()] + item.task.ref + text[end:]
    return text
