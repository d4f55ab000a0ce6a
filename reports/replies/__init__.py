"""Parse officers' free-text status replies into status, percent, task and note (pure, no I/O).

Use `parse_replies(text, tasks, lines=…)` (one `ParsedReply` per task the message reports) or
`parse_reply(text, tasks)` (the message as one reply). `tasks` are the candidate task refs
("II.2.a", "1.b", "A1.1"); `lines` are the refs of the numbered reminder the officer replies
to, in line order (line n is `lines[n - 1]`), or None when the message answers no reminder.

What a `ParsedReply` tells the conversation layer (H2b):

- `status`, `percent`, `task`, `note`: what to record. `note` keeps everything the officer wrote
  besides the status words and the ref, with balanced brackets.
- `reason` (None when the reply can be recorded as it is; then `ambiguous` is False):
  - "no_status": nothing says how the task stands: ask for a status.
  - "conflicting_status": two statuses ("xong nhưng chưa …"): ask for a status.
  - "done_with_ongoing": a done word and work that goes on in one message ("xong, đang hoàn
    thiện hồ sơ", "hoàn thành …, dự kiến …"): never recorded as done; ask, offering `options`
    (done, in progress).
  - "substep_done": a step finished with its own verb and nothing else ("đã khảo sát xong",
    "đã lập xong hồ sơ"): ask, offering `options`.
  - "written_report": the officer points to a written report ("đã có công văn số 88/… báo
    cáo"): `kind` is "written_report", `document` holds the report's number; record it and let
    the officer pick a status (`options`). No status is guessed.
  - "which_task": the message names no task and there are several, or a ref fits several
    (`choices` lists them when known), or a bare number is both a reminder line and a task,
    or a line of a list the parser was not given ("1 xong" answering nothing numbered).
  - "unknown_task": the ref names no candidate task.
  - "question": the message asks ("việc 4c bên anh xong rồi hả?", "sở mình nhận được công văn
    chưa ạ"): `kind` is "question", no status is read from what asks; answer, record nothing.
  - "hedged": a status said with a hedge ("hình như đã xong, để em xác nhận lại"): ask,
    offering `options` (what was said, in progress).
  - "corrected": the officer took back what they said about this task and said nothing else
    ("2a xong rồi à nhầm"): ask. A correction otherwise keeps only the corrected reading.
  - "unchanged": nothing new since the last report ("k có j mới", "vẫn như cũ"): ask.
  - "contribution": a supporting agency's answer ("đã gửi ý kiến", "đã phối hợp", "đã có văn
    bản số 125/SXD-QLN", "đã góp ý dự thảo"): `kind` is "contribution", `status` DONE (the
    contribution's, not the task's), `document` its number, the words kept in `note`.
- `ref` is the reference as written ("3", "2a", "II.2.a"); `ref_kind` says how it was read:
  - "task": a task ref ("2a" → "II.2.a"), or a task named by a quoted reminder line
    ("> 3. II.2.a …" above the answer);
  - "line": a bare number or an ordinal ("việc thứ ba trong danh sách") read as a line of the
    numbered list: with `lines` given, "3" means `lines[2]`; without them no task is guessed
    (`task` None, reason "which_task", `line` set): whether the number is a line of a list
    still in view is the conversation layer's rule. Pass `lines` whenever the message replies
    to a numbered reminder;
  - "ambiguous": a bare number that is both a line and another task: `task` is None, `reason`
    "which_task", `choices` = [line's task, other task(s)]; ask which;
  - None: the message names no task (the task, if any, comes from the only candidate).
  `line` is the number itself whenever the ref was a bare number (so H2b can map it itself).
- A reminder pasted above the answer (header "… chưa báo cáo kỳ …", lines "1. II.2.a …",
  "Trả lời tin nhắn này …") is not read as answers; its numbered lines serve as `lines`.

Decisions on the hard cases (kept in one place so the bot and the tests agree):

- "chưa hoàn thành" / "chưa xong" / "không hoàn thành" mean work is under way but not finished:
  in_progress. "chưa thực hiện/làm/triển khai/bắt đầu" and a bare "chưa" are not_started.
- "chưa thực hiện được", "không thể thực hiện", "không thực hiện được" are blocked.
- "cơ bản hoàn thành", "sắp/gần xong", "dự kiến/sẽ/phấn đấu hoàn thành", "hoàn thành một phần"
  are in_progress (a plan to finish, or "mostly", is not a finished task).
- A finished part ("xong bước thẩm định", "hoàn thành giai đoạn 1", "xong phần …") is
  in_progress; a finished step with its own verb ("đã khảo sát xong") is in_progress when the
  message says work goes on, otherwise the officer is asked (substep_done).
- A done word with a percentage below 100 ("hoàn thành 50%", "hoàn thành 1/2 khối lượng") is
  in_progress at that percentage; "100%" alone is done, "0%" alone is not_started, another
  percentage alone is in_progress. Percentages in words are read ("sáu mươi lăm phần trăm").
- Done and any ongoing-work phrase ("đang", "tiếp tục", "còn lại", "còn thiếu", "dự kiến",
  "sẽ", "chuẩn bị", "làm nốt", "tháng sau") → asked (done_with_ongoing), never done; a future
  finish ("dự kiến tháng 10 hoàn thành", "tháng sau xong") is in_progress.
- "đang thực hiện" + "100%" and "chưa thực hiện" + a positive percentage conflict.
- Blocked wins over in_progress and not_started ("đang thực hiện, có vướng mắc" is blocked);
  done together with an obstacle or with "chưa …" conflicts ("xong nhưng chưa …").
- A negation covers one or several obstacle words ("không phát sinh khó khăn vướng mắc",
  "không có khó khăn, vướng mắc gì", "chưa gặp vướng mắc", "vướng mắc: không"): not blocked.
- Suspension ("tạm dừng", "dừng lại để chờ …", "kẹt vốn") is blocked. Waiting on another body
  ("đang chờ Sở Tài chính thẩm định", "chờ ý kiến UBND tỉnh", "đợi phê duyệt") is an obstacle
  cue, like "thiếu vốn", "chưa được bố trí vốn", "kiến nghị bố trí …", "đề nghị gia hạn": it
  turns in_progress / not_started / no status into blocked (kept in the note); next to a done
  word, waiting asks (done_with_ongoing) and other cues leave the done as it is.
- An obstacle that is gone ("hết vướng", "đã tháo gỡ xong vướng mắc") is not one.
- A question ("2a xong chưa?", "hoàn thành không?") is not a status; "thời gian hoàn thành",
  "hạn hoàn thành" name a date, not a done.
- Progress hints ("đã trình", "dự thảo", "một phần", "đang hoàn thiện …") give in_progress only
  when no explicit status word is present, and stay in the note.
- "đã thực hiện" and "đã ban hành" alone are not read as done (they also describe partial work).
- Two different percentages leave the percent unknown (both stay in the note); over 100 is ignored.
- Typing leftovers are read: Telex ("ddang trieern khai", "hoanf thanhf"), VNI ("hoa2n
  tha2nh"), phone shorthand ("ko", "k", "dc", "đc", "ht", "dg th", "dth", "chx", "đag lm",
  "xog r", "xg", "ch lm", "vm", "tkhai").
- Round 3 (issue 23): a question is read as one when it ends in "?", in a question word ("…
  chưa ạ" after a verb, "… hả", "… à", "… nhỉ", "… thế nào", "… có … không") or opens with one
  ("cho em hỏi", "có phải", "bao giờ phải …"); a tag ("…, phải không ạ?") makes the whole
  sentence a question, another question clause leaves the clauses before it a report. "2b chưa",
  "2b thì chưa", "dạ chưa ạ", "vướng mắc: không" are answers. A hedge asks unless the status is
  a plan ("có lẽ tuần sau xong" is in progress). "đâu phải chưa triển khai" is work started;
  "không phải chưa xong" asks. "hai phần ba" is 67 %, "quá nửa" / "hơn một nửa" are in
  progress without a figure. "2a đang làm 30%, 2b 50": 2b is in progress at 50 %; "2b cũng
  vậy" takes 2a's reading.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from domain.status import ReportStatus
from domain.text import RefIndex, fold
from reports.replies import corrections
from reports.replies.reading import (
    CONFLICTING_STATUS,
    CONTRIBUTION,
    CORRECTED,
    DONE_WITH_ONGOING,
    HEDGED,
    KINDS,
    NO_STATUS,
    QUESTION,
    SUBSTEP_DONE,
    UNCHANGED,
    UNKNOWN_TASK,
    WHICH_TASK,
    WRITTEN_REPORT,
    Analysis,
    analyse,
    apply_percent,
    says_ongoing,
)
from reports.replies.refs import Ref, candidates
from reports.replies.segments import prepare, split
from reports.replies.text import MAX_CHARS, clean
from reports.replies.vocabulary import ELLIPSIS

__all__ = [
    "BLOCKED",
    "CONFLICTING_STATUS",
    "CONTRIBUTION",
    "CORRECTED",
    "DONE",
    "DONE_WITH_ONGOING",
    "HEDGED",
    "IN_PROGRESS",
    "MAX_CHARS",
    "NOT_STARTED",
    "NO_STATUS",
    "QUESTION",
    "SUBSTEP_DONE",
    "UNCHANGED",
    "UNKNOWN_TASK",
    "WHICH_TASK",
    "WRITTEN_REPORT",
    "ParsedReply",
    "parse_replies",
    "parse_reply",
    "says_ongoing",
]

MAX_PARTS = 120
DONE = ReportStatus.DONE
IN_PROGRESS = ReportStatus.IN_PROGRESS
NOT_STARTED = ReportStatus.NOT_STARTED
BLOCKED = ReportStatus.BLOCKED


@dataclass(frozen=True)
class ParsedReply:
    """One task's status as read from an officer's reply (see the module docstring)."""

    status: ReportStatus | None
    percent: int | None
    task: str | None
    note: str
    ambiguous: bool
    reason: str | None = None
    ref: str | None = None
    ref_kind: str | None = None  # task | line | ambiguous | None (no ref written)
    line: int | None = None
    choices: tuple[str, ...] = ()
    options: tuple[ReportStatus, ...] = ()
    kind: str = "status"  # status | written_report | question | contribution
    document: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The reply as a JSON-ready dict."""
        return {
            "status": self.status.value if self.status is not None else None,
            "percent": self.percent,
            "task": self.task,
            "note": self.note,
            "ambiguous": self.ambiguous,
            "reason": self.reason,
            "ref": self.ref,
            "ref_kind": self.ref_kind,
            "line": self.line,
            "choices": list(self.choices),
            "options": [s.value for s in self.options],
            "kind": self.kind,
            "document": self.document,
        }


