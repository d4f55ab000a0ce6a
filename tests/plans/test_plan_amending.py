"""An amending plan ("Kế hoạch sửa đổi, bổ sung … Kế hoạch số 151/KH-UBND") is applied to the
plan it amends: restated items change in place, added items go after the item named, repealed
items are deactivated (their reports kept), phrases are replaced everywhere, and the plan
records the amendment. Nothing is guessed: a ref the plan does not have is reported."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from periods.calendar import WorkingCalendar
from periods.schedule import owed_from_when_added
from plans.amending import apply_amendment
from plans.document import read_document
from plans.model import (
    Amendment,
    AmendmentChange,
    PlanDraft,
    PlanInfo,
    TaskDraft,
)
from plans.planfile import dump_plan_file, load_plan_file
from plans.registry import load_starter, set_deployment_province
from plans.starter import load_directory as load_starter_directory
from plans.store import (
    AmendedPlanMissing,
    ImportClock,
    PlanChangedMeanwhile,
    existing_plan,
    preview_plan,
    save_plan,
)
from storage.db import Database
from storage.models import Assignment, AuditEntry, Report, ReportingPeriod, Task

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
CALENDAR = WorkingCalendar()


def plan(*refs: str) -> PlanDraft:
    return PlanDraft(
        plan=PlanInfo(number="151/KH-UBND"),
        tasks=[
            TaskDraft(
                ref=r,
                title=f"Việc {r} của Sở Kế hoạch và Đầu tư",
                text=f"Nội dung {r}",
                lead=["Sở Xây dựng"],
                timeframe="Thường xuyên",
                group=f"Nhóm {r.rsplit('.', 1)[0]}",
            )
            for r in refs
        ],
    )


def amendment(*changes: AmendmentChange) -> Amendment:
    return Amendment(target_number="151/KH-UBND", changes=list(changes))


def test_a_restated_item_keeps_what_the_amending_text_leaves_out() -> None:
    stored = plan("II.1.a", "II.1.b")
    restated = TaskDraft(ref="II.1.a", title="Chuẩn hóa số liệu", timeframe="Quý II/2027")
    applied, effect = apply_amendment(
        stored, amendment(AmendmentChange(action="amend", ref="II.1.a", task=restated))
    )
    task = applied.tasks[0]
    assert effect.amended == ["II.1.a"]
    assert task.title == "Chuẩn hóa số liệu" and task.timeframe == "Quý II/2027"
    assert task.lead == ["Sở Xây dựng"] and task.group == "Nhóm II.1"  # left out: kept
    assert applied.tasks[1] == stored.tasks[1]


def test_an_added_item_goes_after_the_one_named_in_its_section() -> None:
    stored = plan("II.2.c", "II.2.d", "II.3.a")
    added = TaskDraft(ref="II.2.đ", title="Cơ sở dữ liệu nhà ở", lead=["Sở Xây dựng"])
    applied, effect = apply_amendment(
        stored,
        amendment(AmendmentChange(action="add", ref="II.2.đ", after="II.2.d", task=added)),
    )
    assert [t.ref for t in applied.tasks] == ["II.2.c", "II.2.d", "II.2.đ", "II.3.a"]
    assert applied.tasks[2].group == "Nhóm II.2"  # "đ" is not "d": added, not amended
    assert [(a.ref, a.after) for a in effect.added] == [("II.2.đ", "II.2.d")]
    # without "after": after the last item of its section
    applied, _ = apply_amendment(
        stored, amendment(AmendmentChange(action="add", ref="II.2.đ", task=added))
    )
    assert [t.ref for t in applied.tasks] == ["II.2.c", "II.2.d", "II.2.đ", "II.3.a"]


def test_repeal_and_replace_and_unknown_refs() -> None:
    stored = plan("II.1.a", "II.3.a", "II.3.b")
    applied, effect = apply_amendment(
        stored,
        amendment(
            AmendmentChange(action="repeal", ref="II.3.b"),
            AmendmentChange(action="replace", old="sở kế hoạch và đầu tư", new="Sở Tài chính"),
            AmendmentChange(action="repeal", ref="II.9"),
            AmendmentChange(action="repeal", ref="II.4.c"),
            AmendmentChange(
                action="amend", ref="IV.1", task=TaskDraft(ref="IV.1", title="Không có")
            ),
        ),
        inactive={"II.4.c"},
    )
    assert [t.ref for t in applied.tasks] == ["II.1.a", "II.3.a"]
    assert effect.repealed == ["II.3.b"] and effect.titles["II.3.b"].startswith("Việc II.3.b")
    [replaced] = effect.replaced
    assert replaced.refs == ("II.1.a", "II.3.a")
    assert all("Sở Tài chính" in t.title and "Đầu tư" not in t.title for t in applied.tasks)
    assert [(s.ref, s.reason) for s in effect.skipped] == [
        ("II.9", "unknown"),
        ("II.4.c", "already_repealed"),
        ("IV.1", "unknown"),
    ]


def test_the_plan_file_holds_an_amendment_and_reads_it_back() -> None:
    text = """
