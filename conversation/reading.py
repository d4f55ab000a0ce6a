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
from reports.worklist import WorkItem, candidates, settles

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


def context_plan(items: Sequence[WorkItem], context: Context | None) -> int | None:
    """The plan of the message answered: its period's, else its tasks' when they are one plan."""
    if context is None:
        return None
    if context.about.period_id is not None:
        for item in items:
            if item.period.id == context.about.period_id:
                return item.plan.id
    plans = {i.plan.id for i in items if i.task.id in context.about.task_ids}
    return plans.pop() if len(plans) == 1 else None


def read(
    text: str, items: Sequence[WorkItem], context: Context | None, *, quote: str | None = None
) -> Reading:
    """What the reply says about which tasks, and what to ask before recording: one parse,
    with the lines of the numbered message it answers. `quote`: the part of the replied-to
    message the officer quoted (Telegram's reply with quote).

    Which period (docs/counting.md, section 4): a reply to a message about a period is for
    that period, and refs are looked up in its plan first; otherwise each task's current
    period (`reports.worklist.current`). A report also settles the earlier periods of its task
    still owed (`reports.worklist.settles`)."""
    if quote and context is not None and context.about.numbered:
        text = "\n".join(f"> {line}" for line in quote.splitlines() if line.strip()) + "\n" + text
    plan_id = context_plan(items, context)
    choices = candidates(items, context.about.period_id if context is not None else None)
    if plan_id is not None:  # the answered message's plan first
        choices.sort(key=lambda i: i.plan.id != plan_id)
    by_ref: dict[str, list[WorkItem]] = {}
    for item in choices:
        by_ref.setdefault(item.task.ref, []).append(item)
    by_id = {item.task.id: item for item in choices}
    scoped = [by_id[i.task.id] for i in in_context(items, context) if i.task.id in by_id]
    scoped = list(dict.fromkeys(scoped))
    lines = _lines(context, by_id)
    if lines is not None and context is not None:
        text = _strip_pasted_lines(text, context.about.task_ids, by_id)
    parsed = parse_replies(text, list(by_ref), lines=lines)

    reading = Reading()
    single = len(parsed) == 1
    # a ref written in a message that replies (Telegram's reply) to one about a plan is that
    # plan's; after a message merely sent last, a ref that several plans have is asked
    replied_plan = plan_id if context is not None and context.replied else None
    for p in parsed:
        item, other_plans = _by_ref(by_ref, p.task, replied_plan)
        named = p.ref_kind in ("task", "line")
        if other_plans:
            # the same ref in several plans and nothing answered says which: ask
            reading.parts.append(Part(p, ask=WHICH_TASK, choices=tuple(other_plans)))
            continue
        if item is None and p.ref_kind is None and p.kind == "contribution":
            # input sent, no ref: the one supporting task it can be (of what was answered,
            # else of the agency's owed ones)
            supports = [i for i in scoped if i.role != "lead"] or [
                i for i in choices if i.role != "lead" and i.owed and i.chased
            ]
            item = supports[0] if len(supports) == 1 else None
        elif item is None and p.ref_kind is None and p.reason in (WHICH_TASK_REASON, None):
            # no ref written: the part means what the message answers, if that is one task
            item = scoped[0] if len(scoped) == 1 else None
        elif item is None and p.ref_kind == "ambiguous" and lines and p.line is not None:
            # "3" answering a numbered message is its line 3, unless a task's ref is "3" itself
            line_ref = lines[p.line - 1] if 0 < p.line <= len(lines) else None
            own = [r for r in p.choices if ref_key(r) == str(p.line)]
            item = _by_ref(by_ref, line_ref, plan_id)[0] if line_ref and not own else None
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
        earlier = tuple(settles(items, item))
        if p.kind == "contribution" and item.role != "lead":
            # a supporting agency's input sent ("đã gửi ý kiến", "đã có văn bản số …"): its
            # report for the task, never the task's status (docs/counting.md, section 7)
            contributed = dataclasses.replace(p, status=DONE, reason=None)
            reading.parts.append(Part(contributed, item, named=named, settles=earlier))
            continue
        if p.reason in (DONE_WITH_ONGOING, SUBSTEP_DONE) or p.kind == "written_report":
            offered = tuple(s.value for s in p.options) or STATUSES
            reading.parts.append(
                Part(p, item, KEEP_OR_CHANGE, statuses=offered, named=named, settles=earlier)
            )
            continue
        if p.status is None or (p.reason is not None and p.reason != WHICH_TASK_REASON):
            reading.parts.append(Part(p, item, WHICH_STATUS, named=named, settles=earlier))
            continue
        part = guarded(p, item, text if single else p.note)
        reading.parts.append(dataclasses.replace(part, named=named, settles=earlier))
    reading.unrelated = not reading.parts
    return reading


def _by_ref(
    by_ref: dict[str, list[WorkItem]], ref: str | None, plan_id: int | None
) -> tuple[WorkItem | None, list[WorkItem]]:
    """(the item of a ref, or the items of several plans to ask between): the answered
    message's plan wins; a ref of one plan only is that plan's."""
    found = by_ref.get(ref, []) if ref is not None else []
    if not found:
        return None, []
    if len(found) == 1 or found[0].plan.id == plan_id:
        return found[0], []
    return None, found


STATUSES = tuple(s.value for s in ReportStatus)


def _ask_task(
    p: ParsedReply,
    choices: Sequence[WorkItem],
    scoped: Sequence[WorkItem],
    by_ref: dict[str, list[WorkItem]],
) -> Part | None:
    """The question for a part whose task is not known (None: not a report at all)."""
    if p.reason == UNKNOWN_TASK:
        return Part(p, ask=UNKNOWN, choices=tuple(choices))
    if p.status is None and p.ref_kind is None:
        return None  # neither a task nor a status
    offered = tuple(i for r in p.choices for i in by_ref.get(r, ()))
    if p.ref_kind == "ambiguous" and p.choices:
        return Part(p, ask=LINE_OR_TASK, choices=offered)
    if p.choices:
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
