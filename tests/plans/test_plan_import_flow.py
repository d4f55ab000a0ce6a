"""Saving an import: a new plan owes from its first period (the default or the one chosen), on
the service clock; an assignment added later is owed from when it was added; the plan's own
reporting calendar is saved as read or as changed; a preview saved over a newer version of the
plan is refused; and the agencies the preview says it will chase are the ones `/plans` counts."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from periods.calendar import WorkingCalendar
from periods.schedule import owed_from_when_added
from plans.assignments import assign
from plans.document import read_document
from plans.model import DeadlineRule, PlanDraft, PlanInfo, ReportingSchedule, TaskDraft
from plans.overview import plans_overview
from plans.registry import load_starter, set_deployment_province
from plans.starter import load_directory as load_starter_directory
from plans.store import (
    ImportChoice,
    ImportClock,
    PlanChangedMeanwhile,
    SeenVersion,
    existing_plan,
    preview_plan,
    save_plan,
)
from storage.db import Database
from storage.models import Agency, Assignment, AuditEntry, Plan, Task

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CALENDAR = WorkingCalendar()


def clock(day: date, hour: int = 3) -> ImportClock:
    """09:00+ in Hà Nội on `day` (the service clock the bot would pass)."""
    return ImportClock(datetime(day.year, day.month, day.day, hour, tzinfo=UTC), CALENDAR)


def monthly_plan(number: str = "88/KH-UBND", **reporting: object) -> PlanDraft:
    """A monthly plan whose clause says "trước ngày 15 hằng tháng"."""
    schedule = ReportingSchedule(
        frequencies=["monthly"],
        deadlines={"monthly": DeadlineRule(day=15, month="first")},
        clause="Các sở báo cáo kết quả về Sở Nội vụ trước ngày 15 hằng tháng.",
    )
    return PlanDraft(
        plan=PlanInfo(number=number, title="Cải cách hành chính năm 2027", coordinator="Sở Nội vụ"),
        reporting=schedule.model_copy(update=reporting),
        tasks=[
            TaskDraft(ref="1", title="Rà soát thủ tục", lead=["Sở Tư pháp"], support=["Sở Y tế"]),
            TaskDraft(ref="2", title="Số hóa hồ sơ", lead=["Sở Khoa học và Công nghệ"]),
            TaskDraft(ref="3", title="Các sở cùng làm", lead=["Các sở, ban ngành"]),
        ],
    )


async def starter(db: Database, province: str = "Quảng Ngãi") -> None:
    async with db.transaction() as session:
        await set_deployment_province(session, province)
        await load_starter(session, load_starter_directory(), on=date(2026, 12, 1))


async def assignments(db: Database) -> dict[tuple[str, str], Assignment]:
    async with db.sessions() as session:
        rows = (
            await session.execute(
                select(Task.ref, Agency.name, Assignment)
                .join(Task, Task.id == Assignment.task_id)
                .join(Agency, Agency.id == Assignment.agency_id)
            )
        ).all()
    return {(ref, name): row for ref, name, row in rows}


async def test_a_monthly_plan_loaded_on_25_12_starts_with_january(db: Database) -> None:
    await starter(db)
    at = clock(date(2026, 12, 25))
    async with db.sessions() as session:
        preview = await preview_plan(session, monthly_plan(), at=at)
    view = preview.calendar
    assert view is not None and view.start is not None
    assert (view.start.key, view.start_due) == ("2027-M01", date(2027, 1, 15))
    assert [p.key for p in view.choices][:2] == ["2026-M12", "2027-M01"]
    [monthly] = view.kinds
    assert monthly.rule == DeadlineRule(day=15, month="first") and monthly.due == date(2027, 1, 15)
    async with db.transaction() as session:
        result = await save_plan(session, monthly_plan(), at=at)
    assert result.start is not None and result.start.key == "2027-M01"
    async with db.sessions() as session:
        plan = await existing_plan(session, "88/KH-UBND")
        assert plan is not None
        assert plan.schedule["starts_from"] == "2027-M01"
        assert plan.schedule["deadlines"] == {"monthly": {"day": 15, "month": "first"}}
        assert plan.created_at == at.now  # the service clock, not the machine's
    owed = {key: row.owed_from for key, row in (await assignments(db)).items()}
    assert len(owed) > 3  # direct and through the group "Các sở, ban ngành"
    assert set(owed.values()) == {date(2027, 1, 15)}


async def test_the_admin_may_start_earlier_than_the_default(db: Database) -> None:
    await starter(db)
    draft = monthly_plan()
    draft.reporting.starts_from = "2026-M12"
    async with db.transaction() as session:
        result = await save_plan(session, draft, at=clock(date(2026, 12, 25)))
    assert result.start is not None and result.start.key == "2026-M12"
    assert result.start_due == date(2026, 12, 15)
    assert {r.owed_from for r in (await assignments(db)).values()} == {date(2026, 12, 15)}


async def test_a_start_of_another_kind_is_read_as_the_plans_own_period(db: Database) -> None:
    await starter(db)
    draft = monthly_plan("89/KH-UBND", frequencies=["quarterly"], deadlines={})
    draft.reporting.starts_from = "2027-M01"  # "Tháng 1/2027" for a quarterly plan
    async with db.transaction() as session:
        result = await save_plan(session, draft, at=clock(date(2026, 12, 25)))
    assert result.start is not None and result.start.key == "2027-Q1"


async def test_a_reimport_keeps_the_start_and_owes_new_assignments_from_their_day(
    db: Database,
) -> None:
    await starter(db)
    async with db.transaction() as session:
        await save_plan(session, monthly_plan(), at=clock(date(2026, 12, 25)))
    before = await assignments(db)
    later = clock(date(2027, 3, 2))
    edited = monthly_plan()
    edited.reporting.starts_from = "2027-M06"  # a re-import never moves the start
    edited.tasks[1].support = ["Sở Tài chính"]
    edited.tasks.append(TaskDraft(ref="4", title="Việc mới", lead=["Sở Xây dựng"]))
    async with db.sessions() as session:
        preview = await preview_plan(session, edited, at=later)
    assert preview.calendar is not None and preview.calendar.kept
    assert preview.calendar.start is not None and preview.calendar.start.key == "2027-M01"
    assert preview.calendar.choices == []
    assert preview.diff is not None and preview.diff.plan == []  # the start is no change
    async with db.transaction() as session:
        result = await save_plan(session, edited, at=later)
    assert (result.added, result.updated) == (1, 1)
    after = await assignments(db)
    added_on = owed_from_when_added(date(2027, 3, 2), CALENDAR)
    for key, row in after.items():
        if key in before:
            assert row.owed_from == date(2027, 1, 15), key
        else:
            assert row.owed_from == added_on, key
    assert set(after) - set(before) == {("2", "Sở Tài chính"), ("4", "Sở Xây dựng")}
    async with db.sessions() as session:
        plan = await existing_plan(session, "88/KH-UBND")
        assert plan is not None and plan.schedule["starts_from"] == "2027-M01"
    # the same document again: nothing to save, even with another start written in it
    async with db.sessions() as session:
        again = await preview_plan(session, edited, at=later)
    assert again.diff is not None and again.diff.is_empty


async def test_assign_owes_a_new_assignment_from_its_day_and_keeps_an_old_ones(
    db: Database,
) -> None:
    await starter(db)
    async with db.transaction() as session:
        await save_plan(session, monthly_plan(), at=clock(date(2026, 12, 25)))
    async with db.transaction() as session:
        task = await session.scalar(select(Task).where(Task.ref == "2"))
        nv = await session.scalar(select(Agency).where(Agency.name == "Sở Nội vụ"))
        tp = await session.scalar(select(Agency).where(Agency.name == "Sở Tư pháp"))
        assert task is not None and nv is not None and tp is not None
        owed = owed_from_when_added(date(2027, 2, 1), CALENDAR)
        made = await assign(session, task, nv, role("support"), None, owed_from=owed)
        assert made is not None and made.owed_from == owed
        first = await session.scalar(select(Task).where(Task.ref == "1"))
        assert first is not None
        # Sở Tư pháp already leads task 1: a role change keeps what it owed from
        kept = await assign(session, first, tp, role("support"), None, owed_from=owed)
        assert kept is not None and kept.owed_from == date(2027, 1, 15)


def role(value: str):  # type: ignore[no-untyped-def]
    from domain.status import AssignmentRole

    return AssignmentRole(value)


async def test_the_calendar_as_changed_in_the_preview_is_saved(db: Database) -> None:
    from plans.calendar_choice import with_day, with_decree_defaults, with_frequency_toggled

    await starter(db)
    draft = monthly_plan()
    schedule = with_frequency_toggled(draft.reporting, "quarterly")
    schedule = with_day(schedule, "quarterly", 10)
    assert schedule.deadlines["quarterly"] == DeadlineRule(day=10, month="first")
    assert with_decree_defaults(schedule).deadlines == {}
    assert with_frequency_toggled(ReportingSchedule(frequencies=["monthly"]), "monthly").frequencies
    draft.reporting = schedule
    async with db.transaction() as session:
        await save_plan(session, draft, at=clock(date(2026, 12, 25)))
    async with db.sessions() as session:
        plan = await existing_plan(session, "88/KH-UBND")
        assert plan is not None
        saved = ReportingSchedule.model_validate(plan.schedule)
    assert saved.frequencies == ["monthly", "quarterly"]
    assert saved.deadlines["quarterly"].day == 10 and saved.clause == draft.reporting.clause


async def test_a_stale_preview_is_refused_and_nothing_is_saved(db: Database) -> None:
    await starter(db)
    at = clock(date(2026, 12, 25))
    async with db.transaction() as session:
        await save_plan(session, monthly_plan(), at=at)
    first = monthly_plan()
    first.tasks[0].title = "Bản của quản trị viên A"
    second = monthly_plan()
    second.tasks[1].title = "Bản của quản trị viên B"
    async with db.sessions() as session:
        seen_a = (await preview_plan(session, first, at=at)).seen
        seen_b = (await preview_plan(session, second, at=at)).seen
    assert seen_a == seen_b and seen_a.version is not None
    async with db.transaction() as session:
        await save_plan(session, second, at=at, seen=seen_b)
    with pytest.raises(PlanChangedMeanwhile):
        async with db.transaction() as session:
            await save_plan(session, first, at=at, seen=seen_a)
    async with db.sessions() as session:
        titles = dict((await session.execute(select(Task.ref, Task.title))).all())
        # B's save stands; shown again, A's preview says so: one change (task 1) and task 2 back
        again = await preview_plan(session, first, at=at)
    assert titles["1"] == "Rà soát thủ tục" and titles["2"] == "Bản của quản trị viên B"
    assert again.diff is not None and sorted(again.diff.changed) == ["1", "2"]
    async with db.transaction() as session:
        await save_plan(session, first, at=at, seen=again.seen)  # his version, on purpose


async def test_two_saves_of_a_new_plan_at_once_leave_one_plan_and_tell_the_other(
    db: Database,
) -> None:
    await starter(db)
    at = clock(date(2026, 12, 25))
    draft = monthly_plan()
    async with db.sessions() as session:
        seen = (await preview_plan(session, draft, at=at)).seen
    assert seen == SeenVersion(None)

    async def save() -> str:
        try:
            async with db.transaction() as session:
                await save_plan(session, draft, at=at, seen=seen)
        except PlanChangedMeanwhile:
            return "changed"
        return "saved"

    outcomes = await asyncio.gather(save(), save())
    assert sorted(outcomes) == ["changed", "saved"]
    async with db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(Plan)) == 1


async def test_assign_moves_the_plan_to_a_new_version(db: Database) -> None:
    await starter(db)
    at = clock(date(2026, 12, 25))
    async with db.transaction() as session:
        await save_plan(session, monthly_plan(), at=at)
    async with db.sessions() as session:
        seen = (await preview_plan(session, monthly_plan(), at=at)).seen
    async with db.transaction() as session:
        task = await session.scalar(select(Task).where(Task.ref == "2"))
        agency = await session.scalar(select(Agency).where(Agency.name == "Sở Nội vụ"))
        assert task is not None and agency is not None
        await assign(session, task, agency, role("lead"), None)
    with pytest.raises(PlanChangedMeanwhile):  # saving would undo the assignment unseen
        async with db.transaction() as session:
            await save_plan(session, monthly_plan(), at=at, seen=seen)


async def test_the_agencies_a_preview_will_chase_are_those_plans_counts(db: Database) -> None:
    """A name not in the directory becomes an agency when the chat saves: it is chased, so
    the preview counts it (issue 25: "Sẽ đôn đốc 17 cơ quan", then /plans said 18)."""
    await starter(db)
    path = FIXTURES / "documents" / "kh-de-an-06-phu-luc.docx"
    draft = read_document(path.read_bytes(), path.name)
    async with db.sessions() as session:
        preview = await preview_plan(session, draft)
    assert preview.new_agencies  # a bank branch the starter does not list
    assert preview.review is not None
    chased = preview.review.chased_agencies()
    async with db.transaction() as session:
        await save_plan(session, draft, create_missing=True)
    async with db.sessions() as session:
        [overview] = await plans_overview(session)
    assert overview.agencies == len(chased)
    assert set(preview.new_agencies) <= set(chased)


async def test_saves_are_audited_with_the_first_period(db: Database) -> None:
    await starter(db)
    async with db.transaction() as session:
        await save_plan(session, monthly_plan(), at=clock(date(2026, 12, 25)))
    async with db.sessions() as session:
        entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "plan.create"))
    assert entry is not None and entry.details["starts_from"] == "2027-M01"


async def test_without_a_clock_saving_chooses_no_start(db: Database) -> None:
    """Callers that give no clock (older scripts) save as before: no start, nothing owed-from."""
    await starter(db)
    async with db.transaction() as session:
        result = await save_plan(session, monthly_plan(), choice=ImportChoice())
    assert result.start is None
    assert {r.owed_from for r in (await assignments(db)).values()} == {None}


def test_a_start_of_another_kind_means_the_plans_period_holding_its_first_day() -> None:
    from periods.rules import parse_period_key
    from plans.calendar_choice import normalise_start, plan_calendar

    monthly = plan_calendar(ReportingSchedule(frequencies=["monthly"]), CALENDAR)
    quarterly = plan_calendar(ReportingSchedule(frequencies=["quarterly"]), CALENDAR)
    yearly_too = plan_calendar(ReportingSchedule(frequencies=["quarterly", "yearly"]), CALENDAR)
    cases = [
        (monthly, "2027-Q1", "2027-M01"),
        (monthly, "2026-H2", "2026-M07"),
        (quarterly, "2027-M01", "2027-Q1"),
        (quarterly, "2027-M03", "2027-Q1"),
        (quarterly, "2027-Y", "2027-Q1"),
        (yearly_too, "2026-Y", "2026-Q4"),  # one moment: stored on the quarter
    ]
    for cal, given, expected in cases:
        assert normalise_start(cal, parse_period_key(given)).key == expected, (given, expected)
