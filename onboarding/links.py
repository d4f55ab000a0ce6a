"""Per-agency join links: one link admits up to N officers of one agency, expires, can be
revoked, and every use is audited. Opening a link (or a one-person invite) of another agency
never moves a member silently: it starts an agency move (see onboarding.moves)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import BindParameter, ColumnElement, and_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from access import audit, tokens
from access.members import TelegramIdentity, bind_invite, invited_since_revoked
from access.members import member_by_telegram_id as find_member
from access.tokens import Issued, TokenState
from domain.status import ReportStatus, Role
from onboarding.tracking import plan_agencies
from reports.replies import parse_replies
from storage.models import Agency, AgencyMove, Invite, JoinLink, JoinLinkUse, Member, Plan

DEFAULT_CAPACITY = 2
MAX_CAPACITY = 50
DEFAULT_LINK_LIFETIME = timedelta(days=30)


class JoinOutcome(StrEnum):
    JOINED = "joined"  # admitted through a join link: asked for name and position next
    BOUND = "bound"  # a one-person invite bound the member (its role and agency)
    ALREADY = "already"  # already an officer of that agency: nothing changed
    STAFF = "staff"  # a coordinator or admin opened an officer's join link: nothing changed
    MOVE_ASKED = "move"  # member of another agency: the officer is asked, then an admin
    FULL = "full"
    EXPIRED = "expired"
    REVOKED = "revoked"
    REVOKED_MEMBER = "revoked_member"  # the member was revoked: refused, the admins are told
    USED = "used"
    INVALID = "invalid"


@dataclass(frozen=True)
class CreatedLink(Issued[JoinLink]):
    @property
    def link(self) -> JoinLink:
        return self.row


@dataclass(frozen=True)
class JoinResult:
    outcome: JoinOutcome
    member: Member | None = None
    agency: str | None = None
    move: AgencyMove | None = None
    from_agency: str | None = None


async def create_join_link(
    session: AsyncSession,
    *,
    agency: Agency,
    created_by: Member | None,
    now: datetime,
    capacity: int = DEFAULT_CAPACITY,
    lifetime: timedelta = DEFAULT_LINK_LIFETIME,
) -> CreatedLink:
    """A new join link for `agency`; the token is returned once, only its hash is stored."""
    if not 1 <= capacity <= MAX_CAPACITY:
        raise ValueError(f"capacity must be 1..{MAX_CAPACITY}")
    issued = await tokens.issue(
        session,
        JoinLink,
        now=now,
        lifetime=lifetime,
        agency_id=agency.id,
        capacity=capacity,
        used=0,
        created_by_member_id=created_by.id if created_by else None,
    )
    link = issued.row
    link.agency = agency
    audit.record(
        session,
        created_by,
        "join_link.create",
        link_id=link.id,
        agency=agency.name,
        capacity=capacity,
        expires_at=link.expires_at.isoformat(),
    )
    return CreatedLink(issued.token, link)


async def live_links(session: AsyncSession, agency_id: int, now: datetime) -> list[JoinLink]:
    rows = await session.scalars(
        select(JoinLink).where(
            JoinLink.agency_id == agency_id,
            JoinLink.revoked_at.is_(None),
            JoinLink.expires_at > now,
        )
    )
    return list(rows.all())


async def revoke_links(
    session: AsyncSession, agency: Agency, by: Member | None, now: datetime
) -> int:
    """Revoke every live join link of the agency; officers already admitted stay."""
    links = await live_links(session, agency.id, now)
    for link in links:
        link.revoked_at = now
        audit.record(session, by, "join_link.revoke", link_id=link.id, agency=agency.name)
    return len(links)


async def open_token(
    session: AsyncSession, token: str, who: TelegramIdentity, now: datetime
) -> JoinResult:
    """What `/start <token>` does: a join link, else a one-person invite, else invalid."""
    link = await tokens.find(session, JoinLink, token, lock=True)
    if link is not None:
        return await _open_link(session, link, who, now)
    invite = await tokens.find(session, Invite, token, lock=True)
    if invite is None:
        return JoinResult(JoinOutcome.INVALID)
    return await _open_invite(session, invite, token, who, now)


async def _open_link(
    session: AsyncSession, link: JoinLink, who: TelegramIdentity, now: datetime
) -> JoinResult:
    agency = link.agency.name
    found = tokens.state(link, now)
    if found is not TokenState.LIVE:
        return JoinResult(JoinOutcome(found.value), agency=agency)
    member = await find_member(session, who.user_id)
    if member is not None and not member.active:  # revoked: a shared link never readmits
        return _refuse_revoked(session, member, agency, link_id=link.id)
    if member is not None and member.active:
        if member.role != Role.OFFICER.value:
            return JoinResult(JoinOutcome.STAFF, member, agency)
        if member.agency_id == link.agency_id:
            return JoinResult(JoinOutcome.ALREADY, member, agency)
        if member.agency_id is not None:
            move = await _ask_move(session, member, link.agency_id, now, link_id=link.id)
            return JoinResult(JoinOutcome.MOVE_ASKED, member, agency, move, _agency_name(member))
    if not await take_seat(session, link):
        audit.record(session, None, "join_link.full", link_id=link.id, telegram_user_id=who.user_id)
        return JoinResult(JoinOutcome.FULL, agency=agency)
    if member is None:
        member = Member(telegram_user_id=who.user_id, role=Role.OFFICER.value, created_at=now)
        session.add(member)
    member.full_name, member.username = who.full_name, who.username
    member.agency_id, member.role = link.agency_id, Role.OFFICER.value
    member.active, member.reachable = True, True
    await session.flush()
    await record_use(session, link, member, now, pending=True)
    await session.refresh(member, ["agency"])
    audit.record(session, member, "join_link.use", link_id=link.id, agency=agency, seat=link.used)
    return JoinResult(JoinOutcome.JOINED, member, agency)


async def take_seat(session: AsyncSession, link: JoinLink) -> bool:
    """Take one seat of the link, atomically: False when all `capacity` seats are taken."""
    result = await session.execute(
        update(JoinLink)
        .where(JoinLink.id == link.id, JoinLink.used < JoinLink.capacity)
        .values(used=JoinLink.used + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    await session.refresh(link, ["used"])
    return True


async def record_use(
    session: AsyncSession, link: JoinLink, member: Member, now: datetime, *, pending: bool
) -> JoinLinkUse:
    use = await session.scalar(
        select(JoinLinkUse).where(
            JoinLinkUse.link_id == link.id,
            JoinLinkUse.telegram_user_id == member.telegram_user_id,
        )
    )
    if use is None:
        use = JoinLinkUse(link_id=link.id, telegram_user_id=member.telegram_user_id)
        session.add(use)
    use.member_id, use.joined_at, use.profile_pending = member.id, now, pending
    use.declared_name = use.declared_name or ("" if pending else member.full_name)
    await session.flush()
    return use


async def _open_invite(
    session: AsyncSession, invite: Invite, token: str, who: TelegramIdentity, now: datetime
) -> JoinResult:
    member = await find_member(session, who.user_id)
    live = tokens.state(invite, now) is TokenState.LIVE
    # only an invite an admin made after the revocation lets a revoked member back
    if (
        member is not None
        and not member.active
        and live
        and not await invited_since_revoked(session, member, invite)
    ):
        agency = invite.agency.name if invite.agency else None
        return _refuse_revoked(session, member, agency, invite_id=invite.id)
    moving = (
        member is not None
        and member.active
        and invite.used_at is None
        and invite.expires_at > now
        and invite.agency_id is not None
        and member.agency_id is not None
        and member.agency_id != invite.agency_id
    )
    if moving:
        assert member is not None and invite.agency_id is not None
        invite.used_at, invite.used_by_telegram_id = now, who.user_id
        move = await _ask_move(session, member, invite.agency_id, now, invite_id=invite.id)
        agency = invite.agency.name if invite.agency else None
        return JoinResult(JoinOutcome.MOVE_ASKED, member, agency, move, _agency_name(member))
    result = await bind_invite(session, token, who, now=now)
    outcome = JoinOutcome(result.outcome.value)
    return JoinResult(outcome, result.member, invite.agency.name if invite.agency else None)


def _refuse_revoked(
    session: AsyncSession, member: Member, agency: str | None, **token: int
) -> JoinResult:
    audit.record(session, None, "member.refused_revoked", member_id=member.id, **token)
    return JoinResult(JoinOutcome.REVOKED_MEMBER, member, agency, from_agency=_agency_name(member))


async def _ask_move(
    session: AsyncSession,
    member: Member,
    to_agency_id: int,
    now: datetime,
    *,
    link_id: int | None = None,
    invite_id: int | None = None,
) -> AgencyMove:
    move = AgencyMove(
        member_id=member.id,
        from_agency_id=member.agency_id,
        to_agency_id=to_agency_id,
        join_link_id=link_id,
        invite_id=invite_id,
        status="asking_officer",
        created_at=now,
    )
    session.add(move)
    await session.flush()
    audit.record(
        session,
        member,
        "member.move_asked",
        move_id=move.id,
        from_agency_id=member.agency_id,
        to_agency_id=to_agency_id,
    )
    return move


def _agency_name(member: Member) -> str | None:
    return member.agency.name if member.agency else None


# -- the officer's name and position, said in one message after joining ----------------------
_SEPARATORS = re.compile(r"\s*(?:[,;\n|]|\s[-–—]\s)\s*")


def parse_profile(text: str) -> tuple[str, str] | None:
    """ "Nguyễn Văn An, Chuyên viên Phòng Tổng hợp" → (name, position); None when one is
    missing or implausible."""
    parts = _SEPARATORS.split(text.strip(), maxsplit=1)
    if len(parts) != 2:
        return None
    name, position = (" ".join(p.split()) for p in parts)
    if not (2 <= len(name) <= 100 and 2 <= len(position) <= 200):
        return None
    if not any(c.isalpha() for c in name) or any(c.isdigit() for c in name):
        return None
    if not any(c.isalpha() for c in position):
        return None
    return name, position


def _says_a_status(text: str) -> bool:
    return any(
        p.status is not None or (p.reason is not None and p.reason != "no_status")
        for p in parse_replies(text, [])
    )


def _name_like(name: str) -> bool:
    """A person's name: two to six words of letters, written with capitals ("Nguyễn Hoàn
    Thành") or at least not saying a status ("xong", "đã hoàn thành")."""
    words = name.split()
    if not 2 <= len(words) <= 6 or not all(w[0].isalpha() for w in words):
        return False
    return all(w[0].isupper() for w in words) or not _says_a_status(name)


