"""Password-less sign-in for the desktop view: `/web` in chat makes a one-time link valid for
minutes; using it opens a session whose cookie holds a random token (the database keeps only its
hash). Every request checks the session, its expiry and that the member is still an active
coordinator or admin, so a revoked member is refused on their next click."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from access import audit
from access.members import TOKEN_PATTERN, hash_token
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
    token = secrets.token_urlsafe(24)
    login = WebLogin(
        token_hash=hash_token(token), member_id=member.id, created_at=now, expires_at=now + lifetime
    )
    session.add(login)
    await session.flush()
    audit.record(session, member, "web.login_link", login_id=login.id)
    return token, login


async def peek_login(session: AsyncSession, token: str, now: datetime) -> Access:
    """Whether a sign-in link would work, without using it (for the confirmation page)."""
    return await _check_login(session, token, now, use=False)


async def use_login(session: AsyncSession, token: str, now: datetime) -> Access:
    """Use a sign-in link once: the member, or why not. Two concurrent uses: one wins."""
    return await _check_login(session, token, now, use=True)


async def _check_login(session: AsyncSession, token: str, now: datetime, *, use: bool) -> Access:
    if not TOKEN_PATTERN.match(token):
        return Access(refusal=Refusal.INVALID)
    login = await session.scalar(select(WebLogin).where(WebLogin.token_hash == hash_token(token)))
    if login is None:
        return Access(refusal=Refusal.INVALID)
    if login.used_at is not None:
        return Access(refusal=Refusal.USED)
    if login.expires_at <= now:
        return Access(refusal=Refusal.EXPIRED)
    member = await session.get(Member, login.member_id)
    if member is None or not member.active:
        return Access(refusal=Refusal.REVOKED)
    if not may_use_web(member):
        return Access(refusal=Refusal.NOT_ALLOWED)
    if use:
        claimed = await session.execute(
            update(WebLogin)
            .where(WebLogin.id == login.id, WebLogin.used_at.is_(None))
            .values(used_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return Access(refusal=Refusal.USED)
    return Access(member)


async def open_session(
    session: AsyncSession, member: Member, now: datetime, lifetime: timedelta = SESSION_LIFETIME
) -> tuple[str, WebSession]:
    token = secrets.token_urlsafe(32)
    row = WebSession(
        token_hash=hash_token(token), member_id=member.id, created_at=now, expires_at=now + lifetime
    )
    session.add(row)
    await session.flush()
    audit.record(session, member, "web.sign_in", session_id=row.id)
    return token, row


async def session_member(session: AsyncSession, token: str | None, now: datetime) -> Access:
    """The member behind a session cookie, checked on every request."""
    if not token or not TOKEN_PATTERN.match(token):
        return Access(refusal=Refusal.INVALID)
    row = await session.scalar(select(WebSession).where(WebSession.token_hash == hash_token(token)))
    if row is None:
        return Access(refusal=Refusal.INVALID)
    if row.revoked_at is not None:
        return Access(refusal=Refusal.REVOKED)
    if row.expires_at <= now:
        return Access(refusal=Refusal.EXPIRED)
    member = await session.get(Member, row.member_id)
    if member is None or not member.active:
        return Access(refusal=Refusal.REVOKED)
    if not may_use_web(member):
        return Access(refusal=Refusal.NOT_ALLOWED)
    return Access(member)


async def close_session(session: AsyncSession, token: str | None, now: datetime) -> None:
    if token and TOKEN_PATTERN.match(token):
        await session.execute(
            update(WebSession)
            .where(WebSession.token_hash == hash_token(token), WebSession.revoked_at.is_(None))
            .values(revoked_at=now)
        )
