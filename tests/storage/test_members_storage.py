"""Invites and members on a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from access.members import (
    BindOutcome,
    TelegramIdentity,
    bind_invite,
    create_invite,
    hash_token,
    identify,
    revoke,
)
from domain.status import Role
from plans.registry import add_agency
from storage.db import Database
from storage.models import AuditEntry, Invite, Member

NOW = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
AN = TelegramIdentity(501, "Nguyễn Văn An", "an")


async def test_token_is_stored_only_as_its_hash(db: Database) -> None:
    async with db.transaction() as session:
        agency = await add_agency(session, "Sở Xây dựng")
        created = await create_invite(
            session, agency=agency, role=Role.OFFICER, created_by=None, now=NOW
        )
    async with db.transaction() as session:
        stored = (await session.scalars(select(Invite))).one()
    assert stored.token_hash == hash_token(created.token) != created.token
    assert created.token not in repr(stored.__dict__)
    assert stored.expires_at == NOW + timedelta(days=7)


async def test_invite_binds_once_then_refuses(db: Database) -> None:
    async with db.transaction() as session:
        agency = await add_agency(session, "Sở Xây dựng")
        created = await create_invite(
            session, agency=agency, role=Role.COORDINATOR, created_by=None, now=NOW
        )
    async with db.transaction() as session:
        first = await bind_invite(session, created.token, AN, now=NOW)
    assert first.outcome is BindOutcome.BOUND
    async with db.transaction() as session:
        second = await bind_invite(session, created.token, TelegramIdentity(502, "B"), now=NOW)
    assert second.outcome is BindOutcome.USED
    async with db.transaction() as session:
        members = (await session.scalars(select(Member))).all()
        actions = set((await session.scalars(select(AuditEntry.action))).all())
    assert [(m.telegram_user_id, m.role, m.agency_id) for m in members] == [
        (501, "coordinator", agency.id)
    ]
    assert {"invite.create", "invite.use", "agency.add"} <= actions


async def test_expired_and_unknown_tokens_bind_nobody(db: Database) -> None:
    async with db.transaction() as session:
        agency = await add_agency(session, "Sở Xây dựng")
        created = await create_invite(
            session,
            agency=agency,
            role=Role.OFFICER,
            created_by=None,
            lifetime=timedelta(hours=1),
            now=NOW,
        )
    async with db.transaction() as session:
        late = await bind_invite(session, created.token, AN, now=NOW + timedelta(hours=2))
        unknown = await bind_invite(session, "x" * 24, AN, now=NOW)
        malformed = await bind_invite(session, "bad token!", AN, now=NOW)
    assert (late.outcome, unknown.outcome, malformed.outcome) == (
        BindOutcome.EXPIRED,
        BindOutcome.INVALID,
        BindOutcome.INVALID,
    )
    async with db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Member)) == 0


async def test_a_new_invite_moves_an_officer_to_another_agency(db: Database) -> None:
    async with db.transaction() as session:
        first = await add_agency(session, "Sở Xây dựng")
        second = await add_agency(session, "Sở Tài chính")
        a = await create_invite(session, agency=first, role=Role.OFFICER, created_by=None, now=NOW)
        b = await create_invite(session, agency=second, role=Role.OFFICER, created_by=None, now=NOW)
    async with db.transaction() as session:
        await bind_invite(session, a.token, AN, now=NOW)
    async with db.transaction() as session:
        result = await bind_invite(session, b.token, AN, now=NOW)
    assert result.member is not None and result.member.agency_id == second.id
    async with db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(Member)) == 1


async def test_revoked_members_are_not_identified_and_admins_come_from_settings(
    db: Database,
) -> None:
    async with db.transaction() as session:
        admin = await identify(session, TelegramIdentity(1, "Admin"), frozenset({1}))
        nobody = await identify(session, AN, frozenset({1}))
    assert admin is not None and admin.role == Role.ADMIN.value
    assert nobody is None
    async with db.transaction() as session:
        member = await identify(session, TelegramIdentity(1, "Admin"), frozenset({1}))
        assert member is not None
        await revoke(session, member, None)
    async with db.transaction() as session:
        assert await identify(session, TelegramIdentity(1, "Admin"), frozenset()) is None
