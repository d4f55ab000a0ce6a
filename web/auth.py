"""Password-less sign-in for the desktop view: `/web` in chat makes a one-time link valid for
minutes; using it opens a session whose cookie holds a random token (the database keeps only its
hash). Every request checks the session, its expiry and that the member is still an active
coordinator or admin, so a revoked member is refused on their next click."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from access import audit, tokens
from access.tokens import TokenState, hash_token
from domain.status import Role
from storage.models import Member, WebLogin, WebSession

LOGIN_LIFETIME = timedelta(minutes=10)
SESSION_LIFETIME = timedelta(hours=12)


class Refusal(StrEnum):
    INVALID = "invalid"  # unknown or malformed token (forged)
    USED = "used"  # a sign-in link used before
    EXPIRED = "expired"
    REVOKED = "revoked"  # the member was revoked, or the session was signed out
    NOT_ALLOWED = "not_allowed"  # an officer (or a member demoted to one)


@dataclass(frozen=True)
class Access:
    """A request's answer: the member, or why not."""

    member: Member | None = None
    refusal: Refusal | None = None


def may_use_web(member: Member) -> bool:
    return member.active and Role(member.role).allows(Role.COORDINATOR)


async def create_login(
    session: AsyncSession, member: Member, now: datetime, lifetime: timedelta = LOGIN_LIFETIME
) -> tuple[str, WebLogin]:
    """A one-time sign-in token for a coordinator or admin (ValueError for anyone else)."""
    if not may_use_web(member):
        raise ValueError("only active coordinators and admins may sign in to the web view")
    issued = await tokens.issue(
        session, WebLogin, now=now, lifetime=lifetime, nbytes=24, member_id=member.id
    )
    audit.record(session, member, "web.login_link", login_id=issued.row.id)
    return issued.token, issued.row


async def peek_login(session: AsyncSession, token: str, now: datetime) -> Access:
    """Whether a sign-in link would work, without using it (for the confirmation page)."""
    return await _check(session, WebLogin, token, now, use=False)


async def use_login(session: AsyncSession, token: str, now: datetime) -> Access:
    """Use a sign-in link once: the member, or why not. Two concurrent uses: one wins."""
    return await _check(session, WebLogin, token, now, use=True)


async def open_session(
    session: AsyncSession, member: Member, now: datetime, lifetime: timedelta = SESSION_LIFETIME
) -> tuple[str, WebSession]:
    issued = await tokens.issue(
        session, WebSession, now=now, lifetime=lifetime, nbytes=32, member_id=member.id
    )
    audit.record(session, member, "web.sign_in", session_id=issued.row.id)
    return issued.token, issued.row


async def session_member(session: AsyncSession, token: str | None, now: datetime) -> Access:
    """The member behind a session cookie, checked on every request."""
    return await _check(session, WebSession, token, now, use=False)


async def _check(
    session: AsyncSession,
    model: type[WebLogin] | type[WebSession],
    token: str | None,
    now: datetime,
    *,
    use: bool,
) -> Access:
    """A sign-in link's or a session's member, or why not; `use` spends a sign-in link."""
    row = await tokens.find(session, model, token)
    found = tokens.state(row, now)
    if row is None or found is not TokenState.LIVE:
        return Access(refusal=Refusal(found.value))
    member = await session.get(Member, row.member_id)
    if member is None or not member.active:
        return Access(refusal=Refusal.REVOKED)
    if not may_use_web(member):
        return Access(refusal=Refusal.NOT_ALLOWED)
    if use and not await tokens.spend(session, model, row, now):
        return Access(refusal=Refusal.USED)
    return Access(member)


async def close_session(session: AsyncSession, token: str | None, now: datetime) -> None:
    if tokens.well_formed(token):
        assert token is not None
        await tokens.revoke_where(
            session, WebSession, now, WebSession.token_hash == hash_token(token)
        )
