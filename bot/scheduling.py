"""The reminder tick: APScheduler runs the dispatcher every DONDOC_TICK_SECONDS."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from telegram import Bot

from bot.context import Services
from bot.telegram_sender import TelegramSender
from reminders.dispatcher import Dispatcher, TickReport

log = logging.getLogger("dondoc.scheduler")


def build_dispatcher(bot: Bot, svc: Services) -> Dispatcher:
    settings = svc.settings
    return Dispatcher(
        svc.db,
        TelegramSender(bot, svc.texts),
        clock=svc.now,
        calendar_settings=settings.calendar_settings,
        digest=settings.digest,
        # an instance is alive while it ticks; three missed ticks (at least 30 s) and its
        # claimed reminders are reported uncertain
        dead_after=timedelta(seconds=max(30, 3 * settings.tick_seconds)),
        # a little under the bot's send rate, so the rate limiter has no queue to build
        rate=max(1.0, settings.send_rate * 0.98),
    )


async def safe_tick(dispatcher: Dispatcher) -> TickReport | None:
    """One tick; an error is logged and the next tick tries again (the loop never dies)."""
    try:
        report = await dispatcher.tick()
    except asyncio.CancelledError:  # shutting down in the middle of a tick
        log.info("reminder tick cancelled by shutdown")
        return None
    except Exception:
        log.exception("reminder tick failed; will retry at the next tick")
        return None
    if report.planned or report.sent or report.failed or report.retried:
        log.info("reminder tick: %s", report)
    return report


def start_scheduler(
    dispatcher: Dispatcher, svc: Services, *, first_tick_in: timedelta = timedelta(0)
) -> AsyncIOScheduler:
    """Ticks every interval, the first after `first_tick_in`; a late tick still runs (no
    misfire grace limit), coalesced."""
    scheduler = AsyncIOScheduler(timezone=svc.settings.tz)
    scheduler.add_job(
        safe_tick,
        "interval",
        args=[dispatcher],
        seconds=svc.settings.tick_seconds,
        next_run_time=datetime.now(svc.settings.tz) + first_tick_in,
        misfire_grace_time=None,
        coalesce=True,
        max_instances=1,
        id="reminders",
    )
    scheduler.start()
    return scheduler
