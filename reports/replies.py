"""Parse officers' free-text status replies into status, percent, task and note (pure, no I/O).

Decisions on the hard cases (kept in one place so the bot and the tests agree):

- "chưa hoàn thành" / "chưa xong" / "không hoàn thành" mean work is under way but not finished:
  in_progress. "chưa thực hiện/làm/triển khai/bắt đầu" and a bare "chưa" are not_started.
- "chưa thực hiện được", "không thể thực hiện", "không thực hiện được" are blocked.
- "cơ bản hoàn thành", "sắp/gần xong", "dự kiến/sẽ/phấn đấu hoàn thành", "hoàn thành một phần"
  are in_progress (a plan to finish, or "mostly", is not a finished task).
- A done word with a percentage below 100 ("hoàn thành 50%") is in_progress at that percentage;
  "100%" alone is done, "0%" alone is not_started, another percentage alone is in_progress.
- "đang thực hiện" + "100%" and "chưa thực hiện" + a positive percentage conflict.
- Blocked wins over in_progress and not_started ("đang thực hiện, có vướng mắc" is blocked);
  done together with an obstacle or with "chưa …" conflicts ("xong nhưng chưa …").
- "không có vướng mắc", "vướng mắc: không", "không có kiến nghị" are not obstacles.
- Obstacle cues without an obstacle word ("thiếu vốn", "chưa được bố trí vốn", "kiến nghị bố trí
  …", "đề xuất gia hạn") turn in_progress / not_started / no status into blocked, but never
  override an explicit "xong"/"hoàn thành".
- Progress hints ("đã trình", "dự thảo", "một phần", "đang chờ …") give in_progress only when no
  explicit status word is present, and stay in the note.
- "đã thực hiện" and "đã ban hành" alone are not read as done (they also describe partial work).
- Two different percentages leave the percent unknown (both stay in the note); over 100 is ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from domain.status import ReportStatus
from domain.text import nfc, strip_diacritics

MAX_CHARS = 8000  # Telegram caps a message at 4096 characters; anything beyond is ignored.

NO_STATUS = "no_status"
CONFLICTING_STATUS = "conflicting_status"
UNKNOWN_TASK = "unknown_task"
WHICH_TASK = "which_task"

DONE = ReportStatus.DONE
IN_PROGRESS = ReportStatus.IN_PROGRESS
NOT_STARTED = ReportStatus.NOT_STARTED
BLOCKED = ReportStatus.BLOCKED


@dataclass(frozen=True)
class ParsedReply:
    """One task's status as read from an officer's reply."""

    status: ReportStatus | None
    percent: int | None
    task: str | None
    note: str
    ambiguous: bool
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The reply as a JSON-ready dict (without the reason)."""
        return {
            "status": self.status.value if self.status is not None else None,
            "percent": self.percent,
            "task": self.task,
            "note": self.note,
            "ambiguous": self.ambiguous,
        }


# --- patterns (all run on folded text: lower case, no diacritics, đ→d) -----------------------

_S = r"\s*"
_STATUS_START = (
    r"(?:xong|xog|hoan|ht(?![a-z])|dang|dg|dth|chua|vuong|kho|done|da\s|bi\s|gap|ok|tiep)"
)

