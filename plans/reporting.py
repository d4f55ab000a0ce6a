"""How often and by when a plan asks for reports, as its text says: its reporting clause, in the
body or in "Tổ chức thực hiện" ("báo cáo … trước ngày 15 hằng tháng", "định kỳ hằng quý trước
ngày 10 của tháng cuối quý", "định kỳ 6 tháng, năm (trước ngày 10/6 và 10/12)", "trước ngày 5
tháng đầu quý sau"), with or without diacritics, digits misread in a scan ("l5", "1O/6").

A deadline is a `DeadlineRule` per kind of period (docs/counting.md, section 1): day N of the
cut-off's month ("cutoff": "tháng cuối quý", "10/6 và 10/12"), of the month after it ("next":
"tháng đầu quý sau", "tháng sau", "15/01 năm sau"), or the first day N after the cut-off
("first": "trước ngày 15 hằng tháng"). When the plan states several clauses — the agencies
reporting to the coordinating department, the department reporting up — the earliest deadline
of each kind is the one the agencies are chased for. Nothing said: Decree 09's defaults (no
rule) and the frequencies the text names (quarterly when it names none). Pure: text in, data out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from domain.lines import strip_marker
from domain.text import fold
from plans.model import DeadlineRule, Frequency, ReportingSchedule
from plans.normalize import fold_keep

FREQUENCIES: list[tuple[re.Pattern[str], Frequency]] = [
    (re.compile(r"hang thang|moi thang|dinh ky thang"), "monthly"),
    (re.compile(r"hang quy|moi quy|dinh ky quy|theo quy"), "quarterly"),
    (re.compile(r"(?:6|sau) thang|nua nam"), "half_yearly"),
    (re.compile(r"hang nam|moi nam|cuoi nam|dinh ky nam|tong ket nam"), "yearly"),
]
PERIODIC = re.compile(r"dinh ky[^.;]{0,40}bao cao|bao cao dinh ky|bao cao[^.;]{0,60}dinh ky")
ORDER: list[Frequency] = ["monthly", "quarterly", "half_yearly", "yearly"]
Month = Literal["cutoff", "next", "first"]

# The kinds of period a clause names (folded text).
_KINDS: list[tuple[re.Pattern[str], Frequency]] = [
    (re.compile(r"hang thang|moi thang|dinh ky thang|bao cao thang|tung thang"), "monthly"),
    (
        re.compile(
            r"hang quy|moi quy|dinh ky quy|theo quy|bao cao quy|tung quy|(?:cuoi|dau) quy"
            r"|quy,|quy va\b"
        ),
        "quarterly",
    ),
    (re.compile(r"(?:06|6|sau) thang|nua nam|so ket"), "half_yearly"),
    (
        re.compile(
            r"hang nam|moi nam|bao cao nam|tong ket nam|cuoi nam|dinh ky nam|ca nam"
            r"|(?:thang|quy),? (?:va |hoac )?(?:hang |moi )?nam(?! \d)"
        ),
        "yearly",
    ),
]
_BY = r"(?:truoc|cham nhat(?: la)?|khong muon hon|han(?: gui)?(?: la)?|vao|den)(?: (?:vao )?ngay)?"
_DAY = r"(\d{1,2})(?!\d)"
_LAST_MONTH_OF_QUARTER = re.compile(
    rf"{_BY} {_DAY}(?! ?/) (?:cua )?(?:thang )?(?:thu ba |cuoi )(?:cua )?(?:moi |hang )?quy"
)
_FIRST_MONTH_AFTER = re.compile(
    rf"{_BY} {_DAY}(?! ?/) (?:cua )?thang (?:dau(?: tien)?(?: cua)? quy (?:sau|tiep theo|ke tiep)"
    r"|dau quy sau|sau khi ket thuc quy|dau cua quy tiep theo)"
)
_MONTH_AFTER = re.compile(rf"{_BY} {_DAY}(?! ?/) (?:cua )?thang (?:sau|tiep theo|ke tiep)")
_EVERY_MONTH = re.compile(
    rf"{_BY} {_DAY}(?! ?/) (?:cua )?(?:hang|moi|cac) thang"
    rf"|(?:hang|moi) thang,? {_BY} {_DAY}(?! ?/)(?! (?:cua )?thang (?:sau|tiep|ke))"
)
_DATES = re.compile(r"(?<![\d/])(\d{1,2}) ?/ ?(\d{1,2})(?! ?/ ?\d)(?![\d])")
_BY_DATE = re.compile(rf"{_BY} (?:cac ngay )?\d{{1,2}} ?/ ?\d{{1,2}}(?! ?/ ?\d)")
_OCR_ZERO = re.compile(r"(?<=\d)o|o(?=\d)")
_OCR_ONE = re.compile(r"(?<=\d)[li|]|[li|](?=\d)")


@dataclass
class Clause:
    """What one sentence says about reporting: the kinds it names, the deadlines it sets."""

    text: str
    kinds: list[Frequency] = field(default_factory=list)
    deadlines: dict[Frequency, DeadlineRule] = field(default_factory=dict)


def _folded(text: str) -> str:
    folded = fold_keep(" ".join(text.split()))
    folded = _OCR_ZERO.sub("0", folded)
    return _OCR_ONE.sub("1", folded)


def read_clause(sentence: str) -> Clause | None:
    """The reporting a sentence asks for, or None when it says nothing of a report's timing."""
    folded = _folded(sentence)
    if not re.search(r"bao cao|gui (?:ve|bao)|tong hop", folded):
        return None
    kinds = [kind for pattern, kind in _KINDS if pattern.search(folded)]
    clause = Clause(strip_marker(sentence).rstrip(" ./;"), kinds)

    def rule(kind: Frequency, day: str, month: Month) -> None:
        value = int(day)
        if 1 <= value <= 31:
            clause.deadlines.setdefault(kind, DeadlineRule(day=value, month=month))

    for match in _LAST_MONTH_OF_QUARTER.finditer(folded):
        rule("quarterly", match.group(1), "cutoff")
    for match in _FIRST_MONTH_AFTER.finditer(folded):
        rule("quarterly", match.group(1), "next")
    for match in _MONTH_AFTER.finditer(folded):
        for kind in kinds or ["monthly"]:
            rule(kind, match.group(1), "next")
    for match in _EVERY_MONTH.finditer(folded):
        rule("monthly", match.group(1) or match.group(2), "first")
    by_date = _BY_DATE.search(folded)
    if by_date is not None:
        _dated(folded[by_date.start() :], kinds, rule)
    for kind in clause.deadlines:
        if kind not in kinds:
            kinds.append(kind)
    if not clause.kinds and not clause.deadlines:
        return None
    clause.kinds = sorted(set(kinds), key=ORDER.index)
    return clause


