"""The outbox's side of sending: what a sender implements and the errors it raises, so the
outbox knows whether a failed send may be tried again."""

from __future__ import annotations

from typing import Protocol

from reminders.views import View


class DeliveryError(Exception):
    """Sending failed."""


class Unreachable(DeliveryError):
    """The user blocked the bot, deleted the account, or the bot was removed from the chat."""


class TryLater(DeliveryError):
    """Nothing was delivered (network down, 5xx, rate limit): try again after `retry_after`."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class Uncertain(DeliveryError):
    """The request may have reached Telegram (it timed out after being sent): sending it again
    could make a duplicate, so it is never resent; the admins are told instead."""


class Rejected(DeliveryError):
    """Telegram refused this message as it is (e.g. too long): the same request would be
    refused again, so it is not retried."""


class Sender(Protocol):
    """Sends a rendered view to a chat and returns the message id."""

    async def send(self, chat_id: int, view: View) -> int: ...
