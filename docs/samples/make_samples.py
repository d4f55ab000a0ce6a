"""Regenerate the sample outputs in docs/samples/ from the seed plans with demo data:
`.venv/bin/python docs/samples/make_samples.py` (deterministic: a fixed seed and clock)."""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from bot.demo import seed, seed_drafts  # noqa: E402
from domain.status import ReportStatus  # noqa: E402
from periods.calendar import WorkingCalendar  # noqa: E402
from periods.rules import period_for  # noqa: E402
from periods.store import ensure_period  # noqa: E402
from reports.chart import draw_chart  # noqa: E402
from reports.docx import write_draft_report  # noqa: E402
from reports.service import record_report  # noqa: E402
from reports.summary import summarize  # noqa: E402
from reports.xlsx import write_workbook  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Assignment, Member, Plan, Task  # noqa: E402

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 15, 3, 0, tzinfo=UTC)
NOTES = {
    ReportStatus.DONE: ["đã ban hành kế hoạch triển khai", "đã hoàn thành rà soát"],
    ReportStatus.IN_PROGRESS: ["đã trình UBND tỉnh dự thảo", "đang lấy ý kiến các sở"],
    ReportStatus.NOT_STARTED: ["chờ hướng dẫn của Bộ Xây dựng"],
    ReportStatus.BLOCKED: [
        "vướng mắc: thiếu vốn đối ứng; kiến nghị UBND tỉnh bố trí vốn năm 2027",
        "khó khăn về mặt bằng; đề xuất gia hạn đến Quý II/2027",
    ],
}


async def main() -> None:
    rng = random.Random(22)
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite+aiosqlite:///{folder}/samples.sqlite3")
        await db.upgrade()
        await seed(db, seed_drafts())
        calendar = WorkingCalendar()
        async with db.transaction() as session:
            plan = await session.scalar(select(Plan).where(Plan.number.like("151%")))
            assert plan is not None
            period = await ensure_period(session, plan, period_for("quarterly", 2026, 4), calendar)
            rows = (
                await session.execute(
                    select(Task, Assignment)
                    .join(Assignment, Assignment.task_id == Task.id)
                    .where(Task.plan_id == plan.id, Assignment.role == "lead")
                )
            ).all()
            reporter = Member(telegram_user_id=1, full_name="Cán bộ mẫu", role="officer")
            session.add(reporter)
            await session.flush()
            for task, assignment in rows:
                if rng.random() < 0.3:
                    continue  # not reported
                status = rng.choice(list(ReportStatus))
                await record_report(
                    session,
                    member=reporter,
                    agency_id=assignment.agency_id,
                    period=period,
                    task=task,
                    status=status,
                    percent=None if status is ReportStatus.DONE else rng.choice([20, 50, 70]),
                    note=rng.choice(NOTES[status]),
                    now=NOW,
                    tz=TZ,
                )
            summary = await summarize(session, plan, period, NOW.date(), with_rows=True)
        await db.dispose()
    out = Path(__file__).parent
    (out / "tong-hop-151-quy-iv-2026.xlsx").write_bytes(write_workbook([summary], NOW))
    (out / "bao-cao-151-quy-iv-2026.docx").write_bytes(
        write_draft_report(summary, "Sở Xây dựng", NOW)
    )
    (out / "bieu-do-151-quy-iv-2026.png").write_bytes(draw_chart(summary))
    print(f"wrote samples to {out}")


if __name__ == "__main__":
    asyncio.run(main())
