"""Turning a read reply into reports, or into clear questions (in the caller's transaction)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from domain.status import ReportStatus
from reports.replies import ParsedReply
from reports.service import Recorded, record_report
from reports.worklist import WorkItem
from storage.models import Member


@dataclass(frozen=True)
class Part:
    """One part of a reply: record it on `item`, or ask first (`ask` says why)."""

    parsed: ParsedReply
    item: WorkItem | None = None
    ask: str | None = None
    choices: tuple[WorkItem, ...] = ()  # tasks offered when asking which task
    keep: str | None = None  # keep_or_change: the status the task has now
    statuses: tuple[str, ...] = ()  # keep_or_change: statuses offered
    named: bool = False  # the officer wrote the task's ref (not only "what was asked")
    settles: tuple[WorkItem, ...] = ()  # earlier periods of the task still owed, also recorded


@dataclass
class Reading:
    """A reply as read against what it answers (see conversation.reading)."""

    parts: list[Part] = field(default_factory=list)
    unrelated: bool = False  # nothing in it reads as a report

    @property
    def records(self) -> list[Part]:
        return [p for p in self.parts if p.ask is None and p.item is not None]

    @property
    def questions(self) -> list[Part]:
        return [p for p in self.parts if p.ask is not None]


@dataclass(frozen=True)
class Question:
    """What the bot must ask instead of guessing."""

    reason: str  # which_task | unknown_task | which_status | line_or_task | keep_or_change
    parsed: ParsedReply
    items: list[WorkItem]
    keep: str | None = None  # keep_or_change: the task's status now
    statuses: tuple[str, ...] = ()  # keep_or_change: statuses offered

    @classmethod
    def of(cls, part: Part) -> Question:
        assert part.ask is not None
        items = list(part.choices) or ([part.item] if part.item is not None else [])
        return cls(part.ask, part.parsed, items, part.keep, part.statuses)


@dataclass
class Intake:
    recorded: list[Recorded] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    unrelated: bool = False


async def take(
    session: AsyncSession,
    member: Member,
    reading: Reading,
    *,
    now: datetime,
    tz: ZoneInfo,
    update_id: int | None = None,
) -> Intake:
    """Record every part of the reading that is clear; collect questions for the rest."""
    intake = Intake(unrelated=reading.unrelated)
    for part in reading.parts:
        if part.ask is not None:
            intake.questions.append(Question.of(part))
            continue
        assert part.item is not None and part.parsed.status is not None
        for item in (*part.settles, part.item):
            intake.recorded.append(
                await record(
                    session, member, item, part.parsed.status, part.parsed, now, tz, update_id
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
        role=item.role,
    )
