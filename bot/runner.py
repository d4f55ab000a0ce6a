"""Runs the bot: long polling that confirms an update only after it was handled, exactly once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import warnings
from collections.abc import Awaitable, Callable
from datetime import timedelta
from enum import Enum
from typing import Any

from sqlalchemy import bindparam, select
from telegram import Bot, Update
from telegram.error import Conflict, Forbidden, InvalidToken, RetryAfter, TelegramError
from telegram.ext import Application

from access.members import ensure_admins
from bot.commands import register_default_commands, register_member_commands
from bot.context import Services
from bot.updates import IN_HAND, InHand, finish_update, read_sender
from domain.status import Role
from storage.errors import is_unavailable
from storage.models import Member, ProcessedUpdate
from storage.upsert import insert_ignore

log = logging.getLogger("dondoc.runner")


# statements on every update are built once: SQLAlchemy keys its compiled form on the statement
# object, and a statement built per call costs about as much to build and key as to run
UPDATE_DONE = select(ProcessedUpdate.done).where(
    ProcessedUpdate.update_id == bindparam("update_id")
)


class Claim(Enum):
    MINE = "mine"  # handle it now
    DONE = "done"  # handled before: skip
    BUSY = "busy"  # another instance is handling it: try again later


async def claim_update(
    svc: Services, in_hand: InHand, takeover_after: timedelta, user_id: int | None = None
) -> Claim:
    """Claim an update before handling it. A claim older than `takeover_after` whose holder
    never finished (it crashed) is taken over. With no takeover delay (polling: Telegram
    answers one getUpdates at a time, so nobody else can hold it) only whether it was done
    matters: a read, which waits for no write lock and commits nothing; the sender is read
    with it (`in_hand.sender`)."""
    update_id = in_hand.update_id
    if takeover_after <= timedelta(0):
        async with svc.db.reading() as session:
            done = await session.scalar(UPDATE_DONE, {"update_id": update_id})
            if not done and user_id is not None:
                in_hand.sender = await read_sender(session, user_id)
        return Claim.DONE if done else Claim.MINE
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


async def record_poison(svc: Services, update_id: int, error: str) -> None:
    """Mark an update that cannot be handled as done, with why: it is confirmed and skipped,
    never offered again (a crash loop otherwise, after every restart)."""
    await finish_update(svc, update_id, error)


async def handle_once(
    application: Application,  # type: ignore[type-arg]
    svc: Services,
    update: Update,
    *,
    takeover_after: timedelta = timedelta(0),
) -> bool:
    """Handle an update unless it was handled before. False: it could not be handled now (the
    database is down, or another instance holds it); it must be offered again later. Any other
    failure records the update as poison (logged, confirmed, never retried)."""
    update_id = update.update_id
    in_hand = InHand(update_id)
    user = update.effective_user
    try:
        claim = await claim_update(svc, in_hand, takeover_after, user.id if user else None)
        if claim is Claim.DONE:
            log.info("update %s already handled, skipped", update_id)
            return True
        if claim is Claim.BUSY:
            return False
        started = time.monotonic()
        token = IN_HAND.set(in_hand)
        try:
            await application.process_update(update)
        finally:
            IN_HAND.reset(token)
        if update_id in svc.unavailable_updates:
            svc.unavailable_updates.discard(update_id)
            return False
        error = svc.handler_errors.pop(update_id, None)
        if error is not None or not in_hand.finished:
            await finish_update(svc, update_id, error)
        log.info(
            "update handled",
            extra=update_fields(update) | {"ms": round((time.monotonic() - started) * 1000)},
        )
    except Exception as exc:
        if is_unavailable(exc):
            log.warning("database unavailable; update %s will be retried", update_id)
            await tell_unavailable(application, svc, update)
            return False
        log.exception("update %s could not be handled; skipped", update_id)
        await skip_poison(svc, update_id, describe(exc))
    return True


async def skip_poison(svc: Services, update_id: int, error: str) -> None:
    """Record a poison update (best effort: if even that fails, it is logged and skipped)."""
    try:
        await record_poison(svc, update_id, error)
    except Exception:
        log.exception("could not record poison update %s", update_id)


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


async def database_reachable(svc: Services) -> bool:
    try:
        async with svc.db.engine.connect() as conn:
            await conn.execute(select(1))
    except Exception:
        return False
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


# a getUpdates error: how long to wait before the next call (doubling, up to the cap)
FIRST_BACKOFF = 1.0
MAX_BACKOFF = 60.0
# an update found "database unavailable" this many times while the database answers is poison
MAX_UNAVAILABLE = 5
MAX_UPDATE_ID = 2**63 - 1


async def fetch_updates(bot: Bot, offset: int | None, timeout: int) -> list[Any]:
    """getUpdates, raw: each update is read by `read_update`, so that one unreadable update
    cannot stop the others (PTB's `get_updates` raises for the whole batch)."""
    params: dict[str, Any] = {"timeout": timeout, "allowed_updates": Update.ALL_TYPES}
    if offset is not None:
        params["offset"] = offset
    with warnings.catch_warnings():  # "use Bot.get_updates": we need the raw JSON
        warnings.simplefilter("ignore")
        result = await bot.do_api_request(
            "getUpdates", api_kwargs=params, read_timeout=timeout + 10
        )
    return result if isinstance(result, list) else []


def update_id_of(raw: Any) -> int | None:
    value = raw.get("update_id") if isinstance(raw, dict) else None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_UPDATE_ID:
        return value
    return None


def read_update(raw: Any, bot: Bot) -> Update | str:
    """The Update, or why it cannot be read (e.g. a message without chat or date)."""
    try:
        update = Update.de_json(raw, bot)
        if update is None:
            return "empty update"
        update_fields(update)
        return update
    except Exception as exc:
        return describe(exc)


async def sleep_unless_stopped(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)


def getupdates_problem(exc: BaseException) -> str:
    """What an operator should know about a failed getUpdates."""
    if isinstance(exc, Conflict):
        return (
            "another program is receiving this bot's updates (a second `dondoc run` with the "
            f"same token, or a webhook): {exc}"
        )
    if isinstance(exc, InvalidToken):
        return f"Telegram rejected the token ({exc})"
    if isinstance(exc, Forbidden):
        return f"Telegram refused getUpdates ({exc})"
    return f"{type(exc).__name__}: {exc}"


# while updates are in hand, getUpdates answers at once (they are not confirmed yet): wait for
# one of them to finish, or this long, before asking again
RECHECK_SECONDS = 0.2
# on stop: how long the updates in hand may take to finish
DRAIN_SECONDS = 30.0


# an update in hand longer than this (its lane is busy) goes to the inbox, so the offset moves
SPILL_AFTER = 1.0
# how long the member → agency map that orders updates stays fresh
AGENCIES_FRESH_SECONDS = 60.0


class Lanes:
    """Which updates must be handled in order: those of one agency's members (a report is the
    agency's, so an earlier reply of one officer must not land after a later one of another:
    after a restart the backlog would otherwise be applied out of order), else those of one
    chat. Members' agencies are read in one query, at most once a minute."""

    def __init__(self, svc: Services) -> None:
        self.svc = svc
        self.agency_of: dict[int, int] = {}
        self.read_at: float | None = None

    async def refresh(self) -> None:
        now = time.monotonic()
        if self.read_at is not None and now - self.read_at < AGENCIES_FRESH_SECONDS:
            return
        self.read_at = now
        try:
            async with self.svc.db.reading() as session:
                rows = await session.execute(
                    select(Member.telegram_user_id, Member.agency_id).where(
                        Member.active, Member.agency_id.is_not(None)
                    )
                )
                self.agency_of = {int(user): int(agency) for user, agency in rows.all()}
        except Exception as exc:  # the database is down: order by chat until it is back
            log.warning("could not read members' agencies: %s", describe(exc))

    def of(self, update: Update) -> list[tuple[str, int]]:
        """The lanes the update waits in, in order: its agency's (a report), and always its
        chat's, so one chat's updates keep their order even when the member's agency becomes
        known between two of them (the map is read again while updates are in hand)."""
        user, chat = update.effective_user, update.effective_chat
        message = update.message
        own = [("chat", chat.id)] if chat is not None else []
        if chat is not None and message is not None and (message.text or "").startswith("/"):
            # a command records no report: its chat's own lane, so one member's commands
            # never hold up their agency's replies (nor anyone else's)
            return own
        if user is not None and (chat is None or chat.type == "private"):
            agency = self.agency_of.get(user.id)
            if agency is not None:
                return [("agency", agency), *own]
        if own:
            return own
        if user is not None:
            return [("user", user.id)]
        return [("other", 0)]


class UpdateFlow:
    """Fetched updates handled concurrently (at most `limit` at once, a lane holding one slot
    at most), in order within a lane (an agency's members, or a chat), and the offset that
    confirms exactly those finished: never past the lowest update still in hand, so a crash
    loses nothing (what was finished above it is skipped on redelivery through the claim in
    processed_updates).

    A backlog (one user's flood: Telegram hands out 100 updates from the offset, so a
    backlog the offset cannot pass would hide everyone else's) is written to the inbox
    (`processed_updates.payload`, not done) once `2 × limit` updates wait or one has waited
    SPILL_AFTER, and confirmed: the offset moves on, later updates are fetched at once, and
    after a crash the inbox is handled first (`recover`)."""

    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        svc: Services,
        stop: asyncio.Event,
        limit: int,
    ) -> None:
        self.application = application
        self.svc = svc
        self.stop = stop
        self.limit = limit
        self.slots = asyncio.Semaphore(limit)
        self.in_hand: set[int] = set()  # dispatched, not finished
        self.spilled: set[int] = set()  # in hand and written to the inbox (confirmed)
        self.raw: dict[int, Any] = {}  # the JSON of each update in hand, for the inbox
        self.taken_at: dict[int, float] = {}  # when each update in hand was taken
        self.finished: set[int] = set()  # finished, at or above the confirmed offset
        self.next_id: int | None = None  # one past the highest update dispatched
        self.lane_of = Lanes(svc)
        self.lanes: dict[tuple[str, int], asyncio.Task[None]] = {}
        self.tasks: set[asyncio.Task[None]] = set()
        self.changed = asyncio.Event()

    @property
    def unspilled(self) -> set[int]:
        """In hand and known only to Telegram: the offset cannot pass them."""
        return self.in_hand - self.spilled

    @property
    def offset(self) -> int | None:
        """getUpdates' offset: confirms every update below it."""
        waiting = self.unspilled
        if waiting:
            return min(waiting)
        return self.next_id

    def known(self, update_id: int) -> bool:
        offset = self.offset
        return (
            update_id in self.in_hand
            or update_id in self.finished
            or (offset is not None and update_id < offset)
        )

    def _advance(self, update_id: int) -> None:
        self.next_id = max(self.next_id or 0, update_id + 1)

    def _finish(self, update_id: int) -> None:
        self.in_hand.discard(update_id)
        self.spilled.discard(update_id)
        self.raw.pop(update_id, None)
        self.taken_at.pop(update_id, None)
        self.finished.add(update_id)
        offset = self.offset
        if offset is not None:
            self.finished = {i for i in self.finished if i >= offset}
        self.changed.set()

    async def take(self, raw: Any, *, spilled: bool = False) -> bool:
        """Start handling one fetched update (`spilled`: read back from the inbox); False if
        it was known already."""
        update_id = update_id_of(raw)
        if update_id is None:
            log.error("getUpdates returned an update without a valid update_id; ignored")
            return False
        if self.known(update_id):
            return False
        self._advance(update_id)
        update = read_update(raw, self.application.bot)
        if isinstance(update, str):
            log.warning("update %s cannot be read (%s); skipped", update_id, update)
            await skip_poison(self.svc, update_id, f"unreadable: {update}")
            self.finished.add(update_id)
            return True
        self.in_hand.add(update_id)
        self.raw[update_id] = raw
        self.taken_at[update_id] = time.monotonic()
        if spilled:
            self.spilled.add(update_id)
        lanes = self.lane_of.of(update)
        before = [task for lane in lanes if (task := self.lanes.get(lane)) is not None]
        task = asyncio.create_task(self._run(update, before))
        for lane in lanes:
            self.lanes[lane] = task
        self.tasks.add(task)
        task.add_done_callback(lambda done, lanes=lanes: self._forget(lanes, done))
        return True

    def _forget(self, lanes: list[tuple[str, int]], task: asyncio.Task[None]) -> None:
        self.tasks.discard(task)
        for lane in lanes:
            if self.lanes.get(lane) is task:
                del self.lanes[lane]

    async def _run(self, update: Update, before: list[asyncio.Task[None]]) -> None:
        for earlier in before:  # the lanes' earlier updates first
            with contextlib.suppress(BaseException):
                await asyncio.shield(earlier)
        async with self.slots:
            if self.stop.is_set():
                return  # not started: offered again after the restart
            if await self._handle(update):
                self._finish(update.update_id)

    async def _handle(self, update: Update) -> bool:
        """Handle until done; False if stopped first (the update stays unconfirmed)."""
        backoff = FIRST_BACKOFF
        attempts = 0
        while True:
            if await handle_once(self.application, self.svc, update):
                return True
            attempts += 1
            if attempts >= MAX_UNAVAILABLE and await database_reachable(self.svc):
                log.error(
                    "update %s failed %s times while the database answers; skipped",
                    update.update_id,
                    attempts,
                )
                await skip_poison(self.svc, update.update_id, "failed repeatedly")
                return True
            if self.stop.is_set():
                return False
            await sleep_unless_stopped(self.stop, backoff)
            backoff = min(backoff * 2, 30)
            if self.stop.is_set():
                return False

    @property
    def busy(self) -> bool:
        """Enough in hand to keep every slot busy a while: no need to fetch more yet."""
        return len(self.unspilled) >= 2 * self.limit

    @property
    def held_up(self) -> bool:
        """A backlog holds the offset: many updates wait, or one waits for long (its lane is
        busy), while the updates after it pile up in Telegram's window of 100."""
        if self.busy:
            return True
        oldest = min((self.taken_at[i] for i in self.unspilled), default=None)
        return oldest is not None and time.monotonic() - oldest > SPILL_AFTER

    async def spill(self) -> int:
        """When a backlog holds the offset (`held_up`), write what is in hand to the inbox, so
        the offset confirms it and later updates are fetched: how many were written."""
        if not self.held_up:
            return 0
        waiting = sorted(self.unspilled)
        now = self.svc.now()
        try:
            rows = [
                {"update_id": i, "processed_at": now, "done": False, "payload": self.raw[i]}
                for i in waiting
            ]
            async with self.svc.db.transaction() as session:
                await insert_ignore(session, ProcessedUpdate, rows, ["update_id"])  # one INSERT
        except Exception as exc:  # the database is down: keep them unconfirmed instead
            log.warning("could not write the backlog to the inbox: %s", describe(exc))
            return 0
        self.spilled.update(waiting)
        log.info("backlog: %d updates kept in the inbox and confirmed", len(waiting))
        return len(waiting)

    async def recover(self) -> int:
        """Take the inbox's updates (written before a stop or a crash, not done) first."""
        async with self.svc.db.reading() as session:
            rows = await session.execute(
                select(ProcessedUpdate.payload)
                .where(ProcessedUpdate.done.is_(False), ProcessedUpdate.payload.is_not(None))
                .order_by(ProcessedUpdate.update_id)
            )
            payloads = [row[0] for row in rows.all()]
        if payloads:
            await self.lane_of.refresh()
        taken = 0
        for raw in payloads:
            taken += await self.take(raw, spilled=True)
        if taken:
            log.info("inbox: %d updates from before the restart taken first", taken)
        return taken

    async def wait_for_progress(self) -> None:
        """While updates are in hand: until one finishes (the offset may move) or a moment;
        while busy, until there is room for more (a fetch costs both sides a whole batch)."""
        deadline = time.monotonic() + 2.0
        while True:
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), RECHECK_SECONDS)
            if not self.busy or self.stop.is_set() or time.monotonic() > deadline:
                return

    async def drain(self) -> None:
        """On stop: let the updates being handled finish (bounded); the rest stay unconfirmed."""
        if not self.tasks:
            return
        _done, late = await asyncio.wait(set(self.tasks), timeout=DRAIN_SECONDS)
        for task in late:
            task.cancel()
        if late:
            await asyncio.wait(late, timeout=5)


