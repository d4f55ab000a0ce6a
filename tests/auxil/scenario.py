"""A small plan with agencies and members, seeded straight into the database."""

from __future__ import annotations

from dataclasses import dataclass

from emulator import FakeUser
from plans.model import PlanDraft, PlanInfo, ReportingSchedule, TaskDraft
from plans.registry import add_agency
from plans.store import save_plan
from storage.db import Database
from storage.models import Agency, Member, Plan

PLAN = PlanDraft(
    plan=PlanInfo(
        number="151/KH-UBND",
        title="Triển khai Chương trình hành động số 21-CTr/TU",
        issuer="UBND tỉnh Quảng Ngãi",
        coordinator="Sở Xây dựng",
    ),
    tasks=[
        TaskDraft(
            ref="II.1.a",
            title="Chuẩn hóa số liệu chỉ tiêu đô thị hóa",
            lead=["Sở Xây dựng"],
            timeframe="Thường xuyên",
        ),
        TaskDraft(
            ref="II.1.c",
            title="Bố trí nguồn vốn cho nhà ở xã hội",
            lead=["Sở Tài chính"],
            support=["Sở Xây dựng"],
            timeframe="Thường xuyên",
        ),
        TaskDraft(
            ref="II.2.a",
            title="Rà soát quy hoạch đô thị",
            lead=["Sở Xây dựng"],
            timeframe="Thường xuyên",
        ),
    ],
    reporting=ReportingSchedule(frequencies=["quarterly"]),
)


@dataclass
class Scenario:
    plan: Plan
    construction: Agency
    finance: Agency
    officer: Member
    finance_officer: Member
    coordinator: Member


async def seed(
    db: Database, officer: FakeUser, finance: FakeUser, coordinator: FakeUser
) -> Scenario:
    async with db.transaction() as session:
        xd = await add_agency(session, "Sở Xây dựng", short_name="Sở XD")
        tc = await add_agency(session, "Sở Tài chính", short_name="Sở TC")
        saved = await save_plan(session, PLAN)

        def member(user: FakeUser, agency: Agency, role: str) -> Member:
            row = Member(
                telegram_user_id=user.id,
                full_name=f"{user.first_name} {user.last_name}".strip(),
                agency_id=agency.id,
                role=role,
            )
            session.add(row)
            return row

        members = (
            member(officer, xd, "officer"),
            member(finance, tc, "officer"),
            member(coordinator, xd, "coordinator"),
        )
        await session.flush()
    return Scenario(saved.plan, xd, tc, *members)
