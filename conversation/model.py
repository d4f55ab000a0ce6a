"""Typed records of the conversation: what a bot message was about, and a question waiting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

# A message without a task ref applies to the bot's last question only while that question is
# the latest bot message in the chat and younger than this; otherwise the bot asks which task.
REPLY_WINDOW = timedelta(hours=2)
# A typed sentence is a report's note only this soon after the bot asked for one.
NOTE_WINDOW = timedelta(minutes=30)
# An unanswered question (its buttons) is forgotten after this.
QUESTION_TTL = timedelta(hours=24)

# purposes of bot messages
REMINDER = "reminder"  # numbered lines of tasks owed
CONFIRM = "confirm"  # what was recorded (buttons: edit, undo)
NOTE = "note"  # "type a note for this report, or skip"
QUESTION = "question"  # which task / which status / keep or change
PICK = "pick"  # the /report menu
LIST = "list"  # /tasks, a hint: nothing to answer
FIGURES = "figures"  # the figures of a plan's indicators asked for (numbered lines)
FIGURES_DONE = "figures_done"  # the figures recorded: nothing to answer
ASKING = frozenset({REMINDER, NOTE, QUESTION, PICK, FIGURES})


@dataclass(frozen=True)
class About:
    """What one bot message was about. `task_ids` are in line order: line n of a numbered
    message is task_ids[n - 1]; `refs` are the refs those lines showed."""

    purpose: str
    period_id: int | None = None
    agency_id: int | None = None
    task_ids: tuple[int, ...] = ()
    refs: tuple[str, ...] = ()
    report_ids: tuple[int, ...] = ()
    numbered: bool = False
    answers: int | None = None  # the officer's message id this bot message answered
    source_update: int | None = None  # the update that recorded `report_ids`
    closed: bool = False  # a note prompt answered or skipped
    indicator_ids: tuple[int, ...] = ()  # a figure request's indicators, in line order

    @property
    def asks(self) -> bool:
        """Whether the message waits for an answer (a later bare "xong" may mean it)."""
        return self.purpose in ASKING and not self.closed

    def line(self, number: int) -> int | None:
        """The task id on line `number` of a numbered message."""
        if self.numbered and 1 <= number <= len(self.task_ids):
            return self.task_ids[number - 1]
        return None

    def to_json(self) -> dict[str, Any]:
        """Stored in `bot_messages.context`; the keys of earlier versions are kept."""
        data: dict[str, Any] = {
            "period_id": self.period_id,
            "task_ids": list(self.task_ids),
        }
        optional: dict[str, Any] = {
            "agency_id": self.agency_id,
            "refs": list(self.refs),
            "report_ids": list(self.report_ids),
            "numbered": self.numbered,
            "answers": self.answers,
            "source_update": self.source_update,
            "closed": self.closed,
            "indicator_ids": list(self.indicator_ids),
        }
        data.update({k: v for k, v in optional.items() if v})
        if self.purpose == NOTE and self.report_ids:
            data["report_id"] = self.report_ids[0]  # as read by earlier versions
        return data

    @classmethod
    def from_row(cls, purpose: str, data: dict[str, Any] | None) -> About:
        """Read a stored row, including those written before this record existed."""
        data = data or {}
        report_ids = [int(r) for r in data.get("report_ids") or ()]
        if not report_ids and data.get("report_id"):
            report_ids = [int(data["report_id"])]
        return cls(
            purpose=purpose,
            period_id=_int(data.get("period_id")),
            agency_id=_int(data.get("agency_id")),
            task_ids=tuple(int(t) for t in data.get("task_ids") or ()),
            refs=tuple(str(r) for r in data.get("refs") or ()),
            report_ids=tuple(report_ids),
            # reminders have always numbered their lines in task_ids order
            numbered=bool(data.get("numbered", purpose == REMINDER)),
            answers=_int(data.get("answers")),
            source_update=_int(data.get("source_update")),
            closed=bool(data.get("closed", False)),
            indicator_ids=tuple(int(i) for i in data.get("indicator_ids") or ()),
        )


def reminder_about(
    period_id: int | None, agency_id: int | None, lines: Sequence[tuple[int, str]]
) -> About:
    """A reminder: its numbered lines, each a (task id, ref) in the order shown."""
    return About(
        REMINDER,
        period_id=period_id,
        agency_id=agency_id,
        task_ids=tuple(t for t, _ in lines),
        refs=tuple(r for _, r in lines),
        numbered=True,
    )


@dataclass(frozen=True)
class Context:
    """The bot message a reply refers to, as found in the database."""

    about: About
    chat_id: int
    message_id: int
    created_at: datetime
    replied: bool  # the officer used Telegram's "reply" on it (else: the chat's latest, recent)


@dataclass(frozen=True)
class Pending:
    """A question waiting for a button: what was understood, and whose it is."""

    member_id: int
    reason: str  # which_task | unknown_task | which_status | line_or_task | keep_or_change
    items: dict[int, int]  # task id → period id the officer may pick
    status: str | None = None
    percent: int | None = None
    note: str = ""
    task_id: int | None = None  # which_status / keep_or_change: the one task
    keep: str | None = None  # keep_or_change: the status recorded now
    choices: tuple[str, ...] = field(default_factory=tuple)  # statuses offered as "change"

    def to_json(self) -> dict[str, Any]:
        return {
            "member_id": self.member_id,
            "reason": self.reason,
            "items": {str(k): v for k, v in self.items.items()},
            "status": self.status,
            "percent": self.percent,
            "note": self.note,
            "task_id": self.task_id,
            "keep": self.keep,
            "choices": list(self.choices),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Pending:
        return cls(
            member_id=int(data.get("member_id") or 0),
            reason=str(data.get("reason") or "which_task"),
            items={int(k): int(v) for k, v in (data.get("items") or {}).items()},
            status=data.get("status"),
            percent=_int(data.get("percent")),
            note=str(data.get("note") or ""),
            task_id=_int(data.get("task_id")),
            keep=data.get("keep"),
            choices=tuple(data.get("choices") or ()),
        )


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, int | str) and str(value).lstrip("-").isdigit() else None
