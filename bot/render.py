"""Small rendering pieces shared by handlers: dates in the local zone, not-found answers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from storage.models import Member
from texts import Html, Texts


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


MESSAGE_BUDGET = 3900  # under Telegram's 4096, with room for what escaping adds


def fit_lines(
    head: list[str],
    lines: list[str],
    tail: list[str],
    more: Callable[[int], str],
    budget: int = MESSAGE_BUDGET,
) -> Html:
    """Head, as many lines as fit in `budget`, a "… and N more" line, then the tail."""
    used = sum(len(part) + 1 for part in head + tail)
    kept: list[str] = []
    for index, line in enumerate(lines):
        remaining = len(lines) - index
        reserve = len(more(remaining)) + 1 if remaining > 1 else 0
        if used + len(line) + 1 + reserve > budget:
            kept.append(more(remaining))
            break
        kept.append(line)
        used += len(line) + 1
    return Html("\n".join([*head, *kept, *tail]))


def split_message(lines: Sequence[str], budget: int = MESSAGE_BUDGET) -> list[Html]:
    """Split rows into messages under the limit, never inside a row."""
    chunks: list[list[str]] = [[]]
    size = 0
    for line in lines:
        line = line if len(line) <= budget else line[: budget - 1] + "…"
        if chunks[-1] and size + len(line) + 1 > budget:
            chunks.append([])
            size = 0
        chunks[-1].append(line)
        size += len(line) + 1
    return [Html("\n".join(chunk)) for chunk in chunks if chunk]


def shorten(text: str, limit: int) -> str:
    """Whitespace collapsed and cut at a word under `limit` characters, with "…"."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def member_line(texts: Texts, member: Member) -> Html:
    """One member as /members and `dondoc members` list them: name, role, agency (when there
    is one), state and Telegram id."""
    state = (
        texts.plain("members.inactive")
        if not member.active
        else texts.plain("members.unreachable")
        if not member.reachable
        else texts.plain("members.muted")
        if member.reminders_opt_out
        else ""
    )
    agency = member.agency.name if member.agency else None
    return texts(
        "members.line",
        name=member.full_name or "?",
        role=texts.plain(f"role.{member.role}"),
        agency=texts("members.agency", agency=agency) if agency else Html(""),
        state=state,
        user_id=member.telegram_user_id,
    )
