"""A year of reporting through the chat (docs/counting.md): a reply is filed where the officer
meant, a plan loaded late starts clean, the year shows what quarter IV collected, the plan's
own deadline is kept, and late and missing are counted apart."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from emulator import FakeUser, SentMessage
from plans.model import DeadlineRule, PlanDraft, PlanInfo, ReportingSchedule, TaskDraft
from plans.registry import add_agency
from plans.store import save_plan
from storage.db import Database
from storage.models import Member, Plan, Report, ReportingPeriod, Task
from tests.auxil.harness import BotHarness
from tests.conftest import COORDINATOR, OFFICER

FINANCE = FakeUser(900020, "Lê", "Tài Chính")
XD, TC = "Sở Xây dựng", "Sở Tài chính"
MONTHLY_15 = ReportingSchedule(
    frequencies=["monthly"],
    deadlines={"monthly": DeadlineRule(day=15)},
    clause="báo cáo kết quả về Sở Xây dựng trước ngày 15 hằng tháng",
)


def at(day: int, month: int = 12, hour_local: int = 9, year: int = 2026) -> datetime:
    """A moment in Vietnam time (UTC+7) as UTC."""
    return datetime(year, month, day, hour_local - 7, 0, tzinfo=UTC)


def monthly_plan(number: str, starts_from: str = "2026-M12") -> PlanDraft:
    schedule = MONTHLY_15.model_copy(update={"starts_from": starts_from})
    return PlanDraft(
        plan=PlanInfo(number=number, title=f"Kế hoạch {number}", coordinator=XD),
        tasks=[
            TaskDraft(ref="I.1", title="Rà soát danh mục thủ tục hành chính", lead=[XD]),
            TaskDraft(ref="I.2", title="Số hóa hồ sơ cấp phép xây dựng", lead=[XD], support=[TC]),
        ],
        reporting=schedule,
    )


QUARTERLY = PlanDraft(
    plan=PlanInfo(number="151/KH-UBND", title="Kế hoạch 151", coordinator=XD),
    tasks=[
        TaskDraft(ref="II.1.a", title="Chuẩn hóa số liệu đô thị hóa", lead=[XD]),
        TaskDraft(ref="II.1.c", title="Bố trí vốn nhà ở xã hội", lead=[TC], support=[XD]),
        TaskDraft(ref="II.2.a", title="Rà soát quy hoạch đô thị", lead=[XD]),
    ],
    reporting=ReportingSchedule(frequencies=["quarterly"], starts_from="2026-Q4"),
)


async def seed(db: Database, *drafts: PlanDraft) -> None:
    async with db.transaction() as session:
        xd = await add_agency(session, XD, short_name="Sở XD")
        tc = await add_agency(session, TC, short_name="Sở TC")
        for draft in drafts:
            saved = await save_plan(session, draft)
            saved.plan.created_at = at(1, 11)
        for user, agency, role in (
            (OFFICER, xd, "officer"),
            (FINANCE, tc, "officer"),
            (COORDINATOR, xd, "coordinator"),
        ):
            name = f"{user.first_name} {user.last_name}"
            session.add(
                Member(telegram_user_id=user.id, full_name=name, agency_id=agency.id, role=role)
            )


async def reports(db: Database) -> list[tuple[str, str, str, str, bool]]:
    """(plan, period key, task ref, status, late) of every report, in a stable order."""
    async with db.transaction() as session:
        rows = await session.execute(
            select(Plan.number, ReportingPeriod.key, Task.ref, Report.status, Report.late)
            .join(ReportingPeriod, ReportingPeriod.id == Report.period_id)
            .join(Task, Task.id == Report.task_id)
            .join(Plan, Plan.id == Task.plan_id)
            .order_by(Plan.number, ReportingPeriod.ends_on, Task.ref, Report.agency_id)
        )
        return [tuple(row) for row in rows.all()]  # type: ignore[misc]


def reminders_of(bot: BotHarness, user: FakeUser, label: str) -> list[SentMessage]:
    return [m for m in bot.emulator.messages_to(user.id) if m.text.startswith(("⏰", "❗"))
            and label in m.text]  # fmt: skip


async def test_a_reply_to_the_january_reminder_is_filed_in_january(harness: BotHarness) -> None:
    await seed(harness.db, monthly_plan("10/KH-UBND"))
    harness.clock.set(at(12, 1, year=2027))  # December owed since 15/12; January's reminders
    await harness.tick()
    [january] = reminders_of(harness, OFFICER, "Tháng 1/2027")
    assert "hạn 15/01/2027" in january.text  # the plan's own "trước ngày 15 hằng tháng"
    reply = await harness.ask(
        OFFICER,
        "1 đang thực hiện 40%, đã rà soát xong danh mục thủ tục",
        reply_to=january.message_id,
    )
    # January is recorded; the same report settles December, which was still owed, as late
    assert "Tháng 1/2027" in reply.text and "Tháng 12/2026" in reply.text
    assert await reports(harness.db) == [
        ("10/KH-UBND", "2026-M12", "I.1", "in_progress", True),
        ("10/KH-UBND", "2027-M01", "I.1", "in_progress", False),
    ]
    # and she is not chased for January's I.1 again
    harness.clock.set(at(14, 1, year=2027))
    await harness.tick()
    [later] = reminders_of(harness, OFFICER, "Tháng 1/2027")[1:]
    assert "I.2" in later.text and "I.1 " not in later.text


async def test_a_reply_to_an_older_reminder_never_files_a_later_period(
    harness: BotHarness,
) -> None:
    await seed(harness.db, monthly_plan("10/KH-UBND"))
    harness.clock.set(at(10, 12))
    await harness.tick()
    [december] = reminders_of(harness, OFFICER, "Tháng 12/2026")
    assert "hạn 15/12/2026" in december.text
    harness.clock.set(at(12, 1, year=2027))
    await harness.tick()
    reply = await harness.ask(OFFICER, "2 xong", reply_to=december.message_id)
    assert "Tháng 12/2026" in reply.text and "Tháng 1/2027" not in reply.text
    assert "sau hạn 15/12/2026" in reply.text
    assert await reports(harness.db) == [("10/KH-UBND", "2026-M12", "I.2", "done", True)]


async def test_a_reply_to_the_task_list_names_every_period_it_settles(
    harness: BotHarness,
) -> None:
    await seed(harness.db, monthly_plan("10/KH-UBND"))
    harness.clock.set(at(12, 1, year=2027))
    listing = await harness.ask(OFFICER, "/tasks")
    assert "Tháng 12/2026" in listing.text and "Tháng 1/2027" in listing.text
    assert "quá hạn" in listing.text  # December's I.1 has been owed since 15/12
    reply = await harness.ask(OFFICER, "I.1 xong", reply_to=listing.message_id)
    assert "Tháng 12/2026" in reply.text and "Tháng 1/2027" in reply.text
    assert [r[:3] for r in await reports(harness.db)] == [
        ("10/KH-UBND", "2026-M12", "I.1"),
        ("10/KH-UBND", "2027-M01", "I.1"),
    ]


async def test_the_answered_plan_wins_over_another_with_the_same_refs(
    harness: BotHarness,
) -> None:
    await seed(harness.db, monthly_plan("10/KH-UBND"), monthly_plan("20/KH-UBND"))
    harness.clock.set(at(12, 1, year=2027))
    await harness.tick()
    first = [m for m in reminders_of(harness, OFFICER, "Tháng 1/2027") if "10/KH-UBND" in m.text]
    reply = await harness.ask(OFFICER, "1 xong", reply_to=first[0].message_id)
    assert "Đã ghi nhận" in reply.text
    assert {r[0] for r in await reports(harness.db)} == {"10/KH-UBND"}
    # a ref two plans have, in a message that replies to nothing: asked, never guessed
    question = await harness.ask(OFFICER, "I.2 đang thực hiện 50%")
    assert len(question.buttons()) >= 2 and "Đã ghi nhận" not in question.text
    assert {r[0] for r in await reports(harness.db)} == {"10/KH-UBND"}


async def test_a_plan_loaded_after_a_deadline_starts_with_the_next_period(
    harness: BotHarness,
) -> None:
    await seed(harness.db, monthly_plan("30/KH-UBND", starts_from="2027-M01"))
    for day in (28, 29, 30, 31):
        harness.clock.set(at(day, 12))
        await harness.tick()
    assert harness.emulator.messages_to(OFFICER.id) == []  # nothing overdue, nothing yet
    assert harness.emulator.messages_to(COORDINATOR.id) == []  # nobody escalated
    listing = await harness.ask(OFFICER, "/tasks")
    assert "Tháng 1/2027" in listing.text and "hạn 15/01/2027" in listing.text
    assert "Tháng 12/2026" not in listing.text and "quá hạn" not in listing.text
    summary = await harness.ask(COORDINATOR, "/summary 30 tháng 12/2026")
    assert "được theo dõi từ kỳ" in summary.text and "Tháng 1/2027" in summary.text
    harness.clock.set(at(12, 1, year=2027))
    await harness.tick()
    [first] = reminders_of(harness, OFFICER, "Tháng 1/2027")
    assert first.text.startswith("⏰") and "hạn 15/01/2027" in first.text


async def test_the_year_shows_what_quarter_four_collected(harness: BotHarness) -> None:
    await seed(harness.db, QUARTERLY)
    harness.clock.set(at(11, 12))
    await harness.tick()
    await harness.ask(OFFICER, "II.1.a xong\nII.2.a đang thực hiện 60%")
    quarter = await harness.ask(COORDINATOR, "/summary 151 quý IV/2026")
    year = await harness.ask(COORDINATOR, "/summary 151 năm 2026")
    assert "Hoàn thành đúng hạn: 1" in quarter.text
    # the same reports, the same figures: one reporting moment (docs/counting.md, section 2)
    figures = quarter.text.split("\n", 1)[1]
    assert year.text.split("\n", 1)[1] == figures
    assert "Năm 2026" in year.text


async def test_late_and_missing_are_counted_apart(harness: BotHarness) -> None:
    await seed(harness.db, QUARTERLY)
    harness.clock.set(at(18, 12))  # two working days after the deadline (16/12)
    await harness.ask(OFFICER, "II.1.a xong\nII.2.a xong\nII.1.c đã gửi ý kiến")
    harness.clock.set(at(28, 12))  # Sở Tài chính has sent nothing: 8 working days overdue
    summary = await harness.ask(COORDINATOR, "/summary 151 quý IV/2026")
    assert "Sở Xây dựng: 3/3 (trong đó phối hợp 1/1), gửi trễ hạn 3" in summary.text
    assert "Sở Tài chính: 0/1, ❗ quá hạn chưa gửi 1 (8 ngày làm việc)" in summary.text
    assert "quá hạn chưa báo cáo đủ: 1" in summary.text
    missing = await harness.ask(COORDINATOR, "/missing 151 quý IV/2026")
    assert "Sở Tài chính" in missing.text and "quá hạn 8 ngày làm việc" in missing.text
    assert "Sở Xây dựng" not in missing.text


async def test_a_supporting_agency_has_one_deadline_and_sends_its_input(
    harness: BotHarness,
) -> None:
    await seed(harness.db, QUARTERLY)
    harness.clock.set(at(11, 12))
    await harness.tick()
    [reminder] = reminders_of(harness, OFFICER, "Quý IV/2026")
    # the lead's deadline heads the reminder; the supporting task gives its own, once
    assert "hạn 16/12/2026" in reminder.text
    assert "II.1.c" in reminder.text and "(phối hợp, hạn gửi ý kiến 15/12/2026)" in reminder.text
    listing = await harness.ask(OFFICER, "/tasks")
    assert "(phối hợp, hạn gửi ý kiến 15/12/2026) — chưa gửi ý kiến" in listing.text
    # on the lead's deadline day the supporting input is late, and said so the same way
    harness.clock.set(at(16, 12))
    await harness.tick()
    overdue = reminders_of(harness, OFFICER, "Quý IV/2026")[-1]
    assert "quá hạn gửi ý kiến 15/12/2026" in overdue.text
    # its usual answer records its input, never the task's status
    reply = await harness.ask(
        OFFICER, "II.1.c đã gửi ý kiến bằng văn bản số 125/SXD-QLN", reply_to=overdue.message_id
    )
    assert "Đã gửi ý kiến" in reply.text and "sau hạn 15/12/2026" in reply.text
    assert "Hoàn thành" not in reply.text
    assert ("151/KH-UBND", "2026-Q4", "II.1.c", "done", True) in await reports(harness.db)
    summary = await harness.ask(COORDINATOR, "/summary 151 quý IV/2026")
    assert "Chưa báo cáo: 3" in summary.text  # II.1.c waits for its lead, Sở Tài chính


async def test_an_agency_whose_first_officer_joins_late_is_chased_from_that_day(
    harness: BotHarness,
) -> None:
    from access.members import create_invite
    from domain.status import Role
    from plans.registry import find_agency

    await seed(harness.db, QUARTERLY)
    async with harness.db.transaction() as session:  # Sở Tài chính had nobody until 28/12
        finance = await session.scalar(select(Member).where(Member.telegram_user_id == FINANCE.id))
        assert finance is not None
        await session.delete(finance)
        agency = (await find_agency(session, TC)).agency
        assert agency is not None
        invite = await create_invite(
            session, agency=agency, role=Role.OFFICER, created_by=None, now=at(28, 12, 8)
        )
    harness.clock.set(at(28, 12))  # eight working days after the deadline (16/12)
    await harness.ask(FINANCE, f"/start {invite.token}")
    escalated: list[str] = []
    for day in (28, 29, 30, 31):
        harness.clock.set(at(day, 12))
        mark = len(harness.emulator.messages_to(COORDINATOR.id))
        await harness.tick()
        escalated += [
            f"{day}: {m.text}"
            for m in harness.emulator.messages_to(COORDINATOR.id)[mark:]
            if "Sở Tài chính:" in m.text.partition("sau nhiều lần nhắc")[2]
        ]
    # reminded from the day it joined; the coordinators told three working days later, not
    # for the days before anyone could have been reminded
    assert reminders_of(harness, FINANCE, "Quý IV/2026")
    assert [line[:3] for line in escalated] == ["31:"], escalated
