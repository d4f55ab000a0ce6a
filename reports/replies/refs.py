"""Task references in a reply ("2a", "II.2.a", "2.a", "II.2a", "A1.1", "nv 3") and reminder lines.

A reference is matched against the candidate task refs by its trailing segments: "2a" is
"II.2.a" when no other candidate ends in 2, a. A bare number ("3") may also be a LINE of the
numbered reminder the officer replies to ("3. II.2.a …"): with the reminder's lines known it
means that line's task, and when it also names another task the reading is ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.text import nfc, strip_diacritics

STATUS_START = (
    r"(?:xong|xog|hoan|ht(?![a-z])|dang|dag|dg|dth|chua|vuong|kho|done|da\s|bi\s|gap|ok|tiep|tam\s"
    r"|dung|cho\s|chx|th(?![a-z]))"
)

PREFIX = (
    r"(?:(?:nhiem\s*vu|nvu|nv|task|muc|stt|so|cv|nd|noi\s*dung|viec|dong|line)\s*[:.#]?\s*"
    r"|#\s*)"
)
_ROMAN = r"(?:viii|vii|iii|ii|iv|ix|vi|v|i|x)"
REF = re.compile(
    rf"(?<![a-z0-9])(?P<prefix>{PREFIX})?"
    rf"(?:(?P<roman>{_ROMAN})[.\s\-]?(?=[0-9])|(?P<lead>[a-z])[.\-]?(?=[0-9]))?"
    r"(?P<num>[0-9]{1,2}(?:\.[0-9]{1,2})*)"
    rf"(?:[.\-]?(?P<letter>[a-z])(?=[^a-z0-9]|$|{STATUS_START})"
    rf"|(?=[^a-z0-9.,/\-]|[.,/\-](?![0-9])|$|{STATUS_START}))"
)
_BARE_OK = re.compile(rf"\s*(?:[:.)\-,]|$|{STATUS_START})")
_REF_JOIN = re.compile(r"\s*(?:[,&+/]|(?:va|vs|voi)(?![a-z]))?\s*")
LEAD_FILLER = re.compile(
    r"(?:[^a-z0-9#]|(?<![a-z])(?:da|vang|ok|oke|okie|em|e|bc|bao\s*cao|xin|kinh\s*gui|gui|ca"
    r"|tat\s*ca|toan\s*bo)"
    r"(?![a-z]))*"
)
_LIST_NUM = re.compile(r"[0-9]{1,2}\s*(?:[.)]\s+|\)|\.(?=[ivx]+\.))")


def roman_to_int(s: str) -> int | None:
    """Value of a small Roman numeral, or None."""
    values = {"i": 1, "v": 5, "x": 10}
    if not s or any(c not in values for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = values[c]
        total += -v if i + 1 < len(s) and values[s[i + 1]] > v else v
    return total


def _norm_seg(seg: str, first: bool, many: bool) -> str:
    """Segment key: digits without leading zeros, a leading Roman numeral as digits."""
    if seg.isdigit() and seg.isascii():
        return str(int(seg))
    if first and many:
        value = roman_to_int(seg)
        if value is not None:
            return str(value)
    return seg


@dataclass(frozen=True)
class Candidate:
    ref: str
    exact: tuple[str, ...]
    folded: tuple[str, ...]


def candidates(tasks: Sequence[str]) -> list[Candidate]:
    """Task refs split into comparable segments ("A1.1" → a, 1, 1; "II.2.đ" → 2, 2, đ)."""
    out = []
    for ref in tasks:
        if not isinstance(ref, str):
            continue
        raw = re.findall(r"[0-9]+|[^\W\d_]+", nfc(ref).lower())
        segs = tuple(_norm_seg(s, i == 0, len(raw) > 1) for i, s in enumerate(raw))
        out.append(Candidate(ref, segs, tuple(strip_diacritics(s) for s in segs)))
    return out


def _suffix_eq(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when the shorter tuple ends the longer one."""
    n = min(len(a), len(b))
    return n > 0 and a[-n:] == b[-n:]


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
    cands: list[Candidate],
    by_index: bool,
    lines: Sequence[str] | None = None,
) -> Ref | None:
    """Resolve one matched reference against the candidates (None: not a reference)."""
    segs: list[str] = []
    if m.group("roman"):
        segs.append(str(roman_to_int(m.group("roman"))))
    if m.group("lead"):
        segs.append(m.group("lead"))
    segs += [str(int(p)) for p in m.group("num").split(".")]
    letter = m.group("letter")
    exact = list(segs)
    if letter:
        exact.append(clean[pos[m.start("letter")]].lower())
        segs.append(letter)
    matches = [c.ref for c in cands if _suffix_eq(tuple(exact), c.exact)]
    if not matches:
        matches = [c.ref for c in cands if _suffix_eq(tuple(segs), c.folded)]
    if m.group("lead") and not matches:
        return None  # "a1" that names no task is a word, not a reference
    explicit = _explicit(m)
    bare_number = not m.group("roman") and not m.group("lead") and not letter
    bare_number = bare_number and "." not in m.group("num")
    text = clean[pos[m.start()] : pos[m.end() - 1] + 1].strip()
    matches = list(dict.fromkeys(matches))
    if bare_number and m.string[m.end() : m.end() + 1] == "/":
        return None  # "số 12/KH-UBND" is a document's number
    ref = Ref(m.start(), m.end(), explicit, matches, text)
    if not bare_number:
        return ref
    n = int(m.group("num"))
    ref.line = n
    known = {c.ref for c in cands}
    if lines is not None and 1 <= n <= len(lines):
        line_task = lines[n - 1]
        if line_task not in known:
            ref.matches = []
        elif not matches or matches == [line_task]:
            ref.matches, ref.kind = [line_task], "line"
        else:
            ref.choices = list(dict.fromkeys([line_task, *matches]))
            ref.matches, ref.kind = ref.choices, "ambiguous"
    elif not matches and by_index and lines is None and 1 <= n <= len(cands):
        ref.matches, ref.kind = [cands[n - 1].ref], "line"
    return ref


