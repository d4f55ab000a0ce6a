"""Figure requests (docs/counting.md, section 9): the officers of an indicator's owner are asked
once a figure moment, by key, for what their agency still owes; an agency that sent every
figure is not asked; nothing is asked outside the moments or for a plan nobody owns figures
of; a reply to the request refers to its indicators."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from emulator import FakeUser
from periods.calendar import WorkingCalendar
from plans.model import PlanDraft, PlanInfo, ReportingSchedule, TargetDraft, TaskDraft
from plans.registry import add_agency
from plans.store import ImportClock, save_plan
from storage.models import BotMessage, Member, ReminderDelivery
from tests.auxil.harness import BotHarness

BUILDER = FakeUser(940001, "Cán bộ", "Xây dựng")
HELPER = FakeUser(940002, "Cán bộ", "Xây dựng 2")
FINANCE = FakeUser(940003, "Cán bộ", "Tài chính")

PLAN = PlanDraft(
    plan=PlanInfo(number="77/KH-UBND", title="Phát triển đô thị", coordinator="Sở Xây dựng"),
    tasks=[TaskDraft(ref="1", title="Rà soát quy hoạch", lead=["Sở Xây dựng"])],
    reporting=ReportingSchedule(frequencies=["quarterly"]),
    targets=[
        TargetDraft(indicator="Tỷ lệ đô thị hóa", horizon=2025, comparison="gt", value=40,
                    unit="%"),
        TargetDraft(indicator="Tỷ lệ đô thị hóa", horizon=2030, comparison="gt", value=45,
                    unit="%"),
        TargetDraft(indicator="Diện tích sàn nhà ở bình quân đầu người", horizon=2030,
                    comparison="ge", value=34, unit="m²"),
        TargetDraft(indicator="Xây dựng đô thị xanh, văn minh", horizon=2030),  # qualitative
    ],
)  # fmt: skip


def local(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour - 7, tzinfo=UTC)


async def seed(harness: BotHarness) -> None:
    async with harness.db.transaction() as session:
        builder = await add_agency(session, "Sở Xây dựng")
        finance = await add_agency(session, "Sở Tài chính")
        await save_plan(session, PLAN, at=ImportClock(local(date(2026, 11, 23)), WorkingCalendar()))
        for user, agency in ((BUILDER, builder), (HELPER, builder), (FINANCE, finance)):
            session.add(
                Member(
                    telegram_user_id=user.id,
                    full_name=user.last_name,
                    agency_id=agency.id,
                    role="officer",
                )
            )


def requests_to(harness: BotHarness, user: FakeUser) -> list[str]:
    return [m.text for m in harness.emulator.messages_to(user.id) if "Xin số liệu" in m.text]


async def test_the_owners_officers_are_asked_once_a_moment(harness: BotHarness) -> None:
    await seed(harness)
    harness.clock.set(local(date(2026, 11, 30)))
    await harness.tick()
    assert requests_to(harness, BUILDER) == []  # before the year moment
    harness.clock.set(local(date(2026, 12, 11)))
    await harness.tick()
    for day in (11, 14, 15, 16, 22):
        harness.clock.set(local(date(2026, 12, day)))
        await harness.tick()
    [request] = requests_to(harness, BUILDER)
    assert len(requests_to(harness, HELPER)) == 1  # each officer of the agency, once
    assert requests_to(harness, FINANCE) == []  # its agency provides no figure
    assert "1. Tỷ lệ đô thị hóa (%)" in request and "2. Diện tích sàn nhà ở" in request
    assert "Xây dựng đô thị xanh" not in request  # a qualitative goal is not asked for
    async with harness.db.sessions() as session:
        keys = (
            await session.scalars(
                select(ReminderDelivery.key).where(ReminderDelivery.kind == "figures")
            )
        ).all()
        assert len(keys) == 2 and all(k.startswith("f:") for k in keys)
        about = await session.scalar(
            select(BotMessage).where(
                BotMessage.chat_id == BUILDER.id, BotMessage.purpose == "figures"
            )
        )
        assert about is not None and len(about.context["indicator_ids"]) == 2


async def test_an_agency_that_sent_every_figure_is_not_asked(harness: BotHarness) -> None:
    await seed(harness)
    harness.clock.set(local(date(2026, 12, 10)))
    await harness.tick()  # before the moment's first reminder day: nobody asked yet
    for text in ("tỷ lệ đô thị hóa 41,2% năm 2025", "diện tích sàn nhà ở bình quân 33 m2"):
        reply = await harness.ask(BUILDER, text)
        assert "Đã ghi số liệu" in reply.text, reply.text
    harness.clock.set(local(date(2026, 12, 11)))
    await harness.tick()
    assert requests_to(harness, BUILDER) == [] and requests_to(harness, HELPER) == []
