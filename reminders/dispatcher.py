"""The reminder dispatcher: each tick plans due reminders into the database (once per key),
then claims and sends them. Safe across restarts and across instances sharing PostgreSQL."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

import conversation
from access.roster import coordinator_chats, coordinators_of, officers_of
from periods.calendar import WorkingCalendar
from periods.owing import owed
from periods.store import chased_periods, load_calendar, schedule_of
from plans.active import active_plans
from reminders.delivery import (
    DigestView,
    EscalationView,
    LateAgency,
    ReminderView,
    Sender,
    TaskLine,
    TryLater,
    Unreachable,
    UnreachableView,
    View,
)
from reminders.policy import ReminderKind, reminders_due
from storage.db import Database
from storage.models import (
    Agency,
    BotState,
    Member,
    Plan,
    ReminderDelivery,
    Report,
    ReportingPeriod,
    Task,
)
from storage.upsert import insert_ignore, upsert

log = logging.getLogger("dondoc.reminders")

MAX_ATTEMPTS = 8
CATCH_UP_DAYS = 7
STALE_CLAIM = timedelta(minutes=10)
MAX_OVERDUE_DAYS = 10


@dataclass(frozen=True)
class Planned:
    """One reminder the planner wants sent (what `dondoc remind --dry-run` lists)."""

    key: str
    kind: str
    chat_id: int
    member_id: int | None
    agency_id: int | None
    period_id: int
    day: date
    due_at: datetime
    reason: str
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass
class TickReport:
    planned: int = 0
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    retried: int = 0
    unreachable: int = 0
    not_reachable_members: int = 0


URGENCY = (ReminderKind.OVERDUE, ReminderKind.DUE, ReminderKind.BEFORE)


def most_urgent(due: list[Any]) -> tuple[str, int] | None:
    """One reminder a day per agency and period: the most urgent of those due (overdue ones
    stop after MAX_OVERDUE_DAYS working days; the coordinators have been told by then)."""
    for kind in URGENCY:
        for item in due:
            if item.kind is kind and not (
                kind is ReminderKind.OVERDUE and item.days > MAX_OVERDUE_DAYS
            ):
                return kind.value, item.days
    return None


class Dispatcher:
    """Plans and sends reminders; one `tick()` per scheduler interval."""

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
    ) -> None:
        self.db = db
        self.sender = sender
        self.clock = clock
        self.calendar_settings = calendar_settings or {}
        self.digest = digest
        self.instance_id = instance_id or uuid.uuid4().hex[:16]
        self.concurrency = concurrency
        self._lock = asyncio.Lock()
        self.skipped_members: set[int] = set()

    async def calendar(self, session: AsyncSession) -> WorkingCalendar:
        return await load_calendar(session, **self.calendar_settings)

    async def tick(self) -> TickReport:
        """Plan what is due today (and what was missed while down), then send what is due."""
        async with self._lock:
            report = TickReport()
            report.planned = await self.plan()
            report.not_reachable_members = len(self.skipped_members)
            await self.dispatch(report)
            return report

    # -- planning ------------------------------------------------------------------------------
    async def due_reminders(self, session: AsyncSession, now: datetime) -> list[Planned]:
        """Every reminder due today, plus the latest one missed in the last days while down."""
        self.skipped_members = set()
        calendar = await self.calendar(session)
        today = calendar.local_date(now)
        state = await session.get(BotState, "planner")
        last = date.fromisoformat(state.value["day"]) if state and state.value.get("day") else None
        first = (
            today
            if last is None
            else max(last + timedelta(days=1), today - timedelta(CATCH_UP_DAYS))
        )
        days = [first + timedelta(d) for d in range((today - first).days + 1)] or [today]
        latest: dict[tuple[str, int, int], Planned] = {}
        for day in days:
            due = await self._due_on(session, day, calendar, now, missed=day < today)
            due += await self._digests_on(session, day, calendar, now)
            for planned in due:
                latest[
                    (
                        planned.kind if planned.kind == "escalate" else "r",
                        planned.chat_id,
                        planned.period_id,
                    )
                ] = planned
        return list(latest.values())

    async def _due_on(
        self,
        session: AsyncSession,
        day: date,
        calendar: WorkingCalendar,
        now: datetime,
        *,
        missed: bool,
    ) -> list[Planned]:
        result: list[Planned] = []
        send_at = now if missed else calendar.opening(day)
        for plan in await active_plans(session):
            schedule = schedule_of(plan)
            coordinators = await coordinator_chats(session, plan)
            for period in await chased_periods(session, plan, day, calendar):
                missing = await owed(session, period)
                by_agency: dict[int, list[date]] = defaultdict(list)
                for item in missing:
                    if item.deadline not in by_agency[item.agency_id]:
                        by_agency[item.agency_id].append(item.deadline)
                escalate: list[int] = []
                chosen_by_agency: dict[int, tuple[str, int]] = {}
                for agency_id, deadlines in by_agency.items():
                    due_today = [
                        due
                        for agency_deadline in deadlines
                        for due in reminders_due(
                            day,
                            agency_deadline,
                            calendar,
                            remind_days_before=tuple(schedule.remind_days_before),
                            escalate_after_days=schedule.escalate_after_days,
                        )
                    ]
                    if any(d.kind is ReminderKind.ESCALATE for d in due_today):
                        escalate.append(agency_id)
                    chosen = most_urgent(due_today)
                    if chosen is None and period.kind == "adhoc" and day == period.starts_on:
                        chosen = ("adhoc", 0)
                    if chosen is not None:
                        chosen_by_agency[agency_id] = chosen
                # officers are loaded only for the agencies that have a reminder due today
                for member in await officers_of(session, chosen_by_agency):
                    if not member.reachable or member.reminders_opt_out:
                        self.skipped_members.add(member.id)
                        continue
                    assert member.agency_id is not None
                    kind, days = chosen_by_agency[member.agency_id]
                    result.append(
                        Planned(
                            key=f"r:{period.id}:{member.id}:{day.isoformat()}:{kind}",
                            kind=kind,
                            chat_id=member.telegram_user_id,
                            member_id=member.id,
                            agency_id=member.agency_id,
                            period_id=period.id,
                            day=day,
                            due_at=send_at,
                            reason=f"{period.label}: {kind} ({days} working days)",
                            payload={"days": days},
                        )
                    )
                if escalate:
                    for chat_id, member_id in coordinators:
                        result.append(
                            Planned(
                                key=f"e:{period.id}:{chat_id}:{day.isoformat()}",
                                kind="escalate",
                                chat_id=chat_id,
                                member_id=member_id,
                                agency_id=None,
                                period_id=period.id,
                                day=day,
                                due_at=send_at,
                                reason=f"{period.label}: {len(escalate)} agencies late",
                                payload={"agency_ids": sorted(set(escalate))},
                            )
                        )
        return result

    async def _digests_on(
        self, session: AsyncSession, day: date, calendar: WorkingCalendar, now: datetime
    ) -> list[Planned]:
        """The weekly digest to each plan's coordinators and group chat, once a week."""
        if self.digest is None or day.weekday() != self.digest[0]:
            return []
        send_at = datetime.combine(day, self.digest[1], calendar.tz)
        if send_at > now:
            return []
        year, week, _ = day.isocalendar()
        result = []
        for plan in await active_plans(session):
            periods = [p for p in await chased_periods(session, plan, day, calendar)]
            if not periods:
                continue
            upcoming = [p for p in periods if p.deadline >= day]
            period = min(upcoming, key=lambda p: p.deadline) if upcoming else periods[-1]
            for chat_id, member_id in await coordinator_chats(session, plan):
                result.append(
                    Planned(
                        key=f"d:{plan.id}:{chat_id}:{year}-W{week:02d}",
                        kind="digest",
                        chat_id=chat_id,
                        member_id=member_id,
                        agency_id=None,
                        period_id=period.id,
                        day=day,
                        due_at=send_at,
                        reason=f"weekly digest of {plan.number}",
                    )
                )
        return result

    async def preview(self) -> list[tuple[Planned, str | None]]:
        """What a tick would plan now, with the status of rows that exist already; writes
        nothing (the transaction is rolled back)."""
        now = self.clock()
        async with self.db.sessions() as session:
            planned = await self.due_reminders(session, now)
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

    async def plan(self) -> int:
        """Insert the due reminders; a key that exists already is left alone."""
        now = self.clock()
        async with self.db.transaction() as session:
            planned = await self.due_reminders(session, now)
            created = 0
            for item in planned:
                created += await insert_delivery(session, item)
            calendar = await self.calendar(session)
            await upsert(
                session,
                BotState,
                {
                    "key": "planner",
                    "value": {"day": calendar.local_date(now).isoformat()},
                    "updated_at": now,
                },
                ["key"],
                ["value", "updated_at"],
            )
        return created

    # -- sending -------------------------------------------------------------------------------
    async def claim(self, now: datetime, limit: int = 1) -> list[ReminderDelivery]:
        """Take due deliveries for this instance; another instance skips them (SKIP LOCKED)."""
        async with self.db.transaction() as session:
            await session.execute(
                update(ReminderDelivery)
                .where(
                    ReminderDelivery.status == "sending",
                    ReminderDelivery.claimed_at < now - STALE_CLAIM,
                )
                .values(status="uncertain", error="claimed but not confirmed; not resent")
            )
            ids = list(
                (
                    await session.scalars(
                        select(ReminderDelivery.id)
                        .where(ReminderDelivery.status == "pending", ReminderDelivery.due_at <= now)
                        .order_by(ReminderDelivery.due_at, ReminderDelivery.id)
                        .limit(limit)
                        .with_for_update(skip_locked=True)
                    )
                ).all()
            )
            if not ids:
                return []
            claimed = (
                await session.scalars(
                    update(ReminderDelivery)
                    .where(ReminderDelivery.id.in_(ids), ReminderDelivery.status == "pending")
                    .values(status="sending", claimed_by=self.instance_id, claimed_at=now)
                    .returning(ReminderDelivery)
                )
            ).all()
            return sorted(claimed, key=lambda d: (d.due_at, d.id))

    async def dispatch(self, report: TickReport | None = None) -> TickReport:
        """Send what is due, in working hours. Each of `concurrency` workers claims one
        delivery at a time, so a crash can leave at most that many unconfirmed."""
        report = report or TickReport()
        now = self.clock()
        async with self.db.transaction() as session:
            calendar = await self.calendar(session)
        if not calendar.is_working_time(now):
            return report

        async def worker() -> None:
            while claimed := await self.claim(now, limit=1):
                for delivery in claimed:
                    if await self.superseded(delivery):
                        await self._finish([delivery.id], status="superseded")
                        report.skipped += 1
                    else:
                        await self.deliver(delivery, report)

        await asyncio.gather(*(worker() for _ in range(self.concurrency)))
        return report

    async def superseded(self, delivery: ReminderDelivery) -> bool:
        """A newer reminder for the same chat and period says it all (e.g. one planned while
        the bot was down, and today's)."""
        if delivery.kind in ("unreachable", "digest"):
            return False
        escalation = delivery.kind == "escalate"
        same_group = (
            ReminderDelivery.kind == "escalate"
            if escalation
            else ReminderDelivery.kind.not_in(("escalate", "unreachable", "digest"))
        )
        async with self.db.transaction() as session:
            newer = await session.scalar(
                select(ReminderDelivery.id)
                .where(
                    ReminderDelivery.chat_id == delivery.chat_id,
                    ReminderDelivery.period_id == delivery.period_id,
                    ReminderDelivery.day > delivery.day,
                    ReminderDelivery.status.in_(("pending", "sending", "sent")),
                    same_group,
                )
                .limit(1)
            )
        return newer is not None

    async def deliver(self, delivery: ReminderDelivery, report: TickReport) -> None:
        view = await self.view_for(delivery)
        if view is None:
            await self._finish([delivery.id], status="skipped", error="nothing missing any more")
            report.skipped += 1
            return
        try:
            message_id = await self.sender.send(delivery.chat_id, view)
        except Unreachable as exc:
            report.unreachable += 1
            await self.mark_unreachable(delivery, str(exc))
            return
        except TryLater as exc:
            await self.retry_later(delivery, str(exc), exc.retry_after, report)
            return
        except Exception as exc:  # a bug or an unexpected answer: never kill the loop
            log.exception("reminder %s failed", delivery.key)
            await self.retry_later(delivery, repr(exc), None, report)
            return
        async with self.db.transaction() as session:
            await session.execute(
                update(ReminderDelivery)
                .where(ReminderDelivery.id == delivery.id)
                .values(status="sent", sent_at=self.clock(), message_id=message_id, error=None)
            )
            if isinstance(view, ReminderView):
                conversation.record_sent(
                    session,
                    chat_id=delivery.chat_id,
                    message_id=message_id,
                    member_id=delivery.member_id,
                    about=conversation.reminder_about(
                        view.period_id,
                        delivery.agency_id,
                        [(t.task_id, t.ref) for t in view.tasks],
                    ),
                    now=self.clock(),
                )
        report.sent += 1

    async def view_for(self, delivery: ReminderDelivery) -> View | None:
        """What the message says, from the database as it is now (None: no longer relevant)."""
        async with self.db.transaction() as session:
            if delivery.kind == "unreachable":
                return UnreachableView(
                    delivery.payload.get("member_name", ""), delivery.payload.get("agency_name", "")
                )
            period = await session.get(ReportingPeriod, delivery.period_id)
            if period is None:
                return None
            plan = await session.get(Plan, period.plan_id)
            assert plan is not None
            if delivery.kind == "digest":
                return await self._digest_view(session, plan, period, delivery)
            if delivery.kind == "escalate":
                return await self._escalation_view(session, plan, period, delivery)
            if delivery.member_id is not None:
                member = await session.get(Member, delivery.member_id)
                if member is None or not member.active or member.reminders_opt_out:
                    return None
            missing = await owed(session, period, [delivery.agency_id or 0])
            if not missing:
                return None
            agency = await session.get(Agency, delivery.agency_id)
            calendar = await self.calendar(session)
            today = calendar.local_date(self.clock())
            leads = [m.deadline for m in missing if m.role == "lead"]
            header_deadline = max(leads) if leads else min(m.deadline for m in missing)
            kind, days = "adhoc", 0
            if period.kind != "adhoc" or delivery.kind != "adhoc":
                days = calendar.working_days_between(
                    today, calendar.next_working_day(header_deadline)
                )
                kind = "before" if days > 0 else "due" if days == 0 else "overdue"
            tasks = tuple(
                dict.fromkeys(
                    TaskLine(m.task_id, m.ref, m.title, m.role, m.deadline) for m in missing
                )
            )
            return ReminderView(
                kind=kind,
                days=abs(days),
                plan_number=plan.number,
                agency_name=agency.name if agency else "",
                period_id=period.id,
                period_label=period.label,
                deadline=header_deadline,
                tasks=tasks,
                adhoc_note=period.request_note,
            )

    async def _digest_view(
        self,
        session: AsyncSession,
        plan: Plan,
        period: ReportingPeriod,
        delivery: ReminderDelivery,
    ) -> DigestView:
        """What changed since this chat's previous digest of the plan, who is late, new blockers."""
        previous = await session.scalar(
            select(func.max(ReminderDelivery.sent_at)).where(
                ReminderDelivery.kind == "digest",
                ReminderDelivery.chat_id == delivery.chat_id,
                ReminderDelivery.key.like(f"d:{plan.id}:%"),
            )
        )
        since = previous or self.clock() - timedelta(days=7)
        in_plan = Report.task_id.in_(select(Task.id).where(Task.plan_id == plan.id))
        new_reports, done = (
            await session.execute(
                select(
                    func.count(Report.id),
                    func.sum(case((Report.status == "done", 1), else_=0)),
                ).where(in_plan, Report.reported_at >= since)
            )
        ).one()
        missing = await owed(session, period)
        late_ids = sorted({m.agency_id for m in missing})
        names = dict(
            (
                await session.execute(select(Agency.id, Agency.name).where(Agency.id.in_(late_ids)))
            ).all()
        )
        blocked = (
            await session.execute(
                select(Agency.name, Task.ref, Report.note)
                .join(Task, Task.id == Report.task_id)
                .join(Agency, Agency.id == Report.agency_id)
                .where(in_plan, Report.status == "blocked", Report.reported_at >= since)
                .order_by(Report.reported_at.desc())
                .limit(10)
            )
        ).all()
        return DigestView(
            plan.number,
            period.label,
            period.deadline,
            int(new_reports or 0),
            int(done or 0),
            tuple(sorted(names.values())),
            tuple((a, r, n) for a, r, n in blocked),
        )

    async def _escalation_view(
        self,
        session: AsyncSession,
        plan: Plan,
        period: ReportingPeriod,
        delivery: ReminderDelivery,
    ) -> EscalationView | None:
        """Every agency of the period still late after the grace days, not only today's."""
        calendar = await self.calendar(session)
        today = calendar.local_date(self.clock())
        grace = schedule_of(plan).escalate_after_days
        missing = [
            item
            for item in await owed(session, period)
            if calendar.working_days_between(calendar.next_working_day(item.deadline), today)
            >= grace
        ]
        if not missing:
            return None
        counts: dict[int, int] = defaultdict(int)
        for item in missing:
            counts[item.agency_id] += 1
        agencies = {
            a.id: a
            for a in (await session.scalars(select(Agency).where(Agency.id.in_(counts)))).all()
        }
        officers = await officers_of(session, counts)
        late = tuple(
            LateAgency(
                agencies[agency_id].name,
                count,
                sum(1 for m in officers if m.agency_id == agency_id and m.reachable),
            )
            for agency_id, count in sorted(counts.items(), key=lambda kv: agencies[kv[0]].name)
        )
        return EscalationView(plan.number, period.label, period.deadline, late)

    async def _finish(self, ids: list[int], *, status: str, error: str | None = None) -> None:
        async with self.db.transaction() as session:
            await session.execute(
                update(ReminderDelivery)
                .where(ReminderDelivery.id.in_(ids))
                .values(status=status, error=error)
            )

    async def retry_later(
        self,
        delivery: ReminderDelivery,
        error: str,
        retry_after: float | None,
        report: TickReport,
    ) -> None:
        attempts = delivery.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            await self._finish([delivery.id], status="failed", error=error)
            report.failed += 1
            return
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
        report.retried += 1

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
            for coordinator in coordinators:
                await insert_delivery(
                    session,
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
                    ),
                )


