"""What every `dondoc` command shares: the one-line error, the database, the bot's @username."""

from __future__ import annotations

import argparse
import re
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


USERNAME = re.compile(r"^@?([A-Za-z][A-Za-z0-9_]{3,31})$")


def add_bot_username_option(parser: Any) -> None:
    parser.add_argument(
        "--bot-username",
        help="the bot's @username, for links printed before the bot has ever run "
        "(remembered afterwards)",
    )


async def bot_username(db: Database, settings: Settings, given: str | None = None) -> str:
    """The bot's @username for printed links: `given` (then remembered), else remembered from
    the last run or `dondoc check`, else asked of the Bot API; a CliError says what to do when
    none of these can answer."""
    if given:
        match = USERNAME.match(given.strip())
        if match is None:
            raise CliError(f"--bot-username: «{given}» is not a Telegram bot username")
        await remember_bot_username(db, match.group(1))
        return match.group(1)
    async with db.transaction() as session:
        state = await session.get(BotState, "bot")
    if state is not None and state.value.get("username"):
        return str(state.value["username"])
    from telegram import Bot
    from telegram.error import TelegramError

    from bot.settings import SettingsError

    try:
        token = settings.token()
    except SettingsError as exc:
        raise CliError(
            "cannot print links yet: the bot's @username is not known. Pass --bot-username "
            "<name> (the username @BotFather gave), or set TELEGRAM_BOT_TOKEN and run "
            "`dondoc check` once"
        ) from exc
    try:
        async with Bot(token, base_url=settings.api_url) as bot:
            username = bot.username
    except TelegramError as exc:
        raise CliError(
            f"cannot ask Telegram for the bot's @username ({type(exc).__name__}: {exc}); "
            "pass --bot-username <name>"
        ) from exc
    await remember_bot_username(db, username)
    return username
