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
from domain.text import fold, ref_key, strip_diacritics
from reports.intake import Part, Reading
from reports.replies import UNKNOWN_TASK, ParsedReply, parse_replies
from reports.worklist import WorkItem, candidates

DONE = ReportStatus.DONE

# reasons for asking
WHICH_TASK = "which_task"
UNKNOWN = "unknown_task"
WHICH_STATUS = "which_status"
LINE_OR_TASK = "line_or_task"
KEEP_OR_CHANGE = "keep_or_change"

# work that goes on, said next to "done": "đã xong bước thẩm định, đang hoàn thiện tờ trình"
_ONGOING = re.compile(
    r"(?<!\w)(?:đang|tiếp tục|còn lại|phần còn|chưa xong|chưa hoàn thành|dự kiến|sẽ hoàn thành)"
    r"(?!\w)"
)
_ONGOING_PLAIN = re.compile(
    r"(?<![a-z])(?:dang|tiep tuc|con lai|phan con|chua xong|chua hoan thanh|du kien)(?![a-z])"
)
# "3 xong", "3. xong", "3) đang làm" — a number at the start of a part (not "3a", "3.1")
_LEADING_NUMBER = re.compile(
    r"(?m)(?:^|(?<=[;\n]))[ \t>]*(\d{1,3})(?=[ \t]*[:)\-–]|\.(?!\w)|[ \t]|$)"
)
_QUOTED_LINE = re.compile(r"(?m)^[ \t]*>[ \t]?(.*)$")


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
    """What the reply says about which tasks, and what to ask before recording. `quote`: the
    part of the replied-to message the officer quoted (Telegram's reply with quote)."""
    if quote and context is not None and context.about.numbered:
        text = "\n".join(f"> {line}" for line in quote.splitlines() if line.strip()) + "\n" + text
    choices = candidates(list(items))
    by_ref = {item.task.ref: item for item in choices}
    by_id = {item.task.id: item for item in choices}
    scoped = candidates(in_context(items, context))
    text, conflicts = _resolve_lines(text, context, by_id, choices)

    parsed = parse_replies(text, list(by_ref))
    named = len(choices) > 1 or _writes_ref(text, choices)
    if conflicts:  # "3" is a line and a task's own ref: the officer says which
        by_ref = {**by_ref, **{i.task.ref: i for i in scoped}}
        first = next(iter(conflicts.items()))
        line_or_task = (by_id[first[1]], by_id[first[0]])
        reading = Reading()
        for p in parsed:
            if p.task is None or by_ref.get(p.task) in line_or_task:
                reading.parts.append(Part(p, ask=LINE_OR_TASK, choices=line_or_task))
            elif p.status is not None and not p.ambiguous:
                reading.parts.append(guarded(p, by_ref[p.task], p.note))
        return reading
    if scoped and len(scoped) < len(choices) and any(_unresolved(p) for p in parsed):
        # a part without a ref (or with one shared by several tasks) means what was asked
        narrowed = parse_replies(text, [i.task.ref for i in scoped])
        if not any(p.reason == UNKNOWN_TASK for p in narrowed):
            parsed, by_ref, named = narrowed, {i.task.ref: i for i in scoped}, False
    ask_among = tuple(scoped or choices)

    reading = Reading()
    single = len(parsed) == 1
    for p in parsed:
        item = by_ref.get(p.task) if p.task is not None else None
        if p.status is None and item is None:
            if p.reason == UNKNOWN_TASK:
                reading.parts.append(Part(p, ask=UNKNOWN, choices=tuple(choices)))
            else:
                reading.unrelated = True
            continue
        if item is None:
            reason = UNKNOWN if p.reason == UNKNOWN_TASK else WHICH_TASK
            among = tuple(choices) if reason == UNKNOWN else ask_among
            reading.parts.append(Part(p, ask=reason, choices=among))
            continue
        if p.status is None or p.ambiguous:
            reading.parts.append(Part(p, item, WHICH_STATUS))
            continue
        part = guarded(p, item, text if single else p.note)
        reading.parts.append(dataclasses.replace(part, named=named))
    if reading.parts:
        reading.unrelated = False
    return reading


def _unresolved(p: ParsedReply) -> bool:
    return p.task is None and p.reason != UNKNOWN_TASK and (p.status is not None or p.note != "")


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


def says_ongoing(text: str) -> bool:
    """Whether the words say some work is still going on."""
    lower = text.lower()
    if _ONGOING.search(lower):
        return True
    # words typed without diacritics ("dang lam"): "đăng" keeps its own, so it is not read here
    plain = " ".join(w for w in re.findall(r"\w+", lower) if strip_diacritics(w) == w)
    return _ONGOING_PLAIN.search(plain) is not None


def _writes_ref(text: str, choices: Sequence[WorkItem]) -> bool:
    """Whether the text holds one of the refs written out (for an agency with one task, where
    the parser gives every reply that task)."""
    squeezed = fold(text).replace(" ", "")
    return any(ref_key(i.task.ref) in squeezed for i in choices)


# -- lines of a numbered message ----------------------------------------------------------
def _resolve_lines(
    text: str,
    context: Context | None,
    by_id: dict[int, WorkItem],
    choices: Sequence[WorkItem],
) -> tuple[str, dict[int, int]]:
    """Rewrite line numbers and pasted lines of the numbered message answered into the refs
    they show. Returns the text and, for a number that is also another task's own ref,
    {that task's id: the line's task id} (those parts ask)."""
    if context is None or not context.about.numbered or not context.about.task_ids:
        return text, {}
    about = context.about
    own_ref = {ref_key(i.task.ref): i.task.id for i in choices}
    conflicts: dict[int, int] = {}

    def quoted(match: re.Match[str]) -> str:
        # "> 3. II.2.a Title …" → "II.2.a" (a pasted line's words are not the officer's)
        line = match.group(1)
        number = re.match(r"\s*(?:(\d{1,3})[.)]\s+)?(\S+)", line)
        if number:
            shown = [by_id[t] for t in about.task_ids if t in by_id]
            if number.group(1):
                task_id = about.line(int(number.group(1)))
                shown = [by_id[task_id]] if task_id in by_id else []
            for item in shown:
                if ref_key(number.group(2)) == ref_key(item.task.ref):
                    return item.task.ref
        return ""  # a quoted line that shows no task: not the officer's words

    text = _QUOTED_LINE.sub(quoted, text)
    text = _strip_pasted_lines(text, about.task_ids, by_id)

    def numbered(match: re.Match[str]) -> str:
        number = int(match.group(1))
        task_id = about.line(number)
        if task_id is None or task_id not in by_id:
            return match.group(0)
        other = own_ref.get(str(number))
        if other is not None and other != task_id:
            conflicts[other] = task_id
            return match.group(0)
        start, end = match.span(1)
        whole = match.group(0)
        offset = match.start()
        return whole[: start - offset] + by_id[task_id].task.ref + whole[end - offset :]

    return _LEADING_NUMBER.sub(numbered, text), conflicts


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
