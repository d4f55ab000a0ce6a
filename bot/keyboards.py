"""Inline keyboards and their callback data: short typed prefixes, always under 64 bytes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

# callback data layouts (ids are integers, so every payload stays far below 64 bytes)
PICK_TASK = "rt"  # rt:<period_id>:<task_id>               → choose a status
PICK_STATUS = "rs"  # rs:<period_id>:<task_id>:<status>    → choose a percentage
PICK_PERCENT = "rp"  # rp:<period_id>:<task_id>:<status>:<pct|->  → record, ask for a note
SKIP_NOTE = "rn"  # rn:<report_id>                          → no note
UNDO = "ru"  # ru:<report_id>:<revision>
EDIT = "re"  # re:<report_id>
ANSWER_TASK = "ra"  # ra:<question_id>:<task_id|all>        → which task an ambiguous reply meant
ANSWER_STATUS = "rq"  # rq:<question_id>:<status>           → which status it meant

STATUSES = ("done", "in_progress", "not_started", "blocked")
PERCENTS = (10, 30, 50, 70, 90)


_STATUS = "(?:done|in_progress|not_started|blocked)"
SHAPES = {
    PICK_TASK: r"\d+:\d+",
    PICK_STATUS: rf"\d+:\d+:{_STATUS}",
    PICK_PERCENT: rf"\d+:\d+:{_STATUS}:(?:\d+|-)",
    SKIP_NOTE: r"\d+",
    UNDO: r"\d+:\d+",
    EDIT: r"\d+",
    ANSWER_TASK: r"[0-9a-f]{8}:(?:\d+|all)",
    ANSWER_STATUS: rf"[0-9a-f]{{8}}:{_STATUS}",
    "im": r"[0-9a-f]{8}:(?:save|cancel|fix:\d+:\d+)",
    "sp": r"\d+:-?1",
    "sa": r"\d+:\d+",
    "sg": r"\d+:\d+",
    "mr": r"\d+",
    "sc": r"[a-z]+:\d+",
}


def valid(value: str | None) -> bool:
    """True when callback data has the shape its prefix promises (old or forged data: no)."""
    if not value or ":" not in value:
        return False
    prefix, rest = value.split(":", 1)
    shape = SHAPES.get(prefix)
    return shape is not None and re.fullmatch(shape, rest) is not None


def data(*parts: object) -> str:
    value = ":".join(str(p) for p in parts)
    if len(value.encode()) > 64:
        raise ValueError(f"callback data over 64 bytes: {value!r}")
    return value


def split(value: str) -> list[str]:
    return value.split(":")


def rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def markup(buttons: Sequence[InlineKeyboardButton], width: int = 3) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(rows(buttons, width))


def button(text: str, *parts: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(text[:60], callback_data=data(*parts))
