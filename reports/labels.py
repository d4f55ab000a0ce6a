"""The exported files' words, per language (Vietnamese by default), read from the one text
catalogue (`texts/`): ``LABELS[lang][key]`` holds plain, unescaped templates. Helpers format
dates, times and percentages the way Vietnamese reports write them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from types import MappingProxyType

from domain.status import Outcome, ReportStatus
from periods.labels import PeriodName
from periods.labels import period_label as render_period
from reports.model import PlanSummary, to_local
from texts import CATALOGUES

DEFAULT_LANG = "vi"

LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {code: MappingProxyType(dict(catalogue)) for code, catalogue in CATALOGUES.items()}
)


def normalise_lang(lang: str | None) -> str:
    """Map "vi", "vi-VN", "EN_us", None … to a supported language code (default "vi")."""
    code = (lang or DEFAULT_LANG).replace("_", "-").split("-", 1)[0].lower()
    return code if code in LABELS else DEFAULT_LANG


def labels(lang: str | None = DEFAULT_LANG) -> Mapping[str, str]:
    """The label table for a language; unknown languages fall back to Vietnamese."""
    return LABELS[normalise_lang(lang)]


def outcome_label(outcome: Outcome | str, lang: str | None = DEFAULT_LANG) -> str:
    """Display name of an outcome class."""
    return labels(lang)[f"outcome.{Outcome(outcome).value}"]


def status_label(status: ReportStatus | str | None, lang: str | None = DEFAULT_LANG) -> str:
    """Display name of a reported status ("" when nothing was reported)."""
    if status is None:
        return labels(lang)["status.none"]
    return labels(lang)[f"status.{ReportStatus(status).value}"]


def role_label(role: str, lang: str | None = DEFAULT_LANG) -> str:
    """Chủ trì / Phối hợp (the chat's "chủ trì" as a column value)."""
    return labels(lang)["role.lead" if str(role) == "lead" else "role.support"].capitalize()


def format_date(day: date | None) -> str:
    """22/09/2022 ('' for None)."""
    return day.strftime("%d/%m/%Y") if day else ""


def format_datetime(moment: datetime | None) -> str:
    """Local time as dd/mm/yyyy HH:MM ('' for None)."""
    return to_local(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


def period_label(label: str, lang: str | None = DEFAULT_LANG) -> str:
    """The period as the language writes it: "Quý IV/2026" stays in Vietnamese, in English it
    is "Q4/2026" ("H1/2026", "11/2026", "Year 2026"); a label not understood is kept."""
    if normalise_lang(lang) == "vi":
        return label
    from periods.rules import parse_period_label

    period = parse_period_label(label)
    if period is None:
        return label
    return render_period(PeriodName(period.kind, period.key), labels(lang).__getitem__)


def localised(summary: PlanSummary, lang: str | None) -> PlanSummary:
    """The summary with its period label in the language of the export (from its key)."""
    if summary.period_key:
        name = PeriodName(summary.period_kind, summary.period_key, summary.period_also)
        label = render_period(name, labels(lang).__getitem__)
    else:
        label = period_label(summary.period_label, lang)
    if label == summary.period_label:
        return summary
    return dataclasses.replace(summary, period_label=label)


def format_percent(fraction: float, lang: str | None = DEFAULT_LANG, digits: int = 1) -> str:
    """0.5333 → "53,3%" in Vietnamese (decimal comma), "53.3%" in English."""
    text = f"{fraction * 100:.{digits}f}"
    if digits and text.endswith("." + "0" * digits):
        text = text[: -(digits + 1)]
    if normalise_lang(lang) == "vi":
        text = text.replace(".", ",")
    return f"{text}%"
