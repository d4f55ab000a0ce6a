"""Per-agency join links: N seats and not one more, expiry on the services' clock, revocation,
audit, and agency moves that need the officer's and an admin's yes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from access.members import TelegramIdentity, create_invite
from domain.status import Role
from onboarding.links import (
    JoinOutcome,
    create_join_link,
    open_token,
    parse_profile,
    pending_profile,
    revoke_links,
    save_profile,
)
from onboarding.moves import MoveOutcome, admin_decides, officer_answers
from onboarding.tracking import agencies_without_officers, onboarding_status
from plans.registry import add_agency
from plans.store import save_plan
from storage.db import Database
from storage.models import Agency, AuditEntry, JoinLink, JoinLinkUse, Member
from tests.auxil.scenario import PLAN

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def person(n: int) -> TelegramIdentity:
    return TelegramIdentity(700000 + n, f"Cán bộ {n}", None)


async def setup(db: Database) -> tuple[int, int]:
    async with db.transaction() as session:
        xd = await add_agency(session, "Sở Xây dựng", short_name="Sở XD")
        tc = await add_agency(session, "Sở Tài chính", short_name="Sở TC")
        return xd.id, tc.id


async def new_link(db: Database, agency_id: int, **kwargs: object) -> str:
    async with db.transaction() as session:
        agency = await session.get(Agency, agency_id)
        assert agency is not None
        created = await create_join_link(
            session,
            agency=agency,
            created_by=None,
            now=NOW,
            **kwargs,  # type: ignore[arg-type]
        )
        return created.token


async def join(db: Database, token: str, who: TelegramIdentity, now: datetime = NOW):  # type: ignore[no-untyped-def]
    async with db.transaction() as session:
        return await open_token(session, token, who, now)


@pytest.mark.parametrize("capacity", [1, 2, 3])
async def test_a_link_admits_n_officers_and_refuses_the_next(db: Database, capacity: int) -> None:
    xd, _tc = await setup(db)
    token = await new_link(db, xd, capacity=capacity)
    for n in range(capacity):
        result = await join(db, token, person(n))
        assert result.outcome is JoinOutcome.JOINED, n
        assert result.member is not None and result.member.agency_id == xd
        assert result.member.role == Role.OFFICER.value
    refused = await join(db, token, person(capacity))
    assert refused.outcome is JoinOutcome.FULL
    async with db.transaction() as session:
        link = await session.scalar(select(JoinLink))
        assert link is not None and link.used == capacity
        officers = await session.scalar(select(func.count()).select_from(Member))
        assert officers == capacity
        actions = list(await session.scalars(select(AuditEntry.action)))
    assert actions.count("join_link.use") == capacity
    assert actions.count("join_link.full") == 1 and "join_link.create" in actions


async def test_concurrent_joins_never_exceed_the_seats(db: Database) -> None:
    xd, _tc = await setup(db)
    token = await new_link(db, xd, capacity=2)

    async def attempt(n: int) -> JoinOutcome:
        for _ in range(20):  # SQLite may answer "database is locked" under contention
            try:
                return (await join(db, token, person(n))).outcome
            except Exception as exc:
                if "locked" not in str(exc).lower():
                    raise
                await asyncio.sleep(0.05)
        raise AssertionError("never got the lock")

    outcomes = await asyncio.gather(*(attempt(n) for n in range(6)))
    assert outcomes.count(JoinOutcome.JOINED) == 2
    assert outcomes.count(JoinOutcome.FULL) == 4


async def test_the_same_officer_twice_takes_one_seat(db: Database) -> None:
    xd, _tc = await setup(db)
    token = await new_link(db, xd, capacity=2)
    assert (await join(db, token, person(1))).outcome is JoinOutcome.JOINED
    assert (await join(db, token, person(1))).outcome is JoinOutcome.ALREADY
    assert (await join(db, token, person(2))).outcome is JoinOutcome.JOINED


async def test_expiry_follows_the_given_clock_and_revoking_stops_the_link(db: Database) -> None:
    xd, tc = await setup(db)
    token = await new_link(db, xd, lifetime=timedelta(days=3))
    late = await join(db, token, person(1), NOW + timedelta(days=3, seconds=1))
    assert late.outcome is JoinOutcome.EXPIRED
    assert (await join(db, token, person(1), NOW + timedelta(days=2))).outcome is JoinOutcome.JOINED
    other = await new_link(db, tc)
    async with db.transaction() as session:
        agency = await session.get(Agency, tc)
        assert agency is not None
        assert await revoke_links(session, agency, None, NOW) == 1
    assert (await join(db, other, person(2))).outcome is JoinOutcome.REVOKED
    assert (await join(db, "x" * 30, person(3))).outcome is JoinOutcome.INVALID
    assert (await join(db, "<script>", person(3))).outcome is JoinOutcome.INVALID


async def test_staff_opening_a_join_link_keep_their_role(db: Database) -> None:
    xd, _tc = await setup(db)
    async with db.transaction() as session:
        session.add(Member(telegram_user_id=person(9).user_id, role="coordinator", agency_id=xd))
    token = await new_link(db, xd)
    result = await join(db, token, person(9))
    assert result.outcome is JoinOutcome.STAFF
    async with db.transaction() as session:
        member = await session.scalar(select(Member))
        assert member is not None and member.role == "coordinator"
        link = await session.scalar(select(JoinLink))
        assert link is not None and link.used == 0


async def test_another_agencys_link_asks_the_officer_then_an_admin(db: Database) -> None:
    xd, tc = await setup(db)
    async with db.transaction() as session:
        admin = Member(telegram_user_id=1, role="admin", full_name="Quản trị")
        session.add(admin)
    mine = await new_link(db, xd)
    theirs = await new_link(db, tc, capacity=1)
    assert (await join(db, mine, person(1))).outcome is JoinOutcome.JOINED

    asked = await join(db, theirs, person(1))
    assert asked.outcome is JoinOutcome.MOVE_ASKED and asked.move is not None
    assert asked.from_agency == "Sở Xây dựng" and asked.agency == "Sở Tài chính"
    async with db.transaction() as session:
        member = await session.scalar(select(Member).where(Member.telegram_user_id == 700001))
        assert member is not None and member.agency_id == xd  # not moved yet

        # someone else cannot answer for the officer
        other = await officer_answers(session, asked.move.id, 12345, True, NOW)
        assert other.outcome is MoveOutcome.STALE
        step = await officer_answers(session, asked.move.id, 700001, True, NOW)
        assert step.outcome is MoveOutcome.ASKING_ADMIN
        assert member.agency_id == xd
        admin = await session.scalar(select(Member).where(Member.role == "admin"))
        assert admin is not None
        moved = await admin_decides(session, asked.move.id, admin, True, NOW)
        assert moved.outcome is MoveOutcome.MOVED
        assert member.agency_id == tc
        again = await admin_decides(session, asked.move.id, admin, True, NOW)
        assert again.outcome is MoveOutcome.STALE
        link = await session.scalar(select(JoinLink).where(JoinLink.agency_id == tc))
        assert link is not None and link.used == 1
        assert "member.move" in list(await session.scalars(select(AuditEntry.action)))


async def test_declined_or_refused_moves_change_nothing(db: Database) -> None:
    xd, tc = await setup(db)
    async with db.transaction() as session:
        session.add(Member(telegram_user_id=1, role="admin", full_name="Quản trị"))
        session.add(Member(telegram_user_id=700001, role="officer", agency_id=xd))
    theirs = await new_link(db, tc)
    first = await join(db, theirs, person(1))
    second = await join(db, theirs, person(1))
    assert first.move is not None and second.move is not None
    async with db.transaction() as session:
        declined = await officer_answers(session, first.move.id, 700001, False, NOW)
        assert declined.outcome is MoveOutcome.DECLINED
        await officer_answers(session, second.move.id, 700001, True, NOW)
        admin = await session.scalar(select(Member).where(Member.role == "admin"))
        assert admin is not None
        refused = await admin_decides(session, second.move.id, admin, False, NOW)
        assert refused.outcome is MoveOutcome.REFUSED
        member = await session.scalar(select(Member).where(Member.telegram_user_id == 700001))
        assert member is not None and member.agency_id == xd


async def test_a_one_person_invite_of_another_agency_does_not_move_silently(db: Database) -> None:
    xd, tc = await setup(db)
    async with db.transaction() as session:
        session.add(Member(telegram_user_id=700001, role="officer", agency_id=xd))

        finance = await session.get(Agency, tc)
        created = await create_invite(
            session, agency=finance, role=Role.OFFICER, created_by=None, now=NOW
        )
    result = await join(db, created.token, person(1))
    assert result.outcome is JoinOutcome.MOVE_ASKED and result.move is not None
    async with db.transaction() as session:
        member = await session.scalar(select(Member))
        assert member is not None and member.agency_id == xd
    # a coordinator's invite of another agency: once both agree, the agency and the role
    async with db.transaction() as session:
        admin = Member(telegram_user_id=1, role="admin", full_name="Quản trị")
        session.add(admin)
        finance = await session.get(Agency, tc)
        promoted = await create_invite(
            session, agency=finance, role=Role.COORDINATOR, created_by=None, now=NOW
        )
    second = await join(db, promoted.token, person(1))
    assert second.move is not None
    async with db.transaction() as session:
        await officer_answers(session, second.move.id, person(1).user_id, True, NOW)
        admin = await session.scalar(select(Member).where(Member.role == "admin"))
        assert admin is not None
        moved = await admin_decides(session, second.move.id, admin, True, NOW)
        assert moved.outcome is MoveOutcome.MOVED and moved.member is not None
        assert moved.member.agency_id == tc and moved.member.role == "coordinator"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nguyễn Văn An, Chuyên viên Phòng Kế hoạch",
            ("Nguyễn Văn An", "Chuyên viên Phòng Kế hoạch"),
        ),
        ("Trần Thị Bình - Phó Chánh Văn phòng", ("Trần Thị Bình", "Phó Chánh Văn phòng")),
        ("Lê Văn C\nTrưởng phòng", ("Lê Văn C", "Trưởng phòng")),
        ("  Phạm   D ;  Chuyên viên  ", ("Phạm D", "Chuyên viên")),
        ("Nguyễn Văn An", None),
        ("123, Chuyên viên", None),
        (", Chuyên viên", None),
        ("Nguyễn Văn An, 42", None),
    ],
)
def test_name_and_position_in_one_message(text: str, expected: tuple[str, str] | None) -> None:
    assert parse_profile(text) == expected


async def test_tracking_counts_match_the_database(db: Database) -> None:
    await setup(db)
    async with db.transaction() as session:
        saved = await save_plan(session, PLAN)
        plan = saved.plan
    async with db.transaction() as session:
        agencies = {a.name: a.id for a in (await session.scalars(select(Agency))).unique()}
    token = await new_link(db, agencies["Sở Xây dựng"], capacity=2)
    await join(db, token, person(1))
    async with db.transaction() as session:
        use = await pending_profile(session, person(1).user_id)
        assert use is not None
        await save_profile(session, use, "Nguyễn Văn An", "Chuyên viên", None)
        assert await pending_profile(session, person(1).user_id) is None
    async with db.transaction() as session:
        status = await onboarding_status(session, NOW, plan)
        missing = await agencies_without_officers(session, NOW, plan)
        officers = await session.scalar(
            select(func.count(func.distinct(Member.agency_id))).where(
                Member.active, Member.role == "officer"
            )
        )
        uses = await session.scalar(select(func.count()).select_from(JoinLinkUse))
    assert {a.agency for a in status.agencies} == {"Sở Xây dựng", "Sở Tài chính"}
    assert len(status.with_officers) == officers == 1 and uses == 1
    assert missing == ["Sở Tài chính"]
    async with db.transaction() as session:  # the admins' weekly reminder names the same ones
        everywhere = await onboarding_status(session, NOW)
        weekly = await agencies_without_officers(session, NOW)
    assert [a.agency for a in everywhere.without_officers] == weekly == ["Sở Tài chính"]
    ready = status.with_officers[0]
    assert ready.officers[0].name == "Nguyễn Văn An" and ready.officers[0].position == "Chuyên viên"
    assert ready.officers[0].joined_at == NOW and ready.seats_left == 1 and ready.live_links == 1
