"""What the dispatcher hands to whoever sends messages: views to render and errors to raise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol


@dataclass(frozen=True)
class TaskLine:
    task_id: int
    ref: str
    title: str
    role: str = "lead"
    deadline: date | None = None


@dataclass(frozen=True)
class ReminderView:
    """An agency's missing reports for one period, for one officer."""

    kind: str  # before | due | overdue | adhoc
    days: int  # working days before/after the deadline
    plan_number: str
    agency_name: str
    period_id: int
    period_label: str
    deadline: date
    tasks: tuple[TaskLine, ...]
    adhoc_note: str = ""


@dataclass(frozen=True)
class LateAgency:
    agency_name: str
    missing: int
    officers: int


@dataclass(frozen=True)
class EscalationView:
    """For coordinators: agencies still late after the grace days."""

    plan_number: str
    period_label: str
    deadline: date
    late: tuple[LateAgency, ...]


@dataclass(frozen=True)
class UnreachableView:
    """For coordinators: a member who blocked the bot or left Telegram."""

    member_name: str
    agency_name: str


@dataclass(frozen=True)
class DigestView:
    """For coordinators, weekly: what changed, who is late, new blockers."""

    plan_number: str
    period_label: str
    deadline: date
    new_reports: int
    done: int
    late: tuple[str, ...]
    blockers: tuple[tuple[str, str, str], ...]  # agency, task ref, note


View = ReminderView | EscalationView | UnreachableView | DigestView


class DeliveryError(Exception):
    """Sending failed."""


class Unreachable(DeliveryError):
    """The user blocked the bot, deleted the account, or the bot was removed from the chat."""


class TryLater(DeliveryError):
    """A temporary failure (network, 5xx, rate limit): try again after `retry_after` seconds."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class Sender(Protocol):
    """Sends a rendered view to a chat and returns the message id."""

    async def send(self, chat_id: int, view: View) -> int: ...
