"""What every `dondoc` command shares: the one-line error, the database, the bot's @username."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from typing import Any

from bot.app import remember_bot_username
from bot.settings import Settings
from storage.db import Database
from storage.models import BotState

Handler = Callable[[Settings, argparse.Namespace], Awaitable[None]]


class CliError(Exception):
    """A problem to report to the person at the terminal in one line."""


def open_database(settings: Settings) -> Database:
    path = settings.sqlite_path()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    return Database(settings.database_url, schema=settings.database_schema)


async def with_database(settings: Settings, work: Callable[[Database], Awaitable[Any]]) -> Any:
    db = open_database(settings)
    try:
        await db.upgrade()
        return await work(db)
    finally:
        await db.dispose()


def agency_hint(suggestions: list[str] | tuple[str, ...]) -> str:
    """ "; did you mean: A, B?" after an unknown agency, or nothing."""
    return f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""


async def bot_username(db: Database, settings: Settings) -> str:
    """The bot's @username: remembered from the last run, else asked of the Bot API."""
    async with db.transaction() as session:
        state = await session.get(BotState, "bot")
    if state is not None and state.value.get("username"):
        return str(state.value["username"])
    from telegram import Bot

    async with Bot(settings.token(), base_url=settings.api_url) as bot:
        username = bot.username
    await remember_bot_username(db, username)
    return username
