"""The bot's overall send budget: Telegram allows one bot about 30 messages a second, whatever
the number of processes sending for it. One process paces itself (`LocalBudget`); instances
sharing PostgreSQL share one budget (`SharedBudget`): every send takes the next slot of one
row, on the database's clock, so together they never send faster than one instance would."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from typing import Protocol

from sqlalchemy import text

from storage.db import Database

log = logging.getLogger("dondoc.budget")

OVERALL_RATE = 28.0  # a second, for the whole bot (Telegram: about 30; a margin for jitter)


class SendBudget(Protocol):
    """`take()` returns once a send may go."""

    async def take(self) -> None: ...


class Spacing:
    """This process's sends at least `interval` apart as they actually go: senders whose slots
    came due while the process was busy (a loaded machine wakes sleepers late) would otherwise
    all go at once, a burst over Telegram's limit."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._last = -interval

    async def keep(self) -> None:
        while (wait := self._last + self.interval - time.monotonic()) > 0:
            await asyncio.sleep(wait)
        self._last = time.monotonic()


class Window:
    """At most `count` of this process's sends in any second, as they actually go: senders
    whose slots came due while the process was busy would otherwise all go at once. Unlike
    `Spacing`, a late sender does not delay the next slot (the pace keeps its rate)."""

    def __init__(self, count: int) -> None:
        self.sent: deque[float] = deque(maxlen=max(1, count))

    async def keep(self) -> None:
        while (
            len(self.sent) == self.sent.maxlen
            and (wait := self.sent[0] + 1.0 - time.monotonic()) > 0
        ):
            await asyncio.sleep(wait)
        self.sent.append(time.monotonic())


class LocalBudget:
    """Slots spaced evenly at `rate` a second for this process, first come first served."""

    def __init__(self, rate: float = OVERALL_RATE) -> None:
        self.interval = 1.0 / rate
        self._next = 0.0
        self.spacing = Window(int(rate))

    async def take(self) -> None:
        now = time.monotonic()
        slot = max(now, self._next)
        self._next = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)
        await self.spacing.keep()


# the slot is taken in one statement (the row lock orders the instances); how long to wait
# for it comes back in seconds of the database's clock, so the instances' clocks never matter
_TAKE = text(
    "UPDATE send_budget SET next_at = GREATEST(next_at, EXTRACT(EPOCH FROM clock_timestamp()))"
    " + :interval WHERE key = :key"
    " RETURNING next_at - :interval - EXTRACT(EPOCH FROM clock_timestamp())"
)
_CREATE = text("INSERT INTO send_budget (key, next_at) VALUES (:key, 0) ON CONFLICT DO NOTHING")
# losing the last slots in a crash costs nothing: no need to wait for the disk
_NO_FLUSH = text("SET LOCAL synchronous_commit TO OFF")


class SharedBudget:
    """One budget for every instance on this PostgreSQL database (see the module's docstring).
    When the database does not answer, this process paces itself (at its share: half the
    rate), so that a reply telling a user the database is down still goes out."""

    def __init__(self, db: Database, rate: float = OVERALL_RATE, key: str = "bot") -> None:
        self.db = db
        self.interval = 1.0 / rate
        self.key = key
        self.fallback = LocalBudget(rate / 2)
        self.spacing = Spacing(self.interval)

    async def take(self) -> None:
        try:
            wait = await self._slot()
        except Exception as exc:  # the database is down or busy: pace alone meanwhile
            log.warning("shared send budget unavailable (%s): pacing this instance alone", exc)
            await self.fallback.take()
            return
        if wait > 0:
            await asyncio.sleep(wait)
        await self.spacing.keep()

    async def _slot(self) -> float:
        params = {"interval": self.interval, "key": self.key}
        async with self.db.engine.connect() as conn:
            await conn.execute(_NO_FLUSH)
            wait = await conn.scalar(_TAKE, params)
            if wait is None:  # the first send ever: the row is made once
                await conn.execute(_CREATE, {"key": self.key})
                wait = await conn.scalar(_TAKE, params)
            await conn.commit()
        return float(wait or 0.0)


def send_budget_for(db: Database, rate: float = OVERALL_RATE) -> SendBudget:
    """The budget the bot's instances share: through the database on PostgreSQL (where several
    instances may run), this process's own on SQLite (one instance)."""
    if db.url.startswith("postgresql"):
        return SharedBudget(db, rate)
    return LocalBudget(rate)
