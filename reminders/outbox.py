"""The outbox of reminders: claim a due row just before it goes out, then record what became
of it (sent, retry later, unreachable, uncertain). Safe across restarts and across instances
sharing PostgreSQL (claims use SKIP LOCKED).

A row is "sending" only while its message is on its way, so a crash leaves at most the sends
in flight (one per worker) unconfirmed. Those, and sends that timed out after reaching
Telegram, become "uncertain": never resent (that could make a duplicate), counted by
`dondoc check` and told to the admins once."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

import conversation
from access.roster import admins, coordinators_of
from reminders.planner import Planned, insert_deliveries
from storage.db import Database
from storage.models import (
    Agency,
    BotState,
    Member,
    Plan,
    ReminderDelivery,
    ReportingPeriod,
)
from storage.upsert import upsert

log = logging.getLogger("dondoc.reminders")

MAX_ATTEMPTS = 8
STALE_CLAIM = timedelta(minutes=10)  # a claim this old is uncertain even if its owner lives
DEAD_AFTER = timedelta(minutes=2)  # an instance silent this long is gone (see `heartbeat`)
HEARTBEAT_EVERY = timedelta(seconds=5)
HEARTBEAT = "instance:"
# kinds that say something about an officer's own reminders; the others are notices
NOTICE_KINDS = (
    "unreachable",
    "uncertain",
    "no_officer",
    "coordinator",
    "digest",
    "escalate",
    "figures",  # a figure request is asked once a moment: never superseded, never supersedes
)


class Pacer:
    """Spaces sends evenly at `rate` per second; a worker waits here before it claims, so a
    row is never held "sending" while it queues for Telegram's rate limit."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            loop = asyncio.get_running_loop()
            now = loop.time()
            if self._next > now:
                await asyncio.sleep(self._next - now)
                now = self._next
            self._next = now + self.interval


@dataclass(frozen=True)
class OutboxHealth:
    """What `dondoc check` reports about the outbox."""

    late: int  # pending and due more than an hour ago
    failed: int  # given up on in the last 7 days
    uncertain: int  # may or may not have been delivered; not resent
    in_flight: int  # being sent right now (or by an instance that died less than 10 min ago)


async def outbox_health(session: AsyncSession, now: datetime) -> OutboxHealth:
    def count(*conditions: Any) -> Any:
        return select(func.count()).select_from(ReminderDelivery).where(*conditions)

    late = await session.scalar(
        count(
            ReminderDelivery.status == "pending", ReminderDelivery.due_at < now - timedelta(1 / 24)
        )
    )
    failed = await session.scalar(
        count(ReminderDelivery.status == "failed", ReminderDelivery.created_at > now - timedelta(7))
    )
    uncertain = await session.scalar(count(ReminderDelivery.status == "uncertain"))
    in_flight = await session.scalar(count(ReminderDelivery.status == "sending"))
    return OutboxHealth(late or 0, failed or 0, uncertain or 0, in_flight or 0)


