"""What every `dondoc` command shares: the one-line error, the database, the bot's @username."""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from bot.settings import Settings
from runtime.services import remember_bot_username
from storage.db import Database
from storage.models import BotState
from texts import Texts, plain_text

Handler = Callable[[Settings, argparse.Namespace], Awaitable[None]]


class CliError(Exception):
    """A problem to report to the person at the terminal in one line."""


def open_database(settings: Settings, *, create: bool = True) -> Database:
    path = settings.sqlite_path()
    if path is not None and create:
        path.parent.mkdir(parents=True, exist_ok=True)
    return Database(settings.database_url, schema=settings.database_schema)


def missing_database(settings: Settings) -> str | None:
    """Why there is no database to read (a SQLite file that does not exist), or None."""
    path = settings.sqlite_path()
    if path is None or path.exists():
        return None
    texts = texts_for(settings)
    relative = "" if path.is_absolute() else say(texts, "cli.db.relative", folder=Path.cwd())
    return say(
        texts, "cli.db.missing", path=path.resolve(), url=settings.database_url, relative=relative
    )


async def with_database(
    settings: Settings, work: Callable[[Database], Awaitable[Any]], *, create: bool = False
) -> Any:
    """Run `work` on the migrated database. Unless `create`, a SQLite file that does not exist
    is an error rather than a new empty database (a command run from another folder)."""
    if not create and (missing := missing_database(settings)) is not None:
        raise CliError(missing)
    db = open_database(settings, create=create)
    try:
        await db.upgrade()
        return await work(db)
    finally:
        await db.dispose()


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
    texts = texts_for(settings)
    if given:
        match = USERNAME.match(given.strip())
        if match is None:
            raise CliError(say(texts, "cli.bot_username.invalid", value=given))
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
        raise CliError(say(texts, "cli.bot_username.unknown")) from exc
    try:
        async with Bot(token, base_url=settings.api_url) as bot:
            username = bot.username
    except TelegramError as exc:
        raise CliError(
            say(texts, "cli.bot_username.unreachable", error=f"{type(exc).__name__}: {exc}")
        ) from exc
    await remember_bot_username(db, username)
    return username


def texts_for(settings: Settings) -> Texts:
    """The catalogue the terminal reads, in the deployment's language."""
    return Texts(settings.language)


def plain(text: str) -> str:
    """A catalogue entry as terminal text: no HTML tags, entities decoded."""
    return plain_text(text)


def say(texts: Texts, key: str, /, **values: object) -> str:
    """One catalogue entry, rendered for the terminal."""
    return texts.terminal(key, **values)


def print_json(value: object) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=1, default=str))


async def plan_for(session: Any, texts: Texts, wanted: str | None) -> Any:
    """The plan a command names (the only one when none is named), else a CliError that says
    plainly why: no plans yet, none by that number, or several to choose from."""
    from plans.store import find_plans

    found = await find_plans(session, wanted)
    if len(found) == 1:
        return found[0]
    if not found:
        if not wanted:
            raise CliError(say(texts, "cli.no_plans"))
        raise CliError(say(texts, "cli.unknown_plan", value=wanted))
    numbers = ", ".join(p.number for p in found)
    raise CliError(say(texts, "cli.choose_plan", plans=numbers, example=found[0].number))


def unknown_agency(texts: Texts, name: str, suggestions: list[str] | tuple[str, ...]) -> str:
    """An agency not in the directory: close names to choose from, or how to add it."""
    lines = [say(texts, "agency.unknown", name=name)]
    if suggestions:
        lines.append(say(texts, "agency.suggest", suggestions=", ".join(suggestions)))
    else:
        lines.append(say(texts, "cli.agency.add_hint"))
    return " ".join(lines)
