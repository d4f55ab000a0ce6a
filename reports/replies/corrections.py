"""A correction inside a message: the officer takes back what they said (pure).

"2a xong rồi, à nhầm, 2b mới xong, 2a vẫn đang làm": what comes after the marker ("à nhầm",
"em nhầm", "à không", "xin đính chính", "em sửa lại:", "ý em là", "không phải … mà là …")
is the reading kept; a retracted "done" is never recorded:

- the correction names tasks: they are read as it says; a task named only before it is taken
  back ("2a xong, à nhầm, 2b xong": only 2b), unless the correction fixes one item of a list
  ("2a xong, 2b đang làm. À nhầm, 2b cũng xong": 2a stays); a task named after the marker
  with no status takes the one said before it ("2a xong, à nhầm 2b": 2b is done);
- the correction names no task: its status applies to the tasks named before it ("2a xong,
  à nhầm, đang làm 60%": 2a in progress);
- nothing follows the marker: the tasks named before it are asked, nothing is recorded.

"3b xong chứ không phải 3a" drops "chứ không phải 3a" before anything is read.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reports.replies.reading import CORRECTED, NO_STATUS, UNKNOWN_TASK, WHICH_TASK
from reports.replies.text import fold_map

if TYPE_CHECKING:
    from reports.replies import ParsedReply

# Words said before or after "nhầm" that belong to the marker ("à nhầm", "em ghi nhầm rồi").
_LEAD_WORDS = r"(?:a|ay|oi|ui|uh|ah|em|e|toi|minh|xin\s*loi|sorry|sr|go|ghi|bao|nhan|viet|noi)"
MARKERS = re.compile(
    r"(?<![a-z])(?:"
    rf"(?P<nham>(?P<lead>(?:{_LEAD_WORDS}\s*)*)nham)(?!\s*lan)(?:\s*(?:roi|r|a|nhe|nha|mat))?"
    r"|(?P<lon>(?:(?:a|ay|oi|em|e)\s*)+lon)(?:\s*(?:roi|r))?"
    r"|(?P<no>(?:a|ay|oi)\s*(?:ma\s*)?khong)(?=\s*(?:[,.!:;\-]|$))"
    r"|dinh\s*chinh(?:\s*lai)?"
    r"|(?:xin|em|e|cho\s*em|toi|minh)\s*(?:sua|chinh)\s*lai(?=\s*(?:[:,.]|la|thanh|$))"
    r"|y\s*(?:em|e|toi|minh)\s*(?:muon\s*noi\s*)?la"
    r"|(?P<instead>(?:(?:a|ay)\s*)?khong\s*phai\s*(?:la\s*)?)(?P<taken>[^.;!?\n]{1,40}?)"
    r"\s*(?P<ma>ma)\s*(?:la\s*)?(?=\S)"
    r")(?![a-z])"
)
MAX_MARKERS = 8  # no officer corrects themself more often in one message
# "… chứ không phải 3a": the words after it are what the officer did not mean.
NOT_THIS = re.compile(r"(?<![a-z])(?P<chu>chu)\s*khong\s*phai\s*(?:la\s*)?[^.;!?\n,]{1,30}")
# Spellings that make these words a marker: "nhầm" (not "nhằm"), "lộn" (not "lớn"), "à"/"ấy"
# (not "ạ"), "mà" (not "mã"), "chứ" (not "chữ").
_SPELLED = {
    "nham": ("nhầm",),
    "lon": ("lộn",),
    "no": ("à", "ấy", "ôi"),
    "ma": ("mà", "ma"),
    "chu": ("chứ", "chu"),
}


def _said(group: str, m: re.Match[str], clean: str, pos: list[int]) -> str:
    return clean[pos[m.start(group)] : pos[m.end(group) - 1] + 1].lower()


def _is_marker(m: re.Match[str], clean: str, pos: list[int]) -> bool:
    """The officer's spelling makes it a correction ("nhầm", "à không"), not another word."""
    if m.group("nham"):
        word = _said("nham", m, clean, pos).split()[-1]
        if word in _SPELLED["nham"]:
            return True
        after = m.string[m.end() : m.end() + 2].strip()
        return word == "nham" and (bool(m.group("lead")) or after[:1] in ("", ",", ".", "!"))
    if m.group("lon"):
        return _said("lon", m, clean, pos).split()[-1] in _SPELLED["lon"]
    if m.group("no"):
        return _said("no", m, clean, pos).split()[0] in _SPELLED["no"]
    if m.group("instead"):
        return _said("ma", m, clean, pos) in _SPELLED["ma"]
    return True


