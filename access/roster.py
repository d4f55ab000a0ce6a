"""Who is reached for what: an agency's officers, a plan's coordinators, the admins."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, tzinfo
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.status import Role
from storage.models import Invite, JoinLinkUse, Member, Plan


async def officers_of(session: AsyncSession, agency_ids: Iterable[int]) -> list[Member]:
    """The active officers of these agencies (reachable or not)."""
    ids = list(agency_ids)
    if not ids:
        return []
    query = select(Member).where(
        Member.agency_id.in_(ids), Member.active, Member.role == Role.OFFICER.value
    )
    return list((await session.scalars(query)).all())


class Contact(NamedTuple):
    """What reminding an officer needs, without loading the member."""

    id: int
    telegram_user_id: int
    agency_id: int
    reachable: bool
    opted_out: bool


async def officer_contacts(session: AsyncSession, agency_ids: Iterable[int]) -> list[Contact]:
    """The active officers of these agencies, as contacts (cheap for thousands)."""
    ids = list(agency_ids)
    if not ids:
        return []
    rows = await session.execute(
        select(
            Member.id,
            Member.telegram_user_id,
            Member.agency_id,
            Member.reachable,
            Member.reminders_opt_out,
        ).where(Member.agency_id.in_(ids), Member.active, Member.role == Role.OFFICER.value)
    )
    return [Contact(*row) for row in rows]


async def coordinators_of(session: AsyncSession, plan: Plan) -> list[Member]:
    """The plan's coordinators: its coordinating agency's coordinators, else every one."""
    query = select(Member).where(
        Member.active, Member.reachable, Member.role == Role.COORDINATOR.value
    )
    members = list((await session.scalars(query)).all())
    own = [m for m in members if m.agency_id == plan.coordinator_agency_id]
    return own or members


async def admins(session: AsyncSession) -> list[Member]:
    """The active, reachable admins."""
    query = select(Member).where(Member.active, Member.reachable, Member.role == Role.ADMIN.value)
    return list((await session.scalars(query.order_by(Member.id))).all())


async def coordinator_chats(session: AsyncSession, plan: Plan) -> list[tuple[int, int | None]]:
    """(chat id, member id) of each coordinator of the plan, and its linked group chat."""
    chats: list[tuple[int, int | None]] = [
        (m.telegram_user_id, m.id) for m in await coordinators_of(session, plan)
    ]
    if plan.group_chat_id:
        chats.append((plan.group_chat_id, None))
    return chats


async def reachable_since(
    session: AsyncSession, agency_ids: Iterable[int], tz: tzinfo
) -> dict[int, date]:
    """The day from which each of these agencies could be reminded, when that is known and
    later than always: the day its first active officer joined (through an invite or a join
    link). An agency with an officer who came any other way (set up by hand) is left out, as
    is one with no officer (docs/counting.md, section 3)."""
    ids = list(agency_ids)
    if not ids:
        return {}
    invited = (
        select(func.min(Invite.used_at))
        .where(Invite.used_by_telegram_id == Member.telegram_user_id)
        .scalar_subquery()
    )
    linked = (
        select(func.min(JoinLinkUse.joined_at))
        .where(JoinLinkUse.member_id == Member.id)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(Member.agency_id, invited, linked).where(
            Member.agency_id.in_(ids), Member.active, Member.role == Role.OFFICER.value
        )
    )
    joined: dict[int, list[date | None]] = defaultdict(list)
    for agency_id, by_invite, by_link in rows.all():
        moments = [m for m in (by_invite, by_link) if m is not None]
        joined[agency_id].append(min(moments).astimezone(tz).date() if moments else None)
    return {
        agency_id: min(d for d in days if d is not None)
        for agency_id, days in joined.items()
        if all(d is not None for d in days)
    }
