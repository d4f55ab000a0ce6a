"""Operations: `dondoc check` and `dondoc db upgrade`."""

from __future__ import annotations

import argparse
import contextlib
from datetime import UTC, date, datetime
from typing import Any

from bot.cli.common import (
    CliError,
    missing_database,
    open_database,
    remember_bot_username,
    say,
    texts_for,
    with_database,
)
from bot.settings import Settings, SettingsError
from storage.db import Database
from storage.models import BotState


async def cmd_check(settings: Settings, args: argparse.Namespace) -> None:
    """Settings, database, migrations, token and scheduler: one line each; non-zero if any fails."""

    from sqlalchemy import text
    from telegram import Bot
    from telegram.error import TelegramError

    from reminders.outbox import outbox_health

    texts = texts_for(settings)
    problems = 0

    def report(ok: bool, what: str, detail: str) -> None:
        nonlocal problems
        problems += 0 if ok else 1
        key = "cli.check.ok" if ok else "cli.check.fail"
        print(say(texts, key, what=texts.plain(f"cli.check.{what}"), detail=detail))

    def error(exc: Exception) -> str:
        return f"{type(exc).__name__}: {exc}"[:300]

    upgrade = say(texts, "cli.check.run_upgrade")
    report(
        True,
        "settings",
        say(
            texts,
            "cli.check.settings_detail",
            driver=settings.database_url.split("://")[0],
            tz=settings.timezone,
        ),
    )
    try:
        from plans import admin_units

        report(
            True,
            "admin_units",
            say(
                texts,
                "cli.check.admin_units_detail",
                package=admin_units.PACKAGE,
                version=admin_units.data_version(),
                count=len(admin_units.province_names()),
            ),
        )
    except Exception as exc:  # the package missing or its data unreadable
        report(False, "admin_units", error(exc))
    missing = missing_database(settings)
    db = open_database(settings, create=False)
    try:
        try:
            if missing is not None:  # not created here: a check changes nothing
                raise FileNotFoundError(missing)
            async with db.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            report(True, "database", say(texts, "cli.check.reachable"))
            current, head = await db.migration_state()
            report(
                current == head,
                "migrations",
                say(texts, "cli.check.revision", current=current, head=head)
                + ("" if current == head else upgrade),
            )
            if current == head:
                now = datetime.now(UTC)
                async with db.transaction() as session:
                    state = await session.get(BotState, "planner")
                    health = await outbox_health(session, now)
                last = state.value.get("day") if state else None
                report(
                    not health.late,
                    "scheduler",
                    say(
                        texts,
                        "cli.check.scheduler_detail",
                        last=planned_day(last) if last else texts.plain("cli.check.never"),
                        late=health.late,
                        failed=health.failed,
                    ),
                )
                report(
                    True,
                    "reminders",
                    say(
                        texts,
                        "cli.check.reminders_detail",
                        uncertain=health.uncertain,
                        in_flight=health.in_flight,
                    ),
                )
        except FileNotFoundError as exc:
            report(False, "database", str(exc))
            report(False, "migrations", say(texts, "cli.check.not_applied") + upgrade)
        except Exception as exc:  # any failure to reach the database is the answer here
            report(False, "database", error(exc))
    finally:
        await db.dispose()
    try:
        async with Bot(settings.token(), base_url=settings.api_url) as bot:
            report(True, "telegram", say(texts, "cli.check.token_valid", username=bot.username))
            username = bot.username
        await remember_quietly(settings, username)
    except SettingsError as exc:
        report(False, "telegram", str(exc))
    except TelegramError as exc:
        report(False, "telegram", f"{type(exc).__name__}: {exc}")
    if problems:
        raise CliError(say(texts, "cli.check.problems", count=problems))


def planned_day(day: object) -> str:
    """The planner's last day (kept as an ISO date) as dd/mm/yyyy."""
    try:
        return f"{date.fromisoformat(str(day)):%d/%m/%Y}"
    except ValueError:
        return str(day)


async def remember_quietly(settings: Settings, username: str) -> None:
    """Keep the bot's @username for links printed before the bot runs (best effort: a
    database not yet upgraded is reported above already; a missing one is not created)."""
    if missing_database(settings) is not None:
        return
    db = open_database(settings, create=False)
    try:
        with contextlib.suppress(Exception):
            await remember_bot_username(db, username)
    finally:
        await db.dispose()


async def cmd_db_upgrade(settings: Settings, args: argparse.Namespace) -> None:
    async def work(db: Database) -> None:
        current, head = await db.migration_state()
        print(say(texts_for(settings), "cli.db.revision", current=current, head=head))

    await with_database(settings, work, create=True)


def register(sub: Any) -> None:
    sub.add_parser(
        "check", help="check settings, database, migrations, token and scheduler"
    ).set_defaults(handler=cmd_check)
    db = sub.add_parser("db", help="database maintenance").add_subparsers(dest="db_command")
    db.add_parser("upgrade", help="apply pending migrations").set_defaults(handler=cmd_db_upgrade)