plan:
  number: 200/KH-UBND
  title: Sửa đổi, bổ sung một số nội dung của Kế hoạch số 151/KH-UBND
  issued_on: 5/3/2027
amends:
  target_number: 151/KH-UBND
  target_issued_on: 22/9/2022
  changes:
    - action: add
      ref: II.2.đ
      after: II.2.d
      task:
        ref: II.2.đ
        title: Xây dựng cơ sở dữ liệu nhà ở
        lead: Sở Xây dựng
    - action: repeal
      ref: 1.10
"""
    draft = load_plan_file(text)
    assert draft.amends is not None and draft.amends.target_issued_on == date(2022, 9, 22)
    add, repeal = draft.amends.changes
    assert add.task is not None and add.task.lead == ["Sở Xây dựng"]
    assert repeal.ref == "1.10"  # kept as written, not the number 1.1
    assert load_plan_file(dump_plan_file(draft)) == draft


# -- applied to a saved plan --


def seed() -> PlanDraft:
    name = "quang-ngai-151-kh-ubnd.txt"
    return read_document((SEEDS / name).read_bytes(), name)


def at(day: date) -> ImportClock:
    return ImportClock(datetime(day.year, day.month, day.day, 3, tzinfo=UTC), CALENDAR)


def amending(target: str = "151/KH-UBND") -> PlanDraft:
    return PlanDraft(
        plan=PlanInfo(
            number="45/KH-UBND",
            title="Sửa đổi, bổ sung một số nội dung của Kế hoạch số 151/KH-UBND",
            issued_on=date(2027, 3, 5),
        ),
        amends=Amendment(
            target_number=target,
            target_issued_on=date(2022, 9, 22),
            changes=[
                AmendmentChange(
                    action="amend",
                    ref="II.1.a",
                    task=TaskDraft(
                        ref="II.1.a",
                        title="Chuẩn hóa số liệu chỉ tiêu đô thị hóa theo bộ tiêu chí mới",
                        text="Chuẩn hóa số liệu chỉ tiêu đô thị hóa theo bộ tiêu chí mới.",
                        timeframe="Quý II/2027",
                        due=date(2027, 6, 30),
                    ),
                ),
                AmendmentChange(
                    action="add",
                    ref="II.2.e",
                    after="II.2.đ",
                    task=TaskDraft(
                        ref="II.2.e",
                        title="Xây dựng cơ sở dữ liệu nhà ở và thị trường bất động sản",
                        lead=["Sở Xây dựng"],
                        support=["Sở Tư pháp"],
                        timeframe="Năm 2027",
                    ),
                ),
                AmendmentChange(action="repeal", ref="II.1.c"),
                AmendmentChange(action="replace", old="đô thị hóa", new="đô thị hoá"),
            ],
        ),
    )


async def saved_151(db: Database) -> int:
    """Plan 151 saved, with a report made against the task the amendment repeals."""
    async with db.transaction() as session:
        await set_deployment_province(session, "Quảng Ngãi")
        await load_starter(session, load_starter_directory(), on=date(2026, 12, 1))
    async with db.transaction() as session:
        saved = await save_plan(session, seed(), at=at(date(2026, 11, 23)))
        task = await session.scalar(select(Task).where(Task.ref == "II.1.c"))
        assert task is not None
        agency_id = await session.scalar(
            select(Assignment.agency_id).where(Assignment.task_id == task.id).limit(1)
        )
        period = ReportingPeriod(
            plan_id=saved.plan.id,
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
        return task.id


async def test_an_amendment_changes_the_saved_plan_and_keeps_its_reports(db: Database) -> None:
    repealed_id = await saved_151(db)
    async with db.sessions() as session:
        before = {t.ref: t.id for t in (await session.scalars(select(Task))).all()}
        preview = await preview_plan(session, amending(), at=at(date(2027, 3, 10)))
    shown = preview.amendment
    assert shown is not None and shown.plan is not None and shown.effect is not None
    assert shown.effect.amended == ["II.1.a"] and shown.effect.repealed == ["II.1.c"]
    assert preview.diff is not None and preview.diff.added == ["II.2.e"]
    assert preview.diff.removed == ["II.1.c"]
    assert set(preview.diff.changed["II.1.a"]) >= {"title", "timeframe", "due"}
    replaced = shown.effect.replaced[0].refs
    assert "II.5.a" in replaced and "II.5.a" in preview.diff.changed
    async with db.transaction() as session:
        result = await save_plan(session, amending(), at=at(date(2027, 3, 10)), seen=preview.seen)
    assert result.plan.number == "151/KH-UBND" and not result.created
    assert (result.added, result.removed) == (1, 1) and result.updated == len(preview.diff.changed)
    async with db.sessions() as session:
        tasks = {t.ref: t for t in (await session.scalars(select(Task))).all()}
        plan = await existing_plan(session, "151/KH-UBND")
        report = await session.scalar(select(Report))
        entry = await session.scalar(select(AuditEntry).where(AuditEntry.action == "plan.amend"))
        new = await session.scalars(
            select(Assignment).where(Assignment.task_id == tasks["II.2.e"].id)
        )
        owed = {a.owed_from for a in new.all()}
    assert {r: t.id for r, t in tasks.items() if r in before} == before  # same rows
    assert not tasks["II.1.c"].active and tasks["II.1.c"].id == repealed_id
    assert report is not None and report.task_id == repealed_id  # its report stays
    assert tasks["II.1.a"].due_on == date(2027, 6, 30) and tasks["II.1.a"].active
    order = sorted((t for t in tasks.values() if t.active), key=lambda t: t.position)
    refs = [t.ref for t in order]
    assert refs.index("II.2.e") == refs.index("II.2.đ") + 1
    assert "đô thị hoá" in tasks["II.5.a"].text and "đô thị hóa" not in tasks["II.5.a"].text
    assert owed == {owed_from_when_added(date(2027, 3, 10), CALENDAR)}
    assert plan is not None and plan.schedule["starts_from"] == "2026-Q4"  # start kept
    assert [a["number"] for a in plan.amendments] == ["45/KH-UBND"]
    assert plan.amendments[0]["issued_on"] == "2027-03-05"
    assert entry is not None and entry.details["amendment"] == "45/KH-UBND"

    # Applied twice: recorded once, nothing more changes.
    async with db.sessions() as session:
        again = await preview_plan(session, amending(), at=at(date(2027, 3, 11)))
    assert again.amendment is not None and again.amendment.applied_before is not None
    assert again.diff is not None and again.diff.is_empty
    async with db.transaction() as session:
        await save_plan(session, amending(), at=at(date(2027, 3, 11)))
    async with db.sessions() as session:
        plan = await existing_plan(session, "151/KH-UBND")
    assert plan is not None and len(plan.amendments) == 1


async def test_an_amendment_of_a_plan_not_loaded_saves_nothing(db: Database) -> None:
    await saved_151(db)
    draft = amending("999/KH-UBND")
    async with db.sessions() as session:
        preview = await preview_plan(session, draft)
    assert preview.amendment is not None and preview.amendment.plan is None
    assert preview.diff is None
    with pytest.raises(AmendedPlanMissing):
        async with db.transaction() as session:
            await save_plan(session, draft)
    async with db.sessions() as session:
        assert await existing_plan(session, "45/KH-UBND") is None  # never a plan of its own


async def test_an_amendment_previewed_before_another_save_is_shown_again(db: Database) -> None:
    await saved_151(db)
    async with db.sessions() as session:
        seen = (await preview_plan(session, amending())).seen
    edited = seed()
    edited.tasks[0].title = "Sửa trong lúc xem trước"
    async with db.transaction() as session:
        await save_plan(session, edited)
    with pytest.raises(PlanChangedMeanwhile):
        async with db.transaction() as session:
            await save_plan(session, amending(), seen=seen)
