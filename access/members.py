"""Members and invites: an admin invites, the officer presses Start, the bot knows them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import BindParameter, Select, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from access import audit, tokens
from access.tokens import TOKEN_PATTERN, Issued, TokenState, hash_token
from domain.status import Role
from storage.models import Agency, AuditEntry, Invite, Member, utcnow
from storage.upsert import insert_ignore

__all__ = ["TOKEN_PATTERN", "hash_token"]  # kept for callers: the token service's own

DEFAULT_INVITE_LIFETIME = timedelta(days=7)
_DURATION = re.compile(r"^\s*(\d+)\s*([dhm]|ngay|ngày|gio|giờ|phut|phút)?\s*$", re.IGNORECASE)


class BindOutcome(StrEnum):
    BOUND = "bound"
    USED = "used"
    EXPIRED = "expired"
    INVALID = "invalid"


@dataclass(frozen=True)
class TelegramIdentity:
    """The parts of a Telegram user the bot keeps."""

    user_id: int
    full_name: str
    username: str | None = None


CreatedInvite = Issued[Invite]  # the token, shown once, and the invite (`row`)


@dataclass(frozen=True)
class BindResult:
    outcome: BindOutcome
    member: Member | None = None


def parse_duration(text: str) -> timedelta | None:
    """ "7d", "12h", "30m", "7" (days) → timedelta; None if unreadable or not positive."""
    match = _DURATION.match(text)
    if not match or int(match.group(1)) <= 0:
        return None
    amount, unit = int(match.group(1)), (match.group(2) or "d").lower()
    if unit in ("h", "gio", "giờ"):
        return timedelta(hours=amount)
    if unit in ("m", "phut", "phút"):
        return timedelta(minutes=amount)
    return timedelta(days=amount)


async def create_invite(
    session: AsyncSession,
    *,
    agency: Agency | None,
    role: Role,
    created_by: Member | None,
    lifetime: timedelta = DEFAULT_INVITE_LIFETIME,
    now: datetime | None = None,
) -> CreatedInvite:
    """A new invite; the token is returned once and only its hash is stored."""
    issued = await tokens.issue(
        session,
        Invite,
        now=now or utcnow(),
        lifetime=lifetime,
        agency_id=agency.id if agency else None,
        role=role.value,
        created_by_member_id=created_by.id if created_by else None,
    )
    invite = issued.row
    audit.record(
        session,
        created_by,
        "invite.create",
        invite_id=invite.id,
        agency=agency.name if agency else None,
        role=role.value,
        expires_at=invite.expires_at.isoformat(),
    )
    return CreatedInvite(issued.token, invite)


async def bind_invite(
    session: AsyncSession, token: str, who: TelegramIdentity, *, now: datetime | None = None
) -> BindResult:
    """Bind the Telegram user to the invite's agency and role, once."""
    now = now or utcnow()
    invite = await tokens.find(session, Invite, token, lock=True)
    found = tokens.state(invite, now)
    if invite is None or found is not TokenState.LIVE:
        return BindResult(BindOutcome(found.value))
    member = await member_by_telegram_id(session, who.user_id)
    if member is None:
        member = Member(telegram_user_id=who.user_id, role=invite.role, created_at=now)
        session.add(member)
    member.full_name = who.full_name
    member.username = who.username
    member.agency_id = invite.agency_id
    member.role = invite.role
    member.active = True
    member.reachable = True
    invite.used_at = now
    invite.used_by_telegram_id = who.user_id
    await session.flush()
    await session.refresh(member, ["agency"])
    audit.record(
        session,
        member,
        "invite.use",
        invite_id=invite.id,
        agency_id=invite.agency_id,
        role=invite.role,
    )
    return BindResult(BindOutcome.BOUND, member)


def member_by_telegram_id_query(user_id: int | BindParameter[int]) -> Select[tuple[Member]]:
    # the member's agency comes along (joined); its aliases are not needed on this hot path
    return (
        select(Member)
        .where(Member.telegram_user_id == user_id)
        .options(joinedload(Member.agency).raiseload(Agency.aliases))
    )


async def member_by_telegram_id(session: AsyncSession, user_id: int) -> Member | None:
    return await session.scalar(member_by_telegram_id_query(user_id))


def identify_writes(
    member: Member | None, who: TelegramIdentity, admin_ids: frozenset[int]
) -> bool:
    """Whether `identify` would change anything for this member (read without writing first:
    almost always nothing changes, and a read does not wait for the write lock)."""
    if member is None:
        return who.user_id in admin_ids
    if who.user_id in admin_ids and member.role != Role.ADMIN.value:
        return True
    if not member.active:
        return False
    return (
        member.full_name != who.full_name or member.username != who.username or not member.reachable
    )


async def identify(
    session: AsyncSession,
    who: TelegramIdentity,
    admin_ids: frozenset[int],
    now: datetime | None = None,
) -> Member | None:
    """The active member behind a Telegram user; configured admins are created on first contact."""
    member = await member_by_telegram_id(session, who.user_id)
    if member is None and who.user_id in admin_ids:
        member = Member(
            telegram_user_id=who.user_id,
            full_name=who.full_name,
            username=who.username,
            role=Role.ADMIN.value,
            created_at=now or utcnow(),
        )
        session.add(member)
        await session.flush()
        await session.refresh(member, ["agency"])  # loaded now: used after the session ends
        audit.record(session, None, "member.admin_from_settings", telegram_user_id=who.user_id)
    if member is not None and who.user_id in admin_ids and member.role != Role.ADMIN.value:
        member.role = Role.ADMIN.value
    if member is None or not member.active:
        return None
    if member.full_name != who.full_name or member.username != who.username:
        member.full_name, member.username = who.full_name, who.username
    if not member.reachable:
        member.reachable = True
    return member


async def ensure_admins(session: AsyncSession, admin_ids: frozenset[int]) -> None:
    """Every Telegram id of DONDOC_ADMIN_IDS is an admin member (name filled on first contact).
    Upserts: several instances starting at once all succeed."""
    for user_id in sorted(admin_ids):
        values = {"telegram_user_id": user_id, "full_name": "", "role": Role.ADMIN.value}
        if await insert_ignore(session, Member, values, ["telegram_user_id"]):
            audit.record(session, None, "member.admin_from_settings", telegram_user_id=user_id)
        else:
            await session.execute(
                update(Member)
                .where(Member.telegram_user_id == user_id, Member.role != Role.ADMIN.value)
                .values(role=Role.ADMIN.value)
            )


async def revoke(
    session: AsyncSession, member: Member, by: Member | None, now: datetime | None = None
) -> None:
    """Deactivate a member: they see nothing more and get no reminders, and no join link lets
    them back (see `revoked_at`)."""
    member.active = False
    at = (now or utcnow()).isoformat()
    audit.record(session, by, "member.revoke", member_id=member.id, name=member.full_name, at=at)


async def invited_since_revoked(session: AsyncSession, member: Member, invite: Invite) -> bool:
    """Whether an admin made this invite after the member's last revocation (the audit log
    says which came first): the one way back in for a revoked member."""
    entries = await session.scalars(
        select(AuditEntry)
        .where(AuditEntry.action.in_(("member.revoke", "invite.create")))
        .order_by(AuditEntry.id.desc())
    )
    for entry in entries:  # newest first
        if entry.action == "invite.create" and entry.details.get("invite_id") == invite.id:
            return True
        if entry.action == "member.revoke" and entry.details.get("member_id") == member.id:
            return False
    return False