class Outbox:
    """Claims and settles reminder rows; each method is one short transaction."""

    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime],
        instance_id: str,
        *,
        dead_after: timedelta = DEAD_AFTER,
    ) -> None:
        self.db = db
        self.clock = clock
        self.instance_id = instance_id
        self.dead_after = dead_after
        self._beat_at: datetime | None = None

    async def heartbeat(self, session: AsyncSession, now: datetime) -> None:
        """Say this instance is alive (every few seconds at most): the rows it has claimed are
        its own until it falls silent for `dead_after`."""
        if self._beat_at is not None and abs(now - self._beat_at) < HEARTBEAT_EVERY:
            return
        self._beat_at = now
        await upsert(
            session,
            BotState,
            {
                "key": HEARTBEAT + self.instance_id,
                "value": {"at": now.isoformat()},
                "updated_at": now,
            },
            ["key"],
            ["value", "updated_at"],
        )

    async def has_due(self, now: datetime) -> bool:
        async with self.db.transaction() as session:
            found = await session.scalar(
                select(ReminderDelivery.id)
                .where(ReminderDelivery.status == "pending", ReminderDelivery.due_at <= now)
                .limit(1)
            )
        return found is not None

    async def claim(self, now: datetime) -> ReminderDelivery | None:
        """Take the next due row for this instance; None when nothing is due. Another instance
        skips rows being claimed (SKIP LOCKED); where that is not available (SQLite), a row
        another worker took first is passed over and the next one tried."""
        while True:
            async with self.db.transaction() as session:
                row_id = await session.scalar(
                    select(ReminderDelivery.id)
                    .where(ReminderDelivery.status == "pending", ReminderDelivery.due_at <= now)
                    .order_by(ReminderDelivery.due_at, ReminderDelivery.id)
                    .limit(1)
                    .with_for_update(skip_locked=True)
                )
                if row_id is None:
                    return None
                await self.heartbeat(session, self.clock())
                claimed = await session.scalar(
                    update(ReminderDelivery)
                    .where(ReminderDelivery.id == row_id, ReminderDelivery.status == "pending")
                    .values(status="sending", claimed_by=self.instance_id, claimed_at=self.clock())
                    .returning(ReminderDelivery)
                )
            if claimed is not None:
                return claimed

    async def expire_stale_claims(self, now: datetime) -> int:
        """Rows left "sending" by an instance that died (silent for `dead_after`), or claimed
        longer ago than STALE_CLAIM: uncertain, never resent."""
        async with self.db.transaction() as session:
            await self.heartbeat(session, now)
            owners = set(
                await session.scalars(
                    select(ReminderDelivery.claimed_by)
                    .where(ReminderDelivery.status == "sending")
                    .distinct()
                )
            )
            owners.discard(self.instance_id)
            dead = [owner for owner in owners if not await self._alive(session, owner, now)]
            stale = ReminderDelivery.claimed_at < now - STALE_CLAIM
            result = await session.execute(
                update(ReminderDelivery)
                .where(
                    ReminderDelivery.status == "sending",
                    or_(stale, ReminderDelivery.claimed_by.in_(dead)) if dead else stale,
                )
                .values(status="uncertain", error="claimed but never confirmed; not resent")
            )
            if dead:
                await session.execute(
                    delete(BotState).where(BotState.key.in_([HEARTBEAT + o for o in dead]))
                )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def _alive(self, session: AsyncSession, owner: str | None, now: datetime) -> bool:
        state = await session.get(BotState, HEARTBEAT + (owner or ""))
        if state is None or "at" not in state.value:
            return False
        return datetime.fromisoformat(state.value["at"]) >= now - self.dead_after

    async def superseded(self, delivery: ReminderDelivery) -> bool:
        """A newer reminder for the same chat and period says it all (e.g. one planned while
        the bot was down, and today's)."""
        if delivery.kind in ("unreachable", "uncertain", "no_officer", "digest", "figures"):
            return False
        if delivery.kind == "coordinator":
            same = (ReminderDelivery.kind == "coordinator",)
        elif delivery.kind == "escalate":
            same = (
                ReminderDelivery.kind == "escalate",
                ReminderDelivery.period_id == delivery.period_id,
            )
        else:
            same = (
                ReminderDelivery.kind.not_in(NOTICE_KINDS),
                ReminderDelivery.period_id == delivery.period_id,
            )
        async with self.db.transaction() as session:
            newer = await session.scalar(
                select(ReminderDelivery.id)
                .where(
                    ReminderDelivery.chat_id == delivery.chat_id,
                    ReminderDelivery.day > delivery.day,
                    ReminderDelivery.status.in_(("pending", "sending", "sent")),
                    *same,
                )
                .limit(1)
            )
        return newer is not None

    async def finish(self, delivery: ReminderDelivery, status: str, error: str | None) -> None:
        async with self.db.transaction() as session:
            await session.execute(
                update(ReminderDelivery)
                .where(ReminderDelivery.id == delivery.id)
                .values(status=status, error=error)
            )

    async def sent(
        self, delivery: ReminderDelivery, message_id: int, about: conversation.About | None
    ) -> None:
        """Confirmed by Telegram; with `about`, what the message asked (a reply refers to it)."""
        async with self.db.transaction() as session:
            await session.execute(
                update(ReminderDelivery)
                .where(ReminderDelivery.id == delivery.id)
                .values(status="sent", sent_at=self.clock(), message_id=message_id, error=None)
            )
            if about is not None:
                await conversation.record_sent(
                    session,
                    chat_id=delivery.chat_id,
                    message_id=message_id,
                    member_id=delivery.member_id,
                    about=about,
                    now=self.clock(),
                )

    async def retry_later(
        self, delivery: ReminderDelivery, error: str, retry_after: float | None
    ) -> bool:
        """Back to pending after a pause; False when it has been tried too often (failed)."""
        attempts = delivery.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            await self.finish(delivery, "failed", error)
            return False
        wait = retry_after if retry_after is not None else min(30 * 2**attempts, 3600)
        async with self.db.transaction() as session:
            await session.execute(
                update(ReminderDelivery)
                .where(ReminderDelivery.id == delivery.id)
                .values(
                    status="pending",
                    attempts=attempts,
                    error=error,
                    due_at=self.clock() + timedelta(seconds=wait),
                )
            )
        return True

    async def mark_uncertain(self, delivery: ReminderDelivery, error: str) -> None:
        """It may have been delivered: never resent; counted, and the admins are told."""
        await self.finish(delivery, "uncertain", f"uncertain: {error}")

    async def mark_unreachable(self, delivery: ReminderDelivery, error: str) -> None:
        """The member blocked the bot: stop writing to them and tell the coordinators."""
        async with self.db.transaction() as session:
            await session.execute(
                update(ReminderDelivery)
                .where(ReminderDelivery.id == delivery.id)
                .values(status="failed", error=f"unreachable: {error}")
            )
            if delivery.member_id is None:
                return
            member = await session.get(Member, delivery.member_id)
            if member is None or not member.reachable:
                return
            member.reachable = False
            agency = await session.get(Agency, member.agency_id) if member.agency_id else None
            period = await session.get(ReportingPeriod, delivery.period_id)
            plan = await session.get(Plan, period.plan_id) if period else None
            coordinators = await coordinators_of(session, plan) if plan else []
            day = delivery.day.isoformat()
            await insert_deliveries(
                session,
                [
                    Planned(
                        key=f"u:{member.id}:{coordinator.id}:{day}",
                        kind="unreachable",
                        chat_id=coordinator.telegram_user_id,
                        member_id=coordinator.id,
                        agency_id=member.agency_id,
                        period_id=delivery.period_id or 0,
                        day=delivery.day,
                        due_at=self.clock(),
                        reason="member unreachable",
                        payload={
                            "member_name": member.full_name,
                            "agency_name": agency.name if agency else "",
                        },
                    )
                    for coordinator in coordinators
                ],
            )

    async def report_uncertain(self, now: datetime) -> int:
        """Tell each admin, once, about reminders newly found uncertain (one message for all
        of them); an uncertain notice itself is not reported again."""
        async with self.db.transaction() as session:
            ids = list(
                (
                    await session.scalars(
                        select(ReminderDelivery.id)
                        .where(
                            ReminderDelivery.status == "uncertain",
                            ReminderDelivery.reported_at.is_(None),
                            ReminderDelivery.kind != "uncertain",
                        )
                        .order_by(ReminderDelivery.id)
                    )
                ).all()
            )
            if not ids:
                return 0
            people = await admins(session)
            if not people:
                return 0  # told when an admin is there
            await insert_deliveries(
                session,
                [
                    Planned(
                        key=f"x:{admin.id}:{ids[0]}-{ids[-1]}:{len(ids)}",
                        kind="uncertain",
                        chat_id=admin.telegram_user_id,
                        member_id=admin.id,
                        agency_id=None,
                        period_id=0,
                        day=now.date(),
                        due_at=now,
                        reason=f"{len(ids)} reminders uncertain",
                        payload={"ids": ids},
                    )
                    for admin in people
                ],
            )
            await session.execute(
                update(ReminderDelivery).where(ReminderDelivery.id.in_(ids)).values(reported_at=now)
            )
        log.warning("%d reminders are uncertain (not resent); the admins are told", len(ids))
        return len(ids)
