"""A reminder worker in its own process, at a fixed time: the dispatcher of a real instance,
for tests that kill it with SIGKILL in the middle of a fan-out."""

from __future__ import annotations

import argparse
import asyncio
from datetime import datetime

from telegram import Bot

from bot.context import Services
from bot.scheduling import build_dispatcher
from bot.settings import Settings
from storage.db import Database
from texts import Texts


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db-url", required=True)
    parser.add_argument("--schema")
    parser.add_argument("--api", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--now", required=True)
    args = parser.parse_args()
    now = datetime.fromisoformat(args.now)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, TELEGRAM_BOT_TOKEN=args.token, TELEGRAM_API_BASE_URL=args.api
    )
    db = Database(args.db_url, schema=args.schema)
    async with Bot(args.token, base_url=settings.api_url) as bot:
        svc = Services(settings, db, Texts("vi"), clock=lambda: now)
        dispatcher = build_dispatcher(bot, svc)
        while True:  # the test kills or stops this process
            await dispatcher.tick()
            await asyncio.sleep(0.2)


if __name__ == "__main__":
    asyncio.run(main())
