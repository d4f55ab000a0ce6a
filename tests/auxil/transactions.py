"""Which of the bot's database transactions were held while it waited on Telegram."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event

from storage.db import Database


class OpenTransactions:
    """Records when each of the bot's database transactions that did some of the bot's work
    began and ended (engine events): the send pace's own one-statement slot (shared by
    instances on PostgreSQL, runtime/budget.py) holds nothing of a handler's."""

    def __init__(self, db: Database) -> None:
        self.began: dict[int, float] = {}  # connection -> when its open transaction began
        self.spans: list[tuple[float, float]] = []
        engine = db.engine.sync_engine
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._end)
        event.listen(engine, "rollback", self._end)

    def held_across(self, calls: list[tuple[float, float]]) -> list[tuple[float, float]]:
        """The slowed-down Telegram calls (start, end) during which one transaction stayed open
        from before the call began until after it ended: what a handler that talks to Telegram
        inside its transaction does. Other work merely overlapping a call is not counted."""
        now = time.monotonic()
        spans = self.spans + [(began, now) for began in self.began.values()]
        return [c for c in calls if any(b <= c[0] and c[1] <= e for b, e in spans)]

    def _statement(self, connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if connection.in_transaction() and "send_budget" not in statement:
            self.began.setdefault(id(connection), time.monotonic())

    def _end(self, connection: Any) -> None:
        began = self.began.pop(id(connection), None)
        if began is not None:
            self.spans.append((began, time.monotonic()))
