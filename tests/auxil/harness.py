"""A real dondoc Application polling the local Bot API emulator, in the test's event loop."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any

from bot.app import build_application
from bot.context import Services
from bot.runner import poll, start_application, stop_application
from bot.scheduling import build_dispatcher
from bot.settings import Settings
from bot.texts import Texts
from emulator import BotApiEmulator, FakeUser, SentMessage
from reminders.dispatcher import Dispatcher, TickReport
from storage.db import Database
from tests.auxil.clock import FakeClock

TOKEN = "123456:TEST-token-for-the-local-emulator-only"


def make_settings(emulator: BotApiEmulator, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": emulator.base_url,
        "DONDOC_POLL_TIMEOUT": 1,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass
class BotHarness:
    """The running bot, the emulator it talks to, and shortcuts for what users do."""

    emulator: BotApiEmulator
    db: Database
    svc: Services
    clock: FakeClock
    application: Any = None
    dispatcher: Dispatcher | None = None
    _task: asyncio.Task[None] | None = None
    _stop: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def token(self) -> str:
        return TOKEN

    async def start(self) -> None:
        self.application = build_application(self.svc)
        self._stop = asyncio.Event()
        await start_application(self.application, self.svc)
        self.dispatcher = build_dispatcher(self.application.bot, self.svc)
        self.svc.extras["dispatcher"] = self.dispatcher
        self._task = asyncio.create_task(poll(self.application, self.svc, self._stop))

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.wait_for(self._task, 10)
        if self.application is not None:
            await stop_application(self.application)
        self._task = None

    async def tick(self) -> TickReport:
        """One reminder tick at the harness clock's time."""
        assert self.dispatcher is not None
        return await self.dispatcher.tick()

    def send(self, user: FakeUser, text: str, **kwargs: Any) -> dict[str, Any]:
        return self.emulator.send_text(TOKEN, user, text, **kwargs)

    async def ask(self, user: FakeUser, text: str, **kwargs: Any) -> SentMessage:
        """Send `text` as `user` and wait for the bot's next message to that chat."""
        mark = len(self.emulator.sent)
        self.send(user, text, **kwargs)
        return await self.emulator.reply_to(user.id, after=mark)

    async def press(self, user: FakeUser, message: SentMessage, data: str) -> SentMessage:
        """Tap a button and wait for the bot's next message or edit in that chat."""
        mark = len(self.emulator.sent)
        self.emulator.press_button(TOKEN, user, message, data)
        return await self.emulator.reply_to(message.chat_id, after=mark)

    async def idle(self, timeout: float = 10.0) -> None:
        """Wait until every queued update has been handled and confirmed."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            if self.emulator.pending_updates(TOKEN) == 0:
                await asyncio.sleep(0.05)
                return
            await asyncio.sleep(0.02)
            # the offset is confirmed by the next getUpdates; poke it along
        raise TimeoutError("updates still pending")

    @staticmethod
    def make_services(settings: Settings, db: Database, clock: FakeClock) -> Services:
        return Services(
            settings,
            db,
            Texts(settings.language),
            clock=clock,
            admin_ids=frozenset(settings.admin_ids),
        )
