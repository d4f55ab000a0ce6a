"""Runs the bot: long polling that confirms an update only after it was handled, exactly once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.error import InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from bot.commands import register_default_commands
from bot.context import Services
from storage.errors import is_unavailable
from storage.models import ProcessedUpdate
from storage.upsert import insert_ignore

log = logging.getLogger("dondoc.runner")


async def already_processed(svc: Services, update_id: int) -> bool:
    async with svc.db.transaction() as session:
        return await session.get(ProcessedUpdate, update_id) is not None


async def mark_processed(svc: Services, update_id: int) -> None:
    """Remember the update (a handler may have done so in its own transaction already)."""
    async with svc.db.transaction() as session:
        await insert_ignore(
            session,
            ProcessedUpdate,
            {"update_id": update_id, "processed_at": svc.now()},
            ["update_id"],
        )


async def handle_once(application: Application, svc: Services, update: Update) -> bool:  # type: ignore[type-arg]
    """Process an update unless it was processed before. False: the database is down, so the
    update must not be confirmed and will be tried again."""
    try:
        if await already_processed(svc, update.update_id):
            log.info("update %s already processed, skipped", update.update_id)
            return True
        await application.process_update(update)
        await mark_processed(svc, update.update_id)
    except Exception as exc:
        if is_unavailable(exc):
            log.warning("database unavailable; update %s will be retried", update.update_id)
            return False
        raise
    return True


async def start_application(application: Application, svc: Services) -> None:  # type: ignore[type-arg]
    await application.initialize()
    await register_default_commands(application.bot, svc.texts)
    await application.start()


async def stop_application(application: Application) -> None:  # type: ignore[type-arg]
    if application.running:
        await application.stop()
    await application.shutdown()


async def poll(
    application: Application,  # type: ignore[type-arg]
    svc: Services,
    stop: asyncio.Event,
    *,
    on_idle: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """Fetch updates and handle each once; the offset moves past an update only after it was
    handled, so a crash (even kill -9) loses nothing and a redelivery is skipped."""
    bot = application.bot
    await bot.delete_webhook(drop_pending_updates=False)
    offset: int | None = None
    backoff = 1.0
    while not stop.is_set():
        fetch = asyncio.ensure_future(
            bot.get_updates(
                offset=offset,
                timeout=svc.settings.poll_timeout,
                allowed_updates=Update.ALL_TYPES,
            )
        )
        stopping = asyncio.ensure_future(stop.wait())
        await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if stop.is_set():
            fetch.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await fetch
            break
        try:
            updates = fetch.result()
        except InvalidToken:
            raise
        except RetryAfter as exc:
            await asyncio.sleep(float(exc.retry_after if isinstance(exc.retry_after, int) else 5))
            continue
        except (NetworkError, TimedOut) as exc:
            log.warning("getUpdates failed (%s); retrying in %.0fs", exc, backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 60)
            continue
        backoff = 1.0
        for update in updates:
            if not await handle_once(application, svc, update):
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30)
                break
            offset = update.update_id + 1
        if on_idle is not None and not updates:
            await on_idle()
