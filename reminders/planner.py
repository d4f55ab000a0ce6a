"""The day's planning: which reminders are due, written once each (by key) into the outbox.

Planning reads every active plan, so it runs once a day and again only when something it
depends on changed (a plan, a task, an assignment, a member, a declared day, a new ad-hoc
request): a tick with nothing new costs one small query, not a pass over every plan."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from access.roster import admins, coordinator_chats, officer_contacts, reachable_since
from periods.calendar import WorkingCalendar
from periods.owing import owed
from periods.store import chased_periods, plan_kinds, schedule_of
from plans.active import active_plans
from reminders.policy import ReminderKind, reminders_due
from reminders.views import FIGURES, unregistered_agencies
from reports.targets import figure_moments, figure_period, figures_owed, plans_with_owners
from storage.models import (
    Assignment,
    BotState,
    CalendarDay,
    Indicator,
    Member,
    Plan,
    ReminderDelivery,
    ReportingPeriod,
    Task,
)
from storage.upsert import upsert

log = logging.getLogger("dondoc.reminders")

CATCH_UP_DAYS = 7
MAX_OVERDUE_DAYS = 10
INSERT_BATCH = 2000
STATE_KEY = "planner"


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


async def fingerprint(session: AsyncSession) -> list[Any]:
    """What planning depends on, in one query: it changes when a plan, task, assignment,
    member, declared day, ad-hoc request or indicator is added or changed."""
    scalar = select  # each part is a scalar subquery of one aggregate
    parts = [
        scalar(func.count(Plan.id), func.max(Plan.updated_at)).where(Plan.active),
        scalar(func.count(Task.id)).where(Task.active),
        scalar(func.count(Assignment.id), func.max(Assignment.id)),
        scalar(func.count(Member.id), func.max(Member.updated_at), func.max(Member.id)),
        scalar(func.count(), func.max(CalendarDay.day)).select_from(CalendarDay),
        scalar(func.max(ReportingPeriod.id)).where(ReportingPeriod.kind == "adhoc"),
        # an indicator added or given another owner: who is asked for its figures
        scalar(func.count(Indicator.id), func.max(Indicator.updated_at)),
    ]
    values: list[Any] = []
    for part in parts:
        row = (await session.execute(part)).one()
        values += [v.isoformat() if isinstance(v, datetime | date) else v for v in row]
    return values


class Planner:
    """Works out the reminders due and writes them into the outbox."""

    def __init__(self, *, digest: tuple[int, time] | None = None) -> None:
        self.digest = digest
        self.skipped_members: set[int] = set()

    async def plan_if_needed(
        self, session: AsyncSession, now: datetime, calendar: WorkingCalendar
    ) -> int:
        """Plan unless today was planned already and nothing it depends on changed."""
        today = calendar.local_date(now)
        state = await session.get(BotState, STATE_KEY)
        current = await fingerprint(session)
        if (
            state is not None
            and state.value.get("day") == today.isoformat()
            and state.value.get("fingerprint") == current
        ):
            return 0
        return await self.plan(session, now, calendar, current)

    async def plan(
        self,
        session: AsyncSession,
        now: datetime,
        calendar: WorkingCalendar,
        current: list[Any] | None = None,
    ) -> int:
        """Insert the due reminders; a key that exists already is left alone."""
        planned = await self.due(session, now, calendar)
        created = await insert_deliveries(session, planned)
        await upsert(
            session,
            BotState,
            {
                "key": STATE_KEY,
                "value": {
                    "day": calendar.local_date(now).isoformat(),
                    "fingerprint": current if current is not None else await fingerprint(session),
                },
                "updated_at": now,
            },
            ["key"],
            ["value", "updated_at"],
        )
        return created

    async def due(
        self, session: AsyncSession, now: datetime, calendar: WorkingCalendar
    ) -> list[Planned]:
        """Every reminder due today, plus the latest one missed in the last days while down."""
        self.skipped_members = set()
        today = calendar.local_date(now)
        state = await session.get(BotState, STATE_KEY)
        last = date.fromisoformat(state.value["day"]) if state and state.value.get("day") else None
        first = (
            today
            if last is None
            else max(min(last + timedelta(days=1), today), today - timedelta(CATCH_UP_DAYS))
        )
        days = [first + timedelta(d) for d in range((today - first).days + 1)]
        plans = await active_plans(session)
        latest: dict[tuple[int, int], Planned] = {}
        escalations: dict[int, tuple[int | None, set[int]]] = {}
        digests: dict[int, tuple[int | None, set[int], datetime]] = {}
        for day in days:
            missed = day < today
            for plan in plans:
                chats = await coordinator_chats(session, plan)
                periods = await chased_periods(session, plan, day, calendar)
                for period in periods:
                    reminders, escalate = await self._due_for_period(
                        session, plan, period, day, calendar, now if missed else None
                    )
                    for planned in reminders:  # one per chat and period: the latest day's
                        latest[(planned.chat_id, planned.period_id)] = planned
                    if escalate:
                        for chat_id, member_id in chats:
                            escalations.setdefault(chat_id, (member_id, set()))[1].add(period.id)
                digest_at = self._digest_at(day, calendar)
                if digest_at is not None:
                    period = digest_period(periods, day)
                    if period is not None:
                        for chat_id, member_id in chats:
                            digests.setdefault(chat_id, (member_id, set(), digest_at))[1].add(
                                period.id
                            )
        result = list(latest.values())
        result += self._coordinator_messages(today, calendar, escalations, digests)
        result += await self._no_officer_notices(session, today, calendar, now)
        result += await self._figure_requests(session, today, calendar)
        return result

    async def _figure_requests(
        self, session: AsyncSession, today: date, calendar: WorkingCalendar
    ) -> list[Planned]:
        """Once a figure moment, to each officer of an agency that provides an indicator's
        figures and has not sent it for the moment (docs/counting.md, section 9): one message
        per plan and moment, by key, so it is sent once."""
        plan_ids = set(await plans_with_owners(session))
        if not plan_ids:
            return []
        result: list[Planned] = []
        for plan in await active_plans(session):
            if plan.id not in plan_ids:
                continue
            kinds = await plan_kinds(session, plan)
            for moment in figure_moments(plan, calendar, kinds, today):
                period = await figure_period(session, plan, moment, calendar)
                owed = await figures_owed(session, period)
                for member in await officer_contacts(session, owed):
                    if not member.reachable or member.opted_out:
                        self.skipped_members.add(member.id)
                        continue
                    result.append(
                        Planned(
                            key=f"f:{period.id}:{member.id}",
                            kind=FIGURES,
                            chat_id=member.telegram_user_id,
                            member_id=member.id,
                            agency_id=member.agency_id,
                            period_id=period.id,
                            day=today,
                            due_at=calendar.opening(today),
                            reason=f"{period.key}: figures of {len(owed[member.agency_id])}",
                        )
                    )
        return result

    async def _due_for_period(
        self,
        session: AsyncSession,
        plan: Plan,
        period: ReportingPeriod,
        day: date,
        calendar: WorkingCalendar,
        missed_at: datetime | None,
    ) -> tuple[list[Planned], bool]:
        """The officers' reminders for one period on one day, and whether to escalate."""
        schedule = schedule_of(plan)
        send_at = missed_at or calendar.opening(day)
        by_agency: dict[int, list[date]] = defaultdict(list)
        missing = await owed(session, period)
        # an agency whose first officer joined after a deadline is chased from that day: its
        # days "quá hạn" for reminders and escalation count from when it could be reminded
        joined = await reachable_since(session, {m.agency_id for m in missing}, calendar.tz)
        for item in missing:
            due = max(item.deadline, joined.get(item.agency_id, item.deadline))
            if due not in by_agency[item.agency_id]:
                by_agency[item.agency_id].append(due)
        escalate = False
        chosen_by_agency: dict[int, tuple[str, int]] = {}
        # agencies share a few deadlines (the lead's, the supporting one): work each out once
        by_deadline = {
            deadline: reminders_due(
                day,
                deadline,
                calendar,
                remind_days_before=tuple(schedule.remind_days_before),
                escalate_after_days=schedule.escalate_after_days,
            )
            for deadline in {d for deadlines in by_agency.values() for d in deadlines}
        }
        for agency_id, deadlines in by_agency.items():
            due_today = [due for deadline in deadlines for due in by_deadline[deadline]]
            escalate = escalate or any(d.kind is ReminderKind.ESCALATE for d in due_today)
            chosen = most_urgent(due_today)
            if chosen is None and period.kind == "adhoc" and day == period.starts_on:
                chosen = ("adhoc", 0)
            if chosen is not None:
                chosen_by_agency[agency_id] = chosen
        result: list[Planned] = []
        # officers are loaded only for the agencies that have a reminder due today
        for member in await officer_contacts(session, chosen_by_agency):
            if not member.reachable or member.opted_out:
                self.skipped_members.add(member.id)
                continue
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
                    reason=f"{period.key}: {kind} ({days} working days)",
                    payload={"days": days},
                )
            )
        return result, escalate

    def _digest_at(self, day: date, calendar: WorkingCalendar) -> datetime | None:
        if self.digest is None or day.weekday() != self.digest[0]:
            return None
        return datetime.combine(day, self.digest[1], calendar.tz)

    def _coordinator_messages(
        self,
        today: date,
        calendar: WorkingCalendar,
        escalations: dict[int, tuple[int | None, set[int]]],
        digests: dict[int, tuple[int | None, set[int], datetime]],
    ) -> list[Planned]:
        """At most one message a day per coordinator (and group chat): the day's escalations
        and, on digest day, the weekly digest, sent together at the later of their times."""
        result = []
        for chat_id in sorted(set(escalations) | set(digests)):
            member_id, escalate = escalations.get(chat_id, (None, set()))
            digest_member, digest, digest_at = digests.get(chat_id, (None, set(), None))
            opening = calendar.opening(today)
            result.append(
                Planned(
                    key=f"c:{chat_id}:{today.isoformat()}",
                    kind="coordinator",
                    chat_id=chat_id,
                    member_id=member_id if member_id is not None else digest_member,
                    agency_id=None,
                    period_id=0,
                    day=today,
                    due_at=max(opening, digest_at) if digest_at else opening,
                    reason=f"{len(escalate)} periods escalated, {len(digest)} digests",
                    payload={"escalate": sorted(escalate), "digest": sorted(digest)},
                )
            )
        return result

    async def _no_officer_notices(
        self, session: AsyncSession, today: date, calendar: WorkingCalendar, now: datetime
    ) -> list[Planned]:
        """Once a week, to each admin: the agencies nobody is registered to be reminded for
        (the message is built again when it goes out)."""
        if not calendar.is_working_day(today) or not await unregistered_agencies(session):
            return []
        year, week, _ = today.isocalendar()
        return [
            Planned(
                key=f"n:{admin.id}:{year}-W{week:02d}",
                kind="no_officer",
                chat_id=admin.telegram_user_id,
                member_id=admin.id,
                agency_id=None,
                period_id=0,
                day=today,
                due_at=max(calendar.opening(today), now),
                reason="agencies without a registered officer",
            )
            for admin in await admins(session)
        ]


