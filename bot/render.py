"""Small rendering pieces shared by handlers: dates in the local zone, not-found answers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.texts import Html, Texts


def local_time(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%H:%M %d/%m/%Y")


def local_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def agency_not_found(texts: Texts, name: str, suggestions: Sequence[str]) -> Html:
    lines = [texts("agency.unknown", name=name)]
    if suggestions:
        lines.append(texts("agency.suggest", suggestions=", ".join(suggestions)))
    else:
        lines.append(texts("agency.none_similar"))
    return Html("\n".join(lines))
