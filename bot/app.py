"""Builds the python-telegram-bot Application: settings, rate limiter, handlers, error handler."""

from __future__ import annotations

import logging

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    filters,
)

from bot.context import Services, services
from bot.handlers import admin, common, coordinator, imports, officer
from bot.messaging import stale_button
from storage.errors import is_unavailable

log = logging.getLogger("dondoc.bot")


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
        .rate_limiter(paced_rate_limiter())
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                tzinfo=settings.tz,
            )
        )
        .build()
    )
    application.bot_data["services"] = svc
    add_handlers(application)
    application.add_error_handler(on_error)
    return application


def paced_rate_limiter() -> AIORateLimiter:
    """Telegram's limits, paced evenly: one message every 1/29 s overall and one every 3 s per
    group (20/min). The default limiter lets a burst of 30 through and then refills, which
    reaches ~60/s for a moment and draws 429s that pause the whole bot."""
    return AIORateLimiter(
        overall_max_rate=1,
        overall_time_period=1 / 29,
        group_max_rate=1,
        group_time_period=3,
        max_retries=5,
    )


def add_handlers(application: Application) -> None:  # type: ignore[type-arg]
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
    application.add_handler(CommandHandler("dayoff", admin.dayoff_command))
    application.add_handler(CommandHandler("workday", admin.workday_command))
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
    application.add_handler(
        CallbackQueryHandler(coordinator.on_summary_button, pattern=r"^(sp|sa|mr|sc):")
    )
    application.add_handler(CallbackQueryHandler(officer.on_report_button, pattern=r"^r[a-z]:"))
    application.add_handler(CallbackQueryHandler(stale_button))
    application.add_handler(MessageHandler(filters.COMMAND, common.unknown_command))
    private = filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(private & filters.TEXT, officer.on_text))
    application.add_handler(
        MessageHandler(private & (filters.Document.ALL | filters.PHOTO), imports.on_document)
    )


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error with its update, and tell the user something useful."""
    update_id = update.update_id if isinstance(update, Update) else None
    unavailable = is_unavailable(context.error)
    if unavailable:
        log.warning("database unavailable while handling update %s: %s", update_id, context.error)
        if update_id is not None:
            services(context).unavailable_updates.add(update_id)
            if update_id in services(context).told_unavailable:
                return
            services(context).told_unavailable.add(update_id)
    else:
        log.error("error while handling update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != "private":
        return
    texts = services(context).texts
    try:
        await update.effective_chat.send_message(
            texts("error.unavailable" if unavailable else "error.generic")
        )
    except Exception:  # the error reply is best effort
        log.warning("could not tell the user about the error", exc_info=True)
