"""Counts for the admin lists: plans with their tasks and agencies, agencies with members."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from plans.active import active_plans
from storage.models import Agency, AgencyGroup, AgencyGroupMember, Assignment, Member, Plan, Task


@dataclass(frozen=True)
class PlanOverview:
    plan: Plan
    tasks: int
    agencies: int


@dataclass(frozen=True)
class AgencyOverview:
    agency: Agency
    members: int
    successor: str | None


async def plans_overview(session: AsyncSession) -> list[PlanOverview]:
    tasks = (
        select(
            Task.plan_id,
            func.count(func.distinct(Task.id)),
            func.count(func.distinct(Assignment.agency_id)),
        )
        .outerjoin(Assignment, Assignment.task_id == Task.id)
        .where(Task.active)
        .group_by(Task.plan_id)
    )
    counts = {plan_id: (t, a) for plan_id, t, a in (await session.execute(tasks)).all()}
    plans = await active_plans(session)
    return [PlanOverview(p, *counts.get(p.id, (0, 0))) for p in plans]


async def agencies_overview(session: AsyncSession) -> list[AgencyOverview]:
    successor = aliased(Agency)
    members = (
        select(Member.agency_id, func.count(Member.id))
        .where(Member.active)
        .group_by(Member.agency_id)
    )
    counts = dict((await session.execute(members)).all())
    rows = (
        await session.execute(
            select(Agency, successor.name)
            .outerjoin(successor, successor.id == Agency.successor_id)
            .order_by(Agency.active.desc(), Agency.name)
        )
    ).all()
    return [AgencyOverview(agency, counts.get(agency.id, 0), name) for agency, name in rows]


async def groups_overview(session: AsyncSession) -> list[tuple[str, int]]:
    rows = await session.execute(
        select(AgencyGroup.name, func.count(AgencyGroupMember.agency_id))
        .outerjoin(AgencyGroupMember, AgencyGroupMember.group_id == AgencyGroup.id)
        .group_by(AgencyGroup.id, AgencyGroup.name)
        .order_by(AgencyGroup.name)
    )
    return [(name, count) for name, count in rows.all()]
