"""Cutting a message into the parts that each report one task, and finding pasted reminders."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from domain.lines import bare_number
from domain.text import RefIndex
from reports.replies.refs import REF, STATUS_START, leading_refs, make_ref
from reports.replies.text import fold_map

_HAS_WORD = re.compile(r"[^\W_]")
# Hard breaks: lines, ";" and the end of a sentence (". " after a word or a bracket).
_HARD = re.compile(r"\n+|;+|(?<=[^\s0-9.])\.(?=\s+\S)|(?<=[0-9]%)\.(?=\s+\S)|(?<=\))\.(?=\s*\S)")
_SPLIT_SOFT = re.compile(
    r",|:|\s(?:và|va|vs|với|voi|nhưng|nhung|còn|con|\+|-|–)\s|\s+", re.IGNORECASE
)
_THEN_STATUS = re.compile(rf"\s*[:\-]?\s*{STATUS_START}")

# The bot's own reminder, pasted or quoted above the answer (folded).
_REMINDER_HEAD = re.compile(
    r"chua bao cao ky|qua han bao cao ky|hom nay la han bao cao|yeu cau bao cao dot xuat"
    r"|nhiem vu chua bao cao|can bao cao \d+ nhiem vu"
)
_REMINDER_TAIL = re.compile(
    r"^\s*(?:tra loi tin nhan nay|noi dung yeu cau\s*:|(?:…|\.\.\.)?\s*va \d+ nhiem vu khac)"
)
_REMINDER_LINE = re.compile(r"^\s*(?:[>»|]\s*)?(?P<n>[0-9]{1,2})\s*[.)]\s*(?P<ref>\S+)\s")
_QUOTE = re.compile(r"^\s*[>»]")


@dataclass
class Prepared:
    text: str  # the answer, without a pasted reminder or quoted lines
    lines: list[str] | None  # refs by line number of a pasted reminder
    quoted: list[str]  # tasks named by quoted reminder lines


def _line_ref(line: str, cands: RefIndex) -> tuple[int, str | None] | None:
    """(line number, task or None) of a line shaped "3. II.2.a …" (None: not that shape)."""
    folded, pos = fold_map(line)
    m = _REMINDER_LINE.match(folded)
    if m is None:
        return None
    r = REF.match(folded, m.start("ref"))
    if r is None:
        return None
    ref = make_ref(r, line, pos, cands)
    if ref is None or not ref.explicit:
        return None
    return int(m.group("n")), ref.matches[0] if len(ref.matches) == 1 else None


def prepare(clean: str, cands: RefIndex) -> Prepared:
    """Take a pasted reminder and quoted lines out of the message, keeping what they name."""
    rows = clean.split("\n")
    folded_rows = [fold_map(r)[0] for r in rows]
    drop = [False] * len(rows)
    quoted: list[str] = []
    pasted: dict[int, str] = {}
    in_block = False
    for i, (row, f) in enumerate(zip(rows, folded_rows, strict=True)):
        if _REMINDER_HEAD.search(f):
            drop[i] = in_block = True
            continue
        if _REMINDER_TAIL.match(f.lstrip(">» |")):
            drop[i] = True
            in_block = False
            continue
        named = _line_ref(row, cands)
        if in_block and named is not None:
            drop[i] = True
            if named[1] is not None:
                pasted[named[0]] = named[1]
            continue
        if in_block and not f.strip():
            continue
        in_block = False
        if _QUOTE.match(f):
            drop[i] = True
            if named is not None and named[1] is not None:
                quoted.append(named[1])
    if not pasted:
        _headless_block(rows, cands, drop, pasted)
    lines = None
    if pasted:
        lines = [pasted.get(n, "") for n in range(1, max(pasted) + 1)]
    text = "\n".join(r for r, d in zip(rows, drop, strict=True) if not d)
    return Prepared(text, lines, list(dict.fromkeys(quoted)))


_TITLE_WORDS = 5
# A reminder line as the bot writes it: number, ref, then the title with a capital letter.
_SHOWN_LINE = re.compile(r"^\s*[0-9]{1,2}\.\s+[^\s:]+\s+(?P<title>[^\W\d_a-zđ][^\n]*)$")


def _headless_block(
    rows: list[str], cands: RefIndex, drop: list[bool], pasted: dict[int, str]
) -> None:
    """Reminder lines pasted without their header: "1. II.2.a <title>", "2. II.2.b <title>" …
    numbered from 1, each with a title of several words, followed by the officer's answer."""
    start = None
    for i, row in enumerate(rows):
        named = _line_ref(row, cands)
        if named is None or drop[i]:
            if start is not None and row.strip():
                break
            continue
        if start is None:
            if named[0] != 1:
                return
            start = i
        elif named[0] != len([k for k in range(start, i) if rows[k].strip()]) + 1:
            return
    else:
        return  # nothing after the block: the numbered lines are the answer itself
    if start is None:
        return
    block = [k for k in range(start, i) if rows[k].strip()]
    if len(block) < 2:
        return
    for k in block:
        shown = _SHOWN_LINE.match(rows[k])
        if shown is None or len(shown.group("title").split()) < _TITLE_WORDS:
            return  # "1. II.2.a: đã xong …" is the officer's own numbered answer
    rest = " ".join(rows[k] for k in range(i, len(rows)))
    if not re.search(rf"(?<![a-z]){STATUS_START}", fold_map(rest)[0]):
        return
    for k in block:
        named = _line_ref(rows[k], cands)
        assert named is not None
        drop[k] = True
        if named[1] is not None:
            pasted[named[0]] = named[1]


