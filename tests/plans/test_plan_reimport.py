"""Re-importing a plan that is already saved: a real diff per task whose counts are what saving
does, a less trustworthy version (OCR, news write-up) never overwrites by default, removals only
on request, and reports stay attached to the tasks they were made against."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from plans.document import read_document
from plans.model import PlanDraft, TaskDraft
from plans.registry import load_starter
from plans.starter import load_directory as load_starter_directory
from plans.store import ImportChoice, preview_plan, save_plan
from storage.db import Database
from storage.models import Agency, Assignment, Plan, Report, ReportingPeriod, Task

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def seed(name: str) -> PlanDraft:
    return read_document((SEEDS / name).read_bytes(), name)


async def starter(db: Database, province: str = "Quảng Ngãi") -> None:
    async with db.transaction() as session:
        await load_starter(session, load_starter_directory(), province=province)


async def tasks_by_ref(db: Database) -> dict[str, Task]:
    async with db.sessions() as session:
        return {t.ref: t for t in (await session.scalars(select(Task))).all()}


async def test_the_same_file_twice_changes_nothing_and_says_so(db: Database) -> None:
    await starter(db)
    draft = seed("quang-ngai-151-kh-ubnd.txt")
    async with db.transaction() as session:
        first = await save_plan(session, draft)
    assert (first.created, first.added) == (True, 16)
    before = await tasks_by_ref(db)
    async with db.transaction() as session:
        preview = await preview_plan(session, seed("quang-ngai-151-kh-ubnd.txt"))
        assert preview.diff is not None and preview.diff.is_empty, preview.diff
        assert preview.diff.counts() == (0, 0, 0)
        again = await save_plan(session, seed("quang-ngai-151-kh-ubnd.txt"))
    assert (again.created, again.added, again.updated, again.removed) == (False, 0, 0, 0)
    after = await tasks_by_ref(db)
    assert {r: (t.id, t.text, t.active) for r, t in after.items()} == {
        r: (t.id, t.text, t.active) for r, t in before.items()
    }


async def test_preview_counts_equal_what_saving_does(db: Database) -> None:
    await starter(db)
    draft = seed("quang-ngai-151-kh-ubnd.txt")
    async with db.transaction() as session:
        await save_plan(session, draft)
    edited = draft.model_copy(deep=True)
    edited.tasks[0].timeframe = "Quý IV/2026"
    edited.tasks[0].due = date(2026, 12, 31)
    edited.tasks[1].lead = ["Sở Tài chính"]
    gone = edited.tasks.pop().ref
    edited.tasks.append(TaskDraft(ref="II.8", title="Nhiệm vụ mới", lead=["Sở Xây dựng"]))
    for choice in (None, ImportChoice(remove=True)):
        async with db.transaction() as session:
            preview = await preview_plan(session, edited)
            diff = preview.diff
            assert diff is not None and not diff.worse
            assert diff.added == ["II.8"] and diff.removed == [gone]
            assert diff.changed[edited.tasks[0].ref] == ["timeframe", "due"]
            assert diff.changed[edited.tasks[1].ref] == ["lead"]
            shown = diff.counts(choice)
            result = await save_plan(session, edited, choice=choice)
            assert (result.added, result.updated, result.removed) == shown
            await session.rollback()
    assert shown == (1, 2, 1)
    # Without the explicit choice, a task missing from the new version is kept.
    async with db.transaction() as session:
        result = await save_plan(session, edited)
    assert result.removed == 0
    assert (await tasks_by_ref(db))[gone].active


async def test_ocr_copy_over_a_clean_one_changes_nothing_without_a_choice(db: Database) -> None:
    await starter(db, "Khánh Hòa")
    clean = seed("khanh-hoa-544-kl-tu.txt")
    clean.plan.number = "544-KL/TU"  # the clean seed has no header; its number is known
    async with db.transaction() as session:
        await save_plan(session, clean, create_missing=True)
    stored = await tasks_by_ref(db)
    ocr = seed("khanh-hoa-544-kl-tu.ocr.txt")
    async with db.transaction() as session:
        preview = await preview_plan(session, ocr)
        diff = preview.diff
        assert diff is not None and diff.worse and diff.changed  # offered, task by task
        assert diff.counts() == (0, 0, 0)
        result = await save_plan(session, ocr, create_missing=True)
    assert (result.added, result.updated, result.removed) == (0, 0, 0)
    now = await tasks_by_ref(db)
    assert {r: t.text for r, t in now.items()} == {r: t.text for r, t in stored.items()}
    async with db.sessions() as session:
        plan = await session.scalar(select(Plan))
        assert plan is not None and plan.title == clean.plan.title
    # Taking one task explicitly takes that one only.
    ref = next(iter(diff.changed))
    async with db.transaction() as session:
        result = await save_plan(
            session, ocr, create_missing=True, choice=ImportChoice(take=frozenset({ref}))
        )
    assert (result.added, result.updated, result.removed) == (0, 1, 0)
    changed = await tasks_by_ref(db)
    assert [r for r in changed if changed[r].text != stored[r].text] == [ref]


async def test_news_write_up_never_overwrites_the_conclusion(db: Database) -> None:
    await starter(db, "Khánh Hòa")
    clean = seed("khanh-hoa-544-kl-tu.txt")
    clean.plan.number = "544-KL/TU"
    async with db.transaction() as session:
        await save_plan(session, clean, create_missing=True)
    news = seed("khanh-hoa-544-kl-tu.news.txt")
    async with db.transaction() as session:
        preview = await preview_plan(session, news)
        assert preview.diff is not None and preview.diff.worse
        assert preview.diff.removed == []  # the write-up gives the same ten tasks
        result = await save_plan(session, news, create_missing=True)
    assert (result.added, result.updated, result.removed) == (0, 0, 0)


async def test_reports_stay_attached_to_a_task_that_changes(db: Database) -> None:
    await starter(db)
    draft = seed("quang-ngai-151-kh-ubnd.txt")
    async with db.transaction() as session:
        plan = (await save_plan(session, draft)).plan
        task = await session.scalar(select(Task).where(Task.ref == "II.2.a"))
        assert task is not None
        agency_id = await session.scalar(
            select(Assignment.agency_id).where(Assignment.task_id == task.id).limit(1)
        )
        period = ReportingPeriod(
            plan_id=plan.id,
            kind="quarterly",
            key="2026-Q4",
            starts_on=date(2026, 9, 15),
            ends_on=date(2026, 12, 14),
            deadline=date(2026, 12, 16),
            support_deadline=date(2026, 12, 15),
        )
        session.add(period)
        await session.flush()
        session.add(
            Report(period_id=period.id, task_id=task.id, agency_id=agency_id, status="doing")
        )
        task_id = task.id
    edited = draft.model_copy(deep=True)
    target = next(t for t in edited.tasks if t.ref == "II.2.a")
    target.text += "\nBổ sung: hoàn thành trước ngày 30/6/2027."
    target.timeframe = "trước ngày 30/6/2027"
    target.due = date(2027, 6, 30)
    async with db.transaction() as session:
        result = await save_plan(session, edited)
    assert result.updated == 1
    async with db.sessions() as session:
        report = await session.scalar(select(Report))
        task = await session.get(Task, task_id)
        assert report is not None and report.task_id == task_id
        assert task is not None and task.active and task.due_on == date(2027, 6, 30)
        assert await session.scalar(select(func.count()).select_from(Agency)) > 0


async def test_products_and_issuing_act_are_kept(db: Database) -> None:
    await starter(db)
    path = Path(__file__).resolve().parents[1] / "fixtures" / "documents"
    draft = read_document((path / "qd-ban-hanh-ke-hoach-cds.docx").read_bytes(), "qd.docx")
    async with db.transaction() as session:
        await save_plan(session, draft, create_missing=True)
    async with db.sessions() as session:
        plan = await session.scalar(select(Plan))
        assert plan is not None and plan.kind == "plan"
        assert plan.issuing_act is not None and plan.issuing_act["number"] == "318/QĐ-UBND"
        task = await session.scalar(select(Task).where(Task.ref == "II.2"))
        assert task is not None and task.products and task.budget == "Ngân sách tỉnh năm 2026"
    async with db.transaction() as session:
        again = await preview_plan(session, draft)
        assert again.diff is not None and again.diff.is_empty, again.diff


async def test_a_plan_saved_before_quality_was_kept_is_measured_from_its_tasks(
    db: Database,
) -> None:
    await starter(db, "Khánh Hòa")
    clean = seed("khanh-hoa-544-kl-tu.txt")
    clean.plan.number = "544-KL/TU"
    clean.quality = None  # as saved by an older version
    async with db.transaction() as session:
        await save_plan(session, clean, create_missing=True)
    async with db.transaction() as session:
        preview = await preview_plan(session, seed("khanh-hoa-544-kl-tu.ocr.txt"))
        assert preview.diff is not None and preview.diff.old_quality is not None
        assert preview.diff.worse and preview.diff.counts() == (0, 0, 0)
