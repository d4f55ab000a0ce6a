"""The plans being followed up: the one query every reader of "active plans" uses."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from storage.models import Agency, Plan

ACTIVE_PLANS = select(Plan).where(Plan.active).order_by(Plan.id)
# an officer's every reply reads them: built once, and without the coordinator's aliases
ACTIVE_PLANS_LEAN = ACTIVE_PLANS.options(joinedload(Plan.coordinator).raiseload(Agency.aliases))


async def active_plans(session: AsyncSession, *, coordinator_aliases: bool = True) -> list[Plan]:
    """Active plans, oldest first. Without `coordinator_aliases` the coordinating agency comes
    without its aliases (one query fewer; reading them raises)."""
    query = ACTIVE_PLANS if coordinator_aliases else ACTIVE_PLANS_LEAN
    return list((await session.scalars(query)).all())
