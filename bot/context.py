"""What every handler needs, built once at start: `Services` (defined in `runtime.services`,
below `bot/` and `web/`), reached through the typed `BotContext` (`context.services`,
`context.texts`) that PTB hands to each handler."""

from __future__ import annotations

from typing import Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from runtime.services import Clock, Services, real_clock, working_calendar
from texts import Texts

__all__ = ["BotContext", "Clock", "Services", "real_clock", "working_calendar"]


class BotData:
    """`application.bot_data`: holds the services (set by `bot.app.build_application`)."""

    services: Services


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """The context every dondoc handler receives."""

    @property
    def services(self) -> Services:
        return self.bot_data.services

    @property
    def texts(self) -> Texts:
        return self.bot_data.services.texts


CONTEXT_TYPES: ContextTypes[BotContext, dict[Any, Any], dict[Any, Any], BotData] = ContextTypes(
    context=BotContext, bot_data=BotData
)


def services(context: BotContext) -> Services:
    """Kept for code written before `BotContext`: prefer `context.services`."""
    return context.services
