"""A period's label, rendered from its kind and key at display time in the reader's language
(stored rows keep only keys). The templates live in the text catalogues (`period.*`).

A period that is one reporting moment with others of its plan (docs/counting.md, section 2)
carries their kinds in `also` (a row keeps them in `scope["also"]`) and is labelled with all:
"Quý IV và Năm 2026"."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from periods.rules import KINDS, Period, parse_period_key


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
    also: tuple[str, ...] = ()


def also_of(period: Named) -> tuple[str, ...]:
    """The other kinds of the period's reporting moment (none for most periods)."""
    also = getattr(period, "also", None)
    if also is None:
        scope: Any = getattr(period, "scope", None)
        also = scope.get("also") if isinstance(scope, dict) else None
    return tuple(k for k in (also or ()) if k in KINDS)


def name_of(period: Named) -> PeriodName:
    """A row's (or any period's) name, with its moment, detached from the database."""
    return PeriodName(period.kind, period.key, also_of(period))


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
    return _name(period), _values(period)


def _name(period: Period) -> str:
    if period.kind == "monthly":
        return "period.monthly"
    if period.kind in ("quarterly", "half_yearly"):
        return f"period.{period.kind}_{period.index}"
    return "period.yearly"


def _values(period: Period) -> dict[str, str]:
    values = {"year": str(period.year)}
    if period.kind == "monthly":
        values["month"] = str(period.index)
    return values


def moment_periods(period: Named, also: Sequence[str]) -> list[Period]:
    """The periods of a moment, finest first: the period and the kinds `also` closing with it."""
    from periods.schedule import period_ending

    own = parse_period_key(period.key)
    found = {own, *(period_ending(kind, own.ends_on) for kind in also)}  # type: ignore[arg-type]
    return sorted(found, key=lambda p: KINDS.index(p.kind))


def period_label(period: Named, template: Callable[[str], str]) -> str:
    """The label of a period with the templates of one catalogue (`template(key)` → format):
    "Quý IV/2026", or for a moment of several periods "Quý IV và Năm 2026"."""
    also = also_of(period) if period.kind != "adhoc" else ()
    if not also:
        name, values = label_fields(period.kind, period.key)
        return template(name).format(**values)
    periods = moment_periods(period, also)
    parts = [
        template(_name(p).replace("period.", "period.part.")).format(**_values(p)) for p in periods
    ]
    joined = (
        parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + template("period.and") + parts[-1]
    )
    return template("period.moment").format(parts=joined, year=periods[0].year)