def reads_as_report(text: str) -> bool:
    """Whether a just-joined officer's message is a report rather than their name and
    position: it names a task ("II.3.a xong"), or says a status where a name should stand
    ("Xong, đã nộp báo cáo quý" is not the name "Xong"). "Chưa" alone is not a report."""
    profile = parse_profile(text)
    if profile is not None and _name_like(profile[0]):
        return False
    for part in parse_replies(text, []):
        if part.ref_kind == "task":
            return True
        if part.status is not None and part.status is not ReportStatus.NOT_STARTED:
            return True
        if part.status is None and part.reason not in (None, "no_status"):
            return True  # "đã hoàn thành, đang chờ": done with work going on
    return False


def waits_for_profile(telegram_user_id: int | BindParameter[int]) -> ColumnElement[bool]:
    """Conditions on JoinLinkUse and Member: a join of this (active) member that still waits
    for their name and position."""
    return and_(
        JoinLinkUse.member_id == Member.id,
        JoinLinkUse.telegram_user_id == telegram_user_id,
        JoinLinkUse.profile_pending,
        Member.active,
    )


async def pending_profile(session: AsyncSession, telegram_user_id: int) -> JoinLinkUse | None:
    """The join that still waits for this user's name and position, if any."""
    return await session.scalar(
        select(JoinLinkUse)
        .join(Member, Member.id == JoinLinkUse.member_id)
        .where(waits_for_profile(telegram_user_id))
        .order_by(JoinLinkUse.joined_at.desc())
        .limit(1)
    )


async def save_profile(
    session: AsyncSession, use: JoinLinkUse, name: str, position: str, member: Member | None
) -> None:
    use.declared_name, use.position, use.profile_pending = name, position, False
    audit.record(session, member, "join_link.profile", link_id=use.link_id, name=name)


async def create_plan_links(
    session: AsyncSession,
    plan: Plan,
    *,
    created_by: Member | None,
    now: datetime,
    capacity: int = DEFAULT_CAPACITY,
    lifetime: timedelta = DEFAULT_LINK_LIFETIME,
) -> list[CreatedLink]:
    """A fresh join link for every agency assigned in the plan (earlier links stay valid
    until they expire or are revoked)."""
    created = []
    for agency in await plan_agencies(session, plan):
        created.append(
            await create_join_link(
                session,
                agency=agency,
                created_by=created_by,
                now=now,
                capacity=capacity,
                lifetime=lifetime,
            )
        )
    return created