@dataclass
class _Task:
    task: str | None
    reason: str | None
    ref: Ref | None = None
    choices: tuple[str, ...] = ()


def _task_of(refs: list[Ref], tasks: Sequence[str], quoted: Sequence[str] = ()) -> _Task:
    """The single task named, or the reason it cannot be told."""
    if not refs:
        if len(quoted) == 1:
            return _Task(quoted[0], None, Ref(0, 0, True, [quoted[0]], quoted[0]))
        if len(quoted) > 1:
            return _Task(None, WHICH_TASK, choices=tuple(quoted))
        valid = [t for t in tasks if isinstance(t, str)]
        if len(valid) == 1:
            return _Task(valid[0], None)
        return _Task(None, WHICH_TASK if len(valid) > 1 else None)
    first = refs[0]
    if any(not r.matches for r in refs):
        bad = next(r for r in refs if not r.matches)  # a line of a list not given: ask which
        return _Task(None, WHICH_TASK if bad.kind == "line" else UNKNOWN_TASK, bad)
    if any(len(r.matches) > 1 for r in refs):
        many = next(r for r in refs if len(r.matches) > 1)
        return _Task(None, WHICH_TASK, many, tuple(many.matches))
    found = list(dict.fromkeys(r.matches[0] for r in refs))
    if len(found) > 1:
        return _Task(None, WHICH_TASK, first, tuple(found))
    return _Task(found[0], None, first)


