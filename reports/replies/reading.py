"""Reading one part of a reply: status, percent, task references, written report and note.

What each word means lives beside this module: `refs` (which task), `vocabulary` (status
words), `numbers` (quantities in words), `hedges` (hedges and questions); this module weighs
them for one part.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.status import ReportStatus
from domain.text import RefIndex
from reports.replies.hedges import hedged, question_spans
from reports.replies.numbers import PERCENT
from reports.replies.refs import REF, Ref, leading_refs, make_ref
from reports.replies.text import clean as clean_text
from reports.replies.text import fold_map
from reports.replies.vocabulary import (
    BLOCKED,
    CHECKED_FORMS,
    CHECKED_WORD,
    COMPILED,
    CONTRIBUTION_WORDS,
    DOCUMENT,
    DONE,
    IN_PROGRESS,
    KIND_RANK,
    NOT_STARTED,
    ONGOING,
    REPORT_WORD,
)

# Why a reading needs the officer (ParsedReply.reason).
NO_STATUS = "no_status"
CONFLICTING_STATUS = "conflicting_status"
DONE_WITH_ONGOING = "done_with_ongoing"
SUBSTEP_DONE = "substep_done"
WRITTEN_REPORT = "written_report"
UNKNOWN_TASK = "unknown_task"
WHICH_TASK = "which_task"
HEDGED = "hedged"
QUESTION = "question"
CORRECTED = "corrected"
UNCHANGED = "unchanged"
CONTRIBUTION = "contribution"
# What a reading is, by why it asks (ParsedReply.kind); otherwise "status".
KINDS = {WRITTEN_REPORT: "written_report", QUESTION: "question", CONTRIBUTION: "contribution"}
_LETTERS = re.compile(r"(?:cong\s*van|van\s*ban|cv|vb)")
_SENT = re.compile(r"(?<![a-z])(?:da|dc|duoc)\s*(?:co|gui|ban\s*hanh|phat\s*hanh)\s*$")
_LEAD_NOTE = re.compile(
    r"^(?:dạ|vâng|vang|ok|oke|okie|okay|em|e|báo cáo|bao cao|bc|xin|kính gửi|nhưng|nhung"
    r"|tuy nhiên|tuy nhien|và|ạ|cả|tất cả|toàn bộ|thì)(?:\s+|[,.:;!\-]+\s*|$)",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"(?:^|[\s,.;!])(?:trân trọng|tran trong|xin cảm ơn|xin cam on|cảm ơn|cam on|thanks|tks"
    r"|thank you)[\s.!,]*(?:[^\w\s]\s*)*$",
    re.IGNORECASE,
)
_TRAIL_NOTE = re.compile(
    r"(?:^|(?<=[\s,.;!]))(?:[ạẠ]|a|[Nn]hé|[Nn]he|[Nn]ha|ạh|ah|à|rồi|roi|r|ok|oke|OK)[\s.!,]*"
    r"(?:[^\w\s()\[\]<>{}.,;:!?%/\-'\"*_~]\s*)*$"
)
_EDGE = " \t\n:-–—,;|/+*•_~"
_PAIRS = {"(": ")", "[": "]", "<": ">", "{": "}"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_HAS_WORD = re.compile(r"[^\W_]")
# Words that go with naming tasks ("Cả 2a và 2b", "nhiệm vụ 2a, 2b"), not with their status.
_NAMING_TEXT = "ca tat toan bo va vs voi cung deu nhiem vu nv muc da vang em e bc bao cao xin gui"
_NAMING_WORDS = frozenset([*_NAMING_TEXT.split(), "kinh", "thi", "con", "nhung"])


@dataclass
class Analysis:
    status: ReportStatus | None
    percent: int | None
    reason: str | None
    leading: list[Ref]
    mid: list[Ref]
    note: str
    document: str | None = None
    options: tuple[ReportStatus, ...] = ()
    said: bool = False  # any status word, percent or written report at all
    words: bool = True  # any word besides the task references
    cut: list[tuple[int, int]] = field(default_factory=list)

    @property
    def named(self) -> bool:
        return bool(self.leading)

    @property
    def refs(self) -> list[Ref]:
        return self.leading + self.mid


def _mask(chars: list[str], start: int, end: int) -> None:
    """Blank a span so later patterns do not see it."""
    for k in range(start, end):
        chars[k] = " "


def _pick_status(
    found: list[tuple[ReportStatus | None, str]],
) -> tuple[ReportStatus | None, str | None]:
    """Status from the matched phrases, and why it cannot be told (None when it can)."""
    strong = {s for s, k in found if k in ("strong", "kept") and s is not None}
    weak = {s for s, k in found if k == "weak" and s is not None}
    kinds = {k for _, k in found}
    cue = "cue" in kinds or "wait" in kinds
    if BLOCKED in strong:
        return (None, CONFLICTING_STATUS) if DONE in strong else (BLOCKED, None)
    if strong:
        if strong == {DONE, IN_PROGRESS}:
            return None, DONE_WITH_ONGOING
        if len(strong) > 1:
            return None, CONFLICTING_STATUS
        (status,) = strong
        if status == DONE and NOT_STARTED in weak:
            return None, CONFLICTING_STATUS
        if status == DONE and "wait" in kinds:
            return None, DONE_WITH_ONGOING
        if status != DONE and cue:
            return BLOCKED, None
        return status, None
    if cue:
        return BLOCKED, None
    if "sub" in kinds or IN_PROGRESS in weak:
        return IN_PROGRESS, None
    if "subv" in kinds:
        return None, SUBSTEP_DONE
    if NOT_STARTED in weak:
        return NOT_STARTED, None
    return None, None


def apply_percent(
    status: ReportStatus | None, reason: str | None, percent: int | None
) -> tuple[ReportStatus | None, str | None]:
    """Combine the status words with a percentage."""
    if percent is None or reason in (CONFLICTING_STATUS, DONE_WITH_ONGOING):
        return status, reason
    if reason == SUBSTEP_DONE:
        return (IN_PROGRESS, None) if 0 < percent < 100 else (status, reason)
    if status is None:
        if percent == 100:
            return DONE, None
        return (NOT_STARTED if percent == 0 else IN_PROGRESS), None
    if status == DONE and percent < 100:
        return (NOT_STARTED if percent == 0 else IN_PROGRESS), None
    if (status == IN_PROGRESS and percent == 100) or (status == NOT_STARTED and percent > 0):
        return None, CONFLICTING_STATUS
    return status, None


def _balance(text: str) -> str:
    """Drop brackets left without their partner at either end; keep balanced ones."""
    for _ in range(4):
        before = text
        if text and text[0] in _CLOSERS:
            text = text[1:]
        if text and text[-1] in _PAIRS:
            text = text[:-1]
        if text and text[0] in _PAIRS and text.count(text[0]) > text.count(_PAIRS[text[0]]):
            text = text[1:]
        if text and text[-1] in _CLOSERS and text.count(text[-1]) > text.count(_CLOSERS[text[-1]]):
            text = text[:-1]
        if (
            len(text) > 1
            and text[0] in _PAIRS
            and text[-1] == _PAIRS[text[0]]
            and _closes_at_end(text)
        ):
            text = text[1:-1]
        text = text.strip(_EDGE)
        if text == before:
            break
    return text


def _closes_at_end(text: str) -> bool:
    """True when the bracket opening the text is the one closing it."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == text[0]:
            depth += 1
        elif ch == text[-1]:
            depth -= 1
            if depth == 0:
                return i == len(text) - 1
    return False


