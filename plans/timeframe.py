"""Read a task's timeframe ("Quý IV/2022", "trước 30/6/2024", "Thường xuyên") into a due date."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

from domain.text import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_RECURRING = re.compile(
    r"thuong xuyen|lien tuc|hang nam|hang quy|hang thang|hang tuan|dinh ky|cac nam tiep theo"
    r"|nam tiep theo|moi nam|tung nam|khi co yeu cau|theo yeu cau"
)
_FULL_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_FULL_NUM = re.compile(r"(?<![\d/])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_QUARTER = re.compile(
    r"quy\s+(iv|iii|ii|i|[1-4])(?![a-z])((?:\s*(?:,|-|–|va|den)\s*(?:quy\s+)?(?:iv|iii|ii|i|[1-4])(?![a-z]))*)"
    r"\s*(?:/|nam|-)?\s*(\d{4})"
)
_HALF = re.compile(r"(6|9|sau|chin)\s+thang\s+(dau|cuoi)\s+(?:nam\s+)?(\d{4})")
_MONTH = re.compile(r"thang\s+(\d{1,2})\s*(?:/|nam|-)\s*(\d{4})")
_MONTH_NUM = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{4})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)")


def _end_of_month(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def is_recurring(timeframe: str) -> bool:
    """True for ongoing or recurring timeframes ("Thường xuyên", "hằng năm", "năm tiếp theo")."""
    return bool(_RECURRING.search(fold(timeframe)))


def due_date(timeframe: str) -> date | None:
    """The deadline a timeframe implies, or None when it is ongoing, recurring or unreadable."""
    text = fold(timeframe or "")
    if not text or is_recurring(text):
        return None
    candidates: list[tuple[int, date]] = []

    def add(pos: int, value: date | None) -> None:
        if value is not None:
            candidates.append((pos, value))

    taken: list[tuple[int, int]] = []
    for match in _FULL_WORDS.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        add(match.start(), _safe_date(year, month, day))
        taken.append(match.span())
    for match in _FULL_NUM.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        add(match.start(), _safe_date(year, month, day))
        taken.append(match.span())
    for match in _QUARTER.finditer(text):
        quarters = re.findall(r"iv|iii|ii|i|[1-4]", match.group(1) + " " + (match.group(2) or ""))
        quarter = _ROMAN[quarters[-1]]
        add(match.start(), _end_of_month(int(match.group(3)), quarter * 3))
        taken.append(match.span())
    for match in _HALF.finditer(text):
        months = 6 if match.group(1) in ("6", "sau") else 9
        month = months if match.group(2) == "dau" else 12
        add(match.start(), _end_of_month(int(match.group(3)), month))
        taken.append(match.span())

    if not candidates and re.search(r"(?<![a-z])quy\s", text):
        return None  # a quarter we cannot read ("Quý V/2024") is not a whole year

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    for match in _MONTH.finditer(text):
        if free(match.span()):
            add(match.start(), _end_of_month(int(match.group(2)), int(match.group(1))))
            taken.append(match.span())
    for match in _MONTH_NUM.finditer(text):
        if free(match.span()):
            add(match.start(), _end_of_month(int(match.group(2)), int(match.group(1))))
            taken.append(match.span())
    if not candidates:
        for match in _YEAR.finditer(text):
            if free(match.span()):
                add(match.start(), date(int(match.group(1)), 12, 31))
    if not candidates:
        return None
    return max(candidates)[1]


_LABELS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:thuc hien )?thuong xuyen"), "Thường xuyên"),
    (re.compile(r"^(?:dinh ky )?hang nam|^moi nam|^tung nam"), "Hằng năm"),
    (re.compile(r"^(?:dinh ky )?hang quy|^moi quy"), "Hằng quý"),
    (re.compile(r"^(?:dinh ky )?hang thang|^moi thang"), "Hằng tháng"),
    (re.compile(r"^(?:khi co yeu cau|theo yeu cau|dot xuat)"), "Khi có yêu cầu"),
]


class Timeframe(NamedTuple):
    """A timeframe read: a tidy label, its due date (None when ongoing or unreadable), and
    whether it recurs every period."""

    label: str
    due: date | None
    recurring: bool


def read_timeframe(text: str | None) -> Timeframe | None:
    """ "trong quý I/2023" → ("Quý I/2023", 2023-03-31); "Thường xuyên" → ("Thường xuyên", None);
    None for empty text. The label keeps the document's own words where no rule applies."""
    written = " ".join((text or "").split()).strip(" .;,")
    if not written:
        return None
    folded = fold(written)
    recurring = is_recurring(written)
    due = due_date(written)
    label = written[:1].upper() + written[1:]
    for pattern, name in _LABELS:
        if pattern.search(folded):
            label = name
            break
    else:
        quarter = _QUARTER.search(folded)
        half = _HALF.search(folded)
        if quarter and len(folded) <= quarter.end() + 2:
            quarters = re.findall(r"iv|iii|ii|i|[1-4]", quarter.group(1) + (quarter.group(2) or ""))
            roman = ["I", "II", "III", "IV"]
            names = [roman[_ROMAN[q] - 1] for q in quarters]
            label = f"Quý {', '.join(names)}/{quarter.group(3)}"
        elif half and len(folded) <= half.end() + 2:
            label = written[folded.find(half.group(0)) :]
            label = label[:1].upper() + label[1:]
        elif re.match(r"^(?:truoc|cham nhat|han cuoi|han chot)\b", folded) and due:
            label = f"Trước {due.day}/{due.month}/{due.year}"
        elif re.match(r"^trong (?:quy|thang|nam)\b", folded):
            label = written[len("trong ") :]
            label = label[:1].upper() + label[1:]
    return Timeframe(label, due, recurring)