_PREFIX = r"(?:(?:nhiem\s*vu|nvu|nv|task|muc|stt|so|cv|nd|noi\s*dung)\s*[:.#]?\s*|#\s*)"
_ROMAN = r"(?:viii|vii|iii|ii|iv|ix|vi|v|i|x)"
_REF = re.compile(
    rf"(?<![a-z0-9])(?P<prefix>{_PREFIX})?"
    rf"(?:(?P<roman>{_ROMAN})[.\s\-]?(?=[0-9]))?"
    r"(?P<num>[0-9]{1,2}(?:\.[0-9]{1,2})*)"
    rf"(?:[.\-]?(?P<letter>[a-z])(?=[^a-z0-9]|$|{_STATUS_START})"
    rf"|(?=[^a-z0-9.,/\-]|[.,/\-](?![0-9])|$|{_STATUS_START}))"
)
_BARE_OK = re.compile(rf"\s*(?:[:.)\-,]|$|{_STATUS_START})")
_REF_JOIN = re.compile(r"\s*(?:[,&+/]|va(?![a-z]))?\s*")
_LEAD_FILLER = re.compile(
    r"(?:[^a-z0-9#]|(?<![a-z])(?:da|vang|ok|oke|okie|em|e|bc|bao\s*cao|xin|kinh\s*gui|gui)"
    r"(?![a-z]))*"
)
_PERCENT = re.compile(
    r"(?P<rest>(?<![a-z])(?:con\s*lai|con|thieu)\s*)?"
    r"(?:(?<![a-z])(?:dat|duoc|dc|khoang|tam|gan|tren|hon|uoc\s*dat|uoc)\s*|[~≈]\s*)*"
    r"(?<![0-9.,])(?P<n>[0-9]{1,4}(?:[.,][0-9]{1,2})?)\s*(?:%|phan\s*tram|ptram)"
)

_D_CORE = (
    r"(?:hoan\s*(?:thanh|than|thah|tanh|thnah|thnh)|h\.?\s*thanh|hoan\s*tat"
    r"|xong|xog|xongg|ht|done|completed?|finish(?:ed)?)"
)
_IP_VERB = (
    r"(?:thuc\s*hien|th|lam|trien\s*khai(?:\s*(?:thuc\s*hien|th))?|tien\s*hanh"
    r"|to\s*chuc\s*thuc\s*hien|tc\s*th|xu\s*ly)"
)
_NEG = r"(?:khong|ko|k|kg|khg|kh|hong|hok|hk|chua|chang|ch|0)"
_OBST = (
    r"(?:vuong\s*mac|kho\s*khan|tro\s*ngai|ach\s*tac|kk\s*[,/&\-]?\s*vm|kkvm|vuong"
    r"|kien\s*nghi|de\s*xuat)"
)
_OBSTS = rf"{_OBST}(?:\s*(?:,|va|/|&|-)\s*{_OBST}){{0,3}}"

