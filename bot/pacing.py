"""The pace of the bot's sending, under Telegram's limits, so that one chat never slows the others.

Every message sent to a chat waits first for that chat's turn (a private chat: a burst of 3,
then one a second; a group: one every 3 s, 20 a minute), then (like every other request to a
chat: an edit, a deletion) for a slot of the bot's overall
budget (28 a second; `runtime.budget`: this process's own, or one shared through PostgreSQL by
every instance of the bot). A flood wait (429) Telegram answers for one chat holds that chat
only: the others keep their pace. Requests without a chat (getUpdates, answering a button)
are not paced."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from runtime.budget import LocalBudget, SendBudget

log = logging.getLogger("dondoc.pacing")

CHAT_RATE = 1.0  # a second, in one private chat (Telegram: "avoid more than one a second")
CHAT_BURST = 3  # short bursts allowed
GROUP_INTERVAL = 3.0  # seconds between two messages in a group (Telegram: 20 a minute)
MAX_BUCKETS = 2000  # idle chats forgotten beyond this


class ChatPace:
    """One chat's turns, in order of asking: at most `burst` messages in any `burst / rate`
    seconds, counted from when each request came back (so however late a request reached
    Telegram, the next ones are spaced from its arrival), and a hold after a flood wait."""

    def __init__(self, rate: float, burst: int) -> None:
        self.burst = burst
        self.window = burst / rate
        self.sent: deque[float] = deque(maxlen=burst)
        self.hold_until = 0.0
        self.lock = asyncio.Lock()

    def _wait(self, now: float) -> float:
        wait = self.hold_until - now
        if len(self.sent) >= self.burst:
            wait = max(wait, self.sent[0] + self.window - now)
        return wait

    @contextlib.asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        async with self.lock:
            while (wait := self._wait(time.monotonic())) > 0:
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                self.sent.append(time.monotonic())

    def hold(self, seconds: float) -> None:
        self.hold_until = max(self.hold_until, time.monotonic() + seconds)

    @property
    def idle(self) -> bool:
        return not self.lock.locked() and self._wait(time.monotonic()) <= 0


class Pacing(BaseRateLimiter[int]):
    """PTB's rate limiter for dondoc (see the module's docstring)."""

    def __init__(
        self,
        budget: SendBudget | None = None,
        *,
        chat_rate: float = CHAT_RATE,
        chat_burst: int = CHAT_BURST,
        group_interval: float = GROUP_INTERVAL,
        max_retries: int = 5,
    ) -> None:
        self.budget = budget or LocalBudget()
        self.chat_rate, self.chat_burst = chat_rate, chat_burst
        self.group_interval = group_interval
        self.max_retries = max_retries
        self.chats: dict[int | str, ChatPace] = {}
        self.held = 0  # flood waits answered (each held one chat only)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    def pace_of(self, chat_id: int | str) -> ChatPace | None:
        """The chat's pace (None: this chat is not paced, e.g. chat_rate 0)."""
        group = isinstance(chat_id, str) or chat_id < 0
        if not group and self.chat_rate <= 0:
            return None
        pace = self.chats.get(chat_id)
        if pace is None:
            if len(self.chats) >= MAX_BUCKETS:
                for key in [k for k, p in self.chats.items() if p.idle]:
                    del self.chats[key]
            pace = (
                ChatPace(1 / self.group_interval, 1)
                if group
                else ChatPace(self.chat_rate, self.chat_burst)
            )
            self.chats[chat_id] = pace
        return pace

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        chat_id = data.get("chat_id")
        if chat_id is None:
            return await callback(*args, **kwargs)
        if not isinstance(chat_id, int):
            try:
                chat_id = int(chat_id)
            except (TypeError, ValueError):
                chat_id = str(chat_id)
        # a chat's pace counts the messages sent to it; edits and deletions take only a slot
        # of the overall budget
        pace = self.pace_of(chat_id) if endpoint.startswith("send") else None
        retries = rate_limit_args if rate_limit_args is not None else self.max_retries
        attempt = 0
        while True:
            try:
                async with pace.turn() if pace is not None else contextlib.nullcontext():
                    await self.budget.take()
                    return await callback(*args, **kwargs)
            except RetryAfter as exc:
                attempt += 1
                if attempt > retries:
                    raise
                wait = exc.retry_after
                seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
                self.held += 1
                log.info("%s to %s: flood wait of %.0fs for this chat", endpoint, chat_id, seconds)
                if pace is not None:
                    pace.hold(seconds + 0.1)
                else:
                    await asyncio.sleep(seconds + 0.1)