def _finish(a: Analysis, t: _Task) -> ParsedReply:
    """Combine the status and task readings into a reply."""
    reason = a.reason or t.reason
    ref = t.ref
    return ParsedReply(
        status=a.status,
        percent=a.percent,
        task=t.task,
        note=a.note,
        ambiguous=reason is not None,
        reason=reason,
        ref=ref.text if ref is not None else None,
        ref_kind=ref.kind if ref is not None else None,
        line=ref.line if ref is not None else None,
        choices=t.choices,
        options=a.options,
        kind=KINDS.get(a.reason or "", "status"),
        document=a.document,
    )


def parse_reply(
    text: str, tasks: Sequence[str] = (), *, lines: Sequence[str] | None = None
) -> ParsedReply:
    """Parse one status reply; never raises."""
    try:
        return _parse_reply(text, tasks, lines=lines)
    except Exception:  # pragma: no cover - a last guard, the fuzz tests run the inner function
        return ParsedReply(None, None, None, "", True, NO_STATUS)


def _parse_reply(
    text: str, tasks: Sequence[str] = (), *, lines: Sequence[str] | None = None
) -> ParsedReply:
    """parse_reply without the guard."""
    reader = _Reader.of(tasks, lines)
    text = corrections.drop_not_meant(clean(text))
    if len(corrections.split(text)) == 1:
        return reader.reply(text)
    return _one(reader.read(text))