# (pattern, status or None, kind). Kinds: "neutral" (not an obstacle, kept in the note),
# "strong" (explicit status word, removed from the note), "weak" (a hint, kept in the note),
# "kept" (explicit, but says more than a status: kept in the note), "cue" (an obstacle hint,
# kept in the note).
_STATUS_PATTERNS: list[tuple[str, ReportStatus | None, str]] = [
    (
        rf"{_NEG}\s*(?:co|gap|phat\s*sinh|bi|thay|con)?\s*(?:gi\s*)?{_OBSTS}(?:\s*(?:gi|nao|j))?",
        None,
        "neutral",
    ),
    (
        rf"{_OBSTS}\s*[:\-]?\s*(?:khong(?:\s*co(?:\s*gi)?)?|ko(?:\s*co)?|k|0|chua\s*co|none|kh)"
        r"(?=\s*(?:[,.;!)]|$|a(?![a-z])))",
        None,
        "neutral",
    ),
    # done
    (
        rf"(?:(?:ok|oke|okie|okay)\s*[,.!]?\s*)?(?:da\s*|dc\s*|duoc\s*)?"
        rf"(?:thuc\s*hien\s*|th\s*|lam\s*|trien\s*khai\s*)?{_D_CORE}(?:\s*(?:roi|r|rui|het|ca))?",
        DONE,
        "strong",
    ),
    # in progress
    (
        rf"(?:chua|khong|ko|k|ch)\s*(?:duoc\s*)?(?:thuc\s*hien\s*|lam\s*|th\s*)?{_D_CORE}",
        IN_PROGRESS,
        "strong",
    ),
    (
        rf"(?:sap|gan|co\s*ban|da\s*co\s*ban|du\s*kien|se|phan\s*dau|chuan\s*bi|dang)\s*{_D_CORE}",
        IN_PROGRESS,
        "kept",
    ),
    (rf"{_D_CORE}\s*(?:mot|1)\s*phan", IN_PROGRESS, "strong"),
    (
        rf"{_D_CORE}\s*(?:giai\s*doan|gd|buoc|phan|hang\s*muc|dot)\s*(?:[0-9]{{1,2}}|i{{1,3}}|iv|v|dau)",
        IN_PROGRESS,
        "kept",
    ),
    (rf"(?:van\s*)?(?:dang|dg)\s*{_IP_VERB}", IN_PROGRESS, "strong"),
    (r"dtth|dth|tiep\s*tuc\s*(?:thuc\s*hien|trien\s*khai|th)", IN_PROGRESS, "strong"),
    (r"in\s*progress|on\s*going|wip|doing", IN_PROGRESS, "strong"),
    (
        r"(?:van\s*)?(?:dang|dg)\s*(?!(?:ky|ki|tai|uy|vien|bo|nhap|tin|bai)(?![a-z]))[a-z]+",
        IN_PROGRESS,
        "weak",
    ),
    (
        r"da\s*(?:trinh|gui|xay\s*dung|soan|trien\s*khai|tham\s*muu|lay\s*y\s*kien)",
        IN_PROGRESS,
        "weak",
    ),
    (r"du\s*thao|(?:mot|1)\s*phan|cham\s*tien\s*do|tiep\s*tuc", IN_PROGRESS, "weak"),
    # not started
    (
        rf"chua\s*(?:lam\s*gi|co\s*gi|trien\s*khai\s*gi|bat\s*dau|khoi\s*dong|{_IP_VERB})",
        NOT_STARTED,
        "strong",
    ),
    (r"chua(?=\s*(?:[,.;:!?)\-]|$|a(?![a-z])|nhe|nha))", NOT_STARTED, "strong"),
    (r"not\s*(?:yet\s*)?started", NOT_STARTED, "strong"),
    (r"chua", NOT_STARTED, "weak"),
    # blocked
    (
        r"(?:chua|khong|ko|k)\s*(?:the\s*)?(?:thuc\s*hien|trien\s*khai|lam|hoan\s*thanh"
        r"|tien\s*hanh|th|xong)\s*duoc",
        BLOCKED,
        "strong",
    ),
    (
        r"(?:chua|khong|ko|k)\s*the\s*(?:thuc\s*hien|trien\s*khai|lam|hoan\s*thanh|tien\s*hanh|xong)",
        BLOCKED,
        "strong",
    ),
    (
        r"(?:(?:co|bi|gap|dang|con|van|nhieu|mot\s*so)\s*){0,3}"
        r"(?:vuong\s*mac|kho\s*khan|tro\s*ngai|ach\s*tac|kk\s*[,/&\-]?\s*vm|kkvm)",
        BLOCKED,
        "strong",
    ),
    (
        r"(?<!met )(?<!hinh )(?<!m )(?<!m2 )(?<!km )(?:(?:co|bi|gap|dang|con|van)\s*){0,3}vuong",
        BLOCKED,
        "strong",
    ),
    (
        r"(?:gap|bi|dang)\s*kho(?!\s*bac)|bi\s*(?:ket|tac|ach\s*tac)|blocked|stuck",
        BLOCKED,
        "strong",
    ),
    (
        r"thieu|het\s*(?:von|kinh\s*phi|nguon)"
        r"|chua\s*(?:duoc\s*)?(?:bo\s*tri|cap|phan\s*bo|giao\s*von"
        r"|co\s*(?:von|kinh\s*phi|huong\s*dan|nguon|chu\s*truong|mat\s*bang|quy\s*hoach))"
        r"|(?:khong|ko|k)\s*(?:co|du)\s*(?:von|kinh\s*phi|nguon|nhan\s*luc|mat\s*bang|can\s*bo)"
        r"|(?:kien\s*nghi|de\s*xuat)[^.;\n]{0,60}?(?:bo\s*tri|bo\s*sung|cap|phan\s*bo|ho\s*tro"
        r"|thao\s*go|gia\s*han|dieu\s*chinh|huong\s*dan|chi\s*dao|giai\s*quyet)",
        BLOCKED,
        "cue",
    ),
]
_COMPILED = [
    (re.compile(rf"(?<![a-z]){pat}(?![a-z])"), status, kind)
    for pat, status, kind in _STATUS_PATTERNS
]
_KIND_RANK = {"neutral": 0, "strong": 1, "kept": 1, "cue": 2, "weak": 3}
_CHECKED_WORD = re.compile(r"(?<![a-z])(?:dang|chua)")
_CHECKED_FORMS = {"đang", "dang", "chưa", "chua"}

