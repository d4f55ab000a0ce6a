"""Moving a member to another agency after they opened that agency's invite or join link:
the officer confirms first, then an admin decides. Nothing moves until both have said yes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from access import audit
from domain.status import Role
from onboarding.links import record_use, take_seat
from storage.models import Agency, AgencyMove, Invite, JoinLink, Member

ASKING_OFFICER = "asking_officer"
ASKING_ADMIN = "asking_admin"


class MoveOutcome(StrEnum):
    ASKING_ADMIN = "asking_admin"  # the officer said yes: admins are asked
    DECLINED = "declined"  # the officer stays
    MOVED = "moved"
    REFUSED = "refused"  # an admin said no
    FULL = "full"  # the join link has no seat left (or was revoked, or expired)
    STALE = "stale"  # already decided, or not this person's to answer


@dataclass(frozen=True)
class MoveStep:
    outcome: MoveOutcome
    move: AgencyMove | None = None
    member: Member | None = None
    from_agency: str | None = None
    to_agency: str | None = None


async def _describe(session: AsyncSession, move: AgencyMove, outcome: MoveOutcome) -> MoveStep:
    member = await session.get(Member, move.member_id)
    source = await session.get(Agency, move.from_agency_id) if move.from_agency_id else None
    target = await session.get(Agency, move.to_agency_id)
    return MoveStep(
        outcome,
        move,
        member,
        source.name if source else None,
        target.name if target else None,
    )


async def _locked(session: AsyncSession, move_id: int) -> AgencyMove | None:
    return await session.scalar(
        select(AgencyMove).where(AgencyMove.id == move_id).with_for_update(of=AgencyMove)
    )


async def officer_answers(
    session: AsyncSession, move_id: int, telegram_user_id: int, yes: bool, now: datetime
) -> MoveStep:
    move = await _locked(session, move_id)
    member = await session.get(Member, move.member_id) if move else None
    if move is None or member is None or member.telegram_user_id != telegram_user_id:
        return MoveStep(MoveOutcome.STALE)
    if move.status != ASKING_OFFICER:
        return MoveStep(MoveOutcome.STALE, move)
    move.status = ASKING_ADMIN if yes else MoveOutcome.DECLINED.value
    audit.record(session, member, "member.move_confirmed" if yes else "member.move_declined",
                 move_id=move.id)  # fmt: skip
    return await _describe(session, move, MoveOutcome(move.status))


async def admin_decides(
    session: AsyncSession, move_id: int, admin: Member, yes: bool, now: datetime
) -> MoveStep:
    move = await _locked(session, move_id)
    if move is None or move.status != ASKING_ADMIN:
        return MoveStep(MoveOutcome.STALE, move)
    move.decided_by_member_id, move.decided_at = admin.id, now
    if not yes:
        move.status = MoveOutcome.REFUSED.value
        audit.record(session, admin, "member.move_refused", move_id=move.id)
        return await _describe(session, move, MoveOutcome.REFUSED)
    member = await session.get(Member, move.member_id)
    assert member is not None
    link = await session.get(JoinLink, move.join_link_id) if move.join_link_id else None
    if link is not None and (
        link.revoked_at is not None or link.expires_at <= now or not await take_seat(session, link)
    ):
        move.status = MoveOutcome.FULL.value
        audit.record(session, admin, "member.move_full", move_id=move.id, link_id=link.id)
        return await _describe(session, move, MoveOutcome.FULL)
    member.agency_id = move.to_agency_id
    invite = await session.get(Invite, move.invite_id) if move.invite_id else None
    if invite is not None:  # a one-person invite also gives its role
        member.role = invite.role
    if link is not None:
        await record_use(session, link, member, now, pending=False)
    move.status = MoveOutcome.MOVED.value
    audit.record(
        session,
        admin,
        "member.move",
        move_id=move.id,
        member_id=member.id,
        from_agency_id=move.from_agency_id,
        to_agency_id=move.to_agency_id,
    )
    await session.flush()
    await session.refresh(member, ["agency"])
    return await _describe(session, move, MoveOutcome.MOVED)


async def admins(session: AsyncSession) -> list[Member]:
    """Active admins with a chat (those from settings who never wrote have no name, still ok)."""
    rows = await session.scalars(
        select(Member).where(Member.role == Role.ADMIN.value, Member.active).order_by(Member.id)
    )
    return list(rows.all())
