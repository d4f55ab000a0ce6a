"""Webhook mode: Telegram POSTs updates to us; each is handled once, then answered 200.

An update whose handling found the database down is answered 503, so Telegram delivers it
again later. Requests without the secret header are refused. Shutdown waits for the updates
in hand."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from datetime import timedelta
from urllib.parse import urlparse

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.context import Services
from bot.runner import handle_once

log = logging.getLogger("dondoc.webhook")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# another instance may be handling a redelivered update: give it this long before taking over
TAKEOVER_AFTER = timedelta(seconds=60)


def webhook_app(application: Application, svc: Services, path: str, secret: str) -> web.Application:  # type: ignore[type-arg]
    async def receive(request: web.Request) -> web.Response:
        if not hmac.compare_digest(request.headers.get(SECRET_HEADER, ""), secret):
            log.warning("webhook request without the right secret from %s", request.remote)
            return web.Response(status=403, text="forbidden")
        try:
            data = await request.json()
            update = Update.de_json(data, application.bot)
        except (json.JSONDecodeError, ValueError, KeyError, TypeError):
            return web.Response(status=400, text="bad update")
        if update is None:
            return web.Response(status=400, text="bad update")
        handled = await handle_once(application, svc, update, takeover_after=TAKEOVER_AFTER)
        return web.Response(status=200 if handled else 503)

    async def health(_request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    app = web.Application(client_max_size=1024 * 1024)
    app.router.add_post(path, receive)
    app.router.add_get("/healthz", health)
    return app


async def serve_webhook(
    application: Application,  # type: ignore[type-arg]
    svc: Services,
    stop: asyncio.Event,
) -> None:
    """Listen for updates until `stop` is set; register the webhook with Telegram first."""
    settings = svc.settings
    url, secret = settings.webhook()
    path = urlparse(url).path or "/"
    runner = web.AppRunner(
        webhook_app(application, svc, path, secret), handle_signals=False, shutdown_timeout=30
    )
    await runner.setup()
    site = web.TCPSite(runner, settings.webhook_listen, settings.webhook_port)
    await site.start()
    await application.bot.set_webhook(
        url, secret_token=secret, allowed_updates=Update.ALL_TYPES, drop_pending_updates=False
    )
    log.info("webhook listening on %s:%s%s", settings.webhook_listen, settings.webhook_port, path)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()  # finishes the requests in hand