def _dated(
    folded: str, kinds: list[Frequency], rule: Callable[[Frequency, str, Month], None]
) -> None:
    """Deadlines given as dates without a year: "trước ngày 10/6 và 10/12", "15/3, 15/6, 15/9,
    15/12", "trước ngày 15/01 năm sau". The month says which period each closes."""
    dates = [(m.group(1), int(m.group(2))) for m in _DATES.finditer(folded[:160])]
    dates = [(d, m) for d, m in dates if 1 <= m <= 12]
    months = {m for _, m in dates}
    if len(months) >= 3 and months <= {3, 6, 9, 12}:
        rule("quarterly", dates[0][0], "cutoff")
        return
    if len(months) >= 3 and months <= {1, 4, 7, 10}:
        rule("quarterly", dates[0][0], "next")
        return
    for day, month in dates:
        if month == 6:
            rule("half_yearly", day, "cutoff")
        elif month == 7:
            rule("half_yearly", day, "next")
        elif month == 12:
            rule("yearly", day, "cutoff")
            if "quarterly" in kinds and "yearly" not in kinds:
                rule("quarterly", day, "cutoff")
        elif month == 1:
            rule("yearly", day, "next")
        elif month in (3, 9) and "quarterly" in kinds:
            rule("quarterly", day, "cutoff")
        elif month in (4, 10) and "quarterly" in kinds:
            rule("quarterly", day, "next")


def _lateness(rule: DeadlineRule) -> int:
    """Days from the cut-off (the 14th) to the deadline, roughly: to compare two clauses."""
    if rule.month == "cutoff":
        return rule.day - 14
    if rule.month == "next":
        return rule.day + 30 - 14
    return rule.day - 14 if rule.day > 14 else rule.day + 30 - 14


_SENTENCE = re.compile(r"(?<=[^\s.\d])\.\s+(?=\S)|\n+")


def sentences(paras: list[str]) -> list[str]:
    return [s.strip() for para in paras for s in _SENTENCE.split(para) if s.strip()]


def reporting_schedule(paras: list[str]) -> ReportingSchedule:
    """The plan's reporting: frequencies its text names (quarterly when none), its own
    deadlines per kind (the earliest when several clauses set one), the clause as written."""
    found = _frequencies(paras)
    deadlines: dict[Frequency, DeadlineRule] = {}
    source: dict[Frequency, str] = {}
    for sentence in sentences(paras):
        if len(sentence) > 600:
            continue
        clause = read_clause(sentence)
        if clause is None or not clause.deadlines:
            continue
        for kind, rule in clause.deadlines.items():
            if kind not in deadlines or _lateness(rule) < _lateness(deadlines[kind]):
                deadlines[kind], source[kind] = rule, clause.text
        for kind in clause.kinds:
            if kind not in found:
                found.append(kind)
    schedule = ReportingSchedule(frequencies=sorted(found, key=ORDER.index))
    if not found:
        schedule = ReportingSchedule()
    schedule.deadlines = {k: deadlines[k] for k in sorted(deadlines, key=ORDER.index)}
    if source:
        schedule.clause = " … ".join(dict.fromkeys(source[k] for k in schedule.deadlines))
    return schedule


def _frequencies(paras: list[str]) -> list[Frequency]:
    """Frequencies named near "báo cáo" with "định kỳ" or "hằng …" (the plan-wide schedule)."""
    found: list[Frequency] = []
    for para in paras:
        folded = fold(para)
        if "bao cao" not in folded or not re.search(r"dinh ky|hang|moi|truoc ngay", folded):
            continue
        for match in re.finditer(r"bao cao", folded):
            window = folded[max(0, match.start() - 50) : match.end() + 50]
            if "dinh ky" not in window and "hang" not in window:
                continue
            for pattern, frequency in FREQUENCIES:
                if pattern.search(window) and frequency not in found:
                    found.append(frequency)
            half_and_year = re.search(
                r"(?:6|sau) thang,? (?:va |hoac )?(?:hang )?nam(?! \d)", window
            )
            if half_and_year and "yearly" not in found:
                found.append("yearly")
    return found


def task_frequency(text: str) -> Frequency | None:
    """A task's own reporting frequency ("báo cáo hằng tháng" in its text), if it says one."""
    folded = fold(text)
    for match in re.finditer(r"bao cao", folded):
        window = folded[max(0, match.start() - 60) : match.end() + 60]
        for pattern, frequency in FREQUENCIES:
            if pattern.search(window):
                return frequency
    return None
