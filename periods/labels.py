"""A period's label, rendered from its kind and key at display time in the reader's language
(stored rows keep only keys). The templates live in the text catalogues (`period.*`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from periods.rules import parse_period_key


class Named(Protocol):
    """Anything with a period's kind and key (a ReportingPeriod row, a PeriodName)."""

    @property
    def kind(self) -> str: ...

    @property
    def key(self) -> str: ...


@dataclass(frozen=True)
class PeriodName:
    kind: str
    key: str


def label_fields(kind: str, key: str) -> tuple[str, dict[str, str]]:
    """(catalogue key, values) of a period's label: ("period.quarterly_4", {"year": "2026"})."""
    if kind == "adhoc":
        # "adhoc-2026-12-01-3": requested on 1/12/2026, the third period of the plan
        try:
            day = date.fromisoformat(key.removeprefix("adhoc-")[:10])
        except ValueError:
            return "period.adhoc_plain", {}
        return "period.adhoc", {"day": f"{day:%d/%m/%Y}"}
    period = parse_period_key(key)
    year = str(period.year)
    if period.kind == "monthly":
        return "period.monthly", {"month": str(period.index), "year": year}
    if period.kind == "quarterly":
        return f"period.quarterly_{period.index}", {"year": year}
    if period.kind == "half_yearly":
        return f"period.half_yearly_{period.index}", {"year": year}
    return "period.yearly", {"year": year}


def period_label(period: Named, template: Callable[[str], str]) -> str:
    """The label of a period with the templates of one catalogue (`template(key)` → format)."""
    name, values = label_fields(period.kind, period.key)
    return template(name).format(**values)
