"""What every handler needs, built once at start and kept in `application.bot_data`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from telegram.ext import ContextTypes

from bot.settings import Settings
from bot.texts import Texts
from storage.db import Database

Clock = Callable[[], datetime]


def real_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """Settings, database, texts and clock for the running bot."""

    settings: Settings
    db: Database
    texts: Texts
    clock: Clock = real_clock
    admin_ids: frozenset[int] = frozenset()
    extras: dict[str, Any] = field(default_factory=dict)
    unavailable_updates: set[int] = field(default_factory=set)
    told_unavailable: set[int] = field(default_factory=set)

    def now(self) -> datetime:
        return self.clock()


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return cast(Services, context.bot_data["services"])
