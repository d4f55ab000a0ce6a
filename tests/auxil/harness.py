"""A real dondoc Application polling the local Bot API emulator, in the test's event loop."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from bot.app import Dondoc
from bot.context import Services
from bot.settings import Settings
from emulator import BotApiEmulator, FakeUser, SentMessage
from reminders.dispatcher import Dispatcher, TickReport
from runtime.services import make_services
from storage.db import Database
from storage.models import ProcessedUpdate
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
    bot: Dondoc | None = None
    observer: Database | None = None  # reads for `idle`, apart from the bot's engine

    @property
    def token(self) -> str:
        return TOKEN

    @property
    def application(self) -> Any:
        return self.bot.application if self.bot is not None else None

    @property
    def dispatcher(self) -> Dispatcher | None:
        return self.svc.dispatcher

    async def start(self) -> None:
        """The bot as `dondoc run` builds it, polling in the background; reminder ticks only
        when the test asks (`tick()`)."""
        self.bot = Dondoc(self.svc)
        await self.bot.start()
        self.bot.start_polling()

    async def stop(self) -> None:
        if self.bot is not None:
            await self.bot.stop()
        if self.observer is not None:
            await self.observer.dispose()

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
        """Wait until every update sent so far has been handled: confirmed to the emulator and
        recorded as done (a backlog is confirmed before it is handled: the inbox)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        issued = list(self.emulator.bot(TOKEN).issued)
        while loop.time() < deadline:
            if self.emulator.pending_updates(TOKEN) == 0 and await self._all_done(issued):
                await asyncio.sleep(0.05)
                return
            await asyncio.sleep(0.02)
            # the offset is confirmed by the next getUpdates; poke it along
        raise TimeoutError("updates still pending")

    async def _all_done(self, update_ids: list[int]) -> bool:
        if not update_ids:
            return True
        # read on an engine of its own: the bot's shows no transaction the bot did not open
        if self.observer is None:
            self.observer = Database(self.db.url, schema=self.db.schema)
        async with self.observer.reading() as session:
            done = await session.scalar(
                select(func.count())
                .select_from(ProcessedUpdate)
                .where(ProcessedUpdate.update_id.in_(update_ids), ProcessedUpdate.done)
            )
        return done == len(update_ids)

    @staticmethod
    def make_services(settings: Settings, db: Database, clock: FakeClock) -> Services:
        return make_services(settings, db, clock=clock)