_LEAD_NOTE = re.compile(
    r"^(?:dạ|vâng|vang|ok|oke|okie|okay|em|e|báo cáo|bao cao|bc|xin|kính gửi|nhưng|nhung"
    r"|tuy nhiên|tuy nhien|và|ạ)(?:\s+|[,.:;!\-]+\s*|$)",
    re.IGNORECASE,
)
_TRAIL_NOTE = re.compile(
    r"(?:^|(?<=[\s,.;!]))(?:[ạẠ]|a|[Nn]hé|[Nn]he|[Nn]ha|ạh|ah|à|rồi|roi|r|ok|oke|OK)[\s.!,]*$"
)
_EDGE = " \t\n:-–—,;|/+*•>()[]_~"
_HAS_WORD = re.compile(r"[^\W_]")


# --- text helpers -----------------------------------------------------------------------------


def _clean(text: object) -> str:
    """Text as NFC with control characters turned into spaces, cut to MAX_CHARS."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    chars = []
    for ch in text[: MAX_CHARS * 2]:
        cat = unicodedata.category(ch)
        if cat == "Cs" or cat == "Cf":
            continue
        chars.append(" " if cat == "Cc" and ch not in "\n\t" else ch)
    return nfc("".join(chars))[:MAX_CHARS]


def _fold_map(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each folded character, the index of its source character."""
    out: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            f = " "
        elif ch.isascii():
            f = ch.lower()
        elif ch in "％﹪":
            f = "%"
        else:
            f = strip_diacritics(ch).lower()
        for c in f:
            out.append(c)
            pos.append(i)
    return "".join(out), pos


def _roman_to_int(s: str) -> int | None:
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
        value = _roman_to_int(seg)
        if value is not None:
            return str(value)
    return seg


@dataclass(frozen=True)
class _Candidate:
    ref: str
    exact: tuple[str, ...]
    folded: tuple[str, ...]


def _candidates(tasks: Sequence[str]) -> list[_Candidate]:
    """Task refs split into comparable segments."""
    out = []
    for ref in tasks:
        if not isinstance(ref, str):
            continue
        raw = [s for s in re.split(r"[.\s)\-/]+", nfc(ref).lower()) if s]
        segs = tuple(_norm_seg(s, i == 0, len(raw) > 1) for i, s in enumerate(raw))
        out.append(_Candidate(ref, segs, tuple(strip_diacritics(s) for s in segs)))
    return out


