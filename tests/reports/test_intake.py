"""Recording replies at the service level (SQLite and PostgreSQL): one report per task and
period with its revisions, several tasks in one reply, undo once per revision."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from conversation.reading import read
from emulator import FakeUser
from periods.store import load_calendar
from reports.intake import take
from reports.service import take_back, undo_report
from reports.worklist import worklist
from storage.db import Database
from storage.models import Member, Report, ReportRevision
from tests.auxil.scenario import seed

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 11, 2, 0, tzinfo=UTC)
AN, TC, BINH = FakeUser(1, "An", ""), FakeUser(2, "Tài", ""), FakeUser(3, "Bình", "")


async def reply(db: Database, member: Member, text: str, update_id: int):
    async with db.transaction() as session:
        calendar = await load_calendar(session)
        items = await worklist(session, member.agency_id or 0, calendar.local_date(NOW), calendar)
        return await take(
            session, member, read(text, items, None), now=NOW, tz=TZ, update_id=update_id
        )


async def revisions(db: Database, report_id: int) -> list[tuple[int, str, str | None]]:
    async with db.transaction() as session:
        rows = await session.execute(
            select(ReportRevision.revision, ReportRevision.action, ReportRevision.status)
            .where(ReportRevision.report_id == report_id)
            .order_by(ReportRevision.revision)
        )
        return [tuple(r) for r in rows.all()]


async def test_a_reply_records_a_report_and_a_second_one_revises_it(db: Database) -> None:
    scenario = await seed(db, AN, TC, BINH)
    first = await reply(db, scenario.officer, "II.1.a đang thực hiện 40%, đã trình dự thảo", 1)
    [made] = first.recorded
    assert (made.report.status, made.report.percent, made.report.note) == (
        "in_progress",
        40,
        "đã trình dự thảo",
    )
    second = await reply(db, scenario.officer, "II.1.a đang thực hiện 70%", 2)
    assert second.recorded[0].report.id == made.report.id
    assert await revisions(db, made.report.id) == [
        (1, "create", "in_progress"),
        (2, "edit", "in_progress"),
    ]
    again = await reply(db, scenario.officer, "II.1.a đang thực hiện 70%", 2)  # redelivered
    assert not again.recorded[0].created
    assert len(await revisions(db, made.report.id)) == 2


async def test_several_tasks_in_one_reply(db: Database) -> None:
    scenario = await seed(db, AN, TC, BINH)
    intake = await reply(db, scenario.officer, "II.1.a xong; II.2.a đang thực hiện 30%", 1)
    assert [(r.task.ref, r.report.status) for r in intake.recorded] == [
        ("II.1.a", "done"),
        ("II.2.a", "in_progress"),
    ]
    assert not intake.questions


async def test_undo_takes_back_one_revision_and_bumps_the_revision(db: Database) -> None:
    scenario = await seed(db, AN, TC, BINH)
    await reply(db, scenario.officer, "II.1.a đang thực hiện 40%", 1)
    [second] = (await reply(db, scenario.officer, "II.1.a đang thực hiện 60%", 2)).recorded
    async with db.transaction() as session:
        undone = await undo_report(session, second.report.id)
    assert undone is not None and undone.report is not None
    assert undone.report.percent == 40
    async with db.transaction() as session:
        stored = await session.get(Report, second.report.id)
    assert stored is not None and stored.revision == 3  # an Undo button for revision 2 is stale


async def test_take_back_removes_only_what_one_message_recorded(db: Database) -> None:
    scenario = await seed(db, AN, TC, BINH)
    await reply(db, scenario.officer, "II.1.a đang thực hiện 40%", 1)
    [mine] = (await reply(db, scenario.officer, "II.1.a đang thực hiện 60%", 2)).recorded
    async with db.transaction() as session:
        assert await take_back(session, mine.report.id, {1}) is None  # not the latest any more
        undone = await take_back(session, mine.report.id, {2})
    assert undone is not None and undone.report is not None and undone.report.percent == 40
