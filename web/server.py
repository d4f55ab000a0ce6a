"""Starting and stopping the desktop view's server next to the bot."""

from __future__ import annotations

import logging

from aiohttp import web

from runtime.services import Services
from web.app import build_web_app

log = logging.getLogger("dondoc.web")


class WebServer:
    """The desktop view on DONDOC_WEB_LISTEN:DONDOC_WEB_PORT (port 0: any free port)."""

    def __init__(self, svc: Services) -> None:
        self.svc = svc
        self.runner: web.AppRunner | None = None
        self.port = 0

    async def start(self) -> str:
        """Listen, and return the base URL sign-in links use."""
        settings = self.svc.settings
        self.runner = web.AppRunner(build_web_app(self.svc), access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, settings.web_listen, settings.web_port)
        await site.start()
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        self.port = sockets[0].getsockname()[1] if sockets else settings.web_port
        base = settings.web_base_url or f"http://{settings.web_listen}:{self.port}"
        log.info(
            "desktop view at %s/web/ (listening on %s:%s)", base, settings.web_listen, self.port
        )
        return base

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
            self.runner = None


def sign_in_url(base: str, token: str) -> str:
    return f"{base.rstrip('/')}/web/login/{token}"
