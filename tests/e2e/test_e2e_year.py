"""A simulated year of reporting through the real bot (docs/counting.md): one province, plan
151 loaded in January, a monthly plan loaded in the middle of a period, plan 151 re-imported
with an added task, twenty officers who reply the way people do (on time, late, never, to an
old reminder, to the list, by buttons, in free text, with and without diacritics), and the
clock moved day by day through 2026, Tết and 2/9 included. After every day the invariants of
the counting rules are checked; on each digest day, every view's figures are compared."""

from __future__ import annotations

import random
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from emulator import BotApiEmulator, FakeUser, SentMessage
from periods.labels import name_of
from periods.rules import parse_period_key
from periods.schedule import owed_from_when_added
from periods.store import load_calendar, schedule_of
from plans.document import read_document
from plans.model import DeadlineRule, PlanDraft, PlanInfo, ReportingSchedule, TaskDraft
from plans.registry import load_starter, set_deployment_province
from plans.starter import load_directory as load_starter_directory
from plans.store import ImportClock, save_plan
from reports.summary import summarize
from storage.db import Database
from storage.models import (
    Agency,
    Assignment,
    Member,
    Plan,
    ReminderDelivery,
    Report,
    ReportingPeriod,
    ReportRevision,
    Task,
)
from tests.auxil.clock import FakeClock
from tests.auxil.harness import BotHarness, make_settings
from texts import Texts

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
VI = Texts("vi")
COORDINATOR = FakeUser(910000, "Trần", "Điều Phối")
ADMIN = FakeUser(910001, "Quản", "Trị")

MONTHLY = PlanDraft(
    plan=PlanInfo(
        number="45/KH-SXD",
        title="Kế hoạch cải cách thủ tục hành chính lĩnh vực xây dựng năm 2026",
        issuer="Sở Xây dựng tỉnh Quảng Ngãi",
        coordinator="Sở Xây dựng",
    ),
    tasks=[
        TaskDraft(ref="1", title="Rà soát thủ tục cấp phép xây dựng", lead=["Sở Xây dựng"]),
        TaskDraft(
            ref="2",
            title="Số hóa hồ sơ thẩm định dự án",
            lead=["Sở Xây dựng"],
            support=["Sở Tài chính", "Sở Khoa học và Công nghệ"],
        ),
        TaskDraft(ref="3", title="Công khai quy hoạch trên cổng thông tin", lead=["Sở Tài chính"]),
    ],
    reporting=ReportingSchedule(
        frequencies=["monthly"],
        deadlines={"monthly": DeadlineRule(day=15)},
        clause="báo cáo kết quả về Sở Xây dựng trước ngày 15 hằng tháng",
    ),
)

# how officers behave: each profile is how one agency's officer answers
PROFILES = ("punctual", "late", "never", "buttons", "list", "plain", "old_reminder")
NO_DIACRITICS = {"xong": "xong", "đang thực hiện": "dang thuc hien", "vướng mắc": "vuong mac"}


@dataclass
class Officer:
    user: FakeUser
    agency_id: int
    profile: str
    reminders: list[SentMessage] = field(default_factory=list)


@dataclass
class Year:
    bot: BotHarness
    officers: list[Officer]
    plan_ids: dict[str, int]
    rng: random.Random
    replies: int = 0
    checks: int = 0


def local(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour - 7, minute, tzinfo=UTC)


async def save_with_start(db: Database, draft: PlanDraft, on: date) -> int:
    """Save a plan as the import does on day `on`: its first period the first one at least
    five working days away (docs/counting.md, section 3)."""
    async with db.transaction() as session:
        calendar = await load_calendar(session)
        saved = await save_plan(session, draft, at=ImportClock(local(on), calendar))
        return saved.plan.id


