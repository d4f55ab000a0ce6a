"""Which agencies have officers in the bot, which have none, and who joined when."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.status import Role
from reminders.views import unregistered_agencies
from storage.models import Agency, Assignment, JoinLink, JoinLinkUse, Member, Plan, Task


@dataclass(frozen=True)
class Officer:
    name: str
    position: str
    joined_at: datetime
    username: str | None


@dataclass(frozen=True)
class AgencyOnboarding:
    agency_id: int
    agency: str
    officers: tuple[Officer, ...]
    live_links: int
    seats_left: int

    @property
    def ready(self) -> bool:
        return bool(self.officers)


@dataclass(frozen=True)
class OnboardingStatus:
    agencies: tuple[AgencyOnboarding, ...]

    @property
    def with_officers(self) -> list[AgencyOnboarding]:
        return [a for a in self.agencies if a.ready]

    @property
    def without_officers(self) -> list[AgencyOnboarding]:
        return [a for a in self.agencies if not a.ready]


async def plan_agencies(session: AsyncSession, plan: Plan | None) -> list[Agency]:
    """The active agencies assigned at least one active task of the plan (of any active plan
    when None), by name."""
    assigned = select(Assignment.agency_id).join(Task, Task.id == Assignment.task_id)
    if plan is not None:
        assigned = assigned.where(Task.plan_id == plan.id, Task.active)
    else:
        assigned = assigned.join(Plan, Plan.id == Task.plan_id).where(Task.active, Plan.active)
    rows = await session.scalars(
        select(Agency).where(Agency.active, Agency.id.in_(assigned)).order_by(Agency.name)
    )
    return list(rows.unique().all())


async def onboarding_status(
    session: AsyncSession, now: datetime, plan: Plan | None = None
) -> OnboardingStatus:
    """One line per agency (of the plan, or every active agency) with its active officers."""
    if plan is not None:
        agencies = await plan_agencies(session, plan)
    else:
        agencies = await plan_agencies(session, None)
    ids = [a.id for a in agencies]
    officers: dict[int, list[Officer]] = defaultdict(list)
    links: dict[int, list[int]] = defaultdict(list)
    if ids:
        latest_use: dict[int, JoinLinkUse] = {}
        for use in (
            await session.scalars(
                select(JoinLinkUse)
                .join(Member, Member.id == JoinLinkUse.member_id)
                .where(Member.agency_id.in_(ids))
                .order_by(JoinLinkUse.joined_at)
            )
        ).all():
            latest_use[use.member_id] = use
        members = await session.scalars(
            select(Member)
            .where(Member.agency_id.in_(ids), Member.active, Member.role == Role.OFFICER.value)
            .order_by(Member.created_at, Member.id)
        )
        for member in members.unique().all():
            use = latest_use.get(member.id)
            officers[member.agency_id or 0].append(
                Officer(
                    name=(use.declared_name if use and use.declared_name else member.full_name)
                    or str(member.telegram_user_id),
                    position=use.position if use else "",
                    joined_at=use.joined_at if use else member.created_at,
                    username=member.username,
                )
            )
        for agency_id, capacity, used in (
            await session.execute(
                select(JoinLink.agency_id, JoinLink.capacity, JoinLink.used).where(
                    JoinLink.agency_id.in_(ids),
                    JoinLink.revoked_at.is_(None),
                    JoinLink.expires_at > now,
                )
            )
        ).all():
            links[agency_id].append(max(capacity - used, 0))
    return OnboardingStatus(
        tuple(
            AgencyOnboarding(
                a.id, a.name, tuple(officers[a.id]), len(links[a.id]), sum(links[a.id])
            )
            for a in agencies
        )
    )


async def agencies_without_officers(
    session: AsyncSession, now: datetime, plan: Plan | None = None
) -> list[str]:
    """Names of the agencies (of the plan, or of every active plan) with no active officer;
    for all plans, the same list the admins' weekly reminder gives."""
    if plan is None:
        return await unregistered_agencies(session)
    status = await onboarding_status(session, now, plan)
    return [a.agency for a in status.without_officers]
