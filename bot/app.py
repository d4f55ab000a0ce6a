"""The composition root: `Dondoc` assembles the services, the python-telegram-bot Application
(settings, rate limiter, handlers, typed context, error handler) and the reminder dispatcher, and
starts and stops them. `dondoc run`, `dondoc demo`, the tests' harness and the benchmarks all
build the bot through it, so wiring lives in one place."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    filters,
)

from bot.context import CONTEXT_TYPES, BotContext, Services
from bot.handlers import (
    admin,
    common,
    coordinator,
    groups,
    imports,
    officer,
    onboarding,
    targets,
    web,
)
from bot.messaging import stale_button
from bot.pacing import Pacing
from runtime.services import remember_bot_username
from runtime.work import Busy, Stopped, Work
from storage.errors import is_unavailable

if TYPE_CHECKING:
    from apscheduler.schedulers.asyncio import AsyncIOScheduler

    from reminders.dispatcher import Dispatcher

log = logging.getLogger("dondoc.bot")


class Dondoc:
    """The bot, assembled: `await start()`, then receive updates (`poll`/`serve_webhook`, or
    `start_polling()` in the background) and tick reminders (`start_scheduler()`), then
    `await stop()`."""

    def __init__(self, svc: Services) -> None:
        self.svc = svc
        self.application = build_application(svc)
        self.scheduler: AsyncIOScheduler | None = None
        self._polling: asyncio.Task[None] | None = None
        self._stop_polling = asyncio.Event()
        self.web: Any = None

    @property
    def dispatcher(self) -> Dispatcher:
        if self.svc.dispatcher is None:
            raise RuntimeError("the bot has not started")
        return self.svc.dispatcher

    async def start(self) -> None:
        """Connect to the Bot API (getMe, command menus, admins), remember the bot's @username
        and build the reminder dispatcher on the started bot."""
        from bot.runner import start_application
        from bot.scheduling import build_dispatcher

        if self.svc.work.closed:  # started again after a stop: fresh pools
            self.svc.work = Work.create()
        await start_application(self.application, self.svc)
        await remember_bot_username(self.svc.db, self.application.bot.username)
        self.svc.dispatcher = build_dispatcher(self.application.bot, self.svc)
        if self.svc.settings.web_enabled:
            from web.server import WebServer

            self.web = WebServer(self.svc)
            self.svc.web_url = await self.web.start()

    def start_scheduler(self, *, first_tick_in: timedelta = timedelta(0)) -> AsyncIOScheduler:
        """Reminder ticks every DONDOC_TICK_SECONDS, the first after `first_tick_in`."""
        from bot.scheduling import start_scheduler

        self.scheduler = start_scheduler(self.dispatcher, self.svc, first_tick_in=first_tick_in)
        return self.scheduler

    async def poll(self, stop: asyncio.Event) -> None:
        """Long polling until `stop` is set."""
        from bot.runner import poll

        await poll(self.application, self.svc, stop)

    async def serve_webhook(self, stop: asyncio.Event) -> None:
        """The webhook server until `stop` is set."""
        from bot.webhook import serve_webhook

        await serve_webhook(self.application, self.svc, stop)

    def start_polling(self) -> None:
        """Long polling in a background task (until `stop()`)."""
        self._stop_polling = asyncio.Event()
        self._polling = asyncio.create_task(self.poll(self._stop_polling))

    async def stop(self) -> None:
        """Stop ticking (a tick in hand finishes first), stop receiving, close the Application.
        The database stays open: whoever opened it closes it."""
        from bot.runner import stop_application

        # first: queued documents and files are cancelled (their users told), readers killed,
        # so nothing below waits for them
        await self.svc.work.close()
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
            await asyncio.sleep(0)  # a job just handed to the loop gets to take the lock
            lock = getattr(self.svc.dispatcher, "_lock", None)
            if isinstance(lock, asyncio.Lock):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(lock.acquire(), 10)
                    lock.release()
        self._stop_polling.set()
        if self._polling is not None:
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(self._polling, 10)
            self._polling = None
        if self.web is not None:
            await self.web.stop()
            self.web = None
        await stop_application(self.application)


def build_application(svc: Services) -> Application:  # type: ignore[type-arg]
    """The real Application, pointed at the configured Bot API server, without PTB's Updater
    (dondoc polls itself so that an update is confirmed only after it was handled)."""
    settings = svc.settings
    application = (
        ApplicationBuilder()
        .token(settings.token())
        .base_url(settings.api_url)
        .base_file_url(settings.file_url)
        .updater(None)
        .rate_limiter(Pacing(svc.send_budget, chat_rate=settings.chat_rate))
        .context_types(CONTEXT_TYPES)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                tzinfo=settings.tz,
            )
        )
        .build()
    )
    application.bot_data.services = svc
    add_handlers(application)
    application.add_error_handler(on_error)
    return application


def add_handlers(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(MessageHandler(filters.COMMAND, common.overlong_command), group=-1)
    application.add_handler(CommandHandler("start", common.start))
    application.add_handler(CommandHandler("help", common.help_command))
    application.add_handler(CommandHandler("whoami", common.whoami))
    application.add_handler(CommandHandler("invite", admin.invite))
    application.add_handler(CommandHandler("plans", admin.plans_command))
    application.add_handler(CommandHandler("agencies", admin.agencies_command))
    application.add_handler(CommandHandler("members", admin.members_command))
    application.add_handler(CommandHandler("assign", admin.assign_command))
    application.add_handler(CommandHandler("unassign", admin.unassign_command))
    application.add_handler(CommandHandler("revoke", admin.revoke_command))
    application.add_handler(CommandHandler("merge", admin.merge_command))
    application.add_handler(CommandHandler("group", groups.group_command))
    application.add_handler(CommandHandler("province", groups.province_command))
    application.add_handler(CommandHandler("dayoff", admin.dayoff_command))
    application.add_handler(CommandHandler("calendar", admin.calendar_command))
    application.add_handler(CommandHandler("workday", admin.workday_command))
    application.add_handler(CommandHandler("onboarding", onboarding.onboarding_command))
    application.add_handler(CommandHandler("web", web.web_command))
    application.add_handler(
        CallbackQueryHandler(onboarding.on_move_button, pattern=onboarding.MOVE_PATTERN)
    )
    application.add_handler(CallbackQueryHandler(imports.on_import_button, pattern=r"^im:"))
    application.add_handler(CommandHandler("tasks", officer.tasks_command))
    application.add_handler(CommandHandler("report", officer.report_command))
    application.add_handler(CommandHandler("reminders", officer.reminders_command))
    application.add_handler(CommandHandler("request", coordinator.request_command))
    application.add_handler(CommandHandler("summary", coordinator.summary_command))
    application.add_handler(CommandHandler("missing", coordinator.missing_command))
    application.add_handler(CommandHandler("blockers", coordinator.blockers_command))
    application.add_handler(CommandHandler("task", coordinator.task_command))
    application.add_handler(CommandHandler("export", coordinator.export_command))
    application.add_handler(CommandHandler("chart", coordinator.chart_command))
    application.add_handler(CommandHandler("linkgroup", coordinator.linkgroup_command))
    application.add_handler(CommandHandler("targets", targets.targets_command))
    application.add_handler(CommandHandler("target", targets.target_command))
    application.add_handler(
        CallbackQueryHandler(coordinator.on_summary_button, pattern=r"^(sp|sa|sg|mr|sc):")
    )
    application.add_handler(CallbackQueryHandler(officer.on_report_button, pattern=r"^r[a-z]:"))
    application.add_handler(CallbackQueryHandler(stale_button))
    application.add_handler(MessageHandler(filters.COMMAND, common.unknown_command))
    private = filters.ChatType.PRIVATE
    # before everything else: a just-admitted officer's "name, position" message
    application.add_handler(
        MessageHandler(private & filters.TEXT & ~filters.COMMAND, onboarding.on_profile_text),
        group=-1,
    )
    application.add_handler(MessageHandler(private & filters.TEXT, officer.on_text))
    application.add_handler(
        MessageHandler(private & (filters.Document.ALL | filters.PHOTO), imports.on_document)
    )


async def on_error(update: object, context: BotContext) -> None:
    """Log the error with its update, and tell the user something useful.

    A database outage: "not recorded yet, it will be" (the update is offered again). Telegram
    failing to take an answer (timeout, 5xx, blocked): logged only: what the handler committed
    stays committed, and "try again" would make the user repeat what was recorded. Anything
    else: "something went wrong"."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    unavailable = is_unavailable(error)
    if isinstance(error, Busy | Stopped):  # a pool's answer, not a failure: say it plainly
        log.info("update %s: %r", update_id, error)
        await tell(
            update, context.texts("work.busy" if isinstance(error, Busy) else "work.stopped")
        )
        return
    if update_id is not None and not unavailable and error is not None:
        context.services.handler_errors[update_id] = f"{type(error).__name__}: {error}"
    if unavailable:
        log.warning("database unavailable while handling update %s: %s", update_id, error)
        if update_id is not None:
            context.services.unavailable_updates.add(update_id)
            if update_id in context.services.told_unavailable:
                return
            context.services.told_unavailable.add(update_id)
    elif isinstance(error, TelegramError) and not isinstance(error, BadRequest):
        log.warning("Telegram failed while answering update %s: %r", update_id, error)
        return
    else:
        log.error("error while handling update %s", update_id, exc_info=error)
    await tell(update, context.texts("error.unavailable" if unavailable else "error.generic"))


async def tell(update: object, text: str) -> None:
    """Best effort, in a private chat only: what went wrong with the user's update."""
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private":
        return
    try:
        await update.effective_chat.send_message(text)
    except Exception:  # the error reply is best effort
        log.warning("could not tell the user about the error", exc_info=True)