@pytest.fixture
async def year(db: Database, tmp_path: Path) -> AsyncIterator[Year]:
    emulator = BotApiEmulator()
    await emulator.start()
    clock = FakeClock(local(date(2026, 1, 5)))
    settings = make_settings(
        emulator,
        DONDOC_ADMIN_IDS=str(ADMIN.id),
        # the year is about counting, not pacing (tested on its own: the attacks, the
        # fan-out): a year of messages at Telegram's pace would be minutes of waiting
        DONDOC_CHAT_RATE=100,
        DONDOC_SEND_RATE=1000,
    )
    bot = BotHarness(emulator, db, BotHarness.make_services(settings, db, clock), clock)
    plan_151 = await save_with_start(db, await draft_151(db), date(2026, 1, 5))
    officers: list[Officer] = []
    async with db.transaction() as session:
        assigned = (
            select(Assignment.agency_id)
            .join(Task, Task.id == Assignment.task_id)
            .where(Task.plan_id == plan_151)
        )
        agencies = (
            await session.scalars(
                select(Agency).where(Agency.id.in_(assigned), Agency.active).order_by(Agency.name)
            )
        ).all()
        rng = random.Random(2026)
        for n, agency in enumerate(agencies[:20]):
            user = FakeUser(920000 + n, "Cán bộ", agency.short_name or agency.name[:20])
            session.add(
                Member(
                    telegram_user_id=user.id,
                    full_name=f"Cán bộ {n}",
                    agency_id=agency.id,
                    role="officer",
                    created_at=local(date(2026, 1, 5)),
                )
            )
            officers.append(Officer(user, agency.id, PROFILES[n % len(PROFILES)]))
        xd = next(a for a in agencies if a.name == "Sở Xây dựng")
        session.add(
            Member(
                telegram_user_id=COORDINATOR.id,
                full_name="Trần Điều Phối",
                agency_id=xd.id,
                role="coordinator",
            )
        )
    await bot.start()
    try:
        yield Year(bot, officers, {"151": plan_151}, rng)
    finally:
        await bot.stop()
        await emulator.stop()


async def draft_151(db: Database) -> PlanDraft:
    async with db.transaction() as session:
        await set_deployment_province(session, "Quảng Ngãi")
        await load_starter(session, load_starter_directory(), on=date(2026, 1, 5))
    seed = "quang-ngai-151-kh-ubnd.txt"
    return read_document((SEEDS / seed).read_bytes(), seed)


async def reimport_with_task(year: Year, on: date) -> None:
    """Plan 151 saved again with one more task: its assignments are owed from the first
    deadline at least five working days away (docs/counting.md, section 3)."""
    draft = await draft_151(year.bot.db)
    extra = TaskDraft(
        ref="VIII.1",
        title="Sơ kết giữa kỳ việc thực hiện Kế hoạch",
        lead=["Sở Xây dựng"],
        support=["Sở Tài chính"],
    )
    draft = draft.model_copy(update={"tasks": [*draft.tasks, extra]})
    async with year.bot.db.transaction() as session:
        calendar = await load_calendar(session)
        before = set(
            (
                await session.scalars(
                    select(Assignment.id).join(Task).where(Task.plan_id == year.plan_ids["151"])
                )
            ).all()
        )
        await save_plan(session, draft, at=ImportClock(local(on), calendar))
        added = (
            await session.scalars(
                select(Assignment)
                .join(Task)
                .where(Task.plan_id == year.plan_ids["151"], Assignment.id.not_in(before))
            )
        ).all()
        assert added and all(a.owed_from == owed_from_when_added(on, calendar) for a in added)


# --- what officers do -------------------------------------------------------------------------


def say(officer: Officer, words: str) -> str:
    if officer.profile == "plain":  # typed without diacritics, as on many phones
        for written, plain in NO_DIACRITICS.items():
            words = words.replace(written, plain)
    return words


async def send(year: Year, officer: Officer, text: str, reply_to: int | None = None) -> Sent:
    bot = year.bot
    mark = len(bot.emulator.sent)
    update = bot.send(officer.user, text, reply_to=reply_to)
    answer = await bot.emulator.reply_to(officer.user.id, after=mark)
    year.replies += 1
    return Sent(update["update_id"], reply_to, answer, text)


@dataclass
class Sent:
    update_id: int
    reply_to: int | None
    answer: SentMessage
    text: str


def status_words(year: Year) -> str:
    return year.rng.choice(["xong", "đang thực hiện 60%", "đang thực hiện 30%, vướng mắc vốn"])


