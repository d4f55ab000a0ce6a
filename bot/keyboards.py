"""Inline keyboards and their callback data: typed classes with short prefixes, each checked
on the way in (shape and range) and always under Telegram's 64 bytes."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

STATUSES = ("done", "in_progress", "not_started", "blocked")
PERCENTS = (10, 30, 50, 70, 90)
MAX_BYTES = 64
_MAX_ID = 2**63 - 1

# field type name → how its text is checked and read (None: refused)
Status = str  # one of STATUSES
Qid = str  # a question's short id (8 hex digits)
Switch = str  # "on" or "off"


def _read_int(text: str) -> int | None:
    return int(text) if re.fullmatch(r"\d{1,19}", text) and int(text) <= _MAX_ID else None


def _read_percent(text: str) -> int | None:
    value = _read_int(text)
    return value if value is not None and value <= 100 else None


_READERS = {
    "Switch": lambda t: t if t in ("on", "off") else None,
    "int": _read_int,
    "Status": lambda t: t if t in STATUSES else None,
    "Qid": lambda t: t if re.fullmatch(r"[0-9a-f]{8}", t) else None,
}
_OPTIONAL = {"int | None": ("-", _read_int), "Percent": ("-", _read_percent)}
Percent = int | None  # 0..100, or "-" (not known)


@dataclass(frozen=True)
class Callback:
    """Callback data: `prefix:field:field…`; parse() refuses anything else."""

    prefix: ClassVar[str]

    def pack(self) -> str:
        parts = [self.prefix]
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            parts.append("-" if value is None else str(value))
        return data(*parts)


@dataclass(frozen=True)
class PickTask(Callback):
    """A task picked (from /report or a reminder): choose its status."""

    prefix: ClassVar[str] = "rt"
    period_id: int
    task_id: int


@dataclass(frozen=True)
class PickStatus(Callback):
    """A status picked: record "done", or choose a percentage."""

    prefix: ClassVar[str] = "rs"
    period_id: int
    task_id: int
    status: Status


@dataclass(frozen=True)
class PickPercent(Callback):
    """A percentage picked (or "-"): record, then ask for a note."""

    prefix: ClassVar[str] = "rp"
    period_id: int
    task_id: int
    status: Status
    percent: Percent


@dataclass(frozen=True)
class SkipNote(Callback):
    prefix: ClassVar[str] = "rn"
    report_id: int


@dataclass(frozen=True)
class Undo(Callback):
    """Take back the report's revision `revision` (refused once it changed)."""

    prefix: ClassVar[str] = "ru"
    report_id: int
    revision: int


@dataclass(frozen=True)
class Edit(Callback):
    prefix: ClassVar[str] = "re"
    report_id: int


@dataclass(frozen=True)
class AnswerTask(Callback):
    """Which task a question meant (None: all offered)."""

    prefix: ClassVar[str] = "ra"
    qid: Qid
    task_id: int | None


@dataclass(frozen=True)
class AnswerStatus(Callback):
    """Which status a question meant (also "change" of keep / change)."""

    prefix: ClassVar[str] = "rq"
    qid: Qid
    status: Status


@dataclass(frozen=True)
class Keep(Callback):
    """Keep the report as it is: the question is closed, nothing recorded."""

    prefix: ClassVar[str] = "rk"
    qid: Qid


@dataclass(frozen=True)
class Reminders(Callback):
    """Turn one's own reminders on ("on") or off ("off")."""

    prefix: ClassVar[str] = "rm"
    choice: Switch


REPORT_CALLBACKS: dict[str, type[Callback]] = {
    c.prefix: c
    for c in (
        PickTask,
        PickStatus,
        PickPercent,
        SkipNote,
        Undo,
        Edit,
        AnswerTask,
        AnswerStatus,
        Keep,
        Reminders,
    )
}
# the prefixes kept for compatibility with code that still builds data by hand
PICK_TASK, PICK_STATUS, PICK_PERCENT = PickTask.prefix, PickStatus.prefix, PickPercent.prefix
SKIP_NOTE, UNDO, EDIT = SkipNote.prefix, Undo.prefix, Edit.prefix
ANSWER_TASK, ANSWER_STATUS, KEEP = AnswerTask.prefix, AnswerStatus.prefix, Keep.prefix


def parse(value: str | None) -> Callback | None:
    """The typed callback behind `value`, or None when it is old, forged or out of range."""
    if not value or len(value.encode()) > MAX_BYTES:
        return None
    prefix, _, rest = value.partition(":")
    kind = REPORT_CALLBACKS.get(prefix)
    if kind is None:
        return None
    fields = dataclasses.fields(kind)
    parts = rest.split(":")
    if len(parts) != len(fields):
        return None
    values: dict[str, object] = {}
    for f, text in zip(fields, parts, strict=True):
        kind_name = str(f.type)
        if kind_name in _OPTIONAL:
            none, reader = _OPTIONAL[kind_name]
            if text == none:
                values[f.name] = None
                continue
            read = reader(text)
        else:
            read = _READERS[kind_name](text)
        if read is None:
            return None
        values[f.name] = read
    return kind(**values)


# callback data of the other handlers (built with `button`, checked by shape)
SHAPES = {
    "im": (
        r"[0-9a-f]{8}:(?:save|cancel|fix:\d+:\d+|take:\d+|all|rm|drop:\d+|cal|start:\d+"
        r"|freq:\d+|day:\d+:\d+|nd09|asread|owners|own:\d+)"
    ),
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
    if prefix in REPORT_CALLBACKS:
        return parse(value) is not None
    shape = SHAPES.get(prefix)
    return shape is not None and re.fullmatch(shape, rest) is not None


def data(*parts: object) -> str:
    value = ":".join(str(p) for p in parts)
    if len(value.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over 64 bytes: {value!r}")
    return value


def split(value: str) -> list[str]:
    return value.split(":")


def rows(buttons: Sequence[InlineKeyboardButton], width: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]


def markup(buttons: Sequence[InlineKeyboardButton], width: int = 3) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(rows(buttons, width))


def button(text: str, *parts: object) -> InlineKeyboardButton:
    """A button whose data is built by hand (the other handlers' prefixes)."""
    return InlineKeyboardButton(text[:60], callback_data=data(*parts))


def tap(text: str, callback: Callback) -> InlineKeyboardButton:
    """A button carrying typed callback data."""
    return InlineKeyboardButton(text[:60], callback_data=callback.pack())