def _one(readings: list[ParsedReply]) -> ParsedReply:
    """Several readings as one reply: which task, when they name more than one."""
    if len(readings) == 1:
        return readings[0]
    first = readings[0]
    statuses = {r.status for r in readings}
    return dataclasses.replace(
        first,
        task=None,
        reason=WHICH_TASK,
        ambiguous=True,
        status=first.status if len(statuses) == 1 else None,
        options=(),
        choices=tuple(dict.fromkeys(r.task for r in readings if r.task is not None)),
        kind="status" if first.kind == "question" else first.kind,  # it now asks which task
    )


def _with_status(target: ParsedReply, source: ParsedReply) -> ParsedReply:
    """`target`'s task with what `source` says about it (a correction, an elided status)."""
    said = source.reason if source.reason not in (WHICH_TASK, UNKNOWN_TASK) else None
    reason = said or (target.reason if target.reason in (WHICH_TASK, UNKNOWN_TASK) else None)
    return dataclasses.replace(
        target,
        status=source.status,
        percent=source.percent,
        note=source.note,
        reason=reason,
        ambiguous=reason is not None,
        options=source.options if source.status is None else (),
        kind=source.kind,
        document=source.document,
    )


# --- several tasks in one message -------------------------------------------------------------


def _bare(a: Analysis) -> bool:
    """A part that names a task and says nothing else."""
    return a.status is None and a.percent is None and not a.said and not a.words


def parse_replies(
    text: str, tasks: Sequence[str] = (), *, lines: Sequence[str] | None = None
) -> list[ParsedReply]:
    """Parse a message that may report several tasks; never raises."""
    try:
        return _parse_replies(text, tasks, lines=lines)
    except Exception:  # pragma: no cover - a last guard, the fuzz tests run the inner function
        return [parse_reply(text, tasks, lines=lines)]


def _parse_replies(
    text: str, tasks: Sequence[str] = (), *, lines: Sequence[str] | None = None
) -> list[ParsedReply]:
    """parse_replies without the guard."""
    reader = _Reader.of(tasks, lines)
    prepared = prepare(clean(text), reader.cands)
    body = prepared.text
    if not body.strip() and prepared.quoted:
        body = ""
    lines = prepared.lines if lines is None else lines
    return dataclasses.replace(reader, lines=lines, quoted=prepared.quoted).read(body)


