"""The audit log: every admin change, with who and when."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditEntry, Member


def actor_label(member: Member | None) -> str:
    if member is None:
        return "cli"
    return f"{member.full_name} (tg:{member.telegram_user_id})"


def record(session: AsyncSession, actor: Member | None, action: str, **details: Any) -> None:
    """Add an audit entry to the caller's transaction."""
    session.add(
        AuditEntry(
            actor_member_id=actor.id if actor else None,
            actor=actor_label(actor),
            action=action,
            details={k: v for k, v in details.items() if v is not None},
        )
    )
