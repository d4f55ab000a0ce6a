"""The reminder tick: plan what is due (`planner`), then send it through the `outbox`, one
row claimed just before its message goes out. One `tick()` per scheduler interval."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import select

import conversation
from periods.calendar import WorkingCalendar
from periods.store import load_calendar
from reminders.outbox import DEAD_AFTER, Outbox, Pacer
from reminders.planner import Planned, Planner
from reminders.sender import Rejected, Sender, TryLater, Uncertain, Unreachable
from reminders.views import FigureRequestView, ReminderView, view_for
from storage.db import Database
from storage.models import ReminderDelivery

log = logging.getLogger("dondoc.reminders")

# Telegram allows ~30 messages a second; the bot's own limiter allows 29 (bot/app.py). The
# outbox paces itself a little below that, so the bot's limiter has no queue to build.
SEND_RATE = 28.0


@dataclass
class TickReport:
    planned: int = 0
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    retried: int = 0
    unreachable: int = 0
    uncertain: int = 0
    not_reachable_members: int = 0


class Dispatcher:
    """Plans and sends reminders; at most `concurrency` messages in flight at once, so a crash
    can leave at most that many unconfirmed (reported as uncertain, never resent)."""

    def __init__(
        self,
        db: Database,
        sender: Sender,
        *,
        clock: Callable[[], datetime],
        calendar_settings: dict[str, Any] | None = None,
        digest: tuple[int, time] | None = None,
        instance_id: str | None = None,
        concurrency: int = 8,
        rate: float = SEND_RATE,
        dead_after: timedelta = DEAD_AFTER,
    ) -> None:
        self.db = db
        self.sender = sender
        self.clock = clock
        self.calendar_settings = calendar_settings or {}
        self.planner = Planner(digest=digest)
        self.instance_id = instance_id or uuid.uuid4().hex[:16]
        self.outbox = Outbox(db, clock, self.instance_id, dead_after=dead_after)
        self.pacer = Pacer(rate)
        self.concurrency = concurrency
        self._lock = asyncio.Lock()
        self._sending = asyncio.Lock()

    @property
    def skipped_members(self) -> set[int]:
        return self.planner.skipped_members

    async def tick(self) -> TickReport:
        """Plan what is due today (and what was missed while down), then send what is due."""
        async with self._lock:
            report = TickReport()
            now = self.clock()
            async with self.db.transaction() as session:
                # the working calendar is read once per tick and used by every step
                calendar = await load_calendar(session, **self.calendar_settings)
                report.planned = await self.planner.plan_if_needed(session, now, calendar)
            report.not_reachable_members = len(self.planner.skipped_members)
            await self.outbox.expire_stale_claims(now)
            await self.outbox.report_uncertain(now)
            await self.dispatch(calendar, report)
            return report

    async def plan(self) -> int:
        """Plan now, whether or not something changed (`dondoc remind`)."""
        now = self.clock()
        async with self.db.transaction() as session:
            calendar = await load_calendar(session, **self.calendar_settings)
            return await self.planner.plan(session, now, calendar)

    async def preview(self) -> list[tuple[Planned, str | None]]:
        """What planning would write now, with the status of rows that exist already; writes
        nothing (the transaction is rolled back)."""
        now = self.clock()
        async with self.db.sessions() as session:
            calendar = await load_calendar(session, **self.calendar_settings)
            planned = await self.planner.due(session, now, calendar)
            keys = [p.key for p in planned]
            existing = dict(
                (
                    await session.execute(
                        select(ReminderDelivery.key, ReminderDelivery.status).where(
                            ReminderDelivery.key.in_(keys)
                        )
                    )
                ).all()
            )
            await session.rollback()
        return [(p, existing.get(p.key)) for p in planned]

    async def dispatch(
        self, calendar: WorkingCalendar | None = None, report: TickReport | None = None
    ) -> TickReport:
        """Send what is due, in working hours: each worker waits for its turn under the rate
        limit, then claims one row and sends it at once. One sending loop per instance (a
        second call while one runs leaves the work to it), so at most `concurrency` messages
        are ever in flight."""
        report = report or TickReport()
        if self._sending.locked():
            return report
        async with self._sending:
            if calendar is None:
                async with self.db.transaction() as session:
                    calendar = await load_calendar(session, **self.calendar_settings)
            now = self.clock()
            if not calendar.is_working_time(now) or not await self.outbox.has_due(now):
                return report

            async def worker() -> None:
                while True:
                    await self.pacer.wait()
                    delivery = await self.outbox.claim(self.clock())
                    if delivery is None:
                        return
                    await self.deliver(delivery, calendar, report)

            await asyncio.gather(*(worker() for _ in range(self.concurrency)))
        return report

    async def deliver(
        self, delivery: ReminderDelivery, calendar: WorkingCalendar, report: TickReport
    ) -> None:
        if await self.outbox.superseded(delivery):
            await self.outbox.finish(delivery, "superseded", None)
            report.skipped += 1
            return
        async with self.db.transaction() as session:
            view = await view_for(session, delivery, calendar, self.clock())
        if view is None:
            await self.outbox.finish(delivery, "skipped", "nothing to say any more")
            report.skipped += 1
            return
        try:
            message_id = await self.sender.send(delivery.chat_id, view)
        except Unreachable as exc:
            report.unreachable += 1
            await self.outbox.mark_unreachable(delivery, str(exc))
            return
        except Uncertain as exc:
            report.uncertain += 1
            await self.outbox.mark_uncertain(delivery, str(exc))
            return
        except Rejected as exc:
            report.failed += 1
            await self.outbox.finish(delivery, "failed", f"rejected: {exc}")
            return
        except TryLater as exc:
            retried = await self.outbox.retry_later(delivery, str(exc), exc.retry_after)
            report.retried += retried
            report.failed += not retried
            return
        except Exception as exc:  # a bug or an unexpected answer: never kill the loop
            log.exception("reminder %s failed", delivery.key)
            retried = await self.outbox.retry_later(delivery, repr(exc), None)
            report.retried += retried
            report.failed += not retried
            return
        about = None
        if isinstance(view, ReminderView):
            # what the reminder asked: a reply to it refers to these tasks
            about = conversation.reminder_about(
                view.period_id, delivery.agency_id, [(t.task_id, t.ref) for t in view.tasks]
            )
        elif isinstance(view, FigureRequestView):
            # a reply to it gives these indicators' figures ("1. 41,2%" is line 1)
            about = conversation.About(
                conversation.FIGURES,
                period_id=view.period_id,
                agency_id=delivery.agency_id,
                indicator_ids=tuple(line.indicator_id for line in view.lines),
                numbered=True,
            )
        await self.outbox.sent(delivery, message_id, about)
        report.sent += 1
