"""What a member chose to follow: the plan a coordinator asked about last, so /summary,
/missing and /export do not ask for the plan every time (kept in `bot_state`)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import BotState, Plan, utcnow

FOLLOWS = "follows:"


async def follow_plan(session: AsyncSession, member_id: int, plan_id: int) -> None:
    """Remember the plan the member asked about (the last one asked wins)."""
    key = f"{FOLLOWS}{member_id}"
    row = await session.get(BotState, key)
    if row is None:
        session.add(BotState(key=key, value={"plan_id": plan_id}, updated_at=utcnow()))
    elif row.value.get("plan_id") != plan_id:
        row.value, row.updated_at = {"plan_id": plan_id}, utcnow()


async def followed_plan(session: AsyncSession, member_id: int) -> Plan | None:
    """The plan the member last asked about, if it is still active."""
    row = await session.get(BotState, f"{FOLLOWS}{member_id}")
    plan_id = (row.value or {}).get("plan_id") if row is not None else None
    if not isinstance(plan_id, int):
        return None
    plan = await session.get(Plan, plan_id)
    return plan if plan is not None and plan.active else None
