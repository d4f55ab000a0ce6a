"""The targets as every export writes them, in the export's language: "Năm 2025: trên 40%",
"41,2% (số liệu 2025)", "Đạt". One row per target (an indicator's horizon), from
`PlanSummary.targets`, so the Word draft, the Excel workbook and the web view say the same."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from plans.quantities import format_quantity
from reports.labels import format_date, labels, normalise_lang
from reports.model import FigureValue, TargetLine

COMPARISONS = ("gt", "ge", "about", "le", "lt")
ASSESSED = ("exceeded", "achieved", "not_met", "at_risk", "no_figure")


@dataclass(frozen=True)
class TargetRow:
    """One target, its words ready to print."""

    number: int
    indicator: str
    unit: str
    horizon: str  # "Năm 2025"
    target: str  # "trên 40%"
    figure: str  # "41,2%" ("" without one)
    as_of: str  # "số liệu 2025" as the officer wrote it, else the date
    source: str
    owner: str
    assessment: str  # "Đạt"
    assessment_key: str  # "achieved"
    first: bool  # the indicator's first row (its name is written once)


def words(lab: Mapping[str, str]) -> dict[str, str]:
    return {c: lab[f"target.cmp.{c}"] for c in COMPARISONS}


def quantity_text(
    lab: Mapping[str, str],
    comparison: str | None,
    value: float | None,
    value_max: float | None,
    unit: str | None,
    lang: str,
) -> str:
    return format_quantity(comparison, value, value_max, unit, words(lab), lang)  # type: ignore[arg-type]


def figure_text(lab: Mapping[str, str], figure: FigureValue, unit: str | None, lang: str) -> str:
    return quantity_text(lab, None, figure.value, figure.value_max, unit or figure.unit, lang)


def as_of_text(figure: FigureValue) -> str:
    return figure.as_of_text or format_date(figure.as_of)


def target_rows(targets: Sequence[TargetLine], lang: str = "vi") -> list[TargetRow]:
    """The quantitative targets as rows, in the plan's order (qualitative ones are counted
    apart: `qualitative_count`)."""
    lang = normalise_lang(lang)
    lab = labels(lang)
    rows: list[TargetRow] = []
    seen: set[int] = set()
    for line in targets:
        if line.qualitative:
            continue
        first = line.number not in seen
        seen.add(line.number)
        year = (
            lab["target.year"].format(year=line.horizon) if line.horizon else lab["target.no_year"]
        )
        figure = line.figure
        rows.append(
            TargetRow(
                number=line.number,
                indicator=line.indicator,
                unit=line.unit or "",
                horizon=year,
                target=quantity_text(
                    lab, line.comparison, line.value, line.value_max, line.unit, lang
                ),
                figure=figure_text(lab, figure, line.unit, lang) if figure is not None else "",
                as_of=as_of_text(figure) if figure is not None else "",
                source=figure.source if figure is not None else "",
                owner=line.owner or "",
                assessment=lab[f"assessment.{line.assessment}"],
                assessment_key=line.assessment,
                first=first,
            )
        )
    return rows


def qualitative_count(targets: Sequence[TargetLine]) -> int:
    return len({line.number for line in targets if line.qualitative})


def counts(targets: Sequence[TargetLine]) -> dict[str, int]:
    """How many quantitative targets are in each class of assessment."""
    found = dict.fromkeys(ASSESSED, 0)
    for line in targets:
        if line.assessment in found:
            found[line.assessment] += 1
    return found
