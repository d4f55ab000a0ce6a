"""Inline keyboards and their callback data: short typed prefixes, always under 64 bytes."""

from __future__ import annotations

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