def _names_task(text: str, cands: RefIndex, lines: Sequence[str] | None) -> bool:
    """True when the text names exactly one known task with an explicit reference."""
    folded, pos = fold_map(text)
    for m in REF.finditer(folded):
        ref = make_ref(m, text, pos, cands, lines=lines)
        if ref is not None and ref.explicit and len(ref.matches) == 1:
            return True
    return False


_LABEL = re.compile(
    r"^\W*(?:da\s*)?(?:xong|hoan\s*thanh|ht|dang\s*(?:lam|thuc\s*hien|trien\s*khai)|dang|chua"
    r"|chua\s*(?:lam|thuc\s*hien|trien\s*khai)|vuong(?:\s*mac)?|tam\s*dung|done)\W*$"
)


def _status_label(head: str) -> bool:
    """True when the text before ":" is only a status ("Xong", "Đang làm", "Chưa thực hiện")."""
    return _LABEL.match(fold_map(head)[0]) is not None


def split(clean: str, cands: RefIndex, lines: Sequence[str] | None = None) -> list[tuple[int, int]]:
    """Spans of the parts: lines, ";"-parts and sentences, also cut before "…, 2b …"."""
    spans: list[tuple[int, int]] = []
    cut_at = [0]
    for m in _HARD.finditer(clean):
        cut_at += [m.start(), m.end()]
    cut_at.append(len(clean))
    pieces = [(cut_at[k], cut_at[k + 1]) for k in range(0, len(cut_at), 2)]
    for start, end in pieces:
        line = clean[start:end]
        cut = 0
        for m in _SPLIT_SOFT.finditer(line):
            if m.start() <= cut:
                continue
            window = line[m.end() : m.end() + 60]
            folded, pos = fold_map(window)
            refs, _ = leading_refs(folded, window, pos, cands, lines=lines, limit=4)
            lines_only = m.group() == "," and all(r.kind == "line" and not r.matches for r in refs)
            if not refs or (any(len(r.matches) != 1 for r in refs) and not lines_only):
                continue
            if m.group() == ":" and (not refs[0].explicit or _status_label(line[cut : m.start()])):
                continue  # "Xong: 1a, 1b" names the status first
            if m.group().isspace() or m.group().strip() in ("-", "–"):
                head = line[cut : m.start()]
                if bare_number(head):
                    continue
                if not _THEN_STATUS.match(folded, refs[-1].end):
                    continue
                head_folded, head_pos = fold_map(head[:80])
                head_refs, _ = leading_refs(
                    head_folded, head[:80], head_pos, cands, lines=lines, limit=1
                )
                if not head_refs and not _names_task(head, cands, lines):
                    continue
            if line[cut : m.start()].strip():
                spans.append((start + cut, start + m.start()))
                cut = m.end()
        spans.append((start + cut, end))
    return [(s, e) for s, e in spans if _HAS_WORD.search(clean[s:e])]
