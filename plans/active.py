"""The plans being followed up: the one query every reader of "active plans" uses."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Plan


async def active_plans(session: AsyncSession) -> list[Plan]:
    """Active plans, oldest first."""
    return list((await session.scalars(select(Plan).where(Plan.active).order_by(Plan.id))).all())