async def poll(
    application: Application,  # type: ignore[type-arg]
    svc: Services,
    stop: asyncio.Event,
    *,
    on_idle: Callable[[], Awaitable[None]] | None = None,
) -> None:
    """Fetch updates and handle each once: concurrently, in order within an agency or a chat;
    the offset moves past an update only after it was handled (and past every update below
    it), so a crash (even kill -9) loses nothing and a redelivery is skipped. No error of
    Telegram's ends the loop (it logs and backs off), and an update that cannot be read or
    handled is recorded as poison and confirmed."""
    bot = application.bot
    with contextlib.suppress(TelegramError):
        await bot.delete_webhook(drop_pending_updates=False)
    flow = UpdateFlow(application, svc, stop, svc.settings.concurrent_updates)
    backoff = FIRST_BACKOFF
    try:
        with contextlib.suppress(Exception):  # the database is down: the inbox waits
            await flow.recover()
        while not stop.is_set():
            # with updates in hand that only Telegram knows, it answers at once (they are not
            # confirmed yet): no long poll then
            timeout = 0 if flow.unspilled else svc.settings.poll_timeout
            fetch = asyncio.ensure_future(fetch_updates(bot, flow.offset, timeout))
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
            except RetryAfter as exc:
                wait = exc.retry_after
                seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
                log.warning("getUpdates: flood control, waiting %.0fs", seconds)
                await sleep_unless_stopped(stop, max(seconds, 1.0))
                continue
            except Exception as exc:  # any other failure: log, back off, keep going
                level = (
                    logging.ERROR if isinstance(exc, InvalidToken | Forbidden) else logging.WARNING
                )
                problem = getupdates_problem(exc)
                log.log(level, "getUpdates failed: %s; retrying in %.0fs", problem, backoff)
                await sleep_unless_stopped(stop, backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)
                continue
            backoff = FIRST_BACKOFF
            taken = 0
            if updates:
                await flow.lane_of.refresh()
            for n, raw in enumerate(updates, 1):
                taken += await flow.take(raw)
                if n % 10 == 0:  # a big batch: let the handlers in hand go on meanwhile
                    await asyncio.sleep(0)
            await flow.spill()
            if flow.unspilled and (flow.busy or not taken):
                await flow.wait_for_progress()
            if on_idle is not None and not updates:
                await on_idle()
    finally:
        await flow.drain()
