"""A tiny round-robin load balancer on 127.0.0.1, for webhook instances in tests."""

from __future__ import annotations

import itertools

from aiohttp import ClientError, ClientSession, ClientTimeout, web


class Balancer:
    def __init__(self, backends: list[str]) -> None:
        self.backends = backends
        self._next = itertools.cycle(range(len(backends)))
        self.hits: dict[str, int] = dict.fromkeys(backends, 0)
        self._runner: web.AppRunner | None = None
        self._client: ClientSession | None = None
        self.url = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        self._client = ClientSession(timeout=ClientTimeout(total=30))
        return self.url

    async def _forward(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() != "host"}
        assert self._client is not None
        for _ in range(len(self.backends)):
            backend = self.backends[next(self._next)]
            try:
                async with self._client.request(
                    request.method, backend + request.path_qs, data=body, headers=headers
                ) as response:
                    self.hits[backend] += 1
                    return web.Response(status=response.status, body=await response.read())
            except (ClientError, OSError):
                continue
        return web.Response(status=502)

    async def stop(self) -> None:
        if self._client is not None:
            await self._client.close()
        if self._runner is not None:
            await self._runner.cleanup()