def digest_period(periods: Sequence[ReportingPeriod], day: date) -> ReportingPeriod | None:
    """The period a digest is about: the next deadline, else the latest one passed."""
    if not periods:
        return None
    upcoming = [p for p in periods if p.deadline >= day]
    return min(upcoming, key=lambda p: p.deadline) if upcoming else periods[-1]


def delivery_values(item: Planned) -> dict[str, Any]:
    return {
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


async def insert_deliveries(session: AsyncSession, items: Iterable[Planned]) -> int:
    """Insert unless the key exists (ON CONFLICT DO NOTHING), as one executemany; how many
    were new."""
    from sqlalchemy.dialects.postgresql import insert as pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    rows = [delivery_values(item) for item in items]
    if not rows:
        return 0
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    table = ReminderDelivery.__table__
    statement = insert(table).on_conflict_do_nothing(index_elements=["key"]).returning(table.c.id)
    created = 0
    for start in range(0, len(rows), INSERT_BATCH):
        result = await session.execute(statement, rows[start : start + INSERT_BATCH])
        created += len(result.all())
    return created


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
    created = await insert_deliveries(
        session,
        [
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
            )
            for member in await officer_contacts(session, agency_ids)
            if member.reachable and not member.opted_out
        ],
    )
    return RemindNow(created)