def leading_refs(
    search: str,
    clean: str,
    pos: list[int],
    cands: list[Candidate],
    start: int = 0,
    lines: Sequence[str] | None = None,
    limit: int = 64,
) -> tuple[list[Ref], list[tuple[int, int]]]:
    """The references that open the text (after greetings), e.g. "2a, 2b" in "2a, 2b xong".

    A list number before an explicit reference ("1. 2a xong", "3. II.2.a …") is a bullet or a
    reminder line, not a task: it is returned among the spans to cut, not as a reference.
    """
    refs: list[Ref] = []
    spans: list[tuple[int, int]] = []
    at = LEAD_FILLER.match(search, start)
    i = at.end() if at else start
    bullet = _LIST_NUM.match(search, i)
    if bullet:
        m = REF.match(search, bullet.end())
        if m and _explicit(m) and make_ref(m, clean, pos, cands, False, lines) is not None:
            spans.append((i, bullet.end()))
            i = bullet.end()
    while len(refs) < limit:
        m = REF.match(search, i)
        if m is None:
            break
        if not _explicit(m) and not _BARE_OK.match(search, m.end()):
            break
        ref = make_ref(m, clean, pos, cands, by_index=True, lines=lines)
        if ref is None:
            break
        refs.append(ref)
        j = _REF_JOIN.match(search, m.end())
        i = j.end() if j else m.end()
    spans += [(r.start, r.end) for r in refs]
    return refs, spans


def _explicit(m: re.Match[str]) -> bool:
    """A reference with a prefix, a Roman numeral, a leading letter or a trailing letter."""
    return bool(m.group("prefix") or m.group("roman") or m.group("lead") or m.group("letter"))
