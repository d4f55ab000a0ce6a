"""A plan cited the way a clerk cites it, and dates written one way.

"Kế hoạch số 151/KH-UBND ngày 22/9/2022 của UBND tỉnh Quảng Ngãi về triển khai …",
"Chương trình hành động số 15-CTr/TU ngày 30/9/2022 của Tỉnh ủy Hà Tĩnh về thực hiện …",
"Kế hoạch triển khai chuyển đổi số … ban hành kèm theo Quyết định số 318/QĐ-UBND ngày
12/3/2026 của UBND tỉnh Quảng Ngãi" (a plan issued by a decision carries the decision's
number). Dates are day/month/year without leading zeros ("22/9/2022"), in the citation and
in the titles it quotes. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from domain.text import fold, nfc

__all__ = ["CitedPlan", "clerk_date", "clerk_dates", "kind_of"]

# Number symbols and the kind of document they mark ("151/KH-UBND", "15-CTr/TU", "544-KL/TU").
_SYMBOLS = (
    ("ctr", "programme"),
    ("kl", "conclusion"),
    ("nq", "resolution"),
    ("qd", "decision"),
    ("ct", "directive"),
    ("da", "scheme"),
    ("kh", "plan"),
)
KINDS = ("plan", "programme", "conclusion", "resolution", "decision", "directive", "scheme")
_DATE = re.compile(r"\b0?(\d{1,2})\s*/\s*0?(\d{1,2})\s*/\s*(\d{4})\b")
_LEADING_ABOUT = re.compile(r"(?i)^\s*(?:v/v|v\.v\.?|về việc|ve viec|về|ve)\s+")


def kind_of(number: str, plan_kind: str | None = None) -> str:
    """What the document is: the kind recorded on import, else read from its number
    ("15-CTr/TU" → programme, "544-KL/TU" → conclusion), else a plan."""
    if plan_kind in KINDS:
        return plan_kind
    folded = fold(number or "")
    for code, kind in _SYMBOLS:
        if re.search(rf"(?:^|[-/\s\d]){code}(?:$|[-/\s])", folded):
            return kind
    return "plan"


def clerk_date(day: date | None) -> str:
    """22/9/2022: day and month without leading zeros ('' for None)."""
    return f"{day.day}/{day.month}/{day.year}" if day else ""


def clerk_dates(text: str) -> str:
    """Every d/m/yyyy date in a text written as a clerk writes it: "24/01/2022" → "24/1/2022"."""
    return _DATE.sub(lambda m: f"{int(m[1])}/{int(m[2])}/{m[3]}", text)


@dataclass(frozen=True, slots=True)
class CitedPlan:
    """The plan a document reports on, as the document cites it."""

    number: str
    issuer: str
    issued_on: date | None
    title: str
    plan_kind: str | None = None

    @property
    def attached(self) -> bool:
        """True for a plan issued by a decision and known by the decision's number (a plan
        whose own number is the decision's: "318/QĐ-UBND")."""
        return kind_of(self.number) == "decision" and self.plan_kind != "decision"

    @property
    def kind(self) -> str:
        """The kind of the plan itself: a plan issued by a decision is a plan."""
        if self.attached:
            return self.plan_kind if self.plan_kind in KINDS[:3] else "plan"
        return kind_of(self.number, self.plan_kind)

    def about(self, lab: Mapping[str, str]) -> str:
        """The title as it follows "về": its own "Về …" and kind word dropped, lower-cased
        unless it opens with an abbreviation, dates as a clerk writes them."""
        title = clerk_dates(" ".join(nfc(self.title or "").split())).rstrip(" .;:")
        title = _LEADING_ABOUT.sub("", title)
        kind_word = lab[f"cite.kind.{self.kind}"]
        if fold(title).startswith(fold(kind_word) + " "):
            title = title[len(kind_word) + 1 :]
        if lab["cite.lower_titles"] == "yes" and title[1:2].islower():
            title = title[:1].lower() + title[1:]
        return title

    def name(self, lab: Mapping[str, str]) -> str:
        """ "Kế hoạch số 151/KH-UBND", "Kế hoạch ban hành kèm theo Quyết định số 318/QĐ-UBND",
        "Kết luận của Ban Thường vụ Tỉnh ủy Khánh Hòa" (no number known)."""
        kind = lab[f"cite.kind.{self.kind}"]
        if self.attached:
            act = lab["cite.kind.decision"]
            return lab["cite.attached"].format(kind=kind, act=act, number=self.number)
        if self.number:
            return lab["cite.numbered"].format(kind=kind, number=self.number)
        if self.issuer:
            return lab["cite.by_issuer"].format(kind=kind, issuer=self.issuer)
        return kind

    def full(self, lab: Mapping[str, str]) -> str:
        """The citation of an opening sentence: kind, number, date, issuer and subject."""
        kind = lab[f"cite.kind.{self.kind}"]
        dated = lab["cite.dated"].format(date=clerk_date(self.issued_on)) if self.issued_on else ""
        by = lab["cite.by"].format(issuer=self.issuer) if self.issuer else ""
        about = self.about(lab)
        if self.attached:
            act = lab["cite.kind.decision"]
            return lab["cite.attached_full"].format(
                kind=kind,
                title=f" {about}" if about else "",
                act=act,
                number=self.number,
                dated=dated,
                by=by,
            )
        if not self.number:
            by = ""  # the name already says whose it is
        about_part = lab["cite.about"].format(title=about) if about else ""
        return f"{self.name(lab)}{dated}{by}{about_part}"