async def act(year: Year, officer: Officer, today: date, fresh: list[SentMessage]) -> list[Sent]:
    """What the officer does today, given the reminders that arrived today."""
    sent: list[Sent] = []
    if officer.profile == "never" or not fresh:
        return sent
    latest = fresh[-1]
    overdue = latest.text.startswith("❗")
    if officer.profile == "late" and not overdue:
        return sent  # waits until told it is late
    if officer.profile == "punctual" or officer.profile == "late" or officer.profile == "plain":
        for reminder in fresh:
            sent.append(
                await send(
                    year, officer, say(officer, f"1 {status_words(year)}"), reminder.message_id
                )
            )
    elif officer.profile == "buttons":
        buttons = [data for _text, data in latest.buttons() if data.startswith("rt:")]
        if buttons:
            picker = await year.bot.press(officer.user, latest, buttons[0])
            done = [data for _text, data in picker.buttons() if data.endswith(":done")]
            if done:
                await year.bot.press(officer.user, picker, done[0])
    elif officer.profile == "list":
        listing = await send(year, officer, "/tasks")
        refs = re.findall(r"<b>([IVX]+\.\d(?:\.[a-zđ])?|\d)</b>", listing.answer.raw_text)
        if refs:
            sent.append(await send(year, officer, f"{refs[0]} xong", listing.answer.message_id))
    elif officer.profile == "old_reminder" and len(officer.reminders) > len(fresh):
        older = officer.reminders[-len(fresh) - 1]
        sent.append(await send(year, officer, "1 đang thực hiện 50%", older.message_id))
    return sent


# --- invariants ---------------------------------------------------------------------------------


async def check_filed_where_meant(year: Year, sent: list[Sent]) -> None:
    """Each reply's reports are in a period its message could mean: a reply to a reminder, in
    that reminder's plan and period or an earlier one of the same task still owed (settled);
    never a later period, never another plan."""
    async with year.bot.db.transaction() as session:
        for item in sent:
            rows = (
                await session.execute(
                    select(ReportingPeriod, Task.plan_id)
                    .join(Report, Report.period_id == ReportingPeriod.id)
                    .join(ReportRevision, ReportRevision.report_id == Report.id)
                    .join(Task, Task.id == Report.task_id)
                    .where(ReportRevision.source_update_id == item.update_id)
                )
            ).all()
            if item.reply_to is None:
                continue
            delivery = await session.scalar(
                select(ReminderDelivery).where(
                    ReminderDelivery.message_id == item.reply_to,
                    ReminderDelivery.chat_id == item.answer.chat_id,
                )
            )
            if delivery is None or delivery.period_id is None:
                continue  # a reply to the task list: any period owed then
            asked = await session.get(ReportingPeriod, delivery.period_id)
            assert asked is not None
            for period, plan_id in rows:
                assert plan_id == asked.plan_id, (item.text, period.key, asked.key)
                assert period.ends_on <= asked.ends_on, (item.text, period.key, asked.key)


async def check_reminders(year: Year, today: date) -> None:
    """Each reminder sent today is for a period from the plan's first one on, and lists only
    tasks the agency owes then: never one whose assignment is owed from a later deadline, never
    one it had reported when the reminder went out."""
    async with year.bot.db.transaction() as session:
        deliveries = (
            await session.scalars(
                select(ReminderDelivery).where(
                    ReminderDelivery.day == today,
                    ReminderDelivery.status == "sent",
                    ReminderDelivery.kind.in_(("before", "due", "overdue")),
                )
            )
        ).all()
        for delivery in deliveries:
            period = await session.get(ReportingPeriod, delivery.period_id)
            assert period is not None
            plan = await session.get(Plan, period.plan_id)
            assert plan is not None
            first = schedule_of(plan).starts_from
            assert first is not None
            assert period.ends_on >= parse_period_key(first).ends_on, (period.key, first)
            message = next(
                m
                for m in year.bot.emulator.messages_to(delivery.chat_id)
                if m.message_id == delivery.message_id
            )
            refs = re.findall(r"^\d+\. <b>([^<]+)</b>", message.raw_text, re.M)
            assert refs, message.text
            tasks = (
                await session.execute(
                    select(Task, Assignment)
                    .join(Assignment, Assignment.task_id == Task.id)
                    .where(
                        Task.plan_id == plan.id,
                        Task.ref.in_(refs),
                        Assignment.agency_id == delivery.agency_id,
                    )
                )
            ).all()
            assert len(tasks) == len(refs), (refs, message.text)
            for task, assignment in tasks:
                assert assignment.owed_from is None or assignment.owed_from <= period.deadline
                reported = await session.scalar(
                    select(Report.id)
                    .join(ReportingPeriod, ReportingPeriod.id == Report.period_id)
                    .where(
                        Report.task_id == task.id,
                        Report.agency_id == delivery.agency_id,
                        ReportingPeriod.plan_id == plan.id,
                        ReportingPeriod.ends_on == period.ends_on,
                        Report.reported_at < delivery.sent_at,
                    )
                )
                assert reported is None, (task.ref, period.key, "reported, yet reminded")
            year.checks += 1