def _suffix_eq(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when the shorter tuple ends the longer one."""
    n = min(len(a), len(b))
    return n > 0 and a[-n:] == b[-n:]


@dataclass
class _Ref:
    start: int
    end: int
    explicit: bool  # has a prefix, a Roman numeral or a letter
    matches: list[str]


def _make_ref(
    m: re.Match[str], clean: str, pos: list[int], cands: list[_Candidate], by_index: bool
) -> _Ref:
    """Resolve one matched reference against the candidates."""
    segs: list[str] = []
    if m.group("roman"):
        segs.append(str(_roman_to_int(m.group("roman"))))
    segs += [str(int(p)) for p in m.group("num").split(".")]
    letter = m.group("letter")
    exact = list(segs)
    if letter:
        exact.append(clean[pos[m.start("letter")]].lower())
        segs.append(letter)
    matches = [c.ref for c in cands if _suffix_eq(tuple(exact), c.exact)]
    if not matches:
        matches = [c.ref for c in cands if _suffix_eq(tuple(segs), c.folded)]
    explicit = bool(m.group("prefix") or m.group("roman") or letter)
    bare_number = not m.group("roman") and not letter and "." not in m.group("num")
    if not matches and by_index and bare_number:
        n = int(m.group("num"))
        if 1 <= n <= len(cands):
            matches = [cands[n - 1].ref]
    return _Ref(m.start(), m.end(), explicit, list(dict.fromkeys(matches)))


def _leading_refs(
    search: str, clean: str, pos: list[int], cands: list[_Candidate], start: int = 0
) -> list[_Ref]:
    """The references that open the text (after greetings), e.g. "2a, 2b" in "2a, 2b xong"."""
    refs: list[_Ref] = []
    at = _LEAD_FILLER.match(search, start)
    i = at.end() if at else start
    while True:
        m = _REF.match(search, i)
        if m is None:
            break
        explicit = bool(m.group("prefix") or m.group("roman") or m.group("letter"))
        if not explicit and not _BARE_OK.match(search, m.end()):
            break
        refs.append(_make_ref(m, clean, pos, cands, by_index=True))
        j = _REF_JOIN.match(search, m.end())
        i = j.end() if j else m.end()
    return refs


def _mask(chars: list[str], start: int, end: int) -> None:
    """Blank a span so later patterns do not see it."""
    for k in range(start, end):
        chars[k] = " "


# --- analysis ---------------------------------------------------------------------------------


@dataclass
class _Analysis:
    status: ReportStatus | None
    percent: int | None
    status_reason: str | None
    leading: list[_Ref]
    mid: list[_Ref]
    note: str

    @property
    def named(self) -> bool:
        return bool(self.leading)


def _pick_status(found: list[tuple[ReportStatus | None, str]]) -> tuple[ReportStatus | None, bool]:
    """Status from the matched phrases, and whether they conflict."""
    strong = {s for s, k in found if k in ("strong", "kept") and s is not None}
    weak = {s for s, k in found if k == "weak" and s is not None}
    cue = any(k == "cue" for _, k in found)
    if BLOCKED in strong:
        return (None, True) if DONE in strong else (BLOCKED, False)
    if strong:
        if len(strong) > 1:
            return None, True
        (status,) = strong
        if status == DONE and NOT_STARTED in weak:
            return None, True
        if status != DONE and cue:
            return BLOCKED, False
        return status, False
    if cue:
        return BLOCKED, False
    if IN_PROGRESS in weak:
        return IN_PROGRESS, False
    if NOT_STARTED in weak:
        return NOT_STARTED, False
    return None, False


def _apply_percent(
    status: ReportStatus | None, conflict: bool, percent: int | None
) -> tuple[ReportStatus | None, bool]:
    """Combine the status words with a percentage."""
    if conflict or percent is None:
        return status, conflict
    if status is None:
        if percent == 100:
            return DONE, False
        return (NOT_STARTED if percent == 0 else IN_PROGRESS), False
    if status == DONE and percent < 100:
        return (NOT_STARTED if percent == 0 else IN_PROGRESS), False
    if (status == IN_PROGRESS and percent == 100) or (status == NOT_STARTED and percent > 0):
        return None, True
    return status, False


def _tidy_note(text: str) -> str:
    """Trim separators, greetings and particles around what is left of the reply."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,;:.!?)])", r"\1", text)
    text = re.sub(r"\(\s*[,;:.\-]*\s*\)|\[\s*\]", " ", text)
    text = re.sub(r"\(\s*", "(", text)
    text = re.sub(r"([,;:\-–])(?:\s*[,;:\-–])+", r"\1", text)
    for _ in range(8):
        before = text
        text = text.strip(_EDGE).lstrip(".")
        text = _LEAD_NOTE.sub("", text, count=1)
        text = _TRAIL_NOTE.sub("", text, count=1)
        if text == before:
            break
    text = text.strip(_EDGE)
    return text if _HAS_WORD.search(text) else ""


