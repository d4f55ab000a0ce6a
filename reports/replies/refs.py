"""Task references in a reply ("2a", "II.2.a", "2.a", "II.2a", "A1.1", "nv 3") and reminder lines.

A reference is matched against the candidate task refs by `domain.text.RefIndex` (the one
matcher of the project): "2a" is "II.2.a" when no other candidate ends in 2, a; "4.1" is
"IV.1" unless a longer ref also ends in 4, 1. A bare number ("3") may also be a LINE of the
numbered reminder the officer replies to ("3. II.2.a …"): with the reminder's lines known it
means that line's task, and when it also names another task the reading is ambiguous; without
them it names no task (`kind` "line"): the conversation layer decides, the parser never guesses.
An ordinal ("việc thứ ba trong danh sách") is always a line. Refs said in words ("nhiệm vụ ba
b", "mục hai", "việc đầu tiên") are rewritten to digits by `spoken` before anything is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from domain.text import RefIndex, roman_value
from reports.replies.numbers import (
    NUM_WORD,
    Rewrite,
    spelled_as_number,
    value_of,
    words_value,
)

STATUS_START = (
    r"(?:xong|xog|hoan|ht(?![a-z])|dang|dag|dg|dth|chua|vuong|kho|done|da\s|bi\s|gap|ok|tiep|tam\s"
    r"|dung|cho\s|chx|th(?![a-z]))"
)

# The words officers put before a ref ("nhiệm vụ 2a", "mục 3", "việc số 4"), as data.
REF_NOUNS = (
    "nhiem vu",
    "nvu",
    "nv",
    "task",
    "muc",
    "stt",
    "so",
    "cv",
    "cong viec",
    "nd",
    "noi dung",
    "viec",
    "dong",
    "line",
)
# Nouns before an ordinal ("việc thứ ba", "cái thứ hai", "ý thứ nhất").
ORDINAL_NOUNS = (*REF_NOUNS, "cai", "y")
# Where the list is said to be ("… trong danh sách", "… ở tin nhắn").
LIST_PLACES = ("danh sach", "ds", "tin nhan", "tin nhac", "list", "nhac nho", "tren", "duoi")


def _words(words: Sequence[str]) -> str:
    return "|".join(sorted((w.replace(" ", r"\s*") for w in words), key=len, reverse=True))


_NOUN = _words(REF_NOUNS)
PREFIX = rf"(?:(?:{_NOUN})\s*(?:so\s*)?[:.#]?\s*|#\s*)"
_ROMAN = r"(?:viii|vii|iii|ii|iv|ix|vi|v|i|x)"
REF = re.compile(
    rf"(?<![a-z0-9])(?:(?P<prefix>{PREFIX})(?P<ord>thu\s*(?=[0-9]))?)?"
    rf"(?:(?P<roman>{_ROMAN})[.\s\-]?(?=[0-9])|(?P<lead>[a-z])[.\-]?(?=[0-9]))?"
    r"(?P<num>[0-9]{1,2}(?:\.[0-9]{1,2})*)"
    rf"(?:[.\-]?(?P<letter>[a-z])(?=[^a-z0-9]|$|{STATUS_START})"
    rf"|(?=[^a-z0-9.,/\-]|[.,/\-](?![0-9])|$|{STATUS_START}))"
)
_BARE_OK = re.compile(rf"\s*(?:[:.)\-,]|$|(?:deu|cung)(?![a-z])|{STATUS_START})")
_REF_JOIN = re.compile(r"\s*(?:[,&+/]|(?:va|vs|voi)(?![a-z]))?\s*")
LEAD_FILLER = re.compile(
    r"(?:[^a-z0-9#]|(?<![a-z])(?:da|vang|ok|oke|okie|em|e|bc|bao\s*cao|xin|kinh\s*gui|gui|ca"
    r"|tat\s*ca|toan\s*bo)"
    r"(?![a-z]))*"
)
_LIST_NUM = re.compile(r"[0-9]{1,2}\s*(?:[.)]\s+|\)|\.(?=[ivx]+\.))")


def candidates(tasks: Sequence[str]) -> RefIndex:
    """The candidate task refs, ready to match what the officer wrote (an agency's list is
    the same from one reply to the next: built once)."""
    try:
        return _index(tuple(tasks))
    except TypeError:  # a ref that cannot be hashed is no ref
        return RefIndex([t for t in tasks if isinstance(t, str)])


@lru_cache(maxsize=256)
def _index(tasks: tuple[str, ...]) -> RefIndex:
    return RefIndex(tasks)


@dataclass
class Ref:
    start: int
    end: int
    explicit: bool  # has a prefix, a Roman numeral or a letter
    matches: list[str]
    text: str = ""  # as the officer wrote it
    kind: str = "task"  # task | line | ambiguous
    line: int | None = None  # the number, when it may be a reminder line
    choices: list[str] = field(default_factory=list)


def make_ref(
    m: re.Match[str],
    clean: str,
    pos: list[int],
    cands: RefIndex,
    lines: Sequence[str] | None = None,
) -> Ref | None:
    """Resolve one matched reference against the candidates (None: not a reference)."""
    segs: list[str] = []
    roman = m.group("roman")
    if roman:
        segs.append(str(roman_value(roman)))
    if m.group("lead"):
        segs.append(m.group("lead"))
    segs += [str(int(p)) for p in m.group("num").split(".")]
    letter = m.group("letter")
    exact = list(segs)
    if letter:
        exact.append(clean[pos[m.start("letter")]].lower())
        segs.append(letter)
    bare_number = not roman and not m.group("lead") and not letter and "." not in m.group("num")
    ordinal = bool(m.group("ord")) and bare_number
    matches = [] if ordinal else cands.find(tuple(exact), tuple(segs), arabic=not roman)
    if m.group("lead") and not matches:
        return None  # "a1" that names no task is a word, not a reference
    text = clean[pos[m.start()] : pos[m.end() - 1] + 1].strip()
    if bare_number and m.string[m.end() : m.end() + 1] == "/":
        return None  # "số 12/KH-UBND" is a document's number
    ref = Ref(m.start(), m.end(), _explicit(m), matches, text)
    if not bare_number:
        return ref
    n = int(m.group("num"))
    ref.line = n
    if lines is not None and 1 <= n <= len(lines):
        line_task = lines[n - 1]
        if line_task not in cands:
            ref.matches = []
        elif not matches or matches == [line_task]:
            ref.matches, ref.kind = [line_task], "line"
        else:
            ref.choices = list(dict.fromkeys([line_task, *matches]))
            ref.matches, ref.kind = ref.choices, "ambiguous"
    elif not matches and lines is None:
        ref.kind = "line"  # a line of a list the parser was not given: never a guess
    return ref


def leading_refs(
    search: str,
    clean: str,
    pos: list[int],
    cands: RefIndex,
    start: int = 0,
    lines: Sequence[str] | None = None,
    limit: int = 64,
) -> tuple[list[Ref], list[tuple[int, int]]]:
    """The references that open the text (after greetings), e.g. "2a, 2b" in "2a, 2b xong".

    A list number before an explicit reference ("1. 2a xong", "3. II.2.a …") is a bullet or a
    reminder line, not a task: it is returned among the spans to cut, not as a reference. A
    number after a task that names nothing ("2b 50") is what the officer says about it.
    """
    refs: list[Ref] = []
    spans: list[tuple[int, int]] = []
    at = LEAD_FILLER.match(search, start)
    i = at.end() if at else start
    bullet = _LIST_NUM.match(search, i)
    if bullet:
        m = REF.match(search, bullet.end())
        if m and _explicit(m) and make_ref(m, clean, pos, cands, lines) is not None:
            spans.append((i, bullet.end()))
            i = bullet.end()
    while len(refs) < limit:
        m = REF.match(search, i)
        if m is None:
            break
        if not _explicit(m) and not _BARE_OK.match(search, m.end()):
            break
        ref = make_ref(m, clean, pos, cands, lines=lines)
        if ref is None:
            break
        if refs and refs[-1].kind == "task" and ref.line is not None and not ref.matches:
            break
        refs.append(ref)
        j = _REF_JOIN.match(search, m.end())
        i = j.end() if j else m.end()
    spans += [(r.start, r.end) for r in refs]
    return refs, spans


def _explicit(m: re.Match[str]) -> bool:
    """A reference with a prefix, a Roman numeral, a leading letter or a trailing letter."""
    return bool(m.group("prefix") or m.group("roman") or m.group("lead") or m.group("letter"))


# --- refs said in words -----------------------------------------------------------------------

_ORD_NOUN = _words(ORDINAL_NOUNS)
_PLACE = _words(LIST_PLACES)
_SPOKEN = re.compile(
    rf"(?<![a-z0-9])(?P<noun>{_NOUN})\s+(?:so\s+)?"
    rf"(?P<words>{NUM_WORD}(?:\s+{NUM_WORD}){{0,2}})"
    r"(?:\s+(?P<letter>[a-z])(?![a-z0-9]))?"
    rf"(?=\s*(?:[:.,;)\-]|$|{STATUS_START}))"
)
_ORDINAL = re.compile(
    rf"(?<![a-z0-9])(?P<noun>{_ORD_NOUN})\s+"
    rf"(?:(?P<thu>thu)\s+(?P<n>[0-9]{{1,2}}|{NUM_WORD}(?:\s+{NUM_WORD}){{0,2}}|nhat|tu)"
    r"|(?P<first>dau\s*tien))"
    rf"(?:\s+(?:trong|o|cua|tren|theo)\s+(?:{_PLACE}))?(?![a-z0-9])"
)


def spoken(folded: str, source: str, pos: list[int]) -> list[Rewrite]:
    """Refs said in words, as digits: "nhiệm vụ ba b" → "nhiệm vụ 3b", "mục hai" → "mục 2",
    "việc thứ ba trong danh sách" and "việc đầu tiên" → a line ("dong thu 3")."""
    out: list[Rewrite] = []

    def said(start: int, end: int) -> str:
        return source[pos[start] : pos[end - 1] + 1]

    for m in _ORDINAL.finditer(folded) if "thu" in folded or "tien" in folded else ():
        if m.group("first"):
            n: int | None = 1
        else:
            if said(m.start("thu"), m.end("thu")).lower() not in ("thứ", "thu"):
                continue
            words = m.group("n").split()
            n = value_of(words[0]) if len(words) == 1 else words_value(words)
        if n is not None and 0 < n < 100:
            out.append((m.start(), m.end(), f"dong thu {n}"))
    taken = [(s, e) for s, e, _ in out]
    for m in _SPOKEN.finditer(folded):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        words = m.group("words").split()
        starts = [w.start() for w in re.finditer(r"\S+", m.group("words"))]
        spelled = [
            said(m.start("words") + s, m.start("words") + s + len(w))
            for s, w in zip(starts, words, strict=True)
        ]
        if not all(spelled_as_number(w, s) for w, s in zip(words, spelled, strict=True)):
            continue
        n = words_value(words)
        if n is None:
            continue
        letter = ""
        end = m.end("words")
        if m.group("letter"):
            typed = said(m.start("letter"), m.end("letter"))
            if typed.lower() != m.group("letter") and typed.lower() != "đ":
                continue  # "ạ", "à": a particle, not a letter
            letter, end = m.group("letter"), m.end("letter")
        out.append((m.start("words"), end, f"{n}{letter}"))
    return sorted(out)