async def check_views_agree(year: Year, today: date, since: int) -> None:
    """On a digest day: each digest sent today (after message `since`) gives /summary's
    figures for its plan and period."""
    bot = year.bot
    digests = [
        m for m in bot.emulator.messages_to(COORDINATOR.id)[since:] if "Tin tổng hợp tuần" in m.text
    ]

    async with bot.db.transaction() as session:
        for message in digests:
            number = re.search(r"— (\S+), kỳ (.+?) \(hạn", message.text)
            assert number is not None, message.text
            plan = await session.scalar(select(Plan).where(Plan.number == number[1]))
            assert plan is not None
            period = await period_by_label(session, plan, number[2])
            summary = await summarize(session, plan, period, today)
            done = re.search(r"hoàn thành (\d+)/(\d+)", message.text)
            reported = re.search(r"(\d+)/(\d+) đã báo cáo đủ", message.text)
            assert done and reported, message.text
            assert (int(done[1]), int(done[2])) == (summary.done, summary.total)
            assert (int(reported[1]), int(reported[2])) == (
                summary.agencies_reported,
                summary.agency_count,
            )
            year.checks += 1


async def period_by_label(session, plan: Plan, label: str) -> ReportingPeriod:  # type: ignore[no-untyped-def]
    rows = (
        await session.scalars(select(ReportingPeriod).where(ReportingPeriod.plan_id == plan.id))
    ).all()
    for row in rows:
        if VI.period(name_of(row)) == label:
            return row
    raise AssertionError(f"no period {label} of {plan.number}")


async def check_year_is_quarter_four(year: Year, today: date) -> None:
    async with year.bot.db.transaction() as session:
        calendar = await load_calendar(session)
        plan = await session.get(Plan, year.plan_ids["151"])
        assert plan is not None
        from periods.rules import period_for
        from periods.store import ensure_period

        q4 = await ensure_period(session, plan, period_for("quarterly", 2026, 4), calendar)
        whole = await ensure_period(session, plan, period_for("yearly", 2026), calendar)
        quarter, annual = (
            await summarize(session, plan, q4, today),
            await summarize(session, plan, whole, today),
        )
        assert dict(quarter.counts) == dict(annual.counts)
        assert (quarter.agencies_reported, quarter.agency_count) == (
            annual.agencies_reported,
            annual.agency_count,
        )
        year.checks += 1


async def is_working(bot: BotHarness, day: date) -> bool:
    async with bot.db.transaction() as session:
        return (await load_calendar(session)).is_working_day(day)


async def test_a_simulated_year_of_reporting(year: Year, backend: str) -> None:
    """The whole of 2026 on SQLite; on PostgreSQL its last four months (the third quarter's
    deadline, the monthly plan, the re-import's first period, quarter IV and the year), which
    keeps the suite's time in bounds while every query runs on both."""
    bot = year.bot
    day = date(2026, 1, 5) if backend == "sqlite" else date(2026, 9, 1)
    end = date(2026, 12, 31)
    if day > date(2026, 5, 20):
        year.plan_ids["45"] = await save_with_start(bot.db, MONTHLY, date(2026, 5, 20))
    while day <= end:
        bot.clock.set(local(day, 9))
        if day == date(2026, 5, 20) and "45" not in year.plan_ids:  # loaded mid-period
            year.plan_ids["45"] = await save_with_start(bot.db, MONTHLY, day)
        if day == date(2026, 8, 3):  # plan 151 again, with a task added
            await reimport_with_task(year, day)
        mark = {o.user.id: len(bot.emulator.messages_to(o.user.id)) for o in year.officers}
        coordinator_mark = len(bot.emulator.messages_to(COORDINATOR.id))
        await bot.tick()
        if day.weekday() == 0 and await is_working(bot, day):
            # the digest went out with this tick: compared before anyone answers
            await check_views_agree(year, day, coordinator_mark)
        sent: list[Sent] = []
        for officer in year.officers:
            fresh = [
                m
                for m in bot.emulator.messages_to(officer.user.id)[mark[officer.user.id] :]
                if m.text.startswith(("⏰", "❗"))
            ]
            officer.reminders += fresh
            sent += await act(year, officer, day, fresh)
        await check_filed_where_meant(year, sent)
        await check_reminders(year, day)
        if day >= date(2026, 12, 17):
            await check_year_is_quarter_four(year, day)
        day += timedelta(days=1)
    assert year.replies > (100 if backend == "sqlite" else 40) and year.checks > 40
