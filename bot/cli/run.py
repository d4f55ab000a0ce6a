"""`dondoc run` (the bot: long polling or webhook) and `dondoc demo`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from typing import Any

from telegram.error import InvalidToken, NetworkError

from bot.app import build_application
from bot.cli.common import CliError, make_services, open_database, remember_bot_username
from bot.demo import add_demo_parser, run_demo
from bot.runner import poll, start_application, stop_application
from bot.scheduling import build_dispatcher, start_scheduler
from bot.settings import Settings

log = logging.getLogger("dondoc")


async def run_bot(settings: Settings, args: argparse.Namespace) -> None:
    settings.token()
    if args.webhook:
        settings.webhook()
    db = open_database(settings)
    await db.upgrade()
    svc = make_services(settings, db)
    application = build_application(svc)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        try:
            await start_application(application, svc)
        except InvalidToken as exc:
            raise CliError("TELEGRAM_BOT_TOKEN was rejected by Telegram: check the token") from exc
        except NetworkError as exc:
            raise CliError(
                f"cannot reach the Bot API at {settings.telegram_api_base_url} ({exc}); check "
                "TELEGRAM_API_BASE_URL and the network"
            ) from exc
        await remember_bot_username(db, application.bot.username)
        dispatcher = build_dispatcher(application.bot, svc)
        svc.extras["dispatcher"] = dispatcher
        scheduler = start_scheduler(dispatcher, svc)
        log.info("dondoc is running as @%s (Ctrl-C to stop)", application.bot.username)
        try:
            if args.webhook:
                from bot.webhook import serve_webhook

                await serve_webhook(application, svc, stop)
            else:
                await poll(application, svc, stop)
        finally:
            scheduler.shutdown(wait=False)
    finally:
        await stop_application(application)
        await db.dispose()


def register(sub: Any) -> None:
    run = sub.add_parser("run", help="run the bot (long polling, or --webhook)")
    run.add_argument(
        "--webhook", action="store_true", help="receive updates by webhook (DONDOC_WEBHOOK_*)"
    )
    run.set_defaults(handler=run_bot)


def register_demo(sub: Any) -> None:
    add_demo_parser(sub)
    sub.choices["demo"].set_defaults(handler=run_demo)
