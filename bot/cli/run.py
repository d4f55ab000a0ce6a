"""`dondoc run` (the bot: long polling or webhook) and `dondoc demo`."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from typing import Any

from bot.cli.common import CliError, open_database, say, texts_for
from bot.demo import add_demo_parser, run_demo
from bot.settings import Settings

log = logging.getLogger("dondoc")


async def run_bot(settings: Settings, args: argparse.Namespace) -> None:
    from telegram.error import InvalidToken, NetworkError  # here: other commands start faster

    from bot.app import Dondoc
    from runtime.services import make_services

    settings.token()
    if getattr(args, "web", False):
        settings = settings.model_copy(update={"web_enabled": True})
    if args.webhook:
        settings.webhook()
    db = open_database(settings)
    await db.upgrade()
    bot = Dondoc(make_services(settings, db))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        try:
            await bot.start()
        except InvalidToken as exc:
            raise CliError(say(texts_for(settings), "cli.run.bad_token")) from exc
        except NetworkError as exc:
            raise CliError(
                say(
                    texts_for(settings),
                    "cli.run.unreachable",
                    url=settings.telegram_api_base_url,
                    error=exc,
                )
            ) from exc
        bot.start_scheduler()
        log.info("dondoc is running as @%s (Ctrl-C to stop)", bot.application.bot.username)
        if args.webhook:
            await bot.serve_webhook(stop)
        else:
            await bot.poll(stop)
    finally:
        await bot.stop()
        await db.dispose()


def register(sub: Any) -> None:
    run = sub.add_parser("run", help="run the bot (long polling, or --webhook)")
    run.add_argument(
        "--webhook", action="store_true", help="receive updates by webhook (DONDOC_WEBHOOK_*)"
    )
    run.add_argument(
        "--web", action="store_true", help="also serve the desktop view (DONDOC_WEB_*)"
    )
    run.set_defaults(handler=run_bot)


def register_demo(sub: Any) -> None:
    add_demo_parser(sub)
    sub.choices["demo"].set_defaults(handler=run_demo)
