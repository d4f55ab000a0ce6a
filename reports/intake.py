"""Turning an officer's free-text reply into reports, or into one clear question."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from domain.status import ReportStatus
from reports.replies import ParsedReply, parse_replies
from reports.service import Recorded, record_report
from reports.worklist import WorkItem, candidates
from storage.models import Member


@dataclass(frozen=True)
class Question:
    """What the bot must ask instead of guessing."""

    reason: str  # which_task | unknown_task | which_status
    parsed: ParsedReply
    items: list[WorkItem]


@dataclass
class Intake:
    recorded: list[Recorded] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    unrelated: bool = False


def classify(parsed: ParsedReply) -> str | None:
    """None if the reply can be recorded; else what to ask."""
    if parsed.status is not None and parsed.task is not None and not parsed.ambiguous:
        return None
    if parsed.reason == "unknown_task":
        return "unknown_task"
    if parsed.status is None:
        return "which_status" if parsed.task is not None else "unrelated"
    return "which_task"


async def take_reply(
    session: AsyncSession,
    member: Member,
    text: str,
    items: list[WorkItem],
    *,
    now: datetime,
    tz: ZoneInfo,
    update_id: int | None = None,
) -> Intake:
    """Record every part of the reply that is clear; collect questions for the rest."""
    choices = candidates(items)
    by_ref = {item.task.ref: item for item in choices}
    intake = Intake()
    for parsed in parse_replies(text, [item.task.ref for item in choices]):
        need = classify(parsed)
        if need == "unrelated":
            intake.unrelated = True
            continue
        if need is not None:
            intake.questions.append(Question(need, parsed, choices))
            continue
        assert parsed.task is not None and parsed.status is not None
        intake.recorded.append(
            await record(
                session, member, by_ref[parsed.task], parsed.status, parsed, now, tz, update_id
            )
        )
    return intake


async def record(
    session: AsyncSession,
    member: Member,
    item: WorkItem,
    status: ReportStatus,
    parsed: ParsedReply | None,
    now: datetime,
    tz: ZoneInfo,
    update_id: int | None = None,
    *,
    percent: int | None = None,
    note: str | None = None,
) -> Recorded:
    assert member.agency_id is not None
    return await record_report(
        session,
        member=member,
        agency_id=member.agency_id,
        period=item.period,
        task=item.task,
        status=status,
        percent=parsed.percent if parsed is not None and percent is None else percent,
        note=(parsed.note if parsed is not None else "") if note is None else note,
        now=now,
        tz=tz,
        update_id=update_id,
    )
