"""Runs the bot: long polling that confirms an update only after it was handled, exactly once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from enum import Enum

from sqlalchemy import select
from sqlalchemy import update as sql_update
from telegram import Update
from telegram.error import InvalidToken, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application

from access.members import ensure_admins
from bot.commands import register_default_commands, register_member_commands
from bot.context import Services
from domain.status import Role
from storage.errors import is_unavailable
from storage.models import Member, ProcessedUpdate
from storage.upsert import insert_ignore

log = logging.getLogger("dondoc.runner")


class Claim(Enum):
    MINE = "mine"  # handle it now
    DONE = "done"  # handled before: skip
    BUSY = "busy"  # another instance is handling it: try again later


async def claim_update(svc: Services, update_id: int, takeover_after: timedelta) -> Claim:
    """Claim an update before handling it. A claim older than `takeover_after` whose holder
    never finished (it crashed) is taken over."""
    now = svc.now()
    async with svc.db.transaction() as session:
        values = {"update_id": update_id, "processed_at": now, "done": False}
        if await insert_ignore(session, ProcessedUpdate, values, ["update_id"]):
            return Claim.MINE
        row = await session.get(ProcessedUpdate, update_id, with_for_update=True)
        if row is None or row.done:
            return Claim.DONE
        if now - row.processed_at >= takeover_after:
            row.processed_at = now
            return Claim.MINE
        return Claim.BUSY


async def finish_update(svc: Services, update_id: int) -> None:
    async with svc.db.transaction() as session:
        await session.execute(
            sql_update(ProcessedUpdate)
            .where(ProcessedUpdate.update_id == update_id)
            .values(done=True, processed_at=svc.now())
        )


async def handle_once(
    application: Application,  # type: ignore[type-arg]
    svc: Services,
    update: Update,
    *,
    takeover_after: timedelta = timedelta(0),
) -> bool:
    """Handle an update unless it was handled before. False: it could not be handled now (the
    database is down, or another instance holds it); it must be offered again later."""
    try:
        claim = await claim_update(svc, update.update_id, takeover_after)
        if claim is Claim.DONE:
            log.info("update %s already handled, skipped", update.update_id)
            return True
        if claim is Claim.BUSY:
            return False
        started = time.monotonic()
        await application.process_update(update)
        if update.update_id in svc.unavailable_updates:
            svc.unavailable_updates.discard(update.update_id)
            return False
        await finish_update(svc, update.update_id)
        log.info(
            "update handled",
            extra=update_fields(update) | {"ms": round((time.monotonic() - started) * 1000)},
        )
    except Exception as exc:
        if is_unavailable(exc):
            log.warning("database unavailable; update %s will be retried", update.update_id)
            await tell_unavailable(application, svc, update)
            return False
        raise
    return True


async def tell_unavailable(application: Application, svc: Services, update: Update) -> None:  # type: ignore[type-arg]
    """Tell the sender, once per update, that their message waits for the database."""
    chat = update.effective_chat
    if chat is None or chat.type != "private" or update.update_id in svc.told_unavailable:
        return
    svc.told_unavailable.add(update.update_id)
    with contextlib.suppress(TelegramError):
        await application.bot.send_message(chat.id, svc.texts("error.unavailable"))


def update_fields(update: Update) -> dict[str, object]:
    """What a log line says about an update: its id, kind and user."""
    user = update.effective_user
    kind = next(
        (name for name in ("message", "callback_query", "edited_message", "channel_post")
         if getattr(update, name, None) is not None),
        "other",
    )  # fmt: skip
    return {"update_id": update.update_id, "kind": kind, "user": user.id if user else None}


async def start_application(application: Application, svc: Services) -> None:  # type: ignore[type-arg]
    await application.initialize()
    await register_default_commands(application.bot, svc.texts)
    async with svc.db.transaction() as session:
        await ensure_admins(session, svc.admin_ids)  # their menu is right from the start
        staff = list(
            (await session.scalars(select(Member).where(Member.role != Role.OFFICER.value))).all()
        )
    await register_member_commands(application.bot, svc.texts, staff)
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