def tidy_note(text: str) -> str:
    """Trim separators, greetings and particles around what is left of the reply."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,;:.!?)\]])", r"\1", text)
    text = re.sub(r"\(\s*[,;:.\-]*\s*\)|\[\s*\]", " ", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"([,;:\-–])(?:\s*[,;:\-–])+", r"\1", text)
    text = re.sub(r"\s+", " ", text)
    for _ in range(8):
        before = text
        text = text.strip(_EDGE).lstrip(".>")
        text = _balance(text)
        text = _LEAD_NOTE.sub("", text, count=1)
        text = _TRAIL_NOTE.sub("", text, count=1)
        text = _CLOSING.sub("", text, count=1)
        if text == before:
            break
    text = _balance(text.strip(_EDGE))
    return text if _HAS_WORD.search(text) else ""


def _forms_ok(
    m: re.Match[str], clean: str, pos: list[int], search: str, checked: dict[str, bool]
) -> bool:
    """Reject "đăng"/"đảng"/"chứa"/"cho"/"dựng" read as "đang"/"chưa"/"chờ"/"dừng"."""
    span = clean[pos[m.start()] : pos[m.end() - 1] + 1]
    plain = span.isascii()
    for w in CHECKED_WORD.finditer(search, m.start(), m.end()):
        word = w.group()
        if word not in checked:
            continue
        source = clean[pos[w.start()] : pos[w.end() - 1] + 1].lower()
        if source in CHECKED_FORMS[word]:
            continue
        if source.isascii() and source != word:  # Telex/VNI marks typed: "chowf", "ddang"
            continue
        if source.isascii() and plain and checked[word]:
            continue
        return False
    return True


_ONGOING_CHECKS = {"dang": True, "chua": True}


def _ongoing(search: str, clean: str, pos: list[int]) -> bool:
    """True when the text says work goes on ("đang", "tiếp tục", "còn lại", "dự kiến" …)."""
    return any(_forms_ok(m, clean, pos, search, _ONGOING_CHECKS) for m in ONGOING.finditer(search))


def says_ongoing(text: str) -> bool:
    """Whether the words say some work is still going on ("đang hoàn thiện", "dang lam",
    "phần còn lại quý sau"; not "đã đăng tải"): the one check, for the parser and the bot."""
    clean = clean_text(text)
    folded, pos = fold_map(clean)
    return _ongoing(folded, clean, pos)


def _contribution(
    search: str, found: list[tuple[ReportStatus | None, str]], doc: re.Match[str] | None
) -> bool:
    """A supporting agency's answer ("đã gửi ý kiến", "đã phối hợp", "đã có văn bản số …"),
    unless the part says a status other than done in so many words."""
    if any(k in ("strong", "kept") and s not in (None, DONE) for s, k in found):
        return False
    if CONTRIBUTION_WORDS.search(search):
        return True
    if doc is None or not _LETTERS.match(doc.group()) or REPORT_WORD.search(search):
        return False
    return _SENT.search(search, 0, doc.start()) is not None


def analyse(
    text: object,
    cands: RefIndex,
    lines: Sequence[str] | None = None,
) -> Analysis:
    """Read status, percent, task references and note from one reply (or one part of it)."""
    clean = clean_text(text)
    folded, pos = fold_map(clean)
    chars = list(folded)
    removed: list[tuple[int, int]] = []

    percents: list[tuple[int, int, int]] = []
    for m in PERCENT.finditer(folded):
        _mask(chars, m.start(), m.end())
        value = float(m.group("n").replace(",", "."))
        if value <= 100 and not m.group("rest"):
            percents.append((m.start(), m.end(), round(value)))

    search = "".join(chars)
    leading, spans = leading_refs(search, clean, pos, cands, lines=lines)
    for s, e in spans:
        _mask(chars, s, e)
        removed.append((s, e))
    search = "".join(chars)
    mid: list[Ref] = []
    for m in REF.finditer(search):
        ref = make_ref(m, clean, pos, cands, lines=lines)
        if ref is not None and ref.explicit and len(ref.matches) == 1:
            mid.append(ref)
            _mask(chars, ref.start, ref.end)
            removed.append((ref.start, ref.end))
    search = "".join(chars)
    words = set(re.findall(r"[a-z0-9]+", search)) - _NAMING_WORDS

    # what asks is not read: "2a xong rồi hả?" reports nothing, "… đạt 50% chưa?" no figure
    asked = question_spans(search, clean, pos, [r.start for r in leading + mid])
    for s, e in asked:
        _mask(chars, s, e)
    percents = [p for p in percents if not any(s <= p[0] < e for s, e in asked)]
    values = {p for _, _, p in percents}
    percent = next(iter(values)) if len(values) == 1 else None
    if percent is not None:
        removed += [(s, e) for s, e, _ in percents]
    search = "".join(chars)

    hits: list[tuple[int, int, int, int, ReportStatus | None, str]] = []
    for rx, status, kind, checked, needs in COMPILED:
        if needs and not any(n in search for n in needs):
            continue
        for m in rx.finditer(search):
            if m.end() > m.start() and _forms_ok(m, clean, pos, search, checked):
                length = m.end() - m.start()
                hits.append((-length, KIND_RANK[kind], m.start(), m.end(), status, kind))
    hits.sort(key=lambda h: (h[0], h[1], h[2]))
    taken: list[tuple[int, int]] = []
    found: list[tuple[ReportStatus | None, str]] = []
    for _, _, start, end, status, kind in hits:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        found.append((status, kind))
        if kind == "strong":
            removed.append((start, end))

    if percent is not None and 0 < percent < 100:  # "hoàn thành 50%" is work under way
        found = [(IN_PROGRESS if s == DONE else s, k) for s, k in found]
    status, reason = _pick_status(found)
    if status is None and reason is None and len(values) > 1 and all(0 < v < 100 for v in values):
        status = IN_PROGRESS
    status, reason = apply_percent(status, reason, percent)

    options: tuple[ReportStatus, ...] = ()
    if reason == SUBSTEP_DONE and _ongoing(search, clean, pos):
        status, reason = IN_PROGRESS, None
    if status == DONE and _ongoing(search, clean, pos):
        status, reason = None, DONE_WITH_ONGOING
    if reason in (DONE_WITH_ONGOING, SUBSTEP_DONE):
        options = (DONE, IN_PROGRESS)

    document = None
    doc = DOCUMENT.search(search)
    if doc is not None:
        document = clean[pos[doc.start()] : pos[doc.end() - 1] + 1].strip()
        explicit = any(
            k in ("strong", "kept", "sub", "cue", "wait") and s is not None for s, k in found
        )
        if reason is None and not explicit and percent is None:
            status, reason = None, WRITTEN_REPORT
            options = (DONE, IN_PROGRESS, NOT_STARTED, BLOCKED)
    if percent is None and _contribution(search, found, doc):
        status, reason, options = DONE, CONTRIBUTION, ()
    forecast = status == IN_PROGRESS and any(k == "kept" and s == status for s, k in found)
    unsure = (status is not None or options) and not forecast  # "có lẽ tuần sau xong" is a plan
    if reason != CONTRIBUTION and unsure and hedged(search, clean, pos):
        said_status = (status,) if status is not None else options
        options = tuple(dict.fromkeys((*said_status, IN_PROGRESS)))
        status, reason = None, HEDGED
    if status is None and reason is None and any(k == "same" for _, k in found):
        reason = UNCHANGED
    if status is None and reason is None and asked:
        reason = QUESTION
    if status is None and reason is None:
        reason = NO_STATUS

    said = bool(found and any(s is not None or k == "subv" for s, k in found))
    said = said or percent is not None or document is not None or reason == CONTRIBUTION

    keep = [True] * len(clean)
    for s, e in removed:
        if e > s:
            for k in range(pos[s], pos[e - 1] + 1):
                keep[k] = False
    note = tidy_note("".join(ch if keep[i] else " " for i, ch in enumerate(clean)))
    return Analysis(
        status, percent, reason, leading, mid, note, document, options, said, bool(words), removed
    )
