"""Webhook mode: Telegram POSTs updates to us; each is handled once, then answered 200.

An update whose handling found the database down is answered 503, so Telegram delivers it
again later. Requests without the secret header are refused (403); a body that is not an update
gets 400; an update that cannot be read or handled is recorded as poison and answered 200 (so
Telegram does not deliver it forever). Shutdown waits for the updates in hand."""

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
from bot.runner import handle_once, read_update, skip_poison, update_id_of

log = logging.getLogger("dondoc.webhook")
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# another instance may be handling a redelivered update: give it this long before taking over
TAKEOVER_AFTER = timedelta(seconds=60)


def webhook_app(application: Application, svc: Services, path: str, secret: str) -> web.Application:  # type: ignore[type-arg]
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "surrogateescape")
        if not hmac.compare_digest(given, expected):
            log.warning("webhook request without the right secret from %s", request.remote)
            return web.Response(status=403, text="forbidden")
        try:
            data = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            return web.Response(status=400, text="bad update: not JSON")
        update_id = update_id_of(data)
        if update_id is None:  # not an update Telegram would send: nothing to record
            return web.Response(status=400, text="bad update: no valid update_id")
        update = read_update(data, application.bot)
        if isinstance(update, str):  # from Telegram (the secret matched): confirm, never loop
            log.warning("update %s cannot be read (%s); skipped", update_id, update)
            await skip_poison(svc, update_id, f"unreadable: {update}")
            return web.Response(status=200)
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
