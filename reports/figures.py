"""Reading an officer's figure for an indicator: "tỷ lệ đô thị hóa đạt 41,2% (số liệu 2025, Cục
Thống kê)", "41,2%" in a reply to the bot's request, "1. 41,2%\n2. 5,3 m2" line by line.

What is read: which indicator (its line in the request, else its name's words, else the only one
asked), the value (Vietnamese numbers: decimal comma, thousands dot; a range "4,7-5,1%"), the unit,
the date the figure is for ("số liệu 2025", "6 tháng đầu năm 2026", "tính đến 30/6/2026"; none:
the day it is sent) and its source ("Cục Thống kê", "nguồn: …", "theo …"). What is wrong is said,
never guessed: no number, several numbers, an indicator not named, a unit other than the
indicator's, a share over 100 %, a date after the indicator's last horizon or in the future.

Pure: text and the indicators asked in, `FigurePart`s out; the corpus test is
tests/reports/test_figures.py. Quantities are read by `plans.quantities`, shared with the
importer's reader of targets."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from domain.text import fold, nfc
from plans.normalize import fold_keep
from plans.quantities import Quantity, quantities, unit_of
from plans.timeframe import due_date

# problems, each answered with a question (texts: "figure.problem.<code>")
NO_NUMBER = "no_number"
SEVERAL = "several_values"
WHICH = "which_indicator"
WRONG_UNIT = "wrong_unit"
OVER_100 = "over_100"
NEGATIVE = "negative"
BEYOND = "beyond_horizon"
FUTURE = "future"

_PARTS = re.compile(r"\n+|;\s*")
_LINE = re.compile(
    r"^\s*(?:(?:chi tieu|ct)\s*(?:so\s*)?)?\(?(?P<n>\d{1,2})\s*(?:[.):\-]\s*|\s+)(?=\S)"
)
_YEAR = r"(?:19|20)\d{2}"
_DATE_LEAD = (
    r"(?:(?:so lieu|tinh den het|tinh den|tinh toi|den het|den|toi|tai thoi diem|tai|thoi diem"
    r"|uoc thuc hien|uoc tinh|uoc|cap nhat den|cap nhat|nam|ngay|thang|quy|ca|het|cua|trong)\s+)*"
)
_DATES = [
    re.compile(_DATE_LEAD + rf"ngay\s+\d{{1,2}}\s+thang\s+\d{{1,2}}\s+nam\s+{_YEAR}"),
    re.compile(_DATE_LEAD + rf"(?<![\d/])\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*{_YEAR}(?!\d)"),
    re.compile(_DATE_LEAD + rf"(?:6|9|sau|chin)\s+thang\s+(?:dau|cuoi)\s+(?:nam\s+)?{_YEAR}"),
    re.compile(_DATE_LEAD + rf"quy\s+(?:iv|iii|ii|i|[1-4])\s*(?:/|nam|-)?\s*{_YEAR}"),
    re.compile(_DATE_LEAD + rf"thang\s+\d{{1,2}}\s*(?:/|nam|-)\s*{_YEAR}"),
    re.compile(_DATE_LEAD + rf"(?<![\d/,.])\d{{1,2}}\s*/\s*{_YEAR}(?!\d)"),
    re.compile(_DATE_LEAD + rf"(?<![\d/,.])(?:nam\s+)?{_YEAR}(?![\d%])"),
]
# with its diacritics ("đô thị" is not "do"); typed without them too
_SOURCE_LEAD = re.compile(
    r"(?<![\wà-ỹđ])(?:nguồn(?:\s+số liệu)?|nguon(?:\s+so lieu)?|theo|số liệu của|so lieu cua"
    r"|do(?=\s+[^\W\d_]+(?:\s+[^\W\d_]+)*\s+(?:cung cấp|công bố|cung cap|cong bo)))"
    r"\s*[:\-]?\s+"
)
_KNOWN_SOURCES = re.compile(
    r"(?:tong cuc|cuc|chi cuc|phong)\s+thong ke[^,;()]*|nien giam thong ke[^,;()]*"
)
_SOURCE_END = re.compile(r"[,;)\n]|$")
_FILLER = re.compile(
    r"(?:^|\s)(?:dat|la|hien|hien nay|hien dat|nam nay|da dat|dat duoc|khoang|=|:)(?=\s|$)"
)
_NOT_A_FIGURE = re.compile(
    r"\b(?:dang thuc hien|hoan thanh|xong|vuong mac|chua thuc hien|chua trien khai|da trinh"
    r"|dang trien khai|kho khan|kien nghi|de xuat)\b"
)
_TASK_REF = re.compile(r"^\s*(?:[ivx]+\.\d|\d+[a-zđ]\b|\d+\.\d+\.|[a-zđ]\)\s)")
_SHARE = re.compile(r"^(?:ty le|ti le|ty trong|ti trong)|phu song|bao phu|che phu")
_COMMON = frozenset(
    [
        "va",
        "cua",
        "cac",
        "tai",
        "tren",
        "trong",
        "cho",
        "duoc",
        "co",
        "the",
        "nay",
        "do",
        "theo",
        "voi",
        "mot",
        "nhung",
        "la",
        "dat",
    ]
)


@dataclass(frozen=True)
class Candidate:
    """An indicator the officer may be giving a figure for (one their agency provides)."""

    id: int
    name: str
    unit: str | None = None
    horizon: int | None = None  # its last target's year: a later figure is asked about

    @property
    def share(self) -> bool:
        """A share of a whole ("tỷ lệ …" in %): never above 100 %."""
        return bool(self.unit and self.unit.startswith("%") and "/" not in self.unit) and bool(
            _SHARE.search(fold(self.name))
        )


@dataclass(frozen=True)
class FigurePart:
    """One figure as read from a reply, or what is wrong with it (`problem`)."""

    text: str
    indicator_id: int | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    as_of: date | None = None
    as_of_text: str = ""
    source: str = ""
    problem: str | None = None
    line: int | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def read_figures(
    text: str,
    candidates: Sequence[Candidate],
    *,
    lines: Sequence[int] = (),
    today: date,
) -> list[FigurePart]:
    """Every figure of a reply, each checked against its indicator (see the module's doc).
    `lines`: the indicators of the message it answers, in line order."""
    text = nfc(text or "").strip()
    parts = [p for p in _PARTS.split(text) if p.strip()] or [text]
    read = [_read_part(p.strip(), candidates, lines) for p in parts]
    numbered = [p for p in read if p.value is not None or p.line is not None]
    if numbered and len(numbered) < len(read):
        # a part without a number beside parts with one: a note, a source on its own line
        extra = [p for p in read if p not in numbered]
        sources = " ".join(p.text for p in extra if p.problem == NO_NUMBER)
        numbered = [
            replace(p, source=p.source or _source_of(sources)) if len(numbered) == 1 else p
            for p in numbered
        ]
        read = numbered
    by_id = {c.id: c for c in candidates}
    return [_checked(p, by_id, today) for p in read]


def is_report(text: str) -> bool:
    """Words of a task's status report ("2a xong", "đang thực hiện"), never a figure's."""
    folded = fold(text)
    return bool(_NOT_A_FIGURE.search(folded) or _TASK_REF.match(folded))


def looks_like_figure(text: str, candidates: Sequence[Candidate]) -> bool:
    """Whether a message sent unasked is a figure: a number next to the name of one of the
    indicators the agency provides (never a task's status report: "2a đang thực hiện 70%")."""
    if not candidates or is_report(text):
        return False
    if not quantities(text):
        return False
    return _indicator_named(text, candidates) is not None


def _read_part(text: str, candidates: Sequence[Candidate], lines: Sequence[int]) -> FigurePart:
    line: int | None = None
    body = text
    folded = fold_keep(body)
    match = _LINE.match(folded)
    if match and lines and 1 <= int(match.group("n")) <= len(lines):
        rest = body[match.end() :]
        # "1. 41,2%", "1 41,2%"; "1. bốn mươi" is line 1 without a number, "5 đô thị" a count
        marked = re.match(r"\s*\(?\d{1,2}\s*[.):]", folded) is not None
        if quantities(_without_dates(rest)[0]) or marked:
            line, body = int(match.group("n")), rest
    plain, as_of, as_of_text = _without_dates(body)
    source = _source_of(plain)
    found = [q for q in quantities(plain) if not _in_source(q, plain, source)]
    if not found:
        return FigurePart(text, line=line, problem=NO_NUMBER, source=source)
    if len(found) > 1:
        return FigurePart(text, line=line, problem=SEVERAL, source=source)
    value = found[0]
    indicator: int | None = None
    if line is not None:
        indicator = lines[line - 1]
    else:
        named = _indicator_named(plain[: value.start], candidates) or _by_unit(value, candidates)
        if named is not None:
            indicator = named.id
        elif len(lines) == 1:
            indicator = lines[0]
        elif len(candidates) == 1 and not lines:
            indicator = candidates[0].id
    return FigurePart(
        text,
        indicator,
        value.value,
        value.value_max,
        value.unit,
        as_of,
        as_of_text,
        source,
        None if indicator is not None else WHICH,
        line,
    )


def _without_dates(text: str) -> tuple[str, date | None, str]:
    """The text without the date phrase it holds, the date, and the phrase as written."""
    folded = fold_keep(text)
    # "2025 căn": a count, not a year ("6 tháng đầu năm" is a date)
    counted = {q.number_start for q in quantities(text) if q.unit}
    for pattern in _DATES:
        match = next(
            (m for m in pattern.finditer(folded) if _digits_at(folded, m) not in counted), None
        )
        if match is None:
            continue
        phrase = text[match.start() : match.end()].strip()
        when = due_date(phrase) or _year_end(phrase)
        if when is None:
            continue
        rest = text[: match.start()] + " " + text[match.end() :]
        return rest, when, phrase
    return text, None, ""


def _digits_at(folded: str, match: re.Match[str]) -> int:
    """Where the first digit of a date phrase is."""
    found = re.search(r"\d", folded[match.start() : match.end()])
    return match.start() + found.start() if found else match.start()


def _year_end(phrase: str) -> date | None:
    found = re.findall(_YEAR, phrase)
    return date(int(found[-1]), 12, 31) if found else None


def _source_of(text: str) -> str:
    """Where the figure comes from: "nguồn: …", "theo …", a statistics office, or what is
    left in brackets once the date is taken out."""
    folded = fold_keep(text)
    lead = _SOURCE_LEAD.search(text.lower())
    if lead is not None:
        end = _SOURCE_END.search(folded, lead.end())
        found = text[lead.end() : end.start() if end else len(text)].strip(" .:-")
        found = re.sub(r"\s+(?:cung cấp|công bố|cung cap|cong bo)$", "", found)
        if found:
            return found
    known = _KNOWN_SOURCES.search(folded)
    if known is not None:
        return text[known.start() : known.end()].strip(" .")
    for inner in re.findall(r"\(([^()]*)\)", text):
        pieces = [p.strip(" .") for p in inner.split(",")]
        words = [p for p in pieces if re.search(r"[^\W\d_]{2,}", p) and not quantities(p)]
        if words:
            return ", ".join(words)
    return ""


def _in_source(value: Quantity, text: str, source: str) -> bool:
    """A number inside the source's name ("Chi cục Thống kê khu vực 9") is not the figure."""
    if not source:
        return False
    at = text.find(source)
    return at >= 0 and at <= value.number_start < at + len(source)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", fold(text)) if w not in _COMMON]


def _indicator_named(text: str, candidates: Sequence[Candidate]) -> Candidate | None:
    """The indicator whose name the words say, clearly better than any other; words shared by
    many indicators ("tỷ lệ", "đô thị") weigh less."""
    said = set(_words(_FILLER.sub(" ", fold(text))))
    if len(said) < 2 or not candidates:
        return None
    names = {c.id: set(_words(c.name)) for c in candidates}
    counts: dict[str, int] = {}
    for words in names.values():
        for word in words:
            counts[word] = counts.get(word, 0) + 1

    def weight(word: str) -> float:
        return 1 / counts.get(word, 1)

    scores: list[tuple[float, Candidate]] = []
    for candidate in candidates:
        words = names[candidate.id]
        total = sum(weight(w) for w in words)
        if not total:
            continue
        hit = sum(weight(w) for w in words & said)
        scores.append((hit / total, candidate))
    scores.sort(key=lambda item: -item[0])
    if not scores or scores[0][0] < 0.35:
        return None
    if len(scores) > 1 and scores[0][0] - scores[1][0] < 0.15:
        return None
    return scores[0][1]


def _by_unit(value: Quantity, candidates: Sequence[Candidate]) -> Candidate | None:
    """The one indicator counted in the value's unit ("22 đô thị"), when no other is."""
    if not value.unit or value.unit.startswith("%"):
        return None
    found = [c for c in candidates if c.unit and fold(c.unit) == fold(value.unit)]
    return found[0] if len(found) == 1 else None


def same_unit(given: str | None, expected: str | None) -> bool:
    """Whether a figure's unit is the indicator's ("m2" is "m²"; "02 đô thị loại II" counts
    "đô thị"); a figure without a unit is in the indicator's."""
    if not given or not expected:
        return True
    a, b = fold(unit_of(given) or given), fold(expected)
    if a == b:
        return True
    if a.startswith("%") and b.startswith("%"):
        return True
    return a.startswith(b + " ") or b.startswith(a + " ")


def _checked(part: FigurePart, by_id: dict[int, Candidate], today: date) -> FigurePart:
    if part.problem is not None or part.indicator_id is None or part.value is None:
        return part
    candidate = by_id.get(part.indicator_id)
    if candidate is None:
        return replace(part, problem=WHICH)
    if not same_unit(part.unit, candidate.unit):
        return replace(part, problem=WRONG_UNIT)
    values = [part.value] + ([part.value_max] if part.value_max is not None else [])
    if any(math.isnan(v) or v < 0 for v in values) and candidate.share:
        return replace(part, problem=NEGATIVE)
    if candidate.share and any(v > 100 for v in values):
        return replace(part, problem=OVER_100)
    if (
        part.as_of is not None
        and candidate.horizon is not None
        and part.as_of.year > candidate.horizon
    ):
        return replace(part, problem=BEYOND)
    if part.as_of is not None and part.as_of > today and part.as_of.year > today.year:
        return replace(part, problem=FUTURE)
    return part
