"""A seed plan imported into one province as it is today, with a handful of reports."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from domain.status import ReportStatus
from periods.calendar import WorkingCalendar
from periods.rules import period_containing
from periods.store import ensure_period
from plans.document import read_document
from plans.registry import find_agency, load_starter, set_deployment_province
from plans.starter import load_directory as load_starter_directory
from plans.store import save_plan
from reports.model import PlanSummary
from reports.service import record_report
from reports.summary import summarize
from storage.db import Database
from storage.models import Member, Task

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 12, 10)

# Five agencies of Quảng Ngãi report on plan 151 in Q4/2026 (one typed without diacritics).
REPORTS_151 = [
    ("II.1.a", "Sở Xây dựng", ReportStatus.IN_PROGRESS, 80,
     "Đã trình UBND tỉnh dự thảo Chương trình phát triển đô thị tỉnh"),
    ("II.1.c", "Sở Tài chính", ReportStatus.BLOCKED, 30,
     "Vướng mắc: chưa được bố trí vốn đối ứng; kiến nghị UBND tỉnh bổ sung kế hoạch vốn 2027"),
    ("II.2.b", "Sở Xây dựng", ReportStatus.DONE, 100, "Đã ban hành quy chế quản lý kiến trúc"),
    ("II.2.c", "Sở Nông nghiệp và Môi trường", ReportStatus.NOT_STARTED, None,
     "chua trien khai do cho huong dan cua Bo"),
    ("II.4.b", "Sở Khoa học và Công nghệ", ReportStatus.IN_PROGRESS, 50,
     "Đang xây dựng cơ sở dữ liệu đô thị dùng chung"),
    ("II.1.b", "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi",
     ReportStatus.IN_PROGRESS, 40, "Đang rà soát quy hoạch các khu công nghiệp"),
]  # fmt: skip

REPORTS_15 = [
    ("IV.5", "Ban Tuyên giáo và Dân vận Tỉnh ủy", ReportStatus.IN_PROGRESS, 60,
     "Đã tổ chức quán triệt Nghị quyết 06-NQ/TW đến các chi bộ"),
    ("IV.6", "Văn phòng Tỉnh ủy", ReportStatus.DONE, 100, "Đã tổng hợp báo cáo sơ kết"),
]  # fmt: skip


async def seeded_summary(
    db: Database,
    seed: str,
    province: str,
    reports: list[tuple[str, str, ReportStatus, int | None, str]],
    *,
    today: date = TODAY,
) -> PlanSummary:
    """Set the province, load its directory as of `today`, import the seed plan, record the
    reports for the quarter that contains `today`, and summarise it."""
    async with db.transaction() as session:
        await set_deployment_province(session, province)
        await load_starter(session, load_starter_directory(), on=today)
        saved = await save_plan(session, read_document((SEEDS / seed).read_bytes(), seed))
    calendar = WorkingCalendar()
    async with db.transaction() as session:
        plan = saved.plan
        plan = await session.merge(plan)
        period = await ensure_period(session, plan, period_containing("quarterly", today), calendar)
        for n, (ref, agency_name, status, percent, note) in enumerate(reports):
            agency = (await find_agency(session, agency_name)).agency
            assert agency is not None, agency_name
            member = Member(
                telegram_user_id=900_000 + n,
                full_name=f"Cán bộ {n}",
                agency_id=agency.id,
                role="officer",
            )
            session.add(member)
            await session.flush()
            task = await session.scalar(
                select(Task).where(Task.plan_id == plan.id, Task.ref == ref)
            )
            assert task is not None, ref
            await record_report(
                session,
                member=member,
                agency_id=agency.id,
                period=period,
                task=task,
                status=status,
                percent=percent,
                note=note,
                now=datetime(today.year, today.month, today.day, 3, 0, tzinfo=UTC),
                tz=TZ,
            )
        return await summarize(session, plan, period, today, with_rows=True)