async def insert_delivery(session: AsyncSession, item: Planned) -> int:
    """Insert unless the key exists (ON CONFLICT DO NOTHING); 1 if inserted."""
    values = {
        "key": item.key,
        "kind": item.kind,
        "period_id": item.period_id or None,
        "member_id": item.member_id,
        "agency_id": item.agency_id,
        "chat_id": item.chat_id,
        "day": item.day,
        "due_at": item.due_at,
        "status": "pending",
        "attempts": 0,
        "payload": item.payload,
        "created_at": item.due_at,
    }
    return await insert_ignore(session, ReminderDelivery, values, ["key"])


@dataclass(frozen=True)
class RemindNow:
    """What a coordinator's "remind now" did: reminders queued, or, when the period's late
    agencies were already reminded by hand today, when that was and how many went out."""

    queued: int
    earlier: datetime | None = None
    earlier_count: int = 0


async def remind_now(
    session: AsyncSession, period: ReportingPeriod, now: datetime, tz: tzinfo = UTC
) -> RemindNow:
    """A coordinator's "remind now": one reminder for each officer of each late agency, once a
    day (a second press the same day queues nothing and says when the first one was)."""
    local_day = now.astimezone(tz).date()
    day_start = datetime.combine(local_day, time(0), tzinfo=tz)
    earlier = (
        await session.execute(
            select(func.max(ReminderDelivery.due_at), func.count()).where(
                ReminderDelivery.period_id == period.id,
                ReminderDelivery.kind == "manual",
                ReminderDelivery.due_at >= day_start,
            )
        )
    ).one()
    if earlier[1]:
        return RemindNow(0, earlier[0], earlier[1])
    missing = await owed(session, period)
    agency_ids = {m.agency_id for m in missing}
    stamp = now.strftime("%Y%m%d%H%M")
    created = 0
    for member in await officers_of(session, agency_ids):
        if not member.reachable or member.reminders_opt_out:
            continue
        created += await insert_delivery(
            session,
            Planned(
                key=f"m:{period.id}:{member.id}:{stamp}",
                kind="manual",
                chat_id=member.telegram_user_id,
                member_id=member.id,
                agency_id=member.agency_id,
                period_id=period.id,
                day=now.date(),
                due_at=now,
                reason="remind now",
            ),
        )
    return RemindNow(created)