def _analyse(text: object, tasks: Sequence[str]) -> _Analysis:
    """Read status, percent, task references and note from one reply."""
    clean = _clean(text)
    cands = _candidates(tasks)
    folded, pos = _fold_map(clean)
    chars = list(folded)
    removed: list[tuple[int, int]] = []

    percents: list[tuple[int, int, int]] = []
    for m in _PERCENT.finditer(folded):
        _mask(chars, m.start(), m.end())
        value = float(m.group("n").replace(",", "."))
        if value <= 100 and not m.group("rest"):
            percents.append((m.start(), m.end(), round(value)))
    values = {p for _, _, p in percents}
    percent = next(iter(values)) if len(values) == 1 else None
    if percent is not None:
        removed += [(s, e) for s, e, _ in percents]

    search = "".join(chars)
    leading = _leading_refs(search, clean, pos, cands)
    for r in leading:
        _mask(chars, r.start, r.end)
        removed.append((r.start, r.end))
    search = "".join(chars)
    mid: list[_Ref] = []
    for m in _REF.finditer(search):
        ref = _make_ref(m, clean, pos, cands, by_index=False)
        if ref.explicit and len(ref.matches) == 1:
            mid.append(ref)
            _mask(chars, ref.start, ref.end)
            removed.append((ref.start, ref.end))
    search = "".join(chars)

    hits: list[tuple[int, int, int, int, ReportStatus | None, str]] = []
    for rx, status, kind in _COMPILED:
        for m in rx.finditer(search):
            if m.end() > m.start() and _forms_ok(m, clean, pos, search):
                length = m.end() - m.start()
                hits.append((-length, _KIND_RANK[kind], m.start(), m.end(), status, kind))
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

    status, conflict = _pick_status(found)
    if status is None and not conflict and len(values) > 1 and all(0 < v < 100 for v in values):
        status = IN_PROGRESS
    status, conflict = _apply_percent(status, conflict, percent)
    reason = CONFLICTING_STATUS if conflict else (NO_STATUS if status is None else None)

    keep = [True] * len(clean)
    for s, e in removed:
        if e > s:
            for k in range(pos[s], pos[e - 1] + 1):
                keep[k] = False
    note = _tidy_note("".join(ch if keep[i] else " " for i, ch in enumerate(clean)))
    return _Analysis(status, percent, reason, leading, mid, note)


def _forms_ok(m: re.Match[str], clean: str, pos: list[int], search: str) -> bool:
    """Reject "đăng"/"đảng"/"chứa"/"chữa" read as "đang"/"chưa"."""
    for w in _CHECKED_WORD.finditer(search, m.start(), m.end()):
        if w.start() > 0 and search[w.start() - 1].isalpha():
            continue
        source = clean[pos[w.start()] : pos[w.end() - 1] + 1].lower()
        if source not in _CHECKED_FORMS:
            return False
    return True


def _task_of(
    refs: list[_Ref], mid: list[_Ref], tasks: Sequence[str]
) -> tuple[str | None, str | None]:
    """The single task named, or the reason it cannot be told."""
    named = refs + mid
    if not named:
        valid = [t for t in tasks if isinstance(t, str)]
        if len(valid) == 1:
            return valid[0], None
        return None, (WHICH_TASK if len(valid) > 1 else None)
    if any(not r.matches for r in named):
        return None, UNKNOWN_TASK
    if any(len(r.matches) > 1 for r in named):
        return None, WHICH_TASK
    found = {r.matches[0] for r in named}
    if len(found) > 1:
        return None, WHICH_TASK
    return found.pop(), None


def _finish(a: _Analysis, task: str | None, task_reason: str | None) -> ParsedReply:
    """Combine the status and task readings into a reply."""
    reason = a.status_reason or task_reason
    return ParsedReply(a.status, a.percent, task, a.note, reason is not None, reason)


