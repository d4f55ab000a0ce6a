"""How targets and figures read in the chat: "trên 40%", "Năm 2025: trên 40%", "41,2% (số liệu
năm 2025)", an assessment's word. Rendering only, in the reader's language; the values come
from the plan's targets (`reports.targets`) and the figures recorded."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from bot.render import local_date, shorten
from domain.text import fold
from plans.quantities import format_number, format_quantity
from texts import Html, Texts, escape

COMPARISONS = ("gt", "ge", "about", "le", "lt")


def comparison_words(texts: Texts) -> dict[str, str]:
    return {c: texts.plain(f"target.cmp.{c}") for c in COMPARISONS}


def quantity(
    texts: Texts,
    comparison: str | None,
    value: float | None,
    value_max: float | None,
    unit: str | None,
) -> str:
    """ "trên 40%", "4,7–5,1%", "khoảng 21 đô thị" (plain text: escaped where it is put)."""
    return format_quantity(
        comparison,  # type: ignore[arg-type]
        value,
        value_max,
        unit,
        comparison_words(texts),
        texts.language,
    )


def figure_value(texts: Texts, value: float, value_max: float | None, unit: str | None) -> str:
    """ "41,2%", "30,5 m²": a figure without a comparison."""
    return quantity(texts, None, value, value_max, unit)


def year_label(texts: Texts, year: int | None) -> str:
    return texts.plain("target.year").format(year=year) if year else texts.plain("target.no_year")


def targets_text(
    texts: Texts,
    targets: Iterable[tuple[int | None, str | None, float | None, float | None, str | None]],
    *,
    short: bool = False,
) -> str:
    """ "Năm 2025: trên 40%; Năm 2030: trên 45%" from (year, comparison, value, max, unit);
    `short`: "2025: trên 40%; 2030: trên 45%"."""
    return "; ".join(
        f"{year if short and year else year_label(texts, year)}: "
        f"{quantity(texts, comparison, value, value_max, unit)}"
        for year, comparison, value, value_max, unit in targets
        if value is not None
    )


def assessment_word(texts: Texts, assessment: str) -> str:
    key = f"assessment.{assessment}"
    return texts.plain(key) if key in texts.catalogue else assessment


def as_of_words(texts: Texts, as_of: date, as_of_text: str, *, said: bool = True) -> Html:
    """ "số liệu năm 2025" as written, else the date ("(tin nhắn không ghi thời điểm)")."""
    if as_of_text:
        if fold(as_of_text).startswith(("so lieu", "figure")):
            return Html(escape(shorten(as_of_text, 60)))
        return texts("figures.as_of", text=shorten(as_of_text, 60))
    key = "figures.as_of_day" if said else "figures.as_of_today"
    return texts(key, day=local_date(as_of))


def number(texts: Texts, value: float) -> str:
    return format_number(value, texts.language)