@dataclass(frozen=True)
class _Reader:
    """What a message is read against: the candidate tasks, the lines of the numbered list it
    answers, the tasks of the reminder lines it quotes."""

    tasks: list[str]
    cands: RefIndex
    lines: Sequence[str] | None = None
    quoted: Sequence[str] = ()

    @classmethod
    def of(cls, tasks: Sequence[str], lines: Sequence[str] | None) -> _Reader:
        tasks = list(tasks or ())
        return cls(tasks, candidates(tasks), lines)

    def reply(self, text: str) -> ParsedReply:
        """The text read as one reply."""
        a = analyse(text, self.cands, self.lines)
        return _finish(a, _task_of(a.refs, self.tasks, self.quoted))

    def read(self, body: str) -> list[ParsedReply]:
        """The readings of a message, keeping only what a correction inside it left standing."""
        first, *corrected = corrections.split(corrections.drop_not_meant(body))
        kept = self.readings(first)
        for after in corrected:
            kept = corrections.merge(kept, self.readings(after), _with_status)
            kept = kept or [self.reply(after)]
        return kept

    def readings(self, body: str) -> list[ParsedReply]:
        """The readings of a message without a correction: one per task it reports."""
        spans = split(body, self.cands, self.lines)
        if len(spans) > MAX_PARTS:  # no officer reports hundreds of tasks in one message
            return [self.reply(body)]
        analyses = [analyse(body[s:e], self.cands, self.lines) for s, e in spans]
        if sum(len(a.refs) for a in analyses) < 2:
            return [self.reply(body)]

        groups: list[tuple[int, int, int]] = []  # start, end, line of the first part
        for (s, e), a in zip(spans, analyses, strict=True):
            row = body.count("\n", 0, s)
            if a.refs:
                groups.append((s, e, row))
            elif groups:
                groups[-1] = (groups[-1][0], e, groups[-1][2])
            elif a.said:
                return [self.reply(body)]

        readings: list[tuple[int, Analysis, Ref]] = []
        read = dict(zip(spans, analyses, strict=True))
        for s, e, row in groups:
            a = read.get((s, e)) or analyse(body[s:e], self.cands, self.lines)
            readings += [(row, a, ref) for ref in a.refs]
        sources = _sources(readings)
        return [
            _finish(source, _task_of([ref], self.tasks))
            for (_, _, ref), source in zip(readings, sources, strict=True)
        ]


def _sources(readings: list[tuple[int, Analysis, Ref]]) -> list[Analysis]:
    """For each task named, the part that says its status: its own, or the one it shares."""
    sources = [a for _, a, _ in readings]
    for i in range(len(readings)):
        row, a, _ = readings[i]
        if not _bare(a):
            continue
        before = readings[i - 1] if i > 0 else None
        if before is not None and before[0] == row and before[2] in before[1].mid:
            sources[i] = sources[i - 1]  # "xong 1a, 1b": the status came first
    for i in range(len(readings) - 2, -1, -1):
        same_row = readings[i + 1][0] == readings[i][0]
        if sources[i] is readings[i][1] and _bare(readings[i][1]) and same_row:
            sources[i] = sources[i + 1]  # "2a, 2b xong": the status comes after
    for i in range(1, len(readings)):
        if sources[i] is readings[i][1] and not sources[i].said:
            said = [sources[j] for j in range(i - 1, -1, -1) if sources[j].said]
            if said:
                sources[i] = _elided(sources[i], said[0])  # "2a đang làm 30%, 2b 50"
    return sources


_NUMBER_ONLY = re.compile(r"[0-9]{1,3}")


def _elided(a: Analysis, before: Analysis) -> Analysis:
    """A part that leaves its status to the one before it: "2a đang làm 30%, 2b 50" (a number:
    its percentage, with the status said before), "2b cũng vậy" (the same reading)."""
    words = fold(a.note)
    if ELLIPSIS.match(words):
        return before
    if not _NUMBER_ONLY.fullmatch(words) or int(words) > 100:
        return a
    n = int(words)
    status, reason = apply_percent(before.status if before.reason is None else None, None, n)
    if status is None or reason is not None:
        status, reason = apply_percent(None, None, n)
    return dataclasses.replace(a, status=status, percent=n, reason=None, note="", said=True)