def parse_reply(text: str, tasks: Sequence[str] = ()) -> ParsedReply:
    """Parse one status reply; never raises."""
    try:
        return _parse_reply(text, tasks)
    except Exception:  # pragma: no cover - a last guard, the fuzz tests run the inner function
        return ParsedReply(None, None, None, "", True, NO_STATUS)


def _parse_reply(text: str, tasks: Sequence[str] = ()) -> ParsedReply:
    """parse_reply without the guard."""
    tasks = list(tasks or ())
    a = _analyse(text, tasks)
    task, task_reason = _task_of(a.leading, a.mid, tasks)
    return _finish(a, task, task_reason)


# --- several tasks in one message -------------------------------------------------------------

_SPLIT_SOFT = re.compile(r",|\s(?:và|va|\+)\s|\s+", re.IGNORECASE)
_THEN_STATUS = re.compile(rf"\s*[:\-]?\s*{_STATUS_START}")


def _split(clean: str, cands: list[_Candidate]) -> list[tuple[int, str]]:
    """Lines and ";"-parts (with their line number), also cut before a ", 2b …" naming a task."""
    parts: list[tuple[int, str]] = []
    for line_no, line in enumerate(re.split(r"[\n;]+", clean)):
        cut = 0
        for m in _SPLIT_SOFT.finditer(line):
            window = line[m.end() : m.end() + 60]
            folded, pos = _fold_map(window)
            refs = _leading_refs(folded, window, pos, cands)
            if not refs or any(len(r.matches) != 1 for r in refs):
                continue
            if m.group().isspace():
                head = line[cut : m.start()][:60]
                head_folded, head_pos = _fold_map(head)
                if not _THEN_STATUS.match(folded, refs[-1].end) or not _leading_refs(
                    head_folded, head, head_pos, cands
                ):
                    continue
            if line[cut : m.start()].strip():
                parts.append((line_no, line[cut : m.start()]))
                cut = m.end()
        parts.append((line_no, line[cut:]))
    return [(n, p.strip()) for n, p in parts if _HAS_WORD.search(p)]


def parse_replies(text: str, tasks: Sequence[str] = ()) -> list[ParsedReply]:
    """Parse a message that may report several tasks; never raises."""
    try:
        return _parse_replies(text, tasks)
    except Exception:  # pragma: no cover - a last guard, the fuzz tests run the inner function
        return [parse_reply(text, tasks)]


def _parse_replies(text: str, tasks: Sequence[str] = ()) -> list[ParsedReply]:
    """parse_replies without the guard."""
    tasks = list(tasks or ())
    cands = _candidates(tasks)
    clean = _clean(text)
    parts = _split(clean, cands)
    analyses = [_analyse(p, tasks) for _, p in parts]
    if sum(len(a.leading) for a in analyses) < 2:
        return [_parse_reply(clean, tasks)]

    groups: list[tuple[int, str]] = []
    for (line_no, part), a in zip(parts, analyses, strict=True):
        if a.named:
            groups.append((line_no, part))
        elif groups:
            groups[-1] = (groups[-1][0], groups[-1][1] + "\n" + part)
        elif a.status is not None or a.percent is not None:
            return [_parse_reply(clean, tasks)]

    readings: list[tuple[int, _Analysis, _Ref]] = []
    for line_no, group in groups:
        a = _analyse(group, tasks)
        readings += [(line_no, a, ref) for ref in a.leading]

    sources = [a for _, a, _ in readings]
    for i in range(len(readings) - 2, -1, -1):
        a = sources[i]
        bare = a.status is None and a.percent is None and not a.note
        if bare and readings[i + 1][0] == readings[i][0]:
            sources[i] = sources[i + 1]
    replies = []
    for (_, _, ref), source in zip(readings, sources, strict=True):
        task, task_reason = _task_of([ref], [], tasks)
        replies.append(_finish(source, task, task_reason))
    return replies
