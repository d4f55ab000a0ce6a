"""Operations: `dondoc check` and `dondoc db upgrade`."""

from __future__ import annotations

import argparse
import contextlib
from datetime import UTC, datetime
from typing import Any

from bot.cli.common import (
    CliError,
    missing_database,
    open_database,
    remember_bot_username,
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

    problems = 0

    def report(ok: bool, what: str, detail: str) -> None:
        nonlocal problems
        problems += 0 if ok else 1
        print(f"{'ok  ' if ok else 'FAIL'} {what}: {detail}")

    report(
        True,
        "settings",
        f"database {settings.database_url.split('://')[0]}, tz {settings.timezone}",
    )
    try:
        from plans import admin_units

        report(
            True,
            "admin units",
            f"{admin_units.PACKAGE} {admin_units.data_version()}: "
            f"{len(admin_units.province_names())} provinces, data from the GSO catalogue",
        )
    except Exception as exc:  # the package missing or its data unreadable
        report(False, "admin units", f"{type(exc).__name__}: {exc}"[:300])
    missing = missing_database(settings)
    db = open_database(settings, create=False)
    try:
        try:
            if missing is not None:  # not created here: a check changes nothing
                raise FileNotFoundError(missing)
            async with db.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            report(True, "database", "reachable")
            current, head = await db.migration_state()
            report(
                current == head,
                "migrations",
                f"at {current}, head {head}"
                + ("" if current == head else " (run `dondoc db upgrade`)"),
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
                    f"last planned {last or 'never'}, {health.late} reminders overdue by >1h, "
                    f"{health.failed} failed in 7 days",
                )
                report(
                    True,
                    "reminders",
                    f"{health.uncertain} uncertain (may have been delivered: not resent, "
                    f"admins told), {health.in_flight} being sent",
                )
        except FileNotFoundError as exc:
            report(False, "database", str(exc))
            report(False, "migrations", "not applied (run `dondoc db upgrade`)")
        except Exception as exc:  # any failure to reach the database is the answer here
            report(False, "database", f"{type(exc).__name__}: {exc}"[:300])
    finally:
        await db.dispose()
    try:
        async with Bot(settings.token(), base_url=settings.api_url) as bot:
            report(True, "telegram", f"token valid, bot @{bot.username}")
            username = bot.username
        await remember_quietly(settings, username)
    except SettingsError as exc:
        report(False, "telegram", str(exc))
    except TelegramError as exc:
        report(False, "telegram", f"{type(exc).__name__}: {exc}")
    if problems:
        raise CliError(f"{problems} problem(s) found")


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
        print(f"database at revision {current} (head {head})")

    await with_database(settings, work, create=True)


def register(sub: Any) -> None:
    sub.add_parser(
        "check", help="check settings, database, migrations, token and scheduler"
    ).set_defaults(handler=cmd_check)
    db = sub.add_parser("db", help="database maintenance").add_subparsers(dest="db_command")
    db.add_parser("upgrade", help="apply pending migrations").set_defaults(handler=cmd_db_upgrade)