def _source(pos: list[int], start: int, end: int) -> tuple[int, int]:
    return pos[start], pos[end - 1] + 1


def drop_not_meant(text: str) -> str:
    """The text without "chứ không phải <what was not meant>"."""
    folded, pos = fold_map(text)
    for m in reversed(list(NOT_THIS.finditer(folded))):
        if _said("chu", m, text, pos) in _SPELLED["chu"]:
            s, e = _source(pos, m.start(), m.end())
            text = text[:s] + " " + text[e:]
    return text


def split(text: str) -> list[str]:
    """The text cut at each correction: [what was said first, the first correction, …]; one
    piece when there is none. "không phải A mà là B" keeps A before the marker, as what is
    taken back. Past MAX_MARKERS only the last correction counts."""
    folded, pos = fold_map(text)
    pieces: list[str] = []
    at, instead = 0, False
    for m in MARKERS.finditer(folded):
        if not _is_marker(m, text, pos):
            continue
        start, end = _source(pos, m.start(), m.end())
        pieces.append(_after(text[at:start], instead))
        instead = bool(m.group("instead"))
        if instead:
            a, b = _source(pos, m.start("taken"), m.end("taken"))
            pieces[-1] += " " + text[a:b]
        at = end
    pieces.append(_after(text[at:], instead))
    if len(pieces) > MAX_MARKERS + 1:
        pieces = [pieces[0], pieces[-1]]
    return pieces


def _after(piece: str, instead: bool) -> str:
    """After "không phải A mà là B", B stands alone: "mà là 3b, 3a thì …" is 3b, then 3a."""
    return piece.replace(",", "\n", 1) if instead else piece


def _said_something(r: ParsedReply) -> bool:
    return (
        r.status is not None
        or r.percent is not None
        or r.reason
        not in (
            None,
            NO_STATUS,
            WHICH_TASK,
            UNKNOWN_TASK,
        )
    )


def _key(r: ParsedReply) -> str | None:
    return r.task or r.ref


def merge(
    before: Sequence[ParsedReply],
    after: Sequence[ParsedReply],
    status_of: Callable[[ParsedReply, ParsedReply], ParsedReply],
) -> list[ParsedReply]:
    """The readings kept when `after` corrects `before` (see the module docstring).
    `status_of(target, source)`: `target` with the status, percent and note of `source`."""
    before = [r for r in before if r.ref is not None or _said_something(r)]
    after = [r for r in after if r.ref is not None or _said_something(r)]
    named_before = [r for r in before if r.ref is not None]
    named_after = {_key(r) for r in after if r.ref is not None}
    if not named_after:
        said = [r for r in after if _said_something(r)]
        if not said:
            return [asked(r) for r in (named_before or before)]
        if not named_before:
            return list(after)
        return [status_of(r, said[0]) for r in named_before]
    stated = [r for r in before if _said_something(r)]
    source = stated[0] if stated and len({(r.status, r.reason) for r in stated}) == 1 else None
    corrected = [
        status_of(r, source) if source is not None and not _said_something(r) else r for r in after
    ]
    if any(_key(r) in named_after for r in named_before):  # one item of a list corrected
        return [r for r in named_before if _key(r) not in named_after] + corrected
    return corrected


def asked(r: ParsedReply) -> ParsedReply:
    """The reading with its status taken back: the bot asks, nothing is recorded."""
    return dataclasses.replace(
        r, status=None, percent=None, reason=CORRECTED, ambiguous=True, options=(), kind="status"
    )
